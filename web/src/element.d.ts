// Types for elu-playground/element: importing it defines <elu-playground> (its one side effect). It
// also exports the state table's URL-hash helpers (for pages that keep the element's state in their URL).
import type { ActivationName, DatasetName } from './index.js';

/** One network's losses after an epoch, and its test accuracy (the fraction of test points classified right). */
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
  /** The `dataset` attribute (`el.dataset` stays the standard data-* map). */
  datasetName: Exclude<DatasetName, 'plane' | 'multigauss'>;
  noise: number;
  hiddenLayers: number[];
  learningRate: number;
  optimizer: 'sgd' | 'momentum' | 'adam';
  batchSize: number;
  seed: number;
  /** Activations drawn over ELU in the function panel. */
  activations: ActivationName[];
  /** 'relu' (or another activation) trains a second network beside ELU; 'none' turns it off. */
  compare: string;
  /**
   * Which panels show: any of 'function', 'training', 'network' (the network diagrams and the
   * activation histograms; its code loads when first shown), 'code'. Default 'function training code'.
   */
  panels: string[];
  epochsPerFrame: number;
  autoplay: boolean;
  theme: 'auto' | 'light' | 'dark';
  /** Resolves when the wasm module is loaded and the first curve is drawn. */
  readonly ready: Promise<void>;
  readonly epoch: number;
  readonly playing: boolean;
  readonly simd: boolean | undefined;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  addEventListener(type: 'alphachange', listener: (e: CustomEvent<{ alpha: number }>) => void): void;
  addEventListener(type: 'epoch', listener: (e: CustomEvent<EpochDetail>) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void;
}

/** The element's state: the properties that mirror attributes (and URL-hash keys). */
export type PlaygroundState = Pick<EluPlayground, 'alpha' | 'datasetName' | 'noise' | 'hiddenLayers' | 'learningRate' |
  'optimizer' | 'batchSize' | 'seed' | 'activations' | 'compare' | 'panels' | 'epochsPerFrame' | 'autoplay' | 'theme'>;

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
/** The standalone page's defaults: the element's, with every panel shown (the network view included). */
export declare function pageDefaults(): PlaygroundState;
/**
 * A URL hash ("#alpha=1.5&dataset=spiral") as a whole state: absent keys take their values from
 * `base` (default: the element's defaults); an invalid value falls back as its attribute would, and
 * an unknown key is skipped, each with a warning.
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
