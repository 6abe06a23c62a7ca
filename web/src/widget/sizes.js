// The element's height, known from CSS alone: a function of its width and of two attributes, panels
// and compare (nothing the element loads, trains or writes later changes it). One table of CSS
// expressions serves two stylesheets:
//   - the element's own (styles.js): each panel's min-height; inside it, one part per panel takes
//     what the fixed rows leave (the plot, the loss chart, the diagrams, the study's charts), so the
//     panel is exactly that tall whatever the fonts, the text lengths or the network's shape;
//   - the page's (dist/element.css, pageCss()): the same sum over the panels the attributes show,
//     as the height of a ::before box while the element is not yet defined, so a page reserves the
//     space before the script runs and nothing moves when the element upgrades.
// Both read the element's width as 100cqw: the element is its own size container (inline-size),
// inside its shadow root and, for its ::before box, in the page.
//
// Layout in brief (styles.js has the rules): .root pads 16px + a 1px border (34px in all) and puts
// 16px between panels; each panel is a column of rows 10px apart. Width ranges (the element's width):
// under 460px everything stacks; from 460px the heatmaps sit side by side; from 640px the study's
// charts and the code snippets do; from 880px the function and training panels share a row (5fr
// and 6fr) when both are shown, and the network panel's two diagrams sit side by side.

import { COMPARES, FIELD, PANELS } from './state.js';

// Row heights in CSS pixels, from the font sizes and line-heights of styles.js.
const LINE = 18.125; // a line of 12.5px text at line-height 1.45 (captions, notes, labels)
const MONO = 17.4; // a line of the 12px readouts
export const TOOLBAR = 32.3; // a toolbar: 14px buttons (20.3 line + 10 padding + 2 border)
const GAP = 10; // between a panel's rows
const CAPTION = LINE + 4; // a figcaption and its margin
export const TABLE_ROWS = 8; // the summary table's box: a head and seven rows (two hidden layers), then it scrolls
const TABLE = TABLE_ROWS * (LINE + 5); // a row: a line, 2 + 2 padding and a 1px border
const SETTING = 50; // a settings row: a label line, 2px, a 28-30px control
const SETTING_GAP = 8;
const SNIPPET = 26 + 4 + (3 * 18.75 + 22); // a code snippet: its header, 4px, three 12.5px lines at 1.5 + padding and border
export const DIAGRAM_HEIGHT = 420; // a network diagram's box, less the unit buttons (diagram.js fits the network in it)
export const UNIT_BUTTONS = 26; // the row of buttons over the first diagram, and its margin
// A network diagram's figure: caption, its box's border, unit buttons and the diagram's height.
const DIAGRAM = CAPTION + 2 + UNIT_BUTTONS + DIAGRAM_HEIGHT;
const NET_INFO = 96; // the network panel's readout row: as tall as its zoomed tile
const HISTOGRAMS = CAPTION + 84 + 16; // one row of histograms, 16px kept for a horizontal scrollbar

export const BREAKPOINTS = [460, 640, 880]; // the element's widths where the layout changes

// The width ranges: under 460, 460-639, 640-879, 880 and over (index 0 to 3).
const ranges = [0, 1, 2, 3];

// Expressions are CSS calc() terms in px; S is the panel's width.
const num = (v) => `${+v.toFixed(4)}px`;
const lines = (n, h = LINE) => n * h;

// Rows whose height follows the text (wrapped lines, checkboxes) take their usual height here; any
// difference goes to (or comes from) the panel's flexible part.
const NOMINAL = {
  overlays: [87.5, 64.4, 64.4, 64.4], // the function panel's overlay checkboxes, by range
  studySettings: [171, 151, 94.5, 94.5], // two rows of inputs under 640px, then one; the baselines
  studyLegend: [lines(2) + 4, lines(2) + 4, lines(2) + 4, LINE],
};

// The readouts' fixed heights (lines of text that change while pointing).
export const READOUT_LINES = { plot: [2, 1, 1, 1], study: [3, 3, 2, 2] };
// The study's sentence and the network panel's histogram legend: lines kept, by range.
export const CONFIG_LINES = [5, 3, 2, 2];
export const HISTOGRAM_LEGEND_LINES = [3, 2, 1, 1];

// ---- the panels, each as a CSS expression of its width S -------------------------------------------
// r: the width range; compare: a CSS number expression, 1 when a compared network is shown.

function functionPanel(S, r) {
  const fixed = lines(READOUT_LINES.plot[r], MONO) + LINE + 30.3 + 0 + NOMINAL.overlays[r] + 5 * GAP;
  return `(${S}) * 2 / 3 + ${num(fixed)}`; // the plot at 3:2, readout, legend, alpha, error line, overlays
}

// The training panel: toolbar, views (heatmaps, loss chart and summary table), settings, error line.
// columns: the settings' columns.
function trainingPanel(S, r, compare, columns) {
  const map = (w) => `(${num(CAPTION)} + ${w})`;
  const chart = (w) => `(${num(CAPTION + TABLE)} + min((${w}) / 2, 240px))`;
  const half = `((${S}) - ${GAP}px) / 2`;
  const views = r === 0
    ? `${map(S)} + ${compare} * (${GAP}px + ${map(S)}) + ${GAP}px + ${chart(S)}`
    : `${compare} * (${map(half)} + ${GAP}px + ${chart(S)}) + (1 - ${compare}) * max(${map(half)}, ${chart(half)})`;
  const rows = Math.ceil(15 / columns);
  const settings = rows * SETTING + (rows - 1) * SETTING_GAP;
  return `${num(TOOLBAR + 3 * GAP + settings)} + ${views}`;
}

// The network panel: toolbar, diagrams (stacked under 880px in compare mode), readout row,
// histogram legend, histograms.
function networkPanel(r, compare) {
  const legend = lines(HISTOGRAM_LEGEND_LINES[r]);
  const fixed = TOOLBAR + NET_INFO + legend + HISTOGRAMS + 4 * GAP + DIAGRAM;
  return r === 3 ? num(fixed) : `${num(fixed)} + ${compare} * ${num(DIAGRAM + GAP)}`;
}

// The study panel: toolbar, sentence, settings, error line, progress, thread note, charts, legend,
// readout, details, toolbar.
function studyPanel(S, r) {
  const fixed = 2 * TOOLBAR + lines(CONFIG_LINES[r]) + NOMINAL.studySettings[r] + 0 + LINE + LINE
    + NOMINAL.studyLegend[r] + lines(READOUT_LINES.study[r], MONO) + LINE + 10 * GAP;
  const chart = (w) => `min((${w}) * 5 / 8, 320px)`;
  const charts = r < 2
    ? `2 * ${chart(S)} + ${num(2 * CAPTION + GAP)}`
    : `${chart(`((${S}) - ${GAP}px) / 2`)} + ${num(CAPTION)}`;
  return `${num(fixed)} + ${charts}`;
}

const codePanel = (r, both = false) => num(r < 2 || both ? 2 * SNIPPET + GAP : SNIPPET);

// The settings' columns of the training panel, by range (and beside the function panel).
export const SETTINGS_COLUMNS = [2, 3, 4, 5];
export const SETTINGS_COLUMNS_BESIDE = 3;
// The study's settings: its four inputs in two columns, from 640px in four.
export const STUDY_COLUMNS = [2, 2, 4, 4];

// Custom properties, per width range: each panel's height (--elu-size-fn, ...), and where the
// function and training panels share a row, their heights there (--elu-size-fn2, --elu-size-train2,
// --elu-size-code2). They read --elu-size-compare (0 or 1).
export function sizeDeclarations(r) {
  const S = '100cqw - 34px';
  const compare = 'var(--elu-size-compare)';
  const d = {
    '--elu-size-fn': functionPanel(S, r),
    '--elu-size-train': trainingPanel(S, r, compare, SETTINGS_COLUMNS[r]),
    '--elu-size-net': networkPanel(r, compare),
    '--elu-size-study': studyPanel(S, r),
    '--elu-size-code': codePanel(r),
  };
  if (r === 3) {
    const left = '(100cqw - 50px) * 5 / 11', right = '(100cqw - 50px) * 6 / 11';
    Object.assign(d, {
      '--elu-size-fn2': functionPanel(left, r),
      '--elu-size-train2': trainingPanel(right, r, compare, SETTINGS_COLUMNS_BESIDE),
      '--elu-size-code2': codePanel(r, true),
    });
  }
  return Object.entries(d).map(([k, v]) => `${k}: calc(${v});`).join(' ');
}

// `body` under each width range's container query (range 0 unconditioned).
export function byRange(body) {
  return ranges.map((r) => (r === 0 ? body(r) : `@container (min-width: ${BREAKPOINTS[r - 1]}px) { ${body(r)} }`)).join('\n');
}

// ---- the page's stylesheet --------------------------------------------------------------------
// A one-letter flag per panel token (state.js PANELS).
export const PANEL_FLAGS = Object.fromEntries(PANELS.map((p) => [p, p[0]]));

// The element's whole height: 34px of padding and border, the panels shown and 16px between them;
// from 880px wide, the function panel (with the code panel under it) beside the training panel.
function total(r) {
  const flag = (p) => `var(--elu-size-${PANEL_FLAGS[p]})`;
  const h = (p, v = p) => `${flag(p)} * (16px + var(--elu-size-${v}))`;
  const full = `${h('network', 'net')} + ${h('study')}`;
  const stacked = `${h('function', 'fn')} + ${h('training', 'train')} + ${h('code')}`;
  if (r < 3) return `calc(18px + ${stacked} + ${full})`;
  const both = `${flag('function')} * ${flag('training')}`;
  const beside = `16px + max(var(--elu-size-fn2) + ${flag('code')} * (16px + var(--elu-size-code2)), var(--elu-size-train2))`;
  return `calc(18px + ${both} * (${beside}) + (1 - ${both}) * (${stacked}) + ${full})`;
}

// The page's stylesheet (dist/element.css): an element not defined yet takes the height it will
// have. Flags: a panel is shown when the panels attribute names it (or, naming none, by default);
// compare mode when compare names an activation.
export function pageCss() {
  const el = 'elu-playground:not(:defined)';
  const any = (p) => `[panels*="${p}" i]`;
  const flags = Object.values(PANEL_FLAGS).map((f) => `--elu-size-${f}: 0;`).join(' ');
  const on = (panels) => panels.map((p) => `--elu-size-${PANEL_FLAGS[p]}: 1;`).join(' ');
  return `/* elu-playground element.css: the space an <elu-playground> takes, reserved before its script defines it
   (generated from web/src/widget/sizes.js, which the element's own stylesheet uses too). */
elu-playground:not([hidden]) { display: block; container-type: inline-size; }
${el} { ${flags} --elu-size-compare: 0; }
${PANELS.map((p) => `${el}${any(p)} { ${on([p])} }`).join('\n')}
${el}${PANELS.map((p) => `:not(${any(p)})`).join('')} { ${on(FIELD.panels.initial)} }
${el}:is(${COMPARES.filter((c) => c !== 'none').map((c) => `[compare="${c}" i]`).join(', ')}) { --elu-size-compare: 1; }
${el}::before { content: ""; display: block; }
${byRange((r) => `${el}::before { ${sizeDeclarations(r)} height: ${total(r)}; }`)}
`;
}
