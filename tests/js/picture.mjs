// The README's picture of the widget (web/demo/screenshot.webp): what it shows, and the hash of the
// element's markup and drawing code it was taken from. tests/browser/readme-picture.test.mjs takes
// it from the real standalone page (and, with ELU_WRITE_PICTURE=1 — `npm run picture` — writes it
// and web/demo/screenshot.json); tests/js/readme-picture.test.mjs fails when the recorded hash is
// not the hash of today's sources, i.e. when the committed picture is older than what it shows.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

export const PICTURE = new URL('web/demo/screenshot.webp', root);
export const RECORD = new URL('web/demo/screenshot.json', root);
export const MAX_BYTES = 150 * 1024;
export const QUALITY = 0.85; // WebP
// The standalone page in the state the picture shows: the network view in compare mode, light.
export const PAGE = '/web/demo/#hidden-layers=8,8,8,8&compare=relu&panels=network&theme=light';
export const EPOCHS = 50;
export const VIEWPORT = { width: 1100, height: 900 };

// What the picture shows is drawn by these files: markup, styles, the diagrams and histograms.
export const SOURCES = [
  'web/src/widget/template.js', 'web/src/widget/styles.js', 'web/src/widget/sizes.js', 'web/src/widget/net-template.js',
  'web/src/widget/netview.js', 'web/src/widget/diagramview.js', 'web/src/widget/diagram.js', 'web/src/widget/histogram.js',
  'web/src/widget/heatmap.js',
];

export function markupHash() {
  const h = createHash('sha256');
  for (const file of SOURCES) h.update(file).update('\0').update(readFileSync(new URL(file, root))).update('\0');
  return h.digest('hex');
}
