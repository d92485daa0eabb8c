-- A quote's per-SKU data grows with the catalogue: the request's SKU list (~250 bytes a SKU)
-- and the result's per-SKU table (landed cost per unit and postage picks per destination,
-- ~1.2 KB a SKU) — 15 MB for 10,000 SKUs. Parsing that into jsonb took longer than computing
-- the quote, and nobody queries inside it, so both lists are kept apart as one gzip-compressed
-- JSON document; `request` and `result` keep everything else. sku_count answers the quote list.
ALTER TABLE quotes ADD COLUMN sku_costs bytea;
ALTER TABLE quotes ADD COLUMN sku_count integer;
