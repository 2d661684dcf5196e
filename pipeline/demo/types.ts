// Row shapes of the input contract (exact column names) plus the demo's truth side-channel.

export type Dimension = 'engagement' | 'capability' | 'performance';
export const DIMENSIONS: readonly Dimension[] = ['engagement', 'capability', 'performance'];

export type Archetype = 'healthy' | 'middling' | 'decliner' | 'recoverer' | 'new';
export const ARCHETYPES: readonly Archetype[] = ['healthy', 'middling', 'decliner', 'recoverer', 'new'];

export type PartnerType = 'SI' | 'reseller' | 'ISV' | 'MSP' | 'referral';
export type Tier = 'Platinum' | 'Gold' | 'Silver' | 'Registered';
export type Region = 'NA' | 'EMEA' | 'APAC' | 'LATAM';
export type DealStatus = 'won' | 'lost' | 'open';
export type Playbook = 'outreach_call' | 'exec_sponsor' | 'targeted_enablement' | 'co_funding';

export interface PartnerRow {
  partner_id: string;
  name: string;
  type: PartnerType;
  tier: Tier;
  region: Region;
  manager: string;
  joined_on: string;
}

export interface SignalRow {
  partner_id: string;
  signal: string;
  observed_on: string;
  value: number;
  source: string;
}

export interface DealRow {
  deal_id: string;
  partner_id: string;
  registered_on: string;
  expected_close_on: string;
  status: DealStatus;
  amount: number;
  /** Empty string while the deal is open. */
  closed_on: string;
  /** Pipeline stage for open deals; empty once closed. */
  stage: string;
}

/** One change of a deal, as a CRM's opportunity history keeps it: blank fields did not change. */
export interface DealHistoryRow {
  deal_id: string;
  changed_on: string;
  expected_close_on: string;
  amount: number | '';
  stage: string;
  status: DealStatus | '';
}

export interface InterventionRow {
  partner_id: string;
  started_on: string;
  playbook: Playbook;
  owner: string;
  note: string;
}

export type DimensionWeights = Record<Dimension, number>;

/** Latent monthly health per dimension in [0, 1]; NaN before the partner joined. */
export type LatentPath = Record<Dimension, number[]>;

/** What the generator knows and the CSVs do not: used by tests and calibration checks. */
export interface PartnerTruth {
  partner_id: string;
  archetype: Archetype;
  /** First month-end of the decline (decliners, recoverers), else null. */
  decline_start: string | null;
  latent: LatentPath;
}

export interface DemoOptions {
  seed?: number;
  partners?: number;
  months?: number;
  /** Last month-end of the data window, ISO YYYY-MM-DD. */
  end?: string;
  /** Variant: P(miss) depends on exactly this weighting of the latent dimensions, which evolve independently. */
  trueDimensionWeights?: DimensionWeights;
}

export interface DemoData {
  partners: PartnerRow[];
  signals: SignalRow[];
  deals: DealRow[];
  interventions: InterventionRow[];
  deal_history: DealHistoryRow[];
  /** Side-channel, never written to CSV. */
  truth: PartnerTruth[];
}

/** Everything one partner contributes; the unit both writers share. */
export interface PartnerBundle {
  partner: PartnerRow;
  signals: SignalRow[];
  deals: DealRow[];
  interventions: InterventionRow[];
  deal_history: DealHistoryRow[];
  truth: PartnerTruth;
}
