-- Inventory core: one ledger of stock movements, the balances it maintains, and allocation.
--
-- The ledger is the truth. Every movement is an immutable row carrying signed deltas for the
-- buckets it moves (inbound, on hand, allocated, damaged) and for the physical units at a
-- location. A trigger applies each row to its lot and location in the same statement, so the
-- balances can never disagree with the ledger, and CHECK constraints make an oversell (more
-- allocated than on hand) or negative stock impossible whatever the application does.
-- docs/inventory.md explains the model.

-- Which warehouses an account may keep stock in and ship from (staff grant them).
CREATE TABLE account_warehouses (
  account_id uuid NOT NULL REFERENCES accounts (id),
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, warehouse_id)
);

-- Gap-free numbers for documents people quote to each other (ASN-2026-000042, RMA-…).
-- Taken with UPDATE … RETURNING inside the creating transaction, so a rollback returns it.
CREATE TABLE number_sequences (
  kind text NOT NULL,
  scope text NOT NULL,
  next_value bigint NOT NULL CHECK (next_value > 0),
  PRIMARY KEY (kind, scope)
);

-- Where units physically sit in a warehouse: zone-aisle-shelf-bin, with a type that decides
-- how storage is charged (per bin / shelf / pallet) and an optional capacity.
CREATE TABLE locations (
  id uuid PRIMARY KEY,
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  code text NOT NULL,
  zone text,
  aisle text,
  shelf text,
  bin text,
  location_type text NOT NULL CHECK (location_type IN ('bin', 'shelf', 'pallet', 'floor', 'staging', 'damaged', 'outbound', 'returns')),
  capacity_units integer CHECK (capacity_units > 0),
  capacity_cubic_feet numeric(12, 3) CHECK (capacity_cubic_feet > 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX locations_code_key ON locations (warehouse_id, lower(code));

-- A lot is one SKU's stock from one receipt (an inbound plan, a return, a transfer, a kit
-- build) in one warehouse. Its received date drives FIFO allocation and storage ageing.
-- The bucket columns are maintained only by the ledger trigger below.
CREATE TABLE inventory_lots (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  sku_id uuid NOT NULL REFERENCES skus (id),
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  code text NOT NULL,
  source_type text NOT NULL CHECK (source_type IN ('inbound', 'return', 'transfer', 'adjustment', 'kit_build', 'count')),
  source_id uuid,
  -- Ageing starts here; a lot moved between warehouses keeps the date of its first receipt.
  received_on date,
  inbound integer NOT NULL DEFAULT 0 CHECK (inbound >= 0),
  on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  allocated integer NOT NULL DEFAULT 0 CHECK (allocated >= 0),
  damaged integer NOT NULL DEFAULT 0 CHECK (damaged >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The no-oversell guarantee, enforced by the database itself.
  CONSTRAINT inventory_lots_no_oversell CHECK (allocated <= on_hand)
);
CREATE INDEX inventory_lots_sku_idx ON inventory_lots (sku_id, warehouse_id, received_on, id);
CREATE INDEX inventory_lots_account_idx ON inventory_lots (account_id, warehouse_id);
CREATE UNIQUE INDEX inventory_lots_code_key ON inventory_lots (account_id, lower(code));

-- Units of a lot at a location. Sum over a lot's locations = on_hand + damaged.
CREATE TABLE location_stock (
  lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  location_id uuid NOT NULL REFERENCES locations (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  quantity integer NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (lot_id, location_id)
);
CREATE INDEX location_stock_location_idx ON location_stock (location_id);

CREATE TABLE inventory_ledger (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES accounts (id),
  sku_id uuid NOT NULL REFERENCES skus (id),
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  movement text NOT NULL CHECK (movement IN (
    'inbound_expected', 'inbound_cancelled', 'receive', 'putaway', 'allocate', 'release', 'pick', 'ship',
    'adjust', 'damage', 'transfer_out', 'transfer_in', 'return', 'dispose', 'count', 'kit_build', 'kit_consume', 'relocate'
  )),
  inbound_delta integer NOT NULL DEFAULT 0,
  on_hand_delta integer NOT NULL DEFAULT 0,
  allocated_delta integer NOT NULL DEFAULT 0,
  damaged_delta integer NOT NULL DEFAULT 0,
  location_id uuid REFERENCES locations (id),
  location_delta integer NOT NULL DEFAULT 0,
  reason_code text,
  note text,
  -- The record that caused it: an inbound plan, an allocation's reference, a return, a count…
  source_type text NOT NULL,
  source_id text NOT NULL,
  user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK (location_delta = 0 OR location_id IS NOT NULL)
);
CREATE INDEX inventory_ledger_sku_idx ON inventory_ledger (account_id, sku_id, seq);
CREATE INDEX inventory_ledger_lot_idx ON inventory_ledger (lot_id, seq);
CREATE INDEX inventory_ledger_source_idx ON inventory_ledger (source_type, source_id);

-- Apply one ledger row to its lot and location. Named errors so the application can tell
-- a seller which bucket would have gone negative instead of echoing a constraint name.
CREATE FUNCTION landed_apply_ledger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  lot inventory_lots%ROWTYPE;
BEGIN
  UPDATE inventory_lots
     SET inbound = inbound + NEW.inbound_delta,
         on_hand = on_hand + NEW.on_hand_delta,
         allocated = allocated + NEW.allocated_delta,
         damaged = damaged + NEW.damaged_delta,
         updated_at = NEW.created_at
   WHERE id = NEW.lot_id
     AND inbound + NEW.inbound_delta >= 0
     AND on_hand + NEW.on_hand_delta >= 0
     AND allocated + NEW.allocated_delta >= 0
     AND damaged + NEW.damaged_delta >= 0
     AND allocated + NEW.allocated_delta <= on_hand + NEW.on_hand_delta;
  IF NOT FOUND THEN
    SELECT * INTO lot FROM inventory_lots WHERE id = NEW.lot_id;
    RAISE EXCEPTION 'insufficient stock in lot % (inbound %, on hand %, allocated %, damaged %) for % of (%, %, %, %)',
      lot.code, lot.inbound, lot.on_hand, lot.allocated, lot.damaged, NEW.movement,
      NEW.inbound_delta, NEW.on_hand_delta, NEW.allocated_delta, NEW.damaged_delta
      USING ERRCODE = 'LD001';
  END IF;
  IF NEW.location_delta <> 0 THEN
    INSERT INTO location_stock AS s (lot_id, location_id, account_id, quantity)
    VALUES (NEW.lot_id, NEW.location_id, NEW.account_id, NEW.location_delta)
    ON CONFLICT (lot_id, location_id) DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity;
    IF EXISTS (SELECT 1 FROM location_stock WHERE lot_id = NEW.lot_id AND location_id = NEW.location_id AND quantity < 0) THEN
      RAISE EXCEPTION 'insufficient units of lot % at location %', NEW.lot_id, NEW.location_id USING ERRCODE = 'LD002';
    END IF;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER inventory_ledger_apply AFTER INSERT ON inventory_ledger FOR EACH ROW EXECUTE FUNCTION landed_apply_ledger();

-- The ledger is append-only for everyone, the application role included.
CREATE FUNCTION landed_ledger_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the inventory ledger is append-only' USING ERRCODE = 'LD003';
END
$$;
CREATE TRIGGER inventory_ledger_no_update BEFORE UPDATE OR DELETE ON inventory_ledger FOR EACH ROW EXECUTE FUNCTION landed_ledger_immutable();

-- One row per (reference, lot) reserved for an order. `reference` is the order's id in
-- Landed or, before the orders module, the caller's own order reference.
CREATE TABLE allocations (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  reference text NOT NULL,
  line_no integer NOT NULL,
  sku_id uuid NOT NULL REFERENCES skus (id),
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  status text NOT NULL CHECK (status IN ('allocated', 'released', 'picked', 'shipped')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX allocations_reference_idx ON allocations (account_id, reference);
CREATE INDEX allocations_lot_idx ON allocations (lot_id) WHERE status = 'allocated';

-- Makes allocation idempotent per order: the second request with a reference gets the
-- first one's answer, whatever happened in between.
CREATE TABLE allocation_requests (
  account_id uuid NOT NULL REFERENCES accounts (id),
  reference text NOT NULL,
  status text NOT NULL CHECK (status IN ('allocated', 'short', 'released')),
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, reference)
);

-- Per-channel share of the shared pool: hold back a buffer, never show more than a cap.
-- sku_id NULL is the account's default for the channel.
CREATE TABLE channel_stock_rules (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  channel text NOT NULL CHECK (channel IN ('tiktok_shop', 'shopify', 'instagram', 'facebook', 'youtube', 'erp', 'other')),
  sku_id uuid REFERENCES skus (id),
  safety_buffer integer NOT NULL DEFAULT 0 CHECK (safety_buffer >= 0),
  cap integer CHECK (cap >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX channel_stock_rules_key ON channel_stock_rules (account_id, channel, coalesce(sku_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Outbox of "availability changed" events for the channel connectors to push. One row per
-- SKU per transaction that moved availability; consumers read after their last seq.
CREATE TABLE inventory_outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  sku_id uuid NOT NULL REFERENCES skus (id),
  kind text NOT NULL CHECK (kind IN ('availability_changed')),
  created_at timestamptz NOT NULL
);
CREATE INDEX inventory_outbox_account_idx ON inventory_outbox (account_id, seq);

-- Every operation that can be charged writes one row here; the billing module rates them.
-- Schema documented in docs/billable-events.md. idempotency_key makes a retried operation
-- write its event once.
CREATE TABLE billable_events (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  kind text NOT NULL,
  warehouse_id uuid REFERENCES warehouses (id),
  occurred_at timestamptz NOT NULL,
  quantity numeric(18, 4) NOT NULL,
  unit text NOT NULL,
  attributes jsonb NOT NULL DEFAULT '{}',
  source_type text NOT NULL,
  source_id text NOT NULL,
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX billable_events_idempotency_key ON billable_events (account_id, idempotency_key);
CREATE INDEX billable_events_account_idx ON billable_events (account_id, occurred_at);

-- Units per lot per location type at a warehouse's daily cutoff: the base of storage fees.
CREATE TABLE storage_snapshots (
  snapshot_date date NOT NULL,
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  sku_id uuid NOT NULL REFERENCES skus (id),
  lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  location_type text NOT NULL,
  units integer NOT NULL CHECK (units > 0),
  cubic_feet numeric(14, 4) NOT NULL,
  age_days integer NOT NULL CHECK (age_days >= 0),
  taken_at timestamptz NOT NULL,
  PRIMARY KEY (snapshot_date, lot_id, location_type)
);
CREATE INDEX storage_snapshots_account_idx ON storage_snapshots (account_id, snapshot_date);

ALTER TABLE account_warehouses ENABLE ROW LEVEL SECURITY;
CREATE POLICY account_warehouses_read ON account_warehouses FOR SELECT USING (landed_can_see(account_id));
CREATE POLICY account_warehouses_write ON account_warehouses FOR ALL USING (landed_is_provider()) WITH CHECK (landed_is_provider());

ALTER TABLE number_sequences ENABLE ROW LEVEL SECURITY;
CREATE POLICY number_sequences_all ON number_sequences USING (true) WITH CHECK (true);

ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
CREATE POLICY locations_read ON locations FOR SELECT USING (true);
CREATE POLICY locations_insert ON locations FOR INSERT WITH CHECK (landed_is_provider());
CREATE POLICY locations_update ON locations FOR UPDATE USING (landed_is_provider()) WITH CHECK (landed_is_provider());

-- Stock rows are written by operations the seller starts (allocation, adjustments on its own
-- goods are staff-only at the service layer), so the wall is the account, as elsewhere.
ALTER TABLE inventory_lots ENABLE ROW LEVEL SECURITY;
CREATE POLICY inventory_lots_tenant ON inventory_lots USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE location_stock ENABLE ROW LEVEL SECURITY;
CREATE POLICY location_stock_tenant ON location_stock USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE inventory_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY inventory_ledger_tenant ON inventory_ledger USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE allocations ENABLE ROW LEVEL SECURITY;
CREATE POLICY allocations_tenant ON allocations USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE allocation_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY allocation_requests_tenant ON allocation_requests USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE channel_stock_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY channel_stock_rules_tenant ON channel_stock_rules USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE inventory_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY inventory_outbox_tenant ON inventory_outbox USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE billable_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY billable_events_tenant ON billable_events USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE storage_snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY storage_snapshots_tenant ON storage_snapshots USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON account_warehouses TO landed_app;
GRANT SELECT, INSERT, UPDATE ON number_sequences, locations, inventory_lots, location_stock, allocations, allocation_requests, channel_stock_rules TO landed_app;
GRANT DELETE ON channel_stock_rules TO landed_app;
GRANT SELECT, INSERT ON inventory_ledger, inventory_outbox, billable_events, storage_snapshots TO landed_app;
GRANT DELETE ON storage_snapshots TO landed_app;
