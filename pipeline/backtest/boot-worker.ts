// Worker thread of the backtest's bootstrap pool: runs one task per message (io/worker.ts runTasks).
import { parentPort } from 'node:worker_threads';
import { runBootTask, type BootTask } from './boot-tasks.js';

parentPort!.on('message', (msg: { id: number; task: BootTask }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: runBootTask(msg.task) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
