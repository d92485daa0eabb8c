import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { warehouses } from '../schema.js';
import { escapeLike } from './accounts.js';

export type WarehouseRow = typeof warehouses.$inferSelect;
export type NewWarehouseRow = typeof warehouses.$inferInsert;

export interface WarehouseFilter {
  q?: string;
  kind?: string;
  status?: 'active' | 'archived';
  after?: string;
  limit: number;
}

/** Warehouses are the provider's reference data: every signed-in caller may read them. */
export async function listWarehouses(tx: Executor, filter: WarehouseFilter): Promise<Page<WarehouseRow>> {
  const where: (SQL | undefined)[] = [];
  if (filter.kind) where.push(eq(warehouses.kind, filter.kind));
  if (filter.status) where.push(eq(warehouses.status, filter.status));
  if (filter.q)
    where.push(
      or(
        ilike(warehouses.code, `%${escapeLike(filter.q)}%`),
        ilike(warehouses.name, `%${escapeLike(filter.q)}%`),
        ilike(warehouses.city, `%${escapeLike(filter.q)}%`),
      ),
    );
  if (filter.after) where.push(gt(warehouses.id, filter.after));
  const rows = await tx
    .select()
    .from(warehouses)
    .where(and(...where))
    .orderBy(asc(warehouses.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findWarehouse(tx: Executor, id: string): Promise<WarehouseRow | undefined> {
  const [row] = await tx.select().from(warehouses).where(eq(warehouses.id, id));
  return row;
}

export async function insertWarehouse(tx: Executor, row: NewWarehouseRow): Promise<WarehouseRow> {
  const [created] = await tx.insert(warehouses).values(row).returning();
  return created as WarehouseRow;
}

export async function updateWarehouse(tx: Executor, id: string, patch: Partial<NewWarehouseRow>): Promise<WarehouseRow | undefined> {
  const [row] = await tx.update(warehouses).set(patch).where(eq(warehouses.id, id)).returning();
  return row;
}
