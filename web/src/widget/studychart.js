// The study panel's words and geometry: a metric of the study against alpha as drawable data (the
// ELU runs' median and middle half per alpha, each baseline as a horizontal band), the charts'
// layout and drawing, what pointing at them reads, the table for screen readers, the progress line
// and the speed table. No DOM, no wasm: tests/js/widget-study.test.mjs runs the words and numbers
// in Node; studyview.js wires them to the panel.

import { defaultTarget } from '../study.js';
import { ticks } from './plot.js';
import { LABELS, OVERLAY_COLORS } from './template.js';

const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const num = (v) => (finite(v) ? v : NaN);

// The study of the element's state (state.js names): its data (dataset, noise, 400 points, train
// ratio, the `seed` field as the data seed), its networks and training settings, and the study
// fields; an empty target is the dataset's default (defaultTarget). The options m.study and
// runStudyInWorkers take.
export function studyOptions(s) {
  return {
    dataset: s.datasetName, noise: s.noise, points: 400, trainRatio: s.trainRatio, dataSeed: s.seed,
    hiddenLayers: [...s.hiddenLayers], features: [...s.features], optimizer: s.optimizer, learningRate: s.learningRate,
    batchSize: s.batchSize, regularization: s.regularization, regularizationRate: s.regularizationRate,
    alphas: [...s.studyAlphas], seeds: s.studySeeds, epochs: s.studyEpochs, baselines: [...s.studyBaselines],
    target: s.studyTarget ?? defaultTarget(s.datasetName),
  };
}

// Workers for a study on a machine of `cores` cores: one core is left to the page (its frames,
// training beside the study), at least one worker, at most 8. With every core busy in a worker, a
// 2-core machine drew 30 frames per second instead of 60 (tests/bench/widget.bench.mjs).
export const studyWorkers = (cores) => Math.min(8, Math.max(1, (cores || 2) - 1));

// ---- formats ------------------------------------------------------------------------------------
export const percent = (v, digits = 1) => (finite(v) ? `${(100 * v).toFixed(digits)}%` : '–');
const lossText = (v) => (finite(v) ? v.toPrecision(3) : '–');
const epochText = (v) => (finite(v) ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : '–');
const alphaText = (a) => String(Number(a.toFixed(4)));
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// A target as words: an accuracy in % (classification), a test loss (regression).
export const targetText = (task, target) => (task === 'regression' ? `a test loss of ${target}` : `${Number((100 * target).toFixed(2))}% test accuracy`);

// The two charts' metrics for a task: quality (test accuracy, higher is better; for regression the
// test loss, lower is better) and speed (epochs until the target is first met).
export function metrics(task, target) {
  const quality = task === 'regression'
    ? { key: 'testLoss', name: 'test loss', label: 'Test loss (MSE)', format: lossText }
    : { key: 'accuracy', name: 'test accuracy', label: 'Test accuracy', format: percent };
  return [
    quality,
    { key: 'epochsToTarget', name: `epochs to ${targetText(task, target)}`, label: `Epochs to ${targetText(task, target)}`, format: epochText },
  ];
}

// ---- chart data ---------------------------------------------------------------------------------
// groups: summarizeStudy(records) (ELU groups have a numeric alpha, baselines alpha null); metric:
// one of metrics(); alphas: the study's alphas (the x axis, fixed while results stream in); epochs:
// the study's epochs (the epochs chart's ceiling).
// -> { metric, points: [{ alpha, runs, diverged, median, q1, q3, reached? }] (by alpha), bands:
// [{ activation, label, color, runs, diverged, median, q1, q3, reached? }], x: { min, max }, y: { min, max } }
// Missing values (no run reached the target) are NaN: drawn as gaps.
export function studyChart(groups, metric, { alphas, epochs }) {
  const stat = (g) => {
    const s = g[metric.key] ?? {};
    return { median: num(s.median), q1: num(s.q1), q3: num(s.q3), ...(s.reached !== undefined ? { reached: s.reached } : {}) };
  };
  const points = groups.filter((g) => g.alpha !== null && g.alpha !== undefined).sort((a, b) => a.alpha - b.alpha)
    .map((g) => ({ alpha: g.alpha, runs: g.runs, diverged: g.diverged ?? 0, ...stat(g) }));
  const bands = groups.filter((g) => g.alpha === null || g.alpha === undefined).map((g) => ({
    activation: g.activation, label: LABELS[g.activation] ?? g.activation, color: OVERLAY_COLORS[g.activation] ?? '#64748b',
    runs: g.runs, diverged: g.diverged ?? 0, ...stat(g),
  }));
  const xs = alphas.length ? alphas : points.map((p) => p.alpha);
  let [xMin, xMax] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  if (xMax - xMin < 1e-9) { xMin -= 0.5; xMax += 0.5; }
  const values = [...points, ...bands].flatMap((p) => [p.q1, p.median, p.q3]).filter(finite);
  const lo = values.length ? Math.min(...values) : NaN, hi = values.length ? Math.max(...values) : NaN;
  let y;
  if (metric.key === 'accuracy') {
    y = values.length ? nice(Math.max(0, lo - Math.max(0.02, 0.1 * (hi - lo))), Math.min(1, hi + Math.max(0.02, 0.1 * (hi - lo))), 0, 1) : { min: 0, max: 1 };
  } else if (metric.key === 'epochsToTarget') {
    y = nice(0, values.length ? Math.min(epochs, Math.max(1, hi * 1.15)) : epochs, 0, epochs);
  } else {
    y = nice(0, values.length && hi > 0 ? hi * 1.1 : 1, 0, Infinity);
  }
  return { metric, points, bands, x: { min: xMin, max: xMax }, y };
}

// [lo, hi] widened to round ticks (within [floor, ceiling]).
function nice(lo, hi, floor, ceiling) {
  if (!(hi > lo)) hi = lo + 1;
  const t = ticks(lo, hi, 5);
  const step = t.length > 1 ? t[1] - t[0] : hi - lo;
  const round = (v) => Math.round(v * 1e9) / 1e9;
  return { min: Math.max(floor, round(Math.floor(lo / step + 1e-9) * step)), max: Math.min(ceiling, round(Math.ceil(hi / step - 1e-9) * step)) };
}

// ---- layout, pointing, words ------------------------------------------------------------------
// The chart's geometry in CSS pixels for a canvas of width x height: toPx(alpha), toPy(value),
// fromPx(px) -> alpha, and the ticks. The right margin holds the baselines' names.
export function chartLayout(width, height, chart) {
  const pad = { left: 46, right: chart.bands.length ? 64 : 12, top: 10, bottom: 32 };
  const w = Math.max(1, width - pad.left - pad.right), h = Math.max(1, height - pad.top - pad.bottom);
  const { x, y } = chart;
  return {
    pad, width: w, height: h,
    xTicks: ticks(x.min, x.max, Math.max(2, w / 64)),
    yTicks: ticks(y.min, y.max, Math.max(2, h / 36)),
    toPx: (a) => pad.left + ((a - x.min) / (x.max - x.min)) * w,
    toPy: (v) => pad.top + ((y.max - v) / (y.max - y.min)) * h,
    fromPx: (px) => x.min + ((px - pad.left) / w) * (x.max - x.min),
  };
}

// The point (index into chart.points) nearest to pixel column px, or -1 when there is none.
export function nearestPoint(chart, layout, px) {
  let best = -1, distance = Infinity;
  chart.points.forEach((p, i) => {
    const d = Math.abs(layout.toPx(p.alpha) - px);
    if (d < distance) { best = i; distance = d; }
  });
  return best;
}

// What one summary (a point or a band) says of the metric, in words.
function statWords(metric, s) {
  const f = metric.format;
  const diverged = s.diverged ? `, ${s.diverged} diverged` : '';
  if (metric.key === 'epochsToTarget') {
    const reached = `reached in ${s.reached ?? 0} of ${s.runs} runs`;
    const half = finite(s.q3) ? `middle half ${f(s.q1)}–${f(s.q3)}` : `middle half from ${f(s.q1)}`;
    return finite(s.median) ? `median ${f(s.median)} (${half}), ${reached}${diverged}` : `${reached}${diverged}`;
  }
  return `median ${f(s.median)} (middle half ${f(s.q1)}–${f(s.q3)}) over ${s.runs} runs${diverged}`;
}

// The readout of point i and the baselines: "α = 0.5, test accuracy: median 91.5% (...); ReLU: ...".
export function chartReadout(chart, i) {
  const p = chart.points[i];
  if (!p) return '';
  const bands = chart.bands.map((b) => `; ${b.label}: ${statWords(chart.metric, b)}`).join('');
  return `α = ${alphaText(p.alpha)}, ${chart.metric.name}: ${statWords(chart.metric, p)}${bands}`;
}

// The canvas's accessible name: what it plots, its best and worst alpha, the baselines' medians.
export function chartLabel(chart) {
  const { metric, points, bands } = chart;
  const shown = points.filter((p) => finite(p.median));
  let extremes = 'no results yet';
  if (shown.length) {
    const lowerIsBetter = metric.key !== 'accuracy';
    const sorted = [...shown].sort((a, b) => (lowerIsBetter ? a.median - b.median : b.median - a.median));
    const [best, worst] = [sorted[0], sorted.at(-1)];
    extremes = `best ${metric.format(best.median)} at α ${alphaText(best.alpha)}, worst ${metric.format(worst.median)} at α ${alphaText(worst.alpha)}`;
  }
  const baselines = bands.map((b) => `; ${b.label} ${metric.format(b.median)}`).join('');
  return `${metric.label} against alpha, the median of each alpha's runs: ${extremes}${baselines}. The table of results lists every value.`;
}

// ---- drawing ------------------------------------------------------------------------------------
// Draws the chart on a 2-D context in CSS pixels (cleared first). colors: { fg, muted, grid,
// accent, bg, font }; hover: the index of the point pointed at, or -1.
export function drawStudyChart(ctx, layout, chart, colors, hover = -1) {
  const g = layout, { pad } = g;
  ctx.clearRect(0, 0, g.width + pad.left + pad.right, g.height + pad.top + pad.bottom);
  ctx.font = `11px ${colors.font}`;
  ctx.lineWidth = 1;
  ctx.strokeStyle = colors.grid;
  ctx.beginPath();
  for (const t of g.yTicks) { const y = Math.round(g.toPy(t)) + 0.5; ctx.moveTo(pad.left, y); ctx.lineTo(pad.left + g.width, y); }
  for (const t of g.xTicks) { const x = Math.round(g.toPx(t)) + 0.5; ctx.moveTo(x, pad.top); ctx.lineTo(x, pad.top + g.height); }
  ctx.stroke();
  ctx.fillStyle = colors.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yLabel = chart.metric.key === 'accuracy' ? (v) => `${Math.round(100 * v)}%` : (v) => String(v);
  for (const t of g.yTicks) ctx.fillText(yLabel(t), pad.left - 6, g.toPy(t));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of g.xTicks) ctx.fillText(String(t), g.toPx(t), pad.top + g.height + 5);
  ctx.fillText('α', pad.left + g.width / 2, pad.top + g.height + 18);

  ctx.save();
  ctx.beginPath();
  ctx.rect(pad.left, pad.top, g.width, g.height);
  ctx.clip();
  // Baselines: their middle half as a band across the chart, the median dashed.
  for (const b of chart.bands) {
    if (!finite(b.median)) continue;
    ctx.globalAlpha = 0.16;
    ctx.fillStyle = b.color;
    if (finite(b.q1) && finite(b.q3)) ctx.fillRect(pad.left, g.toPy(b.q3), g.width, Math.max(1, g.toPy(b.q1) - g.toPy(b.q3)));
    ctx.globalAlpha = 1;
    ctx.strokeStyle = b.color;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(pad.left, g.toPy(b.median));
    ctx.lineTo(pad.left + g.width, g.toPy(b.median));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // ELU: the middle half as a band along alpha, the median on top, each broken where its values
  // are missing (a quartile past the runs that reached the target).
  const spans = (ok) => {
    const out = [[]];
    for (const p of chart.points) {
      if (ok(p)) out.at(-1).push(p); else if (out.at(-1).length) out.push([]);
    }
    return out;
  };
  ctx.fillStyle = colors.accent;
  ctx.globalAlpha = 0.2;
  for (const run of spans((p) => finite(p.q1) && finite(p.q3))) {
    if (!run.length) continue;
    ctx.beginPath();
    if (run.length === 1) {
      ctx.rect(g.toPx(run[0].alpha) - 3, g.toPy(run[0].q3), 6, g.toPy(run[0].q1) - g.toPy(run[0].q3));
    } else {
      run.forEach((p, i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, g.toPx(p.alpha), g.toPy(p.q3)));
      for (let i = run.length - 1; i >= 0; i--) ctx.lineTo(g.toPx(run[i].alpha), g.toPy(run[i].q1));
      ctx.closePath();
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colors.accent;
  ctx.lineWidth = 2.25;
  ctx.lineJoin = 'round';
  for (const run of spans((p) => finite(p.median))) {
    ctx.beginPath();
    run.forEach((p, i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, g.toPx(p.alpha), g.toPy(p.median)));
    ctx.stroke();
  }
  for (const [i, p] of chart.points.entries()) {
    if (!finite(p.median)) continue;
    ctx.beginPath();
    ctx.arc(g.toPx(p.alpha), g.toPy(p.median), i === hover ? 5 : 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  if (chart.points[hover]) {
    const x = Math.round(g.toPx(chart.points[hover].alpha)) + 0.5;
    ctx.strokeStyle = colors.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, pad.top);
    ctx.lineTo(x, pad.top + g.height);
    ctx.stroke();
  }
  ctx.restore();
  // The baselines' names in the right margin, at their medians (nudged apart).
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let last = -Infinity;
  for (const b of [...chart.bands].filter((x) => finite(x.median)).sort((a, c) => c.median - a.median)) {
    const y = Math.max(g.toPy(b.median), last + 12);
    last = y;
    ctx.fillStyle = b.color;
    ctx.fillText(b.label, pad.left + g.width + 6, Math.min(y, pad.top + g.height));
  }
}

// ---- the table ----------------------------------------------------------------------------------
// The results as a table: a head row, then one row per ELU alpha and one per baseline.
export function studyTable(groups, task, target) {
  const [quality, speed] = metrics(task, target);
  const head = ['Activation', 'α', 'Runs', `${quality.label}: median (middle half)`, `${speed.label}: median (runs that reached it)`, 'Diverged'];
  const elu = groups.filter((g) => g.alpha !== null && g.alpha !== undefined).sort((a, b) => a.alpha - b.alpha);
  const rows = [...elu, ...groups.filter((g) => g.alpha === null || g.alpha === undefined)].map((g) => {
    const q = g[quality.key] ?? {}, e = g.epochsToTarget ?? {};
    return [
      LABELS[g.activation] ?? g.activation,
      g.alpha === null || g.alpha === undefined ? '–' : alphaText(g.alpha),
      String(g.runs),
      `${quality.format(num(q.median))} (${quality.format(num(q.q1))}–${quality.format(num(q.q3))})`,
      `${epochText(num(e.median))} (${e.reached ?? 0} of ${g.runs})`,
      String(g.diverged ?? 0),
    ];
  });
  return { head, rows };
}

// ---- progress and configuration -------------------------------------------------------------------
const duration = (ms) => {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

// "12 of 96 runs, about 20 s left" while running (the rate so far), "96 runs in 14.2 s" when done.
export function progressText(done, total, elapsedMs, finished = false) {
  if (finished) return `${total} run${total === 1 ? '' : 's'} in ${(elapsedMs / 1000).toFixed(1)} s`;
  if (!done) return `0 of ${total} runs`;
  return `${done} of ${total} runs, about ${duration((elapsedMs / done) * (total - done))} left`;
}

// What a study of `options` trains, in a sentence.
export function configText(options, task) {
  const runs = (options.alphas.length + options.baselines.length) * options.seeds;
  const what = [`ELU at ${options.alphas.length} alpha${options.alphas.length === 1 ? '' : 's'}`,
    ...options.baselines.map((b) => LABELS[b] ?? b)].join(options.baselines.length > 1 ? ', ' : ' and ')
    .replace(/, ([^,]*)$/, ' and $1');
  const layers = options.hiddenLayers.length;
  const net = `${layers} hidden layer${layers === 1 ? '' : 's'} of ${options.hiddenLayers.join(', ')} units`.replace(/, (\d+) units$/, ' and $1 units');
  return `${runs} runs: ${what}, ${options.seeds} seed${options.seeds === 1 ? '' : 's'} each, ${options.epochs} epochs `
    + `on the ${LABELS[options.dataset] ?? options.dataset} data (${net}, ${LABELS[options.optimizer] ?? options.optimizer}, `
    + `learning rate ${options.learningRate}); target: ${targetText(task, options.target)}.`;
}

// ---- speed ----------------------------------------------------------------------------------------
export const KERNELS = [
  ['eluForward', 'ELU forward'],
  ['reluForward', 'ReLU forward'],
  ['eluBackward', 'ELU backward'],
];

// measureSpeed's result ({ sizes, seconds: { eluForward: [per size], ... } }) as throughputs
// (elements per second) and ratios of times (ELU / ReLU forward, ELU backward / forward).
export function speedNumbers({ sizes, seconds }) {
  const rate = Object.fromEntries(KERNELS.map(([k]) => [k, sizes.map((n, i) => n / seconds[k][i])]));
  return {
    sizes,
    rate,
    eluOverRelu: sizes.map((_, i) => seconds.eluForward[i] / seconds.reluForward[i]),
    backwardOverForward: sizes.map((_, i) => seconds.eluBackward[i] / seconds.eluForward[i]),
  };
}

const rateText = (v) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)} G/s` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} M/s` : `${(v / 1e3).toFixed(0)} k/s`);

// The speed table: { head, rows } (throughput rows in elements per second, then the two ratios).
// With `sizes` instead of a result: the same table with a dash in every cell (while measuring).
export function speedTable(result, sizes = result.sizes) {
  const s = result ? speedNumbers(result) : null;
  const cells = (values, text) => (values ? values.map(text) : sizes.map(() => '–'));
  return {
    head: ['Kernel', ...sizes.map((n) => `${grouped(n)} elements`)],
    rows: [
      ...KERNELS.map(([k, label]) => [`${label} (elements/s)`, ...cells(s?.rate[k], rateText)]),
      ['ELU ÷ ReLU forward time', ...cells(s?.eluOverRelu, (r) => `${r.toFixed(2)}×`)],
      ['ELU backward ÷ forward time', ...cells(s?.backwardOverForward, (r) => `${r.toFixed(2)}×`)],
    ],
  };
}
