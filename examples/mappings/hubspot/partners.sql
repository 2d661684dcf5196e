-- Partners: the companies deals.sql takes as each deal's partner (partner-sourced deals associated with
-- the partner's company record), named by the matching company name column. Same fallbacks as deals.sql.
WITH export AS (
  SELECT * FROM (SELECT NULL::VARCHAR AS "Associated Company IDs (Primary)", NULL::VARCHAR AS "Associated Company (Primary)",
                        NULL::VARCHAR AS "Associated Company IDs", NULL::VARCHAR AS "Associated Company" WHERE false)
  UNION ALL BY NAME SELECT * FROM all_deals)
SELECT partner_id, min(name) AS name
FROM (
  SELECT coalesce("Associated Company IDs (Primary)", split_part("Associated Company IDs", ';', 1), split_part("Associated Company", ';', 1)) AS partner_id,
         CASE WHEN "Associated Company IDs (Primary)" IS NOT NULL THEN "Associated Company (Primary)"
              ELSE split_part("Associated Company", ';', 1) END AS name
  FROM export)
WHERE partner_id IS NOT NULL
GROUP BY partner_id
ORDER BY partner_id
