/**
 * The lots a work order may take units from, with the units at each location, in the shape
 * the FIFO planner (domain/work-orders/stock-take.ts) reads. Lots are locked FOR UPDATE so
 * two work orders on one SKU plan one after the other instead of both planning the same units.
 */
import { sql } from 'drizzle-orm';
import type { TakeLot } from '../../domain/work-orders/stock-take.js';
import { type Executor, selectRows } from '../connect.js';
import { toIsoDate } from './inventory-ledger.js';

export async function loadTakeLots(
  tx: Executor,
  filter: { accountId: string; skuId: string; warehouseId: string; lotId?: string | null },
): Promise<TakeLot[]> {
  const lots = await selectRows<{ id: string; received_on: string | Date | null; on_hand: number; allocated: number; damaged: number }>(
    tx,
    sql`SELECT id, received_on, on_hand, allocated, damaged FROM inventory_lots
         WHERE account_id = ${filter.accountId} AND sku_id = ${filter.skuId} AND warehouse_id = ${filter.warehouseId}
           AND (on_hand > 0 OR damaged > 0)
           ${filter.lotId ? sql`AND id = ${filter.lotId}` : sql``}
         ORDER BY received_on NULLS LAST, id
         FOR UPDATE`,
  );
  if (lots.length === 0) return [];
  const lotIds = lots.map((l) => l.id);
  const located = await selectRows<{ lot_id: string; location_id: string; location_type: string; quantity: number }>(
    tx,
    sql`SELECT s.lot_id, s.location_id, l.location_type, s.quantity
          FROM location_stock s JOIN locations l ON l.id = s.location_id
         WHERE s.lot_id IN (${sql.join(
           lotIds.map((id) => sql`${id}`),
           sql`, `,
         )}) AND s.quantity > 0`,
  );
  return lots.map((lot) => ({
    lotId: lot.id,
    receivedOn: toIsoDate(lot.received_on),
    available: Number(lot.on_hand) - Number(lot.allocated),
    damaged: Number(lot.damaged),
    locations: located
      .filter((l) => l.lot_id === lot.id)
      .map((l) => ({ locationId: l.location_id, locationType: l.location_type, quantity: Number(l.quantity) })),
  }));
}

/** Available (on hand − allocated) units of several SKUs in one warehouse. */
export async function availableBySku(tx: Executor, accountId: string, warehouseId: string, skuIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(skuIds.map((id) => [id, 0]));
  if (skuIds.length === 0) return result;
  const rows = await selectRows<{ sku_id: string; available: number }>(
    tx,
    sql`SELECT sku_id, sum(on_hand - allocated)::int AS available FROM inventory_lots
         WHERE account_id = ${accountId} AND warehouse_id = ${warehouseId}
           AND sku_id IN (${sql.join(
             skuIds.map((id) => sql`${id}`),
             sql`, `,
           )})
         GROUP BY sku_id`,
  );
  for (const row of rows) result.set(row.sku_id, Number(row.available));
  return result;
}
