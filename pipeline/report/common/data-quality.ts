// The data-quality section both the backtest report and the quarterly appendix show, from `data_quality`.
import type { Workspace } from '../../workspace/db.js';
import { nullable, num, text, type RowOf } from '../../workspace/rows.js';
import { humanize, plural } from './text.js';
import type { FormatName } from '../../vocabulary/number-formats.js';
import { hasTable } from '../../workspace/catalog.js';

interface Column { key: string; label: string; format?: 'text' | 'date' | FormatName; digits?: number; numeric?: boolean }
interface Table { columns: Column[]; rows: Record<string, unknown>[] }

export interface DataQualityView {
  lead: string;
  inputs: Table;
  freshness: Table;
  coverage: Table;
  stopped: string[];
  noData: { count: number; text: string };
  rejected: Table;
}

const FACT = { check: text, input: text, subject: nullable(text), value: num, first_on: nullable(text), last_on: nullable(text) };
type Fact = RowOf<typeof FACT>;

const MAX_LISTED = 12;

export async function dataQualityView(ws: Workspace): Promise<DataQualityView | null> {
  if (!(await hasTable(ws, 'data_quality'))) return null;
  const facts = await ws.rows(FACT, 'SELECT "check", input, subject, value, first_on::VARCHAR AS first_on, last_on::VARCHAR AS last_on FROM data_quality');
  const of = (check: string): Fact[] => facts.filter((f) => f.check === check);
  // rows set aside, by input (`rejected_rows` facts: input → file, rows)
  const setAside = new Map(of('rejected_rows').map((r) => [r.input, r.value]));

  const inputs = of('rows').filter((r) => r.value > 0 || r.input !== 'deal_history');
  const quarters = [...new Set(of('coverage').map((c) => c.first_on!))].sort().slice(-8);
  const dims = [...new Set(of('coverage').map((c) => c.subject!))];
  const coverageRows = dims.map((d) => {
    const row: Record<string, unknown> = { dimension: humanize(d) };
    for (const q of quarters) row[q] = of('coverage').find((c) => c.subject === d && c.first_on === q)?.value ?? null;
    return row;
  });
  const noData = of('no_data').map((n) => n.subject!);
  const stopped = of('stopped').map((s) => `${s.subject}: last on ${s.last_on}, ${s.value} days before the cut-off`);
  const rejectedTotal = [...setAside.values()].reduce((a, b) => a + b, 0);
  return {
    lead: [
      `${plural(inputs.filter((r) => r.value > 0).length, 'input')} with data`,
      rejectedTotal ? `${plural(rejectedTotal, 'row')} set aside in rejected_rows.csv` : 'no rows set aside',
      stopped.length ? `${plural(stopped.length, 'signal')} stopped reporting` : 'every signal reports up to the cut-off',
      noData.length ? `${plural(noData.length, 'partner')} without any data` : 'every partner has data',
    ].join('; ') + '.',
    inputs: {
      columns: [
        { key: 'input', label: 'Input' }, { key: 'rows', label: 'Rows used', format: 'count' }, { key: 'aside', label: 'Set aside', format: 'count' },
        { key: 'first', label: 'First date', format: 'date' }, { key: 'last', label: 'Last date', format: 'date' },
      ],
      rows: inputs.map((r) => ({ input: r.input, rows: r.value, aside: setAside.get(r.input) ?? 0, first: r.first_on, last: r.last_on })),
    },
    freshness: {
      columns: [
        { key: 'subject', label: 'Signal / source' }, { key: 'last', label: 'Last observed', format: 'date' },
        { key: 'days', label: 'Days before cut-off', format: 'count' },
      ],
      rows: of('freshness').map((f) => ({ subject: f.subject, last: f.last_on, days: f.value })),
    },
    coverage: {
      columns: [{ key: 'dimension', label: 'Dimension' }, ...quarters.map((q) => ({ key: q, label: q, format: 'share' as const }))],
      rows: coverageRows,
    },
    stopped,
    noData: {
      count: noData.length,
      text: noData.length === 0 ? '' : noData.slice(0, MAX_LISTED).join(', ') + (noData.length > MAX_LISTED ? ` and ${noData.length - MAX_LISTED} more` : ''),
    },
    rejected: {
      columns: [{ key: 'file', label: 'File' }, { key: 'reason', label: 'Reason' }, { key: 'rows', label: 'Rows with it', format: 'count' }],
      rows: of('rejected').map((r) => ({ file: r.input, reason: r.subject, rows: r.value })),
    },
  };
}

/** Report options that carry the data-quality section. */
export interface WithDataQuality {
  dataQuality?: DataQualityView | null;
}
