// Tests for nn/datasets.h: sizes, labels and value ranges per dataset, the noise-free labels
// against their definitions, determinism per seed, the effect of the seed and of the noise, names,
// and split_dataset (sizes, a permutation of the data, determinism).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <vector>

#include "nn/datasets.h"

using namespace elu::nn;

namespace {

constexpr DatasetKind kAllKinds[] = {
    DatasetKind::kCircle, DatasetKind::kXor,   DatasetKind::kGauss,     DatasetKind::kSpiral,
    DatasetKind::kThree,  DatasetKind::kPlane, DatasetKind::kMultiGauss,
};

bool SameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), 4 * a.size()) == 0);
}

bool SameData(const Dataset& a, const Dataset& b) {
  return SameBits(a.x, b.x) && SameBits(a.y, b.y);
}

std::map<float, size_t> LabelCounts(const Dataset& d) {
  std::map<float, size_t> counts;
  for (float y : d.y) ++counts[y];
  return counts;
}

// The points as sorted (x1, x2, y) triples: equal for two datasets iff one permutes the other.
std::vector<std::array<float, 3>> Sorted(const Dataset& d) {
  std::vector<std::array<float, 3>> points;
  for (size_t i = 0; i < d.size(); ++i) points.push_back({d.x[2 * i], d.x[2 * i + 1], d.y[i]});
  std::sort(points.begin(), points.end());
  return points;
}

TEST(Datasets, NamesTasksAndOutputs) {
  for (DatasetKind kind : kAllKinds) {
    DatasetKind parsed = DatasetKind::kCircle;
    ASSERT_TRUE(parse_dataset(dataset_name(kind), &parsed)) << dataset_name(kind);
    EXPECT_EQ(parsed, kind);
    EXPECT_TRUE(parse_dataset(dataset_name(kind), nullptr));
  }
  EXPECT_STREQ(dataset_name(DatasetKind::kMultiGauss), "multigauss");
  DatasetKind untouched = DatasetKind::kXor;
  for (const char* bad : {"", "Circle", "spirals", "circle ", "gaussian"}) {
    EXPECT_FALSE(parse_dataset(bad, &untouched)) << bad;
  }
  EXPECT_FALSE(parse_dataset(nullptr, &untouched));
  EXPECT_EQ(untouched, DatasetKind::kXor);
  for (DatasetKind kind : kAllKinds) {
    const bool regression = kind == DatasetKind::kPlane || kind == DatasetKind::kMultiGauss;
    EXPECT_EQ(dataset_task(kind), regression ? Task::kRegression : Task::kClassification);
    EXPECT_EQ(dataset_outputs(kind), kind == DatasetKind::kThree ? 3 : 1);
  }
}

TEST(Datasets, SizesAndFiniteValues) {
  for (DatasetKind kind : kAllKinds) {
    for (size_t n : {0, 1, 2, 7, 500}) {
      for (float noise : {0.0f, 0.5f, 1.0f}) {
        const Dataset d = make_dataset(kind, n, noise, 3);
        ASSERT_EQ(d.size(), n) << dataset_name(kind);
        ASSERT_EQ(d.x.size(), 2 * n) << dataset_name(kind);
        for (float v : d.x) ASSERT_TRUE(std::isfinite(v)) << dataset_name(kind);
        for (float v : d.y) ASSERT_TRUE(std::isfinite(v)) << dataset_name(kind);
      }
    }
  }
}

TEST(Datasets, LabelsPerTask) {
  for (float noise : {0.0f, 1.0f}) {
    SCOPED_TRACE(noise);
    // Balanced binary sets: the label is the class a point was drawn for (gauss, spiral) or nearly.
    for (DatasetKind kind : {DatasetKind::kGauss, DatasetKind::kSpiral}) {
      const auto counts = LabelCounts(make_dataset(kind, 501, noise, 1));
      EXPECT_EQ(counts, (std::map<float, size_t>{{0.0f, 250}, {1.0f, 251}})) << dataset_name(kind);
    }
    for (DatasetKind kind : {DatasetKind::kCircle, DatasetKind::kXor}) {
      const auto counts = LabelCounts(make_dataset(kind, 500, noise, 1));
      ASSERT_EQ(counts.size(), 2u) << dataset_name(kind);
      // Noise moves circle labels outwards mostly (inner points leave the small disc).
      const double slack = noise == 0.0f ? 40.0 : 150.0;
      EXPECT_NEAR(double(counts.at(0.0f)), 250.0, slack) << dataset_name(kind);
      EXPECT_NEAR(double(counts.at(1.0f)), 250.0, slack) << dataset_name(kind);
    }
    const auto three = LabelCounts(make_dataset(DatasetKind::kThree, 301, noise, 1));
    EXPECT_EQ(three, (std::map<float, size_t>{{0.0f, 101}, {1.0f, 100}, {2.0f, 100}}));
    for (DatasetKind kind : {DatasetKind::kPlane, DatasetKind::kMultiGauss}) {
      const Dataset d = make_dataset(kind, 500, noise, 1);
      const auto [lo, hi] = std::minmax_element(d.y.begin(), d.y.end());
      const float bound = kind == DatasetKind::kPlane && noise > 0 ? 1.5f : 1.0f;
      EXPECT_GE(*lo, -bound) << dataset_name(kind);
      EXPECT_LE(*hi, bound) << dataset_name(kind);
      EXPECT_LT(*lo, -0.5f) << dataset_name(kind);  // and they use the range
      EXPECT_GT(*hi, 0.5f) << dataset_name(kind);
    }
  }
}

// Without noise, every label follows its definition.
TEST(Datasets, NoiseFreeLabelsFollowTheirDefinition) {
  const size_t n = 1000;
  {
    const Dataset d = make_dataset(DatasetKind::kCircle, n, 0.0f, 2);
    for (size_t i = 0; i < n; ++i) {
      const float r = std::hypot(d.x[2 * i], d.x[2 * i + 1]);
      ASSERT_LE(r, 5.0f + 1e-5f);
      ASSERT_FALSE(r > 2.5f + 1e-5f && r < 3.5f - 1e-5f) << "in the gap: r = " << r;
      ASSERT_EQ(d.y[i], r < 2.5f ? 1.0f : 0.0f) << "r = " << r;
    }
  }
  {
    const Dataset d = make_dataset(DatasetKind::kXor, n, 0.0f, 2);
    for (size_t i = 0; i < n; ++i) {
      const float x = d.x[2 * i], y = d.x[2 * i + 1];
      ASSERT_GE(std::fabs(x), 0.3f);  // the padding away from the axes
      ASSERT_LE(std::fabs(x), 5.3f);
      ASSERT_GE(std::fabs(y), 0.3f);
      ASSERT_EQ(d.y[i], x * y >= 0 ? 1.0f : 0.0f);
    }
  }
  {
    const Dataset d = make_dataset(DatasetKind::kPlane, n, 0.0f, 2);
    for (size_t i = 0; i < n; ++i) {
      ASSERT_LE(std::fabs(d.x[2 * i]), 6.0f);
      ASSERT_FLOAT_EQ(d.y[i], (d.x[2 * i] + d.x[2 * i + 1]) / 12.0f);
    }
  }
  {
    // Gauss: the blobs sit at (2, 2) (label 1) and (-2, -2) (label 0), variance 0.5.
    const Dataset d = make_dataset(DatasetKind::kGauss, n, 0.0f, 2);
    double mean[2][2] = {}, var = 0;
    for (size_t i = 0; i < n; ++i) {
      const int label = int(d.y[i]);
      for (int c = 0; c < 2; ++c) mean[label][c] += d.x[2 * i + c] / (n / 2.0);
    }
    for (size_t i = 0; i < n; ++i) {
      const double center = d.y[i] == 1.0f ? 2.0 : -2.0;
      for (int c = 0; c < 2; ++c) var += std::pow(d.x[2 * i + c] - center, 2) / (2.0 * n);
    }
    EXPECT_NEAR(mean[1][0], 2.0, 0.15);
    EXPECT_NEAR(mean[1][1], 2.0, 0.15);
    EXPECT_NEAR(mean[0][0], -2.0, 0.15);
    EXPECT_NEAR(mean[0][1], -2.0, 0.15);
    EXPECT_NEAR(var, 0.5, 0.08);
  }
  {
    // Spirals: radius grows from 0 to 5 along each arm; the arms are rotated copies.
    const Dataset d = make_dataset(DatasetKind::kThree, 300, 0.0f, 2);
    for (size_t i = 0; i < 300; ++i) {
      const float r = std::hypot(d.x[2 * i], d.x[2 * i + 1]);
      ASSERT_NEAR(r, 5.0f * float(i % 100) / 100.0f, 1e-4f);
      ASSERT_EQ(d.y[i], float(i / 100));
    }
  }
  {
    // Multigauss: near a bump's center the value is about its sign; between the rows, 0.
    const Dataset d = make_dataset(DatasetKind::kMultiGauss, 4000, 0.0f, 2);
    for (size_t i = 0; i < d.size(); ++i) {
      const float x = d.x[2 * i], y = d.x[2 * i + 1];
      if (std::hypot(x - 4.0f, y + 2.5f) < 0.1f) {
        EXPECT_LT(d.y[i], -0.95f);
      }
      if (std::hypot(x + 4.0f, y - 2.5f) < 0.1f) {
        EXPECT_GT(d.y[i], 0.95f);
      }
      if (std::fabs(y) < 0.4f) {
        ASSERT_EQ(d.y[i], 0.0f);  // > 2 from every bump
      }
    }
  }
}

TEST(Datasets, DeterministicPerSeedAndDifferentAcrossSeeds) {
  for (DatasetKind kind : kAllKinds) {
    SCOPED_TRACE(dataset_name(kind));
    for (float noise : {0.0f, 0.4f}) {
      const Dataset a = make_dataset(kind, 200, noise, 11);
      EXPECT_TRUE(SameData(a, make_dataset(kind, 200, noise, 11)));
      const Dataset b = make_dataset(kind, 200, noise, 12);
      EXPECT_FALSE(SameBits(a.x, b.x));
    }
  }
}

// The noise moves points (gauss, spiral, three) or flips labels and values (circle, xor, plane,
// multigauss); the same seed draws the same numbers, so only the noise differs.
TEST(Datasets, NoiseChangesTheData) {
  for (DatasetKind kind : kAllKinds) {
    SCOPED_TRACE(dataset_name(kind));
    const Dataset clean = make_dataset(kind, 500, 0.0f, 5);
    const Dataset noisy = make_dataset(kind, 500, 1.0f, 5);
    EXPECT_FALSE(SameData(clean, noisy));
    const bool moves_points = kind == DatasetKind::kGauss || kind == DatasetKind::kSpiral ||
                              kind == DatasetKind::kThree;
    EXPECT_EQ(SameBits(clean.x, noisy.x), !moves_points);
    if (!moves_points) {
      size_t changed = 0;
      for (size_t i = 0; i < clean.size(); ++i) changed += clean.y[i] != noisy.y[i];
      EXPECT_GT(changed, 25u);  // heavy: over 5% of the labels or values
    }
  }
  // noise 1 is heavy but not random: most circle labels still follow the radius.
  const Dataset noisy = make_dataset(DatasetKind::kCircle, 1000, 1.0f, 5);
  size_t agree = 0;
  for (size_t i = 0; i < noisy.size(); ++i) {
    agree += (std::hypot(noisy.x[2 * i], noisy.x[2 * i + 1]) < 2.5f) == (noisy.y[i] == 1.0f);
  }
  EXPECT_GT(agree, 700u);
  EXPECT_LT(agree, 990u);
}

TEST(Datasets, SplitSizesAndPermutation) {
  const Dataset d = make_dataset(DatasetKind::kSpiral, 101, 0.3f, 8);
  for (float fraction : {0.0f, 0.1f, 0.5f, 0.3f, 0.99f}) {
    SCOPED_TRACE(fraction);
    Dataset train, test;
    split_dataset(d, fraction, 4, &train, &test);
    const size_t n_train = size_t(std::lround(101.0 * (1.0 - double(fraction))));
    EXPECT_EQ(train.size(), n_train);
    EXPECT_EQ(train.x.size(), 2 * n_train);
    EXPECT_EQ(test.size(), 101 - n_train);
    EXPECT_EQ(test.x.size(), 2 * (101 - n_train));
    Dataset both = train;
    both.x.insert(both.x.end(), test.x.begin(), test.x.end());
    both.y.insert(both.y.end(), test.y.begin(), test.y.end());
    EXPECT_EQ(Sorted(both), Sorted(d));
    if (fraction == 0.0f) {
      EXPECT_FALSE(SameData(train, d));  // shuffled all the same
    }
  }
  Dataset train, test;
  split_dataset(Dataset{}, 0.5f, 1, &train, &test);
  EXPECT_EQ(train.size(), 0u);
  EXPECT_EQ(test.size(), 0u);
}

// Fractions outside [0, 1) are clamped (NaN to 0): found by tests/fuzz/network_fuzz, where a
// fraction of -1e30 made the kept count 1e32, converted to size_t (undefined; UBSan aborts).
TEST(Datasets, SplitClampsFractionsOutsideTheRange) {
  const Dataset d = make_dataset(DatasetKind::kXor, 50, 0.0f, 3);
  for (float fraction : {-1e30f, -INFINITY, -1.0f, NAN, 1.0f, 2.0f, 1e30f, INFINITY}) {
    SCOPED_TRACE(fraction);
    Dataset train, test;
    split_dataset(d, fraction, 4, &train, &test);
    const size_t n_train = fraction >= 1.0f ? 0 : 50;
    EXPECT_EQ(train.size(), n_train);
    EXPECT_EQ(test.size(), 50 - n_train);
    EXPECT_EQ(train.x.size() + test.x.size(), 100u);
  }
}

TEST(Datasets, SplitIsDeterministicPerSeed) {
  const Dataset d = make_dataset(DatasetKind::kCircle, 200, 0.0f, 1);
  Dataset a_train, a_test, b_train, b_test, c_train, c_test;
  split_dataset(d, 0.5f, 9, &a_train, &a_test);
  split_dataset(d, 0.5f, 9, &b_train, &b_test);
  split_dataset(d, 0.5f, 10, &c_train, &c_test);
  EXPECT_TRUE(SameData(a_train, b_train));
  EXPECT_TRUE(SameData(a_test, b_test));
  EXPECT_FALSE(SameData(a_train, c_train));
  // The output may be the input itself.
  Dataset in_place = d, rest;
  split_dataset(in_place, 0.5f, 9, &in_place, &rest);
  EXPECT_TRUE(SameData(in_place, a_train));
  EXPECT_TRUE(SameData(rest, a_test));
}

}  // namespace
