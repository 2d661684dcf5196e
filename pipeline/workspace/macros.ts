// Domain predicates as SQL macros, defined once and installed on every workspace that is opened, so a
// rule like "a deal is open at T" has one home and no stage depends on another having run first.
import type { DuckDBConnection } from '@duckdb/node-api';

export const DOMAIN_MACROS: readonly string[] = [
  // A deal is open at T: registered by T and not closed by T (a deal closed after T was open at T).
  // The single place that decides it: deal-state-as-known-at-T rules belong here.
  `CREATE OR REPLACE TEMP MACRO open_at(registered_on, closed_on, t) AS
     registered_on <= t AND (closed_on IS NULL OR closed_on > t)`,
  // A snapshot's outcome is knowable: its horizon and grace have passed by the cutoff (else it is censored).
  `CREATE OR REPLACE TEMP MACRO uncensored(as_of, horizon_days, grace_days, cutoff) AS
     as_of + to_days(CAST(horizon_days AS INTEGER) + CAST(grace_days AS INTEGER)) <= cutoff`,
  // A sum of deal amounts (DOUBLE), added as exact decimals: a float sum's last bit depends on the order
  // DuckDB's threads add it in, and the same input must give the same bytes. Rows to leave out are NULL
  // (a macro takes no FILTER): amount_sum(CASE WHEN … THEN amount END).
  `CREATE OR REPLACE TEMP MACRO amount_sum(amount) AS sum(amount::DECIMAL(38, 6))::DOUBLE`,
  // Relative change of a window vs the prior window; from zero it is 0 (still nothing) or +100 %.
  `CREATE OR REPLACE TEMP MACRO relative_change(cur, prev) AS
     CASE WHEN prev > 0 THEN (cur - prev) / prev WHEN cur > 0 THEN 1.0 ELSE 0.0 END`,
  // The distinct reasons a rejected row was set aside for (its problems are joined with '; '), so a row
  // with two bad dates counts once under not_a_date.
  `CREATE OR REPLACE TEMP MACRO rejected_reasons(reason) AS list_distinct(string_split(reason, '; '))`,
];

export async function installMacros(connection: DuckDBConnection): Promise<void> {
  for (const sql of DOMAIN_MACROS) await connection.run(sql);
}
