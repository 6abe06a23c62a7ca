// Tanh and sigmoid, forward and derivative (tanh_sigmoid.h), for activations.cc.
//
// Tanh takes expm1(z), sigmoid and the derivatives exp(z), for z = -2|x| or -|x| <= 0, from the
// kernels of elu.h with alpha = 1 (elu_math.h): elu_forward gives expm1(z) within 1 ULP (-0 -> -0,
// -inf -> -1, NaN -> NaN), elu_backward with dy = 1 gives exp(z) within 2 ULP for z >= -87.33 and
// 0 below. exp comes from the kernel in the SIMD builds only (ELU_KERNELS_SIMD: wasm SIMD128, SSE2,
// NEON); the scalar wasm build takes it from libm (exp_chunk), whose expf is faster there than the
// scalar kernel (ACCURACY.md has the measurements behind these choices).
// The rest is plain arithmetic in loops that clang vectorizes. Each call works through chunks of
// kChunk floats on the stack (no heap allocation): the kernel's arguments go to a stack buffer, the
// kernel runs on it, and one last loop reads the exponentials and x (forward) or dy (backward) and
// writes y or dx; nothing is written to y or dx before it, so x and dy are still intact there. That
// loop comes in two versions (finish): one over a single pointer for the in-place case (y == x,
// dx == dy), where a vectorized loop's runtime alias check would fail and fall back to scalar code,
// and one for separate arrays (a copy out of a stack buffer instead would cost a memcpy per chunk).
//
// Where the rounding of 1 + e or 2 + e1 would cost up to ~1 ULP of the result, the rounding error
// is recovered exactly (Fast2Sum: |1| >= e, |2| >= |e1|) and applied to first order, the reciprocal
// of the denominator taken from the quotient itself rather than from a second division.
//
// Tails: below z = -87.33 the kernel's exp(z) is 0, while sigmoid and sigmoid' (~ e^-|x|) and tanh'
// (~ 4 e^-2|x|) are still subnormal or even normal floats. So the elements with z < kExpTail (-87)
// take exp(z) = exp(z + 64 ln2_hi) * 2^-64 * exp(64 ln2_lo), with ln2_hi the kernel's 15-bit part
// of ln2 (elu_math.h) and ln2_lo = ln2 - ln2_hi: z + 64 ln2_hi is exact for z in [-256, -87]
// (multiples of 2^-16 below 256 in magnitude), and the kernel returns 0 from z < -131.7 on anyway,
// where the result is 0; exp(64 ln2_lo) is a constant (kTailScale holds it times 2^-64), and the
// one multiplication rounds into the subnormal range once. One more kernel pass, which only chunks
// holding such an element pay for (the grid of a trained ELU network does: a third of its logits
// are below -85). The tail values replace the kernel's exp(z) before the formulas, which reduce to
// sigmoid = sigmoid' = e and tanh' = 4e there (1 + e rounds to 1).
#include "tanh_sigmoid.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "elu.h"

namespace elu::kernels::detail {
namespace {

constexpr size_t kChunk = 256;
constexpr float kExpTail = -87.0f;

#if ELU_KERNELS_SIMD
constexpr float kTailShift = 0x1.62E4p+5f;      // 64 * ln2_hi = 44.361328125, exactly
constexpr float kTailScale = 0x1.0005FEp-64f;  // exp(64 ln2_lo) * 2^-64; exp(64 ln2_lo) = 1.0000914

struct Ones {
  float v[kChunk];
};
constexpr Ones make_ones() {
  Ones t{};
  for (float& f : t.v) f = 1.0f;
  return t;
}
constexpr Ones kOnes = make_ones();  // dy = 1: elu_backward then returns exp(z)
#endif

// e[i] = exp(z[i]) for z[i] <= 0 (or NaN), i < m <= kChunk; e may not alias z. tail: whether some
// z[i] < kExpTail (used by the kernel's path only).
inline void exp_chunk(size_t m, const float* z, bool tail, float* e) {
#if ELU_KERNELS_SIMD
  elu_backward(m, z, kOnes.v, e, 1.0f);
  if (tail) {
    // t = exp(z + 64 ln2_hi), exp(z) = t * kTailScale where z < kExpTail.
    float t[kChunk];
    for (size_t i = 0; i < m; ++i) t[i] = z[i] + kTailShift;
    elu_backward(m, t, kOnes.v, t, 1.0f);
    for (size_t i = 0; i < m; ++i) e[i] = z[i] < kExpTail ? t[i] * kTailScale : e[i];
  }
#else
  (void)tail;
  for (size_t i = 0; i < m; ++i) e[i] = std::exp(z[i]);
#endif
}

// out[i] = f(e[i], in[i]) for i < m, with out == in or the two apart (see above).
template <class F>
inline void finish(size_t m, const float* e, const float* in, float* out, F f) {
  if (out == in) {
    for (size_t i = 0; i < m; ++i) out[i] = f(e[i], out[i]);
  } else {
    for (size_t i = 0; i < m; ++i) out[i] = f(e[i], in[i]);
  }
}

// out[i] = f(exp(k |x[i]|), in[i]) for i < n, k = -1 or -2 (k |x| is exact), where in is x or dy,
// out is y or dx, and any two of them may be the same array.
template <class F>
void map_exp(size_t n, float k, const float* x, const float* in, float* out, F f) {
  float z[kChunk], e[kChunk];
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    const float* xc = x + start;
    int tail = 0;
    for (size_t i = 0; i < m; ++i) {
      z[i] = k * std::fabs(xc[i]);
      tail |= z[i] < kExpTail;
    }
    exp_chunk(m, z, tail != 0, e);
    finish(m, e, in + start, out + start, f);
  }
}

// Below this magnitude of e or e1 the first-order corrections below are dropped: they are smaller
// than 2^-40 relative there (no ULP to gain), while the product that forms them (~e^2) would become
// subnormal for |e| < 2^-63, and subnormal arithmetic is many times slower on x86 (wasm keeps
// subnormals).
constexpr float kNoCorrection = 0x1p-40f;

// e / (1 + e) for e = exp(-a) in [0, 1] (or NaN), i.e. sigmoid(-a). With d = 1 + e rounded and
// d + dl == 1 + e exactly, e / (d + dl) = q (1 - dl/d) to first order, q = e / d, and
// 1/d = 1 - e/d = 1 - q. The error is that of e (relative sensitivity 1/(1 + e) <= 1) plus one
// rounding or so; q - q * ... keeps +0 at e = 0 and NaN.
inline float sigmoid_of_exp(float e) {
  const float d = 1.0f + e;
  const float dl = e > kNoCorrection ? e - (d - 1.0f) : 0.0f;
  const float q = e / d;
  return q - q * (dl * (1.0f - q));
}

// tanh(a) = -e1 / (2 + e1) for a >= 0, e1 = expm1(-2a) in [-1, 0]: no cancellation for small a
// (e1 ~ -2a). With d = 2 + e1 rounded, d + dl == 2 + e1, and 1/d = (1 + q)/2 for q = -e1/d, as
// above. a = +0 gives +0 (e1 = -0), a = inf gives 1 (e1 = -1).
inline float tanh_of_expm1(float e1) {
  const float d = 2.0f + e1;
  const float dl = e1 < -kNoCorrection ? e1 - (d - 2.0f) : 0.0f;
  const float q = -e1 / d;
  return q - q * (dl * ((1.0f + q) * 0.5f));
}

}  // namespace

// y = tanh(x) = sign(x) * tanh(|x|) (copysign: tanh(-0) = -0; NaN stays NaN). expm1 needs no tail.
void tanh_forward(size_t n, const float* x, float* y) {
  float e1[kChunk];
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    const float* xc = x + start;
    for (size_t i = 0; i < m; ++i) e1[i] = -2.0f * std::fabs(xc[i]);  // 2|x| is exact (or inf)
    elu_forward(m, e1, e1, 1.0f);                                    // expm1, in place
    finish(m, e1, xc, y + start,
           [](float e, float v) { return std::copysign(tanh_of_expm1(e), v); });
  }
}

// dx = dy * tanh'(x), tanh'(x) = 4e/(1 + e)^2 = 4 s (1 - s) with e = exp(-2|x|), s = e/(1 + e)
// (1 - s in [1/2, 1] does not cancel). Kernel tail: |x| > 43.5.
void tanh_backward(size_t n, const float* x, const float* dy, float* dx) {
  map_exp(n, -2.0f, x, dy, dx, [](float e, float d) {
    const float s = sigmoid_of_exp(e);
    return d * ((4.0f * s) * (1.0f - s));
  });
}

// y = sigmoid(x): s = e/(1 + e) with e = exp(-|x|) is sigmoid(-|x|); x >= 0 takes 1 - s (>= 1/2,
// within ~1 ULP: s <= 1/2 is accurate to a fraction of ULP(1 - s)). Kernel tail: |x| > 87 (needed
// for x < -87 only: 1 - s rounds to 1 either way).
void sigmoid_forward(size_t n, const float* x, float* y) {
  map_exp(n, -1.0f, x, x, y, [](float e, float v) {
    const float s = sigmoid_of_exp(e);
    return v >= 0.0f ? 1.0f - s : s;  // NaN: s is NaN
  });
}

// dx = dy * sigmoid'(x), sigmoid'(x) = e/(1 + e)^2 = s (1 - s) with s = sigmoid(-|x|) as above
// (even in x). Kernel tail: |x| > 87.
void sigmoid_backward(size_t n, const float* x, const float* dy, float* dx) {
  map_exp(n, -1.0f, x, dy, dx, [](float e, float d) {
    const float s = sigmoid_of_exp(e);
    return d * (s * (1.0f - s));
  });
}

}  // namespace elu::kernels::detail
