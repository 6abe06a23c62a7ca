// Loops over float arrays for the SIMD kernels: `op` maps one input vector (unary) or two (binary)
// to the output vector, kVectors vectors per iteration, then single vectors, then a zero-padded
// partial vector for the last n % 4 elements (through the same op). out may alias an input.
#pragma once

#include <cstddef>
#include <cstring>

#include "simd128.h"

namespace elu::simd {

// Loads the last n < 4 elements into a zero-padded vector and stores n lanes back.
inline f32x4 load_tail(const float* p, size_t n) {
  float buf[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  std::memcpy(buf, p, n * sizeof(float));
  return load(buf);
}
inline void store_tail(float* p, f32x4 v, size_t n) {
  float buf[4];
  store(buf, v);
  std::memcpy(p, buf, n * sizeof(float));
}

template <size_t kVectors, class Op>
inline void unary(size_t n, const float* a, float* out, Op op) {
  constexpr size_t kTile = 4 * kVectors;
  size_t i = 0;
  for (; i + kTile <= n; i += kTile) {
    f32x4 v[kVectors];
    for (size_t k = 0; k < kVectors; ++k) v[k] = load(a + i + 4 * k);
    for (size_t k = 0; k < kVectors; ++k) v[k] = op(v[k]);
    for (size_t k = 0; k < kVectors; ++k) store(out + i + 4 * k, v[k]);
  }
  for (; i + 4 <= n; i += 4) store(out + i, op(load(a + i)));
  if (i < n) store_tail(out + i, op(load_tail(a + i, n - i)), n - i);
}

template <size_t kVectors, class Op>
inline void binary(size_t n, const float* a, const float* b, float* out, Op op) {
  constexpr size_t kTile = 4 * kVectors;
  size_t i = 0;
  for (; i + kTile <= n; i += kTile) {
    f32x4 va[kVectors], vb[kVectors];
    for (size_t k = 0; k < kVectors; ++k) va[k] = load(a + i + 4 * k);
    for (size_t k = 0; k < kVectors; ++k) vb[k] = load(b + i + 4 * k);
    for (size_t k = 0; k < kVectors; ++k) va[k] = op(va[k], vb[k]);
    for (size_t k = 0; k < kVectors; ++k) store(out + i + 4 * k, va[k]);
  }
  for (; i + 4 <= n; i += 4) store(out + i, op(load(a + i), load(b + i)));
  if (i < n) store_tail(out + i, op(load_tail(a + i, n - i), load_tail(b + i, n - i)), n - i);
}

}  // namespace elu::simd
