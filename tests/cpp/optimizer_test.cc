// Tests for nn/optimizer.h on flat arrays, no network: each update rule against its formula in
// double, one step at a time from the float state (so that rounding does not accumulate), the
// regularization terms, Adam's bias correction under changing betas, and the finiteness check.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "elu_reference.h"
#include "nn/optimizer.h"

namespace {

using namespace elu::nn;
using elu::testing::to_bits;

// Random parameters and gradients over several magnitudes, with some exact zeros.
std::vector<float> RandomValues(std::mt19937& gen, size_t n) {
  std::uniform_real_distribution<float> mantissa(-1.0f, 1.0f);
  std::uniform_int_distribution<int> exponent(-12, 4);
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) {
    v[i] = i % 11 == 5 ? 0.0f : std::ldexp(mantissa(gen), exponent(gen));
  }
  return v;
}

// Tolerance of one float step against the same step in double. Each rule is a few float
// operations, each off by at most 2^-24 relative. The ones that form the change (Adam's: lr / c1
// and 1 / sqrt(c2) rounded to float, sqrt, the scaling, + eps, the quotient, the product: 7)
// err relative to the change; the final sum (and, in a moment, the products of the sum) relative
// to the result, at most 2 x 2^-24 of it where a moment barely changes. So: 2^-20 of the change
// (16 roundings, twice Adam's count) plus 2^-22 of the result.
double Tolerance(double before, double after) {
  return 0x1p-20 * std::fabs(after - before) + 0x1p-22 * std::fabs(after);
}

TEST(Optimizer, OptimizersFollowTheirUpdateRules) {
  constexpr size_t n = 301;  // not a multiple of any vector width
  std::mt19937 gen(1);
  const float lr = 0.05f, mu = 0.8f, eps = 1e-8f;
  for (const char* name : {"sgd", "momentum", "adam"}) {
    SCOPED_TRACE(name);
    const char kind = name[0];
    std::vector<float> w = RandomValues(gen, n), v(n, 0.0f), m1(n, 0.0f), m2(n, 0.0f);
    AdamPowers powers;
    // Betas that change between steps: the bias correction uses their running product.
    const float beta1s[] = {0.9f, 0.8f, 0.95f}, beta2s[] = {0.999f, 0.99f, 0.9f};
    double p1 = 1.0, p2 = 1.0;
    for (int step = 0; step < 3; ++step) {
      const std::vector<float> g = RandomValues(gen, n);
      const std::vector<float> w0 = w, v0 = v, m10 = m1, m20 = m2;
      const float b1 = beta1s[step], b2 = beta2s[step];
      if (kind == 's') sgd_step(w.data(), g.data(), n, lr);
      if (kind == 'm') momentum_step(w.data(), v.data(), g.data(), n, lr, mu);
      if (kind == 'a') {
        adam_step(w.data(), m1.data(), m2.data(), &powers, g.data(), n, lr, b1, b2, eps);
        p1 *= b1;
        p2 *= b2;
        EXPECT_EQ(powers.beta1, p1);  // the same products in double: exact
        EXPECT_EQ(powers.beta2, p2);
      }
      for (size_t i = 0; i < n; ++i) {
        double want = w0[i];
        if (kind == 's') {
          want -= double(lr) * g[i];
        } else if (kind == 'm') {
          const double vi = double(mu) * v0[i] + g[i];
          ASSERT_NEAR(v[i], vi, Tolerance(v0[i], vi)) << "step " << step << ", velocity " << i;
          want -= double(lr) * v[i];
        } else {
          const double a = double(b1) * m10[i] + (1.0 - b1) * g[i];
          const double b = double(b2) * m20[i] + (1.0 - b2) * double(g[i]) * g[i];
          ASSERT_NEAR(m1[i], a, Tolerance(m10[i], a)) << "step " << step << ", moment 1 " << i;
          ASSERT_NEAR(m2[i], b, Tolerance(m20[i], b)) << "step " << step << ", moment 2 " << i;
          const double mhat = double(m1[i]) / (1.0 - p1), vhat = double(m2[i]) / (1.0 - p2);
          want -= double(lr) * mhat / (std::sqrt(vhat) + eps);
        }
        ASSERT_NEAR(w[i], want, Tolerance(w0[i], want)) << "step " << step << ", parameter " << i;
      }
    }
  }
}

// Adam's first step moves every parameter with a nonzero gradient by about lr (m^ / sqrt(v^) is
// sign(g) at t = 1), whatever the gradient's scale.
TEST(Optimizer, AdamFirstStepIsTheLearningRate) {
  const std::vector<float> g = {1e-6f, -3.0f, 250.0f, -0.5f};
  std::vector<float> w(4, 1.0f), m1(4, 0.0f), m2(4, 0.0f);
  AdamPowers powers;
  adam_step(w.data(), m1.data(), m2.data(), &powers, g.data(), 4, 0.01f, 0.9f, 0.999f, 1e-8f);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(w[i], 1.0 - 0.01 * (g[i] > 0 ? 1 : -1), 1e-4) << i;
  }
}

// A moment that decays below FLT_MIN becomes exactly 0 instead of a subnormal that would stay
// (0.9 x the smallest subnormal rounds back to it) and slow every later step; normal moments and
// the step they make are untouched.
TEST(Optimizer, AdamFlushesMomentsBelowFloatMin) {
  const std::vector<float> g = {0.0f, 0.0f, 1e-20f, 0.5f};
  std::vector<float> w(4, 1.0f);
  std::vector<float> m1 = {1.05f * FLT_MIN, 0.5f, 0.0f, 0.0f};
  std::vector<float> m2 = {0.0f, 1.0005f * FLT_MIN, 0.0f, 0.0f};
  AdamPowers powers;
  adam_step(w.data(), m1.data(), m2.data(), &powers, g.data(), 4, 0.01f, 0.9f, 0.999f, 1e-8f);
  EXPECT_EQ(m1[0], 0.0f);                  // 0.9 x 1.05 FLT_MIN: subnormal, flushed
  EXPECT_EQ(m1[1], 0.9f * 0.5f);           // normal: as the rule says
  EXPECT_EQ(m2[1], 0.0f);                  // 0.999 x 1.0005 FLT_MIN: subnormal, flushed
  EXPECT_EQ(m1[2], (1.0f - 0.9f) * 1e-20f);  // a tiny gradient still counts in the first moment
  EXPECT_EQ(m2[2], 0.0f);                  // ... but 0.001 x 1e-40 is flushed
  EXPECT_EQ(m2[3], (1.0f - 0.999f) * (0.5f * 0.5f));
  for (float v : m1) EXPECT_TRUE(v == 0.0f || std::fabs(v) >= FLT_MIN) << v;
  for (float v : m2) EXPECT_TRUE(v == 0.0f || std::fabs(v) >= FLT_MIN) << v;
}

TEST(Optimizer, RegularizationTerms) {
  const std::vector<float> w = {0.5f, -2.0f, 1e-30f, -1e-30f, 3.0f};
  const std::vector<float> g0 = {0.1f, 0.2f, -0.3f, 0.4f, 0.0f};
  std::vector<float> g = g0;
  add_regularization(g.data(), w.data(), w.size(), Regularization::kL2, 0.05f);
  for (size_t i = 0; i < w.size(); ++i) EXPECT_EQ(g[i], g0[i] + 0.05f * w[i]) << i;
  g = g0;
  add_regularization(g.data(), w.data(), w.size(), Regularization::kL1, 0.05f);
  for (size_t i = 0; i < w.size(); ++i) EXPECT_EQ(g[i], g0[i] + (w[i] > 0 ? 0.05f : -0.05f)) << i;
  g = g0;
  add_regularization(g.data(), w.data(), w.size(), Regularization::kNone, 0.05f);
  for (size_t i = 0; i < w.size(); ++i) EXPECT_EQ(to_bits(g[i]), to_bits(g0[i])) << i;
}

// L1 at a weight that is exactly 0 (either sign), or NaN: the subgradient 0, not sign(0) = 1, so a
// weight at 0 stays at 0 under SGD when its loss gradient is 0.
TEST(Optimizer, L1SubgradientIsZeroAtZero) {
  const std::vector<float> w = {0.0f, -0.0f, std::numeric_limits<float>::quiet_NaN()};
  const std::vector<float> g0 = {0.25f, -0.75f, 1.5f};
  std::vector<float> g = g0;
  add_regularization(g.data(), w.data(), w.size(), Regularization::kL1, 0.1f);
  for (size_t i = 0; i < w.size(); ++i) EXPECT_EQ(to_bits(g[i]), to_bits(g0[i])) << i;

  std::vector<float> at_zero = {0.0f, 0.0f}, zero_grad = {0.0f, 0.0f};
  add_regularization(zero_grad.data(), at_zero.data(), 2, Regularization::kL1, 0.1f);
  sgd_step(at_zero.data(), zero_grad.data(), 2, 0.5f);
  EXPECT_EQ(at_zero[0], 0.0f);
  EXPECT_EQ(at_zero[1], 0.0f);
}

TEST(Optimizer, AllFinite) {
  std::vector<float> v = {0.0f, -0.0f, FLT_MAX, -FLT_MAX, FLT_TRUE_MIN, 1.0f};
  EXPECT_TRUE(all_finite(v.data(), v.size()));
  EXPECT_TRUE(all_finite(v.data(), 0));
  for (float bad : {INFINITY, -INFINITY, std::numeric_limits<float>::quiet_NaN()}) {
    for (size_t at = 0; at < v.size(); ++at) {
      std::vector<float> u = v;
      u[at] = bad;
      EXPECT_FALSE(all_finite(u.data(), u.size())) << bad << " at " << at;
      EXPECT_TRUE(all_finite(u.data(), at)) << "only the values before " << at;
    }
  }
}

}  // namespace
