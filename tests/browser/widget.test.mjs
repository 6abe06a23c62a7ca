// <elu-playground> in every engine: the curve lands where the math says after mouse and keyboard
// alpha changes, training, live alpha, compare mode, the summary table after pause, regression, the
// training settings (problem and dataset, regularization, train ratio, test data, discretize,
// features), independence, strict CSP, removal, fallbacks, divergence, the URL hash, axe-core, and
// screenshots (tests/artifacts/<engine>-*.png) in light, dark and 320 px.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';

import { MIN_WIDTH } from './engines.mjs';
import { assertClean, assertCurve, axeViolations, assertTrains, box, click, curveAt, fill, fixture as loadFixture, focus, forEachEngine, sleep } from './browser.mjs';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
await mkdir(ARTIFACTS, { recursive: true });

const el = (page, fn, arg) => page.evaluate(fn, arg);
const alphaOf = (page) => el(page, () => document.querySelector('elu-playground').alpha);

forEachEngine(({ engine, env, test, lacks }) => {
const fixture = (html, options) => loadFixture(env, html, options);

// Plays the first element until epoch `last`, then pauses: [epoch, trainLoss, testLoss] per epoch.
// Fails with the element's state if the epoch is not reached within 15 s.
function playUntil(page, last) {
  return page.evaluate((last) => new Promise((resolve, reject) => {
    const e = document.querySelector('elu-playground');
    const seen = [];
    const timer = setTimeout(() => {
      e.pause();
      reject(new Error(`epoch ${last} not reached in 15 s: epoch ${e.epoch}, playing ${e.playing}`));
    }, 15000);
    e.addEventListener('epoch', ({ detail }) => {
      seen.push([detail.epoch, detail.trainLoss, detail.testLoss]);
      if (detail.epoch === last) { clearTimeout(timer); e.pause(); resolve(seen); }
    });
    e.play();
  }), last);
}

test('standalone page: mouse and keyboard alpha changes put the curve where alpha*expm1(x) says', async () => {
  const page = await env.page({ width: 1200, height: 900 });
  await page.goto('/web/demo/');
  await page.waitFor(() => document.body.dataset.ready === 'true');
  assert.equal(await el(page, () => document.body.dataset.simd), 'true');
  await assertCurve(page, 'initial');
  const b = await box(page, '#alpha-range');
  // Mouse: press near the left end, drag to about 2/3 of the track (alpha ~ 2).
  await page.mouse.move(b.x + 10, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * 0.4, b.y + b.height / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width * 0.67, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
  const dragged = await alphaOf(page);
  assert.ok(dragged > 1.7 && dragged < 2.3, `dragged alpha ${dragged}`);
  await assertCurve(page, 'mouse');
  // Keyboard: End, Home, arrows, PageUp; aria-valuetext follows.
  await focus(page, '#alpha-range');
  for (const [key, want] of [['End', 3], ['Home', 0], ['ArrowRight', 0.01], ['PageUp', null]]) {
    await page.keyboard.press(key);
    const alpha = await alphaOf(page);
    if (want !== null) assert.equal(alpha, want, key);
    else assert.ok(alpha > 0.01, `${key}: alpha ${alpha}`);
    const text = await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('#alpha-range').getAttribute('aria-valuetext'));
    assert.equal(text, `alpha ${alpha.toFixed(2)}`);
    await assertCurve(page, key);
  }
  // The number field: valid values apply, invalid ones are flagged and alpha stays.
  await fill(page, '#alpha-number', '2.5');
  assert.equal(await alphaOf(page), 2.5);
  await assertCurve(page, 'number field');
  await fill(page, '#alpha-number', '11');
  assert.equal(await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('#alpha-number').getAttribute('aria-invalid')), 'true');
  assert.equal(await alphaOf(page), 2.5);
  // The URL hash follows (debounced).
  await page.waitFor(() => location.hash === '#alpha=2.5');
  await assertClean(page);
  await page.close();
});

test('the URL hash restores the state, and hashchange applies it', async () => {
  const page = await env.page();
  await page.goto('/web/demo/#alpha=0.5&dataset=xor&hidden-layers=4,4&compare=relu&activations=gelu+tanh');
  await page.waitFor(() => document.body.dataset.ready === 'true');
  const state = () => el(page, () => {
    const e = document.querySelector('elu-playground');
    return [e.alpha, e.datasetName, e.hiddenLayers.join(), e.compare, e.activations.join()];
  });
  assert.deepEqual(await state(), [0.5, 'xor', '4,4', 'relu', 'gelu,tanh']);
  await assertCurve(page, 'from hash');
  await el(page, () => { location.hash = '#alpha=1.75'; });
  await page.waitFor(() => document.querySelector('elu-playground').alpha === 1.75);
  assert.deepEqual(await state(), [1.75, 'circle', '8,8', 'none', '']);
  await assertClean(page);
  await page.close();
});

test('training: loss falls; an alpha change while playing keeps training (no reset)', async () => {
  const page = await fixture('<elu-playground panels="function training" dataset="circle" epochs-per-frame="5"></elu-playground>');
  const losses = await playUntil(page, 150);
  assert.equal(losses.length, 150);
  assert.ok(losses.every(([, a, b]) => Number.isFinite(a) && Number.isFinite(b)));
  assert.ok(losses.at(-1)[1] < 0.5 * losses[0][1], `train loss ${losses[0][1]} -> ${losses.at(-1)[1]}`);
  // Alpha moves (keyboard) while playing: the epoch counter keeps counting from where it was.
  await el(page, () => document.querySelector('elu-playground').play());
  await focus(page, '#alpha-range');
  await page.keyboard.press('End');
  const epochAtChange = await el(page, () => document.querySelector('elu-playground').epoch);
  assert.ok(epochAtChange >= 150);
  await page.waitFor((n) => document.querySelector('elu-playground').epoch > n + 50, epochAtChange);
  const after = await el(page, () => {
    const e = document.querySelector('elu-playground');
    return { alpha: e.alpha, playing: e.playing, text: e.shadowRoot.querySelector('.epoch output').textContent };
  });
  assert.equal(after.alpha, 3);
  assert.equal(after.playing, true);
  assert.ok(Number(after.text) > epochAtChange + 50);
  await assertClean(page);
  await page.close();
});

test('compare mode: two heatmaps, two loss curves on one chart, per-layer stats', async () => {
  const page = await fixture('<elu-playground panels="training" compare="relu" dataset="spiral" epochs-per-frame="10"></elu-playground>');
  await el(page, () => new Promise((resolve) => {
    const e = document.querySelector('elu-playground');
    e.addEventListener('epoch', ({ detail }) => { if (detail.epoch === 100) { e.pause(); resolve(); } });
    e.play();
  }));
  const result = await el(page, async () => {
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
  await assertClean(page);
  await page.close();
});

test('epoch event: the test accuracy of each network, as the summary table shows it', async () => {
  const page = await fixture('<elu-playground panels="training" compare="relu" dataset="xor"></elu-playground>');
  const r = await el(page, () => {
    const e = document.querySelector('elu-playground');
    const details = [];
    e.addEventListener('epoch', ({ detail }) => details.push(detail));
    for (let i = 0; i < 20; i++) e.step();
    const row = [...e.shadowRoot.querySelectorAll('.summary tbody tr')].find((tr) => tr.firstChild.textContent === 'Test accuracy');
    return { details, shown: [...row.querySelectorAll('td')].map((td) => td.textContent) };
  });
  assert.equal(r.details.length, 20);
  for (const d of r.details) {
    assert.deepEqual(d.runs.map((run) => run.activation), ['elu', 'relu']);
    assert.deepEqual([d.trainLoss, d.testLoss, d.accuracy], [d.runs[0].trainLoss, d.runs[0].testLoss, d.runs[0].accuracy]);
    for (const run of d.runs) assert.ok(run.accuracy >= 0 && run.accuracy <= 1, `epoch ${d.epoch}: ${JSON.stringify(run)}`);
  }
  const last = r.details.at(-1);
  assert.ok(last.accuracy > 0.6, `ELU test accuracy after 20 epochs on xor: ${last.accuracy}`);
  assert.deepEqual(r.shown, last.runs.map((run) => `${(100 * run.accuracy).toFixed(1)}%`));
  await assertClean(page);
  await page.close();
});

// The summary table as the element formats it: losses to 3 decimals, accuracy in % to 1 decimal.
const summaryCells = (page) => el(page, () => {
  const rows = [...document.querySelector('elu-playground').shadowRoot.querySelectorAll('.summary tbody tr')];
  const cells = (label) => [...rows.find((tr) => tr.firstChild.textContent === label).querySelectorAll('td')].map((td) => td.textContent);
  return [cells('Train loss'), cells('Test loss'), cells('Test accuracy')];
});
const formatted = (runs) => [runs.map((r) => r.trainLoss.toFixed(3)), runs.map((r) => r.testLoss.toFixed(3)),
  runs.map((r) => (Number.isFinite(r.accuracy) ? `${(100 * r.accuracy).toFixed(1)}%` : '–'))];

test('the summary table shows the last epoch after pause(), however the redraws were throttled while playing', async () => {
  const page = await fixture('<elu-playground panels="training" compare="relu" dataset="spiral" epochs-per-frame="20"></elu-playground>');
  await el(page, () => {
    const e = document.querySelector('elu-playground');
    e.addEventListener('epoch', ({ detail }) => { window.lastEpoch = detail; });
  });
  // Paused from outside the loop (a click would do the same), then from an epoch listener (mid-frame).
  for (let round = 0; round < 3; round++) {
    const from = await el(page, () => { const e = document.querySelector('elu-playground'); e.play(); return e.epoch; });
    await page.waitFor((n) => document.querySelector('elu-playground').epoch > n + 40, from);
    const last = await el(page, () => {
      const e = document.querySelector('elu-playground');
      e.pause();
      return { detail: window.lastEpoch, epoch: e.epoch, shown: e.shadowRoot.querySelector('.epoch output').textContent };
    });
    assert.deepEqual([last.detail.epoch, last.shown], [last.epoch, String(last.epoch)], `round ${round}`);
    assert.deepEqual(await summaryCells(page), formatted(last.detail.runs), `round ${round}: table after pause() at epoch ${last.epoch}`);
  }
  const last = await el(page, () => new Promise((resolve) => {
    const e = document.querySelector('elu-playground');
    const stop = e.epoch + 33; // not a multiple of 20: mid-frame
    const on = ({ detail }) => {
      if (detail.epoch < stop) return;
      e.removeEventListener('epoch', on);
      e.pause();
      setTimeout(() => resolve({ detail: window.lastEpoch, epoch: e.epoch, stop }), 100);
    };
    e.addEventListener('epoch', on);
    e.play();
  }));
  assert.deepEqual([last.epoch, last.detail.epoch], [last.stop, last.stop], 'pause() in an epoch listener stops at that epoch');
  assert.deepEqual(await summaryCells(page), formatted(last.detail.runs), `table after pause() in a listener at epoch ${last.epoch}`);
  await assertClean(page);
  await page.close();
});

// The first heatmap's pixels: distinct colours, the fraction of pixels at the colour table's two ends
// (class 0 / negative, class 1 / positive: at their strongest), the fraction on each side (away
// from the background, nearer one end than the other), and the pixels of the test points' dark ring.
const heatmapPixels = (page) => el(page, async () => {
  const { makeLut } = await import('/web/src/widget/heatmap.js');
  const { readColors } = await import('/web/src/widget/styles.js');
  const e = document.querySelector('elu-playground');
  const c = readColors(getComputedStyle(e));
  const lut = makeLut(c.classes, c.bg, 2);
  const ends = [lut.slice(0, 3), lut.slice(1020, 1023)];
  const canvas = e.shadowRoot.querySelector('.heatmap');
  const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d', { willReadFrequently: true });
  copy.drawImage(canvas, 0, 0);
  const d = copy.getImageData(0, 0, canvas.width, canvas.height).data;
  const dist = (i, rgb) => Math.hypot(d[i] - rgb[0], d[i + 1] - rgb[1], d[i + 2] - rgb[2]);
  const bg = lut.slice(512, 515); // the middle entry: the background, nearly
  const colors = new Set();
  let exact = 0, dark = 0;
  const sides = [0, 0];
  for (let i = 0; i < d.length; i += 4) {
    colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    if (ends.some((end) => dist(i, end) <= 3)) exact += 1;
    if (dist(i, bg) > 30) sides[dist(i, ends[0]) < dist(i, ends[1]) ? 0 : 1] += 1;
    if (dist(i, [0x1f, 0x29, 0x37]) < 12) dark += 1;
  }
  const n = d.length / 4;
  return { colors: colors.size, exact: exact / n, sides: sides.map((v) => v / n), dark };
});

test('regression: plane trains (MSE falls), the heatmap shows the output on a diverging scale, no accuracy', async () => {
  const page = await fixture('<elu-playground panels="training" dataset="plane" epochs-per-frame="5"></elu-playground>');
  const attrs = () => el(page, () => {
    const e = document.querySelector('elu-playground');
    return [e.problem, e.datasetName, e.getAttribute('problem'), e.getAttribute('dataset')];
  });
  assert.deepEqual(await attrs(), ['regression', 'plane', 'regression', 'plane'], 'the dataset sets the problem, reflected');
  const losses = await playUntil(page, 60);
  assert.ok(losses.every(([, a, b]) => Number.isFinite(a) && Number.isFinite(b)), 'finite losses');
  assert.ok(losses.at(-1)[1] < 0.2 * losses[0][1], `MSE ${losses[0][1]} -> ${losses.at(-1)[1]}`);
  const px = await heatmapPixels(page);
  assert.ok(px.colors > 50 && px.exact < 0.2 && px.sides[0] > 0.15 && px.sides[1] > 0.15, `a diverging heatmap, -1 to 1: ${JSON.stringify(px)}`);
  const text = await el(page, () => {
    const r = document.querySelector('elu-playground').shadowRoot;
    return { train: r.querySelector('.train').textContent, loss: r.querySelector('.loss-caption').textContent,
      map: r.querySelector('.map figcaption').textContent, label: r.querySelector('.heatmap').getAttribute('aria-label') };
  });
  assert.doesNotMatch(text.train, /NaN|Infinity|undefined/);
  assert.equal(text.loss, 'Loss (MSE): train (solid), test (dashed)');
  assert.equal(text.map, 'ELU (α = 1.00): output');
  assert.match(text.label, /^Output of the ELU network on the Plane data;/);
  const [train, test, accuracy] = await summaryCells(page);
  assert.deepEqual(accuracy, ['–']);
  assert.ok(Number(test[0]) >= 0 && Number.isFinite(Number(train[0])), `${train} ${test}`);
  const step = await assertTrains(page, 'regression step');
  assert.equal(step.problem, 'regression');
  // multigauss, then back to classification: the problem follows the dataset.
  await el(page, () => { document.querySelector('elu-playground').datasetName = 'multigauss'; });
  assert.deepEqual(await attrs(), ['regression', 'multigauss', 'regression', 'multigauss']);
  await assertTrains(page, 'multigauss');
  await el(page, () => { document.querySelector('elu-playground').datasetName = 'xor'; });
  assert.deepEqual(await attrs(), ['classification', 'xor', 'classification', 'xor']);
  await assertTrains(page, 'back to xor');
  await assertClean(page);
  await page.close();
});

test('settings: the controls set problem (the dataset list follows), regularization, train ratio, test data, discretize', async () => {
  const page = await fixture('<elu-playground panels="training" epochs-per-frame="5"></elu-playground>');
  const read = () => el(page, () => {
    const e = document.querySelector('elu-playground');
    const r = e.shadowRoot;
    const attrs = Object.fromEntries(['problem', 'dataset', 'regularization', 'regularization-rate', 'train-ratio', 'show-test-data', 'discretize', 'features']
      .map((a) => [a, e.getAttribute(a)]).filter(([, v]) => v !== null));
    return { attrs, datasets: [...r.querySelector('[data-field="datasetName"]').options].map((o) => o.value),
      problem: r.querySelector('[data-field="problem"]').value, dataset: r.querySelector('[data-field="datasetName"]').value,
      ratio: r.querySelector('.ratio').textContent, epoch: e.epoch };
  });
  let s = await read();
  assert.deepEqual(s.datasets, ['circle', 'xor', 'gauss', 'spiral', 'three']);
  assert.deepEqual(s.attrs, {});
  await fill(page, 'select[data-field="problem"]', 'regression');
  s = await read();
  assert.deepEqual([s.attrs, s.datasets, s.dataset], [{ problem: 'regression', dataset: 'plane' }, ['plane', 'multigauss'], 'plane']);
  await fill(page, 'select[data-field="datasetName"]', 'multigauss');
  assert.equal((await read()).attrs.dataset, 'multigauss');
  await fill(page, 'select[data-field="problem"]', 'classification');
  s = await read();
  assert.deepEqual([s.attrs, s.datasets.length, s.dataset], [{ problem: 'classification', dataset: 'circle' }, 5, 'circle']);
  // An attribute set from outside: the other field and the controls follow.
  await el(page, () => document.querySelector('elu-playground').setAttribute('dataset', 'plane'));
  s = await read();
  assert.deepEqual([s.attrs.problem, s.problem, s.dataset, s.datasets], ['regression', 'regression', 'plane', ['plane', 'multigauss']]);
  await el(page, () => { document.querySelector('elu-playground').problem = 'classification'; });
  assert.deepEqual((await read()).attrs, { problem: 'classification', dataset: 'circle' });

  // Regularization: live (the epoch goes on).
  await el(page, () => { const e = document.querySelector('elu-playground'); for (let i = 0; i < 3; i++) e.step(); });
  await fill(page, 'select[data-field="regularization"]', 'l2');
  await fill(page, 'select[data-field="regularizationRate"]', '0.3');
  s = await read();
  assert.deepEqual([s.attrs.regularization, s.attrs['regularization-rate'], s.epoch], ['l2', '0.3', 3]);
  await assertTrains(page, 'l2 0.3');
  // Train ratio: new split, from epoch 0.
  await fill(page, 'input[data-field="trainRatio"]', '70');
  s = await read();
  assert.deepEqual([s.attrs['train-ratio'], s.ratio, s.epoch], ['70', '70%', 0]);

  // Test data: the dark-ringed points appear and go.
  const hidden = await heatmapPixels(page);
  await click(page, 'input[data-field="showTestData"]');
  assert.equal((await read()).attrs['show-test-data'], '');
  const shown = await heatmapPixels(page);
  assert.ok(hidden.dark < 20 && shown.dark > 100, `dark ring pixels: hidden ${hidden.dark}, shown ${shown.dark}`);
  await click(page, 'input[data-field="showTestData"]');
  assert.equal((await read()).attrs['show-test-data'], undefined);
  // Discretize (at epoch 0, where the shading is far from the table's ends): the classes only.
  await el(page, () => document.querySelector('elu-playground').reset());
  const shaded = await heatmapPixels(page);
  await click(page, 'input[data-field="discretize"]');
  assert.equal((await read()).attrs.discretize, '');
  const hard = await heatmapPixels(page);
  assert.ok(hard.exact > 0.8 && hard.exact > shaded.exact + 0.3, `pixels at a class colour: shaded ${JSON.stringify(shaded)}, discretized ${JSON.stringify(hard)}`);
  // Features (no control): the property, reflected; the networks train on them.
  await el(page, () => { document.querySelector('elu-playground').features = ['x2^2', 'x1^2']; });
  s = await read();
  assert.deepEqual([s.attrs.features, s.epoch], ['x2^2 x1^2', 0]);
  assert.deepEqual(await el(page, () => document.querySelector('elu-playground').features), ['x1^2', 'x2^2'], 'a set, in column order');
  await assertTrains(page, 'features x1^2 x2^2');
  await assertClean(page);
  await page.close();
});

test('markup: problem and dataset given together: the dataset decides, a contradicting problem warns once', async () => {
  const page = await fixture(['problem="regression" dataset="circle"', 'dataset="multigauss"', 'problem="Regression"', 'dataset="spiral" problem="classification"']
    .map((a) => `<elu-playground panels="training" ${a}></elu-playground>`).join(''));
  const got = await el(page, () => [...document.querySelectorAll('elu-playground')]
    .map((e) => [e.problem, e.datasetName, e.getAttribute('problem'), e.getAttribute('dataset')]));
  assert.deepEqual(got, [
    ['classification', 'circle', 'classification', 'circle'],
    ['regression', 'multigauss', 'regression', 'multigauss'],
    ['regression', 'plane', 'Regression', 'plane'],
    ['classification', 'spiral', 'classification', 'spiral'],
  ]);
  await assertClean(page, 'markup', ['warning: <elu-playground> problem: "regression" contradicts dataset "circle" (a classification dataset); using classification']);
  for (let i = 0; i < 4; i++) await assertTrains(page, `element ${i}`, i);
  await page.close();
});

test('URL hash: every new field restores, the controls write it back, hashchange applies it', async () => {
  const page = await env.page({ width: 1200, height: 900 });
  await page.goto('/web/demo/#problem=regression&dataset=multigauss&train-ratio=70&features=x1+x2+x1%5E2+sin(x2)'
    + '&regularization=l2&regularization-rate=0.003&show-test-data=1&discretize=1');
  await page.waitFor(() => document.body.dataset.ready === 'true');
  const state = () => el(page, () => {
    const e = document.querySelector('elu-playground');
    return [e.problem, e.datasetName, e.trainRatio, e.features.join(' '), e.regularization, e.regularizationRate, e.showTestData, e.discretize];
  });
  assert.deepEqual(await state(), ['regression', 'multigauss', 70, 'x1 x2 x1^2 sin(x2)', 'l2', 0.003, true, true]);
  await assertTrains(page, 'from the hash');
  // The controls: the hash follows (debounced), in table order, defaults left out.
  await fill(page, 'select[data-field="problem"]', 'classification');
  await fill(page, 'select[data-field="regularization"]', 'l1');
  await fill(page, 'select[data-field="regularizationRate"]', '1');
  await fill(page, 'input[data-field="trainRatio"]', '30');
  await click(page, 'input[data-field="showTestData"]');
  await click(page, 'input[data-field="discretize"]');
  await page.waitFor(() => location.hash === '#train-ratio=30&features=x1+x2+x1%5E2+sin(x2)&regularization=l1&regularization-rate=1',
    undefined, { message: 'the hash of the controls\' state' });
  await el(page, () => { document.querySelector('elu-playground').features = ['x1', 'x2']; });
  await page.waitFor(() => location.hash === '#train-ratio=30&regularization=l1&regularization-rate=1');
  // hashchange: a dataset alone sets its problem; the page writes the agreed pair back.
  await el(page, () => { location.hash = '#dataset=plane&features=sin(x1)'; });
  await page.waitFor(() => document.querySelector('elu-playground').datasetName === 'plane');
  assert.deepEqual(await state(), ['regression', 'plane', 50, 'sin(x1)', 'none', 0, false, false]);
  await page.waitFor(() => location.hash === '#problem=regression&dataset=plane&features=sin(x1)');
  await assertTrains(page, 'sin(x1) on plane');
  // A contradiction: the dataset decides, one warning.
  await el(page, () => { location.hash = '#problem=regression&dataset=xor'; });
  await page.waitFor(() => document.querySelector('elu-playground').datasetName === 'xor');
  assert.deepEqual((await state()).slice(0, 2), ['classification', 'xor']);
  await page.waitFor(() => location.hash === '#dataset=xor');
  await assertClean(page, 'hash', ['warning: <elu-playground> URL problem: "regression" contradicts dataset "xor" (a classification dataset); using classification']);
  await page.close();
});

test('two instances are independent', async () => {
  const page = await fixture('<elu-playground panels="function training"></elu-playground><elu-playground panels="function training" alpha="2"></elu-playground>');
  await focus(page, '#alpha-range', 0);
  await page.keyboard.press('Home');
  await el(page, () => document.querySelectorAll('elu-playground')[0].step());
  const s = await el(page, () => [...document.querySelectorAll('elu-playground')].map((e) => [e.alpha, e.epoch]));
  assert.deepEqual(s, [[0, 1], [2, 0]]);
  await assertCurve(page, 'first');
  const { got, want } = await curveAt(page, -2, 1);
  assert.ok(got !== null && Math.abs(got - want) <= 1, `second: ${got} vs ${want}`);
  await assertClean(page);
  await page.close();
});

test('seed: a new seed gives new data and networks from epoch 0; the old seed gives the old run again, bit for bit', async () => {
  const page = await fixture('<elu-playground panels="training" seed="1" compare="relu"></elu-playground>');
  // Five steps from the current seed: epoch counter and each network's train loss per epoch.
  const run = () => el(page, () => {
    const e = document.querySelector('elu-playground');
    const losses = [];
    const on = ({ detail }) => losses.push(...detail.runs.map((r) => r.trainLoss));
    e.addEventListener('epoch', on);
    const epoch0 = e.epoch;
    for (let i = 0; i < 5; i++) e.step();
    e.removeEventListener('epoch', on);
    return { epoch0, epoch: e.epoch, losses };
  });
  const setSeed = (seed) => el(page, (seed) => { document.querySelector('elu-playground').seed = seed; }, seed);
  const first = await run();
  assert.deepEqual([first.epoch0, first.epoch, first.losses.length], [0, 5, 10]);
  await setSeed(2);
  const second = await run();
  assert.equal(second.epoch0, 0, 'a new seed starts over');
  assert.notEqual(second.losses[0], first.losses[0], 'a new seed trains other data from other weights');
  await setSeed(1);
  const again = await run();
  assert.equal(again.epoch0, 0);
  assert.deepEqual(again.losses, first.losses, 'the same seed gives the same run');
  assert.equal(await el(page, () => document.querySelector('elu-playground').getAttribute('seed')), '1');
  await assertClean(page);
  await page.close();
});

test('a removed element stops its animation loop and drops its networks', async () => {
  const page = await fixture('<elu-playground panels="training"></elu-playground>');
  await el(page, () => {
    window.rafCalls = 0;
    window.epochEvents = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (f) => { window.rafCalls += 1; return raf(f); };
    const e = document.querySelector('elu-playground');
    e.addEventListener('epoch', () => { window.epochEvents += 1; });
    e.play();
  });
  await page.waitFor(() => window.rafCalls > 5 && window.epochEvents > 5);
  const state = await el(page, async () => {
    const e = document.querySelector('elu-playground');
    e.remove();
    await new Promise((r) => setTimeout(r, 50));
    const calls = window.rafCalls, epochs = window.epochEvents;
    await new Promise((r) => setTimeout(r, 300));
    return { calls: window.rafCalls - calls, epochs: window.epochEvents - epochs, epoch: e.epoch, playing: e.playing };
  });
  assert.deepEqual(state, { calls: 0, epochs: 0, epoch: 0, playing: false });
  await assertClean(page);
  await page.close();
});

test('invalid attributes warn and fall back; user strings never become markup', async () => {
  const page = await fixture('<elu-playground alpha="banana" dataset="&lt;img src=x onerror=alert(1)&gt;" hidden-layers="8,x" learning-rate="99" theme="neon"></elu-playground>');
  const s = await el(page, () => {
    const e = document.querySelector('elu-playground');
    return [e.alpha, e.datasetName, e.hiddenLayers.join(), e.learningRate, e.theme, e.shadowRoot.querySelectorAll('img').length];
  });
  assert.deepEqual(s, [1, 'circle', '8,8', 10, 'auto', 0]);
  const problems = await page.problems();
  assert.equal(problems.length, 5, problems.join('\n'));
  assert.ok(problems.every((p) => p.startsWith('warning: <elu-playground>')), problems.join('\n'));
  await assertCurve(page, 'after fallbacks');
  // Properties go through the same table.
  await el(page, () => { const e = document.querySelector('elu-playground'); e.alpha = 0.25; e.hiddenLayers = [3, 2]; });
  assert.deepEqual(await el(page, () => {
    const e = document.querySelector('elu-playground');
    return [e.getAttribute('alpha'), e.getAttribute('hidden-layers')];
  }), ['0.25', '3,2']);
  await page.close();
});

test('divergence pauses training with a message and a one-click reset; a sane rate then trains', async () => {
  const page = await fixture('<elu-playground panels="training" learning-rate="10" optimizer="momentum"></elu-playground>');
  await el(page, () => document.querySelector('elu-playground').play());
  await page.waitFor(() => !document.querySelector('elu-playground').playing, undefined, { message: 'training to stop on divergence' });
  const banner = () => el(page, () => {
    const b = document.querySelector('elu-playground').shadowRoot.querySelector('.diverged');
    return { visible: !b.hidden && b.getClientRects().length > 0, text: b.textContent };
  });
  const shown = await banner();
  assert.equal(shown.visible, true);
  assert.match(shown.text, /diverged/);
  // Stopped cleanly: play() is refused until reset, the epoch stays, nothing shows NaN.
  const epoch = await el(page, () => document.querySelector('elu-playground').epoch);
  await el(page, () => document.querySelector('elu-playground').play());
  await sleep(200);
  assert.deepEqual(await el(page, () => [document.querySelector('elu-playground').playing, document.querySelector('elu-playground').epoch]), [false, epoch]);
  const trainText = () => el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('.train').textContent);
  assert.doesNotMatch(await trainText(), /NaN|Infinity/);
  await click(page, '.diverged button');
  await page.waitFor(() => document.querySelector('elu-playground').shadowRoot.querySelector('.diverged').hidden, undefined, { message: 'the banner to hide after reset' });
  assert.equal(await el(page, () => document.querySelector('elu-playground').epoch), 0);
  // Recovery: the same networks at a learning rate that works take a step at once (reset cleared
  // the divergence), then train with finite, falling loss.
  await fill(page, 'select[data-field="learningRate"]', '0.03');
  const afterReset = await el(page, () => {
    const e = document.querySelector('elu-playground');
    e.step();
    return { epoch: e.epoch, banner: !e.shadowRoot.querySelector('.diverged').hidden };
  });
  assert.deepEqual(afterReset, { epoch: 1, banner: false }, 'one step after reset');
  assert.equal(await el(page, () => document.querySelector('elu-playground').learningRate), 0.03);
  const losses = (await playUntil(page, 61)).map(([, train]) => train);
  assert.ok(losses.every(Number.isFinite) && losses.at(-1) < losses[0], `losses ${losses[0]} -> ${losses.at(-1)}`);
  await assertTrains(page, 'after recovery');
  await assertClean(page);
  await page.close();
});

test('extreme settings (alpha 10, learning rate 10, batch 1, eight layers of 64, 50 epochs per frame) stop cleanly or train finitely; reset recovers', async () => {
  const page = await fixture(`<elu-playground panels="function training" alpha="10" learning-rate="10" batch-size="1" noise="1"
    hidden-layers="64,64,64,64,64,64,64,64" compare="relu" epochs-per-frame="50"></elu-playground>`);
  await el(page, () => document.querySelector('elu-playground').play());
  await page.waitFor(() => { const e = document.querySelector('elu-playground'); return !e.playing || e.epoch >= 20; }, undefined, { timeout: 30000 });
  const s = await el(page, () => {
    const e = document.querySelector('elu-playground');
    e.pause();
    return { epoch: e.epoch, diverged: !e.shadowRoot.querySelector('.diverged').hidden };
  });
  assert.ok(s.diverged || s.epoch >= 20, JSON.stringify(s));
  assert.doesNotMatch(await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('.train').textContent), /NaN|Infinity/);
  await assertCurve(page, 'alpha 10');
  await el(page, () => document.querySelector('elu-playground').reset());
  assert.equal(await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('.diverged').hidden), true);
  await el(page, () => { const e = document.querySelector('elu-playground'); e.learningRate = 0.001; e.batchSize = 10; });
  await assertTrains(page, 'after reset');
  await assertClean(page);
  await page.close();
});

test('a frame trains within its time budget: 50 epochs per frame on two 8 x 64 networks do not run in one frame', async () => {
  const page = await fixture('<elu-playground panels="training" hidden-layers="64,64,64,64,64,64,64,64" compare="relu" epochs-per-frame="50"></elu-playground>');
  const r = await el(page, () => new Promise((resolve) => {
    const e = document.querySelector('elu-playground');
    // What one step (an epoch of both networks and a redraw) costs in this engine, median of 5.
    const steps = [];
    for (let i = 0; i < 5; i++) { const t = performance.now(); e.step(); steps.push(performance.now() - t); }
    const stepMs = steps.sort((a, b) => a - b)[2];
    // The script time of each animation frame (what the budget governs; painting is the engine's).
    const frameMs = [];
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (f) => raf((now) => { const t = performance.now(); f(now); frameMs.push(performance.now() - t); });
    e.play();
    const epoch0 = e.epoch, t0 = performance.now();
    // At least 8 frames (a slow engine on a loaded machine needs longer than a fast one).
    const poll = setInterval(() => {
      if (frameMs.length < 8 && performance.now() - t0 < 12000) return;
      clearInterval(poll);
      e.pause();
      const sorted = [...frameMs].sort((a, b) => a - b);
      resolve({ frames: frameMs.length, epochs: e.epoch - epoch0, medianFrameMs: sorted[sorted.length >> 1], stepMs });
    }, 50);
  }));
  assert.ok(r.frames >= 8 && r.epochs >= r.frames, JSON.stringify(r));
  // Unbounded, every frame would run 50 epochs (25 steps: ~1.5 s in Chromium here); within the budget far fewer.
  assert.ok(r.epochs / r.frames < 25, `epochs per frame ${(r.epochs / r.frames).toFixed(1)} (${JSON.stringify(r)})`);
  // A frame's script is the 24 ms budget, plus the epoch that crosses it and the redraw (at most one
  // step; two allow for noise). The median frame, so that one frame the machine preempted does not
  // decide; a loop that ignored the budget would make every frame 25 steps long.
  const bound = 24 + 2 * r.stepMs;
  assert.ok(r.medianFrameMs < bound, `median frame ${r.medianFrameMs.toFixed(1)} ms, bound ${bound.toFixed(1)} (${JSON.stringify(r)})`);
  await assertClean(page);
  await page.close();
});

test('the article works under a strict CSP: five widgets, no violations, no console problems', async () => {
  const page = await env.page({ width: 1200, height: 900 });
  await page.goto('/web/demo/article.html');
  await page.waitFor(() => document.body.dataset.ready === 'true');
  const csp = await el(page, () => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(await el(page, () => document.querySelectorAll('elu-playground').length), 5);
  // The autoplaying widget starts only when scrolled into view.
  assert.equal(await el(page, () => document.querySelectorAll('elu-playground')[1].epoch), 0);
  await el(page, () => document.querySelectorAll('elu-playground')[1].scrollIntoView({ block: 'center' }));
  await page.waitFor(() => document.querySelectorAll('elu-playground')[1].epoch > 20);
  await el(page, () => window.scrollTo(0, 0));
  // Off-screen, it stops (the observer's callback may come late on a loaded machine): the epoch
  // settles, then stays.
  const epoch = await page.waitFor(() => new Promise((resolve) => {
    const e = document.querySelectorAll('elu-playground')[1];
    const before = e.epoch;
    setTimeout(() => resolve(e.epoch === before ? before : 0), 300); // before > 20 here
  }), undefined, { message: 'the off-screen widget to stop training' });
  await sleep(300);
  assert.equal(await el(page, () => document.querySelectorAll('elu-playground')[1].epoch), epoch, 'paused while off-screen');
  await assertClean(page); // the recorder also records securitypolicyviolation events
  await page.close();
});

// Dark mode: emulated prefers-color-scheme where the driver can (the `auto` theme follows it), else
// the element's theme attribute set to dark.
async function openScheme(url, scheme, options, { ready = true } = {}) {
  const emulate = !lacks('media');
  const page = await env.page({ ...options, ...(emulate ? { colorScheme: scheme } : {}) });
  await page.goto(url);
  if (!ready) return page;
  await page.waitFor(() => document.body.dataset.ready === 'true');
  if (!emulate && scheme === 'dark') await el(page, () => document.querySelectorAll('elu-playground').forEach((e) => { e.theme = 'dark'; }));
  return page;
}

test('axe-core: the standalone page and the article have no violations (light and dark)', async () => {
  for (const path of ['/web/demo/#compare=relu', '/web/demo/article.html']) {
    for (const scheme of ['light', 'dark']) {
      const page = await openScheme(path, scheme, { width: 1200, height: 900 });
      await el(page, () => document.querySelectorAll('elu-playground').forEach((e) => e.step?.()));
      assert.deepEqual(await axeViolations(page), [], `${path} ${scheme}`);
      await page.close();
    }
  }
});

// A page narrower than the engine's narrowest window (WebKit's MiniBrowser) is shown in an iframe of
// that width on a wide page: the framed document's viewport is then exactly `width` CSS pixels.
async function openNarrow(path, scheme, width, height) {
  const page = await openScheme('/tests/browser/fixture.html', scheme, { width: 800, height: height + 40 }, { ready: false });
  await el(page, ([src, width, height]) => new Promise((resolve) => {
    const f = Object.assign(document.createElement('iframe'), { src, width, height, title: 'narrow page' });
    f.style.border = '0';
    f.onload = resolve;
    document.body.replaceChildren(f);
  }), [path, width, height]);
  await page.waitFor(() => document.querySelector('iframe').contentDocument.body.dataset.ready === 'true');
  if (scheme === 'dark' && lacks('media')) await el(page, () => document.querySelector('iframe').contentDocument.querySelectorAll('elu-playground').forEach((e) => { e.theme = 'dark'; }));
  return page;
}

test('screenshots: light, dark, 320 px (tests/artifacts/)', async () => {
  const shots = [
    ['widget-light.png', '/web/demo/#compare=relu&dataset=spiral', 'light', 1200, 900],
    ['widget-dark.png', '/web/demo/#compare=relu&dataset=spiral', 'dark', 1200, 900],
    ['widget-320.png', '/web/demo/#compare=relu', 'light', 320, 640],
    ['article-light.png', '/web/demo/article.html', 'light', 1200, 900],
    ['article-320-dark.png', '/web/demo/article.html', 'dark', 320, 640],
  ];
  for (const [file, path, scheme, width, height] of shots) {
    const framed = width < MIN_WIDTH[engine];
    const page = framed ? await openNarrow(path, scheme, width, height)
      : await openScheme(path, scheme, { width, height });
    const r = await el(page, (framed) => {
      const w = framed ? document.querySelector('iframe').contentWindow : window;
      w.document.querySelectorAll('elu-playground').forEach((e) => { for (let i = 0; i < 60; i++) e.step(); });
      return { overflow: w.document.documentElement.scrollWidth - w.innerWidth, width: w.innerWidth, problems: w.__problems };
    }, framed);
    assert.equal(r.width, width, `${file}: viewport width`);
    assert.ok(r.overflow <= 0, `${file}: page scrolls sideways by ${r.overflow} px`);
    await page.screenshot(new URL(`${engine}-${file}`, ARTIFACTS).pathname, { fullPage: !framed });
    assert.deepEqual(r.problems, [], `${file}: problems`);
    await assertClean(page, file);
    await page.close();
  }
});
});
