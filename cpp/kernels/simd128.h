// The few 128-bit vector operations the SIMD kernels use, with one meaning everywhere.
//
// Under Emscripten with -msimd128 each function is one WebAssembly SIMD128 instruction. Everywhere
// else (native builds, the scalar wasm build) the same function is written with GCC/Clang vector
// extensions and compiles to SSE2 or to plain scalar code. Every operation is exactly rounded IEEE
// single precision with no fused multiply-add (builds pass -ffp-contract=off), so the native
// exhaustive tests check bit for bit what the browser computes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace elu::simd {

typedef float f32x4 __attribute__((vector_size(16)));
typedef int32_t i32x4 __attribute__((vector_size(16)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));

inline f32x4 splat(float v) { return f32x4{v, v, v, v}; }
inline i32x4 splat_i32(int32_t v) { return i32x4{v, v, v, v}; }

// Unaligned loads and stores (memcpy compiles to one v128.load / movups).
inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }

inline i32x4 as_i32(f32x4 v) { return (i32x4)v; }
inline f32x4 as_f32(i32x4 v) { return (f32x4)v; }
inline u32x4 bits(f32x4 v) { return (u32x4)v; }
inline f32x4 from_bits(u32x4 v) { return (f32x4)v; }

// Lane masks: all ones where the comparison holds, else all zeros (false for NaN).
inline i32x4 gt(f32x4 a, f32x4 b) { return a > b; }
inline i32x4 eq(f32x4 a, f32x4 b) { return a == b; }

// mask ? a : b, bit by bit (v128.bitselect).
inline f32x4 select(i32x4 mask, f32x4 a, f32x4 b) {
#if defined(__wasm_simd128__)
  return (f32x4)wasm_v128_bitselect((v128_t)a, (v128_t)b, (v128_t)mask);
#else
  return as_f32((as_i32(a) & mask) | (as_i32(b) & ~mask));
#endif
}

// Pseudo-max (f32x4.pmax): a < b ? b : a. A NaN in `a` is kept, a NaN in `b` is not.
inline f32x4 pmax(f32x4 a, f32x4 b) {
#if defined(__wasm_simd128__)
  return (f32x4)wasm_f32x4_pmax((v128_t)a, (v128_t)b);
#else
  return select(a < b, b, a);
#endif
}

// True if every lane of the mask is set (i32x4.all_true).
inline bool all_lanes(i32x4 mask) {
#if defined(__wasm_simd128__)
  return wasm_i32x4_all_true((v128_t)mask);
#else
  return (mask[0] & mask[1] & mask[2] & mask[3]) != 0;
#endif
}

// The same operations on one float, so that a kernel written once as a template over the lane type
// (float or f32x4) gives the scalar and the SIMD variant the same arithmetic, operation by operation.
inline uint32_t bits(float v) {
  uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}
inline float from_bits(uint32_t u) {
  float v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}
inline float select(bool mask, float a, float b) { return mask ? a : b; }
inline float pmax(float a, float b) { return a < b ? b : a; }

}  // namespace elu::simd
