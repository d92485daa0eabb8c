import { and, asc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { SkuFlag } from '../../domain/catalog/sku.js';
import type { Executor } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { skus } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';
import { escapeLike } from './accounts.js';

export type SkuRow = typeof skus.$inferSelect;
export type NewSkuRow = typeof skus.$inferInsert;

export interface SkuFilter {
  accountId?: string;
  q?: string;
  status?: 'active' | 'archived';
  flag?: SkuFlag;
  after?: string;
  limit: number;
}

const FLAG_COLUMNS = {
  battery: skus.battery,
  liquid: skus.liquid,
  powder: skus.powder,
  magnetic: skus.magnetic,
  fda_regulated: skus.fdaRegulated,
  fragile: skus.fragile,
} as const;

export async function listSkus(tx: Executor, scope: Scope, filter: SkuFilter): Promise<Page<SkuRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(skus.accountId, own));
  if (filter.accountId) where.push(eq(skus.accountId, filter.accountId));
  if (filter.status) where.push(eq(skus.status, filter.status));
  if (filter.flag) where.push(eq(FLAG_COLUMNS[filter.flag], true));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    where.push(
      or(
        ilike(skus.sellerSku, pattern),
        ilike(skus.titleEn, pattern),
        ilike(skus.titleZh, pattern),
        eq(skus.upc, filter.q),
        eq(skus.fnsku, filter.q.toUpperCase()),
        eq(skus.msku, filter.q),
      ),
    );
  }
  if (filter.after) where.push(gt(skus.id, filter.after));
  const rows = await tx
    .select()
    .from(skus)
    .where(and(...where))
    .orderBy(asc(skus.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findSku(tx: Executor, scope: Scope, id: string): Promise<SkuRow | undefined> {
  const own = scopeAccount(scope);
  const [row] = await tx
    .select()
    .from(skus)
    .where(and(eq(skus.id, id), own ? eq(skus.accountId, own) : undefined));
  return row;
}

/** Existing SKUs of an account among the given seller SKUs (case-insensitive). */
export async function findSkusBySellerSku(tx: Executor, accountId: string, sellerSkus: string[]): Promise<Map<string, SkuRow>> {
  const found = new Map<string, SkuRow>();
  const lowered = sellerSkus.map((s) => s.toLowerCase());
  for (let i = 0; i < lowered.length; i += 1000) {
    const chunk = lowered.slice(i, i + 1000);
    const rows = await tx
      .select()
      .from(skus)
      .where(and(eq(skus.accountId, accountId), inArray(sql`lower(${skus.sellerSku})`, chunk)));
    for (const row of rows) found.set(row.sellerSku.toLowerCase(), row);
  }
  return found;
}

export async function insertSkus(tx: Executor, rows: NewSkuRow[]): Promise<SkuRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(skus).values(rows).returning();
}

export async function updateSku(tx: Executor, scope: Scope, id: string, patch: Partial<NewSkuRow>): Promise<SkuRow | undefined> {
  const own = scopeAccount(scope);
  const [row] = await tx
    .update(skus)
    .set(patch)
    .where(and(eq(skus.id, id), own ? eq(skus.accountId, own) : undefined))
    .returning();
  return row;
}
