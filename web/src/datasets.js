// m.datasets: the seeded toy datasets of cpp/nn/datasets.h.
import { checkArray, checkChoice, checkInteger, checkNumber, checkObject } from './checks.js';

export function createDatasets(mod, heap) {
  const names = [];
  for (let id = 0; mod.datasetName(id) !== 'unknown'; id++) names.push(mod.datasetName(id));

  function info(name) {
    const id = names.indexOf(checkChoice('datasets.info', 'dataset', name, names));
    return { name, task: mod.datasetTask(id), outputs: mod.datasetOutputs(id) };
  }

  function make(name, options) {
    const fn = 'datasets.make';
    const id = names.indexOf(checkChoice(fn, 'dataset', name, names));
    const o = checkObject(fn, 'options', options, '{ n: 500, noise: 0, seed: 1 }');
    const n = checkInteger(fn, 'n', o.n ?? 500, 1, 100000);
    const noise = checkNumber(fn, 'noise', o.noise ?? 0, { min: 0, max: 1, range: 'in [0, 1]' });
    const seed = checkInteger(fn, 'seed', o.seed ?? 1, 0, 2 ** 32 - 1);
    const [px, py] = heap.stage(new Float32Array(2 * n), new Float32Array(n));
    mod.makeDataset(id, n, noise, seed, px, py);
    return { x: heap.f32(px, 2 * n).slice(), y: heap.f32(py, n).slice() };
  }

  // A seeded shuffle of { x, y } split into { train, test }.
  function split(data, options) {
    const fn = 'datasets.split';
    const { x, y } = checkObject(fn, 'data', data, '{ x, y }');
    checkArray(fn, 'data.x', x);
    if (x.length % 2) throw new TypeError(`${fn}: data.x must hold (x1, x2) pairs: even length, got ${x.length}`);
    const n = x.length >> 1;
    checkArray(fn, 'data.y', y, n);
    const o = checkObject(fn, 'options', options, '{ testFraction: 0.5, seed: 1 }');
    const fraction = checkNumber(fn, 'testFraction', o.testFraction ?? 0.5, { min: 0, max: 1, range: 'in [0, 1)' });
    if (fraction === 1) throw new RangeError(`${fn}: testFraction must be in [0, 1), got 1`);
    const seed = checkInteger(fn, 'seed', o.seed ?? 1, 0, 2 ** 32 - 1);
    const [px, py] = heap.stage(x.subarray(0, 2 * n), y);
    const k = mod.splitDataset(px, py, n, fraction, seed);
    const sx = heap.f32(px, 2 * n), sy = heap.f32(py, n);
    return {
      train: { x: sx.slice(0, 2 * k), y: sy.slice(0, k) },
      test: { x: sx.slice(2 * k), y: sy.slice(k) },
    };
  }

  return { names: Object.freeze(names), info, make, split };
}
