// Many charts at once, over worker threads: Vega draws one chart at a time on one core, and a quarterly
// report draws hundreds. Each chart's SVG depends on its own input only, so the result is the same
// whichever thread draws it; results keep the inputs' order.
import { availableParallelism } from 'node:os';
import { runTasks, startWorker } from '../io/worker.js';
import { adoptChart, renderChart, type ChartInput, type RenderedChart } from './charts.js';

/**
 * Below this many charts, starting the threads costs more than it saves. Each worker loads Vega and
 * warms up (its first 25 charts took ~0.75 s of thread CPU, later ones ~4.5 ms), and the main thread
 * checks every SVG again when it arrives. On a quiet 2-core machine M's 751 charts (the `run` of the
 * bench) took the reports stage 3.4–3.7 s and 4.4–4.9 CPU s on this thread against 4.1–4.4 s and
 * 6.6–7.2 CPU s with two workers; the PDF bench's ~910 were no slower on one thread (29.7 vs 29.5–30.6 s).
 */
const PARALLEL_MIN_CHARTS = 1200;

export interface RenderChartsOptions {
  /** Threads (default: one per core when there are enough charts; 1 = in this thread). */
  threads?: number;
  /** Called as each chart is done (in any order), with its input's index. */
  onChart?: (index: number) => void;
}

export async function renderCharts(inputs: ChartInput[], o: RenderChartsOptions = {}): Promise<RenderedChart[]> {
  const wanted = o.threads ?? (inputs.length >= PARALLEL_MIN_CHARTS ? availableParallelism() : 1);
  const threads = Math.max(1, Math.min(Math.floor(wanted), inputs.length));
  if (threads <= 1) {
    const out = new Array<RenderedChart>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      out[i] = await renderChart(inputs[i]!);
      o.onChart?.(i);
    }
    return out;
  }
  const workers = Array.from({ length: threads }, () => startWorker(import.meta.url, './chart-worker', null));
  try {
    const drawn = await runTasks<ChartInput, RenderedChart>(workers, inputs, 'chart worker', (i) => o.onChart?.(i));
    return drawn.map(adoptChart);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
