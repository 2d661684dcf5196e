-- Partners: every Partner Account named on an opportunity (Salesforce "Opportunities" report).
SELECT DISTINCT "Partner Account" AS partner_id, "Partner Account" AS name
FROM opportunities
WHERE "Partner Account" IS NOT NULL
ORDER BY partner_id
