/**
 * Allocation: reserve stock for an order, release it on cancel, and the pick and ship
 * movements that follow. The reservation itself is one call to the database function
 * `landed_allocate` (migrations/0005): it locks the candidate lots, plans (nearest warehouse,
 * then stock level, lots FIFO) and writes allocations, ledger rows and the outbox at once.
 * Idempotent per (account, reference): the same reference again gets the first answer.
 */
import { sql } from 'drizzle-orm';
import { type CandidateWarehouse, rankWarehouses, validateAllocationInput } from '../../domain/inventory/allocation.js';
import type { MovementInput } from '../../domain/inventory/movements.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { isUuid } from '../../domain/shared/ids.js';
import { assertNever, err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { postMovements } from '../../db/repositories/inventory-ledger.js';
import { systemLocation } from '../../db/repositories/locations.js';
import { literal, selectInScope } from '../../db/scoped-statement.js';
import { inScope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { resolveAccount } from '../skus.js';
import { createBatcher } from './allocation-batcher.js';
import { asResult } from './common.js';

export interface AllocateLineInput {
  skuId?: string;
  sellerSku?: string;
  quantity: number;
}

export interface AllocateInput {
  /** Staff name the account; a seller's own account is implied. */
  accountId?: string;
  /** The order's reference, unique per account; the idempotency key. */
  reference: string;
  lines: AllocateLineInput[];
  shipToZip?: string | null;
  allowSplit?: boolean;
  /** Limit the choice to these warehouses (each must be granted to the account). */
  warehouseIds?: string[];
}

export interface AllocatedPiece {
  warehouseId: string;
  warehouseCode: string;
  lotId: string;
  quantity: number;
}

export interface AllocationAnswer {
  accountId: string;
  reference: string;
  status: 'allocated' | 'released';
  /** True when this reference had been answered before and nothing new was reserved. */
  replayed: boolean;
  allowSplit: boolean;
  lines: { lineNo: number; skuId: string; sellerSku: string; quantity: number; allocations: AllocatedPiece[] }[];
}

export interface AllocationRecord {
  accountId: string;
  reference: string;
  status: 'allocated' | 'short' | 'released';
  createdAt: Date;
  updatedAt: Date;
  rows: {
    id: string;
    lineNo: number;
    skuId: string;
    sellerSku: string;
    warehouseId: string;
    warehouseCode: string;
    lotId: string;
    lotCode: string;
    receivedOn: string | null;
    quantity: number;
    status: string;
  }[];
}

export interface PickedPiece {
  lotId: string;
  skuId: string;
  warehouseId: string;
  fromLocationId: string;
  fromLocationCode: string;
  quantity: number;
}

interface Context {
  account_status: string | null;
  skus: { id: string; seller_sku: string; status: string }[];
  warehouses: { id: string; code: string; postal_code: string; kind: string; status: string }[];
}

interface DbAnswer {
  status: 'allocated' | 'short' | 'released' | 'conflict';
  reference: string;
  allow_split?: boolean;
  request?: { line_no: number; sku_id: string; quantity: number }[];
  allocations?: { line_no: number; sku_id: string; warehouse_id: string; lot_id: string; quantity: number }[];
  released?: { line_no: number; sku_id: string; warehouse_id: string; lot_id: string; quantity: number }[];
  lines?: {
    line_no: number;
    sku_id: string;
    requested: number;
    available: number;
    by_warehouse: { warehouse_id: string; available: number }[];
  }[];
  replayed?: boolean;
  names?: { skus: Record<string, string> | null; warehouses: Record<string, string> | null };
}

/** One request as landed_allocate_batch reads it. */
interface BatchRequest {
  account_id: string;
  reference: string;
  lines: ({ sku_id: string; quantity: number } | { seller_sku: string | undefined; quantity: number })[];
  zones: Record<string, number>;
  only: string[] | null;
  allow_split: boolean;
  user_id: string | null;
  at: string;
}

interface RequestError {
  status: 'error';
  code: 'not_found' | 'archived' | 'unknown_sku' | 'warehouse_not_allowed' | 'no_warehouse';
  details?: { index: number; field?: string; value: string }[];
}

export function createAllocationService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;
  const batcher = createBatcher<BatchRequest, DbAnswer | RequestError>(
    (key, requests) =>
      selectInScope<(DbAnswer | RequestError)[]>(
        database,
        key === 'provider' ? { kind: 'provider' } : { kind: 'seller', accountId: key.slice('seller:'.length) },
        `landed_allocate_batch(${literal(JSON.stringify(requests))}::jsonb)`,
      ),
    { maxBatch: 32, maxInFlight: 4 },
  );

  /** Loads the account, the SKUs named by the lines and the account's warehouses in one query. */
  async function loadContext(tx: Executor, accountId: string, lines: AllocateLineInput[]): Promise<Context> {
    const skuIds = lines.flatMap((l) => (l.skuId ? [l.skuId] : []));
    const names = lines.flatMap((l) => (l.sellerSku ? [l.sellerSku.trim().toLowerCase()] : []));
    const [row] = await selectRows<Context>(
      tx,
      sql`SELECT
        (SELECT status FROM accounts WHERE id = ${accountId}) AS account_status,
        coalesce((SELECT json_agg(json_build_object('id', s.id, 'seller_sku', s.seller_sku, 'status', s.status))
           FROM skus s
          WHERE s.account_id = ${accountId}
            AND (s.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(skuIds)}::jsonb)::uuid)
              OR lower(s.seller_sku) IN (SELECT jsonb_array_elements_text(${JSON.stringify(names)}::jsonb)))), '[]') AS skus,
        coalesce((SELECT json_agg(json_build_object('id', w.id, 'code', w.code, 'postal_code', w.postal_code, 'kind', w.kind, 'status', w.status)
                   ORDER BY w.code)
           FROM account_warehouses aw JOIN warehouses w ON w.id = aw.warehouse_id
          WHERE aw.account_id = ${accountId}), '[]') AS warehouses`,
    );
    return row as Context;
  }

  /** US fulfilment warehouses and their ZIPs, for zoning (reference data; refreshed every minute). */
  let zoneCache: { loadedAt: number; rows: CandidateWarehouse[] } | null = null;
  async function fulfilmentWarehouses(): Promise<CandidateWarehouse[]> {
    const now = clock.now().getTime();
    if (zoneCache && now - zoneCache.loadedAt < 60_000) return zoneCache.rows;
    const rows = await inScope(database.db, { kind: 'provider' }, (tx) =>
      selectRows<{ id: string; code: string; postal_code: string }>(
        tx,
        sql`SELECT id, code, postal_code FROM warehouses WHERE kind = 'us_fulfilment' AND status = 'active' ORDER BY code`,
      ),
    );
    zoneCache = { loadedAt: now, rows: rows.map((r) => ({ id: r.id, code: r.code, postalCode: r.postal_code })) };
    return zoneCache.rows;
  }

  /**
   * Reserves the order's lines, or answers why not (nothing reserved). One message to the
   * database: scope + landed_allocate_request, which resolves the SKUs and warehouses, locks,
   * plans and writes (migrations/0005_allocation_2_one_round_trip.sql).
   */
  async function allocate(actor: Actor, input: AllocateInput): Promise<Result<AllocationAnswer, AppError>> {
    const problems = validateAllocationInput(input);
    input.lines.forEach((line, i) => {
      if (!line.skuId === !line.sellerSku)
        problems.push({ path: ['lines', i], code: 'sku_required', message: 'Give either sku_id or seller_sku for each line.' });
      else if (line.skuId && !isUuid(line.skuId))
        problems.push({ path: ['lines', i, 'sku_id'], code: 'invalid_format', message: 'sku_id is a UUID.' });
      else if (line.sellerSku !== undefined && (line.sellerSku.trim() === '' || line.sellerSku.length > 200))
        problems.push({ path: ['lines', i, 'seller_sku'], code: 'invalid_format', message: 'seller_sku is 1–200 characters.' });
    });
    (input.warehouseIds ?? []).forEach((id, i) => {
      if (!isUuid(id)) problems.push({ path: ['warehouse_ids', i], code: 'invalid_format', message: 'A warehouse id is a UUID.' });
    });
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid allocation.', problems));

    // The account: a seller's own (naming another one is "not found"); staff must name one.
    const accountId = input.accountId ?? actor.accountId;
    if (!accountId)
      return err(
        appError('validation_failed', 'Choose the seller account.', [
          { path: ['account_id'], code: 'required', message: 'account_id is required for provider staff.' },
        ]),
      );
    if ((actor.accountId && accountId !== actor.accountId) || !isUuid(accountId)) return err(appError('not_found', 'Account not found.'));

    let zones: Record<string, number> = {};
    if (input.shipToZip) {
      const ranked = rankWarehouses(await fulfilmentWarehouses(), input.shipToZip);
      if (!ranked.ok) return err(appError('validation_failed', ranked.error.message, [ranked.error]));
      zones = Object.fromEntries(ranked.value.map((w) => [w.id, w.zone]));
    }
    const request: BatchRequest = {
      account_id: accountId,
      reference: input.reference,
      lines: input.lines.map((l) =>
        l.skuId ? { sku_id: l.skuId, quantity: l.quantity } : { seller_sku: l.sellerSku?.trim(), quantity: l.quantity },
      ),
      zones,
      only: input.warehouseIds && input.warehouseIds.length > 0 ? input.warehouseIds : null,
      allow_split: input.allowSplit ?? false,
      user_id: actor.userId,
      at: clock.now().toISOString(),
    };
    const scope = scopeOf(actor);
    const answer = await batcher.submit(scope.kind === 'seller' ? `seller:${scope.accountId}` : 'provider', request);
    if (answer.status === 'error') return err(requestError(answer as RequestError, input));
    const names = (answer as DbAnswer).names;
    const context: Context = {
      account_status: 'active',
      skus: Object.entries(names?.skus ?? {}).map(([id, seller_sku]) => ({ id, seller_sku, status: 'active' })),
      warehouses: Object.entries(names?.warehouses ?? {}).map(([id, code]) => ({
        id,
        code,
        postal_code: '',
        kind: 'us_fulfilment',
        status: 'active',
      })),
    };
    return toAnswer(answer as DbAnswer, accountId, context, input.lines);
  }

  /** Gives back an order's reserved stock. Releasing again answers the first release. */
  async function release(actor: Actor, input: { accountId?: string; reference: string }): Promise<Result<AllocationAnswer, AppError>> {
    const scope = scopeOf(actor);
    const at = clock.now();
    return asResult(() =>
      inScope(database.db, scope, async (tx) => {
        const target = await resolveAccount(tx, actor, scope, input.accountId);
        if (!target.ok) return target;
        const accountId = target.value;
        const [row] = await selectRows<{ answer: DbAnswer | null }>(
          tx,
          sql`SELECT landed_release(${accountId}::uuid, ${input.reference}, ${actor.userId}::uuid, ${at.toISOString()}::timestamptz) AS answer`,
        );
        const answer = row?.answer;
        if (!answer) return err(appError('not_found', `No allocation with reference ${input.reference}.`));
        if (answer.status === ('invalid_state' as string))
          return err(
            appError('invalid_state', `Allocation ${input.reference} is being picked or was shipped; it can no longer be released.`),
          );
        const context = await loadContext(
          tx,
          accountId,
          (answer.request ?? []).map((l) => ({ skuId: l.sku_id, quantity: l.quantity })),
        );
        return toAnswer(answer, accountId, context, []);
      }),
    );
  }

  /** The allocation rows of one reference, with lot and warehouse codes. */
  async function get(actor: Actor, input: { accountId?: string; reference: string }): Promise<Result<AllocationRecord, AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const target = await resolveAccount(tx, actor, scope, input.accountId);
      if (!target.ok) return target;
      const [request] = await selectRows<{ status: AllocationRecord['status']; created_at: Date | string; updated_at: Date | string }>(
        tx,
        sql`SELECT status, created_at, updated_at FROM allocation_requests WHERE account_id = ${target.value} AND reference = ${input.reference}`,
      );
      if (!request) return err(appError('not_found', `No allocation with reference ${input.reference}.`));
      const rows = await selectRows<Record<string, unknown>>(
        tx,
        sql`SELECT a.id, a.line_no, a.sku_id, s.seller_sku, a.warehouse_id, w.code AS warehouse_code, a.lot_id, l.code AS lot_code,
                   l.received_on, a.quantity, a.status
              FROM allocations a
              JOIN skus s ON s.id = a.sku_id
              JOIN warehouses w ON w.id = a.warehouse_id
              JOIN inventory_lots l ON l.id = a.lot_id
             WHERE a.account_id = ${target.value} AND a.reference = ${input.reference}
             ORDER BY a.line_no, a.id`,
      );
      return ok({
        accountId: target.value,
        reference: input.reference,
        status: request.status,
        createdAt: new Date(request.created_at),
        updatedAt: new Date(request.updated_at),
        rows: rows.map((r) => ({
          id: r.id as string,
          lineNo: Number(r.line_no),
          skuId: r.sku_id as string,
          sellerSku: r.seller_sku as string,
          warehouseId: r.warehouse_id as string,
          warehouseCode: r.warehouse_code as string,
          lotId: r.lot_id as string,
          lotCode: r.lot_code as string,
          receivedOn: r.received_on
            ? String(r.received_on instanceof Date ? r.received_on.toISOString() : r.received_on).slice(0, 10)
            : null,
          quantity: Number(r.quantity),
          status: r.status as string,
        })),
      });
    });
  }

  /**
   * Picks an order's allocated units: from the lot's storage locations (shelves and bins
   * first, units still at receiving last) to the warehouse's OUTBOUND location. For the
   * orders module; not exposed as a route yet.
   */
  async function pick(actor: Actor, input: { accountId?: string; reference: string }): Promise<Result<PickedPiece[], AppError>> {
    const scope = scopeOf(actor);
    const at = clock.now();
    return asResult(() =>
      inScope(database.db, scope, async (tx) => {
        const target = await resolveAccount(tx, actor, scope, input.accountId);
        if (!target.ok) return target;
        const accountId = target.value;
        const open = await lockOpenAllocations(tx, accountId, input.reference);
        if (!open.ok) return open;
        const toPick = open.value.filter((a) => a.status === 'allocated');
        if (toPick.length === 0) return err(appError('invalid_state', `Nothing left to pick for ${input.reference}.`));
        const located = await selectRows<{ lot_id: string; location_id: string; code: string; quantity: number }>(
          tx,
          sql`SELECT ls.lot_id, ls.location_id, loc.code, ls.quantity
                FROM location_stock ls JOIN locations loc ON loc.id = ls.location_id
               WHERE ls.lot_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(toPick.map((a) => a.lot_id))}::jsonb)::uuid)
                 AND ls.quantity > 0 AND loc.location_type IN ('bin', 'shelf', 'pallet', 'floor', 'staging')
               ORDER BY (loc.location_type = 'staging'), ls.quantity DESC, loc.code`,
        );
        const remaining = new Map(located.map((l) => [`${l.lot_id}:${l.location_id}`, Number(l.quantity)]));
        const movements: MovementInput[] = [];
        const picked: PickedPiece[] = [];
        const outbound = new Map<string, string>();
        for (const allocation of toPick) {
          let left = allocation.quantity;
          let out = outbound.get(allocation.warehouse_id);
          if (!out) {
            out = (await systemLocation(tx, allocation.warehouse_id, 'outbound', ids)).id;
            outbound.set(allocation.warehouse_id, out);
          }
          for (const place of located) {
            if (left === 0) break;
            const key = `${place.lot_id}:${place.location_id}`;
            const here = remaining.get(key) ?? 0;
            if (place.lot_id !== allocation.lot_id || here <= 0) continue;
            const take = Math.min(left, here);
            remaining.set(key, here - take);
            left -= take;
            const base = {
              accountId,
              skuId: allocation.sku_id,
              warehouseId: allocation.warehouse_id,
              lotId: allocation.lot_id,
              movement: 'pick' as const,
              sourceType: 'allocation',
              sourceId: input.reference,
              userId: actor.userId,
            };
            movements.push(
              { ...base, locationId: place.location_id, locationDelta: -take },
              { ...base, locationId: out, locationDelta: take },
            );
            picked.push({
              lotId: allocation.lot_id,
              skuId: allocation.sku_id,
              warehouseId: allocation.warehouse_id,
              fromLocationId: place.location_id,
              fromLocationCode: place.code,
              quantity: take,
            });
          }
          if (left > 0)
            return err(
              appError(
                'insufficient_stock',
                `Lot ${allocation.lot_id} has ${allocation.quantity - left} units on shelves for ${allocation.quantity} allocated.`,
              ),
            );
        }
        await postMovements(tx, ids, at, movements);
        await tx.execute(
          sql`UPDATE allocations SET status = 'picked', updated_at = ${at.toISOString()}
               WHERE account_id = ${accountId} AND reference = ${input.reference} AND status = 'allocated'`,
        );
        return ok(picked);
      }),
    );
  }

  /** Ships picked units: they leave on hand, allocated and the OUTBOUND location together. */
  async function ship(actor: Actor, input: { accountId?: string; reference: string }): Promise<Result<{ shippedUnits: number }, AppError>> {
    const scope = scopeOf(actor);
    const at = clock.now();
    return asResult(() =>
      inScope(database.db, scope, async (tx) => {
        const target = await resolveAccount(tx, actor, scope, input.accountId);
        if (!target.ok) return target;
        const accountId = target.value;
        const open = await lockOpenAllocations(tx, accountId, input.reference);
        if (!open.ok) return open;
        if (open.value.some((a) => a.status === 'allocated'))
          return err(appError('invalid_state', `Pick every line of ${input.reference} before shipping it.`));
        const toShip = open.value.filter((a) => a.status === 'picked');
        if (toShip.length === 0) return err(appError('invalid_state', `Nothing picked to ship for ${input.reference}.`));
        const movements: MovementInput[] = [];
        for (const a of toShip) {
          const out = await systemLocation(tx, a.warehouse_id, 'outbound', ids);
          movements.push({
            accountId,
            skuId: a.sku_id,
            warehouseId: a.warehouse_id,
            lotId: a.lot_id,
            movement: 'ship',
            onHandDelta: -a.quantity,
            allocatedDelta: -a.quantity,
            locationId: out.id,
            locationDelta: -a.quantity,
            sourceType: 'allocation',
            sourceId: input.reference,
            userId: actor.userId,
          });
        }
        await postMovements(tx, ids, at, movements);
        await tx.execute(
          sql`UPDATE allocations SET status = 'shipped', updated_at = ${at.toISOString()}
               WHERE account_id = ${accountId} AND reference = ${input.reference} AND status = 'picked'`,
        );
        return ok({ shippedUnits: toShip.reduce((sum, a) => sum + a.quantity, 0) });
      }),
    );
  }

  return { allocate, release, get, pick, ship };
}

export type AllocationService = ReturnType<typeof createAllocationService>;

type OpenAllocation = { id: string; sku_id: string; warehouse_id: string; lot_id: string; quantity: number; status: string };

/** Locks the request (one picker or shipper at a time) and returns its allocations not yet released. */
async function lockOpenAllocations(tx: Executor, accountId: string, reference: string): Promise<Result<OpenAllocation[], AppError>> {
  const [request] = await selectRows<{ status: string }>(
    tx,
    sql`SELECT status FROM allocation_requests WHERE account_id = ${accountId} AND reference = ${reference} FOR UPDATE`,
  );
  if (!request) return err(appError('not_found', `No allocation with reference ${reference}.`));
  if (request.status !== 'allocated') return err(appError('invalid_state', `Allocation ${reference} is ${request.status}.`));
  const rows = await selectRows<OpenAllocation>(
    tx,
    sql`SELECT id, sku_id, warehouse_id, lot_id, quantity, status FROM allocations
         WHERE account_id = ${accountId} AND reference = ${reference} AND status IN ('allocated', 'picked')
         ORDER BY lot_id, id`,
  );
  return ok(rows.map((r) => ({ ...r, quantity: Number(r.quantity) })));
}

/** The function's refusals before planning, located in the request. */
function requestError(e: RequestError, input: AllocateInput): AppError {
  switch (e.code) {
    case 'not_found':
      return appError('not_found', 'Account not found.');
    case 'archived':
      return appError('archived', 'This account is archived.');
    case 'unknown_sku': {
      const details: ErrorDetail[] = (e.details ?? []).map((d) => ({
        path: ['lines', d.index, d.field ?? 'sku_id'],
        code: 'unknown_sku',
        message: `Line ${d.index + 1}: no SKU ${d.value} in this account.`,
        messages: { en: `Line ${d.index + 1}: unknown SKU ${d.value}.`, zh: `第 ${d.index + 1} 行：该账户没有 SKU ${d.value}。` },
      }));
      return appError('validation_failed', details[0]?.message ?? 'Unknown SKU.', details);
    }
    case 'warehouse_not_allowed': {
      const details: ErrorDetail[] = (e.details ?? []).map((d) => ({
        path: ['warehouse_ids', d.index],
        code: 'warehouse_not_allowed',
        message: `Warehouse ${input.warehouseIds?.[d.index] ?? d.value} is not a US fulfilment warehouse granted to this account.`,
      }));
      return appError('warehouse_not_allowed', details[0]?.message ?? 'Warehouse not allowed.', details);
    }
    case 'no_warehouse':
      return appError('warehouse_not_allowed', 'This account has no US fulfilment warehouse to ship from; ask the warehouse to grant one.');
    default:
      return assertNever(e.code);
  }
}

function toAnswer(answer: DbAnswer, accountId: string, context: Context, input: AllocateLineInput[]): Result<AllocationAnswer, AppError> {
  const skuName = new Map(context.skus.map((s) => [s.id, s.seller_sku]));
  const warehouseCode = new Map(context.warehouses.map((w) => [w.id, w.code]));
  if (answer.status === 'conflict')
    return err(
      appError('conflict', `Reference ${answer.reference} was already used for different lines; use a new reference for a new order.`, [
        { path: ['reference'], code: 'reference_reused', message: 'This reference was allocated with other lines or quantities.' },
      ]),
    );
  if (answer.status === 'short') {
    const details: ErrorDetail[] = [];
    const lines = answer.lines ?? [];
    const everyLineFits = lines.every((l) => l.available >= l.requested);
    for (const line of lines) {
      const where = line.by_warehouse.map((b) => `${warehouseCode.get(b.warehouse_id) ?? b.warehouse_id} ${b.available}`).join(', ');
      const name = skuName.get(line.sku_id) ?? line.sku_id;
      const field = input[line.line_no - 1]?.sellerSku ? 'seller_sku' : 'sku_id';
      if (line.available < line.requested)
        details.push({
          path: ['lines', line.line_no - 1, 'quantity'],
          field,
          code: 'insufficient_stock',
          message: `Line ${line.line_no} (${name}): ${line.requested} requested, ${line.available} available${where ? ` (${where})` : ''}.`,
          messages: {
            en: `Line ${line.line_no} (${name}): ${line.requested} requested, ${line.available} available${where ? ` (${where})` : ''}.`,
            zh: `第 ${line.line_no} 行（${name}）：需要 ${line.requested}，可用 ${line.available}${where ? `（${where}）` : ''}。`,
          },
        });
    }
    if (everyLineFits)
      details.push({
        path: ['allow_split'],
        code: 'split_needed',
        message: 'No single warehouse holds the whole order; allow a split to ship it from several.',
        messages: {
          en: 'No single warehouse holds the whole order; allow a split to ship it from several.',
          zh: '没有一个仓库能备齐整单；允许拆单即可从多个仓库发货。',
        },
      });
    return err(appError('insufficient_stock', details[0]?.message ?? 'Not enough stock; nothing was reserved.', details));
  }
  const pieces = answer.status === 'released' ? (answer.released ?? []) : (answer.allocations ?? []);
  const lines = (answer.request ?? []).map((l) => ({
    lineNo: l.line_no,
    skuId: l.sku_id,
    sellerSku: skuName.get(l.sku_id) ?? '',
    quantity: l.quantity,
    allocations: pieces
      .filter((p) => p.line_no === l.line_no)
      .map((p) => ({
        warehouseId: p.warehouse_id,
        warehouseCode: warehouseCode.get(p.warehouse_id) ?? '',
        lotId: p.lot_id,
        quantity: p.quantity,
      })),
  }));
  return ok({
    accountId,
    reference: answer.reference,
    status: answer.status,
    replayed: answer.replayed ?? false,
    allowSplit: answer.allow_split ?? false,
    lines,
  });
}
