import { and, asc, eq, gt, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../domain/shared/roles.js';
import type { Executor } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { users } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';
import { escapeLike } from './accounts.js';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export interface UserFilter {
  accountId?: string | 'provider';
  role?: Role;
  q?: string;
  status?: 'active' | 'archived';
  after?: string;
  limit: number;
}

export async function listUsers(tx: Executor, scope: Scope, filter: UserFilter): Promise<Page<UserRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(users.accountId, own));
  if (filter.accountId === 'provider') where.push(isNull(users.accountId));
  else if (filter.accountId) where.push(eq(users.accountId, filter.accountId));
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.status) where.push(eq(users.status, filter.status));
  if (filter.q) where.push(or(ilike(users.email, `%${escapeLike(filter.q)}%`), ilike(users.name, `%${escapeLike(filter.q)}%`)));
  if (filter.after) where.push(gt(users.id, filter.after));
  const rows = await tx
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findUser(tx: Executor, scope: Scope, id: string): Promise<UserRow | undefined> {
  const own = scopeAccount(scope);
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), own ? eq(users.accountId, own) : undefined));
  return row;
}

/** Used only by login, before any scope exists. */
export async function findUserByEmail(tx: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

export async function insertUser(tx: Executor, row: NewUserRow): Promise<UserRow> {
  const [created] = await tx.insert(users).values(row).returning();
  return created as UserRow;
}

export async function updateUser(tx: Executor, scope: Scope, id: string, patch: Partial<NewUserRow>): Promise<UserRow | undefined> {
  const own = scopeAccount(scope);
  const [row] = await tx
    .update(users)
    .set(patch)
    .where(and(eq(users.id, id), own ? eq(users.accountId, own) : undefined))
    .returning();
  return row;
}
