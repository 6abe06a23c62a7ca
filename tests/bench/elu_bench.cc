// Native throughput of every ELU kernel variant in kernels/elu.inc (one templated benchmark per op,
// variants registered from the list). Inputs spread over [-10, 10], as activations are.
//
// Napkin math: the forward kernel is ~40 vector operations per 4 floats; at ~3 operations per cycle
// and ~3 GHz that is ~0.9 floats/ns per core, far below memory bandwidth (8 bytes per float moved),
// so every size up to L2 should run at the arithmetic limit.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "kernels/elu.h"

using namespace elu::kernels;

namespace {

std::vector<float> Inputs(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-10.0f, 10.0f);
  std::vector<float> v(n);
  for (float& f : v) f = dist(rng);
  return v;
}

void Rates(benchmark::State& state, size_t n, size_t arrays) {
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(n));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(n * arrays * sizeof(float)));
}

void Fwd(benchmark::State& state, EluFwdFn fn, float alpha) {
  const size_t n = size_t(state.range(0));
  std::vector<float> x = Inputs(n, 1), y(n);
  for (auto _ : state) {
    fn(n, x.data(), y.data(), alpha);
    benchmark::DoNotOptimize(y.data());
  }
  Rates(state, n, 2);
}

void Bwd(benchmark::State& state, EluBwdFn fn, float alpha) {
  const size_t n = size_t(state.range(0));
  std::vector<float> x = Inputs(n, 1), dy = Inputs(n, 2), dx(n);
  for (auto _ : state) {
    fn(n, x.data(), dy.data(), dx.data(), alpha);
    benchmark::DoNotOptimize(dx.data());
  }
  Rates(state, n, 3);
}

void Bwdy(benchmark::State& state, EluBwdyFn fn, float alpha) {
  const size_t n = size_t(state.range(0));
  std::vector<float> y = Inputs(n, 1), dy = Inputs(n, 2), dx(n);
  for (auto _ : state) {
    fn(n, y.data(), dy.data(), dx.data(), alpha);
    benchmark::DoNotOptimize(dx.data());
  }
  Rates(state, n, 3);
}

#define ELU_BENCH_fwd Fwd
#define ELU_BENCH_bwd Bwd
#define ELU_BENCH_bwdy Bwdy
#define ELU_VARIANT(op, name, tile)                                                     \
  BENCHMARK_CAPTURE(ELU_BENCH_##op, name##_alpha1, name, 1.0f)->Arg(4096)->Arg(1 << 20); \
  BENCHMARK_CAPTURE(ELU_BENCH_##op, name##_alpha1_37, name, 1.37f)->Arg(4096);
#include "kernels/elu.inc"
#undef ELU_VARIANT

}  // namespace

BENCHMARK_MAIN();
