/** Exit plans and their lines (one per warehouse × SKU that held stock when drafted). */
import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { exitPlanLines, exitPlans } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';

export type ExitPlanRow = typeof exitPlans.$inferSelect;
export type NewExitPlanRow = typeof exitPlans.$inferInsert;
export type ExitPlanLineRow = typeof exitPlanLines.$inferSelect;
export type NewExitPlanLineRow = typeof exitPlanLines.$inferInsert;

export async function listExitPlans(
  tx: Executor,
  scope: Scope,
  filter: { accountId?: string; status?: string[]; after?: string; limit: number },
): Promise<Page<ExitPlanRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(exitPlans.accountId, own));
  if (filter.accountId) where.push(eq(exitPlans.accountId, filter.accountId));
  if (filter.status?.length) where.push(inArray(exitPlans.status, filter.status));
  if (filter.after) where.push(gt(exitPlans.id, filter.after));
  const rows = await tx
    .select()
    .from(exitPlans)
    .where(and(...where))
    .orderBy(asc(exitPlans.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findExitPlan(
  tx: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ExitPlanRow | undefined> {
  const own = scopeAccount(scope);
  const query = tx
    .select()
    .from(exitPlans)
    .where(and(eq(exitPlans.id, id), own ? eq(exitPlans.accountId, own) : undefined));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The account's plan that is not finished or cancelled, if any: one at a time. */
export async function findOpenExitPlan(tx: Executor, accountId: string): Promise<ExitPlanRow | undefined> {
  const [row] = await tx
    .select()
    .from(exitPlans)
    .where(and(eq(exitPlans.accountId, accountId), inArray(exitPlans.status, ['draft', 'submitted', 'approved', 'in_progress'])));
  return row;
}

export async function insertExitPlan(tx: Executor, row: NewExitPlanRow): Promise<ExitPlanRow> {
  const [created] = await tx.insert(exitPlans).values(row).returning();
  return created as ExitPlanRow;
}

export async function updateExitPlan(tx: Executor, id: string, patch: Partial<NewExitPlanRow>): Promise<ExitPlanRow> {
  const [row] = await tx.update(exitPlans).set(patch).where(eq(exitPlans.id, id)).returning();
  return row as ExitPlanRow;
}

export async function listExitPlanLines(tx: Executor, planId: string): Promise<ExitPlanLineRow[]> {
  return tx.select().from(exitPlanLines).where(eq(exitPlanLines.planId, planId)).orderBy(asc(exitPlanLines.id));
}

export async function insertExitPlanLines(tx: Executor, rows: NewExitPlanLineRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(exitPlanLines).values(rows.slice(i, i + 1000));
}

export async function updateExitPlanLine(tx: Executor, id: string, patch: Partial<NewExitPlanLineRow>): Promise<void> {
  await tx.update(exitPlanLines).set(patch).where(eq(exitPlanLines.id, id));
}

/** Every warehouse × SKU where the account holds units, with available and damaged totals. */
export async function stockByWarehouseAndSku(
  tx: Executor,
  accountId: string,
): Promise<{ warehouseId: string; skuId: string; available: number; damaged: number; lots: number }[]> {
  const rows = await selectRows<{ warehouse_id: string; sku_id: string; available: number; damaged: number; lots: number }>(
    tx,
    sql`SELECT warehouse_id, sku_id, sum(on_hand - allocated)::int AS available, sum(damaged)::int AS damaged,
               count(*) FILTER (WHERE on_hand - allocated > 0 OR damaged > 0)::int AS lots
          FROM inventory_lots
         WHERE account_id = ${accountId}
         GROUP BY warehouse_id, sku_id
        HAVING sum(on_hand - allocated) + sum(damaged) > 0
         ORDER BY warehouse_id, sku_id`,
  );
  return rows.map((r) => ({ warehouseId: r.warehouse_id, skuId: r.sku_id, available: r.available, damaged: r.damaged, lots: r.lots }));
}
