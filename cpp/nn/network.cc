// The network of network.h. Everything works on batches of m points, row-major:
//   inputs_  m x in0          the derived features
//   z(l)     m x out_l        preactivations: inputs of layer l times its weights, plus biases
//   a(l)     m x out_l        f(z(l)) for hidden layers (kernels::activation_forward over all m x
//                             out_l values at once, so ELU runs the SIMD kernel); for the output
//                             layer the probabilities (sigmoid, softmax) or values
// Weights are stored in x out, so a point's preactivations z_i = b + sum_k a_ik w_k (w_k: row k)
// are computed 4 points x 8 output units at a time, each a plain sum in k order held in
// registers: the compiler vectorizes over the units without reassociating anything, and every
// unit of every point sums in the same order whichever path computes it (so results do not depend
// on a point's position in a batch or chunk). The backward pass's dL/da_i = sum_j dL/dz_ij W_j
// uses an out x in copy of the weights for the same reason; matrix_product serves every product.
// Inference (evaluate, predict, stats, grids, gradient) runs in chunks of kChunk points.
#include "nn/network.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace elu::nn {

using kernels::Activation;

namespace {

constexpr size_t kChunk = 256;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

bool is_activation(Activation a) {
  return static_cast<int>(a) >= static_cast<int>(Activation::kRelu) &&
         static_cast<int>(a) <= static_cast<int>(Activation::kLinear);
}

// He-uniform for the activations that zero or shrink one side, Glorot-uniform for the symmetric
// and saturating ones.
bool uses_he_init(Activation a) {
  switch (a) {
    case Activation::kTanh:
    case Activation::kSigmoid:
    case Activation::kLinear:
      return false;
    default:
      return true;
  }
}

int popcount(uint32_t v) {
  int c = 0;
  for (; v != 0; v &= v - 1) ++c;
  return c;
}

std::string format(const char* fmt, double a, double b = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

// Register blocking of matrix_product: 4 rows x 8 columns (two 128-bit vectors) of sums.
constexpr size_t kRowBlock = 4;
constexpr size_t kColumnBlock = 8;

// R rows x W columns (W <= 8, a compile-time constant) from column j0: every loop has constant
// bounds, so the compiler keeps the sums in registers and vectorizes over the columns (4-wide for
// W = 4, 8-wide for W = 8, and as it can for the other widths), each sum still in k order.
template <size_t R, size_t W>
inline void block_columns(size_t depth, const float* __restrict v, size_t vi, size_t vk,
                          const float* __restrict m, size_t width, const float* init,
                          size_t init_stride, float* out, size_t j0) {
  float acc[R][W];
  for (size_t i = 0; i < R; ++i) {
    for (size_t j = 0; j < W; ++j) {
      acc[i][j] = init != nullptr ? init[i * init_stride + j0 + j] : 0.0f;
    }
  }
  for (size_t k = 0; k < depth; ++k) {
    const float* mk = m + k * width + j0;
    for (size_t i = 0; i < R; ++i) {
      const float a = v[i * vi + k * vk];
      for (size_t j = 0; j < W; ++j) acc[i][j] += a * mk[j];
    }
  }
  for (size_t i = 0; i < R; ++i) {
    for (size_t j = 0; j < W; ++j) out[i * width + j0 + j] = acc[i][j];
  }
}

// One column (W = 1) of 4 rows: the 4 sums side by side in one vector (each lane still its own
// sum in k order), the 4 row values gathered per k.
typedef float Float4 __attribute__((vector_size(16)));

template <>
inline void block_columns<4, 1>(size_t depth, const float* __restrict v, size_t vi, size_t vk,
                                const float* __restrict m, size_t width, const float* init,
                                size_t init_stride, float* out, size_t j0) {
  Float4 acc = {0.0f, 0.0f, 0.0f, 0.0f};
  if (init != nullptr) {
    acc = Float4{init[j0], init[init_stride + j0], init[2 * init_stride + j0],
                 init[3 * init_stride + j0]};
  }
  for (size_t k = 0; k < depth; ++k) {
    const float* vk0 = v + k * vk;
    const Float4 a = {vk0[0], vk0[vi], vk0[2 * vi], vk0[3 * vi]};
    acc += a * m[k * width + j0];
  }
  for (size_t i = 0; i < 4; ++i) out[i * width + j0] = acc[i];
}

// The one matrix kernel, for R rows i of the result and every column j < width:
//   out[i * width + j] = init[i * init_stride + j] + sum over k < depth, in order, of
//                        v[i * vi + k * vk] * m[k * width + j]
// (init null: 0 + ...; init may be out itself, to accumulate). The sums are kept in registers,
// not in memory (out[j] += ... would put a store-to-load round trip on every multiply-add), R x 8
// at a time, so that R independent chains of additions hide each other's latency; the compiler
// vectorizes over the 8 columns without reassociating anything, and each sum is formed in the
// same order whatever the blocking (results do not depend on a point's place in a batch).
// __restrict on v and m: out never overlaps them, and saying so spares the vectorized loops their
// runtime overlap checks.
template <size_t R>
inline void block_product(size_t depth, const float* __restrict v, size_t vi, size_t vk,
                          const float* __restrict m, size_t width, const float* init,
                          size_t init_stride, float* out) {
  size_t j0 = 0;
  for (; j0 + kColumnBlock <= width; j0 += kColumnBlock) {
    block_columns<R, kColumnBlock>(depth, v, vi, vk, m, width, init, init_stride, out, j0);
  }
  switch (width - j0) {  // the last width % 8 columns, the same sums
    case 1: block_columns<R, 1>(depth, v, vi, vk, m, width, init, init_stride, out, j0); break;
    case 2: block_columns<R, 2>(depth, v, vi, vk, m, width, init, init_stride, out, j0); break;
    case 3: block_columns<R, 3>(depth, v, vi, vk, m, width, init, init_stride, out, j0); break;
    case 4: block_columns<R, 4>(depth, v, vi, vk, m, width, init, init_stride, out, j0); break;
    case 5: block_columns<R, 5>(depth, v, vi, vk, m, width, init, init_stride, out, j0); break;
    case 6: block_columns<R, 6>(depth, v, vi, vk, m, width, init, init_stride, out, j0); break;
    case 7: block_columns<R, 7>(depth, v, vi, vk, m, width, init, init_stride, out, j0); break;
    default: break;
  }
}

// The same for n rows, kRowBlock at a time.
void matrix_product(size_t n, size_t depth, const float* v, size_t vi, size_t vk, const float* m,
                    size_t width, const float* init, size_t init_stride, float* out) {
  size_t i = 0;
  for (; i + kRowBlock <= n; i += kRowBlock) {
    block_product<kRowBlock>(depth, v + i * vi, vi, vk, m, width,
                             init != nullptr ? init + i * init_stride : nullptr, init_stride,
                             out + i * width);
  }
  for (; i < n; ++i) {
    block_product<1>(depth, v + i * vi, vi, vk, m, width,
                     init != nullptr ? init + i * init_stride : nullptr, init_stride,
                     out + i * width);
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

// The index of the largest of n values (the first on ties).
size_t argmax(const float* v, size_t n) {
  size_t best = 0;
  for (size_t j = 1; j < n; ++j) {
    if (v[j] > v[best]) best = j;
  }
  return best;
}

// A class label as an index in [0, k): labels are valid by precondition; the clamp only keeps a
// bad label from reading out of bounds.
size_t class_index(float label, size_t k) {
  if (!(label > 0.0f)) return 0;  // NaN too
  if (label >= float(k)) return k - 1;
  return static_cast<size_t>(label);
}

// True if all n values are finite (an integer OR reduction: vectorizable).
bool all_finite(const float* x, size_t n) {
  uint32_t bad = 0;
  for (size_t i = 0; i < n; ++i) bad |= uint32_t(!(std::fabs(x[i]) <= FLT_MAX));
  return bad == 0;
}

}  // namespace

// ---- Validation ---------------------------------------------------------------------------------

std::string validate(const NetworkConfig& c) {
  const size_t layers = c.hidden.size();
  if (layers < 1 || layers > size_t(kMaxHiddenLayers)) {
    return format("hidden: expected 1..%g layers, got %g", kMaxHiddenLayers, double(layers));
  }
  for (size_t l = 0; l < layers; ++l) {
    if (c.hidden[l] < 1 || c.hidden[l] > kMaxUnits) {
      return "hidden[" + std::to_string(l) + "]" +
             format(": expected 1..%g units, got %g", kMaxUnits, c.hidden[l]);
    }
  }
  if (c.activations.size() != 1 && c.activations.size() != layers) {
    return format("activations: expected 1 or %g entries (one per hidden layer), got %g",
                  double(layers), double(c.activations.size()));
  }
  bool celu = false;
  for (size_t l = 0; l < c.activations.size(); ++l) {
    if (!is_activation(c.activations[l])) {
      return "activations[" + std::to_string(l) + "]" +
             format(": unknown activation %g", static_cast<int>(c.activations[l]));
    }
    celu = celu || c.activations[l] == Activation::kCelu;
  }
  if (!std::isfinite(c.alpha)) return format("alpha: expected a finite value, got %g", c.alpha);
  if (celu && c.alpha == 0.0f) return "alpha: must be nonzero for celu";
  if (!std::isfinite(c.leaky_slope)) {
    return format("leaky_slope: expected a finite value, got %g", c.leaky_slope);
  }
  if (c.task == Task::kClassification) {
    if (c.outputs < 1 || c.outputs > kMaxOutputs) {
      return format("outputs: expected 1..%g for classification, got %g", kMaxOutputs, c.outputs);
    }
  } else if (c.task == Task::kRegression) {
    if (c.outputs != 1) return format("outputs: expected 1 for regression, got %g", c.outputs);
  } else {
    return format("task: unknown task %g", static_cast<int>(c.task));
  }
  if (c.features == 0 || (c.features & ~uint32_t(kAllFeatures)) != 0) {
    char buf[120];
    std::snprintf(buf, sizeof buf,
                  "features: expected a nonzero subset of the bits 0..6 (x1 x2 x1^2 x2^2 x1*x2 "
                  "sin(x1) sin(x2)), got 0x%x",
                  unsigned(c.features));
    return buf;
  }
  return "";
}

std::string validate(const TrainOptions& o) {
  if (o.batch_size < 1) return format("batch_size: expected >= 1, got %g", o.batch_size);
  if (!(o.learning_rate > 0.0f) || !std::isfinite(o.learning_rate)) {
    return format("learning_rate: expected a finite value > 0, got %g", o.learning_rate);
  }
  if (o.optimizer != Optimizer::kSgd && o.optimizer != Optimizer::kMomentum &&
      o.optimizer != Optimizer::kAdam) {
    return format("optimizer: unknown optimizer %g", static_cast<int>(o.optimizer));
  }
  if (!(o.momentum >= 0.0f && o.momentum < 1.0f)) {
    return format("momentum: expected a value in [0, 1), got %g", o.momentum);
  }
  if (!(o.beta1 >= 0.0f && o.beta1 < 1.0f)) {
    return format("beta1: expected a value in [0, 1), got %g", o.beta1);
  }
  if (!(o.beta2 >= 0.0f && o.beta2 < 1.0f)) {
    return format("beta2: expected a value in [0, 1), got %g", o.beta2);
  }
  if (!(o.epsilon > 0.0f) || !std::isfinite(o.epsilon)) {
    return format("epsilon: expected a finite value > 0, got %g", o.epsilon);
  }
  if (o.regularization != Regularization::kNone && o.regularization != Regularization::kL1 &&
      o.regularization != Regularization::kL2) {
    return format("regularization: unknown kind %g", static_cast<int>(o.regularization));
  }
  if (!(o.regularization_rate >= 0.0f) || !std::isfinite(o.regularization_rate)) {
    return format("regularization_rate: expected a finite value >= 0, got %g",
                  o.regularization_rate);
  }
  return "";
}

// ---- Construction, parameters -------------------------------------------------------------------

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
  weights_out_in_.assign(parameter_count_, 0.0f);
  ensure_capacity(kChunk);
  reset(config_.seed);
}

int Network::inputs() const { return popcount(config_.features & kAllFeatures); }

size_t Network::parameter_count() const { return parameter_count_; }

size_t Network::neuron_count() const { return total_units_; }

void Network::reset(uint32_t seed) {
  rng_.reseed(seed);
  diverged_ = false;
  epoch_ = 0;
  last_gradient_norm_ = 0.0f;
  adam_powers_ = AdamPowers();
  std::fill(state_.begin(), state_.end(), 0.0f);  // biases, velocity and moments start at 0
  float* p = parameters();
  for (size_t l = 0; l < layers_.size(); ++l) {
    const Layer& layer = layers_[l];
    const bool hidden = l + 1 < layers_.size();
    const float limit = hidden && uses_he_init(layer.activation)
                            ? std::sqrt(6.0f / float(layer.in))
                            : std::sqrt(6.0f / float(layer.in + layer.out));
    // Drawn in the public order (per output unit, its in weights), stored transposed.
    for (int j = 0; j < layer.out; ++j) {
      for (int k = 0; k < layer.in; ++k) {
        p[layer.weights + size_t(k) * layer.out + j] = rng_.uniform(-limit, limit);
      }
    }
  }
}

void Network::set_alpha(float alpha) { config_.alpha = alpha; }

kernels::ActivationParams Network::activation_params(const Layer& layer) const {
  kernels::ActivationParams params;
  params.alpha = layer.activation == Activation::kLeakyRelu ? config_.leaky_slope : config_.alpha;
  return params;
}

void Network::get_parameters(float* out) const {
  const float* p = parameters();
  for (const Layer& layer : layers_) {
    for (int j = 0; j < layer.out; ++j) {
      for (int k = 0; k < layer.in; ++k) *out++ = p[layer.weights + size_t(k) * layer.out + j];
    }
    for (int j = 0; j < layer.out; ++j) *out++ = p[layer.biases + j];
  }
}

void Network::set_parameters(const float* in) {
  float* p = parameters();
  for (const Layer& layer : layers_) {
    for (int j = 0; j < layer.out; ++j) {
      for (int k = 0; k < layer.in; ++k) p[layer.weights + size_t(k) * layer.out + j] = *in++;
    }
    for (int j = 0; j < layer.out; ++j) p[layer.biases + j] = *in++;
  }
}

// ---- Forward and backward passes ----------------------------------------------------------------

void Network::ensure_capacity(size_t rows) {
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
// point i).
void Network::load_inputs(const float* x, const uint32_t* index, size_t m) const {
  const uint32_t f = config_.features;
  float* out = inputs_.data();
  for (size_t i = 0; i < m; ++i) {
    const size_t p = index != nullptr ? index[i] : i;
    const float x1 = x[2 * p], x2 = x[2 * p + 1];
    if (f & kX1) *out++ = x1;
    if (f & kX2) *out++ = x2;
    if (f & kX1Squared) *out++ = x1 * x1;
    if (f & kX2Squared) *out++ = x2 * x2;
    if (f & kX1TimesX2) *out++ = x1 * x2;
    if (f & kSinX1) *out++ = std::sin(x1);
    if (f & kSinX2) *out++ = std::sin(x2);
  }
}

// Pixel centers of the grid cells first .. first + m - 1 (row-major, row 0 at y_max).
void Network::load_grid_inputs(const Grid& g, size_t first, size_t m) const {
  const float dx = g.x_max - g.x_min, dy = g.y_max - g.y_min;
  float* r = raw_.data();
  for (size_t i = 0; i < m; ++i) {
    const size_t cell = first + i;
    const size_t row = cell / size_t(g.width), col = cell % size_t(g.width);
    r[2 * i] = g.x_min + (float(col) + 0.5f) * dx / float(g.width);
    r[2 * i + 1] = g.y_max - (float(row) + 0.5f) * dy / float(g.height);
  }
  load_inputs(r, nullptr, m);
}

// Fills z(l) and a(l) for every layer from inputs_. sigmoid_output false: leaves a() of a
// 1-output classifier unset (output_loss computes the sigmoid with the loss, sharing its exp).
void Network::forward(size_t m, bool sigmoid_output) const {
  const float* p = parameters();
  const float* in = inputs_.data();
  for (size_t l = 0; l < layers_.size(); ++l) {
    const Layer& layer = layers_[l];
    const size_t n_in = size_t(layer.in), n_out = size_t(layer.out);
    const float* w = p + layer.weights;
    float* zl = z(l);
    // z = in W + b: m rows of depth n_in; every row starts from the biases.
    matrix_product(m, n_in, in, n_in, 1, w, n_out, p + layer.biases, 0, zl);
    float* al = a(l);
    if (l + 1 < layers_.size()) {
      kernels::activation_forward(layer.activation, activation_params(layer), m * n_out, zl, al);
    } else if (config_.task == Task::kRegression) {
      std::memcpy(al, zl, m * n_out * sizeof(float));
    } else if (n_out == 1) {
      if (sigmoid_output) kernels::activation_forward(Activation::kSigmoid, {}, m, zl, al);
    } else {
      for (size_t i = 0; i < m; ++i) {  // softmax, stable: exp(z - max z) <= 1
        const float* zi = zl + i * n_out;
        float* pi = al + i * n_out;
        const float top = zi[argmax(zi, n_out)];
        float sum = 0.0f;
        for (size_t j = 0; j < n_out; ++j) sum += pi[j] = std::exp(zi[j] - top);
        for (size_t j = 0; j < n_out; ++j) pi[j] /= sum;
      }
    }
    in = al;
  }
}

// After forward(m, false): returns the summed loss of the m points, and writes dL/dz of the output
// layer times `scale` (1 / points in the mean) into delta_.
double Network::output_loss(const float* y, size_t m, float scale) const {
  const size_t last = layers_.size() - 1, k = size_t(layers_[last].out);
  const float* zl = z(last);
  const float* pl = a(last);
  float* dz = delta_.data();
  double loss = 0.0;
  if (config_.task == Task::kRegression) {
    for (size_t i = 0; i < m; ++i) {
      const float e = pl[i] - y[i];
      loss += 0.5 * double(e) * double(e);
      dz[i] = e * scale;
    }
  } else if (k == 1) {
    // BCE of p = sigmoid(z): max(z, 0) - z y + log(1 + exp(-|z|)), finite for every finite z.
    // p from the same e = exp(-|z|), as the sigmoid kernel computes it (activations.cc).
    for (size_t i = 0; i < m; ++i) {
      const float zi = zl[i];
      const float e = std::exp(-std::fabs(zi));
      const float p = zi >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
      loss += double(std::max(zi, 0.0f) - zi * y[i] + std::log1p(e));
      dz[i] = (p - y[i]) * scale;
    }
  } else {
    // Cross-entropy of p = softmax(z): log(sum exp(z - max z)) - (z_c - max z), stable; the sum
    // is 1 / p at the argmax (whose exp(z - max z) is 1), and p >= 1/k there, so the log of the
    // sum is -log(p_max), with no exp to take again. dL/dz = p - onehot.
    for (size_t i = 0; i < m; ++i) {
      const float* zi = zl + i * k;
      const float* pi = pl + i * k;
      float* di = dz + i * k;
      const size_t c = class_index(y[i], k), top = argmax(zi, k);
      loss += double(-std::log(pi[top]) - (zi[c] - zi[top]));
      for (size_t j = 0; j < k; ++j) di[j] = pi[j] * scale;
      di[c] = (pi[c] - 1.0f) * scale;
    }
  }
  return loss;
}

// After output_loss: adds dL/dparameters of the m points to grad_.
void Network::backward(size_t m) const {
  const float* p = parameters();
  // dL/da needs W^T, i.e. the weights as out x in: transposed afresh on every pass (fewer values
  // than one point's forward pass touches times m), so it can never be stale.
  for (size_t l = 1; l < layers_.size(); ++l) {
    const Layer& layer = layers_[l];
    for (int k = 0; k < layer.in; ++k) {
      for (int j = 0; j < layer.out; ++j) {
        weights_out_in_[layer.weights + size_t(j) * layer.in + k] =
            p[layer.weights + size_t(k) * layer.out + j];
      }
    }
  }
  float* dz = delta_.data();                           // m x out of layer l: dL/dz
  float* da = delta_.data() + capacity_ * max_width_;  // m x in of layer l: dL/da of layer l - 1
  for (size_t l = layers_.size(); l-- > 0;) {
    const Layer& layer = layers_[l];
    const size_t n_in = size_t(layer.in), n_out = size_t(layer.out);
    const float* in = l == 0 ? inputs_.data() : a(l - 1);
    float* gw = grad_.data() + layer.weights;
    float* gb = grad_.data() + layer.biases;
    // dW += in^T dz: n_in rows of depth m (row k of in^T is column k of in: stride n_in).
    matrix_product(n_in, m, in, 1, n_in, dz, n_out, gw, n_out, gw);
    // db += 1^T dz: one row of depth m, the 1s a single constant (times 1 is exact: a plain sum).
    static constexpr float kOne = 1.0f;
    matrix_product(1, m, &kOne, 0, 0, dz, n_out, gb, 0, gb);
    if (l == 0) break;
    // da = dz W^T: m rows of depth n_out.
    const float* wt = weights_out_in_.data() + layer.weights;
    matrix_product(m, n_out, dz, n_out, 1, wt, n_in, nullptr, 0, da);
    const Layer& below = layers_[l - 1];
    kernels::activation_backward(below.activation, activation_params(below), m * n_in, z(l - 1), da,
                                 da);
    std::swap(dz, da);
  }
}

// Adds the regularization term to grad_ and takes one optimizer step. Returns whether the
// parameters and the optimizer's moments are all still finite (a NaN or infinite gradient always
// shows there: it makes a parameter or a moment NaN or infinite).
bool Network::update(const TrainOptions& o) {
  const size_t n = parameter_count_;
  float* w = parameters();
  float* g = grad_.data();
  if (o.regularization != Regularization::kNone && o.regularization_rate > 0.0f) {
    const float rate = o.regularization_rate;
    for (const Layer& layer : layers_) {  // weights only, not biases
      float* wl = w + layer.weights;
      float* gl = g + layer.weights;
      const size_t count = size_t(layer.in) * size_t(layer.out);
      for (size_t i = 0; i < count; ++i) {
        if (o.regularization == Regularization::kL2) {
          gl[i] += rate * wl[i];
        } else {
          gl[i] += wl[i] > 0.0f ? rate : (wl[i] < 0.0f ? -rate : 0.0f);
        }
      }
    }
  }
  const float lr = o.learning_rate;
  switch (o.optimizer) {
    case Optimizer::kSgd:
      for (size_t i = 0; i < n; ++i) w[i] -= lr * g[i];
      return all_finite(w, n);
    case Optimizer::kMomentum: {
      float* v = w + n;
      const float mu = o.momentum;
      for (size_t i = 0; i < n; ++i) {
        v[i] = mu * v[i] + g[i];
        w[i] -= lr * v[i];
      }
      return all_finite(w, 2 * n);  // parameters and velocity
    }
    case Optimizer::kAdam: {
      float* m1 = w + 2 * n;
      float* m2 = w + 3 * n;
      // w -= lr * m^ / (sqrt(v^) + eps) with m^ = m / c1, v^ = v / c2 and the bias corrections
      // c = 1 - beta^t, arranged as PyTorch does: (lr / c1) * m / (sqrt(v) / sqrt(c2) + eps).
      // beta^t is kept as the running product of the betas used (the exact correction should
      // the options change between epochs), in double.
      adam_powers_.beta1 *= double(o.beta1);
      adam_powers_.beta2 *= double(o.beta2);
      const double c1 = 1.0 - adam_powers_.beta1, c2 = 1.0 - adam_powers_.beta2;
      const float step = float(double(lr) / c1), inv_sqrt_c2 = float(1.0 / std::sqrt(c2));
      const float b1 = o.beta1, b2 = o.beta2, eps = o.epsilon;
      for (size_t i = 0; i < n; ++i) {
        m1[i] = b1 * m1[i] + (1.0f - b1) * g[i];
        m2[i] = b2 * m2[i] + (1.0f - b2) * (g[i] * g[i]);
        w[i] -= step * m1[i] / (std::sqrt(m2[i]) * inv_sqrt_c2 + eps);
      }
      return all_finite(w, n) && all_finite(m1, 2 * n);  // parameters and both moments
    }
  }
  return false;
}

// ---- Training and inference ---------------------------------------------------------------------

float Network::train_epoch(const float* x, const float* y, size_t n, const TrainOptions& options) {
  if (diverged_) return kNaN;
  if (n == 0) return 0.0f;
  const size_t batch = std::min(size_t(std::max(options.batch_size, 1)), n);
  ensure_capacity(batch);
  order_.resize(n);
  for (size_t i = 0; i < n; ++i) order_[i] = uint32_t(i);
  if (options.shuffle) {  // Fisher-Yates
    for (size_t i = n - 1; i > 0; --i) std::swap(order_[i], order_[rng_.below(uint32_t(i + 1))]);
  }
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

float Network::evaluate(const float* x, const float* y, size_t n) const {
  if (n == 0) return 0.0f;
  double total = 0.0;
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    load_inputs(x + 2 * start, nullptr, m);
    forward(m, false);
    total += output_loss(y + start, m, 1.0f);
  }
  return float(total / double(n));
}

float Network::accuracy(const float* x, const float* y, size_t n) const {
  if (n == 0 || config_.task != Task::kClassification) return 0.0f;
  const size_t k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  size_t correct = 0;
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    load_inputs(x + 2 * start, nullptr, m);
    forward(m, true);
    for (size_t i = 0; i < m; ++i) {
      const float label = y[start + i];
      if (k == 1) {
        correct += (p[i] > 0.5f) == (label > 0.5f);
      } else {
        correct += argmax(p + i * k, k) == class_index(label, k);
      }
    }
  }
  return float(double(correct) / double(n));
}

void Network::predict(const float* x, size_t n, float* out) const {
  const size_t k = size_t(outputs());
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    load_inputs(x + 2 * start, nullptr, m);
    forward(m, true);
    std::memcpy(out + start * k, a(layers_.size() - 1), m * k * sizeof(float));
  }
}

std::vector<LayerStats> Network::stats(const float* x, size_t n) const {
  const size_t hidden = layers_.size() - 1;
  std::vector<double> sums(hidden, 0.0);
  std::vector<uint8_t> alive(total_units_, 0);  // f' != 0 at some point (or NaN)
  float* slope = delta_.data();
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    load_inputs(x + 2 * start, nullptr, m);
    forward(m, true);
    for (size_t l = 0; l < hidden; ++l) {
      const Layer& layer = layers_[l];
      const size_t count = m * size_t(layer.out);
      const float* al = a(l);
      for (size_t i = 0; i < count; ++i) sums[l] += double(al[i]);
      std::fill(slope, slope + count, 1.0f);
      kernels::activation_backward(layer.activation, activation_params(layer), count, z(l), slope,
                                   slope);
      for (size_t i = 0; i < count; ++i) alive[layer.units + i % layer.out] |= slope[i] != 0.0f;
    }
  }
  std::vector<LayerStats> result(hidden, LayerStats{0.0f, 0.0f});
  if (n == 0) return result;
  for (size_t l = 0; l < hidden; ++l) {
    const Layer& layer = layers_[l];
    int dead = 0;
    for (int j = 0; j < layer.out; ++j) dead += alive[layer.units + j] == 0;
    result[l].mean_activation = float(sums[l] / (double(n) * double(layer.out)));
    result[l].dead_fraction = float(dead) / float(layer.out);
  }
  return result;
}

void Network::predict_grid(float x_min, float x_max, float y_min, float y_max, int width,
                           int height, float* out) const {
  if (width < 1 || height < 1) return;
  const Grid grid{x_min, x_max, y_min, y_max, width, height};
  const size_t cells = size_t(width) * size_t(height), k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  for (size_t start = 0; start < cells; start += kChunk) {
    const size_t m = std::min(kChunk, cells - start);
    load_grid_inputs(grid, start, m);
    forward(m, true);
    for (size_t i = 0; i < m; ++i) {
      if (k == 1) {
        out[start + i] = p[i];
      } else {
        const size_t c = argmax(p + i * k, k);
        out[start + i] = float(c) + p[i * k + c];
      }
    }
  }
}

void Network::grid_rgba(float x_min, float x_max, float y_min, float y_max, int width, int height,
                        const uint8_t* lut, float v_min, float v_max, uint8_t* rgba) const {
  if (width < 1 || height < 1) return;
  const Grid grid{x_min, x_max, y_min, y_max, width, height};
  const size_t cells = size_t(width) * size_t(height), k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  const size_t block = 256 / k;  // k > 1: entries per class
  const float chance = 1.0f / float(k);
  // t in [0, 1] (NaN -> 0) to the nearest of 0 .. top; t * top + 0.5 is exact in double (not in
  // float: 255 t can round up to k + 0.5).
  auto level = [](float t, size_t top) {
    t = t > 0.0f ? (t < 1.0f ? t : 1.0f) : 0.0f;
    return size_t(double(t) * double(top) + 0.5);
  };
  for (size_t start = 0; start < cells; start += kChunk) {
    const size_t m = std::min(kChunk, cells - start);
    load_grid_inputs(grid, start, m);
    forward(m, true);
    for (size_t i = 0; i < m; ++i) {
      size_t entry;
      if (k == 1) {
        entry = level((p[i] - v_min) / (v_max - v_min), 255);
      } else {
        const size_t c = argmax(p + i * k, k);
        entry = c * block + level((p[i * k + c] - chance) / (1.0f - chance), block - 1);
      }
      std::memcpy(rgba + 4 * (start + i), lut + 4 * entry, 4);
    }
  }
}

void Network::neuron_grid(float x_min, float x_max, float y_min, float y_max, int width, int height,
                          float* out) const {
  if (width < 1 || height < 1) return;
  const Grid grid{x_min, x_max, y_min, y_max, width, height};
  const size_t cells = size_t(width) * size_t(height);
  for (size_t start = 0; start < cells; start += kChunk) {
    const size_t m = std::min(kChunk, cells - start);
    load_grid_inputs(grid, start, m);
    forward(m, true);
    for (size_t l = 0; l < layers_.size(); ++l) {
      const size_t units = size_t(layers_[l].out);
      const float* al = a(l);
      for (size_t j = 0; j < units; ++j) {
        float* dst = out + (layers_[l].units + j) * cells + start;
        for (size_t i = 0; i < m; ++i) dst[i] = al[i * units + j];
      }
    }
  }
}

void Network::gradient(const float* x, const float* y, size_t n, float* out) const {
  std::fill(grad_.begin(), grad_.end(), 0.0f);
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    load_inputs(x + 2 * start, nullptr, m);
    forward(m, false);
    output_loss(y + start, m, 1.0f / float(n));
    backward(m);
  }
  for (const Layer& layer : layers_) {  // to the public order, as get_parameters
    for (int j = 0; j < layer.out; ++j) {
      for (int k = 0; k < layer.in; ++k) *out++ = grad_[layer.weights + size_t(k) * layer.out + j];
    }
    for (int j = 0; j < layer.out; ++j) *out++ = grad_[layer.biases + j];
  }
}

}  // namespace elu::nn
