// ELU kernels: every variant in elu.inc, and the variant each build uses in production.
//
// Shapes: x, y, dy, dx are arrays of n floats; y may alias x, dx may alias x, y or dy (each element is
// read before its result is written). Any n works, including 0; no alignment is required.
// Tail strategy: the SIMD variants run the last n % 4 elements through the same vector arithmetic on
// a zero-padded copy, so every element of every n gets exactly the same computation.
// Every variant of one op computes the same bits (the arithmetic is elu_math.h, written once), so
// the cards below hold for all of them. Errors are against the exact function of the float inputs;
// measured maxima: ACCURACY.md.
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

// elu_forward: y = x > 0 ? x : alpha * expm1(x).                     SIMD128: 4 lanes, 16 per loop.
//   Max error: 1 ULP at alpha = 1, 1.5 ULP for other alphas (all 2^32 x checked at 1, .1, .5, 2, 3).
//   Valid: any x, any finite alpha (negative alpha allowed; alpha = 0 is ReLU).
//   Exact: x > 0 (subnormals too) -> x; +-0 -> alpha * +-0; -inf -> -alpha; NaN -> NaN;
//          alpha = 0 and x < 0 -> -0.
//   vs PyTorch (torch.nn.functional.elu): ELU(-0) = -0 here, +0 there.
//
// elu_backward: dx = dy * (x > 0 ? 1 : alpha * exp(x)), PyTorch's elu backward.  4 lanes, 8 per loop.
//   Max error: 2 ULP against dy * alpha * exp(x) where exp(x) is a normal float (x >= -87.33654),
//     for any finite dy and alpha whose product is finite (subnormal results: units of 2^-149).
//   Below x = -87.33654 (math::c::kExpCutoff): dy * alpha * 0 (|error| <= |dy * alpha| * 2^-126).
//   Exact: x > 0 -> dy; dy * alpha = +-0 -> a zero of the product's sign; NaN in -> NaN.
//   Cost: alpha = +-0 or +-2^k takes the fast path (dy * alpha exact); any other alpha keeps
//     dy * alpha exact with a two-product (~0.7x the fast path's speed).
//
// elu_backward_from_output: dx = dy * (y > 0 ? 1 : y + alpha), y = ELU(x) (tfjs's EluGrad; in-place
//   training).                                                         4 lanes, 8 per loop.
//   Max error: 1.5 ULP against dy * (y + alpha) in double, alpha >= 0 (y as the forward pass
//     leaves it; the error of y itself is not counted).
//   Exact: y > 0 -> dy; NaN in -> NaN.

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
