// The alpha study in Node (web/src/study.js through the package entry): the runs and their order,
// m.study against the same networks trained by hand through the public API (bit for bit, both module
// flavors), determinism, summaries, CSV, abort (and no network left behind), time slicing.
// tests/js/bad-input-cases.mjs holds the bad options; tests/browser/study.test.mjs the worker pool.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as entry from 'elu-playground';
import { STUDY_DEFAULTS, defaultTarget, load, parseStudyCsv, studyCsv, studyRuns, summarizeStudy } from 'elu-playground';

import { runStudy, trainRun } from '../../web/src/study.js';
import { loadFlavor } from './helpers.mjs';

const m = await load();
const flavors = Object.fromEntries(await Promise.all(['simd', 'scalar'].map(async (f) => [f, await loadFlavor(f)])));

// The study of `options` trained by hand through the public API: what m.study must give, bit for bit.
function byHand(api, options) {
  const o = { ...STUDY_DEFAULTS, ...options };
  o.target ??= defaultTarget(o.dataset);
  const { task, outputs } = api.datasets.info(o.dataset);
  const data = api.datasets.make(o.dataset, { n: o.points, noise: o.noise, seed: o.dataSeed });
  const { train, test: held } = api.datasets.split(data, { testFraction: 1 - o.trainRatio / 100, seed: o.dataSeed });
  const runs = [];
  for (const alpha of o.alphas) for (let seed = 1; seed <= o.seeds; seed++) runs.push(['elu', alpha, seed]);
  for (const b of o.baselines) for (let seed = 1; seed <= o.seeds; seed++) runs.push([b, null, seed]);
  return runs.map(([activation, alpha, seed], index) => {
    const net = new api.Network({ layers: [o.features.length, ...o.hiddenLayers, outputs], activation,
      ...(alpha === null ? {} : { alpha }), seed, features: o.features, task });
    let epochsToTarget = null, diverged = false;
    for (let e = 1; e <= o.epochs; e++) {
      const loss = net.trainEpoch(train.x, train.y, { learningRate: o.learningRate, optimizer: o.optimizer,
        batchSize: o.batchSize, regularization: o.regularization, regularizationRate: o.regularizationRate });
      if (!(loss < 1e4) || net.diverged) { diverged = true; break; }
      const met = task === 'regression' ? net.evaluate(held.x, held.y) <= o.target : net.accuracy(held.x, held.y) >= o.target;
      if (met && epochsToTarget === null) epochsToTarget = e;
    }
    const record = { index, activation, alpha, seed, trainLoss: net.evaluate(train.x, train.y),
      testLoss: net.evaluate(held.x, held.y), accuracy: task === 'regression' ? NaN : net.accuracy(held.x, held.y),
      epochsToTarget, diverged };
    net.dispose();
    return record;
  });
}

const SMALL = { dataset: 'spiral', alphas: [0.3, 1], seeds: 2, epochs: 20, baselines: ['relu'], target: 0.6 };

test('both entries export the study helpers; m.study is on the loaded API', async () => {
  const node = await import('../../web/src/node.js');
  for (const name of ['STUDY_DEFAULTS', 'defaultTarget', 'studyRuns', 'summarizeStudy', 'studyCsv', 'parseStudyCsv']) {
    assert.ok(name in entry && name in node, name);
  }
  assert.ok(!('runStudyInWorkers' in node), 'the worker pool is the browser entry\'s');
  const source = await import('node:fs/promises').then((fs) => fs.readFile(new URL('../../web/src/index.js', import.meta.url), 'utf8'));
  assert.match(source, /export \{ runStudyInWorkers \} from '\.\/study-pool\.js'/);
  assert.equal(typeof m.study, 'function');
  assert.ok(Object.isFrozen(STUDY_DEFAULTS) && Object.isFrozen(STUDY_DEFAULTS.alphas));
});

test('studyRuns: defaults, normalized options, runs alpha-major then each baseline', () => {
  const { options, runs } = studyRuns();
  assert.deepEqual(options, { ...STUDY_DEFAULTS, hiddenLayers: [8, 8], features: ['x1', 'x2'],
    alphas: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3], baselines: ['relu'], target: 0.95 });
  assert.equal(runs.length, 12 * 8);
  assert.deepEqual(runs.slice(0, 9).map((r) => [r.index, r.activation, r.alpha, r.seed]),
    [[0, 'elu', 0, 1], [1, 'elu', 0, 2], [2, 'elu', 0, 3], [3, 'elu', 0, 4], [4, 'elu', 0, 5], [5, 'elu', 0, 6],
      [6, 'elu', 0, 7], [7, 'elu', 0, 8], [8, 'elu', 0.05, 1]]);
  assert.deepEqual(runs.at(-1), { index: 95, activation: 'relu', alpha: null, seed: 8 });
  const two = studyRuns({ alphas: [2, 0.5], seeds: 2, baselines: ['tanh', 'gelu'] }).runs;
  assert.deepEqual(two.map((r) => `${r.activation}:${r.alpha}:${r.seed}`),
    ['elu:2:1', 'elu:2:2', 'elu:0.5:1', 'elu:0.5:2', 'tanh:null:1', 'tanh:null:2', 'gelu:null:1', 'gelu:null:2']);
  assert.deepEqual(two.map((r) => r.index), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(studyRuns({ baselines: [] }).runs.length, 88);
  // The normalized options are a new object, and pass again unchanged.
  const given = { alphas: [1], hiddenLayers: [4] };
  const n = studyRuns(given).options;
  n.alphas.push(2);
  assert.deepEqual(given.alphas, [1]);
  assert.deepEqual(studyRuns(studyRuns(SMALL).options).options, studyRuns(SMALL).options);
  assert.equal(studyRuns({ alphas: [-0] }).options.alphas[0], 0);
  assert.ok(Object.is(studyRuns({ alphas: [-0] }).options.alphas[0], 0));
});

test('defaultTarget: accuracy for classification, a test loss for regression; every dataset trains', async () => {
  assert.deepEqual(m.datasets.names.map((d) => [d, defaultTarget(d)]),
    [['circle', 0.95], ['xor', 0.9], ['gauss', 0.95], ['spiral', 0.8], ['three', 0.8], ['plane', 0.001], ['multigauss', 0.02]]);
  for (const dataset of m.datasets.names) {
    const { options, records: [r] } = await m.study({ dataset, alphas: [1], seeds: 1, epochs: 2, baselines: [] });
    assert.equal(options.target, defaultTarget(dataset));
    assert.equal(Number.isNaN(r.accuracy), m.datasets.info(dataset).task === 'regression', dataset);
    assert.ok(Number.isFinite(r.trainLoss) && Number.isFinite(r.testLoss), dataset);
  }
});

test('the regression targets are met within about 100 epochs at alpha 1 (as measured for defaultTarget)', async () => {
  for (const dataset of ['plane', 'multigauss']) {
    const { records } = await m.study({ dataset, alphas: [1], seeds: 8, epochs: 150, baselines: [] }, { sliceMs: 50 });
    const [g] = summarizeStudy(records);
    assert.ok(g.epochsToTarget.reached >= 7 && g.epochsToTarget.median <= 100, `${dataset}: ${JSON.stringify(g.epochsToTarget)}`);
  }
});

for (const flavor of ['simd', 'scalar']) {
  test(`${flavor}: m.study equals the same networks trained by hand through the public API, bit for bit`, async () => {
    const { api } = flavors[flavor];
    const seen = [];
    const { options, records } = await api.study(SMALL, { onResult: (r, done, total) => seen.push([r.index, done, total]) });
    assert.deepEqual(options, studyRuns(SMALL).options);
    assert.deepEqual(records, byHand(api, SMALL));
    assert.deepEqual(seen, records.map((r, i) => [i, i + 1, 6]));
    assert.deepEqual(Object.keys(records[0]), ['index', 'activation', 'alpha', 'seed', 'trainLoss', 'testLoss', 'accuracy', 'epochsToTarget', 'diverged']);
    // The target was met part-way (spiral at 0.6): epochsToTarget is more than the first epoch.
    assert.ok(records.some((r) => r.epochsToTarget > 1) && records.every((r) => r.epochsToTarget === null || r.epochsToTarget <= 20));
    // trainRun alone gives each record.
    for (const run of studyRuns(SMALL).runs) assert.deepEqual(trainRun(api, SMALL, run), records[run.index]);
  });
}

test('regression and divergence: by hand too (a test-loss target; NaN accuracy; diverged runs stop)', async () => {
  const plane = { dataset: 'plane', alphas: [0.5], seeds: 2, epochs: 30, baselines: ['tanh'], features: ['x1', 'x2', 'x1*x2'], hiddenLayers: [6], target: 0.01 };
  const p = await m.study(plane);
  assert.deepEqual(p.records, byHand(m, plane));
  assert.ok(p.records.every((r) => Number.isNaN(r.accuracy)) && p.records.some((r) => r.epochsToTarget !== null));
  const wild = { dataset: 'spiral', optimizer: 'sgd', learningRate: 10, alphas: [1, 3], seeds: 3, epochs: 40, baselines: ['relu'] };
  const w = await m.study(wild);
  assert.deepEqual(w.records, byHand(m, wild));
  assert.ok(w.records.filter((r) => r.diverged).length >= 4, 'learning rate 10 with SGD diverges');
  const three = { dataset: 'three', alphas: [1], seeds: 2, epochs: 10, baselines: ['selu', 'leaky_relu', 'gelu', 'silu'],
    optimizer: 'momentum', regularization: 'l2', regularizationRate: 0.001, batchSize: 7, trainRatio: 70, noise: 0.3, dataSeed: 5 };
  assert.deepEqual((await m.study(three)).records, byHand(m, three));
});

test('the same options twice give identical records', async () => {
  const a = await m.study(SMALL);
  const b = await m.study(SMALL, { sliceMs: 0 });
  assert.deepEqual(a, b);
});

test('summarizeStudy: median and quartiles by hand, censored epochs to target, baselines, empty groups', () => {
  const rec = (activation, alpha, accuracy, testLoss, epochsToTarget, diverged = false, index = 0) =>
    ({ index, activation, alpha, seed: 1, trainLoss: 0, testLoss, accuracy, epochsToTarget, diverged });
  const records = [
    rec('elu', 1, 0.5, 0.5, 10), rec('elu', 1, 0.75, 0.25, null), rec('elu', 1, 0.875, NaN, 30, true), rec('elu', 1, 1, 0.125, 20),
    rec('elu', 0.5, 0.6, 0.2, null), rec('relu', null, 0.8, 0.25, 5), rec('relu', null, 0.9, 0.5, 7),
  ].map((r, index) => ({ ...r, index }));
  const [one, half, relu] = summarizeStudy(records);
  assert.deepEqual(one, {
    activation: 'elu', alpha: 1, runs: 4,
    // Linear between order statistics (values exact in binary): [0.5, 0.75, 0.875, 1].
    accuracy: { median: 0.8125, q1: 0.6875, q3: 0.90625, min: 0.5, max: 1 },
    // NaN left out: [0.125, 0.25, 0.5]
    testLoss: { median: 0.25, q1: 0.1875, q3: 0.375, min: 0.125, max: 0.5 },
    // [10, 20, 30, never]: q3 falls between 30 and never.
    epochsToTarget: { median: 25, q1: 17.5, q3: null, reached: 3 },
    diverged: 1,
  });
  assert.deepEqual(half.epochsToTarget, { median: null, q1: null, q3: null, reached: 0 });
  assert.equal(half.accuracy.median, 0.6);
  assert.deepEqual([relu.activation, relu.alpha, relu.runs, relu.accuracy.median, relu.epochsToTarget.median], ['relu', null, 2, (0.8 + 0.9) / 2, 6]);
  // Groups: alphas in order of appearance, baselines after them whatever the order of the records.
  assert.deepEqual(summarizeStudy([...records].reverse()).map((g) => [g.activation, g.alpha]), [['elu', 1], ['elu', 0.5], ['relu', null]]);
  assert.deepEqual(summarizeStudy([]), []);
  // Regression: no accuracy at all gives nulls, never NaN.
  const [reg] = summarizeStudy([rec('elu', 1, NaN, 0.01, 3), rec('elu', 1, NaN, 0.02, 4)]);
  assert.deepEqual(reg.accuracy, { median: null, q1: null, q3: null, min: null, max: null });
  assert.ok(!JSON.stringify(summarizeStudy(records)).includes('NaN') && !/NaN/.test(JSON.stringify(Object.values(reg))));
});

test('summarizeStudy of a real study: one group per alpha then per baseline, every run counted', async () => {
  const { records } = await m.study(SMALL);
  const groups = summarizeStudy(records);
  assert.deepEqual(groups.map((g) => [g.activation, g.alpha, g.runs]), [['elu', 0.3, 2], ['elu', 1, 2], ['relu', null, 2]]);
  for (const g of groups) {
    assert.ok(g.accuracy.min <= g.accuracy.q1 && g.accuracy.q1 <= g.accuracy.median && g.accuracy.median <= g.accuracy.q3 && g.accuracy.q3 <= g.accuracy.max);
  }
});

test('CSV: a header and a row per run; parse gives back the same records (NaN, null, -0, extremes)', async () => {
  const { records } = await m.study({ ...SMALL, dataset: 'plane', target: 0.002 });
  const text = studyCsv(records);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'index,activation,alpha,seed,trainLoss,testLoss,accuracy,epochsToTarget,diverged');
  assert.equal(lines.length, records.length + 1);
  assert.deepEqual(parseStudyCsv(text), records);
  const odd = [
    { index: 0, activation: 'elu', alpha: 0.1, seed: 1, trainLoss: 5e-324, testLoss: 1.7976931348623157e308, accuracy: NaN, epochsToTarget: null, diverged: true },
    { index: 1, activation: 'tanh', alpha: null, seed: 64, trainLoss: -0, testLoss: Infinity, accuracy: 0.30000001192092896, epochsToTarget: 5000, diverged: false },
  ];
  assert.deepEqual(parseStudyCsv(studyCsv(odd)), odd);
  assert.ok(Object.is(parseStudyCsv(studyCsv(odd))[1].trainLoss, -0));
  assert.deepEqual(parseStudyCsv(studyCsv(odd).replace(/\n/g, '\r\n')), odd);
  assert.deepEqual(parseStudyCsv(studyCsv([])), []);
});

test('abort: rejects with an AbortError, no onResult after it, and no network left behind', async () => {
  const controller = new AbortController();
  let after = 0;
  const study = m.study({ ...SMALL, epochs: 200 }, { signal: controller.signal, onResult: () => {
    if (controller.signal.aborted) after += 1;
    controller.abort();
  } });
  await assert.rejects(study, (e) => e instanceof DOMException && e.name === 'AbortError');
  assert.equal(after, 0);
  await assert.rejects(m.study(SMALL, { signal: AbortSignal.abort() }), { name: 'AbortError' });

  // Count live networks: the same runStudy that m.study calls, over an API whose Network counts.
  let live = 0;
  class Counted extends m.Network {
    constructor(o) { super(o); live += 1; this.counted = true; }
    dispose() { if (this.counted) live -= 1; this.counted = false; super.dispose(); }
  }
  const counted = { ...m, Network: Counted };
  for (let i = 0; i < 20; i++) {
    const c = new AbortController();
    setTimeout(() => c.abort(), i % 5); // mid-run, between runs, or before the first task
    await assert.rejects(runStudy(counted, { ...SMALL, epochs: 100 }, { signal: c.signal, sliceMs: 1 }), { name: 'AbortError' });
    assert.equal(live, 0, `cycle ${i}: ${live} networks left`);
  }
  const onResultThrows = runStudy(counted, SMALL, { onResult: () => { throw new Error('reader failed'); } });
  await assert.rejects(onResultThrows, { message: 'reader failed' });
  assert.equal(live, 0);
});

test('abort: 20 start/abort cycles of large networks do not grow the wasm memory', async () => {
  const { api, mod } = flavors.simd;
  const big = { hiddenLayers: [64, 64, 64, 64, 64, 64, 64, 64], alphas: [1], seeds: 4, epochs: 50, baselines: [] };
  const cycle = async () => {
    const c = new AbortController();
    const study = api.study(big, { signal: c.signal, sliceMs: 2, onResult: () => {} });
    setTimeout(() => c.abort(), 5);
    await assert.rejects(study, { name: 'AbortError' });
  };
  await cycle();
  const bytes = mod.HEAPU8.buffer.byteLength;
  for (let i = 0; i < 20; i++) await cycle();
  // Each network of 8 x 64 units holds ~0.5 MB (weights, gradients, Adam's moments): 20 left behind
  // would outgrow the memory the first cycle settled at.
  assert.equal(mod.HEAPU8.buffer.byteLength, bytes);
  const probe = mod._malloc(32 << 20);
  assert.ok(probe > 0 && probe + (32 << 20) <= mod.HEAPU8.buffer.byteLength);
  mod._free(probe);
});

// Macrotasks that run between the study's own: a setImmediate chain, like the rest of a page's work.
function competitor() {
  const gaps = [];
  let last = performance.now(), stop = false;
  (function tick() {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (!stop) setImmediate(tick);
  })();
  return { gaps, stop: () => { stop = true; } };
}

test('time slicing: every task is at most ~sliceMs of work, a run spans many tasks', async () => {
  const options = { ...SMALL, epochs: 60 };
  const total = studyRuns(options).runs.length * 60;
  // sliceMs 0: one epoch per task, so the other macrotasks run at least once per epoch.
  let c = competitor();
  await m.study(options, { sliceMs: 0 });
  c.stop();
  assert.ok(c.gaps.length >= total, `${c.gaps.length} other tasks ran during ${total} epochs`);
  // sliceMs 8: the other tasks keep running; the typical gap between them is the slice.
  c = competitor();
  const start = performance.now();
  await m.study({ ...options, epochs: 300 }, { sliceMs: 8 });
  const elapsed = performance.now() - start;
  c.stop();
  const sorted = [...c.gaps].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1];
  assert.ok(c.gaps.length >= elapsed / 30, `${c.gaps.length} other tasks in ${elapsed.toFixed(0)} ms`);
  assert.ok(median <= 8 + 10, `median gap ${median.toFixed(1)} ms`);
});
