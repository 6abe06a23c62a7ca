#include "nn/bce.h"

#include <cstring>

#include "kernels/elu_math.h"
#include "kernels/simd128.h"

namespace elu::nn {

namespace {

using simd::f32x4;

// log1p(e) for e in [0, 1] (or NaN): 2 atanh(s) = 2 (s + s^3/3 + ... + s^13/13) with
// s = e / (2 + e) in [0, 1/3]; the first term left out, s^15/15, is below 2^-26 relative.
f32x4 log1p_unit(f32x4 e) {
  const f32x4 s = e / (e + 2.0f);
  const f32x4 s2 = s * s;
  f32x4 sum = simd::splat(1.0f / 13.0f);
  sum = sum * s2 + 1.0f / 11.0f;
  sum = sum * s2 + 1.0f / 9.0f;
  sum = sum * s2 + 1.0f / 7.0f;
  sum = sum * s2 + 1.0f / 5.0f;
  sum = sum * s2 + 1.0f / 3.0f;
  const f32x4 two_s = s + s;
  return two_s + two_s * (s2 * sum);
}

}  // namespace

double bce_with_logits(size_t m, const float* z, const float* y, float scale, float* dz) {
  const kernels::math::Constants<f32x4> k = kernels::math::load_constants<f32x4>();
  const f32x4 one = simd::splat(1.0f), zero = simd::splat(0.0f);
  double loss = 0.0;
  for (size_t i = 0; i < m; i += 4) {
    const size_t lanes = m - i < 4 ? m - i : 4;
    float yb[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    std::memcpy(yb, y + i, lanes * sizeof(float));
    const f32x4 vz = simd::load(z + i), vy = simd::load(yb);
    // exp(-|z|) as the kernels compute exp(x) for x <= 0: dx = dy * alpha * exp(x) at dy = alpha = 1.
    const f32x4 minus_abs = simd::from_bits(simd::bits(vz) | 0x80000000u);
    const f32x4 e = kernels::math::elu_backward(minus_abs, one, one, k);
    const f32x4 p = simd::select(vz >= zero, one, e) / (one + e);
    const f32x4 l = (simd::pmax(vz, zero) - vz * vy) + log1p_unit(e);
    const f32x4 d = (p - vy) * scale;
    float lb[4], db[4];
    simd::store(lb, l);
    simd::store(db, d);
    for (size_t q = 0; q < lanes; ++q) loss += double(lb[q]);
    for (size_t q = 0; q < 4; ++q) dz[i + q] = q < lanes ? db[q] : 0.0f;
  }
  return loss;
}

}  // namespace elu::nn
