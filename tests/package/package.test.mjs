// The npm package as a user gets it: `npm pack`, a consumer project in a temp folder, the tarball
// installed there, then every way in: Node ESM, Node without any DOM global, TypeScript, a Vite page
// (dev server and `vite build`, zero config), a static page loading dist/element.js by relative URL,
// and the same page under a strict Content-Security-Policy; in the Vite and static pages also the
// alpha study's worker pool. Real npm, Node, Vite and Chromium.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(repo, 'node_modules', name);
const VITE = bin('vite/bin/vite.js');
const TSC = bin('typescript/bin/tsc');
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let dir; // the consumer project
let browser;

const write = (name, text) => writeFileSync(join(dir, name), text);
const node = (file) => execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });

// The page every browser check opens: one element, and one inline script that a strict CSP refuses
// (the proof that the policy is in force). favicon.ico exists (no 404 in the console).
// `css`: the page's stylesheet that reserves the element's height (README: Embed), when linked.
const page = (script, css) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>consumer</title>
<script>window.inlineRan = true;</script>${css ? `\n<link rel="stylesheet" href="${css}">` : ''}
<script type="module" src="${script}"></script></head>
<body><elu-playground alpha="1.5" dataset="xor"></elu-playground></body></html>
`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'elu-consumer-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  mkdirSync(join(dir, 'public'));
  for (const icon of ['favicon.ico', 'public/favicon.ico']) write(icon, '');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', `./${tarball}`],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds dist, README and LICENSE only, with every file the exports name', () => {
  const files = execFileSync('find', ['node_modules/elu-playground', '-type', 'f'], { cwd: dir, encoding: 'utf8' })
    .trim().split('\n').map((f) => f.replace('node_modules/elu-playground/', '')).sort();
  for (const f of files) assert.match(f, /^(dist\/|README\.md$|LICENSE$|package\.json$)/, f);
  for (const f of ['dist/index.js', 'dist/node.js', 'dist/element.js', 'dist/element.css', 'dist/study-worker.js', 'dist/index.d.ts',
    'dist/element.d.ts', 'dist/elu_simd.wasm', 'dist/elu_scalar.wasm', 'LICENSE', 'README.md']) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
});

test('Node 20 ESM: import { load } from "elu-playground" computes m.elu and trains a network', () => {
  write('node-check.mjs', `
    import { load } from 'elu-playground';
    const m = await load();
    const y = m.elu(new Float32Array([-2, -0.5, 0, 3]), 1.5);
    const data = m.datasets.make('circle', { n: 200, seed: 3 });
    const net = new m.Network({ layers: [2, 8, 8, 1], seed: 1 });
    const first = net.trainEpoch(data.x, data.y, { learningRate: 0.03, optimizer: 'adam' });
    let last = first;
    for (let i = 0; i < 20; i++) last = net.trainEpoch(data.x, data.y, { learningRate: 0.03, optimizer: 'adam' });
    net.dispose();
    console.log(JSON.stringify({ simd: m.simd, y: [...y], first, last }));
  `);
  const r = JSON.parse(node('node-check.mjs'));
  assert.equal(r.simd, true);
  assert.deepEqual(r.y, [Math.fround(1.5 * Math.fround(Math.expm1(-2))), Math.fround(1.5 * Math.fround(Math.expm1(-0.5))), 0, 3]);
  assert.ok(r.last < r.first / 2, JSON.stringify(r));
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

test('TypeScript (strict; moduleResolution node10, node16, nodenext and bundler) finds the types of both entries', () => {
  write('consumer.ts', `
    import { load, type EluPlayground as Api } from 'elu-playground';
    import type { EluPlayground } from 'elu-playground/element';
    const m: Api = await load();
    const y: Float32Array = m.elu(new Float32Array(4), 0.5);
    const el = document.querySelector('elu-playground') as EluPlayground | null;
    if (el) el.alpha = y[0];
  `);
  // node10 ignores `exports`: the subpath's types come from `typesVersions`.
  for (const resolution of [['node10', 'esnext'], ['node16', 'node16'], ['nodenext', 'nodenext'], ['bundler', 'esnext']]) {
    execFileSync(process.execPath, [TSC, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom',
      '--moduleResolution', resolution[0], '--module', resolution[1], 'consumer.ts'], { cwd: dir, encoding: 'utf8' });
  }
});

// Opens url, waits for the element to load its module, steps training once; returns what it saw.
async function check(url) {
  const tab = await browser.newPage();
  const problems = [];
  const wasm = [];
  tab.on('console', (msg) => { if (['error', 'warning'].includes(msg.type())) problems.push(msg.text()); });
  tab.on('pageerror', (e) => problems.push(e.message));
  tab.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.status()); });
  await tab.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
  });
  await tab.goto(url);
  const result = await tab.evaluate(async () => {
    const el = document.querySelector('elu-playground');
    const ready = await Promise.race([el.ready.then(() => true), new Promise((ok) => setTimeout(() => ok(false), 15000))]);
    if (ready) el.step();
    return { ready, alpha: el.alpha, epoch: el.epoch, violations: window.violations, inlineRan: window.inlineRan === true };
  });
  await tab.close();
  return { ...result, problems, wasm };
}

// Under the strict CSP exactly one violation is expected: the page's own inline script.
function assertWorks(r, where, { csp = false } = {}) {
  const blocked = csp ? { inlineRan: false, violations: ['script-src-elem'] } : { inlineRan: true, violations: [] };
  const problems = csp ? r.problems.filter((p) => !/^Executing inline script violates/.test(p)) : r.problems;
  assert.deepEqual({ ...r, problems }, { ready: true, alpha: 1.5, epoch: 1, problems: [], wasm: [200], ...blocked }, where);
}

// Resolves once url answers (the dev server is up); rejects if `child` exits first or after 60 s.
async function serving(url, child) {
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  for (const deadline = Date.now() + 60000; Date.now() < deadline;) {
    if (exited !== null) throw new Error(`vite exited with ${exited}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

const freePort = () => new Promise((done) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => done(port)); });
});

// The alpha study on a page: the worker pool (its worker found beside the entry, or bundled) gives the
// records of m.study on the same page. `window.study()` is the page's own (it imports the package).
const STUDY_PAGE = `
  import { load, runStudyInWorkers, studyCsv } from 'elu-playground';
  window.study = async () => {
    const options = { alphas: [0.5, 1], seeds: 2, epochs: 10, baselines: ['relu'] };
    const pool = await runStudyInWorkers(options).then((r) => studyCsv(r.records), (e) => e.name + ': ' + e.message);
    const here = studyCsv((await (await load()).study(options)).records);
    return { same: pool === here, rows: here.trim().split('\\n').length };
  };
`;

async function checkStudy(url, where) {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('pageerror', (e) => problems.push(e.message));
  await tab.goto(url);
  const r = await tab.evaluate(() => window.study());
  await tab.close();
  assert.deepEqual({ ...r, problems }, { same: true, rows: 7, problems: [] }, `${where}: runStudyInWorkers = m.study`);
}

test('Vite: the element works under the dev server and after vite build, with no configuration', { timeout: 180000 }, async () => {
  write('index.html', page('./main.js'));
  write('main.js', `import 'elu-playground/element';\nimport 'elu-playground/element.css';\n${STUDY_PAGE}`);
  const port = await freePort();
  const dev = spawn(process.execPath, [VITE, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await serving(`http://127.0.0.1:${port}/`, dev);
    assertWorks(await check(`http://127.0.0.1:${port}/`), 'vite dev');
    await checkStudy(`http://127.0.0.1:${port}/`, 'vite dev');
  } finally {
    dev.kill();
  }
  execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const server = await startServer({ root: join(dir, 'dist') });
  try {
    assertWorks(await check(`http://127.0.0.1:${server.address().port}/`), 'vite build');
    await checkStudy(`http://127.0.0.1:${server.address().port}/`, 'vite build: the worker bundled');
  } finally {
    server.close();
  }
});

test('a static page loads dist/element.js by relative URL (no bundler), also under a strict CSP', { timeout: 120000 }, async () => {
  write('static.html', page('./node_modules/elu-playground/dist/element.js', './node_modules/elu-playground/dist/element.css'));
  const plain = await startServer({ root: dir });
  const strict = await startServer({ root: dir, headers: { 'content-security-policy': STRICT_CSP } });
  try {
    assertWorks(await check(`http://127.0.0.1:${plain.address().port}/static.html`), 'static page');
    assertWorks(await check(`http://127.0.0.1:${strict.address().port}/static.html`), 'strict CSP', { csp: true });
    // The study's worker pool from node_modules by relative URL, under the strict CSP too.
    write('study.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>study</title>'
      + `<script type="module" src="./study-page.js"></script></head><body></body></html>`);
    write('study-page.js', STUDY_PAGE.replace("from 'elu-playground'", "from './node_modules/elu-playground/dist/index.js'"));
    await checkStudy(`http://127.0.0.1:${plain.address().port}/study.html`, 'static page');
    await checkStudy(`http://127.0.0.1:${strict.address().port}/study.html`, 'strict CSP');
  } finally {
    plain.close();
    strict.close();
  }
});
