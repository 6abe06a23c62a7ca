// Injected after the recorder into pages requested with ?memory (soak.test.mjs): keeps every
// WebAssembly.Memory the page instantiates in window.wasmMemories (the real instantiate functions
// run), so a test can read the wasm heap's size without the module exposing anything for tests.
(() => {
  window.wasmMemories = [];
  const keep = (result) => {
    for (const v of Object.values((result.instance ?? result).exports)) if (v instanceof WebAssembly.Memory) window.wasmMemories.push(v);
    return result;
  };
  for (const k of ['instantiate', 'instantiateStreaming']) {
    const f = WebAssembly[k];
    WebAssembly[k] = (...args) => f.apply(WebAssembly, args).then(keep);
  }
})();
