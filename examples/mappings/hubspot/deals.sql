-- Deals from a HubSpot deals export (CRM > Deals > Export, CSV; the download renamed to all-deals.csv).
-- HubSpot dates come as "YYYY-MM-DD HH:MM" (accepted as timestamps). Close Date is the expected close
-- while open and the close once a deal is in a closed stage; HubSpot keeps only its latest value.
SELECT
  "Record ID" AS deal_id,
  "Associated Company" AS partner_id,
  "Create Date" AS registered_on,
  "Close Date" AS expected_close_on,
  CASE lower("Deal Stage") WHEN 'closed won' THEN 'won' WHEN 'closed lost' THEN 'lost' ELSE 'open' END AS status,
  "Amount" AS amount,
  CASE WHEN lower("Deal Stage") IN ('closed won', 'closed lost') THEN "Close Date" END AS closed_on,
  "Deal Stage" AS stage,
  __file, __row
FROM all_deals
