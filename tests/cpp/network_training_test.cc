// Training a network: an epoch is the gradient then one optimizer step (optimizer.h), the
// regularization and gradient norm, convergence on the playground datasets, determinism, live
// alpha, divergence and recovery.
// NETWORK_PRINT_ERRORS=1 ./tests --gtest_filter='Network.Converges*' prints the epochs each
// convergence run took (native builds).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "network_reference.h"
#include "nn/optimizer.h"

namespace {

using namespace elu::nn;
using namespace elu::testing;

// ---- Optimizers, regularization, gradient norm --------------------------------------------------

// One full batch without shuffling sums the points in the order gradient() does (one chunk, the
// same 1 / n), so an epoch is gradient() then one step of the functions of optimizer.h, bit for
// bit. Those act elementwise, so they can follow the network in the public parameter order.
TEST(Network, TrainEpochIsTheGradientThenOneOptimizerStep) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 40, 0.0f, 3);
  const NetworkConfig c = Config({5, 4}, Activation::kElu);
  // The weights among the parameters in the public order: per layer, in x out, then out biases.
  std::vector<std::pair<size_t, size_t>> weights;  // (offset, count)
  size_t offset = 0;
  int in = 2;
  for (int out : {5, 4, 1}) {
    weights.push_back({offset, size_t(in * out)});
    offset += size_t(in * out + out);
    in = out;
  }
  for (Optimizer opt : {Optimizer::kSgd, Optimizer::kMomentum, Optimizer::kAdam}) {
    for (Regularization reg : {Regularization::kNone, Regularization::kL1, Regularization::kL2}) {
      SCOPED_TRACE("optimizer " + std::to_string(int(opt)) + ", regularization " +
                   std::to_string(int(reg)));
      Network net(c);
      ASSERT_EQ(net.parameter_count(), offset);
      TrainOptions o = Options(opt, 0.05f, 40);
      o.shuffle = false;
      o.momentum = 0.8f;
      o.regularization = reg;
      o.regularization_rate = reg == Regularization::kNone ? 0.0f : 0.01f;
      const size_t n = net.parameter_count();
      std::vector<float> w = Parameters(net), v(n, 0.0f), m1(n, 0.0f), m2(n, 0.0f);
      AdamPowers powers;
      for (int step = 1; step <= 3; ++step) {
        std::vector<float> g = Gradient(net, d);
        ASSERT_TRUE(std::isfinite(Train(net, d, o)));
        for (const auto& [at, count] : weights) {
          add_regularization(&g[at], &w[at], count, reg, o.regularization_rate);
        }
        if (opt == Optimizer::kSgd) {
          sgd_step(w.data(), g.data(), n, o.learning_rate);
        } else if (opt == Optimizer::kMomentum) {
          momentum_step(w.data(), v.data(), g.data(), n, o.learning_rate, o.momentum);
        } else {
          adam_step(w.data(), m1.data(), m2.data(), &powers, g.data(), n, o.learning_rate, o.beta1,
                    o.beta2, o.epsilon);
        }
        ASSERT_TRUE(SameBits(Parameters(net), w)) << "step " << step;
      }
    }
  }
}

TEST(Network, RegularizationAppliesToWeightsOnly) {
  const Dataset d = make_dataset(DatasetKind::kXor, 30, 0.0f, 4);
  NetworkConfig c = Config({3}, Activation::kTanh);
  for (Regularization reg : {Regularization::kL1, Regularization::kL2}) {
    Network net(c);
    std::vector<float> p = Parameters(net);
    p.back() = 0.3f;  // a nonzero bias, to see it is not regularized
    net.set_parameters(p.data());
    const std::vector<float> g = Gradient(net, d);
    TrainOptions o = Options(Optimizer::kSgd, 0.1f, 30);
    o.shuffle = false;
    o.regularization = reg;
    o.regularization_rate = 0.05f;
    Train(net, d, o);
    const std::vector<float> got = Parameters(net);
    // Parameters: layer 0 weights [3][2], biases [3]; layer 1 weights [1][3], bias [1].
    const std::vector<bool> is_weight = {1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0};
    ASSERT_EQ(got.size(), is_weight.size());
    for (size_t i = 0; i < got.size(); ++i) {
      double grad = g[i];
      if (is_weight[i]) {
        grad += reg == Regularization::kL2 ? 0.05 * p[i] : (p[i] > 0 ? 0.05 : -0.05);
      }
      EXPECT_NEAR(got[i], p[i] - 0.1 * grad, 1e-6) << "parameter " << i;
    }
  }
}

// L1's subgradient at 0 is 0: a weight at exactly 0 moves by its loss gradient alone, the others
// by it plus rate * sign(w).
TEST(Network, L1LeavesAWeightAtZeroToItsLossGradient) {
  const Dataset d = make_dataset(DatasetKind::kXor, 30, 0.0f, 4);
  Network net(Config({3}, Activation::kTanh));
  std::vector<float> p = Parameters(net);
  p[1] = 0.0f;  // layer 0, unit 0, second input
  p[10] = 0.0f;  // layer 1, second weight
  net.set_parameters(p.data());
  const std::vector<float> g = Gradient(net, d);
  ASSERT_NE(g[1], 0.0f);
  ASSERT_NE(g[10], 0.0f);
  TrainOptions o = Options(Optimizer::kSgd, 0.1f, 30);
  o.shuffle = false;
  o.regularization = Regularization::kL1;
  o.regularization_rate = 0.05f;
  Train(net, d, o);
  const std::vector<float> got = Parameters(net);
  const std::vector<bool> is_weight = {1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0};
  for (size_t i = 0; i < got.size(); ++i) {
    const double sign = p[i] > 0 ? 1.0 : p[i] < 0 ? -1.0 : 0.0;
    const double grad = g[i] + (is_weight[i] ? 0.05 * sign : 0.0);
    EXPECT_NEAR(got[i], p[i] - 0.1 * grad, 1e-6) << "parameter " << i;
  }
}

// Momentum keeps its velocity in gradient units (v = mu v + g, w -= lr v, as PyTorch's SGD), so a
// learning rate changed between epochs (the widget's live setting) scales the whole next step,
// the remembered velocity included.
TEST(Network, MomentumVelocityCarriesOverALearningRateChange) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 40, 0.0f, 3);
  Network net(Config({5, 4}, Activation::kElu));
  TrainOptions o = Options(Optimizer::kMomentum, 0.05f, 40);
  o.shuffle = false;
  o.momentum = 0.8f;
  std::vector<double> v(net.parameter_count(), 0.0);
  for (float lr : {0.2f, 0.01f, 0.1f}) {
    const std::vector<float> before = Parameters(net);
    const std::vector<float> g = Gradient(net, d);
    o.learning_rate = lr;
    EXPECT_TRUE(std::isfinite(Train(net, d, o)));
    const std::vector<float> got = Parameters(net);
    for (size_t i = 0; i < got.size(); ++i) {
      v[i] = o.momentum * v[i] + g[i];
      const double want = before[i] - lr * v[i];
      ASSERT_NEAR(got[i], want, 1e-5 * std::max(1.0, std::fabs(want)))
          << "learning rate " << lr << ", parameter " << i;
    }
  }
}

// Adam's bias correction counts steps (batches), not epochs: one epoch of two unshuffled batches is
// bit for bit two epochs of one batch each.
TEST(Network, AdamCountsStepsNotEpochs) {
  const Dataset d = make_dataset(DatasetKind::kGauss, 20, 0.1f, 5);
  Dataset first, second;
  first.x.assign(d.x.begin(), d.x.begin() + 20);
  first.y.assign(d.y.begin(), d.y.begin() + 10);
  second.x.assign(d.x.begin() + 20, d.x.end());
  second.y.assign(d.y.begin() + 10, d.y.end());
  TrainOptions o = Options(Optimizer::kAdam, 0.05f, 10);
  o.shuffle = false;
  Network one(Config({6}, Activation::kElu)), two(Config({6}, Activation::kElu));
  Train(one, d, o);
  Train(two, first, o);
  Train(two, second, o);
  EXPECT_TRUE(SameBits(Parameters(one), Parameters(two)));
}

// The shuffle is a uniform permutation: with 3 points, batch 1 and plain SGD, an epoch's result
// tells the order the points were taken in (it equals the unshuffled epoch on the points in that
// order), and over 64 seeds every one of the 6 orders occurs.
TEST(Network, ShuffleTakesEveryOrder) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 3, 0.0f, 2);
  const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
  TrainOptions o = Options(Optimizer::kSgd, 0.5f, 1);
  int seen[6] = {};
  for (uint32_t seed = 1; seed <= 64; ++seed) {
    NetworkConfig c = Config({4}, Activation::kElu);
    c.seed = seed;
    Network shuffled(c);
    o.shuffle = true;
    Train(shuffled, d, o);
    const std::vector<float> got = Parameters(shuffled);
    int match = -1;
    for (int k = 0; k < 6; ++k) {
      Dataset p;
      for (int j : orders[k]) {
        p.x.insert(p.x.end(), {d.x[2 * j], d.x[2 * j + 1]});
        p.y.push_back(d.y[j]);
      }
      Network fixed(c);
      o.shuffle = false;
      Train(fixed, p, o);
      if (SameBits(Parameters(fixed), got)) {
        EXPECT_EQ(match, -1) << "seed " << seed << ": two orders give the same parameters";
        match = k;
      }
    }
    ASSERT_NE(match, -1) << "seed " << seed << ": no order of the points gives the shuffled epoch";
    ++seen[match];
  }
  for (int k = 0; k < 6; ++k) {
    EXPECT_GT(seen[k], 0) << "order " << orders[k][0] << orders[k][1] << orders[k][2]
                          << " never drawn";
  }
}

TEST(Network, LastGradientNormIsTheLastBatchGradientNorm) {
  const Dataset d = make_dataset(DatasetKind::kGauss, 50, 0.2f, 2);
  Network net(Config({6}, Activation::kElu));
  EXPECT_EQ(net.last_gradient_norm(), 0.0f);
  const std::vector<float> g = Gradient(net, d);
  double sq = 0;
  for (float v : g) sq += double(v) * v;
  TrainOptions o = Options(Optimizer::kAdam, 0.01f, 50);  // one batch: the whole set
  o.regularization = Regularization::kL2;                 // not part of the norm
  o.regularization_rate = 0.5f;
  Train(net, d, o);
  EXPECT_NEAR(net.last_gradient_norm(), std::sqrt(sq), 1e-5 * std::sqrt(sq));
  EXPECT_GT(net.last_gradient_norm(), 0.0f);
}

// ---- Convergence --------------------------------------------------------------------------------

struct TrainingRun {
  DatasetKind kind;
  NetworkConfig config;
  TrainOptions options;
};

// Epochs until the test loss drops below `target`, or -1 within max_epochs: 500 noise-free points,
// half of them for training; the network and the data from `seed`.
int EpochsToTestLoss(const TrainingRun& run, uint32_t seed, float target, int max_epochs) {
  Dataset train, test;
  split_dataset(make_dataset(run.kind, 500, 0.0f, seed), 0.5f, seed, &train, &test);
  NetworkConfig c = run.config;
  c.seed = seed;
  Network net(c);
  for (int e = 1; e <= max_epochs; ++e) {
    EXPECT_TRUE(std::isfinite(Train(net, train, run.options)));
    if (net.evaluate(test.x.data(), test.y.data(), test.size()) < target) return e;
  }
  return -1;
}

// Epochs until the accuracy on all 500 (training) points reaches `target`, or -1.
int EpochsToTrainAccuracy(const TrainingRun& run, uint32_t seed, float target, int max_epochs) {
  const Dataset data = make_dataset(run.kind, 500, 0.0f, seed);
  NetworkConfig c = run.config;
  c.seed = seed;
  Network net(c);
  for (int e = 1; e <= max_epochs; ++e) {
    EXPECT_TRUE(std::isfinite(Train(net, data, run.options)));
    if (net.accuracy(data.x.data(), data.y.data(), data.size()) >= target) return e;
  }
  return -1;
}

// 2-8-8-1 ELU (alpha 1), Adam lr 0.03, batch 10, inputs x1 and x2.
TrainingRun PlaygroundRun(DatasetKind kind) {
  return {kind, Config({8, 8}, Activation::kElu), Options()};
}

// Epochs until the test loss (250 of 500 noise-free points) is below 0.05, measured (native and
// wasm alike):
//   seeds 1..5   circle 2 3 2 2 3, xor 3 3 2 3 3;   seeds 1..40: at most 4 for either.
// The limit, 6, is that worst case x 1.5 (runs can differ between builds, whose libm rounds the
// datasets' sin and cos and the loss's exp differently).
constexpr int kCircleXorEpochs = 6;

// Spiral with 2-8-8-1 takes 14..184 epochs (seeds 1..40) to 95% training accuracy: a long tail.
// 2-16-16-1 on x1, x2 alone (no sin features, so the ELU units have to bend the boundary) takes
//   seeds 1..5   12 14 11 26 26 (native), 12 14 11 29 26 (wasm);
//   seeds 1..30  at most 38 (native), 37 (wasm);
// the limit, 57, is that worst case x 1.5.
constexpr int kSpiralEpochs = 57;

void ExpectConverges(DatasetKind kind) {
  std::string epochs;
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    const int e = EpochsToTestLoss(PlaygroundRun(kind), seed, 0.05f, kCircleXorEpochs);
    epochs += " " + std::to_string(e);
    EXPECT_GT(e, 0) << "seed " << seed << ": test loss not < 0.05 in " << kCircleXorEpochs
                    << " epochs";
  }
  if (PrintErrors()) std::printf("%s epochs:%s\n", dataset_name(kind), epochs.c_str());
}

TEST(Network, ConvergesOnCircle) { ExpectConverges(DatasetKind::kCircle); }

TEST(Network, ConvergesOnXor) { ExpectConverges(DatasetKind::kXor); }

TEST(Network, ConvergesOnSpiral) {
  std::string epochs;
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    const TrainingRun run = {DatasetKind::kSpiral, Config({16, 16}, Activation::kElu), Options()};
    const int e = EpochsToTrainAccuracy(run, seed, 0.95f, kSpiralEpochs);
    epochs += " " + std::to_string(e);
    EXPECT_GT(e, 0) << "seed " << seed << ": training accuracy not >= 95% in " << kSpiralEpochs
                    << " epochs";
  }
  if (PrintErrors()) std::printf("spiral epochs:%s\n", epochs.c_str());
}

// The other datasets train too: these guard the regression and three-class paths end to end
// (measured, seed 1: plane 7.6e-4 after 20 epochs from 2.9; multigauss 0.011 after 100 from 15;
// three: 91% training accuracy at epoch 50, noisy from there on at lr 0.03).
TEST(Network, LearnsPlaneMultiGaussAndThree) {
  {
    const Dataset d = make_dataset(DatasetKind::kPlane, 200, 0.0f, 1);
    Network net(Config({4}, Activation::kElu, 1, Task::kRegression));
    for (int e = 0; e < 20; ++e) Train(net, d, Options());
    EXPECT_LT(net.evaluate(d.x.data(), d.y.data(), d.size()), 3e-3f);
    EXPECT_EQ(net.accuracy(d.x.data(), d.y.data(), d.size()), 0.0f);  // regression: 0
  }
  {
    const Dataset d = make_dataset(DatasetKind::kMultiGauss, 300, 0.0f, 1);
    Network net(Config({8, 8}, Activation::kElu, 1, Task::kRegression));
    for (int e = 0; e < 100; ++e) Train(net, d, Options());
    EXPECT_LT(net.evaluate(d.x.data(), d.y.data(), d.size()), 0.03f);
  }
  {
    const Dataset d = make_dataset(DatasetKind::kThree, 300, 0.0f, 1);
    Network net(Config({16, 16}, Activation::kElu, 3));
    float best = 0;
    for (int e = 0; e < 100 && best < 0.9f; ++e) {
      Train(net, d, Options());
      best = std::max(best, net.accuracy(d.x.data(), d.y.data(), d.size()));
    }
    EXPECT_GE(best, 0.9f);
  }
}

// ---- Determinism --------------------------------------------------------------------------------

std::vector<float> Losses(Network& net, const Dataset& d, int epochs) {
  std::vector<float> losses;
  for (int e = 0; e < epochs; ++e) losses.push_back(Train(net, d, Options()));
  return losses;
}

TEST(Network, ResetIsDeterministic) {
  const Dataset d = make_dataset(DatasetKind::kSpiral, 200, 0.3f, 9);
  NetworkConfig c = Config({8, 8}, Activation::kElu);
  Network net(c);
  net.reset(7);
  const std::vector<float> p1 = Parameters(net);
  const std::vector<float> l1 = Losses(net, d, 5);
  const std::vector<float> trained = Parameters(net);
  EXPECT_EQ(net.epoch(), 5u);
  EXPECT_FALSE(SameBits(p1, trained));

  net.reset(7);
  EXPECT_EQ(net.epoch(), 0u);
  EXPECT_EQ(net.last_gradient_norm(), 0.0f);
  EXPECT_TRUE(SameBits(Parameters(net), p1));
  EXPECT_TRUE(SameBits(Losses(net, d, 5), l1));
  EXPECT_TRUE(SameBits(Parameters(net), trained));

  c.seed = 7;  // the constructor seeds like reset
  Network fresh(c);
  EXPECT_TRUE(SameBits(Parameters(fresh), p1));
  EXPECT_TRUE(SameBits(Losses(fresh, d, 5), l1));

  net.reset(8);
  EXPECT_FALSE(SameBits(Parameters(net), p1));
  EXPECT_FALSE(SameBits(Losses(net, d, 5), l1));
}

TEST(Network, ShuffleComesFromTheSeed) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 100, 0.0f, 1);
  Network a(Config({4}, Activation::kElu)), b(Config({4}, Activation::kElu));
  TrainOptions o = Options();
  Train(a, d, o);
  o.shuffle = false;
  Train(b, d, o);  // same initial weights, other order: other result
  EXPECT_FALSE(SameBits(Parameters(a), Parameters(b)));
}

// The compare mode trains ELU and ReLU from the same initial weights: every He-initialized
// activation gives the same parameters for one seed (biases 0 included), the Glorot ones other.
TEST(Network, SameSeedGivesSameInitialWeightsAcrossHeActivations) {
  const std::vector<float> elu = Parameters(Network(Config({8, 8}, Activation::kElu)));
  for (Activation act : kAllActivations) {
    SCOPED_TRACE(activation_name(act));
    const std::vector<float> p = Parameters(Network(Config({8, 8}, act)));
    const bool glorot =
        act == Activation::kTanh || act == Activation::kSigmoid || act == Activation::kLinear;
    EXPECT_EQ(SameBits(p, elu), !glorot);
  }
  // The limits: He sqrt(6 / fan_in), Glorot sqrt(6 / (fan_in + fan_out)), output layer Glorot.
  Network net(Config({64, 64}, Activation::kRelu));
  const std::vector<float> p = Parameters(net);
  const size_t w0 = 64 * 2, w1 = 64 * 64, w2 = 64;
  const auto max_abs = [&](size_t from, size_t count) {
    float m = 0;
    for (size_t i = from; i < from + count; ++i) m = std::max(m, std::fabs(p[i]));
    return m;
  };
  EXPECT_LE(max_abs(0, w0), std::sqrt(6.0f / 2));
  EXPECT_GT(max_abs(0, w0), 0.9f * std::sqrt(6.0f / 2));
  EXPECT_EQ(max_abs(w0, 64), 0.0f);  // biases
  EXPECT_LE(max_abs(w0 + 64, w1), std::sqrt(6.0f / 64));
  EXPECT_GT(max_abs(w0 + 64, w1), 0.99f * std::sqrt(6.0f / 64));
  EXPECT_LE(max_abs(w0 + 64 + w1 + 64, w2), std::sqrt(6.0f / 65));
  EXPECT_GT(max_abs(w0 + 64 + w1 + 64, w2), 0.8f * std::sqrt(6.0f / 65));
  EXPECT_EQ(max_abs(w0 + 64 + w1 + 64 + w2, 1), 0.0f);
}

// ---- Live alpha ---------------------------------------------------------------------------------

TEST(Network, SetAlphaChangesOutputsNotParameters) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 100, 0.0f, 2);
  Network net(Config({8, 8}, Activation::kElu));
  for (int e = 0; e < 3; ++e) Train(net, d, Options());
  const std::vector<float> params = Parameters(net);
  const std::vector<float> before = Predict(net, d.x);
  net.set_alpha(0.2f);
  EXPECT_EQ(net.config().alpha, 0.2f);
  EXPECT_TRUE(SameBits(Parameters(net), params));
  const std::vector<float> after = Predict(net, d.x);
  size_t changed = 0;
  for (size_t i = 0; i < after.size(); ++i) changed += after[i] != before[i];
  EXPECT_GT(changed, after.size() / 2);
  net.set_alpha(1.0f);  // and back: the same outputs again
  EXPECT_TRUE(SameBits(Predict(net, d.x), before));
  net.set_alpha(0.2f);
  const float loss = Train(net, d, Options());
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_EQ(net.epoch(), 4u);
  EXPECT_FALSE(SameBits(Parameters(net), params));
}

// ---- Divergence ---------------------------------------------------------------------------------

void ExpectDivergedAndRestored(Network& net, const Dataset& d, const TrainOptions& o,
                               const std::vector<float>& before, uint64_t epoch) {
  EXPECT_TRUE(net.diverged());
  EXPECT_TRUE(SameBits(Parameters(net), before));
  EXPECT_EQ(net.epoch(), epoch);
  EXPECT_TRUE(std::isnan(Train(net, d, o)));  // and stays so
  EXPECT_TRUE(net.diverged());
  EXPECT_TRUE(SameBits(Parameters(net), before));
  EXPECT_EQ(net.epoch(), epoch);
}

TEST(Network, DivergenceWithSgdRestoresTheEpochsStart) {
  const Dataset d = make_dataset(DatasetKind::kPlane, 200, 0.0f, 3);
  Network net(Config({8, 8}, Activation::kElu, 1, Task::kRegression));
  ASSERT_TRUE(std::isfinite(Train(net, d, Options(Optimizer::kSgd, 0.01f))));
  const std::vector<float> before = Parameters(net);
  const TrainOptions wild = Options(Optimizer::kSgd, 10.0f);
  EXPECT_TRUE(std::isnan(Train(net, d, wild)));
  ExpectDivergedAndRestored(net, d, wild, before, 1);

  net.reset(3);
  EXPECT_FALSE(net.diverged());
  EXPECT_EQ(net.epoch(), 0u);
  const float first = Train(net, d, Options(Optimizer::kSgd, 0.01f));
  float last = first;
  for (int e = 0; e < 10; ++e) last = Train(net, d, Options(Optimizer::kSgd, 0.01f));
  EXPECT_TRUE(std::isfinite(last));
  EXPECT_LT(last, first);
}

// Outputs of 1e30, finite, but a squared error of 5e59 per point: the mean loss is beyond the
// float range. That is divergence (NaN, weights restored), not a finite epoch returning +-inf, which
// tests/fuzz/network_fuzz found.
TEST(Network, LossBeyondTheFloatRangeDiverges) {
  const Dataset d = make_dataset(DatasetKind::kPlane, 20, 0.0f, 3);
  Network net(Config({4}, Activation::kElu, 1, Task::kRegression));
  std::vector<float> p(net.parameter_count(), 0.0f);
  p.back() = 1e30f;  // the output bias
  net.set_parameters(p.data());
  const TrainOptions o = Options(Optimizer::kSgd, 1e-12f);
  EXPECT_TRUE(std::isnan(Train(net, d, o)));
  ExpectDivergedAndRestored(net, d, o, p, 0);

  // Below: a label of -1e30 (outside the precondition) and logits of -1e10 make BCE -1e40.
  Dataset bad = make_dataset(DatasetKind::kCircle, 20, 0.0f, 3);
  for (float& y : bad.y) y = -1e30f;
  Network classifier(Config({4}, Activation::kElu));
  std::vector<float> q(classifier.parameter_count(), 0.0f);
  q.back() = -1e10f;
  classifier.set_parameters(q.data());
  EXPECT_TRUE(std::isnan(Train(classifier, bad, o)));
  ExpectDivergedAndRestored(classifier, bad, o, q, 0);
}

// An infinite point at the end of an unshuffled epoch: the epoch's first nine batches have
// updated the parameters before the loss overflows; all of it is rolled back. (The optimizer state
// is restored too, but that cannot be observed: a diverged network trains no more until reset.)
TEST(Network, DivergenceLateInTheEpochRestoresTheEpochsStart) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 100, 0.0f, 4);
  Dataset bad = d;
  bad.x[2 * 99] = INFINITY;
  for (Optimizer opt : {Optimizer::kSgd, Optimizer::kMomentum, Optimizer::kAdam}) {
    SCOPED_TRACE(int(opt));
    TrainOptions o = Options(opt, 0.01f);
    o.shuffle = false;
    Network net(Config({8, 8}, Activation::kElu));
    Train(net, d, o);
    const std::vector<float> before = Parameters(net);
    EXPECT_TRUE(std::isnan(Train(net, bad, o)));
    ExpectDivergedAndRestored(net, bad, o, before, 1);
    EXPECT_TRUE(std::isnan(Train(net, d, o)));  // even on good data
    EXPECT_TRUE(SameBits(Parameters(net), before));
    net.reset(1);
    EXPECT_FALSE(net.diverged());
    EXPECT_TRUE(std::isfinite(Train(net, d, o)));
    EXPECT_EQ(net.epoch(), 1u);
  }
}

// Adam's steps are about the learning rate in size, so lr 10 does not overflow; with lr 1e30 the
// first step makes the weights ~1e30, and the next batch's logits (~1e30 x 1e30) overflow.
TEST(Network, DivergenceWithAdam) {
  const Dataset d = make_dataset(DatasetKind::kXor, 100, 0.0f, 5);
  Network net(Config({8}, Activation::kElu));
  const std::vector<float> before = Parameters(net);
  const TrainOptions wild = Options(Optimizer::kAdam, 1e30f);
  EXPECT_TRUE(std::isnan(Train(net, d, wild)));
  ExpectDivergedAndRestored(net, d, wild, before, 0);
  net.reset(1);
  EXPECT_TRUE(SameBits(Parameters(net), before));
  EXPECT_TRUE(std::isfinite(Train(net, d, Options())));
}

}  // namespace
