// The public JS API over the raw Embind module (cpp/bindings): argument checks, typed-array copies
// in and out of wasm memory, and a scratch buffer that is never cached as a view across calls that
// may grow memory. Environment-free: index.js (browsers, workers) and node.js (Node) give it a module.

// A minimal module using one SIMD128 instruction: valid exactly where SIMD128 runs.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253,
  15, 253, 98, 11,
]);

export function simdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

// Elements per call into wasm: bounds the scratch memory (3 arrays x 256 KB) whatever n is.
const CHUNK = 1 << 16;

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an Array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  return typeof v === 'object' ? `a ${v.constructor?.name ?? 'object'}` : `${typeof v} ${String(v)}`;
}

export function checkArray(fn, name, v, length) {
  if (!(v instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${name} must be a Float32Array, got ${describe(v)}`);
  }
  if (length !== undefined && v.length !== length) {
    throw new TypeError(`${fn}: ${name} must have length ${length} (as x), got ${v.length}`);
  }
  return v;
}

export function checkNumber(fn, name, v, { min = -Infinity, max = Infinity, range } = {}) {
  if (typeof v !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(v)}`);
  }
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new RangeError(`${fn}: ${name} must be ${range ?? 'a finite number'}, got ${v}`);
  }
  return v;
}

const checkAlpha = (fn, alpha) => checkNumber(fn, 'alpha', alpha);

function output(fn, out, n) {
  return out === undefined ? new Float32Array(n) : checkArray(fn, 'out', out, n);
}

// Scratch space in wasm memory for up to three CHUNK-sized arrays, allocated once per module.
function createScratch(mod) {
  const ptr = mod._malloc(3 * CHUNK * 4);
  if (!ptr) throw new RangeError('elu-playground: could not allocate wasm scratch memory');
  return {
    ptr: (slot) => ptr + slot * CHUNK * 4,
    // Fresh views every time: HEAPF32 is replaced when memory grows.
    view: (slot, n) => mod.HEAPF32.subarray((ptr >> 2) + slot * CHUNK, (ptr >> 2) + slot * CHUNK + n),
  };
}

// Runs `kernel(ptrs..., n)` over `inputs` chunk by chunk, writing into `out`. Inputs are copied in
// before anything is written, so `out` may alias any input.
function runChunked(scratch, inputs, out, kernel) {
  const n = out.length;
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    inputs.forEach((a, slot) => scratch.view(slot, m).set(a.subarray(start, start + m)));
    kernel(m);
    out.set(scratch.view(0, m), start);
  }
  return out;
}

export function createApi(mod, { simd }) {
  const scratch = createScratch(mod);
  const [p0, p1] = [scratch.ptr(0), scratch.ptr(1)];

  function elu(x, alpha = 1, out) {
    checkArray('elu', 'x', x);
    checkAlpha('elu', alpha);
    const y = output('elu', out, x.length);
    return runChunked(scratch, [x], y, (m) => mod.eluForward(p0, p0, m, alpha));
  }

  function eluBackward(x, dy, alpha = 1, out) {
    checkArray('eluBackward', 'x', x);
    checkArray('eluBackward', 'dy', dy, x.length);
    checkAlpha('eluBackward', alpha);
    const dx = output('eluBackward', out, x.length);
    return runChunked(scratch, [x, dy], dx, (m) => mod.eluBackward(p0, p1, p0, m, alpha));
  }

  // Names in the enum order of cpp/kernels/activations.h.
  const names = [];
  for (let id = 0; mod.activationName(id) !== 'unknown'; id++) names.push(mod.activationName(id));
  const DEFAULT_ALPHA = { leaky_relu: 0.01 }; // PyTorch's default slope; ELU and CELU default to 1

  function activation(name, params = {}) {
    if (typeof name !== 'string') {
      throw new TypeError(`activation: name must be a string, got ${describe(name)}`);
    }
    const id = names.indexOf(name);
    if (id < 0) {
      throw new RangeError(`activation: unknown name "${name}"; expected one of ${names.join(', ')}`);
    }
    if (params === null || typeof params !== 'object') {
      throw new TypeError(`activation: params must be an object like { alpha: 1 }, got ${describe(params)}`);
    }
    const alpha = checkAlpha(`activation('${name}')`, params.alpha ?? DEFAULT_ALPHA[name] ?? 1);
    if (name === 'celu' && alpha === 0) {
      throw new RangeError("activation('celu'): alpha must be a finite nonzero number, got 0");
    }
    const label = `activation('${name}')`;
    return Object.freeze({
      name,
      alpha,
      forward(x, out) {
        checkArray(`${label}.forward`, 'x', x);
        const y = output(`${label}.forward`, out, x.length);
        return runChunked(scratch, [x], y, (m) => mod.activationForward(id, alpha, p0, p0, m));
      },
      backward(x, dy, out) {
        checkArray(`${label}.backward`, 'x', x);
        checkArray(`${label}.backward`, 'dy', dy, x.length);
        const dx = output(`${label}.backward`, out, x.length);
        return runChunked(scratch, [x, dy], dx, (m) => mod.activationBackward(id, alpha, p0, p1, p0, m));
      },
    });
  }

  return { simd, elu, eluBackward, activation, activations: Object.freeze(names.slice()) };
}

// load() for an environment: `instantiate(simd)` resolves to the Emscripten module of that flavor.
// Idempotent: every call resolves to the same instance; a failed load may be retried.
export function defineLoad(instantiate) {
  let instance;
  return function load() {
    instance ??= (async () => {
      const simd = simdSupported();
      return createApi(await instantiate(simd), { simd });
    })().catch((error) => {
      instance = undefined;
      throw error;
    });
    return instance;
  };
}
