#!/usr/bin/env bash
# npm test: every suite, the full gate (what CI runs):
#   C++ natively (GoogleTest, incl. the exhaustive 2^32 sweeps), under ASan + UBSan, libFuzzer; the
#   same C++ suites as wasm under Node (ctest); the JS API under Node (node:test); the browser suites
#   in Chromium, Firefox ESR and WebKitGTK; the packed npm package installed in a temp project.
# npm run test:quick (scripts/test.sh --quick): the inner loop, about a minute and a half once built:
#   native unit tests without the sweeps, the JS tests in Node, the browser suites in Chromium only
#   (without the long heap soak). ELU_BROWSERS=firefox npm run test:quick picks another engine.
# Every step has a time limit, so a hang fails the run with the step's name instead of stalling it.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[[ ${1:-} == --quick ]] && quick=true
bash scripts/setup.sh test
source scripts/env.sh
jobs=$(nproc)

# step <title> <time limit, seconds> <command...>
step() {
  local title=$1 limit=$2 start=$SECONDS status=0
  shift 2
  echo "== $title =="
  timeout --kill-after=10 "$limit" "$@" || status=$?
  if (( status == 124 || status == 137 )); then
    echo "FAILED: '$title' ran past its limit of $limit s" >&2
    exit 1
  elif (( status )); then
    echo "FAILED: '$title' (exit $status)" >&2
    exit "$status"
  fi
  echo "-- $title: $((SECONDS - start)) s"
}

[[ -f build/native/CMakeCache.txt ]] || cmake --preset native > /dev/null
step "build: native C++" 900 cmake --build --preset native -j"$jobs"
step "build: wasm modules and dist/" 900 bash scripts/build.sh

if $quick; then
  step "native C++ (GoogleTest, without the sweeps)" 120 ctest --preset native -j"$jobs" -LE exhaustive
  step "JS API (node:test)" 120 node --test tests/js/
  export ELU_BROWSERS=${ELU_BROWSERS:-chromium} ELU_QUICK=1
  step "browser ($ELU_BROWSERS)" 300 node --test --test-concurrency=1 tests/browser/
  exit 0
fi

step "native C++ (GoogleTest, with the 2^32 sweeps)" 1800 ctest --preset native -j"$jobs"

[[ -f build/asan/CMakeCache.txt ]] || cmake --preset sanitize > /dev/null
step "build: native C++ under AddressSanitizer + UBSan" 900 cmake --build --preset sanitize -j"$jobs"
step "native C++ under AddressSanitizer + UBSan (GoogleTest, without the sweeps)" 900 ctest --preset sanitize -j"$jobs"

step "fuzzing (libFuzzer + ASan + UBSan, 30 s per target)" 600 bash scripts/fuzz.sh 30

step "build: wasm C++ tests" 900 cmake --build --preset wasm -j"$jobs"
step "wasm C++ (GoogleTest under Node)" 900 ctest --preset wasm -j"$jobs"

step "JS API (node:test)" 300 node --test tests/js/

step "browser (${ELU_BROWSERS:-chromium,firefox,webkit})" 1500 node --test --test-concurrency=1 tests/browser/

step "npm package (npm pack, installed in a temp project: Node, TypeScript, static page, CSP, CDN; webpack, Rollup, esbuild, Parcel, Vite 5-8)" 900 node --test --test-concurrency=1 tests/package/
