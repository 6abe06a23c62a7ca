// f(x) in double for every activation of kernels/activations.h, written the obvious way: the
// reference of the activation tests and of the network's gradient checks (tests only).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/activations.h"

namespace elu::testing {

constexpr double kSeluScale = 1.0507009873554804934193349852946;
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kInf = std::numeric_limits<double>::infinity();

// f(x); alpha is ELU/CELU's alpha or leaky_relu's slope. At x = +-inf the function's limit is
// taken where the formula would form inf * 0 or inf / inf.
inline double RefForward(kernels::Activation a, double alpha, double x) {
  if (std::isnan(x)) return x;
  switch (a) {
    case kernels::Activation::kRelu:
      return std::max(0.0, x);
    case kernels::Activation::kLeakyRelu:
      return x > 0 ? x : (alpha == 0 ? 0.0 : alpha * x);
    case kernels::Activation::kElu:
      return x > 0 ? x : alpha * std::expm1(x);
    case kernels::Activation::kCelu:
      return std::max(0.0, x) + std::min(0.0, alpha * std::expm1(x / alpha));
    case kernels::Activation::kSelu:
      return kSeluScale * (std::max(0.0, x) + std::min(0.0, kSeluAlpha * std::expm1(x)));
    case kernels::Activation::kGelu:
      // 0.5 * x * (1 + erf(x / sqrt2)), with 1 + erf(z) written as erfc(-z): even in double,
      // 1 + erf loses every digit of gelu below x ~ -8 (gelu(-10) = -7.6e-23 is a normal float).
      if (x == -kInf) return 0.0;
      return 0.5 * x * std::erfc(-x / std::sqrt(2.0));
    case kernels::Activation::kSilu:
      if (x == -kInf) return 0.0;
      return x / (1 + std::exp(-x));
    case kernels::Activation::kSoftplus:
      return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
    case kernels::Activation::kTanh:
      return std::tanh(x);
    case kernels::Activation::kSigmoid:
      return 1 / (1 + std::exp(-x));
    case kernels::Activation::kLinear:
      return x;
  }
  return NAN;
}

}  // namespace elu::testing
