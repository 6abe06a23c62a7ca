// The widget's model side (web/src/widget/trainer.js, no DOM): the loss series the chart reads, and
// what each epoch measures (the element's epoch event passes it on). Runs in Node against the source.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Series, Trainer } from '../../web/src/widget/trainer.js';
import { loadFlavor } from './helpers.mjs';

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
  const { api: m } = await loadFlavor('simd');
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
  const { api: m } = await loadFlavor('simd');
  const t = new Trainer(m, { ...CONFIG, compare: 'none' });
  let events = 0;
  assert.equal(t.step(50, () => { events += 1; }, -Infinity), 1);
  assert.equal(events, 1);
  assert.equal(t.epoch, 1);
  t.dispose();
});
