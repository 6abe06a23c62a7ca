// m.Network: the JS face of cpp/nn/network.h. Checks every argument (the C++ validate() checks the
// configuration again), stages arrays in wasm memory, copies results out, frees on dispose().
// A network is its address in wasm memory, handed to the module's functions (cpp/bindings). The
// config and the training options go to C++ as numbers and names (lists space-separated), enums as
// their names; the accepted names come from C++ (nn/names.h), so no enum order is copied here.
// Every float array argument may be a WasmArray of this module (m.allocate), used where it is: no
// copy in, and for `out` no copy out.
import { checkArray, checkChoice, checkData, checkInteger, checkNumber, checkObject, describe } from './checks.js';

const GRID_DEFAULTS = { xMin: -6, xMax: 6, yMin: -6, yMax: 6, width: 100, height: 100 };

export function createNetworkClass(mod, heap, activationNames) {
  const free = ({ raw, options }) => {
    mod.deleteNetwork(raw);
    mod.deleteTrainOptions(options);
  };
  const live = new FinalizationRegistry(free);
  const [FEATURES, TASKS, OPTIMIZERS, REGULARIZATIONS] = ['feature', 'task', 'optimizer', 'regularization']
    .map((kind) => Object.freeze(mod.enumNames(kind).split(' ')));

  function checkLabels(fn, y, task, outputs) {
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      const ok = task === 'regression' ? Number.isFinite(v)
        : outputs === 1 ? v === 0 || v === 1 : Number.isInteger(v) && v >= 0 && v < outputs;
      if (!ok) {
        const want = task === 'regression' ? 'finite' : outputs === 1 ? '0 or 1' : `an integer in [0, ${outputs - 1}]`;
        throw new RangeError(`${fn}: y[${i}] must be ${want}, got ${v}`);
      }
    }
  }

  function checkPoints(fn, x) {
    checkData(heap, fn, 'x', x);
    if (x.length % 2) throw new TypeError(`${fn}: x must hold (x1, x2) pairs: even length, got ${x.length}`);
    const v = heap.values(x);
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw new RangeError(`${fn}: x[${i}] must be finite, got ${v[i]}`);
    }
    return x.length / 2;
  }

  // `out` for a result of `length` floats computed from `x`: a new Float32Array, or the caller's
  // (a Float32Array, or a WasmArray other than x itself: C++ reads x while it writes out).
  function output(fn, out, length, x) {
    if (out === undefined) return new Float32Array(length);
    checkData(heap, fn, 'out', out, length);
    if (out === x) throw new TypeError(`${fn}: out must not be x (the result is written while x is read)`);
    return out;
  }

  // No points is an error where a result over nothing would mislead: a mean over no points reads
  // as a perfect loss, empty outputs as empty histograms.
  function checkSomePoints(fn, x) {
    const n = checkPoints(fn, x);
    if (n === 0) throw new RangeError(`${fn}: x must hold at least one point`);
    return n;
  }

  // The C++ side steps over [min, max] in float32: the span must be finite there too.
  const span = (lo, hi) => Number.isFinite(Math.fround(Math.fround(hi) - Math.fround(lo)));

  function checkGrid(fn, grid) {
    const g = { ...GRID_DEFAULTS, ...checkObject(fn, 'grid', grid, '{ xMin, xMax, yMin, yMax, width, height }') };
    for (const k of ['xMin', 'xMax', 'yMin', 'yMax']) checkNumber(fn, `grid.${k}`, g[k]);
    if (!(g.xMin < g.xMax) || !(g.yMin < g.yMax)) {
      throw new RangeError(`${fn}: grid needs xMin < xMax and yMin < yMax, got ${JSON.stringify(g)}`);
    }
    if (!span(g.xMin, g.xMax) || !span(g.yMin, g.yMax)) {
      throw new RangeError(`${fn}: grid spans must be finite in float32 (xMax - xMin, yMax - yMin <= 3.4028235e38), got ${JSON.stringify(g)}`);
    }
    checkInteger(fn, 'grid.width', g.width, 1, 4096);
    checkInteger(fn, 'grid.height', g.height, 1, 4096);
    return g;
  }

  class Network {
    #raw; // the C++ Network's address
    #options; // the address of the C++ TrainOptions of the last epoch, and the values it was given
    #optionValues = {};
    #task;
    #outputs;
    #hidden; // units per hidden layer
    #seed;
    #alpha;

    constructor(options) {
      const fn = 'new Network';
      const o = checkObject(fn, 'options', options, "{ layers: [2, 8, 8, 1], activation: 'elu' }");
      const layers = o.layers ?? [2, 8, 8, 1];
      if (!Array.isArray(layers)) throw new TypeError(`${fn}: layers must be an Array like [2, 8, 8, 1], got ${describe(layers)}`);
      if (layers.length < 3 || layers.length > 10) {
        throw new RangeError(`${fn}: layers must list inputs, 1 to 8 hidden layers and outputs (3 to 10 numbers), got ${layers.length}`);
      }
      const features = o.features ?? ['x1', 'x2'];
      if (!Array.isArray(features) || features.length === 0) {
        throw new TypeError(`${fn}: features must be a non-empty Array of ${FEATURES.join(', ')}`);
      }
      const seen = new Set();
      features.forEach((f) => {
        checkChoice(fn, 'feature', f, FEATURES);
        if (seen.has(f)) throw new RangeError(`${fn}: feature "${f}" is listed twice`);
        seen.add(f);
      });
      checkInteger(fn, 'layers[0] (inputs)', layers[0], features.length, features.length);
      const hidden = layers.slice(1, -1).map((u, i) => checkInteger(fn, `layers[${i + 1}]`, u, 1, 64));
      const task = checkChoice(fn, 'task', o.task ?? 'classification', TASKS);
      const outputs = checkInteger(fn, `layers[${layers.length - 1}] (outputs)`, layers.at(-1), 1, task === 'regression' ? 1 : 16);
      const activations = [o.activation ?? 'elu'].flat();
      if (activations.length !== 1 && activations.length !== hidden.length) {
        throw new RangeError(`${fn}: activation must be one name or one per hidden layer (${hidden.length}), got ${activations.length}`);
      }
      activations.forEach((a) => checkChoice(fn, 'activation', a, activationNames));
      const alpha = checkNumber(fn, 'alpha', o.alpha ?? 1);
      const leakySlope = checkNumber(fn, 'leakySlope', o.leakySlope ?? 0.01);
      const seed = checkInteger(fn, 'seed', o.seed ?? 1, 0, 2 ** 32 - 1);

      const config = [hidden.join(' '), activations.join(' '), alpha, leakySlope, task, outputs, features.join(' '), seed];
      const error = mod.networkConfigError(...config);
      if (error) throw new RangeError(`${fn}: ${error}`);
      this.#raw = mod.createNetwork(...config);
      this.#options = mod.createTrainOptions();
      this.#task = task;
      this.#outputs = outputs;
      this.#hidden = hidden;
      this.#seed = seed;
      this.#alpha = alpha;
      live.register(this, { raw: this.#raw, options: this.#options }, this);
    }

    // Checks (x, y) as training data for this network and stages them: [xPtr, yPtr, n].
    #stageData(fn, x, y) {
      const n = checkSomePoints(fn, x);
      checkData(heap, fn, 'y', y, n);
      checkLabels(fn, heap.values(y), this.#task, this.#outputs);
      return [...heap.stage(x, y), n];
    }

    #net(fn) {
      if (!this.#raw) throw new Error(`Network.${fn}: this network was disposed`);
      return this.#raw;
    }

    get task() { return this.#task; }
    get outputs() { return this.#outputs; }
    get alpha() { return this.#alpha; }
    set alpha(value) {
      const net = this.#net('alpha');
      this.#alpha = checkNumber('Network.alpha', 'alpha', value);
      mod.setAlpha(net, value);
    }
    get diverged() { return mod.diverged(this.#net('diverged')); }
    get epoch() { return mod.epoch(this.#net('epoch')); }
    get parameterCount() { return mod.parameterCount(this.#net('parameterCount')); }
    get neuronCount() { return mod.neuronCount(this.#net('neuronCount')); }

    trainEpoch(x, y, options) {
      const fn = 'Network.trainEpoch';
      const net = this.#net('trainEpoch');
      const [px, py, n] = this.#stageData(fn, x, y);
      const o = checkObject(fn, 'options', options, "{ batchSize: 10, learningRate: 0.03, optimizer: 'adam' }");
      const batchSize = checkInteger(fn, 'batchSize', o.batchSize ?? 10, 1, Infinity);
      const learningRate = checkNumber(fn, 'learningRate', o.learningRate ?? 0.03, { min: 0, open: true, range: 'a finite number > 0' });
      const optimizer = checkChoice(fn, 'optimizer', o.optimizer ?? 'adam', OPTIMIZERS);
      const momentum = checkNumber(fn, 'momentum', o.momentum ?? 0.9, { min: 0, max: 1, range: 'in [0, 1)' });
      if (momentum === 1) throw new RangeError(`${fn}: momentum must be in [0, 1), got 1`);
      const regularization = checkChoice(fn, 'regularization', o.regularization ?? 'none', REGULARIZATIONS);
      const regularizationRate = checkNumber(fn, 'regularizationRate', o.regularizationRate ?? 0, { min: 0, range: 'a finite number >= 0' });
      const shuffle = o.shuffle ?? true;
      if (typeof shuffle !== 'boolean') throw new TypeError(`${fn}: shuffle must be a boolean, got ${describe(shuffle)}`);
      const wanted = [Math.min(batchSize, n), learningRate, optimizer, momentum, regularization, regularizationRate, shuffle];
      if (wanted.some((v, i) => this.#optionValues[i] !== v)) { // the C++ TrainOptions, set only when they change
        mod.setTrainOptions(this.#options, ...wanted);
        this.#optionValues = wanted;
      }
      return mod.trainEpoch(net, px, py, n, this.#options);
    }

    evaluate(x, y) {
      const net = this.#net('evaluate');
      return mod.evaluate(net, ...this.#stageData('Network.evaluate', x, y));
    }

    accuracy(x, y) {
      const net = this.#net('accuracy');
      return mod.accuracy(net, ...this.#stageData('Network.accuracy', x, y));
    }

    predict(x, out) {
      const net = this.#net('predict');
      const n = checkPoints('Network.predict', x);
      const result = output('Network.predict', out, n * this.#outputs, x);
      const [px, pout] = heap.stage(x, result); // (a Float32Array out: staged after x)
      mod.predict(net, px, n, pout);
      return heap.result(pout, result);
    }

    // Layout of the C++ side's result: cpp/bindings/network_bindings.cc (stats).
    stats(x) {
      const net = this.#net('stats');
      const n = checkSomePoints('Network.stats', x);
      const hiddenUnits = mod.neuronCount(net) - this.#outputs;
      const [px, pout] = heap.stage(x, new Float32Array(2 * this.#hidden.length + 3 * hiddenUnits));
      const layers = mod.stats(net, px, n, pout);
      const s = heap.f32(pout, 2 * layers + 3 * hiddenUnits);
      const units = [];
      for (let l = 0, first = 2 * layers; l < layers; first += this.#hidden[l++]) {
        const block = (k) => s.slice(first + k * hiddenUnits, first + k * hiddenUnits + this.#hidden[l]);
        units.push({ meanActivation: block(0), activeFraction: block(1), dead: Array.from(block(2), (v) => v !== 0) });
      }
      return {
        meanActivation: Array.from({ length: layers }, (_, i) => s[2 * i]),
        deadFraction: Array.from({ length: layers }, (_, i) => s[2 * i + 1]),
        units,
        gradientNorm: mod.lastGradientNorm(net),
      };
    }

    neuronOutputs(x) {
      const net = this.#net('neuronOutputs');
      const n = checkSomePoints('Network.neuronOutputs', x);
      const result = new Float32Array(mod.neuronCount(net) * n);
      const [px, pout] = heap.stage(x, result);
      mod.neuronOutputs(net, px, n, pout);
      result.set(heap.f32(pout, result.length));
      return result;
    }

    predictGrid(grid, out) {
      const net = this.#net('predictGrid');
      const g = checkGrid('Network.predictGrid', grid);
      const result = output('Network.predictGrid', out, g.width * g.height);
      const ptr = heap.target(result, result.length);
      mod.predictGrid(net, g.xMin, g.xMax, g.yMin, g.yMax, g.width, g.height, ptr);
      return heap.result(ptr, result);
    }

    gridRgba(grid, colors, out) {
      const fn = 'Network.gridRgba';
      const net = this.#net('gridRgba');
      const g = checkGrid(fn, grid);
      const { lut, vMin = 0, vMax = 1 } = checkObject(fn, 'colors', colors, '{ lut, vMin: 0, vMax: 1 }');
      if (!(lut instanceof Uint8Array || lut instanceof Uint8ClampedArray) || lut.length !== 1024) {
        throw new TypeError(`${fn}: lut must be a Uint8Array of 256 RGBA entries (1024 bytes), got ${describe(lut)}`);
      }
      checkNumber(fn, 'vMin', vMin);
      checkNumber(fn, 'vMax', vMax);
      if (!(vMin < vMax) || !span(vMin, vMax)) {
        throw new RangeError(`${fn}: vMin must be < vMax, with vMax - vMin finite in float32, got ${vMin} and ${vMax}`);
      }
      const bytes = 4 * g.width * g.height;
      const result = out === undefined ? new Uint8ClampedArray(bytes) : checkArray(fn, 'out', out, bytes, Uint8ClampedArray);
      const base = heap.reserve(1024 + bytes);
      heap.u8(base, 1024).set(lut);
      mod.gridRgba(net, g.xMin, g.xMax, g.yMin, g.yMax, g.width, g.height, base, vMin, vMax, base + 1024);
      result.set(heap.u8(base + 1024, bytes));
      return result;
    }

    neuronGrid(grid, out) {
      const net = this.#net('neuronGrid');
      const g = checkGrid('Network.neuronGrid', grid);
      const size = mod.neuronCount(net) * g.width * g.height;
      if (out !== undefined) checkData(heap, 'Network.neuronGrid', 'out', out, size);
      const ptr = heap.target(out, size); // first: too large a grid fails here, with the bytes asked for
      const result = out ?? new Float32Array(size);
      mod.neuronGrid(net, g.xMin, g.xMax, g.yMin, g.yMax, g.width, g.height, ptr);
      return heap.result(ptr, result);
    }

    getParameters(out) {
      const net = this.#net('getParameters');
      const count = mod.parameterCount(net);
      const result = output('Network.getParameters', out, count);
      const ptr = heap.target(result, count);
      mod.getParameters(net, ptr);
      return heap.result(ptr, result);
    }

    setParameters(p) {
      const net = this.#net('setParameters');
      checkData(heap, 'Network.setParameters', 'parameters', p, mod.parameterCount(net));
      const v = heap.values(p);
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite(v[i])) throw new RangeError(`Network.setParameters: parameters[${i}] must be finite, got ${v[i]}`);
      }
      const [ptr] = heap.stage(p);
      mod.setParameters(net, ptr);
    }

    gradient(x, y) {
      const net = this.#net('gradient');
      const n = checkSomePoints('Network.gradient', x);
      checkData(heap, 'Network.gradient', 'y', y, n);
      checkLabels('Network.gradient', heap.values(y), this.#task, this.#outputs);
      const count = mod.parameterCount(net);
      const [px, py, pg] = heap.stage(x, y, new Float32Array(count));
      mod.gradient(net, px, py, n, pg);
      return heap.f32(pg, count).slice();
    }

    reset(seed = this.#seed) {
      const net = this.#net('reset');
      this.#seed = checkInteger('Network.reset', 'seed', seed, 0, 2 ** 32 - 1);
      mod.reset(net, seed);
    }

    dispose() {
      if (!this.#raw) return;
      live.unregister(this);
      free({ raw: this.#raw, options: this.#options });
      this.#raw = null;
      this.#options = null;
    }
  }

  return Network;
}
