// The earlier SQL of the score stage's rewritten statements, kept here only as the reference the
// rewrites are compared with (the same-tables, window-sums, deal-signals and deal-timeline tests).

/** Statements that build the earlier window sums' inputs (temp tables before_signal_daily, before_signal_lookups). */
export const BEFORE_SIGNAL_SETUP = [
  `CREATE OR REPLACE TEMP TABLE before_signal_daily AS
     SELECT partner_id, signal, observed_on, day_level,
            sum(day_sum) OVER w AS cum_sum, sum(day_n) OVER w AS cum_n
     FROM (
       SELECT partner_id, signal, observed_on, sum(value) AS day_sum, count(*) AS day_n, avg(value) AS day_level
       FROM signals
       WHERE observed_on <= (SELECT cutoff FROM run_info) AND signal IN (SELECT signal FROM model_signals WHERE NOT derived)
       GROUP BY ALL)
     WINDOW w AS (PARTITION BY partner_id, signal ORDER BY observed_on ROWS UNBOUNDED PRECEDING)`,
  `CREATE OR REPLACE TEMP TABLE before_signal_lookups AS
     SELECT ps.partner_id, ps.as_of, ms.signal, ms.aggregation, ms.window_days,
            (ps.as_of - to_days(ms.window_days))::DATE AS t0,
            (ps.as_of - to_days(2 * ms.window_days))::DATE AS t1
     FROM partner_snapshots ps CROSS JOIN model_signals ms WHERE NOT ms.derived`,
];

/** signal_values rows of window signals, as the earlier SQL computed them. */
export const BEFORE_WINDOW_VALUES = `
     WITH looked AS (
       SELECT q.partner_id, q.as_of, q.signal, q.aggregation, q.window_days, q.t0,
              a.observed_on AS last_obs, a.day_level AS last_level, a.cum_sum AS cs, a.cum_n AS cn,
              b.cum_sum AS cs0, b.cum_n AS cn0, b.observed_on AS obs0, c.cum_sum AS cs1
       FROM before_signal_lookups q
       ASOF LEFT JOIN before_signal_daily a ON a.partner_id = q.partner_id AND a.signal = q.signal AND a.observed_on <= q.as_of
       ASOF LEFT JOIN before_signal_daily b ON b.partner_id = q.partner_id AND b.signal = q.signal AND b.observed_on <= q.t0
       ASOF LEFT JOIN before_signal_daily c ON c.partner_id = q.partner_id AND c.signal = q.signal AND c.observed_on <= q.t1),
     valued AS (
       SELECT partner_id, as_of, signal, window_days,
         CASE aggregation
           -- an event count is 0 in a quiet window, but missing if the signal was never reported for the partner
           WHEN 'sum' THEN CASE WHEN last_obs IS NULL THEN NULL ELSE cs - coalesce(cs0, 0) END
           WHEN 'mean' THEN CASE WHEN cn - coalesce(cn0, 0) > 0 THEN (cs - coalesce(cs0, 0)) / (cn - coalesce(cn0, 0)) END
           WHEN 'last' THEN CASE WHEN last_obs > t0 THEN last_level END
           -- trend needs history reaching back past the window start (obs0 not null)
           WHEN 'trend' THEN CASE WHEN obs0 IS NOT NULL THEN
             relative_change(cs - cs0, cs0 - coalesce(cs1, 0)) END
         END AS raw_value,
         CASE WHEN aggregation = 'last' AND last_obs > t0 THEN last_obs END AS observed_on
       FROM looked)
     -- rounded to 1e-9 so floating-point summation order can never change a rank, a tie or a printed value
     SELECT partner_id, as_of, signal, window_days, round(raw_value, 9) AS raw_value, observed_on
     FROM valued WHERE raw_value IS NOT NULL`;

/** signal_values rows of deal-derived signals, as the earlier SQL computed them. */
export const BEFORE_DEAL_VALUES = `
     WITH q AS (
       SELECT ps.partner_id, ps.as_of, ms.signal, ms.window_days, (ps.as_of - to_days(ms.window_days))::DATE AS t0
       FROM partner_snapshots ps CROSS JOIN model_signals ms WHERE ms.derived),
     known AS (
       -- each deal registered by T, with its state at T (now) and at the window start (t0; absent if not yet registered)
       SELECT q.partner_id, q.as_of, q.signal, q.window_days, q.t0, d.deal_id, d.registered_on, d.closed_on, d.status,
              now.amount AS amount_now, now.is_open AS open_now, now.pushes AS pushes_now,
              t0.amount AS amount_then, t0.is_open AS open_then, coalesce(t0.pushes, 0) AS pushes_then
       FROM q JOIN deals d ON d.partner_id = q.partner_id AND d.registered_on <= q.as_of
       ASOF JOIN deal_timeline now ON now.deal_id = d.deal_id AND now.valid_from <= q.as_of
       ASOF LEFT JOIN deal_timeline t0 ON t0.deal_id = d.deal_id AND t0.valid_from <= q.t0),
     agg AS (
       SELECT q.partner_id, q.as_of, q.signal, q.window_days, q.t0,
         count(k.deal_id) FILTER (WHERE k.registered_on > q.t0) AS registered,
         coalesce(sum(k.amount_now) FILTER (WHERE k.open_now), 0) AS pipeline_now,
         coalesce(sum(k.amount_then) FILTER (WHERE k.open_then), 0) AS pipeline_then,
         count(k.deal_id) FILTER (WHERE k.closed_on > q.t0 AND k.closed_on <= q.as_of AND k.status = 'won') AS won,
         count(k.deal_id) FILTER (WHERE k.closed_on > q.t0 AND k.closed_on <= q.as_of AND k.status = 'lost') AS lost,
         avg(k.closed_on - k.registered_on) FILTER (WHERE k.closed_on > q.t0 AND k.closed_on <= q.as_of AND k.status = 'won') AS cycle,
         coalesce(sum(k.pushes_now - k.pushes_then), 0) AS pushes
       FROM q LEFT JOIN known k USING (partner_id, as_of, signal)
       GROUP BY ALL),
     started AS (SELECT partner_id, min(as_of) AS first_as_of FROM partner_snapshots GROUP BY partner_id)
     SELECT a.partner_id, a.as_of, a.signal, a.window_days, round(
       CASE a.signal
         WHEN 'deals_registered' THEN a.registered
         WHEN 'pipeline_amount' THEN a.pipeline_now
         -- the earlier pipeline is only meaningful if the partner existed then
         WHEN 'pipeline_trend' THEN CASE WHEN s.first_as_of <= a.t0 THEN relative_change(a.pipeline_now, a.pipeline_then) END
         WHEN 'win_rate' THEN CASE WHEN a.won + a.lost > 0 THEN a.won / (a.won + a.lost) END
         WHEN 'days_to_close' THEN a.cycle
         -- close dates pushed out in the window, as history recorded them by T (0 without history)
         WHEN 'close_date_pushes' THEN a.pushes
       END, 9) AS raw_value,
       NULL::DATE AS observed_on
     FROM agg a JOIN started s USING (partner_id)
     WHERE raw_value IS NOT NULL`;

/** The earlier SQL of deal_timeline (test/score/deal-timeline.test.ts): the day's last row by row_number over (deal_id, valid_from). */
export const BEFORE_DEAL_TIMELINE = `
  WITH hist AS (
    SELECT deal_id, changed_on AS valid_from, expected_close_on, amount, stage, 1 AS ord, row_number() OVER () AS k FROM deal_history),
  events AS (
    SELECT deal_id, registered_on AS valid_from, NULL::DATE AS expected_close_on, NULL::DOUBLE AS amount, NULL AS stage, 0 AS ord, 0 AS k FROM deals
    UNION ALL SELECT * FROM hist
    UNION ALL SELECT deal_id, closed_on, NULL, NULL, NULL, 2, 0 FROM deals WHERE closed_on IS NOT NULL),
  filled AS (
    SELECT e.deal_id, e.valid_from, e.ord, e.k,
           last_value(e.expected_close_on IGNORE NULLS) OVER upto AS hist_expected,
           last_value(e.expected_close_on IGNORE NULLS) OVER before AS prev_expected,
           e.expected_close_on AS set_expected,
           last_value(e.amount IGNORE NULLS) OVER upto AS hist_amount,
           last_value(e.stage IGNORE NULLS) OVER upto AS hist_stage
    FROM events e
    WINDOW upto AS (PARTITION BY e.deal_id ORDER BY e.valid_from, e.ord, e.k ROWS UNBOUNDED PRECEDING),
           before AS (PARTITION BY e.deal_id ORDER BY e.valid_from, e.ord, e.k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
  counted AS (
    SELECT f.*, coalesce(sum((f.set_expected > f.prev_expected AND open_at(d.registered_on, d.closed_on, f.valid_from))::INTEGER) OVER (
      PARTITION BY f.deal_id ORDER BY f.valid_from, f.ord, f.k ROWS UNBOUNDED PRECEDING), 0) AS pushes
    FROM filled f JOIN deals d USING (deal_id))
  SELECT c.deal_id, d.partner_id, c.valid_from, coalesce(c.hist_expected, d.expected_close_on) AS expected_close_on,
         coalesce(c.hist_amount, d.amount) AS amount, coalesce(c.hist_stage, d.stage) AS stage,
         open_at(d.registered_on, d.closed_on, c.valid_from) AS is_open, c.pushes
  FROM counted c JOIN deals d USING (deal_id)
  QUALIFY row_number() OVER (PARTITION BY c.deal_id, c.valid_from ORDER BY c.ord DESC, c.k DESC) = 1
  ORDER BY c.deal_id, c.valid_from`;
