#!/usr/bin/env bash
# Builds the wasm modules (build/wasm) and assembles dist/: what the npm package ships.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [[ ! -f build/wasm/CMakeCache.txt ]]; then
  mkdir -p build
  cmake --preset wasm > build/wasm-configure.log 2>&1 || { cat build/wasm-configure.log; exit 1; }
fi
cmake --build --preset wasm -j"$(nproc)" --target elu_simd elu_scalar elu_kernels_module

# dist/: the three entries (index.js for browsers and bundlers, node.js, element.js) bundled and
# minified by esbuild, the browsers' shared code in chunk-*.js, source maps beside them; the Emscripten modules
# minified on their own and loaded by the entries with a dynamic import (one flavor per page).
# study-worker.js is an entry too: the study's worker pool starts it by
# new URL('./study-worker.js', import.meta.url), which esbuild leaves as is, so it must be in dist/
# under that name.
rm -rf dist && mkdir -p dist
esbuild=node_modules/esbuild/bin/esbuild
common=(--minify --sourcemap --legal-comments=none --target=es2022)
glue=(--external:./elu_simd.mjs --external:./elu_scalar.mjs --external:./elu_kernels.mjs)
"$esbuild" web/src/index.js web/src/element.js web/src/study-worker.js --bundle --splitting --format=esm \
  --platform=browser "${glue[@]}" --chunk-names='chunk-[hash]' --outdir=dist "${common[@]}" --log-level=warning
# node.js: one file (no page shares its code, so no chunks: fewer, larger chunks for the pages).
"$esbuild" web/src/node.js --bundle --format=esm --platform=node --target=node20 --outfile=dist/node.js "${glue[@]}" \
  "${common[@]}" --log-level=warning
for flavor in simd scalar kernels; do
  "$esbuild" "build/wasm/elu_$flavor.mjs" --outfile="dist/elu_$flavor.mjs" "${common[@]}" --log-level=warning
  cp "build/wasm/elu_$flavor.wasm" dist/
done
# node.cjs: the Node entry for require() on every Node 20 (require of an ES module needs 20.19+):
# the same code as CommonJS; it loads the Emscripten module with import(), which CommonJS has.
"$esbuild" web/src/node.js --bundle --format=cjs --platform=node --target=node20 --outfile=dist/node.cjs "${glue[@]}" \
  --define:import.meta.url=__elu_module_url \
  --banner:js="const __elu_module_url = require('node:url').pathToFileURL(__filename).href;" "${common[@]}" --log-level=warning
cp web/src/*.d.ts dist/
# The same declarations for TypeScript's CommonJS consumers (.d.cts: read as CommonJS).
cp web/src/index.d.ts dist/index.d.cts
sed "s|from './index.js'|from './index.cjs'|" web/src/element.d.ts > dist/element.d.cts
# element.js at the package root: what `elu-playground/element` names for tools that ignore `exports`
# (Parcel 2 by default; they read main/module/browser for the main entry and look for a file at a
# subpath). It re-exports the element's entry (the same module, so the same instance of load()).
printf '%s\n' '// elu-playground/element for tools that ignore package.json "exports": the element entry.' \
  "export * from './dist/element.js';" > element.js
# The page's stylesheet that reserves each element's height before it is defined (README: Embed).
node --input-type=module -e "import { pageCss } from './web/src/widget/sizes.js'; import { writeFileSync } from 'node:fs'; writeFileSync('dist/element.css', pageCss());"
echo "dist/ ready: $(ls dist | tr '\n' ' ')"
