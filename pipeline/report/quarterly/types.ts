// Options and view-model shapes of the quarterly health report. The view model is plain data
// (JSON-serialisable); charts are attached at render time (see render.ts).
import type { HealthModel } from '../../model/types.js';
import type { BacktestResult } from '../../backtest/index.js';
import type { BacktestQuality, DataWindow, DimensionWeightRow, SignalWeightRow } from '../common/index.js';
import type { EffectsSummary, PlaybookEffect } from '../../interventions/index.js';
import type { QuarterInfo } from '../../quarterly-data/index.js';
import type { ExpectedAtRisk } from './risk.js';
import type { ProofView } from './proof.js';
import type { Rollup } from './rollup.js';

export type { QuarterInfo } from '../../quarterly-data/index.js';

import type { PartnerPagesMode, SegmentField } from '../../settings.js';

export type { PartnerPagesMode, SegmentField };

export interface QuarterlyOptions {
  /** Which partners get a page (default 'all'). */
  partnerPages?: PartnerPagesMode;
  /** Cut the whole report to one segment, e.g. {field: 'region', value: 'EMEA'}. */
  segment?: { field: SegmentField; value: string } | undefined;
  /** At most this many partner pages (in watchlist order); the report says how many were left out. */
  maxPartnerPages?: number | undefined;
  /** The run's backtest: the proof on page one and the appendix's quality figures. */
  backtest?: BacktestResult | null;
  model: HealthModel;
  /** Watchlist partners shown with full evidence (the rest in a compact table; default 15). */
  watchlistDetail?: number;
  /** Heatmap rows (default 40). */
  heatmapRows?: number;
  /** Paper size for the PDF (default A4). */
  pageSize?: 'A4' | 'Letter';
  /** Seed of the interventions' partner bootstrap. */
  seed?: number;
  /** Link back to the index of packs (set when the report is one of several packs). */
  packIndex?: { href: string; label: string } | undefined;
}

export type BandKey = 'green' | 'yellow' | 'red' | 'none';

export interface BandCount {
  band: BandKey;
  label: string;
  count: number;
  previous: number | null;
  delta: string | null;
  /** "up" | "down" | "flat" for the KPI arrow. */
  trend: 'up' | 'down' | 'flat' | null;
  /** True when the change is good news (fewer Red, more Green). */
  good: boolean | null;
  share: number;
}

export interface Kpi {
  label: string;
  value: string;
  band?: string;
  delta: string | null;
  trend: 'up' | 'down' | 'flat' | null;
  good: boolean | null;
  note: string;
}

export interface ExecSummary {
  /** KPI cards, formatted (the kpi-card partial takes text). */
  kpis: Kpi[];
  partners: number;
  scored: number;
  bands: BandCount[];
  openPipeline: number;
  pipelineAtRisk: number;
  atRiskShare: number | null;
  atRiskPipelinePrevious: number | null;
  atRiskDelta: string | null;
  expectedAtRisk: ExpectedAtRisk;
  movedDown: number;
  recovered: number;
  headlines: string[];
}

export interface BandMix {
  /** Monthly counts for the chart: {as_of, band, label, count, ord}. */
  rows: Array<{ as_of: string; band: BandKey; label: string; count: number; ord: number }>;
  /** One row per quarter end for the table. */
  table: Array<{ quarter: string; as_of: string; green: number; yellow: number; red: number; none: number; total: number }>;
  text: string;
}

export interface MoverRow {
  partner_id: string;
  name: string;
  anchor: string | null;
  from: string;
  to: string;
  prev_composite: number | null;
  composite: number | null;
  delta: number | null;
  deltaText: string;
  reason: string;
  open_pipeline: number;
}

export interface Movers {
  down: MoverRow[];
  up: MoverRow[];
  transitions: Array<{ from: string; to: string; count: number; direction: 'down' | 'up' }>;
}

export interface WatchRow {
  rank: number;
  partner_id: string;
  name: string;
  anchor: string | null;
  type: string | null;
  manager: string | null;
  band: string;
  composite: number | null;
  deltaText: string;
  band_reason: string;
  open_pipeline: number;
  open_deals: number;
  playbook: string;
  action: string | null;
  why: WatchReason[];
}

/** A signal holding a watchlist partner below its cohort: its pull on the composite, and its recent change. */
export interface WatchReason {
  /** The signal's noun ("portal logins"), for the compact table. */
  signal: string;
  text: string;
  pull: string;
  change: string;
}

export interface Watchlist {
  total: number;
  red: number;
  yellow: number;
  detail: WatchRow[];
  rest: WatchRow[];
}

export interface HeatCell {
  score: number | null;
  cls: string;
}

export interface Heatmap {
  dimensions: Array<{ key: string; label: string }>;
  rows: Array<{ partner_id: string; name: string; anchor: string | null; band: string | null; composite: number | null; compositeCls: string; cells: HeatCell[] }>;
  total: number;
  shown: number;
  note: string;
}

export interface EvidenceRow {
  signal: string;
  dimension: string;
  value: string;
  window: string;
  cohort_median: string;
  previous: string;
  impact: number | null;
  text: string;
}

export interface DueDealRow {
  deal_id: string;
  amount: number;
  expected_close_on: string;
  stage: string;
  days_overdue: number | null;
  outcome: string;
}

export interface PartnerIntervention {
  started_on: string;
  playbook: string;
  owner: string | null;
  note: string | null;
  composite_t0: number | null;
  composite_t1: number | null;
  t1: string | null;
  delta: string;
  control_delta: string;
  effect: string;
  status: string;
}

export interface PartnerPage {
  anchor: string;
  partner_id: string;
  name: string;
  facts: Array<{ label: string; value: string }>;
  band: string | null;
  composite: number | null;
  coverage: number | null;
  deltaText: string;
  band_reason: string;
  playbook: string | null;
  action: string | null;
  trend: Array<{ as_of: string; composite: number | null; band: string | null }>;
  trendText: string;
  /** Monthly dimension scores of the last eight quarters (one line per dimension). */
  dimensionTrend: Array<{ as_of: string; dimension: string; score: number }>;
  dimensionTrendText: string;
  dimensions: Array<{ dimension: string; label: string; score: number | null; cohort_median: number | null; cohort_n: number }>;
  dimensionsText: string;
  cohortLabel: string;
  evidence: EvidenceRow[];
  dueDeals: DueDealRow[];
  dueAmount: number;
  /** Due deals not listed (beyond the largest DUE_DEALS_SHOWN). */
  dueDealsMore: number;
  /** Deals closed in the year to the quarter end, latest first. */
  recentDeals: Array<{ deal_id: string; amount: number; expected_close_on: string; closed_on: string; outcome: string; missed: boolean }>;
  recentMissed: number;
  recentWon: number;
  recentDealsMore: number;
  interventions: PartnerIntervention[];
}

export interface PartnerPages {
  mode: PartnerPagesMode;
  description: string;
  eligible: number;
  omitted: number;
  /** True when the quarter ended before the data cutoff, so due deals have a known outcome since. */
  showOutcome: boolean;
  outcomeNote: string;
  /** Settings the pages' wording depends on: the label horizon and the evidence's trend months. */
  horizonDays: number;
  trendMonths: number;
  pages: PartnerPage[];
}

export type PlaybookEffectView = PlaybookEffect & {
  label: string; ciText: string; effectText: string; treatedText: string; controlText: string; verdictLabel: string;
};

export interface InterventionsSection {
  playbooks: PlaybookEffectView[];
  overall: PlaybookEffectView;
  summary: EffectsSummary;
  lead: string;
}

export interface Methodology {
  model: { name: string; version: string; description: string };
  dimensions: DimensionWeightRow[];
  signals: SignalWeightRow[];
  bandRules: string[];
  minCoverage: number;
  cutoffs: { green_min: number; red_below: number };
  backtest: (BacktestQuality & { ciText: string; monotonicText: string | null }) | null;
  window: DataWindow;
  interventionsMethod: string;
}

export interface QuarterlyView {
  meta: { title: string; subtitle: string; cutoff: string | null; model: string; lang: string; pageSize: 'A4' | 'Letter' };
  quarter: QuarterInfo;
  /** The segment this pack covers (null: the whole program). */
  segment: { field: SegmentField; value: string; label: string } | null;
  packIndex: { href: string; label: string } | null;
  proof: ProofView | null;
  summary: ExecSummary;
  /** Program-wide reports only: partners and pipeline by manager, region and tier. */
  rollup: Rollup | null;
  bandMix: BandMix;
  movers: Movers;
  watchlist: Watchlist;
  heatmap: Heatmap;
  interventions: InterventionsSection;
  partnerPages: PartnerPages;
  methodology: Methodology;
}
