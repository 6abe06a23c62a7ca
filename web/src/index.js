// Entry for browsers, workers and bundlers: the .wasm next to this file is fetched by URL
// (new URL(..., import.meta.url), which bundlers follow). The alpha study's pure helpers, and its
// worker pool (browsers only: study-worker.js beside this file, a module worker).
import { defineLoad } from './api.js';

export const load = defineLoad(async (simd) => {
  const factory = simd
    ? (await import('./elu_simd.mjs')).default
    : (await import('./elu_scalar.mjs')).default;
  return factory();
});

export { STUDY_DEFAULTS, defaultTarget, parseStudyCsv, studyCsv, studyRuns, summarizeStudy } from './study.js';
export { runStudyInWorkers } from './study-pool.js';
