// The heatmap: the network's output over the input plane as an RGBA grid (from net.gridRgba, through
// a colour lookup table) scaled onto a canvas, with the train points (white ring) and, if shown, the
// test points (dark ring) on top. Classification shows the decision boundary; regression the output
// value on a diverging scale (class 0's colour for -1, the background for 0, class 1's for +1), the
// points coloured by their value on the same scale. The points layer is drawn once per dataset into
// its own canvas, so a frame costs two drawImage calls.

export const DOMAIN = [-6, 6]; // the square of the input plane shown, both axes
export const GRID = 48; // grid cells per side (predictions per frame: GRID^2)

// A CSS color as [r, g, b], through the canvas' own color parser (no pixel readback).
const parser = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
export function rgb(css) {
  parser.fillStyle = '#000';
  parser.fillStyle = css;
  const s = parser.fillStyle;
  if (s[0] === '#') return [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
  return s.match(/[\d.]+/g).slice(0, 3).map(Number);
}

const toRgb = (c) => (Array.isArray(c) ? c : rgb(c));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const STRONGEST = 0.75; // the most of a class colour over the background: keeps the points readable

// 256 RGBA entries for net.gridRgba (the entry of network.h's mapping; colours as CSS or [r, g, b]).
// classes <= 2 (one output: a class-1 probability in [0, 1], or a regression value in [-1, 1]):
// entry 0 is class 0's colour, 255 class 1's, through the background halfway. k classes: entries
// c * floor(256 / k) onwards are class c, from the least confidence (chance) to the most, mixed
// from near the background to the class colour. `discrete`: the decision only, each class at its
// strongest (one output: class 1 from 0.5, regression: from 0, i.e. the sign).
export function makeLut(classColors, background, classes, { discrete = false } = {}) {
  const lut = new Uint8Array(1024);
  const bg = toRgb(background), cs = classColors.map(toRgb);
  const block = Math.floor(256 / Math.max(2, classes));
  for (let i = 0; i < 256; i++) {
    let c;
    if (classes <= 2) {
      const t = discrete ? (i < 128 ? 0 : 1) : i / 255;
      c = t < 0.5 ? mix(cs[0], bg, t / 0.5) : mix(bg, cs[1], (t - 0.5) / 0.5);
      c = mix(bg, c, STRONGEST);
    } else {
      const k = Math.min(classes - 1, Math.floor(i / block));
      const conf = discrete ? 1 : Math.min(1, (i - k * block) / (block - 1));
      c = mix(bg, cs[k % cs.length], 0.15 + (STRONGEST - 0.15) * conf);
    }
    lut.set([...c.map(Math.round), 255], 4 * i);
  }
  return lut;
}

// The values gridRgba maps onto the table: a class-1 probability in [0, 1], regression outputs in
// [-1, 1] (the range of its datasets' targets). k classes map by class and confidence (unused).
export const valueRange = (task, classes) => (task === 'regression' ? { vMin: -1, vMax: 1 } : { vMin: 0, vMax: classes > 2 ? classes : 1 });

// A point's fill for its target y, as a CSS colour: its class colour; for regression its value on
// the table's diverging scale, at full strength (-1: class 0's colour, 0: the background, 1: class 1's).
export function pointColor(task, classColors, background) {
  if (task !== 'regression') return (y) => classColors[y % classColors.length];
  const bg = toRgb(background), [lo, hi] = classColors.map(toRgb);
  return (y) => {
    const t = Math.max(-1, Math.min(1, y));
    return `rgb(${(t < 0 ? mix(bg, lo, -t) : mix(bg, hi, t)).map(Math.round).join(' ')})`;
  };
}

export const gridSpec = () => ({ xMin: DOMAIN[0], xMax: DOMAIN[1], yMin: DOMAIN[0], yMax: DOMAIN[1], width: GRID, height: GRID });

// The points of a dataset drawn once at `size` device pixels: { train: {x, y}, test: {x, y} }, each
// filled with color(y); the test points only if `showTest`.
export function pointsLayer(size, data, color, showTest) {
  const layer = new OffscreenCanvas(size, size);
  const ctx = layer.getContext('2d');
  const scale = size / (DOMAIN[1] - DOMAIN[0]);
  const r = Math.max(2, size / 110);
  const draw = ({ x, y }, ring) => {
    ctx.strokeStyle = ring;
    ctx.lineWidth = Math.max(1, r / 2.5);
    for (let i = 0; i < y.length; i++) {
      const px = (x[2 * i] - DOMAIN[0]) * scale, py = (DOMAIN[1] - x[2 * i + 1]) * scale;
      ctx.fillStyle = color(y[i]);
      ctx.beginPath();
      ctx.arc(px, py, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  };
  draw(data.train, '#ffffff');
  if (showTest) draw(data.test, '#1f2937');
  return layer;
}

// One frame: the grid's pixels (Uint8ClampedArray, GRID x GRID RGBA) smoothed up to the canvas.
export class Heatmap {
  constructor(canvas) {
    this.canvas = canvas;
    this.cells = new OffscreenCanvas(GRID, GRID);
    this.image = new ImageData(GRID, GRID);
    this.points = null;
  }

  draw(rgba) {
    const { canvas } = this;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (rgba) {
      this.image.data.set(rgba);
      this.cells.getContext('2d').putImageData(this.image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'medium';
      ctx.drawImage(this.cells, 0, 0, canvas.width, canvas.height);
    } else {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    }
    if (this.points) ctx.drawImage(this.points, 0, 0, canvas.width, canvas.height);
  }
}
