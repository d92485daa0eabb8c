/**
 * The group-commit batch (landed_allocate_batch) against its definition: for any batch — orders for the
 * same scarce SKUs, splits, shortages, warehouse restrictions, unknown SKUs, references repeated
 * inside the batch or answered before — landed_allocate_batch must give exactly the answers
 * and leave exactly the lot balances that landed_allocate_request gives called once per
 * order in the same order. Each case runs both inside one transaction (the batch, then a
 * rollback to a savepoint, then the one-by-one calls) and rolls everything back.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Executor, selectRows } from '../../src/db/connect.js';
import { inScope } from '../../src/db/tenancy.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addStock, freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let accountId: string;
let nj: string;
let ca: string;
const skus: { id: string; sellerSku: string }[] = [];
let earlierReference: string;

class Rollback extends Error {}

beforeAll(async () => {
  t = await createTestApp();
  accountId = await t.accountId('THREADLINE');
  nj = await warehouseId(t.services, 'US-NJ1');
  ca = await warehouseId(t.services, 'US-CA1');
  // Three SKUs with a little stock in lots of different ages in both warehouses.
  const stock = [
    [3, 2, 0],
    [1, 0, 4],
    [2, 2, 2],
  ];
  for (const [n, [nj1, nj2, ca1]] of stock.entries()) {
    const id = await freshSku(t.services, accountId, 'BATCH');
    const [row] = await inScope(t.services.deps.database.db, { kind: 'provider' }, (tx) =>
      selectRows<{ seller_sku: string }>(tx, sql`SELECT seller_sku FROM skus WHERE id = ${id}`),
    );
    skus.push({ id, sellerSku: (row as { seller_sku: string }).seller_sku });
    if (nj1) await addStock(t.services, { accountId, skuId: id, warehouseId: nj, quantity: nj1, receivedOn: `2025-0${n + 1}-01` });
    if (nj2) await addStock(t.services, { accountId, skuId: id, warehouseId: nj, quantity: nj2, receivedOn: `2026-0${n + 1}-01` });
    if (ca1) await addStock(t.services, { accountId, skuId: id, warehouseId: ca, quantity: ca1, receivedOn: `2025-1${n}-01` });
  }
  // A reference answered before the batch: a batch naming it again replays it.
  const first = skus[2] as { id: string };
  earlierReference = `EARLIER-${Date.now()}`;
  const answered = await t.services.allocations.allocate(
    { kind: 'user', id: 'test', role: 'seller_admin', accountId, userId: null },
    { reference: earlierReference, lines: [{ skuId: first.id, quantity: 1 }] },
  );
  if (!answered.ok) throw new Error(answered.error.message);
});
afterAll(async () => t?.close());

interface Line {
  sku: number;
  byName: boolean;
  quantity: number;
}
interface Order {
  reference: number;
  lines: Line[];
  zones: [number, number];
  split: boolean;
  only: 'none' | 'nj' | 'bogus';
}

const order: fc.Arbitrary<Order> = fc.record({
  // References 0–5 repeat across a batch; 6 is the one answered before the batch.
  reference: fc.integer({ min: 0, max: 6 }),
  // SKU 3 does not exist.
  lines: fc.array(fc.record({ sku: fc.integer({ min: 0, max: 3 }), byName: fc.boolean(), quantity: fc.integer({ min: 1, max: 4 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  zones: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })),
  split: fc.boolean(),
  only: fc.constantFrom('none', 'none', 'none', 'nj', 'bogus'),
});

function requestJson(o: Order, runId: string) {
  return {
    account_id: accountId,
    reference: o.reference === 6 ? earlierReference : `B-${runId}-${o.reference}`,
    lines: o.lines.map((l) => {
      const sku = skus[l.sku];
      if (!sku)
        return l.byName ? { seller_sku: `NOPE-${runId}`, quantity: l.quantity } : { sku_id: crypto.randomUUID(), quantity: l.quantity };
      return l.byName ? { seller_sku: sku.sellerSku.toLowerCase(), quantity: l.quantity } : { sku_id: sku.id, quantity: l.quantity };
    }),
    zones: { [nj]: o.zones[0], [ca]: o.zones[1] },
    only: o.only === 'none' ? null : o.only === 'nj' ? [nj] : [crypto.randomUUID()],
    allow_split: o.split,
    user_id: null,
    at: '2026-11-25T10:00:00.000Z',
  };
}

async function lots(tx: Executor) {
  return selectRows<{ id: string; allocated: number }>(
    tx,
    sql`SELECT id, allocated FROM inventory_lots WHERE sku_id IN (${sql.join(
      skus.map((s) => sql`${s.id}::uuid`),
      sql`, `,
    )}) ORDER BY id`,
  );
}

describe('landed_allocate_batch', () => {
  it('answers and reserves exactly as landed_allocate_request does one order at a time', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 8 }), async (orders) => {
        run += 1;
        const runId = `${Date.now().toString(36)}-${run}`;
        const requests = orders.map((o) => requestJson(o, runId));
        let batch: unknown;
        let oneByOne: unknown[] = [];
        let lotsAfterBatch: unknown;
        let lotsAfterOneByOne: unknown;
        await inScope(t.services.deps.database.db, { kind: 'seller', accountId }, async (tx) => {
          await tx.execute(sql`SAVEPOINT before_batch`);
          const [row] = await selectRows<{ answers: unknown }>(
            tx,
            sql`SELECT landed_allocate_batch(${JSON.stringify(requests)}::jsonb) AS answers`,
          );
          batch = row?.answers;
          lotsAfterBatch = await lots(tx);
          await tx.execute(sql`ROLLBACK TO SAVEPOINT before_batch`);
          oneByOne = [];
          for (const r of requests) {
            const [one] = await selectRows<{ answer: unknown }>(
              tx,
              sql`SELECT landed_allocate_request(${r.account_id}::uuid, ${r.reference}, ${JSON.stringify(r.lines)}::jsonb,
                    ${JSON.stringify(r.zones)}::jsonb,
                    ${
                      r.only === null
                        ? null
                        : sql`ARRAY[${sql.join(
                            r.only.map((w) => sql`${w}::uuid`),
                            sql`, `,
                          )}]`
                    }, ${r.allow_split}, NULL, ${r.at}::timestamptz) AS answer`,
            );
            oneByOne.push(one?.answer);
          }
          lotsAfterOneByOne = await lots(tx);
          throw new Rollback();
        }).catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
        expect(batch).toEqual(oneByOne);
        expect(lotsAfterBatch).toEqual(lotsAfterOneByOne);
      }),
      { numRuns: 60 },
    );
  });
});
