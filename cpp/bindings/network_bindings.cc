// Embind entry points for the network and the datasets: raw pointers into wasm memory, enum
// indices, no logic. web/src/network.js and datasets.js check every argument before calling, and
// the config / options are validated here again by the C++ validate() before anything is built.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "nn/datasets.h"
#include "nn/network.h"

namespace {

using elu::nn::Network;

float* f32(uintptr_t p) { return reinterpret_cast<float*>(p); }
uint8_t* u8(uintptr_t p) { return reinterpret_cast<uint8_t*>(p); }

elu::nn::NetworkConfig make_config(uintptr_t hidden, int layers, uintptr_t activations, int n_act,
                                   float alpha, float leaky_slope, int task, int outputs,
                                   uint32_t features, uint32_t seed) {
  elu::nn::NetworkConfig c;
  const int32_t* h = reinterpret_cast<const int32_t*>(hidden);
  const int32_t* a = reinterpret_cast<const int32_t*>(activations);
  c.hidden.assign(h, h + layers);
  c.activations.clear();
  for (int i = 0; i < n_act; ++i) c.activations.push_back(static_cast<elu::kernels::Activation>(a[i]));
  c.alpha = alpha;
  c.leaky_slope = leaky_slope;
  c.task = static_cast<elu::nn::Task>(task);
  c.outputs = outputs;
  c.features = features;
  c.seed = seed;
  return c;
}

std::string config_error(uintptr_t hidden, int layers, uintptr_t activations, int n_act,
                         float alpha, float leaky_slope, int task, int outputs, uint32_t features,
                         uint32_t seed) {
  return elu::nn::validate(make_config(hidden, layers, activations, n_act, alpha, leaky_slope,
                                       task, outputs, features, seed));
}

// Precondition: config_error(...) is empty (checked by the caller).
Network* create_network(uintptr_t hidden, int layers, uintptr_t activations, int n_act,
                        float alpha, float leaky_slope, int task, int outputs, uint32_t features,
                        uint32_t seed) {
  return new Network(make_config(hidden, layers, activations, n_act, alpha, leaky_slope, task,
                                 outputs, features, seed));
}

elu::nn::TrainOptions make_options(int batch, float lr, int optimizer, float momentum, int reg,
                                   float reg_rate, bool shuffle) {
  elu::nn::TrainOptions o;
  o.batch_size = batch;
  o.learning_rate = lr;
  o.optimizer = static_cast<elu::nn::Optimizer>(optimizer);
  o.momentum = momentum;
  o.regularization = static_cast<elu::nn::Regularization>(reg);
  o.regularization_rate = reg_rate;
  o.shuffle = shuffle;
  return o;
}

std::string options_error(int batch, float lr, int optimizer, float momentum, int reg,
                          float reg_rate, bool shuffle) {
  return elu::nn::validate(make_options(batch, lr, optimizer, momentum, reg, reg_rate, shuffle));
}

float train_epoch(Network& net, uintptr_t x, uintptr_t y, uint32_t n, int batch, float lr,
                  int optimizer, float momentum, int reg, float reg_rate, bool shuffle) {
  return net.train_epoch(f32(x), f32(y), n,
                         make_options(batch, lr, optimizer, momentum, reg, reg_rate, shuffle));
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
// out: 2 floats per hidden layer (mean activation, dead fraction); returns the layer count.
int stats(const Network& net, uintptr_t x, uint32_t n, uintptr_t out) {
  const auto s = net.stats(f32(x), n);
  for (size_t i = 0; i < s.size(); ++i) {
    f32(out)[2 * i] = s[i].mean_activation;
    f32(out)[2 * i + 1] = s[i].dead_fraction;
  }
  return int(s.size());
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
int dataset_task(int id) {
  return static_cast<int>(elu::nn::dataset_task(static_cast<elu::nn::DatasetKind>(id)));
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
  emscripten::function("networkConfigError", &config_error);
  emscripten::function("trainOptionsError", &options_error);
  emscripten::function("createNetwork", &create_network, allow_raw_pointers());
  emscripten::class_<Network>("RawNetwork")
      .function("trainEpoch", &train_epoch)
      .function("evaluate", &evaluate)
      .function("accuracy", &accuracy)
      .function("predict", &predict)
      .function("stats", &stats)
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
