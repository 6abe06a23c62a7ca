// Embind entry points for the network and the datasets: raw pointers into wasm memory, no logic.
// The config (a value object) and the training options (a class with properties) cross by name,
// enums as the names of nn/names.h, so nothing in JS depends on the order of a C++ enum. web/src/network.js and
// datasets.js check every argument before calling; validate() checks the config again here
// before a network is built.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "nn/datasets.h"
#include "nn/names.h"
#include "nn/network.h"

namespace {

using elu::nn::Network;
using elu::nn::NetworkConfig;
using elu::nn::TrainOptions;
using emscripten::val;

float* f32(uintptr_t p) { return reinterpret_cast<float*>(p); }
uint8_t* u8(uintptr_t p) { return reinterpret_cast<uint8_t*>(p); }

// An enum field of the config or the options, as its name: an unknown name leaves the field at a value that
// validate() rejects (-1), so the error names the field.
template <class E, bool (*Parse)(const std::string&, E*), const char* (*Name)(E)>
struct ByName {
  template <class T, E T::*Field>
  static std::string get(const T& t) { return Name(t.*Field); }
  template <class T, E T::*Field>
  static void set(T& t, const std::string& name) {
    if (!Parse(name, &(t.*Field))) t.*Field = static_cast<E>(-1);
  }
};
using TaskName = ByName<elu::nn::Task, elu::nn::parse_task, elu::nn::task_name>;
using OptimizerName = ByName<elu::nn::Optimizer, elu::nn::parse_optimizer, elu::nn::optimizer_name>;
using RegularizationName =
    ByName<elu::nn::Regularization, elu::nn::parse_regularization, elu::nn::regularization_name>;

template <class T>
val js_array(const std::vector<T>& items) {
  val out = val::array();
  for (const T& item : items) out.call<void>("push", item);
  return out;
}

// The config's arrays: hidden units, activation names, feature names (JS arrays).
val get_hidden(const NetworkConfig& c) { return js_array(c.hidden); }
void set_hidden(NetworkConfig& c, val v) { c.hidden = emscripten::vecFromJSArray<int>(v); }
val get_activations(const NetworkConfig& c) {
  std::vector<std::string> names;
  for (auto a : c.activations) names.emplace_back(elu::kernels::activation_name(a));
  return js_array(names);
}
void set_activations(NetworkConfig& c, val v) {
  c.activations.clear();
  for (const auto& name : emscripten::vecFromJSArray<std::string>(v)) {
    elu::kernels::Activation a;
    c.activations.push_back(elu::kernels::parse_activation(name.c_str(), &a)
                                ? a : static_cast<elu::kernels::Activation>(-1));
  }
}
val get_features(const NetworkConfig& c) {
  std::vector<std::string> names;
  for (uint32_t bit = 1; bit & elu::nn::kAllFeatures; bit <<= 1) {
    if (c.features & bit) names.emplace_back(elu::nn::feature_name(elu::nn::Feature(bit)));
  }
  return js_array(names);
}
// Unknown or repeated names leave a bit outside kAllFeatures, which validate() rejects.
void set_features(NetworkConfig& c, val v) {
  c.features = 0;
  for (const auto& name : emscripten::vecFromJSArray<std::string>(v)) {
    elu::nn::Feature f;
    const bool ok = elu::nn::parse_feature(name, &f) && !(c.features & f);
    c.features |= ok ? uint32_t(f) : ~uint32_t(elu::nn::kAllFeatures);
  }
}

std::string config_error(const NetworkConfig& c) { return elu::nn::validate(c); }
val enum_names(const std::string& kind) { return js_array(elu::nn::enum_names(kind)); }

// Precondition: config_error(c) is empty (checked by the caller).
Network* create_network(const NetworkConfig& c) { return new Network(c); }

// Precondition: the options are valid (web/src/network.js checks every field before the call).
float train_epoch(Network& net, uintptr_t x, uintptr_t y, uint32_t n, const TrainOptions& o) {
  return net.train_epoch(f32(x), f32(y), n, o);
}

float evaluate(const Network& net, uintptr_t x, uintptr_t y, uint32_t n) {
  return net.evaluate(f32(x), f32(y), n);
}
float accuracy(const Network& net, uintptr_t x, uintptr_t y, uint32_t n) {
  return net.accuracy(f32(x), f32(y), n);
}
void predict(const Network& net, uintptr_t x, uint32_t n, uintptr_t out) {
  net.predict(f32(x), n, f32(out));
}
// Writes, for L hidden layers of H units in all: 2 floats per layer (mean activation, dead
// fraction), then per hidden unit in neuron order its mean activation (H floats), its active
// fraction (H floats) and 1 if it is dead, else 0 (H floats): 2 L + 3 H floats. Returns L.
int stats(const Network& net, uintptr_t x, uint32_t n, uintptr_t out) {
  const auto s = net.stats(f32(x), n);
  float* layers = f32(out);
  size_t units = 0;
  for (const auto& layer : s) units += layer.unit_dead.size();
  float* mean = layers + 2 * s.size();
  float* active = mean + units;
  float* dead = active + units;
  for (const auto& layer : s) {
    *layers++ = layer.mean_activation;
    *layers++ = layer.dead_fraction;
    for (size_t j = 0; j < layer.unit_dead.size(); ++j) {
      *mean++ = layer.unit_mean_activation[j];
      *active++ = layer.unit_active_fraction[j];
      *dead++ = layer.unit_dead[j] ? 1.0f : 0.0f;
    }
  }
  return int(s.size());
}
// out: neuronCount() x n floats, [neuron][point].
void neuron_outputs(const Network& net, uintptr_t x, uint32_t n, uintptr_t out) {
  net.neuron_outputs(f32(x), n, f32(out));
}
void predict_grid(const Network& net, float x0, float x1, float y0, float y1, int w, int h,
                  uintptr_t out) {
  net.predict_grid(x0, x1, y0, y1, w, h, f32(out));
}
void grid_rgba(const Network& net, float x0, float x1, float y0, float y1, int w, int h,
               uintptr_t lut, float v_min, float v_max, uintptr_t rgba) {
  net.grid_rgba(x0, x1, y0, y1, w, h, u8(lut), v_min, v_max, u8(rgba));
}
void neuron_grid(const Network& net, float x0, float x1, float y0, float y1, int w, int h,
                 uintptr_t out) {
  net.neuron_grid(x0, x1, y0, y1, w, h, f32(out));
}
void get_parameters(const Network& net, uintptr_t out) { net.get_parameters(f32(out)); }
void set_parameters(Network& net, uintptr_t in) { net.set_parameters(f32(in)); }
void gradient(const Network& net, uintptr_t x, uintptr_t y, uint32_t n, uintptr_t out) {
  net.gradient(f32(x), f32(y), n, f32(out));
}
double epoch(const Network& net) { return double(net.epoch()); }
size_t parameter_count(const Network& net) { return net.parameter_count(); }
size_t neuron_count(const Network& net) { return net.neuron_count(); }

int dataset_id(const std::string& name) {
  elu::nn::DatasetKind kind;
  return elu::nn::parse_dataset(name.c_str(), &kind) ? static_cast<int>(kind) : -1;
}
std::string dataset_name(int id) {
  return elu::nn::dataset_name(static_cast<elu::nn::DatasetKind>(id));
}
int dataset_outputs(int id) {
  return elu::nn::dataset_outputs(static_cast<elu::nn::DatasetKind>(id));
}
std::string dataset_task(int id) {
  return elu::nn::task_name(elu::nn::dataset_task(static_cast<elu::nn::DatasetKind>(id)));
}
// Writes n x 2 coordinates to x and n targets to y.
void make_dataset(int id, uint32_t n, float noise, uint32_t seed, uintptr_t x, uintptr_t y) {
  const auto d = elu::nn::make_dataset(static_cast<elu::nn::DatasetKind>(id), n, noise, seed);
  std::copy(d.x.begin(), d.x.end(), f32(x));
  std::copy(d.y.begin(), d.y.end(), f32(y));
}
// Shuffles (x, y) in place into train points first, then test points; returns the train count.
uint32_t split_dataset(uintptr_t x, uintptr_t y, uint32_t n, float test_fraction, uint32_t seed) {
  elu::nn::Dataset all, train, test;
  all.x.assign(f32(x), f32(x) + 2 * n);
  all.y.assign(f32(y), f32(y) + n);
  elu::nn::split_dataset(all, test_fraction, seed, &train, &test);
  std::copy(train.x.begin(), train.x.end(), f32(x));
  std::copy(test.x.begin(), test.x.end(), f32(x) + train.x.size());
  std::copy(train.y.begin(), train.y.end(), f32(y));
  std::copy(test.y.begin(), test.y.end(), f32(y) + train.y.size());
  return uint32_t(train.size());
}

}  // namespace

EMSCRIPTEN_BINDINGS(elu_network) {
  using emscripten::allow_raw_pointers;
  emscripten::value_object<NetworkConfig>("NetworkConfig")
      .field("hidden", &get_hidden, &set_hidden)
      .field("activations", &get_activations, &set_activations)
      .field("alpha", &NetworkConfig::alpha)
      .field("leakySlope", &NetworkConfig::leaky_slope)
      .field("task", &TaskName::get<NetworkConfig, &NetworkConfig::task>,
             &TaskName::set<NetworkConfig, &NetworkConfig::task>)
      .field("outputs", &NetworkConfig::outputs)
      .field("features", &get_features, &set_features)
      .field("seed", &NetworkConfig::seed);
  // A class, not a value object: web/src/network.js keeps one per network and sets only the fields
  // that change, so a training epoch passes a pointer instead of converting seven fields each call.
  emscripten::class_<TrainOptions>("TrainOptions")
      .constructor<>()
      .property("batchSize", &TrainOptions::batch_size)
      .property("learningRate", &TrainOptions::learning_rate)
      .property("optimizer", &OptimizerName::get<TrainOptions, &TrainOptions::optimizer>,
                &OptimizerName::set<TrainOptions, &TrainOptions::optimizer>)
      .property("momentum", &TrainOptions::momentum)
      .property("regularization", &RegularizationName::get<TrainOptions, &TrainOptions::regularization>,
                &RegularizationName::set<TrainOptions, &TrainOptions::regularization>)
      .property("regularizationRate", &TrainOptions::regularization_rate)
      .property("shuffle", &TrainOptions::shuffle);
  emscripten::function("enumNames", &enum_names);
  emscripten::function("networkConfigError", &config_error);
  emscripten::function("createNetwork", &create_network, allow_raw_pointers());
  emscripten::class_<Network>("RawNetwork")
      .function("trainEpoch", &train_epoch)
      .function("evaluate", &evaluate)
      .function("accuracy", &accuracy)
      .function("predict", &predict)
      .function("stats", &stats)
      .function("neuronOutputs", &neuron_outputs)
      .function("predictGrid", &predict_grid)
      .function("gridRgba", &grid_rgba)
      .function("neuronGrid", &neuron_grid)
      .function("getParameters", &get_parameters)
      .function("setParameters", &set_parameters)
      .function("gradient", &gradient)
      .function("epoch", &epoch)
      .function("parameterCount", &parameter_count)
      .function("neuronCount", &neuron_count)
      .function("setAlpha", &Network::set_alpha)
      .function("reset", &Network::reset)
      .function("diverged", &Network::diverged)
      .function("inputs", &Network::inputs)
      .function("outputs", &Network::outputs)
      .function("lastGradientNorm", &Network::last_gradient_norm);
  emscripten::function("datasetId", &dataset_id);
  emscripten::function("datasetName", &dataset_name);
  emscripten::function("datasetOutputs", &dataset_outputs);
  emscripten::function("datasetTask", &dataset_task);
  emscripten::function("makeDataset", &make_dataset);
  emscripten::function("splitDataset", &split_dataset);
}
