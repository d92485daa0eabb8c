/**
 * The audit log (migration 0010, docs/decisions/0007-audit-log.md): append-only, hash-chained.
 *
 * Row changes of the audited tables are logged by a trigger, with the actor `inScope` put in
 * `landed.actor`. Anything else worth an entry — a sign-in, an export, a document download, a
 * billing run — is logged with `recordAudit(tx, entry)` inside the transaction of the action
 * itself, so the entry exists exactly when the action committed.
 *
 * @example
 * await inScope(db, scopeOf(actor), async (tx) => {
 *   const invoice = await finalizeInvoice(tx, …);
 *   await recordAudit(tx, { entityType: 'invoice', entityId: invoice.id, action: 'finalize',
 *     accountId: invoice.accountId, before: { status: 'draft' }, after: { status: 'finalized', number: invoice.number } });
 * });
 */
import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../connect.js';
import { type Scope, type ScopeActor, scopeAccount } from '../tenancy.js';

export interface AuditEntryInput {
  /** What kind of record or action: a table name ('invoices') or a noun ('session', 'account_export'). */
  entityType: string;
  entityId?: string | null;
  /** A verb: 'login', 'login_failed', 'export', 'finalize', 'download_pdf'… */
  action: string;
  /** The seller account the entry is about (sellers read entries of their own account); null for provider data. */
  accountId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the transaction's actor (set by inScope); give it where no scope exists yet (sign-in). */
  actor?: ScopeActor;
  /** Defaults to the transaction's start time. */
  at?: Date;
}

/**
 * Adds one entry to the audit log, chained when the transaction commits (nothing is logged
 * if it rolls back). Call it inside the transaction of the action it records.
 */
export async function recordAudit(tx: Executor, entry: AuditEntryInput): Promise<void> {
  const actor = entry.actor
    ? JSON.stringify({ kind: entry.actor.kind, id: entry.actor.id, role: entry.actor.role, account_id: entry.actor.accountId })
    : null;
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await tx.execute(
    sql`SELECT landed_audit_record(${entry.entityType}, ${entry.entityId ?? null}, ${entry.action}, ${entry.accountId ?? null}::uuid,
        ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${actor}::jsonb, ${entry.at ? entry.at.toISOString() : null}::timestamptz)`,
  );
}

export interface AuditEntry {
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorRole: string | null;
  actorAccountId: string | null;
  /** The actor's name or email when it is a user or an API key still on file. */
  actorName: string | null;
  accountId: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  accountId?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this seq (pages go newest first). */
  beforeSeq?: number;
  limit: number;
}

/** Newest first; a seller scope sees only its own account's entries (and RLS says the same). */
export async function listAuditEntries(tx: Executor, scope: Scope, filter: AuditFilter): Promise<AuditEntry[]> {
  const where: SQL[] = [sql`true`];
  const own = scopeAccount(scope);
  if (own) where.push(sql`l.account_id = ${own}::uuid`);
  if (filter.accountId) where.push(sql`l.account_id = ${filter.accountId}::uuid`);
  if (filter.entityType) where.push(sql`l.entity_type = ${filter.entityType}`);
  if (filter.entityId) where.push(sql`l.entity_id = ${filter.entityId}`);
  if (filter.actorId) where.push(sql`l.actor_id = ${filter.actorId}`);
  if (filter.from) where.push(sql`l.at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) where.push(sql`l.at < ${filter.to.toISOString()}::timestamptz`);
  if (filter.beforeSeq !== undefined) where.push(sql`l.seq < ${filter.beforeSeq}`);
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    sql`SELECT l.*, coalesce(u.email, k.name) AS actor_name
          FROM audit_log l
          LEFT JOIN users u ON l.actor_kind = 'user' AND u.id::text = l.actor_id
          LEFT JOIN api_keys k ON l.actor_kind = 'api_key' AND k.id::text = l.actor_id
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY l.seq DESC
         LIMIT ${filter.limit}`,
  );
  return rows.map(toEntry);
}

function toEntry(r: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: new Date(r.at as string | Date),
    actorKind: r.actor_kind as string,
    actorId: (r.actor_id as string | null) ?? null,
    actorRole: (r.actor_role as string | null) ?? null,
    actorAccountId: (r.actor_account_id as string | null) ?? null,
    actorName: (r.actor_name as string | null) ?? null,
    accountId: (r.account_id as string | null) ?? null,
    entityType: r.entity_type as string,
    entityId: (r.entity_id as string | null) ?? null,
    action: r.action as string,
    before: r.before ?? null,
    after: r.after ?? null,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  };
}

export const GENESIS_HASH = '0'.repeat(64);

export type ChainProblemKind = 'altered' | 'deleted' | 'inserted' | 'head_mismatch';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The entry number where the chain first breaks. */
  seq: number;
  expected: string;
  found: string;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Entries checked (up to the head read when the check started). */
  entries: number;
  headSeq: number;
  headHash: string;
  problem: ChainProblem | null;
}

/** sha256(prev_hash || canonical), hex: the chain's one formula (migration 0010). */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256')
    .update(prevHash + canonical, 'utf8')
    .digest('hex');
}

/**
 * Walks the whole chain in order and reports the first break: an entry whose content no
 * longer matches its hash (altered or moved), a missing number (deleted), a link to a
 * previous hash that is not the previous entry's (inserted or reordered), or a chain that
 * does not end where the chain head says. Needs provider scope (it reads every entry).
 * Entries committed after the head was read are left for the next check.
 */
export async function verifyAuditChain(tx: Executor, options: { batchSize?: number } = {}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const [head] = await selectRows<{ seq: string | number; hash: string }>(tx, sql`SELECT seq, hash FROM audit_chain_head WHERE id = 1`);
  if (!head) throw new Error('the audit chain head is missing');
  const headSeq = Number(head.seq);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const report = (problem: ChainProblem | null): ChainReport => ({ ok: problem === null, entries, headSeq, headHash: head.hash, problem });
  for (;;) {
    const rows = await selectRows<{ seq: string | number; prev_hash: string; hash: string; canonical: string }>(
      tx,
      // The batch is chosen first, so the canonical text is built for its rows only.
      sql`SELECT seq, prev_hash, hash,
                 landed_audit_canonical(seq, at, actor_kind, actor_id, actor_role, actor_account_id, account_id,
                                        entity_type, entity_id, action, before, after) AS canonical
            FROM (SELECT * FROM audit_log WHERE seq >= ${expectedSeq} AND seq <= ${headSeq} ORDER BY seq LIMIT ${batchSize}) batch
           ORDER BY seq`,
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return report({
          kind: 'deleted',
          seq: expectedSeq,
          expected: prevHash,
          found: row.prev_hash,
          message: `Entry ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} is missing: the chain goes from entry ${expectedSeq - 1} to entry ${seq}.`,
        });
      }
      if (row.prev_hash !== prevHash) {
        return report({
          kind: 'inserted',
          seq,
          expected: prevHash,
          found: row.prev_hash,
          message: `Entry ${seq} does not link to entry ${seq - 1}: an entry was inserted before it, removed and renumbered, or the order was changed.`,
        });
      }
      const computed = chainHash(prevHash, row.canonical);
      if (computed !== row.hash) {
        return report({
          kind: 'altered',
          seq,
          expected: computed,
          found: row.hash,
          message: `Entry ${seq} was altered: its content no longer matches its hash.`,
        });
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      entries += 1;
    }
    if (rows.length < batchSize) break;
  }
  if (expectedSeq - 1 !== headSeq) {
    return report({
      kind: 'deleted',
      seq: expectedSeq,
      expected: head.hash,
      found: prevHash,
      message: `The chain ends at entry ${expectedSeq - 1} but its head says ${headSeq}: the last entries were deleted.`,
    });
  }
  if (prevHash !== head.hash) {
    return report({
      kind: 'head_mismatch',
      seq: headSeq,
      expected: head.hash,
      found: prevHash,
      message: `The last entry's hash does not match the chain head: entries were replaced.`,
    });
  }
  return report(null);
}
