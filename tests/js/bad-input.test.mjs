// The bad-input catalogue (tests/BAD_INPUT.md) in Node: the committed file matches the cases it is
// generated from; every JS API case behaves as documented, on both module flavors; the attribute
// and URL-hash cases give the documented value and warning through the widget's state table (the
// browser suite runs them again through the element and the standalone page).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { BY_ATTR, FIELDS, fromHash, pageDefaults, parse } from '../../web/src/widget/state.js';
import { Trainer } from '../../web/src/widget/trainer.js';
import { API_CASES, ATTRIBUTE_CASES, CATALOGUE, HASH_CASES, helpers, markdown } from './bad-input-cases.mjs';
import { loadFlavor } from './helpers.mjs';

test('tests/BAD_INPUT.md is generated from the cases (node tests/js/bad-input-cases.mjs --write)', async () => {
  assert.equal(await readFile(CATALOGUE, 'utf8'), markdown());
});

test('the catalogue covers every surface of the brief', () => {
  const surfaces = new Set(API_CASES.map((c) => c.surface));
  for (const s of ['m.elu', 'm.eluBackward', 'm.eluBackwardFromOutput', 'm.allocate', 'm.activation', 'new m.Network', 'Network methods', 'm.datasets', 'm.study', 'study helpers']) {
    assert.ok(surfaces.has(s), s);
  }
  const attrs = new Set(ATTRIBUTE_CASES.map((c) => c.attr));
  for (const f of FIELDS) assert.ok(attrs.has(f.attr), f.attr);
});

for (const flavor of ['simd', 'scalar']) {
  const loaded = loadFlavor(flavor).then(({ api }) => ({ m: api, h: helpers(api) }));
  for (const c of API_CASES) {
    const error = c.throws ?? c.rejects;
    test(`${flavor}: ${c.call} -> ${error ? `${error}: ${c.message}` : c.returns ?? c.resolves}`, async () => {
      const { m, h } = await loaded;
      // eslint-disable-next-line no-new-func
      const run = new Function('m', 'h', `return ${c.call};`);
      const expected = (e) => {
        assert.equal(e.constructor.name, error, `${e.constructor.name}: ${e.message}`);
        assert.ok(e.message.includes(c.message), `message: ${e.message}`);
        return true;
      };
      const promised = c.rejects !== undefined || c.resolves !== undefined;
      if (c.throws) {
        assert.throws(() => run(m, h), expected);
      } else if (c.rejects) {
        const p = run(m, h); // a Promise: no synchronous throw
        assert.ok(p instanceof Promise, 'returns a Promise');
        await assert.rejects(p, expected);
      } else {
        let r = run(m, h);
        assert.equal(r instanceof Promise, promised, promised ? 'returns a Promise' : 'returns a value');
        if (promised) r = await r;
        // eslint-disable-next-line no-new-func
        assert.ok(new Function('r', 'm', 'h', `return ${c.check};`)(r, m, h), `check ${c.check} on ${r}`);
      }
    });
  }
}

test('attribute cases through the state table: value and warning as documented', () => {
  for (const c of ATTRIBUTE_CASES) {
    const r = parse(BY_ATTR[c.attr], c.value);
    assert.deepEqual(r.value, c.expect, `${c.attr}=${JSON.stringify(c.value)}`);
    if (c.warn === null) assert.equal(r.warning, undefined, `${c.attr}=${JSON.stringify(c.value)}`);
    else assert.ok(r.warning?.startsWith('<elu-playground> ') && r.warning.includes(c.warn), `${c.attr}: ${r.warning}`);
  }
});

test('hash cases through fromHash: state and warnings as documented', () => {
  for (const c of HASH_CASES) {
    const { state, warnings } = fromHash(`#${c.hash}`, pageDefaults());
    assert.deepEqual(state, { ...pageDefaults(), ...c.state }, c.hash);
    assert.equal(warnings.length, c.warn.length, `${c.hash}: ${warnings.join('; ')}`);
    c.warn.forEach((w, i) => assert.ok(warnings[i].includes(w), `${c.hash}: ${warnings[i]}`));
  }
});

test('Trainer.step stops at its deadline (at least one epoch), else runs every epoch asked', async () => {
  const { api } = await loadFlavor('simd');
  const config = { dataset: 'circle', noise: 0.1, seed: 1, hiddenLayers: [8, 8], alpha: 1, compare: 'relu',
    learningRate: 0.03, optimizer: 'adam', batchSize: 10 };
  const t = new Trainer(api, config);
  let calls = 0;
  assert.equal(t.step(20, () => { calls += 1; }, performance.now() - 1), 1); // deadline already passed
  assert.equal(calls, 1);
  assert.equal(t.epoch, 1);
  assert.equal(t.step(20), 20);
  assert.equal(t.epoch, 21);
  // A deadline part-way: stops before an epoch that would end past it (by the recent epochs' time).
  const start = performance.now();
  const done = t.step(1e6, undefined, start + 30);
  assert.ok(done >= 1 && done < 1e6, `${done} epochs`);
  assert.ok(performance.now() - start < 30 + 200, 'stopped about at the deadline');
  assert.ok(t.epochMs > 0, 'the epochs\' duration is measured');
  t.dispose();
});
