// Tests for kernels/activations.h: every activation's forward and derivative against plain
// double-precision references (with the tolerance of each activation stated in kCases), the
// references' derivatives against central finite differences, exact values at the special points,
// the names, aliasing and lengths (guard words catch writes past n).
// ACTIVATIONS_PRINT_MAX_ULPS=1 ./tests --gtest_filter='Activations*' prints the largest errors seen
// (native builds; the wasm runtime does not pass the environment through).
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "activation_reference.h"
#include "elu_reference.h"
#include "kernels/activations.h"
#include "kernels/elu.h"

using namespace elu::kernels;
using elu::testing::from_bits;
using elu::testing::to_bits;
using elu::testing::ulp_at;

namespace {

constexpr Activation kAll[] = {
    Activation::kRelu,  Activation::kLeakyRelu, Activation::kElu,      Activation::kCelu,
    Activation::kSelu,  Activation::kGelu,      Activation::kSilu,     Activation::kSoftplus,
    Activation::kTanh,  Activation::kSigmoid,   Activation::kLinear,
};

using elu::testing::kInf;
using elu::testing::kSeluAlpha;
using elu::testing::kSeluScale;
using elu::testing::RefForward;
constexpr double kSubnormalUlp = 0x1p-149;
constexpr double kPi = 3.14159265358979323846;


// f'(x), and the magnitude of its terms: the scale the float result can be accurate to, which is
// |f'| except where f' is a sum whose terms cancel (gelu', silu' near their zeros).
struct Deriv {
  double value, scale;
};

Deriv RefDerivative(Activation a, double alpha, double x) {
  if (a == Activation::kLinear) return {1, 1};
  if (std::isnan(x)) return {x, x};
  const auto plain = [](double v) { return Deriv{v, std::fabs(v)}; };
  switch (a) {
    case Activation::kRelu:
      return plain(x > 0 ? 1 : 0);
    case Activation::kLeakyRelu:
      return plain(x > 0 ? 1 : alpha);
    case Activation::kElu:
      return plain(x > 0 ? 1 : alpha * std::exp(x));
    case Activation::kCelu:
      return plain(x > 0 ? 1 : std::exp(x / alpha));
    case Activation::kSelu:
      return plain(kSeluScale * (x > 0 ? 1 : kSeluAlpha * std::exp(x)));
    case Activation::kGelu: {
      if (std::isinf(x)) return plain(x > 0 ? 1 : 0);
      // Phi(x) + x * phi(x).
      const double cdf = 0.5 * std::erfc(-x / std::sqrt(2.0));
      const double xpdf = x * std::exp(-0.5 * x * x) / std::sqrt(2 * kPi);
      return {cdf + xpdf, cdf + std::fabs(xpdf)};
    }
    case Activation::kSilu: {
      if (std::isinf(x)) return plain(x > 0 ? 1 : 0);
      // s + x * s * (1 - s), s = sigmoid(x), 1 - s = sigmoid(-x).
      const double s = 1 / (1 + std::exp(-x)), one_minus_s = 1 / (1 + std::exp(x));
      const double rest = x * s * one_minus_s;
      return {s + rest, s + std::fabs(rest)};
    }
    case Activation::kSoftplus:
      return plain(1 / (1 + std::exp(-x)));
    case Activation::kTanh: {
      const double c = std::cosh(x);  // 1 - tanh^2 would cancel for |x| > 10 even in double
      return plain(1 / (c * c));
    }
    case Activation::kSigmoid:
      return plain(1 / ((1 + std::exp(-x)) * (1 + std::exp(x))));  // s * (1 - s), no cancellation
    case Activation::kLinear:
      break;
  }
  return {NAN, NAN};
}

// ---- Cases and their tolerances -----------------------------------------------------------------

struct Case {
  Activation act;
  float alpha;
  // Contract: |got - ref| <= ulps * ULP(scale) + floor * 2^-149, where scale is |ref| for the
  // forward and the magnitude of the terms for f' (Deriv::scale), and ULP(scale) is the subnormal
  // spacing 2^-149 below the normal range. The limits are the largest errors measured over every
  // 251st float (ACCURACY.md), rounded up, plus about one ULP (ELU: see below). The floor is
  // used by ELU only.
  double fwd_ulps, fwd_floor;
  double bwd_ulps, bwd_floor;
  bool kink_at_zero;  // piecewise at 0: the finite difference test skips |x| < 2h
};

// ELU is the kernel of elu.h, whose accuracy elu_test.cc and elu_exhaustive_test.cc enforce
// (elu_math.h: forward 1 ULP at alpha = 1, else 1.5; backward 2 ULP where exp(x) is normal and
// dy * alpha * 0 below, an error up to |alpha| * 2^-126). Here a looser bound only checks the
// wiring, so that a change of that contract is caught there, not here.
constexpr double EluBackwardFloor(float alpha) { return (alpha < 0 ? -alpha : alpha) * 0x1p23; }

const Case kCases[] = {
    // activation, alpha, forward ULPs and floor, f' ULPs and floor, kink at 0
    {Activation::kRelu, 1.0f, 0, 0, 0, 0, true},
    {Activation::kLeakyRelu, 0.01f, 0.5, 0, 0, 0, true},
    {Activation::kLeakyRelu, 0.2f, 0.5, 0, 0, 0, true},
    {Activation::kLeakyRelu, 0.0f, 0.5, 0, 0, 0, true},
    {Activation::kElu, 1.0f, 3, 0, 3, EluBackwardFloor(1.0f), true},
    {Activation::kElu, 0.5f, 3, 0, 3, EluBackwardFloor(0.5f), true},
    {Activation::kElu, 2.0f, 3, 0, 3, EluBackwardFloor(2.0f), true},
    {Activation::kCelu, 1.0f, 4, 0, 2, 0, true},
    {Activation::kCelu, 0.5f, 4, 0, 2, 0, true},
    {Activation::kCelu, 2.5f, 4, 0, 2, 0, true},
    {Activation::kCelu, 0.1f, 4, 0, 2, 0, true},
    {Activation::kCelu, -0.7f, 4, 0, 2, 0, true},
    {Activation::kSelu, 1.0f, 3, 0, 3, 0, true},
    {Activation::kGelu, 1.0f, 5, 0, 5, 0, false},
    {Activation::kSilu, 1.0f, 4, 0, 5, 0, false},
    {Activation::kSoftplus, 1.0f, 3, 0, 3, 0, false},
    {Activation::kTanh, 1.0f, 3, 0, 5, 0, false},
    {Activation::kSigmoid, 1.0f, 3, 0, 5, 0, false},
    {Activation::kLinear, 1.0f, 0, 0, 0, 0, false},
};

std::string Label(const Case& c) {
  return std::string(activation_name(c.act)) + "(alpha=" + std::to_string(c.alpha) + ")";
}

// Error of `got` in ULPs of `scale` beyond the floor (<= 0 when within the floor); +inf when NaN
// does not meet NaN or an infinity is wrong. A finite ref beyond the float range must round to inf.
double ExcessUlps(float got, double ref, double scale, double floor) {
  constexpr double kOverflow = 0x1.ffffffp127;  // FLT_MAX + ULP/2: beyond, float rounds to inf
  if (std::isnan(ref)) return std::isnan(got) ? 0 : kInf;
  if (std::isnan(got)) return kInf;
  if (std::fabs(ref) >= kOverflow) ref = std::copysign(kInf, ref);
  if (std::isinf(ref) || std::isinf(got)) return double(got) == ref ? 0 : kInf;
  const double excess = std::fabs(double(got) - ref) - floor * kSubnormalUlp;
  return excess <= 0 ? 0 : excess / ulp_at(scale);
}

// ---- Inputs -------------------------------------------------------------------------------------

// [-20, 20]: 2^16 + 1 evenly spaced points (not dyadic), and the dyadic grid of step 2^-8.
std::vector<float> GridInputs() {
  std::vector<float> x;
  constexpr int kN = 1 << 16;
  for (int i = 0; i <= kN; ++i) x.push_back(float(-20.0 + 40.0 * i / kN));
  for (int i = -20 * 256; i <= 20 * 256; ++i) x.push_back(float(i) / 256.0f);
  return x;
}

// Every 65521st float bit pattern: both signs, every binade, subnormals, +-inf neighbours and NaNs.
std::vector<float> SweepInputs() {
  std::vector<float> x;
  for (uint64_t u = 0; u <= 0xFFFFFFFFu; u += 65521) x.push_back(from_bits(uint32_t(u)));
  return x;
}

std::vector<float> SpecialInputs() {
  // Zeros, infinities, NaNs, extremes, and the thresholds and tails of activations.cc.
  std::vector<float> x = {
      0.0f,    -0.0f,   INFINITY, -INFINITY, NAN,     -NAN,    FLT_MAX,      -FLT_MAX,
      1e30f,   -1e30f,  1e20f,    -1e20f,    1e10f,   -1e10f,  FLT_MIN,      -FLT_MIN,
      1e-30f,  -1e-30f, 16.0f,    -16.0f,    20.0f,   -20.0f,  FLT_TRUE_MIN, -FLT_TRUE_MIN,
      17.4f,   -17.4f,  87.3f,    -87.3f,    88.0f,   -88.0f,  20.000002f,   19.999998f,
      -88.8f,  -90.0f,  -91.8f,   -100.0f,   -103.9f, -104.0f, -110.0f,      -128.0f,
      -128.1f, 128.1f,  13.0f,    -13.0f,    -13.2f,  -13.3f,  -14.0f,       -15.0f,
      12.0f,   -12.0f,  9.0f,     -9.0f,     -0.75f,  -1.28f,  2.4f,         -2.4f,
      64.0f,   -64.0f,  -63.9f,   -64.1f};
  for (float v = -0.001f; v <= 0.001f; v += 0.0001f) x.push_back(v);
  return x;
}

std::vector<float> AllInputs() {
  std::vector<float> x = GridInputs(), s = SweepInputs(), t = SpecialInputs();
  x.insert(x.end(), s.begin(), s.end());
  x.insert(x.end(), t.begin(), t.end());
  return x;
}

std::vector<float> Forward(Activation a, float alpha, const std::vector<float>& x) {
  std::vector<float> y(x.size());
  activation_forward(a, ActivationParams{alpha}, x.size(), x.data(), y.data());
  return y;
}

// f'(x) through the backward pass: dx with dy = 1.
std::vector<float> Derivative(Activation a, float alpha, const std::vector<float>& x) {
  std::vector<float> ones(x.size(), 1.0f), dx(x.size());
  activation_backward(a, ActivationParams{alpha}, x.size(), x.data(), ones.data(), dx.data());
  return dx;
}

float ForwardOne(Activation a, float x, float alpha = 1.0f) {
  float y;
  activation_forward(a, ActivationParams{alpha}, 1, &x, &y);
  return y;
}

float DerivativeOne(Activation a, float x, float alpha = 1.0f) {
  const float dy = 1.0f;
  float dx;
  activation_backward(a, ActivationParams{alpha}, 1, &x, &dy, &dx);
  return dx;
}

// Same float: equal bits, or both NaN (a NaN's sign and payload are not portable: wasm leaves them
// unspecified, and they may differ between two runs of the same code).
bool Same(float a, float b) { return std::isnan(a) ? std::isnan(b) : to_bits(a) == to_bits(b); }

bool PrintMaxErrors() { return std::getenv("ACTIVATIONS_PRINT_MAX_ULPS") != nullptr; }

// Checks `got` against the reference over all inputs, reporting the worst element.
template <class Ref>
void ExpectWithin(const char* what, const Case& c, const std::vector<float>& x,
                  const std::vector<float>& got, double ulps, double floor, Ref ref) {
  double worst = 0;
  size_t worst_i = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const Deriv r = ref(x[i]);
    const double excess = ExcessUlps(got[i], r.value, r.scale, floor);
    if (excess > worst) {
      worst = excess;
      worst_i = i;
    }
  }
  if (PrintMaxErrors()) std::printf("%-28s %-8s max %.3f ULP\n", Label(c).c_str(), what, worst);
  const float xw = x[worst_i];
  EXPECT_LE(worst, ulps) << what << " of " << Label(c) << ": worst at x=" << xw << " ("
                         << std::hexfloat << xw << ") got " << got[worst_i] << " want "
                         << ref(xw).value;
}

}  // namespace

// ---- Accuracy against the references ------------------------------------------------------------

TEST(Activations, ForwardMatchesReference) {
  const std::vector<float> x = AllInputs();
  for (const Case& c : kCases) {
    const auto ref = [&](float v) {
      const double r = RefForward(c.act, c.alpha, v);
      return Deriv{r, std::fabs(r)};
    };
    ExpectWithin("forward", c, x, Forward(c.act, c.alpha, x), c.fwd_ulps, c.fwd_floor, ref);
  }
}

TEST(Activations, DerivativeMatchesReference) {
  const std::vector<float> x = AllInputs();
  for (const Case& c : kCases) {
    ExpectWithin("f'", c, x, Derivative(c.act, c.alpha, x), c.bwd_ulps, c.bwd_floor,
                 [&](float v) { return RefDerivative(c.act, c.alpha, v); });
  }
}

// No NaN out of a non-NaN input, NaN out of NaN (forward; f' too but for linear, whose f' is 1).
TEST(Activations, NanOnlyFromNan) {
  const std::vector<float> x = AllInputs();
  for (const Case& c : kCases) {
    SCOPED_TRACE(Label(c));
    const std::vector<float> y = Forward(c.act, c.alpha, x), d = Derivative(c.act, c.alpha, x);
    for (size_t i = 0; i < x.size(); ++i) {
      ASSERT_EQ(std::isnan(y[i]), std::isnan(x[i])) << "x=" << x[i];
      ASSERT_EQ(std::isnan(d[i]), std::isnan(x[i]) && c.act != Activation::kLinear) << "x=" << x[i];
    }
  }
}

// The references' derivatives are the derivatives of the forward references: central differences in
// double (h = 1e-4: truncation h^2/6 * |f'''| < 1e-8 here, rounding ~1e-11), away from the kinks.
// And the float f' agrees with the difference to 1e-6 relative + 1e-7 (a few float ULPs of the
// terms: gelu' and silu' cancel near their zeros).
TEST(Activations, DerivativeMatchesFiniteDifference) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(Label(c));
    // CELU's scale is alpha (f''' = exp(x / alpha) / alpha^2): h shrinks with it.
    double h = 1e-4;
    if (c.act == Activation::kCelu) h *= std::min(1.0, std::fabs(double(c.alpha)));
    std::vector<float> x;
    for (int i = 0; i <= 4000; ++i) x.push_back(float(-20.0 + 0.01 * i + 0.0031));
    const std::vector<float> d = Derivative(c.act, c.alpha, x);
    for (size_t i = 0; i < x.size(); ++i) {
      const double xd = x[i];
      if (c.kink_at_zero && std::fabs(xd) < 2 * h) continue;
      const double fd =
          (RefForward(c.act, c.alpha, xd + h) - RefForward(c.act, c.alpha, xd - h)) / (2 * h);
      const double ref = RefDerivative(c.act, c.alpha, xd).value;
      ASSERT_NEAR(ref, fd, 1e-8 + 1e-8 * std::fabs(fd)) << "reference f' at x=" << xd;
      ASSERT_NEAR(d[i], fd, 1e-7 + 1e-6 * std::fabs(fd)) << "x=" << xd;
    }
  }
}

// ---- Exact values -------------------------------------------------------------------------------

TEST(Activations, ReluValues) {
  const Activation a = Activation::kRelu;
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f)), to_bits(-0.0f));  // PyTorch's clamp_min keeps -0
  EXPECT_EQ(to_bits(ForwardOne(a, -3.0f)), to_bits(0.0f));
  EXPECT_EQ(to_bits(ForwardOne(a, -INFINITY)), to_bits(0.0f));
  EXPECT_EQ(ForwardOne(a, INFINITY), INFINITY);
  EXPECT_EQ(ForwardOne(a, FLT_TRUE_MIN), FLT_TRUE_MIN);
  EXPECT_TRUE(std::isnan(ForwardOne(a, NAN)));
  EXPECT_EQ(DerivativeOne(a, 0.0f), 0.0f);  // relu'(0) = 0, as PyTorch
  EXPECT_EQ(DerivativeOne(a, -0.0f), 0.0f);
  EXPECT_EQ(DerivativeOne(a, FLT_TRUE_MIN), 1.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY), 0.0f);
  EXPECT_EQ(DerivativeOne(a, INFINITY), 1.0f);
  EXPECT_TRUE(std::isnan(DerivativeOne(a, NAN)));
}

TEST(Activations, LeakyReluValues) {
  const Activation a = Activation::kLeakyRelu;
  EXPECT_EQ(ForwardOne(a, -100.0f, 0.01f), -100.0f * 0.01f);
  EXPECT_EQ(ForwardOne(a, 3.0f, 0.01f), 3.0f);
  EXPECT_EQ(ForwardOne(a, -INFINITY, 0.01f), -INFINITY);
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f, 0.01f)), to_bits(-0.0f));
  EXPECT_EQ(DerivativeOne(a, 0.0f, 0.01f), 0.01f);  // x <= 0 takes the slope, as PyTorch
  EXPECT_EQ(DerivativeOne(a, 1e-30f, 0.01f), 1.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY, 0.01f), 0.01f);
  // Slope 0: ReLU with -0 for x < 0, and no 0 * -inf NaN.
  EXPECT_EQ(to_bits(ForwardOne(a, -2.0f, 0.0f)), to_bits(-0.0f));
  EXPECT_EQ(to_bits(ForwardOne(a, -INFINITY, 0.0f)), to_bits(-0.0f));
  EXPECT_EQ(DerivativeOne(a, -INFINITY, 0.0f), 0.0f);
  // Alpha's default (1) is the identity: callers set PyTorch's 0.01.
  EXPECT_EQ(ForwardOne(a, -5.0f), -5.0f);
}

TEST(Activations, EluValues) {
  const Activation a = Activation::kElu;
  EXPECT_EQ(ForwardOne(a, -INFINITY, 1.5f), -1.5f);
  EXPECT_EQ(ForwardOne(a, 2.0f, 1.5f), 2.0f);
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f, 1.5f)), to_bits(-0.0f));
  EXPECT_EQ(DerivativeOne(a, 0.0f, 1.5f), 1.5f);  // x <= 0 takes the exponential branch
  EXPECT_EQ(DerivativeOne(a, 1e-30f, 1.5f), 1.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY, 1.5f), 0.0f);
}

// activation_forward/backward(kElu) are the production kernels of elu.h, bit for bit.
TEST(Activations, EluIsTheProductionKernel) {
  const std::vector<float> x = AllInputs();
  std::vector<float> dy(x.size());
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
  for (float& v : dy) v = dist(rng);
  for (float alpha : {1.0f, 0.3f, 2.0f}) {
    std::vector<float> y(x.size()), want(x.size());
    activation_forward(Activation::kElu, ActivationParams{alpha}, x.size(), x.data(), y.data());
    elu_forward(x.size(), x.data(), want.data(), alpha);
    for (size_t i = 0; i < x.size(); ++i) ASSERT_TRUE(Same(y[i], want[i])) << x[i];
    activation_backward(Activation::kElu, ActivationParams{alpha}, x.size(), x.data(), dy.data(),
                        y.data());
    elu_backward(x.size(), x.data(), dy.data(), want.data(), alpha);
    for (size_t i = 0; i < x.size(); ++i) ASSERT_TRUE(Same(y[i], want[i])) << x[i];
  }
}

TEST(Activations, CeluValues) {
  const Activation a = Activation::kCelu;
  EXPECT_EQ(ForwardOne(a, -INFINITY, 2.0f), -2.0f);
  EXPECT_EQ(ForwardOne(a, INFINITY, 2.0f), INFINITY);
  EXPECT_EQ(ForwardOne(a, 3.0f, 2.0f), 3.0f);
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f, 2.0f)), to_bits(-0.0f));
  EXPECT_EQ(DerivativeOne(a, 0.0f, 2.0f), 1.0f);  // exp(0 / alpha)
  EXPECT_EQ(DerivativeOne(a, -0.0f, 0.5f), 1.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY, 2.0f), 0.0f);
  EXPECT_EQ(DerivativeOne(a, INFINITY, 2.0f), 1.0f);
  // alpha = 1 is ELU with alpha = 1.
  EXPECT_NEAR(ForwardOne(a, -1.0f), std::expm1(-1.0), 1e-7);
  // alpha < 0: the negative branch grows to -inf; -0.25 * exp(89.2) = -1.4e38 is still a float,
  // though exp(89.2) is not.
  EXPECT_EQ(ForwardOne(a, -INFINITY, -0.25f), -INFINITY);
  const double x = -22.3f;
  EXPECT_NEAR(ForwardOne(a, float(x), -0.25f) / (-0.25 * std::expm1(x / -0.25)), 1.0, 1e-6);
  EXPECT_EQ(DerivativeOne(a, float(x), -0.25f), INFINITY);  // exp(89.2) = 5.5e38 > FLT_MAX
  // alpha = 0 (not allowed: PyTorch rejects it): NaN at x = +-0 only.
  EXPECT_TRUE(std::isnan(ForwardOne(a, 0.0f, 0.0f)));
  EXPECT_EQ(ForwardOne(a, -1.0f, 0.0f), 0.0f);
  EXPECT_EQ(ForwardOne(a, 1.0f, 0.0f), 1.0f);
}

TEST(Activations, SeluValues) {
  const Activation a = Activation::kSelu;
  const float scale = float(kSeluScale), scale_alpha = float(kSeluScale * kSeluAlpha);
  EXPECT_EQ(ForwardOne(a, 1.0f), scale);
  EXPECT_EQ(ForwardOne(a, -INFINITY), -scale_alpha);
  EXPECT_EQ(ForwardOne(a, -100.0f), -scale_alpha);
  EXPECT_EQ(ForwardOne(a, INFINITY), INFINITY);
  EXPECT_EQ(ForwardOne(a, FLT_MAX), INFINITY);  // 1.05 * FLT_MAX overflows
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f)), to_bits(-0.0f));
  EXPECT_EQ(to_bits(ForwardOne(a, 0.0f)), to_bits(0.0f));
  EXPECT_EQ(DerivativeOne(a, -0.0f), scale_alpha);  // 0-: scale * alpha * exp(0)
  EXPECT_EQ(DerivativeOne(a, 0.0f), scale_alpha);   // x <= 0 takes the exponential branch
  EXPECT_EQ(DerivativeOne(a, FLT_TRUE_MIN), scale);  // 0+
  EXPECT_EQ(DerivativeOne(a, -INFINITY), 0.0f);
  EXPECT_EQ(DerivativeOne(a, INFINITY), scale);
  // alpha is ignored.
  EXPECT_EQ(ForwardOne(a, -1.0f, 0.5f), ForwardOne(a, -1.0f, 1.0f));
  EXPECT_EQ(DerivativeOne(a, -1.0f, 0.5f), DerivativeOne(a, -1.0f, 1.0f));
}

TEST(Activations, GeluValues) {
  const Activation a = Activation::kGelu;
  EXPECT_EQ(to_bits(ForwardOne(a, 0.0f)), to_bits(0.0f));
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f)), to_bits(-0.0f));
  EXPECT_EQ(ForwardOne(a, INFINITY), INFINITY);
  EXPECT_EQ(to_bits(ForwardOne(a, -INFINITY)), to_bits(-0.0f));  // not -inf * 0 = NaN
  EXPECT_EQ(ForwardOne(a, 30.0f), 30.0f);
  EXPECT_EQ(DerivativeOne(a, 0.0f), 0.5f);
  EXPECT_EQ(DerivativeOne(a, INFINITY), 1.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY), 0.0f);
  // The erf form, not the tanh approximation: they differ by ~2e-4 at x = 1.5 (tanh gives 1.39957).
  EXPECT_NEAR(ForwardOne(a, 1.5f), 1.5 * 0.5 * (1 + std::erf(1.5 / std::sqrt(2.0))), 2e-7);
  // The tail keeps its digits: gelu(-10) = -7.62e-23, where 1 + erf(x / sqrt2) is 0 in float.
  EXPECT_NEAR(ForwardOne(a, -10.0f) / -7.619853e-23, 1.0, 1e-6);
}

TEST(Activations, SiluValues) {
  const Activation a = Activation::kSilu;
  EXPECT_EQ(to_bits(ForwardOne(a, 0.0f)), to_bits(0.0f));
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f)), to_bits(-0.0f));
  EXPECT_EQ(ForwardOne(a, INFINITY), INFINITY);
  EXPECT_EQ(to_bits(ForwardOne(a, -INFINITY)), to_bits(-0.0f));  // not -inf / inf = NaN
  EXPECT_EQ(DerivativeOne(a, 0.0f), 0.5f);
  EXPECT_EQ(DerivativeOne(a, INFINITY), 1.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY), 0.0f);
  // silu(-88) = -88 e^-88 = -5.4e-37 stays normal (x / (1 + exp(-x)) would overflow to -0).
  EXPECT_NEAR(ForwardOne(a, -88.0f) / (-88.0 * std::exp(-88.0)), 1.0, 1e-6);
}

TEST(Activations, SoftplusValues) {
  const Activation a = Activation::kSoftplus;
  EXPECT_EQ(ForwardOne(a, 0.0f), float(std::log(2.0)));
  EXPECT_EQ(ForwardOne(a, INFINITY), INFINITY);
  EXPECT_EQ(to_bits(ForwardOne(a, -INFINITY)), to_bits(0.0f));
  EXPECT_EQ(ForwardOne(a, 20.5f), 20.5f);  // threshold 20, as PyTorch
  EXPECT_EQ(ForwardOne(a, 1e30f), 1e30f);
  EXPECT_NEAR(ForwardOne(a, -30.0f) / std::exp(-30.0), 1.0, 1e-6);  // log1p keeps the tail
  EXPECT_EQ(DerivativeOne(a, 0.0f), 0.5f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY), 0.0f);
  EXPECT_EQ(DerivativeOne(a, INFINITY), 1.0f);
  EXPECT_EQ(DerivativeOne(a, 25.0f), 1.0f);
}

TEST(Activations, TanhValues) {
  const Activation a = Activation::kTanh;
  EXPECT_EQ(ForwardOne(a, INFINITY), 1.0f);
  EXPECT_EQ(ForwardOne(a, -INFINITY), -1.0f);
  EXPECT_EQ(to_bits(ForwardOne(a, -0.0f)), to_bits(-0.0f));
  EXPECT_EQ(DerivativeOne(a, 0.0f), 1.0f);
  EXPECT_EQ(DerivativeOne(a, INFINITY), 0.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY), 0.0f);
  EXPECT_EQ(DerivativeOne(a, FLT_MAX), 0.0f);
  // The tail keeps its digits: tanh'(12) = 1.51e-10, where 1 - tanh^2 is 0 in float.
  EXPECT_NEAR(DerivativeOne(a, 12.0f) / (1 / std::pow(std::cosh(12.0), 2)), 1.0, 1e-6);
}

TEST(Activations, SigmoidValues) {
  const Activation a = Activation::kSigmoid;
  EXPECT_EQ(ForwardOne(a, 0.0f), 0.5f);
  EXPECT_EQ(ForwardOne(a, INFINITY), 1.0f);
  EXPECT_EQ(to_bits(ForwardOne(a, -INFINITY)), to_bits(0.0f));
  EXPECT_EQ(ForwardOne(a, 100.0f), 1.0f);
  EXPECT_GT(ForwardOne(a, -100.0f), 0.0f);  // 3.7e-44, subnormal
  EXPECT_EQ(DerivativeOne(a, 0.0f), 0.25f);
  EXPECT_EQ(DerivativeOne(a, INFINITY), 0.0f);
  EXPECT_EQ(DerivativeOne(a, -INFINITY), 0.0f);
  // The tails keep their digits: sigmoid'(20) = 2.06e-9, where s * (1 - s) is 0 in float.
  EXPECT_NEAR(DerivativeOne(a, 20.0f) / (std::exp(-20.0) / std::pow(1 + std::exp(-20.0), 2)), 1.0,
              1e-6);
  EXPECT_EQ(DerivativeOne(a, 20.0f), DerivativeOne(a, -20.0f));  // even
}

TEST(Activations, LinearValues) {
  const Activation a = Activation::kLinear;
  for (float v : {0.0f, -0.0f, 1.5f, -INFINITY, INFINITY, FLT_TRUE_MIN, -FLT_MAX}) {
    EXPECT_EQ(to_bits(ForwardOne(a, v)), to_bits(v));
    EXPECT_EQ(DerivativeOne(a, v), 1.0f);
  }
  EXPECT_TRUE(std::isnan(ForwardOne(a, NAN)));
  EXPECT_EQ(DerivativeOne(a, NAN), 1.0f);  // f' = 1 does not depend on x
}

// ---- Backward pass: dx = dy * f'(x) -------------------------------------------------------------

TEST(Activations, BackwardIsDyTimesDerivative) {
  const std::vector<float> x = AllInputs();
  std::vector<float> dy(x.size());
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
  for (float& v : dy) v = dist(rng);
  for (const Case& c : kCases) {
    if (c.act == Activation::kElu) continue;  // the ELU kernel: EluIsTheProductionKernel
    SCOPED_TRACE(Label(c));
    const std::vector<float> d = Derivative(c.act, c.alpha, x);
    std::vector<float> dx(x.size());
    activation_backward(c.act, ActivationParams{c.alpha}, x.size(), x.data(), dy.data(), dx.data());
    for (size_t i = 0; i < x.size(); ++i) {
      ASSERT_TRUE(Same(dx[i], dy[i] * d[i])) << "x=" << x[i] << " dy=" << dy[i];
    }
  }
}

// ---- Names --------------------------------------------------------------------------------------

TEST(Activations, NamesRoundTrip) {
  const char* const kExpected[] = {"relu", "leaky_relu", "elu",  "celu",    "selu",  "gelu",
                                   "silu", "softplus",   "tanh", "sigmoid", "linear"};
  static_assert(std::size(kExpected) == std::size(kAll));
  for (size_t i = 0; i < std::size(kAll); ++i) {
    EXPECT_STREQ(activation_name(kAll[i]), kExpected[i]);
    Activation parsed = Activation::kLinear;
    ASSERT_TRUE(parse_activation(kExpected[i], &parsed)) << kExpected[i];
    EXPECT_EQ(parsed, kAll[i]) << kExpected[i];
  }
  EXPECT_STREQ(activation_name(static_cast<Activation>(99)), "unknown");
}

TEST(Activations, UnknownNamesAreRejected) {
  for (const char* name : {"", "ReLU", "RELU", "relu ", " relu", "leaky-relu", "leakyrelu", "swish",
                           "gelu_tanh", "identity", "softmax", "unknown", "relu\n", "el"}) {
    Activation out = Activation::kSigmoid;
    EXPECT_FALSE(parse_activation(name, &out)) << '"' << name << '"';
    EXPECT_EQ(out, Activation::kSigmoid) << "out must be left unchanged";
  }
  Activation out = Activation::kSigmoid;
  EXPECT_FALSE(parse_activation(nullptr, &out));
  EXPECT_EQ(out, Activation::kSigmoid);
  // A null `out` only tests the name.
  EXPECT_TRUE(parse_activation("gelu", nullptr));
  EXPECT_FALSE(parse_activation("gelu2", nullptr));
}

// ---- Aliasing and lengths -----------------------------------------------------------------------

// In place (y == x; dx == x; dx == dy) gives the same bits as out of place.
TEST(Activations, InPlaceMatchesOutOfPlace) {
  const std::vector<float> x = AllInputs();
  std::vector<float> dy(x.size());
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
  for (float& v : dy) v = dist(rng);
  const auto same_bits = [](const std::vector<float>& a, const std::vector<float>& b) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!Same(a[i], b[i])) return false;
    }
    return true;
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(Label(c));
    const ActivationParams p{c.alpha};
    std::vector<float> y(x.size()), inplace = x;
    activation_forward(c.act, p, x.size(), x.data(), y.data());
    activation_forward(c.act, p, inplace.size(), inplace.data(), inplace.data());
    EXPECT_TRUE(same_bits(y, inplace)) << "forward, y == x";

    std::vector<float> dx(x.size()), over_x = x, over_dy = dy;
    activation_backward(c.act, p, x.size(), x.data(), dy.data(), dx.data());
    activation_backward(c.act, p, x.size(), over_x.data(), dy.data(), over_x.data());
    EXPECT_TRUE(same_bits(dx, over_x)) << "backward, dx == x";
    activation_backward(c.act, p, x.size(), x.data(), over_dy.data(), over_dy.data());
    EXPECT_TRUE(same_bits(dx, over_dy)) << "backward, dx == dy";
  }
}

// Every length 0 .. 40 writes exactly n elements (guard words on both sides stay), and matches the
// whole-array result element by element; n = 0 also accepts null pointers.
TEST(Activations, LengthsAndZero) {
  constexpr size_t kGuard = 8;
  constexpr float kGuardValue = 12345.0f;
  for (Activation a : kAll) {
    SCOPED_TRACE(activation_name(a));
    const ActivationParams p{0.7f};
    activation_forward(a, p, 0, nullptr, nullptr);
    activation_backward(a, p, 0, nullptr, nullptr, nullptr);
    for (size_t n = 0; n <= 40; ++n) {
      std::vector<float> x(n), dy(n);
      for (size_t i = 0; i < n; ++i) {
        x[i] = -6.0f + 0.37f * float(i);
        dy[i] = 1.0f - 0.05f * float(i);
      }
      std::vector<float> y(n + 2 * kGuard, kGuardValue), dx(n + 2 * kGuard, kGuardValue);
      activation_forward(a, p, n, x.data(), y.data() + kGuard);
      activation_backward(a, p, n, x.data(), dy.data(), dx.data() + kGuard);
      for (size_t i = 0; i < kGuard; ++i) {
        ASSERT_EQ(y[i], kGuardValue) << "n=" << n;
        ASSERT_EQ(y[kGuard + n + i], kGuardValue) << "n=" << n;
        ASSERT_EQ(dx[i], kGuardValue) << "n=" << n;
        ASSERT_EQ(dx[kGuard + n + i], kGuardValue) << "n=" << n;
      }
      for (size_t i = 0; i < n; ++i) {
        float yi, dxi;
        activation_forward(a, p, 1, &x[i], &yi);
        activation_backward(a, p, 1, &x[i], &dy[i], &dxi);
        ASSERT_TRUE(Same(y[kGuard + i], yi)) << "n=" << n << " i=" << i;
        ASSERT_TRUE(Same(dx[kGuard + i], dxi)) << "n=" << n << " i=" << i;
      }
    }
  }
}
