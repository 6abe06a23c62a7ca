// Shared by the browser tests: Debian's Chromium driven by playwright-core, pages served on localhost,
// and a console recorder so every test can assert a clean console.
import assert from 'node:assert/strict';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';

export async function openBrowser() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    browser,
    // A new page that records console errors/warnings and uncaught exceptions in `problems`.
    async page(options) {
      const page = await browser.newPage(options);
      page.problems = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') page.problems.push(`${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

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
    const got = centres.sort((a, b) => Math.abs(a - want) - Math.abs(b - want))[0];
    return { got, want, alpha: el.alpha };
  }, [x, index]);
}

export async function assertCurve(page, label) {
  const { got, want, alpha } = await curveAt(page, -2);
  assert.ok(Math.abs(got - want) <= 1, `${label}: alpha ${alpha}: curve at row ${got}, math says ${want.toFixed(2)}`);
}

// One training step of the element at `index` (its training panel shown): the epoch event's losses are
// finite and the heatmap holds real colors, or (a learning rate that overshoots) the step diverged, the
// diverged banner says so and the epoch stays 0. Returns { epoch, trainLoss, diverged }.
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
    return { epoch: e.epoch, trainLoss: detail?.trainLoss ?? null, testLoss: detail?.testLoss ?? null,
      diverged: !root.querySelector('.diverged').hidden, colors: colors.size,
      text: root.querySelector('.train').textContent };
  }, index);
  assert.ok(!/NaN|Infinity|undefined/.test(r.text), `${label}: training panel text: ${r.text}`);
  assert.ok(r.colors > 4, `${label}: the heatmap has ${r.colors} colors`);
  if (r.diverged) assert.equal(r.trainLoss, null, `${label}: diverged yet an epoch event`);
  else assert.ok(Number.isFinite(r.trainLoss) && Number.isFinite(r.testLoss) && r.epoch >= 1, `${label}: ${JSON.stringify(r)}`);
  return r;
}
