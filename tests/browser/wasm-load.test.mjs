// A wasm file that does not arrive, in every engine: load() rejects with a WasmLoadError naming the
// URL, the HTTP status or the network failure and the likely cause, for a 404, a server's HTML
// fallback page, a cross-origin file without CORS and a Content-Security-Policy without the origin
// in connect-src; the element shows the short version. A wasm file with another Content-Type still
// loads (its bytes are checked, not its type), and load({ wasmUrl }) finds files moved elsewhere.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';

import { startServer } from '../../scripts/serve.mjs';
import { forEachEngine } from './browser.mjs';

const DIST = new URL('../../dist/', import.meta.url);
const CORS = { 'access-control-allow-origin': '*' };
const TYPES = { js: 'text/javascript', mjs: 'text/javascript', wasm: 'application/wasm', map: 'application/json' };
const HTML = '<!doctype html>\n<html lang="en"><head><title>Not the file</title></head><body>app</body></html>\n';

// How the other origin answers for the .wasm files in each case (its scripts always come with CORS).
const WASM_CASES = {
  ok: async (bytes) => ({ headers: { ...CORS, 'content-type': 'application/wasm' }, body: await bytes() }),
  404: async () => ({ status: 404, headers: { ...CORS, 'content-type': 'text/plain' }, body: 'not found' }),
  html: async () => ({ headers: { ...CORS, 'content-type': 'text/html; charset=utf-8' }, body: HTML }),
  octet: async (bytes) => ({ headers: { ...CORS, 'content-type': 'application/octet-stream' }, body: await bytes() }),
  nocors: async (bytes) => ({ headers: { 'content-type': 'application/wasm' }, body: await bytes() }),
};

// The other origin: /<case>/dist/<file> is dist/<file>, its .wasm answered as the case says;
// /<case>/element.html is a page with one element from that folder, /<case>/blank.html an empty
// page; /csp.html (given a script
// origin) a page whose CSP lets it run scripts from there but fetch nothing but its own origin.
let other;
let scripts; // a third origin, plain dist with CORS, for the CSP page
const origin = (s) => `http://127.0.0.1:${s.address().port}`;
before(async () => {
  scripts = await startServer({ headers: CORS });
  other = await startServer({
    respond: async (url) => {
      if (url.pathname === '/csp.html') {
        const from = origin(scripts);
        return {
          headers: { 'content-type': 'text/html; charset=utf-8',
            'content-security-policy': `default-src 'self'; script-src 'self' ${from} 'wasm-unsafe-eval'; connect-src 'self'` },
          body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp</title><link rel="icon" href="data:,"></head><body></body></html>',
        };
      }
      const m = /^\/(\w+)\/(element\.html|blank\.html|dist\/([\w.-]+))$/.exec(url.pathname);
      if (!m || !WASM_CASES[m[1]]) return undefined;
      if (m[2] === 'blank.html') {
        return { headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title><link rel="icon" href="data:,"></head><body></body></html>' };
      }
      if (m[2] === 'element.html') {
        return { headers: { 'content-type': 'text/html; charset=utf-8' },
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>element</title><link rel="icon" href="data:,">
            <script type="module" src="/${m[1]}/dist/element.js"></script></head><body><elu-playground></elu-playground></body></html>` };
      }
      const file = m[3], ext = file.slice(file.lastIndexOf('.') + 1);
      const bytes = () => readFile(new URL(file, DIST));
      if (ext === 'wasm') return WASM_CASES[m[1]](bytes);
      return { headers: { ...CORS, 'content-type': TYPES[ext] ?? 'application/octet-stream' }, body: await bytes().catch(() => '') };
    },
  });
});
after(async () => {
  for (const s of [other, scripts]) {
    s?.closeAllConnections?.();
    await new Promise((done) => (s ? s.close(done) : done()));
  }
});

// In a page of `url`: import `entry`, call load(options), and report the outcome.
async function tryLoad(env, url, entry, options) {
  const page = await env.page();
  await page.goto(url);
  const r = await page.evaluate(async ([entry, options]) => {
    const api = await import(entry);
    return api.load(options ?? undefined).then(
      (m) => ({ ok: true, y: Array.from(m.elu(new Float32Array([-1, 0, 2]), 1.5)) }),
      (e) => ({ ok: false, name: e.name, message: e.message, reason: e.reason, status: e.status, url: e.url, summary: e.summary }));
  }, [entry, options ?? null], { timeout: 30000 });
  await page.close();
  return r;
}

const EXPECTED = Array.from(new Float32Array([1.5 * Math.expm1(-1), 0, 2]));

forEachEngine(({ env, test }) => {
  const fixture = () => `${env.base}/tests/browser/fixture.html?nocsp`;
  const dist = (name) => `${origin(other)}/${name}/dist/index.js`;
  const wasm = (name, file = 'elu_simd.wasm') => `${origin(other)}/${name}/dist/${file}`;

  test('the files where they belong load, cross-origin with CORS too; another Content-Type with wasm bytes loads', async () => {
    for (const name of ['ok', 'octet']) {
      const r = await tryLoad(env, fixture(), dist(name));
      assert.deepEqual(r, { ok: true, y: EXPECTED }, name);
    }
  });

  test('404: the URL, the status and the likely cause; load({ wasmUrl }) then finds the files elsewhere', async () => {
    const r = await tryLoad(env, fixture(), dist('404'));
    assert.equal(r.ok, false);
    assert.equal(r.name, 'WasmLoadError');
    assert.equal(r.reason, 'http');
    assert.equal(r.status, 404);
    assert.equal(r.url, wasm('404'));
    assert.ok(r.message.startsWith(`could not load the WebAssembly module ${wasm('404')}: HTTP 404`), r.message);
    assert.match(r.message, /likely cause: the file is not at that URL .* load\(\{ wasmUrl \}\)/);
    assert.match(r.summary, /^HTTP 404( Not Found)? for elu_simd\.wasm$/);
    // The same page, the files' folder given: a string folder, then a function.
    assert.deepEqual(await tryLoad(env, fixture(), dist('404'), { wasmUrl: `${origin(other)}/ok/dist` }), { ok: true, y: EXPECTED });
  });

  test('load({ wasmUrl }) holds for the study\'s workers too', async () => {
    const page = await env.page();
    await page.goto(`${origin(other)}/404/blank.html`); // the workers' script is of the page's origin
    const got = await page.evaluate(async ([entry, folder]) => {
      const { load, runStudyInWorkers } = await import(entry);
      await load({ wasmUrl: folder });
      return runStudyInWorkers({ dataset: 'xor', alphas: [1], seeds: 2, epochs: 3, baselines: [] }, { workers: 2 })
        .then((r) => r.records.length, (e) => `${e.name}: ${e.message}`);
    }, [dist('404'), `${origin(other)}/ok/dist/`], { timeout: 30000 });
    assert.equal(got, 2, 'the workers found the .wasm files where the page\'s load() did');
    await page.close();
  });

  test('a fallback page instead of the file: the Content-Type and what the server sent', async () => {
    const r = await tryLoad(env, fixture(), dist('html'));
    assert.equal(r.reason, 'not-wasm', r.message);
    assert.ok(r.message.startsWith(`could not load the WebAssembly module ${wasm('html')}: the server answered with something else `
      + '(Content-Type: text/html; charset=utf-8; it starts with "<!doctype html> <html lang=\\"en\\"><head><t"); '), r.message);
    assert.match(r.message, /likely cause: the file is missing and the server sent its fallback page/);
    assert.equal(r.summary, 'elu_simd.wasm is not WebAssembly (Content-Type text/html; charset=utf-8)');
  });

  test('cross-origin without CORS on the .wasm: says CORS, names both origins', async () => {
    const r = await tryLoad(env, fixture(), dist('nocors'));
    assert.equal(r.reason, 'cors', r.message);
    assert.ok(r.message.startsWith(`could not load the WebAssembly module ${wasm('nocors')}: the server answered without CORS permission`), r.message);
    assert.ok(r.message.includes(`no Access-Control-Allow-Origin header on the .wasm (a page on ${env.base} may not read a file from ${origin(other)}`), r.message);
    assert.equal(r.summary, `no CORS permission from ${origin(other)}`);
  });

  test('a CSP that allows the scripts\' origin in script-src only: says connect-src', async () => {
    const r = await tryLoad(env, `${origin(other)}/csp.html`, `${origin(scripts)}/dist/index.js`);
    const url = `${origin(scripts)}/dist/elu_simd.wasm`;
    assert.equal(r.reason, 'csp', r.message);
    assert.equal(r.message, `could not load the WebAssembly module ${url}: the page's Content-Security-Policy blocked it; `
      + `likely cause: connect-src does not allow ${origin(scripts)} (the .wasm is fetched, so connect-src governs it, not script-src).`);
    assert.equal(r.summary, `blocked by the page's Content-Security-Policy (connect-src ${origin(scripts)})`);
  });

  test('the element says what went wrong, briefly', async () => {
    const page = await env.page();
    await page.goto(`${origin(other)}/404/element.html`);
    const text = await page.waitFor(() => {
      const t = document.querySelector('elu-playground')?.shadowRoot?.querySelector('.readout')?.textContent ?? '';
      return t.startsWith('Could not load') && t;
    }, undefined, { message: 'the element\'s load error' });
    assert.match(text, /^Could not load the WebAssembly module: HTTP 404( Not Found)? for elu_simd\.wasm\.$/);
    await page.close();
  });

  test('bad load() options: a TypeError naming the option', async () => {
    const page = await env.page();
    await page.goto(fixture());
    const got = await page.evaluate(async () => {
      const { load } = await import('/dist/index.js');
      const out = [];
      for (const o of [null, 7, { wasmurl: '/dist/' }, { wasmUrl: 3 }, { wasmUrl: () => 'http://[::1' }]) {
        out.push(await load(o).then(() => 'loaded', (e) => `${e.name}: ${e.message}`));
      }
      return out;
    });
    assert.deepEqual(got, [
      'TypeError: load: options must be an object, got null',
      'TypeError: load: options must be an object, got number',
      'TypeError: load: unknown option "wasmurl" (known: wasmUrl)',
      'TypeError: load: wasmUrl must be a folder URL (string or URL) or a function (file name) => URL, got number',
      'TypeError: load: wasmUrl (elu_simd.wasm) gave "http://[::1", which is not a URL',
    ]);
    await page.close();
  });
});
