// m.allocate(length): WasmArrays, float32 arrays in wasm memory that the kernels use in place.
// Same results as on Float32Arrays, bit for bit; no copy (one kernel call on the arrays' own
// addresses); memory growth, dispose and foreign or stray views of wasm memory handled.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

import { inputs, loadFlavor } from './helpers.mjs';

const flavors = { simd: await loadFlavor('simd'), scalar: await loadFlavor('scalar') };

// A WasmArray of `api` holding the values of a Float32Array.
function wasm(api, values) {
  const b = api.allocate(values.length);
  b.array.set(values);
  return b;
}

const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

// Grows the module's memory for sure: a block as large as the whole memory cannot fit in it.
function grow(mod) {
  const before = mod.HEAPU8.length;
  const p = mod._malloc(before);
  assert.ok(p, 'allocation failed');
  mod._free(p);
  assert.ok(mod.HEAPU8.length > before, 'memory did not grow');
}

for (const [flavor, { mod, api }] of Object.entries(flavors)) {
  test(`${flavor}: every kernel on WasmArrays gives the bits it gives on Float32Arrays, every length to 3 chunks, in place too`, () => {
    const relu = api.activation('relu'), gelu = api.activation('gelu'), celu = api.activation('celu', { alpha: 0.7 });
    for (const n of [0, 1, 3, 4, 5, 16, 17, 65535, 65536, 65537, 3 * 65536 + 7]) {
      const x = inputs(n, n + 5);
      const dy = inputs(n, n + 6).map((v) => (Number.isFinite(v) ? v / 5 : 0.5));
      const y = api.elu(x, 1.5);
      const bx = wasm(api, x), bdy = wasm(api, dy), by = wasm(api, y), out = api.allocate(n);
      const cases = [
        [() => api.elu(bx, 1.5, out), () => api.elu(x, 1.5)],
        [() => api.eluBackward(bx, bdy, 0.4, out), () => api.eluBackward(x, dy, 0.4)],
        [() => api.eluBackwardFromOutput(by, bdy, 1.5, out), () => api.eluBackwardFromOutput(y, dy, 1.5)],
        [() => relu.forward(bx, out), () => relu.forward(x)],
        [() => gelu.backward(bx, bdy, out), () => gelu.backward(x, dy)],
        [() => celu.forward(bx, out), () => celu.forward(x)],
      ];
      for (const [onWasm, onArrays] of cases) {
        assert.equal(onWasm(), out);
        assert.ok(same(out.array, onArrays()), `n=${n}: ${onWasm}`);
      }
      // In place: out is an input.
      api.eluBackwardFromOutput(by, bdy, 1.5, bdy);
      assert.ok(same(bdy.array, api.eluBackwardFromOutput(y, dy, 1.5)), `n=${n}: in place into dy`);
      api.elu(bx, 1.5, bx);
      assert.ok(same(bx.array, y), `n=${n}: in place into x`);
      [bx, bdy, by, out].forEach((b) => b.dispose());
    }
  });

  test(`${flavor}: WasmArrays and Float32Arrays mix; the result is out, or a new Float32Array without out`, () => {
    const n = 2 * 65536 + 3;
    const x = inputs(n, 21), dy = inputs(n, 22).map((v) => (Number.isFinite(v) ? v : 2));
    const bx = wasm(api, x), bdy = wasm(api, dy), out = api.allocate(n);
    const want = api.eluBackward(x, dy, 0.8);
    const copied = api.eluBackward(bx, dy, 0.8);
    assert.ok(copied instanceof Float32Array && same(copied, want));
    assert.ok(same(api.eluBackward(x, bdy, 0.8), want));
    assert.equal(api.eluBackward(x, dy, 0.8, out), out);
    assert.ok(same(out.array, want));
    const plain = new Float32Array(n);
    assert.equal(api.eluBackward(bx, bdy, 0.8, plain), plain);
    assert.ok(same(plain, want));
    // A WasmArray's .array is also an ordinary Float32Array argument (copied like any other).
    assert.ok(same(api.elu(bx.array.subarray(5, 9)), api.elu(x.subarray(5, 9))));
    [bx, bdy, out].forEach((b) => b.dispose());
  });

  test(`${flavor}: on WasmArrays alone the kernel runs once, on the arrays' own memory: nothing is copied`, () => {
    const n = 3 * 65536 + 1; // more than the 2^16 elements the copying path takes per kernel call
    const x = wasm(api, inputs(n, 31)), dy = wasm(api, inputs(n, 32)), out = api.allocate(n);
    const calls = [];
    const spy = (name) => {
      const raw = mod[name];
      mod[name] = (...args) => { calls.push([name, ...args]); return raw(...args); };
      return () => { mod[name] = raw; };
    };
    const restore = ['eluForward', 'eluBackward', 'eluBackwardFromOutput', 'activationForward'].map(spy);
    try {
      const at = (b) => b.array.byteOffset;
      api.elu(x, 1, out);
      api.eluBackward(x, dy, 1, out);
      api.eluBackwardFromOutput(x, dy, 1, dy);
      api.activation('tanh').forward(out, out);
      assert.deepEqual(calls, [
        ['eluForward', at(x), at(out), n, 1],
        ['eluBackward', at(x), at(dy), at(out), n, 1],
        ['eluBackwardFromOutput', at(x), at(dy), at(dy), n, 1],
        ['activationForward', api.activations.indexOf('tanh'), 1, at(out), at(out), n],
      ]);
      // The copying path, for contrast: one call per 2^16 elements, on the scratch.
      calls.length = 0;
      api.elu(x.array.slice(), 1, out);
      assert.equal(calls.length, 4);
      assert.notEqual(calls[0][1], at(x));
    } finally {
      restore.forEach((r) => r());
    }
    [x, dy, out].forEach((b) => b.dispose());
  });

  test(`${flavor}: memory growth: .array gives a fresh view holding the data; a view taken before is detached and refused`, () => {
    const x = inputs(1000, 41);
    const b = wasm(api, x), out = api.allocate(1000);
    const early = b.array;
    assert.equal(b.array, early, 'the same view while memory has not grown');
    grow(mod);
    // Growth detached the buffer under `early`: it reads as length 0 and is no longer usable.
    assert.equal(early.length, 0);
    assert.notEqual(b.array, early);
    assert.equal(b.array.length, 1000);
    assert.ok(same(b.array, x), 'the data is still there');
    assert.equal(b.array.buffer, mod.HEAPU8.buffer);
    assert.equal(api.elu(b, 0.5, out), out);
    assert.ok(same(out.array, api.elu(x, 0.5)));
    assert.throws(() => api.elu(early), {
      name: 'TypeError',
      message: "elu: x is a view of a detached ArrayBuffer (transferred away, or a WasmArray's .array from before wasm memory grew: read .array again)",
    });
    // Allocating WasmArrays grows memory too; earlier WasmArrays keep their data.
    const big = api.allocate(mod.HEAPU8.length / 4);
    assert.ok(same(b.array, x));
    assert.ok(same(big.array.subarray(0, 8), new Float32Array(8)), 'allocate zero-fills');
    [b, out, big].forEach((a) => a.dispose());
  });

  test(`${flavor}: dispose() frees, is idempotent, and every later use throws a clear error`, () => {
    const b = wasm(api, Float32Array.of(-1, 2)), keep = api.allocate(2);
    const view = b.array;
    b.dispose();
    b.dispose();
    assert.equal(b.length, 2);
    assert.throws(() => b.array, { name: 'Error', message: 'WasmArray.array: this array was disposed' });
    assert.throws(() => api.elu(b), { name: 'Error', message: 'elu: x is a WasmArray that was disposed' });
    assert.throws(() => api.eluBackwardFromOutput(keep, keep, 1, b), { name: 'Error', message: 'eluBackwardFromOutput: out is a WasmArray that was disposed' });
    // A view kept past dispose() no longer lies within a live WasmArray: refused.
    assert.throws(() => api.elu(view), { name: 'TypeError', message: /elu: x is a view of wasm memory outside every live WasmArray/ });
    // The freed block is reused by the next allocation of its size.
    const again = api.allocate(2);
    assert.equal(again.array.byteOffset, view.byteOffset);
    [keep, again].forEach((a) => a.dispose());
  });

  test(`${flavor}: views of wasm memory outside every live WasmArray are refused, by the network's methods too`, () => {
    const b = api.allocate(16);
    const memory = b.array.buffer;
    const stray = new Float32Array(memory, 0, 4); // address 0: never a WasmArray
    const spanning = new Float32Array(memory, b.array.byteOffset, 17); // one element past b
    for (const v of [stray, spanning]) {
      assert.throws(() => api.elu(Float32Array.from(v), 1, v), { name: 'TypeError', message: /elu: out is a view of wasm memory outside every live WasmArray/ });
      assert.throws(() => api.elu(v), { name: 'TypeError', message: /elu: x is a view of wasm memory/ });
    }
    const net = new api.Network({ layers: [2, 4, 1] });
    const p = new Float32Array(memory, 0, net.parameterCount);
    assert.throws(() => net.getParameters(p), { name: 'TypeError', message: /Network.getParameters: out is a view of wasm memory/ });
    assert.throws(() => net.predict(Float32Array.of(1, 2), new Float32Array(memory, 8, 1)), { name: 'TypeError', message: /Network.predict: out/ });
    // Within a live WasmArray, a view is an ordinary Float32Array argument.
    const params = api.allocate(net.parameterCount);
    assert.ok(same(net.getParameters(params.array), net.getParameters()));
    net.dispose();
    [b, params].forEach((a) => a.dispose());
  });

  test(`${flavor}: allocate checks its length; a WasmArray cannot be made or used elsewhere`, () => {
    for (const bad of [-1, 0.5, NaN, Infinity, 2 ** 30]) {
      assert.throws(() => api.allocate(bad), { name: 'RangeError', message: /allocate: length must be an integer in \[0, 536854528\]/ });
    }
    assert.throws(() => api.allocate('8'), { name: 'TypeError', message: /allocate: length must be a number/ });
    const b = api.allocate(0);
    assert.equal(b.length, 0);
    assert.equal(b.array.length, 0);
    assert.equal(api.elu(b, 1, b), b);
    const WasmArray = b.constructor;
    assert.equal(WasmArray.name, 'WasmArray');
    assert.throws(() => new WasmArray(undefined, mod, 0, 1 << 20), { name: 'TypeError', message: 'WasmArray: allocate one with m.allocate(length)' });
    b.dispose();
  });
}

test('a WasmArray of another module instance is refused (its address means nothing there)', () => {
  const simd = flavors.simd.api, scalar = flavors.scalar.api;
  const b = wasm(simd, Float32Array.of(-1, 2));
  assert.throws(() => scalar.elu(b), { name: 'TypeError', message: /elu: x is a WasmArray of another module instance/ });
  assert.throws(() => scalar.eluBackwardFromOutput(scalar.allocate(2), Float32Array.of(1, 1), 1, b), { name: 'TypeError', message: /out is a WasmArray of another module/ });
  // Its .array is an ordinary Float32Array to the other module.
  assert.ok(same(scalar.elu(b.array), simd.elu(b)));
  b.dispose();
});

// The FinalizationRegistry safety net, in a process with a collector we can call: a WasmArray
// dropped without dispose() is freed, but never while a view from its .array is reachable.
test('a WasmArray dropped without dispose() is freed after collection; a live view keeps it', () => {
  const script = `
    import { loadFlavor } from ${JSON.stringify(new URL('./helpers.mjs', import.meta.url).href)};
    const { mod, api } = await loadFlavor('simd');
    const settle = async () => { for (let i = 0; i < 4; i++) { gc(); await new Promise((r) => setTimeout(r, 10)); } };
    // Only a view kept: the memory stays allocated and holds the data through later allocations.
    let view = (() => { const b = api.allocate(1 << 16); b.array.fill(7); return b.array; })();
    await settle();
    const others = Array.from({ length: 8 }, () => api.allocate(1 << 16));
    others.forEach((o) => o.array.fill(-1));
    const kept = view.every((v) => v === 7) && api.elu(view).every((v) => v === 7);
    others.forEach((o) => o.dispose());
    view = null;
    // 64 arrays of 16 MB dropped one after another: 1 GB if none were freed.
    for (let i = 0; i < 64; i++) {
      api.allocate(1 << 22).array[0] = i;
      await settle();
    }
    console.log(JSON.stringify({ kept, bytes: mod.HEAPU8.length }));
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const { kept, bytes } = JSON.parse(out.trim().split('\n').at(-1));
  assert.equal(kept, true, 'a view kept its WasmArray alive');
  assert.ok(bytes < 256 * 2 ** 20, `memory grew to ${bytes} bytes: dropped WasmArrays were not freed`);
});
