// For network_fuzz.cc: the const calls of Network (evaluate, accuracy, predict, stats, the three
// grids and neuron_outputs) on exact-size buffers, checked against predict and the formulas of
// network.h.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "fuzz_input.h"
#include "grid_reference.h"
#include "nn/network.h"

namespace elu::fuzz {

// The network's outputs for the points x (n x 2), through predict.
inline std::vector<float> Predict(const nn::Network& net, const std::vector<float>& x) {
  const size_t n = x.size() / 2, k = size_t(net.outputs());
  Exact<float> in(2 * n), out(n * k);
  std::copy(x.begin(), x.end(), in.data());
  net.predict(in.data(), n, out.data());
  return std::vector<float>(out.data(), out.data() + out.size());
}

inline void CheckPredict(const nn::Network& net, const std::vector<float>& x, size_t point) {
  const size_t k = size_t(net.outputs());
  const std::vector<float> all = Predict(net, x);
  const std::vector<float> one = Predict(net, {x[2 * point], x[2 * point + 1]});
  for (size_t j = 0; j < k; ++j) {
    FUZZ_CHECK(Same(one[j], all[point * k + j]), "point %zu of %zu alone: %a, in the batch: %a",
               point, x.size() / 2, one[j], all[point * k + j]);
  }
  if (net.config().task != nn::Task::kClassification) return;
  for (float p : all) FUZZ_CHECK(std::isnan(p) || (p >= 0.0f && p <= 1.0f), "probability %g", p);
}

inline void CheckGrids(Values& v, const nn::Network& net) {
  testing::GridSpec g{v.Float(), v.Float(), v.Float(), v.Float(), v.Int(-1, 20), v.Int(-1, 20)};
  if (v.Int(0, 1)) g = testing::GridSpec{-6.0f, 6.0f, -6.0f, 6.0f, g.width, g.height};
  const size_t cells = g.cells(), k = size_t(net.outputs());
  const std::vector<float> p = Predict(net, testing::GridPoints(g));

  Exact<float> grid(cells);
  net.predict_grid(g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height, grid.data());
  std::vector<size_t> top(cells, 0);  // argmax of each cell's outputs, the first on ties
  for (size_t i = 0; i < cells; ++i) {
    for (size_t j = 1; j < k; ++j) top[i] = p[i * k + j] > p[i * k + top[i]] ? j : top[i];
    const float want = k == 1 ? p[i] : float(top[i]) + p[i * k + top[i]];
    FUZZ_CHECK(Same(grid[i], want), "predict_grid cell %zu: %a, predict %a", i, grid[i], want);
  }

  Exact<uint8_t> lut(1024), rgba(4 * cells);
  for (size_t i = 0; i < 1024; ++i) lut[i] = uint8_t(i * 7 + i / 256);
  const float v_min = v.Float(), v_max = v.Float();
  net.grid_rgba(g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height, lut.data(), v_min, v_max,
                rgba.data());
  auto level = [](float t, size_t top) {  // round(top * clamp(t, 0, 1)), NaN -> 0
    return t > 0.0f ? size_t(std::floor(double(std::min(t, 1.0f)) * double(top) + 0.5)) : 0;
  };
  for (size_t i = 0; i < cells; ++i) {
    size_t entry;
    if (k == 1) {
      entry = level((p[i] - v_min) / (v_max - v_min), 255);
    } else {
      const float chance = 1.0f / float(k);
      entry = top[i] * (256 / k) + level((p[i * k + top[i]] - chance) / (1 - chance), 256 / k - 1);
    }
    for (int b = 0; b < 4; ++b) {
      FUZZ_CHECK(rgba[4 * i + b] == lut[4 * entry + b], "grid_rgba cell %zu: entry %zu expected",
                 i, entry);
    }
  }

  Exact<float> neurons(net.neuron_count() * cells);
  net.neuron_grid(g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height, neurons.data());
  const size_t first_output = net.neuron_count() - k;
  for (size_t j = 0; j < k; ++j) {
    for (size_t i = 0; i < cells; ++i) {
      FUZZ_CHECK(Same(neurons[(first_output + j) * cells + i], p[i * k + j]),
                 "neuron_grid output %zu cell %zu", j, i);
    }
  }

  const std::vector<float> centers = testing::GridPoints(g);
  Exact<float> points(centers.size()), outputs(neurons.size());
  std::copy(centers.begin(), centers.end(), points.data());
  net.neuron_outputs(points.data(), cells, outputs.data());
  for (size_t i = 0; i < outputs.size(); ++i) {
    FUZZ_CHECK(Same(outputs[i], neurons[i]), "neuron_outputs %zu of %zu: %a, neuron_grid %a", i,
               outputs.size(), outputs[i], neurons[i]);
  }
}

inline void CheckInference(Values& v, const nn::Network& net, const std::vector<float>& x,
                           const std::vector<float>& y, bool valid_labels) {
  const size_t n = y.size();
  switch (v.Int(0, 3)) {
    case 0: {
      CheckPredict(net, x, size_t(v.Int(0, int(n) - 1)));
      break;
    }
    case 1: {
      CheckGrids(v, net);
      break;
    }
    case 2: {
      Exact<float> in(2 * n), labels(n);
      std::copy(x.begin(), x.end(), in.data());
      std::copy(y.begin(), y.end(), labels.data());
      const float loss = net.evaluate(in.data(), labels.data(), n);
      if (valid_labels) FUZZ_CHECK(!(loss < 0.0f), "evaluate %g", loss);
      const float acc = net.accuracy(in.data(), labels.data(), n);
      FUZZ_CHECK(acc >= 0.0f && acc <= 1.0f, "accuracy %g", acc);
      Exact<float> grad(net.parameter_count());
      net.gradient(in.data(), labels.data(), n, grad.data());
      break;
    }
    default: {
      Exact<float> in(2 * n);
      std::copy(x.begin(), x.end(), in.data());
      const size_t m = size_t(v.Int(0, int(n)));
      const std::vector<nn::LayerStats> stats = net.stats(in.data(), m);
      FUZZ_CHECK(stats.size() == net.config().hidden.size(), "%zu stats", stats.size());
      for (size_t l = 0; l < stats.size(); ++l) {
        const nn::LayerStats& s = stats[l];
        const size_t units = size_t(net.config().hidden[l]);
        FUZZ_CHECK(s.dead_fraction >= 0.0f && s.dead_fraction <= 1.0f, "dead %g", s.dead_fraction);
        if (m == 0) FUZZ_CHECK(s.mean_activation == 0.0f, "mean %g of no points", s.mean_activation);
        FUZZ_CHECK(s.unit_mean_activation.size() == units &&
                       s.unit_active_fraction.size() == units && s.unit_dead.size() == units,
                   "layer %zu: per-unit stats of %zu units", l, units);
        size_t dead = 0;
        for (size_t j = 0; j < units; ++j) {
          const float active = s.unit_active_fraction[j];
          FUZZ_CHECK(active >= 0.0f && active <= 1.0f, "unit %zu active %g", j, active);
          FUZZ_CHECK(!s.unit_dead[j] || active == 0.0f, "dead unit %zu active %g", j, active);
          if (m == 0) {
            FUZZ_CHECK(s.unit_mean_activation[j] == 0.0f && !s.unit_dead[j], "unit %zu", j);
          }
          dead += s.unit_dead[j];
        }
        FUZZ_CHECK(s.dead_fraction == float(dead) / float(units), "dead %g, %zu of %zu units",
                   s.dead_fraction, dead, units);
      }
    }
  }
}

}  // namespace elu::fuzz
