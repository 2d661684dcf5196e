-- Deals from Salesforce's Opportunity object as Data Loader (or the weekly Data Export) writes it:
-- API names as headers, dates as 2024-12-31, date-times as ISO UTC (2024-12-31T10:00:00.000Z, read as
-- their UTC date), IsClosed/IsWon as true/false, 18-character ids. Export Id, PartnerAccountId,
-- StageName, Amount, CloseDate, IsClosed, IsWon, CreatedDate to Opportunity.csv.
-- The partner is PartnerAccountId (orgs with partner relationship management). Elsewhere use the
-- OpportunityPartner object (AccountToId of the row with IsPrimary = true) or your own lookup field;
-- where the account is the reseller, AccountId.
SELECT
  Id AS deal_id,
  PartnerAccountId AS partner_id,
  CreatedDate AS registered_on,
  CloseDate AS expected_close_on,
  CASE WHEN report_bool(IsWon) THEN 'won'
       WHEN report_bool(IsClosed) THEN 'lost'
       WHEN NOT report_bool(IsClosed) THEN 'open'
       ELSE IsClosed END AS status,
  report_amount(Amount) AS amount,
  CASE WHEN report_bool(IsClosed) THEN CloseDate END AS closed_on,
  StageName AS stage,
  __file, __row
FROM opportunity
ORDER BY __row
