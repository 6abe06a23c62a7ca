// The widget's model (web/src/widget/trainer.js: the networks of the training panel, no DOM) in
// Node, on the built module: divergence and reset, and which setting changes rebuild what.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Trainer } from '../../web/src/widget/trainer.js';
import { loadFlavor } from './helpers.mjs';

const { api: m } = await loadFlavor('simd');
const CONFIG = { dataset: 'circle', noise: 0.1, seed: 1, hiddenLayers: [8, 8], alpha: 1, compare: 'relu',
  learningRate: 0.03, optimizer: 'adam', batchSize: 10 };

test('divergence stops every run until reset(), which clears it and trains again', () => {
  const t = new Trainer(m, { ...CONFIG, learningRate: 10, optimizer: 'momentum' });
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
  const t = new Trainer(m, CONFIG);
  t.step(2);
  const points = t.data.train.x.slice();
  assert.equal(t.update({ seed: 2 }), 'data');
  assert.equal(t.epoch, 0);
  assert.notDeepEqual(t.data.train.x, points);
  const fresh = new Trainer(m, { ...CONFIG, seed: 2 });
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
  const t = new Trainer({ ...m, Network: Exploding }, CONFIG);
  assert.equal(t.step(5), 0);
  assert.equal(t.diverged, true);
  assert.equal(t.epoch, 0);
  assert.equal(t.runs[0].net.diverged, false); // the networks themselves saw no NaN
  assert.equal(t.step(5), 0);
  t.dispose();
});
