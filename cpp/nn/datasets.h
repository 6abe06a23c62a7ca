// Seeded 2-D toy datasets (after TensorFlow Playground's, labels 0/1 instead of -1/1).
//
// x: row-major n x 2 coordinates in about [-6, 6]^2; y: n targets.
//   circle, xor, gauss, spiral   binary labels 0/1 (classification, 1 output)
//   three                        class indices 0, 1, 2 (classification, 3 outputs): three spiral arms
//   plane, multigauss            values in about [-1, 1] (regression)
// noise in [0, 1] (fraction of the playground's noise scale); the same (name, n, noise, seed) gives
// bit-identical data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "nn/network.h"

namespace elu::nn {

enum class DatasetKind { kCircle, kXor, kGauss, kSpiral, kThree, kPlane, kMultiGauss };

bool parse_dataset(const char* name, DatasetKind* out);  // false for unknown names
const char* dataset_name(DatasetKind kind);
Task dataset_task(DatasetKind kind);
int dataset_outputs(DatasetKind kind);  // 1, or 3 for kThree

struct Dataset {
  std::vector<float> x;  // n x 2
  std::vector<float> y;  // n
  size_t size() const { return y.size(); }
};

Dataset make_dataset(DatasetKind kind, size_t n, float noise, uint32_t seed);

// A seeded shuffle of `data` split into the first round(n * (1 - test_fraction)) points (train)
// and the rest (test). test_fraction in [0, 1) (outside it: clamped to [0, 1], NaN to 0).
void split_dataset(const Dataset& data, float test_fraction, uint32_t seed, Dataset* train,
                   Dataset* test);

}  // namespace elu::nn
