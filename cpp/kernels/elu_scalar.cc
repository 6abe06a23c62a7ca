// Scalar ELU variants: the same arithmetic as the SIMD128 ones (elu_math.h), one float at a time.
#include "elu.h"
#include "elu_math.h"

namespace elu::kernels {
namespace {

template <bool kFast>
void forward(size_t n, const float* x, float* y, float alpha, size_t unroll) {
  const math::Constants<float> k = math::load_constants<float>();
  const math::Alpha<float> a = math::make_alpha<float>(alpha);
  size_t i = 0;
  if (unroll == 4) {
    for (; i + 4 <= n; i += 4) {
      const float x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
      y[i] = math::elu_forward<kFast>(x0, a, k);
      y[i + 1] = math::elu_forward<kFast>(x1, a, k);
      y[i + 2] = math::elu_forward<kFast>(x2, a, k);
      y[i + 3] = math::elu_forward<kFast>(x3, a, k);
    }
  }
  for (; i < n; ++i) y[i] = math::elu_forward<kFast>(x[i], a, k);
}

template <bool kFast>
void backward(size_t n, const float* x, const float* dy, float* dx, float alpha) {
  const math::Constants<float> k = math::load_constants<float>();
  const math::BackwardAlpha<float> a = math::make_backward_alpha<float>(alpha);
  for (size_t i = 0; i < n; ++i) dx[i] = math::elu_backward<kFast>(x[i], dy[i], a, k);
}

}  // namespace

void f32_elu_fwd__scalar_u1(size_t n, const float* x, float* y, float alpha) {
  math::alpha_is_fast(alpha) ? forward<true>(n, x, y, alpha, 1) : forward<false>(n, x, y, alpha, 1);
}

void f32_elu_fwd__scalar_u4(size_t n, const float* x, float* y, float alpha) {
  math::alpha_is_fast(alpha) ? forward<true>(n, x, y, alpha, 4) : forward<false>(n, x, y, alpha, 4);
}

void f32_elu_bwd__scalar_u1(size_t n, const float* x, const float* dy, float* dx, float alpha) {
  math::backward_alpha_is_fast(alpha) ? backward<true>(n, x, dy, dx, alpha)
                                      : backward<false>(n, x, dy, dx, alpha);
}

void f32_elu_bwdy__scalar_u1(size_t n, const float* y, const float* dy, float* dx, float alpha) {
  const math::Constants<float> k = math::load_constants<float>();
  for (size_t i = 0; i < n; ++i) dx[i] = math::elu_backward_from_output(y[i], dy[i], alpha, k);
}

}  // namespace elu::kernels
