// The network of network.h. Everything works on batches of m points, one row per unit (S = m
// rounded up to a multiple of 4; point i in column i, the padding columns computed along):
//   inputs_  in0 x S          the derived features
//   z(l)     out_l x S        preactivations: the biases plus the weights times layer l's inputs
//   a(l)     out_l x S        f(z(l)) for hidden layers (kernels::activation_forward over all
//                             out_l x S values at once, so ELU runs the SIMD kernel on whole
//                             vectors); for the output layer the probabilities (sigmoid, softmax)
//                             or values
// SIMD runs over the points: z_j = b_j + sum_k w_kj a_k takes 4 points per vector, each lane a
// plain sum in k order, so every unit of every point sums in the same order whichever path
// computes it (results do not depend on a point's position in a batch or chunk). The backward
// pass's dL/da_k = sum_j w_kj dL/dz_j works the same way (rows_product serves both); the weight
// and bias gradients are sums over the points (add_row_products), with the padding masked out.
// Inference (evaluate, predict, stats, grids, gradient) runs in chunks of kChunk points.
#include "nn/network.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>

#include "kernels/simd128.h"
#include "nn/bce.h"
#include "nn/text.h"

namespace elu::nn {

using kernels::Activation;
using simd::f32x4;
using simd::i32x4;

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

// The products below work on rows of `stride` floats (a multiple of 4): row r of a layer holds
// unit r at every point, so one 128-bit vector holds one unit at 4 points.

// out[r * stride + i] = bias[r] + sum over d < depth, in order, of w[r * w_row + d * w_depth] *
// in[d * stride + i], for r < rows and i < stride (bias null: 0 + ...). R rows x V vectors of
// points at a time, the R x V sums in registers (each input vector loaded once for the R rows).
template <size_t R, size_t V>
inline void rows_block(size_t stride, size_t depth, const float* __restrict in,
                       const float* __restrict w, size_t w_row, size_t w_depth,
                       const float* bias, float* __restrict out) {
  f32x4 acc[R][V];
  for (size_t r = 0; r < R; ++r) {
    for (size_t v = 0; v < V; ++v) acc[r][v] = simd::splat(bias != nullptr ? bias[r] : 0.0f);
  }
  for (size_t d = 0; d < depth; ++d) {
    f32x4 x[V];
    for (size_t v = 0; v < V; ++v) x[v] = simd::load(in + d * stride + 4 * v);
    for (size_t r = 0; r < R; ++r) {
      const f32x4 wd = simd::splat(w[r * w_row + d * w_depth]);
      for (size_t v = 0; v < V; ++v) acc[r][v] += x[v] * wd;
    }
  }
  for (size_t r = 0; r < R; ++r) {
    for (size_t v = 0; v < V; ++v) simd::store(out + r * stride + 4 * v, acc[r][v]);
  }
}

// R rows over the whole stride, 4 vectors at a time, then the last 1 to 3.
template <size_t R>
inline void rows_strip(size_t stride, size_t depth, const float* in, const float* w, size_t w_row,
                       size_t w_depth, const float* bias, float* out) {
  size_t i = 0;
  for (; i + 16 <= stride; i += 16) {
    rows_block<R, 4>(stride, depth, in + i, w, w_row, w_depth, bias, out + i);
  }
  switch ((stride - i) / 4) {
    case 3: rows_block<R, 3>(stride, depth, in + i, w, w_row, w_depth, bias, out + i); break;
    case 2: rows_block<R, 2>(stride, depth, in + i, w, w_row, w_depth, bias, out + i); break;
    case 1: rows_block<R, 1>(stride, depth, in + i, w, w_row, w_depth, bias, out + i); break;
    default: break;
  }
}

void rows_product(size_t stride, size_t rows, size_t depth, const float* in, const float* w,
                  size_t w_row, size_t w_depth, const float* bias, float* out) {
  size_t r = 0;
  for (; r + 2 <= rows; r += 2) {
    rows_strip<2>(stride, depth, in, w + r * w_row, w_row, w_depth,
                  bias != nullptr ? bias + r : nullptr, out + r * stride);
  }
  if (r < rows) {
    rows_strip<1>(stride, depth, in, w + r * w_row, w_row, w_depth,
                  bias != nullptr ? bias + r : nullptr, out + r * stride);
  }
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

// All ones in the lanes of the last vector of a row that hold one of the m points, zeros in the
// padding after them (stride - 4 < m <= stride).
i32x4 last_lanes(size_t stride, size_t m) {
  const int32_t valid = int32_t(m - (stride - 4));
  return i32x4{0, 1, 2, 3} < simd::splat_i32(valid);
}

// The lanes of v added as (v0 + v2) + (v1 + v3).
float lane_sum(f32x4 v) { return (v[0] + v[2]) + (v[1] + v[3]); }

// The lane sums of a, b, c, d, in that order, each added as lane_sum adds.
f32x4 lane_sums(f32x4 a, f32x4 b, f32x4 c, f32x4 d) {
  const f32x4 ab = __builtin_shufflevector(a, b, 0, 4, 1, 5) + __builtin_shufflevector(a, b, 2, 6, 3, 7);
  const f32x4 cd = __builtin_shufflevector(c, d, 0, 4, 1, 5) + __builtin_shufflevector(c, d, 2, 6, 3, 7);
  return __builtin_shufflevector(ab, cd, 0, 1, 4, 5) + __builtin_shufflevector(ab, cd, 2, 3, 6, 7);
}

// g[k * width + j] += the sum over the points of a_k[i] * b_j[i] for k < depth, j < width (a_k:
// row k of a, b_j: row j of b). Each sum runs per lane in point order, the padding of the last
// vector masked out (whatever it holds, even inf or NaN, adds nothing), then over the lanes.
// Four consecutive entries of g at a time, side by side, reduced together.
void add_row_products(size_t stride, i32x4 last, const float* a, size_t depth, const float* b,
                      size_t width, float* g) {
  const size_t count = depth * width;
  size_t k = 0, j = 0;
  auto rows = [&](const float** ak, const float** bj) {
    *ak = a + k * stride;
    *bj = b + j * stride;
    if (++j == width) {
      j = 0;
      ++k;
    }
  };
  size_t e = 0;
  for (; e + 4 <= count; e += 4) {
    const float* ak[4];
    const float* bj[4];
    for (size_t q = 0; q < 4; ++q) rows(&ak[q], &bj[q]);
    f32x4 acc[4];
    for (size_t q = 0; q < 4; ++q) acc[q] = simd::splat(0.0f);
    size_t i = 0;
    for (; i + 4 < stride; i += 4) {
      for (size_t q = 0; q < 4; ++q) acc[q] += simd::load(ak[q] + i) * simd::load(bj[q] + i);
    }
    for (size_t q = 0; q < 4; ++q) {
      acc[q] += simd::as_f32(simd::as_i32(simd::load(ak[q] + i) * simd::load(bj[q] + i)) & last);
    }
    simd::store(g + e, simd::load(g + e) + lane_sums(acc[0], acc[1], acc[2], acc[3]));
  }
  for (; e < count; ++e) {
    const float* ak;
    const float* bj;
    rows(&ak, &bj);
    f32x4 acc = simd::splat(0.0f);
    size_t i = 0;
    for (; i + 4 < stride; i += 4) acc += simd::load(ak + i) * simd::load(bj + i);
    acc += simd::as_f32(simd::as_i32(simd::load(ak + i) * simd::load(bj + i)) & last);
    g[e] += lane_sum(acc);
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

// The index j of the largest of the n values v[j * stride] (the first on ties).
size_t argmax(const float* v, size_t n, size_t stride) {
  size_t best = 0;
  for (size_t j = 1; j < n; ++j) {
    if (v[j * stride] > v[best * stride]) best = j;
  }
  return best;
}

// Rows of m points are padded to a multiple of 4 (whole vectors).
size_t padded(size_t m) { return (m + 3) & ~size_t(3); }

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
  rows = padded(rows);
  if (rows <= capacity_) return;
  capacity_ = rows;
  inputs_.assign(capacity_ * size_t(inputs()), 0.0f);
  raw_.assign(capacity_ * 2, 0.0f);
  targets_.assign(capacity_, 0.0f);
  z_.assign(capacity_ * total_units_, 0.0f);
  a_.assign(capacity_ * total_units_, 0.0f);
  delta_.assign(2 * capacity_ * max_width_, 0.0f);
  ones_.assign(capacity_, 1.0f);
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

// Pixel centers of the grid cells first .. first + m - 1 (row-major, row 0 at y_max), from the
// column coordinates begin_grid computed. The padding lanes get the point (0, 0).
void Network::load_grid_inputs(const Grid& g, size_t first, size_t m) const {
  const size_t stride = padded(m), width = size_t(g.width);
  const float dy = g.y_max - g.y_min;
  float* x1 = raw_.data();
  float* x2 = x1 + stride;
  size_t row = first / width, col = first % width;
  float y = g.y_max - (float(row) + 0.5f) * dy / float(g.height);
  for (size_t i = 0; i < m; ++i) {
    x1[i] = grid_x_[col];
    x2[i] = y;
    if (++col == width) {
      col = 0;
      ++row;
      y = g.y_max - (float(row) + 0.5f) * dy / float(g.height);
    }
  }
  for (size_t i = m; i < stride; ++i) x1[i] = x2[i] = 0.0f;
  derive_features(stride);
}

// The x coordinate of every column of the grid into grid_x_.
void Network::begin_grid(const Grid& g) const {
  const float dx = g.x_max - g.x_min;
  grid_x_.resize(size_t(g.width));
  for (int col = 0; col < g.width; ++col) {
    grid_x_[size_t(col)] = g.x_min + (float(col) + 0.5f) * dx / float(g.width);
  }
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
    // z_j = b_j + sum_k w_kj in_k, at every point.
    rows_product(stride, n_out, n_in, in, p + layer.weights, 1, n_out, p + layer.biases, zl);
    float* al = a(l);
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
      for (size_t i = 0; i < m; ++i) {  // softmax, stable: exp(z - max z) <= 1
        const float* zi = zl + i;
        float* pi = al + i;
        const float top = zi[argmax(zi, n_out, stride) * stride];
        float sum = 0.0f;
        for (size_t j = 0; j < n_out; ++j) sum += pi[j * stride] = std::exp(zi[j * stride] - top);
        for (size_t j = 0; j < n_out; ++j) pi[j * stride] /= sum;
      }
    }
    in = al;
  }
}

// After forward(m, false): returns the summed loss of the m points, and writes dL/dz of the output
// layer times `scale` (1 / points in the mean) into delta_.
double Network::output_loss(const float* y, size_t m, float scale) const {
  const size_t last = layers_.size() - 1, k = size_t(layers_[last].out), stride = padded(m);
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
    // BCE of p = sigmoid(z), finite for every finite z (bce.h).
    loss = bce_with_logits(m, zl, y, scale, dz);
  } else {
    // Cross-entropy of p = softmax(z): log(sum exp(z - max z)) - (z_c - max z), stable; the sum
    // is 1 / p at the argmax (whose exp(z - max z) is 1), and p >= 1/k there, so the log of the
    // sum is -log(p_max), with no exp to take again. dL/dz = p - onehot.
    for (size_t i = 0; i < m; ++i) {
      const float* zi = zl + i;
      const float* pi = pl + i;
      float* di = dz + i;
      const size_t c = class_index(y[i], k), top = argmax(zi, k, stride);
      loss += double(-std::log(pi[top * stride]) - (zi[c * stride] - zi[top * stride]));
      for (size_t j = 0; j < k; ++j) di[j * stride] = pi[j * stride] * scale;
      di[c * stride] = (pi[c * stride] - 1.0f) * scale;
    }
  }
  // Zeros in the padding: dL/da there stays 0 (no stale values, no subnormal arithmetic).
  for (size_t j = 0; j < k; ++j) std::fill(dz + j * stride + m, dz + (j + 1) * stride, 0.0f);
  return loss;
}

// After output_loss: adds dL/dparameters of the m points to grad_. The padding lanes of dL/dz and
// dL/da are computed along but masked out of every sum over the points.
void Network::backward(size_t m) const {
  const size_t stride = padded(m);
  const i32x4 last_mask = last_lanes(stride, m);
  const float* p = parameters();
  float* dz = delta_.data();                           // out x stride of layer l: dL/dz
  float* da = delta_.data() + capacity_ * max_width_;  // in x stride of layer l: dL/da of layer l - 1
  for (size_t l = layers_.size(); l-- > 0;) {
    const Layer& layer = layers_[l];
    const size_t n_in = size_t(layer.in), n_out = size_t(layer.out);
    const float* in = l == 0 ? inputs_.data() : a(l - 1);
    float* gw = grad_.data() + layer.weights;
    float* gb = grad_.data() + layer.biases;
    // dW_kj += sum_i in_ik dz_ij, db_j += sum_i 1 * dz_ij.
    add_row_products(stride, last_mask, in, n_in, dz, n_out, gw);
    add_row_products(stride, last_mask, ones_.data(), 1, dz, n_out, gb);
    if (l == 0) break;
    // da_k = sum_j w_kj dz_j, at every point.
    rows_product(stride, n_in, n_out, dz, p + layer.weights, n_out, 1, nullptr, da);
    const Layer& below = layers_[l - 1];
    kernels::activation_backward(below.activation, activation_params(below), n_in * stride,
                                 z(l - 1), da, da);
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
        correct += argmax(p + i, k, padded(m)) == class_index(label, k);
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
    const float* p = a(layers_.size() - 1);
    const size_t stride = padded(m);
    for (size_t i = 0; i < m; ++i) {
      for (size_t j = 0; j < k; ++j) out[(start + i) * k + j] = p[j * stride + i];
    }
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
    const size_t stride = padded(m);
    for (size_t l = 0; l < hidden; ++l) {
      const Layer& layer = layers_[l];
      const size_t count = stride * size_t(layer.out);
      const float* al = a(l);
      std::fill(slope, slope + count, 1.0f);
      kernels::activation_backward(layer.activation, activation_params(layer), count, z(l), slope,
                                   slope);
      for (size_t j = 0; j < size_t(layer.out); ++j) {
        for (size_t i = 0; i < m; ++i) {
          sums[l] += double(al[j * stride + i]);
          alive[layer.units + j] |= slope[j * stride + i] != 0.0f;
        }
      }
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

template <class F>
void Network::forward_grid(const Grid& grid, F f) const {
  if (grid.width < 1 || grid.height < 1) return;
  begin_grid(grid);
  const size_t cells = size_t(grid.width) * size_t(grid.height);
  for (size_t start = 0; start < cells; start += kChunk) {
    const size_t m = std::min(kChunk, cells - start);
    load_grid_inputs(grid, start, m);
    forward(m, true);
    f(start, m);
  }
}

void Network::predict_grid(float x_min, float x_max, float y_min, float y_max, int width,
                           int height, float* out) const {
  const size_t k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  forward_grid({x_min, x_max, y_min, y_max, width, height}, [&](size_t start, size_t m) {
    const size_t stride = padded(m);
    for (size_t i = 0; i < m; ++i) {
      if (k == 1) {
        out[start + i] = p[i];
      } else {
        const size_t c = argmax(p + i, k, stride);
        out[start + i] = float(c) + p[c * stride + i];
      }
    }
  });
}

void Network::grid_rgba(float x_min, float x_max, float y_min, float y_max, int width, int height,
                        const uint8_t* lut, float v_min, float v_max, uint8_t* rgba) const {
  const size_t k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  const size_t block = 256 / k;  // k > 1: entries per class
  const float chance = 1.0f / float(k);
  // t in [0, 1] (NaN -> 0) to the nearest of 0 .. top; t * top + 0.5 is exact in double (not in
  // float: 255 t can round up to k + 0.5).
  auto level = [](float t, size_t top) {
    t = t > 0.0f ? (t < 1.0f ? t : 1.0f) : 0.0f;
    return size_t(double(t) * double(top) + 0.5);
  };
  forward_grid({x_min, x_max, y_min, y_max, width, height}, [&](size_t start, size_t m) {
    const size_t stride = padded(m);
    for (size_t i = 0; i < m; ++i) {
      size_t entry;
      if (k == 1) {
        entry = level((p[i] - v_min) / (v_max - v_min), 255);
      } else {
        const size_t c = argmax(p + i, k, stride);
        entry = c * block + level((p[c * stride + i] - chance) / (1.0f - chance), block - 1);
      }
      std::memcpy(rgba + 4 * (start + i), lut + 4 * entry, 4);
    }
  });
}

void Network::neuron_grid(float x_min, float x_max, float y_min, float y_max, int width, int height,
                          float* out) const {
  const size_t cells = size_t(std::max(width, 0)) * size_t(std::max(height, 0));
  forward_grid({x_min, x_max, y_min, y_max, width, height}, [&](size_t start, size_t m) {
    for (size_t l = 0; l < layers_.size(); ++l) {
      const float* al = a(l);
      for (size_t j = 0; j < size_t(layers_[l].out); ++j) {
        std::memcpy(out + (layers_[l].units + j) * cells + start, al + j * padded(m),
                    m * sizeof(float));
      }
    }
  });
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
