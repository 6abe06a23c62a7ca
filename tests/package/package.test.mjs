// The npm package as a user gets it: `npm pack`, a consumer project in a temp folder, the tarball
// installed there, then every way in without a bundler: Node ESM and CommonJS, Node without any DOM
// global, TypeScript, a static page loading dist/element.js by relative URL, the same page under a
// strict Content-Security-Policy, and the element from another origin (a CDN) under the policy the
// README gives for it; in the pages also the alpha study's worker pool. Real npm, Node and Chromium.
// The bundlers (webpack, Rollup, esbuild, Parcel, Vite) are bundlers.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { startServer } from '../../scripts/serve.mjs';
import { APP, ELU, assertApp, assertWorks, bin, check, checkStudy, dir, evaluate, node, page, setUp, STUDY_PAGE, tearDown, write } from './consumer.mjs';

const TSC = bin('typescript/bin/tsc');
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// A page with one module script and no element (the study's pages).
const scriptOnly = (src) => '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>study</title>'
  + `<script type="module" src="${src}"></script></head><body></body></html>`;

before(setUp);
after(tearDown);

test('the tarball holds dist, the element stub, README and LICENSE only, with every file package.json names', () => {
  const files = execFileSync('find', ['node_modules/elu-playground', '-type', 'f'], { cwd: dir, encoding: 'utf8' })
    .trim().split('\n').map((f) => f.replace('node_modules/elu-playground/', '')).sort();
  for (const f of files) assert.match(f, /^(dist\/|element\.js$|README\.md$|LICENSE$|package\.json$)/, f);
  for (const f of ['dist/index.js', 'dist/node.js', 'dist/node.cjs', 'dist/index.d.cts', 'dist/element.d.cts', 'dist/element.js', 'dist/element.css', 'dist/study-worker.js', 'dist/index.d.ts', 'dist/element.d.ts',
    'dist/elu_simd.wasm', 'dist/elu_scalar.wasm', 'dist/elu_kernels.wasm', 'dist/elu_kernels.mjs', 'element.js', 'LICENSE', 'README.md']) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  // main/module/browser (tools that ignore `exports`) name files of the package.
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/elu-playground/package.json'), 'utf8'));
  for (const field of ['main', 'module', 'browser']) assert.ok(files.includes(pkg[field].replace(/^\.\//, '')), `${field}: ${pkg[field]}`);
});

test('Node 20 ESM: import { load } from "elu-playground" computes m.elu and trains a network', () => {
  write('node-check.mjs', `import { load } from 'elu-playground';\n${APP}\nconsole.log(JSON.stringify(run(await load())));\n`);
  assertApp(JSON.parse(node('node-check.mjs')), 'Node');
});

test('Node: loadKernels() (ESM and CommonJS) loads the kernels-only module: the kernel API, m.elu exact', () => {
  const script = (imports) => `${imports}
    loadKernels().then((k) => console.log(JSON.stringify({ keys: Object.keys(k).sort(), simd: k.simd,
      y: [...k.elu(new Float32Array(${JSON.stringify(ELU.x)}), ${ELU.alpha})] })));`;
  write('kernels.mjs', script("import { loadKernels } from 'elu-playground';"));
  write('kernels.cjs', script("const { loadKernels } = require('elu-playground');"));
  const want = { keys: ['activation', 'activations', 'allocate', 'elu', 'eluBackward', 'eluBackwardFromOutput', 'simd'], simd: true, y: ELU.y };
  assert.deepEqual(JSON.parse(node('kernels.mjs')), want, 'ESM');
  assert.deepEqual(JSON.parse(node(['--no-experimental-require-module', 'kernels.cjs'])), want, 'CommonJS');
});

test('Node CommonJS: require("elu-playground") works where require() of an ES module does not (Node 20.0 to 20.18)', () => {
  // --no-experimental-require-module turns off what Node 20.19 added, as on older Node 20 releases.
  write('cjs-check.cjs', `
    const { load, studyCsv } = require('elu-playground');
    load().then(async (m) => {
      const y = m.elu(new Float32Array([${ELU.x[0]}, ${ELU.x[3]}]), ${ELU.alpha});
      const study = await m.study({ dataset: 'xor', alphas: [1], seeds: 1, epochs: 3, baselines: [] });
      console.log(JSON.stringify({ simd: m.simd, y: [...y], csv: studyCsv(study.records).split('\\n').length }));
    });
  `);
  const r = JSON.parse(node(['--no-experimental-require-module', 'cjs-check.cjs']));
  assert.deepEqual(r, { simd: true, y: [ELU.y[0], ELU.y[3]], csv: 3 });
});

// A DOM global read in Node is either a feature test (`typeof window`, harmless: it is how code finds
// out where it runs) or a use (what breaks SSR). Each read is traced to its source position.
test('Node: importing and using the main entry uses no window, document or other DOM global', () => {
  write('no-dom.mjs', `
    import { readFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    const reads = [];
    for (const name of ['window', 'document', 'self', 'location', 'HTMLElement', 'customElements', 'requestAnimationFrame']) {
      Object.defineProperty(globalThis, name, { configurable: true, get() {
        const [, file, line, column] = new Error().stack.split('\\n')[2].match(/(file:[^)]*):(\\d+):(\\d+)/);
        const text = readFileSync(fileURLToPath(file), 'utf8').split('\\n')[line - 1].slice(column - 1);
        reads.push({ name, at: file.replace(/.*node_modules./, '') + ':' + line, typeofTest: text.startsWith('typeof') });
      } });
    }
    const { load } = await import('elu-playground');
    const m = await load();
    m.elu(new Float32Array(10), 1);
    new m.Network({ layers: [2, 4, 1] }).dispose();
    console.log(JSON.stringify(reads));
  `);
  const reads = JSON.parse(node('no-dom.mjs'));
  assert.deepEqual(reads.filter((r) => !r.typeofTest), [], JSON.stringify(reads));
});

test('TypeScript (strict; moduleResolution node10, node16, nodenext and bundler; ESM and, where it exists, CommonJS consumers) finds the types of both entries', () => {
  write('consumer.ts', `
    import { load, type EluPlayground as Api } from 'elu-playground';
    import type { EluPlayground } from 'elu-playground/element';
    const m: Api = await load();
    const y: Float32Array = m.elu(new Float32Array(4), 0.5);
    const el = document.querySelector('elu-playground') as EluPlayground | null;
    if (el) el.alpha = y[0];
  `);
  // A CommonJS consumer (require() of the main entry; its types from index.d.cts).
  write('consumer-cjs.cts', `
    import { load, type EluPlayground as Api } from 'elu-playground';
    import type { EluPlayground } from 'elu-playground/element';
    load().then((m: Api) => {
      const y: Float32Array = m.elu(new Float32Array(4), 0.5);
      const el = document.querySelector('elu-playground') as EluPlayground | null;
      if (el) el.alpha = y[0];
    });
  `);
  // node10 ignores `exports`: the subpath's types come from `typesVersions`.
  for (const [resolution, module, files] of [['node10', 'esnext', ['consumer.ts']], ['node16', 'node16', ['consumer.ts', 'consumer-cjs.cts']],
    ['nodenext', 'nodenext', ['consumer.ts', 'consumer-cjs.cts']], ['bundler', 'esnext', ['consumer.ts']]]) {
    execFileSync(process.execPath, [TSC, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom',
      '--moduleResolution', resolution, '--module', module, ...files], { cwd: dir, encoding: 'utf8' });
  }
});

test('a static page loads dist/element.js by relative URL (no bundler), also under a strict CSP', { timeout: 120000 }, async () => {
  write('static.html', page('./node_modules/elu-playground/dist/element.js', './node_modules/elu-playground/dist/element.css'));
  const plain = await startServer({ root: dir });
  const strict = await startServer({ root: dir, headers: { 'content-security-policy': STRICT_CSP } });
  try {
    assertWorks(await check(`http://127.0.0.1:${plain.address().port}/static.html`), 'static page');
    assertWorks(await check(`http://127.0.0.1:${strict.address().port}/static.html`), 'strict CSP', { csp: true });
    // An element that only draws curves loads the kernels-only module, found beside the entry too.
    write('curves.html', page('./node_modules/elu-playground/dist/element.js').replace('alpha="1.5" dataset="xor"', 'alpha="1.5" panels="function"'));
    const curves = await evaluate(`http://127.0.0.1:${plain.address().port}/curves.html`, async () => {
      await customElements.whenDefined('elu-playground');
      const el = document.querySelector('elu-playground');
      await el.ready;
      return { simd: el.simd, wasm: performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()).filter((f) => f.endsWith('.wasm')) };
    });
    assert.deepEqual(curves, { result: { simd: true, wasm: ['elu_kernels.wasm'] }, problems: [] }, 'panels="function"');
    // The study's worker pool from node_modules by relative URL, under the strict CSP too.
    write('study.html', scriptOnly('./study-page.js'));
    write('study-page.js', STUDY_PAGE.replace("from 'elu-playground'", "from './node_modules/elu-playground/dist/index.js'"));
    await checkStudy(`http://127.0.0.1:${plain.address().port}/study.html`, 'static page');
    await checkStudy(`http://127.0.0.1:${strict.address().port}/study.html`, 'strict CSP');
  } finally {
    plain.close();
    strict.close();
  }
});

// The README's CDN snippet: the package from another origin (a CDN sends Access-Control-Allow-Origin: *),
// the page under the policy the README gives with the CDN's origin in it. Workers cannot start from
// another origin: the pool rejects with a StudyWorkerError (the element falls back to the main thread).
const CDN_CSP = "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net 'wasm-unsafe-eval'; connect-src 'self' https://cdn.jsdelivr.net";

test('from another origin (a CDN), under the Content-Security-Policy the README gives for it', { timeout: 120000 }, async () => {
  const cdn = await startServer({ root: join(dir, 'node_modules'), headers: { 'access-control-allow-origin': '*' } });
  const origin = `http://127.0.0.1:${cdn.address().port}`;
  const site = await startServer({ root: dir, headers: { 'content-security-policy': CDN_CSP.replaceAll('https://cdn.jsdelivr.net', origin) } });
  try {
    write('cdn.html', page(`${origin}/elu-playground/dist/element.js`));
    write('cdn-study.js', STUDY_PAGE.replace("from 'elu-playground'", `from '${origin}/elu-playground/dist/index.js'`));
    write('cdn-study.html', scriptOnly('./cdn-study.js'));
    const url = `http://127.0.0.1:${site.address().port}/`;
    assertWorks(await check(`${url}cdn.html`), 'CDN', { csp: true });
    await checkStudy(`${url}cdn-study.html`, 'CDN', { workers: false });
  } finally {
    cdn.close();
    site.close();
  }
});
