// load() and loadKernels() for browsers, workers and bundlers (define-load.js): the .wasm beside this
// file (new URL(..., import.meta.url), which bundlers follow), or where { wasmUrl } says, fetched by
// wasm-fetch.js (which explains a failure) and instantiated from its bytes. index.js (the browser
// entry) re-exports them; the element imports this file alone, so that a page with the element does
// not download the study's code.
import { defineLoad } from './define-load.js';
import { fetchWasm } from './wasm-fetch.js';

// Spelled out, one literal URL per file: bundlers copy what `new URL('<literal>', import.meta.url)` names.
const BESIDE = {
  'elu_simd.wasm': () => new URL('./elu_simd.wasm', import.meta.url),
  'elu_scalar.wasm': () => new URL('./elu_scalar.wasm', import.meta.url),
  'elu_kernels.wasm': () => new URL('./elu_kernels.wasm', import.meta.url),
};
export const { load, loadKernels, wasmUrls } = defineLoad((file, { wasmUrl }) => fetchWasm(wasmUrl(file) ?? BESIDE[file]()));
