// Shared by the libFuzzer targets of tests/fuzz: values drawn from the fuzzer's bytes (special
// floats, raw bit patterns, ordinary ranges), exact-size heap buffers (so that AddressSanitizer
// catches a read or write one element past the end), and a check that aborts with a message.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>

#include "elu_reference.h"

// Aborts (a crash libFuzzer records, with its input) when `cond` is false.
#define FUZZ_CHECK(cond, ...)                                                              \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n  ", #cond, __FILE__, __LINE__); \
      std::fprintf(stderr, __VA_ARGS__);                                                   \
      std::fputc('\n', stderr);                                                            \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)

namespace elu::fuzz {

// The same float: equal bits, or both NaN (a NaN's sign and payload are not portable).
inline bool Same(float a, float b) {
  return std::isnan(a) ? std::isnan(b) : testing::to_bits(a) == testing::to_bits(b);
}

inline constexpr float kSpecials[] = {
    0.0f,  -0.0f,   1.0f,     -1.0f,     NAN,      -NAN,      INFINITY,     -INFINITY,
    FLT_MAX, -FLT_MAX, FLT_MIN, -FLT_MIN, FLT_TRUE_MIN, -FLT_TRUE_MIN, 0.5f, 2.0f,
    3.0f,  0.1f,    -17.32868f, -17.33f, -87.33654f, -87.4f, -88.0f,   -104.0f,
    20.0f, 16.0f,   -16.0f,   -12.0f,    128.0f,   -128.0f,   64.0f,    -64.0f,
    1e30f, -1e30f,  1e-30f,   -1e-30f,   -0x1p-25f, 0.3466f,  -0.3466f, 1.37f};

// A float from the bytes: a special value, any bit pattern, or an ordinary value in [-30, 30].
// Past the end of the bytes, a deterministic generator takes over (long arrays still vary).
class Values {
 public:
  explicit Values(FuzzedDataProvider& p) : p_(p), rng_(p.ConsumeIntegral<uint32_t>()) {}

  FuzzedDataProvider& provider() { return p_; }

  float Float() {
    if (p_.remaining_bytes() == 0) return Generated();
    switch (p_.ConsumeIntegralInRange<int>(0, 3)) {
      case 0:
        return p_.PickValueInArray(kSpecials);
      case 1:
        return testing::from_bits(p_.ConsumeIntegral<uint32_t>());
      default:
        return p_.ConsumeFloatingPointInRange<float>(-30.0f, 30.0f);
    }
  }

  // The generator's draw: the same mix as Float().
  float Generated() {
    const uint32_t r = rng_();
    switch (r % 4) {
      case 0:
        return kSpecials[(r >> 2) % std::size(kSpecials)];
      case 1:
        return testing::from_bits(rng_());
      default:
        return std::uniform_real_distribution<float>(-30.0f, 30.0f)(rng_);
    }
  }

  // An integer in [lo, hi] from the bytes, or from the generator past their end.
  int Int(int lo, int hi) {
    if (p_.remaining_bytes() == 0) return lo + int(rng_() % uint32_t(hi - lo + 1));
    return p_.ConsumeIntegralInRange<int>(lo, hi);
  }

 private:
  FuzzedDataProvider& p_;
  std::mt19937 rng_;
};

// n elements on the heap, exactly (n = 0 too: a valid pointer to nothing), shifted by `offset`
// elements from the allocation's start (unaligned for SIMD), and nothing after them.
template <class T>
class Exact {
 public:
  explicit Exact(size_t n, size_t offset = 0) : mem_(new T[n + offset]), n_(n), offset_(offset) {}
  T* data() { return mem_.get() + offset_; }
  const T* data() const { return mem_.get() + offset_; }
  T& operator[](size_t i) { return data()[i]; }
  const T& operator[](size_t i) const { return data()[i]; }
  size_t size() const { return n_; }

 private:
  std::unique_ptr<T[]> mem_;
  size_t n_, offset_;
};

}  // namespace elu::fuzz
