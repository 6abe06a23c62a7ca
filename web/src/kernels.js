// The kernel API: m.elu, m.eluBackward, m.eluBackwardFromOutput, m.activation(name, params), and
// m.allocate(length) for arrays in wasm memory that the kernels use in place (heap.js WasmArray).
import { checkChoice, checkData as checkDataOf, checkInteger, checkNumber, checkObject } from './checks.js';
import { MAX_BYTES, createHeap } from './heap.js';

const checkAlpha = (fn, alpha, range) => checkNumber(fn, 'alpha', alpha, range);

// PyTorch's defaults: leaky_relu's slope 0.01; ELU and CELU alpha 1.
const DEFAULT_ALPHA = { leaky_relu: 0.01 };

// From the output, x's sign is read from y's, which only alpha >= 0 keeps (PyTorch refuses a
// negative alpha in its from-the-result backward too).
const FROM_OUTPUT_ALPHA = { min: 0, range: 'a finite number >= 0 (below 0, y does not tell the sign of x)' };

export function createKernels(mod, heap) {
  // Names in the enum order of cpp/kernels/activations.h.
  const names = [];
  for (let id = 0; mod.activationName(id) !== 'unknown'; id++) names.push(mod.activationName(id));

  // An array argument: a Float32Array, or a live WasmArray of this module; of `length` if given.
  const checkData = (fn, name, v, length) => checkDataOf(heap, fn, name, v, length);

  function output(fn, out, n) {
    return out === undefined ? new Float32Array(n) : checkData(fn, 'out', out, n);
  }

  function elu(x, alpha = 1, out) {
    checkData('elu', 'x', x);
    checkAlpha('elu', alpha);
    const y = output('elu', out, x.length);
    return heap.chunked([x], y, ([px], py, m) => mod.eluForward(px, py, m, alpha));
  }

  function eluBackward(x, dy, alpha = 1, out) {
    checkData('eluBackward', 'x', x);
    checkData('eluBackward', 'dy', dy, x.length);
    checkAlpha('eluBackward', alpha);
    const dx = output('eluBackward', out, x.length);
    return heap.chunked([x, dy], dx, ([px, pdy], pdx, m) => mod.eluBackward(px, pdy, pdx, m, alpha));
  }

  function eluBackwardFromOutput(y, dy, alpha = 1, out) {
    const fn = 'eluBackwardFromOutput';
    checkData(fn, 'y', y);
    checkData(fn, 'dy', dy, y.length);
    checkAlpha(fn, alpha, FROM_OUTPUT_ALPHA);
    const dx = output(fn, out, y.length);
    return heap.chunked([y, dy], dx, ([py, pdy], pdx, m) => mod.eluBackwardFromOutput(py, pdy, pdx, m, alpha));
  }

  function allocate(length) {
    checkInteger('allocate', 'length', length, 0, MAX_BYTES / 4);
    const a = heap.allocate(length);
    if (!a) throw new RangeError(`allocate: out of wasm memory (${4 * length} bytes requested)`);
    return a;
  }

  function activation(name, params) {
    checkChoice('activation', 'name', name, names);
    const { alpha: given } = checkObject('activation', 'params', params, '{ alpha: 1 }');
    const label = `activation('${name}')`;
    const alpha = checkAlpha(label, given ?? DEFAULT_ALPHA[name] ?? 1);
    if (name === 'celu' && Math.fround(alpha) === 0) { // celu divides by alpha (as float32)
      throw new RangeError(`${label}: alpha must be a finite nonzero number (as float32), got ${alpha}`);
    }
    const id = names.indexOf(name);
    return Object.freeze({
      name,
      alpha,
      forward(x, out) {
        checkData(`${label}.forward`, 'x', x);
        const y = output(`${label}.forward`, out, x.length);
        return heap.chunked([x], y, ([px], py, m) => mod.activationForward(id, alpha, px, py, m));
      },
      backward(x, dy, out) {
        checkData(`${label}.backward`, 'x', x);
        checkData(`${label}.backward`, 'dy', dy, x.length);
        const dx = output(`${label}.backward`, out, x.length);
        return heap.chunked([x, dy], dx, ([px, pdy], pdx, m) => mod.activationBackward(id, alpha, px, pdy, pdx, m));
      },
    });
  }

  return {
    elu, eluBackward, eluBackwardFromOutput, activation, activations: Object.freeze(names), allocate,
  };
}

// The kernel API alone, over the kernels-only module (elu_kernels): what loadKernels() resolves to.
export function createKernelsApi(mod, { simd }) {
  return Object.freeze({ simd, ...createKernels(mod, createHeap(mod)) });
}
