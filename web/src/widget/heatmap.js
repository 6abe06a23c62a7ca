// The decision-boundary heatmap: an RGBA grid (from net.gridRgba) scaled onto a canvas, with the
// train points (white ring) and test points (dark ring) on top. The points layer is drawn once per
// dataset into its own canvas, so a frame costs two drawImage calls.

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

// 256 RGBA entries. One output (classes = 2): v in [0, 1] from class 0's color through the
// background to class 1's. k classes: v in [0, k] is class floor(v) with confidence fract(v) in
// [1/k, 1], mixed from the background to the class color.
export function makeLut(classColors, background, classes) {
  const lut = new Uint8Array(1024);
  const bg = rgb(background), cs = classColors.map(rgb);
  const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
  for (let i = 0; i < 256; i++) {
    let c;
    if (classes <= 2) {
      const t = i / 255;
      c = t < 0.5 ? mix(cs[0], bg, t / 0.5) : mix(bg, cs[1], (t - 0.5) / 0.5);
      c = mix(bg, c, 0.75); // keep the points readable on the boundary
    } else {
      const v = ((i + 0.5) / 256) * classes, k = Math.min(classes - 1, Math.floor(v));
      const conf = Math.max(0, (v - k - 1 / classes) / (1 - 1 / classes));
      c = mix(bg, cs[k % cs.length], 0.15 + 0.6 * conf);
    }
    lut.set([...c.map(Math.round), 255], 4 * i);
  }
  return lut;
}

export const gridSpec = () => ({ xMin: DOMAIN[0], xMax: DOMAIN[1], yMin: DOMAIN[0], yMax: DOMAIN[1], width: GRID, height: GRID });

// The points of a dataset drawn once at `size` device pixels: { train: {x, y}, test: {x, y} }.
export function pointsLayer(size, data, classColors) {
  const layer = new OffscreenCanvas(size, size);
  const ctx = layer.getContext('2d');
  const scale = size / (DOMAIN[1] - DOMAIN[0]);
  const r = Math.max(2, size / 110);
  const draw = ({ x, y }, ring) => {
    ctx.strokeStyle = ring;
    ctx.lineWidth = Math.max(1, r / 2.5);
    for (let i = 0; i < y.length; i++) {
      const px = (x[2 * i] - DOMAIN[0]) * scale, py = (DOMAIN[1] - x[2 * i + 1]) * scale;
      ctx.fillStyle = classColors[y[i] % classColors.length];
      ctx.beginPath();
      ctx.arc(px, py, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  };
  draw(data.train, '#ffffff');
  draw(data.test, '#1f2937');
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
