// Soak: 10,000 alpha changes on an element, 1,000 create/dispose cycles of m.Network and
// 1,000 create/remove cycles of the element leave the wasm heap and the JS heap flat; a wasm memory
// growth forced mid-run leaves no stale views (kernel and network results unchanged, the widget drawing).
// The heap soak reads the JS heap and DOM counters over CDP, so it runs in Chromium only; the growth
// test runs in every engine (each detaches views on growth in its own code).
//
// How the wasm heap is measured. The Emscripten module is internal to the bundle and nothing new is
// exposed for tests; memory-probe.js (injected into the page) only records the WebAssembly.Memory the
// page instantiates (the real instantiate functions run). The module is allocated with ALLOW_MEMORY_GROWTH, so memory.buffer.byteLength
// grows exactly when the allocator finds no free block: a run that leaked allocations would, once its
// leaks exceed the free heap, grow it. The test measures that sensitivity instead of assuming it: after
// each phase it keeps the same objects alive without freeing them (networks not disposed, elements not
// removed) and counts how many it takes to grow the heap; that count must be well below the cycles run,
// so "no growth over N cycles" means fewer than count/N of the cycles can have leaked their objects.
// Smaller leaks (a few bytes per cycle) are below what byteLength can show; the JS heap (CDP
// HeapProfiler.collectGarbage, then Runtime.getHeapUsage) and DOM counters (Memory.getDOMCounters)
// are asserted flat with the margins stated below.
import assert from 'node:assert/strict';
import { assertClean, assertCurve, assertTrains, forEachEngine } from './browser.mjs';

forEachEngine(({ engine, env, test, lacks }) => {
async function soakPage() {
  const page = await env.page({ width: 1000, height: 900 });
  page.evaluateTimeout = 180000; // thousands of cycles in one evaluate
  await page.goto('/tests/browser/fixture.html?memory');
  // The page's API instance is the element's (one module per page: dist/index.js is the entry the
  // element imports), so m below and the widgets share one wasm heap.
  await page.evaluate(async () => {
    const { load } = await import('/dist/index.js');
    window.m = await load();
    window.wasmBytes = () => window.wasmMemories[0].buffer.byteLength;
  });
  assert.equal(await page.evaluate(() => window.wasmMemories.length), 1, 'one wasm instance per page');
  if (engine === 'chromium') page.cdp = await page.native.context().newCDPSession(page.native);
  return page;
}

// JS heap in use after full garbage collections, and DOM counters.
async function heap(page) {
  for (let i = 0; i < 3; i++) await page.cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await page.cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners, documents } = await page.cdp.send('Memory.getDOMCounters');
  const wasm = await page.evaluate(() => window.wasmBytes());
  return { js: usedSize, nodes, listeners: jsEventListeners, documents, wasm };
}

const MB = 2 ** 20;
const report = (t, label, before, after, extra = '') => t.diagnostic(`${label}: wasm ${before.wasm / MB} -> ${after.wasm / MB} MB, `
  + `JS heap ${(before.js / MB).toFixed(2)} -> ${(after.js / MB).toFixed(2)} MB (${after.js - before.js >= 0 ? '+' : ''}${after.js - before.js} bytes), DOM nodes ${before.nodes} -> ${after.nodes}, `
  + `listeners ${before.listeners} -> ${after.listeners}${extra}`);

test('soak: 10,000 alpha changes, 1,000 Network and 1,000 element cycles keep both heaps flat', { skip: lacks('cdp') || (process.env.ELU_QUICK && 'the quick loop leaves the heap soak to npm test'), timeout: 240000 }, async (t) => {
  const page = await soakPage();
  const t0 = Date.now();
  const ELEMENT = '<elu-playground hidden-layers="64,64" compare="relu"></elu-playground>';

  // ---- 10,000 alpha changes on one element (each redraws the curve and sets its networks' alpha) ----
  await page.evaluate(async (html) => {
    document.body.innerHTML = html;
    const e = document.querySelector('elu-playground');
    await e.ready;
    e.step();
    for (let i = 0; i < 500; i++) e.alpha = (i % 1000) / 100; // warm-up
  }, ELEMENT);
  let before = await heap(page);
  const alphaMs = await page.evaluate(() => {
    const e = document.querySelector('elu-playground');
    let events = 0;
    e.addEventListener('alphachange', () => { events += 1; });
    const t = performance.now();
    for (let i = 1; i <= 10000; i++) e.alpha = (i % 1001) / 100; // 0 .. 10, never twice the same in a row
    if (events !== 10000) throw new Error(`${events} alphachange events`);
    e.alpha = 1.3;
    return performance.now() - t;
  });
  let after = await heap(page);
  report(t, '10,000 alpha changes', before, after, `, ${(alphaMs / 1000).toFixed(1)} s`);
  assert.equal(after.wasm, before.wasm, 'wasm heap grew over 10,000 alpha changes');
  // Margin 1 MB: 100 bytes retained per change would be 1 MB.
  assert.ok(after.js - before.js < MB, `JS heap +${after.js - before.js} bytes over 10,000 alpha changes`);
  assert.ok(after.nodes <= before.nodes + 100, `DOM nodes ${before.nodes} -> ${after.nodes}`);
  await assertCurve(page, 'after 10,000 alpha changes');
  await assertTrains(page, 'after 10,000 alpha changes');

  // ---- 1,000 create/dispose cycles of m.Network (each trains an epoch and predicts) ----
  const cycle = () => page.evaluate((n) => {
    const data = window.m.datasets.make('spiral', { n: 50 });
    for (let i = 0; i < n; i++) {
      const net = new window.m.Network({ layers: [2, 64, 64, 64, 1], seed: i });
      net.trainEpoch(data.x, data.y);
      if (!Number.isFinite(net.predict(data.x)[0])) throw new Error('predict');
      net.dispose();
    }
  }, 1000);
  await page.evaluate(() => document.body.replaceChildren());
  await cycle(); // warm-up (same count: any one-time growth of the staging area happens here)
  before = await heap(page);
  const netMs = Date.now();
  await cycle();
  after = await heap(page);
  // Sensitivity: networks of the same size kept alive (not disposed) until the wasm heap grows; then
  // 1,000 small ones kept, for the JS heap one costs.
  const netsToGrow = await page.evaluate(() => {
    const bytes = window.wasmBytes();
    window.kept = [];
    while (window.wasmBytes() === bytes && window.kept.length < 1000) window.kept.push(new window.m.Network({ layers: [2, 64, 64, 64, 1] }));
    const n = window.kept.length;
    window.kept.forEach((net) => net.dispose());
    window.kept = Array.from({ length: 1000 }, () => new window.m.Network({ layers: [2, 4, 1] }));
    return n;
  });
  const kept = await heap(page);
  const perNet = (kept.js - after.js) / 1000;
  await page.evaluate(() => { window.kept.forEach((net) => net.dispose()); window.kept = null; });
  report(t, '1,000 Network cycles', before, after, `, ${((Date.now() - netMs) / 1000).toFixed(1)} s; the wasm heap grows after `
    + `${netsToGrow} networks not disposed; one kept Network holds ${Math.round(perNet)} bytes of JS heap`);
  assert.equal(after.wasm, before.wasm, 'wasm heap grew over 1,000 Network cycles');
  assert.ok(netsToGrow <= 100, `${netsToGrow} kept networks grow the heap: the measurement could miss leaks`);
  // Margin: 25 % of what 1,000 leaked Network objects would hold (a wrapper is small: ~150 bytes, so
  // a tighter margin would be within the heap's own noise of some 10 KB).
  assert.ok(after.js - before.js < 250 * perNet, `JS heap +${after.js - before.js} bytes over 1,000 Network cycles (margin ${250 * perNet})`);

  // ---- 1,000 create/remove cycles of the element (each loads, trains a step, draws) ----
  const elements = (n) => page.evaluate(async ([n, html]) => {
    const tpl = document.createElement('template');
    tpl.innerHTML = html;
    for (let i = 0; i < n; i++) {
      const e = tpl.content.firstElementChild.cloneNode(true);
      document.body.append(e);
      await e.ready;
      e.step();
      e.alpha = 2;
      e.remove();
      await new Promise((r) => setTimeout(r)); // teardown runs in a microtask after removal
    }
  }, [n, ELEMENT]);
  await elements(50); // warm-up
  before = await heap(page);
  const elMs = Date.now();
  await elements(1000);
  after = await heap(page);
  // Sensitivity: elements kept (not removed) until the wasm heap grows; their JS heap and nodes each.
  const elementsToGrow = await page.evaluate(async (html) => {
    const bytes = window.wasmBytes();
    let n = 0;
    while (window.wasmBytes() === bytes && n < 1000) {
      document.body.insertAdjacentHTML('beforeend', html);
      const e = document.body.lastElementChild;
      await e.ready;
      e.step();
      n += 1;
    }
    return n;
  }, ELEMENT);
  const held = await heap(page);
  const perElement = { js: (held.js - after.js) / elementsToGrow, nodes: (held.nodes - after.nodes) / elementsToGrow,
    listeners: (held.listeners - after.listeners) / elementsToGrow };
  await page.evaluate(() => document.body.replaceChildren());
  report(t, '1,000 element cycles', before, after, `, ${((Date.now() - elMs) / 1000).toFixed(1)} s; the wasm heap grows after `
    + `${elementsToGrow} elements not removed; one kept element holds ${Math.round(perElement.js)} bytes of JS heap, `
    + `${perElement.nodes} DOM nodes, ${perElement.listeners} listeners`);
  assert.equal(after.wasm, before.wasm, 'wasm heap grew over 1,000 element cycles');
  assert.ok(elementsToGrow <= 100, `${elementsToGrow} kept elements grow the heap: the measurement could miss leaks`);
  // Margins: JS heap, 10 % of what 1,000 leaked elements would hold; DOM nodes and listeners, less
  // than one leaked element's.
  assert.ok(after.js - before.js < 100 * perElement.js, `JS heap +${after.js - before.js} bytes over 1,000 element cycles (margin ${100 * perElement.js})`);
  assert.ok(after.nodes - before.nodes < perElement.nodes, `DOM nodes ${before.nodes} -> ${after.nodes}`);
  assert.ok(after.listeners - before.listeners < perElement.listeners, `listeners ${before.listeners} -> ${after.listeners}`);
  t.diagnostic(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await assertClean(page);
  await page.close();
});

test('a wasm memory growth forced mid-run leaves no stale views: results unchanged, the widget draws', async (t) => {
  const page = await soakPage();
  await page.evaluate(async () => {
    document.body.innerHTML = '<elu-playground compare="relu"></elu-playground>';
    const e = document.querySelector('elu-playground');
    await e.ready;
    for (let i = 0; i < 20; i++) e.step();
  });
  const r = await page.evaluate(() => {
    const { m } = window;
    const e = document.querySelector('elu-playground');
    const x = Float32Array.from({ length: 1000 }, (_, i) => -10 + i / 50);
    const dy = Float32Array.from(x, (v) => Math.cos(v));
    const data = m.datasets.make('xor', { n: 200, seed: 5 });
    const net = new m.Network({ layers: [2, 16, 16, 1], seed: 3 });
    for (let i = 0; i < 5; i++) net.trainEpoch(data.x, data.y);
    const lut = Uint8Array.from({ length: 1024 }, (_, i) => i * 7);
    const results = () => ({
      elu: m.elu(x, 1.7), back: m.eluBackward(x, dy, 0.3), gelu: m.activation('gelu').forward(x),
      predict: net.predict(data.x), grid: net.predictGrid({ width: 64, height: 64 }),
      rgba: net.gridRgba({ width: 32, height: 32 }, { lut }), params: net.getParameters(), loss: net.evaluate(data.x, data.y),
    });
    const before = results();
    const bytes0 = window.wasmBytes();
    let grown = 0, hugeOk = false;
    for (let i = 0; i < 2000; i++) {
      e.alpha = (i % 300) / 100;
      if (i === 1000) {
        // 8M points staged (64 MB) and 32 MB of predictions: the heap must grow.
        const big = new m.Network({ layers: [2, 4, 1] });
        const p = big.predict(new Float32Array(2 * 8e6).fill(0.5));
        big.dispose();
        grown = window.wasmBytes();
        if (!(p.length === 8e6 && p[0] === p[8e6 - 1])) throw new Error('big predict');
        // A huge array through the chunked kernel (2^24 + 3 elements).
        const huge = new Float32Array(2 ** 24 + 3).map((_, k) => (k % 1000) / 100 - 5);
        const y = m.elu(huge, 1.7);
        hugeOk = [0, 999, 2 ** 24 - 1, 2 ** 24 + 2].every((k) => y[k] === m.elu(huge.subarray(k, k + 1), 1.7)[0]);
      }
    }
    const same = (a, b) => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
    const afterGrowth = results();
    const differ = Object.keys(before).filter((k) => (typeof before[k] === 'number' ? before[k] !== afterGrowth[k] : !same(before[k], afterGrowth[k])));
    e.alpha = 1.25;
    return { bytes0, grown, hugeOk, differ, trainedAfter: Number.isFinite(net.trainEpoch(data.x, data.y)) };
  });
  t.diagnostic(`wasm ${r.bytes0 / MB} -> ${r.grown / MB} MB mid-run`);
  assert.ok(r.grown > r.bytes0, `the heap did not grow (${r.bytes0} -> ${r.grown})`);
  assert.deepEqual(r.differ, [], 'results that changed after the growth');
  assert.ok(r.hugeOk, 'elu over 2^24 + 3 elements');
  assert.ok(r.trainedAfter);
  await assertCurve(page, 'after growth');
  await assertTrains(page, 'after growth');
  await assertClean(page);
  await page.close();
});
});
