/** Test fixtures for stock: a fresh SKU, and units put on a shelf as an opening balance. */
import { sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../../src/db/connect.js';
import { createLot, postMovements } from '../../src/db/repositories/inventory-ledger.js';
import { systemLocation } from '../../src/db/repositories/locations.js';
import { inScope, PROVIDER_SCOPE } from '../../src/db/tenancy.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import type { Services } from '../../src/services/create-services.js';

let counter = 0;

export async function freshSku(services: Services, accountId: string, prefix = 'T'): Promise<string> {
  counter += 1;
  const created = await services.skus.create(SYSTEM_ACTOR, accountId, {
    sellerSku: `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`,
    titleEn: 'Test item',
    length: '20',
    width: '10',
    height: '5',
    dimensionUnit: 'cm',
    weight: '300',
    weightUnit: 'g',
    flags: [],
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

export async function warehouseId(services: Services, code: string): Promise<string> {
  const [row] = await inScope(services.deps.database.db, PROVIDER_SCOPE, (tx) =>
    selectRows<{ id: string }>(tx, sql`SELECT id FROM warehouses WHERE code = ${code}`),
  );
  if (!row) throw new Error(`no warehouse ${code}`);
  return row.id;
}

/** Puts `quantity` units of a new lot on a shelf (RECEIVING) as an opening balance; returns the lot id. */
export async function addStock(
  services: Services,
  input: { accountId: string; skuId: string; warehouseId: string; quantity: number; receivedOn?: string },
  executor?: Executor,
): Promise<string> {
  const run = async (tx: Executor) => {
    const staging = await systemLocation(tx, input.warehouseId, 'staging', services.deps.ids);
    const lot = await createLot(tx, services.deps.ids, {
      accountId: input.accountId,
      skuId: input.skuId,
      warehouseId: input.warehouseId,
      sourceType: 'adjustment',
      receivedOn: input.receivedOn ?? '2026-01-15',
    });
    await postMovements(tx, services.deps.ids, services.deps.clock.now(), [
      {
        accountId: input.accountId,
        skuId: input.skuId,
        warehouseId: input.warehouseId,
        lotId: lot.id,
        movement: 'adjust',
        onHandDelta: input.quantity,
        locationId: staging.id,
        locationDelta: input.quantity,
        reasonCode: 'found',
        sourceType: 'test',
        sourceId: 'fixture',
      },
    ]);
    return lot.id;
  };
  return executor ? run(executor) : inScope(services.deps.database.db, PROVIDER_SCOPE, run);
}

export async function lotBuckets(services: Services, lotId: string) {
  const [row] = await inScope(services.deps.database.db, PROVIDER_SCOPE, (tx) =>
    selectRows<{ inbound: number; on_hand: number; allocated: number; damaged: number }>(
      tx,
      sql`SELECT inbound, on_hand, allocated, damaged FROM inventory_lots WHERE id = ${lotId}`,
    ),
  );
  return row;
}
