// The dense layer's three products, forward and backward side by side, on the network's row
// layout: a layer's values for m points are one row per unit, S = padded(m) floats each (point i
// in column i; the padding columns after m hold whatever the caller put there). SIMD runs over the
// points: one 128-bit vector holds one unit at 4 points.
//
// W is stored (n_in, n_out) row-major: w[k * n_out + j] joins input unit k to output unit j.
//
// Summation order, the contract the network's determinism rests on:
//   dense_forward, dense_backward_input: per point, a plain float sum in unit order, starting from
//     the bias (forward) or from +0 (backward), so a point's result never depends on its column
//     or on m (tests/cpp/dense_test.cc checks them bit for bit against a naive loop);
//   dense_backward_params: per weight, 4 lane sums (lane q takes the points i = q mod 4, in point
//     order, from +0; padding lanes masked out, whatever they hold, inf and NaN included), then
//     added as (s0 + s2) + (s1 + s3) and added to the existing value.
#pragma once

#include <cstddef>

namespace elu::nn {

// Rows of m points are padded to a multiple of 4 floats (whole vectors).
inline size_t padded(size_t m) { return (m + 3) & ~size_t(3); }

// z = W^T in + b: in is (n_in, S), W is (n_in, n_out), b is (n_out), z is (n_out, S). Every
// column, padding included, is computed.
void dense_forward(float* z, const float* in, const float* w, const float* b, size_t n_in,
                   size_t n_out, size_t m);

// din = W dz: dz is (n_out, S), W is (n_in, n_out), din is (n_in, S). Every column is computed.
void dense_backward_input(float* din, const float* dz, const float* w, size_t n_in, size_t n_out,
                          size_t m);

// x[i] = 0 where |x[i]| < FLT_MIN (n a multiple of 4). For the gradients passed down the layers:
// subnormals there change no parameter visibly but cost microcode on x86 (wasm has no
// flush-to-zero mode), in every product that follows.
void flush_subnormals(float* x, size_t n);

// dW += in dz^T, db += dz 1, over the m points only: in is (n_in, S), dz is (n_out, S), dW is
// (n_in, n_out), db is (n_out). m >= 1.
void dense_backward_params(float* dw, float* db, const float* in, const float* dz, size_t n_in,
                           size_t n_out, size_t m);

}  // namespace elu::nn
