// The study panel (panels="study") in every engine: a small study through the element (its events,
// studyResults, the same records as m.study on the same page), the progress bar and time left,
// cancelling (no progress after it; Run works again), the main-thread fallback on a page whose CSP
// forbids workers (it says so; the same records as the workers'), the CSV (clipboard where the
// driver can read it, else the text the panel selects), the charts' pixels and keyboard readout,
// "Speed in your browser", the standalone page's URL hash, and axe on a page with the panel.
import assert from 'node:assert/strict';

import { assertClean, axeViolations, click, fill, fixture, forEachEngine, sleep } from './browser.mjs';

// 2 alphas and ReLU, 2 seeds each, 20 epochs on the circle: 6 runs, well under a second.
const SMALL = 'panels="study" study-alphas="0 1" study-seeds="2" study-epochs="20"';
const NO_WORKERS = '/tests/browser/fixture-no-workers.html';

// Clicks a button of the panel once it is enabled (the panel's module has loaded).
async function press(page, selector) {
  await page.waitFor((s) => !document.querySelector('elu-playground').shadowRoot.querySelector(s).disabled, selector,
    { message: `${selector} enabled` });
  await click(page, selector);
}

forEachEngine(({ env, test, lacks }) => {
// Runs the element's study in the page: the progress events, the studydone details, the results
// (as JSON: no NaN for classification), what the panel says, and whether m.study on the same page
// gives the same records.
function runInPage(page) {
  return page.evaluate(async () => {
    const e = document.querySelector('elu-playground');
    const progress = [], done = [];
    e.addEventListener('studyprogress', (ev) => progress.push([ev.detail.done, ev.detail.total]));
    e.addEventListener('studydone', (ev) => done.push(ev.detail));
    const before = e.studyResults;
    const results = await e.runStudy();
    const m = await (await import('/dist/index.js')).load();
    const direct = await m.study(results.options);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); // the panel's last drawing
    const root = e.shadowRoot;
    return {
      before,
      progress,
      details: done.length,
      same: done[0] === results && e.studyResults === results,
      keys: Object.keys(results),
      recordKeys: Object.keys(results.records[0]),
      json: JSON.stringify(results),
      equalsDirect: JSON.stringify(direct) === JSON.stringify(results),
      thread: root.querySelector('.study-thread').textContent,
      status: root.querySelector('.study-status').textContent,
      bar: [root.querySelector('progress').value, root.querySelector('progress').max],
      run: root.querySelector('.study-run').textContent,
    };
  }, undefined, { timeout: 90000 });
}

test('a small study through the element: progress to the total, studydone = studyResults = m.study\'s records', async () => {
  const page = await fixture(env, `<elu-playground ${SMALL}></elu-playground>`, { width: 1000, height: 1000 });
  const r = await runInPage(page);
  assert.equal(r.before, null, 'studyResults is null until a study completes');
  assert.deepEqual(r.progress, [1, 2, 3, 4, 5, 6].map((d) => [d, 6]), 'one studyprogress per run, counting up to the total');
  assert.equal(r.details, 1);
  assert.ok(r.same, 'the studydone detail is studyResults, and what runStudy resolves with');
  assert.deepEqual(r.keys, ['options', 'records']);
  assert.deepEqual(r.recordKeys, ['index', 'activation', 'alpha', 'seed', 'trainLoss', 'testLoss', 'accuracy', 'epochsToTarget', 'diverged']);
  const { options, records } = JSON.parse(r.json);
  assert.deepEqual([options.dataset, options.alphas, options.seeds, options.epochs, options.baselines, options.target, options.dataSeed],
    ['circle', [0, 1], 2, 20, ['relu'], 0.95, 1]);
  assert.deepEqual(records.map((x) => [x.index, x.activation, x.alpha, x.seed]),
    [[0, 'elu', 0, 1], [1, 'elu', 0, 2], [2, 'elu', 1, 1], [3, 'elu', 1, 2], [4, 'relu', null, 1], [5, 'relu', null, 2]]);
  assert.ok(records.every((x) => x.accuracy > 0.5 && x.accuracy <= 1 && Number.isFinite(x.testLoss)), r.json);
  assert.ok(r.equalsDirect, 'the same records as m.study with the same options on the same page');
  assert.equal(r.thread, 'Running in background workers: the page stays free.');
  assert.match(r.status, /^6 runs in \d+\.\d s\.$/);
  assert.deepEqual(r.bar, [6, 6]);
  assert.equal(r.run, 'Run again');
  await assertClean(page);
  await page.close();
});

test('the charts draw as results come in, the table and the CSV follow, the charts answer the keyboard', async () => {
  const page = await fixture(env, `<elu-playground ${SMALL} study-baselines="relu tanh"></elu-playground>`, { width: 1000, height: 1200 });
  await runInPage(page);
  const r = await page.evaluate(async () => {
    const { rgb } = await import('/web/src/widget/heatmap.js');
    const { parseStudyCsv } = await import('/dist/index.js');
    const e = document.querySelector('elu-playground');
    const root = e.shadowRoot;
    const accent = rgb(getComputedStyle(e).getPropertyValue('--elu-accent'));
    const pixels = [...root.querySelectorAll('[part=study-chart]')].map((c) => {
      const copy = new OffscreenCanvas(c.width, c.height).getContext('2d', { willReadFrequently: true });
      copy.drawImage(c, 0, 0);
      const d = copy.getImageData(0, 0, c.width, c.height).data;
      let painted = 0, blue = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 0) painted += 1;
        if (d[i + 3] > 200 && Math.hypot(d[i] - accent[0], d[i + 1] - accent[1], d[i + 2] - accent[2]) < 40) blue += 1;
      }
      return { painted, blue, label: c.getAttribute('aria-label') };
    });
    const rows = [...root.querySelectorAll('.study-table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    const csv = root.querySelector('.study-csv').value;
    return { pixels, rows, csvEqual: JSON.stringify(parseStudyCsv(csv)) === JSON.stringify(e.studyResults.records), legend: root.querySelector('.study-legend').textContent };
  });
  for (const [i, p] of r.pixels.entries()) {
    assert.ok(p.painted > 1000 && p.blue > 50, `chart ${i}: ${JSON.stringify(p)}`);
    assert.match(p.label, /against alpha, the median of each alpha's runs: best .* at α \d, worst .*; ReLU .*; tanh .*\. The table/);
  }
  assert.deepEqual(r.rows.map((row) => row.slice(0, 3)), [['ELU', '0', '2'], ['ELU', '1', '2'], ['ReLU', '–', '2'], ['tanh', '–', '2']]);
  assert.ok(r.rows.every((row) => /^\d+\.\d% \(/.test(row[3])), JSON.stringify(r.rows));
  assert.ok(r.csvEqual, 'the CSV box holds the records');
  assert.match(r.legend, /ELU: median over the seeds.*ReLU \(same seeds\).*tanh \(same seeds\)/);
  // Keyboard: the first chart focused reads alpha 0; the right arrow moves to alpha 1.
  const readout = () => page.evaluate(() => document.querySelector('elu-playground').shadowRoot.querySelector('.study-readout').textContent);
  await page.evaluate(() => document.querySelector('elu-playground').shadowRoot.querySelector('[part=study-chart]').focus());
  assert.match(await readout(), /^α = 0, test accuracy: median \d+\.\d% \(middle half .*\) over 2 runs; ReLU: .*; tanh: /);
  await page.keyboard.press('ArrowRight');
  assert.match(await readout(), /^α = 1, test accuracy: /);
  await page.keyboard.press('Home');
  assert.match(await readout(), /^α = 0, /);
  // The pointer over the second chart, near its right edge: alpha 1, epochs to the target.
  const b = await page.evaluate(() => {
    const c = document.querySelectorAll('elu-playground')[0].shadowRoot.querySelectorAll('[part=study-chart]')[1];
    c.scrollIntoView({ block: 'center' });
    const x = c.getBoundingClientRect();
    return { x: x.x, y: x.y, width: x.width, height: x.height };
  });
  await page.mouse.move(b.x + b.width - 80, b.y + b.height / 2);
  await page.waitFor(() => /^α = 1, epochs to 95% test accuracy: /.test(document.querySelector('elu-playground').shadowRoot.querySelector('.study-readout').textContent),
    undefined, { message: 'the readout of alpha 1 on the epochs chart' });
  await assertClean(page);
  await page.close();
});

test('Copy CSV: the clipboard (where the driver can read it) or the selected CSV text parses back to the records', async () => {
  const clipboard = !lacks('clipboard');
  const page = await fixture(env, `<elu-playground ${SMALL}></elu-playground>`, { width: 1000, height: 1000,
    ...(clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}) });
  await runInPage(page);
  if (clipboard) await page.evaluate(() => navigator.clipboard.writeText('')); // a stale clipboard cannot pass
  await press(page, '.study-copy');
  await page.waitFor(() => document.querySelector('elu-playground').shadowRoot.querySelector('.study-copied').textContent !== '');
  const r = await page.evaluate(async (clipboard) => {
    const { parseStudyCsv } = await import('/dist/index.js');
    const e = document.querySelector('elu-playground');
    const root = e.shadowRoot;
    const box = root.querySelector('.study-csv');
    const text = clipboard ? await navigator.clipboard.readText() : box.value;
    const note = root.querySelector('.study-copied').textContent;
    const selected = root.activeElement === box && box.selectionEnd - box.selectionStart === box.value.length;
    return { equal: JSON.stringify(parseStudyCsv(text)) === JSON.stringify(e.studyResults.records), note, selected, open: root.querySelector('.study-details').open };
  }, clipboard);
  assert.ok(r.equal, `the copied CSV parses back to the records (${clipboard ? 'clipboard' : 'CSV box'})`);
  if (/^Copied/.test(r.note)) assert.equal(r.note, 'Copied 6 lines of CSV.');
  else assert.ok(r.selected && r.open, `fallback: the CSV box is open with the text selected: ${JSON.stringify(r)}`);
  await assertClean(page);
  await page.close();
});

test('cancel: the study stops (an AbortError, no further progress), the panel says so, and Run works again', async () => {
  // 80 runs of 1000 epochs: many seconds, cancelled after the first results.
  const page = await fixture(env, '<elu-playground panels="study" study-alphas="0 0.5 1 2" study-seeds="16" study-epochs="1000"></elu-playground>',
    { width: 1000, height: 1000 });
  await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    window.progress = [];
    e.addEventListener('studyprogress', (ev) => window.progress.push(ev.detail.done));
    window.outcome = e.runStudy().then(() => 'resolved', (err) => err.name);
  });
  // Running: the bar, the runs done and the time left.
  const during = await page.waitFor(() => {
    const root = document.querySelector('elu-playground').shadowRoot;
    const status = root.querySelector('.study-status').textContent;
    return /^\d+ of 80 runs, about \d+ (s|min \d+ s) left$/.test(status) && root.querySelector('progress').value >= 1
      && { status, max: root.querySelector('progress').max, cancel: root.querySelector('.study-cancel').disabled, run: root.querySelector('.study-run').disabled };
  }, undefined, { timeout: 30000, message: 'the progress line with the time left' });
  assert.deepEqual([during.max, during.cancel, during.run], [80, false, true], JSON.stringify(during));
  await click(page, '.study-cancel');
  const outcome = await page.evaluate(() => window.outcome);
  assert.equal(outcome, 'AbortError');
  const count = await page.evaluate(() => window.progress.length);
  await sleep(600);
  const after = await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    const root = e.shadowRoot;
    return { count: window.progress.length, results: e.studyResults, status: root.querySelector('.study-status').textContent,
      run: root.querySelector('.study-run').disabled, cancel: root.querySelector('.study-cancel').disabled };
  });
  assert.equal(after.count, count, 'no progress event after the cancel');
  assert.ok(count < 80, `${count} runs done`);
  assert.equal(after.results, null, 'no completed study');
  assert.match(after.status, /^Cancelled after \d+ of 80 runs\.$/);
  assert.deepEqual([after.run, after.cancel], [false, true]);
  // Run again, with a smaller study, from the button.
  await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    Object.assign(e, { studySeeds: 1, studyEpochs: 10 });
    window.done = new Promise((resolve) => e.addEventListener('studydone', (ev) => resolve(ev.detail.records.length), { once: true }));
  });
  await press(page, '.study-run');
  assert.equal(await page.evaluate(() => window.done, undefined, { timeout: 60000 }), 5);
  await assertClean(page);
  await page.close();
});

test('a CSP without workers: the study runs on the main thread, says so, and gives the workers\' records', async () => {
  const page = await fixture(env, `<elu-playground ${SMALL}></elu-playground>`, { width: 1000, height: 1000 }, NO_WORKERS);
  const main = await runInPage(page);
  assert.match(main.thread, /^Running on the page's main thread: workers are unavailable here \(no study worker could start: .+\)\.$/);
  assert.ok(main.equalsDirect);
  assert.deepEqual(main.progress.map(([d]) => d), [1, 2, 3, 4, 5, 6]);
  // Only the policy's own reports of the blocked worker.
  const problems = await page.problems();
  assert.ok(problems.every((p) => /^csp: (worker-src|script-src|default-src)/.test(p)), problems.join('\n'));
  await page.close();
  const workers = await runInPage(await fixture(env, `<elu-playground ${SMALL}></elu-playground>`, { width: 1000, height: 1000 }));
  assert.equal(workers.thread, 'Running in background workers: the page stays free.');
  assert.equal(main.json, workers.json, 'the same records on the main thread as in the workers');
});

test('Speed in your browser: ELU forward, ReLU forward and ELU backward throughput and their ratios, finite and positive', async () => {
  const page = await fixture(env, '<elu-playground panels="study"></elu-playground>', { width: 1000, height: 1000 });
  await press(page, '.speed-run');
  const r = await page.waitFor(() => {
    const root = document.querySelector('elu-playground').shadowRoot;
    const rows = [...root.querySelectorAll('.speed-table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    return rows.length === 5 && !root.querySelector('.speed-run').disabled
      && { rows, head: [...root.querySelectorAll('.speed-table thead th')].map((c) => c.textContent), note: root.querySelector('.speed-note').textContent };
  }, undefined, { timeout: 60000, message: 'the speed table' });
  assert.deepEqual(r.head, ['Kernel', '4,096 elements', '1,048,576 elements']);
  assert.deepEqual(r.rows.map((row) => row[0]), ['ELU forward (elements/s)', 'ReLU forward (elements/s)', 'ELU backward (elements/s)',
    'ELU ÷ ReLU forward time', 'ELU backward ÷ forward time']);
  const unit = { k: 1e3, M: 1e6, G: 1e9 };
  for (const row of r.rows.slice(0, 3)) {
    for (const cell of row.slice(1)) {
      const m = /^(\d+(?:\.\d+)?) ([kMG])\/s$/.exec(cell);
      assert.ok(m && Number(m[1]) * unit[m[2]] > 0, `${row[0]}: ${cell}`);
    }
  }
  for (const row of r.rows.slice(3)) for (const cell of row.slice(1)) assert.ok(Number(/^(\d+\.\d+)×$/.exec(cell)?.[1]) > 0, `${row[0]}: ${cell}`);
  assert.match(r.note, /^On 1,048,576 elements ELU's forward pass takes \d+\.\d× ReLU's time, and its backward pass \d+\.\d× its forward pass\.$/);
  await assertClean(page);
  await page.close();
});

test('the standalone page shows the panel; its fields are in the URL hash, and a link reproduces the study', async () => {
  const page = await env.page({ width: 1100, height: 900 });
  await page.goto('/web/demo/#study-alphas=0+1&study-seeds=2&study-epochs=20&study-baselines=');
  await page.waitFor(() => document.body.dataset.ready === 'true');
  const shown = await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    return { hidden: e.shadowRoot.querySelector('.study').hidden, alphas: e.studyAlphas, seeds: e.studySeeds, baselines: e.studyBaselines,
      input: e.shadowRoot.querySelector('.study-alphas').value };
  });
  assert.deepEqual(shown, { hidden: false, alphas: [0, 1], seeds: 2, baselines: [], input: '0 1' });
  const results = await page.evaluate(() => document.querySelector('elu-playground').runStudy().then((r) => r.options), undefined, { timeout: 60000 });
  assert.deepEqual([results.alphas, results.seeds, results.epochs, results.baselines], [[0, 1], 2, 20, []]);
  // A control of the panel writes its field to the URL.
  await fill(page, '.study-epochs', 35);
  await page.waitFor(() => location.hash.includes('study-epochs=35'), undefined, { message: 'study-epochs in the URL hash' });
  assert.equal(await page.evaluate(() => location.hash), '#study-alphas=0+1&study-seeds=2&study-epochs=35&study-baselines=');
  // A bad value in the control: marked invalid, said, the field unchanged.
  await fill(page, '.study-seeds', 'many');
  const bad = await page.evaluate(() => {
    const root = document.querySelector('elu-playground').shadowRoot;
    return { invalid: root.querySelector('.study-seeds').getAttribute('aria-invalid'), error: root.querySelector('.study-error').textContent,
      seeds: document.querySelector('elu-playground').studySeeds };
  });
  assert.equal(bad.invalid, 'true');
  assert.equal(bad.seeds, 2);
  assert.match(bad.error, /^Seeds: /);
  await assertClean(page);
  await page.close();
});

test('axe-core: no violations on a page with the study panel after a study and a speed measurement (light and dark)', async () => {
  for (const theme of ['light', 'dark']) {
    const page = await fixture(env, `<main><h1>Study</h1><elu-playground ${SMALL} theme="${theme}"></elu-playground></main>`, { width: 1000, height: 1000 });
    await runInPage(page);
    await press(page, '.speed-run');
    await page.waitFor(() => document.querySelector('elu-playground').shadowRoot.querySelectorAll('.speed-table tbody tr').length === 5,
      undefined, { timeout: 60000 });
    await page.evaluate(() => { document.querySelector('elu-playground').shadowRoot.querySelector('.study-details').open = true; });
    assert.deepEqual(await axeViolations(page), [], theme);
    await assertClean(page, theme);
    await page.close();
  }
});
});
