// Entry for Node: reads the .wasm from disk and hands it to the module (Emscripten 3.1.6 would
// otherwise try fetch() on a file URL). Touches no window or document.
import { readFile } from 'node:fs/promises';

import { defineLoad } from './api.js';

export const load = defineLoad(async (simd) => {
  const [factory, wasmBinary] = simd
    ? [(await import('./elu_simd.mjs')).default, readFile(new URL('./elu_simd.wasm', import.meta.url))]
    : [(await import('./elu_scalar.mjs')).default, readFile(new URL('./elu_scalar.wasm', import.meta.url))];
  return factory({ wasmBinary: await wasmBinary });
});

// The alpha study's pure helpers (m.study runs a study; the worker pool is the browser entry's).
export { STUDY_DEFAULTS, defaultTarget, parseStudyCsv, studyCsv, studyRuns, summarizeStudy } from './study.js';
