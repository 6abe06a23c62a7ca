// The element's controls: the alpha slider and number field, the overlay boxes and the settings
// (each a field of the state table, state.js; a checkbox is a boolean attribute). Built once over
// the element's nodes (template.js); a reader's change goes to `set(name, value)`, the element's one
// way to change state, and sync() shows the state (never the other way round). A value its field
// refuses marks the control aria-invalid and says why; the state keeps its last valid value.

import { el, fillOptions, overlayBoxes } from './panels.js';
import {
  COMPARES, DATASETS_OF, FIELD, LEARNING_RATES, OPTIMIZERS, OVERLAYS, PROBLEMS, REGULARIZATIONS, REGULARIZATION_RATES,
} from './state.js';

const SPEEDS = [1, 2, 5, 10, 20, 50]; // epochs per frame offered

export class Controls {
  // ui: the element's nodes { range, number, alphaError, overlays, fields (by field name),
  // settingsError, ratio }; set(name, value): a change asked for by the reader; active(): the
  // focused control (a control keeps a value it refused while it has focus).
  constructor(ui, { set, active }) {
    this.ui = ui;
    this.active = active;
    this.state = null;
    ui.overlays.append(...overlayBoxes(OVERLAYS));
    ui.overlays.addEventListener('change', () => {
      set('activations', [...ui.overlays.querySelectorAll('input:checked')].map((b) => b.value));
    });
    const options = { problem: PROBLEMS, learningRate: LEARNING_RATES, optimizer: OPTIMIZERS, regularization: REGULARIZATIONS,
      regularizationRate: REGULARIZATION_RATES, compare: COMPARES, epochsPerFrame: SPEEDS };
    for (const [name, values] of Object.entries(options)) fillOptions(ui.fields[name], values);

    // Alpha: the slider redraws synchronously (same frame); the number field accepts [0, 10] and
    // shows the state again when left.
    ui.range.addEventListener('input', () => set('alpha', Number(ui.range.value)));
    ui.number.addEventListener('input', () => {
      const r = FIELD.alpha.parse(ui.number.value);
      ui.number.setAttribute('aria-invalid', String(Boolean(r.error)));
      ui.alphaError.textContent = r.error ? 'Enter a number from 0 to 10; alpha stays at the last valid value.' : '';
      if (!r.error) set('alpha', r.value);
    });
    ui.number.addEventListener('change', () => this.sync(this.state));

    for (const [name, control] of Object.entries(ui.fields)) {
      const event = control.type === 'range' ? 'input' : 'change';
      control.addEventListener(event, () => {
        const r = FIELD[name].parse(control.type === 'checkbox' ? (control.checked ? '' : 'false') : control.value);
        control.setAttribute('aria-invalid', String(Boolean(r.error)));
        ui.settingsError.textContent = r.error ? `${control.parentElement.firstChild.textContent.trim()}: ${r.error}` : '';
        if (!r.error) set(name, r.value);
      });
    }
  }

  // Shows the state `s`.
  sync(s) {
    this.state = s;
    const ui = this.ui, active = this.active();
    ui.range.value = String(s.alpha);
    ui.range.setAttribute('aria-valuetext', `alpha ${s.alpha.toFixed(2)}`);
    if (ui.number.getAttribute('aria-invalid') !== 'true' || active !== ui.number) {
      if (Number(ui.number.value) !== s.alpha || ui.number.value === '') ui.number.value = String(s.alpha);
      ui.number.setAttribute('aria-invalid', 'false');
      ui.alphaError.textContent = '';
    }
    for (const box of ui.overlays.querySelectorAll('input')) box.checked = s.activations.includes(box.value);
    const datasets = DATASETS_OF[s.problem]; // the dataset list: the problem's datasets
    if ([...ui.fields.datasetName.options].map((o) => o.value).join() !== datasets.join()) fillOptions(ui.fields.datasetName, datasets);
    for (const [name, control] of Object.entries(ui.fields)) {
      if (active === control && control.getAttribute('aria-invalid') === 'true') continue;
      const v = s[name];
      if (control.type === 'checkbox') {
        control.checked = v;
      } else if (control.tagName === 'SELECT') { // numbers match by value ("0.030" is 0.03); add a missing one
        const option = [...control.options].find((o) => o.value === String(v) || Number(o.value) === v)
          ?? control.appendChild(el('option', { value: String(v), textContent: String(v) }));
        control.value = option.value;
      } else {
        control.value = Array.isArray(v) ? v.join(',') : String(v);
      }
      control.setAttribute('aria-invalid', 'false');
    }
    ui.ratio.textContent = `${s.trainRatio}%`;
    ui.fields.trainRatio.setAttribute('aria-valuetext', `${s.trainRatio}% training, ${100 - s.trainRatio}% test`);
  }
}
