#!/usr/bin/env bash
# Every suite: C++ natively (GoogleTest, incl. the exhaustive 2^32 sweeps), the same C++ suites as
# wasm under Node (ctest), the JS API under Node (node:test), the demo in Chromium (playwright-core),
# the packed npm package installed in a temp project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/env.sh
jobs=$(nproc)

echo "== native C++ (GoogleTest) =="
[[ -f build/native/CMakeCache.txt ]] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/native -j"$jobs"
ctest --test-dir build/native -j"$jobs" --output-on-failure

echo "== native C++ under AddressSanitizer + UBSan (GoogleTest, without the sweeps) =="
[[ -f build/asan/CMakeCache.txt ]] || CXX=clang++-14 cmake -S . -B build/asan -DELU_SANITIZE=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build/asan -j"$jobs"
ctest --test-dir build/asan -j"$jobs" --output-on-failure

echo "== fuzzing (libFuzzer + ASan + UBSan, 30 s per target) =="
bash scripts/fuzz.sh 30

echo "== wasm C++ (GoogleTest under Node) =="
bash scripts/build.sh
cmake --build build/wasm -j"$jobs"
ctest --test-dir build/wasm -j"$jobs" --output-on-failure

echo "== JS API (node:test) =="
node --test tests/js/

echo "== browser (Chromium) =="
node --test --test-concurrency=1 tests/browser/

echo "== npm package (npm pack, installed in a temp project: Node, TypeScript, Vite, static page, CSP) =="
node --test tests/package/
