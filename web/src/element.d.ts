// Types for elu-playground/element: importing it defines <elu-playground> (its one side effect). It
// also exports the state table's URL-hash helpers (for pages that keep the element's state in their URL).
import type { ActivationName, DatasetName, Feature, StudyBaseline, StudyResult } from './index.js';

/**
 * One network's losses after an epoch (cross-entropy; for regression ½(output − y)² per point), and
 * its test accuracy (the fraction of test points classified right; NaN for regression).
 */
export interface RunDetail {
  activation: ActivationName;
  trainLoss: number;
  testLoss: number;
  accuracy: number;
}

/** The `epoch` event's detail: epoch and the ELU network's losses and accuracy, then every network's. */
export interface EpochDetail {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  accuracy: number;
  /** One entry per network trained: ELU, then the compared one in compare mode. */
  runs: RunDetail[];
}

/** <elu-playground>: attributes and properties mirror each other (see the README for ranges). */
export declare class EluPlayground extends HTMLElement {
  alpha: number;
  /**
   * The `problem` attribute. It and `datasetName` agree: set one to the other kind and the other
   * follows (regression switches the dataset to 'plane', classification to 'circle'; a dataset sets
   * its problem). Given together in markup, the dataset decides (a contradicting problem warns).
   */
  problem: 'classification' | 'regression';
  /** The `dataset` attribute (`el.dataset` stays the standard data-* map). plane, multigauss: regression. */
  datasetName: DatasetName;
  noise: number;
  /** `train-ratio`: the percentage of the points that trains (an integer in [10, 90]; default 50). */
  trainRatio: number;
  /** The networks' inputs (a non-empty set, kept in this order: x1 x2 x1^2 x2^2 x1*x2 sin(x1) sin(x2)). Default ['x1', 'x2']. */
  features: Feature[];
  hiddenLayers: number[];
  learningRate: number;
  optimizer: 'sgd' | 'momentum' | 'adam';
  /** Default 'none'. Live, like the learning rate. */
  regularization: 'none' | 'l1' | 'l2';
  /** `regularization-rate`: in [0, 10]; default 0. */
  regularizationRate: number;
  batchSize: number;
  seed: number;
  /** Activations drawn over ELU in the function panel. */
  activations: ActivationName[];
  /** 'relu' (or another activation) trains a second network beside ELU; 'none' turns it off. */
  compare: string;
  /**
   * Which panels show: any of 'function', 'training', 'network' (the network diagrams and the
   * activation histograms; its code loads when first shown), 'study' (the alpha study of the current
   * settings, and "Speed in your browser"; its code loads when first shown or when runStudy() is
   * called), 'code'. Default 'function training code'.
   * The network panel's parts: `network` (a diagram, with data-activation), `neuron` (`neuron dead`
   * while dead; data-layer, data-unit), `link` (the focused link; data-index into getParameters()),
   * `histogram`.
   */
  panels: string[];
  /** At most this many epochs per animation frame (1 to 50): a frame trains for what its drawing leaves of ~8 ms, at least one epoch. */
  epochsPerFrame: number;
  autoplay: boolean;
  /** `show-test-data`: the heatmaps also draw the test points (ringed dark). Default false. */
  showTestData: boolean;
  /** The heatmaps show the decision only, without confidence shading (regression: the output's sign). Default false. */
  discretize: boolean;
  theme: 'auto' | 'light' | 'dark';
  /**
   * `study-alphas`: the ELU alphas a study trains, 1 to 32 numbers in [0, 10], kept sorted without
   * repeats. Default [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3].
   */
  studyAlphas: number[];
  /** `study-seeds`: network seeds 1..studySeeds per alpha and per baseline, an integer in [1, 64]. Default 8. */
  studySeeds: number;
  /** `study-epochs`: epochs per run, an integer in [1, 5000]. Default 300. */
  studyEpochs: number;
  /** `study-baselines`: activations trained beside ELU on the same seeds (may be empty). Default ['relu']. */
  studyBaselines: StudyBaseline[];
  /**
   * `study-target`: what epochs-to-target waits for (a test accuracy in [0, 1] for classification, a
   * test loss for regression); null (attribute empty or absent) is the dataset's default target.
   */
  studyTarget: number | null;
  /** The last completed study (as runStudy() resolves and `studydone` carries it), or null. */
  readonly studyResults: StudyResult | null;
  /** Resolves when the wasm module is loaded and the first curve is drawn. */
  readonly ready: Promise<void>;
  readonly epoch: number;
  readonly playing: boolean;
  readonly simd: boolean | undefined;
  play(): void;
  /** Stops training (from an `epoch` listener too: at that epoch); the summary table shows the last epoch. */
  pause(): void;
  step(): void;
  reset(): void;
  /**
   * Runs the study of the current settings (the element's dataset, noise, train ratio, `seed` as the
   * data seed, features, hidden layers, optimizer, learning rate, batch size, regularization, and the
   * study fields), in module workers, or on the page's main thread (time-sliced) where no worker can
   * start. A running study is cancelled first. Fires `studyprogress` after each run and `studydone`
   * at the end; resolves with the results. Rejects with a DOMException named 'AbortError' when
   * cancelled, and with the API's TypeError / RangeError for settings a study cannot use (a
   * classification target above 1).
   */
  runStudy(): Promise<StudyResult>;
  /** Stops a running study: its runStudy() promise rejects with an AbortError; no progress event follows. */
  cancelStudy(): void;
  addEventListener(type: 'alphachange', listener: (e: CustomEvent<{ alpha: number }>) => void): void;
  addEventListener(type: 'epoch', listener: (e: CustomEvent<EpochDetail>) => void): void;
  addEventListener(type: 'studyprogress', listener: (e: CustomEvent<{ done: number; total: number }>) => void): void;
  /** The detail is the results: the normalized options and one record per run, in run order. */
  addEventListener(type: 'studydone', listener: (e: CustomEvent<StudyResult>) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void;
}

/** The element's state: the properties that mirror attributes (and URL-hash keys). */
export type PlaygroundState = Pick<EluPlayground, 'alpha' | 'problem' | 'datasetName' | 'noise' | 'trainRatio' | 'features' |
  'hiddenLayers' | 'learningRate' | 'optimizer' | 'regularization' | 'regularizationRate' | 'batchSize' | 'seed' | 'activations' |
  'compare' | 'panels' | 'epochsPerFrame' | 'autoplay' | 'showTestData' | 'discretize' | 'theme' | 'studyAlphas' | 'studySeeds' |
  'studyEpochs' | 'studyBaselines' | 'studyTarget'>;

/** One field of the state table: its property, its attribute (also its URL-hash key) and its default. */
export interface Field {
  readonly name: keyof PlaygroundState;
  readonly attr: string;
  readonly initial: PlaygroundState[keyof PlaygroundState];
  /** The accepted values in words, as the fallback warnings print them. */
  readonly range: string;
}

/** The state table, in attribute order (the order URL hashes are written in). */
export declare const FIELDS: readonly Field[];
/** The element's default state (a fresh copy). */
export declare function defaults(): PlaygroundState;
/** The standalone page's defaults: the element's, with every panel shown (the network view and the study included). */
export declare function pageDefaults(): PlaygroundState;
/**
 * A URL hash ("#alpha=1.5&dataset=spiral") as a whole state: absent keys take their values from
 * `base` (default: the element's defaults); an invalid value falls back as its attribute would, and
 * an unknown key is skipped, each with a warning. A dataset key sets the problem (a contradicting
 * problem key warns); a problem key alone picks its first dataset.
 */
export declare function fromHash(hash: string, base?: Partial<PlaygroundState>): { state: PlaygroundState; warnings: string[] };
/**
 * The URL hash of a state: only the fields that differ from `base` (default: the element's
 * defaults), in table order ('' if none).
 */
export declare function toHash(state: Partial<PlaygroundState>, base?: Partial<PlaygroundState>): string;
/** The attribute text a property value sets, or null where it removes the attribute. */
export declare function toAttribute(field: Field, value: unknown): string | null;
/** Equality of two field values (lists element by element). */
export declare function equal(a: unknown, b: unknown): boolean;

declare global {
  interface HTMLElementTagNameMap {
    'elu-playground': EluPlayground;
  }
}
