// What the widget's panels say, from the plain functions under its DOM builders (web/src/widget/
// panels.js), checked against what the drawing draws (plot.js, losschart.js), the first curve's
// preview math (plot.js) and the canvas colours (styles.js). Pure: runs in Node against the source.
// The builders' nodes are checked in the browser suites.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { captions, codeSnippets, legendEntries } from '../../web/src/widget/panels.js';
import { lossLines } from '../../web/src/widget/losschart.js';
import { PREVIEW, functionCurves } from '../../web/src/widget/plot.js';
import { COMPARES, DATASETS, OPTIMIZERS, OVERLAYS, PROBLEMS, REGULARIZATIONS, defaults } from '../../web/src/widget/state.js';
import { CSS, readColors } from '../../web/src/widget/styles.js';
import { LABELS, OVERLAY_COLORS } from '../../web/src/widget/template.js';
import { summary } from '../../web/src/widget/trainview.js';
import { eluBackwardRef, eluRef, loadFlavor } from './helpers.mjs';

const colors = { accent: '#2563eb', reference: '#9ca3af', compare: '#ea580c' };

test('legend: ELU with alpha to 2 decimals, its derivative dashed, ReLU, then the overlays in order', () => {
  assert.deepEqual(legendEntries(1.256, ['gelu', 'tanh'], colors), [
    { text: 'ELU (α = 1.26)', color: colors.accent },
    { text: 'ELU′ (derivative)', color: colors.accent, dash: true },
    { text: 'ReLU', color: colors.reference, opacity: 0.8 },
    { text: 'GELU', color: OVERLAY_COLORS.gelu },
    { text: 'tanh', color: OVERLAY_COLORS.tanh },
  ]);
  assert.equal(legendEntries(0, [], colors).length, 3);
});

test('the legend names the curves the plot draws, in their colours and dashes; ELU is drawn last', () => {
  const ys = { relu: 'relu', overlays: [['gelu', 'gelu'], ['selu', 'selu']], dy: 'dy', y: 'y' };
  const curves = functionCurves(ys, colors);
  assert.deepEqual(curves.map((c) => c.y), ['relu', 'gelu', 'selu', 'dy', 'y']);
  const curveOf = { 'ELU (α = 1.00)': 'y', 'ELU′ (derivative)': 'dy', ReLU: 'relu', GELU: 'gelu', SELU: 'selu' };
  const legend = legendEntries(1, ['gelu', 'selu'], colors);
  assert.deepEqual(legend.map((e) => e.text), Object.keys(curveOf));
  for (const entry of legend) {
    const curve = curves.find((c) => c.y === curveOf[entry.text]);
    assert.deepEqual([entry.color, Boolean(entry.dash)], [curve.color, Boolean(curve.dash)], entry.text);
  }
});

test('every choice the state table accepts has a display name; every overlay a colour', () => {
  for (const name of OVERLAYS) {
    assert.ok(LABELS[name], name);
    assert.match(OVERLAY_COLORS[name], /^#[0-9a-f]{6}$/, name);
  }
  for (const name of [...COMPARES, ...DATASETS, ...OPTIMIZERS, ...PROBLEMS, ...REGULARIZATIONS]) assert.ok(LABELS[name], name);
});

test('summary table: one column per run, losses to 3 decimals, accuracy in %, two rows per hidden layer', () => {
  const runs = [
    { activation: 'elu', trainLoss: 0.12345, testLoss: 0.2, accuracy: 0.9375 },
    { activation: 'relu', trainLoss: NaN, testLoss: Infinity, accuracy: NaN },
  ];
  const stats = [
    { meanActivation: [0.1234, -0.5], deadFraction: [0, 0.125] },
    { meanActivation: [0.9, NaN], deadFraction: [0.25, 1] },
  ];
  assert.deepEqual(summary(runs, stats, colors), {
    columns: [{ label: 'ELU', color: colors.accent }, { label: 'ReLU', color: colors.compare }],
    rows: [
      ['Train loss', '0.123', '–'],
      ['Test loss', '0.200', '–'],
      ['Test accuracy', '93.8%', '–'],
      ['Layer 1 mean activation', '0.12', '0.90'],
      ['Layer 1 dead units', '0%', '25%'],
      ['Layer 2 mean activation', '-0.50', '–'],
      ['Layer 2 dead units', '13%', '100%'],
    ],
  });
  // A run's swatch has the colour of its loss curves (train solid, test dashed).
  const lines = lossLines([{ train: 'a', test: 'b' }, { train: 'c', test: 'd' }], colors);
  assert.deepEqual(lines.map((l) => [l.series, l.color, Boolean(l.dash)]),
    [['a', colors.accent, false], ['b', colors.accent, true], ['c', colors.compare, false], ['d', colors.compare, true]]);
  const one = summary(runs.slice(0, 1), stats.slice(0, 1), colors);
  assert.equal(one.columns.length, 1);
  assert.ok(one.rows.every((r) => r.length === 2));
});

test('code panel: PyTorch and Keras snippets with alpha as a Python float', () => {
  assert.deepEqual(codeSnippets(1), [
    'import torch.nn as nn\n\nact = nn.ELU(alpha=1.0)',
    'import tensorflow as tf\n\nact = tf.keras.layers.ELU(alpha=1.0)',
  ]);
  assert.match(codeSnippets(0.123456)[0], /nn\.ELU\(alpha=0\.1235\)$/);
  assert.match(codeSnippets(2.5)[1], /layers\.ELU\(alpha=2\.5\)$/);
});

test('captions and canvas labels follow alpha, the compared activation and the dataset', () => {
  const text = captions({ ...defaults(), alpha: 0.5, compare: 'leaky_relu', datasetName: 'spiral' });
  assert.equal(text.plot, 'Plot of ELU with alpha 0.50, its derivative (dashed) and ReLU, for x from -5 to 5');
  assert.equal(text.maps[0].caption, 'ELU (α = 0.50): decision boundary');
  assert.equal(text.maps[1].caption, 'Leaky ReLU: same data, same initial weights');
  assert.match(text.maps[0].label, /^Decision boundary of the ELU network on the Spiral data;/);
  assert.match(text.maps[1].label, /^Decision boundary of the Leaky ReLU network on the Spiral data;/);
  assert.equal(text.loss, 'Loss (cross-entropy): train (solid), test (dashed)');
});

test('captions for regression say output and MSE; the labels say whether test points show and what discretize shows', () => {
  const text = captions({ ...defaults(), problem: 'regression', datasetName: 'plane', compare: 'relu' });
  assert.equal(text.maps[0].caption, 'ELU (α = 1.00): output');
  assert.equal(text.maps[0].label, 'Output of the ELU network on the Plane data; train points ringed white (test points hidden)');
  assert.match(text.maps[1].label, /^Output of the ReLU network on the Plane data;/);
  assert.equal(text.loss, 'Loss (MSE): train (solid), test (dashed)');
  const shown = captions({ ...defaults(), showTestData: true });
  assert.match(shown.maps[0].label, /; train points ringed white, test points ringed dark$/);
  assert.match(captions({ ...defaults(), discretize: true }).maps[0].label, /^Decided classes of the ELU network/);
  assert.match(captions({ ...defaults(), problem: 'regression', datasetName: 'multigauss', discretize: true }).maps[0].label,
    /^Output sign of the ELU network on the Multi Gaussian data/);
});

test('PREVIEW (the first curve, before the kernels load) is the kernels\' math in double', async () => {
  const { api } = await loadFlavor('simd');
  const x = Float32Array.from({ length: 201 }, (_, i) => -5 + i / 20);
  const ones = new Float32Array(x.length).fill(1);
  for (const alpha of [0, 0.5, 1, 3]) {
    const y = PREVIEW.elu(x, alpha), dy = PREVIEW.eluBackward(x, ones, alpha);
    const ky = api.elu(x, alpha), kdy = api.eluBackward(x, ones, alpha);
    x.forEach((v, i) => {
      assert.equal(y[i], Math.fround(eluRef(v, alpha)), `elu(${v}, ${alpha})`);
      assert.equal(dy[i], Math.fround(eluBackwardRef(v, 1, alpha)), `eluBackward(${v}, ${alpha})`);
      assert.ok(Math.abs(y[i] - ky[i]) <= 1e-6 * Math.max(1, Math.abs(y[i])), `kernel elu(${v}, ${alpha})`);
      assert.ok(Math.abs(dy[i] - kdy[i]) <= 1e-6 * Math.max(1, Math.abs(dy[i])), `kernel eluBackward(${v}, ${alpha})`);
    });
  }
  assert.deepEqual([...PREVIEW.relu(Float32Array.of(-1, 0, 2))], [0, 0, 2]);
});

test('readColors reads custom properties that the stylesheet defines for light and for dark', () => {
  const asked = [];
  const read = readColors({ getPropertyValue: (name) => { asked.push(name); return ` ${name}-value `; }, fontFamily: 'serif' });
  assert.equal(read.accent, '--elu-accent-value');
  assert.equal(read.font, 'serif');
  assert.equal(read.classes.length, 3);
  const light = CSS.match(/:host \{[^}]*\}/)[0], dark = CSS.match(/:host\(\[theme=dark i\]\) \{[^}]*\}/)[0];
  for (const name of asked) {
    assert.ok(light.includes(`${name}:`), `${name} (light)`);
    assert.ok(dark.includes(`${name}:`), `${name} (dark)`);
  }
});
