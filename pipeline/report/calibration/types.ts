// View-model shapes of the calibration report (shared building blocks come from the backtest report).
import type { Figure, Kpi, ReportMeta, Table, Verdict } from '../backtest/types.js';

export type { Figure, Kpi, ReportMeta, Table, Verdict };

export interface CalibrationView {
  meta: ReportMeta;
  verdict: Verdict & { label: string };
  kpis: Kpi[];
  /** For 'insufficient': what is missing, in numbers (null otherwise). */
  missing: Table | null;
  weights: { lead: string; figure: Figure; table: Table };
  oot: { available: boolean; lead: string; figure: Figure | null; gainFigure: Figure | null; table: Table; test: string | null };
  lambda: { lead: string; figure: Figure | null };
  folds: { lead: string; table: Table };
  grid: { lead: string; table: Table | null };
  cutoffs: { lead: string; table: Table | null; notes: string[] };
  reassignments: { lead: string; matrix: Table | null; changes: Table | null; truncated: number };
  diff: { lead: string; table: Table };
  provenance: { table: Table; notes: string[] };
}
