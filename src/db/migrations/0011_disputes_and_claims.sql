-- Disputes on invoices and claims for lost or damaged goods. docs/disputes-and-claims.md.
--
-- A dispute names an invoice and, usually, one of its lines. It does not reference the line
-- row: a draft's lines are deleted and written again by every billing run (with the same id
-- for the same line), so the line's id, number, label and amount at the time are copied here.
-- Accepting a dispute writes a credit note through the billing core; the dispute keeps its id.

CREATE TABLE disputes (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- Gap-free per year: DSP-2026-000001.
  number text NOT NULL,
  invoice_id uuid NOT NULL REFERENCES invoices (id),
  -- Null: the dispute is about the whole invoice.
  invoice_line_id uuid,
  line_no integer,
  line_label jsonb,
  -- The amount disputed against (the line's, or the invoice total) when the dispute was opened.
  line_amount_minor bigint NOT NULL,
  -- The invoice was still a draft when the dispute was opened (allowed, and shown).
  opened_on_draft boolean NOT NULL,
  reason_code text NOT NULL CHECK (reason_code IN ('wrong_quantity', 'wrong_rate', 'not_our_goods', 'duplicate', 'service_not_performed', 'other')),
  description text NOT NULL,
  currency char(3) NOT NULL,
  -- What the seller asks back, minor units of `currency`.
  disputed_minor bigint NOT NULL CHECK (disputed_minor > 0),
  status text NOT NULL CHECK (status IN ('open', 'under_review', 'resolved_accepted', 'resolved_partly', 'resolved_rejected', 'withdrawn')),
  accepted_minor bigint CHECK (accepted_minor >= 0),
  resolution_reason text,
  credit_note_id uuid REFERENCES invoices (id),
  opened_by uuid REFERENCES users (id),
  resolved_by uuid REFERENCES users (id),
  opened_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  resolved_at timestamptz,
  CHECK ((status IN ('resolved_accepted', 'resolved_partly', 'resolved_rejected')) = (resolved_at IS NOT NULL AND accepted_minor IS NOT NULL)),
  CHECK (accepted_minor IS NULL OR accepted_minor <= disputed_minor)
);
CREATE UNIQUE INDEX disputes_number_key ON disputes (number);
CREATE INDEX disputes_account_idx ON disputes (account_id, id);
CREATE INDEX disputes_invoice_idx ON disputes (invoice_id);
-- One dispute at a time per line (and per whole invoice).
CREATE UNIQUE INDEX disputes_one_open_per_line ON disputes (invoice_id, coalesce(invoice_line_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE status IN ('open', 'under_review');

CREATE TABLE dispute_comments (
  id uuid PRIMARY KEY,
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  author_id uuid REFERENCES users (id),
  -- 'seller' or 'provider': which side wrote it.
  side text NOT NULL CHECK (side IN ('seller', 'provider')),
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX dispute_comments_dispute_idx ON dispute_comments (dispute_id, id);

-- Claims: what was lost or damaged, how many units at what declared value, and, once decided,
-- the covered amount with its formula. An approved claim writes one billable event of kind
-- claim_credit (negative amount) dated the first instant of the period after the approval, so
-- the billing run of that period puts the credit on the seller's next invoice.
CREATE TABLE claims (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- Gap-free per year: CLM-2026-000001.
  number text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('parcel_lost', 'parcel_damaged', 'stock_lost', 'stock_damaged')),
  reference_type text NOT NULL CHECK (reference_type IN ('order', 'parcel', 'lot', 'inbound_plan', 'return')),
  reference text NOT NULL,
  sku_id uuid NOT NULL REFERENCES skus (id),
  units integer NOT NULL CHECK (units > 0),
  -- The SKU's recorded declared value per unit when the claim was filed.
  currency char(3) NOT NULL,
  declared_value_minor bigint NOT NULL CHECK (declared_value_minor >= 0),
  evidence_notes text NOT NULL DEFAULT '',
  photo_urls jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
  -- The decision: covered amount (minor units) and how it was computed ({ basis, formula, inputs }).
  covered_minor bigint CHECK (covered_minor >= 0),
  coverage jsonb,
  decision_reason text,
  -- The billing period whose invoice carries the credit, and the event that carries it.
  credit_period text,
  credit_event_id uuid,
  filed_by uuid REFERENCES users (id),
  decided_by uuid REFERENCES users (id),
  filed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  decided_at timestamptz,
  CHECK ((status = 'approved') = (covered_minor IS NOT NULL AND credit_period IS NOT NULL))
);
CREATE UNIQUE INDEX claims_number_key ON claims (number);
CREATE INDEX claims_account_idx ON claims (account_id, id);

-- The claim credit is billed from its event by the billing core: one line per claim.
INSERT INTO billing_meter_map (event_kind, event_unit, meter, rule_id, group_key, note) VALUES
  ('claim_credit', 'USD', 'claim_credit', '', 'claim_number', 'an approved claim: its covered amount, credited (negative)'),
  ('claim_credit', 'CNY', 'claim_credit', '', 'claim_number', 'an approved claim: its covered amount, credited (negative)');

ALTER TABLE disputes ENABLE ROW LEVEL SECURITY;
CREATE POLICY disputes_tenant ON disputes USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE dispute_comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispute_comments_tenant ON dispute_comments USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE claims ENABLE ROW LEVEL SECURITY;
CREATE POLICY claims_tenant ON claims USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));

GRANT SELECT, INSERT, UPDATE ON disputes, dispute_comments, claims TO landed_app;

-- Every change to a dispute, its thread and a claim is in the audit log, with who made it.
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON disputes FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON dispute_comments FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
