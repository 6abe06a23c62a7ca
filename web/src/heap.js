// Wasm memory for the JS API. Memory growth replaces HEAPF32 and detaches old views, so views are
// made fresh right before use and results are copied out into arrays the caller owns. Apart from
// that, WasmArray (m.allocate): memory the caller owns, which the kernels read and write in place;
// its view is kept only while it is a view of the current memory.

// Elements per kernel call: bounds the kernel scratch (2 arrays x 256 KB, for x and dy) whatever n is.
export const CHUNK = 1 << 16;

// wasm32 with memory growth tops out at 2 GB here; _malloc takes a 32-bit size, so a larger JS
// number would wrap around (4 GB -> 0 bytes) and the caller would write past its block.
export const MAX_BYTES = 2 ** 31 - 2 ** 16;

// True when typed arrays a and b share memory but do not start at the same byte: then writing b
// chunk by chunk could overwrite parts of a not read yet.
const shifted = (a, b) => a.buffer === b.buffer && a.byteOffset !== b.byteOffset
  && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;

// Per module (createHeap), the blocks of its live WasmArrays (address -> bytes). An array argument
// that views wasm memory must lie within one (outsideWasmArrays, checks.js): the .buffer of a
// WasmArray's view is the module's whole memory, and no call may read or write where the caller
// owns nothing.
const blocks = new Map();

// A WasmArray lost without dispose() is freed once nothing reaches it; a view from its `array`
// reaches it (viewOwner), so the collector never frees memory under a live view.
const release = (mod, ptr) => {
  blocks.get(mod).delete(ptr);
  mod._free(ptr);
};
const finalizer = new FinalizationRegistry(({ mod, ptr }) => release(mod, ptr));
const viewOwner = new WeakMap();
const KEY = Symbol('WasmArray');
let isWasmArray, moduleOf, addressOf; // for this file alone (WasmArray's private fields)

// length float32s in wasm memory that the caller owns and frees (m.allocate(length)). `array` is
// a view of them, made again whenever memory has grown (growth detaches every older view, which
// then reads as length 0), so `buf.array` is always usable while `buf` is not disposed.
export class WasmArray {
  #mod;
  #ptr;
  #length;
  #view = null;

  constructor(key, mod, ptr, length) {
    if (key !== KEY) throw new TypeError('WasmArray: allocate one with m.allocate(length)');
    this.#mod = mod;
    this.#ptr = ptr;
    this.#length = length;
    blocks.get(mod).set(ptr, 4 * length);
    finalizer.register(this, { mod, ptr }, this);
  }

  get length() { return this.#length; }

  get array() {
    if (!this.#ptr) throw new Error('WasmArray.array: this array was disposed');
    const heap = this.#mod.HEAPF32;
    if (this.#view?.buffer !== heap.buffer) {
      this.#view = heap.subarray(this.#ptr >> 2, (this.#ptr >> 2) + this.#length);
      viewOwner.set(this.#view, this);
    }
    return this.#view;
  }

  /** Frees the memory; idempotent. Views taken from `array` must not be used after it. */
  dispose() {
    if (!this.#ptr) return;
    finalizer.unregister(this);
    release(this.#mod, this.#ptr);
    this.#ptr = 0;
    this.#view = null;
  }

  static {
    isWasmArray = (a) => Object(a) === a && #ptr in a;
    moduleOf = (a) => a.#mod;
    addressOf = (a) => a.#ptr;
  }
}

// True when the typed array v views a module's memory outside all of its live WasmArrays.
export function outsideWasmArrays(v) {
  const owner = viewOwner.get(v);
  if (owner && address(owner)) return false; // the .array of a live WasmArray
  for (const [mod, live] of blocks) {
    if (v.buffer !== mod.HEAPU8.buffer) continue;
    for (const [ptr, bytes] of live) if (v.byteOffset >= ptr && v.byteOffset + v.byteLength <= ptr + bytes) return false;
    return true;
  }
  return false;
}

// The address of a live WasmArray, 0 for a disposed one or a plain Float32Array.
const address = (a) => (isWasmArray(a) ? addressOf(a) : 0);
const view = (a) => (address(a) ? a.array : a);

export function createHeap(mod) {
  const scratch = mod._malloc(2 * CHUNK * 4);
  if (!scratch) throw new RangeError('elu-playground: could not allocate wasm scratch memory');
  let staging = 0, stagingBytes = 0;
  blocks.set(mod, new Map());

  const heap = {
    slot: (k) => scratch + k * CHUNK * 4,
    f32: (ptr, n) => mod.HEAPF32.subarray(ptr >> 2, (ptr >> 2) + n),
    u8: (ptr, n) => mod.HEAPU8.subarray(ptr, ptr + n),

    // A growable staging area for whole arrays (network data); returns its address.
    reserve(bytes) {
      if (!(bytes <= MAX_BYTES)) throw new RangeError(`elu-playground: out of wasm memory (${bytes} bytes requested)`);
      if (bytes > stagingBytes) {
        const size = Math.min(Math.max(bytes, 2 * stagingBytes, 4096), MAX_BYTES);
        const ptr = mod._malloc(size);
        if (!ptr) throw new RangeError(`elu-playground: out of wasm memory (${bytes} bytes requested)`);
        if (staging) mod._free(staging);
        staging = ptr;
        stagingBytes = size;
      }
      return staging;
    },

    // Copies Float32Arrays into the staging area back to back (16-byte aligned); their addresses.
    // A live WasmArray is not copied: its own address.
    stage(...arrays) {
      const offsets = [];
      let bytes = 0;
      for (const a of arrays) {
        offsets.push(bytes);
        if (!address(a)) bytes += (a.length * 4 + 15) & ~15;
      }
      const base = heap.reserve(Math.max(bytes, 16));
      arrays.forEach((a, i) => { if (!address(a)) heap.f32(base + offsets[i], a.length).set(a); });
      return arrays.map((a, i) => address(a) || base + offsets[i]);
    },

    // Where C++ writes a result of `length` floats for `out`: a WasmArray's own address, else the
    // staging area (reserved first: too large a result fails here, with the bytes asked for).
    target: (out, length) => address(out) || heap.reserve(4 * length),

    // The result written at ptr, in `out`: copied out of the staging area into a Float32Array (a
    // WasmArray already holds it). Returns out.
    result(ptr, out) {
      if (!address(out)) out.set(heap.f32(ptr, out.length));
      return out;
    },

    // The values of an array argument (a WasmArray's current view), to read in JS.
    values: (a) => view(a),

    // A new WasmArray of `length` zeros (m.allocate; length checked there), null when out of memory.
    allocate(length) {
      const ptr = mod._malloc(Math.max(4 * length, 4));
      if (!ptr) return null;
      mod.HEAPF32.fill(0, ptr >> 2, (ptr >> 2) + length);
      return new WasmArray(KEY, mod, ptr, length);
    },

    // For a kernel argument: false for a non-WasmArray, else whether it is this module's and alive.
    wasmArray: (a) => isWasmArray(a) && { ours: moduleOf(a) === mod, alive: addressOf(a) !== 0 },

    // Runs kernel(inputAddresses, outAddress, m) over `inputs` and into `out`, each a Float32Array
    // or a (checked, live) WasmArray of this module. WasmArrays are used where they are; the others
    // go CHUNK elements at a time through the scratch (slot k holds input k; the result is written
    // to slot 0 and copied out), so a call on WasmArrays alone copies nothing. Each chunk is read
    // before it is written, so out may alias an input; an input that overlaps out at another
    // offset is copied first.
    chunked(inputs, out, kernel) {
      const n = out.length;
      if (address(out) && inputs.every(address)) {
        kernel(inputs.map(address), address(out), n);
        return out;
      }
      if (n > CHUNK) inputs = inputs.map((a) => (shifted(view(a), view(out)) ? view(a).slice() : a));
      for (let start = 0; start < n; start += CHUNK) {
        const m = Math.min(CHUNK, n - start);
        const at = inputs.map((a, k) => {
          if (address(a)) return address(a) + 4 * start;
          heap.f32(heap.slot(k), m).set(a.subarray(start, start + m));
          return heap.slot(k);
        });
        kernel(at, address(out) ? address(out) + 4 * start : heap.slot(0), m);
        if (!address(out)) out.set(heap.f32(heap.slot(0), m), start);
      }
      return out;
    },
  };
  return heap;
}
