-- Deal history from a Salesforce "Opportunity History" report (CSV): one row per save that changed
-- Stage, Amount, Probability or Close Date, with the values after the change; "Last Modified" is when.
-- The first row of each opportunity is its creation, so the values at registration are known.
SELECT
  "Opportunity ID" AS deal_id,
  coalesce(strftime(coalesce(try_strptime("Last Modified", '%m/%d/%Y %I:%M %p'), try_strptime("Last Modified", '%m/%d/%Y')), '%Y-%m-%d'),
           "Last Modified") AS changed_on,
  coalesce(strftime(try_strptime("Close Date", '%m/%d/%Y'), '%Y-%m-%d'), "Close Date") AS expected_close_on,
  replace("Amount", ',', '') AS amount,
  "To Stage" AS stage,
  CASE "To Stage" WHEN 'Closed Won' THEN 'won' WHEN 'Closed Lost' THEN 'lost' ELSE 'open' END AS status,
  __file, __row
FROM opportunity_history
