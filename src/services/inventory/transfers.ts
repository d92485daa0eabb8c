/**
 * Transfers of an account's stock between warehouses, back to China included:
 * draft → shipped (transfer_out at the source, FIFO; each source lot's units expected on a new
 * lot at the destination that keeps the source lot's received date, so ageing carries on) →
 * received (transfer_in; short, damaged and missing units recorded as discrepancies).
 * Both warehouses must be granted to the account (else warehouse_not_allowed).
 */
import { sql } from 'drizzle-orm';
import type { MovementInput } from '../../domain/inventory/movements.js';
import { type AppError, AppFailure, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { isUuid } from '../../domain/shared/ids.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { createLot, nextNumber, postMovements, recordBillableEvents, toIsoDate } from '../../db/repositories/inventory-ledger.js';
import { systemLocation } from '../../db/repositories/locations.js';
import { encodeCursor } from '../../db/pagination.js';
import { inScope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf, staffScope } from '../context.js';
import { resolveAccount } from '../skus.js';
import { assertWarehouseAllowed, isWarehouseAllowed } from './access.js';
import { asResult } from './common.js';

export type TransferStatus = 'draft' | 'shipped' | 'received' | 'cancelled';

export interface TransferLine {
  id: string;
  lineNo: number;
  skuId: string;
  sellerSku: string;
  quantity: number;
  shipped: number;
  received: number;
  damaged: number;
  missing: number;
  lots: {
    sourceLotId: string;
    destinationLotId: string;
    receivedOn: string | null;
    quantity: number;
    received: number;
    damaged: number;
    missing: number;
  }[];
}

export interface Transfer {
  id: string;
  accountId: string;
  number: string;
  fromWarehouseId: string;
  fromWarehouseCode: string;
  toWarehouseId: string;
  toWarehouseCode: string;
  status: TransferStatus;
  carrier: string | null;
  trackingNumber: string | null;
  note: string | null;
  shippedAt: Date | null;
  receivedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  lines: TransferLine[];
}

export interface CreateTransferInput {
  accountId?: string;
  fromWarehouseId: string;
  toWarehouseId: string;
  lines: { skuId?: string; sellerSku?: string; quantity: number }[];
  carrier?: string | null;
  trackingNumber?: string | null;
  note?: string | null;
}

export interface ReceiveTransferInput {
  /** Per transfer line: units received in good order and damaged; the rest is missing. */
  lines: { lineNo: number; received: number; damaged?: number }[];
  note?: string | null;
}

const d = (v: unknown) => (v ? new Date(v as string | Date) : null);

export function createTransferService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function load(tx: Executor, id: string, accountId: string | null): Promise<Transfer | null> {
    const [t] = await selectRows<Record<string, unknown>>(
      tx,
      sql`SELECT t.*, wf.code AS from_code, wt.code AS to_code FROM stock_transfers t
            JOIN warehouses wf ON wf.id = t.from_warehouse_id JOIN warehouses wt ON wt.id = t.to_warehouse_id
           WHERE t.id = ${id} ${accountId ? sql`AND t.account_id = ${accountId}` : sql``}`,
    );
    if (!t) return null;
    const lines = await selectRows<Record<string, unknown>>(
      tx,
      sql`SELECT l.id, l.line_no, l.sku_id, s.seller_sku, l.quantity FROM stock_transfer_lines l JOIN skus s ON s.id = l.sku_id
           WHERE l.transfer_id = ${id} ORDER BY l.line_no`,
    );
    const lots = await selectRows<Record<string, unknown>>(
      tx,
      sql`SELECT x.line_id, x.source_lot_id, x.destination_lot_id, x.quantity, x.received_quantity, x.damaged_quantity, x.missing_quantity,
                 src.received_on
            FROM stock_transfer_lots x JOIN inventory_lots src ON src.id = x.source_lot_id
           WHERE x.transfer_id = ${id} ORDER BY x.id`,
    );
    return {
      id: t.id as string,
      accountId: t.account_id as string,
      number: t.number as string,
      fromWarehouseId: t.from_warehouse_id as string,
      fromWarehouseCode: t.from_code as string,
      toWarehouseId: t.to_warehouse_id as string,
      toWarehouseCode: t.to_code as string,
      status: t.status as TransferStatus,
      carrier: (t.carrier as string | null) ?? null,
      trackingNumber: (t.tracking_number as string | null) ?? null,
      note: (t.note as string | null) ?? null,
      shippedAt: d(t.shipped_at),
      receivedAt: d(t.received_at),
      cancelledAt: d(t.cancelled_at),
      createdAt: new Date(t.created_at as string | Date),
      lines: lines.map((l) => {
        const mine = lots
          .filter((x) => x.line_id === l.id)
          .map((x) => ({
            sourceLotId: x.source_lot_id as string,
            destinationLotId: x.destination_lot_id as string,
            receivedOn: toIsoDate(x.received_on),
            quantity: Number(x.quantity),
            received: Number(x.received_quantity),
            damaged: Number(x.damaged_quantity),
            missing: Number(x.missing_quantity),
          }));
        const sum = (k: 'quantity' | 'received' | 'damaged' | 'missing') => mine.reduce((n, x) => n + x[k], 0);
        return {
          id: l.id as string,
          lineNo: Number(l.line_no),
          skuId: l.sku_id as string,
          sellerSku: l.seller_sku as string,
          quantity: Number(l.quantity),
          shipped: sum('quantity'),
          received: sum('received'),
          damaged: sum('damaged'),
          missing: sum('missing'),
          lots: mine,
        };
      }),
    };
  }

  async function get(actor: Actor, id: string): Promise<Result<Transfer, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const transfer = await load(tx, id, actor.accountId);
      return transfer ? ok(transfer) : err(appError('not_found', 'Transfer not found.'));
    });
  }

  async function list(
    actor: Actor,
    query: { accountId?: string; status?: TransferStatus; after?: string; limit: number },
  ): Promise<Result<{ items: Transfer[]; nextCursor: string | null }, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      let accountId = actor.accountId;
      if (query.accountId) {
        const target = await resolveAccount(tx, actor, scopeOf(actor), query.accountId);
        if (!target.ok) return target;
        accountId = target.value;
      }
      const rows = await selectRows<{ id: string }>(
        tx,
        sql`SELECT id FROM stock_transfers WHERE TRUE
             ${accountId ? sql`AND account_id = ${accountId}` : sql``}
             ${query.status ? sql`AND status = ${query.status}` : sql``}
             ${query.after ? sql`AND id < ${query.after}` : sql``}
             ORDER BY id DESC LIMIT ${query.limit + 1}`,
      );
      const items: Transfer[] = [];
      for (const row of rows.slice(0, query.limit)) items.push((await load(tx, row.id, null)) as Transfer);
      const last = items.at(-1);
      return ok({ items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null });
    });
  }

  /** A draft transfer (sellers may ask for one; staff ship and receive it). */
  async function create(actor: Actor, input: CreateTransferInput): Promise<Result<Transfer, AppError>> {
    const problems: ErrorDetail[] = [];
    if (input.fromWarehouseId === input.toWarehouseId)
      problems.push({ path: ['to_warehouse_id'], code: 'same_warehouse', message: 'A transfer goes to another warehouse.' });
    if (input.lines.length === 0 || input.lines.length > 500)
      problems.push({ path: ['lines'], code: 'out_of_range', message: 'A transfer has 1–500 lines.' });
    input.lines.forEach((l, i) => {
      if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 1_000_000)
        problems.push({ path: ['lines', i, 'quantity'], code: 'out_of_range', message: 'Quantity is a whole number of at least 1.' });
      if (!l.skuId === !l.sellerSku)
        problems.push({ path: ['lines', i], code: 'sku_required', message: 'Give either sku_id or seller_sku.' });
      else if (l.skuId && !isUuid(l.skuId))
        problems.push({ path: ['lines', i, 'sku_id'], code: 'invalid_format', message: 'sku_id is a UUID.' });
    });
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid transfer.', problems));
    const at = clock.now();
    const scope = scopeOf(actor);
    return asResult(() =>
      inScope(database.db, scope, async (tx) => {
        const target = await resolveAccount(tx, actor, scope, input.accountId);
        if (!target.ok) return target;
        const accountId = target.value;
        const refused: ErrorDetail[] = [];
        for (const field of ['from_warehouse_id', 'to_warehouse_id'] as const) {
          const warehouseId = field === 'from_warehouse_id' ? input.fromWarehouseId : input.toWarehouseId;
          if (!isUuid(warehouseId) || !(await isWarehouseAllowed(tx, accountId, warehouseId)))
            refused.push({
              path: [field],
              code: 'warehouse_not_allowed',
              message: `This account may not use warehouse ${warehouseId}.`,
              messages: { en: 'This account may not use that warehouse.', zh: '该账户未获准使用此仓库。' },
            });
        }
        if (refused.length > 0) return err(appError('warehouse_not_allowed', refused[0]?.message ?? 'Warehouse not allowed.', refused));
        const skuIds: string[] = [];
        const unknown: ErrorDetail[] = [];
        for (const [i, line] of input.lines.entries()) {
          const [sku] = await selectRows<{ id: string }>(
            tx,
            line.skuId
              ? sql`SELECT id FROM skus WHERE account_id = ${accountId} AND id = ${line.skuId}`
              : sql`SELECT id FROM skus WHERE account_id = ${accountId} AND lower(seller_sku) = lower(${line.sellerSku?.trim() ?? ''})`,
          );
          if (!sku)
            unknown.push({
              path: ['lines', i, line.skuId ? 'sku_id' : 'seller_sku'],
              code: 'unknown_sku',
              message: `Line ${i + 1}: no such SKU.`,
            });
          else skuIds.push(sku.id);
        }
        if (unknown.length > 0) return err(appError('validation_failed', unknown[0]?.message ?? 'Unknown SKU.', unknown));
        const year = at.toISOString().slice(0, 4);
        const number = `TRF-${year}-${String(await nextNumber(tx, 'transfer', year)).padStart(6, '0')}`;
        const id = ids.next();
        await tx.execute(
          sql`INSERT INTO stock_transfers (id, account_id, number, from_warehouse_id, to_warehouse_id, status, carrier, tracking_number, note,
                created_by, created_at, updated_at)
              VALUES (${id}, ${accountId}, ${number}, ${input.fromWarehouseId}, ${input.toWarehouseId}, 'draft', ${input.carrier ?? null},
                ${input.trackingNumber ?? null}, ${input.note ?? null}, ${actor.userId}, ${at.toISOString()}, ${at.toISOString()})`,
        );
        for (const [i, line] of input.lines.entries())
          await tx.execute(
            sql`INSERT INTO stock_transfer_lines (id, transfer_id, account_id, line_no, sku_id, quantity)
                VALUES (${ids.next()}, ${id}, ${accountId}, ${i + 1}, ${skuIds[i]}, ${line.quantity})`,
          );
        return ok((await load(tx, id, null)) as Transfer);
      }),
    );
  }

  /** Staff ship a draft: units leave the source (FIFO, not allocated ones) and are expected at the destination. */
  async function ship(
    actor: Actor,
    id: string,
    input: { carrier?: string | null; trackingNumber?: string | null },
  ): Promise<Result<Transfer, AppError>> {
    if (actor.accountId) return err(appError('forbidden', 'Warehouse staff ship transfers.'));
    const at = clock.now();
    return asResult(() =>
      inScope(database.db, staffScope(actor), async (tx) => {
        const [locked] = await selectRows<{ status: string }>(tx, sql`SELECT status FROM stock_transfers WHERE id = ${id} FOR UPDATE`);
        if (!locked) return err(appError('not_found', 'Transfer not found.'));
        if (locked.status !== 'draft') return err(appError('invalid_state', `This transfer is ${locked.status}; only a draft can ship.`));
        const transfer = (await load(tx, id, null)) as Transfer;
        await assertWarehouseAllowed(tx, transfer.accountId, transfer.toWarehouseId);
        const movements: MovementInput[] = [];
        const links: { lineId: string; source: string; destination: string; quantity: number }[] = [];
        const shortLines: ErrorDetail[] = [];
        const base = { accountId: transfer.accountId, sourceType: 'transfer', sourceId: transfer.number, userId: actor.userId };
        for (const line of transfer.lines) {
          // Units that can leave: on hand, not allocated, at a storage or receiving location; oldest lots first.
          const places = await selectRows<{ lot_id: string; location_id: string; held: number; free: number; received_on: unknown }>(
            tx,
            sql`SELECT ls.lot_id, ls.location_id, ls.quantity AS held, l.on_hand - l.allocated AS free, l.received_on
                  FROM location_stock ls JOIN inventory_lots l ON l.id = ls.lot_id JOIN locations loc ON loc.id = ls.location_id
                 WHERE l.account_id = ${transfer.accountId} AND l.sku_id = ${line.skuId} AND l.warehouse_id = ${transfer.fromWarehouseId}
                   AND ls.quantity > 0 AND loc.location_type NOT IN ('damaged', 'outbound', 'returns')
                 ORDER BY l.received_on NULLS LAST, l.created_at, l.id, ls.quantity DESC
                   FOR UPDATE OF l`,
          );
          let left = line.quantity;
          const free = new Map<string, number>();
          const perLot = new Map<string, { quantity: number; receivedOn: string | null }>();
          for (const p of places) {
            if (left === 0) break;
            const lotFree = free.get(p.lot_id) ?? Number(p.free);
            const take = Math.min(left, Number(p.held), lotFree);
            if (take <= 0) continue;
            free.set(p.lot_id, lotFree - take);
            left -= take;
            movements.push({
              ...base,
              skuId: line.skuId,
              warehouseId: transfer.fromWarehouseId,
              lotId: p.lot_id,
              movement: 'transfer_out',
              onHandDelta: -take,
              locationId: p.location_id,
              locationDelta: -take,
            });
            const so = perLot.get(p.lot_id) ?? { quantity: 0, receivedOn: toIsoDate(p.received_on) };
            so.quantity += take;
            perLot.set(p.lot_id, so);
          }
          if (left > 0) {
            const can = line.quantity - left;
            const en = `Line ${line.lineNo} (${line.sellerSku}): ${line.quantity} to ship, ${can} on hand and not allocated at ${transfer.fromWarehouseCode}.`;
            shortLines.push({
              path: ['lines', line.lineNo - 1, 'quantity'],
              code: 'insufficient_stock',
              message: en,
              messages: {
                en,
                zh: `第 ${line.lineNo} 行（${line.sellerSku}）：需调拨 ${line.quantity}，${transfer.fromWarehouseCode} 可用 ${can}。`,
              },
            });
            continue;
          }
          for (const [sourceLot, so] of perLot) {
            const destination = await createLot(tx, ids, {
              accountId: transfer.accountId,
              skuId: line.skuId,
              warehouseId: transfer.toWarehouseId,
              sourceType: 'transfer',
              sourceId: transfer.id,
              // Ageing carries on: the new lot keeps the first receipt's date.
              receivedOn: so.receivedOn,
            });
            movements.push({
              ...base,
              skuId: line.skuId,
              warehouseId: transfer.toWarehouseId,
              lotId: destination.id,
              movement: 'inbound_expected',
              inboundDelta: so.quantity,
            });
            links.push({ lineId: line.id, source: sourceLot, destination: destination.id, quantity: so.quantity });
          }
        }
        if (shortLines.length > 0)
          throw new AppFailure(appError('insufficient_stock', shortLines[0]?.message ?? 'Not enough stock.', shortLines));
        await postMovements(tx, ids, at, movements);
        for (const link of links)
          await tx.execute(
            sql`INSERT INTO stock_transfer_lots (id, transfer_id, line_id, account_id, source_lot_id, destination_lot_id, quantity)
                VALUES (${ids.next()}, ${id}, ${link.lineId}, ${transfer.accountId}, ${link.source}, ${link.destination}, ${link.quantity})`,
          );
        await tx.execute(
          sql`UPDATE stock_transfers SET status = 'shipped', shipped_at = ${at.toISOString()}, updated_at = ${at.toISOString()},
                carrier = coalesce(${input.carrier ?? null}, carrier), tracking_number = coalesce(${input.trackingNumber ?? null}, tracking_number)
              WHERE id = ${id}`,
        );
        const units = links.reduce((n, l) => n + l.quantity, 0);
        await recordBillableEvents(tx, ids, at, [
          {
            accountId: transfer.accountId,
            kind: 'transfer_out',
            warehouseId: transfer.fromWarehouseId,
            occurredAt: at,
            quantity: units,
            unit: 'unit',
            attributes: {
              transfer_number: transfer.number,
              to_warehouse_id: transfer.toWarehouseId,
              to_warehouse_code: transfer.toWarehouseCode,
              lines: transfer.lines.map((l) => ({ sku_id: l.skuId, seller_sku: l.sellerSku, units: l.quantity })),
            },
            sourceType: 'transfer',
            sourceId: id,
            idempotencyKey: `transfer_out:${id}`,
          },
        ]);
        return ok((await load(tx, id, null)) as Transfer);
      }),
    );
  }

  /** Staff receive a shipped transfer at its destination, recording what was short or damaged. */
  async function receive(actor: Actor, id: string, input: ReceiveTransferInput): Promise<Result<Transfer, AppError>> {
    if (actor.accountId) return err(appError('forbidden', 'Warehouse staff receive transfers.'));
    const at = clock.now();
    return asResult(() =>
      inScope(database.db, staffScope(actor), async (tx) => {
        const [locked] = await selectRows<{ status: string }>(tx, sql`SELECT status FROM stock_transfers WHERE id = ${id} FOR UPDATE`);
        if (!locked) return err(appError('not_found', 'Transfer not found.'));
        if (locked.status !== 'shipped')
          return err(appError('invalid_state', `This transfer is ${locked.status}; only a shipped one can be received.`));
        const transfer = (await load(tx, id, null)) as Transfer;
        const problems: ErrorDetail[] = [];
        const counts = new Map<number, { received: number; damaged: number }>();
        input.lines.forEach((l, i) => {
          const line = transfer.lines.find((x) => x.lineNo === l.lineNo);
          const damaged = l.damaged ?? 0;
          if (!line)
            problems.push({ path: ['lines', i, 'line_no'], code: 'unknown_line', message: `The transfer has no line ${l.lineNo}.` });
          else if (![l.received, damaged].every((n) => Number.isInteger(n) && n >= 0))
            problems.push({ path: ['lines', i], code: 'out_of_range', message: 'Received and damaged are whole numbers, 0 or more.' });
          else if (l.received + damaged > line.shipped)
            problems.push({
              path: ['lines', i, 'received'],
              code: 'over_received',
              message: `Line ${l.lineNo}: ${l.received + damaged} counted but ${line.shipped} shipped; count again or record the extra units as found.`,
            });
          else counts.set(l.lineNo, { received: l.received, damaged });
        });
        if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid receipt.', problems));
        const staging = await systemLocation(tx, transfer.toWarehouseId, 'staging', ids);
        const damagedAt = await systemLocation(tx, transfer.toWarehouseId, 'damaged', ids);
        const movements: MovementInput[] = [];
        const base = {
          accountId: transfer.accountId,
          warehouseId: transfer.toWarehouseId,
          sourceType: 'transfer',
          sourceId: transfer.number,
          userId: actor.userId,
        };
        for (const line of transfer.lines) {
          let good = counts.get(line.lineNo)?.received ?? 0;
          let bad = counts.get(line.lineNo)?.damaged ?? 0;
          for (const lot of line.lots) {
            const g = Math.min(good, lot.quantity);
            const b = Math.min(bad, lot.quantity - g);
            const missing = lot.quantity - g - b;
            good -= g;
            bad -= b;
            const row = { ...base, skuId: line.skuId, lotId: lot.destinationLotId };
            if (g > 0)
              movements.push({
                ...row,
                movement: 'transfer_in',
                inboundDelta: -g,
                onHandDelta: g,
                locationId: staging.id,
                locationDelta: g,
                note: input.note ?? null,
              });
            if (b > 0)
              movements.push({
                ...row,
                movement: 'transfer_in',
                inboundDelta: -b,
                damagedDelta: b,
                locationId: damagedAt.id,
                locationDelta: b,
                reasonCode: 'damaged_in_transit',
              });
            if (missing > 0)
              movements.push({ ...row, movement: 'inbound_cancelled', inboundDelta: -missing, reasonCode: 'missing_in_transit' });
            await tx.execute(
              sql`UPDATE stock_transfer_lots SET received_quantity = ${g}, damaged_quantity = ${b}, missing_quantity = ${missing}
                   WHERE transfer_id = ${id} AND destination_lot_id = ${lot.destinationLotId} AND source_lot_id = ${lot.sourceLotId}`,
            );
          }
        }
        await postMovements(tx, ids, at, movements);
        await tx.execute(
          sql`UPDATE stock_transfers SET status = 'received', received_at = ${at.toISOString()}, updated_at = ${at.toISOString()},
                note = coalesce(${input.note ?? null}, note) WHERE id = ${id}`,
        );
        return ok((await load(tx, id, null)) as Transfer);
      }),
    );
  }

  async function cancel(actor: Actor, id: string): Promise<Result<Transfer, AppError>> {
    const at = clock.now();
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const [locked] = await selectRows<{ status: string }>(
        tx,
        sql`SELECT status FROM stock_transfers WHERE id = ${id} ${actor.accountId ? sql`AND account_id = ${actor.accountId}` : sql``} FOR UPDATE`,
      );
      if (!locked) return err(appError('not_found', 'Transfer not found.'));
      if (locked.status !== 'draft')
        return err(appError('invalid_state', `This transfer is ${locked.status}; only a draft can be cancelled.`));
      await tx.execute(
        sql`UPDATE stock_transfers SET status = 'cancelled', cancelled_at = ${at.toISOString()}, updated_at = ${at.toISOString()} WHERE id = ${id}`,
      );
      return ok((await load(tx, id, null)) as Transfer);
    });
  }

  return { get, list, create, ship, receive, cancel };
}

export type TransferService = ReturnType<typeof createTransferService>;
