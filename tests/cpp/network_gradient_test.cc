// The network's analytic gradient against central finite differences of the plain double-precision
// reference network of network_reference.h, for every hidden activation x every loss.
// NETWORK_PRINT_ERRORS=1 ./tests --gtest_filter='Network.Gradient*' prints the largest error seen
// (native builds; the wasm runtime does not pass the environment through).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "network_reference.h"

namespace {

using namespace elu::nn;
using namespace elu::testing;

// Tolerances. The analytic gradient is computed in float: each of its components is a mean over
// the points of chain-rule products, each product accurate to a few float rounding errors of its
// own size (the activations are accurate to <= 5 ULP, activations.h), so its error is bounded
// relative to S = mean over the points of |that point's derivative|, not relative to the (possibly
// cancelling) mean itself. The central difference in double with h = 1e-5 (relative) is accurate
// to ~1e-9 (truncation h^2 |f'''|, rounding 1e-16 / h), i.e. exact at this scale.
// Measured over seeds 1..30 of the 33 cases below (33330 components): every |g - fd| <=
// 0.88 (1e-6 S + 2.5e-8) natively, 0.57 (...) in wasm (NETWORK_PRINT_ERRORS prints it). The limit,
// 4e-6 S + 1e-7 (~70 float ULPs of S), is 4x that fit (the worst component uses 22% of it), and
// still far below what a wrong term makes (a dropped factor, alpha or sign: errors of order S).
constexpr double kGradRelTol = 4e-6;
constexpr double kGradAbsTol = 1e-7;
// evaluate() vs the reference's mean loss: float losses, each accurate to a few ULP, summed in
// double, then rounded to float: measured <= 2.2e-7 relative; the limit is 4e-6 relative (+1e-7).
constexpr double kLossRelTol = 4e-6;

// Checks evaluate() and gradient() of `net` (whose config is c and parameters p) on d against the
// reference; returns the largest |g - fd| / (1e-6 S + 2.5e-8) seen.
double CheckAgainstReference(const Network& net, const NetworkConfig& c,
                             const std::vector<double>& p, const Dataset& d) {
  const double ref_loss = Mean(RefLosses(c, p, d).losses);
  const float loss = net.evaluate(d.x.data(), d.y.data(), d.size());
  EXPECT_NEAR(loss, ref_loss, kLossRelTol * std::fabs(ref_loss) + 1e-7);

  const std::vector<float> g = Gradient(net, d);
  double max_ratio = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const double h = 1e-5 * std::max(1.0, std::fabs(p[i]));
    std::vector<double> q = p;
    q[i] = p[i] + h;
    const std::vector<double> up = RefLosses(c, q, d).losses;
    q[i] = p[i] - h;
    const std::vector<double> down = RefLosses(c, q, d).losses;
    double fd = 0, scale = 0;  // the mean of the points' derivatives, and of their magnitudes
    for (size_t k = 0; k < up.size(); ++k) {
      const double dk = (up[k] - down[k]) / (2 * h);
      fd += dk;
      scale += std::fabs(dk);
    }
    fd /= double(up.size());
    scale /= double(up.size());
    const double err = std::fabs(double(g[i]) - fd);
    max_ratio = std::max(max_ratio, err / (1e-6 * scale + 2.5e-8));
    EXPECT_LE(err, kGradRelTol * scale + kGradAbsTol)
        << "parameter " << i << ": analytic " << g[i] << ", finite difference " << fd
        << ", scale " << scale;
  }
  return max_ratio;
}

// A 2-3-3-k network on 4 features (x1, x2, x1 x2, sin x2), random parameters in [-1, 1] and 8
// random points in [-2, 2]^2.
double CheckGradient(Activation act, Task task, int outputs, uint32_t seed) {
  NetworkConfig c = Config({3, 3}, act, outputs, task);
  c.alpha = 0.7f;  // not 1, so that a missing alpha shows (ELU, CELU)
  c.leaky_slope = 0.1f;
  c.features = kX1 | kX2 | kX1TimesX2 | kSinX2;
  c.seed = seed;
  Network net(c);
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> pf(net.parameter_count());
  std::vector<double> p(pf.size());
  Dataset d;
  // Points and parameters away from the kinks (relu, leaky_relu, elu with alpha != 1, selu): no
  // hidden preactivation within 1e-3 of 0 (the central difference moves one by < 1e-4 here).
  double min_abs_z = 0;
  for (int attempt = 0; attempt < 100 && min_abs_z < 1e-3; ++attempt) {
    for (float& v : pf) v = u(gen);
    std::copy(pf.begin(), pf.end(), p.begin());
    d = RandomData(gen, 8, c.task, c.outputs);
    min_abs_z = RefLosses(c, p, d).min_abs_z;
  }
  EXPECT_GE(min_abs_z, 1e-3) << "no kink-free draw";
  net.set_parameters(pf.data());
  return CheckAgainstReference(net, c, p, d);
}

TEST(Network, GradientMatchesFiniteDifferencesForEveryActivationAndLoss) {
  struct Loss {
    const char* name;
    Task task;
    int outputs;
  };
  const Loss losses[] = {
      {"sigmoid + bce", Task::kClassification, 1},
      {"softmax + ce", Task::kClassification, 3},
      {"mse", Task::kRegression, 1},
  };
  double max_ratio = 0;
  for (Activation act : kAllActivations) {
    for (const Loss& loss : losses) {
      for (uint32_t seed : {1u, 2u}) {
        SCOPED_TRACE(std::string(activation_name(act)) + ", " + loss.name + ", seed " +
                     std::to_string(seed));
        max_ratio = std::max(max_ratio, CheckGradient(act, loss.task, loss.outputs, seed));
      }
    }
  }
  if (PrintErrors()) std::printf("gradient: max |g - fd| / (1e-6 S + 2.5e-8) = %.3g\n", max_ratio);
}

// Mixed activations, one per layer, every derived feature, 2-class softmax, the initial weights.
TEST(Network, GradientWithMixedActivationsAndAllFeatures) {
  NetworkConfig c = Config({4, 3, 2}, Activation::kElu, 2);
  c.activations = {Activation::kElu, Activation::kTanh, Activation::kGelu};
  c.features = kAllFeatures;
  Network net(c);
  std::mt19937 gen(5);
  const Dataset d = RandomData(gen, 12, c.task, c.outputs);
  const std::vector<float> pf = Parameters(net);
  CheckAgainstReference(net, c, std::vector<double>(pf.begin(), pf.end()), d);
}

}  // namespace
