// <elu-playground> in real Chromium: the curve lands where the math says after mouse and keyboard
// alpha changes, training, live alpha, compare mode, independence, strict CSP, removal, fallbacks,
// divergence, the URL hash, axe-core, and screenshots (tests/artifacts/) in light, dark and 320 px.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { assertCurve, assertTrains, curveAt, openBrowser } from './browser.mjs';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
let env;
before(async () => {
  env = await openBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
});
after(async () => { await env?.close(); });

// A page holding `html` (served from the repo root as a data-free fixture: the standalone page's
// hash carries the state, the rest go through page.setContent on a same-origin blank page).
async function fixture(html, options) {
  const page = await env.page(options);
  await page.goto(`${env.base}/tests/browser/fixture.html`);
  await page.evaluate((markup) => { document.body.innerHTML = markup; }, html);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('elu-playground')].map((e) => e.ready)));
  return page;
}

// Plays the first element until epoch `last`, then pauses: [epoch, trainLoss, testLoss] per epoch.
function playUntil(page, last) {
  return page.evaluate((last) => new Promise((resolve) => {
    const e = document.querySelector('elu-playground');
    const seen = [];
    e.addEventListener('epoch', ({ detail }) => {
      seen.push([detail.epoch, detail.trainLoss, detail.testLoss]);
      if (detail.epoch === last) { e.pause(); resolve(seen); }
    });
    e.play();
  }), last);
}

test('standalone page: mouse and keyboard alpha changes put the curve where alpha*expm1(x) says', async () => {
  const page = await env.page({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${env.base}/web/demo/`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getAttribute('body', 'data-simd'), 'true');
  await assertCurve(page, 'initial');
  const slider = page.locator('elu-playground #alpha-range');
  const box = await slider.boundingBox();
  // Mouse: press near the left end, drag to about 2/3 of the track (alpha ~ 2).
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.67, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const dragged = await page.evaluate(() => document.querySelector('elu-playground').alpha);
  assert.ok(dragged > 1.7 && dragged < 2.3, `dragged alpha ${dragged}`);
  await assertCurve(page, 'mouse');
  // Keyboard: End, Home, arrows, PageUp; aria-valuetext follows.
  await slider.focus();
  for (const [key, want] of [['End', 3], ['Home', 0], ['ArrowRight', 0.01], ['PageUp', null]]) {
    await page.keyboard.press(key);
    const alpha = await page.evaluate(() => document.querySelector('elu-playground').alpha);
    if (want !== null) assert.equal(alpha, want, key);
    assert.equal(await slider.getAttribute('aria-valuetext'), `alpha ${alpha.toFixed(2)}`);
    await assertCurve(page, key);
  }
  // The number field: valid values apply, invalid ones are flagged and alpha stays.
  const number = page.locator('elu-playground #alpha-number');
  await number.fill('2.5');
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').alpha), 2.5);
  await assertCurve(page, 'number field');
  await number.fill('11');
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').alpha), 2.5);
  // The URL hash follows (debounced).
  await page.waitForFunction(() => location.hash === '#alpha=2.5');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the URL hash restores the state, and hashchange applies it', async () => {
  const page = await env.page();
  await page.goto(`${env.base}/web/demo/#alpha=0.5&dataset=xor&hidden-layers=4,4&compare=relu&activations=gelu+tanh`);
  await page.waitForSelector('body[data-ready="true"]');
  const state = () => page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    return [e.alpha, e.datasetName, e.hiddenLayers.join(), e.compare, e.activations.join()];
  });
  assert.deepEqual(await state(), [0.5, 'xor', '4,4', 'relu', 'gelu,tanh']);
  await assertCurve(page, 'from hash');
  await page.evaluate(() => { location.hash = '#alpha=1.75'; });
  await page.waitForFunction(() => document.querySelector('elu-playground').alpha === 1.75);
  assert.deepEqual(await state(), [1.75, 'circle', '8,8', 'none', '']);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('training: loss falls; an alpha change while playing keeps training (no reset)', async () => {
  const page = await fixture('<elu-playground panels="function training" dataset="circle" epochs-per-frame="5"></elu-playground>');
  const losses = await playUntil(page, 150);
  assert.equal(losses.length, 150);
  assert.ok(losses.every(([, a, b]) => Number.isFinite(a) && Number.isFinite(b)));
  assert.ok(losses.at(-1)[1] < 0.5 * losses[0][1], `train loss ${losses[0][1]} -> ${losses.at(-1)[1]}`);
  // Alpha moves (keyboard) while playing: the epoch counter keeps counting from where it was.
  await page.evaluate(() => document.querySelector('elu-playground').play());
  await page.locator('elu-playground #alpha-range').focus();
  await page.keyboard.press('End');
  const epochAtChange = await page.evaluate(() => document.querySelector('elu-playground').epoch);
  assert.ok(epochAtChange >= 150);
  await page.waitForFunction((n) => document.querySelector('elu-playground').epoch > n + 50, epochAtChange);
  const after = await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    return { alpha: e.alpha, playing: e.playing, text: e.shadowRoot.querySelector('.epoch output').textContent };
  });
  assert.equal(after.alpha, 3);
  assert.equal(after.playing, true);
  assert.ok(Number(after.text) > epochAtChange + 50);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('compare mode: two heatmaps, two loss curves on one chart, per-layer stats', async () => {
  const page = await fixture('<elu-playground panels="training" compare="relu" dataset="spiral" epochs-per-frame="10"></elu-playground>');
  await page.evaluate(() => new Promise((resolve) => {
    const e = document.querySelector('elu-playground');
    e.addEventListener('epoch', ({ detail }) => { if (detail.epoch === 100) { e.pause(); resolve(); } });
    e.play();
  }));
  const result = await page.evaluate(async () => {
    const { rgb } = await import('/web/src/widget/heatmap.js');
    const e = document.querySelector('elu-playground');
    const cs = getComputedStyle(e);
    const colors = ['--elu-accent', '--elu-compare-color'].map((v) => rgb(cs.getPropertyValue(v)));
    const canvas = e.shadowRoot.querySelector('.loss');
    const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d', { willReadFrequently: true });
    copy.drawImage(canvas, 0, 0);
    const d = copy.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = colors.map(() => 0);
    for (let i = 0; i < d.length; i += 4) {
      colors.forEach((c, k) => { if (Math.hypot(d[i] - c[0], d[i + 1] - c[1], d[i + 2] - c[2]) < 40 && d[i + 3] > 200) counts[k] += 1; });
    }
    const maps = [...e.shadowRoot.querySelectorAll('.map')].filter((m) => !m.hidden).length;
    const heads = [...e.shadowRoot.querySelectorAll('.summary th[scope=col]')].map((th) => th.textContent);
    const rows = [...e.shadowRoot.querySelectorAll('.summary tbody th')].map((th) => th.textContent);
    return { counts, maps, heads, rows };
  });
  assert.ok(result.counts[0] > 200 && result.counts[1] > 200, `loss chart pixels (ELU, ReLU): ${result.counts}`);
  assert.equal(result.maps, 2);
  assert.deepEqual(result.heads, ['ELU', 'ReLU']);
  assert.ok(result.rows.includes('Layer 1 mean activation') && result.rows.includes('Layer 2 dead units'), result.rows.join());
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('two instances are independent', async () => {
  const page = await fixture('<elu-playground panels="function training"></elu-playground><elu-playground panels="function training" alpha="2"></elu-playground>');
  await page.locator('elu-playground >> nth=0').locator('#alpha-range').focus();
  await page.keyboard.press('Home');
  await page.evaluate(() => document.querySelectorAll('elu-playground')[0].step());
  const s = await page.evaluate(() => [...document.querySelectorAll('elu-playground')].map((e) => [e.alpha, e.epoch]));
  assert.deepEqual(s, [[0, 1], [2, 0]]);
  await assertCurve(page, 'first', );
  const { got, want } = await curveAt(page, -2, 1);
  assert.ok(Math.abs(got - want) <= 1, `second: ${got} vs ${want}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a removed element stops its animation loop and drops its networks', async () => {
  const page = await fixture('<elu-playground panels="training"></elu-playground>');
  await page.evaluate(() => {
    window.rafCalls = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (f) => { window.rafCalls += 1; return raf(f); };
    document.querySelector('elu-playground').play();
  });
  await page.waitForFunction(() => document.querySelector('elu-playground').frames > 5);
  const state = await page.evaluate(async () => {
    const e = document.querySelector('elu-playground');
    e.remove();
    await new Promise((r) => setTimeout(r, 50));
    const calls = window.rafCalls, frames = e.frames;
    await new Promise((r) => setTimeout(r, 300));
    return { calls: window.rafCalls - calls, frames: e.frames - frames, epoch: e.epoch, playing: e.playing };
  });
  assert.deepEqual(state, { calls: 0, frames: 0, epoch: 0, playing: false });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('invalid attributes warn and fall back; user strings never become markup', async () => {
  const page = await fixture('<elu-playground alpha="banana" dataset="&lt;img src=x onerror=alert(1)&gt;" hidden-layers="8,x" learning-rate="99" theme="neon"></elu-playground>');
  const s = await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    return [e.alpha, e.datasetName, e.hiddenLayers.join(), e.learningRate, e.theme, e.shadowRoot.querySelectorAll('img').length];
  });
  assert.deepEqual(s, [1, 'circle', '8,8', 10, 'auto', 0]);
  assert.equal(page.problems.length, 5);
  assert.ok(page.problems.every((p) => p.startsWith('warning: <elu-playground>')), page.problems.join('\n'));
  await assertCurve(page, 'after fallbacks');
  // Properties go through the same table.
  await page.evaluate(() => { const e = document.querySelector('elu-playground'); e.alpha = 0.25; e.hiddenLayers = [3, 2]; });
  assert.deepEqual(await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    return [e.getAttribute('alpha'), e.getAttribute('hidden-layers')];
  }), ['0.25', '3,2']);
  await page.close();
});

test('divergence pauses training with a message and a one-click reset; a sane rate then trains', async () => {
  const page = await fixture('<elu-playground panels="training" learning-rate="10" optimizer="momentum"></elu-playground>');
  await page.evaluate(() => document.querySelector('elu-playground').play());
  await page.waitForFunction(() => !document.querySelector('elu-playground').playing);
  const banner = page.locator('elu-playground .diverged');
  assert.equal(await banner.isVisible(), true);
  assert.match(await banner.textContent(), /diverged/);
  // Stopped cleanly: play() is refused until reset, the epoch stays, nothing shows NaN.
  const epoch = await page.evaluate(() => document.querySelector('elu-playground').epoch);
  await page.evaluate(() => document.querySelector('elu-playground').play());
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => [document.querySelector('elu-playground').playing, document.querySelector('elu-playground').epoch]), [false, epoch]);
  assert.doesNotMatch(await page.locator('elu-playground .train').textContent(), /NaN|Infinity/);
  await banner.locator('button').click();
  assert.equal(await banner.isVisible(), false);
  assert.equal(await page.evaluate(() => document.querySelector('elu-playground').epoch), 0);
  // Recovery: the same networks at a learning rate that works train with finite, falling loss.
  await page.locator('elu-playground select[data-field="learningRate"]').selectOption('0.03');
  const losses = (await playUntil(page, 60)).map(([, train]) => train);
  assert.ok(losses.every(Number.isFinite) && losses.at(-1) < losses[0], `losses ${losses[0]} -> ${losses.at(-1)}`);
  await assertTrains(page, 'after recovery');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('extreme settings (alpha 10, learning rate 10, batch 1, eight layers of 64, 50 epochs per frame) stop cleanly or train finitely; reset recovers', async () => {
  const page = await fixture(`<elu-playground panels="function training" alpha="10" learning-rate="10" batch-size="1" noise="1"
    hidden-layers="64,64,64,64,64,64,64,64" compare="relu" epochs-per-frame="50"></elu-playground>`);
  await page.evaluate(() => document.querySelector('elu-playground').play());
  await page.waitForFunction(() => { const e = document.querySelector('elu-playground'); return !e.playing || e.epoch >= 20; }, null, { timeout: 20000 });
  const s = await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    e.pause();
    return { epoch: e.epoch, diverged: !e.shadowRoot.querySelector('.diverged').hidden };
  });
  assert.ok(s.diverged || s.epoch >= 20, JSON.stringify(s));
  assert.doesNotMatch(await page.locator('elu-playground .train').textContent(), /NaN|Infinity/);
  await assertCurve(page, 'alpha 10');
  await page.evaluate(() => document.querySelector('elu-playground').reset());
  assert.equal(await page.locator('elu-playground .diverged').isVisible(), false);
  await page.evaluate(() => { const e = document.querySelector('elu-playground'); e.learningRate = 0.001; e.batchSize = 10; });
  await assertTrains(page, 'after reset');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a frame trains within its time budget: 50 epochs per frame on two 8 x 64 networks do not run in one frame', async () => {
  const page = await fixture('<elu-playground panels="training" hidden-layers="64,64,64,64,64,64,64,64" compare="relu" epochs-per-frame="50"></elu-playground>');
  const r = await page.evaluate(() => new Promise((resolve) => {
    const e = document.querySelector('elu-playground');
    e.play();
    const frames0 = e.frames, epoch0 = e.epoch, t0 = performance.now();
    setTimeout(() => { e.pause(); resolve({ frames: e.frames - frames0, epochs: e.epoch - epoch0, ms: performance.now() - t0 }); }, 1500);
  }));
  assert.ok(r.frames >= 5 && r.epochs >= r.frames, JSON.stringify(r));
  // Unbounded, every frame would run 50 epochs (~350 ms here); within the budget far fewer.
  assert.ok(r.epochs / r.frames < 25, `epochs per frame ${(r.epochs / r.frames).toFixed(1)} (${JSON.stringify(r)})`);
  assert.ok(r.ms / r.frames < 150, `ms per frame ${(r.ms / r.frames).toFixed(1)} (${JSON.stringify(r)})`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the article works under a strict CSP: three widgets, no violations, no console problems', async () => {
  const page = await env.page({ viewport: { width: 1200, height: 900 } });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${env.base}/web/demo/article.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(await page.locator('elu-playground').count(), 3);
  // The autoplaying widget starts only when scrolled into view.
  const second = page.locator('elu-playground >> nth=1');
  assert.equal(await second.evaluate((e) => e.epoch), 0);
  await second.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('elu-playground')[1].epoch > 20);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  const epoch = await second.evaluate((e) => e.epoch);
  await page.waitForTimeout(300);
  assert.equal(await second.evaluate((e) => e.epoch), epoch, 'paused while off-screen');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('axe-core: the standalone page and the article have no violations', async () => {
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const path of ['/web/demo/#compare=relu', '/web/demo/article.html']) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await env.page({ bypassCSP: true, colorScheme, viewport: { width: 1200, height: 900 } });
      await page.goto(env.base + path);
      await page.waitForSelector('body[data-ready="true"]');
      await page.evaluate(() => document.querySelectorAll('elu-playground').forEach((e) => e.step?.()));
      await page.addScriptTag({ path: axe });
      const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`));
      assert.deepEqual(violations, [], `${path} ${colorScheme}`);
      await page.close();
    }
  }
});

test('screenshots: light, dark, 320 px (tests/artifacts/)', async () => {
  const shots = [
    ['widget-light.png', '/web/demo/#compare=relu&dataset=spiral', { colorScheme: 'light', viewport: { width: 1200, height: 900 } }],
    ['widget-dark.png', '/web/demo/#compare=relu&dataset=spiral', { colorScheme: 'dark', viewport: { width: 1200, height: 900 } }],
    ['widget-320.png', '/web/demo/#compare=relu', { viewport: { width: 320, height: 640 } }],
    ['article-light.png', '/web/demo/article.html', { colorScheme: 'light', viewport: { width: 1200, height: 900 } }],
    ['article-320-dark.png', '/web/demo/article.html', { colorScheme: 'dark', viewport: { width: 320, height: 640 } }],
  ];
  for (const [file, path, options] of shots) {
    const page = await env.page(options);
    await page.goto(env.base + path);
    await page.waitForSelector('body[data-ready="true"]');
    await page.evaluate(() => Promise.all([...document.querySelectorAll('elu-playground')].map(async (e) => {
      for (let i = 0; i < 60; i++) e.step();
    })));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${file}: page scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: new URL(file, ARTIFACTS).pathname, fullPage: true });
    assert.deepEqual(page.problems, [], file);
    await page.close();
  }
});
