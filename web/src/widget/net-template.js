// The network panel's markup and stylesheet: netview.js puts them in the panel's <section> when
// it is first shown (template.js has the empty section; its height is reserved by styles.js).
import { byRange, BREAKPOINTS, HISTOGRAM_LEGEND_LINES } from './sizes.js';
import { clamp } from './styles.js';

const BESIDE = BREAKPOINTS[2];

export const NET_MARKUP = `
    <div class="toolbar net-toolbar">
      <span class="title" id="net-title">Network</span>
      <button class="layer-remove" part="button" type="button" aria-label="Remove the last hidden layer">− Layer</button>
      <output class="layer-count"></output>
      <button class="layer-add" part="button" type="button" aria-label="Add a hidden layer (a copy of the last one's size)">+ Layer</button>
    </div>
    <div class="unit-controls" role="group" aria-label="Units per hidden layer"></div>
    <div class="diagrams"></div>
    <div class="net-info">
      <div class="net-detail" hidden><canvas class="zoom" aria-hidden="true"></canvas><p></p></div>
      <p class="net-readout" aria-live="polite">Point at a neuron or a link, or tab into a diagram and use the arrow keys. Click an input to use it or not.</p>
    </div>
    <p class="histogram-legend note"></p>
    <div class="histograms" tabindex="0" role="group" aria-label="Histograms of each hidden layer's outputs"></div>`;

export const NET_CSS = `
.net { grid-column: 1 / -1; }
.layer-count { font-variant-numeric: tabular-nums; color: var(--elu-muted); font-size: 12.5px; }
.diagrams { flex: 1 1 0; min-height: 200px; display: grid; gap: 10px; grid-template-columns: minmax(0, 1fr); grid-auto-rows: minmax(0, 1fr); }
@container (min-width: ${BESIDE}px) { .diagrams.pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.diagram { display: flex; flex-direction: column; min-height: 0; }
.scroller { flex: 1 1 0; min-height: 0; overflow: auto; overscroll-behavior: contain; border: 1px solid var(--elu-border); border-radius: 6px; background: var(--elu-surface); }
.network { position: relative; margin: 0 auto; }
.wires { position: absolute; inset: 0; pointer-events: none; }
.neuron {
  position: absolute; padding: 0; min-height: 0; border: 1px solid var(--elu-border); border-radius: 3px;
  background: transparent; cursor: default;
}
.neuron[data-layer="0"] { cursor: pointer; display: grid; place-items: end center; }
.feature { font-size: 9px; line-height: 1; padding: 1px 2px; border-radius: 2px; background: var(--elu-bg); color: var(--elu-fg); opacity: .85; pointer-events: none; }
.small .feature { display: none; }
.neuron.off { border-style: dashed; }
.neuron:hover { border-color: var(--elu-fg); }
.neuron.dead {
  border: 1.5px solid var(--elu-muted);
  background: repeating-linear-gradient(135deg, color-mix(in srgb, var(--elu-bg) 75%, transparent) 0 3px, color-mix(in srgb, var(--elu-muted) 45%, transparent) 3px 5px);
}
.neuron.dead::after {
  content: "dead"; position: absolute; left: 50%; bottom: 1px; transform: translateX(-50%); font-size: 9px; line-height: 1;
  padding: 1px 2px; border-radius: 2px; background: var(--elu-bg); color: var(--elu-fg);
}
.small .neuron.dead::after { content: none; }
.link-focus { position: absolute; width: 12px; height: 12px; border-radius: 50%; outline: none; pointer-events: none; }
.link-focus:focus-visible { outline: 2px solid var(--elu-accent); outline-offset: 1px; }
.neuron:focus-visible { outline: 2px solid var(--elu-accent); outline-offset: 1px; z-index: 1; }
.unit-controls { position: relative; height: 22px; margin: 4px auto 0; }
.unit-controls button { position: absolute; top: 0; height: 20px; min-height: 0; padding: 0; font-size: 12px; line-height: 1; border-radius: 4px; }
.net-info { flex: none; display: flex; gap: 10px; align-items: flex-start; height: 96px; overflow: hidden; }
.net-detail { flex: none; order: 1; }
.net-detail canvas { width: 96px; height: 96px; border-radius: 6px; border: 1px solid var(--elu-border); }
.net-detail.dead canvas { opacity: .45; }
.net-detail p { display: none; }
.net-readout { flex: 1; margin: 0; font-size: 12.5px; color: var(--elu-muted); max-height: 96px; overflow: hidden; }
${byRange((r) => `.histogram-legend { ${clamp(HISTOGRAM_LEGEND_LINES[r])} }`)}
.histograms {
  flex: none; display: grid; gap: 8px 14px; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); grid-template-rows: auto;
  grid-auto-flow: column; grid-auto-columns: 140px; height: calc(1.45em + 4px + 84px + 16px); overflow: auto hidden; font-size: 12.5px;
}
.histogram { height: 84px; }
`;
