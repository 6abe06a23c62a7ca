// The widget's state table (web/src/widget/state.js): parsing, fallbacks, clamping, attributes and
// the URL hash round trip. Pure: runs in Node against the source (no build needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  BASELINES, DATASETS, DATASETS_OF, FEATURES, FIELD, FIELDS, PROBLEMS, agree, contradiction, defaults, equal, fromHash, pageDefaults, parse,
  problemOf, pythonFloat, toAttribute, toHash,
} from '../../web/src/widget/state.js';

test('every field has a name, an attribute, a default that parses back to itself', () => {
  for (const f of FIELDS) {
    assert.match(f.attr, /^[a-z]+(-[a-z]+)*$/);
    const attr = toAttribute(f, f.initial);
    const back = parse(f, attr);
    assert.ok(equal(back.value, f.initial), `${f.name}: ${attr} -> ${back.value}`);
    assert.equal(back.warning, undefined, f.name);
  }
});

test('alpha: finite numbers in [0, 10]; out of range clamps, garbage falls back to 1, both warn', () => {
  assert.deepEqual(parse(FIELD.alpha, '1.5'), { value: 1.5 });
  assert.deepEqual(parse(FIELD.alpha, ' 0 '), { value: 0 });
  const high = parse(FIELD.alpha, '12');
  assert.equal(high.value, 10);
  assert.match(high.warning, /alpha: outside \[0, 10\]: 12.*using 10/);
  assert.equal(parse(FIELD.alpha, '-1').value, 0);
  for (const bad of ['abc', '', 'NaN', 'Infinity', '1e400']) {
    const r = parse(FIELD.alpha, bad);
    assert.equal(r.value, 1, bad);
    assert.match(r.warning, /using the default 1/, bad);
  }
  assert.deepEqual(parse(FIELD.alpha, null), { value: 1 });
});

test('choices are case-insensitive; unknown ones fall back to the default', () => {
  assert.deepEqual(parse(FIELD.datasetName, 'Spiral'), { value: 'spiral' });
  const r = parse(FIELD.datasetName, '<img src=x onerror=alert(1)>');
  assert.equal(r.value, 'circle');
  assert.match(r.warning, /dataset: not one of circle, xor, gauss, spiral, three/);
  assert.equal(parse(FIELD.compare, 'relu').value, 'relu');
  assert.equal(parse(FIELD.theme, 'purple').value, 'auto');
});

test('hidden-layers: 1 to 8 sizes from 1 to 64', () => {
  assert.deepEqual(parse(FIELD.hiddenLayers, '8,8').value, [8, 8]);
  assert.deepEqual(parse(FIELD.hiddenLayers, ' 4, 6 2 ').value, [4, 6, 2]);
  for (const bad of ['', '0', '65', '8,x', '1.5', '1,1,1,1,1,1,1,1,1']) {
    const r = parse(FIELD.hiddenLayers, bad);
    assert.deepEqual(r.value, [8, 8], bad);
    assert.ok(r.warning, bad);
  }
});

test('integers: batch-size and seed', () => {
  assert.equal(parse(FIELD.batchSize, '25').value, 25);
  assert.equal(parse(FIELD.batchSize, '2.5').value, 10);
  assert.equal(parse(FIELD.batchSize, '0').value, 1);
  assert.equal(parse(FIELD.seed, '4294967295').value, 2 ** 32 - 1);
});

test('activations: a token list; unknown tokens are dropped with a warning', () => {
  assert.deepEqual(parse(FIELD.activations, 'gelu silu').value, ['gelu', 'silu']);
  assert.deepEqual(parse(FIELD.activations, 'GELU,silu,gelu').value, ['gelu', 'silu']);
  const r = parse(FIELD.activations, 'gelu swish');
  assert.deepEqual(r.value, ['gelu']);
  assert.match(r.warning, /unknown: swish/);
  assert.deepEqual(parse(FIELD.activations, '').value, []);
});

test('boolean attributes: presence is true, absence and "false" are false', () => {
  assert.equal(parse(FIELD.autoplay, '').value, true);
  assert.equal(parse(FIELD.autoplay, 'autoplay').value, true);
  assert.equal(parse(FIELD.autoplay, null).value, false);
  assert.equal(parse(FIELD.autoplay, 'false').value, false);
  assert.equal(toAttribute(FIELD.autoplay, true), '');
  assert.equal(toAttribute(FIELD.autoplay, false), null);
});

test('properties to attributes', () => {
  assert.equal(toAttribute(FIELD.alpha, 1.25), '1.25');
  assert.equal(toAttribute(FIELD.hiddenLayers, [4, 4]), '4,4');
  assert.equal(toAttribute(FIELD.hiddenLayers, '4,4'), '4,4');
  assert.equal(toAttribute(FIELD.activations, ['gelu', 'tanh']), 'gelu tanh');
  assert.equal(toAttribute(FIELD.alpha, null), null);
});

test('URL hash: only non-defaults, and the round trip restores the state', () => {
  assert.equal(toHash(defaults()), '');
  const state = { ...defaults(), alpha: 2.5, datasetName: 'spiral', hiddenLayers: [6, 4, 2],
    activations: ['gelu', 'silu'], compare: 'relu', autoplay: true, learningRate: 0.1 };
  const hash = toHash(state);
  assert.equal(hash, '#alpha=2.5&dataset=spiral&hidden-layers=6,4,2&learning-rate=0.1&activations=gelu+silu&compare=relu&autoplay=1');
  const back = fromHash(hash);
  assert.deepEqual(back, { state, warnings: [] });
});

test('URL hash: bad values fall back with warnings, unknown keys are ignored', () => {
  const { state, warnings } = fromHash('#alpha=oops&dataset=moons&foo=1&noise=3');
  assert.equal(state.alpha, 1);
  assert.equal(state.datasetName, 'circle');
  assert.equal(state.noise, 1);
  assert.equal(warnings.length, 4);
  assert.match(warnings.join('\n'), /URL alpha.*URL dataset.*unknown key "foo".*URL noise/s);
});

test('alpha as a Python float literal', () => {
  assert.equal(pythonFloat(1), '1.0');
  assert.equal(pythonFloat(0), '0.0');
  assert.equal(pythonFloat(1.5), '1.5');
  assert.equal(pythonFloat(0.123456), '0.1235');
});

test('URL hash: zero values (alpha 0, noise 0, seed 0) are written and read back', () => {
  const state = { ...defaults(), alpha: 0, noise: 0, seed: 0 };
  const hash = toHash(state);
  assert.equal(hash, '#alpha=0&noise=0&seed=0');
  assert.deepEqual(fromHash(hash), { state, warnings: [] });
});

test('integer fields: a fraction falls back to the default even when it is also out of range', () => {
  for (const [field, text] of [[FIELD.batchSize, '0.5'], [FIELD.batchSize, '600.5'], [FIELD.seed, '-0.5'], [FIELD.epochsPerFrame, '0.25']]) {
    const r = parse(field, text);
    assert.equal(r.value, field.initial, `${field.attr}=${text}`);
    assert.match(r.warning, /not an integer/, `${field.attr}=${text}`);
  }
});

test('the standalone page\'s defaults (every panel) as the base of its links: omitted, round-tripped, fallen back to', () => {
  const page = pageDefaults();
  assert.deepEqual(page.panels, ['function', 'training', 'network', 'study', 'code']);
  assert.deepEqual(defaults().panels, ['function', 'training', 'code'], 'the element\'s own default panels');
  assert.deepEqual({ ...page, panels: defaults().panels }, defaults(), 'only the panels differ');
  assert.equal(toHash(page, page), '');
  assert.equal(toHash(defaults(), page), '#panels=function+training+code');
  const { state, warnings } = fromHash('#panels=network+training&alpha=2', page);
  assert.deepEqual([state.panels, state.alpha, warnings], [['network', 'training'], 2, []]);
  assert.equal(toHash(state, page), '#alpha=2&panels=network+training');
  // An invalid value falls back to the page's default, not the element's.
  const bad = fromHash('#panels=nothing', page);
  assert.deepEqual(bad.state.panels, page.panels);
  assert.equal(bad.warnings.length, 1);
  assert.deepEqual(fromHash('#panels=nothing').state.panels, defaults().panels);
});

test('problem: classification or regression (case-insensitive), else the default with a warning', () => {
  assert.equal(FIELD.problem.initial, 'classification');
  assert.deepEqual(parse(FIELD.problem, 'Regression'), { value: 'regression' });
  for (const bad of ['', 'ranking', '__proto__']) {
    const r = parse(FIELD.problem, bad);
    assert.equal(r.value, 'classification', bad);
    assert.match(r.warning, /problem: not one of classification, regression/, bad);
  }
  assert.deepEqual(PROBLEMS, Object.keys(DATASETS_OF));
  assert.deepEqual(DATASETS, [...DATASETS_OF.classification, ...DATASETS_OF.regression]);
  assert.deepEqual(parse(FIELD.datasetName, 'multigauss'), { value: 'multigauss' });
});

test('problem and dataset: the one changed last decides; each problem switches to its first dataset', () => {
  const s = (problem, datasetName) => ({ ...defaults(), problem, datasetName });
  assert.deepEqual(DATASETS.map(problemOf), ['classification', 'classification', 'classification', 'classification', 'classification', 'regression', 'regression']);
  assert.deepEqual(agree(s('classification', 'spiral'), 'problem'), {});
  assert.deepEqual(agree(s('regression', 'multigauss'), 'datasetName'), {});
  assert.deepEqual(agree(s('regression', 'spiral'), 'problem'), { datasetName: 'plane' });
  assert.deepEqual(agree(s('classification', 'multigauss'), 'problem'), { datasetName: 'circle' });
  assert.deepEqual(agree(s('classification', 'multigauss'), 'datasetName'), { problem: 'regression' });
  assert.deepEqual(agree(s('regression', 'three'), 'datasetName'), { problem: 'classification' });
  assert.equal(contradiction('regression', 'xor', 'URL '),
    '<elu-playground> URL problem: "regression" contradicts dataset "xor" (a classification dataset); using classification');
});

test('URL hash: a dataset alone sets its problem, a problem alone its first dataset; together the dataset decides, with a warning', () => {
  const pair = (hash) => { const { state, warnings } = fromHash(hash); return [state.problem, state.datasetName, warnings.length]; };
  assert.deepEqual(pair('#dataset=plane'), ['regression', 'plane', 0]);
  assert.deepEqual(pair('#dataset=multigauss'), ['regression', 'multigauss', 0]);
  assert.deepEqual(pair('#problem=regression'), ['regression', 'plane', 0]);
  assert.deepEqual(pair('#problem=classification'), ['classification', 'circle', 0]);
  assert.deepEqual(pair('#problem=regression&dataset=multigauss'), ['regression', 'multigauss', 0]);
  assert.deepEqual(pair('#dataset=xor&problem=classification'), ['classification', 'xor', 0]);
  // Contradictions, in either order: the dataset wins.
  for (const hash of ['#problem=regression&dataset=circle', '#dataset=circle&problem=regression']) {
    const { state, warnings } = fromHash(hash);
    assert.deepEqual([state.problem, state.datasetName], ['classification', 'circle'], hash);
    assert.deepEqual(warnings, [contradiction('regression', 'circle', 'URL ')], hash);
  }
  // An invalid value is not given: the valid other one decides.
  assert.deepEqual(pair('#problem=regression&dataset=moons'), ['regression', 'plane', 1]);
  assert.deepEqual(pair('#problem=nonsense&dataset=plane'), ['regression', 'plane', 1]);
  // The defaults agree, and toHash of an agreeing state round-trips.
  const state = { ...defaults(), problem: 'regression', datasetName: 'multigauss' };
  assert.equal(toHash(state), '#problem=regression&dataset=multigauss');
  assert.deepEqual(fromHash(toHash(state)), { state, warnings: [] });
});

test('train-ratio: an integer percentage in [10, 90], default 50', () => {
  assert.equal(FIELD.trainRatio.initial, 50);
  assert.deepEqual(parse(FIELD.trainRatio, '70'), { value: 70 });
  assert.equal(parse(FIELD.trainRatio, '5').value, 10);
  assert.match(parse(FIELD.trainRatio, '5').warning, /train-ratio: outside \[10, 90\]: 5.*using 10/);
  assert.equal(parse(FIELD.trainRatio, '95').value, 90);
  assert.equal(parse(FIELD.trainRatio, '62.5').value, 50);
  assert.match(parse(FIELD.trainRatio, '62.5').warning, /not an integer/);
  assert.equal(parse(FIELD.trainRatio, 'half').value, 50);
});

test('features: a set of the API\'s feature names, in column order; empty or all unknown is the default', () => {
  assert.deepEqual(FIELD.features.initial, ['x1', 'x2']);
  assert.deepEqual(parse(FIELD.features, 'x1 x2'), { value: ['x1', 'x2'] });
  assert.deepEqual(parse(FIELD.features, 'sin(x2),X1^2 x2 x1^2'), { value: ['x2', 'x1^2', 'sin(x2)'] });
  assert.deepEqual(parse(FIELD.features, FEATURES.slice().reverse().join(' ')), { value: FEATURES });
  const some = parse(FIELD.features, 'x1*x2 x1sq');
  assert.deepEqual(some.value, ['x1*x2']);
  assert.match(some.warning, /features: unknown: x1sq/);
  for (const bad of ['', ' , ', 'x3', 'x1sq x2sq']) {
    const r = parse(FIELD.features, bad);
    assert.deepEqual(r.value, ['x1', 'x2'], bad);
    assert.match(r.warning, /features: none of x1, x2, x1\^2, x2\^2, x1\*x2, sin\(x1\), sin\(x2\).*using the default \["x1","x2"\]/, bad);
  }
  assert.equal(toAttribute(FIELD.features, ['x1', 'sin(x1)']), 'x1 sin(x1)');
});

test('regularization: none, l1 or l2; its rate a number in [0, 10] (the select offers Playground\'s rates)', () => {
  assert.deepEqual([FIELD.regularization.initial, FIELD.regularizationRate.initial], ['none', 0]);
  assert.deepEqual(parse(FIELD.regularization, 'L1'), { value: 'l1' });
  assert.equal(parse(FIELD.regularization, 'l3').value, 'none');
  assert.match(parse(FIELD.regularization, 'l3').warning, /regularization: not one of none, l1, l2/);
  assert.deepEqual(parse(FIELD.regularizationRate, '0.003'), { value: 0.003 });
  assert.deepEqual(parse(FIELD.regularizationRate, '0.0042'), { value: 0.0042 }); // not offered, accepted
  assert.equal(parse(FIELD.regularizationRate, '11').value, 10);
  assert.equal(parse(FIELD.regularizationRate, '-0.1').value, 0);
  assert.match(parse(FIELD.regularizationRate, '-0.1').warning, /regularization-rate: outside \[0, 10\]: -0.1/);
  assert.equal(parse(FIELD.regularizationRate, 'lots').value, 0);
});

test('show-test-data and discretize: boolean attributes, off by default', () => {
  for (const f of [FIELD.showTestData, FIELD.discretize]) {
    assert.equal(f.initial, false, f.attr);
    assert.equal(parse(f, '').value, true, f.attr);
    assert.equal(parse(f, null).value, false, f.attr);
    assert.equal(parse(f, 'false').value, false, f.attr);
    assert.equal(toAttribute(f, true), '', f.attr);
  }
});

test('URL hash: every new field round-trips, written in table order', () => {
  const state = { ...defaults(), problem: 'regression', datasetName: 'multigauss', trainRatio: 70,
    features: ['x1', 'x2', 'x1^2', 'x1*x2', 'sin(x2)'], regularization: 'l2', regularizationRate: 0.003,
    showTestData: true, discretize: true };
  const hash = toHash(state);
  assert.equal(hash, '#problem=regression&dataset=multigauss&train-ratio=70&features=x1+x2+x1%5E2+x1*x2+sin(x2)'
    + '&regularization=l2&regularization-rate=0.003&show-test-data=1&discretize=1');
  assert.deepEqual(fromHash(hash), { state, warnings: [] });
  // Each field alone, too (the others at their defaults).
  for (const [name, value] of Object.entries({ trainRatio: 10, features: ['sin(x1)'], regularization: 'l1', regularizationRate: 10, showTestData: true, discretize: true })) {
    const one = { ...defaults(), [name]: value };
    assert.deepEqual(fromHash(toHash(one)), { state: one, warnings: [] }, name);
  }
});

test('study-alphas: a sorted set of 1 to 32 numbers in [0, 10]; outside clamps, words drop, extras are cut, none is the default', () => {
  const initial = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];
  assert.deepEqual(FIELD.studyAlphas.initial, initial);
  assert.equal(toAttribute(FIELD.studyAlphas, initial), '0 0.05 0.1 0.2 0.3 0.5 0.75 1 1.5 2 3');
  assert.deepEqual(parse(FIELD.studyAlphas, '0 0.5 1'), { value: [0, 0.5, 1] });
  assert.deepEqual(parse(FIELD.studyAlphas, ' 1, 0.5,0.5 0 '), { value: [0, 0.5, 1] }, 'sorted, repeats once');
  assert.deepEqual(parse(FIELD.studyAlphas, '10'), { value: [10] });
  const clamped = parse(FIELD.studyAlphas, '-1 2 12');
  assert.deepEqual(clamped.value, [0, 2, 10]);
  assert.match(clamped.warning, /study-alphas: outside \[0, 10\]: -1, 12; .*using \[0,2,10\]/);
  const words = parse(FIELD.studyAlphas, '0.5 big NaN 1e999');
  assert.deepEqual(words.value, [0.5]);
  assert.match(words.warning, /not numbers: big, NaN, 1e999/);
  const many = parse(FIELD.studyAlphas, Array.from({ length: 40 }, (_, i) => i / 4).join(' '));
  assert.equal(many.value.length, 32);
  assert.deepEqual(many.value.slice(-2), [7.5, 7.75]);
  assert.match(many.warning, /40 values, more than 32/);
  for (const bad of ['', ' , ', 'none', '<b>']) {
    const r = parse(FIELD.studyAlphas, bad);
    assert.deepEqual(r.value, initial, bad);
    assert.match(r.warning, /study-alphas: no number in .*using the default \[0,0.05/, bad);
  }
});

test('study-seeds (1..64, default 8) and study-epochs (1..5000, default 300): integers that clamp', () => {
  assert.deepEqual([FIELD.studySeeds.initial, FIELD.studyEpochs.initial], [8, 300]);
  assert.deepEqual(parse(FIELD.studySeeds, '16'), { value: 16 });
  assert.equal(parse(FIELD.studySeeds, '0').value, 1);
  assert.equal(parse(FIELD.studySeeds, '100').value, 64);
  assert.equal(parse(FIELD.studySeeds, '2.5').value, 8);
  assert.match(parse(FIELD.studySeeds, '2.5').warning, /study-seeds: not an integer/);
  assert.equal(parse(FIELD.studyEpochs, '9999').value, 5000);
  assert.match(parse(FIELD.studyEpochs, '9999').warning, /study-epochs: outside \[1, 5000\]: 9999/);
  assert.equal(parse(FIELD.studyEpochs, 'long').value, 300);
});

test('study-baselines: tokens of relu leaky_relu selu gelu silu tanh, default relu, may be empty', () => {
  assert.deepEqual(BASELINES, ['relu', 'leaky_relu', 'selu', 'gelu', 'silu', 'tanh']);
  assert.deepEqual(FIELD.studyBaselines.initial, ['relu']);
  assert.deepEqual(parse(FIELD.studyBaselines, 'GELU relu'), { value: ['gelu', 'relu'] });
  assert.deepEqual(parse(FIELD.studyBaselines, ''), { value: [] });
  assert.deepEqual(parse(FIELD.studyBaselines, null), { value: ['relu'] });
  const r = parse(FIELD.studyBaselines, 'relu elu sigmoid');
  assert.deepEqual(r.value, ['relu']);
  assert.match(r.warning, /study-baselines: unknown: elu, sigmoid/);
  assert.equal(toAttribute(FIELD.studyBaselines, []), '');
});

test('study-target: empty or absent is null (the dataset\'s default), else a number in [0, 1000]', () => {
  assert.equal(FIELD.studyTarget.initial, null);
  assert.deepEqual(parse(FIELD.studyTarget, null), { value: null });
  assert.deepEqual(parse(FIELD.studyTarget, ' '), { value: null });
  assert.deepEqual(parse(FIELD.studyTarget, '0.9'), { value: 0.9 });
  assert.equal(parse(FIELD.studyTarget, '-1').value, 0);
  const bad = parse(FIELD.studyTarget, 'high');
  assert.equal(bad.value, null);
  assert.match(bad.warning, /study-target: not a finite number: "high"; expected empty \(the dataset's default target\) or a number in \[0, 1000\]; using none \(the default\)/);
  assert.equal(toAttribute(FIELD.studyTarget, null), null);
  assert.equal(toAttribute(FIELD.studyTarget, 0.85), '0.85');
});

test('URL hash: each study field round-trips, alone and together, against the element\'s and the page\'s defaults', () => {
  const values = { studyAlphas: [0, 0.5, 1.25], studySeeds: 3, studyEpochs: 50, studyBaselines: [], studyTarget: 0.8 };
  for (const base of [defaults(), pageDefaults()]) {
    for (const [name, value] of Object.entries(values)) {
      const one = { ...base, [name]: value };
      assert.deepEqual(fromHash(toHash(one, base), base), { state: one, warnings: [] }, name);
    }
    const all = { ...base, ...values, studyBaselines: ['gelu', 'relu'] };
    assert.deepEqual(fromHash(toHash(all, base), base), { state: all, warnings: [] });
  }
  assert.equal(toHash({ ...defaults(), ...values }),
    '#study-alphas=0+0.5+1.25&study-seeds=3&study-epochs=50&study-baselines=&study-target=0.8');
  // Back to the default target: nothing in the hash.
  assert.equal(toHash({ ...defaults(), studyTarget: null }), '');
});
