// The model side of the training panel: the dataset, the ELU network and (in compare mode) a second
// network with another activation, started from the same seed, so the same initial weights see the
// same batches. No DOM: the element asks for epochs and reads the results. The dataset decides the
// task: classification (1 output, or 3 for `three`) or regression (1 linear output, MSE loss).

// A loss this large has left any useful range (cross-entropy of 1e4 means logits in the
// thousands): treated like the network's own NaN/Inf divergence, training stops until reset.
const EXPLODED = 1e4;

// A loss per epoch (a run's train or test curve, which losschart.js draws): a growing series that
// keeps at most `cap` points by halving its resolution when full.
export class Series {
  constructor(cap = 512) {
    this.cap = cap;
    this.values = [];
    this.every = 1; // epochs per stored point
    this.pending = 0;
    this.count = 0;
  }

  push(v) {
    this.count += 1;
    if (++this.pending < this.every) return;
    this.pending = 0;
    this.values.push(v);
    if (this.values.length >= this.cap) {
      this.values = this.values.filter((_, i) => i % 2 === 1);
      this.every *= 2;
    }
  }

  clear() { this.values = []; this.every = 1; this.pending = 0; this.count = 0; }
}

// config: { dataset, noise, seed, trainRatio, features, hiddenLayers, alpha, compare, learningRate,
// optimizer, regularization, regularizationRate, batchSize }. trainRatio: the percentage of the 400
// points that trains (default 50); features: the networks' inputs (default ['x1', 'x2']).
export class Trainer {
  constructor(m, config) {
    this.m = m;
    this.config = { ...config };
    this.runs = [];
    this.makeData();
    this.build();
  }

  makeData() {
    const { dataset, noise, seed, trainRatio = 50 } = this.config;
    const data = this.m.datasets.make(dataset, { n: 400, noise, seed });
    this.data = this.m.datasets.split(data, { testFraction: 1 - trainRatio / 100, seed });
    const { task, outputs } = this.m.datasets.info(dataset);
    this.task = task;
    this.outputs = outputs;
    this.classes = task === 'regression' ? 0 : Math.max(2, outputs); // 0: no classes
  }

  // One run per activation: ELU, then the compared one. Same seed: same initial weights.
  build() {
    this.dispose();
    const { hiddenLayers, alpha, compare, seed, features = ['x1', 'x2'] } = this.config;
    const layers = [features.length, ...hiddenLayers, this.outputs];
    const names = compare && compare !== 'none' ? ['elu', compare] : ['elu'];
    this.runs = names.map((activation) => ({
      activation,
      net: new this.m.Network({ layers, activation, alpha, seed, task: this.task, features }),
      train: new Series(),
      test: new Series(),
      trainLoss: NaN,
      testLoss: NaN,
      accuracy: NaN,
    }));
    this.epoch = 0;
    this.epochMs = 0; // an epoch's duration (all runs, measured), smoothed: for step's deadline
    this.diverged = false;
    this.measure();
  }

  // New settings. Returns what was redone: 'data' (new points, new networks), 'nets', or ''.
  // alpha, learning rate, optimizer, regularization and batch size apply live, without a reset.
  update(config) {
    const old = this.config;
    this.config = { ...old, ...config };
    const c = this.config;
    if (c.alpha !== old.alpha) for (const r of this.runs) if (r.activation === 'elu') r.net.alpha = c.alpha;
    if (c.dataset !== old.dataset || c.noise !== old.noise || c.seed !== old.seed || c.trainRatio !== old.trainRatio) {
      this.makeData();
      this.build();
      return 'data';
    }
    if (c.hiddenLayers.join() !== old.hiddenLayers.join() || c.compare !== old.compare || String(c.features) !== String(old.features)) {
      this.build();
      return 'nets';
    }
    return '';
  }

  reset() {
    for (const r of this.runs) {
      r.net.reset(this.config.seed);
      r.train.clear();
      r.test.clear();
    }
    this.epoch = 0;
    this.diverged = false;
    this.measure();
  }

  // Every run's train loss, test loss and test accuracy (the fraction of test points classified
  // right; NaN for regression, which has no classes).
  measure() {
    const { train, test } = this.data;
    for (const r of this.runs) {
      r.trainLoss = r.net.evaluate(train.x, train.y);
      r.testLoss = r.net.evaluate(test.x, test.y);
      r.accuracy = this.task === 'regression' ? NaN : r.net.accuracy(test.x, test.y);
    }
  }

  // Trains every run for `epochs` epochs (fewer if one diverges: then all stop and `diverged` is
  // set; fewer when `onEpoch` returns false; fewer when the next epoch would end past `deadline`, a
  // performance.now() time, by the recent epochs' duration: at least one). After each epoch, every
  // run's losses and accuracy are measured, then `onEpoch(epoch, runs)`. Returns the epochs done.
  step(epochs, onEpoch, deadline = Infinity) {
    if (this.diverged) return 0;
    let start = performance.now();
    const { train } = this.data;
    const { learningRate, optimizer, batchSize, regularization = 'none', regularizationRate = 0 } = this.config;
    const options = { learningRate, optimizer, batchSize, regularization, regularizationRate };
    for (let e = 0; e < epochs; e++) {
      for (const r of this.runs) {
        const loss = r.net.trainEpoch(train.x, train.y, options);
        if (!(loss < EXPLODED) || r.net.diverged) this.diverged = true;
      }
      if (this.diverged) return e;
      this.epoch += 1;
      this.measure();
      for (const r of this.runs) {
        r.train.push(r.trainLoss);
        r.test.push(r.testLoss);
      }
      if (onEpoch?.(this.epoch, this.runs) === false) return e + 1;
      const now = performance.now();
      this.epochMs = this.epochMs ? 0.7 * this.epochMs + 0.3 * (now - start) : now - start;
      start = now;
      if (now + this.epochMs > deadline) return e + 1;
    }
    return epochs;
  }

  // Per run: { meanActivation[], deadFraction[] } per hidden layer, over the training points.
  stats() {
    return this.runs.map((r) => r.net.stats(this.data.train.x));
  }

  dispose() {
    for (const r of this.runs) r.net.dispose();
    this.runs = [];
  }
}
