// The widget's model side (web/src/widget/trainer.js, no DOM), in Node on the built module: the loss
// series the chart reads, what each epoch measures (the element's epoch event passes it on),
// divergence and reset, and which setting changes rebuild what.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DATASETS, DATASETS_OF, FEATURES, problemOf } from '../../web/src/widget/state.js';
import { Series, Trainer } from '../../web/src/widget/trainer.js';
import { loadFlavor } from './helpers.mjs';

const { api: m, mod } = await loadFlavor('simd');
const CIRCLE = { dataset: 'circle', noise: 0.1, seed: 1, hiddenLayers: [8, 8], alpha: 1, compare: 'relu',
  learningRate: 0.03, optimizer: 'adam', batchSize: 10 };
const CONFIG = { dataset: 'xor', noise: 0.1, seed: 1, hiddenLayers: [8, 8], alpha: 1, compare: 'relu',
  learningRate: 0.03, optimizer: 'adam', batchSize: 10 };

test('Series keeps every point until full, then halves its resolution; count is every push', () => {
  const s = new Series(8);
  for (let i = 1; i <= 7; i++) s.push(i);
  assert.deepEqual([s.values, s.every, s.count], [[1, 2, 3, 4, 5, 6, 7], 1, 7]);
  s.push(8); // full: keeps every second point (epochs 2, 4, 6, 8), then one point per 2 epochs
  assert.deepEqual([s.values, s.every], [[2, 4, 6, 8], 2]);
  for (let i = 9; i <= 12; i++) s.push(i);
  assert.deepEqual([s.values, s.count], [[2, 4, 6, 8, 10, 12], 12]);
  s.clear();
  assert.deepEqual([s.values, s.every, s.count], [[], 1, 0]);
});

test('each epoch measures every run: losses into the series, test accuracy as net.accuracy gives it', async () => {
  const t = new Trainer(m, CONFIG);
  const seen = [];
  const done = t.step(30, (epoch, runs) => {
    for (const r of runs) {
      assert.equal(r.accuracy, r.net.accuracy(t.data.test.x, t.data.test.y), `epoch ${epoch} ${r.activation}`);
      assert.equal(r.testLoss, r.net.evaluate(t.data.test.x, t.data.test.y));
      assert.ok(r.accuracy >= 0 && r.accuracy <= 1 && Number.isFinite(r.trainLoss), `epoch ${epoch} ${r.activation}`);
    }
    seen.push([epoch, ...runs.map((r) => r.accuracy)]);
  });
  assert.equal(done, 30);
  assert.deepEqual(seen.map(([e]) => e), Array.from({ length: 30 }, (_, i) => i + 1));
  assert.deepEqual(t.runs.map((r) => [r.activation, r.train.count, r.test.values.at(-1)]),
    t.runs.map((r) => [r.activation, 30, r.testLoss]));
  assert.ok(seen.at(-1)[1] > 0.6, `ELU test accuracy after 30 epochs on xor: ${seen.at(-1)[1]}`);
  t.reset();
  assert.equal(t.epoch, 0);
  assert.equal(t.runs[0].accuracy, t.runs[0].net.accuracy(t.data.test.x, t.data.test.y));
  t.dispose();
});

test('a deadline already passed still trains one epoch', async () => {
  const t = new Trainer(m, { ...CONFIG, compare: 'none' });
  let events = 0;
  assert.equal(t.step(50, () => { events += 1; }, -Infinity), 1);
  assert.equal(events, 1);
  assert.equal(t.epoch, 1);
  t.dispose();
});

test('onEpoch returning false ends the step after that epoch (the element pausing from an epoch listener)', () => {
  const t = new Trainer(m, { ...CONFIG, compare: 'none' });
  const seen = [];
  assert.equal(t.step(20, (epoch) => { seen.push(epoch); return epoch < 7; }), 7);
  assert.deepEqual([t.epoch, seen.length, t.runs[0].train.count], [7, 7, 7]);
  assert.equal(t.step(3, () => undefined), 3); // any other return value goes on
  t.dispose();
});

test('divergence stops every run until reset(), which clears it and trains again', () => {
  const t = new Trainer(m, { ...CIRCLE, learningRate: 10, optimizer: 'momentum' });
  let epochs = 0;
  for (let i = 0; i < 50 && !t.diverged; i++) epochs += t.step(5);
  assert.equal(t.diverged, true, `no divergence in ${epochs} epochs at learning rate 10`);
  assert.equal(t.step(5), 0);
  t.reset();
  assert.equal(t.diverged, false);
  assert.equal(t.epoch, 0);
  t.update({ learningRate: 0.03, optimizer: 'adam' });
  assert.equal(t.step(3), 3);
  assert.equal(t.epoch, 3);
  assert.ok(t.runs.every((r) => Number.isFinite(r.trainLoss) && Number.isFinite(r.testLoss)));
  t.dispose();
});

test('a new seed makes new points and new networks from that seed; live settings rebuild nothing', () => {
  const t = new Trainer(m, CIRCLE);
  t.step(2);
  const points = t.data.train.x.slice();
  assert.equal(t.update({ seed: 2 }), 'data');
  assert.equal(t.epoch, 0);
  assert.notDeepEqual(t.data.train.x, points);
  const fresh = new Trainer(m, { ...CIRCLE, seed: 2 });
  assert.deepEqual(t.data, fresh.data);
  t.runs.forEach((r, i) => assert.deepEqual(r.net.getParameters(), fresh.runs[i].net.getParameters(), r.activation));
  fresh.dispose();
  const net = t.runs[0].net;
  assert.equal(t.update({ alpha: 0.5, learningRate: 0.1, optimizer: 'sgd', batchSize: 5 }), '');
  assert.equal(t.runs[0].net, net);
  assert.equal(net.alpha, 0.5);
  assert.equal(t.update({ hiddenLayers: [4] }), 'nets');
  assert.notEqual(t.runs[0].net, net);
  t.dispose();
});

test('a finite loss of 1e4 or more counts as divergence: training stops until reset()', () => {
  // The real networks, with an epoch loss that has left any useful range (but is not NaN).
  class Exploding extends m.Network {
    trainEpoch(...args) { super.trainEpoch(...args); return 2e4; }
  }
  const t = new Trainer({ ...m, Network: Exploding }, CIRCLE);
  assert.equal(t.step(5), 0);
  assert.equal(t.diverged, true);
  assert.equal(t.epoch, 0);
  assert.equal(t.runs[0].net.diverged, false); // the networks themselves saw no NaN
  assert.equal(t.step(5), 0);
  t.dispose();
});

// m.Network recording the options of every network built and of every epoch trained.
function spying() {
  const built = [], epochs = [];
  class Spy extends m.Network {
    constructor(options) { super(options); built.push(options); }
    trainEpoch(x, y, options) { epochs.push(options); return super.trainEpoch(x, y, options); }
  }
  return { m: { ...m, Network: Spy }, built, epochs };
}
const norm = (net) => Math.hypot(...net.getParameters());

test('the state table\'s datasets, problems and features are the API\'s', () => {
  assert.deepEqual([...DATASETS].sort(), [...m.datasets.names].sort());
  for (const name of DATASETS) assert.equal(problemOf(name), m.datasets.info(name).task, name);
  for (const [problem, names] of Object.entries(DATASETS_OF)) assert.ok(names.every((n) => m.datasets.info(n).task === problem), problem);
  assert.deepEqual(FEATURES, mod.enumNames('feature').split(' '));
});

test('regression (plane): one linear output, MSE falls, accuracy is NaN; multigauss trains too', () => {
  const spy = spying();
  const t = new Trainer(spy.m, { ...CIRCLE, dataset: 'plane', compare: 'relu' });
  assert.deepEqual([t.task, t.outputs, t.classes], ['regression', 1, 0]);
  assert.deepEqual(spy.built.map((o) => [o.task, o.layers.at(-1)]), [['regression', 1], ['regression', 1]]);
  assert.ok(t.runs.every((r) => r.net.task === 'regression'));
  const first = t.runs.map((r) => r.trainLoss);
  const seen = [];
  t.step(40, (epoch, runs) => { seen.push(runs.map((r) => r.accuracy)); });
  assert.ok(seen.flat().every(Number.isNaN), 'accuracy of a regression is NaN');
  t.runs.forEach((r, i) => {
    assert.equal(r.testLoss, r.net.evaluate(t.data.test.x, t.data.test.y));
    assert.ok(r.trainLoss < 0.3 * first[i] && r.testLoss < 0.3 * first[i], `${r.activation}: MSE ${first[i]} -> ${r.trainLoss} (test ${r.testLoss})`);
  });
  // Switching to a classification dataset rebuilds for its task.
  assert.equal(t.update({ dataset: 'three' }), 'data');
  assert.deepEqual([t.task, t.outputs, t.classes, spy.built.at(-1).task, spy.built.at(-1).layers.at(-1)], ['classification', 3, 3, 'classification', 3]);
  assert.equal(t.update({ dataset: 'multigauss' }), 'data');
  const before = t.runs[0].trainLoss;
  t.step(40);
  assert.ok(t.runs[0].trainLoss < before, `multigauss: ${before} -> ${t.runs[0].trainLoss}`);
  t.dispose();
});

test('train ratio: the percentage of the 400 points that trains; a new ratio splits again', () => {
  const sizes = (t) => [t.data.train.y.length, t.data.test.y.length];
  const t = new Trainer(m, { ...CIRCLE, compare: 'none' });
  assert.deepEqual(sizes(t), [200, 200]); // the default: 50
  t.step(2);
  assert.equal(t.update({ trainRatio: 10 }), 'data');
  assert.deepEqual([...sizes(t), t.epoch], [40, 360, 0]);
  assert.equal(t.update({ trainRatio: 90 }), 'data');
  assert.deepEqual(sizes(t), [360, 40]);
  assert.equal(t.update({ trainRatio: 90 }), '');
  const fresh = new Trainer(m, { ...CIRCLE, compare: 'none', trainRatio: 73 });
  assert.deepEqual(sizes(fresh), [292, 108]);
  // The same points, only split otherwise.
  const all = (d) => [...d.train.y, ...d.test.y].reduce((a, b) => a + b, 0);
  assert.equal(all(fresh.data), all(t.data));
  fresh.dispose();
  t.dispose();
});

test('features: the networks\' inputs (layers[0] = their number); a new list builds new networks', () => {
  const spy = spying();
  const t = new Trainer(spy.m, { ...CIRCLE, features: ['x1', 'x2', 'x1^2', 'sin(x2)'] });
  assert.deepEqual(spy.built.map((o) => [o.layers[0], o.features.join()]), [[4, 'x1,x2,x1^2,sin(x2)'], [4, 'x1,x2,x1^2,sin(x2)']]);
  assert.equal(t.runs[0].net.parameterCount, (4 * 8 + 8) + (8 * 8 + 8) + (8 + 1));
  t.step(2);
  const net = t.runs[0].net;
  assert.equal(t.update({ features: ['x1', 'x2', 'x1^2', 'sin(x2)'] }), '');
  assert.equal(t.runs[0].net, net);
  assert.equal(t.update({ features: ['x1^2'] }), 'nets');
  assert.deepEqual([spy.built.at(-1).layers[0], t.runs[0].net.parameterCount, t.epoch], [1, (8 + 8) + (8 * 8 + 8) + 9, 0]);
  // x1^2 + x2^2 is all a circle needs: one linear boundary on the squares.
  const squares = new Trainer(m, { ...CIRCLE, compare: 'none', features: ['x1^2', 'x2^2'] });
  squares.step(30);
  assert.ok(squares.runs[0].accuracy > 0.9, `circle on the squares: accuracy ${squares.runs[0].accuracy}`);
  squares.dispose();
  // Without the option: x1, x2.
  const plain = spying();
  new Trainer(plain.m, CIRCLE).dispose();
  assert.deepEqual(plain.built[0].features, ['x1', 'x2']);
  t.dispose();
});

test('regularization reaches trainEpoch, live: l2 and l1 with a large rate shrink the weights against none', () => {
  const spy = spying();
  const config = { ...CIRCLE, compare: 'none', learningRate: 0.01 };
  const t = new Trainer(spy.m, config);
  t.step(1);
  assert.deepEqual(spy.epochs.at(-1), { learningRate: 0.01, optimizer: 'adam', batchSize: 10, regularization: 'none', regularizationRate: 0 });
  const net = t.runs[0].net;
  assert.equal(t.update({ regularization: 'l2', regularizationRate: 0.3 }), '');
  assert.equal(t.runs[0].net, net, 'live: the same network');
  t.step(1);
  assert.deepEqual([spy.epochs.at(-1).regularization, spy.epochs.at(-1).regularizationRate], ['l2', 0.3]);
  t.dispose();
  // Same seed, same data, 30 epochs each.
  const trained = (extra) => {
    const r = new Trainer(m, { ...config, ...extra });
    r.step(30);
    const n = norm(r.runs[0].net);
    r.dispose();
    return n;
  };
  const none = trained({}), l2 = trained({ regularization: 'l2', regularizationRate: 1 }), l1 = trained({ regularization: 'l1', regularizationRate: 1 });
  assert.ok(l2 < 0.5 * none && l1 < 0.5 * none, `weight norms: none ${none}, l2 ${l2}, l1 ${l1}`);
  assert.equal(trained({ regularization: 'l2', regularizationRate: 0 }), none, 'rate 0: no regularization');
});
