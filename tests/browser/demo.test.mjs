// The standalone demo in every engine: the module loads with SIMD, the slider drives the widget and
// the console stays clean. Also the module in a module worker.
import assert from 'node:assert/strict';

import { assertClean, fill, forEachEngine } from './browser.mjs';

forEachEngine(({ env, test }) => {
  test('demo loads SIMD128 kernels and the slider drives the element', async () => {
    const page = await env.page();
    await page.goto('/web/demo/');
    await page.waitFor(() => document.body.dataset.ready === 'true');
    assert.equal(await page.evaluate(() => document.body.dataset.simd), 'true');
    for (const alpha of [1, 2.5]) {
      await fill(page, '#alpha-range', alpha);
      assert.equal(await page.evaluate(() => document.querySelector('elu-playground').alpha), alpha);
    }
    await assertClean(page);
    await page.close();
  });

  test('the same import works in a module worker', async () => {
    const page = await env.page();
    await page.goto('/web/demo/');
    const result = await page.evaluate(() => new Promise((resolve, reject) => {
      const worker = new Worker('/tests/browser/worker.js', { type: 'module' });
      worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
      worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
    }));
    assert.equal(result.simd, true);
    assert.deepEqual(result.y, [Math.fround(Math.expm1(-1)), 2]);
    await assertClean(page);
    await page.close();
  });
});
