-- Audit log: append-only and hash-chained. docs/decisions/0007-audit-log.md explains the design.
--
-- Who (user, API key, system or a direct database session), when, what (entity type and id,
-- action) and the record before and after. Entries are written two ways, both inside the
-- transaction that makes the change:
--   * a row trigger on every audited table (below) writes the before/after of each change,
--     with the actor the request put in `landed.actor` (tenancy.ts sets it with the scope);
--   * `landed_audit_record(…)` (repository `recordAudit`) for actions that are not a row
--     change: sign-in, failed sign-in, export, a document download…
-- Both only stage the entry in audit_pending. At commit a deferred trigger moves each staged
-- entry into audit_log in order, taking the next number and hash from the single-row chain
-- head: the head's row lock is held only between that trigger and the commit, so audited
-- transactions serialise for microseconds, not for their whole length, and the chain order is
-- the commit order. Rolled-back work leaves no entry and no gap.
--
-- hash = sha256(prev_hash || canonical), canonical = landed_audit_canonical(entry): the
-- PostgreSQL jsonb text of the entry's fields (keys ordered by length then bytes, time in UTC).
-- The first entry's prev_hash is 64 zeros. `landed audit verify` walks the chain.

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  -- 'user', 'api_key', 'system' (CLI, server jobs), 'anonymous' (failed sign-in) or
  -- 'database' (a session outside the application: migrations, psql).
  actor_kind text NOT NULL,
  actor_id text,
  actor_role text,
  actor_account_id uuid,
  -- The seller account the entry is about (null: provider data). Sellers read these rows.
  account_id uuid,
  entity_type text NOT NULL,
  entity_id text,
  action text NOT NULL,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, seq);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- Entries of the current transaction waiting for their place in the chain. Always empty
-- outside a transaction: the sealing trigger deletes each row as it chains it.
CREATE TABLE audit_pending (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id text,
  actor_role text,
  actor_account_id uuid,
  account_id uuid,
  entity_type text NOT NULL,
  entity_id text,
  action text NOT NULL,
  before jsonb,
  after jsonb
);

CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- The text that is hashed for one entry. Verification calls the same function on the stored
-- columns, so any altered column changes the hash.
CREATE FUNCTION landed_audit_canonical(
  p_seq bigint, p_at timestamptz, p_actor_kind text, p_actor_id text, p_actor_role text, p_actor_account_id uuid,
  p_account_id uuid, p_entity_type text, p_entity_id text, p_action text, p_before jsonb, p_after jsonb
) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'seq', p_seq,
    'at', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actor_kind', p_actor_kind,
    'actor_id', p_actor_id,
    'actor_role', p_actor_role,
    'actor_account_id', p_actor_account_id,
    'account_id', p_account_id,
    'entity_type', p_entity_type,
    'entity_id', p_entity_id,
    'action', p_action,
    'before', p_before,
    'after', p_after
  )::text
$$;

-- The actor of the current transaction, from `landed.actor` (JSON set by inScope), or the
-- database session itself when the application did not say.
CREATE FUNCTION landed_audit_actor() RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  raw text := nullif(current_setting('landed.actor', true), '');
BEGIN
  IF raw IS NOT NULL THEN
    RETURN raw::jsonb;
  END IF;
  RETURN jsonb_build_object('kind', 'database', 'id', session_user::text, 'role', NULL, 'account_id', NULL);
END
$$;

CREATE FUNCTION landed_audit_stage(
  p_actor jsonb, p_account_id uuid, p_entity_type text, p_entity_id text, p_action text, p_before jsonb, p_after jsonb, p_at timestamptz
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO audit_pending (at, actor_kind, actor_id, actor_role, actor_account_id, account_id, entity_type, entity_id, action, before, after)
  VALUES (coalesce(p_at, now()), coalesce(p_actor ->> 'kind', 'database'), p_actor ->> 'id', p_actor ->> 'role',
          nullif(p_actor ->> 'account_id', '')::uuid, p_account_id, p_entity_type, p_entity_id, p_action, p_before, p_after)
$$;

-- recordAudit: an entry for an action that is not a row change. SECURITY DEFINER so the
-- application role can add entries without any right on the audit tables themselves.
-- p_actor null = the transaction's actor (landed.actor).
CREATE FUNCTION landed_audit_record(
  p_entity_type text, p_entity_id text, p_action text, p_account_id uuid, p_before jsonb, p_after jsonb,
  p_actor jsonb DEFAULT NULL, p_at timestamptz DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_entity_type IS NULL OR p_action IS NULL THEN
    RAISE EXCEPTION 'an audit entry needs an entity type and an action';
  END IF;
  PERFORM landed_audit_stage(coalesce(p_actor, landed_audit_actor()), p_account_id, p_entity_type, p_entity_id, p_action, p_before, p_after, p_at);
END
$$;

-- Columns whose values never enter the log (secrets): shown as "[redacted]", or "[changed]"
-- on the after side when the change was to them.
CREATE FUNCTION landed_audit_redact(p_old jsonb, p_new jsonb, OUT o jsonb, OUT n jsonb)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  k text;
BEGIN
  o := p_old;
  n := p_new;
  FOREACH k IN ARRAY ARRAY['password_hash', 'secret_hash', 'share_token_hash'] LOOP
    IF o ? k THEN o := jsonb_set(o, ARRAY[k], '"[redacted]"'); END IF;
    IF n ? k THEN
      n := jsonb_set(n, ARRAY[k],
        CASE WHEN p_old IS NOT NULL AND (p_old -> k) IS DISTINCT FROM (p_new -> k) THEN '"[changed]"'::jsonb ELSE '"[redacted]"'::jsonb END);
    END IF;
  END LOOP;
END
$$;

-- The row trigger: one entry per inserted, updated or deleted row of an audited table.
-- TG_ARGV[0] (optional) names the key columns, comma-separated (default: id). An update that
-- touches only bookkeeping columns (updated_at, last_login_at, last_used_at, and those named in
-- TG_ARGV[1], e.g. a run's progress counters) is not logged.
CREATE FUNCTION landed_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC' AS $$
DECLARE
  old_j jsonb;
  new_j jsonb;
  row_j jsonb;
  keys text[] := string_to_array(coalesce(TG_ARGV[0], 'id'), ',');
  quiet text[] := ARRAY['updated_at', 'last_login_at', 'last_used_at'] || string_to_array(coalesce(TG_ARGV[1], ''), ',');
  entity text;
  account uuid;
  redacted record;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN old_j := to_jsonb(OLD); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN new_j := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE'
     AND (old_j - quiet) = (new_j - quiet) THEN
    RETURN NULL;
  END IF;
  row_j := coalesce(new_j, old_j);
  SELECT string_agg(row_j ->> k, ':') INTO entity FROM unnest(keys) AS k;
  account := CASE WHEN TG_TABLE_NAME = 'accounts' THEN (row_j ->> 'id')::uuid ELSE (row_j ->> 'account_id')::uuid END;
  SELECT * INTO redacted FROM landed_audit_redact(old_j, new_j);
  PERFORM landed_audit_stage(landed_audit_actor(), account, TG_TABLE_NAME, entity, lower(TG_OP), redacted.o, redacted.n, NULL);
  RETURN NULL;
END
$$;

-- At commit: give each staged entry its number and hash, in staging order.
CREATE FUNCTION landed_audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  e audit_pending%ROWTYPE;
  head_seq bigint;
  head_hash text;
  h text;
BEGIN
  DELETE FROM audit_pending WHERE id = NEW.id RETURNING * INTO e;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  UPDATE audit_chain_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash INTO head_seq, head_hash;
  h := encode(sha256(convert_to(head_hash || landed_audit_canonical(head_seq, e.at, e.actor_kind, e.actor_id, e.actor_role,
         e.actor_account_id, e.account_id, e.entity_type, e.entity_id, e.action, e.before, e.after), 'UTF8')), 'hex');
  INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_role, actor_account_id, account_id, entity_type, entity_id, action, before, after, prev_hash, hash)
  VALUES (head_seq, e.at, e.actor_kind, e.actor_id, e.actor_role, e.actor_account_id, e.account_id, e.entity_type, e.entity_id, e.action,
          e.before, e.after, head_hash, h);
  UPDATE audit_chain_head SET hash = h WHERE id = 1;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER audit_pending_seal AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION landed_audit_seal();

-- Append-only for everyone, the application role and the table owner included.
CREATE FUNCTION landed_audit_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'LD004';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION landed_audit_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION landed_audit_immutable();
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION landed_audit_immutable();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION landed_audit_immutable();

-- The audited tables: records whose state changes are staff actions or seller decisions.
-- Not audited row by row: the inventory ledger (already immutable), allocations, lots,
-- stock at locations, billable events and snapshots (high volume, derived, or both).
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON installation FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON warehouses FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON account_warehouses FOR EACH ROW EXECUTE FUNCTION landed_audit_row('account_id,warehouse_id');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON rate_cards FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON rate_card_versions FOR EACH ROW EXECUTE FUNCTION landed_audit_row('card_id,version');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON channel_stock_rules FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON inbound_plans FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON stock_transfers FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON cycle_counts FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON return_authorisations FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON return_lines FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON work_orders FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON kit_components FOR EACH ROW EXECUTE FUNCTION landed_audit_row('kit_sku_id,component_sku_id');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON exit_plans FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON exit_plan_lines FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
-- Billing (0009): runs change state (progress counters alone are not logged), invoices and
-- credit notes are drafted, recomputed, finalized; the meter map is configuration. The billing
-- services add recordAudit entries for actions that are not row changes.
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON billing_runs FOR EACH ROW
  EXECUTE FUNCTION landed_audit_row('id', 'accounts_total,accounts_done,invoices_written,accounts_skipped');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION landed_audit_row();
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON billing_meter_map FOR EACH ROW
  EXECUTE FUNCTION landed_audit_row('event_kind,event_unit,meter,rule_id');

-- Sellers read the entries about their own account; staff and provider auditors read all.
-- Nobody writes the tables directly: entries arrive only through the functions above.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (landed_can_see(account_id));
ALTER TABLE audit_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_head ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_head_read ON audit_chain_head FOR SELECT USING (landed_is_provider());

GRANT SELECT ON audit_log, audit_chain_head TO landed_app;
REVOKE ALL ON FUNCTION landed_audit_stage(jsonb, uuid, text, text, text, jsonb, jsonb, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION landed_audit_record(text, text, text, uuid, jsonb, jsonb, jsonb, timestamptz) TO landed_app;
