-- SCMS mapping, signals: each vendor's delivery record, observed on the day the delivery was recorded
-- (when SCMS knew it, not when it happened), so a snapshot sees only deliveries recorded by then.
--   days_late  = delivered − scheduled, in days (negative when early)
--   late_share = 1 when delivered after the scheduled date, else 0 (its mean is the late rate)
WITH d AS (
  SELECT vendor, __file, __row,
         try_strptime("scheduled delivery date", '%d-%b-%y')::DATE AS scheduled,
         try_strptime("delivered to client date", '%d-%b-%y')::DATE AS delivered,
         coalesce(strftime(try_strptime("delivery recorded date", '%d-%b-%y'), '%Y-%m-%d'), "delivery recorded date") AS recorded
  FROM supply_chain_shipment_pricing_data
  WHERE "fulfill via" = 'Direct Drop')
SELECT vendor AS partner_id, 'days_late' AS signal, recorded AS observed_on, delivered - scheduled AS value, 'scms' AS source, __file, __row FROM d
UNION ALL
SELECT vendor, 'late_share', recorded, (delivered > scheduled)::INTEGER, 'scms', __file, __row FROM d
ORDER BY __row, signal
