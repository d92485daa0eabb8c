-- Returns, value-added work orders, kits and exit plans.
--
-- A return authorisation (RMA) is what a parcel coming back is received against: the seller
-- asks for one, a channel's return creates one, or the returns bench records an unexpected
-- parcel. Each line is inspected, graded and given a disposition; stock enters the ledger
-- (0004) only then, through 'return' movements, so an uninspected unit is never sellable.
-- Work orders are the warehouse's bench tasks (QC, photos, relabel, kitting, disposal,
-- shipping stock back): building kits consumes component lots and makes a kit lot in one
-- transaction. An exit plan decides what happens to all of an account's remaining stock and
-- is carried out as work orders. docs/inventory.md ("Returns, value-added work and exit").

CREATE TABLE return_authorisations (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- RMA-2026-000042, gap-free per year (number_sequences kind 'rma').
  number text NOT NULL,
  source text NOT NULL CHECK (source IN ('seller', 'channel', 'unexpected')),
  channel text CHECK (channel IN ('tiktok_shop', 'shopify', 'instagram', 'facebook', 'youtube', 'erp', 'other')),
  -- The channel's own id of the return: the same channel return delivered twice is one RMA.
  channel_return_id text,
  order_reference text,
  -- The warehouse the parcel comes back to (a returns centre or a fulfilment warehouse).
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  carrier text,
  tracking_number text,
  -- What the buyer said, and what the bench scanned for an unexpected parcel.
  reason text,
  scanned_code text,
  note text,
  status text NOT NULL CHECK (status IN ('authorised', 'received', 'inspected', 'closed', 'cancelled')),
  -- The processing clock: authorised → received → inspected → closed.
  authorised_at timestamptz NOT NULL,
  received_at timestamptz,
  inspected_at timestamptz,
  closed_at timestamptz,
  cancelled_at timestamptz,
  created_by uuid REFERENCES users (id),
  received_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((channel_return_id IS NULL) OR (channel IS NOT NULL)),
  CHECK (source <> 'channel' OR channel_return_id IS NOT NULL)
);
CREATE UNIQUE INDEX return_authorisations_number_key ON return_authorisations (number);
CREATE UNIQUE INDEX return_authorisations_channel_key ON return_authorisations (account_id, channel, channel_return_id)
  WHERE channel_return_id IS NOT NULL;
CREATE INDEX return_authorisations_account_idx ON return_authorisations (account_id, id);
CREATE INDEX return_authorisations_queue_idx ON return_authorisations (warehouse_id, status);
CREATE INDEX return_authorisations_tracking_idx ON return_authorisations (lower(tracking_number)) WHERE tracking_number IS NOT NULL;

-- Work orders come before return lines, which point at the relabel or ship-back order a
-- disposition created.
CREATE TABLE work_orders (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- WO-2026-000042, gap-free per year (number_sequences kind 'wo').
  number text NOT NULL,
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  kind text NOT NULL CHECK (kind IN ('qc', 'photos', 'relabel', 'kitting', 'dekitting', 'disposal', 'ship_back', 'transfer_out')),
  status text NOT NULL CHECK (status IN ('requested', 'in_progress', 'done', 'cancelled')),
  -- The SKU worked on; for kitting and dekitting, the kit SKU.
  sku_id uuid REFERENCES skus (id),
  quantity integer NOT NULL CHECK (quantity > 0 AND quantity <= 1000000),
  units_done integer CHECK (units_done >= 0),
  minutes integer CHECK (minutes >= 0),
  instructions text,
  -- Where stock leaving the building goes (ship back, transfer out).
  destination text,
  -- { photos: [file names or URLs], note }; required to complete a disposal.
  evidence jsonb,
  completion_note text,
  source_type text NOT NULL CHECK (source_type IN ('request', 'return', 'exit_plan')),
  source_id uuid,
  source_line_id uuid,
  requested_by uuid REFERENCES users (id),
  started_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  completed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (units_done IS NULL OR units_done <= quantity),
  CHECK (kind NOT IN ('relabel', 'kitting', 'dekitting', 'disposal', 'ship_back', 'transfer_out') OR sku_id IS NOT NULL),
  CHECK (source_type = 'request' OR source_id IS NOT NULL)
);
CREATE UNIQUE INDEX work_orders_number_key ON work_orders (number);
CREATE INDEX work_orders_account_idx ON work_orders (account_id, id);
CREATE INDEX work_orders_queue_idx ON work_orders (warehouse_id, status);
CREATE INDEX work_orders_source_idx ON work_orders (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE return_lines (
  id uuid PRIMARY KEY,
  return_id uuid NOT NULL REFERENCES return_authorisations (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  line_no integer NOT NULL CHECK (line_no > 0),
  sku_id uuid NOT NULL REFERENCES skus (id),
  -- Units the RMA announced; 0 for a SKU found in the parcel that was not announced.
  expected_quantity integer NOT NULL CHECK (expected_quantity >= 0),
  received_quantity integer NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
  -- A line inspected in parts (2 units A, 1 unit D) is split: the part keeps its own row.
  split_from_line_id uuid REFERENCES return_lines (id),
  -- A resellable as is, B resellable after relabel/repack, C damaged, D destroy.
  grade char(1) CHECK (grade IN ('A', 'B', 'C', 'D')),
  disposition text CHECK (disposition IN ('restock', 'relabel_restock', 'destroy', 'return_to_china')),
  -- { photos: [file names or URLs], note }; required for destroy.
  evidence jsonb,
  inspected_at timestamptz,
  inspected_by uuid REFERENCES users (id),
  -- The lot the units entered (a 'return' lot), and the work order the disposition created.
  lot_id uuid REFERENCES inventory_lots (id),
  work_order_id uuid REFERENCES work_orders (id),
  CHECK ((grade IS NULL) = (disposition IS NULL)),
  CHECK ((grade IS NULL) = (inspected_at IS NULL))
);
CREATE UNIQUE INDEX return_lines_no_key ON return_lines (return_id, line_no);
CREATE INDEX return_lines_sku_idx ON return_lines (account_id, sku_id);

-- A kit SKU is built from component SKUs of the same account, so many of each per kit.
CREATE TABLE kit_components (
  account_id uuid NOT NULL REFERENCES accounts (id),
  kit_sku_id uuid NOT NULL REFERENCES skus (id),
  component_sku_id uuid NOT NULL REFERENCES skus (id),
  quantity integer NOT NULL CHECK (quantity > 0 AND quantity <= 10000),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (kit_sku_id, component_sku_id),
  CHECK (kit_sku_id <> component_sku_id)
);
CREATE INDEX kit_components_account_idx ON kit_components (account_id, kit_sku_id);
CREATE INDEX kit_components_component_idx ON kit_components (component_sku_id);

-- What to do with all of an account's remaining stock when it leaves (or clears a warehouse).
CREATE TABLE exit_plans (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- EXIT-2026-000003, gap-free per year (number_sequences kind 'exit').
  number text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'in_progress', 'done', 'cancelled')),
  note text,
  created_by uuid REFERENCES users (id),
  submitted_at timestamptz,
  approved_at timestamptz,
  approved_by uuid REFERENCES users (id),
  done_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX exit_plans_number_key ON exit_plans (number);
CREATE INDEX exit_plans_account_idx ON exit_plans (account_id, id);

-- One line per warehouse × SKU that held stock when the plan was drafted.
CREATE TABLE exit_plan_lines (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES exit_plans (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  sku_id uuid NOT NULL REFERENCES skus (id),
  -- What the lots held when the plan was drafted (available = on hand − allocated).
  available_units integer NOT NULL CHECK (available_units >= 0),
  damaged_units integer NOT NULL CHECK (damaged_units >= 0),
  disposition text CHECK (disposition IN ('ship_back', 'transfer', 'destroy')),
  quantity integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  destination text,
  work_order_id uuid REFERENCES work_orders (id),
  CHECK (quantity = 0 OR disposition IS NOT NULL)
);
CREATE UNIQUE INDEX exit_plan_lines_key ON exit_plan_lines (plan_id, warehouse_id, sku_id);

ALTER TABLE return_authorisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY return_authorisations_tenant ON return_authorisations USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE return_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY return_lines_tenant ON return_lines USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE work_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY work_orders_tenant ON work_orders USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE kit_components ENABLE ROW LEVEL SECURITY;
CREATE POLICY kit_components_tenant ON kit_components USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE exit_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY exit_plans_tenant ON exit_plans USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE exit_plan_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY exit_plan_lines_tenant ON exit_plan_lines USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));

GRANT SELECT, INSERT, UPDATE ON return_authorisations, return_lines, work_orders, exit_plans, exit_plan_lines TO landed_app;
-- A kit's recipe is replaced whole when the seller edits it.
GRANT SELECT, INSERT, DELETE ON kit_components TO landed_app;
