// Entry for browsers, workers and bundlers: the .wasm next to this file is fetched by URL
// (new URL(..., import.meta.url), which bundlers follow).
import { defineLoad } from './api.js';

export const load = defineLoad(async (simd) => {
  const factory = simd
    ? (await import('./elu_simd.mjs')).default
    : (await import('./elu_scalar.mjs')).default;
  return factory();
});
