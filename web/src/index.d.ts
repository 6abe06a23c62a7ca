// Type declarations for elu-playground (hand-written: Emscripten 3.1.6 has no --embind-emit-tsd).
// Kept true to web/src/*.js; checked by tsc --strict on tests/types/consumer.ts.

/** Names accepted by `activation()` and by `Network`'s `activation` option. */
export type ActivationName =
  | 'relu' | 'leaky_relu' | 'elu' | 'celu' | 'selu' | 'gelu' | 'silu' | 'softplus' | 'tanh'
  | 'sigmoid' | 'linear';

export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'three' | 'plane' | 'multigauss';
export type Feature = 'x1' | 'x2' | 'x1^2' | 'x2^2' | 'x1*x2' | 'sin(x1)' | 'sin(x2)';
export type Task = 'classification' | 'regression';

/** An activation and its derivative, as one object. */
export interface Activation {
  readonly name: ActivationName;
  /** ELU/CELU alpha, or leaky_relu's slope; ignored by the others. */
  readonly alpha: number;
  /** y = f(x); a new array unless `out` (same length, may be `x`) is given. */
  forward(x: Float32Array, out?: Float32Array): Float32Array;
  /** dx = dy * f'(x), from the input x; `out` may be `x` or `dy`. */
  backward(x: Float32Array, dy: Float32Array, out?: Float32Array): Float32Array;
}

export interface NetworkOptions {
  /** [inputs, ...hidden (1 to 8 layers of 1 to 64 units), outputs]; inputs = features.length. */
  layers?: number[];
  /** One name, or one per hidden layer. Default 'elu'. */
  activation?: ActivationName | ActivationName[];
  /** ELU/CELU alpha, finite. Default 1. Live: see `Network.alpha`. */
  alpha?: number;
  /** leaky_relu's negative slope. Default 0.01. */
  leakySlope?: number;
  /** Integer in [0, 2^32). Default 1. */
  seed?: number;
  /** 'classification' (default): 1 output = sigmoid + BCE, k outputs = softmax + CE. */
  task?: Task;
  /**
   * Input features derived from (x1, x2). Default ['x1', 'x2']. Whatever the order of this list, the
   * network's input columns (and so the columns of the first layer's W) are in the order
   * x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2), keeping those listed.
   */
  features?: Feature[];
}

export interface TrainOptions {
  /** Integer >= 1, clamped to the number of points. Default 10. */
  batchSize?: number;
  /** > 0. Default 0.03. */
  learningRate?: number;
  /**
   * 'sgd': p -= lr * g. 'momentum' (PyTorch's form): v = momentum * v + g, p -= lr * v.
   * 'adam' (PyTorch's, betas 0.9 and 0.999, eps 1e-8). Default 'adam'.
   */
  optimizer?: 'sgd' | 'momentum' | 'adam';
  /** For 'momentum', in [0, 1). Default 0.9. */
  momentum?: number;
  /**
   * Default 'none'. Added to the gradient of the weights only, never the biases: 'l2' adds
   * rate * w; 'l1' adds rate * sign(w) (0 at w = 0; a weight may cross zero: no clipping).
   * The losses reported by trainEpoch and evaluate never include the penalty.
   */
  regularization?: 'none' | 'l1' | 'l2';
  /** >= 0. Default 0. */
  regularizationRate?: number;
  /** A new order of the points every epoch. Default true. */
  shuffle?: boolean;
}

/** A rectangle of the input plane sampled at pixel centers, row 0 at yMax. Defaults: [-6, 6]^2, 100 x 100. */
export interface Grid {
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  width?: number;
  height?: number;
}

/**
 * One hidden layer's units over the points given to Network.stats(), one entry per unit. A unit's
 * slope at a point is its activation's derivative f'(z) at its preactivation z.
 */
export interface UnitStats {
  /** Per unit: the mean of its output over the points (NetworkStats.meanActivation is their mean). */
  meanActivation: Float32Array;
  /**
   * Per unit: the fraction of the points where its slope is > 0. A negative slope (gelu and silu
   * below their minimum, elu with alpha < 0) counts as inactive, though gradient flows there.
   */
  activeFraction: Float32Array;
  /** Per unit: dead, its slope 0 at every point (no gradient flows); deadFraction counts these. */
  dead: boolean[];
}

/** Network.stats(): per-layer arrays (one entry per hidden layer) and one norm for the network. */
export interface NetworkStats {
  /** Per hidden layer: the mean of its outputs over the points and units. */
  meanActivation: number[];
  /** Per hidden layer: the fraction of dead units, whose derivative is 0 at every point (no gradient flows). */
  deadFraction: number[];
  /** Per hidden layer: its units. */
  units: UnitStats[];
  /** L2 norm of the gradient of the last batch trained (0 before training). */
  gradientNorm: number;
}

/** A small MLP in wasm memory. Call `dispose()` when done; later calls throw. */
export interface Network {
  readonly task: Task;
  readonly outputs: number;
  /** Live: training continues with the new alpha, weights untouched. RangeError if not finite. */
  alpha: number;
  /** True after an epoch met NaN/Inf: weights restored to before it; trainEpoch returns NaN until reset. */
  readonly diverged: boolean;
  readonly epoch: number;
  readonly parameterCount: number;
  readonly neuronCount: number;
  /** One pass over (x: n x 2 row-major, y: n labels or values); the mean training loss. */
  trainEpoch(x: Float32Array, y: Float32Array, options?: TrainOptions): number;
  /**
   * Mean loss (no regularization term): binary cross-entropy (1 output), cross-entropy of the
   * softmax (k outputs), or 1/2 * mean((p - y)^2) for regression.
   */
  evaluate(x: Float32Array, y: Float32Array): number;
  /** Fraction classified correctly (0 for regression). */
  accuracy(x: Float32Array, y: Float32Array): number;
  /** Probabilities (n, or n * k) or values (n). */
  predict(x: Float32Array, out?: Float32Array): Float32Array;
  /** Statistics of the hidden layers over the points x (at least one). */
  stats(x: Float32Array): NetworkStats;
  /**
   * Every neuron's output at each point of x (at least one): [neuron][point], neurons in the order
   * of neuronGrid (hidden layers first, then the outputs as predict gives them); neuronCount * n values.
   */
  neuronOutputs(x: Float32Array): Float32Array;
  /** Output 0 per cell (k classes: argmax + top probability, in [c, c + 1]). */
  predictGrid(grid?: Grid, out?: Float32Array): Float32Array;
  /** The grid through a 256-entry RGBA table (1024 bytes); 1 output maps [vMin, vMax] onto it. */
  gridRgba(grid: Grid | undefined, colors: { lut: Uint8Array | Uint8ClampedArray; vMin?: number; vMax?: number },
           out?: Uint8ClampedArray): Uint8ClampedArray;
  /** Every neuron's output on the grid: [neuron][row][col], hidden layers first; into `out` if given (neuronCount * cells). */
  neuronGrid(grid?: Grid, out?: Float32Array): Float32Array;
  /**
   * Every parameter, layer by layer: W (out x in, row-major, like torch.nn.Linear.weight), then b
   * (out). So layer l's weight from input j to unit i is at offset + i * in + j. A copy, into `out`
   * if given (parameterCount values).
   */
  getParameters(out?: Float32Array): Float32Array;
  /** The same layout as getParameters; every value finite. */
  setParameters(parameters: Float32Array): void;
  /** Gradient of `evaluate` with respect to the parameters (order of getParameters). */
  gradient(x: Float32Array, y: Float32Array): Float32Array;
  /** Same seed: bit-identical weights and training. Default: the current seed. */
  reset(seed?: number): void;
  /** Frees the wasm memory; idempotent. */
  dispose(): void;
}

export interface NetworkConstructor {
  /** TypeError / RangeError naming the option for a bad configuration. */
  new (options?: NetworkOptions): Network;
}

export interface Dataset {
  /** n x 2, row-major. */
  x: Float32Array;
  /** n labels (0/1, or class indices) or values. */
  y: Float32Array;
}

export interface Datasets {
  readonly names: readonly DatasetName[];
  info(name: DatasetName): { name: DatasetName; task: Task; outputs: number };
  /** n in [1, 100000] (default 500), noise in [0, 1] (default 0), seed integer (default 1). */
  make(name: DatasetName, options?: { n?: number; noise?: number; seed?: number }): Dataset;
  /** A seeded shuffle split into train and test; testFraction in [0, 1), default 0.5. */
  split(data: Dataset, options?: { testFraction?: number; seed?: number }): { train: Dataset; test: Dataset };
}

export interface EluPlayground {
  /** True when the SIMD128 build runs (the scalar build otherwise; both give identical results). */
  readonly simd: boolean;
  /** x > 0 ? x : alpha * expm1(x). A new array unless `out` is given; `out` may alias `x`. */
  elu(x: Float32Array, alpha?: number, out?: Float32Array): Float32Array;
  /** dy * (x > 0 ? 1 : alpha * exp(x)) (PyTorch's elu backward). */
  eluBackward(x: Float32Array, dy: Float32Array, alpha?: number, out?: Float32Array): Float32Array;
  /** Defaults follow PyTorch: leaky_relu slope 0.01, ELU/CELU alpha 1. */
  activation(name: ActivationName, params?: { alpha?: number }): Activation;
  readonly activations: readonly ActivationName[];
  readonly Network: NetworkConstructor;
  readonly datasets: Datasets;
}

/** Loads the module once (SIMD128 where supported); later calls resolve to the same instance. */
export declare function load(): Promise<EluPlayground>;
