// Plain double-precision references for the ELU kernels (tests only), and ULP distance.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace elu::testing {

inline double elu_ref(float x, float alpha) {
  return x > 0 ? double(x) : double(alpha) * std::expm1(double(x));
}
inline double elu_backward_ref(float x, float dy, float alpha) {
  return x > 0 ? double(dy) : double(dy) * double(alpha) * std::exp(double(x));
}
inline double elu_backward_from_output_ref(float y, float dy, float alpha) {
  return y > 0 ? double(dy) : double(dy) * (double(y) + double(alpha));
}

// One ULP of float32 at the magnitude of `ref` (subnormal spacing below 2^-126).
inline double ulp_at(double ref) {
  const double a = std::fabs(ref);
  if (a < 0x1p-126) return 0x1p-149;
  int e;
  std::frexp(a, &e);  // a = m * 2^e, m in [0.5, 1)
  return std::ldexp(1.0, e - 24);
}

// Distance from `got` to `ref` in ULPs of the result. NaN must meet NaN and infinities must match
// exactly (else the distance is infinite); a finite ref beyond FLT_MAX must round to infinity.
inline double ulp_error(float got, double ref) {
  const double inf = std::numeric_limits<double>::infinity();
  if (std::isnan(ref)) return std::isnan(got) ? 0.0 : inf;
  if (std::isnan(got)) return inf;
  if (std::isinf(ref) || std::isinf(got)) return double(got) == ref ? 0.0 : inf;
  return std::fabs(double(got) - ref) / ulp_at(ref);
}

inline float from_bits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}
inline uint32_t to_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

}  // namespace elu::testing
