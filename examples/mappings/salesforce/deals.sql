-- Deals from a Salesforce "Opportunities" report, exported as Details Only (CSV, US dates).
-- Salesforce keeps one Close Date: the expected close while open, the actual close once closed, and
-- only the latest value (the pushes are in opportunity_history.csv, mapped by deal_history.sql).
-- A date that does not parse is passed through as written, so the row is refused (or set aside)
-- with its value instead of silently becoming empty. __file and __row let messages name the line.
SELECT
  "Opportunity ID" AS deal_id,
  "Partner Account" AS partner_id,
  coalesce(strftime(try_strptime("Created Date", '%m/%d/%Y'), '%Y-%m-%d'), "Created Date") AS registered_on,
  coalesce(strftime(try_strptime("Close Date", '%m/%d/%Y'), '%Y-%m-%d'), "Close Date") AS expected_close_on,
  CASE WHEN "Closed" IN ('1', 'true') AND "Won" IN ('1', 'true') THEN 'won'
       WHEN "Closed" IN ('1', 'true') THEN 'lost'
       ELSE 'open' END AS status,
  replace("Amount", ',', '') AS amount,
  CASE WHEN "Closed" IN ('1', 'true')
       THEN coalesce(strftime(try_strptime("Close Date", '%m/%d/%Y'), '%Y-%m-%d'), "Close Date") END AS closed_on,
  "Stage" AS stage,
  __file, __row
FROM opportunities
