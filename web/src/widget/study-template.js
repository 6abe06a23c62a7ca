// The study panel's markup and stylesheet: studyview.js puts them in the panel's <section> when
// it is first shown (template.js has the empty section; its height is reserved by styles.js).
import { byRange, BREAKPOINTS, CONFIG_LINES, STUDY_COLUMNS } from './sizes.js';
import { clamp, oneLine } from './styles.js';

const WIDE = BREAKPOINTS[1];
const SPEED_NOTE_LINES = [3, 2, 2, 1]; // kept for the speed measurement's sentence while it runs

export const STUDY_MARKUP = `
    <div class="toolbar">
      <span class="title" id="study-title">Alpha study</span>
      <button class="study-run" part="button study-run" type="button" disabled>Run study</button>
      <button class="study-cancel" part="button" type="button" disabled>Cancel</button>
    </div>
    <p class="study-config note"></p>
    <div class="settings study-settings">
      <label>Alphas <input class="study-alphas" type="text" spellcheck="false" autocomplete="off"></label>
      <label>Seeds <input class="study-seeds" type="number" min="1" max="64" step="1"></label>
      <label>Epochs <input class="study-epochs" type="number" min="1" max="5000" step="1"></label>
      <label>Target <input class="study-target" type="text" inputmode="decimal" spellcheck="false" autocomplete="off"></label>
      <fieldset class="overlays study-baselines"><legend>Baselines</legend></fieldset>
    </div>
    <p class="error study-error" aria-live="polite"></p>
    <div class="study-progress">
      <progress max="1" value="0" aria-label="Study progress"></progress>
      <output class="study-status" aria-live="polite">Not run yet.</output>
    </div>
    <p class="note study-thread" role="status"></p>
    <div class="study-charts">
      <figure><figcaption></figcaption><canvas class="study-chart" part="study-chart" role="img" tabindex="0"></canvas></figure>
      <figure><figcaption></figcaption><canvas class="study-chart" part="study-chart" role="img" tabindex="0"></canvas></figure>
    </div>
    <ul class="legend study-legend"></ul>
    <p class="readout study-readout" aria-live="polite">Point at a chart, or focus it and use the arrow keys, for the values at each alpha.</p>
    <details class="study-details">
      <summary>Results as a table and as CSV</summary>
      <table class="study-table"><caption>Results per activation and alpha</caption><thead></thead><tbody></tbody></table>
      <label class="csv-label">CSV (one line per run) <textarea class="study-csv" readonly rows="4" spellcheck="false"></textarea></label>
    </details>
    <div class="toolbar">
      <button class="study-copy" part="button" type="button" disabled>Copy CSV</button>
      <button class="speed-run" part="button" type="button" disabled>Speed in your browser</button>
      <span class="note study-copied" aria-live="polite"></span>
    </div>
    <div class="speed" hidden>
      <table class="speed-table"><caption></caption><thead></thead><tbody></tbody></table>
      <p class="note speed-note" aria-live="polite"></p>
    </div>`;

export const STUDY_CSS = `
.study { grid-column: 1 / -1; }
.study-run:not(:disabled) { background: var(--elu-accent); color: var(--elu-bg); border-color: var(--elu-accent); font-weight: 600; }
.study button:disabled { cursor: default; opacity: .6; }
${byRange((r) => `.study-settings { grid-template-columns: repeat(${STUDY_COLUMNS[r]}, minmax(0, 1fr)); }`)}
.study-settings .study-baselines { grid-column: 1 / -1; }
.study-settings .study-baselines label { display: inline-flex; gap: 4px; align-items: center; color: var(--elu-fg); }
.study-details { overflow-x: auto; }
.study-progress { display: flex; gap: 10px; align-items: center; height: 1.45em; font-size: 12.5px; font-variant-numeric: tabular-nums; }
.study-progress progress { flex: 1 1 160px; min-width: 60px; accent-color: var(--elu-accent); height: 10px; }
.study-status { min-width: 0; ${oneLine} }
.study-thread { flex: none; height: 1.45em; ${oneLine} }
${byRange((r) => `.study-config { ${clamp(CONFIG_LINES[r])} }`)}
.study-charts { flex: 1 1 0; min-height: 160px; display: grid; gap: 10px; grid-template-columns: minmax(0, 1fr); grid-auto-rows: minmax(0, 1fr); }
@container (min-width: ${WIDE}px) { .study-charts { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.study-charts figure { display: flex; flex-direction: column; min-height: 0; }
.study-chart { flex: 1 1 0; min-height: 60px; cursor: crosshair; border-radius: 4px; }
.study-chart:focus-visible { outline: 2px solid var(--elu-accent); outline-offset: 2px; }
.study-details summary { cursor: pointer; font-size: 12.5px; color: var(--elu-muted); }
.study-details table, .speed-table { margin-top: 6px; }
${byRange((r) => `.speed-note { min-height: ${1.45 * SPEED_NOTE_LINES[r]}em; }`)}
caption { caption-side: top; text-align: left; font-size: 12.5px; color: var(--elu-muted); padding-bottom: 2px; }
.csv-label { display: grid; gap: 2px; margin-top: 8px; font-size: 12.5px; color: var(--elu-muted); }
.study-csv { width: 100%; font: 11.5px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--elu-fg); background: var(--elu-surface); border: 1px solid var(--elu-border); border-radius: 6px; padding: 4px 6px; resize: vertical; }
.study-csv:focus-visible, summary:focus-visible { outline: 2px solid var(--elu-accent); outline-offset: 1px; }
`;
