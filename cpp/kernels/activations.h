// Activation functions for the network and the widget: forward and derivative, scalar float32.
//
// Shapes: x, y, dy, dx are arrays of n floats; y may alias x, dx may alias x or dy (each element is
// read before its result is written). Any n works, including 0; no alignment is required.
//
// Semantics follow PyTorch's functions of the same names (torch.nn.functional), with alpha the only
// parameter (see ActivationParams). The backward pass always computes dx = dy * f'(x) from the
// input x, where f'(x) is a float computed from x alone; at the kinks f' takes PyTorch's one-sided
// value. Where this deliberately differs from PyTorch, it is for robustness:
//   * no NaN from a finite or infinite x unless the function itself is NaN there: gelu and silu at
//     -inf, gelu' at +-inf, silu' at -inf and leaky_relu(-inf) with slope 0 take their limits here
//     (PyTorch's formulas form inf * 0 or inf / inf there);
//   * f'(NaN) is NaN for every activation but linear (PyTorch's relu backward passes dy through for
//     a NaN input, leaky_relu's dy * slope); and dx = dy * f'(x) makes dy = +-inf or NaN give NaN
//     where f'(x) = 0 (PyTorch's relu backward writes 0 there);
//   * the tails keep their relative accuracy: PyTorch's sigmoid and tanh backward, computed from
//     the output as y * (1 - y) and 1 - y^2, flush to 0 from x ~ 17 and |x| ~ 9 on, its silu from
//     x ~ -89 down, and a float 1 + erf(x/sqrt2) loses gelu's digits from x ~ -3 down (4% off at
//     x = -5, 0 below x ~ -5.6); see activations.cc.
//
// Accuracy, against the exact function of the float input: relu and linear exact, leaky_relu
// 0.5 ULP; celu, selu, softplus, tanh, sigmoid and silu within 4 ULP, gelu 5 ULP (float erfc alone
// has 3.1); f' within 5 ULP, in ULPs of the magnitude of f''s terms where these cancel (gelu' and
// silu' near their zeros, x ~ -0.75 and x ~ -1.28). Measured over every 251st float and a dense
// grid over [-20, 20] (largest errors seen: 4.06 ULP for gelu, 4.23 for gelu', 4.16 for silu');
// tests/cpp/activations_test.cc checks these limits per activation (kCases) over a grid, every
// 65521st float and the special values. ELU is the production ELU kernel (elu.h), with the
// accuracy contract of elu_math.h.
#pragma once

#include <cstddef>

namespace elu::kernels {

enum class Activation {
  kRelu,       // x < 0 ? +0 : x, so -0 -> -0, NaN -> NaN (PyTorch's clamp_min). f'(0) = 0.
  kLeakyRelu,  // x > 0 ? x : alpha * x; alpha is the negative slope. f'(0) = alpha.
  kElu,        // x > 0 ? x : alpha * expm1(x). f'(0) = alpha. The fast kernels of elu.h.
  kCelu,       // max(0, x) + min(0, alpha * expm1(x / alpha)); alpha != 0. f'(0) = 1.
  kSelu,       // scale * (x > 0 ? x : a * expm1(x)), fixed scale and a. f'(0) = scale * a.
  kGelu,       // x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt(2))), the exact form. f'(0) = 0.5.
  kSilu,       // x * sigmoid(x). f'(0) = 0.5.
  kSoftplus,   // log(1 + exp(x)), beta = 1, and x for x > 20 (PyTorch's threshold). f' = sigmoid.
  kTanh,       // tanh(x). f'(0) = 1.
  kSigmoid,    // 1 / (1 + exp(-x)). f'(0) = 0.25.
  kLinear,     // x. f' = 1 everywhere (x is not read by the backward pass).
};

// The one parameter. What alpha means, per activation:
//   kLeakyRelu  the negative slope. Callers set it: PyTorch's default slope is 0.01, whereas the
//               default here (1) makes leaky_relu the identity. alpha = 0 gives -0 for x < 0.
//   kElu        alpha of ELU (PyTorch's default 1); any finite value, negative included.
//   kCelu       alpha of CELU (PyTorch's default 1); must be finite and nonzero (PyTorch rejects 0;
//               here alpha = 0 gives NaN at x = +-0). For alpha < 0, celu(-inf) = -inf.
//   others      ignored (SELU's constants are fixed; softplus has beta = 1, threshold = 20).
struct ActivationParams {
  float alpha = 1.0f;
};

// Names: "relu" "leaky_relu" "elu" "celu" "selu" "gelu" "silu" "softplus" "tanh" "sigmoid"
// "linear" (exact, case-sensitive). Returns false for anything else (nullptr included) and leaves
// *out unchanged; `out` may be null to only test a name.
bool parse_activation(const char* name, Activation* out);

// The name parse_activation accepts for `a`; "unknown" for a value outside the enum.
const char* activation_name(Activation a);

// y = f(x), elementwise. y may alias x. n may be 0. An `a` outside the enum writes nothing.
void activation_forward(Activation a, ActivationParams p, size_t n, const float* x, float* y);

// dx = dy * f'(x), elementwise, from the input x. dx may alias x or dy. n may be 0. An `a` outside
// the enum writes nothing.
void activation_backward(Activation a, ActivationParams p, size_t n, const float* x,
                         const float* dy, float* dx);

}  // namespace elu::kernels
