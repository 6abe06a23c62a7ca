// SIMD128 ELU variants (4 lanes; unrolled 1, 2, 4 or 6 vectors per iteration). Written with the
// portable vector type of simd128.h: WebAssembly SIMD128 under em++ -msimd128, SSE2 natively.
#include <cstring>

#include "elu.h"
#include "elu_math.h"

namespace elu::kernels {
namespace {

using simd::f32x4;

// Loads the last n < 4 elements into a zero-padded vector and stores n lanes back.
inline f32x4 load_tail(const float* p, size_t n) {
  float buf[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  std::memcpy(buf, p, n * sizeof(float));
  return simd::load(buf);
}
inline void store_tail(float* p, f32x4 v, size_t n) {
  float buf[4];
  simd::store(buf, v);
  std::memcpy(p, buf, n * sizeof(float));
}

// One driver for all three ops: `op` maps one or two input vectors to the output vector.
template <size_t kVectors, class Op>
inline void unary(size_t n, const float* a, float* out, Op op) {
  constexpr size_t kTile = 4 * kVectors;
  size_t i = 0;
  for (; i + kTile <= n; i += kTile) {
    f32x4 v[kVectors];
    for (size_t k = 0; k < kVectors; ++k) v[k] = simd::load(a + i + 4 * k);
    for (size_t k = 0; k < kVectors; ++k) v[k] = op(v[k]);
    for (size_t k = 0; k < kVectors; ++k) simd::store(out + i + 4 * k, v[k]);
  }
  for (; i + 4 <= n; i += 4) simd::store(out + i, op(simd::load(a + i)));
  if (i < n) store_tail(out + i, op(load_tail(a + i, n - i)), n - i);
}

template <size_t kVectors, class Op>
inline void binary(size_t n, const float* a, const float* b, float* out, Op op) {
  constexpr size_t kTile = 4 * kVectors;
  size_t i = 0;
  for (; i + kTile <= n; i += kTile) {
    f32x4 va[kVectors], vb[kVectors];
    for (size_t k = 0; k < kVectors; ++k) va[k] = simd::load(a + i + 4 * k);
    for (size_t k = 0; k < kVectors; ++k) vb[k] = simd::load(b + i + 4 * k);
    for (size_t k = 0; k < kVectors; ++k) va[k] = op(va[k], vb[k]);
    for (size_t k = 0; k < kVectors; ++k) simd::store(out + i + 4 * k, va[k]);
  }
  for (; i + 4 <= n; i += 4) simd::store(out + i, op(simd::load(a + i), simd::load(b + i)));
  if (i < n) store_tail(out + i, op(load_tail(a + i, n - i), load_tail(b + i, n - i)), n - i);
}

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
