#include "nn/names.h"

#include <utility>

namespace elu::nn {
namespace {

template <class E, size_t N>
using Table = std::pair<E, const char*>[N];

constexpr Table<Task, 2> kTasks = {{Task::kClassification, "classification"}, {Task::kRegression, "regression"}};
constexpr Table<Optimizer, 3> kOptimizers = {
    {Optimizer::kSgd, "sgd"}, {Optimizer::kMomentum, "momentum"}, {Optimizer::kAdam, "adam"}};
constexpr Table<Regularization, 3> kRegularizations = {
    {Regularization::kNone, "none"}, {Regularization::kL1, "l1"}, {Regularization::kL2, "l2"}};
constexpr Table<Feature, 7> kFeatures = {
    {kX1, "x1"},         {kX2, "x2"},          {kX1Squared, "x1^2"}, {kX2Squared, "x2^2"},
    {kX1TimesX2, "x1*x2"}, {kSinX1, "sin(x1)"}, {kSinX2, "sin(x2)"}};

template <class E, size_t N>
bool parse(const Table<E, N>& table, const std::string& name, E* out) {
  for (const auto& [value, text] : table) {
    if (name == text) {
      *out = value;
      return true;
    }
  }
  return false;
}

template <class E, size_t N>
const char* name_of(const Table<E, N>& table, E value) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "unknown";
}

template <class E, size_t N>
std::vector<std::string> names(const Table<E, N>& table) {
  std::vector<std::string> out;
  for (const auto& entry : table) out.emplace_back(entry.second);
  return out;
}

}  // namespace

bool parse_task(const std::string& name, Task* out) { return parse(kTasks, name, out); }
bool parse_optimizer(const std::string& name, Optimizer* out) { return parse(kOptimizers, name, out); }
bool parse_regularization(const std::string& name, Regularization* out) {
  return parse(kRegularizations, name, out);
}
bool parse_feature(const std::string& name, Feature* out) { return parse(kFeatures, name, out); }
const char* task_name(Task t) { return name_of(kTasks, t); }
const char* optimizer_name(Optimizer o) { return name_of(kOptimizers, o); }
const char* regularization_name(Regularization r) { return name_of(kRegularizations, r); }
const char* feature_name(Feature f) { return name_of(kFeatures, f); }

std::vector<std::string> enum_names(const std::string& kind) {
  if (kind == "task") return names(kTasks);
  if (kind == "optimizer") return names(kOptimizers);
  if (kind == "regularization") return names(kRegularizations);
  if (kind == "feature") return names(kFeatures);
  return {};
}

}  // namespace elu::nn
