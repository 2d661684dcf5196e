-- Deal history from Salesforce field history (OpportunityFieldHistory via Data Loader: OpportunityId,
-- CreatedDate, Field, OldValue, NewValue, IsDeleted). Each row is one changed field, with the value
-- before and after; only fields with history tracking on appear (turn it on for Close Date, Amount and
-- Stage). Unlike Opportunity History there is no row holding the values at creation, so one is made:
-- at each opportunity's CreatedDate (from Opportunity.csv), each tracked field's OldValue at its
-- earliest change. A field never changed is left empty (it kept the value the opportunity has now).
-- Rows are ordered by the full time of the change; the creation row comes first.
-- status is won/lost for the standard stage names "Closed Won"/"Closed Lost" (with custom closed stages,
-- join OpportunityStage's IsWon/IsClosed); a deal's final status comes from deals.sql either way.
WITH changes AS (
  SELECT OpportunityId AS deal_id, TRY_CAST(CreatedDate AS TIMESTAMP) AS changed_at, CreatedDate, Field, OldValue, NewValue, __file, __row
  FROM opportunityfieldhistory
  WHERE Field IN ('CloseDate', 'Amount', 'StageName') AND NOT coalesce(report_bool(IsDeleted), false)),
created AS (
  SELECT c.deal_id, TRY_CAST(o.CreatedDate AS TIMESTAMP) AS changed_at, o.CreatedDate,
         arg_min(c.OldValue, c.changed_at) FILTER (WHERE c.Field = 'CloseDate') AS close_date,
         arg_min(c.OldValue, c.changed_at) FILTER (WHERE c.Field = 'Amount') AS amount,
         arg_min(c.OldValue, c.changed_at) FILTER (WHERE c.Field = 'StageName') AS stage,
         o.__file, o.__row
  FROM changes c JOIN opportunity o ON o.Id = c.deal_id
  GROUP BY c.deal_id, o.CreatedDate, o.__file, o.__row),
rows AS (
  SELECT deal_id, changed_at, CreatedDate, close_date, amount, stage, 0 AS k, __file, __row FROM created
  UNION ALL
  SELECT deal_id, changed_at, CreatedDate,
         CASE Field WHEN 'CloseDate' THEN NewValue END, CASE Field WHEN 'Amount' THEN NewValue END,
         CASE Field WHEN 'StageName' THEN NewValue END, 1, __file, __row
  FROM changes)
SELECT
  deal_id,
  CreatedDate AS changed_on,
  close_date AS expected_close_on,
  report_amount(amount) AS amount,
  stage,
  CASE WHEN stage = 'Closed Won' THEN 'won' WHEN stage = 'Closed Lost' THEN 'lost' WHEN stage IS NOT NULL THEN 'open' END AS status,
  __file, __row
FROM rows
ORDER BY deal_id, changed_at, k, __row
