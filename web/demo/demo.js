// The standalone page at this stage: ELU, its derivative and ReLU for the alpha of a slider.
import { load } from '../../dist/index.js';

const X_MIN = -5, X_MAX = 5, Y_MIN = -3.5, Y_MAX = 5;
const canvas = document.getElementById('plot');
const slider = document.getElementById('alpha');
const readout = document.getElementById('alpha-value');
const status = document.getElementById('status');

const m = await load();
const n = canvas.width;
const xs = Float32Array.from({ length: n }, (_, i) => X_MIN + ((X_MAX - X_MIN) * i) / (n - 1));
const ones = new Float32Array(n).fill(1);

function draw(alpha) {
  const y = m.elu(xs, alpha);
  const dy = m.eluBackward(xs, ones, alpha);
  const ctx = canvas.getContext('2d');
  const { width: w, height: h } = canvas;
  const px = (x) => ((x - X_MIN) / (X_MAX - X_MIN)) * w;
  const py = (v) => h - ((v - Y_MIN) / (Y_MAX - Y_MIN)) * h;
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = '#8886';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, py(0)); ctx.lineTo(w, py(0));
  ctx.moveTo(px(0), 0); ctx.lineTo(px(0), h);
  ctx.stroke();
  const curve = (values, color, dash = []) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 3;
    ctx.setLineDash(dash);
    ctx.beginPath();
    values.forEach((v, i) => (i ? ctx.lineTo(px(xs[i]), py(v)) : ctx.moveTo(px(xs[i]), py(v))));
    ctx.stroke();
    ctx.setLineDash([]);
  };
  curve(xs.map((x) => Math.max(0, x)), '#9ca3af');
  curve(dy, '#2563eb', [8, 6]);
  curve(y, '#2563eb');
  readout.value = alpha.toFixed(2);
  slider.setAttribute('aria-valuetext', `alpha ${alpha.toFixed(2)}`);
  document.body.dataset.alpha = String(alpha);
}

slider.addEventListener('input', () => draw(Number(slider.value)));
draw(Number(slider.value));
status.textContent = `WebAssembly ${m.simd ? 'SIMD128' : 'scalar'} kernels loaded.`;
document.body.dataset.simd = String(m.simd);
document.body.dataset.ready = 'true';
