// The wasm network against a plain-JS object-per-neuron trainer built like TF Playground's nn.ts
// (baseline_nn.mjs), in Node 20, one run, one table. Our side goes through the public API
// (m.Network: argument checks and copies included), as the widget uses it.
//   node tests/bench/network.bench.mjs [--quick]
import { load } from 'elu-playground';

import { createBaseline } from './baseline_nn.mjs';
import { measure } from './measure.mjs';

const quick = process.argv.includes('--quick');
const timing = { rounds: quick ? 3 : 7, sliceMs: quick ? 20 : 60, warmup: 20 };

const m = await load();
const data = m.datasets.make('circle', { n: 250, noise: 0, seed: 1 });
const GRID = { xMin: -6, xMax: 6, yMin: -6, yMax: 6, width: 100, height: 100 };
const lut = new Uint8Array(1024);
for (let i = 0; i < 256; i++) lut.set([245 - (i >> 1), 147 + (i >> 2), 34 + (i >> 1), 160], 4 * i);

const rows = [];
function compare(what, target, ours, baseline) {
  const [a, b] = measure([ours, baseline], timing); // runs per ns
  rows.push({
    benchmark: what,
    'ours (ms)': (1e-6 / a).toFixed(4),
    'baseline (ms)': (1e-6 / b).toFixed(3),
    speedup: `${(a / b).toFixed(1)}x`,
    target: `>= ${target}x`,
    met: a / b >= target ? 'yes' : 'NO',
  });
}

for (const layers of [[2, 4, 2, 1], [2, 8, 8, 1]]) {
  for (const activation of ['elu', 'tanh']) {
    const net = new m.Network({ layers, activation, seed: 1 });
    const base = createBaseline({ layers, activation, seed: 1 });
    const opts = { batchSize: 10, learningRate: 0.03, optimizer: 'sgd' };
    compare(`epoch ${layers.join('-')} ${activation} (250 points, batch 10)`, 20,
      { run: () => net.trainEpoch(data.x, data.y, opts) },
      { run: () => base.trainEpoch(data.x, data.y, opts) });
    net.dispose();
  }
}

const net = new m.Network({ layers: [2, 8, 8, 1], activation: 'elu', seed: 1 });
const base = createBaseline({ layers: [2, 8, 8, 1], activation: 'elu', seed: 1 });
for (let e = 0; e < 20; e++) net.trainEpoch(data.x, data.y);
const out = new Float32Array(100 * 100);
compare('100x100 grid, output only (2-8-8-1)', 50,
  { run: () => net.predictGrid(GRID, out) },
  { run: () => base.predictGrid(100, 100, -6, 6, -6, 6, out) });
compare('100x100 grid, every neuron (2-8-8-1)', 50,
  { run: () => net.neuronGrid(GRID) },
  { run: () => base.neuronGrid(100, 100, -6, 6, -6, 6) });
const rgba = new Uint8ClampedArray(4 * 100 * 100);
compare('100x100 grid to RGBA pixels', 50,
  { run: () => net.gridRgba(GRID, { lut, vMin: 0, vMax: 1 }, rgba) },
  { run: () => base.colorGrid(base.predictGrid(100, 100, -6, 6, -6, 6, out), rgba) });
net.dispose();

console.log(`\nNetwork in Node ${process.versions.node}, ${m.simd ? 'SIMD128' : 'scalar'} build ` +
  `(medians of ${timing.rounds} interleaved rounds; baseline: tests/bench/baseline_nn.mjs)`);
console.table(rows);
