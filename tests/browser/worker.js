// Module worker used by demo.test.mjs: the package's browser entry, loaded in a worker.
import { load } from '/dist/index.js';

const m = await load();
postMessage({ simd: m.simd, y: Array.from(m.elu(new Float32Array([-1, 2]))) });
