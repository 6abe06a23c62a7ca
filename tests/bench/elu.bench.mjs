// ELU in Node 20, one run, one table: our wasm kernels against plain JS and against the peer,
// XNNPACK's ELU as shipped in @tensorflow/tfjs-backend-wasm (tfjs_peer.mjs), and the public API
// both ways: copying Float32Arrays in and out, and on WasmArrays (m.allocate) with no copy, each
// against its tfjs counterpart (tf.elu end to end; tf.elu and EluGrad on tensors in wasm memory).
//   node tests/bench/elu.bench.mjs [--quick]
// Timed side by side in interleaved rounds (measure.mjs).
import { readFile } from 'node:fs/promises';

import { loadFlavor } from '../js/helpers.mjs';
import { measure } from './measure.mjs';
import { createTfjsPeer, inputs } from './tfjs_peer.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 9;
const timing = (units) => ({ units, rounds: ROUNDS, sliceMs: quick ? 10 : 25 });

// Preallocated wasm arrays x, dy (inputs) and out for raw-pointer calls into one module.
function heapArrays(mod, n) {
  const [px, pdy, pout, py] = [0, 1, 2, 3].map(() => mod._malloc(4 * n));
  mod.HEAPF32.set(inputs(n, 1), px >> 2);
  mod.HEAPF32.set(inputs(n, 2), pdy >> 2);
  mod.eluForward(px, py, n, 1); // y = ELU(x), for the from-output backward
  return { px, pdy, pout, py, free: () => [px, pdy, pout, py].forEach((p) => mod._free(p)) };
}

function jsElu(x, y, alpha) {
  for (let i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]);
}
function jsEluBackward(x, dy, dx, alpha) {
  for (let i = 0; i < x.length; i++) dx[i] = x[i] > 0 ? dy[i] : dy[i] * alpha * Math.exp(x[i]);
}

// Float32 ULPs between got and the double reference.
function maxUlps(x, y, ref) {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const r = ref(x[i]);
    const ulp = Math.abs(r) < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(Math.abs(r))) - 23);
    worst = Math.max(worst, Math.abs(y[i] - r) / ulp);
  }
  return worst;
}

const simd = await loadFlavor('simd');
const scalar = await loadFlavor('scalar');
const peer = await createTfjsPeer();
const rows = [];
const ratios = [];

// The peers each contender is compared with (the ratio column).
const XNN = 'peer: tfjs-wasm XNNPACK Elu kernel';
const TF_ELU = 'peer: tf.elu end to end (upload, op, readback)';
const TF_ELU_RESIDENT = 'peer: tf.elu on a resident tensor (op only)';
const GRAD = 'peer: tfjs-wasm EluGrad kernel';
const GRAD_RESIDENT = 'peer: tfjs EluGrad op on resident tensors';

// WasmArrays (m.allocate) holding x, dy and y = ELU(x), and one for the results.
function wasmArrays(api, n) {
  const fill = (values) => { const b = api.allocate(n); b.array.set(values); return b; };
  const x = fill(inputs(n, 1)), dy = fill(inputs(n, 2)), out = api.allocate(n);
  const y = api.elu(x, 1, api.allocate(n));
  return { x, dy, y, out, dispose: () => [x, dy, y, out].forEach((b) => b.dispose()) };
}

for (const n of [4096, 1 << 20]) {
  const s = heapArrays(simd.mod, n);
  const c = heapArrays(scalar.mod, n);
  const w = wasmArrays(simd.api, n);
  const x = inputs(n, 1), dy = inputs(n, 2), out = new Float32Array(n), y = simd.api.elu(x);
  const xnn = peer.kernel(n), tfe = peer.endToEnd(n), tfr = peer.resident(n);
  const grad = peer.gradKernel(n), gradOp = peer.gradResident(n);
  // [contender, run, the peer it is compared with]
  const fwd = [
    ['SIMD128 forward, raw pointers', () => simd.mod.eluForward(s.px, s.pout, n, 1), XNN],
    ['scalar-wasm forward, raw pointers', () => scalar.mod.eluForward(c.px, c.pout, n, 1), XNN],
    ['public m.elu(x) (copies included)', () => simd.api.elu(x), TF_ELU],
    ['public m.elu on WasmArrays (no copies)', () => simd.api.elu(w.x, 1, w.out), TF_ELU_RESIDENT],
    ['plain JS Math.expm1 loop', () => jsElu(x, out, 1), XNN],
    [XNN, () => xnn.run()],
    [TF_ELU, () => tfe.run()],
    [TF_ELU_RESIDENT, () => tfr.run()],
  ];
  const bwd = [
    ['SIMD128 backward (from x), raw', () => simd.mod.eluBackward(s.px, s.pdy, s.pout, n, 1), GRAD],
    ['SIMD128 backward from output, raw', () => simd.mod.eluBackwardFromOutput(s.py, s.pdy, s.pout, n, 1), GRAD],
    ['scalar-wasm backward (from x), raw', () => scalar.mod.eluBackward(c.px, c.pdy, c.pout, n, 1), GRAD],
    ['public m.eluBackward (copies included)', () => simd.api.eluBackward(x, dy), GRAD],
    ['public m.eluBackwardFromOutput (copies included)', () => simd.api.eluBackwardFromOutput(y, dy), GRAD],
    ['public m.eluBackwardFromOutput on WasmArrays (no copies)', () => simd.api.eluBackwardFromOutput(w.y, w.dy, 1, w.out), GRAD_RESIDENT],
    ['plain JS Math.exp loop', () => jsEluBackward(x, dy, out, 1), GRAD],
    [GRAD, () => grad.run()],
    [GRAD_RESIDENT, () => gradOp.run()],
  ];
  const all = [...fwd, ...bwd].map(([name, run, vs]) => ({ name, run, vs }));
  const rates = measure(all, timing(n));
  const rate = Object.fromEntries(all.map((c, i) => [c.name, rates[i]]));
  for (const c of all) {
    const ratio = c.vs ? (rate[c.name] / rate[c.vs]).toFixed(2) + 'x' : '';
    rows.push({ n, contender: c.name, 'elements/ns': rate[c.name].toFixed(3), 'vs peer': ratio, peer: c.vs?.slice(6) ?? '' });
  }
  const r = (a, b) => rate[a] / rate[b];
  ratios.push(
    [n, 'SIMD forward / XNNPACK kernel', r(fwd[0][0], XNN), n === 4096 ? 1.3 : null],
    [n, 'SIMD forward / plain JS loop', r(fwd[0][0], fwd[4][0]), 15],
    [n, 'public m.elu, copies / tf.elu end to end', r(fwd[2][0], TF_ELU), 1.2],
    [n, 'public m.elu, WasmArrays / tf.elu end to end', r(fwd[3][0], TF_ELU), 1.2],
    [n, 'public m.elu, WasmArrays / tf.elu on a resident tensor', r(fwd[3][0], TF_ELU_RESIDENT), n === 4096 ? 1.2 : null],
    [n, 'public m.elu, WasmArrays / public m.elu, copies', r(fwd[3][0], fwd[2][0]), null],
    [n, 'SIMD backward / EluGrad', r(bwd[0][0], GRAD), 2],
    [n, 'SIMD backward from output / EluGrad', r(bwd[1][0], GRAD), 2],
    [n, 'public eluBackwardFromOutput, copies / EluGrad kernel', r(bwd[4][0], GRAD), null],
    [n, 'public eluBackwardFromOutput, WasmArrays / EluGrad kernel', r(bwd[5][0], GRAD), 2],
    [n, 'public eluBackwardFromOutput, WasmArrays / EluGrad op, resident', r(bwd[5][0], GRAD_RESIDENT), 2],
  );
  if (n === 1 << 20) {
    const { x: px, y: py } = xnn.result();
    const ours = simd.api.elu(px);
    const ref = (v) => (v > 0 ? v : Math.expm1(v));
    console.log(`Accuracy on these 2^20 inputs (alpha 1): ours max ${maxUlps(px, ours, ref).toFixed(3)} ULP,` +
      ` XNNPACK (tfjs-wasm) max ${maxUlps(px, py, ref).toFixed(3)} ULP`);
  }
  [xnn, tfe, tfr, grad, gradOp, s, c, w].forEach((o) => (o.dispose ?? o.free)());
}

console.log(`\nELU in Node ${process.versions.node} (medians of ${ROUNDS} interleaved rounds; ` +
  `peer: tfjs-backend-wasm ${peer.info.version}, ${peer.info.simd ? 'SIMD' : 'no SIMD'} build)`);
console.table(rows);
console.table(ratios.map(([n, what, r, target]) => ({
  n, ratio: what, measured: r.toFixed(2) + 'x',
  target: target ? `>= ${target}x` : '', met: target ? (r >= target ? 'yes' : 'NO') : '',
})));

// Every variant of kernels/elu.inc in the SIMD build, n = 4096 (the production one is listed in elu.h),
// through build/wasm/elu_bench_simd (the shipped modules do not bind the variants).
const benchBuild = new URL('../../build/wasm/', import.meta.url);
const { default: benchFactory } = await import(new URL('elu_bench_simd.mjs', benchBuild));
const bench = await benchFactory({ wasmBinary: await readFile(new URL('elu_bench_simd.wasm', benchBuild)) });
const n = 4096, v = heapArrays(bench, n);
const variants = Array.from({ length: bench.variantCount() }, (_, i) => ({
  name: bench.variantName(i),
  run: bench.variantOp(i) === 'bwdy'
    ? () => bench.runVariant(i, v.py, v.pdy, v.pout, n, 1)
    : () => bench.runVariant(i, v.px, v.pdy, v.pout, n, 1),
}));
const vr = measure(variants, timing(n));
console.table(variants.map((c, i) => ({ variant: c.name, 'elements/ns (n=4096, alpha 1)': vr[i].toFixed(3) })));
