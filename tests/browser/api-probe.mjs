// The numbers the JS API computes, as float32 bit patterns (hex), for comparing engines bit for bit:
// imported by api.test.mjs in Node (dist/node.js) and in each browser's page (dist/index.js), on
// the same inputs. Bit patterns, not floats, so -0 and every rounding count. NaN is written 'nan':
// WebAssembly leaves the sign and payload of a NaN result to the engine (Firefox and V8 differ on
// 0 * NaN), and JavaScript does not preserve them when it reads a float either.
const hex = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer),
  (u) => ((u & 0x7fffffff) > 0x7f800000 ? 'nan' : u.toString(16).padStart(8, '0')));

export function probe(m) {
  // Kernels: a spread over [-90, 20] (the exp cutoff and saturation included) plus the special values.
  const x = Float32Array.from({ length: 4099 }, (_, i) => -90 + (i * 110) / 4098);
  x.set([0, -0, NaN, Infinity, -Infinity, 1e-45, -1e-45, -87.33654, -103.97], 0);
  const dy = Float32Array.from(x, (v, i) => Math.sin(i) * 3);
  const out = { simd: m.simd };
  for (const alpha of [1, 0.3, 2.5]) {
    out[`elu ${alpha}`] = hex(m.elu(x, alpha));
    out[`eluBackward ${alpha}`] = hex(m.eluBackward(x, dy, alpha));
  }
  for (const name of ['relu', 'leaky_relu', 'celu', 'selu', 'gelu', 'silu', 'softplus', 'tanh', 'sigmoid']) {
    const f = m.activation(name);
    out[name] = hex([...f.forward(x), ...f.backward(x, dy)]);
  }
  // Networks: 20 epochs on each task, per-epoch losses, then test loss and predictions; the stats
  // (per layer and per unit) and every neuron's output on the test points.
  const configs = [
    ['spiral', { layers: [2, 8, 8, 1], activation: 'elu', alpha: 1, seed: 3 }, { optimizer: 'adam', learningRate: 0.03 }],
    ['xor', { layers: [3, 6, 1], activation: 'relu', seed: 4, features: ['x1', 'x2', 'x1*x2'] }, { optimizer: 'momentum', learningRate: 0.1, regularization: 'l2', regularizationRate: 0.001 }],
    ['three', { layers: [2, 8, 3], activation: 'elu', alpha: 0.5, seed: 5 }, { optimizer: 'sgd', learningRate: 0.1, regularization: 'l1', regularizationRate: 0.001 }],
    ['multigauss', { layers: [2, 8, 1], activation: 'elu', alpha: 1.5, seed: 6, task: 'regression' }, { optimizer: 'adam', learningRate: 0.01 }],
  ];
  for (const [dataset, config, options] of configs) {
    const { train, test } = m.datasets.split(m.datasets.make(dataset, { n: 200, noise: 0.1, seed: 7 }), { testFraction: 0.5, seed: 7 });
    const net = new m.Network(config);
    const losses = [];
    for (let e = 0; e < 20; e++) losses.push(net.trainEpoch(train.x, train.y, { batchSize: 10, ...options }));
    losses.push(net.evaluate(test.x, test.y));
    out[`network ${dataset}`] = hex([...losses, ...net.predict(test.x)]);
    const s = net.stats(test.x);
    out[`stats ${dataset}`] = hex([...s.meanActivation, ...s.deadFraction, s.gradientNorm,
      ...s.units.flatMap((u) => [...u.meanActivation, ...u.activeFraction, ...u.dead.map(Number)])]);
    out[`neuronOutputs ${dataset}`] = hex(net.neuronOutputs(test.x));
    net.dispose();
  }
  return out;
}
