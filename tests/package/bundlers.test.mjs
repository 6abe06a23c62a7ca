// The package through every bundler the README names, from the `npm pack` tarball installed in a temp
// project: webpack 5, Rollup 4, esbuild, Parcel 2 and Vite 5, 6, 7 and 8 (dev server and build). Each
// tool builds (or serves) the same app in a folder of its own: the page computes m.elu and trains a
// network itself, shows the element (which loads its module and trains one epoch), and runs the alpha
// study in the worker pool, compared with m.study, where the tool bundles the worker. A tool that needs
// a line of configuration (or a command) is tested without it, where the README says what fails, and
// with it. The tools come from the repository's devDependencies (npm aliases for the older Vites).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { startServer } from '../../scripts/serve.mjs';
import {
  APP, STUDY_PAGE, assertApp, assertWorks, bin, check, checkStudy, dir, evaluate, freePort, node, page, serving, setUp,
  tearDown, write,
} from './consumer.mjs';

before(setUp);
after(tearDown);

// The app: the element, the study page's window.study() (which imports load) and window.app.
const MAIN = `import 'elu-playground/element';\n${STUDY_PAGE}\n${APP}\nwindow.app = load().then(run);\n`;

// A tool's project: the folder `name` of the consumer project, its app at `main`, and index.html
// loading `script` (the app itself, for tools that build from the page; else their output). With
// `css`, the app also imports the stylesheet that reserves the element's height (README: Embed).
function project(name, { main = 'main.js', script = './main.js', css = false } = {}) {
  write(`${name}/${main}`, (css ? "import 'elu-playground/element.css';\n" : '') + MAIN);
  write(`${name}/index.html`, page(script));
  write(`${name}/favicon.ico`, '');
}

// Runs a tool (its bin file under the repository's node_modules: a Node script, or esbuild's native
// binary) in the folder `name`; a failure's message holds what it printed.
const ESBUILD = 'esbuild/bin/esbuild';
const tool = (name, file, args = []) => {
  const [command, ...script] = file === ESBUILD ? [bin(file)] : [process.execPath, bin(file)];
  return execFileSync(command, [...script, ...args], { cwd: join(dir, name), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
};

const wasmFiles = (folder) => readdirSync(join(dir, folder), { recursive: true }).filter((f) => f.endsWith('.wasm'));

// Everything a page of the app must show: the element works, the app's numbers, the study.
async function checkPage(url, where, { workers = true } = {}) {
  const { app, ...element } = await check(url, { app: true });
  assertWorks(element, where);
  assertApp(app, where);
  await checkStudy(url, where, { workers });
}

// Serves the folder `root` of the consumer project (a favicon for every page: no 404 in the console).
async function serveStatic(root, fn) {
  const favicon = (url) => (url.pathname === '/favicon.ico' ? { headers: { 'content-type': 'image/x-icon' } } : undefined);
  const server = await startServer({ root: join(dir, root), respond: favicon });
  try {
    await fn(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    server.close();
  }
}

// Starts a dev server (`args(port)` for the tool under node_modules) in the folder `name`, runs fn
// with its URL, stops it. Its own process group, so that it ends with whatever it started.
async function serveDev(name, file, args, fn) {
  rmSync(join(dir, 'node_modules/.vite'), { recursive: true, force: true }); // each Vite pre-bundles anew
  const port = await freePort();
  const server = spawn(process.execPath, [bin(file), ...args(port)],
    { cwd: join(dir, name), stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  try {
    await serving(`http://127.0.0.1:${port}/`, server);
    await fn(`http://127.0.0.1:${port}/`);
  } finally {
    try {
      process.kill(-server.pid);
    } catch { /* it had ended */ }
  }
}

// What window.app's load() did on a page that cannot load the wasm: the error's name and reason.
const loadFailure = async (url) => (await evaluate(url, () => window.app.then(() => 'loaded', (e) => `${e.name} ${e.reason}`))).result;

test('webpack 5: no configuration (webpack-cli, not even a config file)', { timeout: 120000 }, async () => {
  project('webpack', { main: 'src/index.js', script: './dist/main.js' });
  tool('webpack', 'webpack/bin/webpack.js');
  assert.deepEqual(wasmFiles('webpack/dist').length, 3, 'the three .wasm files emitted');
  await serveStatic('webpack', (url) => checkPage(url, 'webpack'));
});

test('Rollup 4 + node-resolve: emits no .wasm; works with importMetaAssets() (@web/rollup-plugin-import-meta-assets)', { timeout: 120000 }, async () => {
  project('rollup', { script: './dist/main.js' });
  // The plugins as a consumer has them: in its node_modules (linked to the repository's).
  for (const plugin of ['@rollup/plugin-node-resolve', '@web/rollup-plugin-import-meta-assets']) {
    const link = join(dir, 'node_modules', plugin);
    mkdirSync(dirname(link), { recursive: true });
    if (!existsSync(link)) symlinkSync(bin(plugin), link);
  }
  const config = (line) => `import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';
export default { input: 'main.js', output: { dir: 'dist', format: 'es' }, plugins: [nodeResolve()${line}] };
`;
  write('rollup/rollup.config.mjs', config(''));
  tool('rollup', 'rollup/dist/bin/rollup', ['-c', '--silent']);
  assert.deepEqual(wasmFiles('rollup/dist'), [], 'without the plugin: no .wasm');
  rmSync(join(dir, 'rollup/dist'), { recursive: true });
  write('rollup/rollup.config.mjs', config(', importMetaAssets()'));
  tool('rollup', 'rollup/dist/bin/rollup', ['-c', '--silent']);
  // Rollup copies study-worker.js as a file, not bundled: the pool cannot start (the element falls back).
  await serveStatic('rollup', (url) => checkPage(url, 'rollup', { workers: false }));
});

test('esbuild: the .wasm copied beside the bundle (one cp); --platform=node with --packages=external', { timeout: 120000 }, async () => {
  project('esbuild', { script: './dist/main.js' });
  tool('esbuild', ESBUILD, ['main.js', '--bundle', '--format=esm', '--outdir=dist', '--log-level=warning']);
  assert.deepEqual(wasmFiles('esbuild/dist'), [], 'esbuild copies no .wasm');
  execFileSync('sh', ['-c', 'cp ../node_modules/elu-playground/dist/*.wasm dist/'], { cwd: join(dir, 'esbuild') });
  await serveStatic('esbuild', (url) => checkPage(url, 'esbuild', { workers: false }));

  // A Node app bundled by esbuild: the package's Node entry reads the .wasm beside itself, which a
  // bundle moves; --packages=external leaves the package in node_modules.
  write('esbuild/node-app.mjs', `import { load } from 'elu-playground';\n${APP}\nconsole.log(JSON.stringify(run(await load())));\n`);
  const bundle = (...flags) => tool('esbuild', ESBUILD,
    ['node-app.mjs', '--bundle', '--platform=node', '--format=esm', '--outfile=out/node-app.mjs', '--log-level=warning', ...flags]);
  bundle();
  assert.throws(() => node('out/node-app.mjs', { cwd: 'esbuild' }), /ENOENT[^\n]*elu_simd\.wasm/, 'without --packages=external: no .wasm beside the bundle');
  bundle('--packages=external');
  assertApp(JSON.parse(node('out/node-app.mjs', { cwd: 'esbuild' })), 'esbuild --platform=node');
});

test('Parcel 2: no configuration (build and dev server), the worker pool bundled', { timeout: 180000 }, async () => {
  project('parcel');
  const parcel = 'parcel/lib/bin.js';
  tool('parcel', parcel, ['build', 'index.html', '--dist-dir', 'dist', '--log-level', 'warn']);
  await serveStatic('parcel/dist', (url) => checkPage(url, 'parcel build'));
  await serveDev('parcel', parcel, (port) => ['serve', 'index.html', '--port', String(port), '--dist-dir', 'dist-dev', '--log-level', 'warn'],
    (url) => checkPage(url, 'parcel serve'));
});

// Vite 5 to 7 pre-bundle the package into node_modules/.vite/deps, away from its .wasm (the dev
// server then answers with its index.html), and build the worker as IIFE, which cannot hold the
// package's dynamic imports (the build fails). One line of vite.config.js fixes both.
const VITE_LINE = "export default { optimizeDeps: { exclude: ['elu-playground'] }, worker: { format: 'es' } };\n";

for (const [version, file, line] of [[5, 'vite5/bin/vite.js', true], [6, 'vite6/bin/vite.js', true], [7, 'vite7/bin/vite.js', true], [8, 'vite/bin/vite.js', false]]) {
  const name = `vite${version}`;
  const title = line ? `Vite ${version}: dev server and build fail with no configuration; work with one line of vite.config.js`
    : `Vite ${version}: dev server and build, no configuration`;
  test(title, { timeout: 180000 }, async () => {
    project(name, { css: true });
    const dev = (fn) => serveDev(name, file, (port) => ['--port', String(port), '--strictPort', '--host', '127.0.0.1'], fn);
    const build = () => tool(name, file, ['build', '--logLevel', 'warn']);
    if (line) {
      await dev(async (url) => assert.equal(await loadFailure(url), 'WasmLoadError not-wasm', `Vite ${version} dev, no config`));
      assert.throws(build, /Invalid value "iife" for option "(worker|output)\.format"/, `Vite ${version} build, no config`);
      write(`${name}/vite.config.js`, VITE_LINE);
    }
    await dev((url) => checkPage(url, `Vite ${version} dev`));
    build();
    await serveStatic(`${name}/dist`, (url) => checkPage(url, `Vite ${version} build`));
  });
}
