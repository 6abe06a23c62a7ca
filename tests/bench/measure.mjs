// Side-by-side timing for the Node benchmarks: contenders run in interleaved rounds (each round
// gives every contender ~sliceMs), and the median rate over the rounds is reported, so that ratios
// come from the same minutes of a shared, noisy machine.

// contenders: [{ run() }]; returns per contender the median of (work units per ns), where one run()
// does `units` units of work (elements, epochs, pixels...).
export function measure(contenders, { units = 1, rounds = 9, sliceMs = 25, warmup = 200 } = {}) {
  for (const c of contenders) {
    const t0 = performance.now();
    for (let i = 0; i < warmup && performance.now() - t0 < 200; i++) c.run(); // tier up
  }
  const rates = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    contenders.forEach((c, k) => {
      let calls = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < sliceMs) {
        c.run();
        calls += 1;
        t = performance.now();
      }
      rates[k].push((calls * units) / ((t - t0) * 1e6));
    });
  }
  return rates.map((list) => list.sort((a, b) => a - b)[list.length >> 1]);
}
