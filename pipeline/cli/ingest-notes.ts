// What the run summary says about the input: rows set aside (per file and reason) and which close dates
// the labels measured slips against.
import type { IngestSummary } from '../ingest/ingest.js';
import type { LabelCounts } from '../label/labels.js';
import { closeDateBasis } from '../label/close-dates.js';

export function formatIngestNotes(ingest: IngestSummary, labels: LabelCounts): string {
  const lines: string[] = [];
  if (ingest.rejected.length) {
    const byFile = new Map<string, string[]>();
    for (const r of ingest.rejected) byFile.set(r.file, [...(byFile.get(r.file) ?? []), `${r.count} ${r.reason}`]);
    lines.push(`Rows set aside (rejected_rows.csv): ${[...byFile].map(([f, rs]) => `${f}: ${rs.join(', ')}`).join('; ')}.`);
  }
  lines.push(closeDateBasis(labels.distinctMissedDeals, labels.distinctMissedDealsFinalDates));
  return lines.map((l) => l + '\n').join('');
}
