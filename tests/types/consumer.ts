// A consumer of every export of elu-playground: `tsc --noEmit --strict` checks the .d.ts against it
// (tests/js/types.test.mjs), so the declarations stay usable and complete.
import { STUDY_DEFAULTS, defaultTarget, load, loadKernels, parseStudyCsv, runStudyInWorkers, studyCsv, studyRuns, summarizeStudy } from 'elu-playground';
import type { ActivationName, Dataset, EluKernels, EluPlayground, KernelArray, KernelResult, NetworkStats, Network, StudyBaseline, StudyNormalizedOptions,
  StudyOptions, StudyRecord, StudyResult, StudyRun, StudySpread, StudySummary, UnitStats, WasmArray } from 'elu-playground';
import 'elu-playground/element';
import type { EluPlayground as EluPlaygroundElement, Field, PlaygroundState, RunDetail } from 'elu-playground/element';
import { FIELDS, equal, fromHash, toAttribute, toHash } from 'elu-playground/element';

async function main(): Promise<number> {
  // The kernels alone (no Network); the whole API is also an EluKernels.
  const k: EluKernels = await loadKernels({ wasmUrl: (file: 'elu_simd.wasm' | 'elu_scalar.wasm' | 'elu_kernels.wasm') => `/wasm/${file}` });
  const lean: Float32Array = k.elu(new Float32Array(2), 1);
  // @ts-expect-error: the kernel API has no Network
  k.Network;
  const m: EluPlayground = await load();
  const kernels: EluKernels = m;
  const simd: boolean = m.simd;
  const x = new Float32Array([-1, 0, 1, 2]);
  const y: Float32Array = m.elu(x, 1.5, x);
  const dx: Float32Array = m.eluBackward(x, y, 1);
  const names: readonly ActivationName[] = m.activations;
  const act = m.activation('gelu');
  act.forward(x);
  act.backward(x, dx, dx);
  m.activation('leaky_relu', { alpha: 0.1 });
  const dxy: Float32Array = m.eluBackwardFromOutput(y, dx);
  m.eluBackwardFromOutput(y, dx, 0.5, dx);

  // Zero-copy: WasmArrays in, the out WasmArray back.
  const wx: WasmArray = m.allocate(4);
  wx.array.set(x);
  const wy: WasmArray = m.elu(wx, 1, m.allocate(wx.length));
  const wdx: KernelResult<WasmArray> = m.eluBackwardFromOutput(wy, wx, 1, wx);
  const mixed: Float32Array = m.eluBackward(wx, x);
  const back: WasmArray = act.backward(wx, x, wy);
  const fwd: Float32Array = act.forward(wx);
  const arg: KernelArray = Math.random() < 0.5 ? wx : x;
  const viewed: Float32Array = m.elu(arg, undefined, wdx.array);
  const forward = (out?: Float32Array): Float32Array => m.elu(x, 1, out);  // an optional out passed on
  const either: KernelArray = m.eluBackward(x, x, 1, arg);
  const views = [wdx.array, back.array, mixed, fwd, viewed, dxy, forward(), either];
  [wx, wy].forEach((a) => a.dispose());

  const data: Dataset = m.datasets.make('circle', { n: 100, noise: 0.1, seed: 2 });
  const { train, test } = m.datasets.split(data, { testFraction: 0.3, seed: 1 });
  const info = m.datasets.info('three');
  const net: Network = new m.Network({ layers: [2, 8, 8, 1], activation: ['elu', 'relu'], alpha: 1,
    seed: 1, task: 'classification', features: ['x1', 'x2'], leakySlope: 0.02 });
  const loss: number = net.trainEpoch(train.x, train.y, { batchSize: 10, learningRate: 0.03,
    optimizer: 'adam', momentum: 0.9, regularization: 'l2', regularizationRate: 1e-4, shuffle: true });
  net.alpha = 0.5;
  const stats: NetworkStats = net.stats(test.x);
  const grid = net.predictGrid({ width: 10, height: 10 });
  const rgba: Uint8ClampedArray = net.gridRgba(undefined, { lut: new Uint8Array(1024), vMin: 0, vMax: 1 });
  const neurons: Float32Array = net.neuronGrid();
  const outputs: Float32Array = net.neuronOutputs(test.x);
  const unit: UnitStats = stats.units[0];
  const dead: boolean = unit.dead[0];
  const unitValues: Float32Array[] = [unit.meanActivation, unit.activeFraction];
  const p: Float32Array = net.predict(test.x);
  net.setParameters(net.getParameters());
  const g: Float32Array = net.gradient(test.x, test.y);
  // WasmArrays in and out: an out WasmArray comes back as one.
  const wp: WasmArray = m.allocate(net.parameterCount);
  const same: WasmArray = net.getParameters(wp);
  net.setParameters(same);
  const wgrid: WasmArray = net.predictGrid({ width: 2, height: 2 }, m.allocate(4));
  const wpred: Float32Array = net.predict(m.allocate(4));
  net.trainEpoch(m.allocate(4), m.allocate(2));
  [wp, wgrid].forEach((a) => a.dispose());
  net.reset(3);
  const flags = [net.diverged, simd];
  const counts = [net.epoch, net.parameterCount, net.neuronCount, net.outputs, info.outputs];
  const evals = [net.evaluate(test.x, test.y), net.accuracy(test.x, test.y), loss];
  net.dispose();
  return names.length + stats.meanActivation.length + grid.length + rgba.length + neurons.length +
    p.length + g.length + flags.length + counts.length + evals.length + net.task.length +
    outputs.length + unitValues.length + Number(dead) + views.length + lean.length + kernels.activations.length + wpred.length;
}

// The element: typed through HTMLElementTagNameMap and the class.
function widget(): number {
  const el: EluPlaygroundElement = document.createElement('elu-playground');
  el.alpha = 1.5;
  el.datasetName = 'spiral';
  el.problem = 'regression';
  el.datasetName = 'multigauss';
  el.features = ['x1', 'x2', 'x1^2', 'sin(x1)'];
  el.trainRatio = 70;
  el.regularization = 'l2';
  el.regularizationRate = 0.003;
  el.showTestData = true;
  el.discretize = el.showTestData;
  el.hiddenLayers = [8, 8];
  el.compare = 'relu';
  el.addEventListener('alphachange', (e) => console.log(e.detail.alpha));
  el.addEventListener('epoch', (e) => {
    const runs: RunDetail[] = e.detail.runs;
    console.log(e.detail.trainLoss, e.detail.testLoss, e.detail.accuracy, runs[0].activation, runs[0].accuracy);
  });
  el.play();
  el.pause();
  el.reset();
  return el.epoch + (el.playing ? 1 : 0);
}

// The element's study panel: its fields, methods and events.
async function elementStudy(el: EluPlaygroundElement): Promise<number> {
  el.panels = ['study', 'training'];
  el.studyAlphas = [0, 0.5, 1];
  el.studySeeds = 4;
  el.studyEpochs = 100;
  el.studyBaselines = ['relu', 'gelu'];
  el.studyTarget = null;
  el.studyTarget = 0.9;
  el.addEventListener('studyprogress', (e) => console.log(e.detail.done / e.detail.total));
  el.addEventListener('studydone', (e) => console.log(e.detail.records.length, e.detail.options.target));
  const before: StudyResult | null = el.studyResults;
  const results: StudyResult = await el.runStudy();
  el.cancelStudy();
  const state: PlaygroundState = fromHash(location.hash).state;
  const target: number | null = state.studyTarget;
  return results.records.length + (before ? 1 : 0) + (target ?? 0) + state.studyAlphas.length;
}

// A page keeping the element's state in its URL, with the element's own state table.
function urlState(el: EluPlaygroundElement): string {
  const { state, warnings }: { state: PlaygroundState; warnings: string[] } = fromHash(location.hash);
  const alpha: number = state.alpha;
  const layers: number[] = state.hiddenLayers;
  const changed: Field[] = FIELDS.filter((f) => !equal(state[f.name], f.initial));
  const attrs = changed.map((f) => [f.attr, toAttribute(f, el[f.name])] as const);
  return toHash({ ...state, alpha: alpha + layers.length }) + attrs.length + warnings.length;
}

// The alpha study: on this thread, then in workers with a fallback, summarized and saved as CSV.
async function study(m: EluPlayground): Promise<string> {
  const options: StudyOptions = { dataset: 'spiral', noise: 0.2, points: 500, trainRatio: 60, dataSeed: 2,
    hiddenLayers: [8, 8], features: ['x1', 'x2'], optimizer: 'adam', learningRate: 0.03, batchSize: 10,
    regularization: 'none', regularizationRate: 0, alphas: [0.5, 1], seeds: 2, epochs: 20,
    baselines: ['relu', 'tanh'], target: defaultTarget('spiral') };
  const plan: { options: StudyNormalizedOptions; runs: StudyRun[] } = studyRuns(options);
  const alpha: number | null = plan.runs[0].alpha;
  const controller = new AbortController();
  const first: StudyResult = await m.study(options, {
    signal: controller.signal, sliceMs: 8,
    onResult: (r: StudyRecord, done: number, total: number) => console.log(r.accuracy, r.epochsToTarget, done / total),
  });
  const pooled: StudyResult = await runStudyInWorkers(options, { workers: 2, signal: controller.signal, onResult: () => {} })
    .catch((e: Error) => (e.name === 'StudyWorkerError' ? m.study(options) : Promise.reject(e)));
  const groups: StudySummary[] = summarizeStudy(pooled.records);
  const spread: StudySpread = groups[0].accuracy;
  const median: number | null = spread.median ?? groups[0].epochsToTarget.median;
  const baseline: StudyBaseline = STUDY_DEFAULTS.baselines[0];
  const target: number = first.options.target;
  const again: StudyRecord[] = parseStudyCsv(studyCsv(first.records));
  return `${alpha}${median}${baseline}${target}${again.length}${groups[0].diverged}${groups[0].epochsToTarget.reached}`;
}

main();
widget;
elementStudy;
study;
urlState;
