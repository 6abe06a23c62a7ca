// The heatmap's colour tables and scales (web/src/widget/heatmap.js), in Node with colours given as
// [r, g, b] (the browser passes CSS colours, read through a canvas), checked against the entries
// net.gridRgba picks (network.h's mapping): continuous and discrete tables for one output, for
// regression's diverging scale and for three classes, and the points' colours on the same scale.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { makeLut, pointColor, valueRange } from '../../web/src/widget/heatmap.js';
import { loadFlavor } from './helpers.mjs';

const C0 = [245, 158, 11], C1 = [37, 99, 235], C2 = [22, 163, 74], BG = [255, 255, 255];
const entry = (lut, i) => [...lut.slice(4 * i, 4 * i + 3)];
const near = (a, b, tol = 1) => a.every((v, i) => Math.abs(v - b[i]) <= tol);
const strongest = (c) => c.map((v, i) => Math.round(BG[i] + (v - BG[i]) * 0.75));

test('one output: class 0 through the background to class 1; discrete: the class at its strongest, split at 0.5', () => {
  const lut = makeLut([C0, C1], BG, 2);
  assert.deepEqual(entry(lut, 0), strongest(C0));
  assert.deepEqual(entry(lut, 255), strongest(C1));
  assert.ok(near(entry(lut, 128), BG, 2), `middle ${entry(lut, 128)}`);
  assert.ok([...lut].every((v, i) => i % 4 !== 3 || v === 255), 'opaque');
  const hard = makeLut([C0, C1], BG, 2, { discrete: true });
  for (let i = 0; i < 256; i++) assert.deepEqual(entry(hard, i), i < 128 ? strongest(C0) : strongest(C1), `entry ${i}`);
  assert.deepEqual(makeLut([C0, C1], BG, 0, { discrete: true }), hard, 'regression (no classes): the same table');
});

test('three classes: entries c * 85 onwards are class c, from chance to certain; discrete: each class flat', () => {
  const lut = makeLut([C0, C1, C2], BG, 3), hard = makeLut([C0, C1, C2], BG, 3, { discrete: true });
  for (let c = 0; c < 3; c++) {
    const low = entry(lut, 85 * c), high = entry(lut, 85 * c + 84);
    const dist = (a) => Math.hypot(...a.map((v, i) => v - BG[i]));
    assert.ok(dist(high) > 3 * dist(low), `class ${c}: ${low} -> ${high}`);
    assert.deepEqual(high, strongest([C0, C1, C2][c]), `class ${c} certain`);
    for (let i = 85 * c; i < 85 * c + 85; i++) assert.deepEqual(entry(hard, i), strongest([C0, C1, C2][c]), `entry ${i}`);
  }
  assert.deepEqual(entry(hard, 255), strongest(C2));
});

test('value ranges: a probability in [0, 1], regression in [-1, 1]; what gridRgba makes of them', async () => {
  assert.deepEqual(valueRange('classification', 2), { vMin: 0, vMax: 1 });
  assert.deepEqual(valueRange('classification', 3), { vMin: 0, vMax: 3 });
  assert.deepEqual(valueRange('regression', 0), { vMin: -1, vMax: 1 });
  // A regression network's grid through the discrete table is the sign of its output.
  const { api: m } = await loadFlavor('simd');
  const net = new m.Network({ layers: [2, 8, 1], task: 'regression', seed: 3 });
  const data = m.datasets.make('plane', { n: 200, seed: 1 });
  for (let e = 0; e < 30; e++) net.trainEpoch(data.x, data.y, { learningRate: 0.01 });
  const grid = { xMin: -6, xMax: 6, yMin: -6, yMax: 6, width: 24, height: 24 };
  const values = net.predictGrid(grid);
  const rgba = net.gridRgba(grid, { lut: makeLut([C0, C1], BG, 0, { discrete: true }), ...valueRange('regression', 0) });
  const both = [0, 0];
  values.forEach((v, i) => {
    const want = v >= 0 ? strongest(C1) : strongest(C0);
    if (Math.abs(v) > 1e-3) assert.deepEqual([...rgba.slice(4 * i, 4 * i + 3)], want, `cell ${i}: ${v}`);
    both[v >= 0 ? 1 : 0] += 1;
  });
  assert.ok(both[0] > 20 && both[1] > 20, `both signs on the plane: ${both}`);
  net.dispose();
});

test('point colours: the class colour; for regression the value on the diverging scale at full strength', () => {
  assert.equal(pointColor('classification', ['a', 'b', 'c'], 'bg')(2), 'c');
  const color = pointColor('regression', [C0, C1], BG);
  assert.equal(color(-1), `rgb(${C0.join(' ')})`);
  assert.equal(color(1), `rgb(${C1.join(' ')})`);
  assert.equal(color(0), 'rgb(255 255 255)');
  assert.equal(color(-7), color(-1), 'clamped to [-1, 1]');
  assert.equal(color(0.5), `rgb(${C1.map((v, i) => Math.round((BG[i] + v) / 2)).join(' ')})`);
});
