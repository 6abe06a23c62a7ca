// The network panel in every engine: one tile per input, hidden unit and output for several layouts;
// dead ReLU units marked on a configuration that reliably kills them while the ELU network has none;
// a link's readout is its weight in getParameters(); editing (units, layers, inputs) rebuilds the
// networks and writes the attributes; keyboard navigation; histograms; light, dark and compare
// screenshots of the panel (tests/artifacts/<engine>-network-*.png). 320 px, axe-core and the page
// shots run over the standalone page, which shows this panel, in widget.test.mjs.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';

import { assertClean, click, fixture as loadFixture, forEachEngine } from './browser.mjs';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
await mkdir(ARTIFACTS, { recursive: true });

const el = (page, fn, arg) => page.evaluate(fn, arg);

// The panel's DOM contract, read from the first element: per diagram, its activation and neurons.
const diagrams = (page) => el(page, () => [...document.querySelector('elu-playground').shadowRoot.querySelectorAll('[part=network]')]
  .map((d) => ({
    activation: d.dataset.activation,
    neurons: [...d.querySelectorAll('[part~=neuron]')].map((n) => ({
      layer: Number(n.dataset.layer), unit: Number(n.dataset.unit), dead: n.getAttribute('part').split(' ').includes('dead'),
      label: n.getAttribute('aria-label'), pressed: n.getAttribute('aria-pressed'),
    })),
  })));

// Waits until the panel shows `count` diagrams (its module loads when the panel is first shown).
const panelReady = (page, count = 1) => page.waitFor((n) => document.querySelector('elu-playground').shadowRoot
  .querySelectorAll('[part=network]:not([hidden])').length >= n
  && document.querySelector('elu-playground').shadowRoot.querySelectorAll('[part~=neuron]').length > 0, count);

const steps = (page, n) => el(page, (n) => { const e = document.querySelector('elu-playground'); for (let i = 0; i < n; i++) e.step(); }, n);

forEachEngine(({ engine, env, test }) => {
  const fixture = (html, options) => loadFixture(env, html, options);

  test('one tile per input feature, hidden unit and output; data-layer and data-unit; histograms per hidden layer', async () => {
    for (const [layers, extra, outputs] of [['8,8', '', 1], ['3', ' dataset="three"', 3], ['16,4,2,5', '', 1], ['6,3', ' dataset="plane"', 1]]) {
      const page = await fixture(`<elu-playground panels="network" hidden-layers="${layers}"${extra}></elu-playground>`);
      await panelReady(page);
      const hidden = layers.split(',').map(Number);
      const [d] = await diagrams(page);
      assert.equal(d.activation, 'elu');
      assert.equal(d.neurons.length, 7 + hidden.reduce((a, b) => a + b, 0) + outputs, layers);
      const perLayer = [7, ...hidden, outputs];
      perLayer.forEach((n, layer) => {
        const units = d.neurons.filter((x) => x.layer === layer).map((x) => x.unit);
        assert.deepEqual(units, Array.from({ length: n }, (_, i) => i), `layer ${layer}`);
      });
      assert.deepEqual(d.neurons.filter((x) => x.layer === 0).map((x) => x.pressed), ['true', 'true', 'false', 'false', 'false', 'false', 'false']);
      const histograms = await el(page, () => [...document.querySelector('elu-playground').shadowRoot.querySelectorAll('[part=histogram]')]
        .map((h) => h.getAttribute('aria-label')));
      assert.equal(histograms.length, hidden.length);
      await steps(page, 3);
      const labels = await el(page, () => [...document.querySelector('elu-playground').shadowRoot.querySelectorAll('[part=histogram]')]
        .map((h) => h.getAttribute('aria-label')));
      labels.forEach((l, i) => assert.match(l, new RegExp(`^Layer ${i + 1} outputs over 200 training points, from -?[\\d.]+ to [\\d.]+: ELU mean -?[\\d.]+$`)));
      await assertClean(page, layers);
      await page.close();
    }
  });

  test('dead ReLU units are marked (4 hidden layers of 8, default settings, 50 epochs) and the ELU network has none', async () => {
    const page = await fixture('<elu-playground panels="network training" compare="relu" hidden-layers="8,8,8,8"></elu-playground>');
    await panelReady(page, 2);
    await steps(page, 50);
    const [elu, relu] = await diagrams(page);
    assert.deepEqual([elu.activation, relu.activation], ['elu', 'relu']);
    const dead = (d) => d.neurons.filter((n) => n.dead);
    assert.deepEqual(dead(elu), [], 'no dead ELU unit');
    assert.ok(dead(relu).length >= 4, `dead ReLU units: ${dead(relu).length}`);
    for (const n of dead(relu)) assert.match(n.label, new RegExp(`^Layer ${n.layer}, unit ${n.unit + 1}: dead, no gradient at any point`));
    for (const n of elu.neurons.filter((x) => x.layer >= 1 && x.layer <= 4)) {
      assert.match(n.label, /^Layer \d, unit \d+: mean activation -?\d\.\d\d, active on \d+ % of points$/);
    }
    // The marks agree with the summary table's dead fraction per layer (both from Network.stats).
    const table = await el(page, () => [...document.querySelector('elu-playground').shadowRoot.querySelectorAll('.summary tbody tr')]
      .map((tr) => [...tr.children].map((c) => c.textContent)));
    for (let layer = 1; layer <= 4; layer++) {
      const row = table.find((r) => r[0] === `Layer ${layer} dead units`);
      const count = dead(relu).filter((n) => n.layer === layer).length;
      assert.equal(row[2], `${Math.round((100 * count) / 8)}%`, `layer ${layer}`);
    }
    // The text alternative counts them.
    const summary = await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('[data-activation=relu]')
      .closest('figure').querySelector('.sr-only').textContent);
    assert.match(summary, /^ReLU network: inputs x₁, x₂; 4 hidden layers of 8, 8, 8, 8 units; one output\. Dead units: .*\d in layer \d/);
    await assertClean(page);
    await page.close();
  });

  test('a link\'s readout is its weight: getParameters() at its index, before and after training', async () => {
    const page = await fixture('<elu-playground panels="network" hidden-layers="4,3"></elu-playground>');
    await panelReady(page);
    // Keyboard: into the diagram, right from the inputs to their links, down a few, right again.
    await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('[part=neuron][tabindex="0"]').focus());
    const read = async () => el(page, async () => {
      const root = document.querySelector('elu-playground').shadowRoot;
      const link = root.querySelector('[part=link]');
      const { Network } = await (await import('/dist/index.js')).load();
      const net = new Network({ layers: [2, 4, 3, 1], seed: 1 });
      const weight = net.getParameters()[Number(link.dataset.index)];
      net.dispose();
      return {
        focused: root.activeElement === link, index: Number(link.dataset.index), layer: link.dataset.layer,
        label: link.getAttribute('aria-label'), readout: root.querySelector('.net-readout').textContent, weight,
      };
    });
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    let r = await read();
    assert.ok(r.focused, 'the link has focus');
    assert.equal(r.layer, '0');
    assert.equal(r.index, 5, 'the 6th link into layer 1: unit 3 from x2 (W is out x in)');
    assert.equal(r.readout, `Weight from input x₂ to layer 1, unit 3: ${r.weight.toFixed(3)}`);
    assert.equal(r.label, r.readout);
    await page.keyboard.press('ArrowRight'); // layer 1's units
    await page.keyboard.press('ArrowRight'); // links into layer 2
    await page.keyboard.press('End');
    r = await read();
    assert.equal(r.layer, '1');
    assert.equal(r.index, 2 * 4 + 4 + 2 * 4 + 3, 'the last weight of W2 (3 x 4): from unit 4 to unit 3');
    assert.equal(r.readout, `Weight from layer 1, unit 4 to layer 2, unit 3: ${r.weight.toFixed(3)}`);
    // After training the readout follows the weights (the element's network is the one public-API
    // training with the same seed and data gives; here: it changed, and matches a fresh readout).
    await steps(page, 5);
    const after = await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('.net-readout').textContent);
    assert.notEqual(after, r.readout, 'the readout moves with training');
    assert.match(after, /^Weight from layer 1, unit 4 to layer 2, unit 3: -?\d\.\d{3}$/);
    await assertClean(page);
    await page.close();
  });

  test('editing: unit and layer buttons and input toggles rebuild both networks and write the attributes', async () => {
    const page = await fixture('<elu-playground panels="network" compare="relu" hidden-layers="8,8"></elu-playground>');
    await panelReady(page, 2);
    const attrs = () => el(page, () => {
      const e = document.querySelector('elu-playground');
      return { layers: e.getAttribute('hidden-layers'), features: e.getAttribute('features') };
    });
    const counts = async () => (await diagrams(page)).map((d) => d.neurons.length);
    await click(page, '.unit-controls button[data-layer="1"][data-step="1"]');
    assert.equal((await attrs()).layers, '9,8');
    assert.deepEqual(await counts(), [7 + 17 + 1, 7 + 17 + 1]);
    await click(page, '.unit-controls button[data-layer="2"][data-step="-1"]');
    assert.equal((await attrs()).layers, '9,7');
    await click(page, '.layer-add');
    assert.equal((await attrs()).layers, '9,7,7');
    assert.equal(await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelectorAll('[part=histogram]').length), 3);
    await click(page, '.layer-remove');
    await click(page, '.layer-remove');
    assert.equal((await attrs()).layers, '9');
    assert.equal(await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('.layer-remove').disabled), true);
    // Inputs: x1² on, then x1 off; the networks take them (the element still trains).
    await click(page, '[part=network] [data-layer="0"][data-unit="2"]');
    assert.equal((await attrs()).features, 'x1 x2 x1^2');
    await click(page, '[part=network] [data-layer="0"][data-unit="0"]');
    assert.equal((await attrs()).features, 'x2 x1^2');
    const [d] = await diagrams(page);
    assert.deepEqual(d.neurons.filter((x) => x.layer === 0).map((x) => x.pressed), ['false', 'true', 'true', 'false', 'false', 'false', 'false']);
    await steps(page, 5);
    assert.equal(await el(page, () => document.querySelector('elu-playground').epoch), 5);
    // The last input cannot go.
    await click(page, '[part=network] [data-layer="0"][data-unit="1"]');
    await click(page, '[part=network] [data-layer="0"][data-unit="2"]');
    assert.equal((await attrs()).features, 'x1^2');
    assert.match(await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelector('.net-readout').textContent), /at least one input/);
    await assertClean(page);
    await page.close();
  });

  test('removed and added again: the panel is made anew and draws; no observer error', async () => {
    const page = await fixture('<elu-playground panels="network" hidden-layers="4"></elu-playground>');
    await panelReady(page);
    await el(page, () => new Promise((resolve) => {
      const e = document.querySelector('elu-playground');
      e.remove();
      setTimeout(() => { document.body.append(e); resolve(); }, 50);
    }));
    await page.waitFor(() => document.querySelector('elu-playground').epoch === 0
      && document.querySelector('elu-playground').shadowRoot.querySelectorAll('[part=network]:not([hidden])').length === 1);
    await steps(page, 3);
    const [d] = await diagrams(page);
    assert.equal(d.neurons.length, 7 + 4 + 1);
    assert.equal(await el(page, () => document.querySelector('elu-playground').shadowRoot.querySelectorAll('.diagram').length), 1, 'one diagram, not one per connection');
    await assertClean(page);
    await page.close();
  });

  test('screenshots of the panel: light, dark, compare (tests/artifacts/)', async () => {
    for (const [file, theme, compare] of [['network-light.png', 'light', 'relu'], ['network-dark.png', 'dark', 'relu'], ['network-single.png', 'light', 'none']]) {
      const page = await fixture(`<elu-playground panels="network" theme="${theme}" compare="${compare}" hidden-layers="8,8,8,8"></elu-playground>`, { width: 1100, height: 1000 });
      await panelReady(page);
      await steps(page, 50);
      const overflow = await el(page, () => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `${file}: page scrolls sideways by ${overflow} px`);
      await page.screenshot(new URL(`${engine}-${file}`, ARTIFACTS).pathname, { fullPage: true });
      await assertClean(page, file);
      await page.close();
    }
  });
});
