// What the package tests share: a consumer project in a temp folder with the `npm pack` tarball
// installed in it, headless Chromium, and the checks a page must pass (the element loads its module
// and trains; an app's own use of the API; the alpha study's worker pool). setUp() before the tests,
// tearDown() after them; one consumer project and one browser per test file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
// A tool installed in the repository (devDependencies): the consumer runs it from there.
export const bin = (name) => join(repo, 'node_modules', name);

export let dir; // the consumer project
let browser;

// Writes a file of the consumer project (folders made as needed).
export const write = (name, text) => {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), text);
};

// Runs `node args...` in the consumer project (or its folder `cwd`); returns what it printed (a
// failure's message holds its stderr).
export const node = (args, { cwd = '.' } = {}) => execFileSync(process.execPath, [].concat(args),
  { cwd: join(dir, cwd), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export async function setUp() {
  dir = mkdtempSync(join(tmpdir(), 'elu-consumer-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const icon of ['favicon.ico', 'public/favicon.ico']) write(icon, '');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', `./${tarball}`],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function tearDown() {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

// What an app checks: m.elu(ELU.x, ELU.alpha) gives exactly ELU.y (alpha * expm1(x) rounded to float32).
export const ELU = { x: [-2, -0.5, 0, 3], alpha: 1.5 };
ELU.y = ELU.x.map((x) => (x > 0 ? x : Math.fround(ELU.alpha * Math.fround(Math.expm1(x)))));

// An app's own use of the API, as module code for Node or a page: run(m) computes m.elu on ELU.x and
// trains a network for 10 epochs; assertApp checks what it returned.
export const APP = `
  const run = (m) => {
    const y = m.elu(new Float32Array(${JSON.stringify(ELU.x)}), ${ELU.alpha});
    const data = m.datasets.make('circle', { n: 200, seed: 3 });
    const net = new m.Network({ layers: [2, 8, 8, 1], seed: 1 });
    const losses = [];
    for (let i = 0; i < 10; i++) losses.push(net.trainEpoch(data.x, data.y, { learningRate: 0.03, optimizer: 'adam' }));
    net.dispose();
    return { simd: m.simd, y: [...y], losses };
  };
`;

export function assertApp(r, where) {
  assert.equal(typeof r, 'object', `${where}: the app's load() gave ${r}`);
  assert.deepEqual({ simd: r.simd, y: r.y }, { simd: true, y: ELU.y }, `${where}: m.elu`);
  assert.ok(r.losses.at(-1) < r.losses[0] / 2, `${where}: the training loss falls (${r.losses.join(', ')})`);
}

// The page every browser check opens: one element, and one inline script that a strict CSP refuses
// (the proof that the policy is in force). favicon.ico exists (no 404 in the console).
// `css`: the page's stylesheet that reserves the element's height (README: Embed), when linked.
export const page = (script, css) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>consumer</title>
<script>window.inlineRan = true;</script>${css ? `\n<link rel="stylesheet" href="${css}">` : ''}
<script type="module" src="${script}"></script></head>
<body><elu-playground alpha="1.5" dataset="xor"></elu-playground></body></html>
`;

// Opens url, waits for the element to load its module, steps training once; returns what it saw.
// With { app: true } also what the page's own script put in window.app (a promise).
export async function check(url, { app = false } = {}) {
  const tab = await browser.newPage();
  const problems = [];
  const wasm = [];
  tab.on('console', (msg) => { if (['error', 'warning'].includes(msg.type())) problems.push(msg.text()); });
  tab.on('pageerror', (e) => problems.push(e.message));
  tab.on('response', (r) => { if (new URL(r.url()).pathname.endsWith('.wasm')) wasm.push(r.status()); }); // a dev server may add a query
  await tab.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
  });
  await tab.goto(url);
  const result = await tab.evaluate(async (withApp) => {
    const timeout = (ms) => new Promise((ok) => setTimeout(() => ok(false), ms));
    const el = document.querySelector('elu-playground');
    const ready = await Promise.race([el.ready.then(() => true), timeout(15000)]);
    if (ready) el.step();
    const app = withApp ? { app: await Promise.race([window.app, timeout(15000)]).catch((e) => `${e.name}: ${e.message}`) } : {};
    return { ready, alpha: el.alpha, epoch: el.epoch, violations: window.violations, inlineRan: window.inlineRan === true, ...app };
  }, app);
  await tab.close();
  return { ...result, problems, wasm };
}

// Under the strict CSP exactly one violation is expected: the page's own inline script.
export function assertWorks(r, where, { csp = false } = {}) {
  const blocked = csp ? { inlineRan: false, violations: ['script-src-elem'] } : { inlineRan: true, violations: [] };
  const problems = csp ? r.problems.filter((p) => !/^Executing inline script violates/.test(p)) : r.problems;
  assert.deepEqual({ ...r, problems }, { ready: true, alpha: 1.5, epoch: 1, problems: [], wasm: [200], ...blocked }, where);
}

// Resolves once url answers (a dev server is up); rejects if `child` exits first or after 60 s.
export async function serving(url, child) {
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  for (const deadline = Date.now() + 60000; Date.now() < deadline;) {
    if (exited !== null) throw new Error(`the server exited with ${exited}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

export const freePort = () => new Promise((done) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => done(port)); });
});

// The alpha study on a page: the worker pool (its worker found beside the entry, or bundled) gives the
// records of m.study on the same page. `window.study()` is the page's own (it imports the package).
export const STUDY_PAGE = `
  import { load, runStudyInWorkers, studyCsv } from 'elu-playground';
  window.study = async () => {
    const options = { alphas: [0.5, 1], seeds: 2, epochs: 10, baselines: ['relu'] };
    const pool = await runStudyInWorkers(options).then((r) => studyCsv(r.records), (e) => e.name + ': ' + e.message);
    const here = studyCsv((await (await load()).study(options)).records);
    return { pool: pool === here ? 'same as m.study' : pool, rows: here.trim().split('\\n').length };
  };
`;

// workers: false where the bundler does not bundle the worker: the pool then rejects with a
// StudyWorkerError (the element falls back to the main thread on it).
export async function checkStudy(url, where, { workers = true } = {}) {
  const { result: r, problems } = await evaluate(url, () => window.study());
  if (!workers) assert.match(r.pool, /^StudyWorkerError: no study worker could start/, `${where}: the worker pool fails as expected`);
  assert.deepEqual({ ...r, problems }, { pool: workers ? 'same as m.study' : r.pool, rows: 7, problems: [] },
    `${where}: ${workers ? 'runStudyInWorkers = m.study' : 'm.study'}`);
}

// Opens url, evaluates fn (a function run in the page) and closes the tab: its result and the page's
// uncaught errors.
export async function evaluate(url, fn) {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('pageerror', (e) => problems.push(e.message));
  await tab.goto(url);
  const result = await tab.evaluate(fn);
  await tab.close();
  return { result, problems };
}
