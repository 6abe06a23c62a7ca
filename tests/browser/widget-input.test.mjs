// <elu-playground> input paths: touch on the function plot (crosshair readout matches alpha*expm1(x)),
// prefers-reduced-motion vs autoplay, and the code panel's copy buttons. Each needs a capability of
// the driver (touch input, media emulation, clipboard permission): engines without it skip, saying why.
// `page.native` below is the engine's own page object (Playwright's in Chromium).
import assert from 'node:assert/strict';

import { assertClean, click, fill, fixture, forEachEngine } from './browser.mjs';

forEachEngine(({ env, test, lacks }) => {
// The readout "x = …   ELU(x) = …   ELU′(x) = …" parsed to numbers, once its x is within 0.05 of
// `wantX` (touch input reaches the page asynchronously, so wait for it; times out if it never does).
async function readout(page, wantX) {
  if (wantX !== undefined) {
    await page.waitFor((w) => {
      const m = /^x = (-?[\d.]+)/.exec(document.querySelector('elu-playground').shadowRoot.querySelector('.readout').textContent);
      return m && Math.abs(Number(m[1]) - w) < 0.05;
    }, wantX, { timeout: 3000, message: `the readout at x = ${wantX}` });
  }
  const text = await page.evaluate(() => document.querySelector('elu-playground').shadowRoot.querySelector('.readout').textContent);
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

test('touch: a tap and a horizontal drag on the plot move the crosshair; readout = alpha*expm1(x)', { skip: lacks('touch') }, async () => {
  const page = await fixture(env, '<elu-playground panels="function" alpha="2"></elu-playground>', { hasTouch: true, width: 800, height: 900 });
  const g = await plotGeometry(page);
  const y = g.y + g.height / 2;
  // Tap at 25 % of the plot area (x ~ -2.5, where alpha matters).
  const tapPx = g.pad.left + 0.25 * g.plotW;
  await page.touch.tap(g.x + tapPx, y);
  assertReadout(await readout(page, dataX(g, tapPx)), 2, dataX(g, tapPx));
  // Drag from 30 % to 70 % of the plot.
  const at = (f) => [g.x + g.pad.left + f * g.plotW, y];
  await page.touch.start(...at(0.3));
  for (const f of [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    await page.touch.move(...at(f));
    const wantX = dataX(g, g.pad.left + f * g.plotW); // the crosshair follows the finger: x < 0, then x > 0
    assertReadout(await readout(page, wantX), 2, wantX);
  }
  const end = await readout(page);
  await page.touch.end();
  // The crosshair stays after the finger lifts (only a mouse leaving clears it).
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await readout(page)).text, end.text);
  await assertClean(page);
  await page.close();
});

// A widget with autoplay below a tall spacer, scrolled into view, with the given motion preference.
async function autoplayPage(reducedMotion) {
  const page = await fixture(env, '<div style="height: 1500px"></div><elu-playground panels="training" autoplay epochs-per-frame="5"></elu-playground>',
    { width: 900, height: 700, reducedMotion });
  assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), reducedMotion === 'reduce');
  await page.evaluate(() => document.querySelector('elu-playground').scrollIntoView());
  return page;
}

test('prefers-reduced-motion: reduce keeps an autoplay widget paused, on screen', { skip: lacks('media') }, async () => {
  const page = await autoplayPage('reduce');
  await new Promise((r) => setTimeout(r, 1000));
  const s = await page.evaluate(() => { const e = document.querySelector('elu-playground'); return [e.playing, e.epoch]; });
  assert.deepEqual(s, [false, 0]);
  // The user can still start it.
  await click(page, '.play');
  await page.waitFor(() => document.querySelector('elu-playground').epoch > 0);
  await assertClean(page);
  await page.close();
});

test('prefers-reduced-motion: no-preference lets an autoplay widget play once in view; turning it on pauses', { skip: lacks('media') }, async () => {
  const page = await autoplayPage('no-preference');
  await page.waitFor(() => document.querySelector('elu-playground').epoch > 0, undefined, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').playing), true);
  await page.native.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitFor(() => !document.querySelector('elu-playground').playing, undefined, { timeout: 3000 });
  const epoch = await page.evaluate(() => document.querySelector('elu-playground').epoch);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').epoch), epoch);
  await assertClean(page);
  await page.close();
});

test('code panel: the copy buttons put the PyTorch and Keras snippets for alpha 1.25 on the clipboard', { skip: lacks('clipboard') }, async () => {
  const page = await fixture(env, '<elu-playground panels="function code"></elu-playground>', { permissions: ['clipboard-read', 'clipboard-write'] });
  await fill(page, '#alpha-number', '1.25');
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').alpha), 1.25);
  for (const [i, want] of [[0, 'nn.ELU(alpha=1.25)'], [1, 'tf.keras.layers.ELU(alpha=1.25)']]) {
    await page.evaluate(() => navigator.clipboard.writeText('')); // so a stale clipboard cannot pass
    await click(page, `[data-copy="${i}"]`);
    await page.waitFor((i) => document.querySelector('elu-playground').shadowRoot.querySelector(`[data-copy="${i}"]`).textContent === 'Copied', i);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(text.includes(want), `clipboard after copy ${i}: ${JSON.stringify(text)}`);
  }
  await assertClean(page);
  await page.close();
});
});
