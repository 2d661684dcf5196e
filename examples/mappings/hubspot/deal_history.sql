-- Deal history from HubSpot property history, flattened to one row per entry (deal_id, property, value,
-- timestamp), as the API's propertiesWithHistory=dealstage,closedate,amount gives it written out, and as
-- warehouse connectors store it (e.g. deal_property_history with a `name` column: rename it property).
-- HubSpot has no history export in its UI. The oldest entry of each property is its value at creation.
-- * Timestamps are ISO UTC (2024-09-20T15:05:30.000Z), read as their UTC date; legacy epoch
--   milliseconds are converted. A close date picked in a portal east of UTC may land a day earlier.
-- * Entries are ordered by their full time; the API lists the newest first, so of two entries with
--   the same time the one later in the file is the older.
-- * stage is the internal stage id; status is won/lost only for the default pipeline's closedwon /
--   closedlost (a deal's final status comes from deals.sql either way).
WITH entries AS (
  SELECT *, coalesce(TRY_CAST("timestamp" AS TIMESTAMP),
                     CASE WHEN regexp_full_match("timestamp", '[0-9]{12,13}') THEN make_timestamp("timestamp"::BIGINT * 1000) END) AS changed_at
  FROM deal_property_history
  WHERE property IN ('closedate', 'amount', 'dealstage'))
SELECT
  deal_id,
  coalesce(strftime(changed_at, '%Y-%m-%d'), "timestamp") AS changed_on,
  CASE property WHEN 'closedate' THEN value END AS expected_close_on,
  CASE property WHEN 'amount' THEN value END AS amount,
  CASE property WHEN 'dealstage' THEN value END AS stage,
  CASE WHEN property = 'dealstage' THEN CASE value WHEN 'closedwon' THEN 'won' WHEN 'closedlost' THEN 'lost' ELSE 'open' END END AS status,
  __file, __row
FROM entries
ORDER BY deal_id, changed_at, __row DESC
