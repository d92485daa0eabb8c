/**
 * Channel availability: per-channel safety buffers and caps over one shared pool per SKU, and
 * the feed of "availability changed" events (inventory_outbox) the channel connectors read to
 * push stock to TikTok Shop, Shopify and the rest. docs/inventory.md has the formula.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  type Channel,
  type ChannelAvailability,
  type ChannelRule,
  CHANNELS,
  channelAvailability,
} from '../../domain/inventory/availability.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { isUuid } from '../../domain/shared/ids.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { encodeCursor } from '../../db/pagination.js';
import { inScope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { resolveAccount } from '../skus.js';

export interface RuleRow extends ChannelRule {
  id: string;
  accountId: string;
  sellerSku: string | null;
  updatedAt: Date;
}

export interface SkuAvailability {
  accountId: string;
  skuId: string;
  sellerSku: string;
  /** On hand − allocated in the account's US fulfilment warehouses. */
  pool: number;
  onHand: number;
  allocated: number;
  channels: ChannelAvailability[];
}

export interface AvailabilityChange extends SkuAvailability {
  seq: number;
  changedAt: Date;
}

export interface SetRuleInput {
  accountId?: string;
  channel: string;
  /** null or absent: the account's default for the channel. */
  skuId?: string | null;
  sellerSku?: string | null;
  safetyBuffer: number;
  cap?: number | null;
}

export function createAvailabilityService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function rulesOf(tx: Executor, accountId: string): Promise<RuleRow[]> {
    const rows = await selectRows<Record<string, unknown>>(
      tx,
      sql`SELECT r.id, r.account_id, r.channel, r.sku_id, s.seller_sku, r.safety_buffer, r.cap, r.updated_at
            FROM channel_stock_rules r LEFT JOIN skus s ON s.id = r.sku_id
           WHERE r.account_id = ${accountId}
           ORDER BY r.channel, s.seller_sku NULLS FIRST`,
    );
    return rows.map((r) => ({
      id: r.id as string,
      accountId: r.account_id as string,
      channel: r.channel as Channel,
      skuId: (r.sku_id as string | null) ?? null,
      sellerSku: (r.seller_sku as string | null) ?? null,
      safetyBuffer: Number(r.safety_buffer),
      cap: r.cap === null || r.cap === undefined ? null : Number(r.cap),
      updatedAt: new Date(r.updated_at as string | Date),
    }));
  }

  async function target(tx: Executor, actor: Actor, requested: string | undefined): Promise<Result<string, AppError>> {
    return resolveAccount(tx, actor, scopeOf(actor), requested);
  }

  async function listRules(actor: Actor, query: { accountId?: string }): Promise<Result<RuleRow[], AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const account = await target(tx, actor, query.accountId);
      if (!account.ok) return account;
      return ok(await rulesOf(tx, account.value));
    });
  }

  /** Creates or replaces the rule for (account, channel, SKU or default). */
  async function setRule(actor: Actor, input: SetRuleInput): Promise<Result<RuleRow, AppError>> {
    const problems: ErrorDetail[] = [];
    if (!(CHANNELS as readonly string[]).includes(input.channel))
      problems.push({ path: ['channel'], code: 'unknown_channel', message: `Channel must be one of ${CHANNELS.join(', ')}.` });
    if (!Number.isInteger(input.safetyBuffer) || input.safetyBuffer < 0 || input.safetyBuffer > 1_000_000)
      problems.push({ path: ['safety_buffer'], code: 'out_of_range', message: 'The safety buffer is a whole number of units, 0 or more.' });
    if (input.cap !== undefined && input.cap !== null && (!Number.isInteger(input.cap) || input.cap < 0 || input.cap > 10_000_000))
      problems.push({ path: ['cap'], code: 'out_of_range', message: 'The cap is a whole number of units, 0 or more (null for none).' });
    if (input.skuId && input.sellerSku)
      problems.push({ path: ['sku_id'], code: 'ambiguous', message: 'Give sku_id or seller_sku, not both.' });
    if (input.skuId && !isUuid(input.skuId)) problems.push({ path: ['sku_id'], code: 'invalid_format', message: 'sku_id is a UUID.' });
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid rule.', problems));
    const at = clock.now();
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const account = await target(tx, actor, input.accountId);
      if (!account.ok) return account;
      let skuId: string | null = null;
      if (input.skuId || input.sellerSku) {
        const [sku] = await selectRows<{ id: string }>(
          tx,
          input.skuId
            ? sql`SELECT id FROM skus WHERE account_id = ${account.value} AND id = ${input.skuId}`
            : sql`SELECT id FROM skus WHERE account_id = ${account.value} AND lower(seller_sku) = lower(${input.sellerSku?.trim() ?? ''})`,
        );
        if (!sku)
          return err(
            appError('validation_failed', 'No such SKU in this account.', [
              { path: [input.skuId ? 'sku_id' : 'seller_sku'], code: 'unknown_sku', message: 'No such SKU in this account.' },
            ]),
          );
        skuId = sku.id;
      }
      const [row] = await selectRows<{ id: string }>(
        tx,
        sql`INSERT INTO channel_stock_rules AS r (id, account_id, channel, sku_id, safety_buffer, cap, updated_at)
            VALUES (${ids.next()}, ${account.value}, ${input.channel}, ${skuId}, ${input.safetyBuffer}, ${input.cap ?? null}, ${at.toISOString()})
            ON CONFLICT (account_id, channel, coalesce(sku_id, '00000000-0000-0000-0000-000000000000'::uuid))
            DO UPDATE SET safety_buffer = EXCLUDED.safety_buffer, cap = EXCLUDED.cap, updated_at = EXCLUDED.updated_at
            RETURNING id`,
      );
      await announce(tx, account.value, skuId, at);
      const rules = await rulesOf(tx, account.value);
      return ok(rules.find((r) => r.id === row?.id) as RuleRow);
    });
  }

  async function deleteRule(actor: Actor, id: string): Promise<Result<RuleRow, AppError>> {
    const at = clock.now();
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const own = scope.kind === 'seller' ? sql`AND account_id = ${scope.accountId}` : sql``;
      const [row] = await selectRows<{ account_id: string; sku_id: string | null }>(
        tx,
        sql`SELECT account_id, sku_id FROM channel_stock_rules WHERE id = ${id} ${own}`,
      );
      if (!row) return err(appError('not_found', 'Rule not found.'));
      const before = (await rulesOf(tx, row.account_id)).find((r) => r.id === id) as RuleRow;
      await tx.execute(sql`DELETE FROM channel_stock_rules WHERE id = ${id}`);
      await announce(tx, row.account_id, row.sku_id, at);
      return ok(before);
    });
  }

  /** A rule change changes what channels show: tell the connectors through the outbox. */
  async function announce(tx: Executor, accountId: string, skuId: string | null, at: Date): Promise<void> {
    await tx.execute(
      skuId
        ? sql`INSERT INTO inventory_outbox (account_id, sku_id, kind, created_at) VALUES (${accountId}, ${skuId}, 'availability_changed', ${at.toISOString()})`
        : sql`INSERT INTO inventory_outbox (account_id, sku_id, kind, created_at)
              SELECT ${accountId}, s.id, 'availability_changed', ${at.toISOString()}
                FROM skus s WHERE s.account_id = ${accountId} AND EXISTS (SELECT 1 FROM inventory_lots l WHERE l.sku_id = s.id)
               ORDER BY s.id`,
    );
  }

  /** Pool per SKU, from the account's granted US fulfilment warehouses. */
  async function pools(
    tx: Executor,
    accountId: string,
    filter: SQL,
    limit: number,
  ): Promise<{ sku_id: string; seller_sku: string; on_hand: number; allocated: number }[]> {
    return selectRows(
      tx,
      sql`SELECT s.id AS sku_id, s.seller_sku, coalesce(p.on_hand, 0)::int AS on_hand, coalesce(p.allocated, 0)::int AS allocated
            FROM skus s
            LEFT JOIN LATERAL (
              SELECT sum(l.on_hand) AS on_hand, sum(l.allocated) AS allocated
                FROM inventory_lots l
                JOIN warehouses w ON w.id = l.warehouse_id AND w.kind = 'us_fulfilment'
                JOIN account_warehouses aw ON aw.account_id = l.account_id AND aw.warehouse_id = l.warehouse_id
               WHERE l.sku_id = s.id
            ) p ON TRUE
           WHERE s.account_id = ${accountId} AND ${filter}
           ORDER BY s.id
           LIMIT ${limit}`,
    );
  }

  function toAvailability(
    accountId: string,
    rules: RuleRow[],
    channels: readonly Channel[],
    row: { sku_id: string; seller_sku: string; on_hand: number; allocated: number },
  ): SkuAvailability {
    const pool = Number(row.on_hand) - Number(row.allocated);
    return {
      accountId,
      skuId: row.sku_id,
      sellerSku: row.seller_sku,
      pool,
      onHand: Number(row.on_hand),
      allocated: Number(row.allocated),
      channels: channelAvailability(pool, row.sku_id, rules, channels),
    };
  }

  /** What each channel may show, per SKU (one SKU, or a page of the catalogue). */
  async function availability(
    actor: Actor,
    query: { accountId?: string; skuId?: string; sellerSku?: string; channel?: Channel; after?: string; limit: number },
  ): Promise<Result<{ items: SkuAvailability[]; nextCursor: string | null }, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const account = await target(tx, actor, query.accountId);
      if (!account.ok) return account;
      const filters: SQL[] = [sql`s.status = 'active'`];
      if (query.skuId) filters.push(sql`s.id = ${query.skuId}`);
      if (query.sellerSku) filters.push(sql`lower(s.seller_sku) = lower(${query.sellerSku})`);
      if (query.after) filters.push(sql`s.id > ${query.after}`);
      const rows = await pools(tx, account.value, sql.join(filters, sql` AND `), query.limit + 1);
      if ((query.skuId || query.sellerSku) && rows.length === 0) return err(appError('not_found', 'SKU not found.'));
      const rules = await rulesOf(tx, account.value);
      const channels = query.channel ? [query.channel] : CHANNELS;
      const items = rows.slice(0, query.limit).map((r) => toAvailability(account.value, rules, channels, r));
      const last = items.at(-1);
      return ok({ items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.skuId) : null });
    });
  }

  /**
   * Availability changes after a sequence number, oldest first, each with the SKU's current
   * numbers (a connector pushes the latest value, so several changes of one SKU in a page are
   * answered with the same numbers). `nextAfter` is what to pass next time.
   */
  async function changes(
    actor: Actor,
    query: { accountId?: string; after: number; limit: number; channel?: Channel },
  ): Promise<Result<{ items: AvailabilityChange[]; nextAfter: number }, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const account = await target(tx, actor, query.accountId);
      if (!account.ok) return account;
      const events = await selectRows<{ seq: number | string; sku_id: string; created_at: string | Date }>(
        tx,
        sql`SELECT seq, sku_id, created_at FROM inventory_outbox WHERE account_id = ${account.value} AND seq > ${query.after}
             ORDER BY seq LIMIT ${query.limit}`,
      );
      if (events.length === 0) return ok({ items: [], nextAfter: query.after });
      const skuIds = [...new Set(events.map((e) => e.sku_id))];
      const rows = await pools(
        tx,
        account.value,
        sql`s.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(skuIds)}::jsonb)::uuid)`,
        skuIds.length,
      );
      const rules = await rulesOf(tx, account.value);
      const channels = query.channel ? [query.channel] : CHANNELS;
      const now = new Map(rows.map((r) => [r.sku_id, toAvailability(account.value, rules, channels, r)]));
      const items = events.flatMap((e) => {
        const current = now.get(e.sku_id);
        return current ? [{ ...current, seq: Number(e.seq), changedAt: new Date(e.created_at) }] : [];
      });
      return ok({ items, nextAfter: Number(events.at(-1)?.seq ?? query.after) });
    });
  }

  return { listRules, setRule, deleteRule, availability, changes };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
