-- Partners: every Partner Account named on an opportunity (Salesforce "Opportunities" report; footer
-- rows dropped as in deals.sql). Partner Account is filled for orgs with partner relationship
-- management; elsewhere, add the partner column your org uses (a lookup, or an "Opportunities with
-- Partners" report) and name it here and in deals.sql.
SELECT DISTINCT "Partner Account" AS partner_id, "Partner Account" AS name
FROM opportunities
WHERE "Opportunity ID" IS NOT NULL AND "Stage" IS NOT NULL AND "Partner Account" IS NOT NULL
ORDER BY partner_id
