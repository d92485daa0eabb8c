-- Back to the per-order batch of 0005_2. The set-based planner of 0012/0013 was twice as fast
-- called directly (pgbench: 101 against 47 batches of 32 a second on one connection, ~4,100 against
-- ~2,400 allocations a second on four), and made the hot-SKU benchmark ~15 % faster, but the
-- 10,000-SKU Zipf benchmark through the service ran ~40 % slower with it (~700 against ~1,200
-- allocations a second, measured back to back on an otherwise idle machine), and the cause was not
-- found. Realistic catalogues look like the Zipf case, so the one-order-at-a-time batch stays
-- until it is; test/db/allocation-batch.test.ts keeps checking the batch against one order at a
-- time. docs/inventory.md has the figures.

CREATE OR REPLACE FUNCTION landed_allocate_batch(p_requests jsonb) RETURNS jsonb
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
ALTER FUNCTION landed_allocate_batch(jsonb) SET jit = off;
