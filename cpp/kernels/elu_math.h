// ELU arithmetic, written once as templates over the lane type V (float or simd::f32x4), so that
// the scalar and the SIMD128 variants compute the same operations in the same order.
//
//   forward   y  = x > 0 ? x : alpha * expm1(x)
//   backward  dx = dy * (x > 0 ? 1 : alpha * exp(x))      (from the input; PyTorch's elu backward)
//   backward  dx = dy * (y > 0 ? 1 : y + alpha)           (from the output, for in-place use, alpha >= 0)
//
// The contracts (max ULP, valid range, exact cases) are the cards in elu.h; measured maxima and
// the history behind the choices below are in ACCURACY.md.
//
// Method (as XNNPACK's f32-velu "rr2_p6"): x <= 0 is clamped to the saturation point, then reduced
// as x = n*ln2 + t with |t| <= ln2/2 (Cody-Waite, ln2 in two parts), so that
// expm1(x) = s*expm1(t) + (s - 1) with s = 2^n built from the exponent bits of a magic-biased round;
// expm1(t) = t + t^2 * q(t), q of degree 5 (relative error 2^-32 on [-0.3467, 0.3467]), evaluated
// with Estrin's scheme. Forward has two paths, chosen per call from alpha: fast (alpha = +0 or a
// positive power of two: alpha * e is exact) and general (alpha * hi alone could cost a whole ULP,
// so (s - 1) + s*t_hi is kept exact with Fast2Sum, hi is split (Veltkamp) so that alpha_hi * hi_hi
// is exact, and the small terms are added last). The constants are read from a mutable table once
// per call (load_constants), as XNNPACK reads its params: constant vectors folded into the loop
// body would be rebuilt on every iteration by V8.
#pragma once

#include <cstdint>
#include <type_traits>

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
// The smallest float x with exp(x) >= 2^-126 (ln(2^-126) = -87.3365447505..., rounded up): below
// it exp(x) is not a normal float and the backward kernels return dy*alpha*0.
constexpr float kExpCutoff = -0x1.5D589Ep+6f;  // -87.33654022
// Backward, general alpha: |dy * alpha| below this is computed scaled by kProductUp (exactly), so
// that the two-product's error term stays exact (it needs |dy * alpha| >= 2^-101) and no
// intermediate is subnormal; the result is scaled back by kProductDown (rounding if subnormal).
constexpr float kTinyProduct = 0x1p-60f;
constexpr float kProductUp = 0x1p64f;
constexpr float kProductDown = 0x1p-64f;
// dy * 2^64 cannot overflow where |dy * alpha| < 2^-60 and |alpha| >= this; below it, alpha is
// scaled by 2^64 instead (then no product can overflow: |dy * alpha * 2^64| < 2^128 * 2^-60).
constexpr float kScalableAlpha = 0x1p-124f;
constexpr float kInf = __builtin_inff();
// q(t) ~= (expm1(t) - t) / t^2 on [-0.3467, 0.3467], fitted for minimal relative error of expm1.
constexpr float kQ0 = 0x1.000000p-1f;
constexpr float kQ1 = 0x1.555554p-3f;
constexpr float kQ2 = 0x1.5554B2p-5f;
constexpr float kQ3 = 0x1.11118Ap-7f;
constexpr float kQ4 = 0x1.6D7226p-10f;
constexpr float kQ5 = 0x1.A032C0p-13f;
}  // namespace c

// The unsigned lane type of V (uint32_t or simd::u32x4), for bit masks.
template <class V>
using Bits = decltype(simd::bits(V{}));

// Every constant the kernels use, as lanes of V.
template <class V>
struct Constants {
  V log2e, magic_bias, minus_ln2_hi, minus_ln2_lo, expm1_cutoff, tiny_negative, exp_cutoff;
  V q0, q1, q2, q3, q4, q5, one, zero, inf, tiny_product;
  Bits<V> abs_mask, split_mask;  // clear the sign bit; keep the sign, exponent and 11 mantissa bits
};

// Mutable on purpose (see the note above): the compiler cannot fold these into the loops.
inline float constant_table[] = {c::kLog2e,      c::kMagicBias,    c::kMinusLn2Hi, c::kMinusLn2Lo,
                                 c::kExpm1Cutoff, c::kTinyNegative, c::kExpCutoff,  c::kQ0,
                                 c::kQ1,          c::kQ2,           c::kQ3,         c::kQ4,
                                 c::kQ5,          1.0f,             0.0f,           c::kInf,
                                 c::kTinyProduct};
inline uint32_t constant_bits_table[] = {0x7FFFFFFFu, 0xFFFFF000u};

template <class V>
inline Constants<V> load_constants() {
  const float* t = constant_table;
  const uint32_t* b = constant_bits_table;
  auto v = [](float f) { return V{} + f; };
  auto u = [](uint32_t m) { return Bits<V>{} + m; };
  return {v(t[0]),  v(t[1]),  v(t[2]),  v(t[3]),  v(t[4]),  v(t[5]),  v(t[6]),
          v(t[7]),  v(t[8]),  v(t[9]),  v(t[10]), v(t[11]), v(t[12]), v(t[13]),
          v(t[14]), v(t[15]), v(t[16]), u(b[0]),  u(b[1])};
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

// f in every lane (V{} + f would turn -0 into +0).
template <class V>
inline V broadcast(float f) {
  if constexpr (std::is_same_v<V, float>) {
    return f;
  } else {
    return simd::splat(f);
  }
}

template <class V>
inline Alpha<V> make_alpha(float alpha) {
  const float hi = simd::from_bits(simd::bits(alpha) & 0xFFFFF000u);
  return {broadcast<V>(alpha), broadcast<V>(hi), broadcast<V>(alpha - hi)};
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

// Backward from the input, per call: the fast path when dy * alpha is exact (alpha = +-0, +-2^k or
// +-inf: no mantissa bits), else the general one, which needs alpha's split and the scale factors.
inline bool backward_alpha_is_fast(float alpha) { return (simd::bits(alpha) & 0x007FFFFFu) == 0; }

template <class V>
struct BackwardAlpha {
  V alpha, hi, lo;  // alpha = hi + lo, 12 + 12 significant bits (as make_alpha)
  V up, down;       // dy's scale factors for tiny products: kProductUp and kProductDown
  V scale;          // every other result's scale factor: 1
  // For the general path where |alpha| < kScalableAlpha, alpha holds alpha * 2^64 (exact), up is
  // 1, and down and scale are 2^-64: every lane runs scaled. (The fast path reads alpha as is.)
};

template <class V>
inline BackwardAlpha<V> make_backward_alpha(float alpha) {
  if (!backward_alpha_is_fast(alpha) &&
      simd::from_bits(simd::bits(alpha) & 0x7FFFFFFFu) < c::kScalableAlpha) {
    const Alpha<V> a = make_alpha<V>(alpha * c::kProductUp);
    const V down = broadcast<V>(c::kProductDown);
    return {a.alpha, a.hi, a.lo, broadcast<V>(1.0f), down, down};
  }
  const Alpha<V> a = make_alpha<V>(alpha);
  return {a.alpha, a.hi, a.lo, broadcast<V>(c::kProductUp), broadcast<V>(c::kProductDown),
          broadcast<V>(1.0f)};
}

// dy * alpha * exp(x) = dy * alpha * s * (1 + expm1(t)), s = 2^n, |t| <= ln2/2.
// Fast path (dy * alpha exact): das = dy * alpha * s (exact scaling), then das + das * expm1(t).
// General path: the float product fl(dy * alpha) alone can cost up to a whole ULP of the result, so
// dy * alpha = da + e is kept exact (Dekker's two-product: dy split by masking to 12 + 12 bits,
// alpha's split precomputed per call; exact while |da| >= 2^-101, no FMA) and the result is
// das + (da * p + e * (1 + p)) * s, s multiplied last so that near the bottom of the float range
// each term rounds once to the subnormal grid. Lanes with |da| < 2^-60 run on dy * 2^64 and scale
// back by 2^-64; for |alpha| < 2^-124 (where dy * 2^64 could overflow) alpha is scaled instead.
// Both: lanes where da is zero or infinite take the product form das * (1 + p), which keeps the sign
// of zero; below kExpCutoff the lanes are zeroed (dy * alpha * 0).
template <class V>
inline V elu_backward(V x, V dy, V alpha, const Constants<V>& k) {
  using namespace simd;
  const Reduced<V> r = reduce(pmax(x, k.exp_cutoff), k);
  const V da = dy * alpha;
  const V das = da * r.s;
  const V p = r.t + r.t * (r.t * expm1_q(r.t, k));  // expm1(t)
  const V neg = select(x < k.exp_cutoff, das * k.zero,
                       select(da == k.zero, das * (p + k.one), das + das * p));
  return select(x > k.zero, dy, neg);
}

// Either path, as chosen per call by backward_alpha_is_fast.
template <bool kFast, class V>
inline V elu_backward(V x, V dy, const BackwardAlpha<V>& a, const Constants<V>& k) {
  using namespace simd;
  if constexpr (kFast) {
    return elu_backward(x, dy, a.alpha, k);
  } else {
    const Reduced<V> r = reduce(pmax(x, k.exp_cutoff), k);
    const V p = r.t + r.t * (r.t * expm1_q(r.t, k));  // expm1(t)
    const V abs_da = from_bits(bits(dy * a.alpha) & k.abs_mask);
    const auto tiny = abs_da < k.tiny_product;
    const V dys = select(tiny, dy * a.up, dy);
    const V da = dys * a.alpha;
    const V dh = from_bits(bits(dys) & k.split_mask);  // 12 significant bits
    const V dl = dys - dh;                              // the other 12, exactly
    const V e = ((a.hi * dh - da) + a.hi * dl + a.lo * dh) + a.lo * dl;  // da + e == dys * alpha
    const V p1 = p + k.one;
    const V das = da * r.s;
    const V sum = das + (da * p + e * p1) * r.s;
    const V neg = select(x < k.exp_cutoff, das * k.zero,
                         select((da == k.zero) | (abs_da == k.inf), das * p1, sum));
    return select(x > k.zero, dy, neg * select(tiny, a.down, a.scale));
  }
}

// exp(x) for x <= 0: the backward arithmetic with dy = alpha = 1 (the fast path), so within 2 ULP
// where exp(x) is a normal float (x >= kExpCutoff) and 0 below; x > 0 returns 1, NaN -> NaN.
template <class V>
inline V exp_nonpositive(V x, const Constants<V>& k) {
  return elu_backward(x, k.one, k.one, k);
}

template <class V>
inline V elu_backward_from_output(V y, V dy, V alpha, const Constants<V>& k) {
  using namespace simd;
  return select(y > k.zero, dy, dy * (y + alpha));
}

}  // namespace elu::kernels::math
