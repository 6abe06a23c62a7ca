// The alpha study in real Chromium (playwright-core + /usr/bin/chromium), printed as a table:
// the default study (11 alphas + ReLU, 8 seeds, 300 epochs, 2-8-8-1 on 250 training points of the
// circle: points 500, trainRatio 50, batch 10, Adam; 28,800 epochs, each followed by the test
// accuracy until the target is met) through
// - runStudyInWorkers with the default pool (min(hardwareConcurrency, 8) workers) and with one
//   worker: wall time from the call to the result, workers' start-up (each loads its wasm) included;
//   the pool's speed-up over one worker. Interleaved rounds, medians.
// - m.study on the main thread (8 ms slices): wall time, and the longest task it caused, measured as
//   the longest gap between the tasks of a MessageChannel ping-pong running beside it (and the
//   PerformanceObserver 'longtask' entries, > 50 ms).
// - the same study in tests/bench/baseline_nn.mjs, a TF-Playground-style plain-JS trainer, on the
//   page's main thread: SGD (it has no Adam), the test loss after every epoch as playground measures
//   it; a fixed fraction of the runs (seed 1 of each group), extrapolated to the whole study; against
//   the pool running the default study (Adam) and the same study with SGD.
//   node tests/bench/study.bench.mjs [--quick]
import { loadavg } from 'node:os';

import { openBrowser } from '../browser/browser.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 3;
const OPTIONS = { points: 500, trainRatio: 50 }; // and every other default
const EPOCHS = 12 * 8 * 300;

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const rows = [];
const row = (what, value, target = '', ok) => rows.push({ what, value, target, ok: ok === undefined ? '' : ok ? 'yes' : 'NO' });

const loadBefore = loadavg()[0];
const env = await openBrowser('chromium');
let info;
try {
  const page = (await env.page()).native; // Playwright's page: evaluate without a time limit
  await page.goto(`${env.base}/tests/browser/fixture.html`);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  info = await page.evaluate(async () => {
    const api = await import('/dist/index.js');
    const m = await api.load();
    await api.runStudyInWorkers({ alphas: [1], seeds: 2, epochs: 20 }); // warm: the worker script and wasm cached
    return { simd: m.simd, cores: navigator.hardwareConcurrency };
  });

  // Pool and one worker, interleaved.
  const pool = [], one = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [list, workers] of [[pool, undefined], [one, 1]]) {
      list.push(await page.evaluate(async ([options, workers]) => {
        const api = await import('/dist/index.js');
        const t0 = performance.now();
        const result = await api.runStudyInWorkers(options, workers ? { workers } : {});
        const ms = performance.now() - t0;
        window.reference ??= api.studyCsv(result.records);
        if (api.studyCsv(result.records) !== window.reference) throw new Error('records differ between runs');
        return ms;
      }, [OPTIONS, workers]));
    }
  }
  // The same study with SGD, the plain-JS trainer's only optimizer (for its comparison below).
  const sgd = [];
  for (let r = 0; r < ROUNDS; r++) {
    sgd.push(await page.evaluate(async (options) => {
      const api = await import('/dist/index.js');
      const t0 = performance.now();
      await api.runStudyInWorkers(options);
      return performance.now() - t0;
    }, { ...OPTIONS, optimizer: 'sgd' }));
  }
  const workers = Math.min(info.cores || 2, 8);
  const tPool = median(pool), tOne = median(one);
  row(`runStudyInWorkers, default pool (${workers} workers): wall time`, `${(tPool / 1000).toFixed(2)} s`, '<= 2 s', tPool <= 2000);
  row('runStudyInWorkers, one worker: wall time', `${(tOne / 1000).toFixed(2)} s`, '');
  row(`pool speed-up over one worker (${info.cores} cores)`, `${(tOne / tPool).toFixed(2)}x`, '>= 1.7x', tOne / tPool >= 1.7);
  row('  per epoch in the pool (wall time / 28,800 epochs)', `${((1000 * tPool) / EPOCHS).toFixed(1)} us`, '');

  // m.study on the main thread, with a MessageChannel ping-pong beside it.
  const main = await page.evaluate(async (options) => {
    const api = await import('/dist/index.js');
    const m = await api.load();
    window.longTasks.length = 0;
    const channel = new MessageChannel();
    let last = performance.now(), longest = 0, ticks = 0, running = true;
    channel.port1.onmessage = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks += 1;
      if (running) channel.port2.postMessage(0);
    };
    channel.port2.postMessage(0);
    const t0 = performance.now();
    const result = await m.study(options);
    const ms = performance.now() - t0;
    running = false;
    await new Promise((r) => setTimeout(r, 100)); // long-task entries arrive after their task
    return { ms, longest, ticks, longTasks: [...window.longTasks], same: api.studyCsv(result.records) === window.reference };
  }, OPTIONS);
  row('m.study on the main thread (8 ms slices): wall time', `${(main.ms / 1000).toFixed(2)} s`, main.same ? '(same records)' : 'NOT the same records', main.same);
  row('  longest task (gap in a MessageChannel ping-pong beside it)', `${main.longest.toFixed(1)} ms`, '<= 50 ms', main.longest <= 50);
  row("  tasks over 50 ms ('longtask' entries)", main.longTasks.length ? main.longTasks.map((d) => `${d.toFixed(0)} ms`).join(', ') : '0', 'none', main.longTasks.length === 0);
  row('  other tasks that ran meanwhile', String(main.ticks), '');

  // The plain-JS trainer: seed 1 of each of the 12 groups (1/8 of the study), extrapolated.
  const base = await page.evaluate(async (options) => {
    const api = await import('/dist/index.js');
    const m = await api.load();
    const { createBaseline } = await import('/tests/bench/baseline_nn.mjs');
    const { options: o } = api.studyRuns(options);
    const data = m.datasets.make(o.dataset, { n: o.points, noise: o.noise, seed: o.dataSeed });
    const { train, test } = m.datasets.split(data, { testFraction: 1 - o.trainRatio / 100, seed: o.dataSeed });
    const groups = [...o.alphas.map((alpha) => ['elu', alpha]), ...o.baselines.map((b) => [b, 1])];
    const t0 = performance.now();
    let loss = 0;
    for (const [activation, alpha] of groups) {
      const net = createBaseline({ layers: [2, ...o.hiddenLayers, 1], activation, alpha, seed: 1 });
      for (let e = 0; e < o.epochs; e++) {
        net.trainEpoch(train.x, train.y, { batchSize: o.batchSize, learningRate: o.learningRate });
        loss = net.evaluate(test.x, test.y);
      }
    }
    return { ms: performance.now() - t0, runs: groups.length, loss };
  }, OPTIONS);
  const tBase = (base.ms * 96) / base.runs;
  row(`plain-JS trainer (baseline_nn.mjs), main thread: ${base.runs} of 96 runs measured`, `${(base.ms / 1000).toFixed(2)} s`, '');
  row('  the whole study, extrapolated (x 8)', `${(tBase / 1000).toFixed(1)} s`, '');
  row('  ... over the worker pool', `${(tBase / tPool).toFixed(1)}x slower`, '>= 20x', tBase / tPool >= 20);
  const tSgd = median(sgd);
  row('  ... over the worker pool running the study with SGD, as it does', `${(tBase / tSgd).toFixed(1)}x slower (pool: ${(tSgd / 1000).toFixed(2)} s)`, '');
  row('  ... over m.study on the main thread', `${(tBase / main.ms).toFixed(1)}x slower`, '');
  await page.context().close();
} finally {
  await env.close();
}

const w = ['what', 'value', 'target'].map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
console.log(`\nThe alpha study in ${env.version}, ${info.simd ? 'SIMD128' : 'scalar'} build, ${info.cores} cores `
  + `(${quick ? 'quick: one round' : `medians of ${ROUNDS} interleaved rounds`}; default study: 28,800 epochs; `
  + `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after: the pool's speed-up needs idle cores)\n`);
console.log(`| ${'measure'.padEnd(w[0])} | ${'value'.padEnd(w[1])} | ${'target'.padEnd(w[2])} | met |`);
console.log(`|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 2)}|${'-'.repeat(w[2] + 2)}|-----|`);
for (const r of rows) console.log(`| ${r.what.padEnd(w[0])} | ${r.value.padEnd(w[1])} | ${r.target.padEnd(w[2])} | ${r.ok.padEnd(3)} |`);
