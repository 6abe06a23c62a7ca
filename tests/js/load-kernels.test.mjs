// loadKernels() in Node (a fresh process: nothing loaded yet): the kernels-only module
// (elu_kernels.wasm) has the kernel API and nothing else, computes bit for bit what the whole
// module computes, takes load()'s options (errors name loadKernels; a later load() without options
// takes them), and once load() has been called resolves to load()'s instance (one module, not two).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load, loadKernels } from 'elu-playground';
import { bits, inputs } from './helpers.mjs';

const KERNEL_API = ['activation', 'activations', 'allocate', 'elu', 'eluBackward', 'eluBackwardFromOutput', 'simd'];
const dist = new URL('../../dist/', import.meta.url);

// The same float32 bits, any NaN matching any NaN: wasm leaves a NaN result's sign and payload to
// the engine and the optimizer, which may pick differently in two links of the same code.
const sameBits = (got, want, what) => {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    if (bits(got[i]) !== bits(want[i]) && !(Number.isNaN(got[i]) && Number.isNaN(want[i]))) {
      assert.fail(`${what}: element ${i}: ${got[i]} !== ${want[i]}`);
    }
  }
};

test('loadKernels(): the kernel API alone, the same bits as load(), then load()\'s instance', async () => {
  for (const bad of [null, 'dist', { wasmurl: 'x' }, { wasmUrl: 1 }]) {
    await assert.rejects(loadKernels(bad), (e) => e instanceof TypeError && e.message.startsWith('loadKernels: '));
  }
  const asked = [];
  const k = await loadKernels({ wasmUrl: (file) => { asked.push(file); return new URL(file, dist); } });
  assert.deepEqual(asked, ['elu_kernels.wasm']);
  assert.deepEqual(Object.keys(k).sort(), KERNEL_API);
  assert.equal(k.simd, true);
  assert.equal(await loadKernels(), k, 'later calls resolve to the same instance');

  // load() without options takes loadKernels()'s: the same folder (a page's loadKernels({ wasmUrl })
  // also tells the element, which calls load() with none).
  const m = await load();
  assert.deepEqual(asked, ['elu_kernels.wasm', 'elu_simd.wasm']);
  assert.notEqual(m, k);
  assert.deepEqual(k.activations, m.activations);
  const x = inputs(4099), dy = inputs(4099, 7), y = m.elu(x, 1.5);
  for (const alpha of [1, 0.3, 1.5]) {
    sameBits(k.elu(x, alpha), m.elu(x, alpha), `elu alpha ${alpha}`);
    sameBits(k.eluBackward(x, dy, alpha), m.eluBackward(x, dy, alpha), `eluBackward alpha ${alpha}`);
  }
  sameBits(k.eluBackwardFromOutput(y, dy, 1.5), m.eluBackwardFromOutput(y, dy, 1.5), 'eluBackwardFromOutput');
  for (const name of m.activations) {
    sameBits(k.activation(name).forward(x), m.activation(name).forward(x), `${name} forward`);
    sameBits(k.activation(name).backward(x, dy), m.activation(name).backward(x, dy), `${name} backward`);
  }
  const a = k.allocate(3);
  a.array.set([-1, 0, 2]);
  assert.equal(k.elu(a, 1, a), a, 'WasmArrays of the kernels module work in place');
  sameBits(a.array, m.elu(Float32Array.of(-1, 0, 2)), 'elu in place');
  assert.throws(() => m.elu(a), /another module instance/);
  a.dispose();

  assert.equal(await loadKernels(), m, 'after load(), loadKernels() resolves to its instance');
});
