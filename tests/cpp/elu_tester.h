// Builder-style tester for the ELU kernels, aimed at the edges:
//   EluTester().batch(n).alpha(a).inplace(true).TestForward(f32_elu_fwd__simd128_u16, 1.0);
// Inputs mix a random spread over [-20, 10] with the special values; every element is compared with
// the double reference in ULPs, and guard words around the output catch writes past n.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cstddef>
#include <random>
#include <vector>

#include "elu_reference.h"
#include "kernels/elu.h"
#include "kernels/elu_math.h"

namespace elu::testing {

class EluTester {
 public:
  EluTester& batch(size_t n) { batch_ = n; return *this; }
  EluTester& alpha(float a) { alpha_ = a; return *this; }
  EluTester& inplace(bool v) { inplace_ = v; return *this; }
  EluTester& seed(uint32_t s) { seed_ = s; return *this; }

  void TestForward(kernels::EluFwdFn fn, double max_ulp) const {
    std::vector<float> x = Inputs(seed_), buf = Guarded(x);
    const float* in = inplace_ ? buf.data() + kGuard : x.data();
    fn(batch_, in, buf.data() + kGuard, alpha_);
    Check(buf, [&](size_t i) { return elu_ref(x[i], alpha_); }, max_ulp, x, "x");
  }

  void TestBackward(kernels::EluBwdFn fn, double max_ulp) const {
    std::vector<float> x = Inputs(seed_), dy = Gradients(), buf = Guarded(x);
    // In place, dx overwrites x (the network's backward pass overwrites its saved input).
    const float* in = inplace_ ? buf.data() + kGuard : x.data();
    fn(batch_, in, dy.data(), buf.data() + kGuard, alpha_);
    // Where exp(x) is not a normal float the contract is dy * alpha * 0 (elu_math.h): compare those
    // elements with that, and the rest with the reference.
    const float cutoff = kernels::math::c::kExpCutoff;
    Check(buf, [&](size_t i) {
      return x[i] < cutoff ? double(dy[i]) * alpha_ * 0.0 : elu_backward_ref(x[i], dy[i], alpha_);
    }, max_ulp, x, "x");
  }

  void TestBackwardFromOutput(kernels::EluBwdyFn fn, double max_ulp) const {
    // y = ELU(x) as the forward pass leaves it (alpha >= 0 for this form).
    std::vector<float> x = Inputs(seed_), y(batch_), dy = Gradients();
    for (size_t i = 0; i < batch_; ++i) y[i] = float(elu_ref(x[i], alpha_));
    std::vector<float> buf = Guarded(dy);
    const float* grad = inplace_ ? buf.data() + kGuard : dy.data();
    fn(batch_, y.data(), grad, buf.data() + kGuard, alpha_);
    Check(buf, [&](size_t i) { return elu_backward_from_output_ref(y[i], dy[i], alpha_); },
          max_ulp, y, "y");
  }

 private:
  static constexpr size_t kGuard = 8;
  static constexpr float kGuardValue = 12345.0f;

  std::vector<float> Inputs(uint32_t seed) const {
    static const float kSpecials[] = {
        0.0f, -0.0f, NAN, INFINITY, -INFINITY, FLT_MIN, -FLT_MIN, FLT_TRUE_MIN, -FLT_TRUE_MIN,
        FLT_MAX, -FLT_MAX, -17.328680f, -17.33f, -87.3365f, -88.0f, -1e-30f, 1e-30f, -0.3466f,
        0.3466f, -1.0f, 1.0f};
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-20.0f, 10.0f);
    std::vector<float> x(batch_);
    for (size_t i = 0; i < batch_; ++i) x[i] = dist(rng);
    // Specials at the front and at the back, so they hit the vector body and the tail.
    const size_t k = std::size(kSpecials);
    for (size_t i = 0; i < batch_ && i < k; ++i) x[i] = kSpecials[i];
    for (size_t i = 0; i < batch_ && i < k; ++i) x[batch_ - 1 - i] = kSpecials[(i * 7) % k];
    return x;
  }

  std::vector<float> Gradients() const {
    std::mt19937 rng(seed_ + 1);
    std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
    std::vector<float> dy(batch_);
    for (float& v : dy) v = dist(rng);
    return dy;
  }

  // [guard | copy of `v` | guard]: the kernel writes into the middle.
  std::vector<float> Guarded(const std::vector<float>& v) const {
    std::vector<float> buf(batch_ + 2 * kGuard, kGuardValue);
    std::copy(v.begin(), v.end(), buf.begin() + kGuard);
    return buf;
  }

  template <class Ref>
  void Check(const std::vector<float>& buf, Ref ref, double max_ulp, const std::vector<float>& in,
             const char* in_name) const {
    for (size_t i = 0; i < kGuard; ++i) {
      ASSERT_EQ(to_bits(buf[i]), to_bits(kGuardValue)) << "write before the output, n=" << batch_;
      ASSERT_EQ(to_bits(buf[kGuard + batch_ + i]), to_bits(kGuardValue))
          << "write past the end, n=" << batch_;
    }
    for (size_t i = 0; i < batch_; ++i) {
      const float got = buf[kGuard + i];
      const double want = ref(i);
      ASSERT_LE(ulp_error(got, want), max_ulp)
          << "n=" << batch_ << " i=" << i << " " << in_name << "=" << std::hexfloat << in[i]
          << " alpha=" << alpha_ << " got " << got << " want " << want
          << (inplace_ ? " (in place)" : "");
      if (want == 0.0) {
        ASSERT_EQ(std::signbit(got), std::signbit(want))
            << "sign of zero, " << in_name << "=" << std::hexfloat << in[i] << " alpha=" << alpha_;
      }
    }
  }

  size_t batch_ = 1;
  float alpha_ = 1.0f;
  bool inplace_ = false;
  uint32_t seed_ = 42;
};

}  // namespace elu::testing
