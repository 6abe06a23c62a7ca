// load() for browsers, workers and bundlers: the .wasm beside this file (new URL(..., import.meta.url),
// which bundlers follow), or where load({ wasmUrl }) says, fetched by wasm-fetch.js (which explains a
// failure) and instantiated from its bytes. index.js (the browser entry) re-exports it; the element
// imports it alone, so that a page with the element does not download the study's code.
import { defineLoad } from './api.js';
import { fetchWasm } from './wasm-fetch.js';

// Spelled out, one literal URL per file: bundlers copy what `new URL('<literal>', import.meta.url)` names.
const BESIDE = {
  'elu_simd.wasm': () => new URL('./elu_simd.wasm', import.meta.url),
  'elu_scalar.wasm': () => new URL('./elu_scalar.wasm', import.meta.url),
};

export const load = defineLoad(async (file, { wasmUrl }) => {
  const [glue, wasmBinary] = await Promise.all([
    file === 'elu_simd.wasm' ? import('./elu_simd.mjs') : import('./elu_scalar.mjs'),
    fetchWasm(wasmUrl(file) ?? BESIDE[file]()),
  ]);
  return glue.default({ wasmBinary });
});
