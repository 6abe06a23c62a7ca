// Activation functions (activations.h): one inline function per activation and per derivative, and
// a loop per activation (the switch is outside the loop). Float math from <cmath> throughout, no
// double: the wasm and native builds compute the same operations, and differ only where their libm
// (musl, glibc) rounds differently. ELU is the kernel of elu.h (SIMD128 or scalar per build), and
// tanh and sigmoid (forward and derivative) take their exponentials from the same kernels, in
// chunks, rather than from a scalar libm call per element (tanh_sigmoid.cc).
//
// Robustness: every exponential is taken of an argument <= 0 or bounded, so none overflows (but
// CELU's with alpha < 0, where the function itself grows exponentially), and the products that
// would be 0 * inf at x = +-inf are avoided before they are formed.
#include "activations.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "elu.h"
#include "simd_loops.h"
#include "tanh_sigmoid.h"

namespace elu::kernels {

namespace {

constexpr float kInf = HUGE_VALF;

// SELU's constants (Klambauer et al. 2017, as in PyTorch), and their product rounded once.
constexpr float kSeluScale = 1.0507009873554804934193349852946f;
constexpr float kSeluScaleAlpha = 1.7580993408473768599402175208123f;  // scale * alpha

// 1/sqrt(2) as hi + lo (hi = float(1/sqrt(2)), |1/sqrt(2) - hi - lo| < 4e-16), 2/sqrt(pi), and
// 1/sqrt(2*pi), the last two rounded to float.
constexpr float kSqrtHalf = 0x1.6a09e6p-1f;
constexpr float kSqrtHalfLo = 0x1.9fcef4p-27f;
constexpr float kTwoOverSqrtPi = 0x1.20dd76p+0f;
constexpr float kInvSqrtTwoPi = 0x1.988454p-2f;

// Beyond |x| = 16 the GELU terms are settled in float: Phi(16) = 1 - 6e-58 and
// Phi(-16), phi(16) < 2^-180, so gelu(x) is x or -0 and gelu'(x) is 1 or -0 (correctly rounded).
// This also keeps the Dekker splits below far from overflow.
constexpr float kGeluSettled = 16.0f;

// Past |x| = 128, silu and silu' are settled in float likewise: |x| * exp(-128) < 2^-177.
constexpr float kSiluSettled = 128.0f;

// a * b == hi + lo exactly (Dekker's product without FMA, Veltkamp's 12 + 12 bit split), for
// |a|, |b| < 2^100 and no underflow in the partial products (tiny inputs only lose a correction).
inline void two_product(float a, float b, float* hi, float* lo) {
  const float big_a = a * 4097.0f, big_b = b * 4097.0f;
  const float ah = big_a - (big_a - a), al = a - ah;
  const float bh = big_b - (big_b - b), bl = b - bh;
  *hi = a * b;
  *lo = ((ah * bh - *hi) + ah * bl + al * bh) + al * bl;
}

// ---- ReLU, leaky ReLU --------------------------------------------------------------------------

// PyTorch's relu is clamp_min(x, 0): +0 for x < 0, x itself otherwise (-0 stays -0, NaN stays NaN).
// x < 0 is tested on the bits (-FLT_TRUE_MIN .. -inf are 0x80000001 .. 0xFF800000): clang 14's
// WebAssembly backend (Emscripten 3.1.6) compiles `x < 0 ? 0 : x` to f32.max, which maps -0 to +0.
inline float relu(float x) {
  uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b - 0x80000001u < 0x7F800000u ? 0.0f : x;
}
// x > 0 ? 1 : 0 (0 at the kink, as PyTorch), NaN for NaN.
inline float relu_d(float x) { return x > 0.0f ? 1.0f : (x <= 0.0f ? 0.0f : x); }

inline float leaky_relu(float x, float slope) {
  if (x > 0.0f) return x;
  // slope * -inf is NaN for slope = +-0; the limit has the sign slope * x has for finite x < 0.
  if (x == -kInf && slope == 0.0f) return -slope;
  return slope * x;  // NaN stays NaN
}
inline float leaky_relu_d(float x, float slope) {
  return x > 0.0f ? 1.0f : (x <= 0.0f ? slope : x);
}

// ---- CELU, SELU (ELU itself is the kernel of elu.h) --------------------------------------------

// celu(x) = x > 0 ? x : alpha * expm1(x / alpha), the same function as
// max(0, x) + min(0, alpha * expm1(x / alpha)) for either sign of alpha; celu'(x) = exp(x / alpha)
// for x <= 0. Rounding z = x / alpha to q = float(z) alone would cost |z| / 2 ULP of exp(z) (10 ULP
// at z = -20), so the rounding error dq = z - q is recovered from the exact remainder
// x - q * alpha (Dekker) and applied to first order: exp(z) = exp(q) + exp(q) * dq.

// z - q for q = float(x / alpha), or 0 where exp(q) is 0 or inf in float (|q| > 128; NaN), or where
// the splitting of alpha could overflow (then the rounding error is not recovered).
inline float celu_quotient_error(float x, float alpha, float q) {
  if (!(std::fabs(q) <= 128.0f) || !(std::fabs(alpha) <= 0x1p100f)) return 0.0f;
  float p, p_lo;
  two_product(q, alpha, &p, &p_lo);
  return ((x - p) - p_lo) / alpha;  // x - p is exact (p ~ x), and so is the remainder
}

inline float celu(float x, float alpha) {
  if (x > 0.0f) return x;  // +inf included
  const float q = x / alpha;  // x <= 0: q <= 0 for alpha > 0, q >= 0 for alpha < 0
  const float dq = celu_quotient_error(x, alpha, q);
  if (q > 64.0f) {
    // alpha < 0 and expm1(q) == exp(q) in float. exp(q) overflows from q = 88.72 on while
    // alpha * exp(q) may not (|alpha| < 1): split it as (alpha * exp(q/2)) * exp(q/2).
    const float h = std::exp(0.5f * q);
    const float r = (alpha * h) * h;
    return std::isinf(r) ? r : r + r * dq;
  }
  const float em = std::expm1(q);  // x = -inf, alpha > 0: -1; NaN: NaN
  // dq == 0 (q exact, x = +-0 among them) skips the sum, which would turn -0 into +0.
  return alpha * (dq == 0.0f ? em : em + (em + 1.0f) * dq);
}
inline float celu_d(float x, float alpha) {
  if (x > 0.0f) return 1.0f;
  const float q = x / alpha;
  const float g = std::exp(q);
  return std::isinf(g) ? g : g + g * celu_quotient_error(x, alpha, q);
}

inline float selu(float x) {
  return x > 0.0f ? kSeluScale * x : kSeluScaleAlpha * std::expm1(x);
}
inline float selu_d(float x) { return x > 0.0f ? kSeluScale : kSeluScaleAlpha * std::exp(x); }

// ---- GELU --------------------------------------------------------------------------------------
//
// The exact (erf) GELU, PyTorch's default approximate='none': gelu(x) = x * Phi(x) with
// Phi(x) = 0.5 * (1 + erf(x/sqrt2)). The tanh approximation (approximate='tanh') is not used.
// Phi is evaluated as 0.5 * erfc(-x/sqrt2), the same function without the cancellation of 1 + erf
// for x < 0 (in float, 1 + erf(x/sqrt2) is 4% off at x = -5 and 0 below x ~ -5.6).
// In the tail erfc(u) ~ exp(-u^2)/(u sqrt(pi)) is sensitive to its argument: rounding u = -x/sqrt2
// to float alone would cost up to 2u^2 ~ 170 ULP. So u is formed as u_hi + u_lo (Dekker) and the
// first-order correction erfc(u_hi + u_lo) = erfc(u_hi) - u_lo * 2/sqrt(pi) * exp(-u_hi^2) applied.

// Phi(x) for -12 <= x <= kGeluSettled (or NaN).
inline float normal_cdf(float x) {
  float hi, lo;
  two_product(x, kSqrtHalf, &hi, &lo);
  const float u = -hi;
  const float u_lo = -(lo + x * kSqrtHalfLo);
  const float erfc_u = std::erfc(u) - u_lo * (kTwoOverSqrtPi * std::exp(-(u * u)));
  return 0.5f * erfc_u;
}

// k * phi(x) = k * exp(-x^2/2) / sqrt(2 pi) for |x| <= kGeluSettled and |k| <= 16.
// x^2 = s + ds exactly (Dekker), and exp(-(s + ds)/2) = exp(-s/2) * (1 - ds/2) to first order
// (|ds|/2 <= 2^-18), the correction applied as a difference so that it is not rounded away: the
// rounding of x^2 alone would cost up to x^2/2 * 2^-24 relative (~100 ULP at |x| = 14). Where
// exp(-s/2) would be near or below the normal range (s/2 > 86, |x| > 13.1), exp(-s/4) is used
// twice, so that only the last multiplication can round into the subnormal range.
inline float gaussian_times(float x, float k) {
  float s, ds;
  two_product(x, x, &s, &ds);
  if (s <= 172.0f) {
    const float t = std::exp(-0.5f * s) * (kInvSqrtTwoPi * k);
    return t - t * (0.5f * ds);
  }
  const float g = std::exp(-0.25f * s);
  float t = g * (kInvSqrtTwoPi * k);
  t = t - t * (0.5f * ds);
  return t * g;
}

// Below x = -12, Phi(x) comes from its asymptotic (Mills ratio) series rather than from erfc, whose
// float value becomes subnormal from x ~ -13 on while gelu and gelu' are still normal:
// Phi(x) = phi(x) / |x| * P(1/x^2), P(w) = 1 - w + 3w^2 - 15w^3 + 105w^4 - 945w^5, truncated
// with a relative error below 10395 w^6 < 2^-29 for |x| >= 12. Then
//   gelu(x) = x Phi(x) = -phi(x) P(w),    gelu'(x) = Phi(x) + x phi(x) = phi(x) (x - P(w) / x).
constexpr float kGeluSeriesBelow = -12.0f;

inline float mills_series(float x) {
  const float w = 1.0f / (x * x);
  return 1.0f - w * (1.0f - 3.0f * w * (1.0f - 5.0f * w * (1.0f - 7.0f * w * (1.0f - 9.0f * w))));
}

inline float gelu(float x) {
  if (x > kGeluSettled) return x;       // +inf included
  if (x < -kGeluSettled) return -0.0f;  // -inf included (x * Phi(x) would be -inf * 0)
  if (x < kGeluSeriesBelow) return -gaussian_times(x, mills_series(x));
  return x * normal_cdf(x);  // -0 -> -0, NaN -> NaN
}
// gelu'(x) = Phi(x) + x * phi(x). The terms cancel near the minimum of gelu (x ~ -0.75, where
// gelu' = 0): there the error is a few ULP of Phi, not of gelu'.
inline float gelu_d(float x) {
  if (x > kGeluSettled) return 1.0f;
  if (x < -kGeluSettled) return -0.0f;  // gelu' -> 0 from below
  if (x < kGeluSeriesBelow) return gaussian_times(x, x - mills_series(x) / x);
  return normal_cdf(x) + gaussian_times(x, x);
}

// ---- Sigmoid, tanh, SiLU, softplus -------------------------------------------------------------
//
// All through e = exp(-|x|) in (0, 1], which cannot overflow: sigmoid(x) = 1/(1 + e) for x >= 0
// and e/(1 + e) for x < 0. The derivatives use sigmoid'(x) = e/(1 + e)^2 (even in x), rather than
// s * (1 - s), which cancels to 0 for large x; tanh'(x) = 1 - tanh(x)^2 = 4 * sigmoid'(2x), as
// 1 - t^2 would flush to 0 from |x| ~ 9 on, where tanh' is still ~ 6e-8. Tanh and sigmoid
// themselves are computed by the vector loops further below; this scalar sigmoid serves softplus'.

inline float sigmoid(float x) {
  const float e = std::exp(-std::fabs(x));
  return x >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);  // NaN -> NaN (e is NaN)
}

// silu(x) = x * sigmoid(x): x / (1 + e) for x >= 0, (x * e) / (1 + e) for x < 0. PyTorch's
// x / (1 + exp(-x)) flushes to -0 below x ~ -88.7 (and is NaN at -inf); this keeps the tail.
// Below x = -64, 1 + e is 1 in float and silu(x) = x e^x, silu'(x) = (1 + x) e^x: e^x is taken as
// exp(x/2)^2 (x/2 is exact), multiplied in after the other factor, so that e^x is not rounded to a
// subnormal before the product (silu(-90) = -7e-38 is a normal float while e^-90 is not).
constexpr float kSiluTailBelow = -64.0f;

inline float silu(float x) {
  if (x < -kSiluSettled) return -0.0f;  // -inf included
  if (x < kSiluTailBelow) {
    const float h = std::exp(0.5f * x);
    return (x * h) * h;
  }
  const float e = std::exp(-std::fabs(x));
  return x >= 0.0f ? x / (1.0f + e) : (x * e) / (1.0f + e);
}
// silu'(x) = s * (1 + x * (1 - s)), s = sigmoid(x), with r = 1/(1 + e): s = r and 1 - s = e * r
// for x >= 0, s = e * r and 1 - s = r for x < 0. The factor 1 + x * (1 - s) cancels near the
// minimum of silu (x ~ -1.28, where silu' = 0): there the error is a few ULP of s.
inline float silu_d(float x) {
  if (x < -kSiluSettled) return -0.0f;  // silu' ~ (1 + x) e^x -> 0 from below
  if (x > kSiluSettled) return 1.0f;     // 1 + (x - 1) e^-x rounds to 1 (and inf * 0 is NaN)
  if (x < kSiluTailBelow) {
    const float h = std::exp(0.5f * x);
    return ((1.0f + x) * h) * h;
  }
  const float e = std::exp(-std::fabs(x));
  const float r = 1.0f / (1.0f + e);
  return x >= 0.0f ? r * (1.0f + x * (e * r)) : (e * r) * (1.0f + x * r);
}

// softplus(x) = log(1 + exp(x)), beta = 1, threshold = 20 as in PyTorch: x > 20 returns x. For
// x <= 20 exp(x) <= 4.9e8 does not overflow and log1p keeps the small values (softplus(x) ~ exp(x)
// for x << 0). The threshold changes nothing in float: log1p(exp(-20)) < ULP(20)/900.
inline float softplus(float x) { return x > 20.0f ? x : std::log1p(std::exp(x)); }
// softplus' = sigmoid. PyTorch's z/(z + 1), z = exp(x), and 1 for x > 20: the same function, and
// sigmoid(x) rounds to 1 for x > 17.33 anyway.
inline float softplus_d(float x) { return sigmoid(x); }

// ---- Loops -------------------------------------------------------------------------------------

template <class F>
void map_forward(size_t n, const float* x, float* y, F f) {
  for (size_t i = 0; i < n; ++i) y[i] = f(x[i]);
}

template <class F>
void map_backward(size_t n, const float* x, const float* dy, float* dx, F f_prime) {
  for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * f_prime(x[i]);
}

// ReLU and leaky ReLU over arrays. In the SIMD builds on 4 lanes, lane for lane the results of the
// scalar functions above: pmax(x, 0) is x < 0 ? 0 : x (-0 and NaN kept), and comparisons are false
// for NaN.
void relu_forward(size_t n, const float* x, float* y) {
#if ELU_KERNELS_SIMD
  const simd::f32x4 zero = simd::splat(0.0f);
  simd::unary<4>(n, x, y, [&](simd::f32x4 v) { return simd::pmax(v, zero); });
#else
  map_forward(n, x, y, relu);
#endif
}
void relu_backward(size_t n, const float* x, const float* dy, float* dx) {
#if ELU_KERNELS_SIMD
  const simd::f32x4 zero = simd::splat(0.0f), one = simd::splat(1.0f);
  simd::binary<4>(n, x, dy, dx, [&](simd::f32x4 v, simd::f32x4 d) {
    return d * simd::select(v > zero, one, simd::select(v <= zero, zero, v));
  });
#else
  map_backward(n, x, dy, dx, relu_d);
#endif
}
void leaky_relu_forward(size_t n, const float* x, float* y, float slope) {
#if ELU_KERNELS_SIMD
  const simd::f32x4 zero = simd::splat(0.0f), s = simd::splat(slope);
  if (slope == 0.0f) {  // -inf * 0 would be NaN: the limit, as leaky_relu
    const simd::f32x4 minus_inf = simd::splat(-kInf), limit = simd::splat(-slope);
    simd::unary<4>(n, x, y, [&](simd::f32x4 v) {
      return simd::select(v > zero, v, simd::select(v == minus_inf, limit, s * v));
    });
    return;
  }
  simd::unary<4>(n, x, y, [&](simd::f32x4 v) { return simd::select(v > zero, v, s * v); });
#else
  map_forward(n, x, y, [slope](float v) { return leaky_relu(v, slope); });
#endif
}
void leaky_relu_backward(size_t n, const float* x, const float* dy, float* dx, float slope) {
#if ELU_KERNELS_SIMD
  const simd::f32x4 zero = simd::splat(0.0f), one = simd::splat(1.0f), s = simd::splat(slope);
  simd::binary<4>(n, x, dy, dx, [&](simd::f32x4 v, simd::f32x4 d) {
    return d * simd::select(v > zero, one, simd::select(v <= zero, s, v));
  });
#else
  map_backward(n, x, dy, dx, [slope](float v) { return leaky_relu_d(v, slope); });
#endif
}

struct NameEntry {
  const char* name;
  Activation activation;
};

constexpr NameEntry kNames[] = {
    {"relu", Activation::kRelu},         {"leaky_relu", Activation::kLeakyRelu},
    {"elu", Activation::kElu},           {"celu", Activation::kCelu},
    {"selu", Activation::kSelu},         {"gelu", Activation::kGelu},
    {"silu", Activation::kSilu},         {"softplus", Activation::kSoftplus},
    {"tanh", Activation::kTanh},         {"sigmoid", Activation::kSigmoid},
    {"linear", Activation::kLinear},
};

}  // namespace

bool parse_activation(const char* name, Activation* out) {
  if (name == nullptr) return false;
  for (const NameEntry& e : kNames) {
    if (std::strcmp(name, e.name) == 0) {
      if (out != nullptr) *out = e.activation;
      return true;
    }
  }
  return false;
}

const char* activation_name(Activation a) {
  for (const NameEntry& e : kNames) {
    if (e.activation == a) return e.name;
  }
  return "unknown";
}

void activation_forward(Activation a, ActivationParams p, size_t n, const float* x, float* y) {
  const float alpha = p.alpha;
  switch (a) {
    case Activation::kRelu:
      return relu_forward(n, x, y);
    case Activation::kLeakyRelu:
      return leaky_relu_forward(n, x, y, alpha);
    case Activation::kElu:
      return elu_forward(n, x, y, alpha);
    case Activation::kCelu:
      return map_forward(n, x, y, [alpha](float v) { return celu(v, alpha); });
    case Activation::kSelu:
      return map_forward(n, x, y, selu);
    case Activation::kGelu:
      return map_forward(n, x, y, gelu);
    case Activation::kSilu:
      return map_forward(n, x, y, silu);
    case Activation::kSoftplus:
      return map_forward(n, x, y, softplus);
    case Activation::kTanh:
      return detail::tanh_forward(n, x, y);
    case Activation::kSigmoid:
      return detail::sigmoid_forward(n, x, y);
    case Activation::kLinear:
      if (n != 0 && y != x) std::memmove(y, x, n * sizeof(float));
      return;
  }
}

void activation_backward(Activation a, ActivationParams p, size_t n, const float* x,
                         const float* dy, float* dx) {
  const float alpha = p.alpha;
  switch (a) {
    case Activation::kRelu:
      return relu_backward(n, x, dy, dx);
    case Activation::kLeakyRelu:
      return leaky_relu_backward(n, x, dy, dx, alpha);
    case Activation::kElu:
      return elu_backward(n, x, dy, dx, alpha);
    case Activation::kCelu:
      return map_backward(n, x, dy, dx, [alpha](float v) { return celu_d(v, alpha); });
    case Activation::kSelu:
      return map_backward(n, x, dy, dx, selu_d);
    case Activation::kGelu:
      return map_backward(n, x, dy, dx, gelu_d);
    case Activation::kSilu:
      return map_backward(n, x, dy, dx, silu_d);
    case Activation::kSoftplus:
      return map_backward(n, x, dy, dx, softplus_d);
    case Activation::kTanh:
      return detail::tanh_backward(n, x, dy, dx);
    case Activation::kSigmoid:
      return detail::sigmoid_backward(n, x, dy, dx);
    case Activation::kLinear:
      // f' = 1: dx = dy, x is not read.
      if (n != 0 && dx != dy) std::memmove(dx, dy, n * sizeof(float));
      return;
  }
}

}  // namespace elu::kernels
