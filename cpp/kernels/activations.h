// Activation functions for the network and the widget: forward and derivative, float32 (ELU, tanh
// and sigmoid through the SIMD128 kernels of elu.h where the build has them).
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
// Accuracy is against the exact function of the float input; f' errors are in ULPs of the
// magnitude of f''s terms where these cancel (gelu' and silu' near their zeros, x ~ -0.75 and
// x ~ -1.28). The limits below are what tests/cpp/activations_test.cc enforces (kCases) over a
// grid, every 65521st float and the special values; measured maxima are in ACCURACY.md.
#pragma once

#include <cstddef>

namespace elu::kernels {

// One card per activation: the function; max error of f and of f' (ULP); exact values; where it
// differs from PyTorch's function of the same name (beyond the robustness rules above).
enum class Activation {
  // relu: x < 0 ? +0 : x (PyTorch's clamp_min). Exact. -0 -> -0, NaN -> NaN; f'(0) = 0.
  kRelu,
  // leaky_relu: x > 0 ? x : alpha * x, alpha the negative slope. f 0.5 ULP, f' exact. f'(0) = alpha;
  //   alpha = 0 gives -0 for x < 0.
  kLeakyRelu,
  // elu: x > 0 ? x : alpha * expm1(x). The kernels of elu.h: their cards hold (f 1 ULP at
  //   alpha = 1, else 1.5; f' 2 ULP where exp(x) is normal). f'(0) = alpha. vs PyTorch: elu(-0) = -0.
  kElu,
  // celu: max(0, x) + min(0, alpha * expm1(x / alpha)), alpha != 0. f 4 ULP, f' 2 ULP. f'(0) = 1.
  //   For alpha < 0, celu(-inf) = -inf. vs PyTorch: celu(-0) = -0.
  kCelu,
  // selu: scale * (x > 0 ? x : a * expm1(x)), PyTorch's fixed scale and a. f 3 ULP, f' 3 ULP.
  //   f'(0) = scale * a. vs PyTorch: selu(-0) = -0.
  kSelu,
  // gelu: x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt(2))), the exact form (approximate='none').
  //   f 5 ULP, f' 5 ULP. f'(0) = 0.5; gelu(-inf) = -0, gelu'(+-inf) = 1 / -0 (limits). vs PyTorch:
  //   gelu(-0) = -0; the tail below x ~ -3 keeps its digits (PyTorch's float 1 + erf loses them).
  kGelu,
  // silu: x * sigmoid(x). f 4 ULP, f' 5 ULP. f'(0) = 0.5; silu(-inf) = -0 (limit). vs PyTorch: the
  //   tail below x ~ -89 stays normal where PyTorch flushes to 0.
  kSilu,
  // softplus: log(1 + exp(x)), beta = 1, and x for x > 20 (PyTorch's threshold). f 3 ULP, f' 3 ULP.
  //   f' = sigmoid.
  kSoftplus,
  // tanh: f 3 ULP, f' 5 ULP. f'(0) = 1. vs PyTorch: f' keeps its relative accuracy for |x| > 9
  //   (PyTorch's 1 - y^2 flushes to 0).
  kTanh,
  // sigmoid: 1 / (1 + exp(-x)). f 3 ULP, f' 5 ULP. f'(0) = 0.25. vs PyTorch: f' keeps its relative
  //   accuracy for x > 17 (PyTorch's y * (1 - y) flushes to 0).
  kSigmoid,
  // linear: x. Exact; f' = 1 everywhere (x is not read by the backward pass, so f'(NaN) = 1).
  kLinear,
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
