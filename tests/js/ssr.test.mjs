// Server-side rendering: a framework rendering a page in Node imports the package's entries with no
// DOM at all. Neither the main entry's browser build (dist/index.js) nor the element's entry may
// throw there; the element's entry defines nothing (there is no registry) and its pure exports work.
// Each import runs in a fresh Node process, so no other test's globals are around.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const dist = new URL('../../dist/', import.meta.url);

function run(source) {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' }));
}

test('the element entry imports in Node with no DOM: nothing defined, the state helpers work', () => {
  const r = run(`
    const globals = ['HTMLElement', 'customElements', 'document', 'window'].filter((g) => g in globalThis);
    const m = await import(${JSON.stringify(new URL('element.js', dist).href)});
    const { state, warnings } = m.fromHash('#alpha=2&panels=network');
    console.log(JSON.stringify({ globals, keys: Object.keys(m).sort(), isClass: typeof m.EluPlayground,
      alpha: state.alpha, panels: state.panels, warnings, after: ['customElements', 'HTMLElement'].filter((g) => g in globalThis) }));
  `);
  assert.deepEqual(r.globals, [], 'a bare Node: no DOM globals');
  assert.deepEqual(r.keys, ['EluPlayground', 'FIELDS', 'defaults', 'equal', 'fromHash', 'pageDefaults', 'toAttribute', 'toHash']);
  assert.equal(r.isClass, 'function');
  assert.deepEqual([r.alpha, r.panels, r.warnings], [2, ['network'], []]);
  assert.deepEqual(r.after, [], 'the import invents no DOM globals');
});

test('the main entry\'s browser build imports in Node with no DOM (what a bundler\'s SSR pass loads)', () => {
  const r = run(`
    const m = await import(${JSON.stringify(new URL('index.js', dist).href)});
    console.log(JSON.stringify({ load: typeof m.load, study: typeof m.studyRuns }));
  `);
  assert.deepEqual(r, { load: 'function', study: 'function' });
});
