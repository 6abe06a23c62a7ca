// Tanh and sigmoid, forward and dx = dy * f'(x), on n floats, with their exponentials from the ELU
// kernels (tanh_sigmoid.cc). Internal to activations.cc, which documents them (activations.h):
// y may alias x, dx may alias x or dy; any n.
#pragma once

#include <cstddef>

namespace elu::kernels::detail {

void tanh_forward(size_t n, const float* x, float* y);
void tanh_backward(size_t n, const float* x, const float* dy, float* dx);
void sigmoid_forward(size_t n, const float* x, float* y);
void sigmoid_backward(size_t n, const float* x, const float* dy, float* dx);

}  // namespace elu::kernels::detail
