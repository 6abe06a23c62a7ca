// The training panel's code (the trainer, the heatmaps, the loss chart): element.js loads it with
// the whole API, so that a page that only draws curves never downloads it.
export { Heatmap, gridSpec, makeLut, pointColor, pointsLayer, valueRange } from './heatmap.js';
export { drawLossChart, lossLines } from './losschart.js';
export { Trainer } from './trainer.js';
