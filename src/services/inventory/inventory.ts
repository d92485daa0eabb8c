/** Reading stock: balances per lot, per SKU, the ledger, and the rebuild check. */
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import type { Page } from '../../db/pagination.js';
import { encodeCursor } from '../../db/pagination.js';
import {
  type LedgerEntry,
  type LedgerFilter,
  type LotBalance,
  listLedger,
  listLotBalances,
  listSkuSummaries,
  type RebuildReport,
  rebuildCheck,
  type SkuSummary,
} from '../../db/repositories/inventory-balances.js';
import { findSku } from '../../db/repositories/skus.js';
import { inScope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { resolveAccount } from '../skus.js';

export interface BalanceQuery {
  accountId?: string;
  skuId?: string;
  warehouseId?: string;
  lotId?: string;
  q?: string;
  includeEmpty?: boolean;
  minAgeDays?: number;
  after?: string;
  limit: number;
}

export interface SkuSummaryQuery {
  accountId?: string;
  q?: string;
  warehouseId?: string;
  inStockOnly?: boolean;
  after?: string;
  limit: number;
}

/** Ledger pages run newest first on `seq`; the cursor carries it. */
export function encodeSeqCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

export function decodeSeqCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^seq:(\d{1,18})$/.exec(text);
  return match ? Number(match[1]) : null;
}

export function createInventoryService(deps: ServiceDeps) {
  const { database, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  /** The account a read is limited to: the seller's own, or the one staff name (or all). */
  async function readAccount(
    tx: Parameters<Parameters<typeof inScope>[2]>[0],
    actor: Actor,
    requested: string | undefined,
  ): Promise<Result<string | null, AppError>> {
    const scope = scopeOf(actor);
    if (!requested) return ok(actor.accountId);
    const target = await resolveAccount(tx, actor, scope, requested);
    return target;
  }

  async function balances(actor: Actor, query: BalanceQuery): Promise<Result<Page<LotBalance>, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const account = await readAccount(tx, actor, query.accountId);
      if (!account.ok) return account;
      const rows = await listLotBalances(tx, { ...query, accountId: account.value, asOf: today() });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return ok({ items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.lotId) : null });
    });
  }

  async function skuSummaries(actor: Actor, query: SkuSummaryQuery): Promise<Result<Page<SkuSummary>, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const account = await readAccount(tx, actor, query.accountId);
      if (!account.ok) return account;
      const rows = await listSkuSummaries(tx, { ...query, accountId: account.value });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return ok({ items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.skuId) : null });
    });
  }

  /** One SKU: totals, per warehouse, and every lot holding something. */
  async function skuDetail(actor: Actor, skuId: string): Promise<Result<{ summary: SkuSummary; lots: LotBalance[] }, AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const sku = await findSku(tx, scope, skuId);
      if (!sku) return err(appError('not_found', 'SKU not found.'));
      const [summary] = await listSkuSummaries(tx, { accountId: sku.accountId, skuId, inStockOnly: false, limit: 1 });
      const lots = await listLotBalances(tx, { accountId: sku.accountId, skuId, asOf: today(), limit: 1000 });
      return ok({ summary: summary as SkuSummary, lots });
    });
  }

  /** Ledger history of a SKU (or one lot of it), newest first. */
  async function ledger(
    actor: Actor,
    query: Omit<LedgerFilter, 'accountId' | 'beforeSeq'> & { cursor?: string; accountId?: string },
  ): Promise<Result<Page<LedgerEntry>, AppError>> {
    let beforeSeq: number | undefined;
    if (query.cursor) {
      const decoded = decodeSeqCursor(query.cursor);
      if (decoded === null)
        return err(
          appError('validation_failed', 'cursor is not valid; pass next_cursor from the previous page.', [
            { path: ['query', 'cursor'], field: 'cursor', code: 'invalid_cursor', message: 'Use next_cursor from the previous page.' },
          ]),
        );
      beforeSeq = decoded;
    }
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      let accountId: string | null = actor.accountId;
      if (query.skuId) {
        const sku = await findSku(tx, scope, query.skuId);
        if (!sku) return err(appError('not_found', 'SKU not found.'));
        accountId = sku.accountId;
      } else {
        const account = await readAccount(tx, actor, query.accountId);
        if (!account.ok) return account;
        accountId = account.value;
      }
      const rows = await listLedger(tx, { ...query, accountId, beforeSeq });
      if (query.lotId && rows.length === 0 && beforeSeq === undefined) {
        const [lot] = await listLotBalances(tx, { accountId, lotId: query.lotId, includeEmpty: true, asOf: today(), limit: 1 });
        if (!lot) return err(appError('not_found', 'Lot not found.'));
      }
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return ok({ items, nextCursor: rows.length > query.limit && last ? encodeSeqCursor(last.seq) : null });
    });
  }

  /** Recomputes balances from the ledger and lists any difference (none is the only right answer). */
  async function rebuild(actor: Actor, query: { accountId?: string }): Promise<Result<RebuildReport, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const account = await readAccount(tx, actor, query.accountId);
      if (!account.ok) return account;
      return ok(await rebuildCheck(tx, account.value));
    });
  }

  return { balances, skuSummaries, skuDetail, ledger, rebuild };
}

export type InventoryService = ReturnType<typeof createInventoryService>;
