// Worker thread for bootstrap refits: receives the prepared problem once, then resamples (draw counts)
// one message at a time, and answers with the fitted weights.
import { parentPort, workerData } from 'node:worker_threads';
import { refitResample, type RefitProblem } from './refit.js';

const problem = workerData as RefitProblem;
parentPort!.on('message', (msg: { b: number; counts: Int32Array }) => {
  parentPort!.postMessage({ b: msg.b, w: refitResample(problem, msg.counts) });
});
