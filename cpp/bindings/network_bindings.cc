// Embind entry points for the network and the datasets: raw pointers into wasm memory, no logic.
// Plain functions only (no Embind classes, value objects or emscripten::val: their runtime is most
// of the glue's size). A network is its address in wasm memory, held by web/src/network.js. The
// config and the training options cross as numbers and names, enums as the names of nn/names.h
// (lists as space-separated names), so nothing in JS depends on the order of a C++ enum.
// web/src/network.js and datasets.js check every argument before calling; validate() checks the
// config again here before a network is built.
#include <emscripten/bind.h>

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

float* f32(uintptr_t p) { return reinterpret_cast<float*>(p); }
uint8_t* u8(uintptr_t p) { return reinterpret_cast<uint8_t*>(p); }
Network& network(uintptr_t p) { return *reinterpret_cast<Network*>(p); }

// The words of a space-separated list.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find(' ', at);
    const size_t stop = end == std::string::npos ? text.size() : end;
    if (stop > at) out.push_back(text.substr(at, stop - at));
    at = stop + 1;
  }
  return out;
}

// An enum given by name: an unknown name leaves a value that validate() rejects (-1), so the error
// names the field.
template <class E>
E by_name(bool (*parse)(const std::string&, E*), const std::string& name) {
  E value;
  return parse(name, &value) ? value : static_cast<E>(-1);
}

// The config from its fields: hidden units ("8 8"), activation names ("elu", or one per hidden
// layer), the task's name, feature names ("x1 x2"). An unknown activation or feature name makes a
// config that validate() rejects.
NetworkConfig config(const std::string& hidden, const std::string& activations, float alpha, float leaky_slope,
                     const std::string& task, int outputs, const std::string& features, uint32_t seed) {
  NetworkConfig c;
  c.hidden.clear();
  for (const auto& units : words(hidden)) c.hidden.push_back(std::atoi(units.c_str()));
  c.activations.clear();
  for (const auto& name : words(activations)) {
    elu::kernels::Activation a;
    c.activations.push_back(elu::kernels::parse_activation(name.c_str(), &a) ? a : static_cast<elu::kernels::Activation>(-1));
  }
  c.alpha = alpha;
  c.leaky_slope = leaky_slope;
  c.task = by_name(elu::nn::parse_task, task);
  c.outputs = outputs;
  c.features = 0;
  for (const auto& name : words(features)) {
    elu::nn::Feature f;
    c.features |= elu::nn::parse_feature(name, &f) ? uint32_t(f) : 0x80000000u;
  }
  c.seed = seed;
  return c;
}

std::string config_error(const std::string& hidden, const std::string& activations, float alpha, float leaky_slope,
                         const std::string& task, int outputs, const std::string& features, uint32_t seed) {
  return elu::nn::validate(config(hidden, activations, alpha, leaky_slope, task, outputs, features, seed));
}

// Precondition: config_error() of the same arguments is empty (checked by the caller).
uintptr_t create_network(const std::string& hidden, const std::string& activations, float alpha, float leaky_slope,
                         const std::string& task, int outputs, const std::string& features, uint32_t seed) {
  return reinterpret_cast<uintptr_t>(new Network(config(hidden, activations, alpha, leaky_slope, task, outputs, features, seed)));
}
void delete_network(uintptr_t p) { delete reinterpret_cast<Network*>(p); }

// The training options live in wasm memory (web/src/network.js keeps one per network and sets them
// only when they change), so an epoch passes one pointer.
uintptr_t create_train_options() { return reinterpret_cast<uintptr_t>(new TrainOptions()); }
void delete_train_options(uintptr_t p) { delete reinterpret_cast<TrainOptions*>(p); }
void set_train_options(uintptr_t p, int batch_size, float learning_rate, const std::string& optimizer, float momentum,
                       const std::string& regularization, float regularization_rate, bool shuffle) {
  auto& o = *reinterpret_cast<TrainOptions*>(p);
  o.batch_size = batch_size;
  o.learning_rate = learning_rate;
  o.optimizer = by_name(elu::nn::parse_optimizer, optimizer);
  o.momentum = momentum;
  o.regularization = by_name(elu::nn::parse_regularization, regularization);
  o.regularization_rate = regularization_rate;
  o.shuffle = shuffle;
}

// Every name of one of nn/names.h's tables, space-separated.
std::string enum_names(const std::string& kind) {
  std::string out;
  for (const auto& name : elu::nn::enum_names(kind)) out += (out.empty() ? "" : " ") + name;
  return out;
}

// Precondition: the options are valid (web/src/network.js checks every field before the call).
float train_epoch(uintptr_t p, uintptr_t x, uintptr_t y, uint32_t n, uintptr_t options) {
  return network(p).train_epoch(f32(x), f32(y), n, *reinterpret_cast<const TrainOptions*>(options));
}

float evaluate(uintptr_t p, uintptr_t x, uintptr_t y, uint32_t n) {
  return network(p).evaluate(f32(x), f32(y), n);
}
float accuracy(uintptr_t p, uintptr_t x, uintptr_t y, uint32_t n) {
  return network(p).accuracy(f32(x), f32(y), n);
}
void predict(uintptr_t p, uintptr_t x, uint32_t n, uintptr_t out) {
  network(p).predict(f32(x), n, f32(out));
}
// Writes, for L hidden layers of H units in all: 2 floats per layer (mean activation, dead
// fraction), then per hidden unit in neuron order its mean activation (H floats), its active
// fraction (H floats) and 1 if it is dead, else 0 (H floats): 2 L + 3 H floats. Returns L.
int stats(uintptr_t p, uintptr_t x, uint32_t n, uintptr_t out) {
  const auto s = network(p).stats(f32(x), n);
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
void neuron_outputs(uintptr_t p, uintptr_t x, uint32_t n, uintptr_t out) {
  network(p).neuron_outputs(f32(x), n, f32(out));
}
void predict_grid(uintptr_t p, float x0, float x1, float y0, float y1, int w, int h,
                  uintptr_t out) {
  network(p).predict_grid(x0, x1, y0, y1, w, h, f32(out));
}
void grid_rgba(uintptr_t p, float x0, float x1, float y0, float y1, int w, int h,
               uintptr_t lut, float v_min, float v_max, uintptr_t rgba) {
  network(p).grid_rgba(x0, x1, y0, y1, w, h, u8(lut), v_min, v_max, u8(rgba));
}
void neuron_grid(uintptr_t p, float x0, float x1, float y0, float y1, int w, int h,
                 uintptr_t out) {
  network(p).neuron_grid(x0, x1, y0, y1, w, h, f32(out));
}
void get_parameters(uintptr_t p, uintptr_t out) { network(p).get_parameters(f32(out)); }
void set_parameters(uintptr_t p, uintptr_t in) { network(p).set_parameters(f32(in)); }
void gradient(uintptr_t p, uintptr_t x, uintptr_t y, uint32_t n, uintptr_t out) {
  network(p).gradient(f32(x), f32(y), n, f32(out));
}
double epoch(uintptr_t p) { return double(network(p).epoch()); }
size_t parameter_count(uintptr_t p) { return network(p).parameter_count(); }
size_t neuron_count(uintptr_t p) { return network(p).neuron_count(); }

void set_alpha(uintptr_t p, float alpha) { network(p).set_alpha(alpha); }
void reset(uintptr_t p, uint32_t seed) { network(p).reset(seed); }
bool diverged(uintptr_t p) { return network(p).diverged(); }
int inputs(uintptr_t p) { return network(p).inputs(); }
int outputs(uintptr_t p) { return network(p).outputs(); }
float last_gradient_norm(uintptr_t p) { return network(p).last_gradient_norm(); }

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
  emscripten::function("enumNames", &enum_names);
  emscripten::function("networkConfigError", &config_error);
  emscripten::function("createNetwork", &create_network);
  emscripten::function("deleteNetwork", &delete_network);
  emscripten::function("createTrainOptions", &create_train_options);
  emscripten::function("deleteTrainOptions", &delete_train_options);
  emscripten::function("setTrainOptions", &set_train_options);
  emscripten::function("trainEpoch", &train_epoch);
  emscripten::function("evaluate", &evaluate);
  emscripten::function("accuracy", &accuracy);
  emscripten::function("predict", &predict);
  emscripten::function("stats", &stats);
  emscripten::function("neuronOutputs", &neuron_outputs);
  emscripten::function("predictGrid", &predict_grid);
  emscripten::function("gridRgba", &grid_rgba);
  emscripten::function("neuronGrid", &neuron_grid);
  emscripten::function("getParameters", &get_parameters);
  emscripten::function("setParameters", &set_parameters);
  emscripten::function("gradient", &gradient);
  emscripten::function("epoch", &epoch);
  emscripten::function("parameterCount", &parameter_count);
  emscripten::function("neuronCount", &neuron_count);
  emscripten::function("setAlpha", &set_alpha);
  emscripten::function("reset", &reset);
  emscripten::function("diverged", &diverged);
  emscripten::function("inputs", &inputs);
  emscripten::function("outputs", &outputs);
  emscripten::function("lastGradientNorm", &last_gradient_norm);
  emscripten::function("datasetId", &dataset_id);
  emscripten::function("datasetName", &dataset_name);
  emscripten::function("datasetOutputs", &dataset_outputs);
  emscripten::function("datasetTask", &dataset_task);
  emscripten::function("makeDataset", &make_dataset);
  emscripten::function("splitDataset", &split_dataset);
}
