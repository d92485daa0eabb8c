/**
 * The shared stock primitives on a real database: a ledger row moves its lot, a refused row
 * leaves nothing behind, the ledger cannot be edited, sequences are gap-free, billable
 * events are written once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { createLot, nextNumber, postMovements, recordBillableEvents } from '../../src/db/repositories/inventory-ledger.js';
import { ensureSystemLocations, findLocationByCode, systemLocation } from '../../src/db/repositories/locations.js';
import { inScope, PROVIDER_SCOPE } from '../../src/db/tenancy.js';
import { AppFailure } from '../../src/domain/shared/errors.js';
import { monotonicIds } from '../../src/domain/shared/ids.js';
import { assertWarehouseAllowed } from '../../src/services/inventory/access.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let accountId: string;
let skuId: string;
let warehouseId: string;
const ids = monotonicIds(
  () => Date.now(),
  (n) => crypto.getRandomValues(new Uint8Array(n)),
);
const at = new Date('2026-03-01T12:00:00Z');
const provider = <T>(fn: Parameters<typeof inScope<T>>[2]) => inScope(t.db.database.db, PROVIDER_SCOPE, fn);

async function lotRow(lotId: string) {
  const [row] = await provider((tx) =>
    selectRows<{ inbound: number; on_hand: number; allocated: number; damaged: number }>(
      tx,
      sql`SELECT inbound, on_hand, allocated, damaged FROM inventory_lots WHERE id = ${lotId}`,
    ),
  );
  return row;
}

async function ledgerCount(lotId: string): Promise<number> {
  const [row] = await provider((tx) =>
    selectRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM inventory_ledger WHERE lot_id = ${lotId}`),
  );
  return row?.n ?? 0;
}

beforeAll(async () => {
  t = await createTestApp();
  accountId = await t.accountId('THREADLINE');
  const [sku] = await provider((tx) =>
    selectRows<{ id: string }>(tx, sql`SELECT id FROM skus WHERE account_id = ${accountId} ORDER BY id LIMIT 1`),
  );
  skuId = sku!.id;
  const [wh] = await provider((tx) => selectRows<{ id: string }>(tx, sql`SELECT id FROM warehouses WHERE code = 'US-NJ1'`));
  warehouseId = wh!.id;
  await provider((tx) => ensureSystemLocations(tx, ids, warehouseId));
});
afterAll(async () => t?.close());

describe('inventory ledger primitives', () => {
  it('moves the lot and the location with each ledger row, and writes an outbox event', async () => {
    const lotId = await provider(async (tx) => {
      await ensureSystemLocations(tx, ids, warehouseId);
      const staging = await systemLocation(tx, warehouseId, 'staging');
      const lot = await createLot(tx, ids, { accountId, skuId, warehouseId, sourceType: 'inbound', receivedOn: '2026-02-27' });
      expect(lot.code).toMatch(/^L-260227-[0-9A-F]{8}$/);
      const base = { accountId, skuId, warehouseId, lotId: lot.id, sourceType: 'test', sourceId: 'T-1' };
      await postMovements(tx, ids, at, [
        { ...base, movement: 'inbound_expected', inboundDelta: 10 },
        { ...base, movement: 'receive', inboundDelta: -10, onHandDelta: 10, locationId: staging.id, locationDelta: 10 },
        { ...base, movement: 'allocate', allocatedDelta: 4 },
      ]);
      return lot.id;
    });
    expect(await lotRow(lotId)).toEqual({ inbound: 0, on_hand: 10, allocated: 4, damaged: 0 });
    const located = await provider((tx) =>
      selectRows<{ quantity: number }>(tx, sql`SELECT quantity FROM location_stock WHERE lot_id = ${lotId}`),
    );
    expect(located).toEqual([{ quantity: 10 }]);
    const outbox = await provider((tx) =>
      selectRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM inventory_outbox WHERE sku_id = ${skuId} AND kind = 'availability_changed' AND created_at = ${at.toISOString()}`,
      ),
    );
    expect(outbox[0]?.n).toBe(1);
  });

  it('refuses an oversell as insufficient_stock and leaves nothing behind', async () => {
    const lotId = await provider(async (tx) => {
      const staging = await systemLocation(tx, warehouseId, 'staging');
      const lot = await createLot(tx, ids, { accountId, skuId, warehouseId, sourceType: 'adjustment', receivedOn: '2026-02-28' });
      await postMovements(tx, ids, at, [
        {
          accountId,
          skuId,
          warehouseId,
          lotId: lot.id,
          movement: 'adjust',
          onHandDelta: 3,
          locationId: staging.id,
          locationDelta: 3,
          reasonCode: 'found',
          sourceType: 'test',
          sourceId: 'T-2',
        },
      ]);
      return lot.id;
    });
    const attempt = provider((tx) =>
      postMovements(tx, ids, at, [
        { accountId, skuId, warehouseId, lotId, movement: 'allocate', allocatedDelta: 2, sourceType: 'test', sourceId: 'T-3' },
        { accountId, skuId, warehouseId, lotId, movement: 'allocate', allocatedDelta: 2, sourceType: 'test', sourceId: 'T-3' },
      ]),
    );
    const failure = await attempt.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).appError.code).toBe('insufficient_stock');
    expect((failure as AppFailure).appError.details?.[0]?.message).toMatch(
      /^Lot L-260228-[0-9A-F]{8}: on hand 3, allocated 2 \(available 1\)/,
    );
    expect(await lotRow(lotId)).toEqual({ inbound: 0, on_hand: 3, allocated: 0, damaged: 0 });
    expect(await ledgerCount(lotId)).toBe(1);
  });

  it('refuses taking units from a location that does not hold them', async () => {
    const attempt = provider(async (tx) => {
      const lot = await createLot(tx, ids, { accountId, skuId, warehouseId, sourceType: 'adjustment', receivedOn: '2026-02-28' });
      const staging = await systemLocation(tx, warehouseId, 'staging');
      const outbound = await systemLocation(tx, warehouseId, 'outbound');
      const base = { accountId, skuId, warehouseId, lotId: lot.id, sourceType: 'test', sourceId: 'T-4' };
      await postMovements(tx, ids, at, [
        { ...base, movement: 'adjust', onHandDelta: 2, locationId: staging.id, locationDelta: 2, reasonCode: 'found' },
        { ...base, movement: 'pick', locationId: outbound.id, locationDelta: -1 },
      ]);
    });
    await expect(attempt).rejects.toMatchObject({
      appError: {
        code: 'insufficient_stock',
        details: [{ code: 'insufficient_location_stock', message: expect.stringMatching(/has 0 units/) }],
      },
    });
  });

  it('refuses a malformed movement before it reaches the database', async () => {
    const attempt = provider((tx) =>
      postMovements(tx, ids, at, [
        { accountId, skuId, warehouseId, lotId: skuId, movement: 'allocate', onHandDelta: 1, sourceType: 'test', sourceId: 'T-5' },
      ]),
    );
    await expect(attempt).rejects.toMatchObject({ appError: { code: 'validation_failed' } });
  });

  it('refuses UPDATE and DELETE on the ledger, even for the table owner', async () => {
    const update = t.db.database.withConnection((c) => c.query('UPDATE inventory_ledger SET on_hand_delta = 99'));
    await expect(update).rejects.toThrow(/append-only/);
    const remove = t.db.database.withConnection((c) => c.query('DELETE FROM inventory_ledger'));
    await expect(remove).rejects.toThrow(/append-only/);
  });

  it('hands out gap-free numbers, giving a rolled-back one back', async () => {
    expect(await provider((tx) => nextNumber(tx, 'test', '2026'))).toBe(1);
    await expect(
      provider(async (tx) => {
        await nextNumber(tx, 'test', '2026');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await provider((tx) => nextNumber(tx, 'test', '2026'))).toBe(2);
    expect(await provider((tx) => nextNumber(tx, 'test', '2027'))).toBe(1);
  });

  it('writes a billable event once per idempotency key', async () => {
    const event = {
      accountId,
      kind: 'adjustment',
      warehouseId,
      occurredAt: at,
      quantity: 3,
      unit: 'unit',
      sourceType: 'test',
      sourceId: 'T-6',
      idempotencyKey: 'test:T-6',
    };
    await provider((tx) => recordBillableEvents(tx, ids, at, [event]));
    await provider((tx) => recordBillableEvents(tx, ids, at, [{ ...event, quantity: 5 }]));
    const rows = await provider((tx) =>
      selectRows<{ quantity: string }>(tx, sql`SELECT quantity::text FROM billable_events WHERE idempotency_key = 'test:T-6'`),
    );
    expect(rows).toEqual([{ quantity: '3.0000' }]);
  });

  it('creates system locations once and finds them by code', async () => {
    await provider((tx) => ensureSystemLocations(tx, ids, warehouseId));
    await provider((tx) => ensureSystemLocations(tx, ids, warehouseId));
    const found = await provider((tx) => findLocationByCode(tx, warehouseId, 'damaged'));
    expect(found?.locationType).toBe('damaged');
  });

  it('refuses a warehouse the account was not granted', async () => {
    const attempt = provider((tx) => assertWarehouseAllowed(tx, accountId, '00000000-0000-7000-8000-000000000000'));
    await expect(attempt).rejects.toMatchObject({ appError: { code: 'warehouse_not_allowed' } });
  });
});
