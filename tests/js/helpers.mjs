// Shared by the JS tests: both module flavors built the way node.js builds them, and ULP distance.
import { readFile } from 'node:fs/promises';

import { createApi } from '../../web/src/api.js';

const dist = new URL('../../dist/', import.meta.url);

// Raw Emscripten module + public API for one flavor ('simd' or 'scalar').
export async function loadFlavor(flavor) {
  const { default: factory } = await import(new URL(`elu_${flavor}.mjs`, dist));
  const mod = await factory({ wasmBinary: await readFile(new URL(`elu_${flavor}.wasm`, dist)) });
  return { mod, api: createApi(mod, { simd: flavor === 'simd' }) };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

// One float32 ULP at the magnitude of ref (subnormal spacing below 2^-126).
export function ulpAt(ref) {
  const a = Math.abs(ref);
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

export function ulpError(got, ref) {
  if (Number.isNaN(ref)) return Number.isNaN(got) ? 0 : Infinity;
  if (!Number.isFinite(ref) || !Number.isFinite(got)) return got === ref ? 0 : Infinity;
  return Math.abs(got - ref) / ulpAt(ref);
}

export const eluRef = (x, alpha) => (x > 0 ? x : alpha * Math.expm1(x));
export const eluBackwardRef = (x, dy, alpha) => (x > 0 ? dy : dy * alpha * Math.exp(x));

export function bits(v) {
  f32[0] = v;
  return u32[0];
}

// Deterministic inputs: a spread over [-20, 10] with the special values mixed in.
export function inputs(n, seed = 1) {
  const specials = [0, -0, NaN, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38, -3.4e38, -17.33, -1, 1];
  let s = seed >>> 0;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = i < specials.length ? specials[i] : -20 + (30 * s) / 2 ** 32;
  }
  return x;
}
