// The element's stylesheet (one constructable sheet shared by every instance). Theming: every
// color is a custom property on the host (set them on `elu-playground` to override), and parts:
// root, function-panel, plot, alpha-slider, alpha-input, training-panel, heatmap, loss-chart,
// network-panel, network (a diagram), neuron (plus dead), link (the focused link), histogram,
// study-panel, study-chart, study-run (plus button), code-panel, button.
//
// Heights: the element's height is a function of its width and of its panels and compare
// attributes only (sizes.js): each panel has a min-height from there and one flexible part (the
// plot, the loss chart, the diagrams, the study's charts) that takes what its fixed rows leave.
// Rows that change while the element runs (readouts, status lines, the summary table) have fixed
// heights, so nothing below them moves; the network panel's zoomed tile shows after its readout
// (the text stays put); the training panel's divergence notice lies over its views. The summary table scrolls beyond two hidden layers, with shadows at the
// edges where rows are scrolled away (covers that scroll with the rows hide them at the ends).
// Under 460px the toolbars' buttons sit closer, the epoch counter drops its word and the network
// panel's title is for screen readers only (its buttons need the room).

import {
  BREAKPOINTS, READOUT_LINES, SETTINGS_COLUMNS, SETTINGS_COLUMNS_BESIDE, TABLE_ROWS, TOOLBAR, byRange, sizeDeclarations,
} from './sizes.js';

const [TWO_VIEWS, WIDE, BESIDE] = BREAKPOINTS;
export const clamp = (n) => `display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: ${n}; overflow: hidden; height: ${1.45 * n}em;`;
export const oneLine = 'white-space: nowrap; overflow: hidden; text-overflow: ellipsis;';

const DARK = `
  --elu-bg: #111827; --elu-surface: #1f2937; --elu-fg: #e5e7eb; --elu-muted: #9ca3af;
  --elu-grid: #263245; --elu-border: #374151; --elu-accent: #60a5fa; --elu-compare-color: #fb923c;
  --elu-reference: #6b7280; --elu-class-0: #f59e0b; --elu-class-1: #3b82f6; --elu-class-2: #22c55e;
  --elu-error: #f87171; color-scheme: dark;`;

export const CSS = `
:host {
  display: block; container-type: inline-size; min-width: 0;
  font: 14px/1.45 var(--elu-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --elu-bg: #ffffff; --elu-surface: #f8fafc; --elu-fg: #1f2937; --elu-muted: #5b6472;
  --elu-grid: #eceff3; --elu-border: #e2e8f0; --elu-accent: #2563eb; --elu-compare-color: #ea580c;
  --elu-reference: #9ca3af; --elu-class-0: #f59e0b; --elu-class-1: #2563eb; --elu-class-2: #16a34a;
  --elu-error: #b91c1c; color-scheme: light;
}
:host([theme=dark i]) {${DARK}}
@media (prefers-color-scheme: dark) { :host(:not([theme=light i])) {${DARK}} }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  display: grid; gap: 16px; padding: 16px; color: var(--elu-fg); background: var(--elu-bg);
  border: 1px solid var(--elu-border); border-radius: var(--elu-radius, 12px); --elu-size-compare: 0;
}
.root.compare { --elu-size-compare: 1; }
${byRange((r) => `.root { ${sizeDeclarations(r)} }`)}
section { min-width: 0; display: flex; flex-direction: column; gap: 10px; }
.fn { min-height: var(--elu-size-fn); }
.train { min-height: var(--elu-size-train); position: relative; }
.net { min-height: var(--elu-size-net); }
.study { min-height: var(--elu-size-study); }
.code { min-height: var(--elu-size-code); }
@container (min-width: ${BESIDE}px) {
  .root.both { grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); }
  .root.both.with-code { grid-template-rows: auto 1fr; }
  .root.both > section { align-self: start; }
  .root.both .fn { grid-area: 1 / 1; min-height: var(--elu-size-fn2); }
  .root.both .train { grid-area: 1 / 2; min-height: var(--elu-size-train2); }
  .root.both.with-code .train { grid-row: 1 / span 2; }
  .root.both .code { grid-area: 2 / 1; min-height: var(--elu-size-code2); }
}
.title { margin-right: auto; font-size: 13px; font-weight: 600; letter-spacing: .02em; text-transform: uppercase; color: var(--elu-muted); }
canvas { display: block; width: 100%; touch-action: pan-y; }
.plot { flex: 1 1 0; min-height: 100px; cursor: crosshair; }
.readout { margin: 0; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--elu-muted); }
${byRange((r) => `.fn .readout { ${clamp(READOUT_LINES.plot[r])} } .study-readout { ${clamp(READOUT_LINES.study[r])} }`)}
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 0; padding: 0; list-style: none; font-size: 12.5px; }
.legend li::before {
  content: ""; display: inline-block; width: 18px; margin-right: 6px; vertical-align: middle;
  border-top: 2.5px var(--dash, solid) var(--c); opacity: var(--o, 1);
}
.alpha { display: grid; grid-template-columns: auto 1fr 5.5em; gap: 10px; align-items: center; }
.alpha label { font-weight: 600; font-size: 16px; }
input[type=range] { width: 100%; accent-color: var(--elu-accent); min-height: 24px; margin: 0; }
input, select, button { font: inherit; color: inherit; }
input[type=number], input[type=text], select {
  width: 100%; padding: 4px 6px; border: 1px solid var(--elu-border); border-radius: 6px; background: var(--elu-bg);
}
[aria-invalid=true] { border-color: var(--elu-error) !important; outline: 1px solid var(--elu-error); }
.error { color: var(--elu-error); font-size: 12.5px; margin: 0; }
.overlays { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 12.5px; }
.overlays legend { padding: 0; margin-bottom: 2px; color: var(--elu-muted); }
.overlays label { white-space: nowrap; }
button {
  padding: 5px 12px; border: 1px solid var(--elu-border); border-radius: 6px; background: var(--elu-surface);
  cursor: pointer; min-height: 32px;
}
button:hover { border-color: var(--elu-muted); }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--elu-accent); outline-offset: 1px; }
.play { background: var(--elu-accent); color: var(--elu-bg); border-color: var(--elu-accent); min-width: 5.5em; font-weight: 600; }
.toolbar { display: flex; gap: 8px; align-items: center; }
.toolbar > :is(.title, .epoch, .layer-count, .study-copied) { min-width: 0; ${oneLine} }
.toolbar > button { flex: none; }
@container not (min-width: ${TWO_VIEWS}px) {
  .toolbar { gap: 6px; }
  .toolbar > button { padding-inline: 8px; }
  .play { min-width: 4.5em; }
  .epoch-word, .net-toolbar .title { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .summary { font-size: 12px; }
  .summary :is(th, td) { padding-inline: 4px; }
}
.epoch { margin-left: auto; font-variant-numeric: tabular-nums; color: var(--elu-muted); }
.epoch output { color: var(--elu-fg); font-weight: 600; }
.views { flex: 1 1 auto; display: flex; flex-direction: column; gap: 10px; }
.views .chart { flex: 1 1 auto; }
@container (min-width: ${TWO_VIEWS}px) {
  .views { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .views.compare { grid-template-rows: auto 1fr; }
  .views.compare .chart { grid-column: 1 / -1; }
}
figure { margin: 0; min-width: 0; }
figcaption { font-size: 12.5px; color: var(--elu-muted); margin-bottom: 4px; height: 1.45em; ${oneLine} }
.chart { display: flex; flex-direction: column; }
.heatmap { aspect-ratio: 1; border-radius: 6px; border: 1px solid var(--elu-border); }
.loss { flex: 1 1 0; min-height: 60px; }
.summary-box {
  flex: none; height: calc(${TABLE_ROWS} * (1.45em + 5px)); overflow: auto; font-size: 12.5px;
  background: linear-gradient(var(--elu-bg) 40%, transparent) top, linear-gradient(transparent, var(--elu-bg) 60%) bottom,
    radial-gradient(farthest-side at 50% 0, rgb(0 0 0 / .18), transparent) top, radial-gradient(farthest-side at 50% 100%, rgb(0 0 0 / .18), transparent) bottom;
  background-repeat: no-repeat; background-size: 100% 20px, 100% 20px, 100% 8px, 100% 8px; background-attachment: local, local, scroll, scroll;
}
.summary-box:focus-visible, .histograms:focus-visible { outline: 2px solid var(--elu-accent); outline-offset: 1px; }
.summary { white-space: nowrap; }
table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; width: 100%; }
th, td { padding: 2px 6px; text-align: right; border-bottom: 1px solid var(--elu-grid); }
th:first-child, td:first-child { text-align: left; color: var(--elu-muted); font-weight: normal; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: var(--c); margin-right: 4px; }
.diverged {
  display: flex; gap: 10px; align-items: center; flex-wrap: wrap; padding: 8px 10px; border-radius: 6px;
  border: 1px solid var(--elu-error); color: var(--elu-error); background: var(--elu-surface);
  position: absolute; z-index: 1; top: ${TOOLBAR + 10}px; left: 0; right: 0; box-shadow: 0 2px 8px rgb(0 0 0 / .15);
}
.settings { display: grid; gap: 8px 12px; grid-template-columns: repeat(auto-fill, minmax(132px, 1fr)); align-items: end; font-size: 12.5px; }
.settings label { display: grid; gap: 2px; color: var(--elu-muted); min-width: 0; }
.settings label > * { color: var(--elu-fg); }
.settings label > span { color: inherit; ${oneLine} }
.settings label.check { display: flex; gap: 6px; align-items: center; min-height: 24px; line-height: 1.2; }
.train .settings { flex: none; grid-auto-rows: 50px; }
.train .settings :is(select, input[type=number], input[type=text]) { height: 28px; }
.train .settings button { min-height: 0; height: 28px; padding-block: 0; }
${byRange((r) => `.train .settings { grid-template-columns: repeat(${SETTINGS_COLUMNS[r]}, minmax(0, 1fr)); }`)}
@container (min-width: ${BESIDE}px) { .root.both .train .settings { grid-template-columns: repeat(${SETTINGS_COLUMNS_BESIDE}, minmax(0, 1fr)); } }
.settings input[type=checkbox] { margin: 0; accent-color: var(--elu-accent); }
.code pre {
  margin: 0; padding: 10px 12px; overflow: auto; border-radius: 6px; background: var(--elu-surface); height: calc(4.5em + 22px);
  border: 1px solid var(--elu-border); font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace;
}
.snippets { display: grid; gap: 10px; grid-template-columns: minmax(0, 1fr); }
@container (min-width: ${WIDE}px) { .snippets { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
@container (min-width: ${BESIDE}px) { .root.both .snippets { grid-template-columns: minmax(0, 1fr); } }
.snippet { display: grid; gap: 4px; }
.snippet header { display: flex; justify-content: space-between; align-items: center; font-size: 12.5px; color: var(--elu-muted); }
.snippet button { min-height: 26px; padding: 2px 10px; font-size: 12px; }
.note { margin: 0; font-size: 12.5px; color: var(--elu-muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

// Adds a panel's own stylesheet (net-template.js, study-template.js: loaded with the panel's code)
// to the shadow root that holds `node`, after the element's: one sheet per text, shared by every
// element.
const panelSheets = new Map();
export function adoptStyles(node, css) {
  const root = node.getRootNode();
  let sheet = panelSheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    panelSheets.set(css, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

// The colour of run i (the ELU network, then the compared one) wherever runs are told apart: loss
// curves and the summary table's swatches.
export const runColor = (i, colors) => (i ? colors.compare : colors.accent);

// The canvas colours, read from the host's computed style (canvases cannot use var()): the custom
// properties above, or a page's overrides of them.
export function readColors(cs) {
  const v = (name) => cs.getPropertyValue(name).trim();
  return {
    fg: v('--elu-fg'), muted: v('--elu-muted'), grid: v('--elu-grid'), bg: v('--elu-bg'), accent: v('--elu-accent'),
    compare: v('--elu-compare-color'), reference: v('--elu-reference'), font: cs.fontFamily,
    classes: [v('--elu-class-0'), v('--elu-class-1'), v('--elu-class-2')],
  };
}
