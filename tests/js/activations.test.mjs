// m.activation(name, params): every name, forward and derivative against plain double formulas.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load } from 'elu-playground';

import { bits, loadFlavor } from './helpers.mjs';

const m = await load();

const erf = (x) => {
  // Abramowitz-Stegun 7.1.26 is too coarse; integrate the series instead (|x| <= 6 here).
  let sum = 0, term = x, n = 0;
  while (Math.abs(term) > 1e-17 * Math.abs(sum) || n < 5) {
    sum += term / (2 * n + 1);
    n++;
    term *= (-x * x) / n;
    if (n > 200) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
};
const sig = (x) => 1 / (1 + Math.exp(-x));
const SELU_SCALE = 1.0507009873554805, SELU_ALPHA = 1.6732632423543772;
const phi = (x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);

// [f, f'] per name, alpha given.
const REF = {
  relu: () => [(x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0)],
  leaky_relu: (a) => [(x) => (x > 0 ? x : a * x), (x) => (x > 0 ? 1 : a)],
  elu: (a) => [(x) => (x > 0 ? x : a * Math.expm1(x)), (x) => (x > 0 ? 1 : a * Math.exp(x))],
  celu: (a) => [(x) => (x > 0 ? x : a * Math.expm1(x / a)), (x) => (x > 0 ? 1 : Math.exp(x / a))],
  selu: () => [(x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
    (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x))],
  gelu: () => [(x) => 0.5 * x * (1 + erf(x / Math.SQRT2)), (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + x * phi(x)],
  silu: () => [(x) => x * sig(x), (x) => sig(x) * (1 + x * (1 - sig(x)))],
  softplus: () => [(x) => (x > 20 ? x : Math.log1p(Math.exp(x))), (x) => sig(x)],
  tanh: () => [Math.tanh, (x) => 1 - Math.tanh(x) ** 2],
  sigmoid: () => [sig, (x) => sig(x) * (1 - sig(x))],
  linear: () => [(x) => x, () => 1],
};

test('every activation of DESIGN.md is offered, in one list', () => {
  assert.deepEqual([...m.activations].sort(), Object.keys(REF).sort());
});

for (const name of Object.keys(REF)) {
  test(`${name}: forward and derivative match the double formulas`, () => {
    const xs = Float32Array.from({ length: 241 }, (_, i) => -6 + i * 0.05 + 0.0125);
    for (const params of [undefined, { alpha: 0.7 }]) {
      const act = m.activation(name, params);
      const [f, df] = REF[name](act.alpha);
      const y = act.forward(xs);
      const dx = act.backward(xs, new Float32Array(xs.length).fill(1));
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        assert.ok(Math.abs(y[i] - f(x)) <= 4e-7 * Math.max(1, Math.abs(f(x))), `${name}(${x}) = ${y[i]}, want ${f(x)}`);
        assert.ok(Math.abs(dx[i] - df(x)) <= 1e-6 * Math.max(1, Math.abs(df(x))), `${name}'(${x}) = ${dx[i]}, want ${df(x)}`);
      }
    }
  });
}

test('defaults follow PyTorch: leaky_relu slope 0.01, ELU/CELU alpha 1; elu is the ELU kernel', () => {
  assert.equal(m.activation('leaky_relu').alpha, 0.01);
  assert.equal(m.activation('elu').alpha, 1);
  const x = Float32Array.from({ length: 100 }, (_, i) => -5 + i * 0.1);
  assert.deepEqual(m.activation('elu', { alpha: 1.7 }).forward(x), m.elu(x, 1.7));
  assert.deepEqual(m.activation('elu', { alpha: 1.7 }).backward(x, x), m.eluBackward(x, x, 1.7));
});

test('bad names and parameters throw clear errors', () => {
  assert.throws(() => m.activation('swish'), { name: 'RangeError', message: /unknown name "swish"; expected one of relu,/ });
  assert.throws(() => m.activation(3), { name: 'TypeError', message: /name must be a string/ });
  assert.throws(() => m.activation('elu', 2), { name: 'TypeError', message: /params must be an object/ });
  assert.throws(() => m.activation('elu', { alpha: NaN }), { name: 'RangeError', message: /alpha must be a finite number/ });
  assert.throws(() => m.activation('celu', { alpha: 0 }), { name: 'RangeError', message: /nonzero/ });
  const act = m.activation('tanh');
  assert.throws(() => act.forward([1]), { name: 'TypeError', message: /forward: x must be a Float32Array/ });
  assert.throws(() => act.backward(new Float32Array(2), new Float32Array(3)), { name: 'TypeError', message: /dy must have length 2/ });
  assert.deepEqual(act.forward(new Float32Array(0)), new Float32Array(0));
});

// Both builds, bit for bit: the scalar build computes ReLU and leaky ReLU with scalar code of its
// own (the SIMD build with 4-lane selects), so the special values are checked on each.
test('relu and leaky_relu special values are the same in the SIMD and the scalar build (PyTorch semantics)', async () => {
  const x = new Float32Array([-0, 0, -1, 2, -Infinity, Infinity, NaN, -1e-45]);
  for (const flavor of ['simd', 'scalar']) {
    const { api } = await loadFlavor(flavor);
    const relu = api.activation('relu').forward(x);
    // clamp_min(x, 0): -0 stays -0, negatives (-inf included) give +0, NaN stays NaN.
    assert.deepEqual(Array.from(relu.subarray(0, 6), bits), [-0, 0, 0, 2, 0, Infinity].map(bits), flavor);
    assert.ok(Number.isNaN(relu[6]), flavor);
    assert.equal(bits(relu[7]), bits(0), flavor);
    const leaky = api.activation('leaky_relu', { alpha: 0 }).forward(x);
    assert.deepEqual(Array.from(leaky.subarray(0, 6), bits), [-0, 0, -0, 2, -0, Infinity].map(bits), flavor);
  }
});
