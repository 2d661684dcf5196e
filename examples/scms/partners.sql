-- SCMS mapping, partners: a partner is a vendor that ships directly to the client country ("Direct
-- Drop"). Shipments "From RDC" come from SCMS's own regional distribution centres (vendor "SCMS from
-- RDC"): they were never ordered from a vendor, have no PO date, and are left out of every mapping.
SELECT DISTINCT vendor AS partner_id, vendor AS name, 'vendor' AS type
FROM supply_chain_shipment_pricing_data
WHERE "fulfill via" = 'Direct Drop'
ORDER BY partner_id
