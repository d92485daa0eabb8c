/**
 * Receiving an inbound plan at the dock, driven by a barcode scanner, and putting the goods
 * away. Every step runs in one transaction holding the plan's row lock, so two scanners on one
 * plan take turns and counts never race. A scan that matches nothing on the ASN writes
 * nothing and answers `unknown_barcode` with the code scanned; more units than planned answer
 * `conflict` (over_receipt) unless the operator confirmed them. Good units land at the
 * warehouse's RECEIVING (staging) location, damaged ones at DAMAGED; each receipt relieves the
 * lot's expected units up to what is still expected, and the lot's received date is set by
 * its first receipt. Receiving writes billable events per carton and per unit.
 */
import { sql } from 'drizzle-orm';
import { acceptsReceiving, canTransition, type PlanStatus } from '../../domain/inbound/plan-status.js';
import { DEFAULT_DECLARED_VALUE_FLOOR, type DeclaredValueFloor } from '../../domain/inbound/plan-warnings.js';
import {
  countDeltas,
  inboundRelief,
  type LineReceipt,
  matchSkuBarcode,
  normaliseCode,
  type ReceivingLine,
  shorts,
  spreadScan,
} from '../../domain/inbound/receiving.js';
import type { MovementInput } from '../../domain/inventory/movements.js';
import { type AppError, AppFailure, appError, type BilingualMessage, type ErrorDetail } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import {
  type CartonItemRow,
  type CartonRow,
  findCartonByBarcode,
  findPlan,
  findReceipt,
  insertDiscrepancies,
  insertItem,
  insertReceipt,
  listCartons,
  listItems,
  type NewDiscrepancyRow,
  type PlanRow,
  planLots,
  updateCarton,
  updateItem,
  updatePlan,
} from '../../db/repositories/inbound-plans.js';
import { type BillableEventInput, postMovements, recordBillableEvents } from '../../db/repositories/inventory-ledger.js';
import { findLocationByCode, systemLocation } from '../../db/repositories/locations.js';
import type { SkuRow } from '../../db/repositories/skus.js';
import { findWarehouse } from '../../db/repositories/warehouses.js';
import { inventoryLots, skus } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/tenancy.js';
import { and, eq, inArray } from 'drizzle-orm';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { invalidState, notFound } from './inbound-plans.js';
import { buildPlanView, type PlanView } from './plan-view.js';

export type ScanEvent = {
  /** 'scan' works out whether the code is a carton or a SKU; 'carton' and 'unit' insist. */
  type: 'scan' | 'carton' | 'unit';
  barcode: string;
  quantity?: number;
  damaged?: boolean;
  /** The carton being emptied (its barcode); without it units fill the plan's cartons in order. */
  carton?: string | null;
  acceptOver?: boolean;
  scanId?: string | null;
};

export type CloseCartonEvent = {
  type: 'close_carton';
  carton: string;
  /** Totals counted in the carton per SKU barcode; the difference to what was scanned is received. */
  counts?: { barcode: string; good: number; damaged: number }[];
  acceptOver?: boolean;
  scanId?: string | null;
};

export type RecordUnknownEvent = {
  type: 'record_unknown';
  /** 'unknown_sku': goods not on the ASN found in a carton; 'unknown_carton': a carton not on it. */
  kind: 'unknown_sku' | 'unknown_carton';
  barcode: string;
  quantity: number;
  carton?: string | null;
  note?: string | null;
  scanId?: string | null;
};

export type ReceiveEvent = ScanEvent | CloseCartonEvent | RecordUnknownEvent;

export interface ReceiveOutcome {
  result: 'carton_opened' | 'units_received' | 'carton_closed' | 'unknown_recorded';
  replayed: boolean;
  planStatus: PlanStatus;
  carton: { id: string; cartonNo: number; barcode: string; status: string } | null;
  sku: { id: string; sellerSku: string; planned: number; received: number; damaged: number } | null;
  quantity: number;
  damaged: number;
  over: number;
  message: BilingualMessage;
}

export interface PutawayInput {
  lotId?: string;
  /** With planId: the SKU by id or any of its barcodes. */
  sku?: string;
  planId?: string;
  /** Location code; default the warehouse's RECEIVING location. */
  fromLocation?: string;
  toLocation: string;
  quantity: number;
  /** Put away even though the location's unit capacity would be exceeded. */
  allowOverCapacity?: boolean;
  /** Makes a retried putaway move stock once. */
  requestId?: string | null;
}

export interface PutawayOutcome {
  replayed: boolean;
  lotId: string;
  lotCode: string;
  skuId: string;
  sellerSku: string;
  fromLocation: string;
  toLocation: string;
  quantity: number;
  unitsAtLocation: number;
  capacityUnits: number | null;
  warnings: { code: string; message: string; messages: BilingualMessage }[];
}

/** Fraction of capacity above which a putaway warns that the location is nearly full. */
const NEAR_CAPACITY = 0.9;

export function createReceivingService(deps: ServiceDeps, options: { declaredValueFloor?: DeclaredValueFloor } = {}) {
  const { database, clock, ids } = deps;
  const floor = options.declaredValueFloor ?? DEFAULT_DECLARED_VALUE_FLOOR;

  async function transact<T>(actor: Actor, fn: (tx: Executor, scope: Scope) => Promise<Result<T, AppError>>): Promise<Result<T, AppError>> {
    const scope = scopeOf(actor);
    try {
      return await inScope(database.db, scope, (tx) => fn(tx, scope));
    } catch (error) {
      if (error instanceof AppFailure) return err(error.appError);
      throw error;
    }
  }

  /** One scanner event against a plan. Nothing is written unless the whole event is accepted. */
  async function receive(actor: Actor, planId: string, event: ReceiveEvent): Promise<Result<ReceiveOutcome, AppError>> {
    return transact(actor, async (tx, scope) => {
      const plan = await findPlan(tx, scope, planId, { forUpdate: true });
      if (!plan) return err(notFound());
      if (event.scanId) {
        const previous = await findReceipt(tx, plan.id, event.scanId);
        if (previous) return ok(await replayed(tx, plan, previous));
      }
      if (!acceptsReceiving(plan.status as PlanStatus)) return err(invalidState(plan.status as PlanStatus, 'receiving'));
      const ctx = await loadContext(tx, plan);
      const scanKey = event.scanId ?? ids.next();
      switch (event.type) {
        case 'scan':
        case 'carton':
        case 'unit':
          return scan(tx, actor, ctx, event, scanKey);
        case 'close_carton':
          return closeCarton(tx, actor, ctx, event, scanKey);
        case 'record_unknown':
          return recordUnknown(tx, actor, ctx, event, scanKey);
      }
    });
  }

  interface Context {
    plan: PlanRow;
    cartons: CartonRow[];
    items: CartonItemRow[];
    skus: SkuRow[];
  }

  async function loadContext(tx: Executor, plan: PlanRow): Promise<Context> {
    const [cartons, items] = await Promise.all([listCartons(tx, plan.id), listItems(tx, plan.id)]);
    const skuIds = [...new Set(items.map((i) => i.skuId))];
    const skuRows = skuIds.length > 0 ? await tx.select().from(skus).where(inArray(skus.id, skuIds)) : [];
    return { plan, cartons, items, skus: skuRows };
  }

  function cartonOf(ctx: Context, barcode: string): CartonRow | undefined {
    const code = normaliseCode(barcode);
    return ctx.cartons.find((c) => normaliseCode(c.barcode) === code);
  }

  async function unknownBarcode(tx: Executor, ctx: Context, barcode: string, what: 'carton' | 'code'): Promise<never> {
    const elsewhere = await findCartonByBarcode(tx, barcode);
    const hint =
      elsewhere && elsewhere.planId !== ctx.plan.id
        ? ' It is a carton of another inbound plan; receive it against that plan.'
        : ' Set the item aside and record it as an unknown SKU or carton.';
    const en = `"${barcode}" is not on ${ctx.plan.number}${what === 'carton' ? ' as a carton' : ''}.${hint}`;
    throw new AppFailure(
      appError('unknown_barcode', en, [
        {
          path: ['barcode'],
          field: 'barcode',
          code: 'unknown_barcode',
          message: en,
          messages: {
            en,
            zh: `条码「${barcode}」不在入库单 ${ctx.plan.number} 上。${elsewhere && elsewhere.planId !== ctx.plan.id ? '这是另一张入库单的箱子，请在那张单上收货。' : '请把货物放到一边，并登记为未知 SKU 或未知箱。'}`,
          },
        },
      ]),
    );
  }

  function skuOf(ctx: Context, barcode: string): SkuRow | null {
    const match = matchSkuBarcode(
      barcode,
      ctx.skus.map((s) => ({ skuId: s.id, sellerSku: s.sellerSku, upc: s.upc, fnsku: s.fnsku, msku: s.msku })),
    );
    if (match.kind === 'match') return ctx.skus.find((s) => s.id === match.skuId) as SkuRow;
    if (match.kind === 'ambiguous') {
      const names = ctx.skus.filter((s) => match.skuIds.includes(s.id)).map((s) => s.sellerSku);
      throw new AppFailure(
        appError(
          'validation_failed',
          `"${barcode}" matches several SKUs on this plan (${names.join(', ')}); scan another of its barcodes.`,
          [{ path: ['barcode'], field: 'barcode', code: 'ambiguous_barcode', message: `Matches ${names.join(', ')}.` }],
        ),
      );
    }
    return null;
  }

  async function requireSku(tx: Executor, ctx: Context, barcode: string): Promise<SkuRow> {
    const sku = skuOf(ctx, barcode);
    if (!sku) return unknownBarcode(tx, ctx, barcode, 'code');
    return sku;
  }

  async function scan(
    tx: Executor,
    actor: Actor,
    ctx: Context,
    event: ScanEvent,
    scanKey: string,
  ): Promise<Result<ReceiveOutcome, AppError>> {
    const carton = event.type === 'unit' ? undefined : cartonOf(ctx, event.barcode);
    if (carton) {
      const now = clock.now();
      const opened = await openCartons(tx, ctx, [carton.id], now);
      await insertReceipt(tx, {
        id: ids.next(),
        planId: ctx.plan.id,
        accountId: ctx.plan.accountId,
        cartonId: carton.id,
        kind: 'carton_opened',
        scannedBarcode: event.barcode,
        scanKey,
        quantity: 0,
        damagedQuantity: 0,
        overQuantity: 0,
        receivedBy: actor.userId,
        receivedAt: now,
      });
      const status = await startReceiving(tx, ctx.plan, now);
      const current = ctx.cartons.find((c) => c.id === carton.id) as CartonRow;
      const units = ctx.items.filter((i) => i.cartonId === carton.id).reduce((a, i) => a + i.quantity, 0);
      return ok({
        result: 'carton_opened',
        replayed: false,
        planStatus: status,
        carton: { id: carton.id, cartonNo: carton.cartonNo, barcode: carton.barcode, status: current.status },
        sku: null,
        quantity: 0,
        damaged: 0,
        over: 0,
        message: {
          en: `Carton ${carton.cartonNo} of ${ctx.cartons.length}${opened.length === 0 ? ' (already open)' : ''}: ${units} units planned.`,
          zh: `第 ${carton.cartonNo}/${ctx.cartons.length} 箱${opened.length === 0 ? '（已开箱）' : ''}：计划 ${units} 件。`,
        },
      });
    }
    if (event.type === 'carton') return unknownBarcode(tx, ctx, event.barcode, 'carton');

    const sku = await requireSku(tx, ctx, event.barcode);
    const quantity = event.quantity ?? 1;
    const damaged = event.damaged ?? false;
    const inCarton = event.carton ? cartonOf(ctx, event.carton) : undefined;
    if (event.carton && !inCarton) return unknownBarcode(tx, ctx, event.carton, 'carton');
    let lines = linesOf(ctx, sku.id, inCarton?.id);
    if (inCarton && lines.length === 0) {
      if (!event.acceptOver)
        throw overReceipt(sku, { planned: 0, alreadyReceived: 0, scanned: quantity, over: quantity }, inCarton.cartonNo);
      lines = [await addLine(tx, ctx, inCarton, sku.id)];
    }
    const spread = spreadScan(lines, quantity, damaged, event.acceptOver ?? false);
    if (!spread.ok) throw overReceipt(sku, spread.error, inCarton?.cartonNo);
    const now = clock.now();
    const status = await applyReceipts(tx, actor, ctx, sku, spread.value, now, { scanKey, barcode: event.barcode, kind: 'units' });
    const totals = skuTotals(ctx, sku);
    const over = spread.value.reduce((a, r) => a + r.over, 0);
    const cartonNos = [...new Set(spread.value.map((r) => ctx.cartons.find((c) => c.id === r.cartonId)?.cartonNo))].join(', ');
    const target = inCarton ?? ctx.cartons.find((c) => c.id === spread.value[0]?.cartonId);
    return ok({
      result: 'units_received',
      replayed: false,
      planStatus: status,
      carton: target ? { id: target.id, cartonNo: target.cartonNo, barcode: target.barcode, status: target.status } : null,
      sku: totals,
      quantity,
      damaged: damaged ? quantity : 0,
      over,
      message: {
        en: `${sku.sellerSku}: +${quantity}${damaged ? ' damaged' : ''} (carton ${cartonNos}); ${totals.received + totals.damaged} of ${totals.planned} received${over > 0 ? `, ${over} over plan` : ''}.`,
        zh: `${sku.sellerSku}：+${quantity}${damaged ? '（破损）' : ''}（第 ${cartonNos} 箱）；已收 ${totals.received + totals.damaged}/${totals.planned}${over > 0 ? `，超出计划 ${over}` : ''}。`,
      },
    });
  }

  async function closeCarton(
    tx: Executor,
    actor: Actor,
    ctx: Context,
    event: CloseCartonEvent,
    scanKey: string,
  ): Promise<Result<ReceiveOutcome, AppError>> {
    const carton = cartonOf(ctx, event.carton);
    if (!carton) return unknownBarcode(tx, ctx, event.carton, 'carton');
    if (carton.status === 'received') {
      return err(
        appError('invalid_state', `Carton ${carton.cartonNo} is already closed.`, [
          { path: ['carton'], code: 'carton_closed', message: `Carton ${carton.cartonNo} is already closed.` },
        ]),
      );
    }
    const now = clock.now();
    // Resolve every count first: one unknown barcode and nothing is written.
    const counted: { sku: SkuRow; good: number; damaged: number }[] = [];
    for (const [i, count] of (event.counts ?? []).entries()) {
      let sku: SkuRow;
      try {
        sku = await requireSku(tx, ctx, count.barcode);
      } catch (error) {
        if (error instanceof AppFailure)
          throw new AppFailure({
            ...error.appError,
            details: error.appError.details?.map((d) => ({ ...d, path: ['counts', i, 'barcode'] })),
          });
        throw error;
      }
      if (counted.some((c) => c.sku.id === sku.id))
        throw new AppFailure(
          appError('validation_failed', `${sku.sellerSku} is counted twice.`, [
            { path: ['counts', i, 'barcode'], code: 'duplicate_sku', message: `${sku.sellerSku} is counted twice.` },
          ]),
        );
      counted.push({ sku, good: count.good, damaged: count.damaged });
    }
    const bySku: { sku: SkuRow; receipts: LineReceipt[] }[] = [];
    const problems: ErrorDetail[] = [];
    for (const [i, c] of counted.entries()) {
      let [line] = linesOf(ctx, c.sku.id, carton.id);
      if (!line) {
        if (c.good + c.damaged === 0) continue;
        if (!event.acceptOver)
          throw overReceipt(
            c.sku,
            { planned: 0, alreadyReceived: 0, scanned: c.good + c.damaged, over: c.good + c.damaged },
            carton.cartonNo,
          );
        line = await addLine(tx, ctx, carton, c.sku.id);
      }
      const delta = countDeltas(line, { skuId: c.sku.id, good: c.good, damaged: c.damaged });
      if (!delta.ok) {
        problems.push({ ...delta.error, path: ['counts', i] });
        continue;
      }
      if (delta.value.over > 0 && !event.acceptOver)
        throw overReceipt(
          c.sku,
          {
            planned: line.planned,
            alreadyReceived: line.received + line.damaged,
            scanned: delta.value.good + delta.value.damaged,
            over: delta.value.over,
          },
          carton.cartonNo,
        );
      if (delta.value.good + delta.value.damaged > 0)
        bySku.push({ sku: c.sku, receipts: [{ itemId: line.itemId, cartonId: carton.id, ...delta.value }] });
    }
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid count.', problems));
    let status = await startReceiving(tx, ctx.plan, now);
    await openCartons(tx, ctx, [carton.id], now);
    let quantity = 0;
    let damaged = 0;
    let over = 0;
    for (const [n, entry] of bySku.entries()) {
      status = await applyReceipts(tx, actor, ctx, entry.sku, entry.receipts, now, {
        scanKey: `${scanKey}#${n}`,
        barcode: null,
        kind: 'carton_closed',
      });
      for (const r of entry.receipts) {
        quantity += r.good + r.damaged;
        damaged += r.damaged;
        over += r.over;
      }
    }
    await updateCarton(tx, carton.id, { status: 'received', closedAt: now });
    await insertReceipt(tx, {
      id: ids.next(),
      planId: ctx.plan.id,
      accountId: ctx.plan.accountId,
      cartonId: carton.id,
      kind: 'carton_closed',
      scannedBarcode: event.carton,
      scanKey,
      quantity,
      damagedQuantity: damaged,
      overQuantity: over,
      receivedBy: actor.userId,
      receivedAt: now,
    });
    const lines = linesOf(ctx, null, carton.id);
    const planned = lines.reduce((a, l) => a + l.planned, 0);
    const got = lines.reduce((a, l) => a + l.received + l.damaged, 0);
    return ok({
      result: 'carton_closed',
      replayed: false,
      planStatus: status,
      carton: { id: carton.id, cartonNo: carton.cartonNo, barcode: carton.barcode, status: 'received' },
      sku: null,
      quantity,
      damaged,
      over,
      message: {
        en: `Carton ${carton.cartonNo} closed: ${got} of ${planned} units received${damaged > 0 ? `, ${damaged} damaged` : ''}.`,
        zh: `第 ${carton.cartonNo} 箱已完成：收货 ${got}/${planned} 件${damaged > 0 ? `，破损 ${damaged}` : ''}。`,
      },
    });
  }

  async function recordUnknown(
    tx: Executor,
    actor: Actor,
    ctx: Context,
    event: RecordUnknownEvent,
    scanKey: string,
  ): Promise<Result<ReceiveOutcome, AppError>> {
    const carton = event.carton ? cartonOf(ctx, event.carton) : undefined;
    if (event.carton && !carton) return unknownBarcode(tx, ctx, event.carton, 'carton');
    const now = clock.now();
    const status = await startReceiving(tx, ctx.plan, now);
    await insertDiscrepancies(tx, [
      {
        id: ids.next(),
        planId: ctx.plan.id,
        accountId: ctx.plan.accountId,
        cartonId: carton?.id ?? null,
        skuId: null,
        scannedBarcode: event.barcode.trim(),
        kind: event.kind,
        quantity: event.quantity,
        note: event.note?.trim() || null,
        recordedBy: actor.userId,
        recordedAt: now,
      },
    ]);
    await insertReceipt(tx, {
      id: ids.next(),
      planId: ctx.plan.id,
      accountId: ctx.plan.accountId,
      cartonId: carton?.id ?? null,
      kind: 'unknown_recorded',
      scannedBarcode: event.barcode.trim(),
      scanKey,
      quantity: event.quantity,
      damagedQuantity: 0,
      overQuantity: 0,
      receivedBy: actor.userId,
      receivedAt: now,
    });
    const what = event.kind === 'unknown_sku' ? { en: 'unknown goods', zh: '未知货品' } : { en: 'unknown carton(s)', zh: '未知箱' };
    return ok({
      result: 'unknown_recorded',
      replayed: false,
      planStatus: status,
      carton: carton ? { id: carton.id, cartonNo: carton.cartonNo, barcode: carton.barcode, status: carton.status } : null,
      sku: null,
      quantity: event.quantity,
      damaged: 0,
      over: 0,
      message: {
        en: `Recorded ${event.quantity} × ${what.en} "${event.barcode.trim()}" as a discrepancy; no stock was received.`,
        zh: `已登记 ${event.quantity} 件${what.zh}「${event.barcode.trim()}」为差异，未入库存。`,
      },
    });
  }

  function linesOf(ctx: Context, skuId: string | null, cartonId?: string): ReceivingLine[] {
    const cartonNo = new Map(ctx.cartons.map((c) => [c.id, c.cartonNo]));
    return ctx.items
      .filter((i) => (skuId === null || i.skuId === skuId) && (!cartonId || i.cartonId === cartonId))
      .map((i) => ({
        itemId: i.id,
        cartonId: i.cartonId,
        cartonNo: cartonNo.get(i.cartonId) ?? 0,
        skuId: i.skuId,
        planned: i.quantity,
        received: i.receivedQuantity,
        damaged: i.damagedQuantity,
      }));
  }

  async function addLine(tx: Executor, ctx: Context, carton: CartonRow, skuId: string): Promise<ReceivingLine> {
    const item = await insertItem(tx, {
      id: ids.next(),
      cartonId: carton.id,
      planId: ctx.plan.id,
      accountId: ctx.plan.accountId,
      skuId,
      quantity: 0,
      receivedQuantity: 0,
      damagedQuantity: 0,
      declaredValueMinor: null,
      declaredCurrency: null,
    });
    ctx.items.push(item);
    return { itemId: item.id, cartonId: carton.id, cartonNo: carton.cartonNo, skuId, planned: 0, received: 0, damaged: 0 };
  }

  function skuTotals(ctx: Context, sku: SkuRow) {
    const lines = ctx.items.filter((i) => i.skuId === sku.id);
    return {
      id: sku.id,
      sellerSku: sku.sellerSku,
      planned: lines.reduce((a, i) => a + i.quantity, 0),
      received: lines.reduce((a, i) => a + i.receivedQuantity, 0),
      damaged: lines.reduce((a, i) => a + i.damagedQuantity, 0),
    };
  }

  /** Marks cartons opened (once) and writes their receiving_carton billable event. */
  async function openCartons(tx: Executor, ctx: Context, cartonIds: string[], now: Date): Promise<CartonRow[]> {
    const opened = ctx.cartons.filter((c) => cartonIds.includes(c.id) && c.status === 'expected');
    for (const c of opened) {
      await updateCarton(tx, c.id, { status: 'opened', openedAt: now });
      c.status = 'opened';
      c.openedAt = now;
    }
    await recordBillableEvents(
      tx,
      ids,
      now,
      opened.map((c) => ({
        accountId: ctx.plan.accountId,
        kind: 'receiving_carton',
        warehouseId: ctx.plan.destinationWarehouseId,
        occurredAt: now,
        quantity: 1,
        unit: 'carton',
        attributes: {
          plan_number: ctx.plan.number,
          carton_no: c.cartonNo,
          length_mm: c.lengthMm,
          width_mm: c.widthMm,
          height_mm: c.heightMm,
          weight_g: c.weightG,
        },
        sourceType: 'inbound_carton',
        sourceId: c.id,
        idempotencyKey: `receiving_carton:${c.id}`,
      })),
    );
    return opened;
  }

  async function startReceiving(tx: Executor, plan: PlanRow, now: Date): Promise<PlanStatus> {
    if (plan.status === 'receiving') return 'receiving';
    if (!canTransition(plan.status as PlanStatus, 'receiving')) throw new AppFailure(invalidState(plan.status as PlanStatus, 'receiving'));
    await updatePlan(tx, plan.id, { status: 'receiving', receivingStartedAt: now, updatedAt: now });
    plan.status = 'receiving';
    return 'receiving';
  }

  /**
   * Writes accepted receipts of one SKU: line counts, cartons opened, ledger movements into
   * staging and DAMAGED, the lot's received date, discrepancies for damaged and over units, the
   * receipt row, and the receiving_unit billable event.
   */
  async function applyReceipts(
    tx: Executor,
    actor: Actor,
    ctx: Context,
    sku: SkuRow,
    receipts: LineReceipt[],
    now: Date,
    source: { scanKey: string; barcode: string | null; kind: 'units' | 'carton_closed' },
  ): Promise<PlanStatus> {
    const status = await startReceiving(tx, ctx.plan, now);
    await openCartons(
      tx,
      ctx,
      receipts.map((r) => r.cartonId),
      now,
    );
    for (const r of receipts) {
      const item = ctx.items.find((i) => i.id === r.itemId) as CartonItemRow;
      item.receivedQuantity += r.good;
      item.damagedQuantity += r.damaged;
      await updateItem(tx, item.id, { receivedQuantity: item.receivedQuantity, damagedQuantity: item.damagedQuantity });
    }
    const good = receipts.reduce((a, r) => a + r.good, 0);
    const damaged = receipts.reduce((a, r) => a + r.damaged, 0);
    const over = receipts.reduce((a, r) => a + r.over, 0);

    const warehouseId = ctx.plan.destinationWarehouseId;
    const lot = (await planLots(tx, ctx.plan.id, { forUpdate: true, skuIds: [sku.id] })).get(sku.id);
    if (!lot) throw new Error(`Plan ${ctx.plan.number} has no lot for SKU ${sku.sellerSku}; was it submitted?`);
    const staging = await systemLocation(tx, warehouseId, 'staging', ids);
    const damagedAt = await systemLocation(tx, warehouseId, 'damaged', ids);
    const goodRelief = inboundRelief(lot.inbound, good);
    const damagedRelief = inboundRelief(lot.inbound - goodRelief, damaged);
    const base = {
      accountId: ctx.plan.accountId,
      skuId: sku.id,
      warehouseId,
      lotId: lot.id,
      sourceType: 'inbound_plan',
      sourceId: ctx.plan.id,
      userId: actor.userId,
    };
    const cartonNos = [...new Set(receipts.map((r) => ctx.cartons.find((c) => c.id === r.cartonId)?.cartonNo))].join(',');
    const movements: MovementInput[] = [];
    if (good > 0)
      movements.push({
        ...base,
        movement: 'receive',
        inboundDelta: -goodRelief,
        onHandDelta: good,
        locationId: staging.id,
        locationDelta: good,
        note: `carton ${cartonNos}`,
      });
    if (damaged > 0)
      movements.push({
        ...base,
        movement: 'receive',
        inboundDelta: -damagedRelief,
        damagedDelta: damaged,
        locationId: damagedAt.id,
        locationDelta: damaged,
        reasonCode: 'damaged',
        note: `carton ${cartonNos}, damaged on arrival`,
      });
    await postMovements(tx, ids, now, movements);
    if (!lot.receivedOn) {
      const warehouse = await findWarehouse(tx, warehouseId);
      await tx
        .update(inventoryLots)
        .set({ receivedOn: localDate(now, warehouse?.timezone ?? 'UTC') })
        .where(and(eq(inventoryLots.id, lot.id), sql`${inventoryLots.receivedOn} IS NULL`));
    }

    const receiptId = ids.next();
    const firstCarton = ctx.cartons.find((c) => c.id === receipts[0]?.cartonId);
    const discrepancies: NewDiscrepancyRow[] = [];
    for (const r of receipts) {
      const base = {
        planId: ctx.plan.id,
        accountId: ctx.plan.accountId,
        cartonId: r.cartonId,
        skuId: sku.id,
        scannedBarcode: source.barcode,
        recordedBy: actor.userId,
        recordedAt: now,
      };
      if (r.damaged > 0) discrepancies.push({ id: ids.next(), ...base, kind: 'damaged', quantity: r.damaged, note: null });
      if (r.over > 0) discrepancies.push({ id: ids.next(), ...base, kind: 'over', quantity: r.over, note: 'confirmed over-receipt' });
    }
    await insertDiscrepancies(tx, discrepancies);
    if (source.kind === 'units') {
      await insertReceipt(tx, {
        id: receiptId,
        planId: ctx.plan.id,
        accountId: ctx.plan.accountId,
        cartonId: receipts.length === 1 ? (receipts[0]?.cartonId ?? null) : null,
        skuId: sku.id,
        kind: 'units',
        scannedBarcode: source.barcode,
        scanKey: source.scanKey,
        quantity: good + damaged,
        damagedQuantity: damaged,
        overQuantity: over,
        receivedBy: actor.userId,
        receivedAt: now,
      });
    }
    const event: BillableEventInput = {
      accountId: ctx.plan.accountId,
      kind: 'receiving_unit',
      warehouseId,
      occurredAt: now,
      quantity: good + damaged,
      unit: 'unit',
      attributes: {
        plan_number: ctx.plan.number,
        sku_id: sku.id,
        seller_sku: sku.sellerSku,
        good,
        damaged,
        over,
        carton_nos: cartonNos,
        unit_length: sku.length,
        unit_width: sku.width,
        unit_height: sku.height,
        unit_dimension_unit: sku.dimensionUnit,
        unit_weight: sku.weight,
        unit_weight_unit: sku.weightUnit,
        ...(firstCarton
          ? {
              carton_length_mm: firstCarton.lengthMm,
              carton_width_mm: firstCarton.widthMm,
              carton_height_mm: firstCarton.heightMm,
              carton_weight_g: firstCarton.weightG,
            }
          : {}),
      },
      sourceType: 'inbound_receipt',
      sourceId: receiptId,
      idempotencyKey: `receiving_unit:${ctx.plan.id}:${source.scanKey}`,
    };
    await recordBillableEvents(tx, ids, now, [event]);
    return status;
  }

  async function replayed(
    tx: Executor,
    plan: PlanRow,
    receipt: {
      kind: string;
      cartonId: string | null;
      skuId: string | null;
      quantity: number;
      damagedQuantity: number;
      overQuantity: number;
    },
  ): Promise<ReceiveOutcome> {
    const ctx = await loadContext(tx, plan);
    const carton = receipt.cartonId ? ctx.cartons.find((c) => c.id === receipt.cartonId) : undefined;
    const sku = receipt.skuId ? ctx.skus.find((s) => s.id === receipt.skuId) : undefined;
    const result =
      receipt.kind === 'carton_opened'
        ? 'carton_opened'
        : receipt.kind === 'carton_closed'
          ? 'carton_closed'
          : receipt.kind === 'units'
            ? 'units_received'
            : 'unknown_recorded';
    return {
      result,
      replayed: true,
      planStatus: plan.status as PlanStatus,
      carton: carton ? { id: carton.id, cartonNo: carton.cartonNo, barcode: carton.barcode, status: carton.status } : null,
      sku: sku ? skuTotals(ctx, sku) : null,
      quantity: receipt.quantity,
      damaged: receipt.damagedQuantity,
      over: receipt.overQuantity,
      message: { en: 'This scan was already recorded; nothing changed.', zh: '此次扫描已记录过，未重复收货。' },
    };
  }

  function overReceipt(
    sku: SkuRow,
    over: { planned: number; alreadyReceived: number; scanned: number; over: number },
    cartonNo?: number,
  ): AppFailure {
    const where = cartonNo !== undefined ? ` in carton ${cartonNo}` : '';
    const en =
      over.planned === 0
        ? `${sku.sellerSku} is not planned${where}. Confirm the over-receipt (accept_over) to receive ${over.scanned} anyway.`
        : `${over.scanned} more ${sku.sellerSku}${where} would exceed the ${over.planned} planned (${over.alreadyReceived} already received) by ${over.over}. Confirm the over-receipt (accept_over) to receive them.`;
    const zh =
      over.planned === 0
        ? `${sku.sellerSku} 不在${cartonNo !== undefined ? `第 ${cartonNo} 箱` : '计划'}中。如确认多到，请确认超收后再收 ${over.scanned} 件。`
        : `再收 ${over.scanned} 件 ${sku.sellerSku} 将超出计划 ${over.planned} 件（已收 ${over.alreadyReceived}）${over.over} 件。如确认多到，请确认超收。`;
    return new AppFailure(
      appError('conflict', en, [{ path: ['quantity'], field: 'quantity', code: 'over_receipt', message: en, messages: { en, zh } }]),
    );
  }

  /** Ends receiving: what never arrived is short, expected units left are cancelled. */
  async function complete(actor: Actor, planId: string): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const plan = await findPlan(tx, scope, planId, { forUpdate: true });
      if (!plan) return err(notFound());
      if (!canTransition(plan.status as PlanStatus, 'received')) return err(invalidState(plan.status as PlanStatus, 'received'));
      const ctx = await loadContext(tx, plan);
      const now = clock.now();
      const missing = shorts(linesOf(ctx, null));
      await insertDiscrepancies(
        tx,
        missing.map((s) => ({
          id: ids.next(),
          planId: plan.id,
          accountId: plan.accountId,
          cartonId: s.cartonId,
          skuId: s.skuId,
          scannedBarcode: null,
          kind: 'short' as const,
          quantity: s.quantity,
          note: ctx.cartons.find((c) => c.id === s.cartonId)?.status === 'expected' ? 'carton never arrived' : null,
          recordedBy: actor.userId,
          recordedAt: now,
        })),
      );
      for (const c of ctx.cartons) {
        if (c.status === 'expected') await updateCarton(tx, c.id, { status: 'missing' });
        else if (c.status === 'opened') await updateCarton(tx, c.id, { status: 'received', closedAt: now });
      }
      const lots = await planLots(tx, plan.id, { forUpdate: true });
      await postMovements(
        tx,
        ids,
        now,
        [...lots.values()]
          .filter((l) => l.inbound > 0)
          .map((l) => ({
            accountId: plan.accountId,
            skuId: l.skuId,
            warehouseId: l.warehouseId,
            lotId: l.id,
            movement: 'inbound_cancelled' as const,
            inboundDelta: -l.inbound,
            note: 'short at receipt',
            sourceType: 'inbound_plan',
            sourceId: plan.id,
            userId: actor.userId,
          })),
      );
      const updated = await updatePlan(tx, plan.id, { status: 'received', receivedAt: now, updatedAt: now });
      return ok(await buildPlanView(tx, scope, updated, floor));
    });
  }

  async function close(actor: Actor, planId: string): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const plan = await findPlan(tx, scope, planId, { forUpdate: true });
      if (!plan) return err(notFound());
      if (!canTransition(plan.status as PlanStatus, 'closed')) return err(invalidState(plan.status as PlanStatus, 'closed'));
      const now = clock.now();
      const updated = await updatePlan(tx, plan.id, { status: 'closed', closedAt: now, updatedAt: now });
      return ok(await buildPlanView(tx, scope, updated, floor));
    });
  }

  /** Moves received units from the dock (or any location) to a bin, shelf or pallet. */
  async function putaway(actor: Actor, input: PutawayInput): Promise<Result<PutawayOutcome, AppError>> {
    return transact(actor, async (tx, scope) => {
      const lot = await resolveLot(tx, scope, input);
      const [sku] = await tx.select().from(skus).where(eq(skus.id, lot.skuId));
      const requestKey = input.requestId?.trim() || ids.next();
      if (input.requestId) {
        const [done] = await selectRows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM inventory_ledger WHERE account_id = ${lot.accountId} AND source_type = 'putaway' AND source_id = ${requestKey}`,
        );
        if (Number(done?.n ?? 0) > 0) return ok(await putawayReplay(tx, lot, sku as SkuRow, requestKey));
      }
      const from = input.fromLocation
        ? await findLocationByCode(tx, lot.warehouseId, input.fromLocation)
        : await systemLocation(tx, lot.warehouseId, 'staging', ids);
      if (!from) return err(locationMissing('from_location', input.fromLocation as string));
      const to = await findLocationByCode(tx, lot.warehouseId, input.toLocation);
      if (!to) return err(locationMissing('to_location', input.toLocation));
      if (to.status !== 'active' || !['bin', 'shelf', 'pallet', 'floor'].includes(to.locationType)) {
        return err(
          appError(
            'validation_failed',
            `${to.code} is a ${to.status === 'active' ? to.locationType : 'archived'} location; put away to an active bin, shelf, pallet or floor location.`,
            [{ path: ['to_location'], field: 'to_location', code: 'not_a_storage_location', message: `${to.code} cannot take putaway.` }],
          ),
        );
      }
      if (from.id === to.id)
        return err(
          appError('validation_failed', 'From and to are the same location.', [
            { path: ['to_location'], code: 'same_location', message: 'Choose another location.' },
          ]),
        );
      const [atFrom] = await selectRows<{ quantity: number }>(
        tx,
        sql`SELECT quantity FROM location_stock WHERE lot_id = ${lot.id} AND location_id = ${from.id} FOR UPDATE`,
      );
      const available = Number(atFrom?.quantity ?? 0);
      if (input.quantity > available) {
        const en = `Only ${available} unit(s) of lot ${lot.code} are at ${from.code}; cannot put away ${input.quantity}.`;
        return err(
          appError('insufficient_stock', en, [
            {
              path: ['quantity'],
              field: 'quantity',
              code: 'insufficient_location_stock',
              message: en,
              messages: { en, zh: `批次 ${lot.code} 在 ${from.code} 只有 ${available} 件，无法上架 ${input.quantity} 件。` },
            },
          ]),
        );
      }
      // Lock the target location so two putaways cannot both squeeze into its last space.
      await selectRows(tx, sql`SELECT id FROM locations WHERE id = ${to.id} FOR UPDATE`);
      const [occupied] = await selectRows<{ units: number }>(
        tx,
        sql`SELECT coalesce(sum(quantity), 0)::int AS units FROM location_stock WHERE location_id = ${to.id}`,
      );
      const after = Number(occupied?.units ?? 0) + input.quantity;
      const warnings: PutawayOutcome['warnings'] = [];
      if (to.capacityUnits !== null && after > to.capacityUnits) {
        const en = `${to.code} holds ${to.capacityUnits} units; ${Number(occupied?.units ?? 0)} are there, so ${input.quantity} more would make ${after}.`;
        if (!input.allowOverCapacity) {
          return err(
            appError('conflict', `${en} Choose another location, or confirm (allow_over_capacity) to exceed it.`, [
              {
                path: ['to_location'],
                field: 'to_location',
                code: 'capacity_exceeded',
                message: en,
                messages: {
                  en,
                  zh: `${to.code} 容量 ${to.capacityUnits} 件，现有 ${Number(occupied?.units ?? 0)} 件，再放 ${input.quantity} 件将达 ${after} 件。`,
                },
              },
            ]),
          );
        }
        warnings.push({
          code: 'over_capacity',
          message: `${en} Accepted over capacity.`,
          messages: { en: `${en} Accepted over capacity.`, zh: `${to.code} 已超出容量（${after}/${to.capacityUnits}）。` },
        });
      } else if (to.capacityUnits !== null && after >= to.capacityUnits * NEAR_CAPACITY) {
        warnings.push({
          code: 'near_capacity',
          message: `${to.code} is now ${after} of ${to.capacityUnits} units full.`,
          messages: {
            en: `${to.code} is now ${after} of ${to.capacityUnits} units full.`,
            zh: `${to.code} 已用 ${after}/${to.capacityUnits} 件，接近满仓。`,
          },
        });
      }
      const now = clock.now();
      const base = {
        accountId: lot.accountId,
        skuId: lot.skuId,
        warehouseId: lot.warehouseId,
        lotId: lot.id,
        movement: 'putaway' as const,
        sourceType: 'putaway',
        sourceId: requestKey,
        userId: actor.userId,
      };
      await postMovements(tx, ids, now, [
        { ...base, locationId: from.id, locationDelta: -input.quantity },
        { ...base, locationId: to.id, locationDelta: input.quantity },
      ]);
      await recordBillableEvents(tx, ids, now, [
        {
          accountId: lot.accountId,
          kind: 'putaway_unit',
          warehouseId: lot.warehouseId,
          occurredAt: now,
          quantity: input.quantity,
          unit: 'unit',
          attributes: {
            lot_code: lot.code,
            sku_id: lot.skuId,
            seller_sku: sku?.sellerSku,
            from: from.code,
            to: to.code,
            location_type: to.locationType,
          },
          sourceType: 'putaway',
          sourceId: requestKey,
          idempotencyKey: `putaway_unit:${requestKey}`,
        },
      ]);
      return ok({
        replayed: false,
        lotId: lot.id,
        lotCode: lot.code,
        skuId: lot.skuId,
        sellerSku: sku?.sellerSku ?? '',
        fromLocation: from.code,
        toLocation: to.code,
        quantity: input.quantity,
        unitsAtLocation: after,
        capacityUnits: to.capacityUnits,
        warnings,
      });
    });
  }

  async function resolveLot(tx: Executor, scope: Scope, input: PutawayInput) {
    const own = scope.kind === 'seller' ? scope.accountId : null;
    if (input.lotId) {
      const [lot] = await tx
        .select()
        .from(inventoryLots)
        .where(and(eq(inventoryLots.id, input.lotId), own ? eq(inventoryLots.accountId, own) : undefined));
      if (!lot)
        throw new AppFailure(appError('not_found', 'Lot not found.', [{ path: ['lot_id'], code: 'not_found', message: 'No such lot.' }]));
      return lot;
    }
    if (!input.planId || !input.sku)
      throw new AppFailure(
        appError('validation_failed', 'Name the lot (lot_id), or the plan and the SKU (plan_id and sku).', [
          { path: ['lot_id'], code: 'required', message: 'lot_id, or plan_id with sku, is required.' },
        ]),
      );
    const plan = await findPlan(tx, scope, input.planId);
    if (!plan) throw new AppFailure(notFound());
    const ctx = await loadContext(tx, plan);
    const byId = ctx.skus.find((s) => s.id === input.sku);
    const sku = byId ?? (await requireSku(tx, ctx, input.sku));
    const [lot] = await tx
      .select()
      .from(inventoryLots)
      .where(and(eq(inventoryLots.sourceType, 'inbound'), eq(inventoryLots.sourceId, plan.id), eq(inventoryLots.skuId, sku.id)));
    if (!lot)
      throw new AppFailure(
        appError('invalid_state', `Plan ${plan.number} has no stock of ${sku.sellerSku} yet; submit and receive it first.`),
      );
    return lot;
  }

  async function putawayReplay(
    tx: Executor,
    lot: typeof inventoryLots.$inferSelect,
    sku: SkuRow,
    requestKey: string,
  ): Promise<PutawayOutcome> {
    const rows = await selectRows<{ code: string; location_delta: number; capacity_units: number | null; location_id: string }>(
      tx,
      sql`SELECT l.code, g.location_delta, l.capacity_units, g.location_id FROM inventory_ledger g JOIN locations l ON l.id = g.location_id
           WHERE g.account_id = ${lot.accountId} AND g.source_type = 'putaway' AND g.source_id = ${requestKey} ORDER BY g.seq`,
    );
    const from = rows.find((r) => Number(r.location_delta) < 0);
    const to = rows.find((r) => Number(r.location_delta) > 0);
    const [units] = to
      ? await selectRows<{ n: number }>(
          tx,
          sql`SELECT coalesce(sum(quantity), 0)::int AS n FROM location_stock WHERE location_id = ${to.location_id}`,
        )
      : [];
    return {
      replayed: true,
      lotId: lot.id,
      lotCode: lot.code,
      skuId: lot.skuId,
      sellerSku: sku.sellerSku,
      fromLocation: from?.code ?? '',
      toLocation: to?.code ?? '',
      quantity: Number(to?.location_delta ?? 0),
      unitsAtLocation: Number(units?.n ?? 0),
      capacityUnits: to?.capacity_units ?? null,
      warnings: [],
    };
  }

  return { receive, complete, close, putaway };
}

export type ReceivingService = ReturnType<typeof createReceivingService>;

function locationMissing(field: string, code: string): AppError {
  return appError('validation_failed', `No location "${code}" in this warehouse.`, [
    { path: [field], field, code: 'unknown_location', message: `No location "${code}".` },
  ]);
}

/** The calendar date at the warehouse when the goods arrived: ageing counts from it. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
