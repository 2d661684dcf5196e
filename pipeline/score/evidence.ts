// Evidence: for each partner-snapshot, the signals that moved the composite most, with raw values,
// windows, dates and the cohort comparison, as sentences a partner manager can check.
import type { Workspace } from '../workspace/db.js';
import { DIMENSION_POSITION_SQL, orderedSum, SIGNAL_POSITION_SQL, type Positions } from './ordered-sum.js';
import { monthIndex, positions } from './keys.js';
import { replaceView } from '../workspace/catalog.js';

/** How many evidence rows to keep per partner-snapshot. */
export const EVIDENCE_PER_SNAPSHOT = 5;

/**
 * impact = effective weight × (score now − score N months earlier), in composite points; when there is no
 * earlier score it is effective weight × (score − 50), the pull away from a neutral score. Effective weight
 * = signal's share within its dimension × dimension's share of the composite, both renormalised over what
 * is present, so the impacts of one snapshot explain the composite.
 */
export async function buildEvidence(ws: Workspace): Promise<void> {
  const n = await positions(ws);
  // A view: a function of tables the workspace keeps (signal and dimension scores, the model), so readers
  // (the quarterly data's one snapshot, notebooks) compute the rows they ask for. Written as a table, its
  // 5M rows cost more than computing them.
  await ws.exec(`CREATE OR REPLACE VIEW signal_impacts AS ${impactsSql(n)}`);
  // Scoring computes the same impacts on the stage's integer keys (keys.ts): the view's string joins (the
  // previous score looked up by partner_id, signal and as_of) were most of this step's time. The same
  // terms in the same order give the same bits: the weights with data per dimension are the `present`
  // dimension scores summed, and the view's test holds the two equal.
  await ws.exec(
    `CREATE OR REPLACE TABLE evidence_values AS
     WITH dim_total AS (
       SELECT pid, as_of, ${orderedSum('dimension_weight', 'dk', n.dimensions)} AS total
       FROM dimension_scored WHERE score IS NOT NULL GROUP BY pid, as_of),
     dim_present AS (
       SELECT d.pid, d.as_of, d.dk, d.dimension_weight / t.total AS dim_share, d.present
       FROM dimension_scored d JOIN dim_total t USING (pid, as_of) WHERE d.score IS NOT NULL),
     eff AS (
       -- each score with its signal's dimension and weight first (16 rows), then its dimension's share: joined
       -- the other way round, DuckDB built a hash table of every dimension share × signal (2.7M rows on M)
       SELECT s.* EXCLUDE (dk, weight), d.dim_share * s.weight / d.present AS effective_weight
       FROM (SELECT s.*, ms.dk, ms.weight FROM scored s JOIN signal_keys ms USING (sig)) s
       JOIN dim_present d ON d.pid = s.pid AND d.as_of = s.as_of AND d.dk = s.dk),
     impacts AS (
       SELECT e.pid, e.sig, e.as_of, e.raw_value, e.observed_on, e.cohort_median, e.cohort_n, e.score,
              prev.raw_value AS prior_raw_value, prev.score AS prior_score,
              CASE WHEN prev.score IS NOT NULL THEN e.effective_weight * (e.score - prev.score)
                   ELSE e.effective_weight * (e.score - 50) END AS impact
       FROM eff e CROSS JOIN model_params p
       -- snapshots are month ends, so the one N months earlier is the one N month numbers earlier
       LEFT JOIN (SELECT pid, sig, ${monthIndex('as_of')} AS month_no, raw_value, score FROM scored) prev
         ON prev.pid = e.pid AND prev.sig = e.sig AND prev.month_no = ${monthIndex('e.as_of')} - p.trend_months),
     top AS (
       -- sig orders as the signal's name does
       SELECT *, row_number() OVER (PARTITION BY pid, as_of ORDER BY round(abs(impact), 6) DESC, sig) AS rank
       FROM impacts QUALIFY rank <= ${EVIDENCE_PER_SNAPSHOT})
     SELECT pid, as_of, rank, sig, raw_value, observed_on, cohort_median, cohort_n, score, prior_raw_value, prior_score, impact
     FROM top ORDER BY pid, as_of, rank`,
  );
  // named by a view, as signal_scores is (signal-scores.ts: a text column costs ~4× an integer one to write)
  await replaceView(ws, 'evidence_rows',
    `SELECT k.partner_id, t.as_of, t.rank, ms.dimension, ms.signal, t.raw_value, ms.window_days, t.observed_on, t.cohort_median,
            t.cohort_n, t.score, t.prior_raw_value, t.prior_score, t.impact
     FROM evidence_values t JOIN signal_keys ms USING (sig) JOIN partner_keys k USING (pid)
     ORDER BY t.pid, t.as_of, t.rank`);
  // The sentences are a function of each row and the model tables, so `evidence` is a view that writes
  // them for the rows a reader asks for (the quarterly report's one snapshot, an export's rank 1): on M,
  // writing all 850k of them cost ~1.4 CPU s and storing them ~0.7 s of the stage's 5.4; a full read
  // costs ~1.5 CPU s. Sorted as the table was, so an unordered read shows the rows in the same order.
  // A workspace scored by a version before this one holds `evidence` as a table: replaceView drops it.
  await replaceView(ws, 'evidence',
    `SELECT e.*, evidence_text(ms.signal, ms.noun, ms.noun_one, ms.aggregation, e.raw_value, e.window_days, e.as_of, e.observed_on,
                               e.cohort_median, e.prior_raw_value, p.trend_months) AS text
     FROM evidence_rows e JOIN model_signals ms USING (signal) CROSS JOIN model_params p
     ORDER BY e.partner_id, e.as_of, e.rank`);
}

/**
 * The `signal_impacts` rows. Positions come from the model tables inside the query (a view cannot read
 * this connection's temporary tables); `n` sizes the fixed-order sums, as in every other score table.
 */
function impactsSql(n: Positions): string {
  return `WITH signal_position AS (${SIGNAL_POSITION_SQL}), dimension_position AS (${DIMENSION_POSITION_SQL}),
     dim_total AS (
       -- totals summed in a fixed order (see ordered-sum.ts), so impacts are the same in every run
       SELECT d.partner_id, d.as_of, ${orderedSum('d.dimension_weight', 'o.pos', n.dimensions)} AS total
       FROM dimension_scores d JOIN dimension_position o USING (dimension) WHERE d.score IS NOT NULL GROUP BY ALL),
     dim_present AS (
       SELECT d.partner_id, d.as_of, d.dimension, d.dimension_weight / t.total AS dim_share
       FROM dimension_scores d JOIN dim_total t USING (partner_id, as_of) WHERE d.score IS NOT NULL),
     sig_total AS (
       SELECT s.partner_id, s.as_of, s.dimension, ${orderedSum('s.weight', 'o.pos', n.signalsPerDimension)} AS total
       FROM signal_scores s JOIN signal_position o USING (signal) GROUP BY ALL),
     eff AS (
       SELECT s.*, d.dim_share * s.weight / t.total AS effective_weight
       FROM signal_scores s JOIN dim_present d USING (partner_id, as_of, dimension)
       JOIN sig_total t USING (partner_id, as_of, dimension))
     SELECT e.partner_id, e.as_of, e.dimension, e.signal, e.raw_value, e.window_days, e.observed_on,
            e.cohort_median, e.cohort_n, e.segment, e.score, e.effective_weight,
            prev.raw_value AS prior_raw_value, prev.score AS prior_score,
            CASE WHEN prev.score IS NOT NULL THEN e.effective_weight * (e.score - prev.score)
                 ELSE e.effective_weight * (e.score - 50) END AS impact
     FROM eff e CROSS JOIN model_params p
     LEFT JOIN signal_scores prev ON prev.partner_id = e.partner_id AND prev.signal = e.signal
       AND prev.as_of = last_day(e.as_of - to_months(p.trend_months))`;
}

/** SQL macros that format evidence sentences, e.g. "4 portal logins in the 90 days to 30 Sep 2025, cohort median 38". */
export async function defineEvidenceMacros(ws: Workspace): Promise<void> {
  await ws.exec(
    // numbers as the reports print them: a real minus sign (vocabulary/number-formats.ts `signed`), never a hyphen
    `CREATE OR REPLACE MACRO fmt_value(sig, v) AS replace(
       CASE WHEN v IS NULL THEN 'n/a'
            WHEN round(100 * v) = 0 AND sig IN ('revenue', 'pipeline_trend', 'win_rate') THEN '0%' -- no sign on a zero
            WHEN sig IN ('revenue', 'pipeline_trend') THEN (CASE WHEN v > 0 THEN '+' ELSE '' END) || printf('%.0f%%', 100 * v)
            WHEN sig = 'win_rate' THEN printf('%.0f%%', 100 * v)
            WHEN sig = 'pipeline_amount' THEN '$' || printf('%,.0f', v)
            WHEN v = round(v) THEN printf('%,.0f', v)
            ELSE printf('%.1f', round(v, 6)) END, '-', '−')`,
  );
  // dates as the reports print them, "31 Dec 2025" (vocabulary/number-formats.ts `date`; a test holds the two equal)
  await ws.exec(`CREATE OR REPLACE MACRO fmt_day(d) AS strftime(d::DATE, '%-d %b %Y')`);
  await ws.exec(
    `CREATE OR REPLACE MACRO evidence_text(sig, noun, noun_one, agg, v, win, as_of, obs, med, prior, months) AS
       CASE agg
         WHEN 'last' THEN noun || ': ' || fmt_value(sig, v) || ' as of ' || fmt_day(coalesce(obs, as_of))
         WHEN 'trend' THEN noun || ' ' || fmt_value(sig, v) || ' over the ' || win || ' days to ' || fmt_day(as_of)
                           || ' vs the ' || win || ' days before'
         WHEN 'mean' THEN noun || ' ' || fmt_value(sig, v) || ' in the ' || win || ' days to ' || fmt_day(as_of)
         -- a count: "1 deal registered", "2 deals registered"
         ELSE fmt_value(sig, v) || ' ' || CASE WHEN v = 1 THEN noun_one ELSE noun END || ' in the ' || win || ' days to ' || fmt_day(as_of) END
       || ', cohort median ' || fmt_value(sig, med)
       || CASE WHEN prior IS NOT NULL THEN ' (' || months || ' months earlier: ' || fmt_value(sig, prior) || ')' ELSE '' END`,
  );
}
