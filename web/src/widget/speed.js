// "Speed in your browser": the throughput of the shipped kernels on the reader's machine, so that
// "ELU is slower to compute than ReLU" is a number. ELU forward (m.elu), ReLU forward
// (m.activation('relu').forward) and ELU backward (m.eluBackward), each on 4,096 and 1,048,576
// elements, through the public API (its copies into wasm memory included) into output arrays made
// once. A small call takes microseconds, below some browsers' timer resolution (1 ms in WebKit), so
// calls are timed in batches of at least `batchMs` and each batch gives one sample (its time per
// call); the result is the median of `repetitions` samples. The kernels take turns sample by sample
// (a slow moment of the machine hits all three alike), and the work is split into tasks of about
// `taskMs` (a batch is never split: at most about 2 x batchMs; no long task, the page stays
// responsive). No DOM: tests/js/widget-study.test.mjs runs it in Node. `calls` in the result: the
// calls per batch of each kernel at each size.

export const SIZES = [4096, 1 << 20];

const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

// n inputs spread over [-4, 4] (half of them negative, where ELU computes its exponential), the
// same on every run.
export function speedInputs(n) {
  const x = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = -4 + (8 * s) / 2 ** 32;
  }
  return x;
}

// -> { sizes, seconds: { eluForward, reluForward, eluBackward } (the median time of one call, per
// size), calls: { ... } (calls per timed batch, per size), repetitions }. Rejects with an
// AbortError when `signal` aborts (checked between tasks).
export async function measureSpeed(m, {
  sizes = SIZES, repetitions = 7, batchMs = 10, taskMs = 12, now = () => performance.now(), yieldTask = nextTask, signal,
} = {}) {
  const relu = m.activation('relu');
  const seconds = { eluForward: [], reluForward: [], eluBackward: [] };
  const calls = { eluForward: [], reluForward: [], eluBackward: [] };
  let taskStart = now();
  const pause = async (next = 0) => { // a new task when the next piece would not fit in this one
    if (now() - taskStart + next <= taskMs) return;
    await yieldTask();
    signal?.throwIfAborted();
    taskStart = now();
  };
  signal?.throwIfAborted();
  for (const n of sizes) {
    await pause(Infinity); // making the inputs is a task of its own
    const x = speedInputs(n), dy = new Float32Array(n).fill(1), y = new Float32Array(n), dx = new Float32Array(n);
    const run = {
      eluForward: () => m.elu(x, 1, y),
      reluForward: () => relu.forward(x, y),
      eluBackward: () => m.eluBackward(x, dy, 1, dx),
    };
    const keys = Object.keys(run);
    // Calls per batch: doubled until a batch lasts batchMs (one call for the large size).
    const per = {}, last = {};
    for (const k of keys) {
      await pause(Infinity); // each kernel's warm-up starts a task
      let t = now();
      run[k]();
      t = now() - t;
      let count = 1;
      await pause(t);
      for (;;) {
        const start = now();
        for (let i = 0; i < count; i++) run[k]();
        t = now() - start;
        if (t >= batchMs || count >= 1 << 20) break;
        count *= 2;
        await pause(2 * t);
      }
      per[k] = count;
      last[k] = t;
    }
    // Samples, the kernels in turn. A batch that ran in under 80% of batchMs (the calibration met a
    // slow moment: the JIT, a collection, another process) is not a sample: its calls double.
    const samples = Object.fromEntries(keys.map((k) => [k, []]));
    while (keys.some((k) => samples[k].length < repetitions)) {
      for (const k of keys) {
        if (samples[k].length >= repetitions) continue;
        await pause(last[k]);
        const start = now();
        for (let i = 0; i < per[k]; i++) run[k]();
        last[k] = now() - start;
        if (last[k] >= 0.8 * batchMs || per[k] >= 1 << 20) samples[k].push(last[k] / per[k] / 1000);
        else per[k] *= 2;
      }
    }
    for (const k of keys) {
      seconds[k].push(median(samples[k]));
      calls[k].push(per[k]);
    }
  }
  return { sizes, seconds, calls, repetitions };
}
