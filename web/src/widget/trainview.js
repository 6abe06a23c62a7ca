// The training panel's drawing: the decision-boundary heatmaps (one per network), the loss chart,
// the epoch counter and the summary table. element.js loads it (through training.js) with the whole
// API, when a panel that trains is first shown, and owns the loop: it calls draw() per frame and
// drawStats() at the stats' cadence.

import { Heatmap, gridSpec, makeLut, pointColor, pointsLayer, valueRange } from './heatmap.js';
import { drawLossChart, lossLines } from './losschart.js';
import { el, fillRows } from './panels.js';
import { fitCanvas } from './plot.js';
import { runColor } from './styles.js';
import { LABELS } from './template.js';

const fmt = (v, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

// The summary table, one column per run (ELU first, then the compared one).
// runs: [{ activation, trainLoss, testLoss, accuracy }]; stats: per run { meanActivation[],
// deadFraction[] } per hidden layer; colors: { accent, compare }.
// -> { columns: [{ label, color }], rows: [[row label, cell per run]] } (cells are text).
export function summary(runs, stats, colors) {
  const rows = [
    ['Train loss', ...runs.map((r) => fmt(r.trainLoss))],
    ['Test loss', ...runs.map((r) => fmt(r.testLoss))],
    ['Test accuracy', ...runs.map((r) => (Number.isFinite(r.accuracy) ? `${(100 * r.accuracy).toFixed(1)}%` : '–'))],
  ];
  stats[0].meanActivation.forEach((_, layer) => {
    rows.push([`Layer ${layer + 1} mean activation`, ...stats.map((s) => fmt(s.meanActivation[layer], 2))]);
    rows.push([`Layer ${layer + 1} dead units`, ...stats.map((s) => `${Math.round(100 * s.deadFraction[layer])}%`)]);
  });
  const columns = runs.map((r, i) => ({ label: LABELS[r.activation], color: runColor(i, colors) }));
  return { columns, rows };
}

// Fills `table` (a <table> with a <thead> and a <tbody>) with summary(): a head row of swatched
// column names, then one row per line, its label a row header.
export function fillSummary(table, { columns, rows }) {
  const head = el('tr');
  head.append(el('td'), ...columns.map(({ label, color }) => {
    const th = el('th', { scope: 'col' });
    const dot = el('span', { className: 'swatch' });
    dot.style.setProperty('--c', color);
    th.append(dot, label);
    return th;
  }));
  table.tHead.replaceChildren(head);
  fillRows(table.tBodies[0], rows);
}

export class TrainingPanel {
  // ui: the element's nodes { maps (the heatmaps' figures), loss (canvas), epoch (output), summary (table) }.
  constructor(ui) {
    this.ui = ui;
    this.heatmaps = ui.maps.map((f) => new Heatmap(f.querySelector('canvas')));
    this.lut = null;
  }

  // The canvases follow their CSS sizes at devicePixelRatio `dpr`.
  resize(dpr) {
    for (const h of this.heatmaps) {
      const c = h.canvas;
      if (!c.clientWidth) continue;
      const size = Math.round(c.clientWidth * dpr);
      if (c.width !== size || c.height !== size) { c.width = size; c.height = size; h.points = null; }
    }
    const { loss } = this.ui;
    if (loss.clientWidth) fitCanvas(loss, loss.clientWidth, loss.clientHeight, dpr);
  }

  // The colours, the data or the points shown changed: the colour table and the points' layers are
  // made again at the next draw.
  invalidate() {
    this.lut = null;
    for (const h of this.heatmaps) h.points = null;
  }

  // trainer: trainer.js's Trainer; state: the element's { discretize, showTestData }; colors: styles.js readColors().
  draw(trainer, { discretize, showTestData }, colors) {
    const t = trainer, c = colors;
    this.lut ??= makeLut(c.classes, c.bg, t.classes, { discrete: discretize });
    const range = valueRange(t.task, t.classes);
    t.runs.forEach((r, i) => {
      const h = this.heatmaps[i];
      if (!h.canvas.width) return;
      h.points ??= pointsLayer(h.canvas.width, t.data, pointColor(t.task, c.classes, c.bg), showTestData);
      h.rgba = r.net.gridRgba(gridSpec(), { lut: this.lut, ...range }, h.rgba);
      h.draw(h.rgba);
    });
    const { loss } = this.ui;
    if (loss.width > 1) drawLossChart(loss.getContext('2d'), loss.clientWidth, loss.clientHeight, lossLines(t.runs, c), c);
    this.ui.epoch.textContent = String(t.epoch);
  }

  // The summary table of runs (trainer.js) and their stats (Trainer.stats()).
  drawStats(runs, stats, colors) {
    fillSummary(this.ui.summary, summary(runs, stats, colors));
  }
}
