// The network's API around training: validation messages, counts, derived features, layer
// statistics, and evaluate / accuracy / predict agreeing with each other.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "network_reference.h"

namespace {

using namespace elu::nn;
using namespace elu::testing;

// ---- Validation ---------------------------------------------------------------------------------

template <class T, class Mutate>
void ExpectInvalid(const T& valid, Mutate mutate, const std::string& field) {
  T bad = valid;
  mutate(bad);
  const std::string message = validate(bad);
  EXPECT_NE(message.find(field), std::string::npos) << "field " << field << ": " << message;
}

TEST(Network, ValidateRejectsBadConfigs) {
  const NetworkConfig ok;
  EXPECT_EQ(validate(ok), "");
  NetworkConfig edge = Config({64, 1, 1, 1, 1, 1, 1, 64}, Activation::kRelu, 16);
  edge.features = kAllFeatures;
  EXPECT_EQ(validate(edge), "");
  edge.activations.assign(8, Activation::kTanh);
  EXPECT_EQ(validate(edge), "");

  using C = NetworkConfig;
  ExpectInvalid(ok, [](C& c) { c.hidden.clear(); }, "hidden");
  ExpectInvalid(ok, [](C& c) { c.hidden.assign(9, 4); }, "hidden");
  ExpectInvalid(ok, [](C& c) { c.hidden = {8, 0}; }, "hidden[1]");
  ExpectInvalid(ok, [](C& c) { c.hidden = {65}; }, "hidden[0]");
  ExpectInvalid(ok, [](C& c) { c.hidden = {-3}; }, "hidden[0]");
  ExpectInvalid(ok, [](C& c) { c.activations.clear(); }, "activations");
  ExpectInvalid(ok, [](C& c) { c.activations.assign(3, Activation::kElu); }, "activations");
  ExpectInvalid(ok, [](C& c) { c.activations = {Activation(11)}; }, "activations[0]");
  ExpectInvalid(ok, [](C& c) { c.activations = {Activation::kElu, Activation(-1)}; },
                "activations[1]");
  ExpectInvalid(ok, [](C& c) { c.alpha = NAN; }, "alpha");
  ExpectInvalid(ok, [](C& c) { c.alpha = INFINITY; }, "alpha");
  ExpectInvalid(ok, [](C& c) { c.activations = {Activation::kCelu}, c.alpha = 0.0f; }, "alpha");
  ExpectInvalid(ok, [](C& c) { c.leaky_slope = -INFINITY; }, "leaky_slope");
  ExpectInvalid(ok, [](C& c) { c.outputs = 0; }, "outputs");
  ExpectInvalid(ok, [](C& c) { c.outputs = 17; }, "outputs");
  ExpectInvalid(ok, [](C& c) { c.task = Task::kRegression, c.outputs = 3; }, "outputs");
  ExpectInvalid(ok, [](C& c) { c.task = Task(2); }, "task");
  ExpectInvalid(ok, [](C& c) { c.features = 0; }, "features");
  ExpectInvalid(ok, [](C& c) { c.features = kX1 | (1u << 7); }, "features");
  ExpectInvalid(ok, [](C& c) { c.features = 0x80000000u; }, "features");
}

TEST(Network, ValidateRejectsBadTrainOptions) {
  const TrainOptions ok;
  EXPECT_EQ(validate(ok), "");
  using O = TrainOptions;
  ExpectInvalid(ok, [](O& o) { o.batch_size = 0; }, "batch_size");
  ExpectInvalid(ok, [](O& o) { o.batch_size = -5; }, "batch_size");
  ExpectInvalid(ok, [](O& o) { o.learning_rate = 0.0f; }, "learning_rate");
  ExpectInvalid(ok, [](O& o) { o.learning_rate = -0.1f; }, "learning_rate");
  ExpectInvalid(ok, [](O& o) { o.learning_rate = NAN; }, "learning_rate");
  ExpectInvalid(ok, [](O& o) { o.learning_rate = INFINITY; }, "learning_rate");
  ExpectInvalid(ok, [](O& o) { o.optimizer = Optimizer(3); }, "optimizer");
  ExpectInvalid(ok, [](O& o) { o.momentum = 1.0f; }, "momentum");
  ExpectInvalid(ok, [](O& o) { o.momentum = -0.1f; }, "momentum");
  ExpectInvalid(ok, [](O& o) { o.momentum = NAN; }, "momentum");
  ExpectInvalid(ok, [](O& o) { o.beta1 = 1.0f; }, "beta1");
  ExpectInvalid(ok, [](O& o) { o.beta2 = NAN; }, "beta2");
  ExpectInvalid(ok, [](O& o) { o.epsilon = 0.0f; }, "epsilon");
  ExpectInvalid(ok, [](O& o) { o.regularization = Regularization(7); }, "regularization");
  ExpectInvalid(ok, [](O& o) { o.regularization_rate = -0.001f; }, "regularization_rate");
  ExpectInvalid(ok, [](O& o) { o.regularization_rate = INFINITY; }, "regularization_rate");
  ExpectInvalid(ok, [](O& o) { o.regularization_rate = NAN; }, "regularization_rate");
}

// ---- Structure, stats ---------------------------------------------------------------------------

TEST(Network, CountsFollowTheConfig) {
  NetworkConfig c = Config({5, 3}, Activation::kElu, 4);
  c.features = kX1 | kX2Squared | kSinX2;
  Network net(c);
  EXPECT_EQ(net.inputs(), 3);
  EXPECT_EQ(net.outputs(), 4);
  EXPECT_EQ(net.parameter_count(), size_t(3 * 5 + 5 + 5 * 3 + 3 + 3 * 4 + 4));
  EXPECT_EQ(net.neuron_count(), size_t(5 + 3 + 4));
  std::vector<float> p(net.parameter_count());
  for (size_t i = 0; i < p.size(); ++i) p[i] = 0.01f * float(i) - 0.3f;
  net.set_parameters(p.data());
  EXPECT_TRUE(SameBits(Parameters(net), p));
}

// Features in the bit order of Feature: a 1-layer linear net with one unit per feature and
// identity weights shows them.
TEST(Network, DerivedFeaturesInBitOrder) {
  NetworkConfig c = Config({7}, Activation::kLinear, 1, Task::kRegression);
  c.features = kAllFeatures;
  Network net(c);
  std::vector<float> p(net.parameter_count(), 0.0f);
  for (int j = 0; j < 7; ++j) p[size_t(j) * 7 + size_t(j)] = 1.0f;  // layer 0: W = I, b = 0
  net.set_parameters(p.data());
  const float x1 = 0.7f, x2 = -1.3f;
  std::vector<float> grid(net.neuron_count());  // a 1 x 1 grid centered on (x1, x2)
  net.neuron_grid(x1 - 1, x1 + 1, x2 - 1, x2 + 1, 1, 1, grid.data());
  const float expected[] = {x1, x2, x1 * x1, x2 * x2, x1 * x2, std::sin(x1), std::sin(x2)};
  for (int j = 0; j < 7; ++j) EXPECT_EQ(grid[size_t(j)], expected[j]) << "feature " << j;
}

// Very negative biases in the first hidden layer: every preactivation is in [-51, -9] on the
// data (|weights| <= sqrt(3), |x| <= 6 by 2 inputs). ReLU units give 0 and slope 0: dead. ELU units
// give about -alpha with slope alpha exp(z) >= e^-51 > 0: not dead, until alpha = 0.
TEST(Network, StatsCountDeadUnitsAndMeanActivation) {
  const Dataset d = make_dataset(DatasetKind::kXor, 200, 0.0f, 6);
  for (Activation act : {Activation::kRelu, Activation::kElu}) {
    SCOPED_TRACE(activation_name(act));
    Network net(Config({6, 5}, act));
    std::vector<float> p = Parameters(net);
    for (size_t j = 0; j < 6; ++j) p[12 + j] = -30.0f;  // layer 0 biases
    net.set_parameters(p.data());
    const std::vector<LayerStats> s = net.stats(d.x.data(), d.size());
    ASSERT_EQ(s.size(), 2u);
    if (act == Activation::kRelu) {
      EXPECT_EQ(s[0].dead_fraction, 1.0f);
      EXPECT_EQ(s[0].mean_activation, 0.0f);
      EXPECT_EQ(s[1].dead_fraction, 1.0f);  // its inputs are all 0 and its biases 0: z = 0
    } else {
      EXPECT_EQ(s[0].dead_fraction, 0.0f);
      EXPECT_NEAR(s[0].mean_activation, -1.0f, 1e-3f);
      net.set_alpha(0.0f);  // ELU with alpha 0 is ReLU: the same units die
      EXPECT_EQ(net.stats(d.x.data(), d.size())[0].dead_fraction, 1.0f);
    }
    for (size_t j = 0; j < 6; ++j) p[12 + j] = 30.0f;  // all positive now
    net.set_parameters(p.data());
    const std::vector<LayerStats> up = net.stats(d.x.data(), d.size());
    EXPECT_EQ(up[0].dead_fraction, 0.0f);
    EXPECT_GT(up[0].mean_activation, 9.0f);
  }
  // One dead unit of four: a fraction, and the mean over points and units.
  Network net(Config({4}, Activation::kRelu));
  std::vector<float> p = Parameters(net);
  p[8] = -30.0f;  // the first unit's bias
  net.set_parameters(p.data());
  const std::vector<LayerStats> s = net.stats(d.x.data(), d.size());
  EXPECT_EQ(s[0].dead_fraction, 0.25f);
  std::vector<float> grid(net.neuron_count() * d.size());
  double sum = 0;
  for (size_t i = 0; i < d.size(); ++i) {  // the hidden outputs, by hand
    for (size_t j = 0; j < 4; ++j) {
      const float z = p[8 + j] + p[2 * j] * d.x[2 * i] + p[2 * j + 1] * d.x[2 * i + 1];
      sum += std::max(z, 0.0f);
    }
  }
  EXPECT_NEAR(s[0].mean_activation, sum / (4.0 * double(d.size())), 1e-5);
  const std::vector<LayerStats> none = net.stats(d.x.data(), 0);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].dead_fraction, 0.0f);
  EXPECT_EQ(none[0].mean_activation, 0.0f);
}

// ---- Per-unit stats -----------------------------------------------------------------------------

// f'(z) in double for the activations of the per-unit tests (alpha: ELU's).
double RefSlope(Activation act, double alpha, double z) {
  switch (act) {
    case Activation::kRelu:
      return z > 0 ? 1.0 : 0.0;
    case Activation::kElu:
      return z > 0 ? 1.0 : alpha * std::exp(z);
    case Activation::kGelu:  // Phi(z) + z phi(z)
      return 0.5 * std::erfc(-z / std::sqrt(2.0)) +
             z * std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846);
    default:
      ADD_FAILURE() << "no reference slope for " << activation_name(act);
      return NAN;
  }
}

int Sign(double v) { return (v > 0) - (v < 0); }

// Every neuron at every point, [neuron][point].
std::vector<float> NeuronOutputs(const Network& net, const std::vector<float>& x) {
  std::vector<float> out(net.neuron_count() * (x.size() / 2));
  net.neuron_outputs(x.data(), x.size() / 2, out.data());
  return out;
}

// The per-unit stats of every hidden layer against an independent computation: the means from the
// rows of neuron_outputs (in double), the slopes from the preactivations recomputed in double from
// the parameters and the previous layer's row (a point whose slope could change sign within the
// float rounding of z counts either way), dead where every slope is 0; and the layer values from
// the units. Checked on 600 points: two chunks of 256 and a partial one.
void ExpectUnitStatsMatch(const Network& net, const std::vector<float>& x) {
  const NetworkConfig& c = net.config();
  const size_t n = x.size() / 2, hidden = c.hidden.size();
  const std::vector<float> rows = NeuronOutputs(net, x);
  const std::vector<float> p = Parameters(net);
  const std::vector<LayerStats> s = net.stats(x.data(), n);
  ASSERT_EQ(s.size(), hidden);
  size_t offset = 0, first = 0;  // the layer's parameters, its first neuron
  for (size_t l = 0; l < hidden; ++l) {
    SCOPED_TRACE("layer " + std::to_string(l));
    const Activation act = c.activations[c.activations.size() == 1 ? 0 : l];
    const size_t in = l == 0 ? 2 : size_t(c.hidden[l - 1]), out = size_t(c.hidden[l]);
    ASSERT_EQ(s[l].unit_mean_activation.size(), out);
    ASSERT_EQ(s[l].unit_active_fraction.size(), out);
    ASSERT_EQ(s[l].unit_dead.size(), out);
    double mean_of_means = 0;
    size_t dead = 0;
    for (size_t j = 0; j < out; ++j) {
      SCOPED_TRACE("unit " + std::to_string(j));
      const float* row = &rows[(first + j) * n];
      double sum = 0;
      size_t active = 0, unsure = 0, positive_outputs = 0;
      bool alive = false, maybe_alive = false;
      for (size_t i = 0; i < n; ++i) {
        sum += double(row[i]);
        positive_outputs += row[i] > 0.0f;
        double z = p[offset + in * out + j];
        for (size_t k = 0; k < in; ++k) {
          const float input = l == 0 ? x[2 * i + k] : rows[(first - in + k) * n + i];
          z += double(p[offset + j * in + k]) * input;
        }
        const double dz = 1e-5 * std::max(1.0, std::fabs(z));
        const int at = Sign(RefSlope(act, c.alpha, z));
        const bool sure = at == Sign(RefSlope(act, c.alpha, z - dz)) &&
                          at == Sign(RefSlope(act, c.alpha, z + dz));
        active += sure && at > 0;
        unsure += !sure;
        alive |= sure && at != 0;
        maybe_alive |= !sure || at != 0;
      }
      ASSERT_LE(unsure, n / 100) << "too close to the kink to tell";
      const float got_active = s[l].unit_active_fraction[j] * float(n);
      EXPECT_GE(got_active, float(active) - 0.5f);
      EXPECT_LE(got_active, float(active + unsure) + 0.5f);
      if (act == Activation::kRelu) {  // exactly where its output is > 0
        EXPECT_EQ(s[l].unit_active_fraction[j], float(double(positive_outputs) / double(n)));
      }
      if (alive || !maybe_alive) {
        EXPECT_EQ(s[l].unit_dead[j], !alive);
      }
      EXPECT_FLOAT_EQ(s[l].unit_mean_activation[j], float(sum / double(n)));
      mean_of_means += double(s[l].unit_mean_activation[j]) / double(out);
      dead += s[l].unit_dead[j];
    }
    EXPECT_EQ(s[l].dead_fraction, float(dead) / float(out));
    EXPECT_NEAR(s[l].mean_activation, mean_of_means,
                1e-6 * std::max(1.0, std::fabs(mean_of_means)));
    offset += in * out + out;
    first += out;
  }
}

// Layer 0 (relu or elu) has unit 1 forced below zero: bias -30, so z in [-51, -9] on the data
// (|weights| <= sqrt(3), |x| <= 6). The ReLU unit is dead (output 0, no point active); the ELU unit
// in its place is not (slope alpha exp(z) > 0 everywhere, output about -alpha), until alpha = 0;
// with alpha < 0 it is neither dead nor active (slope < 0).
// Both networks start from the same parameters (He init for both).
TEST(Network, StatsPerUnitMatchAnIndependentComputation) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 600, 0.1f, 8);
  for (Activation first : {Activation::kRelu, Activation::kElu}) {
    SCOPED_TRACE(activation_name(first));
    NetworkConfig c = Config({6, 5, 4}, first);
    c.activations = {first, Activation::kGelu, Activation::kElu};
    c.alpha = 0.7f;
    Network net(c);
    for (int e = 0; e < 2; ++e) Train(net, d, Options());
    std::vector<float> p = Parameters(net);
    p[12 + 1] = -30.0f;  // layer 0: W [6][2], then b [6]
    net.set_parameters(p.data());
    ExpectUnitStatsMatch(net, d.x);
    const std::vector<LayerStats> s = net.stats(d.x.data(), d.size());
    if (first == Activation::kRelu) {
      EXPECT_TRUE(s[0].unit_dead[1]);
      EXPECT_EQ(s[0].unit_active_fraction[1], 0.0f);
      EXPECT_EQ(s[0].unit_mean_activation[1], 0.0f);
    } else {
      EXPECT_FALSE(s[0].unit_dead[1]);
      EXPECT_EQ(s[0].unit_active_fraction[1], 1.0f);
      EXPECT_NEAR(s[0].unit_mean_activation[1], -0.7f, 1e-4f);
      net.set_alpha(0.0f);  // slope 0 * exp(z) = 0 for z <= 0: unit 1 dies
      const std::vector<LayerStats> zero = net.stats(d.x.data(), d.size());
      EXPECT_TRUE(zero[0].unit_dead[1]);
      EXPECT_EQ(zero[0].unit_active_fraction[1], 0.0f);
      ExpectUnitStatsMatch(net, d.x);
      net.set_alpha(-0.5f);  // slope -0.5 exp(z) < 0: gradient flows, no point active, not dead
      const std::vector<LayerStats> negative = net.stats(d.x.data(), d.size());
      EXPECT_FALSE(negative[0].unit_dead[1]);
      EXPECT_EQ(negative[0].unit_active_fraction[1], 0.0f);
      ExpectUnitStatsMatch(net, d.x);
    }
    EXPECT_GT(std::count(s[0].unit_dead.begin(), s[0].unit_dead.end(), false), 0);
  }
}

// A NaN slope counts as alive (as in dead_fraction) but not as active: a NaN bias makes z NaN.
TEST(Network, StatsCountANaNSlopeAsAliveNotActive) {
  const Dataset d = make_dataset(DatasetKind::kXor, 50, 0.0f, 3);
  Network net(Config({3}, Activation::kRelu));
  std::vector<float> p = Parameters(net);
  p[6 + 2] = NAN;  // layer 0: W [3][2], then b [3]
  net.set_parameters(p.data());
  const std::vector<LayerStats> s = net.stats(d.x.data(), d.size());
  EXPECT_FALSE(s[0].unit_dead[2]);
  EXPECT_EQ(s[0].unit_active_fraction[2], 0.0f);
  EXPECT_TRUE(std::isnan(s[0].unit_mean_activation[2]));
}

// No points: every value 0, no unit dead, one entry per unit.
TEST(Network, StatsOverNoPointsAreZeros) {
  Network net(Config({3, 5}, Activation::kRelu, 2));
  const float x[2] = {1.0f, 2.0f};
  const std::vector<LayerStats> s = net.stats(x, 0);
  ASSERT_EQ(s.size(), 2u);
  for (size_t l = 0; l < 2; ++l) {
    const size_t units = l == 0 ? 3 : 5;
    EXPECT_EQ(s[l].mean_activation, 0.0f);
    EXPECT_EQ(s[l].dead_fraction, 0.0f);
    EXPECT_EQ(s[l].unit_mean_activation, std::vector<float>(units, 0.0f));
    EXPECT_EQ(s[l].unit_active_fraction, std::vector<float>(units, 0.0f));
    EXPECT_EQ(s[l].unit_dead, std::vector<bool>(units, false));
  }
}

TEST(Network, EvaluateAccuracyAndPredictAgree) {
  const Dataset d = make_dataset(DatasetKind::kThree, 600, 0.2f, 7);  // > 2 chunks of 256
  Network net(Config({8, 8}, Activation::kElu, 3));
  for (int e = 0; e < 3; ++e) Train(net, d, Options());
  const std::vector<float> p = Predict(net, d.x);
  double loss = 0;
  size_t correct = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    const float* pi = &p[3 * i];
    EXPECT_NEAR(pi[0] + pi[1] + pi[2], 1.0f, 1e-6f);
    loss -= std::log(double(pi[size_t(d.y[i])]));
    correct += size_t(std::max_element(pi, pi + 3) - pi) == size_t(d.y[i]);
  }
  EXPECT_NEAR(net.evaluate(d.x.data(), d.y.data(), d.size()), loss / double(d.size()), 1e-5);
  EXPECT_FLOAT_EQ(net.accuracy(d.x.data(), d.y.data(), d.size()),
                  float(double(correct) / double(d.size())));
  EXPECT_EQ(net.evaluate(d.x.data(), d.y.data(), 0), 0.0f);
}

}  // namespace
