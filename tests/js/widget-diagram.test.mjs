// The network panel's geometry, words and colouring (web/src/widget/diagram.js) and its histograms'
// binning (histogram.js), in Node; the link indices and feature tiles are checked against the real
// network (wasm). The DOM and drawing are checked in the browser suites (tests/browser/network-view).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  FEATURES, MIN_TILE, TILE, colorTiles, diagramColumns, diagramSummary, featureTiles, layoutDiagram, linkLabel, links,
  neuronLabel, unitStats, weightIndex,
} from '../../web/src/widget/diagram.js';
import { histogramLabel, layerHistograms } from '../../web/src/widget/histogram.js';
import { loadFlavor } from './helpers.mjs';

const { api: m } = await loadFlavor('simd');

test('layout: tiles fit the width while they can, never overlap, and columns are centred vertically', () => {
  for (const [columns, width] of [[[7, 8, 8, 1], 600], [[7, 8, 8, 1], 288], [[7, 16, 16, 16, 16, 16, 16, 16, 16, 1], 288], [[7, 64, 1], 900]]) {
    const g = layoutDiagram(columns, width);
    assert.ok(g.tile >= MIN_TILE && g.tile <= 40, `tile ${g.tile}`);
    if (g.tile > MIN_TILE) assert.ok(g.width <= width, `${columns}: ${g.width} > ${width}`);
    for (let c = 1; c < columns.length; c++) assert.ok(g.x[c] > g.x[c - 1] + g.tile, 'columns apart, with room for links');
    columns.forEach((units, c) => {
      for (let u = 1; u < units; u++) assert.ok(g.y(c, u) >= g.y(c, u - 1) + g.tile, 'units apart');
      assert.ok(g.y(c, 0) >= 0 && g.y(c, units - 1) + g.tile <= g.height, 'inside');
      const mid = g.y(c, 0) + (g.y(c, units - 1) + g.tile - g.y(c, 0)) / 2;
      assert.ok(Math.abs(mid - g.height / 2) < 1, 'centred');
    });
  }
  // A deep net at 320 px: the smallest tiles, wider than the column (the diagram scrolls).
  assert.equal(layoutDiagram([7, 16, 16, 16, 16, 16, 16, 16, 16, 1], 288).tile, MIN_TILE);
  // 64 units fit the height cap with the smallest tiles.
  assert.ok(layoutDiagram([7, 64, 1], 900).height <= 64 * MIN_TILE + 63 * 4 + 12);
});

test('link indices are the weights the network uses: a lone weight of 1 passes exactly that input to that unit', () => {
  const shape = { features: ['x2', 'x1'], hidden: [3, 2], outputs: 1 };
  const net = new m.Network({ layers: [2, 3, 2, 1], features: shape.features, activation: 'elu', seed: 1 });
  const all = links(shape);
  assert.equal(all.length, 2 * 3 + 3 * 2 + 2 * 1);
  assert.equal(new Set(all.map((k) => k.index)).size, all.length, 'distinct');
  // The network takes its features in FEATURES order (x1 first, though listed second); the inputs
  // column draws every feature at its place in FEATURES.
  assert.deepEqual(all.filter((k) => k.l === 0 && k.to === 0).map((k) => k.row), [0, 1]);
  const grid = { xMin: 1, xMax: 5, yMin: 1, yMax: 5, width: 4, height: 4 }; // positive inputs: ELU is the identity
  const p = net.getParameters();
  for (const k of all.filter((l) => l.l === 0)) {
    p.fill(0);
    p[k.index] = 1;
    net.setParameters(p);
    const v = net.neuronGrid(grid);
    const cells = 16;
    for (let unit = 0; unit < 3; unit++) {
      for (let cell = 0; cell < cells; cell++) {
        const x1 = 1 + ((cell % 4) + 0.5), x2 = 5 - (Math.floor(cell / 4) + 0.5);
        const want = unit === k.to ? [x1, x2][k.from] : 0;
        assert.ok(Math.abs(v[unit * cells + cell] - want) < 1e-5, `link ${JSON.stringify(k)} unit ${unit} cell ${cell}`);
      }
    }
  }
  // Second layer: unit `from` of layer 1 (fed x1 by a weight of 1) into unit `to` of layer 2.
  const sizes = [2, 3, 2, 1];
  for (const k of all.filter((l) => l.l === 1)) {
    p.fill(0);
    p[weightIndex(sizes, 0, 0, k.from)] = 1; // x1 is input 0
    p[k.index] = 1;
    net.setParameters(p);
    const v = net.neuronGrid(grid);
    assert.ok(Math.abs(v[(3 + k.to) * 16] - 1.5) < 1e-5, `layer 2 unit ${k.to} gets x1 at cell 0 through ${JSON.stringify(k)}`);
  }
  net.dispose();
});

test('feature tiles: each feature over the tile grid, scaled into [-1, 1], row 0 at the top', () => {
  const r = 6, t = featureTiles(r), n = TILE * TILE;
  assert.equal(t.length, FEATURES.length * n);
  for (const v of t) assert.ok(v >= -1 && v <= 1);
  const at = (f, row, col) => t[FEATURES.indexOf(f) * n + row * TILE + col];
  assert.ok(at('x1', 0, 0) < 0 && at('x1', 0, TILE - 1) > 0, 'x1 grows to the right');
  assert.ok(at('x2', 0, 0) > 0 && at('x2', TILE - 1, 0) < 0, 'x2 grows upwards');
  assert.ok(Math.abs(at('x1^2', 16, 16) - (0.1875 * 0.1875) / 36) < 1e-6);
  assert.ok(Math.abs(at('sin(x1)', 3, 5) - Math.sin(-6 + (5.5 * 12) / TILE)) < 1e-6);
});

test('colorTiles places tile t at atlas cell first + t, maps [lo, hi] onto the table with clamping, NaN apart', () => {
  const lut32 = Uint32Array.from({ length: 256 }, (_, i) => i);
  const per = 2, atlas = new Uint32Array(per * TILE * 2 * TILE).fill(999);
  const values = new Float32Array(2 * TILE * TILE);
  values.fill(-5, 0, TILE * TILE); // below lo
  values.fill(0.5, TILE * TILE); // the middle of [0, 1]
  values[TILE * TILE + 1] = NaN;
  values[TILE * TILE + 2] = 1e30; // far above hi: clamps, does not wrap
  colorTiles(values, 2, lut32, 0, 1, atlas, per, 7, 1);
  const px = (cell, row, col) => atlas[(Math.floor(cell / per) * TILE + row) * per * TILE + (cell % per) * TILE + col];
  assert.equal(px(0, 3, 3), 999, 'cell 0 untouched');
  assert.equal(px(1, 5, 5), 0, 'tile 0 at cell 1, clamped to entry 0');
  assert.equal(px(2, 0, 0), 128);
  assert.equal(px(2, 0, 1), 7, 'NaN');
  assert.equal(px(2, 0, 2), 255);
});

test('words: neuron, dead neuron, input, link and the diagram summary', () => {
  const shape = { features: ['x1', 'x2'], hidden: [8, 8], outputs: 1 };
  assert.equal(neuronLabel(shape, 2, 2, { meanActivation: 0.123, activeFraction: 0.614, dead: false }),
    'Layer 2, unit 3: mean activation 0.12, active on 61 % of points');
  assert.match(neuronLabel(shape, 1, 0, { meanActivation: 0, activeFraction: 0, dead: true }), /^Layer 1, unit 1: dead/);
  assert.equal(neuronLabel(shape, 0, 2, null), 'Input x₁²: not used; press to add it');
  assert.equal(neuronLabel(shape, 0, 0, null), 'Input x₁: used; press to remove it');
  assert.equal(neuronLabel(shape, 3, 0, null), 'The output');
  const k = links(shape).find((l) => l.l === 1 && l.from === 3 && l.to === 5);
  assert.equal(linkLabel(shape, k, -0.42), 'Weight from layer 1, unit 4 to layer 2, unit 6: -0.420');
  const first = links(shape)[1];
  assert.equal(linkLabel(shape, first, 1), 'Weight from input x₂ to layer 1, unit 1: 1.000');
  assert.equal(diagramSummary(shape, 'ReLU', [0, 3]),
    'ReLU network: inputs x₁, x₂; 2 hidden layers of 8, 8 units; one output. Dead units: 3 in layer 2.');
  assert.match(diagramSummary({ ...shape, hidden: [4] }, 'ELU', [0]), /one hidden layer of 4 units; one output\. No dead units\.$/);
  assert.deepEqual(diagramColumns(shape), [7, 8, 8, 1]);
});

test('unitStats reads Network.stats units per layer into per-unit records', () => {
  const stats = { units: [{ meanActivation: Float32Array.of(0.5, -1), activeFraction: Float32Array.of(1, 0), dead: [false, true] }] };
  assert.deepEqual(unitStats(stats), [[{ meanActivation: 0.5, activeFraction: 1, dead: false }, { meanActivation: -1, activeFraction: 0, dead: true }]]);
});

test('histograms: one shared axis per layer holding 0 and each mean +- 3 sd, every finite value counted once, the mean', () => {
  // 2 hidden layers (2 and 1 units) + 1 output, 3 points; neuron-major.
  const a = Float32Array.of(1, 2, 3, -1, 0, NaN, 5, 5, 5, 0.3, 0.4, 0.5);
  const b = Float32Array.of(0, 0, 0, 4, 4, 4, 1, 2, 3, 0, 0, 0);
  const [l1, l2] = layerHistograms([a, b], [2, 1], 3, 10);
  assert.deepEqual([l1.lo, l1.hi], [-1, 4]);
  assert.deepEqual([l2.lo, l2.hi], [0, 5]);
  assert.equal(l1.runs[0].total, 5);
  assert.equal(l1.runs[0].counts.reduce((s, c) => s + c, 0), 5);
  assert.equal(l1.runs[0].mean, 1);
  assert.equal(l1.runs[1].mean, 2);
  assert.equal(l2.runs[0].counts[9], 3, 'the maximum lands in the last bin');
  assert.equal(l1.runs[0].counts[0], 1, '-1 in the first bin');
  // Outliers: the axis stops at +-10; they count in the end bins.
  const [big] = layerHistograms([Float32Array.of(-1e6, 1e6)], [1], 2, 4);
  assert.deepEqual([big.lo, big.hi, [...big.runs[0].counts]], [-10, 10, [1, 0, 0, 1]]);
  // A lone outlier does not stretch the axis: it stops at mean + 3 sd and the outlier counts in the last bin.
  const spread = Float32Array.from({ length: 1000 }, (_, i) => (i === 999 ? 8 : (i % 100) / 100));
  const [trim] = layerHistograms([spread], [1], 1000, 10);
  assert.ok(trim.hi > 1 && trim.hi < 2, `hi ${trim.hi}`);
  assert.equal(trim.lo, 0);
  assert.equal(trim.runs[0].counts.reduce((s, c) => s + c, 0), 1000);
  assert.ok(trim.runs[0].counts[9] >= 1);
  // All zero: a unit-wide axis.
  const [flat] = layerHistograms([new Float32Array(4)], [2], 2, 4);
  assert.deepEqual([flat.lo, flat.hi], [0, 1]);
  assert.equal(histogramLabel(0, l1, ['ELU', 'ReLU'], 3), 'Layer 1 outputs over 3 training points, from -1 to 4: ELU mean 1, ReLU mean 2');
});
