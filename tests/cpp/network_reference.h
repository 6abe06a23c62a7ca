// Shared by the network tests (tests/cpp/network_*_test.cc): a plain double-precision reference
// network, written the obvious way (one point at a time, parameters in the public order of
// Network::get_parameters), random data for it, and small helpers around nn/network.h.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "activation_reference.h"
#include "elu_reference.h"
#include "kernels/activations.h"
#include "nn/datasets.h"
#include "nn/network.h"

namespace elu::testing {

using kernels::Activation;
using kernels::activation_name;
using nn::Dataset;
using nn::Network;
using nn::NetworkConfig;
using nn::Optimizer;
using nn::Task;
using nn::TrainOptions;

// ---- Helpers ------------------------------------------------------------------------------------

inline constexpr Activation kAllActivations[] = {
    Activation::kRelu,  Activation::kLeakyRelu, Activation::kElu,      Activation::kCelu,
    Activation::kSelu,  Activation::kGelu,      Activation::kSilu,     Activation::kSoftplus,
    Activation::kTanh,  Activation::kSigmoid,   Activation::kLinear,
};

inline bool PrintErrors() {
  const char* v = std::getenv("NETWORK_PRINT_ERRORS");
  return v != nullptr && v[0] == '1';
}

// Bit-identical, NaN or not.
inline bool SameBits(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (to_bits(a[i]) != to_bits(b[i])) return false;
  }
  return true;
}

inline std::vector<float> Parameters(const Network& net) {
  std::vector<float> p(net.parameter_count());
  net.get_parameters(p.data());
  return p;
}

inline std::vector<float> Gradient(const Network& net, const Dataset& d) {
  std::vector<float> g(net.parameter_count());
  net.gradient(d.x.data(), d.y.data(), d.size(), g.data());
  return g;
}

inline std::vector<float> Predict(const Network& net, const std::vector<float>& x) {
  std::vector<float> out(x.size() / 2 * size_t(net.outputs()));
  net.predict(x.data(), x.size() / 2, out.data());
  return out;
}

inline NetworkConfig Config(std::vector<int> hidden, Activation act, int outputs = 1,
                            Task task = Task::kClassification) {
  NetworkConfig c;
  c.hidden = std::move(hidden);
  c.activations = {act};
  c.outputs = outputs;
  c.task = task;
  return c;
}

inline TrainOptions Options(Optimizer opt = Optimizer::kAdam, float lr = 0.03f, int batch = 10) {
  TrainOptions o;
  o.optimizer = opt;
  o.learning_rate = lr;
  o.batch_size = batch;
  return o;
}

inline float Train(Network& net, const Dataset& d, const TrainOptions& o) {
  return net.train_epoch(d.x.data(), d.y.data(), d.size(), o);
}

// ---- A plain double-precision reference network -------------------------------------------------

// ELU/CELU take the network's alpha, leaky_relu its slope.
inline double RefActivation(Activation a, const NetworkConfig& c, double x) {
  return RefForward(a, a == Activation::kLeakyRelu ? c.leaky_slope : c.alpha, x);
}

inline std::vector<double> RefFeatures(uint32_t f, double x1, double x2) {
  std::vector<double> v;
  if (f & nn::kX1) v.push_back(x1);
  if (f & nn::kX2) v.push_back(x2);
  if (f & nn::kX1Squared) v.push_back(x1 * x1);
  if (f & nn::kX2Squared) v.push_back(x2 * x2);
  if (f & nn::kX1TimesX2) v.push_back(x1 * x2);
  if (f & nn::kSinX1) v.push_back(std::sin(x1));
  if (f & nn::kSinX2) v.push_back(std::sin(x2));
  return v;
}

struct RefResult {
  std::vector<double> losses;  // per point
  double min_abs_z;            // smallest |preactivation| of any hidden unit at any point
};

// The loss of every point, for parameters p in the order of get_parameters.
inline RefResult RefLosses(const NetworkConfig& c, const std::vector<double>& p,
                           const Dataset& d) {
  RefResult r{{}, std::numeric_limits<double>::infinity()};
  const size_t hidden = c.hidden.size();
  for (size_t i = 0; i < d.size(); ++i) {
    std::vector<double> a = RefFeatures(c.features, d.x[2 * i], d.x[2 * i + 1]);
    size_t off = 0;
    for (size_t l = 0; l <= hidden; ++l) {
      const size_t in = a.size(), out = l < hidden ? size_t(c.hidden[l]) : size_t(c.outputs);
      std::vector<double> z(out);
      for (size_t j = 0; j < out; ++j) {
        double s = p[off + in * out + j];
        for (size_t k = 0; k < in; ++k) s += p[off + j * in + k] * a[k];
        z[j] = s;
      }
      off += in * out + out;
      if (l < hidden) {
        const Activation act = c.activations[c.activations.size() == 1 ? 0 : l];
        for (size_t j = 0; j < out; ++j) {
          r.min_abs_z = std::min(r.min_abs_z, std::fabs(z[j]));
          z[j] = RefActivation(act, c, z[j]);
        }
        a = z;
        continue;
      }
      const double y = d.y[i];
      if (c.task == Task::kRegression) {
        r.losses.push_back(0.5 * (z[0] - y) * (z[0] - y));
      } else if (out == 1) {
        r.losses.push_back(std::max(z[0], 0.0) - z[0] * y + std::log1p(std::exp(-std::fabs(z[0]))));
      } else {
        const double top = *std::max_element(z.begin(), z.end());
        double sum = 0;
        for (double v : z) sum += std::exp(v - top);
        r.losses.push_back(std::log(sum) - (z[size_t(y)] - top));
      }
    }
  }
  return r;
}

inline double Mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / double(v.size());
}

// n points in [-2, 2]^2 with labels for the task: 0/1, classes 0..k-1, or values in [-1, 1].
inline Dataset RandomData(std::mt19937& gen, size_t n, Task task, int outputs) {
  std::uniform_real_distribution<float> coord(-2.0f, 2.0f), value(-1.0f, 1.0f);
  Dataset d;
  for (size_t i = 0; i < n; ++i) {
    d.x.push_back(coord(gen));
    d.x.push_back(coord(gen));
    if (task == Task::kRegression) {
      d.y.push_back(value(gen));
    } else {
      d.y.push_back(float(std::uniform_int_distribution<int>(0, std::max(outputs, 2) - 1)(gen)));
    }
  }
  return d;
}

}  // namespace elu::testing
