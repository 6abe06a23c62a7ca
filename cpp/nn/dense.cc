// The products of dense.h: register-blocked over units and points for the first two, four weights
// at a time for the third.
#include "nn/dense.h"

#include <cfloat>
#include <cstdint>

#include "kernels/simd128.h"

namespace elu::nn {

using simd::f32x4;
using simd::i32x4;

namespace {

// out[r * stride + i] = bias[r] + sum over d < depth, in order, of w[r * w_row + d * w_depth] *
// in[d * stride + i], for r < rows and i < stride (bias null: 0 + ...). R rows x V vectors of
// points at a time, the R x V sums in registers (each input vector loaded once for the R rows).
template <size_t R, size_t V>
inline void rows_block(size_t stride, size_t depth, const float* __restrict in,
                       const float* __restrict w, size_t w_row, size_t w_depth,
                       const float* bias, float* __restrict out) {
  f32x4 acc[R][V];
  for (size_t r = 0; r < R; ++r) {
    for (size_t v = 0; v < V; ++v) acc[r][v] = simd::splat(bias != nullptr ? bias[r] : 0.0f);
  }
  for (size_t d = 0; d < depth; ++d) {
    f32x4 x[V];
    for (size_t v = 0; v < V; ++v) x[v] = simd::load(in + d * stride + 4 * v);
    for (size_t r = 0; r < R; ++r) {
      const f32x4 wd = simd::splat(w[r * w_row + d * w_depth]);
      for (size_t v = 0; v < V; ++v) acc[r][v] += x[v] * wd;
    }
  }
  for (size_t r = 0; r < R; ++r) {
    for (size_t v = 0; v < V; ++v) simd::store(out + r * stride + 4 * v, acc[r][v]);
  }
}

// R rows over the whole stride, 4 vectors at a time, then the last 1 to 3.
template <size_t R>
inline void rows_strip(size_t stride, size_t depth, const float* in, const float* w, size_t w_row,
                       size_t w_depth, const float* bias, float* out) {
  size_t i = 0;
  for (; i + 16 <= stride; i += 16) {
    rows_block<R, 4>(stride, depth, in + i, w, w_row, w_depth, bias, out + i);
  }
  switch ((stride - i) / 4) {
    case 3: rows_block<R, 3>(stride, depth, in + i, w, w_row, w_depth, bias, out + i); break;
    case 2: rows_block<R, 2>(stride, depth, in + i, w, w_row, w_depth, bias, out + i); break;
    case 1: rows_block<R, 1>(stride, depth, in + i, w, w_row, w_depth, bias, out + i); break;
    default: break;
  }
}

// rows_block over all rows, 2 at a time. The two products differ only in how w is walked: forward
// reads W by columns (w_row 1, w_depth n_out), backward by rows (w_row n_out, w_depth 1).
void rows_product(size_t stride, size_t rows, size_t depth, const float* in, const float* w,
                  size_t w_row, size_t w_depth, const float* bias, float* out) {
  size_t r = 0;
  for (; r + 2 <= rows; r += 2) {
    rows_strip<2>(stride, depth, in, w + r * w_row, w_row, w_depth,
                  bias != nullptr ? bias + r : nullptr, out + r * stride);
  }
  if (r < rows) {
    rows_strip<1>(stride, depth, in, w + r * w_row, w_row, w_depth,
                  bias != nullptr ? bias + r : nullptr, out + r * stride);
  }
}

// All ones in the lanes of the last vector of a row that hold one of the m points, zeros in the
// padding after them (stride - 4 < m <= stride).
i32x4 last_lanes(size_t stride, size_t m) {
  const int32_t valid = int32_t(m - (stride - 4));
  return i32x4{0, 1, 2, 3} < simd::splat_i32(valid);
}

// The lanes of v added as (v0 + v2) + (v1 + v3).
float lane_sum(f32x4 v) { return (v[0] + v[2]) + (v[1] + v[3]); }

// The lane sums of a, b, c, d, in that order, each added as lane_sum adds.
f32x4 lane_sums(f32x4 a, f32x4 b, f32x4 c, f32x4 d) {
  const f32x4 ab = __builtin_shufflevector(a, b, 0, 4, 1, 5) + __builtin_shufflevector(a, b, 2, 6, 3, 7);
  const f32x4 cd = __builtin_shufflevector(c, d, 0, 4, 1, 5) + __builtin_shufflevector(c, d, 2, 6, 3, 7);
  return __builtin_shufflevector(ab, cd, 0, 1, 4, 5) + __builtin_shufflevector(ab, cd, 2, 3, 6, 7);
}

// a_k[i] * b_j[i] at the 4 points from i; kOnes: a is a row of 1s, and the product is b_j itself
// (the same bits: x * 1 is x for every x arithmetic makes).
template <bool kOnes>
inline f32x4 product(const float* ak, const float* bj, size_t i) {
  if constexpr (kOnes) {
    (void)ak;
    return simd::load(bj + i);
  } else {
    return simd::load(ak + i) * simd::load(bj + i);
  }
}

// g[k * width + j] += the sum over the points of a_k[i] * b_j[i] for k < depth, j < width (a_k:
// row k of a, b_j: row j of b). Each sum runs per lane in point order, the padding of the last
// vector masked out (whatever it holds, even inf or NaN, adds nothing), then over the lanes.
// Four consecutive entries of g at a time, side by side, reduced together.
template <bool kOnes>
void add_row_products(size_t stride, i32x4 last, const float* a, size_t depth, const float* b,
                      size_t width, float* g) {
  const size_t count = depth * width;
  size_t k = 0, j = 0;
  auto rows = [&](const float** ak, const float** bj) {
    *ak = kOnes ? nullptr : a + k * stride;
    *bj = b + j * stride;
    if (++j == width) {
      j = 0;
      ++k;
    }
  };
  size_t e = 0;
  for (; e + 4 <= count; e += 4) {
    const float* ak[4];
    const float* bj[4];
    for (size_t q = 0; q < 4; ++q) rows(&ak[q], &bj[q]);
    f32x4 acc[4];
    for (size_t q = 0; q < 4; ++q) acc[q] = simd::splat(0.0f);
    size_t i = 0;
    for (; i + 4 < stride; i += 4) {
      for (size_t q = 0; q < 4; ++q) acc[q] += product<kOnes>(ak[q], bj[q], i);
    }
    for (size_t q = 0; q < 4; ++q) {
      acc[q] += simd::as_f32(simd::as_i32(product<kOnes>(ak[q], bj[q], i)) & last);
    }
    simd::store(g + e, simd::load(g + e) + lane_sums(acc[0], acc[1], acc[2], acc[3]));
  }
  for (; e < count; ++e) {
    const float* ak;
    const float* bj;
    rows(&ak, &bj);
    f32x4 acc = simd::splat(0.0f);
    size_t i = 0;
    for (; i + 4 < stride; i += 4) acc += product<kOnes>(ak, bj, i);
    acc += simd::as_f32(simd::as_i32(product<kOnes>(ak, bj, i)) & last);
    g[e] += lane_sum(acc);
  }
}

}  // namespace

void dense_forward(float* z, const float* in, const float* w, const float* b, size_t n_in,
                   size_t n_out, size_t m) {
  rows_product(padded(m), n_out, n_in, in, w, 1, n_out, b, z);
}

void dense_backward_input(float* din, const float* dz, const float* w, size_t n_in, size_t n_out,
                          size_t m) {
  rows_product(padded(m), n_in, n_out, dz, w, n_out, 1, nullptr, din);
}

void flush_subnormals(float* x, size_t n) {
  const f32x4 tiny = simd::splat(FLT_MIN), zero = simd::splat(0.0f);
  for (size_t i = 0; i < n; i += 4) {
    const f32x4 v = simd::load(x + i);
    simd::store(x + i, simd::select(simd::from_bits(simd::bits(v) & 0x7fffffffu) < tiny, zero, v));
  }
}

void dense_backward_params(float* dw, float* db, const float* in, const float* dz, size_t n_in,
                           size_t n_out, size_t m) {
  const size_t stride = padded(m);
  const i32x4 last = last_lanes(stride, m);
  add_row_products<false>(stride, last, in, n_in, dz, n_out, dw);
  add_row_products<true>(stride, last, nullptr, 1, dz, n_out, db);
}

}  // namespace elu::nn
