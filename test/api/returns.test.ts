/**
 * Returns, work orders, kits and exit plans through the HTTP API: a parcel authorised,
 * received by scan, inspected and restocked (sellable again) or destroyed (with evidence,
 * never sellable), a channel return delivered twice making one RMA, kitting that consumes
 * exactly its components or nothing at all, and an exit plan carried out as work orders.
 * Stock is read straight from the lots and the ledger, as the owner (no tenancy filter).
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { createLot, postMovements } from '../../src/db/repositories/inventory-ledger.js';
import { inScope, PROVIDER_SCOPE } from '../../src/db/tenancy.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const clock = fixedClock(new Date('2026-11-02T15:00:00Z'));
const HOUR = 3_600_000;

let t: TestApp;
let staff: string;
let seller: string;
let threadline: string;
let voltbee: string;
const warehouse: Record<string, string> = {};

interface Line {
  id: string;
  line_no: number;
  sku_id: string;
  expected_quantity: number;
  received_quantity: number;
  grade: string | null;
  disposition: string | null;
  lot_id: string | null;
  work_order_id: string | null;
  split_from_line_id: string | null;
}
interface Rma {
  id: string;
  number: string;
  status: string;
  source: string;
  account_id: string;
  warehouse_code: string;
  clock: { transit_hours: number | null; inspection_hours: number | null; processing_hours: number | null };
  lines: Line[];
  work_orders: { id: string; kind: string; status: string; quantity: number }[];
}
interface WorkOrder {
  id: string;
  number: string;
  kind: string;
  status: string;
  quantity: number;
  units_done: number | null;
  source_number: string | null;
}
interface Detail {
  path?: (string | number)[];
  code: string;
  message: string;
}

async function rows<T>(query: SQL): Promise<T[]> {
  return selectRows<T>(t.db.database.db, query);
}

async function one(query: SQL): Promise<number> {
  const [row] = await rows<{ n: number | string | null }>(query);
  return Number(row?.n ?? 0);
}

/** On hand − allocated of a SKU in a warehouse: what channels may sell. */
const available = (skuId: string, code: string) =>
  one(
    sql`SELECT coalesce(sum(on_hand - allocated), 0)::int AS n FROM inventory_lots WHERE sku_id = ${skuId} AND warehouse_id = ${warehouse[code]}`,
  );
const ledgerRows = (accountId: string) => one(sql`SELECT count(*)::int AS n FROM inventory_ledger WHERE account_id = ${accountId}`);

async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** A fresh SKU in the seller's catalogue, so stock figures start at zero. */
async function newSku(sellerSku: string): Promise<string> {
  const response = await call('POST', '/v1/skus', seller, {
    seller_sku: sellerSku,
    title_en: `Test ${sellerSku}`,
    length: '20',
    width: '15',
    height: '5',
    dimension_unit: 'cm',
    weight: '300',
    weight_unit: 'g',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** Opening stock in a bin of a US warehouse, posted like any stock: a lot and a ledger row. */
async function giveStock(accountId: string, skuId: string, code: string, quantity: number, receivedOn = '2026-09-01'): Promise<string> {
  const ids = t.services.deps.ids;
  return inScope(t.db.database.db, PROVIDER_SCOPE, async (tx) => {
    const [bin] = await selectRows<{ id: string }>(
      tx,
      sql`SELECT id FROM locations WHERE warehouse_id = ${warehouse[code]} AND location_type = 'bin' ORDER BY code LIMIT 1`,
    );
    const lot = await createLot(tx, ids, {
      accountId,
      skuId,
      warehouseId: warehouse[code] as string,
      sourceType: 'adjustment',
      receivedOn,
    });
    await postMovements(tx, ids, clock.now(), [
      {
        accountId,
        skuId,
        warehouseId: warehouse[code] as string,
        lotId: lot.id,
        movement: 'adjust',
        onHandDelta: quantity,
        locationId: bin?.id,
        locationDelta: quantity,
        reasonCode: 'opening_balance',
        sourceType: 'test',
        sourceId: 'returns.test',
      },
    ]);
    return lot.id;
  });
}

async function authorise(lines: { sku_id: string; quantity: number }[], extra: Record<string, unknown> = {}): Promise<Rma> {
  const response = await call('POST', '/v1/returns', seller, { order_reference: 'SO-1001', reason: 'Changed mind', lines, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function receive(rma: Rma, body: Record<string, unknown> = {}): Promise<Rma> {
  const response = await call('POST', '/v1/returns/receive', staff, { warehouse_id: warehouse['US-RET1'], code: rma.number, ...body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function inspect(rma: Rma, lines: unknown[]) {
  return call('POST', `/v1/returns/${rma.id}/inspect`, staff, { lines });
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  staff = await t.as('operator');
  seller = await t.as('seller_admin', 'THREADLINE');
  threadline = await t.accountId('THREADLINE');
  voltbee = await t.accountId('VOLTBEE');
  const list = await t.services.warehouses.list(SYSTEM_ACTOR, { limit: 50 });
  for (const w of list.items) warehouse[w.code] = w.id;
});
afterAll(async () => t?.close());

describe('a return restocked', () => {
  it('goes authorised → received → inspected → closed, puts grade A units back on sale and keeps the clock', async () => {
    const tee = await newSku('RET-TEE-1');
    const hoodie = await newSku('RET-HOOD-1');
    const rma = await authorise([
      { sku_id: tee, quantity: 2 },
      { sku_id: hoodie, quantity: 1 },
    ]);
    expect(rma).toMatchObject({ status: 'authorised', source: 'seller', warehouse_code: 'US-RET1', account_id: threadline });
    expect(rma.number).toMatch(/^RMA-2026-\d{6}$/);
    // Nothing is stock until it has been looked at.
    expect(await available(tee, 'US-RET1')).toBe(0);

    clock.advance(72 * HOUR);
    const received = await receive(rma);
    expect(received.status).toBe('received');
    expect(received.lines.map((l) => l.received_quantity)).toEqual([2, 1]);
    expect(received.clock.transit_hours).toBe(72);
    expect(await available(tee, 'US-RET1')).toBe(0);

    clock.advance(5 * HOUR);
    const [teeLine, hoodieLine] = received.lines as [Line, Line];
    const inspected = await inspect(received, [
      { line_id: teeLine.id, grade: 'A' },
      { line_id: hoodieLine.id, grade: 'B' },
    ]);
    expect(inspected.statusCode, inspected.body).toBe(200);
    const after = inspected.json() as Rma;
    // The relabel work order keeps it open.
    expect(after.status).toBe('inspected');
    expect(after.lines.map((l) => [l.grade, l.disposition])).toEqual([
      ['A', 'restock'],
      ['B', 'relabel_restock'],
    ]);
    expect(await available(tee, 'US-RET1')).toBe(2);
    expect(await available(hoodie, 'US-RET1')).toBe(1);
    const [lot] = await rows<{ code: string; source_type: string; on_hand: number; received_on: string | Date }>(
      sql`SELECT code, source_type, on_hand, received_on FROM inventory_lots WHERE id = ${after.lines[0]?.lot_id}`,
    );
    expect(lot).toMatchObject({ code: `${rma.number}-1`, source_type: 'return', on_hand: 2 });
    const movements = await rows<{ movement: string; on_hand_delta: number; location_type: string }>(
      sql`SELECT l.movement, l.on_hand_delta, loc.location_type FROM inventory_ledger l JOIN locations loc ON loc.id = l.location_id
           WHERE l.source_type = 'return' AND l.source_id = ${rma.id} ORDER BY l.seq`,
    );
    expect(movements).toEqual([
      { movement: 'return', on_hand_delta: 2, location_type: 'returns' },
      { movement: 'return', on_hand_delta: 1, location_type: 'returns' },
    ]);

    const relabel = after.work_orders[0] as { id: string; kind: string; quantity: number };
    expect(relabel).toMatchObject({ kind: 'relabel', quantity: 1 });
    clock.advance(HOUR);
    const done = await call('POST', `/v1/work-orders/${relabel.id}/complete`, staff, { units_done: 1, minutes: 4 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', units_done: 1, minutes: 4, source_number: rma.number });

    const closed = (await call('GET', `/v1/returns/${rma.id}`, seller)).json() as Rma;
    expect(closed.status).toBe('closed');
    expect(closed.clock).toEqual({ transit_hours: 72, inspection_hours: 5, processing_hours: 6 });

    const events = await rows<{ kind: string; unit: string; quantity: string }>(
      sql`SELECT kind, unit, quantity::text FROM billable_events WHERE source_id IN (${rma.id}, ${relabel.id}) ORDER BY kind, unit`,
    );
    expect(events).toEqual([
      { kind: 'return_processing', unit: 'rma', quantity: '1.0000' },
      { kind: 'return_processing', unit: 'unit', quantity: '3.0000' },
      { kind: 'vas_relabel', unit: 'minute', quantity: '4.0000' },
      { kind: 'vas_relabel', unit: 'unit', quantity: '1.0000' },
    ]);
  });

  it('splits a line inspected in two grades', async () => {
    const sku = await newSku('RET-SPLIT-1');
    const rma = await receive(await authorise([{ sku_id: sku, quantity: 3 }]));
    const line = rma.lines[0] as Line;
    const response = await inspect(rma, [
      { line_id: line.id, quantity: 2, grade: 'A' },
      { line_id: line.id, quantity: 1, grade: 'D', evidence: { photos: ['split-crushed.jpg'], note: 'Crushed in transit' } },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json() as Rma;
    expect(after.status).toBe('closed');
    expect(after.lines.map((l) => [l.line_no, l.received_quantity, l.grade, l.disposition, l.split_from_line_id])).toEqual([
      [1, 2, 'A', 'restock', null],
      [2, 1, 'D', 'destroy', line.id],
    ]);
    expect(await available(sku, 'US-RET1')).toBe(2);
  });
  it('restocked at a fulfilment warehouse, the units can be allocated to a new order', async () => {
    const sku = await newSku('RET-NJ-1');
    const rma = await authorise([{ sku_id: sku, quantity: 2 }], { warehouse_id: warehouse['US-NJ1'] });
    expect(rma.warehouse_code).toBe('US-NJ1');
    const received = await call('POST', '/v1/returns/receive', staff, { warehouse_id: warehouse['US-NJ1'], code: rma.number });
    expect(received.statusCode, received.body).toBe(200);
    expect((await inspect(received.json(), [{ line_id: rma.lines[0]?.id, grade: 'A' }])).statusCode).toBe(200);
    const allocated = await call('POST', '/v1/allocations', seller, {
      reference: 'SO-AFTER-RETURN',
      lines: [{ sku_id: sku, quantity: 2 }],
      warehouse_ids: [warehouse['US-NJ1']],
    });
    expect(allocated.statusCode, allocated.body).toBe(201);
    expect(allocated.json().lines[0].allocations).toEqual([
      { warehouse_id: warehouse['US-NJ1'], warehouse_code: 'US-NJ1', lot_id: expect.any(String), quantity: 2 },
    ]);
    expect(await available(sku, 'US-NJ1')).toBe(0);
  });
});

describe('a return destroyed', () => {
  it('needs evidence, then disposes of the units: never sellable, billed as disposal', async () => {
    const sku = await newSku('RET-BROKEN-1');
    const rma = await receive(await authorise([{ sku_id: sku, quantity: 3 }]));
    const line = rma.lines[0] as Line;
    const ledgerBefore = await ledgerRows(threadline);

    const refused = await inspect(rma, [{ line_id: line.id, grade: 'D', evidence: { photos: [], note: 'Smashed' } }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('validation_failed');
    expect((refused.json().error.details as Detail[]).map((d) => [d.path, d.code])).toEqual([
      [['lines', 0, 'evidence', 'photos'], 'evidence_required'],
    ]);
    expect(await ledgerRows(threadline)).toBe(ledgerBefore);
    expect(((await call('GET', `/v1/returns/${rma.id}`, staff)).json() as Rma).status).toBe('received');

    const accepted = await inspect(rma, [
      { line_id: line.id, grade: 'D', evidence: { photos: ['IMG_2041.jpg', 'https://photos.example/rma/2042.jpg'], note: 'Smashed' } },
    ]);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = accepted.json() as Rma;
    expect(after.status).toBe('closed');
    expect(after.lines[0]).toMatchObject({ disposition: 'destroy' });
    expect(await available(sku, 'US-RET1')).toBe(0);
    const [lot] = await rows<{ on_hand: number; damaged: number }>(
      sql`SELECT on_hand, damaged FROM inventory_lots WHERE id = ${after.lines[0]?.lot_id}`,
    );
    expect(lot).toEqual({ on_hand: 0, damaged: 0 });
    const movements = await rows<{ movement: string; damaged_delta: number; reason_code: string | null }>(
      sql`SELECT movement, damaged_delta, reason_code FROM inventory_ledger WHERE source_id = ${rma.id} ORDER BY seq`,
    );
    expect(movements).toEqual([
      { movement: 'return', damaged_delta: 3, reason_code: null },
      { movement: 'dispose', damaged_delta: -3, reason_code: 'return_destroyed' },
    ]);
    expect(
      await one(
        sql`SELECT sum(quantity)::int AS n FROM billable_events WHERE kind = 'disposal_unit' AND source_id = ${after.lines[0]?.id}`,
      ),
    ).toBe(3);
  });

  it('holds units for China as damaged and ships them with the ship-back work order', async () => {
    const sku = await newSku('RET-CN-1');
    const rma = await receive(await authorise([{ sku_id: sku, quantity: 2 }]));
    const after = (await inspect(rma, [{ line_id: rma.lines[0]?.id, grade: 'C' }])).json() as Rma;
    expect(after.status).toBe('inspected');
    expect(after.lines[0]?.disposition).toBe('return_to_china');
    const [lot] = await rows<{ on_hand: number; damaged: number }>(
      sql`SELECT on_hand, damaged FROM inventory_lots WHERE id = ${after.lines[0]?.lot_id}`,
    );
    expect(lot).toEqual({ on_hand: 0, damaged: 2 });
    const shipBack = after.work_orders[0] as { id: string; kind: string };
    expect(shipBack.kind).toBe('ship_back');
    const done = await call('POST', `/v1/work-orders/${shipBack.id}/complete`, staff, {});
    expect(done.statusCode, done.body).toBe(200);
    const [emptied] = await rows<{ damaged: number }>(sql`SELECT damaged FROM inventory_lots WHERE id = ${after.lines[0]?.lot_id}`);
    expect(emptied?.damaged).toBe(0);
    expect(((await call('GET', `/v1/returns/${rma.id}`, seller)).json() as Rma).status).toBe('closed');
  });
});

describe('returns refused with a clear error and nothing written', () => {
  it('answers an unknown scan with unknown_barcode, and records the parcel as an unexpected return', async () => {
    const unknown = await call('POST', '/v1/returns/receive', staff, { warehouse_id: warehouse['US-RET1'], code: '1Z-NOT-ANNOUNCED' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'unknown_barcode', details: [{ path: ['code'], code: 'unknown_return' }] });

    const sku = await newSku('RET-SURPRISE-1');
    const recorded = await call('POST', '/v1/returns/unexpected', staff, {
      account_id: threadline,
      warehouse_id: warehouse['US-RET1'],
      scanned_code: '1Z-NOT-ANNOUNCED',
      lines: [{ seller_sku: 'ret-surprise-1', quantity: 2 }],
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const rma = recorded.json() as Rma;
    expect(rma).toMatchObject({ source: 'unexpected', status: 'received' });
    expect(rma.lines[0]).toMatchObject({ sku_id: sku, expected_quantity: 0, received_quantity: 2 });
  });

  it('refuses a second scan, inspecting before receipt, a wrong count, a stranger’s SKU and a China warehouse', async () => {
    const sku = await newSku('RET-BAD-1');
    const rma = await authorise([{ sku_id: sku, quantity: 2 }]);
    const early = await inspect(rma, [{ line_id: rma.lines[0]?.id, grade: 'A' }]);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invalid_state');

    const received = await receive(rma);
    const again = await call('POST', '/v1/returns/receive', staff, { warehouse_id: warehouse['US-RET1'], code: rma.number.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('It was received on 2026-');

    const ledgerBefore = await ledgerRows(threadline);
    const wrong = await inspect(received, [{ line_id: received.lines[0]?.id, quantity: 1, grade: 'A' }]);
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json().error.details as Detail[])[0]).toMatchObject({ path: ['lines', 0, 'quantity'], code: 'quantity_mismatch' });
    const notAllowed = await inspect(received, [{ line_id: received.lines[0]?.id, grade: 'C', disposition: 'restock' }]);
    expect((notAllowed.json().error.details as Detail[])[0]).toMatchObject({
      path: ['lines', 0, 'disposition'],
      code: 'disposition_not_allowed',
    });
    expect(await ledgerRows(threadline)).toBe(ledgerBefore);

    const homelySku = (await t.services.skus.list(SYSTEM_ACTOR, { accountId: await t.accountId('HOMELY'), limit: 1 })).items[0];
    const stranger = await call('POST', '/v1/returns', seller, {
      lines: [
        { sku_id: homelySku?.id, quantity: 1 },
        { seller_sku: 'NOPE', quantity: 0 },
      ],
    });
    expect(stranger.statusCode).toBe(400);
    expect((stranger.json().error.details as Detail[]).map((d) => [d.path, d.code])).toEqual([
      [['lines', 1, 'quantity'], 'invalid_quantity'],
    ]);
    const strangerOnly = await call('POST', '/v1/returns', seller, { lines: [{ sku_id: homelySku?.id, quantity: 1 }] });
    expect((strangerOnly.json().error.details as Detail[]).map((d) => [d.path, d.code])).toEqual([[['lines', 0, 'sku_id'], 'unknown_sku']]);
    const china = await call('POST', '/v1/returns', seller, { warehouse_id: warehouse['CN-SZX1'], lines: [{ sku_id: sku, quantity: 1 }] });
    expect((china.json().error.details as Detail[])[0]).toMatchObject({ path: ['warehouse_id'], code: 'not_a_return_warehouse' });

    const sellerScan = await call('POST', '/v1/returns/receive', seller, { warehouse_id: warehouse['US-RET1'], code: rma.number });
    expect(sellerScan.statusCode).toBe(403);
    const cancelReceived = await call('POST', `/v1/returns/${rma.id}/cancel`, seller);
    expect(cancelReceived.statusCode).toBe(409);
  });
});

describe('a channel return delivered twice', () => {
  it('is one RMA, through the API and through the service the orders module calls', async () => {
    const sku = await newSku('RET-CH-1');
    const body = {
      channel: 'tiktok_shop',
      channel_return_id: '577001234567',
      order_reference: 'TT-1',
      lines: [{ sku_id: sku, quantity: 1 }],
    };
    const first = await call('POST', '/v1/returns', seller, body);
    expect(first.statusCode, first.body).toBe(201);
    const second = await call('POST', '/v1/returns', seller, body);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(first.json().source).toBe('channel');

    const input = {
      accountId: threadline,
      channel: 'shopify' as const,
      channelReturnId: 'gid://shopify/Return/98765',
      lines: [{ sellerSku: 'RET-CH-1', quantity: 1 }],
    };
    const [a, b] = await Promise.all([
      t.services.returns.authoriseFromChannel(SYSTEM_ACTOR, input),
      t.services.returns.authoriseFromChannel(SYSTEM_ACTOR, input),
    ]);
    if (!a.ok || !b.ok) throw new Error('channel return refused');
    expect(a.value.detail.rma.id).toBe(b.value.detail.rma.id);
    expect([a.value.created, b.value.created].sort()).toEqual([false, true]);
    expect(
      await one(
        sql`SELECT count(*)::int AS n FROM return_authorisations WHERE channel = 'shopify' AND channel_return_id = 'gid://shopify/Return/98765'`,
      ),
    ).toBe(1);
  });
});

describe('the processing clock', () => {
  it('reports average and p90 per seller, the seller seeing only its own', async () => {
    const response = await call('GET', '/v1/returns/processing-times?sla_days=10', seller);
    expect(response.statusCode, response.body).toBe(200);
    const data = response.json().data as {
      account_id: string;
      transit: { count: number; average_hours: number | null; p90_hours: number | null };
    }[];
    expect(data.map((r) => r.account_id)).toEqual([threadline]);
    expect(data[0]?.transit.count).toBeGreaterThan(0);
    const staffView = await call('GET', '/v1/returns/processing-times', staff);
    expect((staffView.json().data as unknown[]).length).toBeGreaterThanOrEqual(1);
    const backwards = await call('GET', '/v1/returns/processing-times?from=2026-11-02&to=2026-11-01', staff);
    expect(backwards.statusCode).toBe(400);
  });
});

describe('kitting', () => {
  let kit: string;
  let mug: string;
  let coaster: string;

  beforeAll(async () => {
    kit = await newSku('KIT-GIFT-1');
    mug = await newSku('KIT-MUG-1');
    coaster = await newSku('KIT-COASTER-1');
    await giveStock(threadline, mug, 'US-NJ1', 8, '2026-06-01');
    await giveStock(threadline, coaster, 'US-NJ1', 4, '2026-05-01');
    await giveStock(threadline, coaster, 'US-NJ1', 5, '2026-07-01');
    const recipe = await call('PUT', `/v1/kits/${kit}`, seller, {
      components: [
        { sku_id: mug, quantity: 1 },
        { seller_sku: 'KIT-COASTER-1', quantity: 2 },
      ],
    });
    expect(recipe.statusCode, recipe.body).toBe(200);
    expect(recipe.json().buildable).toContainEqual({ warehouse_id: warehouse['US-NJ1'], warehouse_code: 'US-NJ1', kits: 4 });
  });

  async function kitOrder(quantity: number): Promise<WorkOrder> {
    const response = await call('POST', '/v1/work-orders', seller, {
      warehouse_id: warehouse['US-NJ1'],
      kind: 'kitting',
      sku_id: kit,
      quantity,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('refuses to build more kits than the components allow, leaving the ledger unchanged', async () => {
    const order = await kitOrder(5);
    const before = await ledgerRows(threadline);
    const refused = await call('POST', `/v1/work-orders/${order.id}/complete`, staff, { units_done: 5, minutes: 20 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('insufficient_stock');
    expect(refused.json().error.details).toEqual([
      expect.objectContaining({
        path: ['components', 1],
        code: 'insufficient_stock',
        message: 'KIT-COASTER-1: 10 needed for 5 kits, 9 available at US-NJ1.',
      }),
    ]);
    expect(await ledgerRows(threadline)).toBe(before);
    expect(await available(mug, 'US-NJ1')).toBe(8);
    expect(((await call('GET', `/v1/work-orders/${order.id}`, staff)).json() as WorkOrder).status).toBe('requested');
    expect(await one(sql`SELECT count(*)::int AS n FROM billable_events WHERE source_id = ${order.id}`)).toBe(0);
  });

  it('consumes exactly the components, oldest lot first, and makes a kit lot', async () => {
    const [order] = (await call('GET', `/v1/work-orders?kind=kitting&status=requested&q=WO-`, seller)).json().data as WorkOrder[];
    const done = await call('POST', `/v1/work-orders/${order?.id}/complete`, staff, { units_done: 4, minutes: 20 });
    expect(done.statusCode, done.body).toBe(200);
    expect(await available(mug, 'US-NJ1')).toBe(4);
    expect(await available(coaster, 'US-NJ1')).toBe(1);
    expect(await available(kit, 'US-NJ1')).toBe(4);
    const coasterLots = await rows<{ received_on: string | Date; on_hand: number }>(
      sql`SELECT received_on, on_hand FROM inventory_lots WHERE sku_id = ${coaster} ORDER BY received_on`,
    );
    // The May lot (4) is used up before the July lot (5) gives 4.
    expect(coasterLots.map((l) => l.on_hand)).toEqual([0, 1]);
    const movements = await rows<{ movement: string; n: number; units: number }>(
      sql`SELECT movement, count(*)::int AS n, sum(on_hand_delta)::int AS units FROM inventory_ledger
           WHERE source_type = 'work_order' AND source_id = ${order?.id} GROUP BY movement ORDER BY movement`,
    );
    expect(movements).toEqual([
      { movement: 'kit_build', n: 1, units: 4 },
      { movement: 'kit_consume', n: 3, units: -12 },
    ]);
    const events = await rows<{ kind: string; unit: string; quantity: string }>(
      sql`SELECT kind, unit, quantity::text FROM billable_events WHERE source_id = ${order?.id} ORDER BY unit`,
    );
    expect(events).toEqual([
      { kind: 'vas_kitting', unit: 'minute', quantity: '20.0000' },
      { kind: 'vas_kitting', unit: 'unit', quantity: '4.0000' },
    ]);
  });

  it('dekits back into components, and keeps the recipe while kitting work is open', async () => {
    const order = await call('POST', '/v1/work-orders', seller, {
      warehouse_id: warehouse['US-NJ1'],
      kind: 'dekitting',
      sku_id: kit,
      quantity: 2,
    });
    expect(order.statusCode).toBe(201);
    const locked = await call('PUT', `/v1/kits/${kit}`, seller, { components: [{ sku_id: mug, quantity: 2 }] });
    expect(locked.statusCode).toBe(409);
    const done = await call('POST', `/v1/work-orders/${order.json().id}/complete`, staff, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(await available(kit, 'US-NJ1')).toBe(2);
    expect(await available(mug, 'US-NJ1')).toBe(6);
    expect(await available(coaster, 'US-NJ1')).toBe(5);
  });

  it('refuses a kit in itself, a nested kit and a SKU that is not a kit', async () => {
    const self = await call('PUT', `/v1/kits/${kit}`, seller, { components: [{ sku_id: kit, quantity: 1 }] });
    expect((self.json().error.details as Detail[])[0]).toMatchObject({ path: ['components', 0, 'sku_id'], code: 'kit_in_itself' });
    const outer = await newSku('KIT-OUTER-1');
    const nested = await call('PUT', `/v1/kits/${outer}`, seller, { components: [{ sku_id: kit, quantity: 1 }] });
    expect((nested.json().error.details as Detail[])[0]).toMatchObject({ code: 'nested_kit' });
    const notKit = await call('POST', '/v1/work-orders', seller, {
      warehouse_id: warehouse['US-NJ1'],
      kind: 'kitting',
      sku_id: mug,
      quantity: 1,
    });
    expect(notKit.statusCode).toBe(400);
    expect((notKit.json().error.details as Detail[])[0]).toMatchObject({ path: ['sku_id'], code: 'not_a_kit' });
    expect((await call('DELETE', `/v1/kits/${mug}`, seller)).statusCode).toBe(404);
    expect((await call('GET', `/v1/kits/${kit}`, seller)).json().components).toHaveLength(2);
  });
});

describe('work orders', () => {
  it('records minutes for bench work, lets a seller withdraw only what has not started, and keeps completion to staff', async () => {
    const created = await call('POST', '/v1/work-orders', seller, {
      warehouse_id: warehouse['US-NJ1'],
      kind: 'photos',
      quantity: 6,
      instructions: 'White background',
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json() as WorkOrder;
    expect(order.number).toMatch(/^WO-2026-\d{6}$/);
    expect((await call('POST', `/v1/work-orders/${order.id}/complete`, seller, {})).statusCode).toBe(403);
    expect((await call('POST', `/v1/work-orders/${order.id}/start`, staff)).json().status).toBe('in_progress');
    const withdraw = await call('POST', `/v1/work-orders/${order.id}/cancel`, seller, {});
    expect(withdraw.statusCode).toBe(409);
    const nothing = await call('POST', `/v1/work-orders/${order.id}/complete`, staff, { units_done: 0 });
    expect((nothing.json().error.details as Detail[])[0]).toMatchObject({ path: ['units_done'], code: 'nothing_done' });
    const done = await call('POST', `/v1/work-orders/${order.id}/complete`, staff, { units_done: 6, minutes: 18 });
    expect(done.json()).toMatchObject({ status: 'done', units_done: 6, minutes: 18 });

    const disposal = await call('POST', '/v1/work-orders', seller, {
      warehouse_id: warehouse['US-CA1'],
      kind: 'ship_back',
      quantity: 1,
      sku_id: null,
    });
    expect((disposal.json().error.details as Detail[]).map((d) => d.path)).toEqual([['sku_id'], ['destination']]);
  });

  it('refuses a warehouse the account may not use', async () => {
    await t.db.database.db.execute(
      sql`DELETE FROM account_warehouses WHERE account_id = ${threadline} AND warehouse_id = ${warehouse['US-CA1']}`,
    );
    try {
      const response = await call('POST', '/v1/work-orders', seller, { warehouse_id: warehouse['US-CA1'], kind: 'qc', quantity: 10 });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('warehouse_not_allowed');
    } finally {
      await t.db.database.db.execute(
        sql`INSERT INTO account_warehouses (account_id, warehouse_id) VALUES (${threadline}, ${warehouse['US-CA1']}) ON CONFLICT DO NOTHING`,
      );
    }
  });
});

describe('an exit plan', () => {
  it('lists all remaining stock, needs every line covered, and is carried out as work orders', async () => {
    const owner = await t.as('seller_admin', 'VOLTBEE');
    const created = await call('POST', '/v1/exit-plans', owner, { note: 'Leaving the US market' });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    const stock = await rows<{ n: number; units: number }>(
      sql`SELECT count(DISTINCT (warehouse_id, sku_id))::int AS n, sum(on_hand - allocated + damaged)::int AS units
            FROM inventory_lots WHERE account_id = ${voltbee} AND (on_hand - allocated > 0 OR damaged > 0)`,
    );
    expect(plan.lines.length).toBe(stock[0]?.n);
    expect(plan.status).toBe('draft');
    expect((await call('POST', '/v1/exit-plans', owner, {})).statusCode).toBe(409);

    const incomplete = await call('POST', `/v1/exit-plans/${plan.id}/submit`, owner);
    expect(incomplete.statusCode).toBe(400);
    expect((incomplete.json().error.details as Detail[])[0]).toMatchObject({ path: ['lines', 0, 'disposition'], code: 'required' });

    const [first, second] = plan.lines as {
      id: string;
      available_units: number;
      damaged_units: number;
      sku_id: string;
      warehouse_code: string;
    }[];
    const edited = await call('PATCH', `/v1/exit-plans/${plan.id}`, owner, {
      all: { disposition: 'ship_back', destination: 'CN-SZX1, Shenzhen' },
      lines: [{ line_id: second?.id, disposition: 'destroy' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().progress.units_planned).toBe(stock[0]?.units);
    const tooMany = await call('PATCH', `/v1/exit-plans/${plan.id}`, owner, { lines: [{ line_id: first?.id, quantity: 1_000_000 }] });
    expect((tooMany.json().error.details as Detail[])[0]).toMatchObject({ path: ['lines', 0, 'quantity'], code: 'invalid_quantity' });

    expect((await call('POST', `/v1/exit-plans/${plan.id}/submit`, owner)).json().status).toBe('submitted');
    expect((await call('POST', `/v1/exit-plans/${plan.id}/approve`, owner)).statusCode).toBe(403);
    const approved = await call('POST', `/v1/exit-plans/${plan.id}/approve`, staff);
    expect(approved.statusCode, approved.body).toBe(200);
    const lines = approved.json().lines as {
      sku_id: string;
      warehouse_code: string;
      quantity: number;
      work_order: { id: string; kind: string };
    }[];
    expect(lines.every((l) => l.work_order !== null)).toBe(true);
    expect(lines[0]?.work_order.kind).toBe('ship_back');
    expect(lines[1]?.work_order.kind).toBe('disposal');

    const shipBack = lines[0] as (typeof lines)[number];
    await call('POST', `/v1/work-orders/${shipBack.work_order.id}/start`, staff);
    expect((await call('GET', `/v1/exit-plans/${plan.id}`, owner)).json().status).toBe('in_progress');
    const shipped = await call('POST', `/v1/work-orders/${shipBack.work_order.id}/complete`, staff, {});
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(await available(shipBack.sku_id, shipBack.warehouse_code)).toBe(0);

    const destroy = lines[1] as (typeof lines)[number];
    const noPhoto = await call('POST', `/v1/work-orders/${destroy.work_order.id}/complete`, staff, {});
    expect((noPhoto.json().error.details as Detail[])[0]).toMatchObject({ code: 'evidence_required' });
    const destroyed = await call('POST', `/v1/work-orders/${destroy.work_order.id}/complete`, staff, {
      evidence: { photos: ['bin-7.jpg'] },
    });
    expect(destroyed.statusCode, destroyed.body).toBe(200);

    for (const line of lines.slice(2)) await call('POST', `/v1/work-orders/${line.work_order.id}/cancel`, staff, { reason: 'test' });
    const finished = (await call('GET', `/v1/exit-plans/${plan.id}`, owner)).json();
    expect(finished.status).toBe('done');
    expect(finished.progress.units_done).toBe(shipBack.quantity + destroy.quantity);
    expect(finished.progress.work_orders).toMatchObject({ done: 2, cancelled: lines.length - 2 });
  });
});

describe('the ledger after all of it', () => {
  it('rebuilds to the stored balances for every account these flows touched', async () => {
    for (const accountId of [threadline, voltbee]) {
      const response = await call('GET', `/v1/inventory/rebuild-check?account_id=${accountId}`, staff);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ consistent: true, mismatches: [] });
    }
  });
});
