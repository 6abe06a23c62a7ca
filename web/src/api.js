// The public JS API, assembled over one raw Embind module (cpp/bindings): the kernels (kernels.js),
// Network, datasets and the study. Environment-free: define-load.js hands it a module of the right
// flavor (elu_simd or elu_scalar).
import { createDatasets } from './datasets.js';
import { createHeap } from './heap.js';
import { createKernels } from './kernels.js';
import { createNetworkClass } from './network.js';

export function createApi(mod, { simd }) {
  const heap = createHeap(mod);
  const kernels = createKernels(mod, heap);
  const api = {
    simd,
    ...kernels,
    Network: createNetworkClass(mod, heap, kernels.activations),
    datasets: Object.freeze(createDatasets(mod, heap)),
    // The study's code loads with its first use (a page with the element alone never downloads it).
    study: (options, control) => import('./study.js').then(({ runStudy }) => runStudy(api, options, control)),
  };
  return Object.freeze(api);
}
