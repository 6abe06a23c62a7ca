// The network panel: one diagram per network (the ELU one, and the compared one beside or below it;
// diagramview.js), the editing buttons, a readout of what is pointed at or focused, an enlarged map
// of that neuron and the activation histograms. Loaded by element.js only when the panel is shown,
// with its markup and styles (net-template.js).
//
// Per frame (draw): the diagrams (every neuron's output on a TILE x TILE grid, the links). At the
// stats cadence (drawStats): per-unit stats (dead units marked, accessible names), the histograms.
//
// DOM contract: the diagrams' is diagramview.js's (part="network", part="neuron", part="link",
// and their keyboard); histograms are part="histogram".

import { FEATURES, TILE } from './diagram.js';
import { Diagram, PER, palette } from './diagramview.js';
import { BINS, drawHistogram, histogramLabel, layerHistograms } from './histogram.js';
import { NET_CSS, NET_MARKUP } from './net-template.js';
import { el } from './panels.js';
import { fitCanvas } from './plot.js';
import { adoptStyles, runColor } from './styles.js';

export class NetworkPanel {
  // section: the panel's <section>; onChange(field, value): a state change asked for by the panel
  // (hiddenLayers, features).
  constructor(section, onChange) {
    this.section = section;
    this.onChange = onChange;
    adoptStyles(section, NET_CSS);
    section.innerHTML = NET_MARKUP;
    const $ = (s) => section.querySelector(s);
    this.ui = {
      diagrams: $('.diagrams'), readout: $('.net-readout'), detail: $('.net-detail'), zoom: $('.net-detail canvas'),
      detailText: $('.net-detail p'), layers: $('.layer-count'), units: $('.unit-controls'), histograms: $('.histograms'),
      histogramLegend: $('.histogram-legend'),
    };
    this.hint = this.ui.readout.textContent;
    this.diagrams = [new Diagram(this, 0), new Diagram(this, 1)];
    this.diagrams[0].scroller.prepend(this.ui.units); // scrolls with the first diagram's columns
    $('.layer-add').addEventListener('click', () => this.#layers(+1));
    $('.layer-remove').addEventListener('click', () => this.#layers(-1));
    this.ui.units.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (!b) return;
      const hidden = [...this.shape.hidden], l = Number(b.dataset.layer) - 1;
      hidden[l] = Math.min(64, Math.max(1, hidden[l] + Number(b.dataset.step)));
      if (hidden[l] !== this.shape.hidden[l]) this.onChange('hiddenLayers', hidden);
    });
    // A new width lays the diagrams out again, in the next frame: done inside the observer, their
    // new heights would be notified in the same loop ("ResizeObserver loop completed with
    // undelivered notifications").
    this.observer = new ResizeObserver(() => {
      cancelAnimationFrame(this.resizing);
      this.resizing = requestAnimationFrame(() => this.resize());
    });
    this.observer.observe(this.ui.diagrams);
    this.palette = null;
    this.width = 0;
    this.height = 0;
  }

  // The networks' shape { features, hidden, outputs, task } and runs [{ activation, label }].
  build(shape, runs) {
    this.shape = shape;
    this.runs = runs;
    this.ui.diagrams.classList.toggle('pair', runs.length > 1); // before the layout: it sets the widths
    this.ui.diagrams.replaceChildren(...this.diagrams.slice(0, runs.length).map((d) => d.figure));
    runs.forEach((r, i) => this.diagrams[i].build(shape, r.activation, r.label));
    this.ui.layers.textContent = `${shape.hidden.length} hidden layer${shape.hidden.length > 1 ? 's' : ''}`;
    this.section.querySelector('.layer-add').disabled = shape.hidden.length >= 8;
    this.section.querySelector('.layer-remove').disabled = shape.hidden.length <= 1;
    this.#unitButtons();
    this.histograms = shape.hidden.map((_, l) => {
      const canvas = el('canvas', { className: 'histogram' });
      canvas.setAttribute('part', 'histogram');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Layer ${l + 1} outputs`);
      const figure = el('figure', { className: 'hist' });
      figure.append(el('figcaption', { textContent: `Layer ${l + 1}` }), canvas);
      return { figure, canvas };
    });
    this.ui.histograms.replaceChildren(...this.histograms.map((h) => h.figure));
    this.ui.histogramLegend.textContent = runs.length > 1
      ? `Outputs of each hidden layer over the training points: ${runs.map((r) => r.label).join(' and ')}, means marked`
      : `Outputs of each hidden layer over the training points, mean marked`;
    this.show(null);
  }

  // Buttons to add and remove a unit, above each hidden column of the first diagram.
  #unitButtons() {
    const g = this.diagrams[0].geometry;
    const buttons = this.shape.hidden.flatMap((units, l) => [[+1, 'Add a unit to', '+'], [-1, 'Remove a unit from', '−']]
      .map(([step, verb, text]) => {
        const b = el('button', { type: 'button', textContent: text });
        b.setAttribute('part', 'button');
        b.dataset.layer = String(l + 1);
        b.dataset.step = String(step);
        b.setAttribute('aria-label', `${verb} layer ${l + 1} (${units} unit${units > 1 ? 's' : ''})`);
        b.disabled = step > 0 ? units >= 64 : units <= 1;
        return b;
      }));
    this.ui.units.replaceChildren(...buttons);
    this.ui.units.style.width = `${g.width}px`;
    buttons.forEach((b, i) => {
      const column = (i >> 1) + 1;
      b.style.left = `${g.x[column] + (i % 2 ? g.tile / 2 : 0)}px`;
      b.style.width = `${Math.max(g.tile / 2, 12)}px`;
    });
  }

  #layers(step) {
    const h = [...this.shape.hidden];
    if (step > 0 && h.length < 8) h.push(h.at(-1));
    if (step < 0 && h.length > 1) h.pop();
    if (h.length !== this.shape.hidden.length) this.onChange('hiddenLayers', h);
  }

  toggleFeature(name) {
    const on = this.shape.features.includes(name);
    if (on && this.shape.features.length === 1) {
      this.ui.readout.textContent = 'The network needs at least one input.';
      return;
    }
    const features = on ? this.shape.features.filter((f) => f !== name) : FEATURES.filter((f) => f === name || this.shape.features.includes(f));
    this.onChange('features', features);
  }

  resize() {
    const width = this.ui.diagrams.clientWidth, height = this.ui.diagrams.clientHeight;
    if (!this.shape || (Math.abs(width - this.width) < 1 && Math.abs(height - this.height) < 1)) return;
    this.width = width;
    this.height = height;
    for (const d of this.diagrams) if (d.figure.isConnected) { d.layout(); d.paint(); }
    this.#unitButtons();
    this.#drawHistograms();
  }

  setColors(colors) {
    this.palette = palette(colors);
    this.colors = colors;
  }

  // Tiles and links of each run's network (trainer.js runs). While training, frames take turns
  // (one diagram per frame in compare mode: each at half the frame rate, half the cost per frame);
  // `all` redraws every diagram (a step, a reset, a pause).
  draw(runs, all = false) {
    this.turn = ((this.turn ?? 0) + 1) % runs.length;
    runs.forEach((r, i) => { if (all || i === this.turn) this.diagrams[i].draw(r.net, this.palette); });
  }

  // At the stats cadence: per-unit stats (each run's Network.stats over the training points x) and
  // the histograms over x.
  drawStats(runs, stats, x) {
    stats.forEach((s, i) => this.diagrams[i].setStats(s));
    this.hist = layerHistograms(runs.map((r) => r.net.neuronOutputs(x)), this.shape.hidden, x.length / 2, BINS);
    this.points = x.length / 2;
    this.#drawHistograms();
  }

  #drawHistograms() {
    if (!this.hist || !this.colors) return;
    const dpr = devicePixelRatio || 1;
    const names = this.runs.map((r) => r.label);
    const colors = { ...this.colors, runs: this.runs.map((_, i) => runColor(i, this.colors)) };
    this.hist.forEach((h, l) => {
      const { canvas } = this.histograms[l] ?? {};
      if (!canvas?.clientWidth) return;
      const ctx = fitCanvas(canvas, canvas.clientWidth, canvas.clientHeight, dpr);
      drawHistogram(ctx, canvas.clientWidth, canvas.clientHeight, h, colors);
      canvas.setAttribute('aria-label', histogramLabel(l, h, names, this.points));
    });
  }

  // The readout and the enlarged map of what is pointed at or focused (null: the hint).
  show(item) {
    const { readout, detail, zoom, detailText } = this.ui;
    if (!item) {
      readout.textContent = this.hint;
      detail.hidden = true;
      return;
    }
    readout.textContent = item.text;
    detail.hidden = !item.atlas;
    if (!item.atlas) return;
    detailText.textContent = item.text;
    detail.classList.toggle('dead', item.dead);
    const size = zoom.clientWidth || 120;
    const ctx = fitCanvas(zoom, size, size, devicePixelRatio || 1);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(item.atlas, (item.tile % PER) * TILE, Math.floor(item.tile / PER) * TILE, TILE, TILE, 0, 0, size, size);
  }

  dispose() {
    this.observer.disconnect();
    cancelAnimationFrame(this.resizing);
  }
}
