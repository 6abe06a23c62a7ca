// The kernel API: m.elu, m.eluBackward, m.activation(name, params).
import { checkArray, checkChoice, checkNumber, checkObject } from './checks.js';

const checkAlpha = (fn, alpha) => checkNumber(fn, 'alpha', alpha);

function output(fn, out, n) {
  return out === undefined ? new Float32Array(n) : checkArray(fn, 'out', out, n);
}

// PyTorch's defaults: leaky_relu's slope 0.01; ELU and CELU alpha 1.
const DEFAULT_ALPHA = { leaky_relu: 0.01 };

export function createKernels(mod, heap) {
  const [p0, p1] = [heap.slot(0), heap.slot(1)];
  // Names in the enum order of cpp/kernels/activations.h.
  const names = [];
  for (let id = 0; mod.activationName(id) !== 'unknown'; id++) names.push(mod.activationName(id));

  function elu(x, alpha = 1, out) {
    checkArray('elu', 'x', x);
    checkAlpha('elu', alpha);
    const y = output('elu', out, x.length);
    return heap.chunked([x], y, (m) => mod.eluForward(p0, p0, m, alpha));
  }

  function eluBackward(x, dy, alpha = 1, out) {
    checkArray('eluBackward', 'x', x);
    checkArray('eluBackward', 'dy', dy, x.length);
    checkAlpha('eluBackward', alpha);
    const dx = output('eluBackward', out, x.length);
    return heap.chunked([x, dy], dx, (m) => mod.eluBackward(p0, p1, p0, m, alpha));
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
        checkArray(`${label}.forward`, 'x', x);
        const y = output(`${label}.forward`, out, x.length);
        return heap.chunked([x], y, (m) => mod.activationForward(id, alpha, p0, p0, m));
      },
      backward(x, dy, out) {
        checkArray(`${label}.backward`, 'x', x);
        checkArray(`${label}.backward`, 'dy', dy, x.length);
        const dx = output(`${label}.backward`, out, x.length);
        return heap.chunked([x, dy], dx, (m) => mod.activationBackward(id, alpha, p0, p1, p0, m));
      },
    });
  }

  return { elu, eluBackward, activation, activations: Object.freeze(names) };
}
