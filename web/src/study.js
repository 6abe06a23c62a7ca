// The alpha study: one dataset, a grid of ELU alphas x network seeds plus reference activations on
// the same seeds, each trained for a number of epochs; per run the final losses, the test accuracy,
// the epoch at which a target was first met and whether training diverged; per group the median and
// quartiles over the seeds. No DOM: runs in Node, browsers and workers. m.study (api.js) runs a study
// time-sliced on the calling thread; runStudyInWorkers (study-pool.js) spreads the runs over workers,
// each of which calls trainRun, so both give the same records bit for bit.
import { checkChoice, checkInteger, checkNumber, checkObject, describe } from './checks.js';

// What the study knows of the datasets without the module (kept equal to m.datasets.info by the tests).
const DATASETS = {
  circle: { task: 'classification', outputs: 1 },
  xor: { task: 'classification', outputs: 1 },
  gauss: { task: 'classification', outputs: 1 },
  spiral: { task: 'classification', outputs: 1 },
  three: { task: 'classification', outputs: 3 },
  plane: { task: 'regression', outputs: 1 },
  multigauss: { task: 'regression', outputs: 1 },
};
const FEATURES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'];
const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const STUDY_BASELINES = Object.freeze(['relu', 'leaky_relu', 'selu', 'gelu', 'silu', 'tanh']);

// A training loss this large has left any useful range: the run counts as diverged, as in the
// element's trainer (web/src/widget/trainer.js), besides the network's own NaN/Inf divergence.
export const DIVERGED_LOSS = 1e4;

// Targets a 2-8-8-1 network meets within about 100 epochs with the defaults below (Adam 0.03, noise
// 0.1, 200 training points): a test accuracy for classification, a test loss (1/2 mean squared error)
// for regression. Measured over seeds 1..8 at alpha 1: plane reaches 0.001 at epoch 10-80 (median
// 27), multigauss 0.02 at epoch 23-113 (median 50; ReLU: median 138).
const TARGETS = { circle: 0.95, gauss: 0.95, xor: 0.9, spiral: 0.8, three: 0.8, plane: 0.001, multigauss: 0.02 };

export function defaultTarget(dataset) {
  return TARGETS[checkChoice('defaultTarget', 'dataset', dataset, Object.keys(DATASETS))];
}

export const STUDY_DEFAULTS = Object.freeze({
  dataset: 'circle',
  noise: 0.1,
  points: 400,
  trainRatio: 50,
  dataSeed: 1,
  hiddenLayers: Object.freeze([8, 8]),
  features: Object.freeze(['x1', 'x2']),
  optimizer: 'adam',
  learningRate: 0.03,
  batchSize: 10,
  regularization: 'none',
  regularizationRate: 0,
  alphas: Object.freeze([0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3]),
  seeds: 8,
  epochs: 300,
  baselines: Object.freeze(['relu']),
  target: undefined, // defaultTarget(dataset)
});

// A list option: an Array of count in [min, max] whose entries pass `check` (and differ, if unique).
function checkList(fn, name, v, min, max, check, unique = true) {
  if (!Array.isArray(v)) throw new TypeError(`${fn}: ${name} must be an Array, got ${describe(v)}`);
  if (v.length < min || v.length > max) {
    throw new RangeError(`${fn}: ${name} must hold ${min} to ${max} entries, got ${v.length}`);
  }
  const seen = new Set();
  return v.map((x, i) => {
    check(`${name}[${i}]`, x);
    if (unique && seen.has(x)) throw new RangeError(`${fn}: ${name} lists ${typeof x === 'string' ? `"${x}"` : x} twice`);
    seen.add(x);
    return x === 0 ? 0 : x; // -0 reads as 0
  });
}

function checkLearningRate(fn, v) {
  checkNumber(fn, 'learningRate', v, { min: 0, max: 10, range: 'in (0, 10]' });
  if (v === 0) throw new RangeError(`${fn}: learningRate must be in (0, 10], got 0`);
  return v;
}

// The checked, normalized options (a new object; every field present) and the runs: alphas x seeds
// (alpha-major), then each baseline x seeds. Throws TypeError / RangeError naming the option.
export function studyRuns(options) {
  const fn = 'study';
  const given = checkObject(fn, 'options', options, "{ dataset: 'circle', alphas: [0.5, 1], seeds: 4 }");
  for (const k of Object.keys(given)) {
    if (!Object.hasOwn(STUDY_DEFAULTS, k)) {
      throw new RangeError(`${fn}: unknown option "${k}"; expected one of ${Object.keys(STUDY_DEFAULTS).join(', ')}`);
    }
  }
  const o = {};
  for (const k of Object.keys(STUDY_DEFAULTS)) o[k] = given[k] ?? STUDY_DEFAULTS[k];
  const dataset = checkChoice(fn, 'dataset', o.dataset, Object.keys(DATASETS));
  const { task } = DATASETS[dataset];
  const number = (name, min, max, range) => checkNumber(fn, name, o[name], { min, max, range });
  const normalized = {
    dataset,
    noise: number('noise', 0, 1, 'in [0, 1]'),
    points: checkInteger(fn, 'points', o.points, 10, 10000),
    trainRatio: checkInteger(fn, 'trainRatio', o.trainRatio, 10, 90),
    dataSeed: checkInteger(fn, 'dataSeed', o.dataSeed, 0, 2 ** 32 - 1),
    hiddenLayers: checkList(fn, 'hiddenLayers', o.hiddenLayers, 1, 8, (name, u) => checkInteger(fn, name, u, 1, 64), false),
    features: checkList(fn, 'features', o.features, 1, FEATURES.length, (name, f) => checkChoice(fn, name, f, FEATURES)),
    optimizer: checkChoice(fn, 'optimizer', o.optimizer, OPTIMIZERS),
    learningRate: checkLearningRate(fn, o.learningRate),
    batchSize: checkInteger(fn, 'batchSize', o.batchSize, 1, 10000),
    regularization: checkChoice(fn, 'regularization', o.regularization, REGULARIZATIONS),
    regularizationRate: number('regularizationRate', 0, 10, 'in [0, 10]'),
    alphas: checkList(fn, 'alphas', o.alphas, 1, 32, (name, a) => checkNumber(fn, name, a, { min: 0, max: 10, range: 'in [0, 10]' })),
    seeds: checkInteger(fn, 'seeds', o.seeds, 1, 64),
    epochs: checkInteger(fn, 'epochs', o.epochs, 1, 5000),
    baselines: checkList(fn, 'baselines', o.baselines, 0, STUDY_BASELINES.length,
      (name, b) => checkChoice(fn, name, b, STUDY_BASELINES)),
    target: o.target === undefined ? TARGETS[dataset]
      : task === 'regression' ? checkNumber(fn, 'target', o.target, { min: 0, range: `a test loss >= 0 (${dataset} is a regression)` })
        : checkNumber(fn, 'target', o.target, { min: 0, max: 1, range: `a test accuracy in [0, 1] (${dataset} is a classification)` }),
  };
  const runs = [];
  for (const alpha of normalized.alphas) {
    for (let seed = 1; seed <= normalized.seeds; seed++) runs.push({ index: runs.length, activation: 'elu', alpha, seed });
  }
  for (const activation of normalized.baselines) {
    for (let seed = 1; seed <= normalized.seeds; seed++) runs.push({ index: runs.length, activation, alpha: null, seed });
  }
  return { options: normalized, runs };
}

// The study's one dataset: { train, test }, as the element makes it (datasets.make then split).
export function studyData(m, options) {
  const { dataset, points, noise, dataSeed, trainRatio } = options;
  const data = m.datasets.make(dataset, { n: points, noise, seed: dataSeed });
  return m.datasets.split(data, { testFraction: 1 - trainRatio / 100, seed: dataSeed });
}

function checkRun(fn, run, options) {
  const r = checkObject(fn, 'run', run, "{ index: 0, activation: 'elu', alpha: 1, seed: 1 }");
  checkInteger(fn, 'run.index', r.index, 0, Infinity);
  checkChoice(fn, 'run.activation', r.activation, ['elu', ...options.baselines]);
  if (r.activation === 'elu') checkNumber(fn, 'run.alpha', r.alpha, { min: 0, max: 10, range: 'in [0, 10]' });
  else if (r.alpha !== null) throw new TypeError(`${fn}: run.alpha must be null for a baseline (${r.activation}), got ${describe(r.alpha)}`);
  checkInteger(fn, 'run.seed', r.seed, 0, 2 ** 32 - 1);
  return r;
}

// One run, trained an epoch at a time (step), so a caller can spread it over tasks. The network
// lives from the constructor to dispose().
class RunTrainer {
  constructor(m, options, run, data) {
    this.options = options;
    this.run = run;
    this.data = data;
    const { task, outputs } = DATASETS[options.dataset];
    this.classification = task === 'classification';
    const { features, hiddenLayers, optimizer, learningRate, batchSize, regularization, regularizationRate } = options;
    this.net = new m.Network({
      layers: [features.length, ...hiddenLayers, outputs], activation: run.activation,
      ...(run.activation === 'elu' ? { alpha: run.alpha } : {}), seed: run.seed, features, task,
    });
    this.trainOptions = { learningRate, optimizer, batchSize, regularization, regularizationRate };
    this.epoch = 0;
    this.epochsToTarget = null;
    this.diverged = false;
    this.done = false;
  }

  // Trains epochs until the run is done or performance.now() reaches `deadline` (at least one).
  step(deadline = Infinity) {
    const { net, data: { train, test }, options: { epochs, target } } = this;
    do {
      const loss = net.trainEpoch(train.x, train.y, this.trainOptions);
      this.epoch += 1;
      if (!(loss < DIVERGED_LOSS) || net.diverged) {
        this.diverged = true;
        this.done = true;
        return;
      }
      // The test metric only until the target is met: once met, nothing more to learn from it.
      if (this.epochsToTarget === null) {
        const met = this.classification ? net.accuracy(test.x, test.y) >= target : net.evaluate(test.x, test.y) <= target;
        if (met) this.epochsToTarget = this.epoch;
      }
      if (this.epoch >= epochs) {
        this.done = true;
        return;
      }
    } while (deadline === Infinity || performance.now() < deadline);
  }

  // The network as it stands (a NaN/Inf epoch has restored the weights before it).
  record() {
    const { net, data: { train, test }, run } = this;
    return {
      index: run.index,
      activation: run.activation,
      alpha: run.alpha,
      seed: run.seed,
      trainLoss: net.evaluate(train.x, train.y),
      testLoss: net.evaluate(test.x, test.y),
      accuracy: this.classification ? net.accuracy(test.x, test.y) : NaN,
      epochsToTarget: this.epochsToTarget,
      diverged: this.diverged,
    };
  }

  dispose() { this.net.dispose(); }
}

// One run of a study, start to end: its record. `data` (studyData's) is made when not given.
export function trainRun(m, options, run, data) {
  const o = studyRuns(options).options;
  const r = new RunTrainer(m, o, checkRun('trainRun', run, o), data ?? studyData(m, o));
  try {
    r.step();
    return r.record();
  } finally {
    r.dispose();
  }
}

// ---- running a study: arguments shared by m.study and runStudyInWorkers ----------------------------

export function abortError() {
  return new DOMException('The study was aborted', 'AbortError');
}

// { onResult, signal, ...rest } checked; `extra` checks the caller's own fields.
export function checkControl(fn, control, extra = {}) {
  const c = checkObject(fn, 'control', control, '{ onResult, signal }');
  const known = ['onResult', 'signal', ...Object.keys(extra)];
  for (const k of Object.keys(c)) {
    if (!known.includes(k)) throw new RangeError(`${fn}: unknown control option "${k}"; expected one of ${known.join(', ')}`);
  }
  if (c.onResult !== undefined && typeof c.onResult !== 'function') {
    throw new TypeError(`${fn}: onResult must be a function (record, done, total), got ${describe(c.onResult)}`);
  }
  const s = c.signal;
  if (s !== undefined && (s === null || typeof s !== 'object' || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function')) {
    throw new TypeError(`${fn}: signal must be an AbortSignal, got ${describe(s)}`);
  }
  const out = { onResult: c.onResult, signal: s };
  for (const [k, check] of Object.entries(extra)) out[k] = check(c[k]);
  return out;
}

// A new macrotask: setImmediate in Node, a MessageChannel message in browsers and workers (neither
// is clamped like setTimeout), so a study yields to rendering and input between slices.
let channel;
const pending = [];
function macrotask() {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => pending.shift()();
    }
    return new Promise((resolve) => {
      pending.push(resolve);
      channel.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// m.study: the runs in order on the calling thread, at most about sliceMs of work per task (an epoch
// is the unit), yielding with a macrotask in between. One network lives at a time.
export async function runStudy(m, options, control) {
  const fn = 'study';
  const { options: o, runs } = studyRuns(options);
  const { onResult, signal, sliceMs } = checkControl(fn, control, {
    sliceMs: (v = 8) => checkNumber(fn, 'sliceMs', v, { min: 0, max: 1000, range: 'in [0, 1000]' }),
  });
  const records = [];
  let current = null, data;
  try {
    for (let i = 0, deadline = -Infinity; i < runs.length; i++) {
      for (;;) {
        if (performance.now() >= deadline) {
          await macrotask();
          if (signal?.aborted) throw abortError();
          deadline = performance.now() + sliceMs;
        }
        current ??= new RunTrainer(m, o, runs[i], data ??= studyData(m, o));
        current.step(deadline);
        if (current.done) break;
      }
      const record = current.record();
      current.dispose();
      current = null;
      records.push(record);
      onResult?.(record, records.length, runs.length);
      if (signal?.aborted) throw abortError(); // aborted from onResult: not one more epoch
    }
  } finally {
    current?.dispose();
  }
  return { options: o, records };
}

// ---- summaries -------------------------------------------------------------------------------------

// The p-quantile of sorted values, linear between order statistics (numpy's default, R's type 7).
function quantile(sorted, p) {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo], b = sorted[Math.min(lo + 1, sorted.length - 1)];
  if (a === b) return a; // also Infinity === Infinity
  const t = h - lo;
  return t === 0.5 ? (a + b) / 2 : a + t * (b - a); // a median of two: their exact midpoint
}

const orNull = (v) => (Number.isFinite(v) ? v : null);

function spread(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return { median: null, q1: null, q3: null, min: null, max: null };
  return { median: quantile(v, 0.5), q1: quantile(v, 0.25), q3: quantile(v, 0.75), min: v[0], max: v.at(-1) };
}

// A run that never met the target counts as later than every run that did: a statistic that falls
// on (or between) such runs is null (e.g. the median when fewer than half met it).
function censored(values) {
  const v = values.map((e) => e ?? Infinity).sort((a, b) => a - b);
  const at = (p) => (v.length ? orNull(quantile(v, p)) : null);
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), reached: values.filter((e) => e !== null).length };
}

// Per group (each alpha in order of first appearance, then each baseline): the spread over its runs.
export function summarizeStudy(records) {
  if (!Array.isArray(records)) throw new TypeError(`summarizeStudy: records must be an Array, got ${describe(records)}`);
  const groups = new Map();
  const sorted = [...records].sort((a, b) => (a.activation === 'elu') === (b.activation === 'elu') ? a.index - b.index
    : a.activation === 'elu' ? -1 : 1);
  for (const r of sorted) {
    const key = r.activation === 'elu' ? `elu ${r.alpha}` : r.activation;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.values()].map((g) => ({
    activation: g[0].activation,
    alpha: g[0].alpha,
    runs: g.length,
    accuracy: spread(g.map((r) => r.accuracy)),
    testLoss: spread(g.map((r) => r.testLoss)),
    epochsToTarget: censored(g.map((r) => r.epochsToTarget)),
    diverged: g.filter((r) => r.diverged).length,
  }));
}

// ---- CSV -------------------------------------------------------------------------------------------

const COLUMNS = ['index', 'activation', 'alpha', 'seed', 'trainLoss', 'testLoss', 'accuracy', 'epochsToTarget', 'diverged'];

// JS's shortest round-trip form (String(v)), -0 kept; null is an empty cell.
const cell = (v) => (v === null ? '' : Object.is(v, -0) ? '-0' : String(v));

export function studyCsv(records) {
  if (!Array.isArray(records)) throw new TypeError(`studyCsv: records must be an Array, got ${describe(records)}`);
  return `${COLUMNS.join(',')}\n${records.map((r) => `${COLUMNS.map((c) => cell(r[c])).join(',')}\n`).join('')}`;
}

export function parseStudyCsv(text) {
  const fn = 'parseStudyCsv';
  if (typeof text !== 'string') throw new TypeError(`${fn}: text must be a string, got ${describe(text)}`);
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines[0] !== COLUMNS.join(',')) throw new RangeError(`${fn}: the first line must be the header ${COLUMNS.join(',')}`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    const where = `line ${i + 2}`;
    if (cells.length !== COLUMNS.length) throw new RangeError(`${fn}: ${where} has ${cells.length} fields, expected ${COLUMNS.length}`);
    const num = (k, { nullable = false, integer = false } = {}) => {
      const s = cells[COLUMNS.indexOf(k)];
      if (s === '' && nullable) return null;
      const v = s === '' ? NaN : Number(s); // Number('NaN') is NaN too
      if ((Number.isNaN(v) && s !== 'NaN') || (integer && !Number.isInteger(v))) {
        throw new RangeError(`${fn}: ${where}: ${k} must be ${integer ? 'an integer' : 'a number'}${nullable ? ' or empty' : ''}, got "${s}"`);
      }
      return v;
    };
    const activation = cells[1];
    if (activation !== 'elu' && !STUDY_BASELINES.includes(activation)) {
      throw new RangeError(`${fn}: ${where}: unknown activation "${activation}"`);
    }
    const diverged = cells[8];
    if (diverged !== 'true' && diverged !== 'false') throw new RangeError(`${fn}: ${where}: diverged must be true or false, got "${diverged}"`);
    return {
      index: num('index', { integer: true }),
      activation,
      alpha: num('alpha', { nullable: true }),
      seed: num('seed', { integer: true }),
      trainLoss: num('trainLoss'),
      testLoss: num('testLoss'),
      accuracy: num('accuracy'),
      epochsToTarget: num('epochsToTarget', { nullable: true, integer: true }),
      diverged: diverged === 'true',
    };
  });
}
