import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { accounts } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;

export interface AccountFilter {
  q?: string;
  status?: 'active' | 'archived';
  after?: string;
  limit: number;
}

export async function listAccounts(tx: Executor, scope: Scope, filter: AccountFilter): Promise<Page<AccountRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(accounts.id, own));
  if (filter.status) where.push(eq(accounts.status, filter.status));
  if (filter.q) where.push(or(ilike(accounts.code, `%${escapeLike(filter.q)}%`), ilike(accounts.name, `%${escapeLike(filter.q)}%`)));
  if (filter.after) where.push(gt(accounts.id, filter.after));
  const rows = await tx
    .select()
    .from(accounts)
    .where(and(...where))
    .orderBy(asc(accounts.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findAccount(tx: Executor, scope: Scope, id: string): Promise<AccountRow | undefined> {
  const own = scopeAccount(scope);
  if (own && own !== id) return undefined;
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function findAccountByCode(tx: Executor, scope: Scope, code: string): Promise<AccountRow | undefined> {
  const rows = await tx
    .select()
    .from(accounts)
    .where(ilike(accounts.code, escapeLike(code)));
  const own = scopeAccount(scope);
  return rows.find((r) => !own || r.id === own);
}

export async function insertAccount(tx: Executor, row: NewAccountRow): Promise<AccountRow> {
  const [created] = await tx.insert(accounts).values(row).returning();
  return created as AccountRow;
}

export async function updateAccount(tx: Executor, id: string, patch: Partial<NewAccountRow>): Promise<AccountRow | undefined> {
  const [row] = await tx.update(accounts).set(patch).where(eq(accounts.id, id)).returning();
  return row;
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
