// The element's static markup and text: the shadow DOM template, display names and overlay colours.
// No logic; element.js clones the template, panels.js and element.js read the names and colours.

export const LABELS = {
  elu: 'ELU', relu: 'ReLU', leaky_relu: 'Leaky ReLU', celu: 'CELU', selu: 'SELU', gelu: 'GELU', silu: 'SiLU',
  softplus: 'Softplus', tanh: 'tanh', sigmoid: 'Sigmoid', none: 'none',
  circle: 'Circle', xor: 'XOR', gauss: 'Two Gaussians', spiral: 'Spiral', three: '3 classes',
  plane: 'Plane', multigauss: 'Multi Gaussian', classification: 'Classification', regression: 'Regression',
  sgd: 'SGD', momentum: 'Momentum', adam: 'Adam', l1: 'L1', l2: 'L2',
};
export const OVERLAY_COLORS = {
  relu: '#64748b', leaky_relu: '#0d9488', celu: '#7c3aed', selu: '#db2777', gelu: '#16a34a', silu: '#ca8a04',
  softplus: '#0891b2', tanh: '#dc2626', sigmoid: '#9333ea',
};

// Static markup only: no user string ever reaches innerHTML (values go through textContent/value).
export const TEMPLATE = `
<div class="root" part="root">
  <section class="fn" part="function-panel">
    <canvas class="plot" part="plot" role="img"></canvas>
    <p class="readout" aria-live="polite">Point at the plot to read x, f(x) and f′(x).</p>
    <ul class="legend"></ul>
    <div class="alpha">
      <label for="alpha-range">α</label>
      <input id="alpha-range" part="alpha-slider" type="range" min="0" max="3" step="0.01" aria-label="alpha">
      <input id="alpha-number" part="alpha-input" type="number" min="0" max="10" step="0.01"
        aria-label="alpha, a number from 0 to 10" aria-describedby="alpha-error">
    </div>
    <p id="alpha-error" class="error" aria-live="polite"></p>
    <fieldset class="overlays"><legend>Overlay</legend></fieldset>
  </section>
  <section class="train" part="training-panel">
    <div class="toolbar">
      <button class="play" part="button play-button" type="button">Play</button>
      <button class="step" part="button" type="button">Step</button>
      <button class="reset" part="button" type="button">Reset</button>
      <span class="epoch"><span class="epoch-word">Epoch </span><output>0</output></span>
    </div>
    <div class="diverged" role="alert" hidden>
      <span>Training diverged: the loss became infinite (a learning rate this large overshoots). Paused.</span>
      <button class="reset" part="button" type="button">Reset</button>
    </div>
    <div class="views">
      <figure class="map"><figcaption></figcaption><canvas class="heatmap" part="heatmap" role="img"></canvas></figure>
      <figure class="map" hidden><figcaption></figcaption><canvas class="heatmap" part="heatmap" role="img"></canvas></figure>
      <figure class="chart">
        <figcaption class="loss-caption"></figcaption>
        <canvas class="loss" part="loss-chart" role="img" aria-label="Training and test loss per epoch"></canvas>
        <div class="summary-box" tabindex="0" role="group" aria-label="Losses, accuracy and layer statistics"><table class="summary"><thead></thead><tbody></tbody></table></div>
      </figure>
    </div>
    <div class="settings">
      <label><span>Problem</span> <select data-field="problem"></select></label>
      <label><span>Data</span> <select data-field="datasetName"></select></label>
      <label><span>Noise</span> <input data-field="noise" type="range" min="0" max="1" step="0.05"></label>
      <label><span>Training data <output class="ratio"></output></span>
        <input data-field="trainRatio" type="range" min="10" max="90" step="1"></label>
      <label><span>New points</span> <button class="regenerate" part="button" type="button">Regenerate</button></label>
      <label><span>Learning rate</span> <select data-field="learningRate"></select></label>
      <label><span>Optimizer</span> <select data-field="optimizer"></select></label>
      <label><span>Regularization</span> <select data-field="regularization"></select></label>
      <label><span>Regularization rate</span> <select data-field="regularizationRate"></select></label>
      <label><span>Hidden layers</span> <input data-field="hiddenLayers" type="text" inputmode="numeric" spellcheck="false"></label>
      <label><span>Batch size</span> <input data-field="batchSize" type="number" min="1" max="500" step="1"></label>
      <label><span>Compare with</span> <select data-field="compare"></select></label>
      <label><span>Epochs per frame</span> <select data-field="epochsPerFrame"></select></label>
      <label class="check"><input data-field="showTestData" type="checkbox"> Show test data</label>
      <label class="check"><input data-field="discretize" type="checkbox"> Discretize output</label>
    </div>
    <p class="error settings-error" aria-live="polite"></p>
  </section>
  <section class="net" part="network-panel" aria-labelledby="net-title" hidden></section>
  <section class="study" part="study-panel" aria-labelledby="study-title" hidden></section>
  <section class="code" part="code-panel">
    <div class="snippets">
      <div class="snippet"><header>PyTorch <button type="button" part="button" data-copy="0">Copy</button></header><pre><code></code></pre></div>
      <div class="snippet"><header>Keras <button type="button" part="button" data-copy="1">Copy</button></header><pre><code></code></pre></div>
    </div>
  </section>
</div>`;
