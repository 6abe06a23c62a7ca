// validate() of network.h: the ranges network.h states, with messages that name the field, the
// accepted range and the value given.
#include <cmath>
#include <cstdint>
#include <string>

#include "nn/network.h"
#include "nn/text.h"

namespace elu::nn {

using kernels::Activation;

namespace {

bool is_activation(Activation a) {
  return static_cast<int>(a) >= static_cast<int>(Activation::kRelu) &&
         static_cast<int>(a) <= static_cast<int>(Activation::kLinear);
}

}  // namespace

std::string validate(const NetworkConfig& c) {
  const size_t layers = c.hidden.size();
  if (layers < 1 || layers > size_t(kMaxHiddenLayers)) {
    return "hidden: expected 1.." + number(kMaxHiddenLayers) + " layers, got " + number(layers);
  }
  for (size_t l = 0; l < layers; ++l) {
    if (c.hidden[l] < 1 || c.hidden[l] > kMaxUnits) {
      return "hidden[" + number(l) + "]: expected 1.." + number(kMaxUnits) + " units, got " +
             number(c.hidden[l]);
    }
  }
  if (c.activations.size() != 1 && c.activations.size() != layers) {
    return "activations: expected 1 or " + number(layers) +
           " entries (one per hidden layer), got " + number(c.activations.size());
  }
  bool celu = false;
  for (size_t l = 0; l < c.activations.size(); ++l) {
    if (!is_activation(c.activations[l])) {
      return "activations[" + number(l) + "]: unknown activation " +
             number(static_cast<int>(c.activations[l]));
    }
    celu = celu || c.activations[l] == Activation::kCelu;
  }
  if (!std::isfinite(c.alpha)) return "alpha: expected a finite value, got " + number(c.alpha);
  if (celu && c.alpha == 0.0f) return "alpha: must be nonzero for celu";
  if (!std::isfinite(c.leaky_slope)) {
    return "leaky_slope: expected a finite value, got " + number(c.leaky_slope);
  }
  if (c.task == Task::kClassification) {
    if (c.outputs < 1 || c.outputs > kMaxOutputs) {
      return "outputs: expected 1.." + number(kMaxOutputs) + " for classification, got " +
             number(c.outputs);
    }
  } else if (c.task == Task::kRegression) {
    if (c.outputs != 1) return "outputs: expected 1 for regression, got " + number(c.outputs);
  } else {
    return "task: unknown task " + number(static_cast<int>(c.task));
  }
  if (c.features == 0 || (c.features & ~uint32_t(kAllFeatures)) != 0) {
    return "features: expected a nonzero subset of the bits 0..6 (x1 x2 x1^2 x2^2 x1*x2 sin(x1) "
           "sin(x2)), got " + number(c.features);
  }
  return "";
}

std::string validate(const TrainOptions& o) {
  if (o.batch_size < 1) return "batch_size: expected >= 1, got " + number(o.batch_size);
  if (!(o.learning_rate > 0.0f) || !std::isfinite(o.learning_rate)) {
    return "learning_rate: expected a finite value > 0, got " + number(o.learning_rate);
  }
  if (o.optimizer != Optimizer::kSgd && o.optimizer != Optimizer::kMomentum &&
      o.optimizer != Optimizer::kAdam) {
    return "optimizer: unknown optimizer " + number(static_cast<int>(o.optimizer));
  }
  if (!(o.momentum >= 0.0f && o.momentum < 1.0f)) {
    return "momentum: expected a value in [0, 1), got " + number(o.momentum);
  }
  if (!(o.beta1 >= 0.0f && o.beta1 < 1.0f)) {
    return "beta1: expected a value in [0, 1), got " + number(o.beta1);
  }
  if (!(o.beta2 >= 0.0f && o.beta2 < 1.0f)) {
    return "beta2: expected a value in [0, 1), got " + number(o.beta2);
  }
  if (!(o.epsilon > 0.0f) || !std::isfinite(o.epsilon)) {
    return "epsilon: expected a finite value > 0, got " + number(o.epsilon);
  }
  if (o.regularization != Regularization::kNone && o.regularization != Regularization::kL1 &&
      o.regularization != Regularization::kL2) {
    return "regularization: unknown kind " + number(static_cast<int>(o.regularization));
  }
  if (!(o.regularization_rate >= 0.0f) || !std::isfinite(o.regularization_rate)) {
    return "regularization_rate: expected a finite value >= 0, got " + number(o.regularization_rate);
  }
  return "";
}

}  // namespace elu::nn
