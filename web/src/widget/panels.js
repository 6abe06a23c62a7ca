// The panels' text and DOM: values and arrays in, nodes out (or a given node filled). No state, no
// wasm, no listeners: element.js decides when to call them. What the captions, the legend and the
// code say is computed by plain functions (captions, legendEntries, codeSnippets; the summary
// table's is trainview.js summary), tested in Node (tests/js/widget-panels.test.mjs); the builders
// beside them only turn that into nodes.

import { pythonFloat } from './state.js';
import { LABELS, OVERLAY_COLORS } from './template.js';

export const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);

// The figure captions and canvas labels that follow the state: { plot, maps: [{ caption, label }] x 2,
// loss } (maps[1] is the compared network's heatmap; loss the loss chart's caption). Classification
// shows a decision boundary and a cross-entropy loss; regression the network's output and its mean
// squared error (½(output − y)² per point, the loss the network trains on).
export function captions({ alpha, compare, datasetName, problem = 'classification', showTestData = false, discretize = false }) {
  const regression = problem === 'regression';
  const what = regression ? `Output${discretize ? ' sign' : ''}` : `${discretize ? 'Decided classes' : 'Decision boundary'}`;
  const points = showTestData ? 'train points ringed white, test points ringed dark' : 'train points ringed white (test points hidden)';
  const map = (name) => `${what} of the ${name} network on the ${LABELS[datasetName]} data; ${points}`;
  return {
    plot: `Plot of ELU with alpha ${alpha.toFixed(2)}, its derivative (dashed) and ReLU, for x from -5 to 5`,
    maps: [
      { caption: `ELU (α = ${alpha.toFixed(2)}): ${regression ? 'output' : 'decision boundary'}`, label: map('ELU') },
      { caption: `${LABELS[compare]}: same data, same initial weights`, label: map(LABELS[compare]) },
    ],
    loss: `Loss (${regression ? 'MSE' : 'cross-entropy'}): train (solid), test (dashed)`,
  };
}

// <option>s of `values` into `select`, shown by their display names.
export function fillOptions(select, values, label = (v) => LABELS[v] ?? String(v)) {
  select.replaceChildren(...values.map((v) => el('option', { value: String(v), textContent: label(v) })));
}

// One labelled checkbox per overlay name: <label><input type=checkbox value=name> Name</label>.
export function overlayBoxes(names) {
  return names.map((name) => {
    const label = el('label');
    label.append(el('input', { type: 'checkbox', value: name }), ` ${LABELS[name]}`);
    return label;
  });
}

// The function panel's legend: ELU, its derivative and ReLU, then the overlays in the given order.
// colors: { accent, reference } -> [{ text, color, dash?, opacity? }].
export function legendEntries(alpha, overlays, colors) {
  return [
    { text: `ELU (α = ${alpha.toFixed(2)})`, color: colors.accent },
    { text: 'ELU′ (derivative)', color: colors.accent, dash: true },
    { text: 'ReLU', color: colors.reference, opacity: 0.8 },
    ...overlays.map((n) => ({ text: LABELS[n], color: OVERLAY_COLORS[n] })),
  ];
}

// <li>s for legendEntries(): the swatch's colour, dash and opacity go to CSS variables.
export function legendItems(entries) {
  return entries.map(({ text, color, dash, opacity }) => {
    const li = el('li', { textContent: text });
    li.style.setProperty('--c', color);
    if (dash) li.style.setProperty('--dash', 'dashed');
    if (opacity) li.style.setProperty('--o', String(opacity));
    return li;
  });
}

// A table body of rows [label, ...cells]: the label a row header, the cells data cells (text only).
export function fillRows(tbody, rows) {
  tbody.replaceChildren(...rows.map(([label, ...cells]) => {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row', textContent: label }), ...cells.map((text) => el('td', { textContent: text })));
    return tr;
  }));
}

// The code panel's snippets for alpha: [PyTorch, Keras].
export function codeSnippets(alpha) {
  const a = pythonFloat(alpha);
  return [
    `import torch.nn as nn\n\nact = nn.ELU(alpha=${a})`,
    `import tensorflow as tf\n\nact = tf.keras.layers.ELU(alpha=${a})`,
  ];
}
