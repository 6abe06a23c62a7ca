// Baseline for the network benchmark: "what TensorFlow Playground does", in plain JavaScript.
//
// This is a deliberately unoptimized, object-per-neuron trainer with the same structure and the
// same per-sample processing as TF Playground's src/nn.ts (written fresh, not copied):
//   - a network is Node[][] (layers of Node objects); every connection is a Link object that is
//     shared by source.outputs and dest.inputLinks and holds weight / errorDer / accErrorDer /
//     numAccumulatedDers;
//   - activations are objects { output(x), der(x) } called through node.activation (tanh's der
//     recomputes tanh, as playground does);
//   - one epoch = for every training point: build a fresh input array, forwardProp, backProp with
//     the squared error, and updateWeights every batchSize points (plain SGD, L2 rate 0); then the
//     loss is measured with one more forward pass over the data (playground's getLoss);
//   - grids walk every grid point through d3-style scale functions and forwardProp, and
//     neuronGrid records every node's output in boundary[nodeId][i][j] through forEachNode;
//   - colorGrid builds a colour string per pixel and parses it back, as d3 scale + d3.rgb do.
// It is the yardstick the wasm network is measured against, so it must stay this way: do not
// "optimize" it (flat arrays, fused loops, cached strings) or the comparison stops meaning anything.
//
//   node tests/bench/baseline_nn.mjs      runs a correctness self-check and prints timings.
// It loads in a browser page too (the study benchmark runs it beside the wasm in Chromium): Node's
// modules are imported only when the file is run directly.

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32), standing in for playground's Math.random().
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function random() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Error, activation and regularization functions: objects holding closures, as in playground.
const Errors = {
  SQUARE: {
    error: (output, target) => 0.5 * Math.pow(output - target, 2),
    der: (output, target) => output - target,
  },
};

const Activations = {
  TANH: {
    output: (x) => Math.tanh(x),
    der: (x) => {
      const output = Activations.TANH.output(x);
      return 1 - output * output;
    },
  },
  RELU: {
    output: (x) => Math.max(0, x),
    der: (x) => (x <= 0 ? 0 : 1),
  },
};

function makeElu(alpha) {
  return {
    output: (x) => (x > 0 ? x : alpha * (Math.exp(x) - 1)),
    der: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
  };
}

// ---------------------------------------------------------------------------------------------
// The network: Node and Link objects.
class Node {
  constructor(id, activation) {
    this.id = id;
    this.inputLinks = [];
    this.bias = 0.1;
    this.outputs = [];
    this.totalInput = 0;
    this.output = 0;
    this.outputDer = 0;
    this.inputDer = 0;
    this.accInputDer = 0;
    this.numAccumulatedDers = 0;
    this.activation = activation;
  }

  updateOutput() {
    this.totalInput = this.bias;
    for (let k = 0; k < this.inputLinks.length; k++) {
      const link = this.inputLinks[k];
      this.totalInput += link.weight * link.source.output;
    }
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}

class Link {
  constructor(source, dest, regularization, random) {
    this.id = source.id + '-' + dest.id;
    this.source = source;
    this.dest = dest;
    this.weight = random() - 0.5;
    this.errorDer = 0;
    this.accErrorDer = 0;
    this.numAccumulatedDers = 0;
    this.regularization = regularization;
  }
}

function buildNetwork(shape, activation, outputActivation, regularization, inputIds, random) {
  const network = [];
  let nextId = 1;
  for (let l = 0; l < shape.length; l++) {
    const isInput = l === 0;
    const isOutput = l === shape.length - 1;
    const layer = [];
    network.push(layer);
    for (let n = 0; n < shape[l]; n++) {
      let id;
      if (isInput) id = inputIds[n];
      else id = String(nextId++);
      const node = new Node(id, isOutput ? outputActivation : activation);
      layer.push(node);
      if (!isInput) {
        const prev = network[l - 1];
        for (let p = 0; p < prev.length; p++) {
          const link = new Link(prev[p], node, regularization, random);
          prev[p].outputs.push(link);
          node.inputLinks.push(link);
        }
      }
    }
  }
  return network;
}

function forwardProp(network, inputs) {
  const inputLayer = network[0];
  if (inputs.length !== inputLayer.length) {
    throw new Error('number of inputs does not match the input layer');
  }
  for (let n = 0; n < inputLayer.length; n++) inputLayer[n].output = inputs[n];
  for (let l = 1; l < network.length; l++) {
    const layer = network[l];
    for (let n = 0; n < layer.length; n++) layer[n].updateOutput();
  }
  return network[network.length - 1][0].output;
}

function backProp(network, target, errorFunc) {
  const outputNode = network[network.length - 1][0];
  outputNode.outputDer = errorFunc.der(outputNode.output, target);

  for (let l = network.length - 1; l >= 1; l--) {
    const layer = network[l];
    // dE/d(total input) of every node in this layer.
    for (let n = 0; n < layer.length; n++) {
      const node = layer[n];
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    // dE/dw of every link entering this layer.
    for (let n = 0; n < layer.length; n++) {
      const node = layer[n];
      for (let k = 0; k < node.inputLinks.length; k++) {
        const link = node.inputLinks[k];
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (l === 1) continue;
    // dE/d(output) of every node in the previous layer, through its outgoing links.
    const prev = network[l - 1];
    for (let n = 0; n < prev.length; n++) {
      const node = prev[n];
      node.outputDer = 0;
      for (let k = 0; k < node.outputs.length; k++) {
        const out = node.outputs[k];
        node.outputDer += out.weight * out.dest.inputDer;
      }
    }
  }
}

function updateWeights(network, learningRate, regularizationRate) {
  for (let l = 1; l < network.length; l++) {
    const layer = network[l];
    for (let n = 0; n < layer.length; n++) {
      const node = layer[n];
      if (node.numAccumulatedDers > 0) {
        node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (let k = 0; k < node.inputLinks.length; k++) {
        const link = node.inputLinks[k];
        const regulDer = link.regularization ? link.regularization.der(link.weight) : 0;
        if (link.numAccumulatedDers > 0) {
          link.weight -=
            (learningRate / link.numAccumulatedDers) * (link.accErrorDer + regularizationRate * regulDer);
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

function forEachNode(network, ignoreInputs, accessor) {
  for (let l = ignoreInputs ? 1 : 0; l < network.length; l++) {
    const layer = network[l];
    for (let n = 0; n < layer.length; n++) accessor(layer[n]);
  }
}

// ---------------------------------------------------------------------------------------------
// d3-like helpers: a linear scale (a closure per scale), and the 3-stop colour scale that maps a
// value to an "rgb(r, g, b)" string plus d3.rgb's parse of such a string back into channels.
function linearScale(domain, range) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (v) => r0 + (span === 0 ? 0.5 : (v - d0) / span) * (r1 - r0);
}

function hexToRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return { r: (v >> 16) & 255, g: (v >> 8) & 255, b: v & 255 };
}

function rgbString(r, g, b) {
  const c = (x) => Math.max(0, Math.min(255, Math.round(x) || 0));
  return 'rgb(' + c(r) + ', ' + c(g) + ', ' + c(b) + ')';
}

// Piecewise-linear colour scale with clamping: domain [-1, 0, 1] -> the three stops.
function makeColorScale(domain, colors) {
  const stops = colors.map(hexToRgb);
  const interpolators = [];
  for (let s = 0; s + 1 < stops.length; s++) {
    const a = stops[s];
    const b = stops[s + 1];
    interpolators.push((t) => rgbString(a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t));
  }
  return (v) => {
    // bisect for the segment, normalize, clamp, interpolate
    let s = 0;
    while (s < domain.length - 2 && v > domain[s + 1]) s++;
    let t = (v - domain[s]) / (domain[s + 1] - domain[s]);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return interpolators[s](t);
  };
}

class Rgb {
  constructor(r, g, b, opacity) {
    this.r = +r;
    this.g = +g;
    this.b = +b;
    this.opacity = +opacity;
  }
}

const RE_RGB_INTEGER = /^rgb\(\s*([+-]?\d+)\s*,\s*([+-]?\d+)\s*,\s*([+-]?\d+)\s*\)$/;
const RE_HEX = /^#([0-9a-f]{3,8})$/;

// Like d3.rgb(colorString): trim, lower-case, regex-match, build an object.
function parseRgb(str) {
  const format = (str + '').trim().toLowerCase();
  let m = RE_RGB_INTEGER.exec(format);
  if (m) return new Rgb(m[1], m[2], m[3], 1);
  m = RE_HEX.exec(format);
  if (m && m[1].length === 6) {
    const v = parseInt(m[1], 16);
    return new Rgb((v >> 16) & 255, (v >> 8) & 255, v & 255, 1);
  }
  return new Rgb(NaN, NaN, NaN, NaN);
}

// ---------------------------------------------------------------------------------------------
// Public API.

/**
 * createBaseline({ layers, activation, alpha, seed }) -> {
 *   trainEpoch(x, y, { batchSize, learningRate }) -> mean 0.5*(out - target)^2 over the data after
 *       the epoch (targets are the labels mapped 0/1 -> -1/+1),
 *   predictGrid(width, height, xMin, xMax, yMin, yMax, out) -> out (Float32Array width*height,
 *       row-major, row 0 = yMax, column 0 = xMin),
 *   neuronGrid(width, height, xMin, xMax, yMin, yMax) -> boundary, boundary[nodeId][i][j] = output
 *       of that node at x index i (xMin..xMax), y index j (yMax..yMin); input nodes 'x', 'y' too,
 *       hidden/output ids '1', '2', ... (output node is the last),
 *   colorGrid(values, rgba) -> rgba (alpha 160, as playground's heatmap),
 *   network, outputNodeId,
 * }
 */
export function createBaseline({ layers = [2, 8, 8, 1], activation = 'tanh', alpha = 1, seed = 1 } = {}) {
  if (layers[0] !== 2) throw new Error('baseline takes two inputs (x, y)');
  if (layers[layers.length - 1] !== 1) throw new Error('baseline has one output node');
  let act;
  if (activation === 'tanh') act = Activations.TANH;
  else if (activation === 'relu') act = Activations.RELU;
  else if (activation === 'elu') act = makeElu(alpha);
  else throw new Error(`unknown activation ${activation}`);

  const random = mulberry32(seed);
  const inputIds = ['x', 'y'];
  const network = buildNetwork(layers, act, Activations.TANH, null, inputIds, random);
  const regularizationRate = 0;
  const outputNodeId = network[network.length - 1][0].id;

  // playground's constructInput: a fresh array of the enabled features per point.
  const inputFuncs = [(px, py) => px, (px, py) => py];
  function constructInput(px, py) {
    const input = [];
    for (let f = 0; f < inputFuncs.length; f++) input.push(inputFuncs[f](px, py));
    return input;
  }

  function getLoss(x, y, n) {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const input = constructInput(x[2 * i], x[2 * i + 1]);
      const output = forwardProp(network, input);
      loss += Errors.SQUARE.error(output, y[i] > 0.5 ? 1 : -1);
    }
    return loss / n;
  }

  function trainEpoch(x, y, { batchSize = 10, learningRate = 0.03 } = {}) {
    const n = y.length;
    if (x.length < 2 * n) throw new Error('x must hold n (x, y) pairs');
    for (let i = 0; i < n; i++) {
      const input = constructInput(x[2 * i], x[2 * i + 1]);
      forwardProp(network, input);
      backProp(network, y[i] > 0.5 ? 1 : -1, Errors.SQUARE);
      if ((i + 1) % batchSize === 0) updateWeights(network, learningRate, regularizationRate);
    }
    return getLoss(x, y, n);
  }

  function predictGrid(width, height, xMin, xMax, yMin, yMax, out) {
    const xScale = linearScale([0, width - 1], [xMin, xMax]);
    const yScale = linearScale([height - 1, 0], [yMin, yMax]);
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < height; j++) {
        const input = constructInput(xScale(i), yScale(j));
        out[j * width + i] = forwardProp(network, input);
      }
    }
    return out;
  }

  // boundary is allocated on the first call (playground's firstTime) and reused afterwards;
  // a change of grid size counts as a first time again.
  let boundary = null;
  let boundaryW = -1;
  let boundaryH = -1;
  function neuronGrid(width, height, xMin, xMax, yMin, yMax) {
    const firstTime = boundary === null || width !== boundaryW || height !== boundaryH;
    if (firstTime) {
      boundary = {};
      boundaryW = width;
      boundaryH = height;
      forEachNode(network, true, (node) => {
        boundary[node.id] = new Array(width);
      });
      for (const id of inputIds) boundary[id] = new Array(width);
    }
    const xScale = linearScale([0, width - 1], [xMin, xMax]);
    const yScale = linearScale([height - 1, 0], [yMin, yMax]);
    for (let i = 0; i < width; i++) {
      if (firstTime) {
        forEachNode(network, true, (node) => {
          boundary[node.id][i] = new Array(height);
        });
        for (const id of inputIds) boundary[id][i] = new Array(height);
      }
      for (let j = 0; j < height; j++) {
        const px = xScale(i);
        const py = yScale(j);
        const input = constructInput(px, py);
        forwardProp(network, input);
        forEachNode(network, true, (node) => {
          boundary[node.id][i][j] = node.output;
        });
        if (firstTime) {
          for (let f = 0; f < inputIds.length; f++) boundary[inputIds[f]][i][j] = inputFuncs[f](px, py);
        }
      }
    }
    return boundary;
  }

  const color = makeColorScale([-1, 0, 1], ['#f59322', '#e8eaeb', '#0877bd']);
  function colorGrid(values, rgba) {
    for (let k = 0, p = -1; k < values.length; k++) {
      const c = parseRgb(color(values[k]));
      rgba[++p] = c.r;
      rgba[++p] = c.g;
      rgba[++p] = c.b;
      rgba[++p] = 160;
    }
    return rgba;
  }

  // playground's getLoss over any points (it measures the test loss after every step this way).
  function evaluate(x, y) {
    return getLoss(x, y, y.length);
  }

  return { trainEpoch, evaluate, predictGrid, neuronGrid, colorGrid, network, outputNodeId };
}

// ---------------------------------------------------------------------------------------------
// Self-check and timings when run directly.

export function circleDataset(n = 250, seed = 7, radius = 2.5) {
  const random = mulberry32(seed);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const px = random() * 10 - 5;
    const py = random() * 10 - 5;
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = Math.hypot(px, py) < radius ? 1 : 0;
  }
  return { x, y };
}

// Median ms per call over several rounds, each round at least minMs long.
function timeIt(fn, { warmMs = 150, rounds = 7, minMs = 60 } = {}) {
  let t0 = performance.now();
  while (performance.now() - t0 < warmMs) fn();
  const per = [];
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    t0 = performance.now();
    let t = t0;
    while (t - t0 < minMs) {
      fn();
      calls++;
      t = performance.now();
    }
    per.push((t - t0) / calls);
  }
  per.sort((a, b) => a - b);
  return per[per.length >> 1];
}

function selfCheck() {
  const { x, y } = circleDataset(250, 7);
  const inside = y.reduce((s, v) => s + v, 0);
  console.log(`circle dataset: 250 points, ${inside} inside r=2.5`);

  // 1. correctness: the loss must fall substantially.
  const net = createBaseline({ layers: [2, 8, 8, 1], activation: 'tanh', seed: 1 });
  const losses = [];
  for (let epoch = 1; epoch <= 200; epoch++) {
    const loss = net.trainEpoch(x, y, { batchSize: 10, learningRate: 0.03 });
    losses.push(loss);
    if (epoch === 1 || epoch % 50 === 0) console.log(`  2-8-8-1 tanh epoch ${String(epoch).padStart(3)}: loss ${loss.toFixed(4)}`);
  }
  const grid = new Float32Array(100 * 100);
  net.predictGrid(100, 100, -5, 5, -5, 5, grid);
  let correct = 0;
  for (let i = 0; i < 250; i++) {
    // nearest grid cell of each training point
    const col = Math.round(((x[2 * i] + 5) / 10) * 99);
    const row = Math.round(((5 - x[2 * i + 1]) / 10) * 99);
    if (grid[row * 100 + col] > 0 === y[i] > 0.5) correct++;
  }
  console.log(`  train accuracy read off the 100x100 grid: ${((100 * correct) / 250).toFixed(1)}%`);
  const ok = losses[199] < 0.5 * losses[0] && correct >= 0.9 * 250;
  // consistency: neuronGrid's output node equals predictGrid
  const boundary = net.neuronGrid(100, 100, -5, 5, -5, 5);
  let maxDiff = 0;
  for (let i = 0; i < 100; i++)
    for (let j = 0; j < 100; j++) maxDiff = Math.max(maxDiff, Math.abs(boundary[net.outputNodeId][i][j] - grid[j * 100 + i]));
  const rgba = new Uint8ClampedArray(4 * 3);
  net.colorGrid(new Float32Array([-1, 0, 1]), rgba);
  const stopsOk = [245, 147, 34, 160, 232, 234, 235, 160, 8, 119, 189, 160].every((v, k) => rgba[k] === v);
  console.log(`  neuronGrid vs predictGrid max |diff| ${maxDiff}; colour stops ${stopsOk ? 'ok' : 'WRONG ' + Array.from(rgba)}`);
  console.log(ok && maxDiff < 1e-6 && stopsOk ? 'self-check: PASS' : 'self-check: FAIL');

  // 2. timings (median of rounds).
  console.log('\ntimings (Node ' + process.versions.node + ', 250 points, batch 10, lr 0.03):');
  for (const layers of [[2, 4, 2, 1], [2, 8, 8, 1]]) {
    for (const activation of ['tanh', 'elu']) {
      const b = createBaseline({ layers, activation, seed: 3 });
      const ms = timeIt(() => b.trainEpoch(x, y, { batchSize: 10, learningRate: 0.03 }));
      console.log(`  trainEpoch ${layers.join('-').padEnd(7)} ${activation.padEnd(4)}: ${ms.toFixed(3)} ms/epoch`);
    }
  }
  for (const activation of ['tanh', 'elu']) {
    const b = createBaseline({ layers: [2, 8, 8, 1], activation, seed: 3 });
    for (let e = 0; e < 20; e++) b.trainEpoch(x, y, {});
    const out = new Float32Array(100 * 100);
    const msOut = timeIt(() => b.predictGrid(100, 100, -6, 6, -6, 6, out));
    b.neuronGrid(100, 100, -6, 6, -6, 6); // first call allocates, as playground's firstTime
    const msAll = timeIt(() => b.neuronGrid(100, 100, -6, 6, -6, 6));
    // first call on a fresh network: also allocates boundary[nodeId][i] (playground's reset)
    const first = [];
    for (let r = 0; r < 9; r++) {
      const f = createBaseline({ layers: [2, 8, 8, 1], activation, seed: 3 + r });
      const t0 = performance.now();
      f.neuronGrid(100, 100, -6, 6, -6, 6);
      first.push(performance.now() - t0);
    }
    first.sort((a, b) => a - b);
    console.log(
      `  2-8-8-1 ${activation.padEnd(4)} 100x100 predictGrid: ${msOut.toFixed(2)} ms, ` +
        `neuronGrid (all 17 nodes): ${msAll.toFixed(2)} ms (first call, allocating: ${first[4].toFixed(2)} ms)`,
    );
  }
  {
    const b = createBaseline({});
    const values = new Float32Array(100 * 100);
    const r = mulberry32(11);
    for (let k = 0; k < values.length; k++) values[k] = r() * 2.2 - 1.1;
    const rgba = new Uint8ClampedArray(4 * values.length);
    const ms = timeIt(() => b.colorGrid(values, rgba));
    console.log(`  colorGrid 10^4 pixels: ${ms.toFixed(2)} ms`);
  }
  console.log('reference (TF Playground nn.ts, Node 20): 0.25 / 0.80 ms per epoch (2-4-2-1 / 2-8-8-1), ~20 ms grid output, ~25 ms all neurons, ~2.5 ms colour 10^4 px');
  if (!(ok && maxDiff < 1e-6 && stopsOk)) process.exitCode = 1;
}

if (globalThis.process?.argv?.[1]) {
  const { realpathSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  if (fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) selfCheck();
}
