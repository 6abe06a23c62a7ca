// The update rules of optimizer.h.
#include "nn/optimizer.h"

#include <cfloat>
#include <cmath>
#include <cstdint>

namespace elu::nn {

void add_regularization(float* g, const float* w, size_t n, Regularization kind, float rate) {
  for (size_t i = 0; i < n; ++i) {
    if (kind == Regularization::kL2) {
      g[i] += rate * w[i];
    } else if (kind == Regularization::kL1) {
      g[i] += w[i] > 0.0f ? rate : (w[i] < 0.0f ? -rate : 0.0f);
    }
  }
}

void sgd_step(float* w, const float* g, size_t n, float lr) {
  for (size_t i = 0; i < n; ++i) w[i] -= lr * g[i];
}

void momentum_step(float* w, float* v, const float* g, size_t n, float lr, float momentum) {
  for (size_t i = 0; i < n; ++i) {
    v[i] = momentum * v[i] + g[i];
    w[i] -= lr * v[i];
  }
}

void adam_step(float* w, float* m1, float* m2, AdamPowers* powers, const float* g, size_t n,
               float lr, float beta1, float beta2, float epsilon) {
  powers->beta1 *= double(beta1);
  powers->beta2 *= double(beta2);
  const double c1 = 1.0 - powers->beta1, c2 = 1.0 - powers->beta2;
  const float step = float(double(lr) / c1), inv_sqrt_c2 = float(1.0 / std::sqrt(c2));
  // The moments are flushed to zero below FLT_MIN: once a parameter's gradient stays 0 (a dead
  // unit, a converged weight), m1 and m2 decay geometrically into the subnormals and stay there
  // (0.9 x the smallest subnormal rounds back to it), and every later step would pay for
  // subnormal arithmetic, which x86 runs in microcode (wasm has no flush-to-zero mode). The
  // update changes by at most lr * FLT_MIN / epsilon (~1e-30 lr), below a float's resolution of
  // any weight larger than ~1e-23.
  auto flush = [](float v) { return std::fabs(v) < FLT_MIN ? 0.0f : v; };
  for (size_t i = 0; i < n; ++i) {
    m1[i] = flush(beta1 * m1[i] + (1.0f - beta1) * g[i]);
    m2[i] = flush(beta2 * m2[i] + (1.0f - beta2) * (g[i] * g[i]));
    w[i] -= step * m1[i] / (std::sqrt(m2[i]) * inv_sqrt_c2 + epsilon);
  }
}

bool all_finite(const float* x, size_t n) {
  uint32_t bad = 0;
  for (size_t i = 0; i < n; ++i) bad |= uint32_t(!(std::fabs(x[i]) <= FLT_MAX));
  return bad == 0;
}

}  // namespace elu::nn
