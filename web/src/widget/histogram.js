// Activation histograms: per hidden layer, how its outputs spread over the training points, for
// each network (ELU, and the compared one), with the mean marked. binning and words are pure
// (tests/js/widget-diagram.test.mjs); drawHistogram paints one layer's chart.

export const BINS = 24;
const LIMIT = 10; // the axis never reaches past +-LIMIT (outliers count in the end bins)

// outputs: per run, Network.neuronOutputs(x) (neuron-major: out[neuron * n + point], hidden layers
// first); hidden: the hidden layer sizes; n: the points.
// -> per hidden layer { lo, hi, runs: [{ counts: Uint32Array(bins), mean, total }] }, one shared
// axis [lo, hi] per layer: it holds 0 and every run's mean +- 3 standard deviations (as far as the
// values reach, and never past +-LIMIT); values beyond it count in the end bins, non-finite values
// are left out.
export function layerHistograms(outputs, hidden, n, bins = BINS) {
  let first = 0;
  return hidden.map((units) => {
    const start = first * n, end = (first + units) * n;
    first += units;
    const moments = outputs.map((values) => {
      let sum = 0, squares = 0, total = 0, min = Infinity, max = -Infinity;
      for (let i = start; i < end; i++) {
        const v = values[i];
        if (!Number.isFinite(v)) continue;
        sum += v;
        squares += v * v;
        total += 1;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const mean = total ? sum / total : NaN;
      const sd = total ? Math.sqrt(Math.max(0, squares / total - mean * mean)) : 0;
      return { mean, total, lo: Math.max(min, mean - 3 * sd), hi: Math.min(max, mean + 3 * sd) };
    });
    let lo = 0, hi = 0;
    for (const m of moments) if (m.total) { lo = Math.min(lo, m.lo); hi = Math.max(hi, m.hi); }
    lo = Math.max(lo, -LIMIT);
    hi = Math.min(hi, LIMIT);
    if (hi - lo < 1e-6) hi = lo + 1;
    const scale = bins / (hi - lo);
    const runs = outputs.map((values, r) => {
      const counts = new Uint32Array(bins);
      for (let i = start; i < end; i++) {
        const v = values[i];
        if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) * scale)))] += 1;
      }
      return { counts, mean: moments[r].mean, total: moments[r].total };
    });
    return { lo, hi, runs };
  });
}

const num = (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(2))) : '–');

// The chart's accessible name. names: the runs' display names.
export function histogramLabel(layer, h, names, points) {
  const means = h.runs.map((r, i) => `${names[i]} mean ${num(r.mean)}`).join(', ');
  return `Layer ${layer + 1} outputs over ${points} training points, from ${num(h.lo)} to ${num(h.hi)}: ${means}`;
}

// One layer's chart on a 2D context set to CSS pixels: each run's counts as a translucent step
// area in its colour (heights by the square root of the count, so that a spike at 0, ReLU's
// silent units, does not flatten the rest), its mean as a vertical line, 0 as a dashed line, the
// axis ends as labels.
// colors: { runs: [css colour per run], muted, grid, font }.
export function drawHistogram(ctx, width, height, h, colors) {
  ctx.clearRect(0, 0, width, height);
  const pad = { left: 4, right: 4, top: 4, bottom: 14 };
  const w = width - pad.left - pad.right, ht = height - pad.top - pad.bottom;
  const x = (v) => pad.left + ((v - h.lo) / (h.hi - h.lo)) * w;
  const base = pad.top + ht;
  let max = 1;
  for (const r of h.runs) for (const c of r.counts) if (c > max) max = c;
  const bins = h.runs[0]?.counts.length ?? 1;
  h.runs.forEach((r, i) => {
    ctx.fillStyle = colors.runs[i];
    ctx.strokeStyle = colors.runs[i];
    ctx.globalAlpha = 0.3;
    ctx.beginPath();
    ctx.moveTo(pad.left, base);
    r.counts.forEach((c, b) => {
      const y = base - Math.sqrt(c / max) * ht;
      ctx.lineTo(pad.left + (b / bins) * w, y);
      ctx.lineTo(pad.left + ((b + 1) / bins) * w, y);
    });
    ctx.lineTo(pad.left + w, base);
    ctx.closePath();
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
    ctx.stroke();
    if (Number.isFinite(r.mean)) {
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x(r.mean), pad.top);
      ctx.lineTo(x(r.mean), base);
      ctx.stroke();
    }
  });
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 2]);
  ctx.beginPath();
  ctx.moveTo(Math.round(x(0)) + 0.5, pad.top);
  ctx.lineTo(Math.round(x(0)) + 0.5, base);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = colors.muted;
  ctx.font = `10px ${colors.font}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(num(h.lo), pad.left, base + 2);
  ctx.textAlign = 'right';
  ctx.fillText(num(h.hi), pad.left + w, base + 2);
  ctx.textAlign = 'center';
  if (x(0) - pad.left > 18 && pad.left + w - x(0) > 18) ctx.fillText('0', x(0), base + 2);
}
