-- Deals from a HubSpot deals export (CRM > Deals > Export, CSV; the download,
-- hubspot-crm-exports-all-deals-<date>.csv, renamed to all-deals.csv). Dates come as "YYYY-MM-DD HH:MM"
-- in the portal's time zone (accepted as timestamps). Close Date is the expected close while open and
-- the close once closed; HubSpot keeps only its latest value (the pushes: deal_history.sql).
-- * Won/lost: the "Is Closed Won" and "Is Deal Closed?" properties when the export has them (right for
--   any pipeline), else the default pipeline's stage labels "Closed won" / "Closed lost".
-- * The partner: the deal's primary associated company id, else the first of its associated company
--   ids (a ';' list), else the first associated company name (an export without id columns).
-- Columns an export may lack are added as empty by the UNION BY NAME, so the query runs either way.
WITH export AS (
  SELECT * FROM (SELECT NULL::VARCHAR AS "Is Closed Won", NULL::VARCHAR AS "Is Deal Closed?",
                        NULL::VARCHAR AS "Associated Company IDs (Primary)", NULL::VARCHAR AS "Associated Company IDs",
                        NULL::VARCHAR AS "Associated Company" WHERE false)
  UNION ALL BY NAME SELECT * FROM all_deals),
deals AS (
  SELECT *, CASE WHEN report_bool("Is Closed Won") THEN 'won'
                 WHEN report_bool("Is Deal Closed?") THEN 'lost'
                 WHEN report_bool("Is Deal Closed?") = false THEN 'open'
                 WHEN lower("Deal Stage") = 'closed won' THEN 'won'
                 WHEN lower("Deal Stage") = 'closed lost' THEN 'lost'
                 ELSE 'open' END AS status
  FROM export)
SELECT
  "Record ID" AS deal_id,
  coalesce("Associated Company IDs (Primary)", split_part("Associated Company IDs", ';', 1),
           split_part("Associated Company", ';', 1)) AS partner_id,
  "Create Date" AS registered_on,
  "Close Date" AS expected_close_on,
  status,
  report_amount("Amount") AS amount,
  CASE WHEN status <> 'open' THEN "Close Date" END AS closed_on,
  "Deal Stage" AS stage,
  __file, __row
FROM deals
ORDER BY __row
