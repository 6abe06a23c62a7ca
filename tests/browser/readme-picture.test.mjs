// Takes the README's picture from the real standalone page in Chromium (the picture is one image,
// whatever the engine): tests/artifacts/readme.webp on every run; with ELU_WRITE_PICTURE=1 (`npm run
// picture`) also web/demo/screenshot.webp and the hash of the sources it shows (tests/js/picture.mjs).
import assert from 'node:assert/strict';
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { openBrowser } from './browser.mjs';
import { selectedEngines } from './engines.mjs';
import { EPOCHS, MAX_BYTES, PAGE, PICTURE, QUALITY, RECORD, VIEWPORT, markupHash } from '../js/picture.mjs';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const skip = selectedEngines().includes('chromium') ? false : 'the picture is taken in Chromium';
let env;
before(async () => { if (!skip) env = await openBrowser('chromium'); }, { timeout: 60000 });
after(() => env?.close(), { timeout: 30000 });

test('chromium: the README picture, from the standalone page (network view, compare mode, light)', { skip, timeout: 60000 }, async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const page = await env.page(VIEWPORT);
  await page.goto(PAGE);
  await page.waitFor(() => document.body.dataset.ready === 'true'
    && document.querySelector('elu-playground').shadowRoot.querySelectorAll('[part=network]:not([hidden])').length === 2
    && document.querySelector('elu-playground').shadowRoot.querySelector('[part~=neuron]'));
  const problems = await page.evaluate((n) => {
    const e = document.querySelector('elu-playground');
    for (let i = 0; i < n; i++) e.step();
    return window.__problems;
  }, EPOCHS);
  assert.deepEqual(problems, []);
  await new Promise((r) => setTimeout(r, 300)); // the histograms' and tiles' last paint
  // The element's pixels (PNG), re-encoded as WebP by the same browser: line art at a third of the bytes.
  const png = await page.native.locator('elu-playground').screenshot();
  const webp = await page.evaluate(async ([png, quality]) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/webp', quality })).arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, [png.toString('base64'), QUALITY]);
  const file = new URL('readme.webp', ARTIFACTS);
  await writeFile(file, Buffer.from(webp, 'base64'));
  const { size } = await stat(file);
  assert.ok(size <= MAX_BYTES, `${size} bytes > ${MAX_BYTES}`);
  if (process.env.ELU_WRITE_PICTURE === '1') {
    await copyFile(file, PICTURE);
    await writeFile(RECORD, `${JSON.stringify({ page: PAGE, epochs: EPOCHS, sources: markupHash(), bytes: size }, null, 2)}\n`);
  }
  await page.close();
});
