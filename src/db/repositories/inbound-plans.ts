/**
 * Inbound plans, their cartons and contents, receipts and discrepancies. Plain functions over a
 * transaction; every read filters by the caller's account as well as row-level security.
 */
import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../connect.js';
import { selectRows } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { inboundCartonItems, inboundCartons, inboundPlans, inboundReceipts, receivingDiscrepancies } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';
import { escapeLike } from './accounts.js';

export type PlanRow = typeof inboundPlans.$inferSelect;
export type NewPlanRow = typeof inboundPlans.$inferInsert;
export type CartonRow = typeof inboundCartons.$inferSelect;
export type NewCartonRow = typeof inboundCartons.$inferInsert;
export type CartonItemRow = typeof inboundCartonItems.$inferSelect;
export type NewCartonItemRow = typeof inboundCartonItems.$inferInsert;
export type ReceiptRow = typeof inboundReceipts.$inferSelect;
export type NewReceiptRow = typeof inboundReceipts.$inferInsert;
export type DiscrepancyRow = typeof receivingDiscrepancies.$inferSelect;
export type NewDiscrepancyRow = typeof receivingDiscrepancies.$inferInsert;

export interface PlanFilter {
  accountId?: string;
  status?: string;
  warehouseId?: string;
  q?: string;
  after?: string;
  limit: number;
}

export interface PlanListRow extends PlanRow {
  cartonCount: number;
  plannedUnits: number;
  receivedUnits: number;
  damagedUnits: number;
}

/** Newest first (ids are UUIDv7, so descending id is descending creation). */
export async function listPlans(tx: Executor, scope: Scope, filter: PlanFilter): Promise<Page<PlanListRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(inboundPlans.accountId, own));
  if (filter.accountId) where.push(eq(inboundPlans.accountId, filter.accountId));
  if (filter.status) where.push(eq(inboundPlans.status, filter.status));
  if (filter.warehouseId) where.push(eq(inboundPlans.destinationWarehouseId, filter.warehouseId));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    where.push(
      or(
        sql`${inboundPlans.number} ILIKE ${pattern}`,
        sql`${inboundPlans.reference} ILIKE ${pattern}`,
        sql`${inboundPlans.containerNumber} ILIKE ${pattern}`,
        sql`${inboundPlans.trackingNumber} ILIKE ${pattern}`,
      ),
    );
  }
  if (filter.after) where.push(sql`${inboundPlans.id} < ${filter.after}`);
  const rows = await tx
    .select()
    .from(inboundPlans)
    .where(and(...where))
    .orderBy(desc(inboundPlans.id))
    .limit(filter.limit + 1);
  const page = toPage(rows, filter.limit);
  const totals = await planTotals(
    tx,
    page.items.map((p) => p.id),
  );
  return {
    items: page.items.map((p) => ({
      ...p,
      ...(totals.get(p.id) ?? { cartonCount: 0, plannedUnits: 0, receivedUnits: 0, damagedUnits: 0 }),
    })),
    nextCursor: page.nextCursor,
  };
}

async function planTotals(tx: Executor, planIds: string[]) {
  const totals = new Map<string, { cartonCount: number; plannedUnits: number; receivedUnits: number; damagedUnits: number }>();
  if (planIds.length === 0) return totals;
  const rows = await selectRows<{ plan_id: string; cartons: number; planned: number; received: number; damaged: number }>(
    tx,
    sql`SELECT c.plan_id,
               count(DISTINCT c.id)::int AS cartons,
               coalesce(sum(i.quantity), 0)::int AS planned,
               coalesce(sum(i.received_quantity), 0)::int AS received,
               coalesce(sum(i.damaged_quantity), 0)::int AS damaged
          FROM inbound_cartons c LEFT JOIN inbound_carton_items i ON i.carton_id = c.id
         WHERE c.plan_id IN (${sql.join(
           planIds.map((id) => sql`${id}`),
           sql`, `,
         )})
         GROUP BY c.plan_id`,
  );
  for (const r of rows)
    totals.set(r.plan_id, {
      cartonCount: Number(r.cartons),
      plannedUnits: Number(r.planned),
      receivedUnits: Number(r.received),
      damagedUnits: Number(r.damaged),
    });
  return totals;
}

export async function findPlan(
  tx: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanRow | undefined> {
  const own = scopeAccount(scope);
  const query = tx
    .select()
    .from(inboundPlans)
    .where(and(eq(inboundPlans.id, id), own ? eq(inboundPlans.accountId, own) : undefined));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertPlan(tx: Executor, row: NewPlanRow): Promise<PlanRow> {
  const [created] = await tx.insert(inboundPlans).values(row).returning();
  return created as PlanRow;
}

export async function updatePlan(tx: Executor, id: string, patch: Partial<NewPlanRow>): Promise<PlanRow> {
  const [row] = await tx.update(inboundPlans).set(patch).where(eq(inboundPlans.id, id)).returning();
  return row as PlanRow;
}

export async function insertCartons(tx: Executor, cartons: NewCartonRow[], items: NewCartonItemRow[]): Promise<void> {
  for (let i = 0; i < cartons.length; i += 1000) await tx.insert(inboundCartons).values(cartons.slice(i, i + 1000));
  for (let i = 0; i < items.length; i += 1000) await tx.insert(inboundCartonItems).values(items.slice(i, i + 1000));
}

/** A draft's contents are replaced whole when the seller edits them. */
export async function deleteCartons(tx: Executor, planId: string): Promise<void> {
  await tx.delete(inboundCartonItems).where(eq(inboundCartonItems.planId, planId));
  await tx.delete(inboundCartons).where(eq(inboundCartons.planId, planId));
}

export async function listCartons(tx: Executor, planId: string): Promise<CartonRow[]> {
  return tx.select().from(inboundCartons).where(eq(inboundCartons.planId, planId)).orderBy(asc(inboundCartons.cartonNo));
}

export async function listItems(tx: Executor, planId: string): Promise<CartonItemRow[]> {
  return tx.select().from(inboundCartonItems).where(eq(inboundCartonItems.planId, planId)).orderBy(asc(inboundCartonItems.id));
}

export async function updateCarton(tx: Executor, id: string, patch: Partial<NewCartonRow>): Promise<void> {
  await tx.update(inboundCartons).set(patch).where(eq(inboundCartons.id, id));
}

export async function updateItem(tx: Executor, id: string, patch: Partial<NewCartonItemRow>): Promise<void> {
  await tx.update(inboundCartonItems).set(patch).where(eq(inboundCartonItems.id, id));
}

export async function insertItem(tx: Executor, row: NewCartonItemRow): Promise<CartonItemRow> {
  const [created] = await tx.insert(inboundCartonItems).values(row).returning();
  return created as CartonItemRow;
}

/** A carton anywhere (staff look-ups: "this carton belongs to another plan"). */
export async function findCartonByBarcode(tx: Executor, barcode: string): Promise<CartonRow | undefined> {
  const [row] = await tx.select().from(inboundCartons).where(sql`lower(${inboundCartons.barcode}) = ${barcode.trim().toLowerCase()}`);
  return row;
}

export async function findReceipt(tx: Executor, planId: string, scanKey: string): Promise<ReceiptRow | undefined> {
  const [row] = await tx
    .select()
    .from(inboundReceipts)
    .where(and(eq(inboundReceipts.planId, planId), eq(inboundReceipts.scanKey, scanKey)));
  return row;
}

export async function insertReceipt(tx: Executor, row: NewReceiptRow): Promise<void> {
  await tx.insert(inboundReceipts).values(row);
}

export async function insertDiscrepancies(tx: Executor, rows: NewDiscrepancyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(receivingDiscrepancies).values(rows);
}

export async function listDiscrepancies(tx: Executor, planId: string): Promise<DiscrepancyRow[]> {
  return tx
    .select()
    .from(receivingDiscrepancies)
    .where(eq(receivingDiscrepancies.planId, planId))
    .orderBy(asc(receivingDiscrepancies.recordedAt), asc(receivingDiscrepancies.id));
}

/** The lots a plan made (one per SKU), keyed by SKU id. */
export async function planLots(
  tx: Executor,
  planId: string,
  options: { forUpdate?: boolean; skuIds?: string[] } = {},
): Promise<
  Map<
    string,
    {
      id: string;
      code: string;
      skuId: string;
      warehouseId: string;
      inbound: number;
      onHand: number;
      damaged: number;
      receivedOn: string | null;
    }
  >
> {
  const filter =
    options.skuIds && options.skuIds.length > 0
      ? sql`AND sku_id IN (${sql.join(
          options.skuIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``;
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    sql`SELECT id, code, sku_id, warehouse_id, inbound, on_hand, damaged, received_on::text AS received_on
          FROM inventory_lots WHERE source_type = 'inbound' AND source_id = ${planId} ${filter}
         ORDER BY id ${options.forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  return new Map(
    rows.map((r) => [
      r.sku_id as string,
      {
        id: r.id as string,
        code: r.code as string,
        skuId: r.sku_id as string,
        warehouseId: r.warehouse_id as string,
        inbound: Number(r.inbound),
        onHand: Number(r.on_hand),
        damaged: Number(r.damaged),
        receivedOn: (r.received_on as string | null) ?? null,
      },
    ]),
  );
}

/** Units of each of the plan's lots at one location (e.g. still on the receiving dock). */
export async function unitsAtLocation(tx: Executor, lotIds: string[], locationId: string): Promise<Map<string, number>> {
  if (lotIds.length === 0) return new Map();
  const rows = await selectRows<{ lot_id: string; quantity: number }>(
    tx,
    sql`SELECT lot_id, quantity FROM location_stock WHERE location_id = ${locationId} AND lot_id IN (${sql.join(
      lotIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.lot_id, Number(r.quantity)]));
}
