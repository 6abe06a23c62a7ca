// Two or more builds of the SIMD module side by side in one Node process (interleaved rounds, each
// starting with another build; medians): the kernels and the network through the public API, and each module's gzip -9 size.
// For a compiler-flag change: build the other flags into another folder, then compare, e.g.
//   cmake -S . -B /tmp/b-o3 -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
//     -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/b-o3 --target elu_simd
//   node tests/bench/builds.bench.mjs build/wasm /tmp/b-o3      (folders holding elu_simd.mjs + .wasm)
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { createApi } from '../../web/src/api.js';

const dirs = process.argv.slice(2);
if (dirs.length < 2) throw new Error('usage: node tests/bench/builds.bench.mjs <build folder> <build folder> [...]');
const builds = [];
for (const dir of dirs) {
  const wasm = await readFile(resolve(dir, 'elu_simd.wasm'));
  const { default: factory } = await import(pathToFileURL(resolve(dir, 'elu_simd.mjs')).href);
  const m = createApi(await factory({ wasmBinary: wasm }), { simd: true });
  const data = m.datasets.make('spiral', { n: 250, seed: 1 });
  const train = (net, epochs) => { for (let i = 0; i < epochs; i++) net.trainEpoch(data.x, data.y, { batchSize: 10, learningRate: 0.03, optimizer: 'adam' }); };
  builds.push({ dir, m, data, train, size: gzipSync(wasm, { level: 9 }).length,
    small: new m.Network({ layers: [2, 8, 8, 1], seed: 1 }), deep: new m.Network({ layers: [2, 16, 16, 16, 16, 1], seed: 1 }) });
}

const n = 1 << 20;
const x = new Float32Array(n).map((_, i) => Math.sin(i) * 4), dy = new Float32Array(n).fill(0.5), out = new Float32Array(n);
const x4 = x.subarray(0, 4096), o4 = out.subarray(0, 4096);
const CASES = {
  'elu forward, 1M': (b) => b.m.elu(x, 1, out),
  'elu backward, 1M': (b) => b.m.eluBackward(x, dy, 1, out),
  'elu forward, 4096 (x100)': (b) => { for (let i = 0; i < 100; i++) b.m.elu(x4, 1, o4); },
  'gelu forward, 1M': (b) => b.m.activation('gelu').forward(x, out),
  'train 2-8-8-1 (20 epochs)': (b) => b.train(b.small, 20),
  'train 4 x 16 (5 epochs)': (b) => b.train(b.deep, 5),
  'stats (x20)': (b) => { for (let i = 0; i < 20; i++) b.small.stats(b.data.x); },
  'predictGrid 100 x 100': (b) => b.small.predictGrid({ width: 100, height: 100 }),
};
const times = Object.fromEntries(Object.keys(CASES).map((k) => [k, builds.map(() => [])]));
// Each round starts with another build (the first of a round runs measurably slower).
for (let round = 0; round < 30; round++) {
  for (const [name, run] of Object.entries(CASES)) {
    for (let k = 0; k < builds.length; k++) {
      const i = (round + k) % builds.length;
      const t = performance.now();
      run(builds[i]);
      times[name][i].push(performance.now() - t);
    }
  }
}
const median = (a) => a.sort((p, q) => p - q)[a.length >> 1];
const cell = (s) => String(s).padStart(22);
console.log(`${'median ms (ratio to the first build)'.padEnd(36)}${builds.map((b) => cell(b.dir.slice(-20))).join('')}`);
console.log(`${'elu_simd.wasm, gzip -9 KB'.padEnd(36)}${builds.map((b) => cell(`${(b.size / 1024).toFixed(1)} ${(b.size / builds[0].size).toFixed(2)}x`)).join('')}`);
for (const [name, ts] of Object.entries(times)) {
  const ms = ts.map(median);
  console.log(`${name.padEnd(36)}${ms.map((t) => cell(`${t.toFixed(3)} ${(t / ms[0]).toFixed(2)}x`)).join('')}`);
}
