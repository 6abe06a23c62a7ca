// The standalone page (index.html) and its iframe mode (embed.html): one <elu-playground> whose
// whole state lives in the URL hash: restored on load and on hashchange, written back (debounced)
// whenever the element's attributes change (it reflects every control to its attributes).
// The state table comes from the element's own bundle, so the page and the element share one copy.
import { FIELDS, equal, fromHash, pageDefaults, toAttribute, toHash } from '../../dist/element.js';

const playground = document.getElementById('playground');
const embed = document.body.dataset.mode === 'embed';
// The page's own defaults (every panel, the network view included): a link states only what differs.
const PAGE = pageDefaults();

function restore() {
  const { state, warnings } = fromHash(location.hash, PAGE);
  warnings.forEach((w) => console.warn(w));
  for (const f of FIELDS) {
    if (equal(state[f.name], f.initial)) playground.removeAttribute(f.attr);
    else playground[f.name] = state[f.name];
  }
}

const current = () => Object.fromEntries(FIELDS.map((f) => [f.name, playground[f.name]]));

let pending = 0;
function save() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    const hash = toHash(current(), PAGE);
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
    showEmbedCode();
  }, 150);
}

function showEmbedCode() {
  if (embed) return;
  const state = current();
  const attrs = FIELDS.filter((f) => !equal(state[f.name], f.initial))
    .map((f) => [f.attr, toAttribute(f, state[f.name])])
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${v}"`)).join('');
  const dist = (file) => new URL(`../../dist/${file}`, location.href).href;
  // The stylesheet reserves the element's height before the script runs (README: Embed).
  document.getElementById('embed-element').textContent = `<link rel="stylesheet" href="${dist('element.css')}">\n`
    + `<script type="module" src="${dist('element.js')}"></script>\n<elu-playground${attrs}></elu-playground>`;
  const src = new URL(`embed.html${toHash(current(), PAGE)}`, location.href).href;
  document.getElementById('embed-iframe').textContent =
    `<iframe src="${src}" title="ELU playground" width="100%" height="1100" style="border:0"></iframe>`;
}

restore();
addEventListener('hashchange', restore);
new MutationObserver(save).observe(playground, { attributes: true });
showEmbedCode();

document.getElementById('copy-link')?.addEventListener('click', async (e) => {
  try {
    await navigator.clipboard.writeText(location.href);
    e.target.textContent = 'Link copied';
  } catch {
    e.target.textContent = 'Copy the address bar';
  }
  setTimeout(() => { e.target.textContent = 'Copy link to this state'; }, 1500);
});

// Marks the standalone page ready (for the browser tests) once the module is loaded and the first
// curve drawn.
playground.ready.then(() => {
  const status = document.getElementById('status');
  if (status) status.textContent = `WebAssembly ${playground.simd ? 'SIMD128' : 'scalar'} kernels loaded.`;
  document.body.dataset.simd = String(playground.simd);
  document.body.dataset.ready = 'true';
});
