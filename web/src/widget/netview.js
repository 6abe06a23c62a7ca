// The network panel: one diagram per network (the ELU one, and the compared one beside or below it),
// the editing buttons, a readout of what is pointed at or focused, an enlarged map of that neuron and
// the activation histograms. Loaded by element.js only when the panel is shown.
//
// Per frame (draw): every neuron's output on a TILE x TILE grid (Network.neuronGrid) coloured into
// one atlas, the links from getParameters(), all on one canvas per diagram. At the stats cadence
// (drawStats): per-unit stats (dead units marked, accessible names), the histograms.
//
// DOM contract: each diagram is part="network" with data-activation; each neuron a <button>
// part="neuron" (plus "dead" while dead) with data-layer (0 inputs, 1..L hidden, L + 1 outputs)
// and data-unit (from 0); the focused link is one element, part="link", with data-layer (its source
// column), data-from, data-to and data-index (its weight's offset in getParameters()); histograms
// are part="histogram". Keyboard: each diagram is one tab stop; arrow keys move between the units of
// a column (up, down) and across columns of units and links (left, right); Home and End; Enter or
// Space on an input toggles it.

import {
  FEATURE_LABELS, FEATURES, TILE, colorTiles, diagramColumns, diagramSummary, featureTiles, layoutDiagram,
  linkLabel, links, neuronLabel, unitStats,
} from './diagram.js';
import { BINS, drawHistogram, histogramLabel, layerHistograms } from './histogram.js';
import { DOMAIN, makeLut } from './heatmap.js';
import { NET_CSS, NET_MARKUP } from './net-template.js';
import { el } from './panels.js';
import { fitCanvas } from './plot.js';
import { UNIT_BUTTONS } from './sizes.js';
import { adoptStyles, runColor } from './styles.js';

const PER = 16; // tiles per atlas row
const TILE_GRID = { xMin: DOMAIN[0], xMax: DOMAIN[1], yMin: DOMAIN[0], yMax: DOMAIN[1], width: TILE, height: TILE };
const FEATURE_VALUES = featureTiles(DOMAIN[1]);
const HIT = 5; // px from a link that still points at it

// Links of weight w are drawn (w > 0 in class 1's colour, w < 0 in class 0's) this wide, in
// half-pixel steps so that a frame strokes at most 2 * WIDTHS paths.
const WIDTHS = 9;
const widthOf = (w) => Math.min(WIDTHS - 1, Math.floor(Math.abs(w) * 4));

// The colours the diagrams use, from the element's colours.
function palette(colors) {
  const lut = makeLut(colors.classes, colors.bg, 2);
  return {
    colors,
    lut32: new Uint32Array(lut.buffer),
    nan: new Uint32Array(Uint8Array.of(128, 128, 128, 255).buffer)[0],
    signs: [colors.classes[0], colors.classes[1]],
  };
}

class Diagram {
  constructor(panel, index) {
    this.panel = panel;
    this.index = index;
    this.figure = el('figure', { className: 'diagram' });
    this.caption = el('figcaption');
    this.scroller = el('div', { className: 'scroller' });
    this.root = el('div', { className: 'network' });
    this.root.setAttribute('part', 'network');
    this.root.setAttribute('role', 'group');
    this.summary = el('p', { className: 'sr-only', id: `network-summary-${index}` });
    this.root.setAttribute('aria-describedby', this.summary.id);
    this.canvas = el('canvas', { className: 'wires' });
    this.canvas.setAttribute('aria-hidden', 'true');
    this.linkFocus = el('div', { className: 'link-focus', tabIndex: -1 });
    this.linkFocus.setAttribute('part', 'link');
    this.linkFocus.setAttribute('role', 'img');
    this.linkFocus.hidden = true;
    this.scroller.append(this.root);
    this.figure.append(this.caption, this.scroller, this.summary);
    this.neurons = [];
    this.focus = { column: 0, row: 0, link: false };
    this.hover = null;
    this.params = null;
    this.values = null;
    this.stats = null;
    this.root.addEventListener('keydown', (e) => this.#key(e));
    this.root.addEventListener('focusin', (e) => this.#focused(e));
    this.root.addEventListener('pointermove', (e) => this.#point(e));
    this.root.addEventListener('pointerleave', () => { this.hover = null; this.panel.show(null); this.paint(); });
    this.root.addEventListener('click', (e) => {
      const b = e.target.closest?.('.neuron');
      if (b && b.dataset.layer === '0') panel.toggleFeature(FEATURES[Number(b.dataset.unit)]);
    });
  }

  // A new network shape: new neurons, links and geometry.
  build(shape, activation, label) {
    this.shape = shape;
    this.activation = activation;
    this.columns = diagramColumns(shape);
    this.links = links(shape);
    this.byLayer = this.columns.slice(1).map((_, l) => this.links.filter((k) => k.l === l));
    this.root.dataset.activation = activation;
    this.root.setAttribute('aria-label', `${label} network diagram`);
    this.caption.textContent = `${label} network`;
    this.neurons = this.columns.map((units, column) => Array.from({ length: units }, (_, unit) => {
      const b = el('button', { type: 'button', className: 'neuron', tabIndex: -1 });
      b.setAttribute('part', 'neuron');
      b.dataset.layer = String(column);
      b.dataset.unit = String(unit);
      if (column === 0) {
        const on = shape.features.includes(FEATURES[unit]);
        b.classList.toggle('off', !on);
        b.setAttribute('aria-pressed', String(on));
        b.append(el('span', { className: 'feature', textContent: FEATURE_LABELS[FEATURES[unit]] }));
      }
      b.setAttribute('aria-label', neuronLabel(shape, column, unit, null));
      return b;
    }));
    this.root.replaceChildren(this.canvas, ...this.neurons.flat(), this.linkFocus);
    const f = this.focus;
    f.column = Math.min(f.column, this.columns.length - 1);
    f.row = Math.min(f.row, (f.link ? this.byLayer[f.column]?.length ?? 1 : this.columns[f.column]) - 1);
    if (f.link && !this.byLayer[f.column]?.length) f.link = false;
    this.#tabStop();
    this.stats = null;
    this.params = null;
    this.summary.textContent = diagramSummary(shape, label, null);
    this.layout();
  }

  layout() {
    // The box's height less the unit buttons over the first diagram (the second one's too, so that
    // both draw the same tiles); until laid out, the usual height.
    const height = this.scroller.clientHeight ? this.scroller.clientHeight - UNIT_BUTTONS : undefined;
    const g = layoutDiagram(this.columns, this.scroller.clientWidth || 320, height);
    this.geometry = g;
    this.root.style.width = `${g.width}px`;
    this.root.style.height = `${g.height}px`;
    this.root.classList.toggle('small', g.tile < 26);
    this.neurons.forEach((units, c) => units.forEach((b, u) => {
      Object.assign(b.style, { left: `${g.x[c]}px`, top: `${g.y(c, u)}px`, width: `${g.tile}px`, height: `${g.tile}px` });
    }));
    this.canvas.style.width = `${g.width}px`;
    this.canvas.style.height = `${g.height}px`;
    if (this.focus.link && !this.linkFocus.hidden) this.#placeLinkFocus(this.byLayer[this.focus.column][this.focus.row]);
  }

  // Where link k is drawn: from the right edge of its source tile to the left edge of its target.
  ends(k) {
    const g = this.geometry, half = g.tile / 2;
    return [g.x[k.l] + g.tile, g.y(k.l, k.row) + half, g.x[k.l + 1], g.y(k.l + 1, k.to) + half];
  }

  // One frame: the network's tiles and links.
  draw(net, pal) {
    // The same arrays every frame while the shape stays (no garbage per frame).
    if (this.params?.length !== net.parameterCount) this.params = new Float32Array(net.parameterCount);
    if (this.values?.length !== net.neuronCount * TILE * TILE) this.values = new Float32Array(net.neuronCount * TILE * TILE);
    net.getParameters(this.params);
    net.neuronGrid(TILE_GRID, this.values);
    const hidden = this.shape.hidden.reduce((a, b) => a + b, 0);
    const count = FEATURES.length + hidden + this.shape.outputs;
    const rows = Math.ceil(count / PER);
    if (!this.atlas || this.atlas.height !== rows * TILE) {
      this.atlas = new OffscreenCanvas(PER * TILE, rows * TILE);
      this.image = new ImageData(PER * TILE, rows * TILE);
      this.pixels = new Uint32Array(this.image.data.buffer);
      this.palette = null;
    }
    if (this.palette !== pal) { // the inputs' tiles change only with the colours
      this.palette = pal;
      colorTiles(FEATURE_VALUES, FEATURES.length, pal.lut32, -1, 1, this.pixels, PER, pal.nan);
    }
    // Hidden units on [-1, 1]; the outputs as the boundary shows them (probabilities on [0, 1]; a
    // regression's value on [-1, 1]), after the inputs' tiles in the atlas.
    const shifted = (from, n, lo, hi) => colorTiles(this.values.subarray(from * TILE * TILE), n, pal.lut32, lo, hi,
      this.pixels, PER, pal.nan, FEATURES.length + from);
    shifted(0, hidden, -1, 1);
    const regression = this.shape.task === 'regression';
    shifted(hidden, this.shape.outputs, regression ? -1 : 0, 1);
    this.atlas.getContext('2d').putImageData(this.image, 0, 0);
    this.paint();
  }

  // Links, tiles and the highlight, from the last frame's data.
  paint() {
    const g = this.geometry, pal = this.palette;
    if (!g || !pal || !this.params) return;
    const dpr = devicePixelRatio || 1;
    const ctx = fitCanvas(this.canvas, g.width, g.height, dpr);
    ctx.clearRect(0, 0, g.width, g.height);
    const paths = Array.from({ length: 2 * WIDTHS }, () => new Path2D());
    for (const k of this.links) {
      const w = this.params[k.index];
      const p = paths[(w > 0 ? WIDTHS : 0) + widthOf(w)];
      const [x0, y0, x1, y1] = this.ends(k);
      p.moveTo(x0, y0);
      p.lineTo(x1, y1);
    }
    ctx.globalAlpha = 0.75;
    paths.forEach((p, i) => {
      ctx.strokeStyle = pal.signs[i < WIDTHS ? 0 : 1];
      ctx.lineWidth = 0.5 + 0.5 * (i % WIDTHS);
      ctx.stroke(p);
    });
    ctx.globalAlpha = 1;
    ctx.imageSmoothingEnabled = true;
    let t = 0;
    this.columns.forEach((units, c) => {
      for (let u = 0; u < units; u++, t++) {
        ctx.globalAlpha = c === 0 && !this.shape.features.includes(FEATURES[u]) ? 0.3 : 1;
        ctx.drawImage(this.atlas, (t % PER) * TILE, Math.floor(t / PER) * TILE, TILE, TILE, g.x[c], g.y(c, u), g.tile, g.tile);
      }
    });
    ctx.globalAlpha = 1;
    const mark = this.hover?.link ?? (this.focus.link && this.root.contains(this.root.getRootNode().activeElement)
      ? this.byLayer[this.focus.column][this.focus.row] : null);
    if (mark) {
      const [x0, y0, x1, y1] = this.ends(mark);
      ctx.strokeStyle = pal.colors.fg;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
    }
  }

  // Per-unit stats of the hidden layers: dead marks and accessible names.
  setStats(stats) {
    this.stats = unitStats(stats);
    this.stats.forEach((units, l) => units.forEach((s, u) => {
      const b = this.neurons[l + 1][u];
      const label = neuronLabel(this.shape, l + 1, u, s);
      if (b.getAttribute('aria-label') !== label) b.setAttribute('aria-label', label);
      if (b.classList.contains('dead') !== s.dead) {
        b.classList.toggle('dead', s.dead);
        b.setAttribute('part', s.dead ? 'neuron dead' : 'neuron');
      }
    }));
    const label = this.caption.textContent.replace(/ network$/, '');
    this.summary.textContent = diagramSummary(this.shape, label, this.stats.map((u) => u.filter((s) => s.dead).length));
    // What this diagram has pointed at or focused, read again (the readout is shared: a diagram with
    // neither leaves it alone).
    const item = this.hover ?? (this.root.contains(this.root.getRootNode().activeElement) ? this.#focusItem() : null);
    if (item) this.#describe(item);
  }

  // ---- pointing and focus -------------------------------------------------------------------------
  #focusItem() {
    const f = this.focus;
    return f.link ? { link: this.byLayer[f.column][f.row] } : { column: f.column, unit: f.row };
  }

  #point(e) {
    const g = this.geometry;
    if (!g) return;
    const rect = this.root.getBoundingClientRect();
    const px = e.clientX - rect.left, py = e.clientY - rect.top;
    let item = null;
    const column = g.x.findIndex((x) => px >= x && px <= x + g.tile);
    if (column >= 0) {
      const u = this.neurons[column].findIndex((_, i) => py >= g.y(column, i) && py <= g.y(column, i) + g.tile);
      if (u >= 0) item = { column, unit: u };
    } else {
      const l = g.x.findIndex((x, c) => px > x + g.tile && px < g.x[c + 1]);
      let best = HIT;
      for (const k of this.byLayer[l] ?? []) {
        const [x0, y0, x1, y1] = this.ends(k);
        const y = y0 + ((y1 - y0) * (px - x0)) / (x1 - x0);
        const d = Math.abs(py - y) / Math.hypot(1, (y1 - y0) / (x1 - x0));
        if (d < best) { best = d; item = { link: k }; }
      }
    }
    const same = item && this.hover && item.link === this.hover.link && item.column === this.hover.column && item.unit === this.hover.unit;
    if (same || (!item && !this.hover)) return;
    this.hover = item;
    this.#describe(item);
    this.paint();
  }

  #describe(item) {
    if (!item) { this.panel.show(null); return; }
    if (item.link) {
      const text = linkLabel(this.shape, item.link, this.params?.[item.link.index]);
      if (this.focus.link && item.link === this.byLayer[this.focus.column][this.focus.row]) this.linkFocus.setAttribute('aria-label', text);
      this.panel.show({ text });
      return;
    }
    const { column, unit } = item;
    const s = column > 0 && column <= this.shape.hidden.length ? this.stats?.[column - 1][unit] : null;
    const tile = column === 0 ? unit : FEATURES.length + this.columns.slice(1, column).reduce((a, b) => a + b, 0) + unit;
    this.panel.show({
      text: neuronLabel(this.shape, column, unit, s), atlas: this.atlas, tile, dead: Boolean(s?.dead),
    });
  }

  #tabStop() {
    const f = this.focus;
    this.neurons.flat().forEach((b) => { b.tabIndex = -1; });
    this.linkFocus.tabIndex = -1;
    if (f.link) this.linkFocus.tabIndex = 0; else this.neurons[f.column][f.row].tabIndex = 0;
  }

  #placeLinkFocus(k) {
    const [x0, y0, x1, y1] = this.ends(k);
    const s = this.linkFocus.style;
    s.left = `${(x0 + x1) / 2 - 6}px`;
    s.top = `${(y0 + y1) / 2 - 6}px`;
    const d = this.linkFocus.dataset;
    d.layer = String(k.l); d.from = String(k.from); d.to = String(k.to); d.index = String(k.index);
    this.linkFocus.setAttribute('aria-label', linkLabel(this.shape, k, this.params?.[k.index]));
    this.linkFocus.hidden = false;
  }

  // Moves the roving focus to (column, row) of units (link false) or of the links after column.
  #moveTo(column, row, link) {
    const f = this.focus;
    Object.assign(f, { column, row, link });
    this.#tabStop();
    if (link) {
      this.#placeLinkFocus(this.byLayer[column][row]);
      this.linkFocus.focus(); // no focus event when it already had focus: describe it here too
    } else {
      this.linkFocus.hidden = true;
      this.neurons[column][row].focus();
    }
    this.#describe(this.#focusItem()); // the readout is a live region: screen readers hear the move
    this.paint();
  }

  #focused(e) {
    if (e.target === this.linkFocus) {
      this.#describe(this.#focusItem());
      return;
    }
    const b = e.target.closest?.('.neuron');
    if (!b) return;
    const column = Number(b.dataset.layer), row = Number(b.dataset.unit);
    if (this.focus.link || this.focus.column !== column || this.focus.row !== row) {
      Object.assign(this.focus, { column, row, link: false });
      this.linkFocus.hidden = true;
      this.#tabStop();
    }
    this.#describe({ column, unit: row });
  }

  #key(e) {
    const f = this.focus;
    // Navigation columns: units of column c at 2c, the links after it at 2c + 1.
    const nav = f.link ? 2 * f.column + 1 : 2 * f.column;
    const size = (n) => (n % 2 ? this.byLayer[(n - 1) / 2].length : this.columns[n / 2]);
    const go = (n, row) => this.#moveTo(n % 2 ? (n - 1) / 2 : n / 2, row, n % 2 === 1);
    const last = 2 * (this.columns.length - 1);
    switch (e.key) {
      case 'ArrowUp': go(nav, Math.max(0, f.row - 1)); break;
      case 'ArrowDown': go(nav, Math.min(size(nav) - 1, f.row + 1)); break;
      case 'Home': go(nav, 0); break;
      case 'End': go(nav, size(nav) - 1); break;
      case 'ArrowLeft': case 'ArrowRight': {
        let n = nav + (e.key === 'ArrowLeft' ? -1 : 1);
        while (n >= 0 && n <= last && size(n) === 0) n += e.key === 'ArrowLeft' ? -1 : 1;
        if (n < 0 || n > last) return;
        const at = size(nav) > 1 ? f.row / (size(nav) - 1) : 0.5;
        go(n, Math.round(at * (size(n) - 1)));
        break;
      }
      default: return;
    }
    e.preventDefault();
  }
}

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
