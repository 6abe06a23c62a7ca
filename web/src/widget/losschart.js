// The loss chart: train (solid) and test (dashed) loss per epoch for one or two networks, on one
// linear axis from 0 to the largest loss seen. Non-finite losses are skipped (nothing NaN is drawn).

import { runColor } from './styles.js';

// The lines of runs [{ train, test }] (trainer.js runs): train solid, test dashed, in each run's colour.
export function lossLines(runs, colors) {
  return runs.flatMap((r, i) => [
    { series: r.train, color: runColor(i, colors) },
    { series: r.test, color: runColor(i, colors), dash: [4, 3] },
  ]);
}

// lines: [{ series, color, dash? }] with series a trainer.js Series (only read: values, every, count);
// colors: { muted, grid, font }.
export function drawLossChart(ctx, cssWidth, cssHeight, lines, colors) {
  ctx.clearRect(0, 0, cssWidth, cssHeight);
  const pad = { left: 34, right: 8, top: 8, bottom: 18 };
  const w = cssWidth - pad.left - pad.right, h = cssHeight - pad.top - pad.bottom;
  let max = 0, epochs = 1;
  for (const { series } of lines) {
    for (const v of series.values) if (Number.isFinite(v) && v > max) max = v;
    epochs = Math.max(epochs, series.count);
  }
  max = max > 0 ? max * 1.05 : 1;

  ctx.font = `10px ${colors.font}`;
  ctx.fillStyle = colors.muted;
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(pad.left + 0.5, pad.top);
  ctx.lineTo(pad.left + 0.5, pad.top + h + 0.5);
  ctx.lineTo(pad.left + w, pad.top + h + 0.5);
  ctx.stroke();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(max.toPrecision(2), pad.left - 4, pad.top + 4);
  ctx.fillText('0', pad.left - 4, pad.top + h);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText(`epoch ${epochs}`, pad.left + w, pad.top + h + 4);

  ctx.lineWidth = 1.75;
  ctx.lineJoin = 'round';
  for (const { series, color, dash } of lines) {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash ?? []);
    ctx.beginPath();
    let pen = false;
    series.values.forEach((v, i) => {
      if (!Number.isFinite(v)) { pen = false; return; }
      const x = pad.left + (((i + 1) * series.every) / epochs) * w, y = pad.top + h - (v / max) * h;
      if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      pen = true;
    });
    ctx.stroke();
  }
  ctx.setLineDash([]);
}
