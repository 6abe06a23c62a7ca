// The public JS API, assembled over one raw Embind module (cpp/bindings). Environment-free:
// index.js (browsers, workers) and node.js (Node) hand it a module of the right flavor.
import { createDatasets } from './datasets.js';
import { createHeap } from './heap.js';
import { createKernels } from './kernels.js';
import { createNetworkClass } from './network.js';

// A minimal module using one SIMD128 instruction: valid exactly where SIMD128 runs.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253,
  15, 253, 98, 11,
]);

export function simdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

export function createApi(mod, { simd }) {
  const heap = createHeap(mod);
  const kernels = createKernels(mod, heap);
  const api = {
    simd,
    ...kernels,
    Network: createNetworkClass(mod, heap, kernels.activations),
    datasets: Object.freeze(createDatasets(mod, heap)),
    // The study's code loads with its first use (a page with the element alone never downloads it).
    study: (options, control) => import('./study.js').then(({ runStudy }) => runStudy(api, options, control)),
  };
  return Object.freeze(api);
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
