// Worker thread of the expected-at-risk bootstrap: fits its run of resamples and posts them back.
import { parentPort, workerData } from 'node:worker_threads';
import { refitDraws, type RefitData } from './risk-refits.js';

const { data, draws } = workerData as { data: RefitData; draws: Int32Array[] };
parentPort!.postMessage(refitDraws(data, draws));
