// runStudyInWorkers: the alpha study spread over module workers (browsers; the browser entry only).
// Each worker (study-worker.js) loads its own wasm instance through the entry's load() (from where
// the page's load() found its .wasm files: load({ wasmUrl }) holds for the workers too), makes the
// study's dataset once, then trains the runs it is handed: the runs are a queue, and a worker gets the
// next when it hands in a result (two at its start, so one always waits in its own queue), so every
// worker stays busy however long each run takes. Same wasm, same seeds: the records equal m.study's
// bit for bit.
import { checkInteger } from './checks.js';
import { wasmUrls } from './load.js';
import { abortError, checkControl, studyRuns } from './study.js';

// The default pool: one worker per core, at most 8 (each holds a wasm instance; a study of small
// networks gains little past that), never more than the runs.
const MAX_DEFAULT_WORKERS = 8;

function workerError(message) {
  const e = new Error(message);
  e.name = 'StudyWorkerError';
  return e;
}

const CANNOT_LOAD = 'the worker script did not load (a Content-Security-Policy without worker-src or script-src for it, '
  + 'a cross-origin script URL, or a network error)';

export async function runStudyInWorkers(options, control) {
  const fn = 'runStudyInWorkers';
  const { options: o, runs } = studyRuns(options);
  const { onResult, signal, workers } = checkControl(fn, control, {
    workers: (v) => (v === undefined ? undefined : checkInteger(fn, 'workers', v, 1, 16)),
  });
  if (signal?.aborted) throw abortError();
  const count = Math.min(workers ?? Math.min(globalThis.navigator?.hardwareConcurrency || 2, MAX_DEFAULT_WORKERS), runs.length);

  const urls = wasmUrls();
  return new Promise((resolve, reject) => {
    const pool = []; // { worker, started, dead }
    const records = new Array(runs.length);
    const failures = [];
    let next = 0, done = 0, settled = false;

    function finish(error, result) {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const slot of pool) slot.worker.terminate(); // their wasm memory goes with them
      if (error) reject(error); else resolve(result);
    }
    function onAbort() { finish(abortError()); }
    signal?.addEventListener('abort', onAbort, { once: true });

    const hand = (slot) => {
      if (next < runs.length) slot.worker.postMessage({ type: 'run', run: runs[next++] });
    };
    // A worker that cannot work: before its first message it is dropped (the others go on; none left
    // is a StudyWorkerError); after it, the study fails (its run is lost).
    const fail = (slot, why) => {
      if (settled || slot.dead) return;
      slot.dead = true;
      slot.worker.terminate();
      if (slot.started) return finish(workerError(`a study worker failed: ${why}`));
      failures.push(why);
      if (pool.every((s) => s.dead)) finish(workerError(`no study worker could start: ${failures[0]}`));
    };

    for (let i = 0; i < count; i++) {
      let worker;
      try {
        worker = new Worker(new URL('./study-worker.js', import.meta.url), { type: 'module' });
      } catch (e) {
        failures.push(`new Worker threw ${e?.name ?? 'an error'}: ${e?.message ?? e}`);
        continue;
      }
      const slot = { worker, started: false, dead: false };
      pool.push(slot);
      worker.onmessage = ({ data: msg }) => {
        if (settled || slot.dead) return;
        if (msg.type === 'ready') {
          slot.started = true;
          worker.postMessage({ type: 'start', options: o });
          hand(slot);
          // One queued behind, so the worker never waits for the next run's message; not while
          // that would leave a worker still starting without a run.
          if (runs.length - next >= pool.filter((s) => !s.dead).length) hand(slot);
        } else if (msg.type === 'result') {
          records[msg.record.index] = msg.record;
          done += 1;
          try {
            onResult?.(msg.record, done, runs.length);
          } catch (e) {
            return finish(e);
          }
          if (done === runs.length) finish(null, { options: o, records });
          else hand(slot);
        } else {
          fail(slot, msg.message); // 'failed' (no wasm) before ready, 'error' (a run threw) after
        }
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        fail(slot, e.message ? `${e.message}` : CANNOT_LOAD);
      };
      worker.onmessageerror = () => fail(slot, 'a message from the worker could not be read');
      worker.postMessage({ type: 'init', wasmUrls: urls });
    }
    if (!pool.length) finish(workerError(`no study worker could start: ${failures[0]}`));
  });
}
