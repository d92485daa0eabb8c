/**
 * Stock through the HTTP API: balances, SKU summaries and ledger history as a seller and as
 * staff; allocation end to end (reserve, replay, short, split, release); locations and
 * warehouse grants; the rebuild check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addStock, freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let threadline: string;
let homely: string;
let nj: string;
let ca: string;
let seller: Record<string, string>;
let admin: Record<string, string>;
let operator: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  threadline = await t.accountId('THREADLINE');
  homely = await t.accountId('HOMELY');
  nj = await warehouseId(t.services, 'US-NJ1');
  ca = await warehouseId(t.services, 'US-CA1');
  seller = { cookie: await t.as('seller_admin', 'THREADLINE') };
  admin = { cookie: await t.as('admin') };
  operator = { cookie: await t.as('operator') };
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });

describe('balances and ledger', () => {
  it('shows a seller its own lots with every bucket, and where the units are', async () => {
    const response = await get('/v1/inventory/balances?limit=500', seller);
    expect(response.statusCode).toBe(200);
    const page = response.json() as {
      data: { account_id: string; on_hand: number; allocated: number; available: number; locations: { quantity: number }[] }[];
    };
    expect(page.data.length).toBeGreaterThan(20);
    for (const lot of page.data) {
      expect(lot.account_id).toBe(threadline);
      expect(lot.available).toBe(lot.on_hand - lot.allocated);
      expect(lot.locations.reduce((n, l) => n + l.quantity, 0)).toBeGreaterThanOrEqual(lot.on_hand);
    }
    const other = await get(`/v1/inventory/balances?account_id=${homely}`, seller);
    expect(other.statusCode).toBe(404);
  });

  it('pages lots by cursor without repeats', async () => {
    const first = (await get('/v1/inventory/balances?limit=5', seller)).json() as { data: { id: string }[]; next_cursor: string };
    const second = (await get(`/v1/inventory/balances?limit=5&cursor=${first.next_cursor}`, seller)).json() as { data: { id: string }[] };
    expect(first.data).toHaveLength(5);
    expect(second.data.map((l) => l.id).some((id) => first.data.some((l) => l.id === id))).toBe(false);
    const forged = await get('/v1/inventory/balances?cursor=nonsense', seller);
    expect(forged.statusCode).toBe(400);
  });

  it('sums a SKU across warehouses and lists its history, newest first', async () => {
    const sku = await freshSku(t.services, threadline);
    await addStock(t.services, { accountId: threadline, skuId: sku, warehouseId: nj, quantity: 7, receivedOn: '2025-10-01' });
    await addStock(t.services, { accountId: threadline, skuId: sku, warehouseId: ca, quantity: 5, receivedOn: '2026-01-01' });
    const detail = (await get(`/v1/inventory/skus/${sku}`, seller)).json() as {
      on_hand: number;
      available: number;
      warehouses: { warehouse_code: string; on_hand: number }[];
      lot_balances: { received_on: string }[];
    };
    expect(detail.on_hand).toBe(12);
    expect(detail.warehouses.map((w) => [w.warehouse_code, w.on_hand])).toEqual([
      ['US-CA1', 5],
      ['US-NJ1', 7],
    ]);
    const ledger = (await get(`/v1/inventory/skus/${sku}/ledger?limit=1`, seller)).json() as {
      data: { seq: number; movement: string; on_hand_delta: number; reason_code: string }[];
      next_cursor: string;
    };
    expect(ledger.data[0]).toMatchObject({ movement: 'adjust', on_hand_delta: 5, reason_code: 'found' });
    const older = (await get(`/v1/inventory/skus/${sku}/ledger?limit=1&cursor=${ledger.next_cursor}`, seller)).json() as {
      data: { seq: number; on_hand_delta: number }[];
      next_cursor: string | null;
    };
    expect(older.data[0]?.on_hand_delta).toBe(7);
    expect(older.data[0]?.seq).toBeLessThan(ledger.data[0]?.seq as number);
    expect(older.next_cursor).toBeNull();
    const summary = (await get(`/v1/inventory/skus?q=${encodeURIComponent('Test item')}`, seller)).json() as { data: { sku_id: string }[] };
    expect(summary.data.map((s) => s.sku_id)).toContain(sku);
  });

  it('finds no difference between the ledger and the balances', async () => {
    const report = (await get('/v1/inventory/rebuild-check', admin)).json() as {
      consistent: boolean;
      lots_checked: number;
      mismatches: unknown[];
    };
    expect(report.mismatches).toEqual([]);
    expect(report.consistent).toBe(true);
    expect(report.lots_checked).toBeGreaterThan(100);
  });
});

describe('allocations', () => {
  it('reserves, replays, releases and releases again', async () => {
    const sku = await freshSku(t.services, threadline);
    await addStock(t.services, { accountId: threadline, skuId: sku, warehouseId: nj, quantity: 4 });
    const body = { reference: 'API-SO-1', lines: [{ sku_id: sku, quantity: 3 }], ship_to_zip: '07030' };
    const created = await post('/v1/allocations', seller, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'allocated',
      replayed: false,
      lines: [{ quantity: 3, allocations: [{ warehouse_code: 'US-NJ1', quantity: 3 }] }],
    });
    const replay = await post('/v1/allocations', seller, body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().replayed).toBe(true);
    const record = (await get('/v1/allocations/API-SO-1', seller)).json() as {
      status: string;
      allocations: { status: string; lot_code: string }[];
    };
    expect(record.status).toBe('allocated');
    expect(record.allocations.map((a) => a.status)).toEqual(['allocated']);
    const released = await post('/v1/allocations/API-SO-1/release', seller, {});
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', replayed: false });
    const again = await post('/v1/allocations/API-SO-1/release', seller, {});
    expect(again.json()).toMatchObject({ status: 'released', replayed: true });
    const balance = (await get(`/v1/inventory/skus/${sku}`, seller)).json() as { allocated: number; available: number };
    expect(balance).toMatchObject({ allocated: 0, available: 4 });
  });

  it('refuses a short order naming the line and what is available, and reserves nothing', async () => {
    const sku = await freshSku(t.services, threadline);
    await addStock(t.services, { accountId: threadline, skuId: sku, warehouseId: nj, quantity: 2 });
    const before = (await get(`/v1/inventory/skus/${sku}/ledger`, seller)).json().data.length;
    const response = await post('/v1/allocations', seller, { reference: 'API-SHORT-1', lines: [{ sku_id: sku, quantity: 3 }] });
    expect(response.statusCode).toBe(409);
    const error = response.json().error as { code: string; details: { path: unknown[]; message: string; messages: { zh: string } }[] };
    expect(error.code).toBe('insufficient_stock');
    expect(error.details[0]?.path).toEqual(['lines', 0, 'quantity']);
    expect(error.details[0]?.message).toMatch(/3 requested, 2 available \(US-NJ1 2\)/);
    expect(error.details[0]?.messages.zh).toMatch(/需要 3，可用 2/);
    expect((await get(`/v1/inventory/skus/${sku}/ledger`, seller)).json().data.length).toBe(before);
  });

  it('locates bad input: no lines, unknown SKU, a ZIP that is not one, a warehouse not granted', async () => {
    const empty = await post('/v1/allocations', seller, { reference: 'API-BAD-1', lines: [] });
    expect(empty.statusCode).toBe(400);
    const unknown = await post('/v1/allocations', seller, { reference: 'API-BAD-2', lines: [{ seller_sku: 'NOPE-404', quantity: 1 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ path: ['lines', 0, 'seller_sku'], code: 'unknown_sku' });
    const sku = await freshSku(t.services, threadline);
    const zip = await post('/v1/allocations', seller, {
      reference: 'API-BAD-3',
      lines: [{ sku_id: sku, quantity: 1 }],
      ship_to_zip: '00000',
    });
    expect(zip.statusCode).toBe(400);
    expect(zip.json().error.details[0]).toMatchObject({ path: ['ship_to_zip'], code: 'unknown_zip' });
    const ret = await warehouseId(t.services, 'US-RET1');
    const notAllowed = await post('/v1/allocations', seller, {
      reference: 'API-BAD-4',
      lines: [{ sku_id: sku, quantity: 1 }],
      warehouse_ids: [ret],
    });
    expect(notAllowed.statusCode).toBe(422);
    expect(notAllowed.json().error.details[0]).toMatchObject({ path: ['warehouse_ids', 0], code: 'warehouse_not_allowed' });
    const both = await post('/v1/allocations', seller, { reference: 'API-BAD-5', lines: [{ sku_id: sku, seller_sku: 'X', quantity: 1 }] });
    expect(both.json().error.details[0]).toMatchObject({ path: ['lines', 0], code: 'sku_required' });
    expect((await post('/v1/allocations/NO-SUCH/release', seller, {})).statusCode).toBe(404);
  });

  it('lets staff allocate for a named account only', async () => {
    const sku = await freshSku(t.services, threadline);
    await addStock(t.services, { accountId: threadline, skuId: sku, warehouseId: ca, quantity: 2 });
    const unnamed = await post('/v1/allocations', operator, { reference: 'API-STAFF-1', lines: [{ sku_id: sku, quantity: 1 }] });
    expect(unnamed.statusCode).toBe(400);
    const named = await post('/v1/allocations', operator, {
      account_id: threadline,
      reference: 'API-STAFF-1',
      lines: [{ sku_id: sku, quantity: 1 }],
    });
    expect(named.statusCode).toBe(201);
  });
});

describe('locations and grants', () => {
  it('lets staff create locations one by one and by range, skipping codes that exist', async () => {
    const one = await post('/v1/locations', operator, { warehouse_id: nj, code: 'z-01-01', location_type: 'bin', capacity_units: 50 });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toMatchObject({ code: 'Z-01-01', zone: 'Z', aisle: '01', shelf: '01', bin: null, capacity_units: 50 });
    const again = await post('/v1/locations', operator, { warehouse_id: nj, code: 'Z-01-01', location_type: 'bin' });
    expect(again.statusCode).toBe(409);
    const range = await post('/v1/locations/range', operator, { warehouse_id: nj, range: 'Z-01-01..Z-02-03', location_type: 'shelf' });
    expect(range.statusCode).toBe(201);
    expect(range.json().created).toHaveLength(5);
    expect(range.json().skipped).toEqual(['Z-01-01']);
    const bad = await post('/v1/locations/range', operator, { warehouse_id: nj, range: 'Z-05..Z-01', location_type: 'shelf' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: ['range'], code: 'invalid_range' });
    const listed = (await get(`/v1/locations?warehouse_id=${nj}&zone=z`, operator)).json() as { data: { code: string }[] };
    expect(listed.data.map((l) => l.code).sort()).toEqual(['Z-01-01', 'Z-01-02', 'Z-01-03', 'Z-02-01', 'Z-02-02', 'Z-02-03']);
    expect((await post('/v1/locations', seller, { warehouse_id: nj, code: 'Y-01', location_type: 'bin' })).statusCode).toBe(403);
  });

  it('archives only an empty location', async () => {
    const locations = (await get(`/v1/locations?warehouse_id=${nj}&type=staging`, operator)).json() as {
      data: { id: string; units: number }[];
    };
    const receiving = locations.data[0] as { id: string; units: number };
    const system = await t.app.inject({
      method: 'PATCH',
      url: `/v1/locations/${receiving.id}`,
      headers: operator,
      payload: { status: 'archived' },
    });
    expect(system.statusCode).toBe(409);
    const created = (await post('/v1/locations', operator, { warehouse_id: ca, code: 'E-01', location_type: 'floor' })).json() as {
      id: string;
    };
    const resized = await t.app.inject({
      method: 'PATCH',
      url: `/v1/locations/${created.id}`,
      headers: operator,
      payload: { capacity_units: 0 },
    });
    expect(resized.json().error.details[0]).toMatchObject({ path: ['capacity_units'] });
    const archived = await t.app.inject({
      method: 'PATCH',
      url: `/v1/locations/${created.id}`,
      headers: operator,
      payload: { status: 'archived' },
    });
    expect(archived.json()).toMatchObject({ status: 'archived', code: 'E-01' });
  });

  it('grants and withdraws warehouses, never one that still holds stock', async () => {
    const cn = await warehouseId(t.services, 'CN-SZX1');
    const listed = (await get(`/v1/accounts/${threadline}/warehouses`, seller)).json() as { data: { warehouse_code: string }[] };
    expect(listed.data.map((g) => g.warehouse_code)).toEqual(['CN-SZX1', 'US-CA1', 'US-NJ1', 'US-RET1']);
    const withdrawn = await t.app.inject({ method: 'DELETE', url: `/v1/accounts/${threadline}/warehouses/${cn}`, headers: admin });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().data.map((g: { warehouse_code: string }) => g.warehouse_code)).toEqual(['US-CA1', 'US-NJ1', 'US-RET1']);
    const regranted = await post(`/v1/accounts/${threadline}/warehouses`, admin, { warehouse_id: cn });
    expect(regranted.json().data).toHaveLength(4);
    const busy = await t.app.inject({ method: 'DELETE', url: `/v1/accounts/${threadline}/warehouses/${nj}`, headers: admin });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('invalid_state');
  });
});
