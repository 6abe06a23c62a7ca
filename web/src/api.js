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

// load() for an environment: `instantiate(file, options)` resolves to the Emscripten module whose
// .wasm is `file` (elu_simd.wasm where SIMD128 runs, else elu_scalar.wasm). Idempotent: every call
// resolves to the same instance; the call that starts loading (the first, or the first after a
// failure) decides the options. `base()`: the URL a relative wasmUrl is resolved against.
export function defineLoad(instantiate, base = () => globalThis.location?.href) {
  let instance;
  return function load(options = {}) {
    instance ??= (async () => {
      const simd = simdSupported();
      return createApi(await instantiate(simd ? 'elu_simd.wasm' : 'elu_scalar.wasm', checkLoadOptions(options, base())), { simd });
    })().catch((error) => {
      instance = undefined;
      throw error;
    });
    return instance;
  };
}

// load()'s options: { wasmUrl }, a string or URL naming the folder that holds the .wasm files, or a
// function from a file name to its URL. Returns { wasmUrl(file): URL | null }.
function checkLoadOptions(options, base) {
  if (options === null || typeof options !== 'object') throw new TypeError(`load: options must be an object, got ${options === null ? 'null' : typeof options}`);
  for (const key of Object.keys(options)) {
    if (key !== 'wasmUrl') throw new TypeError(`load: unknown option "${key}" (known: wasmUrl)`);
  }
  const given = options.wasmUrl;
  if (given === undefined) return { wasmUrl: () => null };
  const resolve = (u, what) => {
    try {
      return new URL(u, base);
    } catch {
      throw new TypeError(`load: wasmUrl ${what} ${JSON.stringify(String(u))}, which is not a URL`);
    }
  };
  if (typeof given === 'function') return { wasmUrl: (file) => resolve(given(file), `(${file}) gave`) };
  if (typeof given !== 'string' && !(given instanceof URL)) {
    throw new TypeError(`load: wasmUrl must be a folder URL (string or URL) or a function (file name) => URL, got ${typeof given}`);
  }
  const folder = resolve(given, 'is');
  if (!folder.pathname.endsWith('/')) folder.pathname += '/';
  return { wasmUrl: (file) => new URL(file, folder) };
}
