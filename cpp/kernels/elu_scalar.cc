// Scalar ELU variants: the same arithmetic as the SIMD128 ones (elu_math.h), one float at a time.
#include "elu.h"
#include "elu_math.h"

namespace elu::kernels {

namespace {

template <bool kPowerOfTwo>
void forward_u1(size_t n, const float* x, float* y, const math::Alpha& a) {
  for (size_t i = 0; i < n; ++i) y[i] = math::elu_forward<kPowerOfTwo>(x[i], a);
}

template <bool kPowerOfTwo>
void forward_u4(size_t n, const float* x, float* y, const math::Alpha& a) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const float x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
    y[i] = math::elu_forward<kPowerOfTwo>(x0, a);
    y[i + 1] = math::elu_forward<kPowerOfTwo>(x1, a);
    y[i + 2] = math::elu_forward<kPowerOfTwo>(x2, a);
    y[i + 3] = math::elu_forward<kPowerOfTwo>(x3, a);
  }
  forward_u1<kPowerOfTwo>(n - i, x + i, y + i, a);
}

}  // namespace

void f32_elu_fwd__scalar_u1(size_t n, const float* x, float* y, float alpha) {
  const math::Alpha a = math::make_alpha(alpha);
  a.power_of_two ? forward_u1<true>(n, x, y, a) : forward_u1<false>(n, x, y, a);
}

void f32_elu_fwd__scalar_u4(size_t n, const float* x, float* y, float alpha) {
  const math::Alpha a = math::make_alpha(alpha);
  a.power_of_two ? forward_u4<true>(n, x, y, a) : forward_u4<false>(n, x, y, a);
}

void f32_elu_bwd__scalar_u1(size_t n, const float* x, const float* dy, float* dx, float alpha) {
  for (size_t i = 0; i < n; ++i) dx[i] = math::elu_backward(x[i], dy[i], alpha);
}

void f32_elu_bwdy__scalar_u1(size_t n, const float* y, const float* dy, float* dx, float alpha) {
  for (size_t i = 0; i < n; ++i) dx[i] = math::elu_backward_from_output(y[i], dy[i], alpha);
}

}  // namespace elu::kernels
