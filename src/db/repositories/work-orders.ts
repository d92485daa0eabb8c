/** Work orders (value-added services, disposal, shipping stock out) and kit recipes. */
import { and, asc, eq, gt, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { kitComponents, workOrders } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';
import { escapeLike } from './accounts.js';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type NewWorkOrderRow = typeof workOrders.$inferInsert;
export type KitComponentRow = typeof kitComponents.$inferSelect;

export interface WorkOrderFilter {
  accountId?: string;
  warehouseId?: string;
  status?: string[];
  kind?: string;
  sourceType?: string;
  sourceId?: string;
  q?: string;
  after?: string;
  limit: number;
}

export async function listWorkOrders(tx: Executor, scope: Scope, filter: WorkOrderFilter): Promise<Page<WorkOrderRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(workOrders.accountId, own));
  if (filter.accountId) where.push(eq(workOrders.accountId, filter.accountId));
  if (filter.warehouseId) where.push(eq(workOrders.warehouseId, filter.warehouseId));
  if (filter.status?.length) where.push(inArray(workOrders.status, filter.status));
  if (filter.kind) where.push(eq(workOrders.kind, filter.kind));
  if (filter.sourceType) where.push(eq(workOrders.sourceType, filter.sourceType));
  if (filter.sourceId) where.push(eq(workOrders.sourceId, filter.sourceId));
  if (filter.q) where.push(ilike(workOrders.number, `%${escapeLike(filter.q.trim())}%`));
  if (filter.after) where.push(gt(workOrders.id, filter.after));
  const rows = await tx
    .select()
    .from(workOrders)
    .where(and(...where))
    .orderBy(asc(workOrders.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findWorkOrder(
  tx: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WorkOrderRow | undefined> {
  const own = scopeAccount(scope);
  const query = tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, id), own ? eq(workOrders.accountId, own) : undefined));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** Work orders created by one record (an RMA, an exit plan). */
export async function listWorkOrdersBySource(tx: Executor, sourceIds: string[]): Promise<WorkOrderRow[]> {
  if (sourceIds.length === 0) return [];
  return tx.select().from(workOrders).where(inArray(workOrders.sourceId, sourceIds)).orderBy(asc(workOrders.id));
}

export async function insertWorkOrders(tx: Executor, rows: NewWorkOrderRow[]): Promise<WorkOrderRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(workOrders).values(rows).returning();
}

export async function updateWorkOrder(tx: Executor, id: string, patch: Partial<NewWorkOrderRow>): Promise<WorkOrderRow> {
  const [row] = await tx.update(workOrders).set(patch).where(eq(workOrders.id, id)).returning();
  return row as WorkOrderRow;
}

/** Recipes of the given kits (or every kit of an account). */
export async function listKitComponents(
  tx: Executor,
  scope: Scope,
  filter: { accountId?: string; kitSkuIds?: string[] },
): Promise<KitComponentRow[]> {
  const own = scopeAccount(scope);
  const where: (SQL | undefined)[] = [];
  if (own) where.push(eq(kitComponents.accountId, own));
  if (filter.accountId) where.push(eq(kitComponents.accountId, filter.accountId));
  if (filter.kitSkuIds) {
    if (filter.kitSkuIds.length === 0) return [];
    where.push(inArray(kitComponents.kitSkuId, filter.kitSkuIds));
  }
  return tx
    .select()
    .from(kitComponents)
    .where(and(...where))
    .orderBy(asc(kitComponents.kitSkuId), asc(kitComponents.createdAt), asc(kitComponents.componentSkuId));
}

/** Which of an account's SKUs are kits, and which are components of one. */
export async function kitRoles(tx: Executor, accountId: string): Promise<{ kits: Set<string>; components: Set<string> }> {
  const rows = await tx
    .select({ kit: kitComponents.kitSkuId, component: kitComponents.componentSkuId })
    .from(kitComponents)
    .where(eq(kitComponents.accountId, accountId));
  return { kits: new Set(rows.map((r) => r.kit)), components: new Set(rows.map((r) => r.component)) };
}

export async function replaceKitComponents(
  tx: Executor,
  accountId: string,
  kitSkuId: string,
  components: { skuId: string; quantity: number }[],
  at: Date,
): Promise<void> {
  await tx.delete(kitComponents).where(and(eq(kitComponents.accountId, accountId), eq(kitComponents.kitSkuId, kitSkuId)));
  if (components.length === 0) return;
  await tx.insert(kitComponents).values(
    // One millisecond apart so the recipe reads back in the order the seller wrote it.
    components.map((c, i) => ({
      accountId,
      kitSkuId,
      componentSkuId: c.skuId,
      quantity: c.quantity,
      createdAt: new Date(at.getTime() + i),
    })),
  );
}

/** Open kitting work orders of a kit: its recipe may not change under them. */
export async function countOpenKitWork(tx: Executor, kitSkuId: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM work_orders
         WHERE sku_id = ${kitSkuId} AND kind IN ('kitting', 'dekitting') AND status IN ('requested', 'in_progress')`,
  );
  return row?.n ?? 0;
}
