// The study panel's pure parts (web/src/widget/studychart.js, speed.js): the study of the element's
// state, the charts' drawable data and geometry, what pointing and the table say, the progress line,
// the CSV the panel copies, and the speed measurement (real kernels, and a fake clock for how it
// splits its work into tasks). Runs in Node against the source.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { STUDY_DEFAULTS, defaultTarget, parseStudyCsv, studyCsv, studyRuns, summarizeStudy } from '../../web/src/study.js';
import { measureSpeed, speedInputs } from '../../web/src/widget/speed.js';
import { defaults } from '../../web/src/widget/state.js';
import {
  chartLabel, chartLayout, chartReadout, configText, metrics, nearestPoint, progressText, speedNumbers, speedTable, studyChart,
  studyOptions, studyTable, studyWorkers,
} from '../../web/src/widget/studychart.js';
import { loadFlavor } from './helpers.mjs';

// Records of a made-up study: alphas 0, 1, 2 x 4 seeds and relu x 4; accuracy grows with alpha,
// epochs to target shrink; one alpha-0 run never reaches the target, one diverges.
function fakeRecords() {
  const records = [];
  let index = 0;
  for (const alpha of [0, 1, 2]) {
    for (let seed = 1; seed <= 4; seed++) {
      records.push({ index: index++, activation: 'elu', alpha, seed, trainLoss: 0.3 - 0.1 * alpha, testLoss: 0.35 - 0.1 * alpha,
        accuracy: 0.8 + 0.05 * alpha + 0.01 * seed, epochsToTarget: alpha === 0 && seed === 4 ? null : 100 - 20 * alpha + seed,
        diverged: alpha === 2 && seed === 1 });
    }
  }
  for (let seed = 1; seed <= 4; seed++) {
    records.push({ index: index++, activation: 'relu', alpha: null, seed, trainLoss: 0.25, testLoss: 0.3, accuracy: 0.84 + 0.01 * seed,
      epochsToTarget: 90 + seed, diverged: false });
  }
  return records;
}

test('the study of the element\'s state: its data, network and training settings and the study fields', () => {
  // The element's defaults are the study's defaults.
  assert.deepEqual(studyRuns(studyOptions(defaults())).options, studyRuns({}).options);
  const state = { ...defaults(), datasetName: 'spiral', noise: 0.3, trainRatio: 70, seed: 9, features: ['x1', 'x2', 'sin(x1)'],
    hiddenLayers: [4, 6], optimizer: 'sgd', learningRate: 0.1, batchSize: 25, regularization: 'l2', regularizationRate: 0.01,
    studyAlphas: [0.5, 1.5], studySeeds: 3, studyEpochs: 40, studyBaselines: ['gelu', 'relu'], studyTarget: null };
  const o = studyOptions(state);
  assert.deepEqual(o, {
    dataset: 'spiral', noise: 0.3, points: 400, trainRatio: 70, dataSeed: 9, hiddenLayers: [4, 6], features: ['x1', 'x2', 'sin(x1)'],
    optimizer: 'sgd', learningRate: 0.1, batchSize: 25, regularization: 'l2', regularizationRate: 0.01, alphas: [0.5, 1.5], seeds: 3,
    epochs: 40, baselines: ['gelu', 'relu'], target: defaultTarget('spiral'),
  });
  assert.equal(studyRuns(o).runs.length, (2 + 2) * 3);
  assert.equal(studyOptions({ ...state, studyTarget: 0.7 }).target, 0.7);
  // Copies: the state's arrays are not handed out.
  assert.notEqual(o.studyAlphas, state.studyAlphas);
  assert.deepEqual(Object.keys(o), Object.keys(STUDY_DEFAULTS));
});

test('charts: ELU points by alpha with median and quartiles, baselines as bands, gaps where nothing reached the target', () => {
  const groups = summarizeStudy(fakeRecords());
  const [quality, speed] = metrics('classification', 0.9);
  assert.deepEqual([quality.key, speed.key, speed.label], ['accuracy', 'epochsToTarget', 'Epochs to 90% test accuracy']);
  const acc = studyChart(groups, quality, { alphas: [0, 1, 2], epochs: 300 });
  assert.deepEqual(acc.points.map((p) => p.alpha), [0, 1, 2]);
  assert.deepEqual(acc.points.map((p) => p.runs), [4, 4, 4]);
  assert.ok(Math.abs(acc.points[1].median - 0.875) < 1e-12, String(acc.points[1].median)); // 0.85 + (0.02 + 0.03) / 2
  assert.deepEqual(acc.points.map((p) => p.diverged), [0, 0, 1]);
  assert.equal(acc.bands.length, 1);
  assert.deepEqual([acc.bands[0].activation, acc.bands[0].label, acc.bands[0].color], ['relu', 'ReLU', '#64748b']);
  assert.deepEqual(acc.x, { min: 0, max: 2 });
  // The y axis holds every value, within [0, 1].
  const values = [...acc.points, ...acc.bands].flatMap((p) => [p.q1, p.median, p.q3]);
  assert.ok(acc.y.min >= 0 && acc.y.max <= 1 && values.every((v) => v >= acc.y.min && v <= acc.y.max), JSON.stringify(acc.y));
  const epochs = studyChart(groups, speed, { alphas: [0, 1, 2], epochs: 300 });
  // Alpha 0: 3 of 4 reached (the 4th counts as later than all): the median exists, q3 does not.
  assert.equal(epochs.points[0].reached, 3);
  assert.ok(Number.isFinite(epochs.points[0].median));
  assert.ok(Number.isNaN(epochs.points[0].q3));
  assert.ok(epochs.y.min === 0 && epochs.y.max <= 300 && epochs.y.max >= 101, JSON.stringify(epochs.y));
  // Regression: the quality chart is the test loss, from 0.
  const [loss] = metrics('regression', 0.02);
  assert.equal(loss.key, 'testLoss');
  const lc = studyChart(groups, loss, { alphas: [0, 1, 2], epochs: 300 });
  assert.equal(lc.y.min, 0);
  assert.ok(lc.y.max >= 0.35);
  // No results yet: the axes are there (the study's alphas; accuracy 0..1; epochs 0..epochs).
  const empty = studyChart([], quality, { alphas: [0.5], epochs: 50 });
  assert.deepEqual([empty.points, empty.bands, empty.x, empty.y], [[], [], { min: 0, max: 1 }, { min: 0, max: 1 }]);
  assert.deepEqual(studyChart([], speed, { alphas: [0, 3], epochs: 50 }).y, { min: 0, max: 50 });
});

test('chart geometry: alphas and values to pixels and back; pointing picks the nearest alpha', () => {
  const groups = summarizeStudy(fakeRecords());
  const [quality] = metrics('classification', 0.9);
  const chart = studyChart(groups, quality, { alphas: [0, 1, 2], epochs: 300 });
  const g = chartLayout(400, 250, chart);
  assert.equal(g.toPx(0), g.pad.left);
  assert.equal(g.toPx(2), g.pad.left + g.width);
  assert.equal(g.toPy(chart.y.max), g.pad.top);
  assert.equal(g.toPy(chart.y.min), g.pad.top + g.height);
  assert.ok(Math.abs(g.fromPx(g.toPx(1.3)) - 1.3) < 1e-12);
  assert.ok(g.pad.right > 40, 'room for the baselines\' names');
  assert.ok(g.xTicks.includes(0) && g.xTicks.includes(2) && g.yTicks.length >= 2);
  chart.points.forEach((p, i) => assert.equal(nearestPoint(chart, g, g.toPx(p.alpha) + 3), i));
  assert.equal(nearestPoint(chart, g, -100), 0);
  assert.equal(nearestPoint(chart, g, 1e4), 2);
  assert.equal(nearestPoint(studyChart([], quality, { alphas: [0, 1], epochs: 1 }), g, 100), -1);
  // Without baselines, a narrow right margin.
  assert.ok(chartLayout(400, 250, { ...chart, bands: [] }).pad.right < 20);
});

test('words: the readout at an alpha, the canvas\'s name, the table', () => {
  const groups = summarizeStudy(fakeRecords());
  const [quality, speed] = metrics('classification', 0.9);
  const acc = studyChart(groups, quality, { alphas: [0, 1, 2], epochs: 300 });
  assert.equal(chartReadout(acc, 1), 'α = 1, test accuracy: median 87.5% (middle half 86.8%–88.3%) over 4 runs; '
    + 'ReLU: median 86.5% (middle half 85.8%–87.3%) over 4 runs');
  assert.match(chartReadout(acc, 2), /over 4 runs, 1 diverged;/);
  assert.equal(chartReadout(acc, 7), '');
  const ep = studyChart(groups, speed, { alphas: [0, 1, 2], epochs: 300 });
  assert.match(chartReadout(ep, 0), /^α = 0, epochs to 90% test accuracy: median 102\.5 \(middle half from 101\.8\), reached in 3 of 4 runs; ReLU: median 92\.5 \(middle half 91\.8–93\.3\), reached in 4 of 4 runs$/);
  assert.equal(chartLabel(acc), 'Test accuracy against alpha, the median of each alpha\'s runs: best 92.5% at α 2, worst 82.5% at α 0; '
    + 'ReLU 86.5%. The table of results lists every value.');
  assert.match(chartLabel(ep), /best 62\.5 at α 2, worst 102\.5 at α 0; ReLU 92\.5/, 'fewer epochs is better');
  assert.match(chartLabel(studyChart([], quality, { alphas: [1], epochs: 1 })), /no results yet/);
  const table = studyTable(groups, 'classification', 0.9);
  assert.deepEqual(table.head, ['Activation', 'α', 'Runs', 'Test accuracy: median (middle half)',
    'Epochs to 90% test accuracy: median (runs that reached it)', 'Diverged']);
  assert.deepEqual(table.rows, [
    ['ELU', '0', '4', '82.5% (81.8%–83.3%)', '102.5 (3 of 4)', '0'],
    ['ELU', '1', '4', '87.5% (86.8%–88.3%)', '82.5 (4 of 4)', '0'],
    ['ELU', '2', '4', '92.5% (91.8%–93.3%)', '62.5 (4 of 4)', '1'],
    ['ReLU', '–', '4', '86.5% (85.8%–87.3%)', '92.5 (4 of 4)', '0'],
  ]);
  assert.match(studyTable(groups, 'regression', 0.02).head[3], /^Test loss \(MSE\)/);
  assert.equal(studyTable(groups, 'regression', 0.02).rows[0][3], '0.350 (0.350–0.350)');
});

test('progress: runs done, the time left at the rate so far, the total time when done; the configuration in a sentence', () => {
  assert.equal(progressText(0, 96, 0), '0 of 96 runs');
  assert.equal(progressText(24, 96, 6000), '24 of 96 runs, about 18 s left');
  assert.equal(progressText(10, 100, 20000), '10 of 100 runs, about 3 min 0 s left');
  assert.equal(progressText(96, 96, 14230, true), '96 runs in 14.2 s');
  assert.equal(progressText(1, 1, 500, true), '1 run in 0.5 s');
  const o = studyRuns(studyOptions(defaults())).options;
  assert.equal(configText(o, 'classification'), '96 runs: ELU at 11 alphas and ReLU, 8 seeds each, 300 epochs on the Circle data '
    + '(2 hidden layers of 8 and 8 units, Adam, learning rate 0.03); target: 95% test accuracy.');
  assert.equal(configText({ ...o, alphas: [1], baselines: ['relu', 'gelu'], seeds: 1, dataset: 'plane', target: 0.001, hiddenLayers: [6] }, 'regression'),
    '3 runs: ELU at 1 alpha, ReLU and GELU, 1 seed each, 300 epochs on the Plane data (1 hidden layer of 6 units, Adam, learning rate 0.03); '
    + 'target: a test loss of 0.001.');
  assert.match(configText({ ...o, hiddenLayers: [8, 4, 2] }, 'classification'), /\(3 hidden layers of 8, 4 and 2 units,/);
  assert.match(configText({ ...o, baselines: [] }, 'classification'), /^88 runs: ELU at 11 alphas, 8 seeds each/);
});

test('CSV: the text the panel copies parses back to the study\'s records', async () => {
  const { api: m } = await loadFlavor('simd');
  const result = await m.study({ alphas: [0, 1], seeds: 2, epochs: 5, baselines: ['relu'] });
  const text = studyCsv(result.records);
  assert.equal(text.split('\n')[0], 'index,activation,alpha,seed,trainLoss,testLoss,accuracy,epochsToTarget,diverged');
  assert.deepEqual(parseStudyCsv(text), result.records);
});

test('speed: finite positive throughputs of the three kernels at both sizes, and their ratios', async () => {
  const { api: m } = await loadFlavor('simd');
  const r = await measureSpeed(m, { sizes: [4096, 65536], repetitions: 3, batchMs: 1 });
  assert.deepEqual(r.sizes, [4096, 65536]);
  for (const k of ['eluForward', 'reluForward', 'eluBackward']) {
    assert.equal(r.seconds[k].length, 2);
    assert.ok(r.seconds[k].every((s) => Number.isFinite(s) && s > 0), `${k}: ${r.seconds[k]}`);
  }
  const s = speedNumbers(r);
  assert.ok(s.rate.eluForward.every((v) => Number.isFinite(v) && v > 0));
  assert.ok(s.eluOverRelu.every((v) => Number.isFinite(v) && v > 0));
  const table = speedTable(r);
  assert.deepEqual(table.head, ['Kernel', '4,096 elements', '65,536 elements']);
  assert.deepEqual(table.rows.map((row) => row[0]), ['ELU forward (elements/s)', 'ReLU forward (elements/s)', 'ELU backward (elements/s)',
    'ELU ÷ ReLU forward time', 'ELU backward ÷ forward time']);
  assert.ok(table.rows.slice(0, 3).flat().slice(1).every((c) => /^\d+(\.\d+)? [kMG]\/s$|^ELU|^ReLU/.test(c)), JSON.stringify(table.rows));
  assert.ok(table.rows.slice(3).every((row) => row.slice(1).every((c) => /^\d+\.\d\d×$/.test(c))));
  // The inputs: half of them negative, the same every time.
  const x = speedInputs(1000);
  assert.ok(x.filter((v) => v < 0).length > 400 && x.filter((v) => v < 0).length < 600);
  assert.deepEqual(speedInputs(1000), x);
  // Aborted: rejects with an AbortError.
  await assert.rejects(measureSpeed(m, { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('speed: the work is split into tasks of about taskMs, with batches long enough for a coarse timer', async () => {
  // A fake clock: each call costs 1 ms per 65,536 elements (ELU backward twice that); a yield starts a task.
  let clock = 0;
  const cost = (n, f = 1) => { clock += (f * n) / 65536; };
  const m = {
    elu: (x) => cost(x.length),
    eluBackward: (x) => cost(x.length, 2),
    activation: () => ({ forward: (x) => cost(x.length, 0.5) }),
  };
  const tasks = [];
  let start = 0;
  const r = await measureSpeed(m, {
    sizes: [4096, 1 << 20], repetitions: 5, batchMs: 4, taskMs: 12, now: () => clock,
    yieldTask: async () => { tasks.push(clock - start); start = clock; },
  });
  tasks.push(clock - start);
  // The longest task: one piece (a 32 ms ELU backward call on 2^20 elements) is never split, so a
  // task is at most taskMs or one such piece.
  assert.ok(Math.max(...tasks) <= 32, `tasks ${tasks.map((t) => t.toFixed(1)).join(' ')}`);
  assert.ok(tasks.filter((t) => t > 12).every((t) => t === 16 || t === 32 || t === 8), `tasks ${tasks.join(' ')}`);
  // Batches: at least batchMs of calls on the small size (64 calls of 1/16 ms), one call on the large.
  assert.deepEqual(r.calls, { eluForward: [64, 1], reluForward: [128, 1], eluBackward: [32, 1] });
  assert.deepEqual(r.seconds.eluForward, [4096 / 65536 / 1000, 16 / 1000]);
  assert.deepEqual(speedNumbers(r).eluOverRelu, [2, 2]);
  assert.deepEqual(speedNumbers(r).backwardOverForward, [2, 2]);
});

test('speed: a batch slowed once during calibration (the JIT, a collection) does not leave too-short batches behind', async () => {
  // Like a coarse timer after a slow first batch: ReLU's second call at 4,096 elements costs 10 ms
  // more, so calibration stops at 1 call per batch; such a batch then runs in 1/32 ms.
  let clock = 0, reluCalls = 0;
  const m = {
    elu: (x) => { clock += x.length / 65536; },
    eluBackward: (x) => { clock += x.length / 65536; },
    activation: () => ({ forward: (x) => { clock += x.length / 65536 / 2 + (++reluCalls === 2 ? 10 : 0); } }),
  };
  const r = await measureSpeed(m, { sizes: [4096], repetitions: 5, batchMs: 4, now: () => clock, yieldTask: async () => {} });
  assert.ok(r.calls.reluForward[0] >= 64, `${r.calls.reluForward[0]} calls per batch`);
  assert.deepEqual(r.seconds.reluForward, [4096 / 65536 / 2 / 1000]);
  assert.equal(speedNumbers(r).eluOverRelu[0], 2);
});

test('a study\'s workers leave one core to the page, at least one, at most 8', () => {
  assert.deepEqual([1, 2, 4, 16, undefined].map(studyWorkers), [1, 1, 3, 8, 1]);
});
