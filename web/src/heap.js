// Wasm memory for the JS API. Nothing here caches a typed-array view: memory growth replaces
// HEAPF32 and detaches old views, so views are made fresh right before use and results are copied
// out into arrays the caller owns.

// Elements per kernel call: bounds the kernel scratch (3 arrays x 256 KB) whatever n is.
export const CHUNK = 1 << 16;

export function createHeap(mod) {
  const scratch = mod._malloc(3 * CHUNK * 4);
  if (!scratch) throw new RangeError('elu-playground: could not allocate wasm scratch memory');
  let staging = 0, stagingBytes = 0;

  const heap = {
    slot: (k) => scratch + k * CHUNK * 4,
    f32: (ptr, n) => mod.HEAPF32.subarray(ptr >> 2, (ptr >> 2) + n),
    u8: (ptr, n) => mod.HEAPU8.subarray(ptr, ptr + n),

    // A growable staging area for whole arrays (network data); returns its address.
    reserve(bytes) {
      if (bytes > stagingBytes) {
        const size = Math.max(bytes, 2 * stagingBytes, 4096);
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
    // slot 0 into `out`. Inputs are copied in before anything is written: out may alias them.
    chunked(inputs, out, kernel) {
      const n = out.length;
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
