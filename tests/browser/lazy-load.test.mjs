// What an element downloads, in every engine: with only the function panel (and the code panel) it
// loads the kernels-only module (elu_kernels.wasm), draws the curve and the overlays from it, and
// never the whole module; a panel that trains, shown later, loads the whole module and trains; the
// default panels load the whole module alone, and so does a page where one element draws curves and
// another trains. The network and study panels bring their markup and
// styles with their code.
import assert from 'node:assert/strict';

import { assertClean, assertCurve, assertTrains, fixture as loadFixture, forEachEngine } from './browser.mjs';

// The .wasm files the page has fetched, by name.
const wasmFetched = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => new URL(e.name).pathname.split('/').pop()).filter((f) => f.endsWith('.wasm')).sort());

// Steps the first element until it has trained an epoch (its whole module may still be loading).
const trainedOnce = (page) => page.waitFor(() => {
  const e = document.querySelector('elu-playground');
  e.step();
  return e.epoch >= 1;
}, undefined, { timeout: 20000, message: 'an epoch after the training panel was shown' });

forEachEngine(({ env, test }) => {
  const fixture = (html, options) => loadFixture(env, html, options);

  test('panels="function": the kernels-only module draws the curve and the overlays; a training panel shown later loads the whole module and trains', async () => {
    const page = await fixture('<elu-playground panels="function code" alpha="1.5" activations="gelu selu tanh"></elu-playground>');
    assert.deepEqual(await wasmFetched(page), ['elu_kernels.wasm']);
    assert.equal(await page.evaluate(() => document.querySelector('elu-playground').simd), true);
    await assertCurve(page, 'kernels module');
    // The overlays are drawn: pixels of each one's colour on the plot.
    const pixels = await page.evaluate(async () => {
      const { OVERLAY_COLORS } = await import('/web/src/widget/template.js');
      const { rgb } = await import('/web/src/widget/heatmap.js');
      const canvas = document.querySelector('elu-playground').shadowRoot.querySelector('.plot');
      const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d', { willReadFrequently: true });
      copy.drawImage(canvas, 0, 0);
      const d = copy.getImageData(0, 0, canvas.width, canvas.height).data;
      return Object.fromEntries(['gelu', 'selu', 'tanh'].map((name) => {
        const [r, g, b] = rgb(OVERLAY_COLORS[name]);
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && Math.hypot(d[i] - r, d[i + 1] - g, d[i + 2] - b) < 30) n++;
        return [name, n];
      }));
    });
    for (const [name, n] of Object.entries(pixels)) assert.ok(n > 50, `${name}: ${n} pixels of its colour on the plot`);
    await page.evaluate(() => { document.querySelector('elu-playground').step(); }); // nothing trains: a no-op
    assert.equal(await page.evaluate(() => document.querySelector('elu-playground').epoch), 0);
    assert.deepEqual(await wasmFetched(page), ['elu_kernels.wasm'], 'step() with no training panel loads nothing');

    await page.evaluate(() => { document.querySelector('elu-playground').panels = ['function', 'training']; });
    await trainedOnce(page);
    assert.deepEqual(await wasmFetched(page), ['elu_kernels.wasm', 'elu_simd.wasm']);
    await assertTrains(page, 'after the training panel was shown');
    await page.evaluate(() => { document.querySelector('elu-playground').alpha = 0.5; });
    await assertCurve(page, 'whole module, alpha 0.5');
    await assertClean(page);
    await page.close();
  });

  test('a page with an element that draws curves and one that trains loads the whole module alone', async () => {
    const page = await fixture('<elu-playground panels="function" alpha="1.5"></elu-playground><elu-playground panels="training"></elu-playground>');
    assert.deepEqual(await wasmFetched(page), ['elu_simd.wasm']);
    await assertCurve(page, 'the curves from the whole module');
    await assertTrains(page, 'the second element', 1);
    // The first element's training panel shown later: its training code loads, the module is there.
    await page.evaluate(() => { document.querySelector('elu-playground').panels = ['function', 'training']; });
    await trainedOnce(page);
    assert.deepEqual(await wasmFetched(page), ['elu_simd.wasm']);
    await assertClean(page);
    await page.close();
  });

  test('the default panels load the whole module alone; network and study panels bring their markup and styles', async () => {
    const page = await fixture('<elu-playground></elu-playground>');
    assert.deepEqual(await wasmFetched(page), ['elu_simd.wasm']);
    await trainedOnce(page);
    await page.evaluate(() => { document.querySelector('elu-playground').panels = ['network', 'study']; });
    // Each panel's own rules apply once its code is in: the diagrams' grid, the Run button's accent.
    const styled = await page.waitFor(() => {
      const root = document.querySelector('elu-playground').shadowRoot;
      const diagrams = root.querySelector('.net .diagrams'), run = root.querySelector('.study .study-run');
      if (!diagrams || !run || !root.querySelector('.study-baselines input')) return false;
      return getComputedStyle(diagrams).display === 'grid' && getComputedStyle(run).fontWeight === '600';
    }, undefined, { timeout: 20000, message: 'the network and study panels, styled' });
    assert.ok(styled);
    assert.deepEqual(await wasmFetched(page), ['elu_simd.wasm']);
    await assertClean(page);
    await page.close();
  });
});
