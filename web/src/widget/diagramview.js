// A network diagram of the network panel (netview.js): one column for the input features, one per
// hidden layer and one for the outputs; every neuron a tile of its output over the input plane
// (Network.neuronGrid, coloured into one atlas per diagram), the links from getParameters(), all on
// one canvas. Pointing and keyboard focus name a neuron or a link; dead units are marked at the
// stats' cadence. Geometry, words and tile colours are diagram.js's (pure).
//
// DOM contract: each diagram is part="network" with data-activation; each neuron a <button>
// part="neuron" (plus "dead" while dead) with data-layer (0 inputs, 1..L hidden, L + 1 outputs)
// and data-unit (from 0); the focused link is one element, part="link", with data-layer (its source
// column), data-from, data-to and data-index (its weight's offset in getParameters()). Keyboard:
// each diagram is one tab stop; arrow keys move between the units of a column (up, down) and across
// columns of units and links (left, right); Home and End; Enter or Space on an input toggles it.

import {
  FEATURE_LABELS, FEATURES, TILE, colorTiles, diagramColumns, diagramSummary, featureTiles, layoutDiagram,
  linkLabel, links, neuronLabel, unitStats,
} from './diagram.js';
import { DOMAIN, makeLut } from './heatmap.js';
import { el } from './panels.js';
import { fitCanvas } from './plot.js';
import { UNIT_BUTTONS } from './sizes.js';

export const PER = 16; // tiles per atlas row
const TILE_GRID = { xMin: DOMAIN[0], xMax: DOMAIN[1], yMin: DOMAIN[0], yMax: DOMAIN[1], width: TILE, height: TILE };
const FEATURE_VALUES = featureTiles(DOMAIN[1]);
const HIT = 5; // px from a link that still points at it

// Links of weight w are drawn (w > 0 in class 1's colour, w < 0 in class 0's) this wide, in
// half-pixel steps so that a frame strokes at most 2 * WIDTHS paths.
const WIDTHS = 9;
const widthOf = (w) => Math.min(WIDTHS - 1, Math.floor(Math.abs(w) * 4));

// The colours the diagrams use, from the element's colours.
export function palette(colors) {
  const lut = makeLut(colors.classes, colors.bg, 2);
  return {
    colors,
    lut32: new Uint32Array(lut.buffer),
    nan: new Uint32Array(Uint8Array.of(128, 128, 128, 255).buffer)[0],
    signs: [colors.classes[0], colors.classes[1]],
  };
}

// One network's diagram (a <figure>): its tiles, links and focus, drawn on one canvas; `panel` is
// the NetworkPanel that owns it (readout, zoom, editing), `index` the run it shows.
export class Diagram {
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
