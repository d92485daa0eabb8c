/**
 * The only way stock changes: append rows to inventory_ledger. The database trigger applies
 * each row to its lot's buckets and to location_stock in the same statement, and refuses
 * (SQLSTATE LD001 / LD002) any row that would take a bucket below zero or allocate more than
 * is on hand. That refusal becomes an `insufficient_stock` AppFailure here; the enclosing
 * transaction rolls back, so a refused batch leaves nothing behind.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type MovementInput, movesAvailability, validateMovement } from '../../domain/inventory/movements.js';
import { AppFailure, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import type { IdGenerator } from '../../domain/shared/ids.js';
import { type Executor, selectRows } from '../connect.js';
import { pgConstraint, pgErrorCode } from '../errors.js';
import type { inventoryLots } from '../schema.js';

export type LotRow = typeof inventoryLots.$inferSelect;

export const LEDGER_INSUFFICIENT_STOCK = 'LD001';
export const LEDGER_INSUFFICIENT_LOCATION = 'LD002';
export const LEDGER_APPEND_ONLY = 'LD003';
const PG_CHECK_VIOLATION = '23514';

/**
 * Appends movements in one multi-row INSERT, plus one `availability_changed` outbox row per
 * (account, SKU) whose on-hand, allocated or damaged units moved — one round trip in all.
 * Throws AppFailure('validation_failed') for a malformed movement (a bug in the caller) and
 * AppFailure('insufficient_stock') when the database refuses a row.
 *
 * @example await postMovements(tx, ids, clock.now(), [{ accountId, skuId, warehouseId, lotId,
 *   movement: 'allocate', allocatedDelta: 2, sourceType: 'allocation', sourceId: 'SO-1001' }])
 */
export async function postMovements(tx: Executor, ids: IdGenerator, at: Date, entries: MovementInput[]): Promise<void> {
  if (entries.length === 0) return;
  const problems: ErrorDetail[] = [];
  entries.forEach((entry, i) => {
    for (const problem of validateMovement(entry)) problems.push({ ...problem, path: ['movements', i, ...(problem.path ?? [])] });
  });
  if (problems.length > 0) throw new AppFailure(appError('validation_failed', 'A stock movement is not well formed.', problems));

  // Bound parameters are limited (65,535): a large batch goes in chunks, the outbox with the last.
  for (let start = 0; start + CHUNK < entries.length; start += CHUNK)
    await insertLedgerRows(tx, ids, at, entries.slice(start, start + CHUNK), []);
  const tail = entries.slice(Math.floor((entries.length - 1) / CHUNK) * CHUNK);
  const changed = new Map<string, { accountId: string; skuId: string }>();
  for (const e of entries) if (movesAvailability(e)) changed.set(`${e.accountId}:${e.skuId}`, { accountId: e.accountId, skuId: e.skuId });
  await insertLedgerRows(tx, ids, at, tail, [...changed.values()]);
}

const CHUNK = 2000;

async function insertLedgerRows(
  tx: Executor,
  ids: IdGenerator,
  at: Date,
  entries: MovementInput[],
  changed: { accountId: string; skuId: string }[],
): Promise<void> {
  const rows = entries.map(
    (e) =>
      sql`(${ids.next()}, ${e.accountId}, ${e.skuId}, ${e.warehouseId}, ${e.lotId}, ${e.movement}, ${e.inboundDelta ?? 0}, ${e.onHandDelta ?? 0},
        ${e.allocatedDelta ?? 0}, ${e.damagedDelta ?? 0}, ${e.locationId ?? null}, ${e.locationDelta ?? 0}, ${e.reasonCode ?? null},
        ${e.note ?? null}, ${e.sourceType}, ${e.sourceId}, ${e.userId ?? null}, ${at.toISOString()})`,
  );
  const insertLedger = sql`INSERT INTO inventory_ledger (id, account_id, sku_id, warehouse_id, lot_id, movement, inbound_delta, on_hand_delta,
      allocated_delta, damaged_delta, location_id, location_delta, reason_code, note, source_type, source_id, user_id, created_at)
    VALUES ${sql.join(rows, sql`, `)}`;
  let statement: SQL = insertLedger;
  if (changed.length > 0) {
    const outbox = changed.map((c) => sql`(${c.accountId}, ${c.skuId}, 'availability_changed', ${at.toISOString()})`);
    // A data-modifying CTE runs to completion even though the outer statement does not read it.
    statement = sql`WITH ledger AS (${insertLedger} RETURNING 1)
      INSERT INTO inventory_outbox (account_id, sku_id, kind, created_at) VALUES ${sql.join(outbox, sql`, `)}`;
  }
  try {
    await tx.execute(statement);
  } catch (error) {
    throw ledgerFailure(error) ?? error;
  }
}

/**
 * Turns the ledger trigger's refusals into `insufficient_stock`; anything else is left alone.
 * The trigger puts the lot and its buckets in the error's DETAIL (JSON, migrations/0005).
 */
export function ledgerFailure(error: unknown): AppFailure | null {
  let code = pgErrorCode(error);
  // Databases migrated before 0005 can still report location_stock's own CHECK.
  if (code === PG_CHECK_VIOLATION && pgConstraint(error) === 'location_stock_quantity_check') code = LEDGER_INSUFFICIENT_LOCATION;
  if (code !== LEDGER_INSUFFICIENT_STOCK && code !== LEDGER_INSUFFICIENT_LOCATION) return null;
  const found = driverError(error);
  const info = parseDetail(found?.detail);
  let detail: ErrorDetail;
  if (code === LEDGER_INSUFFICIENT_STOCK && info) {
    const asked = [
      info.on_hand_delta ? `on hand ${signed(info.on_hand_delta)}` : '',
      info.allocated_delta ? `allocated ${signed(info.allocated_delta)}` : '',
      info.damaged_delta ? `damaged ${signed(info.damaged_delta)}` : '',
      info.inbound_delta ? `inbound ${signed(info.inbound_delta)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const available = Number(info.on_hand) - Number(info.allocated);
    const en = `Lot ${info.lot_code}: on hand ${info.on_hand}, allocated ${info.allocated} (available ${available}), damaged ${info.damaged}, inbound ${info.inbound}; ${info.movement} (${asked}) would take a bucket below zero.`;
    const zh = `批次 ${info.lot_code}：在库 ${info.on_hand}，已分配 ${info.allocated}（可用 ${available}），残损 ${info.damaged}，在途 ${info.inbound}；此次${info.movement}（${asked}）会使库存为负。`;
    detail = { code: 'insufficient_stock', field: String(info.lot_id), message: en, messages: { en, zh } };
  } else if (code === LEDGER_INSUFFICIENT_LOCATION && info) {
    const en = `Lot ${info.lot_code} has ${info.held} units at that location; ${-Number(info.location_delta)} cannot leave it.`;
    const zh = `批次 ${info.lot_code} 在该库位只有 ${info.held} 件，无法移出 ${-Number(info.location_delta)} 件。`;
    detail = { code: 'insufficient_location_stock', field: String(info.location_id), message: en, messages: { en, zh } };
  } else {
    const message = found?.message ?? 'insufficient stock';
    detail = {
      code: code === LEDGER_INSUFFICIENT_STOCK ? 'insufficient_stock' : 'insufficient_location_stock',
      message,
      messages: { en: message, zh: '库存不足，无法完成此操作。' },
    };
  }
  return new AppFailure(appError('insufficient_stock', 'Not enough stock for this operation; nothing was changed.', [detail]));
}

const signed = (n: unknown) => (Number(n) > 0 ? `+${n}` : String(n));

function parseDetail(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string') return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The driver's error (node-postgres or PGlite) inside Drizzle's wrapper. */
function driverError(error: unknown): { message?: string; detail?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === LEDGER_INSUFFICIENT_STOCK || code === LEDGER_INSUFFICIENT_LOCATION || code === PG_CHECK_VIOLATION)
      return current as { message?: string; detail?: string };
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export interface NewLotInput {
  accountId: string;
  skuId: string;
  warehouseId: string;
  /** Unique per account (case-insensitive); made from the received date and the id when absent. */
  code?: string;
  sourceType: 'inbound' | 'return' | 'transfer' | 'adjustment' | 'kit_build' | 'count';
  sourceId?: string | null;
  /** YYYY-MM-DD; null until the first units arrive (an ASN's lot is made when it is submitted). */
  receivedOn?: string | null;
}

/**
 * Creates an empty lot; units arrive through postMovements.
 * @example const lot = await createLot(tx, ids, { accountId, skuId, warehouseId, sourceType: 'inbound', sourceId: plan.id })
 */
export async function createLot(tx: Executor, ids: IdGenerator, input: NewLotInput): Promise<LotRow> {
  const id = ids.next();
  const code = input.code ?? defaultLotCode(id, input.receivedOn ?? null);
  const [row] = await selectRows<Record<string, unknown>>(
    tx,
    sql`INSERT INTO inventory_lots (id, account_id, sku_id, warehouse_id, code, source_type, source_id, received_on, created_at, updated_at)
        VALUES (${id}, ${input.accountId}, ${input.skuId}, ${input.warehouseId}, ${code}, ${input.sourceType}, ${input.sourceId ?? null},
          ${input.receivedOn ?? null}, now(), now())
        RETURNING *`,
  );
  return toLotRow(row as Record<string, unknown>);
}

/** L-260415-3F9A0C21: the received date (or "PENDING") and 8 hex digits of the lot's id. */
export function defaultLotCode(id: string, receivedOn: string | null): string {
  const date = receivedOn ? receivedOn.slice(2).replaceAll('-', '') : 'PENDING';
  return `L-${date}-${id.replaceAll('-', '').slice(-8).toUpperCase()}`;
}

export function toLotRow(row: Record<string, unknown>): LotRow {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    skuId: row.sku_id as string,
    warehouseId: row.warehouse_id as string,
    code: row.code as string,
    sourceType: row.source_type as string,
    sourceId: (row.source_id as string | null) ?? null,
    receivedOn: toIsoDate(row.received_on),
    inbound: Number(row.inbound),
    onHand: Number(row.on_hand),
    allocated: Number(row.allocated),
    damaged: Number(row.damaged),
    createdAt: new Date(row.created_at as string | Date),
    updatedAt: new Date(row.updated_at as string | Date),
  };
}

/** Drivers return `date` columns as strings (node-postgres) or Date objects (PGlite). */
export function toIsoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/**
 * The next gap-free number of a document sequence (1, 2, …). The row stays locked until the
 * transaction ends, so a rolled-back document gives its number back.
 * @example const n = await nextNumber(tx, 'asn', '2026') // 1 → 'ASN-2026-000001'
 */
export async function nextNumber(tx: Executor, kind: string, scope: string): Promise<number> {
  const [row] = await selectRows<{ value: string | number }>(
    tx,
    sql`INSERT INTO number_sequences AS s (kind, scope, next_value) VALUES (${kind}, ${scope}, 2)
        ON CONFLICT (kind, scope) DO UPDATE SET next_value = s.next_value + 1
        RETURNING s.next_value - 1 AS value`,
  );
  return Number(row?.value);
}

export interface BillableEventInput {
  accountId: string;
  /** e.g. 'receiving_unit', 'storage_lot_day', 'adjustment', 'transfer_out'; docs/billable-events.md lists them. */
  kind: string;
  warehouseId?: string | null;
  occurredAt: Date;
  /** A decimal string or a number; stored as numeric(18, 4). */
  quantity: number | string;
  unit: string;
  attributes?: Record<string, unknown>;
  sourceType: string;
  sourceId: string;
  /** Unique per account: a retried operation writes its event once. */
  idempotencyKey: string;
}

/**
 * Writes billable events; one already written (same account and idempotency key) is skipped.
 * @example await recordBillableEvents(tx, ids, now, [{ accountId, kind: 'adjustment', warehouseId, occurredAt: now,
 *   quantity: 3, unit: 'unit', sourceType: 'adjustment', sourceId: id, idempotencyKey: `adjustment:${id}` }])
 */
export async function recordBillableEvents(tx: Executor, ids: IdGenerator, at: Date, events: BillableEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    const rows = events.slice(i, i + 1000).map(
      (e) =>
        sql`(${ids.next()}, ${e.accountId}, ${e.kind}, ${e.warehouseId ?? null}, ${e.occurredAt.toISOString()}, ${String(e.quantity)}, ${e.unit},
            ${JSON.stringify(e.attributes ?? {})}::jsonb, ${e.sourceType}, ${e.sourceId}, ${e.idempotencyKey}, ${at.toISOString()})`,
    );
    await tx.execute(
      sql`INSERT INTO billable_events (id, account_id, kind, warehouse_id, occurred_at, quantity, unit, attributes, source_type, source_id,
            idempotency_key, created_at)
          VALUES ${sql.join(rows, sql`, `)}
          ON CONFLICT (account_id, idempotency_key) DO NOTHING`,
    );
  }
}
