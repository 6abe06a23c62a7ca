// Peer measurement: ELU as shipped in @tensorflow/tfjs-backend-wasm 4.22.0, in plain Node 20.
//
// What the peer actually is (read from the 4.22.0 dist and the tfjs C++ sources, tensorflow/tfjs):
// - Elu: kernels/Elu.js is createUnaryKernelConfig('Elu'), i.e. cwrap('Elu') called as
//   Elu(xId, dtype, outId). In C++ (cc/kernels/Elu.cc -> elu_impl.cc) that is XNNPACK's
//   xnn_create_elu_nc_f32 (alpha 1, created once and cached), then set up for this batch and
//   xnn_run_operator on every call: the per-call XNNPACK setup is part of what we time, as it
//   is for any tfjs user.
// - EluGrad: the wasm backend DOES register its own EluGrad (kernels/EluGrad.js, listed in
//   register_all_kernels.js): cwrap('EluGrad') called as EluGrad(yId, dyId, outId). Note the
//   order, y before dy. In C++ it is NOT XNNPACK (XNNPACK has no ELU gradient): a plain
//   loop `out = y >= 0 ? dy : dy * (y + 1.0)`, left to the compiler. No fallback is involved.
// - "Kernel alone" means the raw wasm export (Module.asm.Elu / .EluGrad). cwrap() with numeric
//   arguments just returns Module._Elu, a trampoline forwarding to that same export, so
//   calling the export skips only a JS .apply() hop that is no part of the kernel.
// - Loading: in Node the package's "main" (the CJS node bundle) is used; its Emscripten glue
//   reads the .wasm with fs.readFileSync, never fetch, unless setWasmPaths(..., true) asks for
//   platform fetch. We still set the directory explicitly (it must end in "/": tfjs just
//   concatenates prefix + file name), and record which file was actually read to report
//   SIMD as observed rather than inferred. Threads are always off in Node (tfjs's
//   WASM_HAS_MULTITHREAD_SUPPORT returns false when IS_NODE), so the choice is simd or plain.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
// Both packages are CJS for Node; requiring them (not importing the ESM "module" builds) keeps
// the backend and our code on the same tfjs-core instance.
const tf = require('@tensorflow/tfjs-core');
const tfwasm = require('@tensorflow/tfjs-backend-wasm');
const WASM_DIR = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;

// Uniform in [-10, 10], deterministic (the native bench spreads inputs the same way).
export function inputs(n, seed) {
  let s = seed >>> 0;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 4294967296) * 20 - 10;
  }
  return a;
}

function check(name, got, want, tol) {
  let worst = 0, at = -1;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i]));
    if (!(err <= worst)) { worst = Number.isNaN(err) ? Infinity : err; at = i; }
  }
  if (!(worst <= tol)) {
    throw new Error(`${name}: max rel err ${worst} at ${at} (got ${got[at]}, want ${want[at]})`);
  }
  return worst;
}

let peerPromise = null;

export function createTfjsPeer() {
  // The wasm backend can only be initialised once per process; share it.
  return (peerPromise ??= init());
}

async function init() {
  tfwasm.setWasmPaths(WASM_DIR);
  const wasmFiles = [];
  const readFileSync = fs.readFileSync;
  fs.readFileSync = function (file, ...rest) {
    if (String(file).endsWith('.wasm')) wasmFiles.push(String(file));
    return readFileSync.call(this, file, ...rest);
  };
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to initialise');
    await tf.ready();
  } finally {
    fs.readFileSync = readFileSync;
  }
  if (wasmFiles.length !== 1) throw new Error(`expected one .wasm read, saw ${wasmFiles}`);

  const backend = tf.backend();
  const mod = backend.wasm;
  const idOf = (t) => backend.dataIdMap.get(t.dataId).id;
  const wasmFile = path.basename(wasmFiles[0]);
  const info = {
    simd: wasmFile.includes('simd'),
    threaded: wasmFile.includes('threaded'),
    wasmFile: wasmFiles[0],
    version: tfwasm.version_wasm,
    coreVersion: tf.version_core,
    threads: tfwasm.getThreadsCount(),
    simdDetected: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
  };
  const Elu = mod.asm.Elu, EluGrad = mod.asm.EluGrad;
  if (typeof Elu !== 'function' || typeof EluGrad !== 'function') {
    throw new Error('Elu / EluGrad not exported by the tfjs wasm module');
  }
  const F32 = 0;  // CppDType.float32; Elu.cc ignores it, but pass what tfjs passes.

  // Forward kernel alone on preallocated tensors.
  function kernel(n) {
    const xs = inputs(n, 1);
    const x = tf.tensor1d(xs, 'float32');
    const out = tf.tensor1d(new Float32Array(n), 'float32');
    const xId = idOf(x), outId = idOf(out);
    Elu(xId, F32, outId);
    const want = Float32Array.from(xs, (v) => (v > 0 ? v : Math.expm1(v)));
    const maxRelErr = check(`tfjs Elu kernel n=${n}`, out.dataSync(), want, 1e-5);
    return {
      run() { Elu(xId, F32, outId); },
      maxRelErr,
      result: () => ({ x: xs, y: out.dataSync() }),  // for the accuracy comparison
      dispose() { x.dispose(); out.dispose(); },
    };
  }

  // What a tfjs user pays: upload, op dispatch (engine bookkeeping + Elu kernel), readback, free.
  function endToEnd(n) {
    const xs = inputs(n, 1);
    const run = () => {
      const x = tf.tensor1d(xs, 'float32');
      const y = tf.elu(x);
      const result = y.dataSync();  // already a fresh Float32Array copied out of the heap
      x.dispose();
      y.dispose();
      return result;
    };
    const want = Float32Array.from(xs, (v) => (v > 0 ? v : Math.expm1(v)));
    const maxRelErr = check(`tf.elu n=${n}`, run(), want, 1e-5);
    return { run, maxRelErr, dispose() {} };
  }

  // What a tfjs user pays with the input already a tensor in wasm memory (no upload, no readback):
  // op dispatch, the output's allocation, the kernel, and disposing the output.
  function resident(n) {
    const xs = inputs(n, 1);
    const x = tf.tensor1d(xs, 'float32');
    const want = Float32Array.from(xs, (v) => (v > 0 ? v : Math.expm1(v)));
    const y0 = tf.elu(x);
    const maxRelErr = check(`tf.elu resident n=${n}`, y0.dataSync(), want, 1e-5);
    y0.dispose();
    return {
      run() { tf.elu(x).dispose(); },
      maxRelErr,
      dispose() { x.dispose(); },
    };
  }

  // EluGrad through the engine on resident tensors (the op a gradient tape runs): dispatch, the
  // output's allocation, the kernel, disposing the output.
  function gradResident(n) {
    const xs = inputs(n, 1);
    const dys = inputs(n, 2);
    const x = tf.tensor1d(xs, 'float32');
    const y = tf.elu(x);
    x.dispose();
    const dy = tf.tensor1d(dys, 'float32');
    const grad = () => tf.engine().runKernel(tf.EluGrad, { dy, y });
    const ys = y.dataSync();
    const want = Float32Array.from(ys, (v, i) => (v >= 0 ? dys[i] : dys[i] * (v + 1)));
    const g0 = grad();
    const maxRelErr = check(`tfjs EluGrad op n=${n}`, g0.dataSync(), want, 1e-6);
    g0.dispose();
    return {
      run() { grad().dispose(); },
      maxRelErr,
      dispose() { y.dispose(); dy.dispose(); },
    };
  }

  // Backward kernel alone: dx = dy * (y >= 0 ? 1 : y + 1), with y a genuine ELU output.
  function gradKernel(n) {
    const xs = inputs(n, 1);
    const dys = inputs(n, 2);
    const x = tf.tensor1d(xs, 'float32');
    const y = tf.tensor1d(new Float32Array(n), 'float32');
    Elu(idOf(x), F32, idOf(y));
    const dy = tf.tensor1d(dys, 'float32');
    const out = tf.tensor1d(new Float32Array(n), 'float32');
    const yId = idOf(y), dyId = idOf(dy), outId = idOf(out);
    EluGrad(yId, dyId, outId);
    const ys = y.dataSync();
    const want = Float32Array.from(ys, (v, i) => (v >= 0 ? dys[i] : dys[i] * (v + 1)));
    const maxRelErr = check(`tfjs EluGrad kernel n=${n}`, out.dataSync(), want, 1e-6);
    return {
      run() { EluGrad(yId, dyId, outId); },
      maxRelErr,
      dispose() { x.dispose(); y.dispose(); dy.dispose(); out.dispose(); },
    };
  }

  return { kernel, endToEnd, resident, gradKernel, gradResident, info };
}

// Self-check: `node tests/bench/tfjs_peer.mjs` prints info and rough throughputs.
function isMain() {
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;  // no script path (node -e, REPL) or a non-file argv[1]
  }
}

if (isMain()) {
  const peer = await createTfjsPeer();
  console.log(peer.info);
  for (const n of [4096, 1 << 20]) {
    for (const kind of ['kernel', 'endToEnd', 'resident', 'gradKernel', 'gradResident']) {
      const b = peer[kind](n);
      // Warm up (tier-up, heap growth) by doubling batches until one takes >= 50 ms,
      // then size the timed batch from that rate to last ~200 ms.
      let reps = 1, ms = 0;
      for (;; reps *= 2) {
        const t0 = performance.now();
        for (let i = 0; i < reps; i++) b.run();
        if ((ms = performance.now() - t0) >= 50) break;
      }
      reps = Math.max(1, Math.ceil((reps * 200) / ms));
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) b.run();
      const ns = ((performance.now() - t0) * 1e6) / reps;
      console.log(`${kind.padEnd(12)} n=${String(n).padStart(7)}  ${(n / ns).toFixed(3)} elem/ns` +
        `  (${(ns / 1e3).toFixed(1)} us/call, ${reps} reps, max rel err ${b.maxRelErr.toExponential(1)})`);
      b.dispose();
    }
  }
}
