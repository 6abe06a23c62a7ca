// The widget's state: one table of fields. Each field parses from an attribute / URL-hash string,
// checks and clamps, and serializes back. Pure (no DOM): tests/js/widget-state.test.mjs runs it in Node.
//
// Fallbacks (documented in the element's header): a value that does not parse falls back to the
// field's default; a number outside its range is clamped into it. Either way `parse` returns a
// `warning` the element prints with console.warn. Hash keys are the attribute names.

// The datasets of each problem type, the first one the type's default (m.datasets.info(name).task
// says the same: tests/js/widget-trainer.test.mjs checks).
export const PROBLEMS = ['classification', 'regression'];
export const DATASETS_OF = {
  classification: ['circle', 'xor', 'gauss', 'spiral', 'three'],
  regression: ['plane', 'multigauss'],
};
export const DATASETS = [...DATASETS_OF.classification, ...DATASETS_OF.regression];
export const OVERLAYS = ['relu', 'leaky_relu', 'celu', 'selu', 'gelu', 'silu', 'softplus', 'tanh', 'sigmoid'];
export const COMPARES = ['none', 'relu', 'leaky_relu', 'selu', 'gelu', 'silu', 'tanh'];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
export const THEMES = ['auto', 'light', 'dark'];
export const PANELS = ['function', 'training', 'network', 'study', 'code'];
// The activations a study may train beside ELU, as reference bands (study-baselines).
export const BASELINES = ['relu', 'leaky_relu', 'selu', 'gelu', 'silu', 'tanh'];
export const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
// The networks' input features, as the JS API names them (mod.enumNames('feature'), space-separated),
// in the order of the input columns.
export const FEATURES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'];

const number = (min, max, { integer = false } = {}) => ({
  parse(text) {
    const t = String(text).trim();
    const v = t === '' ? NaN : Number(t);
    if (!Number.isFinite(v)) return { error: `not a finite number: "${t}"` };
    if (integer && !Number.isInteger(v)) return { error: `not an integer: "${t}"` };
    if (v < min || v > max) return { error: `outside [${min}, ${max}]: ${v}`, clamped: Math.min(max, Math.max(min, v)) };
    return { value: v };
  },
  serialize: (v) => String(v),
  range: `${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`,
});

const choice = (options) => ({
  parse(text) {
    const t = String(text).trim().toLowerCase();
    return options.includes(t) ? { value: t } : { error: `not one of ${options.join(', ')}: "${text}"` };
  },
  serialize: (v) => v,
  range: `one of ${options.join(', ')}`,
});

// A list of tokens from `options`, separated by spaces or commas ("gelu silu", "gelu,silu").
// With `nonEmpty`, a list with no known token is invalid (falls back to the default). With `set`,
// the order is that of `options` (a set: "x2 x1" is x1 x2).
const tokens = (options, { nonEmpty = false, set = false } = {}) => ({
  parse(text) {
    const list = String(text).split(/[\s,]+/).filter(Boolean).map((t) => t.toLowerCase());
    const bad = list.filter((t) => !options.includes(t));
    const known = [...new Set(list.filter((t) => options.includes(t)))];
    const value = set ? options.filter((o) => known.includes(o)) : known;
    if (nonEmpty && !value.length) return { error: `none of ${options.join(', ')}: "${text}"` };
    return bad.length ? { error: `unknown: ${bad.join(', ')} (known: ${options.join(', ')})`, clamped: value } : { value };
  },
  serialize: (v) => v.join(' '),
  range: `a list of ${options.join(', ')}`,
});

// A set of numbers in [min, max] ("0 0.5 1", "0,0.5,1"): 1 to `most` of them, kept sorted without
// repeats. Numbers outside the range clamp, words are dropped, values past `most` are cut (each with
// a warning); a list with no number at all takes the default.
const numbers = (min, max, most) => ({
  parse(text) {
    const parts = String(text).split(/[\s,]+/).filter(Boolean);
    const finite = parts.map(Number).filter(Number.isFinite);
    const words = parts.filter((t) => !Number.isFinite(Number(t)));
    if (!finite.length) return { error: `no number in "${text}"` };
    const outside = finite.filter((v) => v < min || v > max);
    let value = [...new Set(finite.map((v) => Math.min(max, Math.max(min, v))))].sort((a, b) => a - b);
    const errors = [];
    if (words.length) errors.push(`not numbers: ${words.join(', ')}`);
    if (outside.length) errors.push(`outside [${min}, ${max}]: ${outside.join(', ')}`);
    if (value.length > most) { errors.push(`${value.length} values, more than ${most}`); value = value.slice(0, most); }
    return errors.length ? { error: errors.join('; '), clamped: value } : { value };
  },
  serialize: (v) => v.join(' '),
  range: `1 to ${most} numbers in [${min}, ${max}], like "0 0.5 1"`,
});

// A number, or nothing (empty: null, meaning "the default the element computes").
const optional = (field, meaning) => ({
  ...field,
  parse: (text) => (String(text).trim() === '' ? { value: null } : field.parse(text)),
  serialize: (v) => (v === null ? '' : field.serialize(v)),
  range: `empty (${meaning}) or ${field.range}`,
});

// Hidden layer sizes "8,8": 1 to 8 layers of 1 to 64 units.
const layers = {
  parse(text) {
    const parts = String(text).split(/[\s,]+/).filter(Boolean);
    const v = parts.map(Number);
    if (parts.length < 1 || parts.length > 8 || !v.every((u) => Number.isInteger(u) && u >= 1 && u <= 64)) {
      return { error: `not 1 to 8 comma-separated sizes from 1 to 64: "${text}"` };
    }
    return { value: v };
  },
  serialize: (v) => v.join(','),
  range: '1 to 8 comma-separated layer sizes from 1 to 64, like "8,8"',
};

// Boolean attributes: present (any value but "false") is true. In the hash: 1 / 0.
const flag = {
  parse: (text) => ({ value: text !== null && text !== undefined && String(text).trim().toLowerCase() !== 'false' && text !== '0' }),
  serialize: (v) => (v ? '' : null),
  range: 'present or absent',
};

// name: property name; attr: attribute name (and hash key).
// problem and dataset agree (see agree() below).
export const FIELDS = [
  { name: 'alpha', attr: 'alpha', initial: 1, ...number(0, 10) },
  { name: 'problem', attr: 'problem', initial: 'classification', ...choice(PROBLEMS) },
  { name: 'datasetName', attr: 'dataset', initial: 'circle', ...choice(DATASETS) },
  { name: 'noise', attr: 'noise', initial: 0.1, ...number(0, 1) },
  { name: 'trainRatio', attr: 'train-ratio', initial: 50, ...number(10, 90, { integer: true }) },
  { name: 'features', attr: 'features', initial: ['x1', 'x2'], ...tokens(FEATURES, { nonEmpty: true, set: true }) },
  { name: 'hiddenLayers', attr: 'hidden-layers', initial: [8, 8], ...layers },
  { name: 'learningRate', attr: 'learning-rate', initial: 0.03, ...number(1e-6, 10) },
  { name: 'optimizer', attr: 'optimizer', initial: 'adam', ...choice(OPTIMIZERS) },
  { name: 'regularization', attr: 'regularization', initial: 'none', ...choice(REGULARIZATIONS) },
  { name: 'regularizationRate', attr: 'regularization-rate', initial: 0, ...number(0, 10) },
  { name: 'batchSize', attr: 'batch-size', initial: 10, ...number(1, 500, { integer: true }) },
  { name: 'seed', attr: 'seed', initial: 1, ...number(0, 2 ** 32 - 1, { integer: true }) },
  { name: 'activations', attr: 'activations', initial: [], ...tokens(OVERLAYS) },
  { name: 'compare', attr: 'compare', initial: 'none', ...choice(COMPARES) },
  { name: 'panels', attr: 'panels', initial: ['function', 'training', 'code'], ...tokens(PANELS, { nonEmpty: true }) },
  { name: 'epochsPerFrame', attr: 'epochs-per-frame', initial: 2, ...number(1, 50, { integer: true }) },
  { name: 'autoplay', attr: 'autoplay', initial: false, ...flag },
  { name: 'showTestData', attr: 'show-test-data', initial: false, ...flag },
  { name: 'discretize', attr: 'discretize', initial: false, ...flag },
  { name: 'theme', attr: 'theme', initial: 'auto', ...choice(THEMES) },
  // The study panel: ELU at each alpha, and each baseline, trained from seeds 1..studySeeds on the
  // element's data and network settings; studyTarget null: the dataset's default target.
  { name: 'studyAlphas', attr: 'study-alphas', initial: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3], ...numbers(0, 10, 32) },
  { name: 'studySeeds', attr: 'study-seeds', initial: 8, ...number(1, 64, { integer: true }) },
  { name: 'studyEpochs', attr: 'study-epochs', initial: 300, ...number(1, 5000, { integer: true }) },
  { name: 'studyBaselines', attr: 'study-baselines', initial: ['relu'], ...tokens(BASELINES) },
  { name: 'studyTarget', attr: 'study-target', initial: null, ...optional(number(0, 1000), "the dataset's default target") },
];

// Null-prototype lookups: a hash key like "__proto__" or "constructor" finds no field.
export const FIELD = Object.assign(Object.create(null), Object.fromEntries(FIELDS.map((f) => [f.name, f])));
export const BY_ATTR = Object.assign(Object.create(null), Object.fromEntries(FIELDS.map((f) => [f.attr, f])));

const copy = (v) => (Array.isArray(v) ? [...v] : v);

export function defaults() {
  return Object.fromEntries(FIELDS.map((f) => [f.name, copy(f.initial)]));
}

// The standalone page's defaults (web/demo): every panel, the network view and the study included.
// Its links (fromHash / toHash with these as base) state only what differs from them.
export function pageDefaults() {
  return { ...defaults(), panels: ['function', 'training', 'network', 'study', 'code'] };
}

// The value a string gives `field`, with the fallback applied: { value, warning? }.
// Boolean fields read `null` (attribute absent) as false. `initial`: the default to fall back to.
export function parse(field, text, initial = field.initial) {
  if (field.parse === flag.parse) return flag.parse(text);
  if (text === null || text === undefined) return { value: copy(initial) };
  const r = field.parse(text);
  if (!r.error) return { value: r.value };
  const fallback = r.clamped !== undefined ? r.clamped : copy(initial);
  const what = r.clamped !== undefined ? `using ${JSON.stringify(fallback)}`
    : fallback === null ? 'using none (the default)' : `using the default ${JSON.stringify(fallback)}`;
  return {
    value: fallback,
    warning: `<elu-playground> ${field.attr}: ${r.error}; expected ${field.range}; ${what}`,
  };
}

// A property value (typed, or a string) as the attribute string it sets, or null to remove.
export function toAttribute(field, value) {
  if (field.parse === flag.parse) return value ? '' : null;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(field === FIELD.hiddenLayers ? ',' : ' ');
  return String(value);
}

export const equal = (a, b) => (Array.isArray(a) ? Array.isArray(b) && a.join() === b.join() : a === b);

// ---- problem and dataset ----------------------------------------------------------------------
// The dataset is always one of the problem's datasets. Changed one at a time, the other follows:
// a problem of the other kind moves the dataset to that problem's first dataset (circle, plane); a
// dataset of the other kind moves the problem. Given together (an element's markup, one URL hash),
// the dataset decides, and a problem that contradicts it warns (contradiction()).

export const problemOf = (dataset) => (DATASETS_OF.regression.includes(dataset) ? 'regression' : 'classification');

// What else changes when `changed` ('problem' or 'datasetName') has just changed in `state`: {} when
// the two agree, else { datasetName } or { problem }.
export function agree(state, changed) {
  if (problemOf(state.datasetName) === state.problem) return {};
  return changed === 'problem' ? { datasetName: DATASETS_OF[state.problem][0] } : { problem: problemOf(state.datasetName) };
}

// The warning for a problem and a dataset given together that disagree (the dataset's problem is used).
export function contradiction(problem, dataset, where = '') {
  return `<elu-playground> ${where}problem: "${problem}" contradicts dataset "${dataset}" (a ${problemOf(dataset)} dataset); `
    + `using ${problemOf(dataset)}`;
}

// URL hash "#alpha=1.5&dataset=spiral&hidden-layers=8,8" -> { state, warnings }. Unknown keys warn.
// Fields not in the hash take their values from `base` (a page's own defaults; the element's by
// default). Problem and dataset: a valid dataset key decides (a contradicting problem key warns);
// else a valid problem key picks its first dataset.
export function fromHash(hash, base = defaults()) {
  const state = Object.fromEntries(FIELDS.map((f) => [f.name, copy(base[f.name] ?? f.initial)]));
  const warnings = [];
  const given = new Set(); // fields given a valid value
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  for (const [key, text] of params) {
    const field = BY_ATTR[key];
    if (!field) { warnings.push(`<elu-playground> URL: unknown key "${key}"`); continue; }
    const r = field.parse === flag.parse ? { value: text !== '0' && text !== 'false' } : parse(field, text, base[field.name] ?? field.initial);
    state[field.name] = r.value;
    if (r.warning) { warnings.push(r.warning.replace(field.attr, `URL ${field.attr}`)); given.delete(field.name); } else given.add(field.name);
  }
  if (given.has('datasetName') && given.has('problem') && problemOf(state.datasetName) !== state.problem) {
    warnings.push(contradiction(state.problem, state.datasetName, 'URL '));
  }
  Object.assign(state, agree(state, given.has('datasetName') ? 'datasetName' : 'problem'));
  return { state, warnings };
}

// Only the fields that differ from `base` (the defaults fromHash was given), in table order
// (short, stable links).
export function toHash(state, base = defaults()) {
  const params = [];
  for (const f of FIELDS) {
    const v = state[f.name];
    if (v === undefined || equal(v, base[f.name] ?? f.initial)) continue;
    const text = f.parse === flag.parse ? (v ? '1' : '0') : f.serialize(v);
    params.push(`${f.attr}=${encodeURIComponent(text).replace(/%2C/g, ',').replace(/%20/g, '+')}`);
  }
  return params.length ? `#${params.join('&')}` : '';
}

// Alpha as Python source writes it: 1 -> "1.0", 1.25 -> "1.25" (at most 4 decimals).
export function pythonFloat(alpha) {
  const s = String(Number(alpha.toFixed(4)));
  return /[.e]/.test(s) ? s : `${s}.0`;
}
