// The network diagram's geometry and words, and the colouring of its tiles: pure functions (no DOM,
// no wasm), tested in Node (tests/js/widget-diagram.test.mjs). netview.js builds the DOM and draws
// with them.
//
// Columns: the input features (all seven, the unused ones dimmed), each hidden layer, the outputs.
// A column is a "layer" in the DOM contract: data-layer 0 is the inputs, 1..L the hidden layers,
// L + 1 the outputs; data-unit counts from 0 within a column.

import { DIAGRAM_HEIGHT } from './sizes.js'; // the box's usual height
import { FEATURES } from './state.js'; // the network API's feature names, in the inputs column's order

export { FEATURES };
export const FEATURE_LABELS = {
  x1: 'x₁', x2: 'x₂', 'x1^2': 'x₁²', 'x2^2': 'x₂²', 'x1*x2': 'x₁·x₂', 'sin(x1)': 'sin x₁', 'sin(x2)': 'sin x₂',
};

// The tiles' grid: every neuron's output on TILE x TILE cells of the input plane.
export const TILE = 32;

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

// Geometry in CSS pixels for the columns' unit counts (inputs column first) and the width and height
// available (the panel's diagram box: its height is the panel's, not the network's, see sizes.js).
// Tiles shrink to fit the width and the height (down to MIN_TILE; below that the diagram scrolls
// within its box).
// -> { tile, width, height, x: [column left edge], y: (column, unit) -> tile top }
export const MIN_TILE = 12;
const MAX_TILE = 40;
const PAD = 6;
const GAP = 1.25; // the space between columns for the links, in tiles
const VGAP = 0.3; // between the units of a column, in tiles
export function layoutDiagram(columns, available, availableHeight = DIAGRAM_HEIGHT) {
  const n = columns.length, tall = Math.max(...columns);
  const byWidth = (available - 2 * PAD) / (n + (n - 1) * GAP);
  const byHeight = (availableHeight - 2 * PAD) / (tall + (tall - 1) * VGAP);
  const tile = Math.floor(clamp(Math.min(byWidth, byHeight), MIN_TILE, MAX_TILE));
  const gap = Math.round(tile * GAP), vgap = Math.max(3, Math.round(tile * VGAP));
  const height = 2 * PAD + tall * tile + (tall - 1) * vgap;
  const x = columns.map((_, c) => PAD + c * (tile + gap));
  const top = columns.map((units) => PAD + (height - 2 * PAD - (units * tile + (units - 1) * vgap)) / 2);
  return {
    tile,
    width: PAD + x.at(-1) + tile,
    height,
    x,
    y: (column, unit) => top[column] + unit * (tile + vgap),
  };
}

// The layer sizes of a network: [inputs, ...hidden, outputs].
export const layerSizes = ({ features, hidden, outputs }) => [features.length, ...hidden, outputs];

// Offset in getParameters() of the weight from unit `from` of layer l to unit `to` of layer l + 1
// (W is out x in, row-major, then the biases; layer by layer). sizes: layerSizes().
export function weightIndex(sizes, l, from, to) {
  let offset = 0;
  for (let k = 0; k < l; k++) offset += sizes[k] * sizes[k + 1] + sizes[k + 1];
  return offset + to * sizes[l] + from;
}

// The diagram's columns of units as drawn: the inputs column lists every feature, so a network input
// j sits at row FEATURES.indexOf(features[j]). -> unit counts per column.
export const diagramColumns = (shape) => [FEATURES.length, ...shape.hidden, shape.outputs];

// Every link: { l, from, to, row, index } where `from` is the network's input/unit index in layer l,
// `row` the row it is drawn from in column l (differs from `from` in the inputs column only) and
// `index` its weight's offset in getParameters(). Ordered by layer, then target unit, then source.
// The network's inputs are its features in FEATURES order, whatever order they were listed in.
export function links(shape) {
  const sizes = layerSizes(shape);
  const inputs = FEATURES.filter((f) => shape.features.includes(f));
  const out = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    for (let to = 0; to < sizes[l + 1]; to++) {
      for (let from = 0; from < sizes[l]; from++) {
        const row = l === 0 ? FEATURES.indexOf(inputs[from]) : from;
        out.push({ l, from, to, row, index: weightIndex(sizes, l, from, to) });
      }
    }
  }
  return out;
}

const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : 'not a number');
const percent = (v) => (Number.isFinite(v) ? `${Math.round(100 * v)} %` : '–');

// Accessible names and readouts. Units are counted from 1 in words (data-unit counts from 0).
export function unitName(shape, column, unit) {
  if (column === 0) return `input ${FEATURE_LABELS[FEATURES[unit]]}`;
  if (column === shape.hidden.length + 1) return shape.outputs === 1 ? 'the output' : `output ${unit + 1}`;
  return `layer ${column}, unit ${unit + 1}`;
}

const capital = (s) => s[0].toUpperCase() + s.slice(1);

// A hidden unit from its stats ({ meanActivation, activeFraction, dead }: numbers and a boolean).
export function neuronLabel(shape, column, unit, s) {
  const name = capital(unitName(shape, column, unit));
  if (column === 0) {
    const on = shape.features.includes(FEATURES[unit]);
    return `${name}: ${on ? 'used' : 'not used'}; press to ${on ? 'remove' : 'add'} it`;
  }
  if (!s) return name;
  const facts = `mean activation ${fixed(s.meanActivation, 2)}, active on ${percent(s.activeFraction)} of points`;
  return s.dead ? `${name}: dead, no gradient at any point (${facts})` : `${name}: ${facts}`;
}

export function linkLabel(shape, link, weight) {
  const from = unitName(shape, link.l, link.l === 0 ? link.row : link.from);
  return `Weight from ${from} to ${unitName(shape, link.l + 1, link.to)}: ${fixed(weight, 3)}`;
}

// The screen readers' summary of one diagram. deadCounts: dead units per hidden layer, or null.
export function diagramSummary(shape, activation, deadCounts) {
  const inputs = shape.features.map((f) => FEATURE_LABELS[f]).join(', ');
  const layers = shape.hidden.length === 1 ? `one hidden layer of ${shape.hidden[0]} units`
    : `${shape.hidden.length} hidden layers of ${shape.hidden.join(', ')} units`;
  const outputs = shape.outputs === 1 ? 'one output' : `${shape.outputs} outputs`;
  let dead = '';
  if (deadCounts) {
    const total = deadCounts.reduce((a, b) => a + b, 0);
    dead = total === 0 ? ' No dead units.'
      : ` Dead units: ${deadCounts.map((d, l) => (d ? `${d} in layer ${l + 1}` : '')).filter(Boolean).join(', ')}.`;
  }
  return `${activation} network: inputs ${inputs}; ${layers}; ${outputs}.${dead}`;
}

// Per hidden layer, per unit stats out of Network.stats(): [[{ meanActivation, activeFraction, dead }]].
export function unitStats(stats) {
  return stats.units.map((u) => Array.from(u.dead, (dead, i) => ({
    meanActivation: u.meanActivation[i], activeFraction: u.activeFraction[i], dead,
  })));
}

// The value of feature `name` at (x1, x2), scaled into [-1, 1] over the square [-r, r]^2.
export function featureValue(name, x1, x2, r) {
  switch (name) {
    case 'x1': return x1 / r;
    case 'x2': return x2 / r;
    case 'x1^2': return (x1 * x1) / (r * r);
    case 'x2^2': return (x2 * x2) / (r * r);
    case 'x1*x2': return (x1 * x2) / (r * r);
    case 'sin(x1)': return Math.sin(x1);
    case 'sin(x2)': return Math.sin(x2);
    default: throw new RangeError(`unknown feature ${name}`);
  }
}

// Every feature on the TILE x TILE grid over [-r, r]^2 (cell centers, row 0 at the top, like the
// network's grids): FEATURES.length tiles, one after the other.
export function featureTiles(r) {
  const out = new Float32Array(FEATURES.length * TILE * TILE);
  FEATURES.forEach((name, f) => {
    for (let row = 0; row < TILE; row++) {
      const x2 = r - ((row + 0.5) * 2 * r) / TILE;
      for (let col = 0; col < TILE; col++) {
        const x1 = -r + ((col + 0.5) * 2 * r) / TILE;
        out[(f * TILE + row) * TILE + col] = featureValue(name, x1, x2, r);
      }
    }
  });
  return out;
}

// Tile values to RGBA through a 256-entry lookup table (as Uint32 words, the platform's byte order):
// `values` holds `count` tiles of TILE^2 cells; tile t lands at atlas cell c = first + t, at
// (c % per, c / per) of an atlas `per` tiles wide (`atlas`: Uint32Array of its pixels). A value maps linearly from [lo, hi]
// onto the table, clamped; NaN takes entry 0 of `nan` (a Uint32 colour).
export function colorTiles(values, count, lut32, lo, hi, atlas, per, nan, first = 0) {
  const scale = 255 / (hi - lo), stride = per * TILE;
  for (let t = 0; t < count; t++) {
    const base = t * TILE * TILE;
    const c = first + t, origin = Math.floor(c / per) * TILE * stride + (c % per) * TILE;
    for (let row = 0; row < TILE; row++) {
      const src = base + row * TILE, dst = origin + row * stride;
      for (let col = 0; col < TILE; col++) {
        const v = values[src + col];
        atlas[dst + col] = v === v ? lut32[Math.min(255, Math.max(0, (v - lo) * scale + 0.5)) | 0] : nan;
      }
    }
  }
}
