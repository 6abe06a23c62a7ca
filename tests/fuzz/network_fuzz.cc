// libFuzzer target: the network API of nn/network.h and the datasets of nn/datasets.h.
// A random configuration, valid or not: validate() must agree with the ranges network.h states
// (checked here independently), and only valid ones are built. Then a random sequence of calls,
// every buffer of exactly the size the API documents, with these invariants:
//   * train_epoch (random valid options, learning rates up to FLT_MAX): NaN exactly when diverged()
//     afterwards; a diverging epoch, and any epoch while diverged, leaves the parameters bit for bit
//     and the epoch count as they were; otherwise the loss is finite and >= 0 (valid labels), the
//     parameters finite and the epoch count one more;
//   * reset(seed) clears diverged() and the epoch count and gives the parameters of a new network
//     built with that seed; set_alpha changes no parameter; set_parameters / get_parameters round-trip;
//   * predict's rows do not depend on the batch (row i of a batch = point i alone); predict_grid
//     and the output layer of neuron_grid are predict at the pixel centers, neuron_outputs there is
//     neuron_grid; grid_rgba is the lut entry network.h's formula gives; probabilities lie in
//     [0, 1]; accuracy in [0, 1]; stats have one entry per hidden layer with dead fractions in
//     [0, 1], one per unit with active fractions in [0, 1], dead units counted by the fraction;
//   * datasets: n points, finite, labels of the task, the same data for the same arguments; a split
//     keeps every point (fractions outside [0, 1) and NaN included).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_input.h"
#include "network_fuzz_config.h"
#include "network_fuzz_inference.h"
#include "nn/datasets.h"
#include "nn/network.h"

namespace {

using namespace elu::nn;
using elu::fuzz::Exact;
using elu::fuzz::Same;
using elu::fuzz::Values;

std::vector<float> Parameters(const Network& net) {
  Exact<float> p(net.parameter_count());
  net.get_parameters(p.data());
  return std::vector<float>(p.data(), p.data() + p.size());
}

bool SameAll(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (elu::testing::to_bits(a[i]) != elu::testing::to_bits(b[i])) return false;
  }
  return true;
}

bool AllFinite(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float f) { return std::isfinite(f); });
}

// The points and targets the calls use: a dataset, or raw values from the fuzzer.
struct Data {
  std::vector<float> x, y;
  size_t n() const { return y.size(); }
  bool valid_labels = true;
};

Data MakeData(Values& v, const Network& net) {
  Data d;
  const size_t k = size_t(net.outputs());
  const bool regression = net.config().task == Task::kRegression;
  if (v.Int(0, 1) == 0) {
    const DatasetKind kind = DatasetKind(v.Int(0, 6));
    const Dataset set = make_dataset(kind, size_t(v.Int(1, 300)), v.Float(), uint32_t(v.Int(0, 99)));
    d.x = set.x;
    d.y = set.y;
    // Any target suits regression; class labels 0..2 (kThree) need 3 or more classes.
    d.valid_labels = regression || (dataset_task(kind) == Task::kClassification &&
                                    size_t(dataset_outputs(kind)) <= std::max<size_t>(k, 2));
    return d;
  }
  const size_t n = size_t(v.Int(1, 64));
  d.valid_labels = v.Int(0, 3) != 0;
  for (size_t i = 0; i < 2 * n; ++i) d.x.push_back(v.Float());
  for (size_t i = 0; i < n; ++i) {
    if (!d.valid_labels) {
      d.y.push_back(v.Float());
    } else if (regression) {
      d.y.push_back(v.provider().ConsumeFloatingPointInRange<float>(-10.0f, 10.0f));
    } else {
      d.y.push_back(float(v.Int(0, int(std::max<size_t>(k, 2)) - 1)));
    }
  }
  return d;
}

void CheckTrainEpoch(Values& v, Network& net, const Data& d) {
  TrainOptions o = elu::fuzz::MakeOptions(v);
  const std::string error = validate(o);
  FUZZ_CHECK(error.empty() == elu::fuzz::OptionsValid(o), "validate(options) says '%s'",
             error.c_str());
  if (!error.empty()) return;
  const std::vector<float> before = Parameters(net);
  const bool was_diverged = net.diverged();
  const uint64_t epoch = net.epoch();
  Exact<float> x(2 * d.n()), y(d.n());
  std::copy(d.x.begin(), d.x.end(), x.data());
  std::copy(d.y.begin(), d.y.end(), y.data());
  const float loss = net.train_epoch(x.data(), y.data(), d.n(), o);
  FUZZ_CHECK(std::isnan(loss) == net.diverged(), "loss %g, diverged %d", loss, net.diverged());
  if (std::isnan(loss)) {
    FUZZ_CHECK(SameAll(Parameters(net), before), "parameters changed by a NaN epoch (was %d)",
               was_diverged);
    FUZZ_CHECK(net.epoch() == epoch, "epoch count changed by a NaN epoch");
    return;
  }
  FUZZ_CHECK(std::isfinite(loss), "training loss %g", loss);
  if (d.valid_labels) FUZZ_CHECK(loss >= 0.0f, "training loss %g < 0", loss);
  FUZZ_CHECK(AllFinite(Parameters(net)), "non-finite parameters after a finite epoch");
  FUZZ_CHECK(net.epoch() == epoch + 1, "epoch count");
}

void CheckReset(Values& v, Network& net) {
  const uint32_t seed = uint32_t(v.Int(0, 1000));
  net.reset(seed);
  FUZZ_CHECK(!net.diverged() && net.epoch() == 0 && net.last_gradient_norm() == 0.0f,
             "reset state");
  NetworkConfig c = net.config();
  c.seed = seed;
  FUZZ_CHECK(SameAll(Parameters(net), Parameters(Network(c))), "reset(%u) != new network", seed);
}

void CheckSetParameters(Values& v, Network& net) {
  Exact<float> p(net.parameter_count());
  for (size_t i = 0; i < p.size(); ++i) p[i] = v.Float();
  net.set_parameters(p.data());
  const std::vector<float> got = Parameters(net);
  for (size_t i = 0; i < p.size(); ++i) FUZZ_CHECK(Same(got[i], p[i]), "parameter %zu", i);
}

void CheckSetAlpha(Values& v, Network& net) {
  float alpha = v.Float();
  if (!std::isfinite(alpha)) alpha = 1.0f;  // precondition: finite
  const std::vector<float> before = Parameters(net);
  net.set_alpha(alpha);
  FUZZ_CHECK(net.config().alpha == alpha, "alpha not set");
  FUZZ_CHECK(SameAll(Parameters(net), before), "set_alpha changed parameters");
}

void CheckDatasets(Values& v) {
  const DatasetKind kind = DatasetKind(v.Int(0, 6));
  const size_t n = size_t(v.Int(0, 300));
  const float noise = v.Float(), fraction = v.Float();
  const uint32_t seed = uint32_t(v.Int(0, 1 << 20));
  const Dataset a = make_dataset(kind, n, noise, seed), b = make_dataset(kind, n, noise, seed);
  FUZZ_CHECK(a.size() == n && a.x.size() == 2 * n, "%s: %zu points for n=%zu",
             dataset_name(kind), a.size(), n);
  FUZZ_CHECK(SameAll(a.x, b.x) && SameAll(a.y, b.y), "%s is not deterministic", dataset_name(kind));
  FUZZ_CHECK(AllFinite(a.x) && AllFinite(a.y), "%s: non-finite data (noise %g)", dataset_name(kind),
             noise);
  for (float label : a.y) {
    if (dataset_task(kind) == Task::kRegression) continue;
    FUZZ_CHECK(label == std::floor(label) && label >= 0 && label < float(std::max(
               2, dataset_outputs(kind))), "%s: label %g", dataset_name(kind), label);
  }
  Dataset train, test;
  split_dataset(a, fraction, seed, &train, &test);
  FUZZ_CHECK(train.size() + test.size() == n && train.x.size() == 2 * train.size(),
             "split(%g) of %zu: %zu + %zu", fraction, n, train.size(), test.size());
  if (fraction >= 0.0f && fraction < 1.0f) {
    FUZZ_CHECK(train.size() == size_t(std::round(double(n) * (1.0 - double(fraction)))),
               "split(%g) of %zu keeps %zu", fraction, n, train.size());
  }
  std::vector<float> all = train.y, parts = a.y;
  all.insert(all.end(), test.y.begin(), test.y.end());
  std::sort(all.begin(), all.end());
  std::sort(parts.begin(), parts.end());
  FUZZ_CHECK(SameAll(all, parts), "split lost or changed labels");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider provider(bytes, size);
  Values v(provider);
  if (v.Int(0, 7) == 0) {
    CheckDatasets(v);
    return 0;
  }
  const NetworkConfig config = elu::fuzz::MakeConfig(v);
  const std::string error = validate(config);
  FUZZ_CHECK(error.empty() == elu::fuzz::ConfigValid(config), "validate(config) says '%s'",
             error.c_str());
  if (!error.empty()) return 0;
  Network net(config);
  Data d = MakeData(v, net);
  for (int step = 0; step < 24 && provider.remaining_bytes() > 0; ++step) {
    switch (v.Int(0, 9)) {
      case 0: case 1: CheckTrainEpoch(v, net, d); break;
      case 2: CheckReset(v, net); break;
      case 3: CheckSetParameters(v, net); break;
      case 4: CheckSetAlpha(v, net); break;
      case 5: d = MakeData(v, net); break;
      default: elu::fuzz::CheckInference(v, net, d.x, d.y, d.valid_labels); break;
    }
  }
  return 0;
}
