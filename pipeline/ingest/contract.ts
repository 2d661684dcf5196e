// The input contract: which files a data directory holds and what each column must contain.

export type ColumnKind = 'id' | 'text' | 'date' | 'number' | 'status';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  required: boolean;
  /** A date of something that happened: it cannot lie after today (a typo there would move the cutoff). */
  past?: boolean;
}

export type InputName = 'partners' | 'signals' | 'deals' | 'interventions' | 'deal_history';

export interface InputSpec {
  /** Base name of the file (partners.csv, partners.parquet, partners.json …). */
  name: InputName;
  required: boolean;
  columns: ColumnSpec[];
  /** Column whose values must be unique, if any. */
  key?: string;
  /** Whether rows refer to a partner that must exist in `partners`. */
  refersToPartner: boolean;
  /** Whether rows refer to a deal that must exist in `deals`. */
  refersToDeal?: boolean;
}

const col = (name: string, kind: ColumnKind, required = true): ColumnSpec => ({ name, kind, required });
const event = (name: string, required = true): ColumnSpec => ({ name, kind: 'date', required, past: true });

export const INPUTS: InputSpec[] = [
  {
    name: 'partners',
    required: true,
    key: 'partner_id',
    refersToPartner: false,
    columns: [
      col('partner_id', 'id'), col('name', 'text'), col('type', 'text', false), col('tier', 'text', false),
      col('region', 'text', false), col('manager', 'text', false), event('joined_on', false),
    ],
  },
  {
    name: 'signals',
    required: true,
    refersToPartner: true,
    columns: [col('partner_id', 'id'), col('signal', 'id'), event('observed_on'), col('value', 'number'), col('source', 'text', false)],
  },
  {
    name: 'deals',
    required: true,
    key: 'deal_id',
    refersToPartner: true,
    columns: [
      col('deal_id', 'id'), col('partner_id', 'id'), event('registered_on'), col('expected_close_on', 'date'),
      col('status', 'status'), col('amount', 'number'), event('closed_on', false), col('stage', 'text', false),
    ],
  },
  {
    name: 'interventions',
    required: false,
    refersToPartner: true,
    columns: [col('partner_id', 'id'), event('started_on'), col('playbook', 'text'), col('owner', 'text', false), col('note', 'text', false)],
  },
  {
    // One row per change of a deal, as CRMs keep it (Salesforce Opportunity History, HubSpot property
    // history): the values a field took from `changed_on` on; blank = unchanged by this row.
    name: 'deal_history',
    required: false,
    refersToPartner: false,
    refersToDeal: true,
    columns: [
      col('deal_id', 'id'), event('changed_on'), col('expected_close_on', 'date', false), col('amount', 'number', false),
      col('stage', 'text', false), col('status', 'status', false),
    ],
  },
];

export const DEAL_STATUSES = ['won', 'lost', 'open'] as const;
export const SUPPORTED_EXTENSIONS = ['.csv', '.parquet', '.json', '.ndjson', '.jsonl', '.xlsx', '.sql'] as const;
