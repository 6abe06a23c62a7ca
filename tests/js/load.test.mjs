// load()'s options in Node (a fresh process: load() has not run yet): a missing folder rejects and
// a later call may retry; a folder as a file: URL or a path relative to the working directory, and a
// function from the file name, all find the files; bad options throw a TypeError naming the option.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';

import { load } from 'elu-playground';

const dist = new URL('../../dist/', import.meta.url);

test('load({ wasmUrl }) in Node: folder URL, relative path, function; a failure can be retried', async () => {
  const moved = await mkdtemp(join(tmpdir(), 'elu-wasm-'));
  try {
    for (const f of ['elu_simd.wasm', 'elu_scalar.wasm']) await cp(new URL(f, dist), join(moved, f));
    await assert.rejects(load({ wasmUrl: relative(process.cwd(), join(moved, 'nowhere')) }), (e) => e.code === 'ENOENT' && e.message.includes(join(moved, 'nowhere', 'elu_simd.wasm')));
    for (const bad of [null, 'dist', { wasmurl: 'x' }, { wasmUrl: 1 }]) await assert.rejects(load(bad), TypeError);
    const asked = [];
    const m = await load({ wasmUrl: (file) => { asked.push(file); return new URL(`file://${moved}/${file}`); } });
    assert.deepEqual(asked, ['elu_simd.wasm']);
    assert.deepEqual(Array.from(m.elu(new Float32Array([-1, 2]), 2)), [Math.fround(2 * Math.expm1(-1)), 2]);
    assert.equal(await load({ wasmUrl: 'ignored once loaded' }), m, 'later calls resolve to the same instance');
  } finally {
    await rm(moved, { recursive: true, force: true });
  }
});
