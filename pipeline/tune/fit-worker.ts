// Worker thread of the fit pool: receives the fit context once, then runs one task per message.
import { parentPort, workerData } from 'node:worker_threads';
import { runFitTask, type FitContext, type FitTask } from './fit-tasks.js';

const ctx = workerData as FitContext;
parentPort!.on('message', (msg: { id: number; task: FitTask }) => {
  parentPort!.postMessage({ id: msg.id, result: runFitTask(ctx, msg.task) });
});
