#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (the fuzz preset: clang-14, ASan + UBSan, in
# build/fuzz) and runs each for the given number of seconds (default 30) on its corpus,
# build/fuzz/corpus/<target> (grown from nothing and kept between runs; not committed). A crash or
# a failed check leaves its input as build/fuzz/crash-* (replay: build/fuzz/<target>
# build/fuzz/crash-...) and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

[[ -f build/fuzz/CMakeCache.txt ]] || cmake --preset fuzz > /dev/null
cmake --build --preset fuzz -j"$(nproc)"

for target in build/fuzz/*_fuzz; do
  name=$(basename "$target")
  mkdir -p "build/fuzz/corpus/$name"
  log=build/fuzz/$name.log
  if "$target" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 \
       -artifact_prefix=build/fuzz/ "build/fuzz/corpus/$name" > "$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "$name: ${seconds} s, $runs inputs, no failure"
  else
    tail -n 40 "$log"
    echo "$name: FAILED (log: $log)" >&2
    exit 1
  fi
done
