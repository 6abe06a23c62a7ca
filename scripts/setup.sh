#!/usr/bin/env bash
# Installs what this machine lacks, idempotently (a second run takes about a second):
#   setup.sh demo   Emscripten, the C++ build tools and the npm devDependencies (esbuild bundles dist/)
#   setup.sh test   the same plus GoogleTest, Google Benchmark, clang (sanitizers, fuzzing) and the
#                   three browsers of the browser suites: Chromium, Firefox ESR and WebKitGTK's
#                   WebKitWebDriver + MiniBrowser (run under Xvfb: this MiniBrowser has no headless mode)
# On Debian as root it installs with apt-get and npm ci; elsewhere it prints what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}

if ! command -v node > /dev/null || ! command -v npm > /dev/null \
   || (( $(node -p 'process.versions.node.split(".")[0]') < 20 )); then
  echo "elu-playground needs Node.js 20 or newer with npm (https://nodejs.org, or your package manager)." >&2
  exit 1
fi

# Debian package -> a file that shows it is installed.
declare -A packages=(
  [emscripten]=/usr/bin/emcc [cmake]=/usr/bin/cmake [g++]=/usr/bin/g++ [make]=/usr/bin/make
)
if [[ $mode == test ]]; then
  packages+=(
    [googletest]=/usr/src/googletest/CMakeLists.txt [libgtest-dev]=/usr/include/gtest/gtest.h
    [libbenchmark-dev]=/usr/include/benchmark/benchmark.h [chromium]=/usr/bin/chromium
    [firefox-esr]=/usr/bin/firefox-esr [webkit2gtk-driver]=/usr/bin/WebKitWebDriver
    [xvfb]=/usr/bin/Xvfb [xauth]=/usr/bin/xauth
    [clang-14]=/usr/bin/clang++-14
    [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-$(uname -m).a
  )
fi
missing=()
for pkg in "${!packages[@]}"; do
  [[ -e ${packages[$pkg]} ]] || missing+=("$pkg")
done

if (( ${#missing[@]} )); then
  if [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null; then
    echo "Installing ${missing[*]} (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" > /dev/null
  else
    echo "Missing: ${missing[*]}. On Debian/Ubuntu: sudo apt-get install -y ${missing[*]}" >&2
    echo "(Emscripten 3.1.6 as packaged by Debian 12 is what the build is tested with.)" >&2
    exit 1
  fi
fi

# npm ci only when package-lock.json changed since the last install.
stamp=node_modules/.elu-playground-lock
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_hash" ]]; then
  echo "Installing npm devDependencies (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi
