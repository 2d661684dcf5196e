// Signal observations for one partner, month by month, in the long format of the contract.
// Counts are drawn from latent health × size; levels drift toward a health-driven target so
// they move slowly, as real headcounts do; ratings are noisy and sometimes never reported.
import { randNormal, type Rng } from '../stats/random.js';
import { isoDay, monthIndexOf, type MonthSpan } from './calendar.js';
import type { WonDeal } from './deals.js';
import { clamp, lognormal, poisson, round, uniformInt } from './sampling.js';
import type { LatentPath, PartnerType, SignalRow } from './types.js';

export interface SignalContext {
  partnerId: string;
  type: PartnerType;
  size: number;
  grid: MonthSpan[];
  latent: LatentPath;
  joinMonth: number;
  joinDay: number;
  declineStart: number | null;
  won: WonDeal[];
}

/** Share of weekly system rows lost to export outages: realistic gaps for the pipeline to handle. */
const OUTAGE_RATE = 0.02;
/** Share of won deals whose delivery gets a CSAT survey back. */
const CSAT_RESPONSE_RATE = 0.7;

/** Move a level toward its target by a bounded, slightly noisy step. */
function drift(rng: Rng, level: number, target: number, maxStep: number): number {
  if (level < 0) return Math.max(0, target);
  const step = clamp(Math.round((target - level) * 0.5 + randNormal(rng, 0, 0.5)), -maxStep, maxStep);
  return Math.max(0, level + step);
}

/** Day number 4 (1970-01-05) was a Monday. */
function firstMonday(day: number): number {
  return day + ((((4 - day) % 7) + 7) % 7);
}

function isQuarterEnd(span: MonthSpan): boolean {
  return Number(isoDay(span.last).slice(5, 7)) % 3 === 0;
}

/** Won deals become revenue in their closing month and a CSAT survey some months later. */
function bucketWon(rng: Rng, ctx: SignalContext): { revenue: number[]; csatDays: number[][] } {
  const months = ctx.grid.length;
  const endDay = ctx.grid[months - 1]!.last;
  const revenue = new Array<number>(months).fill(0);
  const csatDays: number[][] = Array.from({ length: months }, () => []);
  for (const w of ctx.won) {
    revenue[monthIndexOf(ctx.grid, w.closedDay)]! += w.amount;
    const done = w.closedDay + uniformInt(rng, 45, 150);
    if (done <= endDay && rng() < CSAT_RESPONSE_RATE) csatDays[monthIndexOf(ctx.grid, done)]!.push(done);
  }
  return { revenue, csatDays };
}

export function generateSignals(rng: Rng, ctx: SignalContext): SignalRow[] {
  const rows: SignalRow[] = [];
  const pid = ctx.partnerId;
  const push = (signal: string, day: number, value: number, source: string) => {
    rows.push({ partner_id: pid, signal, observed_on: isoDay(day), value, source });
  };
  // Some partners never fill in QBR surveys; referral partners have no sandbox or technical staff.
  const reportsSentiment = rng() > 0.08;
  const hasSandbox = ctx.type !== 'referral' && rng() > 0.1;
  const hasTechStaff = ctx.type !== 'referral';
  const sz = Math.sqrt(ctx.size);
  const { revenue, csatDays } = bucketWon(rng, ctx);
  let certified = -1;
  let fte = -1;
  let accounts = -1;
  let lead = -1;

  for (let m = ctx.joinMonth; m < ctx.grid.length; m++) {
    const span = ctx.grid[m]!;
    const first = Math.max(span.first, ctx.joinDay);
    const e = ctx.latent.engagement[m]!;
    const c = ctx.latent.capability[m]!;
    const p = ctx.latent.performance[m]!;

    // Weekly system exports (portal, LMS), every Monday.
    for (let day = firstMonday(span.first); day <= span.last; day += 7) {
      if (day < first) continue;
      if (rng() >= OUTAGE_RATE) push('portal_logins', day, poisson(rng, sz * 10 * e ** 1.3 + 0.2), 'portal');
      if (rng() >= OUTAGE_RATE) push('content_downloads', day, poisson(rng, sz * 4 * e), 'portal');
      if (rng() >= OUTAGE_RATE) push('training_completions', day, poisson(rng, sz * 1.5 * c), 'lms');
      if (hasSandbox && rng() >= OUTAGE_RATE) push('sandbox_activity', day, poisson(rng, sz * 12 * c ** 1.5), 'portal');
      if (rng() >= OUTAGE_RATE) push('event_attendance', day, poisson(rng, ctx.size ** 0.4 * 0.5 * e ** 1.2), 'portal');
    }

    // Engagement: each answered outreach is one response-time observation.
    const outreach = 1 + poisson(rng, 3);
    for (let i = 0; i < outreach; i++) {
      const hours = lognormal(rng, 3 + 70 * (1 - e) ** 2, 0.45);
      push('response_hours', uniformInt(rng, first, span.last), round(hours, 1), 'crm');
    }
    push('exec_meetings', span.last, poisson(rng, ctx.size ** 0.4 * 1.4 * e ** 1.5), 'crm');

    // Capability levels, as of month end.
    certified = drift(rng, certified, Math.round(ctx.size * 7 * c), 3);
    push('certified_staff', span.last, certified, 'lms');
    if (hasTechStaff) {
      fte = drift(rng, fte, Math.round(ctx.size * 3 * c), 1);
      push('technical_fte', span.last, fte, 'crm');
    }
    // Hysteresis so a practice lead does not flicker; reported on change and re-confirmed quarterly.
    const nextLead = c > 0.55 ? 1 : c < 0.35 ? 0 : lead < 0 ? (c >= 0.45 ? 1 : 0) : lead;
    if (nextLead !== lead || isQuarterEnd(span)) push('practice_lead', span.last, nextLead, 'crm');
    lead = nextLead;

    // Performance and coverage.
    const services = ctx.size * 12_000 * p * lognormal(rng, 1, 0.25);
    push('revenue', span.last, Math.round((services + revenue[m]!) / 100) * 100, 'crm');
    push('customer_expansions', span.last, poisson(rng, sz * 0.8 * p ** 1.5), 'crm');
    for (const day of csatDays[m]!) {
      push('delivery_csat', day, clamp(round(randNormal(rng, 1.8 + 3 * p, 0.35), 1), 1, 5), 'survey');
    }
    accounts = drift(rng, accounts, Math.round(ctx.size * 10 * (0.25 + 0.375 * (e + p))), 2);
    push('accounts_covered', span.last, accounts, 'crm');

    // Sentiment: a quarterly QBR rating, late in the quarter's last month.
    if (reportsSentiment && isQuarterEnd(span)) {
      const rating = clamp(Math.round(1 + 4 * (0.6 * e + 0.4 * p) + randNormal(rng, 0, 0.45)), 1, 5);
      push('relationship_sentiment', Math.max(first, span.last - uniformInt(rng, 0, 10)), rating, 'survey');
    }

    // External news: rare, and more often bad while a partner is sliding.
    const sliding = ctx.declineStart !== null && m >= ctx.declineStart && m <= ctx.declineStart + 6;
    if (rng() < (sliding ? 0.15 : 0.025)) {
      const mean = sliding ? -0.5 : ((e + c + p) / 3 - 0.45) * 1.5;
      push('external_news', uniformInt(rng, first, span.last), clamp(round(randNormal(rng, mean, 0.3), 2), -1, 1), 'news');
    }
  }
  return rows;
}
