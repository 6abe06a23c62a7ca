// SIMD128 ELU variants (4 lanes; unrolled 1, 2, 4 or 6 vectors per iteration). Written with the
// portable vector type of simd128.h: WebAssembly SIMD128 under em++ -msimd128, SSE2 natively.
#include <cstring>

#include "elu.h"
#include "elu_math.h"
#include "simd_loops.h"

namespace elu::kernels {
namespace {

using simd::f32x4;
using simd::binary;
using simd::unary;

template <size_t kVectors>
inline void forward(size_t n, const float* x, float* y, float alpha) {
  const math::Constants<f32x4> k = math::load_constants<f32x4>();
  const math::Alpha<f32x4> a = math::make_alpha<f32x4>(alpha);
  if (math::alpha_is_fast(alpha)) {
    unary<kVectors>(n, x, y, [&](f32x4 v) { return math::elu_forward<true>(v, a, k); });
  } else {
    unary<kVectors>(n, x, y, [&](f32x4 v) { return math::elu_forward<false>(v, a, k); });
  }
}
template <size_t kVectors>
inline void backward(size_t n, const float* x, const float* dy, float* dx, float alpha) {
  const math::Constants<f32x4> k = math::load_constants<f32x4>();
  const math::BackwardAlpha<f32x4> a = math::make_backward_alpha<f32x4>(alpha);
  if (math::backward_alpha_is_fast(alpha)) {
    binary<kVectors>(n, x, dy, dx,
                     [&](f32x4 v, f32x4 d) { return math::elu_backward<true>(v, d, a, k); });
  } else {
    binary<kVectors>(n, x, dy, dx,
                     [&](f32x4 v, f32x4 d) { return math::elu_backward<false>(v, d, a, k); });
  }
}
template <size_t kVectors>
inline void backward_from_output(size_t n, const float* y, const float* dy, float* dx, float alpha) {
  const math::Constants<f32x4> k = math::load_constants<f32x4>();
  const f32x4 va = simd::splat(alpha);
  binary<kVectors>(n, y, dy, dx, [&](f32x4 v, f32x4 d) {
    return math::elu_backward_from_output(v, d, va, k);
  });
}

}  // namespace

void f32_elu_fwd__simd128_u4(size_t n, const float* x, float* y, float alpha) {
  forward<1>(n, x, y, alpha);
}
void f32_elu_fwd__simd128_u8(size_t n, const float* x, float* y, float alpha) {
  forward<2>(n, x, y, alpha);
}
void f32_elu_fwd__simd128_u16(size_t n, const float* x, float* y, float alpha) {
  forward<4>(n, x, y, alpha);
}
void f32_elu_fwd__simd128_u24(size_t n, const float* x, float* y, float alpha) {
  forward<6>(n, x, y, alpha);
}
void f32_elu_bwd__simd128_u4(size_t n, const float* x, const float* dy, float* dx, float alpha) {
  backward<1>(n, x, dy, dx, alpha);
}
void f32_elu_bwd__simd128_u8(size_t n, const float* x, const float* dy, float* dx, float alpha) {
  backward<2>(n, x, dy, dx, alpha);
}
void f32_elu_bwdy__simd128_u8(size_t n, const float* y, const float* dy, float* dx, float alpha) {
  backward_from_output<2>(n, y, dy, dx, alpha);
}

}  // namespace elu::kernels
