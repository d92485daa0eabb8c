-- Rate cards: the provider's standard price list and each seller's negotiated plan, as
-- numbered, effective-dated versions whose documents are never edited once saved.
-- Quotes: what a seller was quoted, with the exact card versions used.

CREATE TABLE rate_cards (
  id uuid PRIMARY KEY,
  code text NOT NULL,
  name text NOT NULL,
  name_zh text,
  kind text NOT NULL CHECK (kind IN ('standard', 'account_plan')),
  account_id uuid REFERENCES accounts (id),
  base_card_id uuid REFERENCES rate_cards (id),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'archived')),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A standard card belongs to no account; a plan belongs to one and sits on a standard card.
  CHECK ((kind = 'standard' AND account_id IS NULL AND base_card_id IS NULL)
      OR (kind = 'account_plan' AND account_id IS NOT NULL AND base_card_id IS NOT NULL))
);
CREATE UNIQUE INDEX rate_cards_code_key ON rate_cards (lower(code));
CREATE INDEX rate_cards_account_idx ON rate_cards (account_id, id);

CREATE TABLE rate_card_versions (
  card_id uuid NOT NULL REFERENCES rate_cards (id),
  version integer NOT NULL CHECK (version > 0),
  -- Copied from the card so the tenancy policy needs no join.
  account_id uuid REFERENCES accounts (id),
  effective_from date NOT NULL,
  document jsonb NOT NULL,
  checksum text NOT NULL,
  notes text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (card_id, version)
);

CREATE TABLE quotes (
  id uuid PRIMARY KEY,
  account_id uuid REFERENCES accounts (id),
  -- Who the quote is for when it is a prospect without an account yet.
  prospect_name text,
  request jsonb NOT NULL,
  result jsonb NOT NULL,
  card_versions jsonb NOT NULL,
  currency char(3) NOT NULL,
  monthly_total_minor bigint NOT NULL,
  share_token_hash text,
  share_expires_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX quotes_account_idx ON quotes (account_id, id);
CREATE UNIQUE INDEX quotes_share_token_key ON quotes (share_token_hash) WHERE share_token_hash IS NOT NULL;

-- Transparency: every signed-in seller may read the standard card (the public price list)
-- and its own plan; only provider staff write cards.
ALTER TABLE rate_cards ENABLE ROW LEVEL SECURITY;
CREATE POLICY rate_cards_read ON rate_cards FOR SELECT USING (account_id IS NULL OR landed_can_see(account_id));
CREATE POLICY rate_cards_insert ON rate_cards FOR INSERT WITH CHECK (landed_is_provider());
CREATE POLICY rate_cards_update ON rate_cards FOR UPDATE USING (landed_is_provider()) WITH CHECK (landed_is_provider());

ALTER TABLE rate_card_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY rate_card_versions_read ON rate_card_versions FOR SELECT USING (account_id IS NULL OR landed_can_see(account_id));
CREATE POLICY rate_card_versions_insert ON rate_card_versions FOR INSERT WITH CHECK (landed_is_provider());

-- A quote without an account (a prospect's) is provider-only.
ALTER TABLE quotes ENABLE ROW LEVEL SECURITY;
CREATE POLICY quotes_tenant ON quotes USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));

GRANT SELECT, INSERT, UPDATE ON rate_cards, quotes TO landed_app;
GRANT SELECT, INSERT ON rate_card_versions TO landed_app;
