// The datasets of datasets.h, after TensorFlow Playground's dataset.ts (labels 0/1 for its -1/1).
//
// Noise: the playground's slider goes to 50%, i.e. its generators take noise in [0, 0.5]; here
// noise in [0, 1] is the fraction of that maximum, so the generators below see pn = noise / 2.
// Per dataset, as in the playground:
//   circle, xor          the points are clean; the label is taken at the point moved by a uniform
//                        offset of up to pn * 5 per coordinate (labels flip near the boundary)
//   gauss                the blobs' variance goes from 0.5 (noise 0) to 4 (noise 1)
//   spiral, three        the points themselves move by up to pn per coordinate
//   plane, multigauss    the value is taken at the point moved by up to pn * 6 per coordinate
// Every dataset draws the same random numbers whatever the noise (the offsets are drawn and scaled
// by pn, possibly 0), so noise 0 and noise 1 of one seed differ only by the noise. Points come in
// class order (all of label 1, then label 0; arms 0, 1, 2); split_dataset shuffles.
#include "nn/datasets.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace elu::nn {

namespace {

constexpr float kPi = 3.14159265f;

struct Named {
  DatasetKind kind;
  const char* name;
};
constexpr Named kNames[] = {
    {DatasetKind::kCircle, "circle"},         {DatasetKind::kXor, "xor"},
    {DatasetKind::kGauss, "gauss"},           {DatasetKind::kSpiral, "spiral"},
    {DatasetKind::kThree, "three"},           {DatasetKind::kPlane, "plane"},
    {DatasetKind::kMultiGauss, "multigauss"},
};

// Points of class c when n points are shared by k classes as evenly as possible.
size_t class_count(size_t n, size_t k, size_t c) { return n / k + (c < n % k ? 1 : 0); }

void add(Dataset* d, float x, float y, float label) {
  d->x.push_back(x);
  d->x.push_back(y);
  d->y.push_back(label);
}

// classifyCircleData: radius 5; label 1 inside radius 2.5 (points drawn at r in [0, 2.5]), 0
// outside (r in [3.5, 5]).
void circle(size_t n, float pn, Rng& rng, Dataset* d) {
  const float radius = 5.0f;
  for (int label = 1; label >= 0; --label) {
    const float r_min = label == 1 ? 0.0f : 0.7f * radius;
    const float r_max = label == 1 ? 0.5f * radius : radius;
    for (size_t i = 0, count = class_count(n, 2, size_t(1 - label)); i < count; ++i) {
      const float r = rng.uniform(r_min, r_max);
      const float angle = rng.uniform(0.0f, 2.0f * kPi);
      const float x = r * std::sin(angle), y = r * std::cos(angle);
      const float nx = rng.uniform(-radius, radius) * pn;
      const float ny = rng.uniform(-radius, radius) * pn;
      const float xn = x + nx, yn = y + ny;
      add(d, x, y, std::sqrt(xn * xn + yn * yn) < 0.5f * radius ? 1.0f : 0.0f);
    }
  }
}

// classifyXORData: uniform in [-5, 5]^2, pushed 0.3 away from the axes; label 1 where x y >= 0.
void xor_data(size_t n, float pn, Rng& rng, Dataset* d) {
  const float padding = 0.3f;
  for (size_t i = 0; i < n; ++i) {
    float x = rng.uniform(-5.0f, 5.0f);
    x += x > 0.0f ? padding : -padding;
    float y = rng.uniform(-5.0f, 5.0f);
    y += y > 0.0f ? padding : -padding;
    const float nx = rng.uniform(-5.0f, 5.0f) * pn;
    const float ny = rng.uniform(-5.0f, 5.0f) * pn;
    add(d, x, y, (x + nx) * (y + ny) >= 0.0f ? 1.0f : 0.0f);
  }
}

// classifyTwoGaussData: label 1 around (2, 2), label 0 around (-2, -2), variance 0.5 + 7 pn.
void gauss(size_t n, float pn, Rng& rng, Dataset* d) {
  const float sigma = std::sqrt(0.5f + 7.0f * pn);
  for (int label = 1; label >= 0; --label) {
    const float center = label == 1 ? 2.0f : -2.0f;
    for (size_t i = 0, count = class_count(n, 2, size_t(1 - label)); i < count; ++i) {
      const float x = center + sigma * rng.normal();
      const float y = center + sigma * rng.normal();
      add(d, x, y, float(label));
    }
  }
}

// classifySpiralData with `arms` arms: arm c turns 1.75 times out to radius 5, rotated by
// 2 pi c / arms. Labels: 2 arms -> 1, 0 (the playground's order); 3 arms -> 0, 1, 2.
void spiral(size_t n, size_t arms, float pn, Rng& rng, Dataset* d) {
  for (size_t c = 0; c < arms; ++c) {
    const float label = arms == 2 ? float(1 - c) : float(c);
    const float delta = 2.0f * kPi * float(c) / float(arms);
    const size_t count = class_count(n, arms, c);
    for (size_t i = 0; i < count; ++i) {
      const float s = float(i) / float(count);
      const float r = s * 5.0f;
      const float t = 1.75f * s * 2.0f * kPi + delta;
      const float x = r * std::sin(t) + rng.uniform(-1.0f, 1.0f) * pn;
      const float y = r * std::cos(t) + rng.uniform(-1.0f, 1.0f) * pn;
      add(d, x, y, label);
    }
  }
}

// regressPlane and regressGaussian: uniform in [-6, 6]^2, the value taken at the noisy point.
// plane: (x + y) / 12, in [-1, 1] without noise (the playground divides by 10).
// multigauss: of six bumps sign * max(0, 1 - distance / 2) at (-4|0|4, +-2.5) with alternating
// signs, the one largest in magnitude.
void regression(bool plane, size_t n, float pn, Rng& rng, Dataset* d) {
  static constexpr float kBumps[6][3] = {{-4.0f, 2.5f, 1.0f}, {0.0f, 2.5f, -1.0f},
                                         {4.0f, 2.5f, 1.0f},  {-4.0f, -2.5f, -1.0f},
                                         {0.0f, -2.5f, 1.0f}, {4.0f, -2.5f, -1.0f}};
  const float radius = 6.0f;
  for (size_t i = 0; i < n; ++i) {
    const float x = rng.uniform(-radius, radius);
    const float y = rng.uniform(-radius, radius);
    const float xn = x + rng.uniform(-radius, radius) * pn;
    const float yn = y + rng.uniform(-radius, radius) * pn;
    float value = 0.0f;
    if (plane) {
      value = (xn + yn) / 12.0f;
    } else {
      for (const auto& b : kBumps) {
        const float dx = xn - b[0], dy = yn - b[1];
        const float v = b[2] * std::max(0.0f, 1.0f - std::sqrt(dx * dx + dy * dy) / 2.0f);
        if (std::fabs(v) > std::fabs(value)) value = v;
      }
    }
    add(d, x, y, value);
  }
}

}  // namespace

bool parse_dataset(const char* name, DatasetKind* out) {
  if (name == nullptr) return false;
  for (const Named& n : kNames) {
    if (std::strcmp(name, n.name) == 0) {
      if (out != nullptr) *out = n.kind;
      return true;
    }
  }
  return false;
}

const char* dataset_name(DatasetKind kind) {
  for (const Named& n : kNames) {
    if (n.kind == kind) return n.name;
  }
  return "unknown";
}

Task dataset_task(DatasetKind kind) {
  return kind == DatasetKind::kPlane || kind == DatasetKind::kMultiGauss ? Task::kRegression
                                                                         : Task::kClassification;
}

int dataset_outputs(DatasetKind kind) { return kind == DatasetKind::kThree ? 3 : 1; }

Dataset make_dataset(DatasetKind kind, size_t n, float noise, uint32_t seed) {
  // noise outside [0, 1] (a precondition) is clamped, NaN to 0.
  const float pn = 0.5f * (noise > 0.0f ? std::min(noise, 1.0f) : 0.0f);
  Rng rng(seed);
  Dataset d;
  d.x.reserve(2 * n);
  d.y.reserve(n);
  switch (kind) {
    case DatasetKind::kCircle:
      circle(n, pn, rng, &d);
      break;
    case DatasetKind::kXor:
      xor_data(n, pn, rng, &d);
      break;
    case DatasetKind::kGauss:
      gauss(n, pn, rng, &d);
      break;
    case DatasetKind::kSpiral:
      spiral(n, 2, pn, rng, &d);
      break;
    case DatasetKind::kThree:
      spiral(n, 3, pn, rng, &d);
      break;
    case DatasetKind::kPlane:
      regression(true, n, pn, rng, &d);
      break;
    case DatasetKind::kMultiGauss:
      regression(false, n, pn, rng, &d);
      break;
  }
  return d;
}

void split_dataset(const Dataset& data, float test_fraction, uint32_t seed, Dataset* train,
                   Dataset* test) {
  const size_t n = data.size();
  std::vector<uint32_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = uint32_t(i);
  Rng rng(seed);
  rng.shuffle(order.data(), n);
  // test_fraction outside [0, 1) (a precondition) is clamped to [0, 1], NaN to 0: converting a
  // kept count beyond size_t (or NaN) to size_t would be undefined.
  const double fraction = test_fraction > 0.0f ? std::min(double(test_fraction), 1.0) : 0.0;
  const size_t n_train = size_t(std::round(double(n) * (1.0 - fraction)));
  // Built aside and moved in last, so `train` or `test` may be `data` itself.
  Dataset parts[2];
  for (size_t i = 0; i < n; ++i) {
    const uint32_t p = order[i];
    add(&parts[i < n_train ? 0 : 1], data.x[2 * p], data.x[2 * p + 1], data.y[p]);
  }
  *train = std::move(parts[0]);
  *test = std::move(parts[1]);
}

}  // namespace elu::nn
