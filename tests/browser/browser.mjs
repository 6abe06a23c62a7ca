// Shared by the browser suites: every suite runs once per engine (engines.mjs: Chromium, Firefox,
// WebKit; ELU_BROWSERS picks), against pages served on localhost with a problem recorder injected
// into every page, so every test can assert a clean console in every engine.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../../scripts/serve.mjs';
import { lacks, launch, selectedEngines } from './engines.mjs';

const RECORDER = '<script src="/tests/browser/recorder.js"></script>';
const MEMORY_PROBE = '<script src="/tests/browser/memory-probe.js"></script>';
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/i;

const ELEMENT_SCRIPT = /<script type="module" src="[^"]*dist\/element\.js"><\/script>/;

// Every HTML page gets the recorder as its first script (after the CSP meta, which allows it: same
// origin). A page requested with ?nocsp is served without its CSP meta, so that markup a bug let in
// would run (and be recorded) rather than be blocked: the engine-neutral form of "bypass CSP".
// With ?memory, memory-probe.js follows the recorder (the wasm heap's size, for the soak).
// With ?undefined, the page's <script> of dist/element.js is left out: its elements stay undefined,
// laid out as the page's own CSS has them, until the test imports /dist/element.js.
function instrument(html, url) {
  if (url.searchParams.has('nocsp')) html = html.replace(CSP_META, '');
  if (url.searchParams.has('undefined')) html = html.replace(ELEMENT_SCRIPT, '');
  const scripts = RECORDER + (url.searchParams.has('memory') ? MEMORY_PROBE : '');
  const csp = CSP_META.exec(html);
  if (csp) return html.replace(csp[0], csp[0] + scripts);
  return html.replace(/<head[^>]*>/i, (head) => head + scripts);
}

// { engine, version, base, page(options), close() }: the engine's browser and a test server.
export async function openBrowser(engine) {
  const server = await startServer({ html: instrument });
  const base = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await launch(engine);
  } catch (e) {
    await new Promise((done) => server.close(done));
    throw e;
  }
  return {
    engine,
    version: browser.version,
    base,
    async page(options) {
      const page = await browser.page(options);
      page.base = base;
      return page;
    },
    async close() {
      await browser.close();
      server.closeAllConnections?.();
      await new Promise((done) => server.close(done));
    },
  };
}

// Declares a suite once per selected engine: body({ engine, env, test, lacks }) runs at declaration
// time; `env` is filled in before the engine's first test. Test names start with the engine; every
// test has a time limit (a bug fails fast with a message instead of hanging the run); a test that
// needs a capability the engine lacks passes { skip: lacks('cdp') } and says why in the output.
export function forEachEngine(body, { timeout = 60000 } = {}) {
  for (const engine of selectedEngines()) {
    describe(engine, () => {
      const env = {};
      before(async () => {
        Object.assign(env, await openBrowser(engine));
        process.stdout.write(`# ${engine}: ${env.version}\n`);
      }, { timeout: 60000 });
      after(() => env.close?.(), { timeout: 30000 });
      const engineTest = (name, options, fn) => {
        if (typeof options === 'function') [fn, options] = [options, {}];
        // A test during which the browser itself went away (WebKit's session ended: MiniBrowser
        // crashed) runs once more in a new session, and says so; any other failure stands.
        return test(`${engine}: ${name}`, { timeout, ...options }, async (t) => {
          try {
            return await fn(t);
          } catch (e) {
            if (!e?.sessionLost) throw e;
            t.diagnostic(`${engine}'s session ended during this test; run again in a new session. ${e.message}`);
            process.stdout.write(`# ${engine}: session lost in "${name}", run again: ${e.message.split('\n')[0]}\n`);
            return await fn(t);
          }
        });
      };
      body({ engine, env, test: engineTest, lacks: (capability) => lacks(engine, capability) });
    });
  }
}

// ---- helpers over the first (or index-th) <elu-playground> of a page, engine-neutral ----

// A new page holding `html` in the test fixture (the production CSP), once every element in it is
// ready. An uncaught error on the way fails at once with its message (a broken element's `ready`
// would otherwise never settle).
// `path`: another fixture page (the same, with another policy).
export async function fixture(env, html, options, path = '/tests/browser/fixture.html') {
  const page = await env.page(options);
  await page.goto(path);
  await page.evaluate(async (markup) => {
    await customElements.whenDefined('elu-playground'); // the module script may still be on its way
    document.body.innerHTML = markup;
    const ready = Promise.all([...document.querySelectorAll('elu-playground')].map((e) => e.ready));
    const failed = new Promise((_, fail) => {
      const poll = setInterval(() => {
        const p = window.__problems.find((x) => /^(pageerror|unhandledrejection):/.test(x));
        if (p) { clearInterval(poll); fail(new Error(p)); }
      }, 50);
      ready.finally(() => clearInterval(poll));
    });
    return Promise.race([ready, failed]).then(() => true);
  }, html);
  return page;
}

// The bounding box (viewport CSS pixels) of `selector` in the element's shadow root, scrolled into
// view, once it is shown and has stopped moving: a non-empty box, the same two frames apart (a lazy
// panel's controls are laid out in the frames after it appears, and again after a resize, so a box
// read before that can be empty or stale by the time the mouse arrives).
export function box(page, selector, index = 0) {
  return page.evaluate(async ([selector, index]) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    let last = '';
    for (let i = 0; i < 100; i++) {
      // Found again each time: a panel may have replaced its controls in the meantime.
      const n = document.querySelectorAll('elu-playground')[index].shadowRoot.querySelector(selector);
      n.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = n.getBoundingClientRect();
      const key = `${r.x} ${r.y} ${r.width} ${r.height}`;
      if (key === last && r.width > 0 && r.height > 0) return { x: r.x, y: r.y, width: r.width, height: r.height };
      last = key;
      await frame();
      await frame();
    }
    throw new Error(`${selector} was empty or kept moving for 200 frames: ${last}`);
  }, [selector, index]);
}

// A real mouse click at the centre of `selector`.
export async function click(page, selector, index = 0) {
  const b = await box(page, selector, index);
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
}

export const focus = (page, selector, index = 0) => page.evaluate(([s, i]) => {
  document.querySelectorAll('elu-playground')[i].shadowRoot.querySelector(s).focus();
}, [selector, index]);

// Sets a form control's value as typing or choosing would: value, then input and change events.
export const fill = (page, selector, value, index = 0) => page.evaluate(([s, v, i]) => {
  const n = document.querySelectorAll('elu-playground')[i].shadowRoot.querySelector(s);
  n.focus();
  n.value = v;
  n.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  n.dispatchEvent(new Event('change', { bubbles: true }));
}, [selector, String(value), index]);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Where the ELU curve crosses the plot's pixel column at data x: the centre of the accent-colored
// run nearest the expected row, and the expected row (both in canvas pixels).
export function curveAt(page, x, index = 0) {
  return page.evaluate(async ([x, index]) => {
    const { layout } = await import('/web/src/widget/plot.js');
    const { rgb } = await import('/web/src/widget/heatmap.js');
    const el = document.querySelectorAll('elu-playground')[index];
    const canvas = el.shadowRoot.querySelector('.plot');
    const dpr = canvas.width / canvas.clientWidth;
    const g = layout(canvas.clientWidth, canvas.clientHeight, el.alpha);
    const col = Math.round(g.toPx(x) * dpr);
    const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d', { willReadFrequently: true });
    copy.drawImage(canvas, 0, 0);
    const data = copy.getImageData(col, 0, 1, canvas.height).data;
    const accent = rgb(getComputedStyle(el).getPropertyValue('--elu-accent'));
    const rows = [];
    for (let r = 0; r < canvas.height; r++) {
      const d = Math.hypot(data[4 * r] - accent[0], data[4 * r + 1] - accent[1], data[4 * r + 2] - accent[2]);
      if (data[4 * r + 3] > 200 && d < 40) rows.push(r);
    }
    const want = g.toPy(Math.fround(el.alpha * Math.expm1(x))) * dpr;
    const runs = [];
    for (const r of rows) {
      if (runs.length && r === runs.at(-1).at(-1) + 1) runs.at(-1).push(r); else runs.push([r]);
    }
    const centres = runs.map((run) => (run[0] + run.at(-1) + 1) / 2);
    const got = centres.sort((a, b) => Math.abs(a - want) - Math.abs(b - want))[0] ?? null;
    return { got, want, alpha: el.alpha };
  }, [x, index]);
}

export async function assertCurve(page, label, index = 0) {
  const { got, want, alpha } = await curveAt(page, -2, index);
  assert.ok(got !== null && Math.abs(got - want) <= 1, `${label}: alpha ${alpha}: curve at row ${got}, math says ${want.toFixed(2)}`);
}

// One training step of the element at `index` (its training panel shown): the epoch event's losses are
// finite, its accuracy is in [0, 1] (NaN for regression) and the heatmap holds real colors, or (a
// learning rate that overshoots) the step diverged, the diverged banner says so and the epoch stays 0.
// Returns { epoch, trainLoss, diverged, problem }.
export async function assertTrains(page, label, index = 0) {
  const r = await page.evaluate((index) => {
    const e = document.querySelectorAll('elu-playground')[index];
    let detail = null;
    e.addEventListener('epoch', (ev) => { detail = ev.detail; }, { once: true });
    e.step();
    const root = e.shadowRoot;
    const c = root.querySelector('.heatmap');
    const copy = new OffscreenCanvas(c.width, c.height).getContext('2d', { willReadFrequently: true });
    copy.drawImage(c, 0, 0);
    const d = copy.getImageData(0, 0, c.width, c.height).data;
    const colors = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) if (d[i + 3] === 255) colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    const finite = (v) => (Number.isFinite(v) ? v : String(v));
    return { epoch: e.epoch, problem: e.problem, trainLoss: finite(detail?.trainLoss ?? null), testLoss: finite(detail?.testLoss ?? null),
      accuracy: finite(detail?.accuracy ?? null), diverged: !root.querySelector('.diverged').hidden, colors: colors.size,
      text: root.querySelector('.train').textContent };
  }, index);
  assert.ok(!/NaN|Infinity|undefined/.test(r.text), `${label}: training panel text: ${r.text}`);
  assert.ok(r.colors > 4, `${label}: the heatmap has ${r.colors} colors`);
  if (r.diverged) assert.equal(r.trainLoss, null, `${label}: diverged yet an epoch event`);
  else {
    assert.ok(Number.isFinite(r.trainLoss) && Number.isFinite(r.testLoss) && r.epoch >= 1, `${label}: ${JSON.stringify(r)}`);
    if (r.problem === 'regression') assert.equal(r.accuracy, 'NaN', `${label}: regression accuracy`);
    else assert.ok(r.accuracy >= 0 && r.accuracy <= 1, `${label}: accuracy ${r.accuracy}`);
  }
  return r;
}

// axe-core's violations on the page, as "id: help (targets)" lines (axe loads from the same origin:
// the pages' CSP allows it as it is).
export async function axeViolations(page) {
  await page.evaluate(() => new Promise((resolve, reject) => {
    if (window.axe) { resolve(); return; }
    const s = document.createElement('script');
    s.src = '/node_modules/axe-core/axe.min.js';
    s.onload = resolve;
    s.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(s);
  }));
  return page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`), undefined, { timeout: 60000 });
}

// The page's recorded problems are exactly `expected` (default: none).
export async function assertClean(page, label = '', expected = []) {
  assert.deepEqual(await page.problems(), expected, `${label} console/page problems`);
}
