#!/usr/bin/env bash
# Benchmarks, printed as tables (not tests): native Google Benchmark over every kernel variant,
# then the Node benchmarks (kernels against tfjs-backend-wasm, the network against a plain-JS
# trainer), the widget and the alpha study in Chromium. Pass --quick for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/env.sh
[[ -f build/native/CMakeCache.txt ]] || cmake --preset native > /dev/null
cmake --build --preset native -j"$(nproc)" --target bench_kernels
bash scripts/build.sh
cmake --build --preset wasm -j"$(nproc)" --target elu_bench_simd
quick=()
[[ ${1:-} == --quick ]] && quick=(--benchmark_min_time=0.05)
./build/native/bench_kernels "${quick[@]}"
node tests/bench/elu.bench.mjs "$@"
node tests/bench/network.bench.mjs "$@"
node tests/bench/widget.bench.mjs "$@"
node tests/bench/study.bench.mjs "$@"
node tests/bench/size.bench.mjs
