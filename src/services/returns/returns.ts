/**
 * Returns: authorise (a seller's request, or a channel's return — idempotent on the
 * channel's return id), receive at the returns bench by scanning the RMA or tracking number
 * (an unknown parcel is recorded as an unexpected return), inspect each line with a grade
 * and a disposition. Stock enters the ledger only at inspection, in a 'return' lot at the
 * warehouse's RETURNS location: restocked units on hand (sellable again), destroyed units
 * into damaged and straight out by 'dispose', units for China held as damaged for the
 * ship-back work order. The processing clock (authorised → received → inspected → closed)
 * is reported per seller.
 */
import { sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../../db/connect.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../db/errors.js';
import {
  type BillableEventInput,
  createLot,
  nextNumber,
  postMovements,
  recordBillableEvents,
} from '../../db/repositories/inventory-ledger.js';
import { systemLocation } from '../../db/repositories/locations.js';
import type { Page } from '../../db/pagination.js';
import {
  findReturn,
  findReturnByChannel,
  findReturnsByCode,
  insertReturn,
  insertReturnLines,
  listReturnClocks,
  listReturnLines,
  listReturns,
  type ReturnFilter,
  type ReturnLineRow,
  type ReturnRow,
  updateReturn,
  updateReturnLine,
} from '../../db/repositories/returns.js';
import { findSkusBySellerSku } from '../../db/repositories/skus.js';
import { findWarehouse, type WarehouseRow } from '../../db/repositories/warehouses.js';
import { listWorkOrdersBySource } from '../../db/repositories/work-orders.js';
import { inScope, type Scope } from '../../db/tenancy.js';
import type { MovementInput } from '../../domain/inventory/movements.js';
import {
  type AuthorisationLineInput,
  canTransition,
  dispositionWorkOrder,
  type DurationStats,
  durationStats,
  hoursBetween,
  type InspectionInput,
  isFullyInspected,
  MAX_UNITS_PER_LINE,
  planInspection,
  type ReturnChannel,
  type ReturnStatus,
  returnTransitionMessage,
  rmaNumber,
  validateAuthorisationLines,
} from '../../domain/returns/returns.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import type { Result } from '../../domain/shared/result.js';
import { assertWarehouseAllowed } from '../inventory/access.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { resolveAccount } from '../skus.js';
import {
  fail,
  inTransaction,
  invalid,
  localDate,
  requireStaff,
  type SkuLabel,
  skuLabels,
  type WarehouseLabel,
  warehouseLabels,
} from './common.js';
import { details as workOrderDetails, insertNewWorkOrders, type WorkOrderDetail } from './work-orders.js';

export interface AuthoriseInput {
  accountId?: string;
  /** The warehouse the parcel comes back to; defaults to the account's one returns centre. */
  warehouseId?: string | null;
  channel?: ReturnChannel | null;
  channelReturnId?: string | null;
  orderReference?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  reason?: string | null;
  note?: string | null;
  lines: AuthorisationLineInput[];
}

export interface ChannelReturnInput extends AuthoriseInput {
  accountId: string;
  channel: ReturnChannel;
  channelReturnId: string;
}

export interface ReceiveInput {
  warehouseId: string;
  /** What the bench scanned: the RMA number or the parcel's tracking number. */
  code: string;
  /** Units found per line (or per SKU not on the RMA); omitted = exactly what was announced. */
  lines?: { lineId?: string; skuId?: string; sellerSku?: string; quantity: number }[];
  note?: string | null;
}

export interface UnexpectedInput {
  accountId: string;
  warehouseId: string;
  scannedCode?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  orderReference?: string | null;
  note?: string | null;
  lines: AuthorisationLineInput[];
}

export interface ReturnLineDetail {
  line: ReturnLineRow;
  sku: SkuLabel | null;
}

export interface ReturnDetail {
  rma: ReturnRow;
  accountCode: string;
  warehouse: WarehouseLabel | null;
  lines: ReturnLineDetail[];
  workOrders: WorkOrderDetail[];
}

export interface ProcessingTimeRow {
  accountId: string;
  accountCode: string;
  accountName: string;
  authorised: number;
  awaitingParcel: number;
  received: number;
  closed: number;
  /** Received, not closed, and older than the service level. */
  overdue: number;
  /** authorised → received: the parcel's way back. */
  transit: DurationStats;
  /** received → inspected: the bench's work. */
  inspection: DurationStats;
  /** received → closed: until every disposition is carried out. */
  processing: DurationStats;
}

const NOT_CHINA = 'Returns come back to a US warehouse (a returns centre or a fulfilment warehouse).';

export function createReturnService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;
  const db = database.db;

  async function list(actor: Actor, filter: ReturnFilter): Promise<Page<ReturnDetail>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const page = await listReturns(tx, scope, filter);
      return { items: await returnDetails(tx, page.items, { withWorkOrders: false }), nextCursor: page.nextCursor };
    });
  }

  async function get(actor: Actor, id: string): Promise<Result<ReturnDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => detailOf(tx, await mustFind(tx, scope, id)));
  }

  /**
   * A seller's return authorisation. With a channel return id it is the channel's return,
   * and asking again answers with the RMA already made (`created: false`).
   */
  async function authorise(actor: Actor, input: AuthoriseInput): Promise<Result<{ detail: ReturnDetail; created: boolean }, AppError>> {
    const scope = scopeOf(actor);
    const attempt = () =>
      inTransaction(db, scope, async (tx) => {
        const account = await resolveAccount(tx, actor, scope, input.accountId);
        if (!account.ok) fail(account.error);
        const accountId = account.value;
        const channelReturnId = input.channelReturnId?.trim() || null;
        if (channelReturnId && !input.channel) {
          invalid('Name the channel of the return.', [
            { path: ['channel'], code: 'required', message: 'channel is required with channel_return_id.' },
          ]);
        }
        if (channelReturnId && input.channel) {
          const existing = await findReturnByChannel(tx, accountId, input.channel, channelReturnId);
          if (existing) return { detail: await detailOf(tx, existing), created: false };
        }
        const problems = validateAuthorisationLines(input.lines);
        if (problems.length > 0) invalid('The return is not valid.', problems);
        const warehouse = await returnsWarehouse(tx, accountId, input.warehouseId ?? null);
        const skus = await resolveSkus(tx, accountId, input.lines);
        const now = clock.now();
        const rma = await insertReturn(tx, {
          id: ids.next(),
          accountId,
          number: rmaNumber(now.getUTCFullYear(), await nextNumber(tx, 'rma', String(now.getUTCFullYear()))),
          source: channelReturnId ? 'channel' : 'seller',
          channel: input.channel ?? null,
          channelReturnId,
          orderReference: input.orderReference?.trim() || null,
          warehouseId: warehouse.id,
          carrier: input.carrier?.trim() || null,
          trackingNumber: input.trackingNumber?.trim() || null,
          reason: input.reason?.trim() || null,
          note: input.note?.trim() || null,
          status: 'authorised',
          authorisedAt: now,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await insertReturnLines(
          tx,
          input.lines.map((line, i) => ({
            id: ids.next(),
            returnId: rma.id,
            accountId,
            lineNo: i + 1,
            skuId: skus[i] as string,
            expectedQuantity: line.quantity,
            receivedQuantity: 0,
          })),
        );
        return { detail: await detailOf(tx, rma), created: true };
      });
    const result = await attempt().catch((error: unknown) => {
      // Two deliveries of one channel return at the same moment: the second finds the first.
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION && input.channelReturnId) return null;
      throw error;
    });
    return result ?? attempt();
  }

  /**
   * For the orders module: a channel told us a buyer is sending something back. Safe to call
   * for every delivery of the same notification.
   * @example await returns.authoriseFromChannel(SYSTEM_ACTOR, { accountId, channel: 'tiktok_shop', channelReturnId: '5770…', lines: [{ sellerSku: 'TL-TEE-M', quantity: 1 }] })
   */
  async function authoriseFromChannel(actor: Actor, input: ChannelReturnInput) {
    return authorise(actor, input);
  }

  async function cancel(actor: Actor, id: string): Promise<Result<ReturnDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const rma = await mustFind(tx, scope, id, true);
      step(rma, 'cancelled');
      const now = clock.now();
      return detailOf(tx, await updateReturn(tx, rma.id, { status: 'cancelled', cancelledAt: now, updatedAt: now }));
    });
  }

  /** The bench scans a parcel: by RMA number or tracking number. */
  async function receive(actor: Actor, input: ReceiveInput): Promise<Result<ReturnDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      requireStaff(actor, 'receive returns');
      const code = input.code.trim();
      const [match] = code ? await findReturnsByCode(tx, code) : [];
      if (!match) {
        const message = `Nothing matches "${code}": no RMA number or tracking number. Record the parcel as an unexpected return.`;
        fail(
          appError('unknown_barcode', message, [
            {
              path: ['code'],
              code: 'unknown_return',
              message,
              messages: { en: message, zh: `「${code}」没有匹配的退货单号或运单号，请登记为意外退货。` },
            },
          ]),
        );
      }
      const rma = (await findReturn(tx, scope, match.id, { forUpdate: true })) as ReturnRow;
      if (rma.status !== 'authorised') {
        const when = rma.receivedAt ? ` on ${rma.receivedAt.toISOString().slice(0, 10)}` : '';
        const message = returnTransitionMessage(rma.status as ReturnStatus, 'received');
        fail(
          appError('invalid_state', `${rma.number}: ${message.en}${rma.status === 'received' ? ` It was received${when}.` : ''}`, [
            { path: ['code'], code: 'invalid_state', message: message.en, messages: message },
          ]),
        );
      }
      const warehouse = await usableWarehouse(tx, rma.accountId, input.warehouseId);
      const lines = await listReturnLines(tx, [rma.id]);
      const counts = await receivedCounts(tx, rma, lines, input.lines);
      const now = clock.now();
      let nextNo = Math.max(0, ...lines.map((l) => l.lineNo)) + 1;
      for (const line of lines) {
        const quantity = counts.byLine.get(line.id) ?? 0;
        if (quantity !== line.receivedQuantity) await updateReturnLine(tx, line.id, { receivedQuantity: quantity });
      }
      await insertReturnLines(
        tx,
        counts.extra.map((extra) => ({
          id: ids.next(),
          returnId: rma.id,
          accountId: rma.accountId,
          lineNo: nextNo++,
          skuId: extra.skuId,
          expectedQuantity: 0,
          receivedQuantity: extra.quantity,
        })),
      );
      const empty = counts.total === 0;
      const note = [rma.note, input.note?.trim()].filter(Boolean).join('\n') || null;
      const received = await updateReturn(tx, rma.id, {
        status: empty ? 'closed' : 'received',
        warehouseId: warehouse.id,
        receivedAt: now,
        receivedBy: actor.userId,
        // An empty parcel has nothing to inspect: it is closed on arrival.
        inspectedAt: empty ? now : null,
        closedAt: empty ? now : null,
        note,
        updatedAt: now,
      });
      if (empty) await recordBillableEvents(tx, ids, now, processingEvents(received, 0, now));
      return detailOf(tx, received);
    });
  }

  /** A parcel nobody announced: recorded against the seller whose goods are inside. */
  async function recordUnexpected(actor: Actor, input: UnexpectedInput): Promise<Result<ReturnDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      requireStaff(actor, 'record unexpected returns');
      const account = await resolveAccount(tx, actor, scope, input.accountId);
      if (!account.ok) fail(account.error);
      const problems = validateAuthorisationLines(input.lines);
      if (problems.length > 0) invalid('The return is not valid.', problems);
      const warehouse = await usableWarehouse(tx, account.value, input.warehouseId);
      const skus = await resolveSkus(tx, account.value, input.lines);
      const now = clock.now();
      const rma = await insertReturn(tx, {
        id: ids.next(),
        accountId: account.value,
        number: rmaNumber(now.getUTCFullYear(), await nextNumber(tx, 'rma', String(now.getUTCFullYear()))),
        source: 'unexpected',
        orderReference: input.orderReference?.trim() || null,
        warehouseId: warehouse.id,
        carrier: input.carrier?.trim() || null,
        trackingNumber: input.trackingNumber?.trim() || null,
        scannedCode: input.scannedCode?.trim() || null,
        note: input.note?.trim() || null,
        status: 'received',
        authorisedAt: now,
        receivedAt: now,
        createdBy: actor.userId,
        receivedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await insertReturnLines(
        tx,
        input.lines.map((line, i) => ({
          id: ids.next(),
          returnId: rma.id,
          accountId: account.value,
          lineNo: i + 1,
          skuId: skus[i] as string,
          expectedQuantity: 0,
          receivedQuantity: line.quantity,
        })),
      );
      return detailOf(tx, rma);
    });
  }

  /**
   * Grades lines and carries out their dispositions. Every line may be inspected at once or
   * a few at a time; the RMA is inspected when every received unit is, and closes when the
   * relabel and ship-back work orders it created are finished (at once if there are none).
   */
  async function inspect(actor: Actor, id: string, inputs: InspectionInput[]): Promise<Result<ReturnDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      requireStaff(actor, 'inspect returns');
      const rma = await mustFind(tx, scope, id, true);
      if (rma.status !== 'received') {
        const message = returnTransitionMessage(rma.status as ReturnStatus, 'inspect');
        fail(
          appError('invalid_state', `${rma.number}: ${message.en}`, [
            { path: ['status'], code: 'invalid_state', message: message.en, messages: message },
          ]),
        );
      }
      const lines = await listReturnLines(tx, [rma.id]);
      const planned = planInspection(
        lines.map((l) => ({ id: l.id, lineNo: l.lineNo, receivedQuantity: l.receivedQuantity, inspected: l.grade !== null })),
        inputs,
      );
      if (!planned.ok) invalid('The inspection is not valid; nothing was recorded.', planned.errors);

      const now = clock.now();
      const warehouse = (await warehouseLabels(tx, [rma.warehouseId])).get(rma.warehouseId) as WarehouseLabel;
      const receivedOn = localDate(now, warehouse.timezone);
      const returnsLocation = await systemLocation(tx, rma.warehouseId, 'returns', ids);
      const byId = new Map(lines.map((l) => [l.id, l]));
      let nextNo = Math.max(0, ...lines.map((l) => l.lineNo)) + 1;
      const movements: MovementInput[] = [];
      const events: BillableEventInput[] = [];

      for (const part of planned.value) {
        const original = byId.get(part.lineId) as ReturnLineRow;
        let line: ReturnLineRow;
        if (part.split) {
          [line] = (await insertReturnLines(tx, [
            {
              id: ids.next(),
              returnId: rma.id,
              accountId: rma.accountId,
              lineNo: nextNo++,
              skuId: original.skuId,
              expectedQuantity: 0,
              receivedQuantity: part.quantity,
              splitFromLineId: original.id,
            },
          ])) as [ReturnLineRow];
        } else line = original;

        const lot = await createLot(tx, ids, {
          accountId: rma.accountId,
          skuId: line.skuId,
          warehouseId: rma.warehouseId,
          code: `${rma.number}-${line.lineNo}`,
          sourceType: 'return',
          sourceId: rma.id,
          receivedOn,
        });
        const base = {
          accountId: rma.accountId,
          skuId: line.skuId,
          warehouseId: rma.warehouseId,
          lotId: lot.id,
          locationId: returnsLocation.id,
          sourceType: 'return',
          sourceId: rma.id,
          note: `${rma.number} line ${line.lineNo}, grade ${part.grade}`,
          userId: actor.userId,
        };
        const sellable = part.disposition === 'restock' || part.disposition === 'relabel_restock';
        movements.push({
          ...base,
          movement: 'return',
          ...(sellable ? { onHandDelta: part.quantity } : { damagedDelta: part.quantity }),
          locationDelta: part.quantity,
        });
        if (part.disposition === 'destroy') {
          movements.push({
            ...base,
            movement: 'dispose',
            damagedDelta: -part.quantity,
            locationDelta: -part.quantity,
            reasonCode: 'return_destroyed',
          });
          events.push({
            accountId: rma.accountId,
            kind: 'disposal_unit',
            warehouseId: rma.warehouseId,
            occurredAt: now,
            quantity: part.quantity,
            unit: 'unit',
            attributes: {
              rma: rma.number,
              line_no: line.lineNo,
              sku_id: line.skuId,
              grade: part.grade,
              photos: part.evidence?.photos.length ?? 0,
            },
            sourceType: 'return_line',
            sourceId: line.id,
            idempotencyKey: `disposal_unit:return_line:${line.id}`,
          });
        }
        let workOrderId: string | null = null;
        const task = dispositionWorkOrder(part.disposition);
        if (task) {
          const [order] = await insertNewWorkOrders(tx, ids, now, [
            {
              accountId: rma.accountId,
              warehouseId: rma.warehouseId,
              kind: task,
              skuId: line.skuId,
              quantity: part.quantity,
              instructions:
                task === 'relabel'
                  ? `Relabel/repack ${part.quantity} returned units of ${rma.number} line ${line.lineNo} (lot ${lot.code}).`
                  : `Hold ${part.quantity} units of ${rma.number} line ${line.lineNo} (lot ${lot.code}) for the consolidated pallet to China.`,
              destination: task === 'ship_back' ? 'China — consolidated return pallet' : null,
              sourceType: 'return',
              sourceId: rma.id,
              sourceLineId: line.id,
            },
          ]);
          workOrderId = order?.id ?? null;
        }
        await updateReturnLine(tx, line.id, {
          receivedQuantity: part.quantity,
          grade: part.grade,
          disposition: part.disposition,
          evidence: part.evidence,
          inspectedAt: now,
          inspectedBy: actor.userId,
          lotId: lot.id,
          workOrderId,
        });
      }
      await postMovements(tx, ids, now, movements);

      const after = await listReturnLines(tx, [rma.id]);
      let updated = rma;
      if (isFullyInspected(after.map((l) => ({ receivedQuantity: l.receivedQuantity, inspected: l.grade !== null })))) {
        const open = (await listWorkOrdersBySource(tx, [rma.id])).some((o) => o.status === 'requested' || o.status === 'in_progress');
        updated = await updateReturn(tx, rma.id, {
          status: open ? 'inspected' : 'closed',
          inspectedAt: now,
          closedAt: open ? null : now,
          updatedAt: now,
        });
        events.push(
          ...processingEvents(
            updated,
            after.reduce((sum, l) => sum + l.receivedQuantity, 0),
            now,
          ),
        );
      } else updated = await updateReturn(tx, rma.id, { updatedAt: now });
      await recordBillableEvents(tx, ids, now, events);
      return detailOf(tx, updated);
    });
  }

  /** The processing clock per seller: mean and 90th percentile of each stage, and what is overdue. */
  async function processingTimes(
    actor: Actor,
    filter: { accountId?: string; warehouseId?: string; from?: Date; to?: Date; slaDays: number },
  ): Promise<ProcessingTimeRow[]> {
    const scope = scopeOf(actor);
    const rows = await inScope(db, scope, (tx) => listReturnClocks(tx, scope, filter));
    const now = clock.now();
    const byAccount = new Map<string, typeof rows>();
    for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
    const defined = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
    return [...byAccount.values()].map((clocks) => {
      const first = clocks[0] as (typeof rows)[number];
      return {
        accountId: first.accountId,
        accountCode: first.accountCode,
        accountName: first.accountName,
        authorised: clocks.length,
        awaitingParcel: clocks.filter((c) => c.receivedAt === null).length,
        received: clocks.filter((c) => c.receivedAt !== null).length,
        closed: clocks.filter((c) => c.closedAt !== null).length,
        overdue: clocks.filter((c) => c.receivedAt && !c.closedAt && (hoursBetween(c.receivedAt, now) ?? 0) > filter.slaDays * 24).length,
        transit: durationStats(defined(clocks.map((c) => hoursBetween(c.authorisedAt, c.receivedAt)))),
        inspection: durationStats(defined(clocks.map((c) => hoursBetween(c.receivedAt, c.inspectedAt)))),
        processing: durationStats(defined(clocks.map((c) => hoursBetween(c.receivedAt, c.closedAt)))),
      };
    });
  }

  // ——— helpers ———

  function processingEvents(rma: ReturnRow, units: number, at: Date): BillableEventInput[] {
    const base = {
      accountId: rma.accountId,
      kind: 'return_processing',
      warehouseId: rma.warehouseId,
      occurredAt: at,
      attributes: { rma: rma.number, source: rma.source, channel: rma.channel, units },
      sourceType: 'return',
      sourceId: rma.id,
    };
    const events: BillableEventInput[] = [{ ...base, quantity: 1, unit: 'rma', idempotencyKey: `return_processing:${rma.id}` }];
    if (units > 0) events.push({ ...base, quantity: units, unit: 'unit', idempotencyKey: `return_processing:${rma.id}:units` });
    return events;
  }

  /** The warehouse a new RMA is sent to: the one named, or the account's only returns centre. */
  async function returnsWarehouse(tx: Executor, accountId: string, warehouseId: string | null): Promise<WarehouseRow> {
    if (warehouseId) return usableWarehouse(tx, accountId, warehouseId);
    const candidates = await selectRows<{ id: string }>(
      tx,
      sql`SELECT w.id FROM account_warehouses aw JOIN warehouses w ON w.id = aw.warehouse_id
           WHERE aw.account_id = ${accountId} AND w.kind = 'us_returns' AND w.status = 'active' ORDER BY w.code`,
    );
    if (candidates.length !== 1) {
      invalid('Choose the warehouse the parcel comes back to.', [
        {
          path: ['warehouse_id'],
          code: 'required',
          message:
            candidates.length === 0
              ? 'The account has no returns centre granted; name the warehouse (warehouse_id).'
              : 'The account has several returns centres; name one (warehouse_id).',
          messages: { en: 'Choose the return warehouse.', zh: '请选择退货仓库。' },
        },
      ]);
    }
    return usableWarehouse(tx, accountId, (candidates[0] as { id: string }).id);
  }

  async function usableWarehouse(tx: Executor, accountId: string, warehouseId: string): Promise<WarehouseRow> {
    const warehouse = await findWarehouse(tx, warehouseId);
    if (!warehouse) invalid('Unknown warehouse.', [{ path: ['warehouse_id'], code: 'not_found', message: 'No such warehouse.' }]);
    if (warehouse.kind === 'china_consolidation' || warehouse.status !== 'active') {
      invalid(NOT_CHINA, [
        {
          path: ['warehouse_id'],
          code: 'not_a_return_warehouse',
          message: `${warehouse.code} does not receive returns. ${NOT_CHINA}`,
          messages: { en: `${warehouse.code} does not receive returns.`, zh: `${warehouse.code} 不接收退货（须为美国仓或退货中心）。` },
        },
      ]);
    }
    await assertWarehouseAllowed(tx, accountId, warehouse.id);
    return warehouse;
  }

  /** The SKU id of each requested line, all in the account's catalogue. */
  async function resolveSkus(
    tx: Executor,
    accountId: string,
    lines: AuthorisationLineInput[],
    at: (i: number) => (string | number)[] = (i) => ['lines', i],
  ): Promise<string[]> {
    const byId = await skuLabels(
      tx,
      lines.flatMap((l) => (l.skuId ? [l.skuId] : [])),
    );
    const bySeller = await findSkusBySellerSku(
      tx,
      accountId,
      lines.flatMap((l) => (!l.skuId && l.sellerSku ? [l.sellerSku.trim()] : [])),
    );
    const problems: ErrorDetail[] = [];
    const resolved = lines.map((line, i) => {
      const found = line.skuId ? byId.get(line.skuId) : bySeller.get((line.sellerSku ?? '').trim().toLowerCase());
      if (!found || found.accountId !== accountId) {
        const named = line.skuId ?? line.sellerSku ?? '';
        problems.push({
          path: [...at(i), line.skuId ? 'sku_id' : 'seller_sku'],
          code: 'unknown_sku',
          message: `${named} is not in the account’s catalogue.`,
          messages: { en: `${named} is not in the catalogue.`, zh: `${named} 不在该账户的商品目录中。` },
        });
        return '';
      }
      return found.id;
    });
    if (problems.length > 0) invalid('Some SKUs are not in the catalogue.', problems);
    return resolved;
  }

  /** What the bench counted per line; SKUs not announced become extra lines. */
  async function receivedCounts(
    tx: Executor,
    rma: ReturnRow,
    lines: ReturnLineRow[],
    counted: ReceiveInput['lines'],
  ): Promise<{ byLine: Map<string, number>; extra: { skuId: string; quantity: number }[]; total: number }> {
    if (!counted) {
      const byLine = new Map(lines.map((l) => [l.id, l.expectedQuantity]));
      return { byLine, extra: [], total: lines.reduce((s, l) => s + l.expectedQuantity, 0) };
    }
    const problems: ErrorDetail[] = [];
    const byLine = new Map<string, number>();
    const bySku = new Map(lines.map((l) => [l.skuId, l]));
    const lineIds = new Set(lines.map((l) => l.id));
    const extra: { skuId: string; quantity: number }[] = [];
    const unresolved: { index: number; input: AuthorisationLineInput }[] = [];
    counted.forEach((count, i) => {
      if (!Number.isInteger(count.quantity) || count.quantity < 0 || count.quantity > MAX_UNITS_PER_LINE) {
        problems.push({
          path: ['lines', i, 'quantity'],
          code: 'invalid_quantity',
          message: `Quantity must be a whole number from 0 (got ${count.quantity}).`,
        });
        return;
      }
      const lineId = count.lineId ?? (count.skuId ? bySku.get(count.skuId)?.id : undefined);
      if (lineId) {
        if (!lineIds.has(lineId))
          problems.push({ path: ['lines', i, 'line_id'], code: 'not_found', message: 'This line is not on the RMA.' });
        else if (byLine.has(lineId)) problems.push({ path: ['lines', i], code: 'duplicate', message: 'This line is counted twice.' });
        else byLine.set(lineId, count.quantity);
        return;
      }
      if (count.quantity > 0)
        unresolved.push({ index: i, input: { skuId: count.skuId, sellerSku: count.sellerSku, quantity: count.quantity } });
    });
    if (problems.length > 0) invalid('The counts are not valid.', problems);
    if (unresolved.length > 0) {
      const skuIds = await resolveSkus(
        tx,
        rma.accountId,
        unresolved.map((u) => u.input),
        (k) => ['lines', (unresolved[k] as { index: number }).index],
      );
      const seen = new Map<string, number>();
      unresolved.forEach((u, k) => {
        const skuId = skuIds[k] as string;
        const known = bySku.get(skuId);
        if (known && !byLine.has(known.id)) byLine.set(known.id, u.input.quantity);
        else seen.set(skuId, (seen.get(skuId) ?? 0) + u.input.quantity);
      });
      for (const [skuId, quantity] of seen) extra.push({ skuId, quantity });
    }
    const total = [...byLine.values()].reduce((s, q) => s + q, 0) + extra.reduce((s, e) => s + e.quantity, 0);
    return { byLine, extra, total };
  }

  async function mustFind(tx: Executor, scope: Scope, id: string, forUpdate = false): Promise<ReturnRow> {
    const rma = await findReturn(tx, scope, id, { forUpdate });
    if (!rma) fail(appError('not_found', 'Return not found.'));
    return rma;
  }

  function step(rma: ReturnRow, to: ReturnStatus): void {
    if (canTransition(rma.status as ReturnStatus, to)) return;
    const message = returnTransitionMessage(rma.status as ReturnStatus, to);
    fail(
      appError('invalid_state', `${rma.number}: ${message.en}`, [
        { path: ['status'], code: 'invalid_state', message: message.en, messages: message },
      ]),
    );
  }

  async function detailOf(tx: Executor, rma: ReturnRow): Promise<ReturnDetail> {
    return (await returnDetails(tx, [rma], { withWorkOrders: true }))[0] as ReturnDetail;
  }

  return { list, get, authorise, authoriseFromChannel, cancel, receive, recordUnexpected, inspect, processingTimes };
}

/** RMAs with their lines, SKU labels, warehouse and (for one RMA) the work orders it created. */
async function returnDetails(tx: Executor, rmas: ReturnRow[], options: { withWorkOrders: boolean }): Promise<ReturnDetail[]> {
  const lines = await listReturnLines(
    tx,
    rmas.map((r) => r.id),
  );
  const skus = await skuLabels(
    tx,
    lines.map((l) => l.skuId),
  );
  const warehouses = await warehouseLabels(
    tx,
    rmas.map((r) => r.warehouseId),
  );
  const accountIds = [...new Set(rmas.map((r) => r.accountId))];
  const codes = new Map<string, string>();
  if (accountIds.length > 0) {
    const rows = await selectRows<{ id: string; code: string }>(
      tx,
      sql`SELECT id, code FROM accounts WHERE id IN (${sql.join(
        accountIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    for (const row of rows) codes.set(row.id, row.code);
  }
  const orders = options.withWorkOrders
    ? await workOrderDetails(
        tx,
        await listWorkOrdersBySource(
          tx,
          rmas.map((r) => r.id),
        ),
      )
    : [];
  return rmas.map((rma) => ({
    rma,
    accountCode: codes.get(rma.accountId) ?? '',
    warehouse: warehouses.get(rma.warehouseId) ?? null,
    lines: lines.filter((l) => l.returnId === rma.id).map((line) => ({ line, sku: skus.get(line.skuId) ?? null })),
    workOrders: orders.filter((o) => o.order.sourceId === rma.id),
  }));
}

export type ReturnService = ReturnType<typeof createReturnService>;
