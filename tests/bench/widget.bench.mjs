// <elu-playground> speed in real Chromium (playwright-core + /usr/bin/chromium), printed as a table.
//   node tests/bench/widget.bench.mjs [--quick]
// - frame: main-thread time of each animation-frame callback while training runs (training epochs +
//   heatmap + loss chart + stats), 2-8-8-1 at 10 epochs per frame, alone and in compare mode.
//   TF Playground needs ~31 ms for one epoch plus redraw of the same network. With the network panel
//   (2-8-8-1 and 8 hidden layers of 16, both in compare mode) beside the same page without it, and the
//   cost of its tiles (every neuron on a 32 x 32 grid, then coloured).
// - alpha redraw: time of one slider 'input' event (the curve is redrawn synchronously in it), and
//   for real mouse drags the delay from the input event to the next animation frame.
// - first curve: navigation start to the element's first drawn curve (its performance mark
//   'elu-playground:first-curve'), and to
//   the next animation frame after it, on the standalone page.
// - long tasks: PerformanceObserver 'longtask' entries (> 50 ms) from navigation on.
// - study: a page with panels="study training", training playing while the study panel's default
//   study (96 runs of 300 epochs) runs, in workers and (a CSP without workers) on the main thread:
//   the intervals between animation frames (what a reader sees: one 60 Hz frame is 16.7 ms), the
//   frame callbacks' time and the long tasks while it runs.
//   node tests/bench/widget.bench.mjs --only=study runs these rows alone.
import { openBrowser } from '../browser/browser.mjs';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const FRAMES = quick ? 120 : 400;

const INIT = () => {
  window.frameTimes = [];
  window.longTasks = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => {
    const s = performance.now();
    cb(t);
    window.frameTimes.push(performance.now() - s);
    window.frameEpochs?.push(document.querySelector('elu-playground')?.epoch ?? 0); // (after the timing)
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // The element marks its first drawn curve (User Timing); the frame that shows it is the first
  // animation frame after the mark (frames are logged from the start: an observer callback would
  // itself run late, behind other tasks).
  const frames = [];
  const tick = () => {
    frames.push(performance.now());
    const [mark] = performance.getEntriesByName('elu-playground:first-curve');
    if (mark && frames.at(-1) > mark.startTime) {
      window.firstCurve = mark.startTime;
      window.firstFrame = frames.at(-1);
    } else {
      raf(tick);
    }
  };
  raf(tick);
};

const longSummary = (l) => (l.length ? `${l.length}: ${l.map(([t, d]) => `${d.toFixed(0)} ms at ${t.toFixed(0)} ms`).join(', ')}` : '0');
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const rows = [];
const row = (what, value, target, ok) => rows.push({ what, value, target, ok: ok === undefined ? '' : ok ? 'yes' : 'NO' });

const env = await openBrowser('chromium');
// Playwright's own page (init scripts, locators, timer polling): the benchmark runs in Chromium only.
const newPage = async (options) => (await env.page(options)).native;
try {
  if (only !== 'study') await pageRows();
  await studyRows();
} finally {
  await env.close();
}

async function pageRows() {
  // First curve, several cold navigations (new page each: the module is fetched and compiled again).
  const first = [], frame = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const page = await newPage();
    await page.addInitScript(INIT);
    await page.goto(`${env.base}/web/demo/`);
    await page.waitForFunction(() => window.firstFrame !== undefined);
    first.push(await page.evaluate(() => window.firstCurve));
    frame.push(await page.evaluate(() => window.firstFrame));
    await page.context().close();
  }
  row('navigation -> first curve drawn (median)', `${median(first).toFixed(0)} ms`, '<= 150 ms', median(first) <= 150);
  row('navigation -> first frame with it (median)', `${median(frame).toFixed(0)} ms`, '<= 150 ms', median(frame) <= 150);

  // Training frames.
  for (const [label, attrs] of [['2-8-8-1 ELU', ''], ['2-8-8-1 ELU + ReLU (compare)', ' compare="relu"']]) {
    const page = await newPage({ width: 1200, height: 900 });
    await page.addInitScript(INIT);
    await page.goto(`${env.base}/tests/browser/fixture.html`);
    await page.evaluate((a) => {
      document.body.innerHTML = `<elu-playground dataset="spiral" hidden-layers="8,8" epochs-per-frame="10"${a}></elu-playground>`;
      return document.querySelector('elu-playground').ready;
    }, attrs);
    await page.evaluate(() => { window.frameTimes = []; window.frameEpochs = []; document.querySelector('elu-playground').play(); });
    // Poll by timer: playwright's default rAF polling would add its own frame callbacks.
    await page.waitForFunction((n) => window.frameTimes.length >= n, FRAMES, { timeout: 120000, polling: 100 });
    // Every frame callback since play() is the element's (frameTimes is reset right before it).
    const { times, frames, epochs } = await page.evaluate(() => {
      const e = document.querySelector('elu-playground');
      e.pause();
      // Frames and epochs after the first 5 (JIT warm-up), like the times.
      return { times: window.frameTimes.slice(5), frames: window.frameTimes.length - 5, epochs: e.epoch - window.frameEpochs[4] };
    });
    const med = median(times), worst = Math.max(...times);
    row(`frame, ${label}, 10 epochs/frame: median`, `${med.toFixed(2)} ms`, '<= 4 ms', med <= 4);
    row(`frame, ${label}, 10 epochs/frame: worst`, `${worst.toFixed(2)} ms`, '(no long task)', worst <= 50);
    row(`  epochs trained in ${frames} frames (after 5 of warm-up)`, String(epochs), '>= 10 / frame', epochs >= 10 * frames);

    // Alpha changes while training: synchronous redraw time of one input event.
    await page.evaluate(() => document.querySelector('elu-playground').play());
    // 20 tasks of 10 events (one task of 200 would itself be a long task).
    const input = [];
    for (let k = 0; k < 20; k++) input.push(...await page.evaluate((k) => {
      const range = document.querySelector('elu-playground').shadowRoot.querySelector('#alpha-range');
      const t = [];
      for (let i = 10 * k; i < 10 * k + 10; i++) {
        const s = performance.now();
        range.value = String((i % 300) / 100);
        range.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        t.push(performance.now() - s);
      }
      return t;
    }, k));
    row(`alpha input -> curve redrawn (median / worst), ${label}`, `${median(input).toFixed(2)} / ${Math.max(...input).toFixed(2)} ms`, 'same frame');

    // Real mouse drags: input event -> next animation frame (the frame that shows the new curve).
    await page.evaluate(() => {
      window.dragLatency = [];
      const e = document.querySelector('elu-playground');
      e.addEventListener('input', (ev) => {
        const t0 = ev.timeStamp;
        requestAnimationFrame(() => window.dragLatency.push(performance.now() - t0));
      });
    });
    const box = await page.locator('elu-playground #alpha-range').boundingBox();
    await page.mouse.move(box.x + 5, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i <= 40; i++) await page.mouse.move(box.x + 5 + ((box.width - 10) * i) / 40, box.y + box.height / 2);
    await page.mouse.up();
    const drag = await page.evaluate(() => window.dragLatency);
    row(`mouse drag: input event -> next frame (median, n=${drag.length})`, `${median(drag).toFixed(1)} ms`, '<= 1 frame (16.7 ms)', median(drag) <= 16.7);
    const longs = await page.evaluate(() => window.longTasks);
    row(`long tasks, ${label} page, from navigation`, longSummary(longs), 'none > 50 ms', longs.length === 0);
    await page.context().close();
  }

  // The network panel: frames with the diagrams (tiles + links every frame, stats and histograms
  // every 150 ms) against the same networks without them, side by side; then its parts alone.
  const frameStats = async (attrs) => {
    const page = await newPage({ width: 1200, height: 900 });
    await page.addInitScript(INIT);
    await page.goto(`${env.base}/tests/browser/fixture.html`);
    await page.evaluate((a) => {
      document.body.innerHTML = `<elu-playground dataset="spiral" epochs-per-frame="10" ${a}></elu-playground>`;
      return document.querySelector('elu-playground').ready;
    }, attrs);
    await page.waitForTimeout(300); // the panel's module
    await page.evaluate(() => { window.frameTimes = []; window.frameEpochs = []; document.querySelector('elu-playground').play(); });
    await page.waitForFunction((n) => window.frameTimes.length >= n, FRAMES, { timeout: 120000, polling: 100 });
    const r = await page.evaluate(() => {
      const e = document.querySelector('elu-playground');
      e.pause();
      return { times: window.frameTimes.slice(5), epochs: e.epoch - window.frameEpochs[4], frames: window.frameTimes.length - 5, longs: window.longTasks };
    });
    await page.context().close();
    const sorted = [...r.times].sort((a, b) => a - b);
    return { ...r, med: median(r.times), p95: sorted[Math.floor(0.95 * (sorted.length - 1))] };
  };
  const DEEP = '16,16,16,16,16,16,16,16';
  for (const [label, layers, medTarget, p95Target] of [['2-8-8-1', '8,8', 4, 8], ['2-(16 x 8)-1', DEEP, 8, null]]) {
    const base = await frameStats(`panels="training" compare="relu" hidden-layers="${layers}"`);
    const view = await frameStats(`panels="network training" compare="relu" hidden-layers="${layers}"`);
    row(`frame, ${label} ELU + ReLU, training panel only: median / p95`, `${base.med.toFixed(2)} / ${base.p95.toFixed(2)} ms`, '(reference)');
    row(`frame, ${label} ELU + ReLU + network view: median`, `${view.med.toFixed(2)} ms`, `<= ${medTarget} ms`, view.med <= medTarget);
    if (p95Target) row(`frame, ${label} ELU + ReLU + network view: p95`, `${view.p95.toFixed(2)} ms`, `<= ${p95Target} ms`, view.p95 <= p95Target);
    row(`  network view's share of the median frame`, `${(view.med - base.med).toFixed(2)} ms`, '');
    if (p95Target) row(`  epochs trained in ${view.frames} frames (after 5 of warm-up)`, String(view.epochs), '>= 10 / frame', view.epochs >= 10 * view.frames);
    else row(`  epochs per frame (the 8 ms frame budget bounds them)`, (view.epochs / view.frames).toFixed(1), `(training panel only: ${(base.epochs / base.frames).toFixed(1)})`);
    row(`long tasks, ${label} network view page`, longSummary(view.longs), 'none > 50 ms', view.longs.length === 0);
  }
  {
    // The tiles alone: every neuron on the 32 x 32 grid (wasm) and its colouring into the atlas (JS).
    const page = await newPage();
    await page.goto(`${env.base}/tests/browser/fixture.html`);
    const parts = await page.evaluate(async (deep) => {
      const m = await (await import('/dist/index.js')).load();
      const d = await import('/web/src/widget/diagram.js');
      const out = {};
      for (const [label, hidden] of [['2-8-8-1', [8, 8]], ['2-(16 x 8)-1', deep.split(',').map(Number)]]) {
        const net = new m.Network({ layers: [2, ...hidden, 1], seed: 1 });
        const grid = { xMin: -6, xMax: 6, yMin: -6, yMax: 6, width: d.TILE, height: d.TILE };
        const count = net.neuronCount + d.FEATURES.length;
        const atlas = new Uint32Array(16 * d.TILE * Math.ceil(count / 16) * d.TILE), lut = new Uint32Array(256);
        const time = (f) => { const t = []; for (let i = 0; i < 200; i++) { const s = performance.now(); f(); t.push(performance.now() - s); } return t.sort((a, b) => a - b)[100]; };
        let v;
        const grids = time(() => { v = net.neuronGrid(grid); });
        const color = time(() => d.colorTiles(v, net.neuronCount, lut, -1, 1, atlas, 16, 0, d.FEATURES.length));
        out[label] = { grids, color, neurons: net.neuronCount };
        net.dispose();
      }
      return out;
    }, DEEP);
    for (const [label, p] of Object.entries(parts)) {
      row(`tiles, ${label} (${p.neurons} neurons x 32^2): neuronGrid / colouring (median)`, `${p.grids.toFixed(3)} / ${p.color.toFixed(3)} ms`, '');
    }
    await page.context().close();
  }

  // Long tasks from navigation on, standalone page and article.
  for (const path of ['/web/demo/', '/web/demo/article.html']) {
    const page = await newPage({ width: 1200, height: 900 });
    await page.addInitScript(INIT);
    await page.goto(env.base + path);
    await page.waitForSelector('body[data-ready="true"]');
    await page.evaluate(() => document.querySelectorAll('elu-playground').forEach((e) => e.play()));
    await page.waitForTimeout(quick ? 1000 : 3000);
    const longs = await page.evaluate(() => window.longTasks);
    row(`long tasks, ${path} loading + ${quick ? 1 : 3} s training`, longSummary(longs), 'none > 50 ms', longs.length === 0);
    await page.context().close();
  }
}

// Frames while the study panel's study runs beside training (2-8-8-1 on the spiral, playing), in
// workers and on the main thread.
async function studyRows() {
  for (const [label, fixture] of [['workers', '/tests/browser/fixture.html'], ['main thread (CSP without workers)', '/tests/browser/fixture-no-workers.html']]) {
    const page = await newPage({ width: 1200, height: 1000 });
    await page.addInitScript(INIT);
    await page.goto(env.base + fixture);
    await page.evaluate(() => {
      document.body.innerHTML = '<elu-playground panels="study training" dataset="spiral" epochs-per-frame="10"></elu-playground>';
      return document.querySelector('elu-playground').ready;
    });
    await page.waitForTimeout(300); // the panel's module
    const r = await page.evaluate(async () => {
      const e = document.querySelector('elu-playground');
      e.play();
      await new Promise((resolve) => setTimeout(resolve, 500)); // warm-up frames
      window.frameTimes = [];
      const stamps = [];
      let on = true;
      const tick = (t) => { stamps.push(t); if (on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const t0 = performance.now();
      const epoch0 = e.epoch;
      const results = await e.runStudy();
      on = false;
      const ms = performance.now() - t0;
      const epochs = e.epoch - epoch0;
      e.pause();
      return {
        ms, runs: results.records.length, epochs, times: window.frameTimes,
        intervals: stamps.slice(1).map((t, i) => t - stamps[i]),
        longs: window.longTasks.filter(([t]) => t >= t0).map(([t, d]) => [t - t0, d]), // from the study's start
        thread: e.shadowRoot.querySelector('.study-thread').textContent,
      };
    }, undefined);
    await page.context().close();
    const sorted = [...r.intervals].sort((a, b) => a - b);
    const med = median(r.intervals), p95 = sorted[Math.floor(0.95 * (sorted.length - 1))];
    row(`study (${r.runs} runs x 300 epochs) in ${label}, training beside it: time`, `${(r.ms / 1000).toFixed(1)} s`,
      r.thread.startsWith('Running in background') === (label === 'workers') ? '(where it ran: as labelled)' : `NOT AS LABELLED: ${r.thread}`);
    row(`  frame interval while it runs: median / p95 (${r.intervals.length} frames)`, `${med.toFixed(2)} / ${p95.toFixed(2)} ms`,
      '<= 16.7 ms median', med <= 16.7 + 0.05);
    row(`  frame callbacks' time: median / worst`, `${median(r.times).toFixed(2)} / ${Math.max(...r.times).toFixed(2)} ms`, '');
    row(`  epochs trained meanwhile (${(r.epochs / r.intervals.length).toFixed(1)} per frame)`, String(r.epochs), '');
    row(`  long tasks while it runs (times from its start)`, longSummary(r.longs), 'none > 50 ms', r.longs.length === 0);
  }
}

const w = [Math.max(...rows.map((r) => r.what.length)), Math.max(...rows.map((r) => r.value.length)), Math.max(...rows.map((r) => r.target.length))];
console.log(`\n<elu-playground> in Chromium (${quick ? 'quick' : 'full'} run)\n`);
console.log(`| ${'measure'.padEnd(w[0])} | ${'value'.padEnd(w[1])} | ${'target'.padEnd(w[2])} | met |`);
console.log(`|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 2)}|${'-'.repeat(w[2] + 2)}|-----|`);
for (const r of rows) console.log(`| ${r.what.padEnd(w[0])} | ${r.value.padEnd(w[1])} | ${r.target.padEnd(w[2])} | ${r.ok.padEnd(3)} |`);
