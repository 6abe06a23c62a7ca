// The attribute and URL-hash rows of the bad-input catalogue (tests/BAD_INPUT.md, generated from
// tests/js/bad-input-cases.mjs) in every engine. Per case: the documented value in effect, exactly the
// documented console warnings, no page error, nothing injected (no new element, no alert: pages are
// served without their CSP (?nocsp), so injected markup would run rather than be blocked; the
// recorder turns alert() into a recorded problem), and the widget still draws (the curve where
// alpha * expm1(x) puts it, one training step with finite losses).
import assert from 'node:assert/strict';

import { ATTRIBUTE_CASES, HASH_CASES } from '../js/bad-input-cases.mjs';
import { BY_ATTR, FIELDS, pageDefaults } from '../../web/src/widget/state.js';
import { assertCurve, assertTrains, forEachEngine } from './browser.mjs';

forEachEngine(({ env, test }) => {
async function page(path) {
  const p = await env.page({ width: 1100, height: 1000 });
  await p.goto(path);
  return p;
}

// Elements a successful injection would leave (in the document or the shadow root); alerts are in
// the recorded problems.
const injected = (p) => p.evaluate(() => {
  const e = document.querySelector('elu-playground');
  const q = 'script:not([src]), img, iframe, object, svg script';
  return { document: [...document.querySelectorAll(q)].map((n) => n.outerHTML),
    shadow: [...e.shadowRoot.querySelectorAll('script, img, iframe, object')].map((n) => n.outerHTML) };
});

// The curve (function panel) and a training step (training panel), where shown.
async function assertDraws(p, label) {
  const shown = await p.evaluate(() => {
    const r = document.querySelector('elu-playground').shadowRoot;
    return { fn: !r.querySelector('.fn').hidden, train: !r.querySelector('.train').hidden };
  });
  if (shown.fn) await assertCurve(p, label);
  if (shown.train) await assertTrains(p, label);
}

test('attributes: bad values fall back or clamp as documented, warn once, inject nothing, still draw', { timeout: 180000 }, async () => {
  const p = await page('/tests/browser/fixture.html?nocsp');
  for (const c of ATTRIBUTE_CASES) {
    const label = `${c.attr}=${JSON.stringify(c.value)}`;
    await p.clearProblems();
    const value = await p.evaluate(async ({ attr, value, name }) => {
      document.body.replaceChildren();
      await new Promise((r) => setTimeout(r)); // the previous element's teardown
      const e = document.createElement('elu-playground');
      e.setAttribute(attr, value);
      document.body.append(e);
      await e.ready;
      return e[name];
    }, { ...c, name: BY_ATTR[c.attr].name });
    assert.deepEqual(value, c.expect, label);
    const want = c.warn === null ? [] : [`warning: <elu-playground> ${c.attr}: `];
    let problems = await p.problems();
    assert.equal(problems.length, want.length, `${label}: ${problems.join('\n')}`);
    if (c.warn !== null) assert.ok(problems[0].startsWith(want[0]) && problems[0].includes(c.warn), `${label}: ${problems[0]}`);
    await assertDraws(p, label);
    assert.deepEqual(await injected(p), { document: [], shadow: [] }, label);
    assert.equal((await p.problems()).length, want.length, `${label}: after drawing: ${(await p.problems()).join('\n')}`);
    // The same value set on a live element: the same result.
    await p.clearProblems();
    const live = await p.evaluate(({ attr, value, name }) => {
      const e = document.querySelector('elu-playground');
      e.removeAttribute(attr);
      e.setAttribute(attr, value);
      return e[name];
    }, { ...c, name: BY_ATTR[c.attr].name });
    assert.deepEqual(live, c.expect, `live ${label}`);
    problems = await p.problems();
    assert.equal(problems.length, want.length, `live ${label}: ${problems.join('\n')}`);
  }
  await p.close();
});

test('URL hash: the standalone page applies the documented state, warns, injects nothing, still draws', { timeout: 180000 }, async () => {
  const p = await page('/tests/browser/fixture.html');
  for (const c of HASH_CASES) {
    await p.goto('about:blank');
    await p.goto(`/web/demo/?nocsp#${c.hash}`);
    await p.waitFor(() => document.body?.dataset.ready === 'true');
    const state = await p.evaluate((names) => {
      const e = document.querySelector('elu-playground');
      return Object.fromEntries(names.map((n) => [n, e[n]]));
    }, FIELDS.map((f) => f.name));
    assert.deepEqual(state, { ...pageDefaults(), ...c.state }, c.hash);
    const problems = await p.problems();
    assert.equal(problems.length, c.warn.length, `${c.hash}: ${problems.join('\n')}`);
    c.warn.forEach((w, i) => assert.ok(problems[i].startsWith('warning: <elu-playground> URL') && problems[i].includes(w), `${c.hash}: ${problems[i]}`));
    const embed = await p.evaluate(() => document.getElementById('embed-element').textContent);
    assert.ok(!embed.includes('alert('), `${c.hash}: embed code ${embed}`);
    await p.evaluate(() => document.querySelector('elu-playground').pause()); // autoplay=banana plays
    await assertDraws(p, c.hash);
    assert.deepEqual(await injected(p), { document: [], shadow: [] }, c.hash);
    assert.equal((await p.problems()).length, c.warn.length, `${c.hash}: after drawing: ${(await p.problems()).join('\n')}`);
  }
  await p.close();
});
});
