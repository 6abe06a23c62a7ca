// Entry for browsers, workers and bundlers: load() and loadKernels() (load.js), the alpha study's pure helpers, and its
// worker pool (browsers only: study-worker.js beside this file, a module worker).
export { load, loadKernels } from './load.js';
export { STUDY_DEFAULTS, defaultTarget, parseStudyCsv, studyCsv, studyRuns, summarizeStudy } from './study.js';
export { runStudyInWorkers } from './study-pool.js';
