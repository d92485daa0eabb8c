-- A quote's per-SKU table (landed cost per unit and postage picks per destination) grows
-- with the catalogue: ~1.2 KB per SKU, 12 MB for 10,000 SKUs. Parsing that into jsonb took
-- longer than computing the quote, and nobody queries inside it, so it is kept apart as
-- gzip-compressed JSON. `result` keeps the summary and the fee lines.
ALTER TABLE quotes ADD COLUMN sku_costs bytea;
