// ELU arithmetic, written once as templates over the lane type V (float or simd::f32x4), so that
// the scalar and the SIMD128 variants compute the same operations in the same order.
//
//   forward   y  = x > 0 ? x : alpha * expm1(x)
//   backward  dx = dy * (x > 0 ? 1 : alpha * exp(x))      (from the input; PyTorch's elu backward)
//   backward  dx = dy * (y > 0 ? 1 : y + alpha)           (from the output, for in-place use, alpha >= 0)
//
// Accuracy contract (all float32 inputs; enforced by tests/cpp/elu_exhaustive_test.cc over all 2^32
// inputs natively and by a strided sweep in the wasm build), against alpha * expm1(x) in double:
//   * forward: <= 1 ULP at alpha = 1, <= 1.5 ULP at alpha in {0.1, 0.5, 2, 3};
//   * forward, exact: ELU(+-0) = alpha * (+-0) (so -0 -> -0 for alpha > 0), NaN -> NaN,
//     -inf -> -alpha, +inf -> +inf, x > 0 (subnormals included) -> x, alpha = 0 -> ReLU (-0 for x < 0);
//     negative alpha is allowed;
//   * backward from the input: <= 2 ULP against dy * alpha * exp(x) in double where exp(x) is a normal
//     float (x >= -87.336); below that the result is dy * alpha * 0 (|error| <= |dy * alpha| * 2^-126).
//
// Method (as in XNNPACK's f32-velu "rr2_p6", made more accurate): x <= 0 is clamped to the saturation
// point, then reduced as x = n*ln2 + t with |t| <= ln2/2 (Cody-Waite, ln2 in two parts), so that
// expm1(x) = s*expm1(t) + (s - 1) with s = 2^n built from the exponent bits of a magic-biased round.
// expm1(t) = t + t^2 * q(t), q a degree-5 polynomial (relative error 2^-32 on [-0.3467, 0.3467]).
// Without FMA the naive s*p + (s-1) loses up to ~0.75 ULP; here s*t_hi is exact and added to (s-1)
// with Fast2Sum, and the small rest s*(t_lo + t^2 q) is added last, which keeps the error near 0.5 ULP.
#pragma once

#include <cstdint>

#include "simd128.h"

namespace elu::kernels::math {

namespace c {
constexpr float kLog2e = 0x1.715476p+0f;
// 1.5 * 2^23 + 127: adding it rounds to an integer and leaves n + 127 in the low mantissa bits,
// so shifting the bits left by 23 gives the float 2^n.
constexpr float kMagicBias = 0x1.8000FEp23f;
constexpr float kMinusLn2Hi = -0x1.62E400p-1f;  // 15 significant bits: n * ln2_hi is exact
constexpr float kMinusLn2Lo = -0x1.7F7D1Cp-20f;
// Below -25*ln2, expm1(x) rounds to -1: x is clamped here (this also maps -inf to -1).
constexpr float kExpm1Cutoff = -0x1.154246p+4f;  // -17.32868
// Above this (and <= 0), alpha * x is used for alpha * expm1(x).
constexpr float kTinyNegative = -0x1p-25f;
// ln(2^-126): exp(x) below this is not a normal float; the backward kernels return dy*alpha*0.
constexpr float kExpCutoff = -0x1.5D5896p+6f;  // -87.33654
// q(t) ~= (expm1(t) - t) / t^2 on [-0.3467, 0.3467], fitted for minimal relative error of expm1.
constexpr float kQ0 = 0x1.000000p-1f;
constexpr float kQ1 = 0x1.555554p-3f;
constexpr float kQ2 = 0x1.5554B2p-5f;
constexpr float kQ3 = 0x1.11118Ap-7f;
constexpr float kQ4 = 0x1.6D7226p-10f;
constexpr float kQ5 = 0x1.A032C0p-13f;
}  // namespace c

// x = n*ln2 + t, with s = 2^n. t is kept as t_hi + t_lo (t_hi exact) and rounded into t.
template <class V>
struct Reduced {
  V s, n, t_hi, t_lo, t;
};

template <class V>
inline Reduced<V> reduce(V z) {
  using namespace simd;
  Reduced<V> r;
  V vn = z * c::kLog2e + c::kMagicBias;
  r.s = from_bits(bits(vn) << 23);
  r.n = vn - c::kMagicBias;
  r.t_hi = r.n * c::kMinusLn2Hi + z;
  r.t_lo = r.n * c::kMinusLn2Lo;
  r.t = r.t_hi + r.t_lo;
  return r;
}

// t^2 * q(t): expm1(t) - t.
template <class V>
inline V expm1_rest(V t) {
  V q = c::kQ5 * t + c::kQ4;
  q = q * t + c::kQ3;
  q = q * t + c::kQ2;
  q = q * t + c::kQ1;
  q = q * t + c::kQ0;
  return (t * t) * q;
}

// alpha, and alpha split into 12 + 12 significant bits for an exact alpha_hi * h product.
struct Alpha {
  float alpha, hi, lo;
  bool power_of_two;  // or zero: then alpha * v is exact and the split is not needed
};

inline Alpha make_alpha(float alpha) {
  Alpha a;
  a.alpha = alpha;
  a.hi = simd::from_bits(simd::bits(alpha) & 0xFFFFF000u);
  a.lo = alpha - a.hi;
  a.power_of_two = (simd::bits(alpha) & 0x007FFFFFu) == 0;  // zero, +-2^k (or inf/NaN: rejected by callers)
  return a;
}

// alpha * expm1(x) for x <= 0 (other lanes are computed and discarded by the caller).
template <bool kPowerOfTwo, class V>
inline V elu_negative(V x, const Alpha& a) {
  using namespace simd;
  const Reduced<V> r = reduce(pmax(x, V{} + c::kExpm1Cutoff));
  const V sm1 = r.s - 1.0f;         // exact for n >= -24
  const V st = r.s * r.t_hi;        // exact: a power of two times t_hi
  const V hi = sm1 + st;            // Fast2Sum (|sm1| >= |st| whenever sm1 != 0) ...
  const V lo = st - (hi - sm1);     // ... hi + lo == sm1 + st exactly
  const V rest = lo + r.s * (r.t_lo + expm1_rest(r.t));
  if constexpr (kPowerOfTwo) {
    return a.alpha * (hi + rest);  // scaling by 2^k is exact; 0 * (hi + rest) keeps ReLU's -0
  } else {
    // alpha * hi rounded on its own can cost a whole ULP of the result when it lands in a higher
    // binade than the result. Split hi (Veltkamp) so that alpha_hi * hi_hi is exact, and add the
    // small cross terms to the rest: one rounding of consequence remains, the last addition.
    const V big = hi * 4097.0f;
    const V hh = big - (big - hi);
    const V hl = hi - hh;
    return a.hi * hh + ((a.alpha * hl + a.lo * hh) + a.alpha * rest);
  }
}

template <bool kPowerOfTwo, class V>
inline V elu_forward(V x, const Alpha& a) {
  using namespace simd;
  const V zero{};
  const V neg = elu_negative<kPowerOfTwo>(x, a);
  // Near zero, expm1(x) == x * (1 + x/2) with |x/2| < 2^-26: alpha * x is within 0.75 ULP, keeps the
  // sign rules of the reference for x = +-0 and any alpha, and rounds subnormal results once.
  return select(x > zero, x, select(x > zero + c::kTinyNegative, x * a.alpha, neg));
}

template <class V>
inline V elu_backward(V x, V dy, float alpha) {
  using namespace simd;
  const V zero{};
  const Reduced<V> r = reduce(pmax(x, zero + c::kExpCutoff));
  const V da = dy * alpha;
  const V das = da * r.s;                         // exact scaling by 2^n
  const V p = r.t + expm1_rest(r.t);              // expm1(t)
  // das * (1 + p), summed as das + das * p for accuracy; where da == 0 that sum could lose the
  // sign of zero, so those lanes take the product form (1 + p > 0; NaN still propagates).
  const V neg = select(x < zero + c::kExpCutoff, das * 0.0f,
                       select(da == zero, das * (p + 1.0f), das + das * p));
  return select(x > zero, dy, neg);
}

template <class V>
inline V elu_backward_from_output(V y, V dy, float alpha) {
  using namespace simd;
  const V zero{};
  return select(y > zero, dy, dy * (y + alpha));
}

}  // namespace elu::kernels::math
