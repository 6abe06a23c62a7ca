// The standalone demo in real Chromium: the module loads with SIMD, the slider drives the widget and
// the console stays clean. Also the module in a worker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './browser.mjs';

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

// The demo is now <elu-playground> (tests/browser/widget.test.mjs checks its pixels against the
// math); here: the page loads the SIMD128 build, the slider drives the element, the console is clean.
test('demo loads SIMD128 kernels and the slider drives the element', async () => {
  const page = await env.page();
  await page.goto(`${env.base}/web/demo/`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getAttribute('body', 'data-simd'), 'true');
  for (const alpha of [1, 2.5]) {
    await page.locator('elu-playground #alpha-range').fill(String(alpha));
    assert.equal(await page.evaluate(() => document.querySelector('elu-playground').alpha), alpha);
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
