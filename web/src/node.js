// Entry for Node: reads the .wasm from disk (beside this file, or where load({ wasmUrl }) says: a
// file: URL, or a path relative to the working directory) and hands it to the module (Emscripten 3.1.6 would otherwise try fetch() on a
// file URL). Touches no window or document.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { defineLoad } from './define-load.js';

export const { load, loadKernels } = defineLoad((file, { wasmUrl }) => readFile(wasmUrl(file) ?? new URL(file, import.meta.url)),
  () => pathToFileURL(`${process.cwd()}/`).href);

// The alpha study's pure helpers (m.study runs a study; the worker pool is the browser entry's).
export { STUDY_DEFAULTS, defaultTarget, parseStudyCsv, studyCsv, studyRuns, summarizeStudy } from './study.js';
