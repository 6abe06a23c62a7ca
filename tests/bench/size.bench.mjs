// What a page downloads for one <elu-playground>, measured in Chromium: a static page loads
// dist/element.css and dist/element.js by relative URL (the README's no-bundler embed), the element
// loads its module and trains one epoch; every response except the page itself is gzipped at level
// 9 and summed. Budget: 40 KB. Two pages: the default panels, and panels="function" (the kernels
// alone, elu_kernels.wasm).
// Beside it, the same measure of the anchor: tfjs-core + tfjs-backend-wasm (minified JS + SIMD wasm).
//   node tests/bench/size.bench.mjs
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';

const BUDGET = 40 * 1024;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7);

// The page itself is served by the browser's request interception (it is not a download).
const page = (attrs) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>size</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="./dist/element.css"><script type="module" src="./dist/element.js"></script></head>
<body><elu-playground ${attrs}></elu-playground></body></html>`;
// The default panels (function, training, code), then a page that only draws curves.
const PAGES = [['alpha="1"', 'the default panels'], ['alpha="1" panels="function"', 'panels="function"']];

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const measured = [];
try {
  for (const [attrs, what] of PAGES) {
    const files = [];
    const tab = await browser.newPage();
    await tab.route('**/size-bench.html', (route) => route.fulfill({ contentType: 'text/html', body: page(attrs) }));
    tab.on('response', async (r) => {
      const path = new URL(r.url()).pathname;
      if (r.url().startsWith('data:') || path.endsWith('.html')) return;
      files.push({ path, body: await r.body() });
    });
    await tab.goto(`http://127.0.0.1:${server.address().port}/size-bench.html`);
    await tab.evaluate(async () => {
      const el = document.querySelector('elu-playground');
      await el.ready;
      el.step(); // trains where a panel trains
    });
    await tab.waitForTimeout(500); // any late request
    await tab.close();
    measured.push({ attrs, what, files });
  }
} finally {
  await browser.close();
  server.close();
}

let total;
for (const { attrs, what, files } of measured) {
  console.log(`\nDownloads of a page with one <elu-playground ${attrs}>, ${what} (Chromium, static page, no bundler)`);
  console.log(`${'file'.padEnd(34)} ${'raw KB'.padStart(7)} ${'gzip-9 KB'.padStart(9)}`);
  let sum = 0;
  for (const f of files.sort((a, b) => gz(b.body) - gz(a.body))) {
    sum += gz(f.body);
    console.log(`${f.path.padEnd(34)} ${kb(f.body.length)} ${kb(gz(f.body)).padStart(9)}`);
  }
  console.log(`${'total'.padEnd(34)} ${''.padStart(7)} ${kb(sum).padStart(9)}   budget ${kb(BUDGET).trim()} KB: ${sum <= BUDGET ? 'met' : 'NOT met'} (${(sum / BUDGET).toFixed(2)}x)`);
  total ??= sum;
}

const tf = (p) => readFileSync(new URL(`../../node_modules/@tensorflow/${p}`, import.meta.url));
const anchor = [
  ['tfjs-core tf-core.min.js', tf('tfjs-core/dist/tf-core.min.js')],
  ['tfjs-backend-wasm tf-backend-wasm.min.js', tf('tfjs-backend-wasm/dist/tf-backend-wasm.min.js')],
  ['tfjs-backend-wasm-simd.wasm', tf('tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')],
];
const anchorTotal = anchor.reduce((s, [, b]) => s + gz(b), 0);
console.log(`\nAnchor, the same measure: ${anchor.map(([n, b]) => `${n} ${kb(gz(b)).trim()} KB`).join(', ')}`);
console.log(`anchor total ${kb(anchorTotal).trim()} KB gzip-9; elu-playground (default panels) is ${(anchorTotal / total).toFixed(1)}x smaller`);
