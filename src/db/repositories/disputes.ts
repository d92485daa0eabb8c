/** Disputes and their comment threads; claims. Plain functions over a transaction in the caller's scope. */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../connect.js';
import { claims, disputeComments, disputes } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';

export type DisputeRow = typeof disputes.$inferSelect;
export type NewDisputeRow = typeof disputes.$inferInsert;
export type DisputeCommentRow = typeof disputeComments.$inferSelect;
export type ClaimRow = typeof claims.$inferSelect;
export type NewClaimRow = typeof claims.$inferInsert;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** By id, or by number (DSP-2026-000001) for the CLI. */
const disputeKey = (key: string): SQL => (UUID.test(key) ? sql`${disputes.id} = ${key}` : sql`${disputes.number} = ${key.toUpperCase()}`);
const claimKey = (key: string): SQL => (UUID.test(key) ? sql`${claims.id} = ${key}` : sql`${claims.number} = ${key.toUpperCase()}`);

export async function insertDispute(tx: Executor, row: NewDisputeRow): Promise<DisputeRow> {
  const [inserted] = await tx.insert(disputes).values(row).returning();
  return inserted as DisputeRow;
}

/** A dispute the scope may see (a seller: its own only), optionally locked for update. */
export async function findDispute(tx: Executor, scope: Scope, id: string, lock = false): Promise<DisputeRow | undefined> {
  const account = scopeAccount(scope);
  const query = tx
    .select()
    .from(disputes)
    .where(account ? sql`${disputeKey(id)} AND ${disputes.accountId} = ${account}` : disputeKey(id))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateDispute(tx: Executor, id: string, patch: Partial<NewDisputeRow>): Promise<DisputeRow> {
  const [row] = await tx.update(disputes).set(patch).where(sql`${disputes.id} = ${id}`).returning();
  return row as DisputeRow;
}

export async function listDisputes(
  tx: Executor,
  scope: Scope,
  filter: { accountId?: string; invoiceId?: string; status?: string; after?: string; limit: number },
): Promise<DisputeRow[]> {
  const account = scopeAccount(scope) ?? filter.accountId;
  const where: SQL[] = [sql`true`];
  if (account) where.push(sql`${disputes.accountId} = ${account}`);
  if (filter.invoiceId) where.push(sql`${disputes.invoiceId} = ${filter.invoiceId}`);
  if (filter.status) where.push(sql`${disputes.status} = ${filter.status}`);
  if (filter.after) where.push(sql`${disputes.id} < ${filter.after}`);
  return tx
    .select()
    .from(disputes)
    .where(sql.join(where, sql` AND `))
    .orderBy(sql`${disputes.id} DESC`)
    .limit(filter.limit + 1);
}

export async function insertComment(tx: Executor, row: typeof disputeComments.$inferInsert): Promise<DisputeCommentRow> {
  const [inserted] = await tx.insert(disputeComments).values(row).returning();
  return inserted as DisputeCommentRow;
}

export async function commentsOf(tx: Executor, disputeId: string): Promise<DisputeCommentRow[]> {
  return tx.select().from(disputeComments).where(sql`${disputeComments.disputeId} = ${disputeId}`).orderBy(disputeComments.id);
}

export async function insertClaim(tx: Executor, row: NewClaimRow): Promise<ClaimRow> {
  const [inserted] = await tx.insert(claims).values(row).returning();
  return inserted as ClaimRow;
}

export async function findClaim(tx: Executor, scope: Scope, id: string, lock = false): Promise<ClaimRow | undefined> {
  const account = scopeAccount(scope);
  const query = tx
    .select()
    .from(claims)
    .where(account ? sql`${claimKey(id)} AND ${claims.accountId} = ${account}` : claimKey(id))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateClaim(tx: Executor, id: string, patch: Partial<NewClaimRow>): Promise<ClaimRow> {
  const [row] = await tx.update(claims).set(patch).where(sql`${claims.id} = ${id}`).returning();
  return row as ClaimRow;
}

export async function listClaims(
  tx: Executor,
  scope: Scope,
  filter: { accountId?: string; status?: string; after?: string; limit: number },
): Promise<ClaimRow[]> {
  const account = scopeAccount(scope) ?? filter.accountId;
  const where: SQL[] = [sql`true`];
  if (account) where.push(sql`${claims.accountId} = ${account}`);
  if (filter.status) where.push(sql`${claims.status} = ${filter.status}`);
  if (filter.after) where.push(sql`${claims.id} < ${filter.after}`);
  return tx
    .select()
    .from(claims)
    .where(sql.join(where, sql` AND `))
    .orderBy(sql`${claims.id} DESC`)
    .limit(filter.limit + 1);
}
