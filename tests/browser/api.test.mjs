// The JS API in every engine computes exactly what it computes in Node: kernels (ELU forward and
// backward at three alphas, every activation forward and backward) and networks (20 epochs of each
// task, losses, predictions, stats and neuron outputs), compared as float32 bit patterns. One wasm
// build, one result.
import assert from 'node:assert/strict';

import { load } from '../../dist/node.js';
import { probe } from './api-probe.mjs';
import { assertClean, forEachEngine } from './browser.mjs';

const node = probe(await load());

forEachEngine(({ engine, env, test }) => {
  test('the JS API gives the same bits as in Node (kernels; losses, predictions, stats and neuron outputs after 20 epochs)', async () => {
    const page = await env.page();
    await page.goto('/tests/browser/fixture.html');
    const got = await page.evaluate(async () => {
      const [{ load }, { probe }] = await Promise.all([import('/dist/index.js'), import('/tests/browser/api-probe.mjs')]);
      return probe(await load());
    });
    assert.equal(got.simd, true, `${engine} runs the SIMD128 build`);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(node).sort()); // drivers may reorder keys
    for (const key of Object.keys(node)) {
      const differ = node[key].flatMap?.((v, i) => (v === got[key][i] ? [] : [i])) ?? [];
      assert.deepEqual(differ.slice(0, 5), [], `${key}: ${differ.length} of ${node[key].length} values differ from Node, first at index ${differ[0]}: ${got[key][differ[0]]} vs ${node[key][differ[0]]}`);
      assert.deepEqual(got[key], node[key], key);
    }
    await assertClean(page);
    await page.close();
  });
});
