// Writing the demo CSVs. Both writers emit header + per-partner chunks from the same
// `csvLines`, so for equal options they produce byte-identical files; both land atomically.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tempSibling, writeFileAtomic } from '../io/atomic.js';
import { csvHeader, csvLines, TABLES, type TableName } from './csv.js';
import { partnerBundles } from './partner.js';
import { planPartners, resolveOptions } from './plan.js';
import type { DemoData, DemoOptions } from './types.js';

export type DemoCounts = Record<TableName, number>;

export function demoFilePath(dir: string, table: TableName): string {
  return join(dir, `${table}.csv`);
}

/** Write an in-memory dataset as partners.csv, signals.csv, deals.csv, interventions.csv, deal_history.csv. */
export async function writeDemoData(dir: string, data: DemoData): Promise<DemoCounts> {
  await mkdir(dir, { recursive: true });
  const lines: Record<TableName, string> = {
    partners: csvLines('partners', data.partners), signals: csvLines('signals', data.signals),
    deals: csvLines('deals', data.deals), interventions: csvLines('interventions', data.interventions),
    deal_history: csvLines('deal_history', data.deal_history),
  };
  for (const t of TABLES) await writeFileAtomic(demoFilePath(dir, t), csvHeader(t) + lines[t]);
  return {
    partners: data.partners.length, signals: data.signals.length, deals: data.deals.length,
    interventions: data.interventions.length, deal_history: data.deal_history.length,
  };
}

/** Collects small chunks and hands the stream ~1 MB at a time, honouring backpressure. */
class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(readonly stream: WriteStream) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

export interface StreamingHooks {
  /** Called after each partner is written (e.g. to drive a progress bar). */
  onPartner?: (done: number, total: number) => void;
}

/**
 * Generate and write partner by partner, never holding more than one partner's rows:
 * 5,000 partners × 60 months (~9M signal rows) fit in a small, constant memory footprint.
 */
export async function writeDemoDataStreaming(dir: string, opts: DemoOptions = {}, hooks: StreamingHooks = {}): Promise<DemoCounts> {
  const o = resolveOptions(opts);
  const plans = planPartners(o);
  await mkdir(dir, { recursive: true });
  const temps = {} as Record<TableName, string>;
  const writers = {} as Record<TableName, ChunkWriter>;
  const counts: DemoCounts = { partners: 0, signals: 0, deals: 0, interventions: 0, deal_history: 0 };
  try {
    for (const t of TABLES) {
      temps[t] = tempSibling(demoFilePath(dir, t));
      writers[t] = new ChunkWriter(createWriteStream(temps[t]));
      await writers[t].write(csvHeader(t));
    }
    let done = 0;
    for (const b of partnerBundles(o, plans)) {
      await writers.partners.write(csvLines('partners', [b.partner]));
      await writers.signals.write(csvLines('signals', b.signals));
      await writers.deals.write(csvLines('deals', b.deals));
      await writers.interventions.write(csvLines('interventions', b.interventions));
      await writers.deal_history.write(csvLines('deal_history', b.deal_history));
      counts.partners += 1;
      counts.signals += b.signals.length;
      counts.deals += b.deals.length;
      counts.interventions += b.interventions.length;
      counts.deal_history += b.deal_history.length;
      hooks.onPartner?.(++done, plans.length);
    }
    for (const t of TABLES) await writers[t].close();
    for (const t of TABLES) await rename(temps[t], demoFilePath(dir, t));
  } catch (err) {
    for (const t of TABLES) {
      writers[t]?.stream.destroy();
      if (temps[t]) await rm(temps[t], { force: true });
    }
    throw err;
  }
  return counts;
}
