// The alpha study's worker pool (runStudyInWorkers, dist/index.js + dist/study-worker.js) in every
// engine: the same records as m.study on the same page and as m.study in Node (bit for bit: records
// travel as CSV, whose numbers round-trip exactly); twice the same; m.study yields on the page; cancel terminates every worker
// (counted through a Worker subclass in any engine; Chromium's driver also lists the live workers)
// and 50 start/cancel cycles leave a page where a study still runs; a worker that cannot start (a
// CSP with worker-src 'none', an entry loaded from another origin) rejects with StudyWorkerError and
// m.study still runs there.
import assert from 'node:assert/strict';

import { parseStudyCsv, studyCsv } from '../../web/src/study.js';
import { startServer } from '../../scripts/serve.mjs';
import { loadFlavor } from '../js/helpers.mjs';
import { assertClean, forEachEngine } from './browser.mjs';

const OPTIONS = { dataset: 'spiral', alphas: [0.5, 1], seeds: 3, epochs: 30, baselines: ['relu', 'tanh'] };
const RUNS = 12;
// Long enough that a cancel lands mid-study.
const LONG = { dataset: 'spiral', seeds: 8, epochs: 300 };

// m.study in Node, per module flavor: what every engine must give.
const expected = {};
async function nodeCsv(flavor) {
  expected[flavor] ??= loadFlavor(flavor).then(({ api }) => api.study(OPTIONS)).then((r) => studyCsv(r.records));
  return expected[flavor];
}

// Runs in the page: keeps every Worker the page creates in window.workers (terminated ones marked).
const COUNT_WORKERS = () => {
  window.workers = [];
  window.Worker = class extends Worker {
    constructor(...args) {
      super(...args);
      this.terminated = false;
      window.workers.push(this);
    }
    terminate() {
      this.terminated = true;
      super.terminate();
    }
  };
};

forEachEngine(({ engine, env, test }) => {
  async function studyPage(path = '/tests/browser/fixture.html') {
    const page = await env.page();
    await page.goto(path);
    await page.evaluate(COUNT_WORKERS);
    return page;
  }

  test('runStudyInWorkers gives the records of m.study on the same page and in Node, twice the same', { timeout: 120000 }, async () => {
    const page = await studyPage();
    const r = await page.evaluate(async (options) => {
      const api = await import('/dist/index.js');
      const m = await api.load();
      const calls = [];
      const a = await api.runStudyInWorkers(options, { onResult: (record, done, total) => calls.push([record.index, done, total]) });
      const b = await api.runStudyInWorkers(options, { workers: 1 });
      const c = await m.study(options);
      return { simd: m.simd, a: api.studyCsv(a.records), b: api.studyCsv(b.records), c: api.studyCsv(c.records),
        calls, sameOptions: JSON.stringify(a.options) === JSON.stringify(c.options), onRecords: a.records.length,
        workers: window.workers.length, terminated: window.workers.every((w) => w.terminated),
        cores: navigator.hardwareConcurrency };
    }, OPTIONS, { timeout: 90000 });
    const node = await nodeCsv(r.simd ? 'simd' : 'scalar');
    assert.equal(r.a, r.c, 'workers = m.study on the page');
    assert.equal(r.b, r.a, 'one worker = the pool');
    assert.deepEqual(parseStudyCsv(r.a), parseStudyCsv(node), 'the page = Node');
    assert.equal(r.a, node);
    assert.ok(r.sameOptions);
    assert.deepEqual(r.calls.map((c) => c.slice(1)), Array.from({ length: RUNS }, (_, i) => [i + 1, RUNS]));
    assert.deepEqual(r.calls.map((c) => c[0]).sort((x, y) => x - y), Array.from({ length: RUNS }, (_, i) => i));
    // The default pool: min(hardwareConcurrency, 8) workers, then one; all terminated at the end.
    assert.equal(r.workers, Math.min(r.cores || 2, 8, RUNS) + 1, `${r.cores} cores`);
    assert.ok(r.terminated, 'every worker terminated once the study ended');
    await assertClean(page);
    await page.close();
  });

  // Without slices the other task would run about once; with one epoch per task about once per epoch
  // (WebKit runs a little fewer: it may deliver two queued port messages in one go).
  test('m.study on the page yields between slices (MessageChannel): other tasks run about once per epoch at sliceMs 0', async () => {
    const page = await studyPage();
    const r = await page.evaluate(async (options) => {
      const api = await import('/dist/index.js');
      const m = await api.load();
      const channel = new MessageChannel();
      let ticks = 0, running = true;
      channel.port1.onmessage = () => { ticks += 1; if (running) channel.port2.postMessage(0); };
      channel.port2.postMessage(0);
      const result = await m.study(options, { sliceMs: 0 });
      running = false;
      return { ticks, csv: api.studyCsv(result.records), simd: m.simd };
    }, OPTIONS);
    assert.ok(r.ticks >= RUNS * OPTIONS.epochs * 0.75, `${r.ticks} other tasks during ${RUNS * OPTIONS.epochs} epochs`);
    assert.equal(r.csv, await nodeCsv(r.simd ? 'simd' : 'scalar'));
    await assertClean(page);
    await page.close();
  });

  test('cancel terminates every worker at once: AbortError, no result after it; 50 cycles, then a study still runs', { timeout: 240000 }, async () => {
    const page = await studyPage();
    const first = await page.evaluate(async (options) => {
      const api = await import('/dist/index.js');
      const c = new AbortController();
      let calls = 0, late = 0;
      const error = await api.runStudyInWorkers(options, { signal: c.signal, onResult: () => {
        calls += 1;
        if (c.signal.aborted) late += 1;
        c.abort();
      } }).then(() => null, (e) => e);
      const live = window.workers.filter((w) => !w.terminated).length;
      await new Promise((r) => setTimeout(r, 300));
      return { name: error?.name, dom: error instanceof DOMException, calls, late, live, created: window.workers.length };
    }, LONG, { timeout: 60000 });
    assert.deepEqual(first, { name: 'AbortError', dom: true, calls: 1, late: 0, live: 0, created: first.created });
    assert.ok(first.created >= 1);
    if (engine === 'chromium') {
      // The driver's own list of the page's workers: a terminated worker leaves it.
      const deadline = Date.now() + 5000;
      while (page.native.workers().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(page.native.workers().length, 0, 'Chromium lists no live worker after the cancel');
    } else {
      process.stdout.write(`# ${engine}: its driver lists no workers; checked through the Worker subclass: every worker terminated\n`);
    }
    // 50 cycles: cancelled at once, while the workers load, or after their first result.
    for (let k = 0; k < 5; k++) {
      const r = await page.evaluate(async ([options, k]) => {
        const api = await import('/dist/index.js');
        const names = [];
        for (let i = 10 * k; i < 10 * k + 10; i++) {
          const c = new AbortController();
          const study = api.runStudyInWorkers(options, { signal: c.signal, onResult: () => c.abort() });
          if (i % 3 === 0) c.abort();
          else if (i % 3 === 1) setTimeout(() => c.abort(), 20);
          names.push(await study.then(() => 'resolved', (e) => e.name));
        }
        return { names, live: window.workers.filter((w) => !w.terminated).length };
      }, [LONG, k], { timeout: 60000 });
      assert.deepEqual(r, { names: Array(10).fill('AbortError'), live: 0 }, `cycles ${10 * k}..${10 * k + 9}`);
    }
    const after = await page.evaluate(async (options) => {
      const api = await import('/dist/index.js');
      return api.studyCsv((await api.runStudyInWorkers(options)).records);
    }, OPTIONS, { timeout: 60000 });
    assert.equal(after, await nodeCsv('simd'));
    await assertClean(page);
    await page.close();
  });

  test("a worker that cannot start rejects with StudyWorkerError (CSP worker-src 'none'); m.study runs instead", { timeout: 120000 }, async () => {
    const page = await studyPage('/tests/browser/no-workers.html');
    const r = await page.evaluate(async (options) => {
      const api = await import('/dist/index.js');
      const error = await api.runStudyInWorkers(options).then(() => null, (e) => e);
      const m = await api.load();
      const fallback = await m.study(options);
      return { name: error?.name, message: error?.message, csv: api.studyCsv(fallback.records) };
    }, OPTIONS, { timeout: 60000 });
    assert.equal(r.name, 'StudyWorkerError');
    assert.match(r.message, /^no study worker could start: /);
    assert.equal(r.csv, await nodeCsv('simd'));
    const problems = await page.problems();
    assert.ok(problems.length >= 1 && problems.every((p) => /^csp: worker-src .*\/dist\/study-worker\.js$/.test(p)), problems.join('\n'));
    await page.close();
  });

  test('a worker that cannot start rejects with StudyWorkerError (the entry loaded from another origin)', { timeout: 120000 }, async () => {
    // A second origin (another port) that lets any page load its modules and wasm (CORS).
    const other = await startServer({ headers: { 'access-control-allow-origin': '*' } });
    try {
      const page = await studyPage('/tests/browser/fixture.html?nocsp');
      const r = await page.evaluate(async ([options, origin]) => {
        const api = await import(`${origin}/dist/index.js`);
        const error = await api.runStudyInWorkers(options).then(() => null, (e) => e);
        const fallback = await (await api.load()).study(options);
        return { name: error?.name, message: error?.message, csv: api.studyCsv(fallback.records) };
      }, [OPTIONS, `http://127.0.0.1:${other.address().port}`], { timeout: 60000 });
      assert.equal(r.name, 'StudyWorkerError', r.message);
      assert.match(r.message, /^no study worker could start: /);
      assert.equal(r.csv, await nodeCsv('simd'));
      await page.close();
    } finally {
      other.closeAllConnections?.();
      await new Promise((done) => other.close(done));
    }
  });
});
