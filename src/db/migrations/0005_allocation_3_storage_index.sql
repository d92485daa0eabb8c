-- The daily storage snapshot reads a warehouse's ledger rows after its cutoff (units at the
-- cutoff = units now − what moved since), so it needs them by warehouse and time.
CREATE INDEX inventory_ledger_warehouse_time_idx ON inventory_ledger (warehouse_id, created_at);
