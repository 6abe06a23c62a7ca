// The widget's model side (web/src/widget/trainer.js, no DOM), in Node on the built module: the loss
// series the chart reads, what each epoch measures (the element's epoch event passes it on),
// divergence and reset, and which setting changes rebuild what.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Series, Trainer } from '../../web/src/widget/trainer.js';
import { loadFlavor } from './helpers.mjs';

const { api: m } = await loadFlavor('simd');
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

test('a deadline ends a step after the epoch that passes it (at least one epoch)', async () => {
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
