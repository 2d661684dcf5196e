-- SCMS mapping, deals: a deal is one shipment line of a Direct Drop vendor.
--   registered_on     = "po sent to vendor date" (the order; "Date Not Captured" stays as written, so the
--                       row is set aside as an impossible date, visibly, not dropped in this query)
--   expected_close_on = "scheduled delivery date"; closed_on = "delivered to client date"; all are delivered
--   amount            = "line item value" (USD)
-- A miss is a delivery after the scheduled date: run with --grace 0.
SELECT
  id AS deal_id,
  vendor AS partner_id,
  coalesce(strftime(try_strptime("po sent to vendor date", '%m/%d/%Y'), '%Y-%m-%d'), "po sent to vendor date") AS registered_on,
  coalesce(strftime(try_strptime("scheduled delivery date", '%d-%b-%y'), '%Y-%m-%d'), "scheduled delivery date") AS expected_close_on,
  'won' AS status,
  "line item value" AS amount,
  coalesce(strftime(try_strptime("delivered to client date", '%d-%b-%y'), '%Y-%m-%d'), "delivered to client date") AS closed_on,
  "shipment mode" AS stage,
  __file, __row
FROM supply_chain_shipment_pricing_data
WHERE "fulfill via" = 'Direct Drop'
