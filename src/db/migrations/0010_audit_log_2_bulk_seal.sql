-- Audit log (0010): sealing many entries in one transaction in linear time.
--
-- 0010's sealing trigger moved the chain head row once per entry. Updating one row N times in
-- one transaction leaves N versions that every later update walks past: a transaction that
-- staged 100,000 entries (a bulk import, a large billing run) took minutes to commit. Now the
-- transaction keeps the head it is building in two transaction-local settings and writes the
-- head row once, when its last staged entry is sealed. The head is still locked (FOR UPDATE)
-- from the first seal to the commit, so the chain order stays the commit order.
--
-- landed.audit_staged counts the entries staged and not yet sealed in this transaction; set
-- with set_config(…, true) it is rolled back with a rolled-back savepoint, like the staged rows.

CREATE OR REPLACE FUNCTION landed_audit_stage(
  p_actor jsonb, p_account_id uuid, p_entity_type text, p_entity_id text, p_action text, p_before jsonb, p_after jsonb, p_at timestamptz
) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_pending (at, actor_kind, actor_id, actor_role, actor_account_id, account_id, entity_type, entity_id, action, before, after)
  VALUES (coalesce(p_at, now()), coalesce(p_actor ->> 'kind', 'database'), p_actor ->> 'id', p_actor ->> 'role',
          nullif(p_actor ->> 'account_id', '')::uuid, p_account_id, p_entity_type, p_entity_id, p_action, p_before, p_after);
  PERFORM set_config('landed.audit_staged', (coalesce(nullif(current_setting('landed.audit_staged', true), ''), '0')::bigint + 1)::text, true);
END
$$;

CREATE OR REPLACE FUNCTION landed_audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  e audit_pending%ROWTYPE;
  cached text := nullif(current_setting('landed.audit_head', true), '');
  remaining bigint;
  head_seq bigint;
  head_hash text;
  h text;
BEGIN
  DELETE FROM audit_pending WHERE id = NEW.id RETURNING * INTO e;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF cached IS NULL THEN
    SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  ELSE
    head_seq := split_part(cached, ':', 1)::bigint;
    head_hash := split_part(cached, ':', 2);
  END IF;
  head_seq := head_seq + 1;
  h := encode(sha256(convert_to(head_hash || landed_audit_canonical(head_seq, e.at, e.actor_kind, e.actor_id, e.actor_role,
         e.actor_account_id, e.account_id, e.entity_type, e.entity_id, e.action, e.before, e.after), 'UTF8')), 'hex');
  INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_role, actor_account_id, account_id, entity_type, entity_id, action, before, after, prev_hash, hash)
  VALUES (head_seq, e.at, e.actor_kind, e.actor_id, e.actor_role, e.actor_account_id, e.account_id, e.entity_type, e.entity_id, e.action,
          e.before, e.after, head_hash, h);
  remaining := coalesce(nullif(current_setting('landed.audit_staged', true), ''), '0')::bigint - 1;
  IF remaining <= 0 THEN
    -- The transaction's last entry: the head row is written once.
    UPDATE audit_chain_head SET seq = head_seq, hash = h WHERE id = 1;
    PERFORM set_config('landed.audit_head', '', true);
    PERFORM set_config('landed.audit_staged', '0', true);
  ELSE
    PERFORM set_config('landed.audit_head', head_seq::text || ':' || h, true);
    PERFORM set_config('landed.audit_staged', remaining::text, true);
  END IF;
  RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION landed_audit_stage(jsonb, uuid, text, text, text, jsonb, jsonb, timestamptz) FROM PUBLIC;
