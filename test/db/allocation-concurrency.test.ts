/**
 * The no-oversell proof: many allocators racing for one SKU. On PGlite transactions run one
 * at a time; on PostgreSQL they really race, through several connection pools. Either way
 * exactly the stock on hand is allocated, every other request is refused whole with
 * insufficient_stock, and the balances still equal the ledger.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { selectRows } from '../../src/db/connect.js';
import { rebuildCheck } from '../../src/db/repositories/inventory-balances.js';
import { inScope, PROVIDER_SCOPE } from '../../src/db/tenancy.js';
import type { Actor } from '../../src/services/context.js';
import { createServices, type Services } from '../../src/services/create-services.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseKind } from '../helpers/database.js';
import { addStock, freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let accountId: string;
let seller: Actor;
let nj: string;
let ca: string;
/** One service set per connection pool: several on PostgreSQL, the one PGlite otherwise. */
const pools: Services[] = [];

beforeAll(async () => {
  t = await createTestApp();
  accountId = await t.accountId('HOMELY');
  seller = { kind: 'user', id: 'race', role: 'seller_user', accountId, userId: null };
  nj = await warehouseId(t.services, 'US-NJ1');
  ca = await warehouseId(t.services, 'US-CA1');
  pools.push(t.services);
  if (databaseKind() === 'postgres') {
    for (let i = 0; i < 3; i++) {
      const other: Database = await t.db.openAnother();
      pools.push(createServices({ database: other }));
    }
  }
});
afterAll(async () => t?.close());

async function consistency() {
  return inScope(t.db.database.db, PROVIDER_SCOPE, (tx) => rebuildCheck(tx, accountId));
}

async function allocatedOf(skuId: string): Promise<{ on_hand: number; allocated: number }> {
  const [row] = await inScope(t.db.database.db, PROVIDER_SCOPE, (tx) =>
    selectRows<{ on_hand: number; allocated: number }>(
      tx,
      sql`SELECT coalesce(sum(on_hand), 0)::int AS on_hand, coalesce(sum(allocated), 0)::int AS allocated FROM inventory_lots WHERE sku_id = ${skuId}`,
    ),
  );
  return row as { on_hand: number; allocated: number };
}

describe(`concurrent allocation (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('allocates exactly the 40 units on hand to 64 racing one-unit orders', async () => {
    const sku = await freshSku(t.services, accountId, 'HOT');
    await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 25, receivedOn: '2025-11-01' });
    await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 15, receivedOn: '2026-01-01' });
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        (pools[i % pools.length] as Services).allocations.allocate(seller, {
          reference: `RACE-1-${i}`,
          lines: [{ skuId: sku, quantity: 1 }],
        }),
      ),
    );
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(40);
    expect(lost.every((r) => !r.ok && r.error.code === 'insufficient_stock')).toBe(true);
    expect(await allocatedOf(sku)).toEqual({ on_hand: 40, allocated: 40 });
    expect((await consistency()).mismatches).toEqual([]);
  });

  it('never oversells mixed orders over two warehouses, splits and releases included', async () => {
    const sku = await freshSku(t.services, accountId, 'HOT');
    const other = await freshSku(t.services, accountId, 'HOT');
    await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 30 });
    await addStock(t.services, { accountId, skuId: sku, warehouseId: ca, quantity: 20 });
    await addStock(t.services, { accountId, skuId: other, warehouseId: ca, quantity: 12 });
    const jobs = Array.from({ length: 60 }, async (_, i) => {
      const services = pools[i % pools.length] as Services;
      const lines =
        i % 3 === 0
          ? [
              { skuId: other, quantity: 1 },
              { skuId: sku, quantity: 2 },
            ]
          : [{ skuId: sku, quantity: 1 + (i % 4) }];
      const result = await services.allocations.allocate(seller, {
        reference: `RACE-2-${i}`,
        lines,
        allowSplit: i % 2 === 0,
        shipToZip: i % 5 === 0 ? '90012' : '10001',
      });
      // Every fifth winner cancels straight away.
      if (result.ok && i % 5 === 0) await services.allocations.release(seller, { reference: `RACE-2-${i}` });
      return { i, lines, result };
    });
    const outcomes = await Promise.all(jobs);
    let expectSku = 0;
    let expectOther = 0;
    for (const { i, lines, result } of outcomes) {
      if (!result.ok) {
        expect(result.error.code).toBe('insufficient_stock');
        continue;
      }
      const reserved = result.value.lines.map((l) => l.allocations.reduce((n, p) => n + p.quantity, 0));
      expect(reserved).toEqual(lines.map((l) => l.quantity));
      if (i % 5 === 0) continue;
      for (const line of lines) {
        if (line.skuId === sku) expectSku += line.quantity;
        else expectOther += line.quantity;
      }
    }
    const stock = await allocatedOf(sku);
    expect(stock.allocated).toBe(expectSku);
    expect(stock.allocated).toBeLessThanOrEqual(50);
    expect((await allocatedOf(other)).allocated).toBe(expectOther);
    expect((await consistency()).mismatches).toEqual([]);
  });

  it('answers 40 concurrent copies of one reference with one reservation', async () => {
    const sku = await freshSku(t.services, accountId, 'HOT');
    await addStock(t.services, { accountId, skuId: sku, warehouseId: nj, quantity: 100 });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (pools[i % pools.length] as Services).allocations.allocate(seller, {
          reference: 'RACE-SAME',
          lines: [{ skuId: sku, quantity: 3 }],
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.value.replayed)).toHaveLength(1);
    expect(await allocatedOf(sku)).toEqual({ on_hand: 100, allocated: 3 });
  });
});
