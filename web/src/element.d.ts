// Types for elu-playground/element: importing it defines <elu-playground> (its one side effect).
import type { ActivationName, DatasetName } from './index.js';

export interface EpochDetail {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  accuracy: number;
  /** One entry per network trained (two in compare mode). */
  runs: unknown[];
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
  /** Which panels show: any of 'function', 'training', 'code'. */
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

declare global {
  interface HTMLElementTagNameMap {
    'elu-playground': EluPlayground;
  }
}
