// The kernel API (m.elu, m.eluBackward, m.eluBackwardFromOutput) through the package entry and
// through both module flavors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load } from 'elu-playground';

import { bits, eluBackwardRef, eluRef, inputs, loadFlavor, ulpError } from './helpers.mjs';

const flavors = { simd: await loadFlavor('simd'), scalar: await loadFlavor('scalar') };

test('load() resolves to one instance that runs SIMD128 in Node 20', async () => {
  const [a, b] = await Promise.all([load(), load()]);
  assert.equal(a, b);
  assert.equal(a, await load());
  assert.equal(a.simd, true);
});

for (const [flavor, { api }] of Object.entries(flavors)) {
  test(`${flavor}: elu matches alpha * expm1(x) within the contract, every length to 2 chunks`, () => {
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 33, 4096, 65535, 65536, 65537, 2 * 65536 + 5]) {
      const x = inputs(n, n + 1);
      for (const alpha of [1, 0.1, 2.5, 0, -1]) {
        const y = api.elu(x, alpha);
        assert.equal(y.length, n);
        const max = alpha === 1 ? 1 : 1.5;
        for (let i = 0; i < n; i++) {
          const e = ulpError(y[i], eluRef(x[i], Math.fround(alpha)));
          if (!(e <= max)) assert.fail(`n=${n} alpha=${alpha} x=${x[i]}: ${y[i]} is ${e} ULP off`);
        }
      }
    }
  });

  test(`${flavor}: exact special values`, () => {
    const y = api.elu(new Float32Array([-0, 0, NaN, -Infinity, Infinity, 1e-45]), 1.5);
    assert.equal(bits(y[0]), bits(-0));
    assert.equal(bits(y[1]), 0);
    assert.ok(Number.isNaN(y[2]));
    assert.equal(y[3], -1.5);
    assert.equal(y[4], Infinity);
    assert.equal(y[5], Math.fround(1e-45));
  });

  test(`${flavor}: eluBackward matches dy * alpha * exp(x) within 2 ULP`, () => {
    const n = 70001;
    const x = inputs(n, 7).map((v) => Math.max(v, -80));
    const dy = inputs(n, 8).map((v) => (Number.isFinite(v) ? v / 7 : 1));
    for (const alpha of [1, 0.3]) {
      const dx = api.eluBackward(x, dy, alpha);
      for (let i = 0; i < n; i++) {
        const e = ulpError(dx[i], eluBackwardRef(x[i], dy[i], Math.fround(alpha)));
        if (!(e <= 2)) assert.fail(`x=${x[i]} dy=${dy[i]} alpha=${alpha}: ${dx[i]} is ${e} ULP off`);
      }
    }
  });
}

// eluBackwardFromOutput, recomputed independently in float32: dy * (y > 0 ? 1 : y + alpha), each
// operation rounded to float32 (what the kernel's two float operations give, bit for bit).
const f = Math.fround;
const fromOutputF32 = (y, dy, alpha) => (y > 0 ? dy : f(dy * f(y + f(alpha))));
// The double reference of the contract (elu.h): dy * (y + alpha), within 1.5 ULP for alpha >= 0.
const fromOutputRef = (y, dy, alpha) => (y > 0 ? dy : dy * (y + f(alpha)));

// Edge values of y (an ELU output, and beyond: NaN, infinities) and of dy, for an alpha.
const edgeY = (alpha) => [0, -0, -f(alpha), f(-alpha * (1 - 2 ** -24)), f(-alpha / 2), 1e-45, -1e-45,
  2 ** -126, -(2 ** -126), 1e-30, -1e-30, 1, 0.5, 3.4028234663852886e38, NaN, Infinity, -Infinity];
const edgeDy = [1, -1, 0, -0, 0.7, -1234.5, 1e-45, -1e-45, 3.4028234663852886e38, NaN, Infinity, -Infinity];

for (const [flavor, { api }] of Object.entries(flavors)) {
  test(`${flavor}: eluBackwardFromOutput equals a float32 recomputation bit for bit on edge values`, () => {
    for (const alpha of [1, 0.5, 2.5, 0, -0, 1e-30]) {
      const ys = edgeY(alpha);
      const y = new Float32Array(ys.length * edgeDy.length), dy = new Float32Array(y.length);
      ys.forEach((a, i) => edgeDy.forEach((b, j) => { y[i * edgeDy.length + j] = a; dy[i * edgeDy.length + j] = b; }));
      const dx = api.eluBackwardFromOutput(y, dy, alpha);
      for (let i = 0; i < y.length; i++) {
        const want = fromOutputF32(y[i], dy[i], alpha);
        if (!Object.is(dx[i], want) && !(Number.isNaN(dx[i]) && Number.isNaN(want))) {
          assert.fail(`alpha=${alpha} y=${y[i]} dy=${dy[i]}: ${dx[i]}, want ${want}`);
        }
      }
    }
    // The edges spelled out at alpha 1.5: y = -alpha -> dy * +0; y = +-0 -> dy * alpha; y > 0 -> dy.
    const dx = api.eluBackwardFromOutput(Float32Array.of(-1.5, 0, -0, 2, NaN, Infinity), Float32Array.of(-2, 2, 2, 3, 1, 4), 1.5);
    assert.deepEqual(Array.from(dx), [-0, 3, 3, 3, NaN, 4]);
  });

  test(`${flavor}: eluBackwardFromOutput of ELU outputs: within 1.5 ULP of dy * (y + alpha), and bit for bit the float32 formula, every length to 2 chunks`, () => {
    for (const n of [0, 1, 3, 4, 5, 7, 8, 9, 15, 17, 4096, 65535, 65536, 65537, 2 * 65536 + 5]) {
      const x = inputs(n, n + 3);
      const dy = inputs(n, n + 4).map((v) => (Number.isFinite(v) ? v / 3 : 1));
      for (const alpha of [1, 0.3, 2.5, 0]) {
        const y = api.elu(x, alpha);
        const dx = api.eluBackwardFromOutput(y, dy, alpha);
        assert.equal(dx.length, n);
        for (let i = 0; i < n; i++) {
          const e = ulpError(dx[i], fromOutputRef(y[i], dy[i], alpha));
          if (!(e <= 1.5)) assert.fail(`n=${n} alpha=${alpha} y=${y[i]} dy=${dy[i]}: ${dx[i]} is ${e} ULP off`);
          if (bits(dx[i]) !== bits(fromOutputF32(y[i], dy[i], alpha)) && !Number.isNaN(dx[i])) {
            assert.fail(`n=${n} alpha=${alpha} y=${y[i]} dy=${dy[i]}: ${dx[i]} is not the float32 formula's`);
          }
        }
      }
    }
  });

  // The tolerance of tests/cpp/elu_test.cc (EluSpecials.BackwardFromOutputMatchesBackwardFromInput):
  // |difference| <= 4e-7 * |dy| at alpha 1 over x in [-10, 3]; both forms scale with alpha, so
  // 4e-7 * alpha * |dy| for the other alphas.
  test(`${flavor}: eluBackwardFromOutput(elu(x), dy) equals eluBackward(x, dy) within 4e-7 * alpha * |dy|`, () => {
    const xs = [], dys = [];
    for (let v = f(-10); v <= 3; v = f(v + f(0.013))) {
      xs.push(v);
      dys.push(f(1 - f(0.1 * v)));
    }
    const x = Float32Array.from(xs), dy = Float32Array.from(dys);
    for (const alpha of [1, 0.1, 0.5, 2.5, 3]) {
      const a = api.eluBackward(x, dy, alpha);
      const b = api.eluBackwardFromOutput(api.elu(x, alpha), dy, alpha);
      for (let i = 0; i < x.length; i++) {
        if (!(Math.abs(a[i] - b[i]) <= 4e-7 * alpha * Math.abs(dy[i]))) {
          assert.fail(`alpha=${alpha} x=${x[i]}: from the output ${b[i]}, from the input ${a[i]}`);
        }
      }
    }
  });
}

test('out is filled and returned; out may alias x', async () => {
  const m = await load();
  const x = new Float32Array([-1, 2, -3]);
  const out = new Float32Array(3);
  assert.equal(m.elu(x, 1, out), out);
  assert.deepEqual(Array.from(out), Array.from(x).map((v) => Math.fround(eluRef(v, 1))));
  const expected = m.elu(x, 2);
  assert.equal(m.elu(x, 2, x), x);
  assert.deepEqual(x, expected);
  const dy = new Float32Array([1, 1, 1]);
  const xb = new Float32Array([-1, 2, -3]);
  const want = m.eluBackward(xb, dy);
  assert.deepEqual(m.eluBackward(xb, dy, 1, dy), want);
  assert.deepEqual(dy, want);
  // eluBackwardFromOutput: out may alias y or dy (the kernel reads each element before writing it).
  const y = m.elu(Float32Array.of(-1, 2, -3, 0)), g = Float32Array.of(0.5, -1, 2, 3);
  const fresh = m.eluBackwardFromOutput(y, g, 1.25);
  const outY = Float32Array.from(y), outG = Float32Array.from(g);
  assert.equal(m.eluBackwardFromOutput(outY, g, 1.25, outY), outY);
  assert.equal(m.eluBackwardFromOutput(y, outG, 1.25, outG), outG);
  assert.deepEqual(outY, fresh);
  assert.deepEqual(outG, fresh);
  const out4 = new Float32Array(4);
  assert.equal(m.eluBackwardFromOutput(y, g, 1.25, out4), out4);
  assert.deepEqual(out4, fresh);
});

test('results are copies the caller owns, not views of wasm memory', async () => {
  const m = await load();
  const a = m.elu(new Float32Array([-1, -2]));
  const keep = Array.from(a);
  m.elu(new Float32Array([5, 6]));
  assert.deepEqual(Array.from(a), keep);
  assert.equal(a.byteOffset, 0);
  assert.equal(a.buffer.byteLength, 8);
});

test('subarrays with offsets and SharedArrayBuffer inputs work', async () => {
  const m = await load();
  const big = new Float32Array([9, -1, -2, 3, 9]);
  assert.deepEqual(Array.from(m.elu(big.subarray(1, 4))), [-1, -2, 3].map((v) => Math.fround(eluRef(v, 1))));
  const shared = new Float32Array(new SharedArrayBuffer(12));
  shared.set([-1, 0.5, -4]);
  const out = new Float32Array(new SharedArrayBuffer(12));
  m.elu(shared, 1, out);
  assert.deepEqual(Array.from(out), [-1, 0.5, -4].map((v) => Math.fround(eluRef(v, 1))));
});

test('no stale views after wasm memory grows', () => {
  const { mod, api } = flavors.simd;
  const before = mod.HEAPF32.buffer.byteLength;
  const x = inputs(1000, 3);
  const want = api.elu(x, 1.3);
  const p = mod._malloc(64 << 20); // forces memory.grow
  assert.ok(p, 'allocation failed');
  assert.ok(mod.HEAPF32.buffer.byteLength > before, 'memory did not grow');
  assert.deepEqual(api.elu(x, 1.3), want);
  assert.deepEqual(api.eluBackward(x, x, 1.3), flavors.scalar.api.eluBackward(x, x, 1.3));
  const y = api.elu(x, 1.3);
  assert.deepEqual(api.eluBackwardFromOutput(y, x, 1.3), flavors.scalar.api.eluBackwardFromOutput(y, x, 1.3));
  mod._free(p);
});

test('bad arguments throw TypeError or RangeError naming the argument', async () => {
  const m = await load();
  const x = new Float32Array(4);
  for (const bad of [[1, 2], new Float64Array(2), null, undefined, 'abc', 3, {}]) {
    assert.throws(() => m.elu(bad), { name: 'TypeError', message: /elu: x must be a Float32Array/ });
  }
  assert.throws(() => m.elu(x, 1, new Float32Array(3)), { name: 'TypeError', message: /out must have length 4/ });
  assert.throws(() => m.elu(x, 1, [0, 0, 0, 0]), { name: 'TypeError', message: /out must be a Float32Array/ });
  for (const alpha of [NaN, Infinity, -Infinity]) {
    assert.throws(() => m.elu(x, alpha), { name: 'RangeError', message: /alpha must be a finite number/ });
    assert.throws(() => m.eluBackward(x, x, alpha), { name: 'RangeError', message: /alpha/ });
  }
  for (const alpha of ['1', null, 1n]) {
    assert.throws(() => m.elu(x, alpha), { name: 'TypeError', message: /alpha must be a number/ });
  }
  assert.throws(() => m.eluBackward(x, new Float32Array(5)), { name: 'TypeError', message: /dy must have length 4/ });
  assert.throws(() => m.eluBackward([1], x), { name: 'TypeError', message: /eluBackward: x/ });
  assert.throws(() => m.eluBackwardFromOutput([1], x), { name: 'TypeError', message: /eluBackwardFromOutput: y must be a Float32Array/ });
  assert.throws(() => m.eluBackwardFromOutput(x, new Float32Array(3)), { name: 'TypeError', message: /eluBackwardFromOutput: dy must have length 4, got 3/ });
  assert.throws(() => m.eluBackwardFromOutput(x, x, 1, new Float32Array(5)), { name: 'TypeError', message: /eluBackwardFromOutput: out must have length 4, got 5/ });
  for (const alpha of [NaN, Infinity, -1, -1e-30]) {
    assert.throws(() => m.eluBackwardFromOutput(x, x, alpha), { name: 'RangeError', message: /eluBackwardFromOutput: alpha must be a finite number >= 0/ });
  }
  // The module still works after every rejected call.
  assert.deepEqual(Array.from(m.elu(new Float32Array([-1]))), [Math.fround(Math.expm1(-1))]);
});

test('the SIMD128 and the scalar builds compute bit-identical results', () => {
  const x = inputs(100003, 11);
  const dy = inputs(100003, 12).map((v) => (Number.isFinite(v) ? v : 0.5));
  for (const alpha of [1, 0.37, 3]) {
    const a = new Uint32Array(flavors.simd.api.elu(x, alpha).buffer);
    const b = new Uint32Array(flavors.scalar.api.elu(x, alpha).buffer);
    const c = new Uint32Array(flavors.simd.api.eluBackward(x, dy, alpha).buffer);
    const d = new Uint32Array(flavors.scalar.api.eluBackward(x, dy, alpha).buffer);
    const y = flavors.simd.api.elu(x, alpha);
    const e = new Uint32Array(flavors.simd.api.eluBackwardFromOutput(y, dy, alpha).buffer);
    const g = new Uint32Array(flavors.scalar.api.eluBackwardFromOutput(y, dy, alpha).buffer);
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(x[i])) continue;
      if (a[i] !== b[i]) assert.fail(`forward differs at x=${x[i]} alpha=${alpha}`);
      if (c[i] !== d[i]) assert.fail(`backward differs at x=${x[i]} alpha=${alpha}`);
      if (e[i] !== g[i]) assert.fail(`backward from the output differs at y=${y[i]} alpha=${alpha}`);
    }
  }
});
