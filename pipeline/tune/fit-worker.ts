// Worker thread of the fit pool: receives the fit context once (as workerData, or as the first message
// when the thread was started before the context existed), then runs one task per message.
import { parentPort, workerData } from 'node:worker_threads';
import { runFitTask, type FitContext, type FitTask } from './fit-tasks.js';

let ctx = workerData as FitContext | undefined;
parentPort!.on('message', (msg: { context: FitContext } | { id: number; task: FitTask }) => {
  if ('context' in msg) {
    ctx = msg.context;
    return;
  }
  if (!ctx) throw new Error('calibration worker: a task arrived before the fit context');
  parentPort!.postMessage({ id: msg.id, result: runFitTask(ctx, msg.task) });
});
