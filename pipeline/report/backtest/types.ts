// View-model shapes of the backtest report. Plain data: numbers are formatted here (sentences) or by
// template helpers (tables); charts are described as Figures and rendered to SVG only at render time.
import type { FormatName } from '../../vocabulary/number-formats.js';

/** A chart to render: a spec file in templates/charts with its named datasets and text alternative. */
export interface Figure {
  spec: string;
  data: Record<string, unknown[]>;
  title: string;
  description: string;
}

export interface Column {
  key: string;
  label: string;
  /** A named format (vocabulary/number-formats.ts), or text / band / date. */
  format?: 'text' | 'date' | 'band' | FormatName;
  digits?: number;
  numeric?: boolean;
}

export interface Table {
  columns: Column[];
  rows: Record<string, unknown>[];
  caption?: string;
  empty?: string;
}

export interface Kpi {
  label: string;
  value: string;
  note?: string;
  band?: 'green' | 'yellow' | 'red';
}

/** Overall tone of a verdict banner: maps to the callout colour. */
export type Tone = 'green' | 'yellow' | 'red' | 'neutral';

export interface Verdict {
  tone: Tone;
  headline: string;
  /** Plain-language sentences, most important first. */
  points: string[];
}

export interface ReportMeta {
  title: string;
  subtitle: string;
  cutoff: string;
  model: string;
  footer?: string;
}

export interface ConfusionView {
  title: string;
  rule: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: string;
  recall: string;
  fpr: string;
  flagged: string;
}

export interface CheckView {
  check: string;
  passed: boolean;
  detail: string;
}

export interface BacktestView {
  meta: ReportMeta;
  verdict: Verdict;
  kpis: Kpi[];
  discrimination: { lead: string; table: Table; figure: Figure };
  challenger: { lead: string; table: Table };
  bands: { lead: string; table: Table; figure: Figure };
  confusion: { lead: string; red: ConfusionView; redOrYellow: ConfusionView; thresholds: Table; thresholdsText: string };
  leadTime: { lead: string; figure: Figure; table: Table };
  calibration: { lead: string; figure: Figure | null; table: Table; note: string | null };
  stability: { lead: string; aucFigure: Figure | null; aucTable: Table; psiFigure: Figure | null; psiTable: Table; psiLead: string; migration: Table; migrationLead: string };
  dimensions: { lead: string; figure: Figure | null; table: Table };
  window: { lead: string; funnel: Table; dates: Table };
  leakage: { lead: string; allPassed: boolean; checks: CheckView[] };
  methodology: { items: Array<{ term: string; text: string }> };
}
