// Fetches a .wasm file for load() and, when that fails, says why: the URL, the HTTP status or the
// network failure, and the likely cause (a missing file, a server's fallback page, CORS, a
// Content-Security-Policy without the origin in connect-src). Any Content-Type is accepted: the
// bytes are checked instead (a wasm file starts with "\0asm") and instantiated from memory.

export class WasmLoadError extends Error {
  // reason: 'http' | 'not-wasm' | 'cors' | 'csp' | 'network'; summary: one short line for a UI.
  constructor(message, { url, reason, status = null, summary }) {
    super(message);
    this.name = 'WasmLoadError';
    this.url = url;
    this.reason = reason;
    this.status = status;
    this.summary = summary;
  }
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const FIX = 'Serve dist/*.wasm beside the script that imports it, or tell load() where they are: load({ wasmUrl }).';

const fileOf = (url) => url.pathname.slice(url.pathname.lastIndexOf('/') + 1);

// Resolves to the bytes of `url` (a URL), or rejects with a WasmLoadError.
export async function fetchWasm(url) {
  const where = url.href;
  // A CSP violation is reported as an event (on the document, or on a worker's global), not in
  // fetch's error: listen while fetching.
  const scope = globalThis.document ?? globalThis;
  let violation = null;
  const onViolation = (e) => { if (/^connect-src/.test(e.effectiveDirective ?? e.violatedDirective ?? '')) violation = e; };
  scope.addEventListener?.('securitypolicyviolation', onViolation);
  let response;
  try {
    response = await fetch(where, { credentials: 'same-origin' });
  } catch (error) {
    throw await networkError(url, error, () => violation);
  } finally {
    scope.removeEventListener?.('securitypolicyviolation', onViolation);
  }
  const type = response.headers.get('content-type') ?? 'none';
  if (!response.ok) {
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const cause = response.status === 404 ? 'the file is not at that URL (a bundler that did not copy it, or a wrong path)' : 'the server refused it';
    throw new WasmLoadError(`could not load the WebAssembly module ${where}: ${status}; likely cause: ${cause}. ${FIX}`,
      { url: where, reason: 'http', status: response.status, summary: `${status} for ${fileOf(url)}` });
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!MAGIC.every((b, i) => bytes[i] === b)) {
    const start = new TextDecoder().decode(bytes.subarray(0, 40)).replace(/\s+/g, ' ').trim();
    throw new WasmLoadError(`could not load the WebAssembly module ${where}: the server answered with something else `
      + `(Content-Type: ${type}; it starts with ${JSON.stringify(start)}); likely cause: the file is missing and the server `
      + `sent its fallback page instead (a dev server, e.g. after dependency pre-bundling moved the script: with Vite 5 to 7, `
      + `add optimizeDeps: { exclude: ['elu-playground'] } to vite.config.js). ${FIX}`,
    { url: where, reason: 'not-wasm', status: response.status, summary: `${fileOf(url)} is not WebAssembly (Content-Type ${type})` });
  }
  return bytes;
}

async function networkError(url, error, violation) {
  const where = url.href;
  await new Promise((r) => setTimeout(r, 50)); // let a queued securitypolicyviolation event arrive
  if (violation()) {
    return new WasmLoadError(`could not load the WebAssembly module ${where}: the page's Content-Security-Policy blocked it; `
      + `likely cause: connect-src does not allow ${url.origin} (the .wasm is fetched, so connect-src governs it, not script-src).`,
    { url: where, reason: 'csp', summary: `blocked by the page's Content-Security-Policy (connect-src ${url.origin})` });
  }
  // A cross-origin file the server answers without CORS headers: an opaque no-cors request succeeds.
  const here = globalThis.location?.origin;
  if (here && url.origin !== here) {
    const reachable = await fetch(where, { mode: 'no-cors' }).then(() => true, () => false);
    if (reachable) {
      return new WasmLoadError(`could not load the WebAssembly module ${where}: the server answered without CORS permission; `
        + `likely cause: no Access-Control-Allow-Origin header on the .wasm (a page on ${here} may not read a file from ${url.origin} without it).`,
      { url: where, reason: 'cors', summary: `no CORS permission from ${url.origin}` });
    }
  }
  return new WasmLoadError(`could not load the WebAssembly module ${where}: network failure (${error?.message ?? error}); `
    + 'likely cause: the server is unreachable, or the request was blocked (a Content-Security-Policy connect-src, CORS, an extension).',
  { url: where, reason: 'network', summary: `network failure for ${fileOf(url)}` });
}
