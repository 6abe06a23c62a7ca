// Type declarations for elu-playground (hand-written: Emscripten 3.1.6 has no --embind-emit-tsd).
// Kept true to web/src/*.js; checked by tsc --strict on tests/types/consumer.ts.

/** Names accepted by `activation()` and by `Network`'s `activation` option. */
export type ActivationName =
  | 'relu' | 'leaky_relu' | 'elu' | 'celu' | 'selu' | 'gelu' | 'silu' | 'softplus' | 'tanh'
  | 'sigmoid' | 'linear';

export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'three' | 'plane' | 'multigauss';
export type Feature = 'x1' | 'x2' | 'x1^2' | 'x2^2' | 'x1*x2' | 'sin(x1)' | 'sin(x2)';
export type Task = 'classification' | 'regression';

/**
 * `length` float32s in the module's wasm memory, owned by the caller (`m.allocate(length)`): the
 * kernels take it wherever they take a Float32Array and read and write it in place, with no copy.
 * Free it with `dispose()` (a FinalizationRegistry frees one that is lost without it, but only
 * when the collector runs: do not count on it).
 */
export interface WasmArray {
  readonly length: number;
  /**
   * A Float32Array view of the elements, to fill and read. Memory growth (any allocation in the
   * module: `allocate`, a Network) detaches every older view, which then reads as length 0 and is
   * refused by the API: read `.array` again after anything that may allocate rather than keeping
   * a view (the same view is returned while memory has not grown). Its `.buffer` is the module's
   * whole memory: touch only the view's own elements. Throws Error after `dispose()`.
   */
  readonly array: Float32Array;
  /** Frees the memory; idempotent. Later uses throw; views taken from `array` must not be used after it. */
  dispose(): void;
}

/** A kernel's array argument: a Float32Array, or a WasmArray of the same module (used in place). */
export type KernelArray = Float32Array | WasmArray;

/** What a kernel returns for its `out` argument: `out` itself, or a new Float32Array when none is given. */
export type KernelResult<Out> = Out extends WasmArray ? WasmArray : Float32Array;

/** An activation and its derivative, as one object. Arrays may be WasmArrays (see `elu`). */
export interface Activation {
  readonly name: ActivationName;
  /** ELU/CELU alpha, or leaky_relu's slope; ignored by the others. */
  readonly alpha: number;
  /** y = f(x); a new Float32Array unless `out` (same length, may be `x`) is given, which is returned. */
  forward<Out extends KernelArray | undefined = undefined>(x: KernelArray, out?: Out): KernelResult<Out>;
  /** dx = dy * f'(x), from the input x; `out` may be `x` or `dy`. */
  backward<Out extends KernelArray | undefined = undefined>(x: KernelArray, dy: KernelArray, out?: Out): KernelResult<Out>;
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

/**
 * A small MLP in wasm memory. Call `dispose()` when done; later calls throw. Every float array
 * argument may be a WasmArray of this module (`allocate`), used where it is (no copy in); an `out`
 * WasmArray is written in place (no copy out) and returned, and must not be `x` itself.
 */
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
  trainEpoch(x: KernelArray, y: KernelArray, options?: TrainOptions): number;
  /**
   * Mean loss (no regularization term): binary cross-entropy (1 output), cross-entropy of the
   * softmax (k outputs), or 1/2 * mean((p - y)^2) for regression.
   */
  evaluate(x: KernelArray, y: KernelArray): number;
  /** Fraction classified correctly (0 for regression). */
  accuracy(x: KernelArray, y: KernelArray): number;
  /** Probabilities (n, or n * k) or values (n). */
  predict<Out extends KernelArray | undefined = undefined>(x: KernelArray, out?: Out): KernelResult<Out>;
  /** Statistics of the hidden layers over the points x (at least one). */
  stats(x: KernelArray): NetworkStats;
  /**
   * Every neuron's output at each point of x (at least one): [neuron][point], neurons in the order
   * of neuronGrid (hidden layers first, then the outputs as predict gives them); neuronCount * n values.
   */
  neuronOutputs(x: KernelArray): Float32Array;
  /** Output 0 per cell (k classes: argmax + top probability, in [c, c + 1]). */
  predictGrid<Out extends KernelArray | undefined = undefined>(grid?: Grid, out?: Out): KernelResult<Out>;
  /** The grid through a 256-entry RGBA table (1024 bytes); 1 output maps [vMin, vMax] onto it. */
  gridRgba(grid: Grid | undefined, colors: { lut: Uint8Array | Uint8ClampedArray; vMin?: number; vMax?: number },
           out?: Uint8ClampedArray): Uint8ClampedArray;
  /** Every neuron's output on the grid: [neuron][row][col], hidden layers first; into `out` if given (neuronCount * cells). */
  neuronGrid<Out extends KernelArray | undefined = undefined>(grid?: Grid, out?: Out): KernelResult<Out>;
  /**
   * Every parameter, layer by layer: W (out x in, row-major, like torch.nn.Linear.weight), then b
   * (out). So layer l's weight from input j to unit i is at offset + i * in + j. A copy, into `out`
   * if given (parameterCount values).
   */
  getParameters<Out extends KernelArray | undefined = undefined>(out?: Out): KernelResult<Out>;
  /** The same layout as getParameters; every value finite. */
  setParameters(parameters: KernelArray): void;
  /** Gradient of `evaluate` with respect to the parameters (order of getParameters). */
  gradient(x: KernelArray, y: KernelArray): Float32Array;
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

/** The kernel API: what loadKernels() resolves to, and part of what load() resolves to. */
export interface EluKernels {
  /** True when the SIMD128 build runs (the scalar build otherwise; both give identical results). */
  readonly simd: boolean;
  /**
   * x > 0 ? x : alpha * expm1(x). A new Float32Array unless `out` is given (then `out` is
   * returned); `out` may alias `x`. Every array argument of the kernels may be a WasmArray of this
   * module (`allocate`), used in place: with x and out both WasmArrays nothing is copied (otherwise
   * Float32Arrays are copied in and out through a small scratch).
   */
  elu<Out extends KernelArray | undefined = undefined>(x: KernelArray, alpha?: number, out?: Out): KernelResult<Out>;
  /** dy * (x > 0 ? 1 : alpha * exp(x)) (PyTorch's elu backward), from the input x; `out` may be `x` or `dy`. */
  eluBackward<Out extends KernelArray | undefined = undefined>(x: KernelArray, dy: KernelArray, alpha?: number,
    out?: Out): KernelResult<Out>;
  /**
   * dy * (y > 0 ? 1 : y + alpha), from the output y = elu(x, alpha) (tfjs's EluGrad, and
   * PyTorch's elu backward with is_result): the gradient without keeping x. Within 1.5 ULP of
   * dy * (y + alpha); it differs from eluBackward(x, dy) only by the rounding of y (within
   * 4e-7 * alpha * |dy|). `out` may be `y` or `dy`. RangeError for alpha < 0 (then y's sign does
   * not tell x's).
   */
  eluBackwardFromOutput<Out extends KernelArray | undefined = undefined>(y: KernelArray, dy: KernelArray, alpha?: number,
    out?: Out): KernelResult<Out>;
  /**
   * A WasmArray of `length` zeros (an integer in [0, 536854528]) in this module's memory, for the
   * kernels to use with no copy. Call `dispose()` when done. RangeError when memory runs out.
   */
  allocate(length: number): WasmArray;
  /** Defaults follow PyTorch: leaky_relu slope 0.01, ELU/CELU alpha 1. */
  activation(name: ActivationName, params?: { alpha?: number }): Activation;
  readonly activations: readonly ActivationName[];
}

/** The whole API: what load() resolves to. */
export interface EluPlayground extends EluKernels {
  readonly Network: NetworkConstructor;
  readonly datasets: Datasets;
  /**
   * Runs an alpha study on this thread, time-sliced: at most about `sliceMs` of training per task
   * (an epoch is the unit, so one epoch may run past it), then a macrotask (MessageChannel in
   * browsers and workers, setImmediate in Node), so a page stays responsive. One network lives at a
   * time and is disposed when its run ends. Rejects with TypeError / RangeError for bad options (the
   * messages of `studyRuns`); with a DOMException named 'AbortError' when `signal` aborts (checked
   * between tasks: no epoch runs after the abort is seen; the current network is disposed); with the
   * error `onResult` throws, if it throws.
   */
  study(options?: StudyOptions, control?: StudyControl): Promise<StudyResult>;
}

/** Reference activations a study can train beside ELU. */
export type StudyBaseline = 'relu' | 'leaky_relu' | 'selu' | 'gelu' | 'silu' | 'tanh';

/**
 * What an alpha study trains. Every field is optional (STUDY_DEFAULTS); an unknown field is a
 * RangeError. The data: `datasets.make(dataset, { n: points, noise, seed: dataSeed })`, split with
 * `testFraction: 1 - trainRatio / 100` and the same seed, as the element does; one dataset for every run.
 */
export interface StudyOptions {
  /** Default 'circle'. */
  dataset?: DatasetName;
  /** In [0, 1]. Default 0.1. */
  noise?: number;
  /** Points made, integer in [10, 10000]. Default 400. */
  points?: number;
  /** Percentage of the points that trains, integer in [10, 90]. Default 50. */
  trainRatio?: number;
  /** Seed of the dataset and its split, integer in [0, 2^32). Default 1. */
  dataSeed?: number;
  /** 1 to 8 layers of 1 to 64 units. Default [8, 8]. */
  hiddenLayers?: number[];
  /** The networks' inputs, non-empty, no duplicates. Default ['x1', 'x2']. */
  features?: Feature[];
  /** Default 'adam'. */
  optimizer?: 'sgd' | 'momentum' | 'adam';
  /** In (0, 10]. Default 0.03. */
  learningRate?: number;
  /** Integer in [1, 10000] (clamped to the training points). Default 10. */
  batchSize?: number;
  /** Default 'none'. */
  regularization?: 'none' | 'l1' | 'l2';
  /** In [0, 10]. Default 0. */
  regularizationRate?: number;
  /** ELU alphas: 1 to 32 distinct finite values in [0, 10]. Default [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3]. */
  alphas?: number[];
  /** How many network seeds: runs use seeds 1..seeds. Integer in [1, 64]. Default 8. */
  seeds?: number;
  /** Epochs per run, integer in [1, 5000]. Default 300. */
  epochs?: number;
  /**
   * Reference activations, each trained on the same seeds (the same initial weights as ELU where
   * the initialization family matches); distinct, possibly none. Default ['relu'].
   */
  baselines?: StudyBaseline[];
  /**
   * What `epochsToTarget` waits for: a test accuracy in [0, 1] (classification: met when
   * accuracy >= target) or a test loss >= 0 (regression: met when loss <= target).
   * Default defaultTarget(dataset).
   */
  target?: number;
}

/** StudyOptions with every field present and checked (`target` included), as studyRuns returns them. */
export interface StudyNormalizedOptions {
  dataset: DatasetName;
  noise: number;
  points: number;
  trainRatio: number;
  dataSeed: number;
  hiddenLayers: number[];
  features: Feature[];
  optimizer: 'sgd' | 'momentum' | 'adam';
  learningRate: number;
  batchSize: number;
  regularization: 'none' | 'l1' | 'l2';
  regularizationRate: number;
  alphas: number[];
  seeds: number;
  epochs: number;
  baselines: StudyBaseline[];
  target: number;
}

/** One run of a study: a network seed with ELU at one alpha, or with a baseline. */
export interface StudyRun {
  /** Position in the study's order: alphas x seeds (alpha-major), then each baseline x seeds. */
  index: number;
  activation: 'elu' | StudyBaseline;
  /** The ELU alpha; null for a baseline. */
  alpha: number | null;
  /** The network's seed (1..seeds). */
  seed: number;
}

/**
 * A run's result. The losses and accuracy are of the network when training stopped (after `epochs`
 * epochs, or at divergence: an epoch that met NaN/Inf leaves the weights from before it).
 */
export interface StudyRecord extends StudyRun {
  /** Mean training loss (cross-entropy; regression: 1/2 mean squared error), no regularization term. */
  trainLoss: number;
  /** The same on the test points. */
  testLoss: number;
  /** Fraction of test points classified right; NaN for regression. */
  accuracy: number;
  /**
   * The 1-based epoch after which the test metric first met the target (measured after every
   * epoch), or null if it never did.
   */
  epochsToTarget: number | null;
  /**
   * Training diverged: an epoch met NaN/Inf, or its loss reached 1e4 (as in the element); the run
   * stopped there.
   */
  diverged: boolean;
}

export interface StudyResult {
  options: StudyNormalizedOptions;
  /** One per run, in run order (by index). */
  records: StudyRecord[];
}

export interface StudyControl {
  /**
   * Called as each run ends: its record, how many runs have ended, and how many there are. With
   * workers, runs end out of order (the records in the result are sorted). An exception thrown here
   * rejects the study.
   */
  onResult?: (record: StudyRecord, done: number, total: number) => void;
  /** Aborting rejects the study with a DOMException named 'AbortError'. */
  signal?: AbortSignal;
  /** m.study only: milliseconds of work per task, in [0, 1000]. Default 8. */
  sliceMs?: number;
}

export interface StudyWorkersControl {
  onResult?: (record: StudyRecord, done: number, total: number) => void;
  /** Aborting terminates every worker at once and rejects with a DOMException named 'AbortError'. */
  signal?: AbortSignal;
  /**
   * Workers to start, integer in [1, 16]. Default min(navigator.hardwareConcurrency || 2, 8): one per
   * core, capped at 8. Never more than the runs.
   */
  workers?: number;
}

/** Median, quartiles and range over a group's finite values; all null when it has none (e.g. accuracy in regression). */
export interface StudySpread {
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

/** One group of runs (one alpha, or one baseline) over its seeds. Quartiles interpolate linearly (numpy's default). */
export interface StudySummary {
  activation: 'elu' | StudyBaseline;
  alpha: number | null;
  /** Records in the group. */
  runs: number;
  accuracy: StudySpread;
  testLoss: StudySpread;
  /**
   * Over every run of the group, a run that never met the target counting as later than all that
   * did: a statistic that falls on such runs is null (the median when fewer than half met it; all
   * null for an empty group). `reached`: runs that met it.
   */
  epochsToTarget: { median: number | null; q1: number | null; q3: number | null; reached: number };
  /** Runs that diverged (their final values are still in the spreads). */
  diverged: number;
}

/** Where load() and loadKernels() find the .wasm files (elu_simd.wasm, elu_scalar.wasm, elu_kernels.wasm). */
export interface LoadOptions {
  /**
   * The folder holding the .wasm files (a string or URL, relative to the page; in Node a file: URL
   * or a path relative to the working directory), or a function from a file name to its URL.
   * Default: beside the script (`new URL('./elu_simd.wasm', import.meta.url)`).
   */
  wasmUrl?: string | URL | ((file: 'elu_simd.wasm' | 'elu_scalar.wasm' | 'elu_kernels.wasm') => string | URL);
}

/**
 * How a browser load() fails when the .wasm does not arrive: an Error named 'WasmLoadError'. Its
 * message names the URL, the HTTP status or the network failure, and the likely cause.
 */
export interface WasmLoadError extends Error {
  name: 'WasmLoadError';
  /** The .wasm file's URL. */
  url: string;
  /** http: an error status; not-wasm: the answer was not WebAssembly (a fallback page); cors: a
   * cross-origin answer without Access-Control-Allow-Origin; csp: blocked by the page's CSP
   * (connect-src); network: no answer. */
  reason: 'http' | 'not-wasm' | 'cors' | 'csp' | 'network';
  /** The HTTP status, where there was an answer. */
  status: number | null;
  /** One short line, what the element shows (e.g. "HTTP 404 Not Found for elu_simd.wasm"). */
  summary: string;
}

/**
 * Loads the module once (SIMD128 where supported); later calls resolve to the same instance. The
 * call that starts loading (the first, or the first after a failure) decides the options; bad
 * options reject with a TypeError. A .wasm that does not arrive rejects with a WasmLoadError
 * (browsers) or Node's file error. Any Content-Type works: the bytes are checked.
 */
export declare function load(options?: LoadOptions): Promise<EluPlayground>;

/**
 * Loads the kernels alone, once: elu_kernels.wasm (SIMD128; 11.4 KB of wasm and 6.0 KB of glue,
 * gzip -9, against 37.8 and 6.3 for load()'s module), with the same kernels, bit for bit. Where
 * SIMD128 is missing, or once load() has been called, resolves to what load() resolves to (one
 * module, not two). Options and errors as load()'s (messages name loadKernels); the first options
 * given to either also serve a later first call of the other that gives none.
 */
export declare function loadKernels(options?: LoadOptions): Promise<EluKernels>;

/** The defaults of every StudyOptions field (`target` is undefined here: defaultTarget(dataset)). */
export declare const STUDY_DEFAULTS: Readonly<Required<Omit<StudyOptions, 'target'>>> & { readonly target: undefined };

/**
 * A target a 2-8-8-1 network meets within about 100 epochs at the defaults: circle and gauss 0.95,
 * xor 0.9, spiral and three 0.8 test accuracy; plane 0.001 and multigauss 0.02 test loss.
 */
export declare function defaultTarget(dataset: DatasetName): number;

/** Checks and normalizes the options (TypeError / RangeError naming the option) and lists the runs in order. */
export declare function studyRuns(options?: StudyOptions): { options: StudyNormalizedOptions; runs: StudyRun[] };

/** One summary per alpha (in the order of the records), then one per baseline; [] for no records. */
export declare function summarizeStudy(records: readonly StudyRecord[]): StudySummary[];

/**
 * CSV: a header row (index,activation,alpha,seed,trainLoss,testLoss,accuracy,epochsToTarget,diverged),
 * then a row per record; numbers in their shortest round-trip form, null as an empty cell, NaN as NaN.
 */
export declare function studyCsv(records: readonly StudyRecord[]): string;

/** The records of studyCsv's text, the same numbers bit for bit; RangeError naming the line otherwise. */
export declare function parseStudyCsv(text: string): StudyRecord[];

/**
 * Browser entry only (dist/index.js; the Node entry does not export it). Runs the study in module
 * workers (study-worker.js beside the entry, each with its own wasm instance, its .wasm from where
 * the page's load() found it: load({ wasmUrl }) holds for them too), handing runs out one
 * at a time as workers finish: the same records as `m.study`, bit for bit. Rejects with an Error
 * named 'StudyWorkerError' when no worker can start (a CSP without worker-src, a cross-origin script
 * URL...) or a worker fails mid-study: the caller may then fall back to `m.study`, which this does
 * not do by itself. Aborting terminates every worker and rejects with an 'AbortError' DOMException.
 */
export declare function runStudyInWorkers(options?: StudyOptions, control?: StudyWorkersControl): Promise<StudyResult>;
