#!/usr/bin/env bash
# Builds what is missing or stale, then serves the demo on localhost and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh demo
bash scripts/build.sh
exec node scripts/serve.mjs "$@"
