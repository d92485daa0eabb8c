-- Allocation in one round trip. landed_allocate (0005) needs the order's SKUs resolved and
-- the candidate warehouses ranked; doing that in the application cost a query before the
-- call, and on PostgreSQL the lots stayed locked while the answer travelled back to the
-- application and the COMMIT travelled in. landed_allocate_request does the lookups itself,
-- so the application sends scope + call as one simple-protocol message (one implicit
-- transaction): the locks are held only for the server's own work and its commit.

-- SKU lookup for allocation, by id or seller SKU. Row-level security would keep the planner
-- from using the (account_id, lower(seller_sku)) index (lower() is not leakproof), so this runs
-- as the table owner — but only for an account the caller may see, and only within it.
CREATE FUNCTION landed_resolve_skus(p_account uuid, p_ids text[], p_names text[])
RETURNS TABLE (line_pos integer, sku_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT landed_can_see(p_account) THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT x.o::integer,
         CASE
           WHEN x.id_ref IS NOT NULL THEN
             (SELECT s.id FROM skus s WHERE s.account_id = p_account AND s.id = x.id_ref::uuid)
           ELSE
             (SELECT s.id FROM skus s WHERE s.account_id = p_account AND lower(s.seller_sku) = lower(x.name_ref))
         END
    FROM unnest(p_ids, p_names) WITH ORDINALITY AS x (id_ref, name_ref, o);
END
$$;

-- p_lines: [{ "sku_id": "…" } or { "seller_sku": "…" }, "quantity": n] in the caller's order.
-- p_zones: { "<warehouse id>": zone } for every US fulfilment warehouse (zone 0 = no ZIP).
-- p_only: the caller's warehouse_ids, or NULL for every granted one.
-- Returns landed_allocate's answer plus "names" (SKU and warehouse codes for the reply), or
-- { "status": "error", "code": …, "details": [{ "index": i, … }] } with nothing written.
CREATE FUNCTION landed_allocate_request(
  p_account uuid,
  p_reference text,
  p_lines jsonb,
  p_zones jsonb,
  p_only uuid[],
  p_allow_split boolean,
  p_user uuid,
  p_at timestamptz
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
  unknown jsonb;
  resolved jsonb;
  not_allowed jsonb;
  w_ids uuid[];
  w_zones integer[];
  answer jsonb;
BEGIN
  SELECT status INTO v_status FROM accounts WHERE id = p_account;
  IF v_status IS NULL THEN
    RETURN jsonb_build_object('status', 'error', 'code', 'not_found');
  ELSIF v_status <> 'active' THEN
    RETURN jsonb_build_object('status', 'error', 'code', 'archived');
  END IF;

  -- Each line's SKU, by id or by seller SKU (case-insensitive), within the account.
  WITH lines AS (
    SELECT o::integer AS line_no, e ->> 'sku_id' AS sku_ref, e ->> 'seller_sku' AS seller_ref, (e ->> 'quantity')::integer AS quantity
      FROM jsonb_array_elements(p_lines) WITH ORDINALITY AS x (e, o)
  ), found AS (
    SELECT l.line_no, l.quantity, l.sku_ref, l.seller_ref, r.sku_id
      FROM lines l
      LEFT JOIN landed_resolve_skus(p_account, ARRAY(SELECT sku_ref FROM lines), ARRAY(SELECT seller_ref FROM lines)) r ON r.line_pos = l.line_no
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object('index', line_no - 1, 'field', CASE WHEN sku_ref IS NOT NULL THEN 'sku_id' ELSE 'seller_sku' END,
                                               'value', coalesce(sku_ref, seller_ref)) ORDER BY line_no) FILTER (WHERE sku_id IS NULL), '[]'),
         coalesce(jsonb_agg(jsonb_build_object('line_no', line_no, 'sku_id', sku_id, 'quantity', quantity) ORDER BY line_no), '[]')
    INTO unknown, resolved
    FROM found;
  IF jsonb_array_length(unknown) > 0 THEN
    RETURN jsonb_build_object('status', 'error', 'code', 'unknown_sku', 'details', unknown);
  END IF;

  -- Candidate warehouses: granted, active, US fulfilment (and among p_only when given).
  IF p_only IS NOT NULL THEN
    SELECT coalesce(jsonb_agg(jsonb_build_object('index', o - 1, 'value', w) ORDER BY o), '[]')
      INTO not_allowed
      FROM unnest(p_only) WITH ORDINALITY AS x (w, o)
     WHERE NOT EXISTS (
       SELECT 1 FROM account_warehouses aw JOIN warehouses wh ON wh.id = aw.warehouse_id
        WHERE aw.account_id = p_account AND aw.warehouse_id = x.w AND wh.kind = 'us_fulfilment' AND wh.status = 'active');
    IF jsonb_array_length(not_allowed) > 0 THEN
      RETURN jsonb_build_object('status', 'error', 'code', 'warehouse_not_allowed', 'details', not_allowed);
    END IF;
  END IF;
  SELECT array_agg(wh.id ORDER BY coalesce((p_zones ->> wh.id::text)::integer, 99), wh.code),
         array_agg(coalesce((p_zones ->> wh.id::text)::integer, 99) ORDER BY coalesce((p_zones ->> wh.id::text)::integer, 99), wh.code)
    INTO w_ids, w_zones
    FROM account_warehouses aw JOIN warehouses wh ON wh.id = aw.warehouse_id
   WHERE aw.account_id = p_account AND wh.kind = 'us_fulfilment' AND wh.status = 'active'
     AND (p_only IS NULL OR wh.id = ANY (p_only));
  IF w_ids IS NULL THEN
    RETURN jsonb_build_object('status', 'error', 'code', 'no_warehouse');
  END IF;

  answer := landed_allocate(p_account, p_reference, resolved, w_ids, w_zones, p_allow_split, p_user, p_at);
  RETURN answer || jsonb_build_object('names', jsonb_build_object(
    'skus', (SELECT jsonb_object_agg(s.id, s.seller_sku) FROM skus s
              WHERE s.id = ANY (ARRAY(SELECT (r ->> 'sku_id')::uuid FROM jsonb_array_elements(coalesce(answer -> 'request', resolved)) AS r))),
    'warehouses', (SELECT jsonb_object_agg(wh.id, wh.code) FROM warehouses wh WHERE wh.id = ANY (w_ids))
  ));
END
$$;

-- Several allocation requests in one transaction (group commit, as PostgreSQL does for WAL):
-- under load the application gathers the requests that arrive while earlier ones are in
-- flight and sends them together, so a hot SKU's lot lock and the commit are paid once per
-- batch instead of once per order. Every lot any request may touch is locked first, in id
-- order, so concurrent batches queue instead of deadlocking. Each request is answered on its
-- own (a short one reserves nothing and does not disturb the others).
-- p_requests: [{ account_id, reference, lines, zones, only, allow_split, user_id, at }, …]
CREATE FUNCTION landed_allocate_batch(p_requests jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  req jsonb;
  answers jsonb := '[]';
  v_accounts uuid[];
  v_skus uuid[];
BEGIN
  IF jsonb_array_length(p_requests) > 1 THEN
    SELECT array_agg(DISTINCT (r ->> 'account_id')::uuid) INTO v_accounts FROM jsonb_array_elements(p_requests) AS r;
    SELECT array_agg(DISTINCT x.sku_id) INTO v_skus
      FROM jsonb_array_elements(p_requests) AS r,
           LATERAL landed_resolve_skus((r ->> 'account_id')::uuid,
             ARRAY(SELECT l ->> 'sku_id' FROM jsonb_array_elements(r -> 'lines') AS l),
             ARRAY(SELECT l ->> 'seller_sku' FROM jsonb_array_elements(r -> 'lines') AS l)) AS x
     WHERE x.sku_id IS NOT NULL;
    PERFORM 1 FROM inventory_lots
      WHERE account_id = ANY (v_accounts) AND sku_id = ANY (coalesce(v_skus, '{}')) AND on_hand > allocated
      ORDER BY id
        FOR UPDATE;
  END IF;
  FOR req IN SELECT value FROM jsonb_array_elements(p_requests) LOOP
    answers := answers || jsonb_build_array(landed_allocate_request(
      (req ->> 'account_id')::uuid,
      req ->> 'reference',
      req -> 'lines',
      coalesce(req -> 'zones', '{}'),
      CASE WHEN jsonb_typeof(req -> 'only') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(req -> 'only')::uuid) END,
      coalesce((req ->> 'allow_split')::boolean, false),
      (req ->> 'user_id')::uuid,
      (req ->> 'at')::timestamptz));
  END LOOP;
  RETURN answers;
END
$$;

-- A plan compiled to machine code costs ~100 ms; these statements run in well under 1 ms.
ALTER FUNCTION landed_allocate(uuid, text, jsonb, uuid[], integer[], boolean, uuid, timestamptz) SET jit = off;
ALTER FUNCTION landed_release(uuid, text, uuid, timestamptz) SET jit = off;
ALTER FUNCTION landed_allocate_request(uuid, text, jsonb, jsonb, uuid[], boolean, uuid, timestamptz) SET jit = off;
ALTER FUNCTION landed_allocate_batch(jsonb) SET jit = off;

REVOKE ALL ON FUNCTION landed_resolve_skus(uuid, text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION landed_resolve_skus(uuid, text[], text[]) TO landed_app;
GRANT EXECUTE ON FUNCTION landed_allocate_request(uuid, text, jsonb, jsonb, uuid[], boolean, uuid, timestamptz), landed_allocate_batch(jsonb) TO landed_app;
