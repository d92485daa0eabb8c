-- Foundation: the provider's installation, seller accounts, users, sessions, API keys,
-- warehouses and SKUs, with row-level security as the second tenancy wall.
-- Forward-only: never edit this file once landed; add a new migration instead.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'landed_app') THEN
    CREATE ROLE landed_app NOLOGIN;
  END IF;
END
$$;

-- Requests run as landed_app (SET LOCAL ROLE) so that RLS applies even when the
-- connection itself logs in as the table owner or a superuser.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'landed_app', 'MEMBER') THEN
    EXECUTE format('GRANT landed_app TO %I', current_user);
  END IF;
END
$$;

-- True when the current request may see rows of the given account: provider staff see
-- every account, a seller only its own. Settings are transaction-local (set_config(.., true)).
CREATE FUNCTION landed_can_see(row_account uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('landed.scope', true), '') = 'provider'
      OR (row_account IS NOT NULL
          AND row_account::text = coalesce(current_setting('landed.account_id', true), ''))
$$;

CREATE FUNCTION landed_is_provider() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('landed.scope', true), '') = 'provider'
$$;

CREATE TABLE installation (
  id integer PRIMARY KEY CHECK (id = 1),
  name text NOT NULL,
  legal_name text,
  contact_email text,
  default_currency char(3) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  code text NOT NULL,
  name text NOT NULL,
  name_zh text,
  contact_email text,
  default_currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'archived')),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_code_key ON accounts (lower(code));

CREATE TABLE users (
  id uuid PRIMARY KEY,
  account_id uuid REFERENCES accounts (id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'operator', 'finance', 'seller_admin', 'seller_user', 'auditor')),
  locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  password_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'archived')),
  last_login_at timestamptz,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Seller roles always belong to an account; provider roles never do; auditors may be either.
  CHECK (
    (role IN ('seller_admin', 'seller_user') AND account_id IS NOT NULL)
    OR (role IN ('admin', 'operator', 'finance') AND account_id IS NULL)
    OR role = 'auditor'
  )
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_account_idx ON users (account_id, id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  account_id uuid REFERENCES accounts (id),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'operator', 'finance', 'seller_admin', 'seller_user', 'auditor')),
  prefix text NOT NULL,
  secret_hash text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  CHECK (
    (role IN ('seller_admin', 'seller_user') AND account_id IS NOT NULL)
    OR (role IN ('admin', 'operator', 'finance') AND account_id IS NULL)
    OR role = 'auditor'
  )
);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);
CREATE INDEX api_keys_account_idx ON api_keys (account_id, id);

CREATE TABLE warehouses (
  id uuid PRIMARY KEY,
  code text NOT NULL,
  name text NOT NULL,
  name_zh text,
  kind text NOT NULL CHECK (kind IN ('china_consolidation', 'us_fulfilment', 'us_returns')),
  address_line1 text NOT NULL,
  address_line2 text,
  city text NOT NULL,
  region text NOT NULL,
  postal_code text NOT NULL,
  country char(2) NOT NULL,
  timezone text NOT NULL,
  cutoffs jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('active', 'archived')),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX warehouses_code_key ON warehouses (lower(code));

CREATE TABLE skus (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  seller_sku text NOT NULL,
  title_en text,
  title_zh text,
  length numeric(12, 3) NOT NULL CHECK (length > 0),
  width numeric(12, 3) NOT NULL CHECK (width > 0),
  height numeric(12, 3) NOT NULL CHECK (height > 0),
  dimension_unit text NOT NULL CHECK (dimension_unit IN ('mm', 'cm', 'm', 'in', 'ft')),
  weight numeric(12, 3) NOT NULL CHECK (weight > 0),
  weight_unit text NOT NULL CHECK (weight_unit IN ('g', 'kg', 'oz', 'lb')),
  hs_code text,
  declared_value_minor bigint CHECK (declared_value_minor >= 0),
  declared_currency char(3),
  country_of_origin char(2),
  battery boolean NOT NULL DEFAULT false,
  liquid boolean NOT NULL DEFAULT false,
  powder boolean NOT NULL DEFAULT false,
  magnetic boolean NOT NULL DEFAULT false,
  fda_regulated boolean NOT NULL DEFAULT false,
  fragile boolean NOT NULL DEFAULT false,
  upc text,
  fnsku text,
  msku text,
  status text NOT NULL CHECK (status IN ('active', 'archived')),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((declared_value_minor IS NULL) = (declared_currency IS NULL))
);
CREATE UNIQUE INDEX skus_account_seller_sku_key ON skus (account_id, lower(seller_sku));
CREATE INDEX skus_account_id_idx ON skus (account_id, id);

-- Second wall: even a query that forgets its account filter sees only permitted rows.
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY accounts_tenant ON accounts
  USING (landed_can_see(id))
  WITH CHECK (landed_is_provider());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_tenant ON users
  USING (landed_can_see(account_id))
  WITH CHECK (landed_can_see(account_id));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_keys_tenant ON api_keys
  USING (landed_can_see(account_id))
  WITH CHECK (landed_can_see(account_id));

ALTER TABLE skus ENABLE ROW LEVEL SECURITY;
CREATE POLICY skus_tenant ON skus
  USING (landed_can_see(account_id))
  WITH CHECK (landed_can_see(account_id));

-- Provider reference data: everyone reads, only provider scope writes.
ALTER TABLE warehouses ENABLE ROW LEVEL SECURITY;
CREATE POLICY warehouses_read ON warehouses FOR SELECT USING (true);
CREATE POLICY warehouses_write ON warehouses FOR INSERT WITH CHECK (landed_is_provider());
CREATE POLICY warehouses_update ON warehouses FOR UPDATE USING (landed_is_provider()) WITH CHECK (landed_is_provider());

ALTER TABLE installation ENABLE ROW LEVEL SECURITY;
CREATE POLICY installation_read ON installation FOR SELECT USING (true);
CREATE POLICY installation_update ON installation FOR UPDATE USING (landed_is_provider()) WITH CHECK (landed_is_provider());

-- Sessions are only touched by the authentication step, which runs before a scope exists.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;

GRANT USAGE ON SCHEMA public TO landed_app;
GRANT SELECT, INSERT, UPDATE ON accounts, users, api_keys, warehouses, skus, installation TO landed_app;
