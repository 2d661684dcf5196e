// Worker thread of the expected-at-risk bootstrap: fits one run of resamples per message (io/worker.ts runTasks).
import { parentPort, workerData } from 'node:worker_threads';
import { refitDraws, type RefitData } from './risk-refits.js';

const data = workerData as RefitData;
parentPort!.on('message', (msg: { id: number; task: Int32Array[] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: refitDraws(data, msg.task) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
