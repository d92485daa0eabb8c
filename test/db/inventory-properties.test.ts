/**
 * Random interleavings of allocate / release / receive / adjust − against a simple model:
 * after every step the database must hold exactly the model's buckets, no bucket may be
 * negative, allocated never exceeds on hand, and the balances rebuilt from the ledger match.
 * Each allocation must also be exactly the one the pure strategy (planAllocation) makes.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { rebuildCheck } from '../../src/db/repositories/inventory-balances.js';
import { inScope, PROVIDER_SCOPE } from '../../src/db/tenancy.js';
import { type LotAvailability, planAllocation, rankWarehouses } from '../../src/domain/inventory/allocation.js';
import type { Actor } from '../../src/services/context.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addStock, freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let accountId: string;
let seller: Actor;
const warehouses: { id: string; code: string; postalCode: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  accountId = await t.accountId('VOLTBEE');
  seller = { kind: 'user', id: 'prop', role: 'seller_admin', accountId, userId: null };
  warehouses.push(
    { id: await warehouseId(t.services, 'US-CA1'), code: 'US-CA1', postalCode: '91761' },
    { id: await warehouseId(t.services, 'US-NJ1'), code: 'US-NJ1', postalCode: '08837' },
  );
});
afterAll(async () => t?.close());

type Command =
  | { kind: 'allocate'; quantity: number; zip: string | null; split: boolean }
  | { kind: 'release'; pick: number }
  | { kind: 'receive'; warehouse: number; quantity: number; daysAgo: number }
  | { kind: 'adjust_down'; pick: number; quantity: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('allocate' as const),
      quantity: fc.integer({ min: 1, max: 9 }),
      zip: fc.constantFrom(null, '10001', '90012', '60601'),
      split: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      warehouse: fc.integer({ min: 0, max: 1 }),
      quantity: fc.integer({ min: 1, max: 12 }),
      daysAgo: fc.integer({ min: 0, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('adjust_down' as const), pick: fc.nat(), quantity: fc.integer({ min: 1, max: 8 }) }),
  },
);

interface ModelLot {
  lotId: string;
  warehouseId: string;
  receivedOn: string;
  order: number;
  onHand: number;
  allocated: number;
}

async function databaseLots(skuId: string) {
  return inScope(t.db.database.db, PROVIDER_SCOPE, (tx) =>
    selectRows<{ id: string; inbound: number; on_hand: number; allocated: number; damaged: number }>(
      tx,
      sql`SELECT id, inbound, on_hand, allocated, damaged FROM inventory_lots WHERE sku_id = ${skuId} ORDER BY id`,
    ),
  );
}

describe('inventory invariants under random interleavings', () => {
  it('keeps the database equal to the model and the ledger', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 25 }), async (commands) => {
        run += 1;
        const skuId = await freshSku(t.services, accountId, 'PROP');
        const lots: ModelLot[] = [];
        const refs: { reference: string; status: 'allocated' | 'released'; pieces: { lotId: string; quantity: number }[] }[] = [];
        let step = 0;
        for (const c of commands) {
          step += 1;
          if (c.kind === 'receive') {
            const warehouse = warehouses[c.warehouse] as (typeof warehouses)[number];
            const today = t.services.deps.clock.now();
            const receivedOn = new Date(today.getTime() - c.daysAgo * 86_400_000).toISOString().slice(0, 10);
            let lotId: string;
            if (c.daysAgo === 0) {
              // Found units: a new lot received today, through the adjustments service.
              const result = await t.services.adjustments.adjust(SYSTEM_ACTOR, {
                skuId,
                warehouseId: warehouse.id,
                quantity: c.quantity,
                reasonCode: 'found',
              });
              expect(result.ok, JSON.stringify(result)).toBe(true);
              if (!result.ok) return;
              lotId = result.value.movements[0]?.lotId as string;
            } else {
              // A receipt dated in the past (FIFO must put it first).
              lotId = await addStock(t.services, { accountId, skuId, warehouseId: warehouse.id, quantity: c.quantity, receivedOn });
            }
            lots.push({ lotId, warehouseId: warehouse.id, receivedOn, order: lots.length, onHand: c.quantity, allocated: 0 });
          } else if (c.kind === 'adjust_down') {
            if (lots.length === 0) continue;
            const lot = lots[c.pick % lots.length] as ModelLot;
            const result = await t.services.adjustments.adjust(SYSTEM_ACTOR, {
              skuId,
              warehouseId: lot.warehouseId,
              lotId: lot.lotId,
              quantity: -c.quantity,
              reasonCode: 'lost',
            });
            if (lot.onHand - lot.allocated >= c.quantity) {
              expect(result.ok, JSON.stringify(result)).toBe(true);
              lot.onHand -= c.quantity;
            } else {
              expect(!result.ok && result.error.code).toBe('insufficient_stock');
            }
          } else if (c.kind === 'allocate') {
            const reference = `P${run}-${step}`;
            const ranked = rankWarehouses(warehouses, c.zip);
            if (!ranked.ok) throw new Error('zip');
            const available: LotAvailability[] = lots.map((l) => ({
              lotId: l.lotId,
              skuId,
              warehouseId: l.warehouseId,
              receivedOn: l.receivedOn,
              createdOrder: String(l.order).padStart(6, '0'),
              available: l.onHand - l.allocated,
            }));
            const plan = planAllocation([{ lineNo: 1, skuId, quantity: c.quantity }], ranked.value, available, c.split);
            const result = await t.services.allocations.allocate(seller, {
              reference,
              lines: [{ skuId, quantity: c.quantity }],
              shipToZip: c.zip,
              allowSplit: c.split,
            });
            if (plan.kind === 'short') {
              expect(!result.ok && result.error.code, JSON.stringify(result)).toBe('insufficient_stock');
            } else {
              expect(result.ok, JSON.stringify(result)).toBe(true);
              if (!result.ok) return;
              const got = result.value.lines[0]?.allocations.map((p) => ({ lotId: p.lotId, quantity: p.quantity }));
              expect(got).toEqual(plan.allocations.map((p) => ({ lotId: p.lotId, quantity: p.quantity })));
              for (const p of plan.allocations) (lots.find((l) => l.lotId === p.lotId) as ModelLot).allocated += p.quantity;
              refs.push({
                reference,
                status: 'allocated',
                pieces: plan.allocations.map((p) => ({ lotId: p.lotId, quantity: p.quantity })),
              });
            }
          } else {
            if (refs.length === 0) continue;
            const ref = refs[c.pick % refs.length] as (typeof refs)[number];
            const result = await t.services.allocations.release(seller, { reference: ref.reference });
            expect(result.ok).toBe(true);
            expect(result.ok && result.value.replayed).toBe(ref.status === 'released');
            if (ref.status === 'allocated')
              for (const p of ref.pieces) (lots.find((l) => l.lotId === p.lotId) as ModelLot).allocated -= p.quantity;
            ref.status = 'released';
          }
          const stored = await databaseLots(skuId);
          for (const row of stored) {
            expect(row.on_hand).toBeGreaterThanOrEqual(0);
            expect(row.allocated).toBeGreaterThanOrEqual(0);
            expect(row.allocated).toBeLessThanOrEqual(row.on_hand);
            const model = lots.find((l) => l.lotId === row.id);
            expect({ on_hand: row.on_hand, allocated: row.allocated }).toEqual({ on_hand: model?.onHand, allocated: model?.allocated });
          }
        }
        const report = await inScope(t.db.database.db, PROVIDER_SCOPE, (tx) => rebuildCheck(tx, accountId));
        expect(report.mismatches).toEqual([]);
      }),
      { numRuns: 50 },
    );
  }, 300_000);
});
