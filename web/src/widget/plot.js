// The function panel's drawing: curves given as arrays, axes with ticks and labels, a crosshair.
// No state, no wasm: the element computes the arrays (with the kernels, or PREVIEW before they load)
// and passes them in.

import { OVERLAY_COLORS } from './template.js';

export const X_DOMAIN = [-5, 5];

// The first curve is drawn with these (double-precision Math) while the wasm module loads, so the
// reader sees the function at once; every later draw uses the kernels.
export const PREVIEW = {
  elu(x, alpha, out = new Float32Array(x.length)) {
    for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]);
    return out;
  },
  eluBackward(x, dy, alpha, out = new Float32Array(x.length)) {
    for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? dy[i] : dy[i] * alpha * Math.exp(x[i]);
    return out;
  },
  relu: (x) => x.map((v) => Math.max(0, v)),
};

// The function panel's curves for drawPlot, back to front: ReLU, the overlays, ELU′ (dashed), ELU.
// ys: { relu, overlays: [[name, y]], dy, y } (Float32Arrays over the sample points); colors: { reference, accent }.
export function functionCurves({ relu, overlays, dy, y }, colors) {
  return [
    { y: relu, color: colors.reference, width: 1.5, opacity: 0.7 },
    ...overlays.map(([name, v]) => ({ y: v, color: OVERLAY_COLORS[name], width: 1.75 })),
    { y: dy, color: colors.accent, width: 1.75, dash: [6, 5], opacity: 0.85 },
    { y, color: colors.accent, width: 2.75 },
  ];
}

// Geometry of the plot in CSS pixels for a canvas of cssWidth x cssHeight and the current alpha:
// y spans [-3.5, 5] until -alpha needs more room. toPx / toPy map data to CSS pixels; fromPx back.
export function layout(cssWidth, cssHeight, alpha = 1) {
  const pad = { left: 34, right: 10, top: 10, bottom: 24 };
  const [xMin, xMax] = X_DOMAIN;
  const yMin = Math.min(-3.5, -Math.abs(alpha) - 0.5), yMax = 5;
  const w = Math.max(1, cssWidth - pad.left - pad.right), h = Math.max(1, cssHeight - pad.top - pad.bottom);
  return {
    pad, xMin, xMax, yMin, yMax, width: w, height: h,
    toPx: (x) => pad.left + ((x - xMin) / (xMax - xMin)) * w,
    toPy: (y) => pad.top + ((yMax - y) / (yMax - yMin)) * h,
    fromPx: (px) => xMin + ((px - pad.left) / w) * (xMax - xMin),
  };
}

// Sample points: one per device pixel across the plot area (xs[i] at CSS pixel pad.left + i / dpr).
export function samples(geometry, dpr) {
  const n = Math.max(2, Math.round(geometry.width * dpr) + 1);
  return Float32Array.from({ length: n }, (_, i) => geometry.fromPx(geometry.pad.left + i / dpr));
}

// Round tick values from min to max, about `target` of them (steps of 1, 2 or 5 times a power of 10).
export function ticks(min, max, target) {
  const raw = (max - min) / target;
  const step = [1, 2, 5, 10].map((s) => s * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + 1e-9; t += step) out.push(Math.round(t * 1e6) / 1e6);
  return out;
}

// Prepares the canvas backing store for its CSS size and dpr; returns the 2-D context in CSS pixels.
export function fitCanvas(canvas, cssWidth, cssHeight, dpr) {
  const w = Math.max(1, Math.round(cssWidth * dpr)), h = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

// curves: [{ y: Float32Array (same length as xs), color, width, dash?, opacity? }], drawn in order.
// crosshair: { x, points: [{ y, color }] } or null. colors: { fg, muted, grid, font }.
export function drawPlot(ctx, geometry, xs, curves, colors, crosshair, dpr) {
  const g = geometry;
  const cssW = g.width + g.pad.left + g.pad.right, cssH = g.height + g.pad.top + g.pad.bottom;
  ctx.clearRect(0, 0, cssW, cssH);
  ctx.font = `11px ${colors.font}`;
  ctx.lineWidth = 1;

  // Grid lines and tick labels.
  ctx.strokeStyle = colors.grid;
  ctx.fillStyle = colors.muted;
  ctx.beginPath();
  const xt = ticks(g.xMin, g.xMax, Math.max(2, g.width / 60));
  const yt = ticks(g.yMin, g.yMax, Math.max(2, g.height / 40));
  for (const t of xt) { ctx.moveTo(Math.round(g.toPx(t)) + 0.5, g.pad.top); ctx.lineTo(Math.round(g.toPx(t)) + 0.5, g.pad.top + g.height); }
  for (const t of yt) { ctx.moveTo(g.pad.left, Math.round(g.toPy(t)) + 0.5); ctx.lineTo(g.pad.left + g.width, Math.round(g.toPy(t)) + 0.5); }
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xt) ctx.fillText(String(t), g.toPx(t), g.pad.top + g.height + 6);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yt) ctx.fillText(String(t), g.pad.left - 6, g.toPy(t));

  // Axes through the origin.
  ctx.strokeStyle = colors.muted;
  ctx.beginPath();
  ctx.moveTo(g.pad.left, Math.round(g.toPy(0)) + 0.5);
  ctx.lineTo(g.pad.left + g.width, Math.round(g.toPy(0)) + 0.5);
  ctx.moveTo(Math.round(g.toPx(0)) + 0.5, g.pad.top);
  ctx.lineTo(Math.round(g.toPx(0)) + 0.5, g.pad.top + g.height);
  ctx.stroke();

  // Curves, clipped to the plot area; non-finite samples break the line (nothing NaN is drawn).
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.pad.left, g.pad.top, g.width, g.height);
  ctx.clip();
  ctx.lineJoin = 'round';
  for (const c of curves) {
    ctx.strokeStyle = c.color;
    ctx.lineWidth = c.width ?? 2;
    ctx.globalAlpha = c.opacity ?? 1;
    ctx.setLineDash(c.dash ?? []);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const v = c.y[i];
      if (!Number.isFinite(v)) { pen = false; continue; }
      const px = g.pad.left + i / dpr, py = g.toPy(Math.max(g.yMin - 10, Math.min(g.yMax + 10, v)));
      if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
      pen = true;
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  if (crosshair) {
    const px = g.toPx(crosshair.x);
    ctx.strokeStyle = colors.muted;
    ctx.beginPath();
    ctx.moveTo(Math.round(px) + 0.5, g.pad.top);
    ctx.lineTo(Math.round(px) + 0.5, g.pad.top + g.height);
    ctx.stroke();
    for (const p of crosshair.points) {
      if (!Number.isFinite(p.y)) continue;
      ctx.fillStyle = p.color;
      ctx.beginPath();
      ctx.arc(px, g.toPy(p.y), 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}
