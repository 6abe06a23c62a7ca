// The training panel's code (the model, the drawing): element.js loads it with the whole API, so
// that a page that only draws curves never downloads it.
export { TrainingPanel } from './trainview.js';
export { Trainer } from './trainer.js';
