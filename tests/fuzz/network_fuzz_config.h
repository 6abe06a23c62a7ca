// For network_fuzz.cc: random network configurations and training options (valid or not), and
// the ranges network.h documents for them, written out independently of validate().
#pragma once

#include <cmath>
#include <cstdint>

#include "fuzz_input.h"
#include "nn/network.h"

namespace elu::fuzz {

// Mostly small networks (fast runs), sometimes at or past the limits.
inline nn::NetworkConfig MakeConfig(Values& v) {
  nn::NetworkConfig c;
  const int layers = v.Int(0, 3) == 0 ? v.Int(0, nn::kMaxHiddenLayers + 1) : v.Int(1, 3);
  c.hidden.clear();
  for (int l = 0; l < layers; ++l) {
    c.hidden.push_back(v.Int(0, 7) == 0 ? v.Int(-1, nn::kMaxUnits + 1) : v.Int(1, 8));
  }
  c.activations.clear();
  const int count = v.Int(0, 3) == 0 ? v.Int(0, layers + 1) : (v.Int(0, 1) ? 1 : layers);
  for (int i = 0; i < count; ++i) {
    c.activations.push_back(kernels::Activation(v.Int(0, 15) == 0 ? v.Int(-2, 13) : v.Int(0, 10)));
  }
  c.alpha = v.Int(0, 1) ? v.Float() : 1.0f;
  c.leaky_slope = v.Int(0, 3) == 0 ? v.Float() : 0.01f;
  c.task = nn::Task(v.Int(0, 15) == 0 ? v.Int(-1, 3) : v.Int(0, 1));
  c.outputs = v.Int(0, 3) == 0 ? v.Int(-1, nn::kMaxOutputs + 1) : 1;
  c.features = v.Int(0, 3) == 0 ? uint32_t(v.Int(0, 255)) : uint32_t(v.Int(1, 127));
  c.seed = uint32_t(v.Int(0, 1 << 30));
  return c;
}

// NetworkConfig's documented ranges (network.h).
inline bool ConfigValid(const nn::NetworkConfig& c) {
  const size_t layers = c.hidden.size();
  if (layers < 1 || layers > size_t(nn::kMaxHiddenLayers)) return false;
  for (int units : c.hidden) {
    if (units < 1 || units > nn::kMaxUnits) return false;
  }
  if (c.activations.size() != 1 && c.activations.size() != layers) return false;
  for (kernels::Activation a : c.activations) {
    if (!kernels::parse_activation(kernels::activation_name(a), nullptr)) return false;
    if (a == kernels::Activation::kCelu && c.alpha == 0.0f) return false;
  }
  if (!std::isfinite(c.alpha) || !std::isfinite(c.leaky_slope)) return false;
  if (c.task == nn::Task::kClassification) {
    if (c.outputs < 1 || c.outputs > nn::kMaxOutputs) return false;
  } else if (c.task != nn::Task::kRegression || c.outputs != 1) {
    return false;
  }
  return c.features != 0 && (c.features & ~uint32_t(nn::kAllFeatures)) == 0;
}

// Learning rates from the fuzzer's floats (FLT_MAX, subnormals, negatives, NaN included).
inline nn::TrainOptions MakeOptions(Values& v) {
  nn::TrainOptions o;
  o.batch_size = v.Int(0, 7) == 0 ? v.Int(-2, 400) : v.Int(1, 32);
  o.learning_rate = v.Int(0, 1) ? v.Float() : 0.03f;
  o.optimizer = nn::Optimizer(v.Int(0, 15) == 0 ? v.Int(-1, 4) : v.Int(0, 2));
  o.momentum = v.Int(0, 3) == 0 ? v.Float() : 0.9f;
  if (v.Int(0, 3) == 0) {
    o.beta1 = v.Float();
    o.beta2 = v.Float();
    o.epsilon = v.Float();
  }
  o.regularization = nn::Regularization(v.Int(0, 15) == 0 ? v.Int(-1, 4) : v.Int(0, 2));
  o.regularization_rate = v.Int(0, 1) ? v.Float() : 0.0f;
  o.shuffle = v.Int(0, 1) == 1;
  return o;
}

// TrainOptions' documented ranges (network.h).
inline bool OptionsValid(const nn::TrainOptions& o) {
  auto in_unit = [](float f) { return f >= 0.0f && f < 1.0f; };
  auto positive = [](float f) { return f > 0.0f && std::isfinite(f); };
  const int optimizer = int(o.optimizer), regularization = int(o.regularization);
  return o.batch_size >= 1 && positive(o.learning_rate) && optimizer >= 0 && optimizer <= 2 &&
         in_unit(o.momentum) && in_unit(o.beta1) && in_unit(o.beta2) && positive(o.epsilon) &&
         regularization >= 0 && regularization <= 2 && o.regularization_rate >= 0.0f &&
         std::isfinite(o.regularization_rate);
}

}  // namespace elu::fuzz
