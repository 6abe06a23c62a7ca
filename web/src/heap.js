// Wasm memory for the JS API. Nothing here caches a typed-array view: memory growth replaces
// HEAPF32 and detaches old views, so views are made fresh right before use and results are copied
// out into arrays the caller owns.

// Elements per kernel call: bounds the kernel scratch (2 arrays x 256 KB, for x and dy) whatever n is.
export const CHUNK = 1 << 16;

// wasm32 with memory growth tops out at 2 GB here; _malloc takes a 32-bit size, so a larger JS
// number would wrap around (4 GB -> 0 bytes) and the caller would write past its block.
export const MAX_BYTES = 2 ** 31 - 2 ** 16;

// True when typed arrays a and b share memory but do not start at the same byte: then writing b
// chunk by chunk could overwrite parts of a not read yet.
const shifted = (a, b) => a.buffer === b.buffer && a.byteOffset !== b.byteOffset
  && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;

export function createHeap(mod) {
  const scratch = mod._malloc(2 * CHUNK * 4);
  if (!scratch) throw new RangeError('elu-playground: could not allocate wasm scratch memory');
  let staging = 0, stagingBytes = 0;

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
    stage(...arrays) {
      const offsets = [];
      let bytes = 0;
      for (const a of arrays) {
        offsets.push(bytes);
        bytes += (a.length * 4 + 15) & ~15;
      }
      const base = heap.reserve(Math.max(bytes, 16));
      arrays.forEach((a, i) => heap.f32(base + offsets[i], a.length).set(a));
      return offsets.map((o) => base + o);
    },

    // Runs kernel(m) over `inputs` CHUNK elements at a time (slot k holds input k), result from
    // slot 0 into `out`. Each chunk is read before it is written, so out may alias an input; an
    // input that overlaps out at another offset is copied first.
    chunked(inputs, out, kernel) {
      const n = out.length;
      if (n > CHUNK) inputs = inputs.map((a) => (shifted(a, out) ? a.slice() : a));
      for (let start = 0; start < n; start += CHUNK) {
        const m = Math.min(CHUNK, n - start);
        inputs.forEach((a, k) => heap.f32(heap.slot(k), m).set(a.subarray(start, start + m)));
        kernel(m);
        out.set(heap.f32(heap.slot(0), m), start);
      }
      return out;
    },
  };
  return heap;
}
