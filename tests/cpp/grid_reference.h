// The grid of Network::predict_grid, grid_rgba and neuron_grid as network.h states it: its pixel
// centers in float, row 0 at y_max (tests only).
#pragma once

#include <cstddef>
#include <vector>

namespace elu::testing {

struct GridSpec {
  float x_min = -6, x_max = 6, y_min = -5, y_max = 7;
  int width = 37, height = 23;  // 851 cells: chunks of 256 and a partial one
  // No cells (nothing written) unless width and height are >= 1.
  size_t cells() const { return width < 1 || height < 1 ? 0 : size_t(width) * size_t(height); }
};

// The pixel centers, row-major: x = x_min + (col + 0.5f) * (x_max - x_min) / width,
// y = y_max - (row + 0.5f) * (y_max - y_min) / height.
inline std::vector<float> GridPoints(const GridSpec& g) {
  std::vector<float> x;
  for (int row = 0; row < g.height; ++row) {
    for (int col = 0; col < g.width; ++col) {
      x.push_back(g.x_min + (float(col) + 0.5f) * (g.x_max - g.x_min) / float(g.width));
      x.push_back(g.y_max - (float(row) + 0.5f) * (g.y_max - g.y_min) / float(g.height));
    }
  }
  return x;
}

}  // namespace elu::testing
