/**
 * Reading and verifying the audit log. Entries are written by the database (row triggers)
 * and by `recordAudit` in the use cases; see src/db/repositories/audit-log.ts.
 */
import {
  type AuditEntry,
  type AuditFilter,
  type ChainReport,
  listAuditEntries,
  verifyAuditChain,
} from '../../db/repositories/audit-log.js';
import { inScope } from '../../db/tenancy.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';

export interface AuditPage {
  items: AuditEntry[];
  /** The seq to pass as `beforeSeq` for the next (older) page; null at the end. */
  nextBeforeSeq: number | null;
}

export function createAuditService(deps: ServiceDeps) {
  const { database } = deps;

  /** Newest first. A seller sees only entries about its own account; naming another is not found. */
  async function list(actor: Actor, filter: AuditFilter): Promise<Result<AuditPage, AppError>> {
    if (actor.accountId && filter.accountId && filter.accountId !== actor.accountId) {
      return err(appError('not_found', 'Account not found.'));
    }
    const scope = scopeOf(actor);
    const rows = await inScope(database.db, scope, (tx) => listAuditEntries(tx, scope, { ...filter, limit: filter.limit + 1 }));
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return ok({ items, nextBeforeSeq: rows.length > filter.limit && last ? last.seq : null });
  }

  /** Walks the whole chain; provider staff and provider auditors only (a seller sees part of it). */
  async function verify(actor: Actor): Promise<Result<ChainReport, AppError>> {
    if (actor.accountId) return err(appError('forbidden', 'Verifying the whole audit chain is for the provider’s staff and auditors.'));
    return ok(await inScope(database.db, scopeOf(actor), (tx) => verifyAuditChain(tx)));
  }

  return { list, verify };
}

export type AuditService = ReturnType<typeof createAuditService>;
