import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Executor } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { apiKeys } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type NewApiKeyRow = typeof apiKeys.$inferInsert;

export interface ApiKeyFilter {
  accountId?: string;
  after?: string;
  limit: number;
}

export async function listApiKeys(tx: Executor, scope: Scope, filter: ApiKeyFilter): Promise<Page<ApiKeyRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(apiKeys.accountId, own));
  if (filter.accountId) where.push(eq(apiKeys.accountId, filter.accountId));
  if (filter.after) where.push(gt(apiKeys.id, filter.after));
  const rows = await tx
    .select()
    .from(apiKeys)
    .where(and(...where))
    .orderBy(asc(apiKeys.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findApiKey(tx: Executor, scope: Scope, id: string): Promise<ApiKeyRow | undefined> {
  const own = scopeAccount(scope);
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), own ? eq(apiKeys.accountId, own) : undefined));
  return row;
}

/** Used only by authentication, before any scope exists. */
export async function findApiKeyByPrefix(tx: Executor, prefix: string): Promise<ApiKeyRow | undefined> {
  const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
  return row;
}

export async function insertApiKey(tx: Executor, row: NewApiKeyRow): Promise<ApiKeyRow> {
  const [created] = await tx.insert(apiKeys).values(row).returning();
  return created as ApiKeyRow;
}

export async function updateApiKey(tx: Executor, scope: Scope, id: string, patch: Partial<NewApiKeyRow>): Promise<ApiKeyRow | undefined> {
  const own = scopeAccount(scope);
  const [row] = await tx
    .update(apiKeys)
    .set(patch)
    .where(and(eq(apiKeys.id, id), own ? eq(apiKeys.accountId, own) : undefined))
    .returning();
  return row;
}
