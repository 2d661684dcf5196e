-- Partners: the company associated with each deal in a HubSpot deals export (partner-sourced deals
-- associated with the partner's company record).
SELECT DISTINCT "Associated Company" AS partner_id, "Associated Company" AS name
FROM all_deals
WHERE "Associated Company" IS NOT NULL
ORDER BY partner_id
