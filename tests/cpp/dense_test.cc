// Tests for nn/dense.h against naive loops, over every width of 1..64 units on either side and
// every point count 1..40 (strides 4..40: the blocks of 16 points and every remainder of 1..3
// vectors; the last vector holding 1..4 points).
//   dense_forward, dense_backward_input: bit for bit against a plain float loop in unit order (the
//     order dense.h promises), every column, padding included.
//   dense_backward_params: bit for bit against a plain float loop in the promised lane order, and
//     against the sum in double within the float summation bound; padding columns that hold inf and
//     NaN must not reach the result.
// Every output buffer has guard words before and after it that must stay untouched.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "elu_reference.h"
#include "nn/dense.h"

namespace {

using elu::nn::dense_backward_input;
using elu::nn::dense_backward_params;
using elu::nn::dense_forward;
using elu::nn::padded;
using elu::testing::to_bits;

constexpr size_t kMaxUnits = 64;
constexpr size_t kMaxPoints = 40;
constexpr size_t kGuard = 8;
constexpr float kGuardValue = -12345.678f;

// A pool of random floats in [-2, 2] with mixed magnitudes (and exact zeros); each case reads it
// from its own offset.
const std::vector<float>& Pool() {
  static const std::vector<float> pool = [] {
    std::mt19937 gen(7);
    std::uniform_real_distribution<float> mantissa(-2.0f, 2.0f);
    std::uniform_int_distribution<int> exponent(-6, 0);
    std::vector<float> v(1 << 16);
    for (size_t i = 0; i < v.size(); ++i) {
      v[i] = i % 29 == 3 ? 0.0f : std::ldexp(mantissa(gen), exponent(gen));
    }
    return v;
  }();
  return pool;
}

// n values from the pool, starting at a position picked by `seed`.
std::vector<float> Values(size_t n, size_t seed) {
  const std::vector<float>& pool = Pool();
  std::vector<float> v(n);
  const size_t start = (seed * 7919) % (pool.size() - n);
  std::memcpy(v.data(), pool.data() + start, n * sizeof(float));
  return v;
}

// An output of n floats between guard words, filled with `fill`.
struct Guarded {
  std::vector<float> buffer;
  Guarded(size_t n, float fill) : buffer(n + 2 * kGuard, kGuardValue) {
    std::fill(buffer.begin() + kGuard, buffer.end() - kGuard, fill);
  }
  explicit Guarded(const std::vector<float>& v) : Guarded(v.size(), 0.0f) {
    std::copy(v.begin(), v.end(), buffer.begin() + kGuard);
  }
  float* data() { return buffer.data() + kGuard; }
  float operator[](size_t i) const { return buffer[kGuard + i]; }
  bool GuardsIntact() const {
    for (size_t i = 0; i < kGuard; ++i) {
      if (buffer[i] != kGuardValue || buffer[buffer.size() - 1 - i] != kGuardValue) return false;
    }
    return true;
  }
};

// One shape: n_in inputs, n_out outputs, m points (rows of S = padded(m) floats).
class DenseTester {
 public:
  DenseTester(size_t n_in, size_t n_out, size_t m) : n_in_(n_in), n_out_(n_out), m_(m) {}

  // z = W^T in + b, against s = b_j; s += in_k * w_kj for k in order.
  void TestForward() const {
    const size_t s = padded(m_);
    const std::vector<float> in = Values(n_in_ * s, Seed(1)), w = Values(n_in_ * n_out_, Seed(2));
    const std::vector<float> b = Values(n_out_, Seed(3));
    Guarded z(n_out_ * s, NAN);
    dense_forward(z.data(), in.data(), w.data(), b.data(), n_in_, n_out_, m_);
    ASSERT_TRUE(z.GuardsIntact()) << Shape();
    for (size_t j = 0; j < n_out_; ++j) {
      for (size_t i = 0; i < s; ++i) {
        float want = b[j];
        for (size_t k = 0; k < n_in_; ++k) want += in[k * s + i] * w[k * n_out_ + j];
        ASSERT_EQ(to_bits(z[j * s + i]), to_bits(want))
            << Shape() << ", output " << j << ", column " << i;
      }
    }
  }

  // din = W dz, against s = +0; s += w_kj * dz_j for j in order.
  void TestBackwardInput() const {
    const size_t s = padded(m_);
    const std::vector<float> dz = Values(n_out_ * s, Seed(4)), w = Values(n_in_ * n_out_, Seed(5));
    Guarded din(n_in_ * s, NAN);
    dense_backward_input(din.data(), dz.data(), w.data(), n_in_, n_out_, m_);
    ASSERT_TRUE(din.GuardsIntact()) << Shape();
    for (size_t k = 0; k < n_in_; ++k) {
      for (size_t i = 0; i < s; ++i) {
        float want = 0.0f;
        for (size_t j = 0; j < n_out_; ++j) want += w[k * n_out_ + j] * dz[j * s + i];
        ASSERT_EQ(to_bits(din[k * s + i]), to_bits(want))
            << Shape() << ", input " << k << ", column " << i;
      }
    }
  }

  // dW += in dz^T and db += dz 1 over the m points, with inf and NaN in every padding column.
  void TestBackwardParams() const {
    const size_t s = padded(m_);
    std::vector<float> in = Values(n_in_ * s, Seed(6)), dz = Values(n_out_ * s, Seed(7));
    const float junk[] = {std::numeric_limits<float>::quiet_NaN(), INFINITY, -INFINITY};
    for (size_t i = m_; i < s; ++i) {
      for (size_t k = 0; k < n_in_; ++k) in[k * s + i] = junk[(k + i) % 3];
      for (size_t j = 0; j < n_out_; ++j) dz[j * s + i] = junk[(j + i + 1) % 3];
    }
    const std::vector<float> dw0 = Values(n_in_ * n_out_, Seed(8)), db0 = Values(n_out_, Seed(9));
    Guarded dw(dw0), db(db0);
    dense_backward_params(dw.data(), db.data(), in.data(), dz.data(), n_in_, n_out_, m_);
    ASSERT_TRUE(dw.GuardsIntact() && db.GuardsIntact()) << Shape();
    const std::vector<float> ones(s, 1.0f);
    for (size_t k = 0; k <= n_in_; ++k) {  // k == n_in: the biases, whose input is 1
      const float* a = k < n_in_ ? &in[k * s] : ones.data();
      for (size_t j = 0; j < n_out_; ++j) {
        const float before = k < n_in_ ? dw0[k * n_out_ + j] : db0[j];
        const float got = k < n_in_ ? dw[k * n_out_ + j] : db[j];
        // The promised order: 4 lane sums from +0 in point order, (s0 + s2) + (s1 + s3).
        float lane[4] = {0.0f, 0.0f, 0.0f, 0.0f};
        for (size_t i = 0; i < m_; ++i) lane[i % 4] += a[i] * dz[j * s + i];
        const float want = before + ((lane[0] + lane[2]) + (lane[1] + lane[3]));
        ASSERT_EQ(to_bits(got), to_bits(want)) << Shape() << ", weight " << k << ", " << j;
        // Against the naive sum in double: each term goes through its product, at most
        // ceil(m / 4) lane additions, 2 lane-pair additions and the final one, each rounding by
        // at most 2^-24 of a value bounded by the sum of magnitudes: h = ceil(m / 4) + 4 of those
        // (the limit allows 2h, for the second-order terms and nothing else).
        double exact = before, magnitude = std::fabs(before);
        for (size_t i = 0; i < m_; ++i) {
          exact += double(a[i]) * double(dz[j * s + i]);
          magnitude += std::fabs(double(a[i]) * double(dz[j * s + i]));
        }
        const double h = double((m_ + 3) / 4 + 4);
        ASSERT_LE(std::fabs(double(got) - exact), 2 * h * 0x1p-24 * magnitude)
            << Shape() << ", weight " << k << ", " << j;
      }
    }
  }

 private:
  std::string Shape() const {
    return "n_in " + std::to_string(n_in_) + ", n_out " + std::to_string(n_out_) + ", m " +
           std::to_string(m_);
  }
  size_t Seed(size_t which) const { return ((n_in_ * 131 + n_out_) * 61 + m_) * 13 + which; }

  size_t n_in_, n_out_, m_;
};

// Every width on one side against the widths 1, 2, 3, 5 (odd rows and the remainders of the
// 2-row and 4-weight blocks) and 64 on the other, for every point count.
template <class F>
void ForEveryShape(F test) {
  for (size_t m = 1; m <= kMaxPoints; ++m) {
    for (size_t units = 1; units <= kMaxUnits; ++units) {
      for (size_t other : {1, 2, 3, 5, 64}) {
        test(DenseTester(units, other, m));
        test(DenseTester(other, units, m));
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
}

TEST(Dense, FlushSubnormalsZeroesOnlySubnormals) {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  const float tiny = std::numeric_limits<float>::denorm_min(), min = std::numeric_limits<float>::min();
  std::vector<float> x = {min, -min, min / 2, -tiny, 0.0f, -0.0f, 1.0f, -3.5f, nan, inf, -inf, 0.999999f * min};
  const std::vector<float> want = {min, -min, 0.0f, 0.0f, 0.0f, -0.0f, 1.0f, -3.5f, nan, inf, -inf, 0.0f};
  elu::nn::flush_subnormals(x.data(), x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(want[i])) EXPECT_TRUE(std::isnan(x[i])) << i;
    else EXPECT_EQ(std::fabs(x[i]), std::fabs(want[i])) << i << ": " << x[i];
  }
}

TEST(Dense, ForwardIsTheNaiveSumInUnitOrder) {
  ForEveryShape([](const DenseTester& t) { t.TestForward(); });
}

TEST(Dense, BackwardInputIsTheNaiveSumInUnitOrder) {
  ForEveryShape([](const DenseTester& t) { t.TestBackwardInput(); });
}

TEST(Dense, BackwardParamsSumsTheLanesAndMasksThePadding) {
  ForEveryShape([](const DenseTester& t) { t.TestBackwardParams(); });
}

// The row layout's padding: whole vectors.
TEST(Dense, PaddedRoundsUpToWholeVectors) {
  EXPECT_EQ(padded(0), 0u);
  for (size_t m = 1; m <= 64; ++m) {
    EXPECT_EQ(padded(m) % 4, 0u);
    EXPECT_GE(padded(m), m);
    EXPECT_LT(padded(m), m + 4);
  }
}

}  // namespace
