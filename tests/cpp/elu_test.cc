// Edge cases for every ELU kernel variant in kernels/elu.inc: lengths 0 .. 3 tiles + remainders,
// in place, several alphas, special values (see elu_tester.h), plus exact special-value checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "elu_tester.h"

using namespace elu::kernels;
using elu::testing::EluTester;
using elu::testing::elu_backward_ref;
using elu::testing::to_bits;
using elu::testing::ulp_error;

namespace {

const float kAlphas[] = {1.0f, 0.1f, 0.5f, 2.0f, 3.0f, 1.37f, 0.0f, -1.0f, -0.3f};

// The accuracy contract of elu_math.h.
double ForwardUlps(float alpha) { return alpha == 1.0f ? 1.0 : 1.5; }
constexpr double kBackwardUlps = 2.0;
constexpr double kBackwardFromOutputUlps = 1.5;

// Runs `test(tester, max_ulps)` over lengths 0 .. 3 tiles + 3, in and out of place, every alpha.
template <class Test>
void Sweep(size_t tile, double (*ulps)(float), bool nonnegative_alpha_only, Test test) {
  for (float alpha : kAlphas) {
    if (nonnegative_alpha_only && alpha < 0) continue;
    for (size_t n = 0; n <= 3 * tile + 3; ++n) {
      for (bool inplace : {false, true}) {
        EluTester t;
        t.batch(n).alpha(alpha).inplace(inplace);
        test(t, ulps(alpha));
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
    EluTester t;
    t.batch(4099).alpha(alpha);
    test(t, ulps(alpha));
  }
}

double BackwardUlps(float) { return kBackwardUlps; }
double BackwardFromOutputUlps(float) { return kBackwardFromOutputUlps; }

}  // namespace

#define ELU_TEST_fwd(name, tile)                                          \
  TEST(EluKernel, name) {                                                 \
    Sweep(tile, ForwardUlps, false,                                       \
          [](EluTester& t, double u) { t.TestForward(name, u); });        \
  }
#define ELU_TEST_bwd(name, tile)                                          \
  TEST(EluKernel, name) {                                                 \
    Sweep(tile, BackwardUlps, false,                                      \
          [](EluTester& t, double u) { t.TestBackward(name, u); });       \
  }
// The from-output form is defined for alpha >= 0 only (as in PyTorch).
#define ELU_TEST_bwdy(name, tile)                                         \
  TEST(EluKernel, name) {                                                 \
    Sweep(tile, BackwardFromOutputUlps, true,                             \
          [](EluTester& t, double u) { t.TestBackwardFromOutput(name, u); }); \
  }
#define ELU_VARIANT(op, name, tile) ELU_TEST_##op(name, tile)
#include "kernels/elu.inc"
#undef ELU_VARIANT

// Backward from the input for any finite dy and alpha (the two-product path of elu_math.h): seeded
// random alphas and dys over many binades, both signs (|dy * alpha| over the whole float range and
// down to the subnormals), x over [-87.34, 0] and a little above; plus lanes whose result lands in
// the lowest binades (and below: subnormal results, compared in units of 2^-149). Every variant of
// elu.inc against the double reference, <= 2 ULP (dy * alpha * 0 where exp(x) is not normal), and
// bit for bit against the scalar variant.
TEST(EluBackwardAccuracy, AnyDyAndAlphaWithinTwoUlps) {
  std::mt19937 rng(20240611);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto sign = [&] { return unit(rng) < 0.5 ? -1.0 : 1.0; };
  auto binade = [&](int lo, int hi) {  // +-m * 2^e, m in [1, 2), e in [lo, hi]
    return float(sign() * std::ldexp(1.0 + unit(rng), lo + int(unit(rng) * (hi - lo + 1))));
  };
  const float cutoff = math::c::kExpCutoff;
  // Fixed alphas (0.1 and 3 as documented, fast-path powers of two and zeros, |alpha| below the
  // scaling threshold), then random ones over alpha's whole normal range.
  std::vector<float> alphas = {0.1f, 3.0f, 1.37f, -0.3f, 1.0f, -2.0f, 0.0f, -0.0f, 0x1p-122f,
                               -0x1.5p-125f, 0x1.fa4p-133f, -0x1.3p-141f};
  while (alphas.size() < 160) alphas.push_back(binade(-126, 126));
  constexpr size_t kN = 4096;
  std::vector<float> x(kN), dy(kN), dx(kN);
  double worst = 0;
  std::array<float, 3> worst_at{};  // x, dy, alpha
#define ELU_SWEEP_bwd(name) {#name, name},
#define ELU_SWEEP_fwd(name)
#define ELU_SWEEP_bwdy(name)
#define ELU_VARIANT(op, name, tile) ELU_SWEEP_##op(name)
  const std::pair<const char*, EluBwdFn> variants[] = {
#include "kernels/elu.inc"
  };
#undef ELU_VARIANT
#undef ELU_SWEEP_bwd
#undef ELU_SWEEP_fwd
#undef ELU_SWEEP_bwdy
  for (float alpha : alphas) {
    int ea;
    std::frexp(alpha, &ea);
    // |dy * alpha| in [2^-149, 2^127): dy's exponent follows alpha's.
    const int lo = std::max(-149, -150 - ea), hi = std::min(126, 126 - ea);
    for (size_t i = 0; i < kN; ++i) {
      x[i] = unit(rng) < 0.02 ? float(unit(rng) * 4.0) : float(unit(rng) * (cutoff - 1.0f));
      if (i % 4 == 3) {
        // Result near the bottom of the float range: 2^-152 .. 2^-116.
        const double want = std::ldexp(1.0 + unit(rng), -152 + int(unit(rng) * 36));
        dy[i] = float(sign() * want / std::exp(double(x[i])) / std::fabs(double(alpha)));
      } else {
        dy[i] = i % 4 == 2 ? float(-40.0 + 80.0 * unit(rng)) : binade(lo, hi);
      }
      if (!std::isfinite(dy[i]) || !(std::fabs(double(dy[i]) * alpha) <= FLT_MAX)) dy[i] = 1.0f;
    }
    std::vector<float> scalar(kN);
    f32_elu_bwd__scalar_u1(kN, x.data(), dy.data(), scalar.data(), alpha);
    for (const auto& [name, fn] : variants) {
      fn(kN, x.data(), dy.data(), dx.data(), alpha);
      for (size_t i = 0; i < kN; ++i) {
        // The same operations in the same order in every variant: the same bits.
        ASSERT_EQ(to_bits(dx[i]), to_bits(scalar[i])) << name << std::hexfloat << " x=" << x[i]
                                                      << " dy=" << dy[i] << " alpha=" << alpha;
        const double want = x[i] < cutoff ? double(dy[i]) * alpha * 0.0
                                          : elu_backward_ref(x[i], dy[i], alpha);
        const double err = ulp_error(dx[i], want);
        if (err > worst) {
          worst = err;
          worst_at = {x[i], dy[i], alpha};
        }
        ASSERT_LE(err, kBackwardUlps) << name << std::hexfloat << " x=" << x[i] << " dy=" << dy[i]
                                      << " alpha=" << alpha << " got " << dx[i] << " want " << want;
        if (want == 0.0) {
          ASSERT_EQ(std::signbit(dx[i]), std::signbit(want)) << name << " x=" << x[i];
        }
      }
    }
  }
  std::printf("ELU backward, random dy and alpha (%zu alphas x %zu): max error %.4f ULP at x = %a,"
              " dy = %a, alpha = %a\n",
              alphas.size(), kN, worst, worst_at[0], worst_at[1], worst_at[2]);
}

// Found by tests/fuzz/kernels_fuzz: a subnormal alpha and a subnormal result (2.04 ULP before
// alphas below 2^-124 were scaled up by 2^64 rather than left unscaled).
TEST(EluBackwardAccuracy, SubnormalAlphaWithinTwoUlps) {
  const float x = -0x1.62eb1cp-2f, dy = 0x1.597cfcp+4f, alpha = 0x1.fa4p-133f;
  for (size_t n : {size_t(1), size_t(4), size_t(37)}) {  // the tail, one vector, unrolled tiles
    std::vector<float> xs(n, x), dys(n, dy), dx(n);
    elu_backward(n, xs.data(), dys.data(), dx.data(), alpha);
    for (float v : dx) {
      EXPECT_LE(ulp_error(v, elu_backward_ref(x, dy, alpha)), kBackwardUlps) << std::hexfloat << v;
    }
  }
}

// The backward cutoff is where exp(x) stops being a normal float, computed here in double rather
// than read from the constant; at and just above it every variant gives alpha * exp(x) (<= 2 ULP),
// just below it dy * alpha * 0.
TEST(EluBackwardAccuracy, ExpCutoffIsWhereExpLeavesTheNormalRange) {
  const float cutoff = math::c::kExpCutoff;
  const float below = std::nextafter(cutoff, -INFINITY);
  EXPECT_GE(std::exp(double(cutoff)), 0x1p-126) << std::hexfloat << cutoff;
  EXPECT_LT(std::exp(double(below)), 0x1p-126) << std::hexfloat << below;
  std::vector<float> x;
  for (float v = cutoff, k = 0; k < 8; ++k, v = std::nextafter(v, 0.0f)) x.push_back(v);
  x.push_back(below);
  x.push_back(std::nextafter(below, -INFINITY));
  const std::vector<float> dy(x.size(), 1.0f);
  std::vector<float> dx(x.size());
  for (const auto& v : kEluVariants) {
    if (std::string(v.op) != "bwd") continue;
    for (float alpha : {1.0f, 3.0f, 0.1f}) {
      reinterpret_cast<EluBwdFn>(v.fn)(x.size(), x.data(), dy.data(), dx.data(), alpha);
      for (size_t i = 0; i < x.size(); ++i) {
        const bool normal = std::exp(double(x[i])) >= 0x1p-126;
        const double want = normal ? elu_backward_ref(x[i], dy[i], alpha) : 0.0;
        EXPECT_LE(ulp_error(dx[i], want), kBackwardUlps)
            << v.name << std::hexfloat << " x=" << x[i] << " alpha=" << alpha << " got " << dx[i];
        if (!normal) {
          EXPECT_EQ(dx[i], 0.0f) << v.name << std::hexfloat << " x=" << x[i];
        }
      }
    }
  }
}

// Exact values the contract names, through the production kernel.
TEST(EluSpecials, ExactValues) {
  const float alpha = 1.5f;
  const std::vector<float> x = {0.0f, -0.0f, NAN, -INFINITY, INFINITY, FLT_TRUE_MIN, 5.0f, -100.0f};
  std::vector<float> y(x.size());
  elu_forward(x.size(), x.data(), y.data(), alpha);
  EXPECT_EQ(to_bits(y[0]), to_bits(0.0f));
  EXPECT_EQ(to_bits(y[1]), to_bits(-0.0f));
  EXPECT_TRUE(std::isnan(y[2]));
  EXPECT_EQ(y[3], -alpha);
  EXPECT_EQ(y[4], INFINITY);
  EXPECT_EQ(to_bits(y[5]), to_bits(FLT_TRUE_MIN));
  EXPECT_EQ(y[6], 5.0f);
  EXPECT_EQ(y[7], -alpha);
}

TEST(EluSpecials, AlphaZeroIsReluWithNegativeZero) {
  std::vector<float> x = {-3.0f, -1e-40f, -0.0f, 0.0f, 2.0f, -INFINITY};
  std::vector<float> y(x.size());
  elu_forward(x.size(), x.data(), y.data(), 0.0f);
  EXPECT_EQ(to_bits(y[0]), to_bits(-0.0f));
  EXPECT_EQ(to_bits(y[1]), to_bits(-0.0f));
  EXPECT_EQ(to_bits(y[2]), to_bits(-0.0f));
  EXPECT_EQ(to_bits(y[3]), to_bits(0.0f));
  EXPECT_EQ(y[4], 2.0f);
  EXPECT_EQ(to_bits(y[5]), to_bits(-0.0f));
}

TEST(EluSpecials, NegativeAlphaFlipsTheNegativeBranch) {
  std::vector<float> x = {-1.0f, -INFINITY, -0.0f, 1.0f};
  std::vector<float> y(x.size());
  elu_forward(x.size(), x.data(), y.data(), -2.0f);
  EXPECT_NEAR(y[0], -2.0 * std::expm1(-1.0), 1e-6);
  EXPECT_EQ(y[1], 2.0f);
  EXPECT_EQ(to_bits(y[2]), to_bits(0.0f));  // -2 * -0 = +0
  EXPECT_EQ(y[3], 1.0f);
}

TEST(EluSpecials, BackwardValues) {
  const float alpha = 2.0f;
  std::vector<float> x = {3.0f, 0.0f, -0.0f, -1.0f, -INFINITY, NAN};
  std::vector<float> dy = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
  std::vector<float> dx(x.size());
  elu_backward(x.size(), x.data(), dy.data(), dx.data(), alpha);
  EXPECT_EQ(dx[0], 0.5f);
  EXPECT_EQ(dx[1], 1.0f);  // PyTorch: x <= 0 takes the exponential branch
  EXPECT_EQ(dx[2], 1.0f);
  EXPECT_NEAR(dx[3], std::exp(-1.0), 1e-7);
  EXPECT_EQ(dx[4], 0.0f);
  EXPECT_TRUE(std::isnan(dx[5]));
}

TEST(EluSpecials, BackwardFromOutputMatchesBackwardFromInput) {
  // For alpha >= 0, y + alpha == alpha * exp(x) where x <= 0: the two backward forms agree.
  const float alpha = 1.0f;
  std::vector<float> x, dy;
  for (float v = -10.0f; v <= 3.0f; v += 0.013f) {
    x.push_back(v);
    dy.push_back(1.0f - 0.1f * v);
  }
  std::vector<float> y(x.size()), a(x.size()), b(x.size());
  elu_forward(x.size(), x.data(), y.data(), alpha);
  elu_backward(x.size(), x.data(), dy.data(), a.data(), alpha);
  elu_backward_from_output(x.size(), y.data(), dy.data(), b.data(), alpha);
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(a[i], b[i], 4e-7 * std::fabs(dy[i])) << x[i];
}

TEST(EluSpecials, ProductionChoiceIsListed) {
#if ELU_KERNELS_SIMD
  EXPECT_EQ(elu_forward, &f32_elu_fwd__simd128_u16);
#else
  EXPECT_EQ(elu_forward, &f32_elu_fwd__scalar_u4);
#endif
}

// ---- Strided sweeps: the contract over a sample of every range, in the quick loop --------------
//
// The 2^32 sweeps of elu_exhaustive_test.cc (ctest -L exhaustive) take minutes; these take every
// k-th float bit pattern of a range (a few million inputs) through the production kernel, so that
// a regression that pushes a few thousandths of a percent of the inputs past the contract's bound
// fails here too (e.g. a typo in one constant of the exp polynomial, kQ2 off by 2^-15 in its
// significand: up to 1.31 ULP at alpha 1, on 0.17% of the floats of [-0.35, -0.125] and a few
// elsewhere; 74 of the 4.3 million inputs below).

namespace {

struct SweepResult {
  double worst = 0;
  float at = 0;
  size_t over = 0, count = 0;
};

// Runs fn over the bit patterns first, first + stride, ... <= last (in blocks) and compares each
// result with want(x) at `max_ulps`, zeros also by their sign.
template <class Fn, class Want>
SweepResult SweepBits(uint32_t first, uint32_t last, uint32_t stride, double max_ulps, Fn fn,
                      Want want) {
  constexpr size_t kBlock = 4096;
  std::vector<float> x(kBlock), y(kBlock);
  SweepResult r;
  for (uint64_t b = first; b <= last;) {
    size_t m = 0;
    for (; m < kBlock && b <= last; ++m, b += stride) x[m] = elu::testing::from_bits(uint32_t(b));
    fn(m, x.data(), y.data());
    for (size_t i = 0; i < m; ++i) {
      const double ref = want(x[i]);
      double e = ulp_error(y[i], ref);
      if (ref == 0.0 && std::signbit(y[i]) != std::signbit(ref)) e = INFINITY;
      if (e > r.worst) {
        r.worst = e;
        r.at = x[i];
      }
      r.over += e > max_ulps;
    }
    r.count += m;
  }
  return r;
}

}  // namespace

// Every 257th negative float from -0 down to -20 (past the saturation point) at alpha 1 (4.3
// million inputs), every 2053rd at the other alphas of the contract (fast path 0.5, general 0.1
// and 3).
TEST(EluSweep, ForwardEveryKthNegativeFloatWithinContract) {
  struct Case {
    float alpha;
    uint32_t stride;
  };
  for (const Case& c : {Case{1.0f, 257}, Case{0.5f, 2053}, Case{0.1f, 2053}, Case{3.0f, 2053}}) {
    const float alpha = c.alpha;
    const SweepResult r = SweepBits(
        0x80000000u, to_bits(-20.0f), c.stride, ForwardUlps(alpha),
        [&](size_t m, const float* x, float* y) { elu_forward(m, x, y, alpha); },
        [&](float x) { return elu::testing::elu_ref(x, alpha); });
    EXPECT_LE(r.worst, ForwardUlps(alpha))
        << "alpha " << alpha << ": " << r.over << " of " << r.count
        << " inputs over the bound, worst at x = " << std::hexfloat << r.at;
  }
}

// The tiny-input branch of the general-alpha path (alpha * x where |x| < 2^-25, elu_math.h):
// every float within 4096 ULP of the cutoff -2^-25, and every 127th float of the binades around
// it (2^-28 <= |x| <= 2^-19), for general alphas of both signs and for alpha 1. The cutoff taken
// a few binades higher (alpha * x where expm1(x) differs from x by more than a rounding: 2 ULP at
// |x| = 2^-23 with the cutoff at -2^-22) fails here.
TEST(EluSweep, TinyInputsAroundTheCutoffWithinContract) {
  const uint32_t cutoff = to_bits(-0x1p-25f);
  for (float alpha : {0.1f, 3.0f, 1.37f, -0.3f, 1.0f}) {
    const auto fn = [&](size_t m, const float* x, float* y) { elu_forward(m, x, y, alpha); };
    const auto want = [&](float x) { return elu::testing::elu_ref(x, alpha); };
    for (const SweepResult& r :
         {SweepBits(cutoff - 4096, cutoff + 4096, 1, ForwardUlps(alpha), fn, want),
          SweepBits(to_bits(-0x1p-28f), to_bits(-0x1p-19f), 127, ForwardUlps(alpha), fn, want)}) {
      EXPECT_LE(r.worst, ForwardUlps(alpha))
          << "alpha " << alpha << ": " << r.over << " of " << r.count
          << " inputs over the bound, worst at x = " << std::hexfloat << r.at;
    }
  }
}

// Where the backward contract changes, taken from its text rather than from the kernel's constant
// (EluTester and the exhaustive sweep read kExpCutoff, so they move with it): every float of
// [-88, -86.5] for two alphas (fast and general path) and two dys. Within 2 ULP of
// dy * alpha * exp(x) where exp(x) is a normal float; below, off by at most |dy * alpha| * 2^-126.
TEST(EluBackwardAccuracy, ExpCutoffWhereTheContractPutsIt) {
  std::vector<float> x;
  for (uint32_t b = to_bits(-86.5f); b <= to_bits(-88.0f); ++b) {
    x.push_back(elu::testing::from_bits(b));
  }
  std::vector<float> dys(x.size()), dx(x.size());
  for (float alpha : {1.0f, 0.3f}) {
    for (float dy : {1.0f, -2.5f}) {
      std::fill(dys.begin(), dys.end(), dy);
      elu_backward(x.size(), x.data(), dys.data(), dx.data(), alpha);
      SweepResult normal, below;
      for (size_t i = 0; i < x.size(); ++i) {
        const double ref = elu_backward_ref(x[i], dy, alpha);
        if (std::exp(double(x[i])) >= 0x1p-126) {
          const double e = ulp_error(dx[i], ref);
          if (e > normal.worst) normal = {e, x[i], 0, 0};
        } else {
          const double bound = std::fabs(double(dy) * alpha) * 0x1p-126;
          const double e = std::fabs(double(dx[i]) - ref) / bound;
          if (e > below.worst) below = {e, x[i], 0, 0};
        }
      }
      EXPECT_LE(normal.worst, kBackwardUlps)
          << "alpha " << alpha << " dy " << dy << ": worst at x = " << std::hexfloat << normal.at;
      EXPECT_LE(below.worst, 1.0)
          << "alpha " << alpha << " dy " << dy << ": worst at x = " << std::hexfloat << below.at;
    }
  }
}
