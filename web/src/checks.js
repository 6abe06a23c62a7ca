// Argument checks shared by the JS API: each throws a TypeError (wrong type or length) or a
// RangeError (bad value) whose message names the function, the argument and what is accepted.
import { outsideWasmArrays } from './heap.js';

export function describe(v) {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an Array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === 'object') return `a ${v.constructor?.name ?? 'object'}`;
  return typeof v === 'string' ? `the string "${v}"` : `${typeof v} ${String(v)}`;
}

// A view of a transferred (detached) ArrayBuffer reads as length 0; it is refused rather than
// treated as an empty array. So is a view of wasm memory taken before the memory grew (growth
// detaches the old buffer). (ArrayBuffer.prototype.detached is missing in Node 20: construct.)
function detached(v) {
  if (v.length !== 0 || v.buffer.byteLength !== 0 || !(v.buffer instanceof ArrayBuffer)) return false;
  if ('detached' in ArrayBuffer.prototype) return v.buffer.detached;
  try { new Uint8Array(v.buffer); return false; } catch { return true; }
}

export function checkArray(fn, name, v, length, type = Float32Array) {
  if (!(v instanceof type)) {
    throw new TypeError(`${fn}: ${name} must be a ${type.name}, got ${describe(v)}`);
  }
  if (detached(v)) throw new TypeError(`${fn}: ${name} is a view of a detached ArrayBuffer (transferred away, or a WasmArray's .array from before wasm memory grew: read .array again)`);
  if (outsideWasmArrays(v)) {
    throw new TypeError(`${fn}: ${name} is a view of wasm memory outside every live WasmArray (only a WasmArray's own elements may be passed)`);
  }
  if (length !== undefined && v.length !== length) {
    throw new TypeError(`${fn}: ${name} must have length ${length}, got ${v.length}`);
  }
  return v;
}

// An array argument of the kernels and the network: a Float32Array, or a live WasmArray of the
// module `heap` belongs to (heap.js); of `length` if given. Returns the argument.
export function checkData(heap, fn, name, v, length) {
  const wasm = heap.wasmArray(v);
  if (!wasm) {
    if (!(v instanceof Float32Array)) {
      throw new TypeError(`${fn}: ${name} must be a Float32Array or a WasmArray, got ${describe(v)}`);
    }
    return checkArray(fn, name, v, length);
  }
  if (!wasm.ours) throw new TypeError(`${fn}: ${name} is a WasmArray of another module instance (allocate it with this module's allocate())`);
  if (!wasm.alive) throw new Error(`${fn}: ${name} is a WasmArray that was disposed`);
  if (length !== undefined && v.length !== length) {
    throw new TypeError(`${fn}: ${name} must have length ${length}, got ${v.length}`);
  }
  return v;
}

// Numbers reach the C++ side as float32: a finite double beyond +-3.4028235e38 would arrive as
// +-Infinity, so it is refused like Infinity itself.
export function checkNumber(fn, name, v, { min = -Infinity, max = Infinity, range, open = false } = {}) {
  if (typeof v !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(v)}`);
  }
  if (!Number.isFinite(v) || v < min || v > max || (open && (v === min || v === max))) {
    throw new RangeError(`${fn}: ${name} must be ${range ?? 'a finite number'}, got ${v}`);
  }
  if (!Number.isFinite(Math.fround(v))) {
    throw new RangeError(`${fn}: ${name} must be ${range ?? 'a finite number'} within float32 range (|${name}| <= 3.4028235e38), got ${v}`);
  }
  return v;
}

export function checkInteger(fn, name, v, min, max) {
  const range = max === Infinity ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  checkNumber(fn, name, v, { min, max, range });
  if (!Number.isInteger(v)) throw new RangeError(`${fn}: ${name} must be ${range}, got ${v}`);
  return v;
}

export function checkChoice(fn, name, v, choices) {
  if (typeof v !== 'string') {
    throw new TypeError(`${fn}: ${name} must be a string, got ${describe(v)}`);
  }
  if (!choices.includes(v)) {
    throw new RangeError(`${fn}: unknown ${name} "${v}"; expected one of ${choices.join(', ')}`);
  }
  return v;
}

export function checkObject(fn, name, v, example) {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new TypeError(`${fn}: ${name} must be an object like ${example}, got ${describe(v)}`);
  }
  return v;
}
