// The network over the cells of a Grid (network.h): its pixel centers fed through forward in
// chunks, and three views of the result: the output per cell (predict_grid), the output coloured
// through a lookup table, straight to RGBA pixels (grid_rgba), and every neuron (neuron_grid).
#include <algorithm>
#include <cstring>

#include "nn/dense.h"
#include "nn/loss.h"
#include "nn/network.h"

namespace elu::nn {

// The x coordinate of every column of the grid into grid_x_.
void Network::begin_grid(const Grid& g) const {
  const float dx = g.x_max - g.x_min;
  grid_x_.resize(size_t(g.width));
  for (int col = 0; col < g.width; ++col) {
    grid_x_[size_t(col)] = g.x_min + (float(col) + 0.5f) * dx / float(g.width);
  }
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

template <class F>
void Network::forward_grid(const Grid& grid, F f) const {
  const size_t cells = grid.cells();
  if (cells == 0) return;
  begin_grid(grid);
  for (size_t start = 0; start < cells; start += kChunk) {
    const size_t m = std::min(kChunk, cells - start);
    load_grid_inputs(grid, start, m);
    forward(m, true);
    f(start, m);
  }
}

void Network::predict_grid(const Grid& grid, float* out) const {
  const size_t k = size_t(outputs());
  const float* p = a(layers_.size() - 1);
  forward_grid(grid, [&](size_t start, size_t m) {
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

// The view helper: values to entries of the colour lookup table (the mapping of network.h).
void Network::grid_rgba(const Grid& grid, const uint8_t* lut, float v_min, float v_max,
                        uint8_t* rgba) const {
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
  forward_grid(grid, [&](size_t start, size_t m) {
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

void Network::neuron_grid(const Grid& grid, float* out) const {
  const size_t cells = grid.cells();
  forward_grid(grid, [&](size_t start, size_t m) { store_neurons(out, cells, start, m); });
}

}  // namespace elu::nn
