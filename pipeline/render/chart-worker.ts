// Worker thread of the chart pool: renders one chart per task (io/worker.ts runTasks) and posts it back, or the error.
import { parentPort } from 'node:worker_threads';
import { renderChart, type ChartInput } from './charts.js';

parentPort!.on('message', (msg: { id: number; task: ChartInput }) => {
  renderChart(msg.task).then(
    ({ svg, title, description, warnings }) => parentPort!.postMessage({ id: msg.id, result: { svg, title, description, warnings } }),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
