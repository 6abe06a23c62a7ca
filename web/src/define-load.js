// load() and loadKernels() for an environment (load.js: browsers, workers, bundlers; node.js: Node),
// which hands in `readWasm(file, { wasmUrl })`: the bytes of the .wasm `file`, which instantiate
// with their Emscripten glue (elu_*.mjs, beside the entries in dist/).
//   load():        elu_simd.wasm where SIMD128 runs, else elu_scalar.wasm; the whole API (api.js).
//   loadKernels(): elu_kernels.wasm (the kernels alone, SIMD128) and the kernel API (kernels.js);
//                  where SIMD128 is missing, or load() has already started, what load() resolves to.
// Each is idempotent: every call resolves to the same instance; the call that starts loading (the
// first, or the first after a failure) decides the options, and a later first call of the other
// without options takes the same. The whole API's code (the network, the datasets) is imported
// only by load(), so a page that only draws curves never downloads it.
// `base()`: the URL a relative wasmUrl is resolved against.
import { createKernelsApi } from './kernels.js';

// A minimal module using one SIMD128 instruction: valid exactly where SIMD128 runs.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253,
  15, 253, 98, 11,
]);

export function simdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

// Spelled out, one literal specifier per file, for bundlers.
const GLUE = {
  'elu_simd.wasm': () => import('./elu_simd.mjs'),
  'elu_scalar.wasm': () => import('./elu_scalar.mjs'),
  'elu_kernels.wasm': () => import('./elu_kernels.mjs'),
};

// Memoizes an async function's promise (the first call's arguments decide); a failure clears it,
// so that the next call tries again.
function memo(start) {
  let promise;
  return (...args) => (promise ??= start(...args).catch((error) => {
    promise = undefined;
    throw error;
  }));
}

export function defineLoad(readWasm, base = () => globalThis.location?.href) {
  const instantiate = async (file, options) => {
    const [glue, wasmBinary] = await Promise.all([GLUE[file](), readWasm(file, options)]);
    return glue.default({ wasmBinary });
  };
  // The options of the first call that got as far as loading (load()'s or loadKernels()'s): a call
  // without options uses them, so that a page's load({ wasmUrl }) or loadKernels({ wasmUrl }) also
  // tells the element, which calls the other with none.
  let given;
  const check = (fn, options) => {
    const checked = checkLoadOptions(fn, options === undefined ? given ?? {} : options, base());
    given ??= options;
    return checked;
  };
  const loadFull = memo(async (options) => {
    const simd = simdSupported();
    const [mod, { createApi }] = await Promise.all([
      instantiate(simd ? 'elu_simd.wasm' : 'elu_scalar.wasm', check('load', options)),
      import('./api.js'),
    ]);
    return createApi(mod, { simd });
  });
  const loadLean = memo(async (options) =>
    createKernelsApi(await instantiate('elu_kernels.wasm', check('loadKernels', options)), { simd: true }));
  let fullCalled = false;
  const load = (options) => {
    fullCalled = true;
    return loadFull(options);
  };
  const loadKernels = (options) => (fullCalled || !simdSupported() ? load(options) : loadLean(options));
  // Where the first options put each .wasm file ({ file: URL string }), or null where none were
  // given (the files are beside the script): the study's workers (study-pool.js) load from there too.
  const wasmUrls = () => {
    if (given?.wasmUrl === undefined) return null;
    const { wasmUrl } = checkLoadOptions('load', given, base());
    return Object.fromEntries(Object.keys(GLUE).map((file) => [file, wasmUrl(file).href]));
  };
  return { load, loadKernels, wasmUrls };
}

// The options of load() and loadKernels() (`fn`): { wasmUrl }, a string or URL naming the folder
// that holds the .wasm files, or a function from a file name to its URL. Returns
// { wasmUrl(file): URL | null }.
function checkLoadOptions(fn, options, base) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  for (const key of Object.keys(options)) {
    if (key !== 'wasmUrl') throw new TypeError(`${fn}: unknown option "${key}" (known: wasmUrl)`);
  }
  const given = options.wasmUrl;
  if (given === undefined) return { wasmUrl: () => null };
  const resolve = (u, what) => {
    try {
      return new URL(u, base);
    } catch {
      throw new TypeError(`${fn}: wasmUrl ${what} ${JSON.stringify(String(u))}, which is not a URL`);
    }
  };
  if (typeof given === 'function') return { wasmUrl: (file) => resolve(given(file), `(${file}) gave`) };
  if (typeof given !== 'string' && !(given instanceof URL)) {
    throw new TypeError(`${fn}: wasmUrl must be a folder URL (string or URL) or a function (file name) => URL, got ${typeof given}`);
  }
  const folder = resolve(given, 'is');
  if (!folder.pathname.endsWith('/')) folder.pathname += '/';
  return { wasmUrl: (file) => new URL(file, folder) };
}
