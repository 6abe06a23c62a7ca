// A tiny fully connected network for the live demo: 2-D inputs (plus optional derived features),
// 1..8 hidden layers of 1..64 units, trained with mini-batches on the CPU (one wasm thread).
//
// Shapes: inputs x are row-major (n points x 2 raw coordinates); the network derives its input
// features from them (see Feature). Targets y: n values (binary labels 0/1, regression values, or
// class indices 0..k-1 as floats). Outputs: n x outputs() values.
//
// Output and loss, by task:
//   classification, 1 output : sigmoid + binary cross-entropy, labels 0/1
//   classification, k outputs: softmax + cross-entropy, labels 0..k-1
//   regression (1 output)    : linear + mean squared error (1/2 (p - y)^2 per point)
// Losses are means over the points; train_epoch adds the regularization term to the gradient only
// (the reported losses never include it).
//
// Determinism: the same config, seed, data and options give bit-identical weights and losses on the
// same build (all randomness comes from one seeded Rng; no uninitialized reads; no threads).
// The const methods compute through scratch buffers the Network owns: one Network is not for use
// from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/activations.h"
#include "nn/optimizer.h"
#include "nn/rng.h"

namespace elu::nn {

enum class Task { kClassification, kRegression };
// Optimizer and Regularization: nn/optimizer.h.

// Input features, as bit flags. x1 and x2 are the raw coordinates.
enum Feature : uint32_t {
  kX1 = 1u << 0,
  kX2 = 1u << 1,
  kX1Squared = 1u << 2,
  kX2Squared = 1u << 3,
  kX1TimesX2 = 1u << 4,
  kSinX1 = 1u << 5,
  kSinX2 = 1u << 6,
  kAllFeatures = (1u << 7) - 1,
};

constexpr int kMaxHiddenLayers = 8;
constexpr int kMaxUnits = 64;
constexpr int kMaxOutputs = 16;

struct NetworkConfig {
  std::vector<int> hidden = {8, 8};  // units per hidden layer: 1..8 layers of 1..64
  // One per hidden layer; a single entry applies to every hidden layer.
  std::vector<kernels::Activation> activations = {kernels::Activation::kElu};
  float alpha = 1.0f;         // ELU / CELU alpha (live: set_alpha); finite
  float leaky_slope = 0.01f;  // leaky_relu's negative slope (PyTorch's default)
  Task task = Task::kClassification;
  int outputs = 1;            // 1, or k in 2..16 classes (classification only)
  uint32_t features = kX1 | kX2;  // nonzero subset of kAllFeatures
  uint32_t seed = 1;
};

// Empty when `config` is valid, else a message naming the field and the accepted range.
std::string validate(const NetworkConfig& config);

struct TrainOptions {
  int batch_size = 10;          // >= 1 (clamped to n)
  float learning_rate = 0.03f;  // > 0, finite
  Optimizer optimizer = Optimizer::kAdam;
  float momentum = 0.9f;        // kMomentum: in [0, 1)
  float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;  // kAdam
  Regularization regularization = Regularization::kNone;
  float regularization_rate = 0.0f;  // >= 0, finite; applied to weights, not biases
  bool shuffle = true;          // a new permutation of the points every epoch (from the Rng)
};

std::string validate(const TrainOptions& options);

// One hidden layer over n points. A unit's slope at a point is f'(z) at the unit's preactivation
// z, as the backward pass computes it (kernels::activation_backward with dy = 1). With n == 0
// every value is 0 and no unit is dead; the vectors still have one entry per unit.
struct LayerStats {
  float mean_activation;  // mean over points and units of the layer's output
  // Fraction of units through which no gradient flows at any point: f'(preactivation) == 0 for
  // every point (0 if n == 0). For ReLU that is "output <= 0 for every point", the dead ReLU; an
  // ELU unit with alpha != 0 is not dead where its output is negative (f' = alpha * exp(z) > 0),
  // only where the kernel's exp(z) is 0 (z < -87.3, elu_math.h) or alpha = 0.
  float dead_fraction;
  // Per unit of the layer (in unit order):
  // the mean of the unit's output over the points (mean_activation is their mean);
  std::vector<float> unit_mean_activation;
  // the fraction of the points where f'(z) > 0. A slope < 0 (gelu and silu below their minimum,
  // elu with alpha < 0) or NaN counts as inactive here, though gradient flows (or NaN does);
  std::vector<float> unit_active_fraction;
  // whether the unit is dead: f'(z) == 0 at every point (a NaN slope counts as alive), the units
  // dead_fraction counts (dead_fraction = dead units / units).
  std::vector<bool> unit_dead;
};

// A width x height grid of cells over [x_min, x_max] x [y_min, y_max], row 0 at y_max (screen
// order), sampled at the pixel centers, in float:
//   x = x_min + (col + 0.5f) * (x_max - x_min) / width,
//   y = y_max - (row + 0.5f) * (y_max - y_min) / height.
// Cell (row, col) is cell row * width + col. No cells unless width and height are >= 1.
struct Grid {
  float x_min, x_max, y_min, y_max;
  int width, height;
  size_t cells() const { return width < 1 || height < 1 ? 0 : size_t(width) * size_t(height); }
};

class Network {
 public:
  explicit Network(const NetworkConfig& config);  // precondition: validate(config).empty()

  const NetworkConfig& config() const { return config_; }
  int inputs() const;   // number of derived input features
  int outputs() const { return config_.outputs; }
  size_t parameter_count() const { return parameter_count_; }

  // Re-initializes the weights, the optimizer state, the Rng and the epoch count from `seed`.
  // Weights: uniform in [-limit, limit], He (limit sqrt(6 / fan_in)) for hidden layers of relu,
  // leaky_relu, elu, celu, selu, gelu, silu and softplus, Glorot (sqrt(6 / (fan_in + fan_out)))
  // for tanh, sigmoid, linear and the output layer. Biases: 0 everywhere (no 0.1 for ReLU), so
  // that networks of the same seed and layer sizes whose activations share the init family start
  // from bit-identical parameters (the widget's ELU-vs-ReLU compare mode relies on it).
  // reset(s) twice gives bit-identical networks; diverged() becomes false.
  void reset(uint32_t seed);

  // Live: changes nothing but the alpha used from the next computation on.
  void set_alpha(float alpha);  // precondition: finite

  // One pass over (x, y) in mini-batches. Returns the mean training loss over the epoch (the
  // losses of each batch before its update, weighted by batch size). If a loss, gradient or weight
  // becomes NaN or infinite, the weights and optimizer state are restored to their values before
  // the epoch, diverged() becomes true and NaN is returned; while diverged, it does nothing and
  // returns NaN. Precondition: n >= 1, valid options, labels valid for the task.
  float train_epoch(const float* x, const float* y, size_t n, const TrainOptions& options);

  bool diverged() const { return diverged_; }
  uint64_t epoch() const { return epoch_; }

  // Mean loss over (x, y) (no regularization term). n = 0 gives 0.
  float evaluate(const float* x, const float* y, size_t n) const;
  // Fraction of points classified correctly (classification; for regression: 0).
  float accuracy(const float* x, const float* y, size_t n) const;
  // out: n x outputs() (probabilities or values).
  void predict(const float* x, size_t n, float* out) const;

  // Per hidden layer, over the points x (one forward pass).
  std::vector<LayerStats> stats(const float* x, size_t n) const;
  // Every neuron's output at each of the n points: out[neuron * n + i], neurons in the order of
  // neuron_grid (hidden layers, then the outputs as predict gives them). out: neuron_count() * n
  // floats; nothing is written for n == 0.
  void neuron_outputs(const float* x, size_t n, float* out) const;
  // L2 norm of the mean-loss gradient of the last batch trained (0 before any training).
  float last_gradient_norm() const { return last_gradient_norm_; }

  // The network over the cells of a Grid (nn/grid.cc); nothing is written for a grid without
  // cells. Each takes the grid as a Grid or as its six fields.
  // The output per cell: output 0 for 1 output (probability or value); for k classes, class +
  // confidence encoded as argmax + max probability (in [c, c+1]). out: grid.cells() floats.
  void predict_grid(const Grid& grid, float* out) const;
  // The same grid coloured through a 256-entry RGBA lookup table (lut: 1024 bytes).
  // 1 output: value v maps to entry round(255 * clamp((v - v_min) / (v_max - v_min), 0, 1)), NaN
  // (v_min == v_max, or a NaN output) to entry 0.
  // k classes: the table holds k blocks of B = 256 / k entries, one per class from faint to full;
  // class c with top probability p maps to entry c * B + round((B - 1) * clamp((p - 1/k) /
  // (1 - 1/k), 0, 1)); v_min and v_max are ignored. rgba: grid.cells() * 4 bytes.
  void grid_rgba(const Grid& grid, const uint8_t* lut, float v_min, float v_max,
                 uint8_t* rgba) const;
  // Every neuron's output (hidden layers then output layer, in order; the output layer's as
  // predict gives them) on the grid: out[neuron * grid.cells() + cell].
  size_t neuron_count() const { return total_units_; }
  void neuron_grid(const Grid& grid, float* out) const;

  void predict_grid(float x_min, float x_max, float y_min, float y_max, int width, int height,
                    float* out) const {
    predict_grid(Grid{x_min, x_max, y_min, y_max, width, height}, out);
  }
  void grid_rgba(float x_min, float x_max, float y_min, float y_max, int width, int height,
                 const uint8_t* lut, float v_min, float v_max, uint8_t* rgba) const {
    grid_rgba(Grid{x_min, x_max, y_min, y_max, width, height}, lut, v_min, v_max, rgba);
  }
  void neuron_grid(float x_min, float x_max, float y_min, float y_max, int width, int height,
                   float* out) const {
    neuron_grid(Grid{x_min, x_max, y_min, y_max, width, height}, out);
  }

  // For tests: all parameters in a fixed order (per layer: weights [out][in] row-major, then
  // biases), and the analytic gradient of evaluate() with respect to them.
  void get_parameters(float* out) const;
  void set_parameters(const float* in);
  void gradient(const float* x, const float* y, size_t n, float* out) const;

 private:
  NetworkConfig config_;
  Rng rng_;
  bool diverged_ = false;
  uint64_t epoch_ = 0;
  float last_gradient_norm_ = 0.0f;

  // Layer l maps in -> out units: hidden layers 0 .. L-1, then the output layer L.
  struct Layer {
    int in = 0, out = 0;
    kernels::Activation activation = kernels::Activation::kLinear;  // hidden layers only
    size_t weights = 0;  // offset of the weights in a parameter array, stored in x out (transposed)
    size_t biases = 0;   // offset of the out biases
    size_t units = 0;    // index of the layer's first unit among all units (neuron_grid order)
  };
  // Inference runs in chunks of this many points.
  static constexpr size_t kChunk = 256;

  // f(layer, at) for every parameter in the public order (per layer: its weights [out][in]
  // row-major, then its biases), `at` its offset in the internal order (weights stored [in][out]).
  template <class F>
  void for_each_parameter(F f) const;
  kernels::ActivationParams activation_params(const Layer& layer) const;
  const float* parameters() const { return state_.data(); }
  float* parameters() { return state_.data(); }
  float* z(size_t layer) const { return z_.data() + capacity_ * layers_[layer].units; }
  float* a(size_t layer) const { return a_.data() + capacity_ * layers_[layer].units; }
  void ensure_capacity(size_t rows);
  void load_inputs(const float* x, const uint32_t* index, size_t m) const;
  // The network forward over the n points x, kChunk at a time; after each chunk f(first, m) reads
  // z(l) and a(l) of points first .. first + m - 1.
  template <class F>
  void forward_chunks(const float* x, size_t n, bool sigmoid_output, F f) const;
  void begin_grid(const Grid& grid) const;
  void load_grid_inputs(const Grid& grid, size_t first, size_t m) const;
  // The network forward over every cell of the grid, kChunk cells at a time; after each chunk
  // f(first, m) reads the activations a(l) of cells first .. first + m - 1.
  template <class F>
  void forward_grid(const Grid& grid, F f) const;
  // After a forward over m points: the activations a(l) of every neuron into
  // out[neuron * count + first + i], i < m (neuron_grid, neuron_outputs).
  void store_neurons(float* out, size_t count, size_t first, size_t m) const;
  void derive_features(size_t stride) const;
  void forward(size_t m, bool sigmoid_output) const;
  double output_loss(const float* y, size_t m, float scale) const;
  void backward(size_t m) const;
  bool update(const TrainOptions& options);

  std::vector<Layer> layers_;
  size_t parameter_count_ = 0;
  size_t total_units_ = 0;  // hidden units + outputs
  size_t max_width_ = 0;    // max(inputs, units of any layer)
  // Parameters, momentum velocity, Adam's first and second moments: 4 x parameter_count_ floats,
  // parameters first (internal order, see Layer), in one array so that one copy backs them up.
  std::vector<float> state_, backup_;
  AdamPowers adam_powers_, backup_adam_powers_;
  std::vector<uint32_t> order_;  // the epoch's permutation of the training points

  // Scratch for capacity_ points at a time (a multiple of 4), grown with the batch size, never
  // shrunk; the const methods work through it as well. A computation on m points lays every unit
  // out as one row of stride = m rounded up to a multiple of 4 floats (point i at column i; the
  // padding columns hold the point (0, 0)), so that SIMD runs over the points; layer l's rows
  // start at offset capacity_ * units.
  size_t capacity_ = 0;
  mutable std::vector<float> inputs_;   // inputs() rows
  mutable std::vector<float> raw_;      // 2 rows: the coordinates x1, x2
  mutable std::vector<float> targets_;  // capacity_ (the batch's labels)
  mutable std::vector<float> z_, a_;    // total_units_ rows: pre- and post-activation
  mutable std::vector<float> delta_;    // 2 x capacity_ x max_width_: dL/dz, ping-pong
  mutable std::vector<float> grad_;     // parameter_count_, internal order
  mutable std::vector<float> grid_x_;   // the x coordinate of every grid column
};

}  // namespace elu::nn
