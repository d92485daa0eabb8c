/**
 * Adjustments, transfers and cycle counts through the API, with the bad input the issue
 * names: a negative adjustment beyond on hand, a transfer to a warehouse the account may not
 * use — each a clear error and an unchanged ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addStock, freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let account: string;
let nj: string;
let ca: string;
let cn: string;
let operator: Record<string, string>;
let seller: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  account = await t.accountId('THREADLINE');
  nj = await warehouseId(t.services, 'US-NJ1');
  ca = await warehouseId(t.services, 'US-CA1');
  cn = await warehouseId(t.services, 'CN-SZX1');
  operator = { cookie: await t.as('operator') };
  seller = { cookie: await t.as('seller_admin', 'THREADLINE') };
});
afterAll(async () => t?.close());

const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const ledgerLength = async (sku: string) =>
  ((await get(`/v1/inventory/skus/${sku}/ledger?limit=500`, seller)).json().data as unknown[]).length;
const stock = async (sku: string) =>
  (await get(`/v1/inventory/skus/${sku}`, seller)).json() as {
    on_hand: number;
    damaged: number;
    inbound: number;
    allocated: number;
    warehouses: { warehouse_code: string; on_hand: number; inbound: number; damaged: number }[];
  };

describe('adjustments', () => {
  it('adds found units, takes lost ones, moves damaged ones apart', async () => {
    const sku = await freshSku(t.services, account);
    const found = await post('/v1/inventory/adjustments', operator, {
      sku_id: sku,
      warehouse_id: nj,
      quantity: 10,
      reason_code: 'found',
      location_code: 'A-01-01',
    });
    expect(found.statusCode, found.body).toBe(201);
    const lost = await post('/v1/inventory/adjustments', operator, {
      sku_id: sku,
      warehouse_id: nj,
      quantity: -3,
      reason_code: 'lost',
      note: 'not on shelf',
    });
    expect(lost.statusCode).toBe(201);
    const damaged = await post('/v1/inventory/adjustments', operator, {
      sku_id: sku,
      warehouse_id: nj,
      quantity: -2,
      reason_code: 'damaged',
    });
    expect(damaged.json().movements.map((m: { movement: string }) => m.movement)).toEqual(['damage', 'damage']);
    expect(await stock(sku)).toMatchObject({ on_hand: 5, damaged: 2 });
    const ledger = (await get(`/v1/inventory/skus/${sku}/ledger`, seller)).json().data as {
      movement: string;
      reason_code: string;
      on_hand_delta: number;
    }[];
    expect(ledger.map((e) => [e.movement, e.reason_code, e.on_hand_delta])).toEqual([
      ['damage', 'damaged', 0],
      ['damage', 'damaged', -2],
      ['adjust', 'lost', -3],
      ['adjust', 'found', 10],
    ]);
  });

  it('refuses a negative adjustment beyond what is on hand and not allocated, leaving the ledger unchanged', async () => {
    const sku = await freshSku(t.services, account);
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: nj, quantity: 6 });
    await t.services.allocations.allocate(
      { kind: 'user', id: 'x', role: 'seller_admin', accountId: account, userId: null },
      { reference: 'ADJ-ALLOC', lines: [{ skuId: sku, quantity: 4 }] },
    );
    const before = await ledgerLength(sku);
    const response = await post('/v1/inventory/adjustments', operator, {
      sku_id: sku,
      warehouse_id: nj,
      quantity: -3,
      reason_code: 'lost',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'insufficient_stock',
      details: [{ path: ['quantity'], code: 'insufficient_stock' }],
    });
    expect(response.json().error.message).toMatch(/Only 2 units can be taken/);
    expect(await ledgerLength(sku)).toBe(before);
    expect(await stock(sku)).toMatchObject({ on_hand: 6, allocated: 4 });
  });

  it('checks the reason and its sign, and lets only staff adjust', async () => {
    const sku = await freshSku(t.services, account);
    const wrong = await post('/v1/inventory/adjustments', operator, { sku_id: sku, warehouse_id: nj, quantity: 3, reason_code: 'lost' });
    expect(wrong.json().error.details[0]).toMatchObject({ path: ['quantity'], code: 'wrong_sign' });
    const other = await post('/v1/inventory/adjustments', operator, { sku_id: sku, warehouse_id: nj, quantity: 3, reason_code: 'other' });
    expect(other.json().error.details[0]).toMatchObject({ path: ['note'], code: 'required' });
    expect(
      (await post('/v1/inventory/adjustments', seller, { sku_id: sku, warehouse_id: nj, quantity: 3, reason_code: 'found' })).statusCode,
    ).toBe(403);
  });
});

describe('transfers', () => {
  it('ships FIFO, keeps the received date at the destination, and records what went missing', async () => {
    const sku = await freshSku(t.services, account);
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: nj, quantity: 4, receivedOn: '2025-09-01' });
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: nj, quantity: 10, receivedOn: '2026-01-10' });
    const draft = await post('/v1/transfers', seller, {
      from_warehouse_id: nj,
      to_warehouse_id: ca,
      lines: [{ sku_id: sku, quantity: 6 }],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const transfer = draft.json() as { id: string; number: string; status: string };
    expect(transfer.number).toMatch(/^TRF-\d{4}-\d{6}$/);
    expect((await post(`/v1/transfers/${transfer.id}/ship`, seller)).statusCode).toBe(403);
    const shipped = await post(`/v1/transfers/${transfer.id}/ship`, operator, { tracking_number: '1Z999' });
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(shipped.json().lines[0].lots.map((l: { received_on: string; quantity: number }) => [l.received_on, l.quantity])).toEqual([
      ['2025-09-01', 4],
      ['2026-01-10', 2],
    ]);
    let s = await stock(sku);
    expect(s.warehouses.map((w) => [w.warehouse_code, w.on_hand, w.inbound])).toEqual([
      ['US-CA1', 0, 6],
      ['US-NJ1', 8, 0],
    ]);
    const received = await post(`/v1/transfers/${transfer.id}/receive`, operator, { lines: [{ line_no: 1, received: 4, damaged: 1 }] });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({ status: 'received', lines: [{ shipped: 6, received: 4, damaged: 1, missing: 1 }] });
    s = await stock(sku);
    expect(s.warehouses.find((w) => w.warehouse_code === 'US-CA1')).toMatchObject({ on_hand: 4, damaged: 1, inbound: 0 });
    const lots = (await get(`/v1/inventory/balances?sku_id=${sku}&warehouse_id=${ca}`, seller)).json().data as { received_on: string }[];
    expect(lots.map((l) => l.received_on).sort()).toEqual(['2025-09-01', '2026-01-10']);
    const again = await post(`/v1/transfers/${transfer.id}/receive`, operator, { lines: [{ line_no: 1, received: 1 }] });
    expect(again.json().error.code).toBe('invalid_state');
  });

  it('sends stock back to China like any transfer', async () => {
    const sku = await freshSku(t.services, account);
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: ca, quantity: 3 });
    const draft = (
      await post('/v1/transfers', seller, { from_warehouse_id: ca, to_warehouse_id: cn, lines: [{ sku_id: sku, quantity: 3 }] })
    ).json() as { id: string };
    expect((await post(`/v1/transfers/${draft.id}/ship`, operator)).json().to_warehouse_code).toBe('CN-SZX1');
    const received = await post(`/v1/transfers/${draft.id}/receive`, operator, { lines: [{ line_no: 1, received: 3 }] });
    expect(received.json().lines[0]).toMatchObject({ received: 3, missing: 0 });
  });

  it('refuses a warehouse the account may not use, and more than there is, changing nothing', async () => {
    const sku = await freshSku(t.services, account);
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: nj, quantity: 2 });
    const before = await ledgerLength(sku);
    // A warehouse that exists but was never granted to the account.
    const newWarehouse = await t.services.warehouses.create(
      { kind: 'system', id: 'system', role: 'admin', accountId: null, userId: null },
      {
        code: 'US-TX9',
        name: 'Dallas overflow',
        kind: 'us_fulfilment',
        address: { line1: '1 Main St', city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' },
        timezone: 'America/Chicago',
      },
    );
    expect(newWarehouse.ok).toBe(true);
    const tx9 = newWarehouse.ok ? newWarehouse.value.id : '';
    const notAllowed = await post('/v1/transfers', seller, {
      from_warehouse_id: nj,
      to_warehouse_id: tx9,
      lines: [{ sku_id: sku, quantity: 1 }],
    });
    expect(notAllowed.statusCode).toBe(422);
    expect(notAllowed.json().error).toMatchObject({ code: 'warehouse_not_allowed', details: [{ path: ['to_warehouse_id'] }] });
    const draft = (
      await post('/v1/transfers', seller, { from_warehouse_id: nj, to_warehouse_id: cn, lines: [{ sku_id: sku, quantity: 5 }] })
    ).json() as { id: string };
    const short = await post(`/v1/transfers/${draft.id}/ship`, operator);
    expect(short.statusCode).toBe(409);
    expect(short.json().error.details[0]).toMatchObject({ path: ['lines', 0, 'quantity'], code: 'insufficient_stock' });
    expect(short.json().error.details[0].message).toMatch(/5 to ship, 2 on hand and not allocated at US-NJ1/);
    expect(await ledgerLength(sku)).toBe(before);
    expect((await get(`/v1/transfers/${draft.id}`, seller)).json().status).toBe('draft');
    expect((await post(`/v1/transfers/${draft.id}/cancel`, seller)).json().status).toBe('cancelled');
  });
});

describe('cycle counts', () => {
  it('opens, counts, submits and approves; approval posts the variances', async () => {
    const sku = await freshSku(t.services, account);
    const found = (
      await post('/v1/inventory/adjustments', operator, {
        sku_id: sku,
        warehouse_id: ca,
        quantity: 9,
        reason_code: 'found',
        location_code: 'B-04-03',
      })
    ).json();
    expect(found.movements).toHaveLength(1);
    const opened = await post('/v1/cycle-counts', operator, { warehouse_id: ca, location_codes: ['b-04-03'] });
    expect(opened.statusCode, opened.body).toBe(201);
    const count = opened.json() as { id: string; number: string; lines: { id: string; sku_id: string; expected: number }[] };
    expect(count.number).toMatch(/^CC-/);
    const mine = count.lines.find((l) => l.sku_id === sku);
    expect(mine?.expected).toBe(9);
    expect((await post(`/v1/cycle-counts/${count.id}/submit`, operator)).json().error.code).toBe('invalid_state');
    const lines = count.lines.map((l) => ({ line_id: l.id, counted: l.sku_id === sku ? 7 : l.expected }));
    const recorded = await post(`/v1/cycle-counts/${count.id}/counts`, operator, { lines });
    expect(recorded.json().units_off).toBe(2);
    expect((await post(`/v1/cycle-counts/${count.id}/submit`, operator)).json().status).toBe('submitted');
    expect((await stock(sku)).on_hand).toBe(9);
    const approved = await post(`/v1/cycle-counts/${count.id}/approve`, operator);
    expect(approved.json().status).toBe('approved');
    expect((await stock(sku)).on_hand).toBe(7);
    const ledger = (await get(`/v1/inventory/skus/${sku}/ledger`, seller)).json().data as {
      movement: string;
      on_hand_delta: number;
      source_id: string;
    }[];
    expect(ledger[0]).toMatchObject({ movement: 'count', on_hand_delta: -2, source_id: count.number });
    expect((await get(`/v1/cycle-counts/${count.id}`, seller)).statusCode).toBe(403);

    // The staff's list finds it by warehouse and status; sellers may not list counts.
    const approvedHere = (await get(`/v1/cycle-counts?warehouse_id=${ca}&status=approved`, operator)).json() as {
      data: { id: string; status: string }[];
    };
    expect(approvedHere.data.map((c) => c.id)).toContain(count.id);
    expect(approvedHere.data.every((c) => c.status === 'approved')).toBe(true);
    const openHere = (await get(`/v1/cycle-counts?warehouse_id=${ca}&status=open`, operator)).json() as { data: { id: string }[] };
    expect(openHere.data.map((c) => c.id)).not.toContain(count.id);
    expect((await get('/v1/cycle-counts', seller)).statusCode).toBe(403);
  });
});

describe('consistency after all of it', () => {
  it('rebuilds every balance from the ledger with no difference', async () => {
    const report = (await get('/v1/inventory/rebuild-check', operator)).json() as { mismatches: unknown[] };
    expect(report.mismatches).toEqual([]);
  });
});
