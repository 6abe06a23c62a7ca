// The one source of randomness of cpp/nn: a small, fast, seedable generator with the same output
// on every platform and build (PCG32, O'Neill 2014), plus the few distributions the network and
// the datasets need.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace elu::nn {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) { reseed(seed); }

  void reseed(uint64_t seed) {
    state_ = 0;
    next_u32();
    state_ += seed + 0x853c49e6748fea9bULL;
    next_u32();
  }

  uint32_t next_u32() {
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + 1442695040888963407ULL;
    const uint32_t xorshifted = uint32_t(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = uint32_t(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  // Uniform in [0, 1) with 24 random bits (exactly representable as float).
  float uniform() { return float(next_u32() >> 8) * 0x1p-24f; }
  float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

  // Standard normal (Box-Muller; one value per call, the pair's second is discarded for
  // simplicity and reproducibility).
  float normal() {
    const float u1 = 1.0f - uniform();  // (0, 1]
    const float u2 = uniform();
    return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.2831853f * u2);
  }

  // Uniform integer in [0, n), n >= 1 (Lemire's multiply-shift; bias < n / 2^32, irrelevant here).
  uint32_t below(uint32_t n) { return uint32_t((uint64_t(next_u32()) * n) >> 32); }

  // A uniform permutation of the n values v, in place (Fisher-Yates: for i = n - 1 down to 1,
  // v[i] swaps with v[below(i + 1)]). n < 2^32.
  void shuffle(uint32_t* v, size_t n) {
    for (size_t i = n; i > 1; --i) std::swap(v[i - 1], v[below(uint32_t(i))]);
  }

 private:
  uint64_t state_ = 0;
};

}  // namespace elu::nn
