/** Return authorisations (RMAs) and their lines. Stock itself moves through the ledger. */
import { and, asc, desc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { returnAuthorisations, returnLines } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';
import { escapeLike } from './accounts.js';

export type ReturnRow = typeof returnAuthorisations.$inferSelect;
export type NewReturnRow = typeof returnAuthorisations.$inferInsert;
export type ReturnLineRow = typeof returnLines.$inferSelect;
export type NewReturnLineRow = typeof returnLines.$inferInsert;

export interface ReturnFilter {
  accountId?: string;
  warehouseId?: string;
  status?: string[];
  source?: string;
  /** RMA number, order reference, channel return id or tracking number. */
  q?: string;
  after?: string;
  limit: number;
}

/** Newest first would break keyset paging on ids; RMAs list in creation order like every list. */
export async function listReturns(tx: Executor, scope: Scope, filter: ReturnFilter): Promise<Page<ReturnRow>> {
  const where: (SQL | undefined)[] = [];
  const own = scopeAccount(scope);
  if (own) where.push(eq(returnAuthorisations.accountId, own));
  if (filter.accountId) where.push(eq(returnAuthorisations.accountId, filter.accountId));
  if (filter.warehouseId) where.push(eq(returnAuthorisations.warehouseId, filter.warehouseId));
  if (filter.status?.length) where.push(inArray(returnAuthorisations.status, filter.status));
  if (filter.source) where.push(eq(returnAuthorisations.source, filter.source));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.trim())}%`;
    where.push(
      or(
        ilike(returnAuthorisations.number, pattern),
        ilike(returnAuthorisations.orderReference, pattern),
        ilike(returnAuthorisations.channelReturnId, pattern),
        ilike(returnAuthorisations.trackingNumber, pattern),
      ),
    );
  }
  if (filter.after) where.push(gt(returnAuthorisations.id, filter.after));
  const rows = await tx
    .select()
    .from(returnAuthorisations)
    .where(and(...where))
    .orderBy(asc(returnAuthorisations.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findReturn(
  tx: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ReturnRow | undefined> {
  const own = scopeAccount(scope);
  const query = tx
    .select()
    .from(returnAuthorisations)
    .where(and(eq(returnAuthorisations.id, id), own ? eq(returnAuthorisations.accountId, own) : undefined));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * What a returns bench scans: the RMA number, or the parcel's tracking number. Open RMAs
 * (authorised) come first, so a tracking number reused by a carrier finds the parcel expected.
 */
export async function findReturnsByCode(tx: Executor, code: string): Promise<ReturnRow[]> {
  const needle = code.trim().toLowerCase();
  return tx
    .select()
    .from(returnAuthorisations)
    .where(or(eq(sql`lower(${returnAuthorisations.number})`, needle), eq(sql`lower(${returnAuthorisations.trackingNumber})`, needle)))
    .orderBy(sql`${returnAuthorisations.status} <> 'authorised'`, desc(returnAuthorisations.id))
    .limit(5);
}

export async function findReturnByChannel(
  tx: Executor,
  accountId: string,
  channel: string,
  channelReturnId: string,
): Promise<ReturnRow | undefined> {
  const [row] = await tx
    .select()
    .from(returnAuthorisations)
    .where(
      and(
        eq(returnAuthorisations.accountId, accountId),
        eq(returnAuthorisations.channel, channel),
        eq(returnAuthorisations.channelReturnId, channelReturnId),
      ),
    );
  return row;
}

export async function insertReturn(tx: Executor, row: NewReturnRow): Promise<ReturnRow> {
  const [created] = await tx.insert(returnAuthorisations).values(row).returning();
  return created as ReturnRow;
}

export async function updateReturn(tx: Executor, id: string, patch: Partial<NewReturnRow>): Promise<ReturnRow> {
  const [row] = await tx.update(returnAuthorisations).set(patch).where(eq(returnAuthorisations.id, id)).returning();
  return row as ReturnRow;
}

export async function listReturnLines(tx: Executor, returnIds: string[]): Promise<ReturnLineRow[]> {
  if (returnIds.length === 0) return [];
  return tx
    .select()
    .from(returnLines)
    .where(inArray(returnLines.returnId, returnIds))
    .orderBy(asc(returnLines.returnId), asc(returnLines.lineNo));
}

export async function insertReturnLines(tx: Executor, rows: NewReturnLineRow[]): Promise<ReturnLineRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(returnLines).values(rows).returning();
}

export async function updateReturnLine(tx: Executor, id: string, patch: Partial<NewReturnLineRow>): Promise<ReturnLineRow> {
  const [row] = await tx.update(returnLines).set(patch).where(eq(returnLines.id, id)).returning();
  return row as ReturnLineRow;
}

export interface ClockRow {
  accountId: string;
  accountCode: string;
  accountName: string;
  authorisedAt: Date;
  receivedAt: Date | null;
  inspectedAt: Date | null;
  closedAt: Date | null;
  status: string;
}

/** The timestamps of the processing clock for RMAs authorised in a period (not cancelled). */
export async function listReturnClocks(
  tx: Executor,
  scope: Scope,
  filter: { accountId?: string; warehouseId?: string; from?: Date; to?: Date },
): Promise<ClockRow[]> {
  const own = scopeAccount(scope);
  const rows = await selectRows<{
    account_id: string;
    code: string;
    name: string;
    authorised_at: string | Date;
    received_at: string | Date | null;
    inspected_at: string | Date | null;
    closed_at: string | Date | null;
    status: string;
  }>(
    tx,
    sql`SELECT r.account_id, a.code, a.name, r.authorised_at, r.received_at, r.inspected_at, r.closed_at, r.status
          FROM return_authorisations r JOIN accounts a ON a.id = r.account_id
         WHERE r.status <> 'cancelled'
           ${own ? sql`AND r.account_id = ${own}` : sql``}
           ${filter.accountId ? sql`AND r.account_id = ${filter.accountId}` : sql``}
           ${filter.warehouseId ? sql`AND r.warehouse_id = ${filter.warehouseId}` : sql``}
           ${filter.from ? sql`AND r.authorised_at >= ${filter.from.toISOString()}` : sql``}
           ${filter.to ? sql`AND r.authorised_at < ${filter.to.toISOString()}` : sql``}
         ORDER BY a.code, r.authorised_at`,
  );
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    accountId: r.account_id,
    accountCode: r.code,
    accountName: r.name,
    authorisedAt: new Date(r.authorised_at),
    receivedAt: date(r.received_at),
    inspectedAt: date(r.inspected_at),
    closedAt: date(r.closed_at),
    status: r.status,
  }));
}
