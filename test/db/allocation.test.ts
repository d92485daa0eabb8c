/** landed_allocate through the allocation service: strategy, idempotency, shortages, release. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectInScope } from '../../src/db/scoped-statement.js';
import type { Actor } from '../../src/services/context.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addStock, freshSku, lotBuckets, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let accountId: string;
let seller: Actor;
let nj: string;
let ca: string;

beforeAll(async () => {
  t = await createTestApp();
  accountId = await t.accountId('THREADLINE');
  seller = { kind: 'user', id: 'test', role: 'seller_admin', accountId, userId: null };
  nj = await warehouseId(t.services, 'US-NJ1');
  ca = await warehouseId(t.services, 'US-CA1');
});
afterAll(async () => t?.close());

describe('allocation', () => {
  it('takes the nearest warehouse and the oldest lot first', async () => {
    const sku = await freshSku(t.services, accountId);
    const njOld = await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 3, receivedOn: '2025-12-01' });
    const njNew = await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 10, receivedOn: '2026-02-01' });
    const caLot = await addStock(t.services, { accountId, skuId: sku, warehouseId: ca, quantity: 50, receivedOn: '2025-06-01' });
    const result = await t.services.allocations.allocate(seller, {
      reference: 'SO-NEAR-1',
      lines: [{ skuId: sku, quantity: 5 }],
      shipToZip: '10001',
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines[0]?.allocations).toEqual([
      { warehouseId: nj, warehouseCode: 'US-NJ1', lotId: njOld, quantity: 3 },
      { warehouseId: nj, warehouseCode: 'US-NJ1', lotId: njNew, quantity: 2 },
    ]);
    expect(await lotBuckets(t.services, njOld)).toMatchObject({ on_hand: 3, allocated: 3 });
    // Los Angeles is nearer California.
    const west = await t.services.allocations.allocate(seller, {
      reference: 'SO-WEST-1',
      lines: [{ skuId: sku, quantity: 5 }],
      shipToZip: '90012',
    });
    expect(west.ok && west.value.lines[0]?.allocations).toEqual([{ warehouseId: ca, warehouseCode: 'US-CA1', lotId: caLot, quantity: 5 }]);
  });

  it('answers the same reference with the first answer and reserves nothing more', async () => {
    const sku = await freshSku(t.services, accountId);
    const lot = await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 10 });
    const first = await t.services.allocations.allocate(seller, { reference: 'SO-IDEM-1', lines: [{ skuId: sku, quantity: 4 }] });
    const again = await t.services.allocations.allocate(seller, { reference: 'SO-IDEM-1', lines: [{ skuId: sku, quantity: 4 }] });
    expect(first.ok && first.value.replayed).toBe(false);
    expect(again.ok && again.value.replayed).toBe(true);
    expect(again.ok && again.value.lines).toEqual(first.ok && first.value.lines);
    expect(await lotBuckets(t.services, lot)).toMatchObject({ allocated: 4 });
    const different = await t.services.allocations.allocate(seller, { reference: 'SO-IDEM-1', lines: [{ skuId: sku, quantity: 5 }] });
    expect(!different.ok && different.error.code).toBe('conflict');
  });

  it('refuses a short order with what is available per line, reserving nothing', async () => {
    const sku = await freshSku(t.services, accountId);
    const other = await freshSku(t.services, accountId);
    const a = await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 2 });
    await addStock(t.services, { accountId, skuId: sku, warehouseId: ca, quantity: 1 });
    const b = await addStock(t.services, { accountId, skuId: other, warehouseId: nj, quantity: 9 });
    const result = await t.services.allocations.allocate(seller, {
      reference: 'SO-SHORT-1',
      lines: [
        { skuId: other, quantity: 1 },
        { skuId: sku, quantity: 5 },
      ],
      allowSplit: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('insufficient_stock');
    expect(result.error.details?.[0]).toMatchObject({ path: ['lines', 1, 'quantity'], code: 'insufficient_stock' });
    expect(result.error.details?.[0]?.message).toMatch(/Line 2 .*5 requested, 3 available \(US-NJ1 2, US-CA1 1\)/);
    expect(await lotBuckets(t.services, a)).toMatchObject({ allocated: 0 });
    expect(await lotBuckets(t.services, b)).toMatchObject({ allocated: 0 });
  });

  it('splits across warehouses only when allowed', async () => {
    const sku = await freshSku(t.services, accountId);
    await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 3 });
    await addStock(t.services, { accountId, skuId: sku, warehouseId: ca, quantity: 3 });
    const whole = await t.services.allocations.allocate(seller, { reference: 'SO-SPLIT-1', lines: [{ skuId: sku, quantity: 5 }] });
    expect(!whole.ok && whole.error.details?.map((d) => d.code)).toEqual(['split_needed']);
    const split = await t.services.allocations.allocate(seller, {
      reference: 'SO-SPLIT-1',
      lines: [{ skuId: sku, quantity: 5 }],
      allowSplit: true,
      shipToZip: '94103',
    });
    expect(split.ok && split.value.lines[0]?.allocations.map((p) => [p.warehouseCode, p.quantity])).toEqual([
      ['US-CA1', 3],
      ['US-NJ1', 2],
    ]);
  });

  it('releases once, idempotently, and refuses an unknown reference', async () => {
    const sku = await freshSku(t.services, accountId);
    const lot = await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 6 });
    await t.services.allocations.allocate(seller, { reference: 'SO-REL-1', lines: [{ skuId: sku, quantity: 6 }] });
    const released = await t.services.allocations.release(seller, { reference: 'SO-REL-1' });
    expect(released.ok && released.value.status).toBe('released');
    const again = await t.services.allocations.release(seller, { reference: 'SO-REL-1' });
    expect(again.ok && again.value.replayed).toBe(true);
    expect(await lotBuckets(t.services, lot)).toMatchObject({ on_hand: 6, allocated: 0 });
    const unknown = await t.services.allocations.release(seller, { reference: 'SO-NOPE' });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
  });

  it('sends the allocation as one message in the caller’s scope, under row-level security', async () => {
    const [who, scope, account] = await selectInScope<string[]>(
      t.db.database,
      { kind: 'seller', accountId },
      "ARRAY[current_user::text, current_setting('landed.scope'), current_setting('landed.account_id')]",
    );
    expect([who, scope, account]).toEqual(['landed_app', 'seller', accountId]);
    const other = await t.accountId('HOMELY');
    const sku = await freshSku(t.services, other);
    const answer = await selectInScope<{ status: string; code: string }>(
      t.db.database,
      { kind: 'seller', accountId },
      `landed_allocate_request('${other}'::uuid, 'CROSS-1', '[{"sku_id":"${sku}","quantity":1}]'::jsonb, '{}'::jsonb, NULL, false, NULL, now())`,
    );
    // The other seller's account and SKUs are invisible from this scope.
    expect(answer).toMatchObject({ status: 'error', code: 'not_found' });
  });

  it('picks to OUTBOUND and ships out of on hand', async () => {
    const sku = await freshSku(t.services, accountId);
    const lot = await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 8 });
    await t.services.allocations.allocate(seller, { reference: 'SO-SHIP-1', lines: [{ skuId: sku, quantity: 3 }] });
    const early = await t.services.allocations.ship(seller, { reference: 'SO-SHIP-1' });
    expect(!early.ok && early.error.code).toBe('invalid_state');
    const picked = await t.services.allocations.pick(seller, { reference: 'SO-SHIP-1' });
    expect(picked.ok && picked.value.map((p) => [p.fromLocationCode, p.quantity])).toEqual([['RECEIVING', 3]]);
    const shipped = await t.services.allocations.ship(seller, { reference: 'SO-SHIP-1' });
    expect(shipped.ok && shipped.value.shippedUnits).toBe(3);
    expect(await lotBuckets(t.services, lot)).toMatchObject({ on_hand: 5, allocated: 0 });
    const late = await t.services.allocations.release(seller, { reference: 'SO-SHIP-1' });
    expect(!late.ok && late.error.code).toBe('invalid_state');
  });
});
