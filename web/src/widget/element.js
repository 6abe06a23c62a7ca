// <elu-playground>: the wiring. State (state.js) flows into the model (trainer.js), the drawing
// (plot.js, heatmap.js, losschart.js) and the panels' text (panels.js); this file owns the shadow
// DOM (template.js, styles.js), the listeners, the observers and the loop.
//
// Attributes <-> properties (state.js has the table, ranges and fallbacks): alpha, problem
// (classification | regression), dataset (the datasetName property: el.dataset stays the standard
// data-* map; circle xor gauss spiral three are classification, plane multigauss regression), noise,
// train-ratio (trainRatio: the percentage of the points that trains, 10 to 90, default 50),
// features (the networks' inputs: x1 x2 x1^2 x2^2 x1*x2 sin(x1) sin(x2), default "x1 x2"),
// hidden-layers (hiddenLayers), learning-rate (learningRate), optimizer, regularization (none l1 l2),
// regularization-rate (regularizationRate, 0 to 10, default 0), batch-size (batchSize), seed,
// activations, compare, panels, epochs-per-frame (epochsPerFrame: at most, within ~8 ms per frame),
// autoplay, show-test-data (showTestData: the heatmaps also draw the test points, ringed dark; off
// by default, as in TensorFlow Playground), discretize (the heatmaps show the decision only, without
// confidence shading; for regression the sign of the output), theme, and the study panel's
// study-alphas (studyAlphas: 1 to 32 numbers in [0, 10], kept sorted without repeats),
// study-seeds (1 to 64), study-epochs (1 to 5000), study-baselines (relu leaky_relu selu gelu silu
// tanh, may be empty) and study-target (empty or absent: the dataset's default target).
// An invalid value warns on the console and falls back (numbers clamp; the rest take the default;
// an empty features list is invalid; in a list of alphas, words are dropped and numbers clamp).
// Problem and dataset agree: changed one at a time (attribute, property or control), the other
// follows, and is reflected: a problem of the other kind switches the dataset to its first (circle,
// plane); a dataset of the other kind switches the problem. Given together before the element is
// first connected (its markup), the dataset decides, and a contradicting problem warns.
// Events: alphachange { alpha }, epoch { epoch, trainLoss, testLoss, accuracy, runs }, ready { simd },
// studyprogress { done, total } (after each run of a study), studydone (the results: { options,
// records }, one record per run).
// An epoch's losses and accuracy (the fraction of test points classified right; NaN for regression)
// are the ELU network's; runs has { activation, trainLoss, testLoss, accuracy } per network (two in
// compare mode). Losses: cross-entropy (classification), ½(output − y)² per point (regression).
// Methods: play(), pause() (from an epoch listener too: training stops at that epoch), step(),
// reset(), runStudy() (the study of the current settings, in workers or, where none can start, on
// the main thread; resolves with the results, rejects with an AbortError when cancelled),
// cancelStudy(). Read-only: epoch, playing, simd, ready (a Promise), studyResults (null until a
// study completes).
// The training loop runs only while playing and on screen; removing the element stops it and
// frees the networks' wasm memory. Whenever the loop stops, the summary table shows the last epoch.
// Its height depends on its width and its panels and compare attributes only (sizes.js), so a page
// that links dist/element.css gives it that height before it is defined, and nothing moves later.

import { load as loadApi, loadKernels } from '../load.js';
import { Controls } from './controls.js';
import { captions, codeSnippets, el, legendEntries, legendItems } from './panels.js';
import { PREVIEW, drawPlot, fitCanvas, functionCurves, layout, samples } from './plot.js';
import {
  BY_ATTR, DATASETS_OF, FIELD, FIELDS, agree, contradiction, defaults, equal, parse, problemOf, toAttribute,
} from './state.js';
import { CSS, readColors } from './styles.js';
import { LABELS, TEMPLATE } from './template.js';

const OVERLAY_PARAMS = { leaky_relu: { alpha: 0.1 } }; // 0.01 would hide under ReLU
// Main-thread time per animation frame: training gets what the drawing leaves of it (the drawing's
// recent cost, smoothed), at least one epoch. epochs-per-frame is an upper bound, so that large
// networks (two of 8 hidden layers of 16 units: ~1.2 ms per epoch each) keep 60 frames per second.
const FRAME_BUDGET_MS = 8;

// The API and its wasm load off the critical path of the first curve (which PREVIEW draws): the
// kernels alone (loadKernels) while only the function and code panels are shown, the whole API when
// a panel that trains is, with the training panel's code; the network and study panels' code only
// when that panel is shown. Resolves to { m } (the kernels) or { m, code } (all, and training.js).
const load = (full) => (full
  ? Promise.all([loadApi(), import('./training.js')]).then(([m, code]) => ({ m, code }))
  : loadKernels().then((m) => ({ m })));
const TRAINING_PANELS = ['training', 'network', 'study'];
const loadNetView = () => import('./netview.js');
const loadStudyView = () => import('./studyview.js');
// The fields a study is made of (studychart.js studyOptions): a change updates the study panel's
// sentence and marks earlier results as of other settings.
const STUDY_INPUTS = new Set(['datasetName', 'problem', 'noise', 'trainRatio', 'seed', 'features', 'hiddenLayers', 'optimizer',
  'learningRate', 'batchSize', 'regularization', 'regularizationRate', 'studyAlphas', 'studySeeds', 'studyEpochs', 'studyBaselines',
  'studyTarget']);

let sheet;

// On a server (Node rendering a page) there is no HTMLElement: the class still loads, on a stand-in
// base, so that importing the element's entry never throws there; it is never defined there.
const Base = globalThis.HTMLElement ?? class {};

export class EluPlayground extends Base {
  static observedAttributes = FIELDS.map((f) => f.attr);

  #state = defaults();
  #ui = {};
  #m = null; // the loaded API: the kernels alone (no Network) or all of it
  #loading = null; // 'kernels' | 'full': what is loading
  #trainer = null;
  #controls; // controls.js: the alpha and settings controls
  #code = null; // training.js, with the whole API
  #trainView = null; // its TrainingPanel
  #colors = null;
  #xs = null; // sample points and curve buffers of the function panel
  #buf = {};
  #geometry = null;
  #crossX = null;
  #wantPlay = false; // play() / pause() / autoplay: the intent; the loop also needs visibility
  #visible = false;
  #raf = 0;
  #reflecting = false;
  #observers = [];
  #queries = [];
  #ready;
  // False until the first-curve task: attributes applied while the element is upgraded (one
  // callback each) only set state, so a page with several widgets does not lay itself out again
  // for every attribute of every element inside the script's task.
  #live = false;
  #drawn = false;
  #resolveReady;
  #lastStats = 0;
  #statsStale = false; // the stats' text and charts show an earlier epoch (their redraws are throttled)
  #legendKey = '';
  #drawMs = 0; // the drawing's share of a frame, smoothed
  #net = null; // the network panel (netview.js), once shown
  #netLoading = false;
  #study = null; // the study panel (studyview.js), once shown or asked for
  #studyLoading = null; // Promise of it
  #studyAbort = null; // the running study's AbortController
  #studyResults = null;
  // False until first connected: until then problem and dataset are set as given (markup gives
  // them in any order) and connectedCallback makes them agree once.
  #agreeing = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
    root.adoptedStyleSheets = [sheet];
    const tpl = document.createElement('template');
    tpl.innerHTML = TEMPLATE;
    root.append(tpl.content.cloneNode(true));
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
    this.#buildUi(root);
  }

  // ---- public API ----------------------------------------------------------------------------
  static {
    for (const f of FIELDS) {
      Object.defineProperty(this.prototype, f.name, {
        get() { const v = this.#state[f.name]; return Array.isArray(v) ? [...v] : v; },
        set(value) {
          const text = toAttribute(f, value);
          if (text === null) this.removeAttribute(f.attr); else this.setAttribute(f.attr, text);
        },
        enumerable: true,
      });
    }
  }

  get ready() { return this.#ready; }
  get epoch() { return this.#trainer?.epoch ?? 0; }
  get playing() { return this.#wantPlay; }
  /** True when the SIMD128 build runs (undefined until loaded). */
  get simd() { return this.#m?.simd; }

  play() {
    if (this.#trainer?.diverged) return;
    this.#wantPlay = true;
    this.#syncPlay();
  }

  pause() {
    this.#wantPlay = false;
    this.#syncPlay(); // draws the summary table for the current epoch
  }

  step() {
    this.pause();
    if (!this.#ensureTrainer()) return;
    this.#train(1);
    this.#drawTraining(true);
  }

  reset() {
    this.#trainer?.reset();
    this.#ui.diverged.hidden = true;
    this.#drawTraining(true);
  }

  /** The last completed study's { options, records }, or null. */
  get studyResults() { return this.#studyResults; }

  // Runs the study of the current settings (a running one is cancelled first), in workers or, where
  // none can start, on this thread. studyprogress { done, total } after each run; studydone with
  // the results, which it also resolves with. Rejects with an AbortError when cancelled.
  runStudy() {
    this.#studyAbort?.abort();
    const controller = new AbortController();
    this.#studyAbort = controller;
    const state = { ...this.#state };
    const progress = (done, total) => this.dispatchEvent(new CustomEvent('studyprogress', { detail: { done, total } }));
    return this.#ensureStudy().then((panel) => {
      controller.signal.throwIfAborted();
      return panel.run(state, controller.signal, progress);
    }).then((results) => {
      if (this.#studyAbort === controller) this.#studyAbort = null;
      this.#studyResults = results;
      this.dispatchEvent(new CustomEvent('studydone', { detail: results }));
      return results;
    });
  }

  cancelStudy() {
    this.#studyAbort?.abort();
    this.#studyAbort = null;
  }

  // ---- lifecycle -----------------------------------------------------------------------------
  connectedCallback() {
    for (const f of FIELDS) { // properties set before the element was defined
      if (Object.prototype.hasOwnProperty.call(this, f.name)) {
        const v = this[f.name];
        delete this[f.name];
        this[f.name] = v;
      }
    }
    if (!this.#agreeing) this.#agreeOnce();
    if (this.#observers.length) return; // moved within the page: keep going
    this.#layoutPanels(); // again after a removal: the network panel is made anew
    const io = new IntersectionObserver((entries) => {
      this.#visible = entries.at(-1).isIntersecting;
      if (this.#visible && this.#m) this.#ensureTrainer() && this.#drawTraining(true);
      this.#syncPlay();
    });
    io.observe(this);
    const ro = new ResizeObserver(() => this.#resize());
    for (const c of this.shadowRoot.querySelectorAll('canvas')) ro.observe(c);
    this.#observers = [io, ro];
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => { this.#colors = null; this.#redraw(); };
    scheme.addEventListener('change', onScheme);
    // Reduced motion turned on while autoplaying pauses the widget (the reader can still press Play).
    const motion = matchMedia('(prefers-reduced-motion: reduce)');
    const onMotion = () => { if (motion.matches && this.#state.autoplay) this.pause(); };
    motion.addEventListener('change', onMotion);
    this.#queries = [[scheme, onScheme], [motion, onMotion]];
    this.#wantPlay = this.#state.autoplay && !motion.matches;
    // The first curve, from PREVIEW while the module loads: one task per element, so that a page
    // with several widgets does not draw them all in one long task.
    setTimeout(() => {
      this.#live = true;
      if (this.isConnected && !this.#m) this.#resize();
    });
    this.#loadApi();
  }

  // Loads what the shown panels need, unless it is here or loading: the kernels for the function
  // panel, the whole API (Network) for a panel that trains. The first API loaded resolves `ready`.
  #loadApi() {
    const full = this.#state.panels.some((p) => TRAINING_PANELS.includes(p));
    const here = full ? this.#code && this.#m?.Network : this.#m;
    if (here || this.#loading === 'full' || (this.#loading && !full)) return;
    const kind = full ? 'full' : 'kernels';
    this.#loading = kind;
    // The kernels after the current task's microtasks: every element upgraded with this one (a page's
    // elements are upgraded together when the element is defined) has asked for its module by then,
    // so where any of them trains, loadKernels() resolves to that whole module and the page loads one.
    const loaded = full ? load(true) : Promise.resolve().then(() => load(false));
    loaded.then(({ m, code }) => {
      if (this.#loading !== kind) return; // removed meanwhile
      this.#loading = null;
      const first = !this.#m;
      this.#m = m;
      if (code && !this.#code) {
        this.#code = code;
        const { maps, loss, epoch, summary } = this.#ui;
        this.#trainView = new code.TrainingPanel({ maps, loss, epoch, summary });
      }
      this.#live = true;
      this.#resize(); // the first curve now; the networks in a later task (keeps tasks short)
      setTimeout(() => {
        if (this.#visible && this.#m && this.#ensureTrainer()) this.#drawTraining(true);
        this.#syncPlay();
      });
      if (!first) return;
      this.#resolveReady();
      this.dispatchEvent(new CustomEvent('ready', { detail: { simd: m.simd } }));
    }, (error) => {
      if (this.#loading !== kind) return;
      this.#loading = null;
      this.#ui.readout.textContent = `Could not load the WebAssembly module${error?.summary ? `: ${error.summary}` : ''}.`;
      console.error('<elu-playground>:', error);
    });
  }

  disconnectedCallback() {
    queueMicrotask(() => { if (!this.isConnected) this.#teardown(); }); // not when merely moved
  }

  #teardown() {
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    this.#wantPlay = false;
    this.#observers.forEach((o) => o.disconnect());
    this.#observers = [];
    this.#queries.forEach(([q, f]) => q.removeEventListener('change', f));
    this.#queries = [];
    this.#trainer?.dispose();
    this.#trainer = null;
    this.#net?.dispose();
    this.#net = null;
    this.#netLoading = false;
    this.cancelStudy();
    this.#study?.dispose();
    this.#study = null;
    this.#studyLoading = null;
    this.#m = null;
    this.#loading = null;
  }

  // Problem and dataset as first connected: a valid dataset attribute decides (a valid problem
  // attribute that contradicts it warns); else a valid problem attribute picks its first dataset.
  #agreeOnce() {
    this.#agreeing = true;
    const s = this.#state;
    if (problemOf(s.datasetName) === s.problem) return;
    const given = (attr) => this.hasAttribute(attr) && !BY_ATTR[attr].parse(this.getAttribute(attr)).error;
    if (given('dataset') && given('problem')) console.warn(contradiction(s.problem, s.datasetName));
    if (given('dataset') || !given('problem')) this.#set('problem', problemOf(s.datasetName), true);
    else this.#set('datasetName', DATASETS_OF[s.problem][0], true);
  }

  attributeChangedCallback(attr, _old, text) {
    if (this.#reflecting) return;
    const field = BY_ATTR[attr];
    const r = parse(field, text);
    if (r.warning) console.warn(r.warning);
    this.#set(field.name, r.value, false);
  }

  // ---- state -----------------------------------------------------------------------------------
  // One place where state changes: from an attribute (reflect = false) or from the UI (true). The
  // value is as state.js parses it (a features list in FEATURES order: #set('features', list, true)).
  #set(name, value, reflect) {
    if (equal(this.#state[name], value)) return;
    this.#state[name] = value;
    if (reflect) {
      this.#reflecting = true;
      const text = toAttribute(FIELD[name], value);
      if (text === null) this.removeAttribute(FIELD[name].attr); else this.setAttribute(FIELD[name].attr, text);
      this.#reflecting = false;
    }
    if (this.#agreeing && (name === 'problem' || name === 'datasetName')) {
      for (const [other, v] of Object.entries(agree(this.#state, name))) this.#set(other, v, true);
    }
    this.#syncControls();
    if (STUDY_INPUTS.has(name)) this.#study?.sync();
    const s = this.#state;
    switch (name) {
      case 'alpha':
        this.#updateLegend();
        this.#drawFunction();
        this.#trainer?.update({ alpha: s.alpha });
        this.#updateCode();
        this.dispatchEvent(new CustomEvent('alphachange', { detail: { alpha: s.alpha } }));
        break;
      case 'activations': this.#updateLegend(); this.#drawFunction(); break;
      case 'theme': this.#colors = null; this.#redraw(); break;
      case 'panels': this.#layoutPanels(); this.#resize(); break;
      case 'autoplay':
        if (s.autoplay && !matchMedia('(prefers-reduced-motion: reduce)').matches) this.play();
        break;
      case 'epochsPerFrame': case 'learningRate': case 'optimizer': case 'batchSize': case 'regularization':
      case 'regularizationRate':
        this.#trainer?.update(this.#trainConfig());
        break;
      case 'problem': break; // the dataset follows (above), and the data with it
      case 'showTestData': case 'discretize': this.#trainView?.invalidate(); this.#drawTraining(true); break;
      case 'studyAlphas': case 'studySeeds': case 'studyEpochs': case 'studyBaselines': case 'studyTarget': break;
      default: { // datasetName, noise, trainRatio, features, seed, hiddenLayers, compare: new data and/or networks
        if (!this.#trainer) break;
        this.#trainer.update(this.#trainConfig());
        this.#afterRebuild();
      }
    }
  }

  #trainConfig() {
    const {
      datasetName, noise, seed, trainRatio, features, hiddenLayers, alpha, compare, learningRate, optimizer, regularization,
      regularizationRate, batchSize,
    } = this.#state;
    return {
      dataset: datasetName, noise, seed, trainRatio, features, hiddenLayers, alpha, compare, learningRate, optimizer,
      regularization, regularizationRate, batchSize,
    };
  }

  // ---- UI construction and sync -----------------------------------------------------------------
  #buildUi(root) {
    const $ = (s) => root.querySelector(s);
    const ui = this.#ui;
    Object.assign(ui, {
      root: $('.root'), fn: $('.fn'), train: $('.train'), net: $('.net'), study: $('.study'), code: $('.code'), plot: $('.plot'), readout: $('.readout'),
      legend: $('.legend'), range: $('#alpha-range'), number: $('#alpha-number'), alphaError: $('#alpha-error'),
      overlays: $('.overlays'), play: $('.play'), epoch: $('.epoch output'), diverged: $('.diverged'),
      views: $('.views'), maps: [...root.querySelectorAll('.map')], loss: $('.loss'), summary: $('.summary'),
      settingsError: $('.settings-error'), codes: [...root.querySelectorAll('.code code')], ratio: $('.ratio'),
      lossCaption: $('.loss-caption'),
      fields: Object.fromEntries([...root.querySelectorAll('[data-field]')].map((e) => [e.dataset.field, e])),
    });

    this.#controls = new Controls(ui, { set: (name, value) => this.#set(name, value, true), active: () => this.shadowRoot.activeElement });

    ui.play.addEventListener('click', () => (this.#wantPlay ? this.pause() : this.play()));
    root.querySelector('.step').addEventListener('click', () => this.step());
    for (const b of root.querySelectorAll('.reset')) b.addEventListener('click', () => this.reset());
    root.querySelector('.regenerate').addEventListener('click', () => this.#set('seed', (this.#state.seed + 1) >>> 0, true));
    for (const b of root.querySelectorAll('[data-copy]')) {
      b.addEventListener('click', () => {
        const text = ui.codes[Number(b.dataset.copy)].textContent;
        navigator.clipboard?.writeText(text).then(() => { b.textContent = 'Copied'; setTimeout(() => { b.textContent = 'Copy'; }, 1200); },
          () => getSelection().selectAllChildren(ui.codes[Number(b.dataset.copy)]));
      });
    }

    // Crosshair: pointer (mouse, pen, touch) over the plot.
    const move = (e) => {
      if (!this.#geometry) return;
      const rect = ui.plot.getBoundingClientRect();
      const g = this.#geometry;
      this.#crossX = Math.min(g.xMax, Math.max(g.xMin, g.fromPx(e.clientX - rect.left)));
      this.#drawFunction();
    };
    ui.plot.addEventListener('pointermove', move);
    ui.plot.addEventListener('pointerdown', move);
    ui.plot.addEventListener('pointerleave', (e) => {
      if (e.pointerType === 'mouse') { this.#crossX = null; this.#drawFunction(); }
    });

    this.#layoutPanels();
    this.#syncControls();
    this.#updateCode();
    this.#updateLegend();
  }

  #layoutPanels() {
    const p = this.#state.panels, ui = this.#ui;
    ui.fn.hidden = !p.includes('function');
    ui.train.hidden = !p.includes('training');
    ui.net.hidden = !p.includes('network');
    ui.study.hidden = !p.includes('study');
    ui.code.hidden = !p.includes('code');
    if (this.#observers.length) this.#loadApi(); // connected: a panel that trains needs the whole API
    if (!ui.study.hidden) this.#ensureStudy().catch(() => {}); // (it says so in the panel)
    ui.root.classList.toggle('both', !ui.fn.hidden && !ui.train.hidden);
    ui.root.classList.toggle('with-code', !ui.code.hidden);
    if (ui.train.hidden && ui.net.hidden) this.pause();
    if (!ui.net.hidden && !this.#net && !this.#netLoading) {
      this.#netLoading = true;
      loadNetView().then(({ NetworkPanel }) => {
        this.#netLoading = false;
        if (!this.isConnected || this.#net) return; // removed meanwhile: made again on reconnection
        this.#net = new NetworkPanel(ui.net, (name, value) => this.#set(name, value, true));
        if (this.#colors) this.#net.setColors(this.#colors);
        if (this.#trainer) this.#buildNet();
        else if (this.#visible && this.#m && this.#ensureTrainer()) this.#drawTraining(true);
      }, (error) => {
        ui.net.replaceChildren(el('p', { className: 'note', textContent: 'Could not load the network view.' }));
        console.error('<elu-playground>:', error);
      });
    }
  }

  // The study panel, loaded once (with the API: its fallback and speed measurements need it).
  #ensureStudy() {
    this.#studyLoading ??= Promise.all([loadStudyView(), loadApi()]).then(([{ StudyPanel }, m]) => {
      this.#study ??= new StudyPanel(this.#ui.study, {
        m,
        state: () => this.#state,
        set: (name, value) => this.#set(name, value, true),
        runStudy: () => this.runStudy(),
        cancelStudy: () => this.cancelStudy(),
      });
      if (this.#colors) this.#study.setColors(this.#colors);
      return this.#study;
    }, (error) => {
      this.#studyLoading = null;
      this.#ui.study.replaceChildren(el('p', { className: 'note', textContent: 'Could not load the study panel.' }));
      console.error('<elu-playground>:', error);
      throw error;
    });
    return this.#studyLoading;
  }

  // The controls and the views' captions and labels show the state (never the other way round,
  // except through #set).
  #syncControls() {
    const s = this.#state, ui = this.#ui;
    this.#controls.sync(s);
    ui.views.classList.toggle('compare', s.compare !== 'none');
    ui.root.classList.toggle('compare', s.compare !== 'none'); // the panels' heights (sizes.js)
    ui.maps[1].hidden = s.compare === 'none';
    const text = captions(s);
    ui.maps.forEach((f, i) => {
      f.querySelector('figcaption').textContent = text.maps[i].caption;
      f.querySelector('canvas').setAttribute('aria-label', text.maps[i].label);
    });
    ui.plot.setAttribute('aria-label', text.plot);
    ui.lossCaption.textContent = text.loss;
  }

  #updateCode() {
    codeSnippets(this.#state.alpha).forEach((text, i) => { this.#ui.codes[i].textContent = text; });
  }

  // ---- drawing -----------------------------------------------------------------------------------
  #readColors() {
    this.#colors = readColors(getComputedStyle(this));
    this.#net?.setColors(this.#colors);
    this.#study?.setColors(this.#colors);
    this.#trainView?.invalidate();
    return this.#colors;
  }

  // The function panel's legend, in the element's colours as CSS reads them: written from the
  // start (the rows under it keep their places when the first curve is drawn).
  #updateLegend() {
    const s = this.#state;
    const key = [s.alpha.toFixed(2), ...s.activations].join();
    if (key === this.#legendKey) return;
    this.#legendKey = key;
    const colors = { accent: 'var(--elu-accent)', reference: 'var(--elu-reference)' };
    this.#ui.legend.replaceChildren(...legendItems(legendEntries(s.alpha, s.activations, colors)));
  }

  // Everything that depends on canvas sizes (ResizeObserver), then a redraw.
  #resize() {
    if (!this.#live) return;
    const dpr = devicePixelRatio || 1;
    const { plot } = this.#ui;
    if (plot.clientWidth) {
      this.#geometry = layout(plot.clientWidth, plot.clientHeight, this.#state.alpha);
      this.#xs = samples(this.#geometry, dpr);
      const n = this.#xs.length;
      this.#buf = { y: new Float32Array(n), dy: new Float32Array(n), ones: new Float32Array(n).fill(1),
        relu: this.#m ? this.#m.activation('relu').forward(this.#xs) : PREVIEW.relu(this.#xs), overlays: {} };
    }
    this.#trainView?.resize(dpr);
    this.#redraw();
  }

  #redraw() {
    if (!this.#live) return;
    this.#readColors();
    this.#drawFunction();
    this.#drawTraining(true);
  }

  // The function panel, synchronously (an alpha change redraws in the same frame).
  #drawFunction() {
    if (!this.#live || !this.#xs || this.#ui.fn.hidden) return;
    const s = this.#state, m = this.#m ?? PREVIEW, b = this.#buf, c = this.#colors ?? this.#readColors();
    const dpr = devicePixelRatio || 1;
    const g = layout(this.#ui.plot.clientWidth, this.#ui.plot.clientHeight, s.alpha);
    if (g.yMin !== this.#geometry.yMin) this.#geometry = g;
    m.elu(this.#xs, s.alpha, b.y);
    m.eluBackward(this.#xs, b.ones, s.alpha, b.dy);
    const overlays = (this.#m ? s.activations : []).map((name) =>
      [name, b.overlays[name] ??= m.activation(name, OVERLAY_PARAMS[name]).forward(this.#xs)]);
    const curves = functionCurves({ relu: b.relu, overlays, dy: b.dy, y: b.y }, c);
    let cross = null;
    if (this.#crossX !== null) {
      const x = Float32Array.of(this.#crossX);
      const fx = m.elu(x, s.alpha)[0], dfx = m.eluBackward(x, Float32Array.of(1), s.alpha)[0];
      cross = { x: this.#crossX, points: [{ y: fx, color: c.accent }] };
      this.#ui.readout.textContent = `x = ${this.#crossX.toFixed(2)}   ELU(x) = ${fx.toFixed(3)}   ELU′(x) = ${dfx.toFixed(3)}`;
    }
    const ctx = fitCanvas(this.#ui.plot, this.#ui.plot.clientWidth, this.#ui.plot.clientHeight, dpr);
    drawPlot(ctx, this.#geometry, this.#xs, curves, c, cross, dpr);
    this.#updateLegend();
    if (!this.#drawn) {
      this.#drawn = true;
      performance.mark('elu-playground:first-curve'); // for the speed benchmark (User Timing)
    }
  }

  // The training panel: heatmaps, loss chart, the summary table (every few frames: text is costly).
  #drawTraining(force = false) {
    const t = this.#trainer;
    if (!t) return;
    const net = this.#net && !this.#ui.net.hidden ? this.#net : null;
    net?.draw(t.runs, force);
    if (!this.#ui.train.hidden) this.#trainView.draw(t, this.#state, this.#colors ?? this.#readColors());
    else if (!net) return;
    this.#statsDue(force);
  }

  // The stats' text and charts: now when forced or 150 ms after the last time, else marked stale
  // (drawn when training stops).
  #statsDue(force) {
    if (force || performance.now() - this.#lastStats > 150) this.#drawStats(); else this.#statsStale = true;
  }

  // The text and charts drawn from the networks' stats: the summary table, the network panel's
  // marks, names and histograms. At most every 150 ms while training (text is costly).
  #drawStats() {
    const t = this.#trainer;
    if (!t) return;
    this.#lastStats = performance.now();
    this.#statsStale = false;
    const stats = t.stats();
    if (!this.#ui.train.hidden) this.#trainView.drawStats(t.runs, stats, this.#colors ?? this.#readColors());
    if (this.#net && !this.#ui.net.hidden) this.#net.drawStats(t.runs, stats, t.data.train.x);
  }

  // The network panel follows the networks' shape.
  #buildNet() {
    const t = this.#trainer, s = this.#state;
    if (!this.#net || !t) return;
    const net = t.runs[0].net;
    const shape = { features: s.features, hidden: s.hiddenLayers, outputs: net.outputs, task: net.task };
    this.#net.build(shape, t.runs.map((r) => ({ activation: r.activation, label: LABELS[r.activation] })));
  }

  // ---- training ----------------------------------------------------------------------------------
  #ensureTrainer() {
    if (this.#trainer) return true;
    if (!this.#code || (this.#ui.train.hidden && this.#ui.net.hidden)) return false;
    this.#trainer = new this.#code.Trainer(this.#m, this.#trainConfig());
    this.#afterRebuild();
    return true;
  }

  #afterRebuild() {
    this.#buildNet();
    this.#trainView.invalidate();
    this.#ui.diverged.hidden = true;
    this.#resize(); // the second heatmap may have appeared
  }

  // Trains up to `epochs` epochs, an epoch event after each; a listener that pauses ends the frame's
  // training there.
  #train(epochs, deadline) {
    const t = this.#trainer;
    t.step(epochs, (epoch, runs) => {
      const each = runs.map(({ activation, trainLoss, testLoss, accuracy }) => ({ activation, trainLoss, testLoss, accuracy }));
      const { trainLoss, testLoss, accuracy } = each[0]; // the ELU network's
      this.dispatchEvent(new CustomEvent('epoch', { detail: { epoch, trainLoss, testLoss, accuracy, runs: each } }));
      return this.#wantPlay; // false ends the step (one epoch for step(): the same)
    }, deadline);
    if (t.diverged) {
      this.#ui.diverged.hidden = false;
      this.pause();
    }
  }

  #syncPlay() {
    const run = this.#wantPlay && this.#visible && this.isConnected && this.#ensureTrainer();
    this.#ui.play.textContent = this.#wantPlay ? 'Pause' : 'Play';
    this.#ui.play.setAttribute('aria-label', this.#wantPlay ? 'Pause training' : 'Play training');
    const looping = this.#raf !== 0;
    if (run && !this.#raf) this.#raf = requestAnimationFrame(this.#frame);
    if (!run && this.#raf) { cancelAnimationFrame(this.#raf); this.#raf = 0; }
    // Stopped (paused, diverged, off screen, panel hidden): the table and the diagrams (which take
    // turns while training) catch up with the epoch.
    if (!run && (looping || this.#statsStale) && this.#trainer) this.#drawTraining(true);
  }

  #frame = () => {
    this.#raf = 0;
    if (!this.#wantPlay || !this.#visible || !this.#trainer) return;
    const start = performance.now();
    this.#train(this.#state.epochsPerFrame, start + FRAME_BUDGET_MS - this.#drawMs);
    const drawn = performance.now();
    this.#drawTraining(!this.#wantPlay); // paused during the frame: the last drawing is complete
    this.#drawMs += 0.2 * (performance.now() - drawn - this.#drawMs);
    if (this.#wantPlay) this.#raf = requestAnimationFrame(this.#frame);
  };
}

// Defines the element as `name`; where there is no custom element registry (server-side
// rendering), does nothing.
export function define(name = 'elu-playground') {
  if (!globalThis.customElements) return;
  if (!customElements.get(name)) customElements.define(name, name === 'elu-playground' ? EluPlayground : class extends EluPlayground {});
}
