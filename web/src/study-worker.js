// A module worker of runStudyInWorkers (study-pool.js): its own wasm instance through the browser
// entry's load(). Messages: in 'init' (where the page's load() found its .wasm files: { file: URL }
// or null for beside this script) -> out 'ready' (loaded) or 'failed' (could not load); in 'start'
// (the normalized options: the dataset is made once), then 'run' (one run) -> out 'result' (its
// record) or 'error' (the run threw).
import { load } from './load.js'; // the browser entry's load() (index.js re-exports it)
import { studyData, trainRun } from './study.js';

let options, data, loaded;

onmessage = async ({ data: msg }) => {
  if (msg.type === 'init') {
    const urls = msg.wasmUrls;
    loaded = load(urls ? { wasmUrl: (file) => urls[file] } : {});
    loaded.then(() => postMessage({ type: 'ready' }),
      (e) => postMessage({ type: 'failed', message: `the worker could not load the wasm module: ${e?.message ?? e}` }));
    return;
  }
  const m = await loaded;
  try {
    if (msg.type === 'start') {
      options = msg.options;
      data = studyData(m, options);
    } else if (msg.type === 'run') {
      postMessage({ type: 'result', record: trainRun(m, options, msg.run, data) });
    }
  } catch (e) {
    postMessage({ type: 'error', message: `run ${msg.run?.index ?? '-'}: ${e?.name ?? 'Error'}: ${e?.message ?? e}` });
  }
};
