// RFC 4180 CSV text: fields containing a comma, quote, CR or LF are quoted, quotes doubled.
// Lines end with LF. Kept allocation-light because the scale benchmark writes ~10M rows.
import type { DealHistoryRow, DealRow, InterventionRow, PartnerRow, SignalRow } from './types.js';
import { csvQuote } from '../io/csv.js';

export { csvQuote };

/** Column order of each demo file: exactly the input-contract names. */
export const COLUMNS = {
  partners: ['partner_id', 'name', 'type', 'tier', 'region', 'manager', 'joined_on'],
  signals: ['partner_id', 'signal', 'observed_on', 'value', 'source'],
  deals: ['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on', 'stage'],
  interventions: ['partner_id', 'started_on', 'playbook', 'owner', 'note'],
  deal_history: ['deal_id', 'changed_on', 'expected_close_on', 'amount', 'stage', 'status'],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof COLUMNS;
export const TABLES: readonly TableName[] = ['partners', 'signals', 'deals', 'interventions', 'deal_history'];

export interface RowsOf {
  partners: PartnerRow;
  signals: SignalRow;
  deals: DealRow;
  interventions: InterventionRow;
  deal_history: DealHistoryRow;
}

export function csvHeader(table: TableName): string {
  return `${COLUMNS[table].join(',')}\n`;
}

/** Rows as CSV lines (no header), each terminated by LF. */
export function csvLines<T extends TableName>(table: T, rows: readonly RowsOf[T][]): string {
  const cols = COLUMNS[table] as readonly string[];
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown as Record<string, string | number>;
    let line = csvQuote(r[cols[0]!]);
    for (let j = 1; j < cols.length; j++) line += `,${csvQuote(r[cols[j]!])}`;
    parts[i] = `${line}\n`;
  }
  return parts.join('');
}
