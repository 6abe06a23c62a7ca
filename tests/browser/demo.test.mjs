// The standalone demo in real Chromium: the module loads with SIMD, the curve is drawn where the
// math says, the slider redraws it, and the console stays clean. Also the module in a worker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './browser.mjs';

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

// Rows of the canvas (in canvas pixels) in column `col` whose colour is the ELU blue.
async function blueRows(page, col) {
  return page.evaluate((c) => {
    const canvas = document.getElementById('plot');
    // Read through a copy, so the page's own canvas is never read back (no readback warnings).
    const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d', { willReadFrequently: true });
    copy.drawImage(canvas, 0, 0);
    const data = copy.getImageData(c, 0, 1, canvas.height).data;
    const rows = [];
    for (let r = 0; r < canvas.height; r++) {
      const [red, green, blue, a] = data.subarray(4 * r, 4 * r + 4);
      if (a > 200 && blue > 200 && red < 80 && green > 60 && green < 140) rows.push(r);
    }
    return rows;
  }, col);
}

// Demo geometry (web/demo/demo.js): x in [-5, 5] over the width, y in [-3.5, 5] over the height.
const colOf = (x, w) => Math.round(((x + 5) / 10) * (w - 1));
const rowOf = (v, h) => h - ((v + 3.5) / 8.5) * h;

test('demo loads SIMD128 kernels and draws ELU where the math says', async () => {
  const page = await env.page();
  await page.goto(`${env.base}/web/demo/`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getAttribute('body', 'data-simd'), 'true');
  const { width, height } = await page.evaluate(() => {
    const c = document.getElementById('plot');
    return { width: c.width, height: c.height };
  });
  for (const alpha of [1, 2.5]) {
    await page.locator('#alpha').fill(String(alpha));
    await page.waitForSelector(`body[data-alpha="${alpha}"]`);
    const rows = await blueRows(page, colOf(-2, width));
    const want = rowOf(alpha * Math.expm1(-2), height);
    assert.ok(rows.some((r) => Math.abs(r - want) <= 2),
      `alpha ${alpha}: expected the curve near row ${want.toFixed(1)}, blue rows: ${rows}`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the same import works in a module worker', async () => {
  const page = await env.page();
  await page.goto(`${env.base}/web/demo/`);
  const result = await page.evaluate(() => new Promise((resolve, reject) => {
    const worker = new Worker('/tests/browser/worker.js', { type: 'module' });
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
  }));
  assert.equal(result.simd, true);
  assert.deepEqual(result.y, [Math.fround(Math.expm1(-1)), 2]);
  assert.deepEqual(page.problems, []);
  await page.close();
});
