// The network over grids (nn/grid.cc): predict_grid is predict at the pixel centers bit for bit,
// grid_rgba maps through the lookup table as network.h states, neuron_grid holds every neuron and
// neuron_outputs is neuron_grid at any points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "grid_reference.h"
#include "network_reference.h"

namespace {

using namespace elu::nn;
using namespace elu::testing;

// ---- Grids --------------------------------------------------------------------------------------

std::vector<float> PredictGrid(const Network& net, const GridSpec& g) {
  std::vector<float> out(g.cells());
  net.predict_grid(Grid{g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height}, out.data());
  return out;
}

// A point's prediction does not depend on the batch it is computed in: the grid points at once
// (large chunks, where ELU layers copy the all-positive tiles past the kernel) equal the points one
// at a time (one padded vector each), bit for bit, for the fast and the general ELU alpha.
TEST(Network, PredictIsTheSameInLargeChunksAndPointByPoint) {
  const GridSpec g;
  const std::vector<float> x = GridPoints(g);
  const Dataset d = make_dataset(DatasetKind::kCircle, 150, 0.0f, 1);
  for (float alpha : {1.0f, 0.7f}) {
    NetworkConfig c = Config({8, 8}, Activation::kElu);
    c.alpha = alpha;
    Network net(c);
    for (int e = 0; e < 3; ++e) Train(net, d, Options());
    const std::vector<float> all = Predict(net, x);
    for (size_t i = 0; i < g.cells(); ++i) {
      float one;
      net.predict(&x[2 * i], 1, &one);
      ASSERT_EQ(to_bits(all[i]), to_bits(one)) << "alpha " << alpha << ", point " << i;
    }
  }
}

// One forward code for every path, and per point a computation that does not depend on the
// point's position in a chunk: predict_grid equals predict at the pixel centers bit for bit.
TEST(Network, PredictGridIsPredictAtPixelCenters) {
  const GridSpec g;
  const Dataset d = make_dataset(DatasetKind::kThree, 150, 0.0f, 1);
  for (int outputs : {1, 3}) {
    Network net(Config({8, 8}, Activation::kElu, outputs));
    Dataset dd = d;
    if (outputs == 1) {
      for (float& y : dd.y) y = y == 0.0f ? 1.0f : 0.0f;
    }
    for (int e = 0; e < 3; ++e) Train(net, dd, Options());
    const std::vector<float> grid = PredictGrid(net, g);
    std::vector<float> six(g.cells());  // the grid given as its six fields: the same
    net.predict_grid(g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height, six.data());
    ASSERT_TRUE(SameBits(six, grid));
    const std::vector<float> p = Predict(net, GridPoints(g));
    for (size_t i = 0; i < g.cells(); ++i) {
      float expected = p[i];
      if (outputs == 3) {
        const float* pi = &p[3 * i];
        const size_t c = size_t(std::max_element(pi, pi + 3) - pi);
        expected = float(c) + pi[c];
      }
      ASSERT_EQ(to_bits(grid[i]), to_bits(expected)) << "cell " << i;
    }
  }
  // Row 0 is at y_max: a regression net computing y itself shows it.
  Network net(Config({1}, Activation::kLinear, 1, Task::kRegression));
  const std::vector<float> p = {0.0f, 1.0f, 0.0f, 1.0f, 0.0f};  // z = y
  net.set_parameters(p.data());
  GridSpec small;
  small.width = 2;
  small.height = 4;
  const std::vector<float> grid = PredictGrid(net, small);
  EXPECT_EQ(grid[0], 5.5f);  // 7 - 0.5 * 12 / 4
  EXPECT_EQ(grid[1], 5.5f);
  EXPECT_EQ(grid[7], -3.5f);
  std::vector<float> untouched = {42.0f};
  net.predict_grid(-1, 1, -1, 1, 0, 5, untouched.data());
  EXPECT_EQ(untouched[0], 42.0f);
}

// A table whose entry i is (i, 255 - i, i / 2, 200): every byte tells the entry used.
std::vector<uint8_t> Lut() {
  std::vector<uint8_t> lut;
  for (int i = 0; i < 256; ++i) {
    lut.insert(lut.end(), {uint8_t(i), uint8_t(255 - i), uint8_t(i / 2), 200});
  }
  return lut;
}

size_t Level(float t, size_t top) {
  t = std::isnan(t) ? 0.0f : std::min(std::max(t, 0.0f), 1.0f);
  return size_t(std::lround(double(t) * double(top)));
}

TEST(Network, GridRgbaMapsThroughTheLut) {
  const GridSpec g;
  const std::vector<uint8_t> lut = Lut();
  const Dataset d = make_dataset(DatasetKind::kThree, 150, 0.0f, 1);
  for (int outputs : {1, 3}) {
    SCOPED_TRACE(outputs);
    Network net(Config({8}, Activation::kElu, outputs));
    for (int e = 0; e < 2; ++e) Train(net, d, Options());
    const std::vector<float> values = PredictGrid(net, g);
    for (const auto& range : {std::pair<float, float>{0.0f, 1.0f}, {0.2f, 0.6f}, {0.5f, 0.5f}}) {
      std::vector<uint8_t> rgba(4 * g.cells(), 7);
      net.grid_rgba(g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height, lut.data(),
                    range.first, range.second, rgba.data());
      for (size_t i = 0; i < g.cells(); ++i) {
        size_t entry;
        if (outputs == 1) {
          entry = Level((values[i] - range.first) / (range.second - range.first), 255);
        } else {
          const float c = std::floor(values[i]), p = values[i] - c;
          entry = size_t(c) * 85 + Level((p - 1.0f / 3) / (1 - 1.0f / 3), 84);
        }
        ASSERT_EQ(std::memcmp(&rgba[4 * i], &lut[4 * entry], 4), 0)
            << "cell " << i << ": value " << values[i] << ", entry " << entry << ", got "
            << int(rgba[4 * i]);
      }
    }
  }
}

// t = 0x1.0101p-9: 255 t = 0.49999999..., entry 0; in float, 255 t rounds to 0.5 and t * 255 + 0.5
// to 1 (entry 1). One of 128 such floats in [0, 1], found by tests/fuzz/network_fuzz.
TEST(Network, GridRgbaRoundsTheExactProduct) {
  Network net(Config({2}, Activation::kElu, 1, Task::kRegression));
  std::vector<float> p(net.parameter_count(), 0.0f);
  p.back() = 0x1.0101p-9f;  // the output bias: the output everywhere
  net.set_parameters(p.data());
  const std::vector<uint8_t> lut = Lut();
  uint8_t rgba[4];
  net.grid_rgba(-1, 1, -1, 1, 1, 1, lut.data(), 0.0f, 1.0f, rgba);
  EXPECT_EQ(int(rgba[0]), 0);
}

TEST(Network, NeuronGridHoldsEveryNeuron) {
  const GridSpec g;
  NetworkConfig c = Config({3, 2}, Activation::kElu);
  c.activations = {Activation::kElu, Activation::kTanh};
  Network net(c);
  const Dataset d = make_dataset(DatasetKind::kCircle, 100, 0.0f, 1);
  Train(net, d, Options());
  ASSERT_EQ(net.neuron_count(), 6u);
  std::vector<float> neurons(net.neuron_count() * g.cells(), NAN);
  net.neuron_grid(g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height, neurons.data());
  const std::vector<float> out = PredictGrid(net, g);
  for (size_t i = 0; i < g.cells(); ++i) {
    ASSERT_EQ(to_bits(neurons[5 * g.cells() + i]), to_bits(out[i])) << "cell " << i;
  }
  // The hidden neurons, by hand in double from the parameters (layer 0: W [3][2], b [3]; layer 1:
  // W [2][3], b [2]).
  const std::vector<float> p = Parameters(net);
  const std::vector<float> x = GridPoints(g);
  for (size_t i = 0; i < g.cells(); ++i) {
    double h0[3];
    for (size_t j = 0; j < 3; ++j) {
      const double z = p[6 + j] + p[2 * j] * double(x[2 * i]) + p[2 * j + 1] * double(x[2 * i + 1]);
      h0[j] = z > 0 ? z : std::expm1(z);
      ASSERT_NEAR(neurons[j * g.cells() + i], h0[j], 1e-5 * std::max(1.0, std::fabs(h0[j])));
    }
    for (size_t j = 0; j < 2; ++j) {
      double z = p[9 + 6 + j];
      for (size_t k = 0; k < 3; ++k) z += p[9 + 3 * j + k] * h0[k];
      ASSERT_NEAR(neurons[(3 + j) * g.cells() + i], std::tanh(z), 1e-5);
    }
  }
}

// neuron_outputs at the grid's pixel centers is neuron_grid bit for bit, hidden and output rows;
// its output rows are predict's values, transposed: sigmoid probabilities, softmax probabilities,
// regression values. 851 points: chunks of 256 and a partial one. No points: nothing written.
TEST(Network, NeuronOutputsAreNeuronGridAndPredict) {
  const GridSpec g;
  const std::vector<float> x = GridPoints(g);
  const size_t n = g.cells();
  struct Case {
    NetworkConfig config;
    DatasetKind data;
  };
  NetworkConfig mixed = Config({4, 3}, Activation::kElu);
  mixed.activations = {Activation::kElu, Activation::kTanh};
  const NetworkConfig regression = Config({6}, Activation::kGelu, 1, Task::kRegression);
  for (const Case& c : {Case{mixed, DatasetKind::kCircle},
                        Case{Config({5, 4}, Activation::kRelu, 3), DatasetKind::kThree},
                        Case{regression, DatasetKind::kPlane}}) {
    Network net(c.config);
    SCOPED_TRACE(::testing::Message() << net.outputs() << " outputs, " << c.config.hidden.size()
                                    << " hidden layers");
    Train(net, make_dataset(c.data, 100, 0.1f, 2), Options());
    std::vector<float> outputs(net.neuron_count() * n, NAN), grid(outputs.size(), NAN);
    net.neuron_outputs(x.data(), n, outputs.data());
    net.neuron_grid(g.x_min, g.x_max, g.y_min, g.y_max, g.width, g.height, grid.data());
    EXPECT_TRUE(SameBits(outputs, grid));
    const size_t k = size_t(net.outputs()), first = net.neuron_count() - k;
    const std::vector<float> p = Predict(net, x);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < k; ++j) {
        ASSERT_EQ(to_bits(outputs[(first + j) * n + i]), to_bits(p[i * k + j]))
            << "point " << i << ", output " << j;
      }
    }
    std::vector<float> untouched(8, 1234.5f);
    net.neuron_outputs(x.data(), 0, untouched.data());
    EXPECT_EQ(untouched, std::vector<float>(8, 1234.5f));
  }
}

}  // namespace
