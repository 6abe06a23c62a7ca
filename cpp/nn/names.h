// The names the JS API and the docs use for the network's enums, in one table each, so that the
// bindings pass names and no other code depends on the order of an enum.
//   Task            classification regression
//   Optimizer       sgd momentum adam
//   Regularization  none l1 l2
//   Feature         x1 x2 x1^2 x2^2 x1*x2 sin(x1) sin(x2)   (the order the network derives them in)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nn/network.h"

namespace elu::nn {

// parse_*: false (out untouched) for an unknown name. *_name: the name, "unknown" outside the enum.
bool parse_task(const std::string& name, Task* out);
bool parse_optimizer(const std::string& name, Optimizer* out);
bool parse_regularization(const std::string& name, Regularization* out);
bool parse_feature(const std::string& name, Feature* out);
const char* task_name(Task t);
const char* optimizer_name(Optimizer o);
const char* regularization_name(Regularization r);
const char* feature_name(Feature f);

// Every name of one table, in its documented order: kind is "task", "optimizer", "regularization"
// or "feature"; empty for another kind.
std::vector<std::string> enum_names(const std::string& kind);

}  // namespace elu::nn
