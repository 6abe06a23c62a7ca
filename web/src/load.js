// load() for browsers, workers and bundlers: the .wasm next to this file is fetched by URL
// (new URL(..., import.meta.url), which bundlers follow). index.js (the browser entry) re-exports it;
// the element imports it alone, so that a page with the element does not download the study's code.
import { defineLoad } from './api.js';

export const load = defineLoad(async (simd) => {
  const factory = simd
    ? (await import('./elu_simd.mjs')).default
    : (await import('./elu_scalar.mjs')).default;
  return factory();
});
