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
