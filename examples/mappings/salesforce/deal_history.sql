-- Deal history from a Salesforce "Opportunity History" report (CSV, renamed to opportunity_history.csv):
-- one row per save that changed Stage, Amount, Probability or Close Date, with the values after the
-- change; "Last Modified" is when. The first row of each opportunity is its creation, so the values at
-- registration are known. Add only the history's own Close Date (not the opportunity's current one).
-- Footer rows and the date order are handled as in deals.sql. Rows are ordered by the full time of the
-- change: of two changes on one day, the later one is the day's state.
WITH rows AS (SELECT * FROM opportunity_history WHERE "Opportunity ID" IS NOT NULL AND "Last Modified" IS NOT NULL),
locale AS (SELECT day_first(list("Close Date") || list("Last Modified"), 'opportunity_history.csv') AS d FROM rows)
SELECT
  "Opportunity ID" AS deal_id,
  report_date("Last Modified", locale.d) AS changed_on,
  report_date("Close Date", locale.d) AS expected_close_on,
  report_amount("Amount") AS amount,
  "To Stage" AS stage,
  CASE "To Stage" WHEN 'Closed Won' THEN 'won' WHEN 'Closed Lost' THEN 'lost' ELSE 'open' END AS status,
  __file, __row
FROM rows, locale
ORDER BY "Opportunity ID", report_time("Last Modified", locale.d), __row
