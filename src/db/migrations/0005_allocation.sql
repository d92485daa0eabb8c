-- Allocation in one round trip, transfers between warehouses, and cycle counts.
--
-- landed_allocate reserves stock for an order inside the caller's transaction: it locks the
-- candidate lots in one stable order (so two allocators never deadlock on each other), plans
-- the warehouse and the lots (FIFO by received date), and writes the allocations, the ledger
-- rows and the availability outbox — all in one statement from the application. The ledger
-- trigger of 0004 checks every row again, so even a planning mistake cannot oversell.
-- docs/inventory.md ("Allocation" and "Why it never oversells") explains the choices.

-- The ledger trigger of 0004, corrected: a negative location delta was written as an
-- INSERT … ON CONFLICT DO UPDATE, whose proposed row (quantity < 0) failed location_stock's
-- CHECK before the conflict turned it into an update. Units leaving a location are now an
-- UPDATE that must find them; units arriving are the upsert. Both errors carry the lot in
-- DETAIL (JSON) so the application can say which lot and how many.
CREATE OR REPLACE FUNCTION landed_apply_ledger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  lot inventory_lots%ROWTYPE;
  held integer;
BEGIN
  UPDATE inventory_lots
     SET inbound = inbound + NEW.inbound_delta,
         on_hand = on_hand + NEW.on_hand_delta,
         allocated = allocated + NEW.allocated_delta,
         damaged = damaged + NEW.damaged_delta,
         updated_at = NEW.created_at
   WHERE id = NEW.lot_id
     AND inbound + NEW.inbound_delta >= 0
     AND on_hand + NEW.on_hand_delta >= 0
     AND allocated + NEW.allocated_delta >= 0
     AND damaged + NEW.damaged_delta >= 0
     AND allocated + NEW.allocated_delta <= on_hand + NEW.on_hand_delta;
  IF NOT FOUND THEN
    SELECT * INTO lot FROM inventory_lots WHERE id = NEW.lot_id;
    RAISE EXCEPTION 'insufficient stock in lot % (inbound %, on hand %, allocated %, damaged %) for % of (%, %, %, %)',
      lot.code, lot.inbound, lot.on_hand, lot.allocated, lot.damaged, NEW.movement,
      NEW.inbound_delta, NEW.on_hand_delta, NEW.allocated_delta, NEW.damaged_delta
      USING ERRCODE = 'LD001',
            DETAIL = json_build_object('lot_id', lot.id, 'lot_code', lot.code, 'sku_id', lot.sku_id, 'warehouse_id', lot.warehouse_id,
              'movement', NEW.movement, 'inbound', lot.inbound, 'on_hand', lot.on_hand, 'allocated', lot.allocated, 'damaged', lot.damaged,
              'inbound_delta', NEW.inbound_delta, 'on_hand_delta', NEW.on_hand_delta, 'allocated_delta', NEW.allocated_delta,
              'damaged_delta', NEW.damaged_delta)::text;
  END IF;
  IF NEW.location_delta > 0 THEN
    INSERT INTO location_stock AS s (lot_id, location_id, account_id, quantity)
    VALUES (NEW.lot_id, NEW.location_id, NEW.account_id, NEW.location_delta)
    ON CONFLICT (lot_id, location_id) DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity;
  ELSIF NEW.location_delta < 0 THEN
    UPDATE location_stock SET quantity = quantity + NEW.location_delta
     WHERE lot_id = NEW.lot_id AND location_id = NEW.location_id AND quantity + NEW.location_delta >= 0;
    IF NOT FOUND THEN
      SELECT quantity INTO held FROM location_stock WHERE lot_id = NEW.lot_id AND location_id = NEW.location_id;
      SELECT * INTO lot FROM inventory_lots WHERE id = NEW.lot_id;
      RAISE EXCEPTION 'insufficient units of lot % at location % (holds %, % asked to leave)',
        lot.code, (SELECT code FROM locations WHERE id = NEW.location_id), coalesce(held, 0), -NEW.location_delta
        USING ERRCODE = 'LD002',
              DETAIL = json_build_object('lot_id', NEW.lot_id, 'lot_code', lot.code, 'sku_id', NEW.sku_id, 'warehouse_id', NEW.warehouse_id,
                'location_id', NEW.location_id, 'movement', NEW.movement, 'held', coalesce(held, 0), 'location_delta', NEW.location_delta)::text;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- Time-ordered ids (RFC 9562 version 7) for rows made inside SQL, like the application's ids.
CREATE FUNCTION landed_uuidv7() RETURNS uuid
LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1),
    'hex')::uuid
$$;

-- p_lines: [{ "line_no": 1, "sku_id": "…", "quantity": 2 }, …] as the service normalised them.
-- p_warehouses / p_zones: the account's candidate warehouses and their zone to the buyer
-- (0 when no ZIP was given). Returns the answer stored in allocation_requests.result, with
-- "replayed": true when the reference had been answered before.
CREATE FUNCTION landed_allocate(
  p_account uuid,
  p_reference text,
  p_lines jsonb,
  p_warehouses uuid[],
  p_zones integer[],
  p_allow_split boolean,
  p_user uuid,
  p_at timestamptz
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_existing allocation_requests%ROWTYPE;
  l_no integer[];
  l_sku uuid[];
  l_qty integer[];
  t_id uuid[];
  t_sku uuid[];
  t_wh uuid[];
  t_avail integer[];
  t_orig integer[];
  w_order uuid[];
  w_line uuid[];
  w uuid;
  chosen uuid;
  need integer;
  take integer;
  n_lots integer;
  a_line integer[] := '{}';
  a_sku uuid[] := '{}';
  a_wh uuid[] := '{}';
  a_lot uuid[] := '{}';
  a_qty integer[] := '{}';
  is_short boolean := false;
  answer jsonb;
BEGIN
  INSERT INTO allocation_requests (account_id, reference, status, result, created_at, updated_at)
  VALUES (p_account, p_reference, 'short', '{}', p_at, p_at)
  ON CONFLICT (account_id, reference) DO NOTHING;
  IF NOT FOUND THEN
    -- Answered before (or being answered by a concurrent call, which we wait for here).
    SELECT * INTO v_existing FROM allocation_requests WHERE account_id = p_account AND reference = p_reference FOR UPDATE;
    IF v_existing.result -> 'request' IS DISTINCT FROM p_lines AND v_existing.status <> 'short' THEN
      RETURN jsonb_build_object('status', 'conflict', 'reference', p_reference, 'request', v_existing.result -> 'request');
    END IF;
    IF v_existing.status <> 'short' THEN
      RETURN v_existing.result || jsonb_build_object('replayed', true);
    END IF;
    -- A short answer is not final: stock may have arrived since, so plan again.
  END IF;

  SELECT array_agg((e ->> 'line_no')::integer ORDER BY o), array_agg((e ->> 'sku_id')::uuid ORDER BY o), array_agg((e ->> 'quantity')::integer ORDER BY o)
    INTO l_no, l_sku, l_qty
    FROM jsonb_array_elements(p_lines) WITH ORDINALITY AS x (e, o);

  -- Lock every lot that could serve the order, in id order (LockRows sits above the sort), then
  -- read them back in FIFO order: oldest received first, lots not yet dated last.
  WITH locked AS (
    SELECT id, sku_id, warehouse_id, received_on, created_at, on_hand - allocated AS avail
      FROM inventory_lots
     WHERE account_id = p_account AND sku_id = ANY (l_sku) AND warehouse_id = ANY (p_warehouses) AND on_hand > allocated
     ORDER BY id
       FOR UPDATE
  )
  SELECT array_agg(id ORDER BY received_on NULLS LAST, created_at, id),
         array_agg(sku_id ORDER BY received_on NULLS LAST, created_at, id),
         array_agg(warehouse_id ORDER BY received_on NULLS LAST, created_at, id),
         array_agg(avail ORDER BY received_on NULLS LAST, created_at, id)
    INTO t_id, t_sku, t_wh, t_avail
    FROM locked;
  n_lots := coalesce(array_length(t_id, 1), 0);
  t_orig := t_avail;

  -- Warehouses nearest the buyer first, then the one holding most of the order.
  SELECT array_agg(u.w ORDER BY u.z, s.stock DESC NULLS LAST, u.w)
    INTO w_order
    FROM unnest(p_warehouses, p_zones) AS u (w, z)
    LEFT JOIN (SELECT wh, sum(a) AS stock FROM unnest(t_wh, t_avail) AS y (wh, a) GROUP BY wh) s ON s.wh = u.w;

  -- One warehouse for the whole order when one can fill it.
  FOREACH w IN ARRAY coalesce(w_order, '{}') LOOP
    IF NOT EXISTS (
      SELECT 1
        FROM (SELECT s, sum(q) AS need FROM unnest(l_sku, l_qty) AS x (s, q) GROUP BY s) n
       WHERE n.need > coalesce((SELECT sum(a) FROM unnest(t_sku, t_wh, t_avail) AS y (s, wh, a) WHERE y.s = n.s AND y.wh = w), 0)
    ) THEN
      chosen := w;
      EXIT;
    END IF;
  END LOOP;

  IF chosen IS NOT NULL OR p_allow_split THEN
    FOR i IN 1 .. coalesce(array_length(l_no, 1), 0) LOOP
      need := l_qty[i];
      IF chosen IS NOT NULL THEN
        w_line := ARRAY[chosen];
      ELSE
        -- Split: for this line, nearest first, then the warehouse with most of this SKU.
        SELECT array_agg(u.w ORDER BY u.z, s.stock DESC NULLS LAST, u.w)
          INTO w_line
          FROM unnest(p_warehouses, p_zones) AS u (w, z)
          LEFT JOIN (SELECT wh, sum(a) AS stock FROM unnest(t_sku, t_wh, t_avail) AS y (s, wh, a) WHERE y.s = l_sku[i] GROUP BY wh) s
            ON s.wh = u.w;
      END IF;
      FOREACH w IN ARRAY coalesce(w_line, '{}') LOOP
        FOR j IN 1 .. n_lots LOOP
          EXIT WHEN need = 0;
          IF t_sku[j] = l_sku[i] AND t_wh[j] = w AND t_avail[j] > 0 THEN
            take := least(need, t_avail[j]);
            t_avail[j] := t_avail[j] - take;
            need := need - take;
            a_line := a_line || l_no[i];
            a_sku := a_sku || l_sku[i];
            a_wh := a_wh || w;
            a_lot := a_lot || t_id[j];
            a_qty := a_qty || take;
          END IF;
        END LOOP;
        EXIT WHEN need = 0;
      END LOOP;
      IF need > 0 THEN
        is_short := true;
      END IF;
    END LOOP;
  ELSE
    is_short := true;
  END IF;

  IF is_short THEN
    -- Nothing is reserved. Say, per line, what there is in all and in each warehouse.
    answer := jsonb_build_object(
      'reference', p_reference,
      'status', 'short',
      'allow_split', p_allow_split,
      'request', p_lines,
      'lines', (
        SELECT jsonb_agg(jsonb_build_object(
          'line_no', l_no[i], 'sku_id', l_sku[i], 'requested', l_qty[i],
          'available', coalesce((SELECT sum(a) FROM unnest(t_sku, t_orig) AS y (s, a) WHERE y.s = l_sku[i]), 0),
          'by_warehouse', coalesce((
            SELECT jsonb_agg(jsonb_build_object('warehouse_id', wh, 'available', av) ORDER BY av DESC, wh)
              FROM (SELECT y.wh, sum(y.a) AS av FROM unnest(t_sku, t_wh, t_orig) AS y (s, wh, a) WHERE y.s = l_sku[i] GROUP BY y.wh) g
          ), '[]')
        ) ORDER BY i)
          FROM generate_subscripts(l_no, 1) AS i
      )
    );
    UPDATE allocation_requests SET status = 'short', result = answer, updated_at = p_at
     WHERE account_id = p_account AND reference = p_reference;
    RETURN answer || jsonb_build_object('replayed', false);
  END IF;

  INSERT INTO allocations (id, account_id, reference, line_no, sku_id, warehouse_id, lot_id, quantity, status, created_at, updated_at)
  SELECT landed_uuidv7(), p_account, p_reference, x.line_no, x.sku, x.wh, x.lot, x.q, 'allocated', p_at, p_at
    FROM unnest(a_line, a_sku, a_wh, a_lot, a_qty) WITH ORDINALITY AS x (line_no, sku, wh, lot, q, o)
   ORDER BY x.o;

  INSERT INTO inventory_ledger (id, account_id, sku_id, warehouse_id, lot_id, movement, allocated_delta, source_type, source_id, user_id, created_at)
  SELECT landed_uuidv7(), p_account, x.sku, x.wh, x.lot, 'allocate', sum(x.q), 'allocation', p_reference, p_user, p_at
    FROM unnest(a_sku, a_wh, a_lot, a_qty) AS x (sku, wh, lot, q)
   GROUP BY x.sku, x.wh, x.lot
   ORDER BY x.lot;

  INSERT INTO inventory_outbox (account_id, sku_id, kind, created_at)
  SELECT DISTINCT p_account, s, 'availability_changed', p_at FROM unnest(a_sku) AS s;

  answer := jsonb_build_object(
    'reference', p_reference,
    'status', 'allocated',
    'allow_split', p_allow_split,
    'request', p_lines,
    'allocations', (
      SELECT jsonb_agg(jsonb_build_object('line_no', x.line_no, 'sku_id', x.sku, 'warehouse_id', x.wh, 'lot_id', x.lot, 'quantity', x.q) ORDER BY x.o)
        FROM unnest(a_line, a_sku, a_wh, a_lot, a_qty) WITH ORDINALITY AS x (line_no, sku, wh, lot, q, o)
    )
  );
  UPDATE allocation_requests SET status = 'allocated', result = answer, updated_at = p_at
   WHERE account_id = p_account AND reference = p_reference;
  RETURN answer || jsonb_build_object('replayed', false);
END
$$;

-- Gives back what an order reserved. Idempotent: releasing twice answers the first release.
-- Returns NULL for an unknown reference; {"status": "invalid_state"} once picking began.
CREATE FUNCTION landed_release(p_account uuid, p_reference text, p_user uuid, p_at timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  r allocation_requests%ROWTYPE;
  answer jsonb;
  released jsonb;
BEGIN
  SELECT * INTO r FROM allocation_requests WHERE account_id = p_account AND reference = p_reference FOR UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF r.status = 'released' THEN
    RETURN r.result || jsonb_build_object('replayed', true);
  END IF;
  IF EXISTS (SELECT 1 FROM allocations WHERE account_id = p_account AND reference = p_reference AND status IN ('picked', 'shipped')) THEN
    RETURN jsonb_build_object('status', 'invalid_state', 'reference', p_reference);
  END IF;

  WITH rel AS (
    UPDATE allocations SET status = 'released', updated_at = p_at
     WHERE account_id = p_account AND reference = p_reference AND status = 'allocated'
    RETURNING line_no, sku_id, warehouse_id, lot_id, quantity
  ), ledger AS (
    INSERT INTO inventory_ledger (id, account_id, sku_id, warehouse_id, lot_id, movement, allocated_delta, source_type, source_id, user_id, created_at)
    SELECT landed_uuidv7(), p_account, sku_id, warehouse_id, lot_id, 'release', -sum(quantity), 'allocation', p_reference, p_user, p_at
      FROM rel
     GROUP BY sku_id, warehouse_id, lot_id
     ORDER BY lot_id
    RETURNING sku_id
  ), outbox AS (
    INSERT INTO inventory_outbox (account_id, sku_id, kind, created_at)
    SELECT DISTINCT p_account, sku_id, 'availability_changed', p_at FROM ledger
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object('line_no', line_no, 'sku_id', sku_id, 'warehouse_id', warehouse_id, 'lot_id', lot_id, 'quantity', quantity)
           ORDER BY line_no, lot_id), '[]')
    INTO released
    FROM rel;

  answer := jsonb_build_object('reference', p_reference, 'status', 'released', 'request', r.result -> 'request', 'released', released);
  UPDATE allocation_requests SET status = 'released', result = answer, updated_at = p_at
   WHERE account_id = p_account AND reference = p_reference;
  RETURN answer || jsonb_build_object('replayed', false);
END
$$;

-- Stock moved between warehouses of one account, including back to China. Shipping posts
-- transfer_out at the source and expected units on a new lot at the destination that keeps
-- the source lot's received date; receiving posts transfer_in (discrepancies recorded).
CREATE TABLE stock_transfers (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- TRF-2026-000001 (number_sequences kind 'transfer').
  number text NOT NULL,
  from_warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  to_warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  status text NOT NULL CHECK (status IN ('draft', 'shipped', 'received', 'cancelled')),
  carrier text,
  tracking_number text,
  note text,
  shipped_at timestamptz,
  received_at timestamptz,
  cancelled_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (from_warehouse_id <> to_warehouse_id)
);
CREATE UNIQUE INDEX stock_transfers_number_key ON stock_transfers (number);
CREATE INDEX stock_transfers_account_idx ON stock_transfers (account_id, id);

CREATE TABLE stock_transfer_lines (
  id uuid PRIMARY KEY,
  transfer_id uuid NOT NULL REFERENCES stock_transfers (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  line_no integer NOT NULL CHECK (line_no > 0),
  sku_id uuid NOT NULL REFERENCES skus (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  UNIQUE (transfer_id, line_no)
);

-- What left in which source lot and where it is expected: one row per (line, source lot).
CREATE TABLE stock_transfer_lots (
  id uuid PRIMARY KEY,
  transfer_id uuid NOT NULL REFERENCES stock_transfers (id),
  line_id uuid NOT NULL REFERENCES stock_transfer_lines (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  source_lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  destination_lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  received_quantity integer NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
  damaged_quantity integer NOT NULL DEFAULT 0 CHECK (damaged_quantity >= 0),
  -- Units expected but not received when the transfer was closed (lost in transit).
  missing_quantity integer NOT NULL DEFAULT 0 CHECK (missing_quantity >= 0)
);
CREATE INDEX stock_transfer_lots_transfer_idx ON stock_transfer_lots (transfer_id);

-- A cycle count: staff count locations, the differences wait for approval, approval posts
-- 'count' movements. Staff only (a location holds several sellers' stock).
CREATE TABLE cycle_counts (
  id uuid PRIMARY KEY,
  -- CC-2026-000001 (number_sequences kind 'cycle_count').
  number text NOT NULL,
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  status text NOT NULL CHECK (status IN ('open', 'submitted', 'approved', 'cancelled')),
  note text,
  created_by uuid REFERENCES users (id),
  submitted_at timestamptz,
  approved_at timestamptz,
  approved_by uuid REFERENCES users (id),
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX cycle_counts_number_key ON cycle_counts (number);

CREATE TABLE cycle_count_lines (
  id uuid PRIMARY KEY,
  count_id uuid NOT NULL REFERENCES cycle_counts (id),
  location_id uuid NOT NULL REFERENCES locations (id),
  lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  sku_id uuid NOT NULL REFERENCES skus (id),
  -- Units the system held at the location when the count was opened.
  expected integer NOT NULL CHECK (expected >= 0),
  counted integer CHECK (counted >= 0),
  counted_by uuid REFERENCES users (id),
  counted_at timestamptz,
  UNIQUE (count_id, location_id, lot_id)
);

ALTER TABLE stock_transfers ENABLE ROW LEVEL SECURITY;
CREATE POLICY stock_transfers_tenant ON stock_transfers USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE stock_transfer_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY stock_transfer_lines_tenant ON stock_transfer_lines USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE stock_transfer_lots ENABLE ROW LEVEL SECURITY;
CREATE POLICY stock_transfer_lots_tenant ON stock_transfer_lots USING (landed_can_see(account_id)) WITH CHECK (landed_can_see(account_id));
ALTER TABLE cycle_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY cycle_counts_staff ON cycle_counts USING (landed_is_provider()) WITH CHECK (landed_is_provider());
ALTER TABLE cycle_count_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY cycle_count_lines_staff ON cycle_count_lines USING (landed_is_provider()) WITH CHECK (landed_is_provider());

GRANT SELECT, INSERT, UPDATE ON stock_transfers, stock_transfer_lines, stock_transfer_lots, cycle_counts, cycle_count_lines TO landed_app;
GRANT EXECUTE ON FUNCTION landed_uuidv7(), landed_allocate(uuid, text, jsonb, uuid[], integer[], boolean, uuid, timestamptz),
  landed_release(uuid, text, uuid, timestamptz) TO landed_app;
