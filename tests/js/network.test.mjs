// m.Network and m.datasets through the package entry (the C++ behaviour itself is covered by
// tests/cpp/network_*_test.cc; here: the JS contract, argument checks, copies, dispose).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load } from 'elu-playground';

const m = await load();
const circle = m.datasets.split(m.datasets.make('circle', { n: 400, seed: 3 }), { seed: 4 });

test('datasets: names, determinism, split', () => {
  assert.deepEqual([...m.datasets.names].sort(),
    ['circle', 'gauss', 'multigauss', 'plane', 'spiral', 'three', 'xor']);
  const a = m.datasets.make('spiral', { n: 300, noise: 0.2, seed: 9 });
  const b = m.datasets.make('spiral', { n: 300, noise: 0.2, seed: 9 });
  assert.equal(a.x.length, 600);
  assert.equal(a.y.length, 300);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.x, m.datasets.make('spiral', { n: 300, noise: 0.2, seed: 10 }).x);
  assert.ok(a.y.every((v) => v === 0 || v === 1));
  assert.ok(m.datasets.make('three', { n: 300 }).y.every((v) => [0, 1, 2].includes(v)));
  assert.deepEqual(m.datasets.info('three'), { name: 'three', task: 'classification', outputs: 3 });
  assert.equal(m.datasets.info('plane').task, 'regression');
  const { train, test: held } = m.datasets.split(a, { testFraction: 0.25, seed: 1 });
  assert.equal(train.y.length, 225);
  assert.equal(held.y.length, 75);
  const key = (x, y, i) => `${x[2 * i]},${x[2 * i + 1]},${y[i]}`;
  const all = new Set(Array.from(a.y, (_, i) => key(a.x, a.y, i)));
  for (const part of [train, held]) for (let i = 0; i < part.y.length; i++) assert.ok(all.has(key(part.x, part.y, i)));
});

test('datasets: bad arguments', () => {
  assert.throws(() => m.datasets.make('moons'), { name: 'RangeError', message: /unknown dataset "moons"; expected one of circle/ });
  assert.throws(() => m.datasets.make('xor', { n: 0 }), { name: 'RangeError', message: /n must be an integer in \[1, 100000\]/ });
  assert.throws(() => m.datasets.make('xor', { noise: 2 }), { name: 'RangeError', message: /noise must be in \[0, 1\]/ });
  assert.throws(() => m.datasets.make('xor', 5), { name: 'TypeError', message: /options must be an object/ });
  assert.throws(() => m.datasets.split({ x: [1, 2], y: [0] }), { name: 'TypeError', message: /data.x must be a Float32Array/ });
  assert.throws(() => m.datasets.split(circle.train, { testFraction: 1 }), { name: 'RangeError', message: /testFraction/ });
});

test('a 2-8-8-1 ELU network learns the circle; train and test loss fall', () => {
  const net = new m.Network({ layers: [2, 8, 8, 1], activation: 'elu', alpha: 1, seed: 1 });
  const before = net.evaluate(circle.test.x, circle.test.y);
  let loss = 0;
  for (let e = 0; e < 150; e++) loss = net.trainEpoch(circle.train.x, circle.train.y, { batchSize: 10, learningRate: 0.03 });
  const after = net.evaluate(circle.test.x, circle.test.y);
  assert.ok(Number.isFinite(loss) && loss < 0.1, `train loss ${loss}`);
  assert.ok(after < before / 4, `test loss ${before} -> ${after}`);
  assert.ok(net.accuracy(circle.test.x, circle.test.y) > 0.95);
  assert.equal(net.epoch, 150);
  assert.equal(net.diverged, false);
  const p = net.predict(circle.test.x);
  assert.equal(p.length, circle.test.y.length);
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  net.dispose();
});

test('same seed: bit-identical training; reset(seed) reproduces it', () => {
  const opts = { layers: [2, 6, 6, 1], activation: 'elu', seed: 7 };
  const a = new m.Network(opts), b = new m.Network(opts);
  const run = (net) => Array.from({ length: 5 }, () => net.trainEpoch(circle.train.x, circle.train.y));
  const la = run(a);
  assert.deepEqual(run(b), la);
  assert.deepEqual(b.getParameters(), a.getParameters());
  a.reset(7);
  assert.deepEqual(run(a), la);
  a.reset(8);
  assert.notDeepEqual(run(a), la);
  a.dispose();
  b.dispose();
});

test('ELU and ReLU networks with the same seed start from the same weights (compare mode)', () => {
  const elu = new m.Network({ activation: 'elu', seed: 5 });
  const relu = new m.Network({ activation: 'relu', seed: 5 });
  assert.deepEqual(elu.getParameters(), relu.getParameters());
  elu.dispose();
  relu.dispose();
});

test('alpha is live: outputs change, weights do not, training goes on', () => {
  const net = new m.Network({ seed: 2 });
  for (let e = 0; e < 5; e++) net.trainEpoch(circle.train.x, circle.train.y);
  const w = net.getParameters();
  const p1 = net.predict(circle.test.x);
  net.alpha = 2.5;
  assert.equal(net.alpha, 2.5);
  assert.deepEqual(net.getParameters(), w);
  assert.notDeepEqual(net.predict(circle.test.x), p1);
  assert.ok(Number.isFinite(net.trainEpoch(circle.train.x, circle.train.y)));
  assert.notDeepEqual(net.getParameters(), w);
  for (const bad of [NaN, Infinity]) assert.throws(() => { net.alpha = bad; }, { name: 'RangeError', message: /alpha/ });
  assert.throws(() => { net.alpha = '1'; }, { name: 'TypeError' });
  assert.equal(net.alpha, 2.5);
  net.dispose();
});

test('divergence: NaN returned, weights restored, nothing until reset', () => {
  const net = new m.Network({ seed: 3 });
  net.trainEpoch(circle.train.x, circle.train.y);
  const w = net.getParameters();
  const loss = net.trainEpoch(circle.train.x, circle.train.y, { learningRate: 1e30, optimizer: 'sgd' });
  assert.ok(Number.isNaN(loss));
  assert.equal(net.diverged, true);
  assert.deepEqual(net.getParameters(), w);
  assert.ok(Number.isNaN(net.trainEpoch(circle.train.x, circle.train.y)));
  assert.deepEqual(net.getParameters(), w);
  net.reset();
  assert.equal(net.diverged, false);
  assert.ok(Number.isFinite(net.trainEpoch(circle.train.x, circle.train.y)));
  net.dispose();
});

test('3 classes: softmax probabilities; regression: values', () => {
  const three = m.datasets.make('three', { n: 300 });
  const net = new m.Network({ layers: [2, 16, 16, 3], seed: 1 });
  for (let e = 0; e < 20; e++) net.trainEpoch(three.x, three.y);
  const p = net.predict(three.x);
  assert.equal(p.length, 900);
  for (let i = 0; i < 300; i++) assert.ok(Math.abs(p[3 * i] + p[3 * i + 1] + p[3 * i + 2] - 1) < 1e-5);
  assert.ok(net.accuracy(three.x, three.y) > 0.5);
  net.dispose();
  const plane = m.datasets.make('plane', { n: 200 });
  const reg = new m.Network({ layers: [2, 4, 1], task: 'regression', seed: 1 });
  const first = reg.trainEpoch(plane.x, plane.y);
  for (let e = 0; e < 30; e++) reg.trainEpoch(plane.x, plane.y);
  assert.ok(reg.evaluate(plane.x, plane.y) < first / 4);
  assert.throws(() => reg.trainEpoch(plane.x, plane.y.map(() => NaN)), { name: 'RangeError', message: /y\[0\] must be finite/ });
  reg.dispose();
});

test('stats, grids and colours', () => {
  const net = new m.Network({ layers: [2, 5, 3, 1], seed: 4 });
  const s = net.stats(circle.train.x);
  assert.equal(s.meanActivation.length, 2);
  assert.equal(s.deadFraction.length, 2);
  assert.deepEqual(s.units.map((u) => u.meanActivation.length), [5, 3]);
  assert.equal(s.gradientNorm, 0);
  net.trainEpoch(circle.train.x, circle.train.y);
  assert.ok(net.stats(circle.train.x).gradientNorm > 0);
  const grid = { xMin: -4, xMax: 4, yMin: -2, yMax: 2, width: 8, height: 4 };
  const g = net.predictGrid(grid);
  const centers = new Float32Array(64);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 8; c++) {
    centers[2 * (r * 8 + c)] = -4 + (c + 0.5);
    centers[2 * (r * 8 + c) + 1] = 2 - (r + 0.5);
  }
  assert.deepEqual(g, net.predict(centers));
  const lut = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) lut.set([i, 255 - i, 7, 255], 4 * i);
  const rgba = net.gridRgba(grid, { lut, vMin: 0, vMax: 1 });
  for (let i = 0; i < 32; i++) assert.equal(rgba[4 * i], Math.round(255 * g[i]));
  assert.equal(net.neuronGrid(grid).length, net.neuronCount * 32);
  assert.equal(net.neuronCount, 9);
  assert.throws(() => net.predictGrid({ xMin: 1, xMax: 0 }), { name: 'RangeError', message: /xMin < xMax/ });
  assert.throws(() => net.predictGrid({ width: 0 }), { name: 'RangeError', message: /grid.width/ });
  assert.throws(() => net.gridRgba(grid, { lut: new Uint8Array(3) }), { name: 'TypeError', message: /lut/ });
  net.dispose();
});

// [2, 5, 4, 1]: layer 0 (W 5 x 2 at 0, b at 10), layer 1 (W 4 x 5 at 15, b at 35), the output.
// Unit 2 of layer 0 gets the bias -30: z in [-51, -9] on the data. As ReLU it is dead (output 0,
// slope 0 everywhere); as ELU (alpha 1) it is not (slope exp(z) > 0).
test('stats: per-unit means, active fractions and dead flags, recomputed from neuronOutputs and the parameters', () => {
  const { x } = circle.train;
  const n = x.length / 2;
  for (const first of ['relu', 'elu']) {
    const net = new m.Network({ layers: [2, 5, 4, 1], activation: [first, 'elu'], seed: 4 });
    for (let e = 0; e < 3; e++) net.trainEpoch(circle.train.x, circle.train.y);
    const p = net.getParameters();
    p[10 + 2] = -30;
    net.setParameters(p);
    const s = net.stats(x);
    const out = net.neuronOutputs(x);
    assert.ok(out instanceof Float32Array);
    assert.equal(out.length, net.neuronCount * n);
    assert.equal(s.units.length, 2);
    const row = (neuron) => out.subarray(neuron * n, (neuron + 1) * n);
    // The slope of each unit is > 0 where: relu, its output is > 0; elu (alpha 1), exp(z) is not 0 in
    // float32 (z >= -87.33654, the kernel's cutoff), z from layer 0's outputs and the parameters.
    const active = [
      (j) => (first === 'relu' ? row(j).filter((v) => v > 0).length
        : Array.from(row(j), (_, i) => p[10 + j] + p[2 * j] * x[2 * i] + p[2 * j + 1] * x[2 * i + 1]).filter((z) => z >= -87.33654).length),
      (j) => Array.from(row(5 + j), (_, i) => {
        let z = p[35 + j];
        for (let k = 0; k < 5; k++) z += p[15 + 5 * j + k] * row(k)[i];
        return z;
      }).filter((z) => z >= -87.33654).length,
    ];
    [5, 4].forEach((units, l) => {
      const u = s.units[l];
      assert.deepEqual(Object.keys(u).sort(), ['activeFraction', 'dead', 'meanActivation']);
      assert.ok(u.meanActivation instanceof Float32Array && u.activeFraction instanceof Float32Array);
      assert.ok(Array.isArray(u.dead) && u.dead.every((d) => typeof d === 'boolean'));
      assert.deepEqual([u.meanActivation.length, u.activeFraction.length, u.dead.length], [units, units, units]);
      let meanOfMeans = 0;
      for (let j = 0; j < units; j++) {
        const values = row(5 * l + j);
        const sum = values.reduce((a, v) => a + v, 0); // in double, in point order, like the C++ side
        assert.equal(u.meanActivation[j], Math.fround(sum / n), `${first}: layer ${l} unit ${j} mean`);
        const count = active[l](j);
        assert.equal(u.activeFraction[j], Math.fround(count / n), `${first}: layer ${l} unit ${j} active`);
        assert.equal(u.dead[j], count === 0, `${first}: layer ${l} unit ${j} dead`); // relu, elu: slope >= 0
        meanOfMeans += u.meanActivation[j] / units;
      }
      assert.equal(s.deadFraction[l], Math.fround(u.dead.filter(Boolean).length / units));
      assert.ok(Math.abs(s.meanActivation[l] - meanOfMeans) < 1e-6 * Math.max(1, Math.abs(meanOfMeans)));
    });
    const forced = s.units[0];
    if (first === 'relu') {
      assert.deepEqual([forced.dead[2], forced.activeFraction[2], forced.meanActivation[2]], [true, 0, 0]);
      assert.equal(s.deadFraction[0], Math.fround(forced.dead.filter(Boolean).length / 5));
      assert.ok(s.deadFraction[0] >= Math.fround(0.2));
    } else {
      assert.deepEqual([forced.dead[2], forced.activeFraction[2]], [false, 1]);
      assert.ok(Math.abs(forced.meanActivation[2] + 1) < 1e-3);
    }
    net.dispose();
  }
});

test('neuronOutputs: hidden rows are neuronGrid at the cell centers, output rows are predict', () => {
  const three = m.datasets.make('three', { n: 300, seed: 2 });
  const net = new m.Network({ layers: [2, 5, 3, 3], activation: ['elu', 'tanh'], seed: 3 });
  for (let e = 0; e < 3; e++) net.trainEpoch(three.x, three.y);
  const grid = { xMin: -4, xMax: 4, yMin: -2, yMax: 2, width: 8, height: 4 };
  const centers = new Float32Array(64);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 8; c++) {
    centers[2 * (r * 8 + c)] = -4 + (c + 0.5);
    centers[2 * (r * 8 + c) + 1] = 2 - (r + 0.5);
  }
  assert.deepEqual(net.neuronOutputs(centers), net.neuronGrid(grid));
  const out = net.neuronOutputs(three.x);
  const n = three.y.length;
  assert.equal(out.length, 11 * n);
  const p = net.predict(three.x);
  const outputRows = Float32Array.from({ length: 3 * n }, (_, k) => out[(8 + (k % 3)) * n + Math.floor(k / 3)]);
  assert.deepEqual(outputRows, p); // softmax probabilities, [point][class] after the transpose
  assert.throws(() => net.neuronOutputs([0, 0]), { name: 'TypeError', message: /Network.neuronOutputs: x must be a Float32Array/ });
  assert.throws(() => net.neuronOutputs(new Float32Array(3)), { name: 'TypeError', message: /even length, got 3/ });
  assert.throws(() => net.neuronOutputs(Float32Array.of(0, NaN)), { name: 'RangeError', message: /x\[1\] must be finite, got NaN/ });
  assert.throws(() => net.neuronOutputs(new Float32Array(0)), { name: 'RangeError', message: /Network.neuronOutputs: x must hold at least one point/ });
  net.dispose();
  assert.throws(() => net.neuronOutputs(centers), { name: 'Error', message: /Network.neuronOutputs: this network was disposed/ });
});

test('bad configurations and arguments throw TypeError/RangeError naming them', () => {
  const bad = [
    [{ layers: '2,8,1' }, 'TypeError', /layers must be an Array/],
    [{ layers: [2, 1] }, 'RangeError', /1 to 8 hidden layers/],
    [{ layers: [2, 0, 1] }, 'RangeError', /layers\[1\] must be an integer in \[1, 64\]/],
    [{ layers: [2, 65, 1] }, 'RangeError', /layers\[1\]/],
    [{ layers: [2, 8, 8, 8, 8, 8, 8, 8, 8, 8, 1] }, 'RangeError', /1 to 8 hidden layers/],
    [{ layers: [3, 8, 1] }, 'RangeError', /layers\[0\] \(inputs\)/],
    [{ layers: [2, 8, 17] }, 'RangeError', /outputs/],
    [{ layers: [2, 8, 2], task: 'regression' }, 'RangeError', /outputs/],
    [{ activation: 'swish' }, 'RangeError', /unknown activation "swish"/],
    [{ activation: ['elu', 'relu', 'tanh'] }, 'RangeError', /one per hidden layer/],
    [{ alpha: NaN }, 'RangeError', /alpha must be a finite number/],
    [{ task: 'ranking' }, 'RangeError', /unknown task/],
    [{ seed: -1 }, 'RangeError', /seed/],
    [{ features: ['x1', 'x3'] }, 'RangeError', /unknown feature "x3"/],
    [5, 'TypeError', /options must be an object/],
  ];
  for (const [options, name, message] of bad) assert.throws(() => new m.Network(options), { name, message });
  const net = new m.Network({ layers: [3, 4, 1], features: ['x1', 'x2', 'x1*x2'] });
  const { x, y } = circle.train;
  assert.throws(() => net.trainEpoch(x, y.subarray(1)), { name: 'TypeError', message: /y must have length/ });
  assert.throws(() => net.trainEpoch(x.subarray(1), y), { name: 'TypeError', message: /even length/ });
  assert.throws(() => net.trainEpoch(x, y.map(() => 2)), { name: 'RangeError', message: /y\[0\] must be 0 or 1/ });
  assert.throws(() => net.trainEpoch(x.map((v, i) => (i === 5 ? NaN : v)), y), { name: 'RangeError', message: /x\[5\] must be finite/ });
  for (const [opts, message] of [[{ learningRate: 0 }, /learningRate/], [{ learningRate: NaN }, /learningRate/],
    [{ batchSize: 0 }, /batchSize/], [{ optimizer: 'rmsprop' }, /unknown optimizer/], [{ momentum: 1 }, /momentum/],
    [{ regularization: 'l3' }, /unknown regularization/], [{ regularizationRate: -1 }, /regularizationRate/]]) {
    assert.throws(() => net.trainEpoch(x, y, opts), { message });
  }
  assert.throws(() => net.trainEpoch(new Float32Array(0), new Float32Array(0)), { name: 'RangeError', message: /at least one point/ });
  assert.ok(Number.isFinite(net.trainEpoch(x, y)), 'the network still trains after rejected calls');
  net.dispose();
});

test('dispose frees the network; later calls throw; dispose is idempotent', () => {
  const net = new m.Network();
  net.dispose();
  net.dispose();
  assert.throws(() => net.trainEpoch(circle.train.x, circle.train.y), { message: /disposed/ });
  assert.throws(() => net.predict(circle.train.x), { message: /disposed/ });
  assert.throws(() => { net.alpha = 2; }, { message: /disposed/ });
  assert.throws(() => net.diverged, { message: /disposed/ });
});

// Names cross to C++ as names (nn/names.h): each must select its own behaviour. One full batch of
// a fixed set without shuffling is one optimizer step on the gradient net.gradient() returns, so
// each rule can be checked against its formula (float32 arithmetic, PyTorch's forms).
test('optimizer and regularization names select their own update rules', () => {
  const { x, y } = m.datasets.make('xor', { n: 16, noise: 0.1, seed: 2 });
  const lr = 0.05, rate = 0.01;
  const f = Math.fround;
  // Parameters after `steps` full-batch epochs, and the gradient before each.
  function run(optimizer, regularization = 'none', steps = 2) {
    const net = new m.Network({ layers: [2, 3, 1], seed: 5 });
    const start = net.getParameters();
    start[1] = 0; // a weight that is exactly 0: L1's subgradient there is 0
    net.setParameters(start);
    const params = [net.getParameters()], grads = [];
    for (let s = 0; s < steps; s++) {
      grads.push(net.gradient(x, y));
      net.trainEpoch(x, y, { batchSize: 16, learningRate: lr, optimizer, regularization, regularizationRate: rate, shuffle: false });
      params.push(net.getParameters());
    }
    net.dispose();
    return { params, grads };
  }
  const close = (got, want, label) => got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-6 * Math.max(1, Math.abs(want[i])), `${label}[${i}]: ${v} vs ${want[i]}`));
  // sgd: p -= lr * g.
  const sgd = run('sgd');
  close(sgd.params[1], sgd.params[0].map((p, i) => f(p - f(lr * sgd.grads[0][i]))), 'sgd');
  // momentum (PyTorch): v = 0.9 v + g, p -= lr * v; the second step tells it from sgd.
  const mo = run('momentum');
  const v1 = mo.grads[0], v2 = mo.grads[1].map((g, i) => f(f(0.9 * v1[i]) + g));
  close(mo.params[2], mo.params[1].map((p, i) => f(p - f(lr * v2[i]))), 'momentum');
  // adam's first step moves every parameter by lr * g / (|g| + eps'): about lr * sign(g).
  const adam = run('adam', 'none', 1);
  adam.params[1].forEach((p, i) => {
    const g = adam.grads[0][i];
    if (Math.abs(g) > 1e-4) assert.ok(Math.abs(adam.params[0][i] - p - lr * Math.sign(g)) < 1e-3 * lr, `adam[${i}]`);
  });
  // Weights are W then b per layer; regularization touches the weights only (layer 1: 6 weights,
  // 3 biases; layer 2: 3 weights, 1 bias).
  const isWeight = (i) => i < 6 || (i >= 9 && i < 12);
  const l2 = run('sgd', 'l2', 1), l1 = run('sgd', 'l1', 1);
  close(l2.params[1], l2.params[0].map((p, i) => f(p - f(lr * (isWeight(i) ? f(l2.grads[0][i] + f(rate * p)) : l2.grads[0][i])))), 'l2');
  close(l1.params[1], l1.params[0].map((p, i) => f(p - f(lr * (isWeight(i) ? f(l1.grads[0][i] + rate * Math.sign(p)) : l1.grads[0][i])))), 'l1');
});

test('task names: regression is linear + 1/2 mean squared error, classification sigmoid + cross-entropy', () => {
  const { x } = m.datasets.make('plane', { n: 8, seed: 1 });
  const y = new Float32Array(8).fill(1);
  for (const task of ['regression', 'classification']) {
    const net = new m.Network({ layers: [2, 3, 1], seed: 2, task });
    const p = net.predict(x);
    const want = task === 'regression'
      ? p.reduce((s, v) => s + 0.5 * (v - 1) ** 2, 0) / 8
      : p.reduce((s, v) => s - Math.log(v), 0) / 8;
    if (task === 'classification') assert.ok(p.every((v) => v > 0 && v < 1));
    assert.ok(Math.abs(net.evaluate(x, y) - want) < 1e-5 * Math.max(1, want), `${task}: ${net.evaluate(x, y)} vs ${want}`);
    net.dispose();
  }
});

test('features: input columns follow the documented order (x1 x2 x1^2 x2^2 x1*x2 sin(x1) sin(x2)), whatever the order of the list', () => {
  const names = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'];
  const value = [(a) => a[0], (a) => a[1], (a) => a[0] ** 2, (a) => a[1] ** 2, (a) => a[0] * a[1], (a) => Math.sin(a[0]), (a) => Math.sin(a[1])];
  const x = new Float32Array([0.7, -1.3]);
  for (const list of [names, [...names].reverse(), ['sin(x2)', 'x1']]) {
    const canonical = names.filter((n) => list.includes(n));
    // Column k alone feeds the one hidden unit (linear), weight 1: the output is feature k.
    canonical.forEach((name, k) => {
      const net = new m.Network({ layers: [list.length, 1, 1], activation: 'linear', task: 'regression', features: list });
      const p = new Float32Array(net.parameterCount);
      p[k] = 1; // W1[0][k]; b1 = 0; W2 = 1; b2 = 0
      p[list.length + 1] = 1;
      net.setParameters(p);
      const want = value[names.indexOf(name)]([0.7, -1.3].map(Math.fround));
      assert.ok(Math.abs(net.predict(x)[0] - want) < 1e-6, `${list.join(',')}: column ${k} is ${name}`);
      net.dispose();
    });
  }
});

test('regularization: l2 adds rate * w, l1 rate * sign(w) (0 at 0) to the gradient of the weights, not the biases', () => {
  const { x, y } = m.datasets.make('xor', { n: 30, seed: 4 });
  // [2, 3, 1]: layer 0 weights [3][2], biases [3]; layer 1 weights [1][3], bias [1].
  const isWeight = [1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0];
  for (const regularization of ['l2', 'l1']) {
    const net = new m.Network({ layers: [2, 3, 1], activation: 'tanh', seed: 1 });
    const p = net.getParameters();
    p[1] = 0; // a weight at exactly 0
    p[12] = 0.3; // a nonzero bias
    net.setParameters(p);
    const g = net.gradient(x, y);
    net.trainEpoch(x, y, { batchSize: 30, learningRate: 0.1, optimizer: 'sgd', regularization, regularizationRate: 0.05, shuffle: false });
    const got = net.getParameters();
    for (let i = 0; i < p.length; i++) {
      const reg = !isWeight[i] ? 0 : regularization === 'l2' ? 0.05 * p[i] : 0.05 * Math.sign(p[i]);
      const want = p[i] - 0.1 * (g[i] + reg);
      assert.ok(Math.abs(got[i] - want) <= 1e-6, `${regularization}, parameter ${i}: ${got[i]}, want ${want}`);
    }
    net.dispose();
  }
});

test('leaky_relu networks default to the slope 0.01 (leakySlope)', () => {
  const x = m.datasets.make('spiral', { n: 100, seed: 2 }).x;
  const net = (options) => new m.Network({ layers: [2, 8, 1], activation: 'leaky_relu', seed: 3, ...options });
  const [byDefault, explicit, other] = [net({}), net({ leakySlope: 0.01 }), net({ leakySlope: 0.1 })];
  assert.deepEqual(byDefault.predict(x), explicit.predict(x));
  assert.notDeepEqual(byDefault.predict(x), other.predict(x));
  for (const n of [byDefault, explicit, other]) n.dispose();
});

test('reset() without a seed restarts from the seed the network was made (or last reset) with', () => {
  const net = new m.Network({ seed: 3 });
  const initial = net.getParameters();
  net.trainEpoch(circle.train.x, circle.train.y);
  net.reset();
  assert.deepEqual(net.getParameters(), initial);
  const seed1 = new m.Network({ seed: 1 });
  assert.notDeepEqual(net.getParameters(), seed1.getParameters());
  net.reset(1);
  net.trainEpoch(circle.train.x, circle.train.y);
  net.reset();
  assert.deepEqual(net.getParameters(), seed1.getParameters());
  net.dispose();
  seed1.dispose();
});

test('every array result is a copy the caller owns: later calls leave it unchanged', () => {
  const net = new m.Network({ layers: [2, 4, 3, 1], seed: 6 });
  const grid = { width: 5, height: 4 };
  const owned = (a) => a.byteOffset === 0 && a.buffer.byteLength === a.byteLength;
  const results = {
    neuronGrid: net.neuronGrid(grid), predictGrid: net.predictGrid(grid), getParameters: net.getParameters(),
    gradient: net.gradient(circle.train.x, circle.train.y), predict: net.predict(circle.test.x),
    neuronOutputs: net.neuronOutputs(circle.test.x),
    ...Object.fromEntries(net.stats(circle.train.x).units.flatMap((u, l) => [[`stats.units[${l}].meanActivation`, u.meanActivation], [`stats.units[${l}].activeFraction`, u.activeFraction]])),
  };
  const copies = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.slice()]));
  net.trainEpoch(circle.train.x, circle.train.y);
  net.neuronGrid({ width: 7, height: 3 });
  net.predictGrid({ width: 9, height: 2 });
  net.gradient(circle.test.x, circle.test.y);
  net.neuronOutputs(circle.train.x);
  net.stats(circle.test.x);
  for (const [name, value] of Object.entries(results)) {
    assert.ok(owned(value), `${name}: a view of a larger buffer`);
    assert.deepEqual(value, copies[name], name);
  }
  net.dispose();
});

test('neuronGrid and getParameters fill a given array in place (no allocation per frame) with the same values', () => {
  const net = new m.Network({ layers: [2, 5, 3, 1], seed: 4 });
  const grid = { width: 6, height: 5 };
  const cells = new Float32Array(net.neuronCount * 30).fill(NaN);
  assert.equal(net.neuronGrid(grid, cells), cells);
  assert.deepEqual(cells, net.neuronGrid(grid));
  const p = new Float32Array(net.parameterCount).fill(NaN);
  assert.equal(net.getParameters(p), p);
  assert.deepEqual(p, net.getParameters());
  p[0] = 123;
  assert.notEqual(net.getParameters()[0], 123, 'a copy, not a view of the weights');
  net.dispose();
});
