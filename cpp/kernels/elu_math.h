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
// Method (as XNNPACK's f32-velu "rr2_p6"): x <= 0 is clamped to the saturation point, then reduced
// as x = n*ln2 + t with |t| <= ln2/2 (Cody-Waite, ln2 in two parts), so that
// expm1(x) = s*expm1(t) + (s - 1) with s = 2^n built from the exponent bits of a magic-biased round;
// expm1(t) = t + t^2 * q(t), q of degree 5 (relative error 2^-32 on [-0.3467, 0.3467]; degree 4
// measured 1.11 ULP), evaluated with Estrin's scheme (~5% faster than Horner's in V8: shorter
// dependency chains). Two paths, chosen per call from alpha:
//   * fast (alpha = +0 or a positive power of two, alpha = 1 included): s*t + s*t*t*q + (s - 1),
//     one rounding of consequence (~28 SIMD operations per 4 floats, as many as XNNPACK's kernel);
//   * general (any other alpha): alpha * hi alone could cost a whole ULP, so (s - 1) + s*t_hi is
//     kept exact with Fast2Sum, hi is split (Veltkamp) so that alpha_hi * hi_hi is exact, and the
//     small terms are added last (~40 operations).
// Measured maxima over all inputs are printed by the exhaustive test and listed in the README.
// The constants are read from a mutable table once per call (load_constants), as XNNPACK reads its
// params: constant vectors folded into the loop body would be rebuilt on every iteration by V8.
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

// Every constant the kernels use, as lanes of V.
template <class V>
struct Constants {
  V log2e, magic_bias, minus_ln2_hi, minus_ln2_lo, expm1_cutoff, tiny_negative, exp_cutoff;
  V q0, q1, q2, q3, q4, q5, one, zero;
};

// Mutable on purpose (see the note above): the compiler cannot fold these into the loops.
inline float constant_table[] = {c::kLog2e,      c::kMagicBias,    c::kMinusLn2Hi, c::kMinusLn2Lo,
                                 c::kExpm1Cutoff, c::kTinyNegative, c::kExpCutoff,  c::kQ0,
                                 c::kQ1,          c::kQ2,           c::kQ3,         c::kQ4,
                                 c::kQ5,          1.0f,             0.0f};

template <class V>
inline Constants<V> load_constants() {
  const float* t = constant_table;
  auto v = [](float f) { return V{} + f; };
  return {v(t[0]), v(t[1]), v(t[2]),  v(t[3]),  v(t[4]),  v(t[5]),  v(t[6]), v(t[7]),
          v(t[8]), v(t[9]), v(t[10]), v(t[11]), v(t[12]), v(t[13]), v(t[14])};
}

// x = n*ln2 + t, with s = 2^n. t is kept as t_hi + t_lo (t_hi exact) and rounded into t.
template <class V>
struct Reduced {
  V s, t_hi, t_lo, t;
};

template <class V>
inline Reduced<V> reduce(V z, const Constants<V>& k) {
  using namespace simd;
  Reduced<V> r;
  V vn = z * k.log2e + k.magic_bias;
  r.s = from_bits(bits(vn) << 23);
  const V n = vn - k.magic_bias;
  r.t_hi = n * k.minus_ln2_hi + z;
  r.t_lo = n * k.minus_ln2_lo;
  r.t = r.t_hi + r.t_lo;
  return r;
}

// q(t) = (expm1(t) - t) / t^2.
template <class V>
inline V expm1_q(V t, const Constants<V>& k) {
  // Estrin's scheme: a shorter dependency chain than Horner's (the kernels are latency-bound).
  const V t2 = t * t;
  const V p01 = k.q1 * t + k.q0;
  const V p23 = k.q3 * t + k.q2;
  const V p45 = k.q5 * t + k.q4;
  return (p45 * t2 + p23) * t2 + p01;
}

// alpha, and alpha split into 12 + 12 significant bits for an exact alpha_hi * h product.
template <class V>
struct Alpha {
  V alpha, hi, lo;
};

// +0 or +2^k (mantissa and sign bits clear; inf/NaN are rejected by the callers): alpha * v is
// exact and the fast path applies.
inline bool alpha_is_fast(float alpha) { return (simd::bits(alpha) & 0x807FFFFFu) == 0; }

template <class V>
inline Alpha<V> make_alpha(float alpha) {
  const float hi = simd::from_bits(simd::bits(alpha) & 0xFFFFF000u);
  return {V{} + alpha, V{} + hi, V{} + (alpha - hi)};
}

// alpha * expm1(x) for x <= 0 when alpha_is_fast(alpha).
template <class V>
inline V elu_negative_fast(V x, V alpha, const Constants<V>& k) {
  using namespace simd;
  const Reduced<V> r = reduce(pmax(x, k.expm1_cutoff), k);
  const V st = r.s * r.t;  // exact
  const V e = (st + st * (r.t * expm1_q(r.t, k))) + (r.s - k.one);
  return alpha * e;
}

// alpha * expm1(x) for x <= 0, any finite alpha.
template <class V>
inline V elu_negative_general(V x, const Alpha<V>& a, const Constants<V>& k) {
  using namespace simd;
  const Reduced<V> r = reduce(pmax(x, k.expm1_cutoff), k);
  const V sm1 = r.s - k.one;        // exact for n >= -24
  const V st = r.s * r.t_hi;        // exact: a power of two times t_hi
  const V hi = sm1 + st;            // Fast2Sum (|sm1| >= |st| whenever sm1 != 0) ...
  const V lo = st - (hi - sm1);     // ... hi + lo == sm1 + st exactly
  const V rest = lo + r.s * (r.t_lo + (r.t * r.t) * expm1_q(r.t, k));
  const V big = hi * 4097.0f;       // Veltkamp split: hh has 12 significant bits
  const V hh = big - (big - hi);
  const V hl = hi - hh;
  return a.hi * hh + ((a.alpha * hl + a.lo * hh) + a.alpha * rest);
}

template <bool kFast, class V>
inline V elu_forward(V x, const Alpha<V>& a, const Constants<V>& k) {
  using namespace simd;
  if constexpr (kFast) {
    // x >= 0 also returns +-0 unchanged, which is alpha * (+-0) for alpha >= +0.
    return select(x >= k.zero, x, elu_negative_fast(x, a.alpha, k));
  } else {
    // Near zero, expm1(x) == x * (1 + x/2) with |x/2| < 2^-26: alpha * x is within 0.75 ULP, keeps
    // the sign rules of the reference for x = +-0 and any alpha, and rounds subnormals once.
    const V neg = elu_negative_general(x, a, k);
    return select(x > k.zero, x, select(x > k.tiny_negative, x * a.alpha, neg));
  }
}

// dy * alpha * exp(x) = das + das * expm1(t) with das = dy * alpha * 2^n (exact scaling): one rounding
// in dy * alpha, a small one in das * p, one in the sum (<= 2 ULP; the shorter dy * (alpha * exp(x))
// measured up to 2.5 ULP, and 10 where alpha * exp(x) is subnormal).
template <class V>
inline V elu_backward(V x, V dy, V alpha, const Constants<V>& k) {
  using namespace simd;
  const Reduced<V> r = reduce(pmax(x, k.exp_cutoff), k);
  const V da = dy * alpha;
  const V das = da * r.s;
  const V p = r.t + r.t * (r.t * expm1_q(r.t, k));  // expm1(t)
  // Where da == 0 the sum could lose the sign of zero, so those lanes take the product form
  // das * (1 + p) (1 + p > 0; NaN still propagates). Below ln(2^-126) the lanes are zeroed.
  const V neg = select(x < k.exp_cutoff, das * k.zero,
                       select(da == k.zero, das * (p + k.one), das + das * p));
  return select(x > k.zero, dy, neg);
}

template <class V>
inline V elu_backward_from_output(V y, V dy, V alpha, const Constants<V>& k) {
  using namespace simd;
  return select(y > k.zero, dy, dy * (y + alpha));
}

}  // namespace elu::kernels::math
