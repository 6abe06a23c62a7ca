// <elu-playground> input paths in real Chromium: touch on the function plot (crosshair readout
// matches alpha*expm1(x)), prefers-reduced-motion vs autoplay, and the code panel's copy buttons.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './browser.mjs';

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

// Records console errors/warnings and uncaught exceptions in page.problems, as browser.mjs does
// (for pages made from a context of our own).
function record(page) {
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') page.problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  return page;
}

// Puts `html` into the fixture page (CSP as in production) and waits for every widget.
async function fill(page, html) {
  await page.goto(`${env.base}/tests/browser/fixture.html`);
  await page.evaluate((markup) => { document.body.innerHTML = markup; }, html);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('elu-playground')].map((e) => e.ready)));
  return page;
}

// The readout "x = …   ELU(x) = …   ELU′(x) = …" parsed to numbers, once its x is within 0.05 of
// `wantX` (touch input reaches the page asynchronously, so wait for it; times out if it never does).
async function readout(page, wantX) {
  if (wantX !== undefined) {
    await page.waitForFunction((w) => {
      const m = /^x = (-?[\d.]+)/.exec(document.querySelector('elu-playground').shadowRoot.querySelector('.readout').textContent);
      return m && Math.abs(Number(m[1]) - w) < 0.05;
    }, wantX, { timeout: 3000 });
  }
  const text = await page.locator('elu-playground .readout').textContent();
  const m = /x = (-?\d+\.\d+)\s+ELU\(x\) = (-?\d+\.\d+)\s+ELU′\(x\) = (-?\d+\.\d+)/.exec(text);
  assert.ok(m, `readout: ${JSON.stringify(text)}`);
  return { text, x: Number(m[1]), fx: Number(m[2]), dfx: Number(m[3]) };
}

// Asserts the readout's ELU(x) is alpha*expm1(x) (x > 0: x) for the printed x, allowing for the
// rounding of x (2 decimals, times the slope) and of ELU(x) (3 decimals); x near `wantX`.
function assertReadout({ text, x, fx, dfx }, alpha, wantX) {
  assert.ok(Math.abs(x - wantX) < 0.05, `${text}: expected x near ${wantX.toFixed(3)}`);
  const math = x > 0 ? x : alpha * Math.expm1(x);
  const tol = 0.0005 + 0.005 * Math.max(Math.abs(dfx), 1) + 1e-6;
  assert.ok(Math.abs(fx - math) <= tol, `${text}: alpha*expm1(${x}) = ${math.toFixed(4)} (tolerance ${tol.toFixed(4)})`);
}

// Data x under the plot's CSS pixel column `px` (from the left edge of the canvas), and the
// canvas box in page coordinates.
function plotGeometry(page) {
  return page.evaluate(async () => {
    const { layout } = await import('/web/src/widget/plot.js');
    const el = document.querySelector('elu-playground');
    const c = el.shadowRoot.querySelector('.plot');
    const r = c.getBoundingClientRect();
    const g = layout(c.clientWidth, c.clientHeight, el.alpha);
    return { x: r.left, y: r.top, width: r.width, height: r.height, pad: g.pad, plotW: g.width, xMin: g.xMin, xMax: g.xMax };
  });
}
const dataX = (g, px) => g.xMin + ((px - g.pad.left) / g.plotW) * (g.xMax - g.xMin);

test('touch: a tap and a horizontal drag on the plot move the crosshair; readout = alpha*expm1(x)', async () => {
  const page = await env.page({ hasTouch: true, viewport: { width: 800, height: 900 } });
  await fill(page, '<elu-playground panels="function" alpha="2"></elu-playground>');
  const g = await plotGeometry(page);
  const y = g.y + g.height / 2;
  // Tap at 25 % of the plot area (x ~ -2.5, where alpha matters).
  const tapPx = g.pad.left + 0.25 * g.plotW;
  await page.touchscreen.tap(g.x + tapPx, y);
  assertReadout(await readout(page, dataX(g, tapPx)), 2, dataX(g, tapPx));
  // Drag (raw touch events over CDP: playwright has no touch drag) from 30 % to 70 % of the plot.
  const cdp = await page.context().newCDPSession(page);
  const at = (f) => [{ x: g.x + g.pad.left + f * g.plotW, y }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.3) });
  for (const f of [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(f) });
    const wantX = dataX(g, g.pad.left + f * g.plotW); // the crosshair follows the finger: x < 0, then x > 0
    assertReadout(await readout(page, wantX), 2, wantX);
  }
  const end = await readout(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  // The crosshair stays after the finger lifts (only a mouse leaving clears it).
  await page.waitForTimeout(200);
  assert.equal((await readout(page)).text, end.text);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// A widget with autoplay below a tall spacer, scrolled into view, with the given motion preference.
async function autoplayPage(reducedMotion) {
  const page = await env.page({ viewport: { width: 900, height: 700 } });
  await page.emulateMedia({ reducedMotion });
  await fill(page, '<div style="height: 1500px"></div><elu-playground panels="training" autoplay epochs-per-frame="5"></elu-playground>');
  assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), reducedMotion === 'reduce');
  await page.locator('elu-playground').scrollIntoViewIfNeeded();
  return page;
}

test('prefers-reduced-motion: reduce keeps an autoplay widget paused, on screen', async () => {
  const page = await autoplayPage('reduce');
  await page.waitForTimeout(1000);
  const s = await page.evaluate(() => { const e = document.querySelector('elu-playground'); return [e.playing, e.epoch]; });
  assert.deepEqual(s, [false, 0]);
  // The user can still start it.
  await page.locator('elu-playground .play').click();
  await page.waitForFunction(() => document.querySelector('elu-playground').epoch > 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('prefers-reduced-motion: no-preference lets an autoplay widget play once in view; turning it on pauses', async () => {
  const page = await autoplayPage('no-preference');
  await page.waitForFunction(() => document.querySelector('elu-playground').epoch > 0, null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').playing), true);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitForFunction(() => !document.querySelector('elu-playground').playing, null, { timeout: 3000 });
  const epoch = await page.evaluate(() => document.querySelector('elu-playground').epoch);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').epoch), epoch);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('code panel: the copy buttons put the PyTorch and Keras snippets for alpha 1.25 on the clipboard', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = record(await context.newPage());
  await fill(page, '<elu-playground panels="function code"></elu-playground>');
  await page.locator('elu-playground #alpha-number').fill('1.25');
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').alpha), 1.25);
  for (const [i, want] of [[0, 'nn.ELU(alpha=1.25)'], [1, 'tf.keras.layers.ELU(alpha=1.25)']]) {
    await page.evaluate(() => navigator.clipboard.writeText('')); // so a stale clipboard cannot pass
    const button = page.locator(`elu-playground [data-copy="${i}"]`);
    await button.click();
    await page.waitForFunction((b) => b.textContent === 'Copied', await button.elementHandle());
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(text.includes(want), `clipboard after copy ${i}: ${JSON.stringify(text)}`);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});
