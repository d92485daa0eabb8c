/**
 * Demo stock: locations in the two US fulfilment warehouses, every demo seller granted the
 * provider's warehouses, and opening stock for each SKU — one to three lots in New Jersey
 * and/or California, received over the last ~420 days so the ageing report has stock in
 * every band. Opening balances are posted like any stock: ledger rows (movement 'adjust',
 * reason 'opening_balance') through postMovements. Deterministic: the same clock gives the
 * same stock.
 */
import { sql } from 'drizzle-orm';
import { expandLocationRange } from '../../domain/inventory/locations.js';
import type { MovementInput } from '../../domain/inventory/movements.js';
import { selectRows } from '../../db/connect.js';
import { defaultLotCode, postMovements } from '../../db/repositories/inventory-ledger.js';
import { ensureSystemLocations, insertLocations, systemLocation } from '../../db/repositories/locations.js';
import { accountWarehouses, inventoryLots } from '../../db/schema.js';
import { inScope, PROVIDER_SCOPE } from '../../db/tenancy.js';
import type { ServiceDeps } from '../context.js';

/** Racking per US warehouse: zone A bins for small goods, zone B shelves, zone P pallets. */
const RACKING: { range: string; type: 'bin' | 'shelf' | 'pallet'; capacityUnits: number }[] = [
  { range: 'A-01-01..A-08-05', type: 'bin', capacityUnits: 400 },
  { range: 'B-01-01..B-04-03', type: 'shelf', capacityUnits: 1200 },
  { range: 'P-01..P-06', type: 'pallet', capacityUnits: 3000 },
];

const US_FULFILMENT = ['US-NJ1', 'US-CA1'];

export interface InventorySeedReport {
  locations: number;
  grants: number;
  lots: number;
  units: number;
}

/** Small deterministic generator (same numbers on every run). */
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

export async function seedDemoInventory(deps: ServiceDeps, accountCodes: string[]): Promise<InventorySeedReport> {
  const { database, ids, clock } = deps;
  const now = clock.now();
  return inScope(database.db, PROVIDER_SCOPE, async (tx) => {
    const warehouses = await selectRows<{ id: string; code: string; kind: string }>(
      tx,
      sql`SELECT id, code, kind FROM warehouses ORDER BY code`,
    );
    const accounts = await selectRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM accounts ORDER BY code`);
    const chosen = accounts.filter((a) => accountCodes.includes(a.code));

    let locationCount = 0;
    // Free room per location, so the demo never overfills a bin.
    const bins = new Map<string, { id: string; room: number }[]>();
    const staging = new Map<string, string>();
    for (const warehouse of warehouses) {
      await ensureSystemLocations(tx, ids, warehouse.id);
      staging.set(warehouse.id, (await systemLocation(tx, warehouse.id, 'staging')).id);
      if (!US_FULFILMENT.includes(warehouse.code)) continue;
      const rows = RACKING.flatMap((rack) => {
        const expanded = expandLocationRange(rack.range);
        if (!expanded.ok) throw new Error(`Demo racking ${rack.range}: ${expanded.error.message}`);
        return expanded.value.map((p) => ({
          id: ids.next(),
          warehouseId: warehouse.id,
          code: p.code,
          zone: p.zone,
          aisle: p.aisle,
          shelf: p.shelf,
          bin: p.bin,
          locationType: rack.type,
          capacityUnits: rack.capacityUnits,
          capacityCubicFeet: null,
          status: 'active',
          createdAt: now,
        }));
      });
      const created = await insertLocations(tx, rows);
      locationCount += created.length;
      bins.set(
        warehouse.id,
        created.map((l) => ({ id: l.id, room: l.capacityUnits ?? Number.MAX_SAFE_INTEGER })),
      );
    }

    const grants = chosen.flatMap((a) => warehouses.map((w) => ({ accountId: a.id, warehouseId: w.id, createdAt: now })));
    if (grants.length > 0) await tx.insert(accountWarehouses).values(grants).onConflictDoNothing();

    const usWarehouses = warehouses.filter((w) => US_FULFILMENT.includes(w.code));
    let lotCount = 0;
    let units = 0;
    for (const account of chosen) {
      const skus = await selectRows<{ id: string; seller_sku: string }>(
        tx,
        sql`SELECT id, seller_sku FROM skus WHERE account_id = ${account.id} AND status = 'active' ORDER BY seller_sku`,
      );
      const random = generator([...account.code].reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
      const lots: (typeof inventoryLots.$inferInsert)[] = [];
      const movements: MovementInput[] = [];
      skus.forEach((sku, index) => {
        // One SKU in eight has no stock at all (sold out, or not shipped yet).
        if (index % 8 === 7) return;
        const lotsHere = 1 + Math.floor(random() * 3);
        for (let n = 0; n < lotsHere; n++) {
          const warehouse = usWarehouses[Math.floor(random() * usWarehouses.length)] as (typeof usWarehouses)[number];
          // Received 3–420 days ago; older lots smaller, as most of them have sold.
          const age = 3 + Math.floor(random() * 418);
          const receivedOn = new Date(now.getTime() - age * 86_400_000).toISOString().slice(0, 10);
          const quantity = Math.max(4, Math.round((40 + random() * 360) * (age > 180 ? 0.35 : 1)));
          const id = ids.next();
          lots.push({
            id,
            accountId: account.id,
            skuId: sku.id,
            warehouseId: warehouse.id,
            code: defaultLotCode(id, receivedOn),
            sourceType: 'adjustment',
            sourceId: null,
            receivedOn,
            inbound: 0,
            onHand: 0,
            allocated: 0,
            damaged: 0,
            createdAt: now,
            updatedAt: now,
          });
          // The first location with room for the lot, starting from a random one; RECEIVING when none has room.
          const places = bins.get(warehouse.id) ?? [];
          const start = Math.floor(random() * places.length);
          const place = [...places.slice(start), ...places.slice(0, start)].find((p) => p.room >= quantity);
          if (place) place.room -= quantity;
          movements.push({
            accountId: account.id,
            skuId: sku.id,
            warehouseId: warehouse.id,
            lotId: id,
            movement: 'adjust',
            onHandDelta: quantity,
            locationId: place?.id ?? (staging.get(warehouse.id) as string),
            locationDelta: quantity,
            reasonCode: 'opening_balance',
            note: 'Demo opening balance',
            sourceType: 'opening_balance',
            sourceId: `demo:${account.code}`,
          });
          units += quantity;
        }
      });
      if (lots.length > 0) await tx.insert(inventoryLots).values(lots);
      await postMovements(tx, ids, now, movements);
      lotCount += lots.length;
    }
    return { locations: locationCount, grants: grants.length, lots: lotCount, units };
  });
}
