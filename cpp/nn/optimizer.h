// One optimizer step over flat arrays of n parameters, elementwise (any order of the parameters
// gives the same bits), in float. Network::train_epoch calls them on a batch's mean gradient g.
#pragma once

#include <cstddef>

namespace elu::nn {

enum class Optimizer { kSgd, kMomentum, kAdam };
enum class Regularization { kNone, kL1, kL2 };

// g += rate * w (L2), or rate * sign(w) (L1, with subgradient 0 where w is +-0 or NaN), for the
// n weights w (the network passes the weights of each layer, not the biases).
void add_regularization(float* g, const float* w, size_t n, Regularization kind, float rate);

// w -= lr * g.
void sgd_step(float* w, const float* g, size_t n, float lr);

// v = momentum * v + g; w -= lr * v (PyTorch's SGD with momentum, no dampening).
void momentum_step(float* w, float* v, const float* g, size_t n, float lr, float momentum);

// beta1^t and beta2^t after t steps, as the running product of the betas used (the exact bias
// correction should the options change between steps), in double.
struct AdamPowers {
  double beta1 = 1.0, beta2 = 1.0;
};

// m1 = beta1 m1 + (1 - beta1) g; m2 = beta2 m2 + (1 - beta2) g^2; w -= lr * m^ / (sqrt(v^) + eps)
// with m^ = m1 / c1, v^ = m2 / c2 and c = 1 - beta^t (t counted in *powers, which this advances),
// arranged as PyTorch does: (lr / c1) * m1 / (sqrt(m2) / sqrt(c2) + eps).
void adam_step(float* w, float* m1, float* m2, AdamPowers* powers, const float* g, size_t n,
               float lr, float beta1, float beta2, float epsilon);

// True if all n values are finite (an integer OR reduction: vectorizable).
bool all_finite(const float* x, size_t n);

}  // namespace elu::nn
