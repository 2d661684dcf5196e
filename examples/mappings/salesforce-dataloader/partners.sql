-- Partners: the accounts (Account.csv: Id, Name) that are some opportunity's PartnerAccountId.
SELECT a.Id AS partner_id, a.Name AS name
FROM account a
WHERE a.Id IN (SELECT PartnerAccountId FROM opportunity)
ORDER BY partner_id
