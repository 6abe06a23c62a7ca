// The bad-input catalogue as data: every row of tests/BAD_INPUT.md is a case here, and the .md is
// generated from these cases (`node tests/js/bad-input-cases.mjs --write`), so the two cannot drift:
// tests/js/bad-input.test.mjs checks that the committed file matches and runs the JS API cases in Node;
// tests/browser/bad-input.test.mjs runs the attribute and URL-hash cases in Chromium.
//
// JS API cases: `call` is the very source that runs, as `(m, h) => <call>` (m: the loaded API, h: the
// helpers below). Either it throws `throws` (the error's class) with a message containing `message`,
// or it returns and `check` (source too, with r = the result) is true; `returns` says what in words.
// A call that returns a Promise (m.study, runStudyInWorkers) `rejects` (the class) or `resolves`
// (words; `check` on the value).
//
// Attribute cases: `<elu-playground attr="value">` gives the property `value` (the attribute's
// field), with one console warning containing `warn` (or none when `warn` is null).
// Hash cases: the standalone page opened at web/demo/#hash gives `state` (properties not listed
// keep the page's defaults, state.js pageDefaults: the element's, with every panel shown; an
// invalid value falls back to them too), with one console warning per fragment in `warn`.

export const INJECTION = '"><script>alert(1)</script>';
export const IMG = '<img src=x onerror=alert(1)>';

import * as study from '../../web/src/study.js';
import { runStudyInWorkers } from '../../web/src/study-pool.js';

// Helpers the `call` and `check` sources use (h.*). m is needed for the network helpers.
export function helpers(m) {
  const ramp = (n, lo = -5, hi = 5) => Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / Math.max(1, n - 1));
  const data = m.datasets.make('circle', { n: 40, seed: 3 });
  const h = {
    f32: (...v) => Float32Array.of(...v),
    ramp,
    data,
    // A Float32Array whose buffer was transferred away (a detached view: length 0).
    detached(n = 4) {
      const a = new Float32Array(n);
      structuredClone(a.buffer, { transfer: [a.buffer] });
      return a;
    },
    // A Float32Array over a SharedArrayBuffer, holding `values`.
    shared(values) {
      const a = new Float32Array(new SharedArrayBuffer(4 * values.length));
      a.set(values);
      return a;
    },
    // Element-wise equality (NaN equals NaN) of two Float32Arrays.
    same: (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i])),
    net: (options = { layers: [2, 8, 1] }) => new m.Network(options),
    disposed() { const n = new m.Network({ layers: [2, 4, 1] }); n.dispose(); return n; },
    lut: new Uint8Array(1024),
    // The ELU of a fresh copy (the kernel's own answer for non-aliased input).
    elu: (x, alpha = 1) => m.elu(Float32Array.from(x), alpha),
    // The study's pure helpers (both entries export them) and the worker pool (the browser entry's;
    // in Node its checks run, then there is no Worker).
    studyRuns: study.studyRuns,
    defaultTarget: study.defaultTarget,
    summarizeStudy: study.summarizeStudy,
    studyCsv: study.studyCsv,
    parseStudyCsv: study.parseStudyCsv,
    runStudyInWorkers,
    // A tiny study: one alpha, one seed, no baseline.
    tiny: { alphas: [1], seeds: 1, epochs: 3, baselines: [] },
    // A WasmArray (m.allocate) holding `values`; one already disposed; the .array of a live one taken
    // before wasm memory grew (allocating as much as the whole memory forces the growth).
    wasm(values) {
      const b = m.allocate(values.length);
      b.array.set(values);
      return b;
    },
    disposedWasm(n = 2) { const b = m.allocate(n); b.dispose(); return b; },
    staleView() {
      const b = h.wasm([-1, 2]), view = b.array;
      m.allocate(view.buffer.byteLength / 4).dispose();
      return view;
    },
    // A buffer of n + shift elements starting with ramp(n, -8, 4) (the rest zeros), for overlapping views.
    overlap(n, shift) {
      const buf = new Float32Array(n + Math.abs(shift));
      buf.set(ramp(n, -8, 4));
      return buf;
    },
  };
  return h;
}

const T = 'TypeError', R = 'RangeError', E = 'Error';
const N = 65536 + 100; // more than one kernel chunk (heap.js CHUNK)

export const API_CASES = [
  // ---- m.elu ----
  { surface: 'm.elu', call: 'm.elu([1, 2])', throws: T, message: 'elu: x must be a Float32Array or a WasmArray, got an Array' },
  { surface: 'm.elu', call: 'm.elu(new Float64Array(2))', throws: T, message: 'elu: x must be a Float32Array or a WasmArray, got a Float64Array' },
  { surface: 'm.elu', call: 'm.elu(null)', throws: T, message: 'elu: x must be a Float32Array or a WasmArray, got null' },
  { surface: 'm.elu', call: 'm.elu()', throws: T, message: 'elu: x must be a Float32Array or a WasmArray, got undefined' },
  { surface: 'm.elu', call: "m.elu('1,2')", throws: T, message: 'elu: x must be a Float32Array or a WasmArray, got the string "1,2"' },
  { surface: 'm.elu', call: 'm.elu(h.detached())', throws: T, message: 'elu: x is a view of a detached ArrayBuffer' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1), NaN)', throws: R, message: 'elu: alpha must be a finite number, got NaN' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1), Infinity)', throws: R, message: 'elu: alpha must be a finite number, got Infinity' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1), -Infinity)', throws: R, message: 'elu: alpha must be a finite number, got -Infinity' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1), 1e39)', throws: R, message: 'within float32 range (|alpha| <= 3.4028235e38), got 1e+39' },
  { surface: 'm.elu', call: "m.elu(h.f32(1), '2')", throws: T, message: 'elu: alpha must be a number, got the string "2"' },
  { surface: 'm.elu', call: 'm.elu(h.f32(-1, 2), -2)', returns: 'computed (a negative alpha is a valid ELU): [-2 * expm1(-1), 2]', check: 'Math.abs(r[0] - -2 * Math.expm1(-1)) < 1e-6 && r[1] === 2' },
  { surface: 'm.elu', call: 'm.elu(h.f32(NaN, Infinity, -Infinity, -0), 2)', returns: 'element-wise: NaN -> NaN, Infinity -> Infinity, -Infinity -> -alpha, -0 -> -0', check: 'h.same(r, h.f32(NaN, Infinity, -2, -0))' },
  { surface: 'm.elu', call: 'm.elu(h.f32(3.4028235e38, -3.4028235e38))', returns: 'the float32 extremes: [3.4028235e38, -1]', check: 'h.same(r, h.f32(3.4028235e38, -1))' },
  { surface: 'm.elu', call: 'm.elu(new Float32Array(0))', returns: 'an empty Float32Array', check: 'r instanceof Float32Array && r.length === 0' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1, 2), 1, new Float32Array(3))', throws: T, message: 'elu: out must have length 2, got 3' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1, 2), 1, [0, 0])', throws: T, message: 'elu: out must be a Float32Array or a WasmArray, got an Array' },
  { surface: 'm.elu', call: 'm.elu(new Float32Array(0), 1, h.detached())', throws: T, message: 'elu: out is a view of a detached ArrayBuffer' },
  { surface: 'm.elu', call: 'm.elu(h.shared([-1, 0, 2]))', returns: 'SharedArrayBuffer-backed arrays are read like any other', check: 'h.same(r, h.elu([-1, 0, 2]))' },
  { surface: 'm.elu', call: 'm.elu(h.f32(-1, 3), 1, h.shared([0, 0]))', returns: 'out over a SharedArrayBuffer is written (and returned)', check: 'r.buffer instanceof SharedArrayBuffer && h.same(r, h.elu([-1, 3]))' },
  { surface: 'm.elu', call: 'm.elu(h.ramp(10).subarray(3, 7))', returns: 'a subarray at an offset: only its 4 elements', check: 'h.same(r, h.elu(h.ramp(10).slice(3, 7)))' },
  { surface: 'm.elu', call: '((x) => m.elu(x, 1, x))(h.ramp(8))', returns: 'out === x: computed in place', check: 'h.same(r, h.elu(h.ramp(8)))' },
  { surface: 'm.elu', call: `((b) => m.elu(b.subarray(0, ${N}), 1.5, b.subarray(1, ${N + 1})))(h.overlap(${N}, 1))`, returns: `out overlapping x one element later (${N} elements, over two chunks): the result of the input before any write`, check: `h.same(r, h.elu(h.ramp(${N}, -8, 4), 1.5))` },
  { surface: 'm.elu', call: `((b) => m.elu(b.subarray(1, ${N + 1}), 1.5, b.subarray(0, ${N})))(((b) => (b.set(h.ramp(${N}, -8, 4), 1), b))(new Float32Array(${N + 1})))`, returns: 'out overlapping x one element earlier: the same', check: `h.same(r, h.elu(h.ramp(${N}, -8, 4), 1.5))` },
  { surface: 'm.elu', call: 'm.elu(h.disposedWasm())', throws: E, message: 'elu: x is a WasmArray that was disposed' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1, 2), 1, h.disposedWasm(2))', throws: E, message: 'elu: out is a WasmArray that was disposed' },
  { surface: 'm.elu', call: 'm.elu(h.wasm([1, 2]), 1, m.allocate(3))', throws: T, message: 'elu: out must have length 2, got 3' },
  { surface: 'm.elu', call: 'm.elu(h.staleView())', throws: T, message: "elu: x is a view of a detached ArrayBuffer (transferred away, or a WasmArray's .array from before wasm memory grew: read .array again)" },
  { surface: 'm.elu', call: 'm.elu(h.wasm([-1, 0, 2]), 1.5, m.allocate(3))', returns: 'WasmArrays: computed in wasm memory with no copy, into out, which is returned', check: "r.constructor.name === 'WasmArray' && h.same(r.array, h.elu([-1, 0, 2], 1.5))" },
  { surface: 'm.elu', call: '((b) => m.elu(b, 2, b))(h.wasm([-1, 3]))', returns: 'out === x, a WasmArray: in place', check: 'h.same(r.array, h.elu([-1, 3], 2))' },
  { surface: 'm.elu', call: 'm.elu(h.wasm([-1, 3]))', returns: 'x a WasmArray, no out: a new Float32Array (the result copied out)', check: 'r instanceof Float32Array && h.same(r, h.elu([-1, 3]))' },
  { surface: 'm.elu', call: `m.elu(h.ramp(${N}), 1, m.allocate(${N}))`, returns: `a Float32Array into a WasmArray (${N} elements: x copied in by chunks, out written in place)`, check: `h.same(r.array, h.elu(h.ramp(${N})))` },
  { surface: 'm.elu', call: '((b) => m.elu(b.array.subarray(1, 3)))(h.wasm([5, -1, -2, 7]))', returns: "a part of a WasmArray's .array: read like any Float32Array", check: 'h.same(r, h.elu([-1, -2]))' },
  { surface: 'm.elu', call: 'm.elu(h.f32(1, 2), 1, new Float32Array(h.wasm([0]).array.buffer, 0, 2))', throws: T, message: "elu: out is a view of wasm memory outside every live WasmArray (only a WasmArray's own elements may be passed)" },
  { surface: 'm.elu', call: '((b) => ((v) => (b.dispose(), m.elu(v)))(b.array))(h.wasm([1, 2]))', throws: T, message: 'elu: x is a view of wasm memory outside every live WasmArray' },
  // ---- m.eluBackward ----
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.f32(1, 2), h.f32(1))', throws: T, message: 'eluBackward: dy must have length 2, got 1' },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.f32(1), [1])', throws: T, message: 'eluBackward: dy must be a Float32Array or a WasmArray, got an Array' },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.f32(1), h.detached(1))', throws: T, message: 'eluBackward: dy is a view of a detached ArrayBuffer' },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.f32(1), h.f32(1), NaN)', throws: R, message: 'eluBackward: alpha must be a finite number, got NaN' },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.f32(1), h.f32(1), -1e39)', throws: R, message: 'eluBackward: alpha must be a finite number within float32 range' },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.f32(-1, 1), h.f32(NaN, Infinity))', returns: 'element-wise: NaN and Infinity in dy propagate', check: 'Number.isNaN(r[0]) && r[1] === Infinity' },
  { surface: 'm.eluBackward', call: `((b) => m.eluBackward(h.ramp(${N}), b.subarray(0, ${N}), 0.5, b.subarray(2, ${N + 2})))(h.overlap(${N}, 2))`, returns: 'out overlapping dy two elements later: the result of the inputs before any write', check: `h.same(r, m.eluBackward(h.ramp(${N}), h.ramp(${N}, -8, 4), 0.5))` },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.wasm([1, 2]), h.wasm([1]))', throws: T, message: 'eluBackward: dy must have length 2, got 1' },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.wasm([-1, 2]), h.f32(3, 3), 1, h.disposedWasm())', throws: E, message: 'eluBackward: out is a WasmArray that was disposed' },
  { surface: 'm.eluBackward', call: '((x, dy) => m.eluBackward(x, dy, 0.5, dy))(h.wasm([-1, 2]), h.wasm([3, 3]))', returns: 'WasmArrays, out === dy: in place, the WasmArray returned', check: 'h.same(r.array, m.eluBackward(h.f32(-1, 2), h.f32(3, 3), 0.5))' },
  { surface: 'm.eluBackward', call: 'm.eluBackward(h.wasm([-1, 2]), h.f32(3, 3))', returns: 'a WasmArray and a Float32Array mixed: a new Float32Array', check: 'r instanceof Float32Array && h.same(r, m.eluBackward(h.f32(-1, 2), h.f32(3, 3)))' },
  // ---- m.eluBackwardFromOutput ----
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput([0], h.f32(1))', throws: T, message: 'eluBackwardFromOutput: y must be a Float32Array or a WasmArray, got an Array' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput()', throws: T, message: 'eluBackwardFromOutput: y must be a Float32Array or a WasmArray, got undefined' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(1, 2), h.f32(1))', throws: T, message: 'eluBackwardFromOutput: dy must have length 2, got 1' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(1), new Float64Array(1))', throws: T, message: 'eluBackwardFromOutput: dy must be a Float32Array or a WasmArray, got a Float64Array' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(1), h.detached(1))', throws: T, message: 'eluBackwardFromOutput: dy is a view of a detached ArrayBuffer' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(1), h.f32(1), -0.5)', throws: R, message: 'eluBackwardFromOutput: alpha must be a finite number >= 0 (below 0, y does not tell the sign of x), got -0.5' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(1), h.f32(1), NaN)', throws: R, message: 'eluBackwardFromOutput: alpha must be a finite number >= 0 (below 0, y does not tell the sign of x), got NaN' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(1), h.f32(1), 1e39)', throws: R, message: 'eluBackwardFromOutput: alpha must be a finite number >= 0 (below 0, y does not tell the sign of x) within float32 range' },
  { surface: 'm.eluBackwardFromOutput', call: "m.eluBackwardFromOutput(h.f32(1), h.f32(1), '1')", throws: T, message: 'eluBackwardFromOutput: alpha must be a number, got the string "1"' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(1, 2), h.f32(1, 1), 1, new Float32Array(3))', throws: T, message: 'eluBackwardFromOutput: out must have length 2, got 3' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.disposedWasm(1), h.f32(1))', throws: E, message: 'eluBackwardFromOutput: y is a WasmArray that was disposed' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(-1, 0, -0, 2, NaN), h.f32(2, 2, 2, 2, 2))', returns: 'dy * (y > 0 ? 1 : y + alpha): y = -alpha -> 0, y = +-0 -> dy * alpha, y > 0 -> dy, NaN -> NaN', check: 'h.same(r, h.f32(0, 2, 2, 2, NaN))' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(-0, 3), h.f32(5, 5), 0)', returns: 'alpha = 0 (ReLU): 0 where y <= 0', check: 'h.same(r, h.f32(0, 5))' },
  { surface: 'm.eluBackwardFromOutput', call: 'm.eluBackwardFromOutput(h.f32(-1, 1), h.f32(NaN, Infinity))', returns: 'element-wise: NaN and Infinity in dy propagate', check: 'Number.isNaN(r[0]) && r[1] === Infinity' },
  { surface: 'm.eluBackwardFromOutput', call: '((y, dy) => m.eluBackwardFromOutput(y, dy, 1, dy))(h.elu(h.ramp(8)), h.ramp(8))', returns: 'out === dy: computed in place', check: 'h.same(r, m.eluBackwardFromOutput(h.elu(h.ramp(8)), h.ramp(8)))' },
  { surface: 'm.eluBackwardFromOutput', call: '((y, dy) => m.eluBackwardFromOutput(y, dy, 1, y))(h.elu(h.ramp(8)), h.ramp(8))', returns: 'out === y: computed in place', check: 'h.same(r, m.eluBackwardFromOutput(h.elu(h.ramp(8)), h.ramp(8)))' },
  { surface: 'm.eluBackwardFromOutput', call: `((b) => m.eluBackwardFromOutput(h.elu(h.ramp(${N})), b.subarray(0, ${N}), 0.5, b.subarray(2, ${N + 2})))(h.overlap(${N}, 2))`, returns: 'out overlapping dy two elements later: the result of the inputs before any write', check: `h.same(r, m.eluBackwardFromOutput(h.elu(h.ramp(${N})), h.ramp(${N}, -8, 4), 0.5))` },
  { surface: 'm.eluBackwardFromOutput', call: '((y, dy) => m.eluBackwardFromOutput(y, dy, 1, dy))(h.wasm([-0.5, 2]), h.wasm([4, 4]))', returns: 'WasmArrays, out === dy: in place in wasm memory, the WasmArray returned', check: 'h.same(r.array, h.f32(2, 4))' },
  // ---- m.activation ----
  { surface: 'm.activation', call: "m.activation('swish')", throws: R, message: 'activation: unknown name "swish"; expected one of relu, ' },
  { surface: 'm.activation', call: 'm.activation(1)', throws: T, message: 'activation: name must be a string, got number 1' },
  { surface: 'm.activation', call: "m.activation('__proto__')", throws: R, message: 'activation: unknown name "__proto__"' },
  { surface: 'm.activation', call: "m.activation('elu', null)", throws: T, message: 'activation: params must be an object like { alpha: 1 }, got null' },
  { surface: 'm.activation', call: "m.activation('elu', { alpha: NaN })", throws: R, message: "activation('elu'): alpha must be a finite number, got NaN" },
  { surface: 'm.activation', call: "m.activation('elu', { alpha: '1' })", throws: T, message: "activation('elu'): alpha must be a number" },
  { surface: 'm.activation', call: "m.activation('celu', { alpha: 0 })", throws: R, message: "activation('celu'): alpha must be a finite nonzero number (as float32), got 0" },
  { surface: 'm.activation', call: "m.activation('celu', { alpha: 1e-46 })", throws: R, message: "activation('celu'): alpha must be a finite nonzero number (as float32), got 1e-46" },
  { surface: 'm.activation', call: "m.activation('gelu').forward([1])", throws: T, message: "activation('gelu').forward: x must be a Float32Array or a WasmArray, got an Array" },
  { surface: 'm.activation', call: "m.activation('gelu').forward(h.detached())", throws: T, message: "activation('gelu').forward: x is a view of a detached ArrayBuffer" },
  { surface: 'm.activation', call: "m.activation('tanh').backward(h.f32(1, 2), h.f32(1))", throws: T, message: "activation('tanh').backward: dy must have length 2, got 1" },
  { surface: 'm.activation', call: "((a, x) => a.forward(x, x))(m.activation('relu'), h.ramp(6))", returns: 'out === x: computed in place', check: 'h.same(r, m.activation("relu").forward(h.ramp(6)))' },
  { surface: 'm.activation', call: "((a, x) => a.backward(x, h.f32(1, 1), x))(m.activation('silu'), h.wasm([-1, 2]))", returns: 'WasmArrays too: out === x in place, the WasmArray returned', check: 'h.same(r.array, m.activation("silu").backward(h.f32(-1, 2), h.f32(1, 1)))' },
  { surface: 'm.activation', call: "m.activation('gelu').forward(h.disposedWasm())", throws: E, message: "activation('gelu').forward: x is a WasmArray that was disposed" },
  // ---- m.allocate (WasmArray) ----
  { surface: 'm.allocate', call: 'm.allocate()', throws: T, message: 'allocate: length must be a number, got undefined' },
  { surface: 'm.allocate', call: "m.allocate('4')", throws: T, message: 'allocate: length must be a number, got the string "4"' },
  { surface: 'm.allocate', call: 'm.allocate(-1)', throws: R, message: 'allocate: length must be an integer in [0, 536854528], got -1' },
  { surface: 'm.allocate', call: 'm.allocate(1.5)', throws: R, message: 'allocate: length must be an integer in [0, 536854528], got 1.5' },
  { surface: 'm.allocate', call: 'm.allocate(NaN)', throws: R, message: 'allocate: length must be an integer in [0, 536854528], got NaN' },
  { surface: 'm.allocate', call: 'm.allocate(2 ** 30)', throws: R, message: 'allocate: length must be an integer in [0, 536854528], got 1073741824' },
  { surface: 'm.allocate', call: 'm.allocate(3)', returns: 'a WasmArray of 3 zeros', check: 'r.length === 3 && h.same(r.array, h.f32(0, 0, 0))' },
  { surface: 'm.allocate', call: 'm.allocate(0)', returns: 'an empty WasmArray', check: 'r.length === 0 && r.array.length === 0' },
  { surface: 'm.allocate', call: 'h.disposedWasm().array', throws: E, message: 'WasmArray.array: this array was disposed' },
  { surface: 'm.allocate', call: '((b) => (b.dispose(), b.dispose(), b.length))(m.allocate(2))', returns: 'dispose() is idempotent; length stays readable', check: 'r === 2' },
  { surface: 'm.allocate', call: 'new (m.allocate(1).constructor)(null, null, 8, 4)', throws: T, message: 'WasmArray: allocate one with m.allocate(length)' },
  { surface: 'm.allocate', call: 'h.net().getParameters(new Float32Array(h.wasm([0]).array.buffer, 0, 33))', throws: T, message: "Network.getParameters: out is a view of wasm memory outside every live WasmArray (only a WasmArray's own elements may be passed)" },
  // ---- new m.Network ----
  { surface: 'new m.Network', call: "new m.Network('big')", throws: T, message: 'new Network: options must be an object like' },
  { surface: 'new m.Network', call: "new m.Network({ layers: '2,8,1' })", throws: T, message: 'new Network: layers must be an Array like [2, 8, 8, 1], got the string "2,8,1"' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [2, 1] })', throws: R, message: 'new Network: layers must list inputs, 1 to 8 hidden layers and outputs (3 to 10 numbers), got 2' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [2, 0, 1] })', throws: R, message: 'new Network: layers[1] must be an integer in [1, 64], got 0' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [2, -8, 1] })', throws: R, message: 'new Network: layers[1] must be an integer in [1, 64], got -8' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [2, 1e9, 1] })', throws: R, message: 'new Network: layers[1] must be an integer in [1, 64], got 1000000000' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [2, 8.5, 1] })', throws: R, message: 'new Network: layers[1] must be an integer in [1, 64], got 8.5' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [2, NaN, 1] })', throws: R, message: 'new Network: layers[1] must be an integer in [1, 64], got NaN' },
  { surface: 'new m.Network', call: "new m.Network({ layers: [2, '8', 1] })", throws: T, message: 'new Network: layers[1] must be a number, got the string "8"' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [3, 8, 1] })', throws: R, message: 'new Network: layers[0] (inputs) must be an integer in [2, 2], got 3' },
  { surface: 'new m.Network', call: 'new m.Network({ layers: [2, 8, 17] })', throws: R, message: 'new Network: layers[2] (outputs) must be an integer in [1, 16], got 17' },
  { surface: 'new m.Network', call: "new m.Network({ layers: [2, 8, 2], task: 'regression' })", throws: R, message: 'new Network: layers[2] (outputs) must be an integer in [1, 1], got 2' },
  { surface: 'new m.Network', call: "new m.Network({ task: 'ranking' })", throws: R, message: 'new Network: unknown task "ranking"' },
  { surface: 'new m.Network', call: "new m.Network({ activation: 'swish' })", throws: R, message: 'new Network: unknown activation "swish"' },
  { surface: 'new m.Network', call: "new m.Network({ layers: [2, 8, 8, 1], activation: ['elu', 'relu', 'tanh'] })", throws: R, message: 'new Network: activation must be one name or one per hidden layer (2), got 3' },
  { surface: 'new m.Network', call: 'new m.Network({ alpha: NaN })', throws: R, message: 'new Network: alpha must be a finite number, got NaN' },
  { surface: 'new m.Network', call: 'new m.Network({ alpha: -Infinity })', throws: R, message: 'new Network: alpha must be a finite number, got -Infinity' },
  { surface: 'new m.Network', call: 'new m.Network({ alpha: 1e39 })', throws: R, message: 'new Network: alpha must be a finite number within float32 range' },
  { surface: 'new m.Network', call: "new m.Network({ alpha: '1' })", throws: T, message: 'new Network: alpha must be a number, got the string "1"' },
  { surface: 'new m.Network', call: 'new m.Network({ leakySlope: Infinity })', throws: R, message: 'new Network: leakySlope must be a finite number, got Infinity' },
  { surface: 'new m.Network', call: 'new m.Network({ seed: -1 })', throws: R, message: 'new Network: seed must be an integer in [0, 4294967295], got -1' },
  { surface: 'new m.Network', call: 'new m.Network({ seed: 2 ** 32 })', throws: R, message: 'new Network: seed must be an integer in [0, 4294967295], got 4294967296' },
  { surface: 'new m.Network', call: 'new m.Network({ seed: 1.5 })', throws: R, message: 'new Network: seed must be an integer in [0, 4294967295], got 1.5' },
  { surface: 'new m.Network', call: 'new m.Network({ features: [] })', throws: T, message: 'new Network: features must be a non-empty Array of x1, x2' },
  { surface: 'new m.Network', call: "new m.Network({ features: ['x3'] })", throws: R, message: 'new Network: unknown feature "x3"' },
  { surface: 'new m.Network', call: "new m.Network({ layers: [2, 8, 1], features: ['x1', 'x1'] })", throws: R, message: 'new Network: feature "x1" is listed twice' },
  { surface: 'new m.Network', call: "new m.Network({ layers: [2, 8, 1], features: ['__proto__', 'x1'] })", throws: R, message: 'new Network: unknown feature "__proto__"' },
  // ---- Network methods ----
  { surface: 'Network methods', call: 'h.net().trainEpoch([0, 0], h.f32(0))', throws: T, message: 'Network.trainEpoch: x must be a Float32Array or a WasmArray, got an Array' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.f32(0, 0, 1), h.f32(0))', throws: T, message: 'Network.trainEpoch: x must hold (x1, x2) pairs: even length, got 3' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.f32(0, NaN), h.f32(0))', throws: R, message: 'Network.trainEpoch: x[1] must be finite, got NaN' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.f32(-Infinity, 0), h.f32(0))', throws: R, message: 'Network.trainEpoch: x[0] must be finite, got -Infinity' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.f32(0, 0), h.f32(0, 1))', throws: T, message: 'Network.trainEpoch: y must have length 1, got 2' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.f32(0, 0), h.f32(2))', throws: R, message: 'Network.trainEpoch: y[0] must be 0 or 1, got 2' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.f32(0, 0), h.f32(NaN))', throws: R, message: 'Network.trainEpoch: y[0] must be 0 or 1, got NaN' },
  { surface: 'Network methods', call: "h.net({ layers: [2, 8, 1], task: 'regression' }).trainEpoch(h.f32(0, 0), h.f32(Infinity))", throws: R, message: 'Network.trainEpoch: y[0] must be finite, got Infinity' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(new Float32Array(0), new Float32Array(0))', throws: R, message: 'Network.trainEpoch: x must hold at least one point' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.detached(), h.f32(0, 0))', throws: T, message: 'Network.trainEpoch: x is a view of a detached ArrayBuffer' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, null)', throws: T, message: 'Network.trainEpoch: options must be an object like' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { learningRate: 0 })', throws: R, message: 'Network.trainEpoch: learningRate must be a finite number > 0, got 0' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { learningRate: -0.1 })', throws: R, message: 'Network.trainEpoch: learningRate must be a finite number > 0, got -0.1' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { learningRate: NaN })', throws: R, message: 'Network.trainEpoch: learningRate must be a finite number > 0, got NaN' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { learningRate: Infinity })', throws: R, message: 'Network.trainEpoch: learningRate must be a finite number > 0, got Infinity' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { learningRate: 1e39 })', throws: R, message: 'Network.trainEpoch: learningRate must be a finite number > 0 within float32 range' },
  { surface: 'Network methods', call: "((n) => [n.trainEpoch(h.data.x, h.data.y, { learningRate: 1e30, optimizer: 'sgd' }), n.diverged, n.trainEpoch(h.data.x, h.data.y), (n.reset(), n.diverged), n.trainEpoch(h.data.x, h.data.y)])(h.net())", returns: 'learningRate 1e30 (finite, huge): the epoch diverges: NaN, diverged = true, later epochs return NaN until reset(), which recovers', check: 'Number.isNaN(r[0]) && r[1] === true && Number.isNaN(r[2]) && r[3] === false && Number.isFinite(r[4])' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { batchSize: 0 })', throws: R, message: 'Network.trainEpoch: batchSize must be an integer >= 1, got 0' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { batchSize: 2.5 })', throws: R, message: 'Network.trainEpoch: batchSize must be an integer >= 1, got 2.5' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { batchSize: 1e9 })', returns: 'batchSize larger than n: one batch of all n points (a finite loss)', check: 'Number.isFinite(r)' },
  { surface: 'Network methods', call: "h.net().trainEpoch(h.data.x, h.data.y, { optimizer: 'lbfgs' })", throws: R, message: 'Network.trainEpoch: unknown optimizer "lbfgs"' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.data.x, h.data.y, { momentum: 1 })', throws: R, message: 'Network.trainEpoch: momentum must be in [0, 1), got 1' },
  { surface: 'Network methods', call: "h.net().trainEpoch(h.data.x, h.data.y, { shuffle: 'yes' })", throws: T, message: 'Network.trainEpoch: shuffle must be a boolean, got the string "yes"' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.shared(h.data.x), h.shared(h.data.y))', returns: 'SharedArrayBuffer-backed x and y: the same loss as plain copies', check: 'r === h.net().trainEpoch(h.data.x, h.data.y)' },
  { surface: 'Network methods', call: '((b) => (b.set(h.data.x, 6), h.net().evaluate(b.subarray(6), h.data.y)))(new Float32Array(6 + h.data.x.length))', returns: 'x as a subarray at an offset: the same loss as a copy', check: 'r === h.net().evaluate(h.data.x, h.data.y)' },
  { surface: 'Network methods', call: 'h.net().evaluate(new Float32Array(0), new Float32Array(0))', throws: R, message: 'Network.evaluate: x must hold at least one point' },
  { surface: 'Network methods', call: 'h.net().accuracy(h.data.x, h.data.y.subarray(1))', throws: T, message: 'Network.accuracy: y must have length 40, got 39' },
  { surface: 'Network methods', call: 'h.net().stats(new Float32Array(0))', throws: R, message: 'Network.stats: x must hold at least one point' },
  { surface: 'Network methods', call: 'h.net().stats(h.data.x).units', returns: 'one entry per hidden layer, per unit: meanActivation and activeFraction (Float32Array), dead (boolean[])', check: "r.length === 1 && r[0].meanActivation instanceof Float32Array && r[0].activeFraction.length === 8 && r[0].dead.length === 8 && r[0].dead.every((d) => typeof d === 'boolean')" },
  { surface: 'Network methods', call: 'h.net().neuronOutputs([0, 0])', throws: T, message: 'Network.neuronOutputs: x must be a Float32Array or a WasmArray, got an Array' },
  { surface: 'Network methods', call: 'h.net().neuronOutputs(h.f32(0, 0, 1))', throws: T, message: 'Network.neuronOutputs: x must hold (x1, x2) pairs: even length, got 3' },
  { surface: 'Network methods', call: 'h.net().neuronOutputs(h.f32(0, Infinity))', throws: R, message: 'Network.neuronOutputs: x[1] must be finite, got Infinity' },
  { surface: 'Network methods', call: 'h.net().neuronOutputs(new Float32Array(0))', throws: R, message: 'Network.neuronOutputs: x must hold at least one point' },
  { surface: 'Network methods', call: 'h.net().neuronOutputs(h.detached())', throws: T, message: 'Network.neuronOutputs: x is a view of a detached ArrayBuffer' },
  { surface: 'Network methods', call: 'h.net().neuronOutputs(h.data.x)', returns: '9 neurons x 40 points, [neuron][point]; the last row is predict', check: 'r.length === 9 * 40 && h.same(r.subarray(8 * 40), h.net().predict(h.data.x))' },
  { surface: 'Network methods', call: 'h.disposed().neuronOutputs(h.f32(0, 0))', throws: E, message: 'Network.neuronOutputs: this network was disposed' },
  { surface: 'Network methods', call: 'h.net().gradient(new Float32Array(0), new Float32Array(0))', throws: R, message: 'Network.gradient: x must hold at least one point' },
  { surface: 'Network methods', call: 'h.net().predict(new Float32Array(0))', returns: 'no points: an empty Float32Array', check: 'r instanceof Float32Array && r.length === 0' },
  { surface: 'Network methods', call: 'h.net().predict(h.f32(0, 0), new Float32Array(2))', throws: T, message: 'Network.predict: out must have length 1, got 2' },
  { surface: 'Network methods', call: 'h.net({ layers: [2, 3, 1] }).neuronGrid({ width: 2, height: 2 }, new Float32Array(15))', throws: T, message: 'Network.neuronGrid: out must have length 16, got 15' },
  { surface: 'Network methods', call: 'h.net({ layers: [2, 3, 1] }).getParameters(new Float64Array(13))', throws: T, message: 'Network.getParameters: out must be a Float32Array or a WasmArray, got a Float64Array' },
  { surface: 'Network methods', call: 'h.net({ layers: [2, 3, 1] }).getParameters(new Float32Array(12))', throws: T, message: 'Network.getParameters: out must have length 13, got 12' },
  { surface: 'Network methods', call: '((x) => h.net().predict(x, x.subarray(0, 40)))(h.data.x.slice())', returns: 'out overlapping x: x is read before out is written', check: 'h.same(r, h.net().predict(h.data.x))' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.wasm(h.data.x), h.wasm(h.data.y))', returns: 'WasmArrays x and y: used where they are (no copy); the same loss as Float32Arrays', check: 'r === h.net().trainEpoch(h.data.x, h.data.y)' },
  { surface: 'Network methods', call: 'h.net().evaluate(h.wasm(h.data.x), h.data.y)', returns: 'a WasmArray and a Float32Array mix', check: 'r === h.net().evaluate(h.data.x, h.data.y)' },
  { surface: 'Network methods', call: 'h.net().trainEpoch(h.disposedWasm(2), h.f32(0))', throws: E, message: 'Network.trainEpoch: x is a WasmArray that was disposed' },
  { surface: 'Network methods', call: 'h.net().stats(h.staleView())', throws: T, message: 'Network.stats: x is a view of a detached ArrayBuffer' },
  { surface: 'Network methods', call: 'h.net().predict(h.wasm(h.data.x), m.allocate(40))', returns: 'a WasmArray out: written in wasm memory (no copy out) and returned', check: "r.constructor.name === 'WasmArray' && h.same(r.array, h.net().predict(h.data.x))" },
  { surface: 'Network methods', call: "((x) => h.net({ layers: [2, 8, 2] }).predict(x, x))(h.wasm([0, 0]))", throws: T, message: 'Network.predict: out must not be x (the result is written while x is read)' },
  { surface: 'Network methods', call: 'h.net().predictGrid({ width: 3, height: 2 }, m.allocate(6))', returns: 'predictGrid into a WasmArray', check: 'h.same(r.array, h.net().predictGrid({ width: 3, height: 2 }))' },
  { surface: 'Network methods', call: 'h.net({ layers: [2, 3, 1] }).neuronGrid({ width: 2, height: 2 }, m.allocate(16))', returns: 'neuronGrid into a WasmArray', check: 'h.same(r.array, h.net({ layers: [2, 3, 1] }).neuronGrid({ width: 2, height: 2 }))' },
  { surface: 'Network methods', call: 'h.net({ layers: [2, 3, 1] }).getParameters(m.allocate(13))', returns: 'getParameters into a WasmArray', check: 'h.same(r.array, h.net({ layers: [2, 3, 1] }).getParameters())' },
  { surface: 'Network methods', call: '((n) => (n.setParameters(h.wasm(Array(13).fill(0.5))), n.getParameters()))(h.net({ layers: [2, 3, 1] }))', returns: 'setParameters from a WasmArray', check: 'r.every((v) => v === 0.5)' },
  { surface: 'Network methods', call: 'h.net().predictGrid({ width: 0 })', throws: R, message: 'Network.predictGrid: grid.width must be an integer in [1, 4096], got 0' },
  { surface: 'Network methods', call: 'h.net().predictGrid({ height: 4097 })', throws: R, message: 'Network.predictGrid: grid.height must be an integer in [1, 4096], got 4097' },
  { surface: 'Network methods', call: 'h.net().predictGrid({ xMin: NaN })', throws: R, message: 'Network.predictGrid: grid.xMin must be a finite number, got NaN' },
  { surface: 'Network methods', call: 'h.net().predictGrid({ xMin: 1, xMax: -1 })', throws: R, message: 'Network.predictGrid: grid needs xMin < xMax and yMin < yMax' },
  { surface: 'Network methods', call: 'h.net().predictGrid({ xMin: -3e38, xMax: 3e38 })', throws: R, message: 'Network.predictGrid: grid spans must be finite in float32' },
  { surface: 'Network methods', call: "h.net().predictGrid('all')", throws: T, message: 'Network.predictGrid: grid must be an object like' },
  { surface: 'Network methods', call: "h.net({ layers: [2, 64, 64, 64, 64, 64, 64, 64, 64, 1] }).neuronGrid({ width: 4096, height: 4096 })", throws: R, message: 'elu-playground: out of wasm memory (34426847232 bytes requested)' },
  { surface: 'Network methods', call: 'h.net().gridRgba({}, null)', throws: T, message: 'Network.gridRgba: colors must be an object like { lut, vMin: 0, vMax: 1 }, got null' },
  { surface: 'Network methods', call: 'h.net().gridRgba({})', throws: T, message: 'Network.gridRgba: lut must be a Uint8Array of 256 RGBA entries (1024 bytes), got undefined' },
  { surface: 'Network methods', call: 'h.net().gridRgba({}, { lut: new Uint8Array(1000) })', throws: T, message: 'Network.gridRgba: lut must be a Uint8Array of 256 RGBA entries (1024 bytes), got a Uint8Array' },
  { surface: 'Network methods', call: 'h.net().gridRgba({}, { lut: h.lut, vMin: 1, vMax: 1 })', throws: R, message: 'Network.gridRgba: vMin must be < vMax' },
  { surface: 'Network methods', call: 'h.net().gridRgba({}, { lut: h.lut, vMin: -3e38, vMax: 3e38 })', throws: R, message: 'Network.gridRgba: vMin must be < vMax, with vMax - vMin finite in float32' },
  { surface: 'Network methods', call: 'h.net().gridRgba({}, { lut: h.lut, vMax: NaN })', throws: R, message: 'Network.gridRgba: vMax must be a finite number, got NaN' },
  { surface: 'Network methods', call: '((n) => { n.alpha = NaN; })(h.net())', throws: R, message: 'Network.alpha: alpha must be a finite number, got NaN' },
  { surface: 'Network methods', call: '((n) => { n.alpha = 1e39; })(h.net())', throws: R, message: 'Network.alpha: alpha must be a finite number within float32 range' },
  { surface: 'Network methods', call: '((n) => n.setParameters(new Float32Array(n.parameterCount).fill(NaN)))(h.net())', throws: R, message: 'Network.setParameters: parameters[0] must be finite, got NaN' },
  { surface: 'Network methods', call: 'h.net().setParameters(new Float32Array(3))', throws: T, message: 'Network.setParameters: parameters must have length 33, got 3' },
  { surface: 'Network methods', call: 'h.net().reset(-1)', throws: R, message: 'Network.reset: seed must be an integer in [0, 4294967295], got -1' },
  { surface: 'Network methods', call: 'h.disposed().predict(h.f32(0, 0))', throws: E, message: 'Network.predict: this network was disposed' },
  { surface: 'Network methods', call: 'h.disposed().alpha = 2', throws: E, message: 'Network.alpha: this network was disposed' },
  { surface: 'Network methods', call: '((n) => n.dispose())(h.disposed())', returns: 'dispose() twice: the second does nothing', check: 'r === undefined' },
  // ---- m.datasets ----
  { surface: 'm.datasets', call: "m.datasets.make('moons')", throws: R, message: 'datasets.make: unknown dataset "moons"' },
  { surface: 'm.datasets', call: "m.datasets.make('constructor')", throws: R, message: 'datasets.make: unknown dataset "constructor"' },
  { surface: 'm.datasets', call: 'm.datasets.make()', throws: T, message: 'datasets.make: dataset must be a string, got undefined' },
  { surface: 'm.datasets', call: "m.datasets.make('xor', 5)", throws: T, message: 'datasets.make: options must be an object like { n: 500, noise: 0, seed: 1 }, got number 5' },
  { surface: 'm.datasets', call: "m.datasets.make('xor', { n: 0 })", throws: R, message: 'datasets.make: n must be an integer in [1, 100000], got 0' },
  { surface: 'm.datasets', call: "m.datasets.make('xor', { n: 1e9 })", throws: R, message: 'datasets.make: n must be an integer in [1, 100000], got 1000000000' },
  { surface: 'm.datasets', call: "m.datasets.make('xor', { n: NaN })", throws: R, message: 'datasets.make: n must be an integer in [1, 100000], got NaN' },
  { surface: 'm.datasets', call: "m.datasets.make('xor', { noise: -0.1 })", throws: R, message: 'datasets.make: noise must be in [0, 1], got -0.1' },
  { surface: 'm.datasets', call: "m.datasets.make('xor', { noise: Infinity })", throws: R, message: 'datasets.make: noise must be in [0, 1], got Infinity' },
  { surface: 'm.datasets', call: "m.datasets.make('xor', { seed: -1 })", throws: R, message: 'datasets.make: seed must be an integer in [0, 4294967295], got -1' },
  { surface: 'm.datasets', call: "m.datasets.info('moons')", throws: R, message: 'datasets.info: unknown dataset "moons"' },
  { surface: 'm.datasets', call: 'm.datasets.split(null)', throws: T, message: 'datasets.split: data must be an object like { x, y }, got null' },
  { surface: 'm.datasets', call: 'm.datasets.split({ x: h.f32(0, 0, 1), y: h.f32(0) })', throws: T, message: 'datasets.split: data.x must hold (x1, x2) pairs: even length, got 3' },
  { surface: 'm.datasets', call: 'm.datasets.split({ x: h.detached(), y: h.f32(0, 1) })', throws: T, message: 'datasets.split: data.x is a view of a detached ArrayBuffer' },
  { surface: 'm.datasets', call: 'm.datasets.split({ x: h.f32(0, 0), y: h.f32(0, 1) })', throws: T, message: 'datasets.split: data.y must have length 1, got 2' },
  { surface: 'm.datasets', call: 'm.datasets.split(h.data, { testFraction: 1 })', throws: R, message: 'datasets.split: testFraction must be in [0, 1), got 1' },
  { surface: 'm.datasets', call: 'm.datasets.split(h.data, { testFraction: NaN })', throws: R, message: 'datasets.split: testFraction must be in [0, 1), got NaN' },
  // ---- m.study (a Promise: bad options reject) ----
  { surface: 'm.study', call: "m.study('spiral')", rejects: T, message: "study: options must be an object like { dataset: 'circle', alphas: [0.5, 1], seeds: 4 }, got the string \"spiral\"" },
  { surface: 'm.study', call: 'm.study({ alpha: 1 })', rejects: R, message: 'study: unknown option "alpha"; expected one of dataset, noise, points, trainRatio, dataSeed, hiddenLayers, features, optimizer, learningRate, batchSize, regularization, regularizationRate, alphas, seeds, epochs, baselines, target' },
  { surface: 'm.study', call: "m.study({ dataset: 'moons' })", rejects: R, message: 'study: unknown dataset "moons"; expected one of circle, xor, gauss, spiral, three, plane, multigauss' },
  { surface: 'm.study', call: 'm.study({ noise: -0.1 })', rejects: R, message: 'study: noise must be in [0, 1], got -0.1' },
  { surface: 'm.study', call: 'm.study({ noise: NaN })', rejects: R, message: 'study: noise must be in [0, 1], got NaN' },
  { surface: 'm.study', call: "m.study({ noise: '0.1' })", rejects: T, message: 'study: noise must be a number, got the string "0.1"' },
  { surface: 'm.study', call: 'm.study({ points: 5 })', rejects: R, message: 'study: points must be an integer in [10, 10000], got 5' },
  { surface: 'm.study', call: 'm.study({ points: 400.5 })', rejects: R, message: 'study: points must be an integer in [10, 10000], got 400.5' },
  { surface: 'm.study', call: 'm.study({ trainRatio: 95 })', rejects: R, message: 'study: trainRatio must be an integer in [10, 90], got 95' },
  { surface: 'm.study', call: 'm.study({ dataSeed: -1 })', rejects: R, message: 'study: dataSeed must be an integer in [0, 4294967295], got -1' },
  { surface: 'm.study', call: "m.study({ hiddenLayers: '8,8' })", rejects: T, message: 'study: hiddenLayers must be an Array, got the string "8,8"' },
  { surface: 'm.study', call: 'm.study({ hiddenLayers: [] })', rejects: R, message: 'study: hiddenLayers must hold 1 to 8 entries, got 0' },
  { surface: 'm.study', call: 'm.study({ hiddenLayers: [8, 8, 8, 8, 8, 8, 8, 8, 8] })', rejects: R, message: 'study: hiddenLayers must hold 1 to 8 entries, got 9' },
  { surface: 'm.study', call: 'm.study({ hiddenLayers: [8, 65] })', rejects: R, message: 'study: hiddenLayers[1] must be an integer in [1, 64], got 65' },
  { surface: 'm.study', call: 'm.study({ features: [] })', rejects: R, message: 'study: features must hold 1 to 7 entries, got 0' },
  { surface: 'm.study', call: "m.study({ features: ['x3'] })", rejects: R, message: 'study: unknown features[0] "x3"; expected one of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)' },
  { surface: 'm.study', call: "m.study({ features: ['x1', 'x1'] })", rejects: R, message: 'study: features lists "x1" twice' },
  { surface: 'm.study', call: "m.study({ optimizer: 'lbfgs' })", rejects: R, message: 'study: unknown optimizer "lbfgs"; expected one of sgd, momentum, adam' },
  { surface: 'm.study', call: 'm.study({ learningRate: 0 })', rejects: R, message: 'study: learningRate must be in (0, 10], got 0' },
  { surface: 'm.study', call: 'm.study({ learningRate: 11 })', rejects: R, message: 'study: learningRate must be in (0, 10], got 11' },
  { surface: 'm.study', call: 'm.study({ learningRate: Infinity })', rejects: R, message: 'study: learningRate must be in (0, 10], got Infinity' },
  { surface: 'm.study', call: 'm.study({ batchSize: 0 })', rejects: R, message: 'study: batchSize must be an integer in [1, 10000], got 0' },
  { surface: 'm.study', call: 'm.study({ batchSize: 2.5 })', rejects: R, message: 'study: batchSize must be an integer in [1, 10000], got 2.5' },
  { surface: 'm.study', call: "m.study({ regularization: 'l3' })", rejects: R, message: 'study: unknown regularization "l3"; expected one of none, l1, l2' },
  { surface: 'm.study', call: 'm.study({ regularizationRate: -1 })', rejects: R, message: 'study: regularizationRate must be in [0, 10], got -1' },
  { surface: 'm.study', call: 'm.study({ alphas: 1 })', rejects: T, message: 'study: alphas must be an Array, got number 1' },
  { surface: 'm.study', call: 'm.study({ alphas: [] })', rejects: R, message: 'study: alphas must hold 1 to 32 entries, got 0' },
  { surface: 'm.study', call: 'm.study({ alphas: Array.from({ length: 33 }, (_, i) => i / 10) })', rejects: R, message: 'study: alphas must hold 1 to 32 entries, got 33' },
  { surface: 'm.study', call: 'm.study({ alphas: [1, -0.5] })', rejects: R, message: 'study: alphas[1] must be in [0, 10], got -0.5' },
  { surface: 'm.study', call: 'm.study({ alphas: [11] })', rejects: R, message: 'study: alphas[0] must be in [0, 10], got 11' },
  { surface: 'm.study', call: 'm.study({ alphas: [NaN] })', rejects: R, message: 'study: alphas[0] must be in [0, 10], got NaN' },
  { surface: 'm.study', call: "m.study({ alphas: ['1'] })", rejects: T, message: 'study: alphas[0] must be a number, got the string "1"' },
  { surface: 'm.study', call: 'm.study({ alphas: [0.5, 1, 0.5] })', rejects: R, message: 'study: alphas lists 0.5 twice' },
  { surface: 'm.study', call: 'm.study({ alphas: [0, -0] })', rejects: R, message: 'study: alphas lists 0 twice' },
  { surface: 'm.study', call: 'm.study({ seeds: 0 })', rejects: R, message: 'study: seeds must be an integer in [1, 64], got 0' },
  { surface: 'm.study', call: 'm.study({ seeds: 65 })', rejects: R, message: 'study: seeds must be an integer in [1, 64], got 65' },
  { surface: 'm.study', call: 'm.study({ seeds: [1, 2] })', rejects: T, message: 'study: seeds must be a number, got an Array' },
  { surface: 'm.study', call: 'm.study({ epochs: 0 })', rejects: R, message: 'study: epochs must be an integer in [1, 5000], got 0' },
  { surface: 'm.study', call: 'm.study({ epochs: 5001 })', rejects: R, message: 'study: epochs must be an integer in [1, 5000], got 5001' },
  { surface: 'm.study', call: "m.study({ baselines: 'relu' })", rejects: T, message: 'study: baselines must be an Array, got the string "relu"' },
  { surface: 'm.study', call: "m.study({ baselines: ['elu'] })", rejects: R, message: 'study: unknown baselines[0] "elu"; expected one of relu, leaky_relu, selu, gelu, silu, tanh' },
  { surface: 'm.study', call: "m.study({ baselines: ['relu', 'tanh', 'relu'] })", rejects: R, message: 'study: baselines lists "relu" twice' },
  { surface: 'm.study', call: 'm.study({ target: 1.5 })', rejects: R, message: 'study: target must be a test accuracy in [0, 1] (circle is a classification), got 1.5' },
  { surface: 'm.study', call: "m.study({ dataset: 'plane', target: -1 })", rejects: R, message: 'study: target must be a test loss >= 0 (plane is a regression), got -1' },
  { surface: 'm.study', call: 'm.study({}, "fast")', rejects: T, message: 'study: control must be an object like { onResult, signal }, got the string "fast"' },
  { surface: 'm.study', call: 'm.study({}, { slice: 8 })', rejects: R, message: 'study: unknown control option "slice"; expected one of onResult, signal, sliceMs' },
  { surface: 'm.study', call: 'm.study({}, { onResult: 5 })', rejects: T, message: 'study: onResult must be a function (record, done, total), got number 5' },
  { surface: 'm.study', call: 'm.study({}, { signal: {} })', rejects: T, message: 'study: signal must be an AbortSignal, got a Object' },
  { surface: 'm.study', call: 'm.study({}, { sliceMs: -1 })', rejects: R, message: 'study: sliceMs must be in [0, 1000], got -1' },
  { surface: 'm.study', call: 'm.study(h.tiny, { signal: AbortSignal.abort() })', rejects: 'DOMException', message: 'The study was aborted' },
  { surface: 'm.study', call: 'm.study(h.tiny)', resolves: 'one run: { options, records: [one record] }', check: 'r.records.length === 1 && r.options.seeds === 1 && r.records[0].activation === "elu"' },
  { surface: 'm.study', call: "m.study({ ...h.tiny, optimizer: 'sgd', learningRate: 10, epochs: 50, dataset: 'spiral', seeds: 3 })", resolves: 'learningRate 10 (allowed): some runs diverge, recorded as diverged: true with the values of the network as it stands', check: 'r.records.some((x) => x.diverged) && r.records.every((x) => typeof x.trainLoss === "number")' },
  { surface: 'm.study', call: "m.study({ ...h.tiny, dataset: 'multigauss' })", resolves: 'regression: accuracy NaN, the default target a test loss (0.02)', check: 'Number.isNaN(r.records[0].accuracy) && r.options.target === 0.02' },
  // ---- the study's helpers (both entries) and runStudyInWorkers (browser entry) ----
  { surface: 'study helpers', call: 'h.studyRuns(null)', throws: T, message: 'study: options must be an object like' },
  { surface: 'study helpers', call: "h.defaultTarget('moons')", throws: R, message: 'defaultTarget: unknown dataset "moons"' },
  { surface: 'study helpers', call: "h.summarizeStudy('records')", throws: T, message: 'summarizeStudy: records must be an Array, got the string "records"' },
  { surface: 'study helpers', call: 'h.studyCsv(null)', throws: T, message: 'studyCsv: records must be an Array, got null' },
  { surface: 'study helpers', call: 'h.parseStudyCsv(5)', throws: T, message: 'parseStudyCsv: text must be a string, got number 5' },
  { surface: 'study helpers', call: "h.parseStudyCsv('a,b\\n1,2\\n')", throws: R, message: 'parseStudyCsv: the first line must be the header index,activation,alpha,seed,trainLoss,testLoss,accuracy,epochsToTarget,diverged' },
  { surface: 'study helpers', call: "h.parseStudyCsv(h.studyCsv([]) + '0,elu,1,1\\n')", throws: R, message: 'parseStudyCsv: line 2 has 4 fields, expected 9' },
  { surface: 'study helpers', call: "h.parseStudyCsv(h.studyCsv([]) + '0,elu,1,1,x,0,0,,false\\n')", throws: R, message: 'parseStudyCsv: line 2: trainLoss must be a number, got "x"' },
  { surface: 'study helpers', call: "h.parseStudyCsv(h.studyCsv([]) + '0,elu,1,1,0,0,0,2.5,false\\n')", throws: R, message: 'parseStudyCsv: line 2: epochsToTarget must be an integer or empty, got "2.5"' },
  { surface: 'study helpers', call: "h.parseStudyCsv(h.studyCsv([]) + '0,swish,1,1,0,0,0,,false\\n')", throws: R, message: 'parseStudyCsv: line 2: unknown activation "swish"' },
  { surface: 'study helpers', call: "h.parseStudyCsv(h.studyCsv([]) + '0,elu,1,1,0,0,0,,yes\\n')", throws: R, message: 'parseStudyCsv: line 2: diverged must be true or false, got "yes"' },
  { surface: 'study helpers', call: 'h.summarizeStudy([])', returns: 'no records: no groups, []', check: 'Array.isArray(r) && r.length === 0' },
  { surface: 'study helpers', call: 'h.runStudyInWorkers({ seeds: 0 })', rejects: R, message: 'study: seeds must be an integer in [1, 64], got 0' },
  { surface: 'study helpers', call: 'h.runStudyInWorkers({}, { workers: 0 })', rejects: R, message: 'runStudyInWorkers: workers must be an integer in [1, 16], got 0' },
  { surface: 'study helpers', call: 'h.runStudyInWorkers({}, { workers: 1.5 })', rejects: R, message: 'runStudyInWorkers: workers must be an integer in [1, 16], got 1.5' },
  { surface: 'study helpers', call: 'h.runStudyInWorkers({}, { sliceMs: 8 })', rejects: R, message: 'runStudyInWorkers: unknown control option "sliceMs"; expected one of onResult, signal, workers' },
  { surface: 'study helpers', call: 'h.runStudyInWorkers(h.tiny, { signal: AbortSignal.abort() })', rejects: 'DOMException', message: 'The study was aborted' },
];

// The element's attributes. Fallbacks per state.js: a number out of range clamps; anything else
// that does not parse takes the default. `value` is the attribute string.
export const ATTRIBUTE_CASES = [
  { attr: 'alpha', value: 'banana', expect: 1, warn: 'alpha: not a finite number: "banana"' },
  { attr: 'alpha', value: '', expect: 1, warn: 'alpha: not a finite number: ""' },
  { attr: 'alpha', value: 'NaN', expect: 1, warn: 'alpha: not a finite number: "NaN"' },
  { attr: 'alpha', value: 'Infinity', expect: 1, warn: 'alpha: not a finite number: "Infinity"' },
  { attr: 'alpha', value: '-Infinity', expect: 1, warn: 'alpha: not a finite number: "-Infinity"' },
  { attr: 'alpha', value: '1e999', expect: 1, warn: 'alpha: not a finite number: "1e999"' },
  { attr: 'alpha', value: '1e308', expect: 10, warn: 'alpha: outside [0, 10]: 1e+308' },
  { attr: 'alpha', value: '-3', expect: 0, warn: 'alpha: outside [0, 10]: -3' },
  { attr: 'alpha', value: ' 2.5 ', expect: 2.5, warn: null },
  { attr: 'alpha', value: '0x10', expect: 10, warn: 'alpha: outside [0, 10]: 16' },
  { attr: 'alpha', value: INJECTION, expect: 1, warn: 'alpha: not a finite number' },
  { attr: 'dataset', value: INJECTION, expect: 'circle', warn: 'dataset: not one of circle, xor, gauss, spiral, three' },
  { attr: 'dataset', value: IMG, expect: 'circle', warn: 'dataset: not one of circle' },
  { attr: 'dataset', value: '', expect: 'circle', warn: 'dataset: not one of circle' },
  { attr: 'dataset', value: '__proto__', expect: 'circle', warn: 'dataset: not one of circle' },
  { attr: 'dataset', value: 'SPIRAL', expect: 'spiral', warn: null },
  { attr: 'hidden-layers', value: '', expect: [8, 8], warn: 'hidden-layers: not 1 to 8 comma-separated sizes from 1 to 64: ""' },
  { attr: 'hidden-layers', value: '8,x', expect: [8, 8], warn: 'hidden-layers: not 1 to 8' },
  { attr: 'hidden-layers', value: '-4,4', expect: [8, 8], warn: 'hidden-layers: not 1 to 8' },
  { attr: 'hidden-layers', value: '1e9', expect: [8, 8], warn: 'hidden-layers: not 1 to 8' },
  { attr: 'hidden-layers', value: 'NaN,NaN', expect: [8, 8], warn: 'hidden-layers: not 1 to 8' },
  { attr: 'hidden-layers', value: '1,1,1,1,1,1,1,1,1', expect: [8, 8], warn: 'hidden-layers: not 1 to 8' },
  { attr: 'hidden-layers', value: INJECTION, expect: [8, 8], warn: 'hidden-layers: not 1 to 8' },
  { attr: 'hidden-layers', value: '64,64,64,64,64,64,64,64', expect: [64, 64, 64, 64, 64, 64, 64, 64], warn: null },
  { attr: 'learning-rate', value: '0', expect: 1e-6, warn: 'learning-rate: outside [0.000001, 10]: 0' },
  { attr: 'learning-rate', value: '-1', expect: 1e-6, warn: 'learning-rate: outside [0.000001, 10]: -1' },
  { attr: 'learning-rate', value: '99', expect: 10, warn: 'learning-rate: outside [0.000001, 10]: 99' },
  { attr: 'learning-rate', value: 'NaN', expect: 0.03, warn: 'learning-rate: not a finite number: "NaN"' },
  { attr: 'learning-rate', value: '', expect: 0.03, warn: 'learning-rate: not a finite number: ""' },
  { attr: 'optimizer', value: INJECTION, expect: 'adam', warn: 'optimizer: not one of sgd, momentum, adam' },
  { attr: 'optimizer', value: 'SGD', expect: 'sgd', warn: null },
  { attr: 'activations', value: 'gelu swish', expect: ['gelu'], warn: 'activations: unknown: swish' },
  { attr: 'activations', value: INJECTION, expect: [], warn: 'activations: unknown: "><script>alert(1)</script>' },
  { attr: 'activations', value: '__proto__ constructor', expect: [], warn: 'activations: unknown: __proto__, constructor' },
  { attr: 'activations', value: '', expect: [], warn: null },
  { attr: 'compare', value: 'swish', expect: 'none', warn: 'compare: not one of none, relu' },
  { attr: 'compare', value: INJECTION, expect: 'none', warn: 'compare: not one of none, relu' },
  { attr: 'compare', value: '', expect: 'none', warn: 'compare: not one of none' },
  { attr: 'autoplay', value: 'false', expect: false, warn: null },
  { attr: 'autoplay', value: INJECTION, expect: true, warn: null },
  { attr: 'theme', value: 'neon', expect: 'auto', warn: 'theme: not one of auto, light, dark: "neon"' },
  { attr: 'theme', value: INJECTION, expect: 'auto', warn: 'theme: not one of auto, light, dark' },
  { attr: 'panels', value: 'banana', expect: ['function', 'training', 'code'], warn: 'panels: none of function, training, network, study, code: "banana"' },
  { attr: 'panels', value: '', expect: ['function', 'training', 'code'], warn: 'panels: none of function, training, network, study, code: ""' },
  { attr: 'panels', value: 'training banana', expect: ['training'], warn: 'panels: unknown: banana' },
  { attr: 'panels', value: 'Network, banana', expect: ['network'], warn: 'panels: unknown: banana' },
  { attr: 'panels', value: INJECTION, expect: ['function', 'training', 'code'], warn: 'panels: none of function, training, network, study, code' },
  { attr: 'seed', value: '-1', expect: 0, warn: 'seed: outside [0, 4294967295]: -1' },
  { attr: 'seed', value: '1e20', expect: 4294967295, warn: 'seed: outside [0, 4294967295]: 100000000000000000000' },
  { attr: 'seed', value: '1.5', expect: 1, warn: 'seed: not an integer: "1.5"' },
  { attr: 'seed', value: 'NaN', expect: 1, warn: 'seed: not a finite number: "NaN"' },
  { attr: 'noise', value: '5', expect: 1, warn: 'noise: outside [0, 1]: 5' },
  { attr: 'noise', value: '-0.5', expect: 0, warn: 'noise: outside [0, 1]: -0.5' },
  { attr: 'noise', value: 'Infinity', expect: 0.1, warn: 'noise: not a finite number: "Infinity"' },
  { attr: 'batch-size', value: '0', expect: 1, warn: 'batch-size: outside [1, 500]: 0' },
  { attr: 'batch-size', value: '1e9', expect: 500, warn: 'batch-size: outside [1, 500]: 1000000000' },
  { attr: 'batch-size', value: '2.5', expect: 10, warn: 'batch-size: not an integer: "2.5"' },
  { attr: 'batch-size', value: INJECTION, expect: 10, warn: 'batch-size: not a finite number' },
  { attr: 'epochs-per-frame', value: '0', expect: 1, warn: 'epochs-per-frame: outside [1, 50]: 0' },
  { attr: 'epochs-per-frame', value: '1000000', expect: 50, warn: 'epochs-per-frame: outside [1, 50]: 1000000' },
  { attr: 'epochs-per-frame', value: '-5', expect: 1, warn: 'epochs-per-frame: outside [1, 50]: -5' },
  { attr: 'epochs-per-frame', value: 'NaN', expect: 2, warn: 'epochs-per-frame: not a finite number: "NaN"' },
  { attr: 'problem', value: INJECTION, expect: 'classification', warn: 'problem: not one of classification, regression' },
  { attr: 'problem', value: '', expect: 'classification', warn: 'problem: not one of classification, regression: ""' },
  { attr: 'problem', value: 'Regression', expect: 'regression', warn: null },
  { attr: 'dataset', value: 'PLANE', expect: 'plane', warn: null },
  { attr: 'train-ratio', value: '5', expect: 10, warn: 'train-ratio: outside [10, 90]: 5' },
  { attr: 'train-ratio', value: '100', expect: 90, warn: 'train-ratio: outside [10, 90]: 100' },
  { attr: 'train-ratio', value: '50.5', expect: 50, warn: 'train-ratio: not an integer: "50.5"' },
  { attr: 'train-ratio', value: 'NaN', expect: 50, warn: 'train-ratio: not a finite number: "NaN"' },
  { attr: 'train-ratio', value: INJECTION, expect: 50, warn: 'train-ratio: not a finite number' },
  { attr: 'features', value: '', expect: ['x1', 'x2'], warn: 'features: none of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2): ""' },
  { attr: 'features', value: 'x3 x1sq', expect: ['x1', 'x2'], warn: 'features: none of x1, x2' },
  { attr: 'features', value: 'x1 banana', expect: ['x1'], warn: 'features: unknown: banana' },
  { attr: 'features', value: INJECTION, expect: ['x1', 'x2'], warn: 'features: none of x1, x2' },
  { attr: 'features', value: '__proto__ constructor', expect: ['x1', 'x2'], warn: 'features: none of x1, x2' },
  { attr: 'features', value: 'SIN(X2), x1^2 x2', expect: ['x2', 'x1^2', 'sin(x2)'], warn: null },
  { attr: 'regularization', value: 'l3', expect: 'none', warn: 'regularization: not one of none, l1, l2: "l3"' },
  { attr: 'regularization', value: INJECTION, expect: 'none', warn: 'regularization: not one of none, l1, l2' },
  { attr: 'regularization', value: 'L2', expect: 'l2', warn: null },
  { attr: 'regularization-rate', value: '-1', expect: 0, warn: 'regularization-rate: outside [0, 10]: -1' },
  { attr: 'regularization-rate', value: '1e9', expect: 10, warn: 'regularization-rate: outside [0, 10]: 1000000000' },
  { attr: 'regularization-rate', value: 'NaN', expect: 0, warn: 'regularization-rate: not a finite number: "NaN"' },
  { attr: 'regularization-rate', value: '', expect: 0, warn: 'regularization-rate: not a finite number: ""' },
  { attr: 'show-test-data', value: 'false', expect: false, warn: null },
  { attr: 'show-test-data', value: INJECTION, expect: true, warn: null },
  { attr: 'discretize', value: 'false', expect: false, warn: null },
  { attr: 'discretize', value: '', expect: true, warn: null },
  { attr: 'panels', value: 'study banana', expect: ['study'], warn: 'panels: unknown: banana' },
  { attr: 'study-alphas', value: '', expect: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3], warn: 'study-alphas: no number in ""' },
  { attr: 'study-alphas', value: INJECTION, expect: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3], warn: 'study-alphas: no number in' },
  { attr: 'study-alphas', value: '-1 0.5 99', expect: [0, 0.5, 10], warn: 'study-alphas: outside [0, 10]: -1, 99' },
  { attr: 'study-alphas', value: '1 NaN Infinity 0x', expect: [1], warn: 'study-alphas: not numbers: NaN, Infinity, 0x' },
  { attr: 'study-alphas', value: '__proto__ 2', expect: [2], warn: 'study-alphas: not numbers: __proto__' },
  { attr: 'study-alphas', value: Array.from({ length: 33 }, (_, i) => i / 4).join(','), expect: Array.from({ length: 32 }, (_, i) => i / 4), warn: 'study-alphas: 33 values, more than 32' },
  { attr: 'study-alphas', value: '3, 1,1 0', expect: [0, 1, 3], warn: null },
  { attr: 'study-seeds', value: '0', expect: 1, warn: 'study-seeds: outside [1, 64]: 0' },
  { attr: 'study-seeds', value: '1e6', expect: 64, warn: 'study-seeds: outside [1, 64]: 1000000' },
  { attr: 'study-seeds', value: '4.5', expect: 8, warn: 'study-seeds: not an integer: "4.5"' },
  { attr: 'study-seeds', value: INJECTION, expect: 8, warn: 'study-seeds: not a finite number' },
  { attr: 'study-epochs', value: '-10', expect: 1, warn: 'study-epochs: outside [1, 5000]: -10' },
  { attr: 'study-epochs', value: '1e9', expect: 5000, warn: 'study-epochs: outside [1, 5000]: 1000000000' },
  { attr: 'study-epochs', value: 'NaN', expect: 300, warn: 'study-epochs: not a finite number: "NaN"' },
  { attr: 'study-baselines', value: '', expect: [], warn: null },
  { attr: 'study-baselines', value: 'gelu elu', expect: ['gelu'], warn: 'study-baselines: unknown: elu' },
  { attr: 'study-baselines', value: INJECTION, expect: [], warn: 'study-baselines: unknown: "><script>alert(1)</script>' },
  { attr: 'study-target', value: '', expect: null, warn: null },
  { attr: 'study-target', value: 'high', expect: null, warn: 'study-target: not a finite number: "high"' },
  { attr: 'study-target', value: '-0.5', expect: 0, warn: 'study-target: outside [0, 1000]: -0.5' },
  { attr: 'study-target', value: INJECTION, expect: null, warn: 'study-target: not a finite number' },
];

// The standalone page's URL hash (keys are the attribute names; values URL-encoded).
export const HASH_CASES = [
  { hash: 'alpha=NaN', state: { alpha: 1 }, warn: ['URL alpha: not a finite number: "NaN"'] },
  { hash: 'alpha=1e999', state: { alpha: 1 }, warn: ['URL alpha: not a finite number: "1e999"'] },
  { hash: 'alpha=-7', state: { alpha: 0 }, warn: ['URL alpha: outside [0, 10]: -7'] },
  { hash: 'alpha=', state: { alpha: 1 }, warn: ['URL alpha: not a finite number: ""'] },
  { hash: `alpha=${encodeURIComponent(INJECTION)}`, state: { alpha: 1 }, warn: ['URL alpha: not a finite number'] },
  { hash: `dataset=${encodeURIComponent(INJECTION)}`, state: { datasetName: 'circle' }, warn: ['URL dataset: not one of circle'] },
  { hash: `dataset=${encodeURIComponent(IMG)}&compare=relu`, state: { datasetName: 'circle', compare: 'relu' }, warn: ['URL dataset: not one of circle'] },
  { hash: `hidden-layers=${encodeURIComponent(INJECTION)}`, state: { hiddenLayers: [8, 8] }, warn: ['URL hidden-layers: not 1 to 8'] },
  { hash: `activations=gelu+${encodeURIComponent(INJECTION)}`, state: { activations: ['gelu'] }, warn: ['URL activations: unknown: "><script>alert(1)</script>'] },
  { hash: `${encodeURIComponent(INJECTION)}=1`, state: {}, warn: ['URL: unknown key ""><script>alert(1)</script>"'] },
  { hash: '__proto__=1', state: {}, warn: ['URL: unknown key "__proto__"'] },
  { hash: '__proto__[alpha]=5&alpha=2', state: { alpha: 2 }, warn: ['URL: unknown key "__proto__[alpha]"'] },
  { hash: 'constructor=1&toString=x', state: {}, warn: ['URL: unknown key "constructor"', 'URL: unknown key "toString"'] },
  { hash: 'hasOwnProperty=alpha', state: {}, warn: ['URL: unknown key "hasOwnProperty"'] },
  { hash: 'learning-rate=1e308', state: { learningRate: 10 }, warn: ['URL learning-rate: outside [0.000001, 10]: 1e+308'] },
  { hash: 'learning-rate=-0.1', state: { learningRate: 1e-6 }, warn: ['URL learning-rate: outside [0.000001, 10]: -0.1'] },
  { hash: 'seed=99999999999999', state: { seed: 4294967295 }, warn: ['URL seed: outside [0, 4294967295]: 99999999999999'] },
  { hash: 'noise=NaN', state: { noise: 0.1 }, warn: ['URL noise: not a finite number: "NaN"'] },
  { hash: 'batch-size=-1', state: { batchSize: 1 }, warn: ['URL batch-size: outside [1, 500]: -1'] },
  { hash: 'epochs-per-frame=1e9', state: { epochsPerFrame: 50 }, warn: ['URL epochs-per-frame: outside [1, 50]: 1000000000'] },
  { hash: 'panels=', state: {}, warn: ['URL panels: none of function, training, network, study, code: ""'] },
  { hash: 'panels=nothing', state: {}, warn: ['URL panels: none of function, training, network, study, code: "nothing"'] },
  { hash: 'theme=%00', state: { theme: 'auto' }, warn: ['URL theme: not one of auto, light, dark'] },
  { hash: 'autoplay=banana', state: { autoplay: true }, warn: [] },
  { hash: 'compare=', state: { compare: 'none' }, warn: ['URL compare: not one of none'] },
  { hash: 'alpha=2&alpha=3', state: { alpha: 3 }, warn: [] },
  { hash: '&&=&alpha', state: { alpha: 1 }, warn: ['URL: unknown key ""', 'URL alpha: not a finite number: ""'] },
  { hash: `alpha=${'9'.repeat(400)}`, state: { alpha: 1 }, warn: ['URL alpha: not a finite number'] },
  { hash: 'dataset=plane', state: { problem: 'regression', datasetName: 'plane' }, warn: [] },
  { hash: 'problem=regression', state: { problem: 'regression', datasetName: 'plane' }, warn: [] },
  { hash: 'problem=regression&dataset=circle', state: {}, warn: ['URL problem: "regression" contradicts dataset "circle" (a classification dataset); using classification'] },
  { hash: 'dataset=multigauss&problem=classification', state: { problem: 'regression', datasetName: 'multigauss' }, warn: ['URL problem: "classification" contradicts dataset "multigauss"'] },
  { hash: 'problem=banana&dataset=multigauss', state: { problem: 'regression', datasetName: 'multigauss' }, warn: ['URL problem: not one of classification, regression'] },
  { hash: 'problem=regression&dataset=moons', state: { problem: 'regression', datasetName: 'plane' }, warn: ['URL dataset: not one of circle'] },
  { hash: 'train-ratio=0', state: { trainRatio: 10 }, warn: ['URL train-ratio: outside [10, 90]: 0'] },
  { hash: 'train-ratio=33.3', state: { trainRatio: 50 }, warn: ['URL train-ratio: not an integer: "33.3"'] },
  { hash: 'features=', state: { features: ['x1', 'x2'] }, warn: ['URL features: none of x1, x2'] },
  { hash: `features=x1+x1%5E2+${encodeURIComponent(INJECTION)}`, state: { features: ['x1', 'x1^2'] }, warn: ['URL features: unknown: "><script>alert(1)</script>'] },
  { hash: 'features=sin(x1)', state: { features: ['sin(x1)'] }, warn: [] },
  { hash: `regularization=${encodeURIComponent(IMG)}`, state: { regularization: 'none' }, warn: ['URL regularization: not one of none, l1, l2'] },
  { hash: 'regularization-rate=1e9', state: { regularizationRate: 10 }, warn: ['URL regularization-rate: outside [0, 10]: 1000000000'] },
  { hash: 'show-test-data=0&discretize=banana', state: { showTestData: false, discretize: true }, warn: [] },
  { hash: 'study-alphas=', state: {}, warn: ['URL study-alphas: no number in ""'] },
  { hash: `study-alphas=0.5+${encodeURIComponent(INJECTION)}`, state: { studyAlphas: [0.5] }, warn: ['URL study-alphas: not numbers: "><script>alert(1)</script>'] },
  { hash: 'study-alphas=2,-3', state: { studyAlphas: [0, 2] }, warn: ['URL study-alphas: outside [0, 10]: -3'] },
  { hash: 'study-seeds=999&study-epochs=0', state: { studySeeds: 64, studyEpochs: 1 }, warn: ['URL study-seeds: outside [1, 64]: 999', 'URL study-epochs: outside [1, 5000]: 0'] },
  { hash: 'study-baselines=&study-target=', state: { studyBaselines: [], studyTarget: null }, warn: [] },
  { hash: `study-baselines=${encodeURIComponent(IMG)}`, state: { studyBaselines: [] }, warn: ['URL study-baselines: unknown: <img'] },
  { hash: 'study-target=1e999', state: { studyTarget: null }, warn: ['URL study-target: not a finite number: "1e999"'] },
];

// ---- the Markdown catalogue ----------------------------------------------------------------------
const code = (s) => `\`${String(s).replace(/\|/g, '\\|').replace(/`/g, '\\`')}\``;
const cell = (s) => String(s).replace(/\|/g, '\\|');
const show = (v) => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(show).join(', ')}]` : String(v));

export function markdown() {
  const out = [
    '# Bad-input catalogue',
    '',
    '<!-- Generated by `node tests/js/bad-input-cases.mjs --write` from the cases in that file. Do not edit:',
    '     tests/js/bad-input.test.mjs fails when this file and the cases differ. -->',
    '',
    'What every public surface does with input it cannot use. Each row is a test case:',
    'tests/js/bad-input.test.mjs runs the JS API rows in Node, tests/browser/bad-input.test.mjs runs the',
    'attribute and URL-hash rows in Chromium (the documented value in effect, exactly the documented console',
    'warnings, no page error, no injected element or script, and the widget still drawing: the curve where',
    'alpha * expm1(x) puts it, one training step with a finite loss).',
    '',
    'Rules: the JS API throws (`TypeError`: wrong type, length, a detached buffer, or a view of wasm memory',
    'outside every live WasmArray; `RangeError`: a bad value; `Error`: a disposed network or WasmArray) with a',
    'message naming the function and the argument; it never',
    'clamps. Numbers reach the C++ side as float32, so finite doubles beyond float32 range are refused like',
    'Infinity. Element attributes and the URL hash never throw: an out-of-range number clamps into range,',
    'anything else that does not parse takes the default, and either way one `console.warn` starting',
    '`<elu-playground>` says what was used.',
    '',
    '## JS API',
    '',
    'In the calls, `m` is the loaded module and `h` the helpers of tests/js/bad-input-cases.mjs',
    '(`h.detached()`: a Float32Array whose buffer was transferred with `structuredClone(buf, { transfer: [buf] })`;',
    '`h.shared(v)`: a Float32Array over a SharedArrayBuffer; `h.net(o)`: `new m.Network(o ?? { layers: [2, 8, 1] })`;',
    '`h.data`: 40 points of the circle set; `h.ramp(n)`: n values from -5 to 5; `h.tiny`: the study options',
    '`{ alphas: [1], seeds: 1, epochs: 3, baselines: [] }`; `h.studyRuns`, `h.defaultTarget`, `h.summarizeStudy`,',
    '`h.studyCsv`, `h.parseStudyCsv`: the study helpers both entries export; `h.runStudyInWorkers`: the browser',
    "entry's worker pool, whose checks run before it starts any worker; `h.wasm(v)`: a WasmArray (`m.allocate`)",
    'holding `v`; `h.disposedWasm(n)`: one disposed; `h.staleView()`: the `.array` of a live WasmArray taken before',
    'wasm memory grew). `m.study` and `runStudyInWorkers` return a Promise: bad options reject it (nothing throws',
    'synchronously).',
  ];
  let surface = '';
  for (const c of API_CASES) {
    if (c.surface !== surface) {
      surface = c.surface;
      out.push('', `### ${surface}`, '', '| Call | Behaviour |', '| --- | --- |');
    }
    const behaviour = c.throws ? `throws \`${c.throws}\`: ${code(c.message)}`
      : c.rejects ? `rejects with \`${c.rejects}\`: ${code(c.message)}`
        : c.resolves ? `resolves: ${cell(c.resolves)}` : `returns: ${cell(c.returns)}`;
    out.push(`| ${code(c.call.length > 160 ? `${c.call.slice(0, 157)}...` : c.call)} | ${behaviour} |`);
  }
  out.push('', '## Element attributes', '', '`<elu-playground attribute="value">`: the property it gives and the console warning.',
    '', '| Attribute | Value | Property value | Console warning |', '| --- | --- | --- | --- |');
  for (const c of ATTRIBUTE_CASES) {
    out.push(`| ${c.attr} | ${code(JSON.stringify(c.value))} | ${code(show(c.expect))} | ${c.warn === null ? 'none' : code(c.warn)} |`);
  }
  out.push('', '## URL hash of the standalone page (web/demo/)', '',
    '`web/demo/#hash`: the element state it gives (fields not listed keep the page\'s defaults: the element\'s, with every panel shown) and the warnings.', '',
    '| Hash | State | Console warnings |', '| --- | --- | --- |');
  for (const c of HASH_CASES) {
    const state = Object.entries(c.state).map(([k, v]) => `${k} = ${show(v)}`).join(', ') || 'all defaults';
    const shown = c.hash.length > 60 ? `${c.hash.slice(0, 40)}... (${c.hash.length} chars)` : c.hash;
    out.push(`| ${code(`#${shown}`)} | ${code(state)} | ${c.warn.length ? c.warn.map(code).join('<br>') : 'none'} |`);
  }
  out.push('');
  return out.join('\n');
}

export const CATALOGUE = new URL('../BAD_INPUT.md', import.meta.url);

if (process.argv[1] && new URL(`file://${process.argv[1]}`).href === import.meta.url && process.argv.includes('--write')) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(CATALOGUE, markdown());
  console.log(`wrote ${CATALOGUE.pathname}`);
}
