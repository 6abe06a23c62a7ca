// The losses of loss.h. Each point's loss is a float, summed in double in point order.
#include "nn/loss.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "kernels/elu_math.h"
#include "kernels/simd128.h"
#include "nn/dense.h"

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

// Mean squared error of the values p (1 row): 1/2 (p - y)^2 per point, dL/dp = p - y.
double mse(size_t m, const float* p, const float* y, float scale, float* dz) {
  double loss = 0.0;
  for (size_t i = 0; i < m; ++i) {
    const float e = p[i] - y[i];
    loss += 0.5 * double(e) * double(e);
    dz[i] = e * scale;
  }
  return loss;
}

// Cross-entropy of p = softmax(z): log(sum exp(z - max z)) - (z_c - max z), stable; the sum is
// 1 / p at the argmax (whose exp(z - max z) is 1), and p >= 1/k there, so the log of the sum is
// -log(p_max), with no exp to take again. dL/dz = p - onehot.
double softmax_cross_entropy(size_t k, size_t m, const float* z, const float* p, const float* y,
                             float scale, float* dz) {
  const size_t stride = padded(m);
  double loss = 0.0;
  for (size_t i = 0; i < m; ++i) {
    const float* zi = z + i;
    const float* pi = p + i;
    float* di = dz + i;
    const size_t c = class_index(y[i], k), top = argmax(zi, k, stride);
    loss += double(-std::log(pi[top * stride]) - (zi[c * stride] - zi[top * stride]));
    for (size_t j = 0; j < k; ++j) di[j * stride] = pi[j * stride] * scale;
    di[c * stride] = (pi[c * stride] - 1.0f) * scale;
  }
  return loss;
}

}  // namespace

void softmax(float* p, const float* z, size_t k, size_t m) {
  const size_t stride = padded(m);
  for (size_t i = 0; i < m; ++i) {
    const float* zi = z + i;
    float* pi = p + i;
    const float top = zi[argmax(zi, k, stride) * stride];
    float sum = 0.0f;
    for (size_t j = 0; j < k; ++j) sum += pi[j * stride] = std::exp(zi[j * stride] - top);
    for (size_t j = 0; j < k; ++j) pi[j * stride] /= sum;
  }
}

double bce_with_logits(size_t m, const float* z, const float* y, float scale, float* dz) {
  const kernels::math::Constants<f32x4> k = kernels::math::load_constants<f32x4>();
  const f32x4 one = simd::splat(1.0f), zero = simd::splat(0.0f);
  double loss = 0.0;
  for (size_t i = 0; i < m; i += 4) {
    const size_t lanes = m - i < 4 ? m - i : 4;
    float yb[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    std::memcpy(yb, y + i, lanes * sizeof(float));
    const f32x4 vz = simd::load(z + i), vy = simd::load(yb);
    const f32x4 minus_abs = simd::from_bits(simd::bits(vz) | 0x80000000u);
    const f32x4 e = kernels::math::exp_nonpositive(minus_abs, k);  // exp(-|z|)
    const f32x4 p = simd::select(vz >= zero, one, e) / (one + e);
    const f32x4 l = (simd::pmax(vz, zero) - vz * vy) + log1p_unit(e);
    // dL/dz, flushed to zero below FLT_MIN: a confidently right point (e near exp(-87)) would
    // otherwise send subnormals back through every layer, which x86 computes in microcode.
    const f32x4 d0 = (p - vy) * scale;
    const f32x4 d = simd::select(simd::from_bits(simd::bits(d0) & 0x7fffffffu) < simd::splat(FLT_MIN), zero, d0);
    float lb[4], db[4];
    simd::store(lb, l);
    simd::store(db, d);
    for (size_t q = 0; q < lanes; ++q) loss += double(lb[q]);
    for (size_t q = 0; q < 4; ++q) dz[i + q] = q < lanes ? db[q] : 0.0f;
  }
  return loss;
}

double output_loss(float* dz, const float* z, const float* p, const float* y, Task task, size_t k,
                   size_t m, float scale) {
  double loss;
  if (task == Task::kRegression) {
    loss = mse(m, p, y, scale, dz);
  } else if (k == 1) {
    loss = bce_with_logits(m, z, y, scale, dz);  // finite for every finite z
  } else {
    loss = softmax_cross_entropy(k, m, z, p, y, scale, dz);
  }
  // Zeros in the padding: dL/da there stays 0 (no stale values, no subnormal arithmetic).
  const size_t stride = padded(m);
  for (size_t j = 0; j < k; ++j) std::fill(dz + j * stride + m, dz + (j + 1) * stride, 0.0f);
  return loss;
}

}  // namespace elu::nn
