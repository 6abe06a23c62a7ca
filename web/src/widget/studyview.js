// The study panel: runs an alpha study of the element's settings (ELU at each of `study-alphas`,
// each of `study-baselines`, on seeds 1..`study-seeds`, `study-epochs` epochs each) and shows it as
// it streams in: two charts against alpha (test accuracy, or test loss for regression; epochs to
// the target), the baselines as horizontal bands, a progress bar with the time left, a table and
// the CSV. The study runs in module workers (runStudyInWorkers); where none can start (a CSP without
// worker-src, a cross-origin script), on the page's main thread, time-sliced (m.study), and the
// panel says so. The workers leave one core to the page. "Speed in your browser" measures the
// kernels' throughput (speed.js). Loaded by element.js only when the panel is shown or a study is
// asked for.
//
// DOM contract: the charts are part="study-chart" (canvases, role img, focusable: arrow keys, Home
// and End move along the alphas); the Run button part="button study-run".

import { parseStudyCsv, runStudyInWorkers, studyCsv, summarizeStudy } from '../index.js';
import { studyRuns } from '../study.js';
import { el, fillRows, legendItems, overlayBoxes } from './panels.js';
import { fitCanvas } from './plot.js';
import { SIZES, measureSpeed } from './speed.js';
import { BASELINES, FIELD, problemOf } from './state.js';
import { STUDY_CSS, STUDY_MARKUP } from './study-template.js';
import {
  chartLabel, chartLayout, chartReadout, configText, drawStudyChart, metrics, nearestPoint, progressText, speedNumbers,
  speedTable, studyChart, studyOptions, studyTable, studyWorkers,
} from './studychart.js';
import { adoptStyles } from './styles.js';
import { LABELS, OVERLAY_COLORS } from './template.js';

const TABLE_EVERY_MS = 400; // the table's text while results stream in (text is costly)
const SPEED_REPETITIONS = 7; // timed batches per kernel and size (their median)
const HINT = 'Point at a chart, or focus it and use the arrow keys, for the values at each alpha.';

// Normalized options (studyRuns), or the error that makes them invalid.
function normalize(options) {
  try {
    return { options: studyRuns(options).options };
  } catch (error) {
    return { error };
  }
}

// A table's head and body from { head, rows }: the first cell of each row a row header.
function fillTable(table, { head, rows }) {
  const tr = el('tr');
  tr.append(...head.map((text) => el('th', { scope: 'col', textContent: text })));
  table.tHead.replaceChildren(tr);
  fillRows(table.tBodies[0], rows);
}

export class StudyPanel {
  // section: the panel's <section>; host: { m, state() (the element's state), set(name, value) (a
  // field changed by the panel's controls), runStudy() and cancelStudy() (the element's methods) }.
  constructor(section, host) {
    this.section = section;
    this.host = host;
    adoptStyles(section, STUDY_CSS);
    section.innerHTML = STUDY_MARKUP;
    section.querySelector('.study-baselines').append(...overlayBoxes(BASELINES));
    const $ = (s) => section.querySelector(s);
    this.ui = {
      run: $('.study-run'), cancel: $('.study-cancel'), config: $('.study-config'), error: $('.study-error'),
      progress: $('progress'), status: $('.study-status'), thread: $('.study-thread'), legend: $('.study-legend'),
      readout: $('.study-readout'), table: $('.study-table'), csv: $('.study-csv'), details: $('.study-details'),
      copy: $('.study-copy'), copied: $('.study-copied'), speedRun: $('.speed-run'), speed: $('.speed'),
      speedTable: $('.speed-table'), speedNote: $('.speed-note'),
      charts: [...section.querySelectorAll('.study-chart')], captions: [...section.querySelectorAll('.study-charts figcaption')],
      inputs: { studyAlphas: $('.study-alphas'), studySeeds: $('.study-seeds'), studyEpochs: $('.study-epochs'), studyTarget: $('.study-target') },
      baselines: $('.study-baselines'),
    };
    const ui = this.ui;
    this.colors = null;
    this.results = null; // the last completed study
    this.records = []; // the running (or last) study's records so far
    this.options = null; // the running (or last) study's normalized options
    this.running = false;
    this.measuring = false;
    this.hover = -1;
    this.charts = [];
    this.layouts = [];
    this.lastTable = 0;
    this.raf = 0;
    this.workersUnavailable = null; // why, once no worker could start: later studies go to the main thread
    this.generation = 0;

    // The buttons are disabled in the markup until this module is here to answer them.
    ui.run.disabled = false;
    ui.speedRun.disabled = false;
    ui.run.addEventListener('click', () => host.runStudy().catch(() => {})); // run() shows what failed
    ui.cancel.addEventListener('click', () => host.cancelStudy());
    ui.copy.addEventListener('click', () => this.#copy());
    ui.speedRun.addEventListener('click', () => this.#measure());
    for (const [name, input] of Object.entries(ui.inputs)) {
      input.addEventListener('change', () => {
        const r = FIELD[name].parse(input.value);
        input.setAttribute('aria-invalid', String(Boolean(r.error)));
        ui.error.textContent = r.error ? `${input.parentElement.firstChild.textContent.trim()}: ${r.error}` : '';
        if (!r.error) host.set(name, r.value);
        this.sync();
      });
    }
    ui.baselines.addEventListener('change', () => {
      host.set('studyBaselines', [...ui.baselines.querySelectorAll('input:checked')].map((b) => b.value));
    });
    ui.charts.forEach((canvas, c) => {
      const point = (e) => {
        const chart = this.charts[c], layout = this.layouts[c];
        if (!chart || !layout) return;
        this.#hoverAt(nearestPoint(chart, layout, e.clientX - canvas.getBoundingClientRect().left), c);
      };
      canvas.addEventListener('pointermove', point);
      canvas.addEventListener('pointerdown', point);
      canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse') this.#hoverAt(-1, c); });
      canvas.addEventListener('focus', () => this.#hoverAt(Math.max(0, this.hover), c));
      canvas.addEventListener('blur', () => this.#hoverAt(-1, c));
      canvas.addEventListener('keydown', (e) => {
        const n = this.charts[c]?.points.length ?? 0;
        if (!n) return;
        const to = { ArrowLeft: this.hover - 1, ArrowRight: this.hover + 1, Home: 0, End: n - 1 }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        this.#hoverAt(Math.min(n - 1, Math.max(0, to)), c);
      });
    });
    this.sync();
  }

  setColors(colors) {
    this.colors = colors;
    this.#legend();
    this.draw();
  }

  // The controls, the configuration's sentence and the staleness of the results, from the state.
  sync() {
    const s = this.host.state(), ui = this.ui;
    for (const [name, input] of Object.entries(ui.inputs)) {
      if (input.getAttribute('aria-invalid') === 'true' && this.section.getRootNode().activeElement === input) continue;
      const v = s[name];
      input.value = v === null ? '' : Array.isArray(v) ? v.join(' ') : String(v);
      input.setAttribute('aria-invalid', 'false');
    }
    const task = problemOf(s.datasetName);
    const given = studyOptions(s);
    ui.inputs.studyTarget.placeholder = `default: ${given.target}`;
    ui.inputs.studyTarget.setAttribute('aria-label', `Target: ${task === 'regression' ? 'a test loss' : 'a test accuracy from 0 to 1'}; empty for the default, ${given.target}`);
    for (const box of ui.baselines.querySelectorAll('input')) box.checked = s.studyBaselines.includes(box.value);
    const { options, error } = normalize(given);
    if (error) {
      ui.config.textContent = '';
      if (!ui.error.textContent) ui.error.textContent = error.message;
    } else {
      ui.config.textContent = configText(options, task);
      ui.config.title = ui.config.textContent; // (the panel shows as many lines as it has room for)
      if (ui.error.textContent.startsWith('study:')) ui.error.textContent = '';
    }
    this.current = options ?? null;
    if (!this.options && options) { // no study yet: the axes and legend of this one
      this.#charts(options, []);
      this.#legend();
    }
    this.#status();
  }

  // Runs the state's study: resolves with { options, records } (records in run order); onProgress
  // (done, total) after each run. Rejects with an AbortError when `signal` aborts.
  // A new run supersedes a running one (the element aborts that one first): only the newest updates
  // the panel.
  async run(state, signal, onProgress) {
    const ui = this.ui;
    const { options, error } = normalize(studyOptions(state));
    if (error) { this.#fail(error); throw error; }
    const token = ++this.generation;
    const live = () => token === this.generation;
    const hadFocus = this.section.getRootNode().activeElement === ui.run;
    this.running = true;
    this.cancelled = false;
    this.options = options;
    this.records = [];
    this.hover = -1;
    this.total = studyRuns(options).runs.length;
    this.started = performance.now();
    ui.error.textContent = '';
    ui.run.disabled = true;
    ui.cancel.disabled = false;
    ui.speedRun.disabled = true;
    if (hadFocus) ui.cancel.focus();
    this.#legend();
    this.#schedule(true);
    const onResult = (record, done, total) => {
      if (!live()) return;
      this.records.push(record);
      onProgress?.(done, total);
      this.#schedule();
    };
    const m = this.host.m;
    try {
      let result;
      if (!this.workersUnavailable) {
        this.#thread('Running in background workers: the page stays free.');
        try {
          result = await runStudyInWorkers(options, { onResult, signal, workers: studyWorkers(navigator.hardwareConcurrency) });
        } catch (e) {
          if (e?.name !== 'StudyWorkerError') throw e;
          this.workersUnavailable = e.message;
          this.records = [];
        }
      }
      if (!result) {
        this.#thread(`Running on the page's main thread: workers are unavailable here (${this.workersUnavailable}).`);
        result = await m.study(options, { onResult, signal });
      }
      if (live()) {
        this.results = result;
        this.records = result.records;
      }
      return result;
    } catch (e) {
      if (live() && e?.name !== 'AbortError') this.#fail(e);
      throw e;
    } finally {
      if (live()) this.#ended(signal);
    }
  }

  // Buttons and focus back to idle, the final drawing.
  #ended(signal) {
    const ui = this.ui;
    this.running = false;
    this.elapsed = performance.now() - this.started;
    const cancelHadFocus = this.section.getRootNode().activeElement === ui.cancel;
    ui.run.disabled = false;
    ui.cancel.disabled = true;
    ui.speedRun.disabled = false;
    if (cancelHadFocus) ui.run.focus();
    if (signal.aborted) this.cancelled = true;
    this.#schedule(true);
  }

  #fail(error) {
    this.ui.error.textContent = `The study could not run: ${error?.message ?? error}`;
  }

  // Redraws in the next frame (at most one per frame); the table too when `all` or every TABLE_EVERY_MS.
  #schedule(all = false) {
    this.tableDue ||= all;
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.#update();
    });
  }

  // The charts of `records` of a study of options `o` (none yet: the empty axes of the study the
  // settings make), their captions and names.
  #charts(o, records) {
    const ui = this.ui;
    const groups = summarizeStudy(records);
    const task = problemOf(o.dataset);
    this.charts = metrics(task, o.target).map((metric) => studyChart(groups, metric, { alphas: o.alphas, epochs: o.epochs }));
    this.charts.forEach((chart, i) => {
      ui.captions[i].textContent = i ? `${chart.metric.label} (of ${o.epochs})` : `${chart.metric.label} after ${o.epochs} epochs`;
      ui.charts[i].setAttribute('aria-label', chartLabel(chart));
    });
    this.draw();
    return { groups, task };
  }

  #update() {
    const ui = this.ui, o = this.options;
    this.#status();
    if (!o) return;
    const { groups, task } = this.#charts(o, this.records);
    const now = performance.now();
    if (this.tableDue || now - this.lastTable > TABLE_EVERY_MS) {
      this.tableDue = false;
      this.lastTable = now;
      fillTable(ui.table, studyTable(groups, task, o.target));
      ui.csv.value = this.running ? '' : studyCsv(this.records);
      ui.copy.disabled = this.running || !this.records.length;
    }
  }

  // The progress bar and its words; the note on results of another configuration.
  #status() {
    const ui = this.ui;
    if (this.running) {
      ui.progress.max = this.total;
      ui.progress.value = this.records.length;
      ui.status.textContent = progressText(this.records.length, this.total, performance.now() - this.started);
      return;
    }
    if (!this.options) return;
    ui.progress.max = this.total;
    ui.progress.value = this.records.length;
    const stale = this.results && this.current && JSON.stringify(this.current) !== JSON.stringify(this.results.options)
      ? ' These results are of other settings: run again for the current ones.' : '';
    ui.status.textContent = this.cancelled && this.records !== this.results?.records
      ? `Cancelled after ${this.records.length} of ${this.total} runs.`
      : `${progressText(this.records.length, this.total, this.elapsed ?? 0, true)}.${stale}`;
    ui.run.textContent = this.results || this.records.length ? 'Run again' : 'Run study';
  }

  #legend() {
    const c = this.colors, o = this.options ?? this.current;
    if (!c || !o) return;
    this.ui.legend.replaceChildren(...legendItems([
      { text: 'ELU: median over the seeds, band: middle half', color: c.accent },
      ...o.baselines.map((b) => ({ text: `${LABELS[b]} (same seeds): median dashed, band: middle half`, color: OVERLAY_COLORS[b], dash: true })),
    ]));
  }

  // Both charts at their canvases' sizes.
  draw() {
    if (!this.colors || !this.charts.length) return;
    const dpr = devicePixelRatio || 1;
    this.ui.charts.forEach((canvas, i) => {
      const w = canvas.clientWidth, h = canvas.clientHeight;
      if (!w || !h) return;
      const ctx = fitCanvas(canvas, w, h, dpr);
      this.layouts[i] = chartLayout(w, h, this.charts[i]);
      drawStudyChart(ctx, this.layouts[i], this.charts[i], this.colors, this.hover);
    });
  }

  resize() { this.draw(); }

  #hoverAt(i, chart) {
    if (i === this.hover) return;
    this.hover = i;
    this.ui.readout.textContent = i >= 0 && this.charts[chart] ? chartReadout(this.charts[chart], i) : HINT;
    this.draw();
  }

  // ---- CSV --------------------------------------------------------------------------------------
  // To the clipboard; where it cannot be written, the CSV box opens with the text selected.
  async #copy() {
    const ui = this.ui, text = studyCsv(this.records);
    ui.csv.value = text;
    const rows = parseStudyCsv(text).length;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      ui.copied.textContent = `Copied ${rows} lines of CSV.`;
    } catch {
      ui.details.open = true;
      ui.csv.focus();
      ui.csv.select();
      ui.copied.textContent = 'The clipboard is not available here: the CSV is selected below, copy it with Ctrl+C (⌘C).';
    }
  }

  // ---- speed ------------------------------------------------------------------------------------
  async #measure() {
    const ui = this.ui;
    if (this.measuring) return;
    this.measuring = true;
    ui.speedRun.disabled = true;
    ui.run.disabled = true;
    // The table's rows and caption now, in the click's frame: the numbers fill them in later
    // without moving what is under them.
    ui.speedTable.caption.textContent = `The shipped ${this.host.m.simd ? 'SIMD128' : 'scalar'} kernels on this machine, through the JS API `
      + `(copies into wasm memory included): the median of ${SPEED_REPETITIONS} timed batches.`;
    fillTable(ui.speedTable, speedTable(null, SIZES));
    ui.speed.hidden = false;
    ui.speedNote.textContent = 'Measuring…';
    try {
      const result = await measureSpeed(this.host.m, { repetitions: SPEED_REPETITIONS });
      this.speed = result;
      const s = speedNumbers(result);
      fillTable(ui.speedTable, speedTable(result));
      const big = s.sizes.length - 1;
      ui.speedNote.textContent = `On ${s.sizes[big].toLocaleString('en')} elements ELU's forward pass takes ${s.eluOverRelu[big].toFixed(1)}× `
        + `ReLU's time, and its backward pass ${s.backwardOverForward[big].toFixed(1)}× its forward pass.`;
    } catch (e) {
      ui.speedNote.textContent = `The measurement failed: ${e?.message ?? e}`;
    } finally {
      this.measuring = false;
      ui.speedRun.disabled = this.running;
      ui.run.disabled = this.running;
    }
  }

  // The thread line: one line of the panel, the whole sentence in its title.
  #thread(text) {
    this.ui.thread.textContent = text;
    this.ui.thread.title = text;
  }

  dispose() {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
  }
}
