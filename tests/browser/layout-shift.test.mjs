// No layout shift: an <elu-playground> takes its final height before its script defines it (the
// page's dist/element.css, generated from web/src/widget/sizes.js, which the element's own
// stylesheet uses too), and nothing it loads, builds or draws later changes that height.
//   - Chromium (the Layout Instability API): the cumulative layout shift of the example article, of a
//     page made from the README's embed snippet and of the standalone page (every panel, the lazily
//     loaded ones included, at the top of the page), at Lighthouse's desktop and mobile viewports,
//     with the element's script held back so that the page paints before the upgrade (what a slow
//     network does), then read to the end (the elements build their networks as they come into
//     view): at most 0.02.
//   - every engine: the same pages served without the element's script, so that its elements stay
//     undefined: each element's height and the place of what follows it, before the elements are
//     defined and once they are defined, loaded and every panel built, agree within a pixel; and
//     the same for every set of panels, with and without a compared network, at a width in each of
//     the layout's ranges.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { assertClean, forEachEngine, sleep } from './browser.mjs';
import { MIN_WIDTH } from './engines.mjs';
import { PANELS } from '../../web/src/widget/state.js';

const LIMIT = 0.02; // a "good" CLS is 0.1 or less; the pages should not come close
const ARTIFACTS = new URL('../artifacts/', import.meta.url);

// The README's embed snippet, exactly as a blogger pastes it (the package's files served from /dist/),
// in a page with text before and after it.
function readmePage() {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const [, section] = readme.split(/^## Embed in a page$/m);
  const snippet = /```html\n([\s\S]*?)```/.exec(section)[1].replaceAll('/node_modules/elu-playground/dist/', '/dist/');
  assert.match(snippet, /<elu-playground[\s>]/, 'the README has an embed snippet');
  const text = '<p>A paragraph of the blog post, long enough to wrap over a few lines on a phone: the kind of text a reader '
    + 'is in the middle of when a widget above it grows and pushes it down the screen.</p>';
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(new URL('readme-embed.html', ARTIFACTS), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>README embed</title><link rel="icon" href="data:,">
<style>body { max-width: 46rem; margin: 0 auto; padding: 16px; font: 17px/1.6 Georgia, serif; }</style></head>
<body><h1>A blog post</h1>${text}
${snippet}
${text.repeat(6)}</body></html>
`);
  return '/tests/artifacts/readme-embed.html';
}
const README_PAGE = readmePage();
const ARTICLE = '/web/demo/article.html';

// Lighthouse's viewports: desktop, and the mobile one (412 px wide; WebKit's window cannot be that narrow).
const DESKTOP = { width: 1350, height: 940 };
const MOBILE = (engine) => ({ width: Math.max(412, MIN_WIDTH[engine]), height: 823 });

// Every element defined, its module loaded, and each one brought into view until what it builds
// there is built (the networks and their table, the network diagrams, the study panel); in batches
// (a WebDriver script has a time limit).
async function buildAll(page) {
  const count = await page.evaluate(async () => {
    await customElements.whenDefined('elu-playground');
    const all = [...document.querySelectorAll('elu-playground')];
    await Promise.all(all.map((e) => e.ready));
    return all.length;
  });
  for (let from = 0; from < count; from += 16) {
    await page.evaluate(async (from) => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const built = (e) => {
        const r = e.shadowRoot, shown = (s) => !r.querySelector(s).hidden;
        return (!shown('.train') || r.querySelector('.summary tbody tr'))
          && (!shown('.net') || r.querySelector('[part~=neuron]'))
          && (!shown('.study') || r.querySelector('.study-run:not(:disabled)')); // (its markup comes with its code)
      };
      for (const e of [...document.querySelectorAll('elu-playground')].slice(from, from + 16)) {
        e.scrollIntoView({ block: 'start' });
        for (let i = 0; !built(e); i++) {
          if (i > 600) throw new Error(`an element with panels="${e.getAttribute('panels')}" was not built in 600 frames`);
          await frame();
        }
      }
      await frame();
      await frame();
    }, from, { timeout: 60000 });
  }
  await page.evaluate(() => scrollTo(0, 0));
}

// Each element's height, and where what follows it starts (from the element's top: page coordinates
// would add up the engines' sub-pixel rounding over hundreds of elements), to 0.1 px.
const layoutOf = (page) => page.evaluate(() => [...document.querySelectorAll('elu-playground')].map((e) => {
  const r = e.getBoundingClientRect(), next = e.nextElementSibling?.getBoundingClientRect();
  const round = (v) => Math.round(v * 10) / 10;
  return { panels: e.getAttribute('panels'), compare: e.getAttribute('compare'), width: round(r.width), height: round(r.height),
    next: next ? round(next.top - r.top) : null };
}));

function assertSameLayout(before, after, label) {
  assert.equal(after.length, before.length);
  const moved = before.filter((b, i) => Math.abs(b.height - after[i].height) > 1 || (b.next !== null && Math.abs(b.next - after[i].next) > 1))
    .map((b) => `${JSON.stringify(b)} -> ${JSON.stringify(after[before.indexOf(b)])}`);
  assert.deepEqual(moved, [], `${label}: elements whose height, or the place of what follows them, changed once defined`);
  assert.ok(before.every((b) => b.height > 100), `${label}: every element has a height before it is defined: ${JSON.stringify(before)}`);
}

forEachEngine(({ engine, env, test, lacks }) => {
  // Chrome's CLS: the largest session window (shifts less than 1 s apart, at most 5 s long) of the
  // layout shifts not caused by input; the sum of all of them is reported beside it.
  async function cumulativeShift(path, viewport) {
    const page = await env.page(viewport);
    await page.native.route('**/dist/element.js', async (route) => { await sleep(400); await route.continue(); });
    await page.goto(path);
    await buildAll(page);
    const shifts = await page.evaluate(() => new Promise((resolve) => {
      const entries = [];
      new PerformanceObserver((list) => entries.push(...list.getEntries())).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(entries.filter((e) => !e.hadRecentInput).map((e) => ({
        time: e.startTime, value: e.value, nodes: e.sources.map((s) => s.node?.nodeName ?? '?').join(' '),
      }))), 500);
    }));
    await assertClean(page, path);
    await page.close();
    let cls = 0, window = 0, start = -Infinity, last = -Infinity;
    for (const s of shifts) {
      if (s.time - last > 1000 || s.time - start > 5000) { window = 0; start = s.time; }
      window += s.value;
      last = s.time;
      cls = Math.max(cls, window);
    }
    return { cls, sum: shifts.reduce((a, s) => a + s.value, 0), shifts };
  }

  const pages = [['the example article', ARTICLE], ["a page made from the README's embed snippet", README_PAGE],
    ['the standalone page (every panel, at the top)', '/web/demo/']];
  for (const [name, path] of pages) {
    for (const [which, viewport] of [['desktop', DESKTOP], ['mobile', MOBILE(engine)]]) {
      test(`${name} (${which}, ${viewport.width} x ${viewport.height}): cumulative layout shift at most ${LIMIT}`,
        { skip: lacks('layoutShift'), timeout: 120000 }, async (t) => {
          const r = await cumulativeShift(path, viewport);
          t.diagnostic(`CLS ${r.cls.toFixed(4)} (sum of shifts ${r.sum.toFixed(4)})`);
          assert.ok(r.cls <= LIMIT && r.sum <= LIMIT, `CLS ${r.cls.toFixed(4)}, sum ${r.sum.toFixed(4)}: ${JSON.stringify(r.shifts)}`);
        });
    }
  }

  for (const [name, path, ready] of [['the example article', ARTICLE, true], ["the README's embed snippet", README_PAGE, false]]) {
    test(`${name}: each element is as tall before it is defined as once defined, loaded and built`, { timeout: 180000 }, async () => {
      for (const viewport of [{ width: 1100, height: 900 }, MOBILE(engine)]) {
        const page = await env.page(viewport);
        await page.goto(`${path}?undefined`);
        assert.equal(await page.evaluate(() => customElements.get('elu-playground') ?? null), null, 'the script was left out');
        const before = await layoutOf(page);
        await page.evaluate(async () => { await import('/dist/element.js'); });
        await buildAll(page);
        if (ready) await page.waitFor(() => document.body.dataset.ready === 'true');
        assertSameLayout(before, await layoutOf(page), `${path} at ${viewport.width} px`);
        await assertClean(page, path);
        await page.close();
      }
    });
  }

  // Every set of panels, with and without a compared network, at a width in each range of the
  // layout (sizes.js: under 460, 460-639, 640-879, from 880 px), in one page.
  test('every set of panels x compare, at a width in each layout range: as tall before it is defined as once built', { timeout: 240000 }, async () => {
    const sets = [];
    for (let m = 1; m < 1 << PANELS.length; m++) sets.push(PANELS.filter((_, i) => m & (1 << i)).join(' '));
    const markup = [340, 560, 760, 1000].flatMap((width) => sets.flatMap((panels) => ['none', 'relu'].map((compare) =>
      `<div style="width: ${width}px"><elu-playground panels="${panels}" compare="${compare}"></elu-playground><p>after</p></div>`)));
    const page = await env.page({ width: 1100, height: 900 });
    await page.goto('/tests/browser/fixture.html?undefined');
    await page.evaluate((html) => new Promise((resolve, reject) => {
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/dist/element.css', onload: resolve, onerror: reject });
      document.head.append(link);
      document.body.innerHTML = html;
    }), markup.join(''));
    const before = await layoutOf(page);
    await page.evaluate(async () => { await import('/dist/element.js'); });
    await buildAll(page);
    assertSameLayout(before, await layoutOf(page), `${sets.length * 8} elements`);
    await assertClean(page);
    await page.close();
  });
});
