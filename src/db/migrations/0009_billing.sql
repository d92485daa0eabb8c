-- Billing: which events each meter counts, billing runs, invoices and credit notes with their
-- lines. Events are never linked row by row: a line stores the selector that finds its events
-- again (account, windows, kinds, group value) with their count and quantity, so a drill-down
-- re-applies it and proves it matches. docs/billing.md, docs/decisions/0006-billing-periods.md.

-- Event kind (and unit) → meter of the rate card; optional rule (add_on meters name their rule),
-- the attribute that splits lines (a table's row value, a lot's age for age bands) and a table's
-- column attribute. A new module's events are billed by adding rows here, without code.
CREATE TABLE billing_meter_map (
  event_kind text NOT NULL,
  event_unit text NOT NULL,
  meter text NOT NULL,
  rule_id text NOT NULL DEFAULT '',
  group_key text,
  column_key text,
  note text,
  PRIMARY KEY (event_kind, event_unit, meter, rule_id)
);

INSERT INTO billing_meter_map (event_kind, event_unit, meter, rule_id, group_key, note) VALUES
  ('receiving_carton', 'carton', 'carton_received', '', NULL, 'a carton opened at receiving'),
  ('receiving_unit', 'unit', 'unit_received', '', NULL, 'units accepted at receiving'),
  ('putaway_unit', 'unit', 'unit_putaway', '', NULL, 'units put away'),
  ('storage_lot_day', 'ft3_day', 'storage_ft3_month', '', NULL, 'ft³·days of the period ÷ days in the month'),
  ('storage_lot_day', 'ft3_day', 'aged_storage_ft3_month', '', 'age_days', 'ft³·days by the lot''s age on each day, ÷ days in the month'),
  ('return_processing', 'unit', 'return_unit_restock', '', NULL, 'units of an inspected return'),
  ('disposal_unit', 'unit', 'return_unit_destroy', '', NULL, 'units destroyed'),
  ('vas_ship_back', 'unit', 'return_unit_ship_back', '', NULL, 'units shipped back'),
  ('vas_relabel', 'unit', 'add_on', 'vas.relabel', NULL, 'units relabelled'),
  ('vas_qc', 'unit', 'add_on', 'vas.qc', NULL, 'units checked'),
  ('vas_photos', 'unit', 'add_on', 'vas.photo', NULL, 'SKUs photographed'),
  ('vas_kitting', 'unit', 'add_on', 'vas.kitting', NULL, 'kits assembled'),
  ('vas_dekitting', 'unit', 'add_on', 'vas.kitting', NULL, 'kits taken apart');

CREATE TABLE billing_runs (
  id uuid PRIMARY KEY,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- A run of one account; null bills every account with activity.
  account_id uuid REFERENCES accounts (id),
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'abandoned')),
  accounts_total integer NOT NULL DEFAULT 0,
  accounts_done integer NOT NULL DEFAULT 0,
  invoices_written integer NOT NULL DEFAULT 0,
  -- Accounts whose invoice for the period is already finalized.
  accounts_skipped integer NOT NULL DEFAULT 0,
  error text,
  requested_by uuid REFERENCES users (id),
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX billing_runs_period_idx ON billing_runs (period, started_at);

CREATE TABLE invoices (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  document_type text NOT NULL CHECK (document_type IN ('invoice', 'credit_note')),
  -- YYYY-MM billed; a credit note carries its invoice's period.
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text NOT NULL CHECK (status IN ('draft', 'finalized')),
  -- Gap-free per series, given on finalize: INV-2026-000123, CN-2026-000001.
  number text,
  credit_of uuid REFERENCES invoices (id),
  reason text,
  currency char(3) NOT NULL,
  total_minor bigint NOT NULL,
  -- The total restated in another currency at a stated, dated rate (the card's FX table).
  fx_currency char(3),
  fx_rate numeric(18, 8),
  fx_date date,
  fx_total_minor bigint,
  -- The billing window (the period's first and next month's first midnight in time_zone).
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  time_zone text NOT NULL,
  -- Events written up to this instant are in this invoice; later ones for the period are late.
  events_through timestamptz NOT NULL,
  -- Late events: occurred before late_before (the end of the last finalized period) and written
  -- after late_after (that invoice's events_through). Null when nothing was finalized before.
  late_after timestamptz,
  late_before timestamptz,
  -- Card versions used, with the dates each was in effect inside the period.
  cards jsonb NOT NULL DEFAULT '[]',
  warnings jsonb NOT NULL DEFAULT '[]',
  run_id uuid REFERENCES billing_runs (id),
  computed_at timestamptz NOT NULL,
  finalized_at timestamptz,
  finalized_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK ((document_type = 'invoice' AND credit_of IS NULL) OR (document_type = 'credit_note' AND credit_of IS NOT NULL)),
  CHECK ((status = 'finalized') = (number IS NOT NULL))
);
-- One invoice per account and period: concurrent or resumed runs cannot duplicate it.
CREATE UNIQUE INDEX invoices_account_period_key ON invoices (account_id, period) WHERE document_type = 'invoice';
CREATE UNIQUE INDEX invoices_number_key ON invoices (number) WHERE number IS NOT NULL;
CREATE INDEX invoices_account_idx ON invoices (account_id, id);
CREATE INDEX invoices_period_idx ON invoices (period, id);
CREATE INDEX invoices_credit_of_idx ON invoices (credit_of) WHERE credit_of IS NOT NULL;

CREATE TABLE invoice_lines (
  id uuid PRIMARY KEY,
  invoice_id uuid NOT NULL REFERENCES invoices (id),
  -- Copied from the invoice so the tenancy policy needs no join.
  account_id uuid NOT NULL REFERENCES accounts (id),
  line_no integer NOT NULL,
  module text NOT NULL,
  card_code text NOT NULL,
  card_version integer NOT NULL,
  rule_id text NOT NULL,
  label jsonb NOT NULL,
  quantity text NOT NULL,
  unit text NOT NULL,
  rate text NOT NULL,
  precise_amount text NOT NULL,
  currency char(3) NOT NULL,
  amount_minor bigint NOT NULL,
  rounding text NOT NULL,
  formula jsonb NOT NULL,
  inputs jsonb NOT NULL DEFAULT '{}',
  warnings jsonb NOT NULL DEFAULT '[]',
  -- A note for the reader, e.g. late events from a finalized period ({ en, zh }).
  note jsonb,
  -- How to find the line's events again (null for discount, minimum and credit lines).
  selector jsonb,
  event_count bigint NOT NULL DEFAULT 0,
  event_quantity numeric(24, 4) NOT NULL DEFAULT 0,
  -- On a credit note: the invoice line credited (null for an amount credited on the whole invoice).
  credited_line_id uuid REFERENCES invoice_lines (id),
  UNIQUE (invoice_id, line_no)
);
CREATE INDEX invoice_lines_account_idx ON invoice_lines (account_id, invoice_id);
CREATE INDEX invoice_lines_credited_idx ON invoice_lines (credited_line_id) WHERE credited_line_id IS NOT NULL;

-- Late events are found by when they were written.
CREATE INDEX billable_events_account_created_idx ON billable_events (account_id, created_at);

-- A finalized invoice (or credit note) and its lines never change again.
CREATE FUNCTION landed_invoice_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'finalized' THEN
    RAISE EXCEPTION 'invoice % is finalized and cannot be changed', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION landed_invoice_immutable();

CREATE FUNCTION landed_invoice_line_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.invoice_id ELSE OLD.invoice_id END;
  finalized text;
BEGIN
  SELECT number INTO finalized FROM invoices WHERE id = parent AND status = 'finalized';
  IF FOUND THEN
    RAISE EXCEPTION 'invoice % is finalized: its lines cannot be changed', finalized USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id THEN
    RAISE EXCEPTION 'a line cannot move to another invoice' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER invoice_lines_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION landed_invoice_line_immutable();

-- Sellers read their own invoices; only provider staff bill, finalize and credit.
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_read ON invoices FOR SELECT USING (landed_can_see(account_id));
CREATE POLICY invoices_write ON invoices FOR ALL USING (landed_is_provider()) WITH CHECK (landed_is_provider());
ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoice_lines_read ON invoice_lines FOR SELECT USING (landed_can_see(account_id));
CREATE POLICY invoice_lines_write ON invoice_lines FOR ALL USING (landed_is_provider()) WITH CHECK (landed_is_provider());
ALTER TABLE billing_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY billing_runs_all ON billing_runs USING (landed_is_provider()) WITH CHECK (landed_is_provider());
ALTER TABLE billing_meter_map ENABLE ROW LEVEL SECURITY;
CREATE POLICY billing_meter_map_read ON billing_meter_map FOR SELECT USING (true);
CREATE POLICY billing_meter_map_write ON billing_meter_map FOR ALL USING (landed_is_provider()) WITH CHECK (landed_is_provider());

GRANT SELECT, INSERT, UPDATE, DELETE ON invoices, invoice_lines, billing_meter_map TO landed_app;
GRANT SELECT, INSERT, UPDATE ON billing_runs TO landed_app;
