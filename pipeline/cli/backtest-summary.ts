// Compact plain-text summary of a backtest for the terminal (no colours, ~20 lines).
import type { BacktestResult, Interval } from '../backtest/types.js';

const f2 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(2));
const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const pct = (x: number | null, digits = 1): string => (x === null ? 'n/a' : `${(100 * x).toFixed(digits)}%`);
const ci3 = (c: Interval | null): string => (c ? `[${c[0].toFixed(3)}, ${c[1].toFixed(3)}]` : '[n/a]');
const ciPct = (c: Interval | null): string => (c ? `${pct(c[0])}–${pct(c[1])}` : 'n/a');
const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

export function formatBacktestSummary(r: BacktestResult): string {
  const level = Math.round(r.level * 100);
  const d = r.discrimination;
  const lines: string[] = [
    `Backtest — ${r.model.name} ${r.model.version}, cutoff ${r.cutoff}, horizon ${r.horizon_days} d, grace ${r.grace_days} d`,
    `Snapshots ${r.data_window.first_labelled_snapshot ?? 'n/a'} … ${r.data_window.last_labelled_snapshot ?? 'n/a'}: ` +
      `population ${r.population}, positives ${r.positives}, base rate ${pct(d.base_rate)}`,
    `  (excluded: ${r.counts.censored} censored, ${r.counts.unscored} unscored, ${r.counts.no_due_deal} without a due deal)`,
    `AUC ${f3(r.auc)} ${ci3(r.auc_ci)} (${level}% partner bootstrap)   Gini ${f3(d.gini)}   KS ${f3(d.ks)}   PR-AUC ${f3(d.pr_auc)}`,
    `Deal-level AUC ${f3(d.deal_level.auc)}   amount-weighted ${f3(d.deal_level.amount_weighted_auc)}`,
    r.challenger.sentence,
    '',
    `${pad('Band', 8)}${lpad('n', 7)}${lpad('missed', 8)}${lpad('rate', 8)}  ${pad(`${level}% interval`, 15)}${lpad('lift', 6)}`,
  ];
  for (const b of r.bands.rows) {
    lines.push(
      `${pad(b.band, 8)}${lpad(String(b.n), 7)}${lpad(String(b.positives), 8)}${lpad(pct(b.rate), 8)}  ${pad(ciPct(b.ci_jeffreys), 15)}${lpad(f2(b.lift), 6)}`,
    );
  }
  const red = r.bands.red;
  const ry = r.bands.red_or_yellow;
  lines.push(
    `Rates rise Green → Yellow → Red: ${r.bands.monotonic ? 'yes' : 'NO'}`,
    `Red: precision ${pct(red.precision)}, recall ${pct(red.recall)}   Red+Yellow: precision ${pct(ry.precision)}, recall ${pct(ry.recall)}`,
    '',
  );
  const lt = r.lead_time;
  lines.push(
    `Lead time (${lt.missed_deals} missed deals, ${lt.not_flagged} not flagged): ` +
      `≥30 d ${pct(lt.share_ge_30, 0)}, ≥60 d ${pct(lt.share_ge_60, 0)}, ≥90 d ${pct(lt.share_ge_90, 0)}` +
      (lt.quantiles ? `, median ${Math.round(lt.quantiles.p50)} d` : ''),
    `False alarms per partner-month: ${f3(lt.false_alarms.per_partner_month)}`,
  );
  const c = r.calibration;
  lines.push(
    `Calibration (out of time, n ${c.n}): slope ${f2(c.slope)}, intercept ${f2(c.intercept)}, Brier ${f3(c.brier)}, skill ${f3(c.brier_skill)}` +
      (c.note ? ` — ${c.note}` : ''),
  );
  const failed = r.leakage_checks.filter((x) => !x.passed);
  lines.push(failed.length === 0 ? `Leakage checks: all ${r.leakage_checks.length} passed` : `Leakage checks FAILED: ${failed.map((x) => x.check).join('; ')}`);
  return lines.join('\n');
}
