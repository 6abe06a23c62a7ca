// ELU kernels: every variant in elu.inc, and the variant each build uses in production.
//
// Shapes: x, y, dy, dx are arrays of n floats; y may alias x, dx may alias x, y or dy (each element is
// read before its result is written). Any n works, including 0; no alignment is required.
// Tail strategy: the SIMD variants run the last n % 4 elements through the same vector arithmetic on
// a zero-padded copy, so every element of every n gets exactly the same computation.
// Accuracy: see elu_math.h.
#pragma once

#include <cstddef>

namespace elu::kernels {

using EluFwdFn = void (*)(size_t n, const float* x, float* y, float alpha);
using EluBwdFn = void (*)(size_t n, const float* x, const float* dy, float* dx, float alpha);
using EluBwdyFn = void (*)(size_t n, const float* y, const float* dy, float* dx, float alpha);

#define ELU_DECLARE_fwd(name) void name(size_t n, const float* x, float* y, float alpha);
#define ELU_DECLARE_bwd(name) \
  void name(size_t n, const float* x, const float* dy, float* dx, float alpha);
#define ELU_DECLARE_bwdy(name) \
  void name(size_t n, const float* y, const float* dy, float* dx, float alpha);
#define ELU_VARIANT(op, name, tile) ELU_DECLARE_##op(name)
#include "elu.inc"
#undef ELU_VARIANT
#undef ELU_DECLARE_fwd
#undef ELU_DECLARE_bwd
#undef ELU_DECLARE_bwdy

// The production choice: SIMD128 where the target has it (wasm -msimd128; SSE2 natively), scalar else.
#if defined(__wasm_simd128__) || (!defined(__wasm__) && (defined(__SSE2__) || defined(__ARM_NEON)))
#define ELU_KERNELS_SIMD 1
inline constexpr EluFwdFn elu_forward = f32_elu_fwd__simd128_u16;
inline constexpr EluBwdFn elu_backward = f32_elu_bwd__simd128_u8;
inline constexpr EluBwdyFn elu_backward_from_output = f32_elu_bwdy__simd128_u8;
#else
#define ELU_KERNELS_SIMD 0
inline constexpr EluFwdFn elu_forward = f32_elu_fwd__scalar_u4;
inline constexpr EluBwdFn elu_backward = f32_elu_bwd__scalar_u1;
inline constexpr EluBwdyFn elu_backward_from_output = f32_elu_bwdy__scalar_u1;
#endif

}  // namespace elu::kernels

namespace elu::kernels {

// The list as data, for the benchmarks (native and wasm).
struct EluVariant {
  const char* op;    // "fwd", "bwd" or "bwdy"
  const char* name;
  size_t tile;
  void* fn;          // EluFwdFn, EluBwdFn or EluBwdyFn according to op
};

inline const EluVariant kEluVariants[] = {
#define ELU_VARIANT(op, name, tile) {#op, #name, tile, reinterpret_cast<void*>(&name)},
#include "elu.inc"
#undef ELU_VARIANT
};

}  // namespace elu::kernels
