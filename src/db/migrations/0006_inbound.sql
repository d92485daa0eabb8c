-- Inbound: advance shipping notices (inbound plans) from the China consolidation warehouse to a
-- US warehouse, their cartons and contents, what receiving found, and every accepted scan.
-- Stock itself moves only through inventory_ledger (0004): submitting a plan posts
-- inbound_expected rows to one lot per SKU, receiving posts receive rows. docs/inventory.md
-- ("Inbound and receiving") explains the flow.

CREATE TABLE inbound_plans (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- ASN-2026-000042, gap-free per year (number_sequences kind 'asn').
  number text NOT NULL,
  reference text,
  origin_warehouse_id uuid REFERENCES warehouses (id),
  destination_warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  freight_mode text NOT NULL CHECK (freight_mode IN ('air', 'sea', 'express')),
  carrier text,
  vessel text,
  voyage text,
  container_number text,
  tracking_number text,
  etd date,
  eta date,
  departed_at timestamptz,
  arrived_at timestamptz,
  customs_status text NOT NULL DEFAULT 'not_filed' CHECK (customs_status IN ('not_filed', 'filed', 'held', 'released')),
  customs_entry_number text,
  customs_filed_on date,
  customs_held_on date,
  customs_released_on date,
  customs_note text,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'in_transit', 'arrived', 'receiving', 'received', 'closed', 'cancelled')),
  note text,
  submitted_at timestamptz,
  receiving_started_at timestamptz,
  received_at timestamptz,
  closed_at timestamptz,
  cancelled_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX inbound_plans_number_key ON inbound_plans (number);
CREATE INDEX inbound_plans_account_idx ON inbound_plans (account_id, id);
CREATE INDEX inbound_plans_destination_idx ON inbound_plans (destination_warehouse_id, status);

CREATE TABLE inbound_cartons (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES inbound_plans (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- 1…n within the plan, as printed on the label ("carton 3 of 40").
  carton_no integer NOT NULL CHECK (carton_no > 0),
  -- What the carton label's Code 128 encodes: the plan number and the carton number.
  barcode text NOT NULL,
  length_mm integer NOT NULL CHECK (length_mm > 0),
  width_mm integer NOT NULL CHECK (width_mm > 0),
  height_mm integer NOT NULL CHECK (height_mm > 0),
  weight_g integer NOT NULL CHECK (weight_g > 0),
  status text NOT NULL CHECK (status IN ('expected', 'opened', 'received', 'missing')),
  opened_at timestamptz,
  closed_at timestamptz
);
CREATE UNIQUE INDEX inbound_cartons_barcode_key ON inbound_cartons (lower(barcode));
CREATE UNIQUE INDEX inbound_cartons_no_key ON inbound_cartons (plan_id, carton_no);

CREATE TABLE inbound_carton_items (
  id uuid PRIMARY KEY,
  carton_id uuid NOT NULL REFERENCES inbound_cartons (id),
  plan_id uuid NOT NULL REFERENCES inbound_plans (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  sku_id uuid NOT NULL REFERENCES skus (id),
  -- Planned units; 0 for a SKU found in a carton it was not planned in (an accepted over-receipt).
  quantity integer NOT NULL CHECK (quantity >= 0),
  received_quantity integer NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
  damaged_quantity integer NOT NULL DEFAULT 0 CHECK (damaged_quantity >= 0),
  -- Per-unit value declared to customs for this shipment; null = the SKU's recorded value.
  declared_value_minor bigint CHECK (declared_value_minor >= 0),
  declared_currency char(3),
  CHECK ((declared_value_minor IS NULL) = (declared_currency IS NULL))
);
CREATE UNIQUE INDEX inbound_carton_items_key ON inbound_carton_items (carton_id, sku_id);
CREATE INDEX inbound_carton_items_plan_idx ON inbound_carton_items (plan_id, sku_id);

-- Every accepted receiving step (a unit scan, a carton count). scan_key makes a retried scan
-- from a flaky handheld write once: the same key answers with the first result.
CREATE TABLE inbound_receipts (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES inbound_plans (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  carton_id uuid REFERENCES inbound_cartons (id),
  sku_id uuid REFERENCES skus (id),
  kind text NOT NULL CHECK (kind IN ('carton_opened', 'units', 'carton_closed', 'unknown_recorded')),
  scanned_barcode text,
  quantity integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  damaged_quantity integer NOT NULL DEFAULT 0 CHECK (damaged_quantity >= 0),
  over_quantity integer NOT NULL DEFAULT 0 CHECK (over_quantity >= 0),
  scan_key text NOT NULL,
  received_by uuid REFERENCES users (id),
  received_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX inbound_receipts_scan_key ON inbound_receipts (plan_id, scan_key);

CREATE TABLE receiving_discrepancies (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES inbound_plans (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  carton_id uuid REFERENCES inbound_cartons (id),
  sku_id uuid REFERENCES skus (id),
  scanned_barcode text,
  kind text NOT NULL CHECK (kind IN ('short', 'over', 'damaged', 'unknown_sku', 'unknown_carton')),
  quantity integer NOT NULL CHECK (quantity > 0),
  note text,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX receiving_discrepancies_plan_idx ON receiving_discrepancies (plan_id, recorded_at);

ALTER TABLE inbound_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY inbound_plans_tenant ON inbound_plans USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE inbound_cartons ENABLE ROW LEVEL SECURITY;
CREATE POLICY inbound_cartons_tenant ON inbound_cartons USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE inbound_carton_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY inbound_carton_items_tenant ON inbound_carton_items USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE inbound_receipts ENABLE ROW LEVEL SECURITY;
CREATE POLICY inbound_receipts_tenant ON inbound_receipts USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE receiving_discrepancies ENABLE ROW LEVEL SECURITY;
CREATE POLICY receiving_discrepancies_tenant ON receiving_discrepancies USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));

GRANT SELECT, INSERT, UPDATE ON inbound_plans, inbound_cartons, inbound_carton_items TO landed_app;
-- A draft's cartons are replaced whole when the seller edits it.
GRANT DELETE ON inbound_cartons, inbound_carton_items TO landed_app;
GRANT SELECT, INSERT ON inbound_receipts, receiving_discrepancies TO landed_app;
