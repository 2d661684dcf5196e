// Worker thread of the chart pool: renders one chart per message and posts it back (or the error).
import { parentPort } from 'node:worker_threads';
import { renderChart, type ChartInput } from './charts.js';

parentPort!.on('message', (msg: { id: number; input: ChartInput }) => {
  renderChart(msg.input).then(
    ({ svg, title, description, warnings }) => parentPort!.postMessage({ id: msg.id, chart: { svg, title, description, warnings } }),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
