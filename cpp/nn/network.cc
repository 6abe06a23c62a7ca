// The network of network.h, top-down: layout and initialization, input features, the forward
// and backward passes, one training epoch, inference and statistics. Everything works on batches
// of m points, one row per unit (the row layout of dense.h: S = padded(m) floats, point i in
// column i, the padding columns computed along):
//   inputs_  (in0, S)     the derived features
//   z(l)     (out_l, S)   preactivations: dense_forward of layer l's inputs
//   a(l)     (out_l, S)   f(z(l)) for hidden layers (kernels::activation_forward over all
//                         out_l x S values at once, so ELU runs the SIMD kernel on whole vectors);
//                         for the output layer the probabilities (sigmoid, softmax) or values
// Every unit of every point sums in the same order whichever path computes it (dense.h), so
// results do not depend on a point's position in a batch or chunk. Inference (evaluate, predict,
// neuron outputs, stats, grids, gradient) runs in chunks of kChunk points. Elsewhere: the products
// (dense.cc), the losses (loss.cc), the update rules (optimizer.cc), the grids (grid.cc), validate
// (validate.cc).
#include "nn/network.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>

#include "kernels/simd128.h"
#include "nn/dense.h"
#include "nn/loss.h"

namespace elu::nn {

using kernels::Activation;
using simd::f32x4;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// He-uniform for the activations that zero or shrink one side, Glorot-uniform for the symmetric
// and saturating ones.
bool uses_he_init(Activation a) {
  return a != Activation::kTanh && a != Activation::kSigmoid && a != Activation::kLinear;
}

int popcount(uint32_t v) {
  int c = 0;
  for (; v != 0; v &= v - 1) ++c;
  return c;
}

// Blocks of at least this many values take the packed ELU path (elu_forward_packed).
constexpr size_t kPackedEluMin = 256;

// True if the 16 values at x are all > 0.
inline bool all_positive16(const float* x) {
  const f32x4 zero = simd::splat(0.0f);
  return simd::all_lanes(((simd::load(x) > zero) & (simd::load(x + 4) > zero)) &
                         ((simd::load(x + 8) > zero) & (simd::load(x + 12) > zero)));
}

// y = ELU(x) for n values (n a multiple of 16) through the ELU kernel, bit for bit as one kernel
// call: tiles of 16 values all > 0, where ELU is x itself, are copied; the others are packed into
// `scratch` (n floats), run through the kernel in one call and put back in place. Pays off where
// neighbouring values share their sign (a unit over a grid).
void elu_forward_packed(size_t n, const float* x, float* y, float alpha, float* scratch) {
  size_t packed = 0;
  for (size_t i = 0; i < n; i += 16) {
    float* to = all_positive16(x + i) ? y + i : scratch + (packed += 16) - 16;
    for (size_t v = 0; v < 16; v += 4) simd::store(to + v, simd::load(x + i + v));
  }
  if (packed == 0) return;
  kernels::activation_forward(Activation::kElu, {alpha}, packed, scratch, scratch);
  packed = 0;
  for (size_t i = 0; i < n; i += 16) {
    if (all_positive16(x + i)) continue;
    for (size_t v = 0; v < 16; v += 4) simd::store(y + i + v, simd::load(scratch + packed + v));
    packed += 16;
  }
}

// Sum of squares, in double (no overflow from float inputs), in 8 partial sums (vectorizable).
double sum_squares(const float* x, size_t n) {
  constexpr size_t kParts = 8;
  double part[kParts] = {};
  size_t i = 0;
  for (; i + kParts <= n; i += kParts) {
    for (size_t j = 0; j < kParts; ++j) part[j] += double(x[i + j]) * double(x[i + j]);
  }
  for (; i < n; ++i) part[0] += double(x[i]) * double(x[i]);
  double sum = 0.0;
  for (double p : part) sum += p;
  return sum;
}

}  // namespace

// ---- Layout, initialization, parameters ---------------------------------------------------------

Network::Network(const NetworkConfig& config) : config_(config) {
  const size_t hidden = config_.hidden.size();
  int in = inputs();
  max_width_ = size_t(in);
  for (size_t l = 0; l <= hidden; ++l) {
    Layer layer;
    layer.in = in;
    layer.out = l < hidden ? config_.hidden[l] : config_.outputs;
    if (l < hidden) {
      layer.activation = config_.activations[config_.activations.size() == 1 ? 0 : l];
    }
    layer.weights = parameter_count_;
    layer.biases = layer.weights + size_t(layer.in) * size_t(layer.out);
    parameter_count_ = layer.biases + size_t(layer.out);
    layer.units = total_units_;
    total_units_ += size_t(layer.out);
    max_width_ = std::max(max_width_, size_t(layer.out));
    layers_.push_back(layer);
    in = layer.out;
  }
  state_.assign(4 * parameter_count_, 0.0f);
  backup_.assign(state_.size(), 0.0f);
  grad_.assign(parameter_count_, 0.0f);
  ensure_capacity(kChunk);
  reset(config_.seed);
}

int Network::inputs() const { return popcount(config_.features & kAllFeatures); }

template <class F>
void Network::for_each_parameter(F f) const {
  for (const Layer& layer : layers_) {
    for (int j = 0; j < layer.out; ++j) {
      for (int k = 0; k < layer.in; ++k) f(layer, layer.weights + size_t(k) * layer.out + j);
    }
    for (int j = 0; j < layer.out; ++j) f(layer, layer.biases + j);
  }
}

void Network::reset(uint32_t seed) {
  rng_.reseed(seed);
  diverged_ = false;
  epoch_ = 0;
  last_gradient_norm_ = 0.0f;
  adam_powers_ = AdamPowers();
  std::fill(state_.begin(), state_.end(), 0.0f);  // biases, velocity and moments start at 0
  float* p = parameters();
  // The weights drawn in the public order (per output unit, its in weights).
  for_each_parameter([&](const Layer& layer, size_t at) {
    if (at >= layer.biases) return;
    const bool hidden = &layer != &layers_.back();
    const float limit = hidden && uses_he_init(layer.activation)
                            ? std::sqrt(6.0f / float(layer.in))
                            : std::sqrt(6.0f / float(layer.in + layer.out));
    p[at] = rng_.uniform(-limit, limit);
  });
}

void Network::set_alpha(float alpha) { config_.alpha = alpha; }

kernels::ActivationParams Network::activation_params(const Layer& layer) const {
  kernels::ActivationParams params;
  params.alpha = layer.activation == Activation::kLeakyRelu ? config_.leaky_slope : config_.alpha;
  return params;
}

void Network::get_parameters(float* out) const {
  const float* p = parameters();
  for_each_parameter([&](const Layer&, size_t at) { *out++ = p[at]; });
}

void Network::set_parameters(const float* in) {
  float* p = parameters();
  for_each_parameter([&](const Layer&, size_t at) { p[at] = *in++; });
}

// ---- Input features -----------------------------------------------------------------------------

void Network::ensure_capacity(size_t rows) {
  rows = padded(rows);
  if (rows <= capacity_) return;
  capacity_ = rows;
  inputs_.assign(capacity_ * size_t(inputs()), 0.0f);
  raw_.assign(capacity_ * 2, 0.0f);
  targets_.assign(capacity_, 0.0f);
  z_.assign(capacity_ * total_units_, 0.0f);
  a_.assign(capacity_ * total_units_, 0.0f);
  delta_.assign(2 * capacity_ * max_width_, 0.0f);
}

// Features of m points into inputs_: point i is x[2 * index[i]], x[2 * index[i] + 1] (index null:
// point i). The padding lanes get the point (0, 0).
void Network::load_inputs(const float* x, const uint32_t* index, size_t m) const {
  const size_t stride = padded(m);
  float* x1 = raw_.data();
  float* x2 = x1 + stride;
  for (size_t i = 0; i < m; ++i) {
    const size_t p = index != nullptr ? index[i] : i;
    x1[i] = x[2 * p];
    x2[i] = x[2 * p + 1];
  }
  for (size_t i = m; i < stride; ++i) x1[i] = x2[i] = 0.0f;
  derive_features(stride);
}

// inputs_ from the coordinate rows in raw_ (x1, then x2), one row per feature in bit order.
void Network::derive_features(size_t stride) const {
  const uint32_t f = config_.features;
  const float* x1 = raw_.data();
  const float* x2 = x1 + stride;
  float* out = inputs_.data();
  auto row = [&](uint32_t bit, auto feature) {
    if ((f & bit) == 0) return;
    for (size_t i = 0; i < stride; ++i) out[i] = feature(x1[i], x2[i]);
    out += stride;
  };
  row(kX1, [](float a, float) { return a; });
  row(kX2, [](float, float b) { return b; });
  row(kX1Squared, [](float a, float) { return a * a; });
  row(kX2Squared, [](float, float b) { return b * b; });
  row(kX1TimesX2, [](float a, float b) { return a * b; });
  row(kSinX1, [](float a, float) { return std::sin(a); });
  row(kSinX2, [](float, float b) { return std::sin(b); });
}

// ---- Forward and backward passes ----------------------------------------------------------------

// Fills z(l) and a(l) for every layer from inputs_. sigmoid_output false: leaves a() of a
// 1-output classifier unset (output_loss computes the sigmoid with the loss, sharing its exp).
// The padding lanes are computed along (whole vectors) but never read as results.
void Network::forward(size_t m, bool sigmoid_output) const {
  const size_t stride = padded(m);
  const float* p = parameters();
  const float* in = inputs_.data();
  for (size_t l = 0; l < layers_.size(); ++l) {
    const Layer& layer = layers_[l];
    const size_t n_in = size_t(layer.in), n_out = size_t(layer.out), count = n_out * stride;
    float* zl = z(l);
    float* al = a(l);
    dense_forward(zl, in, p + layer.weights, p + layer.biases, n_in, n_out, m);
    if (l + 1 < layers_.size()) {
      if (layer.activation == Activation::kElu && count >= kPackedEluMin && count % 16 == 0) {
        elu_forward_packed(count, zl, al, config_.alpha, delta_.data());
      } else {
        kernels::activation_forward(layer.activation, activation_params(layer), count, zl, al);
      }
    } else if (config_.task == Task::kRegression) {
      std::memcpy(al, zl, count * sizeof(float));
    } else if (n_out == 1) {
      if (sigmoid_output) kernels::activation_forward(Activation::kSigmoid, {}, stride, zl, al);
    } else {
      softmax(al, zl, n_out, m);
    }
    in = al;
  }
}

// After forward(m, false): the summed loss of the m points (targets y); dL/dz of the output layer
// times `scale` (1 / points in the mean) goes into delta_.
double Network::output_loss(const float* y, size_t m, float scale) const {
  const size_t last = layers_.size() - 1;
  return nn::output_loss(delta_.data(), z(last), a(last), y, config_.task,
                         size_t(layers_[last].out), m, scale);
}

// After output_loss: adds dL/dparameters of the m points to grad_. The padding lanes of dL/dz and
// dL/da are computed along but masked out of every sum over the points.
void Network::backward(size_t m) const {
  const size_t stride = padded(m);
  const float* p = parameters();
  float* dz = delta_.data();                           // (out, S) of layer l: dL/dz
  float* da = delta_.data() + capacity_ * max_width_;  // (in, S) of layer l: dL/da of layer l - 1
  for (size_t l = layers_.size(); l-- > 0;) {
    const Layer& layer = layers_[l];
    const size_t n_in = size_t(layer.in), n_out = size_t(layer.out);
    const float* in = l == 0 ? inputs_.data() : a(l - 1);
    dense_backward_params(grad_.data() + layer.weights, grad_.data() + layer.biases, in, dz, n_in,
                          n_out, m);
    if (l == 0) break;
    dense_backward_input(da, dz, p + layer.weights, n_in, n_out, m);
    const Layer& below = layers_[l - 1];
    kernels::activation_backward(below.activation, activation_params(below), n_in * stride,
                                 z(l - 1), da, da);
    flush_subnormals(da, n_in * stride);
    std::swap(dz, da);
  }
}

// ---- Training -----------------------------------------------------------------------------------

// Adds the regularization term to grad_ and takes one optimizer step. Returns whether the
// parameters and the optimizer's moments are all still finite (a NaN or infinite gradient always
// shows there: it makes a parameter or a moment NaN or infinite).
bool Network::update(const TrainOptions& o) {
  const size_t n = parameter_count_;
  float* w = parameters();  // then the velocity, then Adam's two moments (state_)
  float* g = grad_.data();
  if (o.regularization != Regularization::kNone && o.regularization_rate > 0.0f) {
    for (const Layer& layer : layers_) {  // weights only, not biases
      add_regularization(g + layer.weights, w + layer.weights, size_t(layer.in) * size_t(layer.out),
                         o.regularization, o.regularization_rate);
    }
  }
  switch (o.optimizer) {
    case Optimizer::kSgd:
      sgd_step(w, g, n, o.learning_rate);
      return all_finite(w, n);
    case Optimizer::kMomentum:
      momentum_step(w, w + n, g, n, o.learning_rate, o.momentum);
      return all_finite(w, 2 * n);  // parameters and velocity
    case Optimizer::kAdam:
      adam_step(w, w + 2 * n, w + 3 * n, &adam_powers_, g, n, o.learning_rate, o.beta1, o.beta2,
                o.epsilon);
      return all_finite(w, n) && all_finite(w + 2 * n, 2 * n);  // parameters and both moments
  }
  return false;
}

float Network::train_epoch(const float* x, const float* y, size_t n, const TrainOptions& options) {
  if (diverged_) return kNaN;
  if (n == 0) return 0.0f;
  const size_t batch = std::min(size_t(std::max(options.batch_size, 1)), n);
  ensure_capacity(batch);
  order_.resize(n);
  for (size_t i = 0; i < n; ++i) order_[i] = uint32_t(i);
  if (options.shuffle) rng_.shuffle(order_.data(), n);
  backup_ = state_;  // same size: no allocation
  backup_adam_powers_ = adam_powers_;

  double total = 0.0;
  float norm = 0.0f;
  for (size_t start = 0; start < n; start += batch) {
    const size_t m = std::min(batch, n - start);
    const uint32_t* index = order_.data() + start;
    load_inputs(x, index, m);
    for (size_t i = 0; i < m; ++i) targets_[i] = y[index[i]];
    forward(m, false);
    std::fill(grad_.begin(), grad_.end(), 0.0f);
    const double loss = output_loss(targets_.data(), m, 1.0f / float(m));
    backward(m);
    // The last batch's gradient norm, taken before update() adds the regularization term.
    if (start + m == n) norm = float(std::sqrt(sum_squares(grad_.data(), grad_.size())));
    // The batch's mean loss must be a finite float (the summed double may be finite beyond it):
    // then so is the epoch's mean, a weighted mean of the batches'.
    if (!(std::fabs(loss / double(m)) <= double(FLT_MAX)) || !update(options)) {
      state_ = backup_;
      adam_powers_ = backup_adam_powers_;
      diverged_ = true;
      return kNaN;
    }
    total += loss;
  }
  last_gradient_norm_ = norm;
  ++epoch_;
  return float(total / double(n));
}

// ---- Inference and statistics -------------------------------------------------------------------

template <class F>
void Network::forward_chunks(const float* x, size_t n, bool sigmoid_output, F f) const {
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    load_inputs(x + 2 * start, nullptr, m);
    forward(m, sigmoid_output);
    f(start, m);
  }
}

float Network::evaluate(const float* x, const float* y, size_t n) const {
  if (n == 0) return 0.0f;
  double total = 0.0;
  forward_chunks(x, n, false, [&](size_t start, size_t m) {
    total += output_loss(y + start, m, 1.0f);
  });
  return float(total / double(n));
}

float Network::accuracy(const float* x, const float* y, size_t n) const {
  if (n == 0 || config_.task != Task::kClassification) return 0.0f;
  const size_t k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  size_t correct = 0;
  forward_chunks(x, n, true, [&](size_t start, size_t m) {
    for (size_t i = 0; i < m; ++i) {
      const float label = y[start + i];
      if (k == 1) {
        correct += (p[i] > 0.5f) == (label > 0.5f);
      } else {
        correct += argmax(p + i, k, padded(m)) == class_index(label, k);
      }
    }
  });
  return float(double(correct) / double(n));
}

void Network::predict(const float* x, size_t n, float* out) const {
  const size_t k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  forward_chunks(x, n, true, [&](size_t start, size_t m) {
    const size_t stride = padded(m);
    for (size_t i = 0; i < m; ++i) {
      for (size_t j = 0; j < k; ++j) out[(start + i) * k + j] = p[j * stride + i];
    }
  });
}

void Network::gradient(const float* x, const float* y, size_t n, float* out) const {
  std::fill(grad_.begin(), grad_.end(), 0.0f);
  forward_chunks(x, n, false, [&](size_t start, size_t m) {
    output_loss(y + start, m, 1.0f / float(n));
    backward(m);
  });
  for_each_parameter([&](const Layer&, size_t at) { *out++ = grad_[at]; });  // the public order
}

// After a forward over m points: a(l) of every neuron to out[neuron * count + first + i].
void Network::store_neurons(float* out, size_t count, size_t first, size_t m) const {
  for (size_t l = 0; l < layers_.size(); ++l) {
    const float* al = a(l);
    for (size_t j = 0; j < size_t(layers_[l].out); ++j) {
      std::memcpy(out + (layers_[l].units + j) * count + first, al + j * padded(m),
                  m * sizeof(float));
    }
  }
}

void Network::neuron_outputs(const float* x, size_t n, float* out) const {
  forward_chunks(x, n, true, [&](size_t start, size_t m) { store_neurons(out, n, start, m); });
}

// One forward pass; per hidden unit: the sum of its outputs, the points where its slope is > 0,
// whether it is != 0 (or NaN) anywhere. The layer's sum is kept in its own order of additions.
std::vector<LayerStats> Network::stats(const float* x, size_t n) const {
  const size_t hidden = layers_.size() - 1;
  const size_t units = layers_[hidden].units;  // hidden units: they come before the outputs
  std::vector<double> layer_sums(hidden, 0.0), unit_sums(units, 0.0);
  std::vector<size_t> active(units, 0);
  std::vector<uint8_t> alive(units, 0);  // f' != 0 at some point (or NaN)
  float* slope = delta_.data();
  forward_chunks(x, n, true, [&](size_t, size_t m) {
    const size_t stride = padded(m);
    for (size_t l = 0; l < hidden; ++l) {
      const Layer& layer = layers_[l];
      const size_t count = stride * size_t(layer.out);
      const float* al = a(l);
      std::fill(slope, slope + count, 1.0f);
      kernels::activation_backward(layer.activation, activation_params(layer), count, z(l), slope,
                                   slope);
      for (size_t j = 0; j < size_t(layer.out); ++j) {
        const size_t u = layer.units + j;
        for (size_t i = 0; i < m; ++i) {
          const float v = al[j * stride + i], s = slope[j * stride + i];
          layer_sums[l] += double(v);
          unit_sums[u] += double(v);
          active[u] += s > 0.0f;
          alive[u] |= s != 0.0f;
        }
      }
    }
  });
  std::vector<LayerStats> result(hidden);
  for (size_t l = 0; l < hidden; ++l) {
    const Layer& layer = layers_[l];
    const size_t out = size_t(layer.out);
    LayerStats& s = result[l];
    s.mean_activation = s.dead_fraction = 0.0f;
    s.unit_mean_activation.assign(out, 0.0f);
    s.unit_active_fraction.assign(out, 0.0f);
    s.unit_dead.assign(out, false);
    if (n == 0) continue;
    int dead = 0;
    for (size_t j = 0; j < out; ++j) {
      const size_t u = layer.units + j;
      s.unit_mean_activation[j] = float(unit_sums[u] / double(n));
      s.unit_active_fraction[j] = float(double(active[u]) / double(n));
      s.unit_dead[j] = alive[u] == 0;
      dead += alive[u] == 0;
    }
    s.mean_activation = float(layer_sums[l] / (double(n) * double(layer.out)));
    s.dead_fraction = float(dead) / float(layer.out);
  }
  return result;
}

}  // namespace elu::nn
