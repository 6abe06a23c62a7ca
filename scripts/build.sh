#!/usr/bin/env bash
# Builds the wasm modules (build/wasm) and assembles dist/: what the npm package ships.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [[ ! -f build/wasm/CMakeCache.txt ]]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);--no-experimental-fetch" > build/wasm-configure.log 2>&1 \
    || { cat build/wasm-configure.log; exit 1; }
fi
cmake --build build/wasm -j"$(nproc)" --target elu_simd elu_scalar

mkdir -p dist
cp build/wasm/elu_simd.mjs build/wasm/elu_simd.wasm build/wasm/elu_scalar.mjs build/wasm/elu_scalar.wasm dist/
cp web/src/*.js web/src/*.d.ts dist/
mkdir -p dist/widget && cp web/src/widget/*.js dist/widget/
echo "dist/ ready: $(ls dist | tr '\n' ' ')"
