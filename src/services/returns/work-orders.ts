/**
 * Work orders: a seller (or staff) asks for bench work — QC, photos, relabel, kitting,
 * dekitting — or for stock to leave (disposal, ship back, transfer out); returns and exit
 * plans create them too. Staff start and complete them. Completing one that moves stock
 * posts its ledger rows in the same transaction as the status change and the billable
 * events, so a refused movement (not enough components, say) leaves the order, the ledger
 * and the bill exactly as they were.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connect.js';
import {
  type BillableEventInput,
  createLot,
  nextNumber,
  postMovements,
  recordBillableEvents,
} from '../../db/repositories/inventory-ledger.js';
import { systemLocation } from '../../db/repositories/locations.js';
import { findReturn, listReturnLines, updateReturn } from '../../db/repositories/returns.js';
import { findSku } from '../../db/repositories/skus.js';
import { loadTakeLots } from '../../db/repositories/stock-takes.js';
import { findExitPlan, updateExitPlan } from '../../db/repositories/exit-plans.js';
import { findWarehouse } from '../../db/repositories/warehouses.js';
import {
  findWorkOrder,
  insertWorkOrders,
  listKitComponents,
  listWorkOrders,
  listWorkOrdersBySource,
  updateWorkOrder,
  type WorkOrderFilter,
  type WorkOrderRow,
} from '../../db/repositories/work-orders.js';
import type { Page } from '../../db/pagination.js';
import { inScope, PROVIDER_SCOPE, type Scope } from '../../db/tenancy.js';
import type { MovementInput } from '../../domain/inventory/movements.js';
import { type Evidence, normaliseEvidence } from '../../domain/returns/returns.js';
import { appError, type AppError, type ErrorDetail } from '../../domain/shared/errors.js';
import type { IdGenerator } from '../../domain/shared/ids.js';
import type { Result } from '../../domain/shared/result.js';
import { componentUnits } from '../../domain/work-orders/kits.js';
import { planTake, type Take, type TakeBucket } from '../../domain/work-orders/stock-take.js';
import {
  billableKind,
  cancellableBy,
  canTransition,
  validateCompletion,
  validateWorkOrderRequest,
  type WorkOrderKind,
  type WorkOrderSource,
  type WorkOrderStatus,
  workOrderNumber,
  workOrderTransitionMessage,
} from '../../domain/work-orders/work-orders.js';
import { assertWarehouseAllowed } from '../inventory/access.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { resolveAccount } from '../skus.js';
import {
  fail,
  inTransaction,
  invalid,
  isStaff,
  localDate,
  requireStaff,
  type SkuLabel,
  skuLabels,
  type WarehouseLabel,
  warehouseLabels,
} from './common.js';

export interface NewWorkOrder {
  accountId: string;
  warehouseId: string;
  kind: WorkOrderKind;
  skuId: string | null;
  quantity: number;
  instructions?: string | null;
  destination?: string | null;
  sourceType: WorkOrderSource;
  sourceId?: string | null;
  sourceLineId?: string | null;
  requestedBy?: string | null;
}

/**
 * Inserts work orders with their gap-free WO numbers (the caller has checked them).
 * @example await insertNewWorkOrders(tx, ids, now, [{ accountId, warehouseId, kind: 'relabel', skuId, quantity: 3, sourceType: 'return', sourceId: rma.id }])
 */
export async function insertNewWorkOrders(tx: Executor, ids: IdGenerator, at: Date, orders: NewWorkOrder[]): Promise<WorkOrderRow[]> {
  const rows = [];
  for (const order of orders) {
    const n = await nextNumber(tx, 'wo', String(at.getUTCFullYear()));
    rows.push({
      id: ids.next(),
      accountId: order.accountId,
      number: workOrderNumber(at.getUTCFullYear(), n),
      warehouseId: order.warehouseId,
      kind: order.kind,
      status: 'requested',
      skuId: order.skuId,
      quantity: order.quantity,
      instructions: order.instructions?.trim() || null,
      destination: order.destination?.trim() || null,
      sourceType: order.sourceType,
      sourceId: order.sourceId ?? null,
      sourceLineId: order.sourceLineId ?? null,
      requestedBy: order.requestedBy ?? null,
      createdAt: at,
      updatedAt: at,
    });
  }
  return insertWorkOrders(tx, rows);
}

export interface WorkOrderRequestInput {
  accountId?: string;
  warehouseId: string;
  kind: WorkOrderKind;
  skuId?: string | null;
  quantity: number;
  instructions?: string | null;
  destination?: string | null;
}

export interface CompletionInput {
  unitsDone?: number;
  minutes?: number | null;
  evidence?: Evidence | null;
  note?: string | null;
}

export interface WorkOrderDetail {
  order: WorkOrderRow;
  sku: SkuLabel | null;
  warehouse: WarehouseLabel | null;
  /** The RMA or exit plan number it came from. */
  sourceNumber: string | null;
}

export function createWorkOrderService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;
  const db = database.db;

  async function list(actor: Actor, filter: WorkOrderFilter): Promise<Page<WorkOrderDetail>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const page = await listWorkOrders(tx, scope, filter);
      return { items: await details(tx, page.items), nextCursor: page.nextCursor };
    });
  }

  async function get(actor: Actor, id: string): Promise<Result<WorkOrderDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => detailOf(tx, await mustFind(tx, scope, id)));
  }

  /** A seller's (or staff's) request for bench work or for stock to leave. */
  async function request(actor: Actor, input: WorkOrderRequestInput): Promise<Result<WorkOrderDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const account = await resolveAccount(tx, actor, scope, input.accountId);
      if (!account.ok) fail(account.error);
      const accountId = account.value;
      const problems = validateWorkOrderRequest({
        kind: input.kind,
        skuId: input.skuId ?? null,
        quantity: input.quantity,
        destination: input.destination ?? null,
      });
      if (problems.length > 0) invalid('The work order is not valid.', problems);
      const warehouse = await findWarehouse(tx, input.warehouseId);
      if (!warehouse) invalid('Unknown warehouse.', [{ path: ['warehouse_id'], code: 'not_found', message: 'No such warehouse.' }]);
      await assertWarehouseAllowed(tx, accountId, warehouse.id);
      if (input.skuId) {
        const sku = await findSku(tx, { kind: 'seller', accountId }, input.skuId);
        if (!sku)
          invalid('Unknown SKU.', [{ path: ['sku_id'], code: 'not_found', message: 'This SKU is not in the account’s catalogue.' }]);
        if (input.kind === 'kitting' || input.kind === 'dekitting') {
          const recipe = await listKitComponents(tx, PROVIDER_SCOPE, { kitSkuIds: [sku.id] });
          if (recipe.length === 0) {
            invalid('This SKU is not a kit.', [
              {
                path: ['sku_id'],
                code: 'not_a_kit',
                message: `${sku.sellerSku} has no kit recipe; define its components first (PUT /v1/kits/${sku.id}).`,
                messages: { en: `${sku.sellerSku} has no kit recipe.`, zh: `${sku.sellerSku} 尚未设置组套组件。` },
              },
            ]);
          }
        }
      }
      const [order] = await insertNewWorkOrders(tx, ids, clock.now(), [
        {
          accountId,
          warehouseId: warehouse.id,
          kind: input.kind,
          skuId: input.skuId ?? null,
          quantity: input.quantity,
          instructions: input.instructions,
          destination: input.destination,
          sourceType: 'request',
          requestedBy: actor.userId,
        },
      ]);
      return detailOf(tx, order as WorkOrderRow);
    });
  }

  async function start(actor: Actor, id: string): Promise<Result<WorkOrderDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      requireStaff(actor, 'start work orders');
      const order = await mustFind(tx, scope, id, true);
      step(order, 'in_progress');
      const now = clock.now();
      const started = await updateWorkOrder(tx, order.id, { status: 'in_progress', startedAt: now, updatedAt: now });
      if (order.sourceType === 'exit_plan' && order.sourceId) await exitPlanStarted(tx, order.sourceId, now);
      return detailOf(tx, started);
    });
  }

  /**
   * Records what was done and moves the stock: kitting consumes the components and makes a
   * kit lot, dekitting the reverse, disposal and shipping out take units FIFO. Refused
   * movements roll everything back.
   */
  async function complete(actor: Actor, id: string, input: CompletionInput): Promise<Result<WorkOrderDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      requireStaff(actor, 'complete work orders');
      const order = await mustFind(tx, scope, id, true);
      step(order, 'done');
      const evidence = normaliseEvidence(input.evidence);
      const unitsDone = input.unitsDone ?? order.quantity;
      const minutes = input.minutes ?? null;
      const problems = validateCompletion({ kind: order.kind as WorkOrderKind, quantity: order.quantity, unitsDone, minutes, evidence });
      if (problems.length > 0) invalid('The completion is not valid.', problems);
      const now = clock.now();
      await moveStock(tx, actor, order, unitsDone, now);
      const done = await updateWorkOrder(tx, order.id, {
        status: 'done',
        unitsDone,
        minutes,
        evidence,
        completionNote: input.note?.trim() || null,
        startedAt: order.startedAt ?? now,
        completedAt: now,
        completedBy: actor.userId,
        updatedAt: now,
      });
      await recordBillableEvents(tx, ids, now, completionEvents(done, now));
      await afterSettled(tx, done, now);
      return detailOf(tx, done);
    });
  }

  async function cancel(actor: Actor, id: string, reason?: string | null): Promise<Result<WorkOrderDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const order = await mustFind(tx, scope, id, true);
      const who = isStaff(actor) ? 'staff' : 'seller';
      if (!cancellableBy(order.status as WorkOrderStatus, who) || (who === 'seller' && order.sourceType !== 'request')) {
        const message =
          who === 'seller' && order.sourceType !== 'request' && order.status === 'requested'
            ? {
                en: 'This work order was created by a return or an exit plan; ask the warehouse to cancel it.',
                zh: '该工单由退货或清仓计划生成，请联系仓库取消。',
              }
            : workOrderTransitionMessage(order.status as WorkOrderStatus, 'cancelled');
        fail(appError('invalid_state', message.en, [{ path: ['status'], code: 'invalid_state', message: message.en, messages: message }]));
      }
      const now = clock.now();
      const cancelled = await updateWorkOrder(tx, order.id, {
        status: 'cancelled',
        cancelledAt: now,
        completionNote: reason?.trim() || order.completionNote,
        updatedAt: now,
      });
      await afterSettled(tx, cancelled, now);
      return detailOf(tx, cancelled);
    });
  }

  // ——— stock ———

  async function moveStock(tx: Executor, actor: Actor, order: WorkOrderRow, units: number, at: Date): Promise<void> {
    const kind = order.kind as WorkOrderKind;
    switch (kind) {
      case 'kitting':
        return buildKits(tx, actor, order, units, at);
      case 'dekitting':
        return breakKits(tx, actor, order, units, at);
      case 'disposal':
      case 'ship_back':
      case 'transfer_out':
        return removeUnits(tx, actor, order, units, at);
      case 'qc':
      case 'photos':
      case 'relabel':
        return;
    }
  }

  async function buildKits(tx: Executor, actor: Actor, order: WorkOrderRow, kits: number, at: Date): Promise<void> {
    const kitSkuId = order.skuId as string;
    const recipe = await listKitComponents(tx, PROVIDER_SCOPE, { kitSkuIds: [kitSkuId] });
    if (recipe.length === 0)
      invalid('The kit has no recipe.', [{ path: ['sku_id'], code: 'not_a_kit', message: 'The kit SKU has no components.' }]);
    const labels = await skuLabels(
      tx,
      recipe.map((c) => c.componentSkuId),
    );
    const warehouse = (await warehouseLabels(tx, [order.warehouseId])).get(order.warehouseId) as WarehouseLabel;
    const shortages: ErrorDetail[] = [];
    const movements: MovementInput[] = [];
    const needs = componentUnits(
      recipe.map((c) => ({ skuId: c.componentSkuId, quantity: c.quantity })),
      kits,
    );
    for (const [i, need] of needs.entries()) {
      const lots = await loadTakeLots(tx, { accountId: order.accountId, skuId: need.skuId, warehouseId: order.warehouseId });
      const plan = planTake(lots, need.units, ['available']);
      const label = labels.get(need.skuId)?.sellerSku ?? need.skuId;
      if (plan.short > 0) {
        const available = need.units - plan.short;
        shortages.push({
          path: ['components', i],
          field: label,
          code: 'insufficient_stock',
          message: `${label}: ${need.units} needed for ${kits} kits, ${available} available at ${warehouse.code}.`,
          messages: {
            en: `${label}: ${need.units} needed, ${available} available.`,
            zh: `${label}：组 ${kits} 套需要 ${need.units} 件，${warehouse.code} 可用 ${available} 件。`,
          },
        });
        continue;
      }
      movements.push(...takeMovements(order, need.skuId, plan.takes, 'kit_consume', actor, null));
    }
    if (shortages.length > 0) {
      fail(appError('insufficient_stock', `Not enough components to build ${kits} kits; nothing was consumed.`, shortages));
    }
    const staging = await systemLocation(tx, order.warehouseId, 'staging', ids);
    const lot = await createLot(tx, ids, {
      accountId: order.accountId,
      skuId: kitSkuId,
      warehouseId: order.warehouseId,
      code: order.number,
      sourceType: 'kit_build',
      sourceId: order.id,
      receivedOn: localDate(at, warehouse.timezone),
    });
    movements.push({
      accountId: order.accountId,
      skuId: kitSkuId,
      warehouseId: order.warehouseId,
      lotId: lot.id,
      movement: 'kit_build',
      onHandDelta: kits,
      locationId: staging.id,
      locationDelta: kits,
      sourceType: 'work_order',
      sourceId: order.id,
      note: order.number,
      userId: actor.userId,
    });
    await postMovements(tx, ids, at, movements);
  }

  async function breakKits(tx: Executor, actor: Actor, order: WorkOrderRow, kits: number, at: Date): Promise<void> {
    const kitSkuId = order.skuId as string;
    const recipe = await listKitComponents(tx, PROVIDER_SCOPE, { kitSkuIds: [kitSkuId] });
    if (recipe.length === 0)
      invalid('The kit has no recipe.', [{ path: ['sku_id'], code: 'not_a_kit', message: 'The kit SKU has no components.' }]);
    const warehouse = (await warehouseLabels(tx, [order.warehouseId])).get(order.warehouseId) as WarehouseLabel;
    const lots = await loadTakeLots(tx, { accountId: order.accountId, skuId: kitSkuId, warehouseId: order.warehouseId });
    const plan = planTake(lots, kits, ['available']);
    if (plan.short > 0) fail(shortOf(order, kits, kits - plan.short, warehouse.code, (await skuLabels(tx, [kitSkuId])).get(kitSkuId)));
    const movements = takeMovements(order, kitSkuId, plan.takes, 'kit_consume', actor, null);
    const staging = await systemLocation(tx, order.warehouseId, 'staging', ids);
    const receivedOn = localDate(at, warehouse.timezone);
    for (const [i, part] of componentUnits(
      recipe.map((c) => ({ skuId: c.componentSkuId, quantity: c.quantity })),
      kits,
    ).entries()) {
      const lot = await createLot(tx, ids, {
        accountId: order.accountId,
        skuId: part.skuId,
        warehouseId: order.warehouseId,
        code: `${order.number}-${i + 1}`,
        sourceType: 'kit_build',
        sourceId: order.id,
        receivedOn,
      });
      movements.push({
        accountId: order.accountId,
        skuId: part.skuId,
        warehouseId: order.warehouseId,
        lotId: lot.id,
        movement: 'kit_build',
        onHandDelta: part.units,
        locationId: staging.id,
        locationDelta: part.units,
        sourceType: 'work_order',
        sourceId: order.id,
        note: order.number,
        userId: actor.userId,
      });
    }
    await postMovements(tx, ids, at, movements);
  }

  /** Disposal, ship back, transfer out: units leave the building, oldest first. */
  async function removeUnits(tx: Executor, actor: Actor, order: WorkOrderRow, units: number, at: Date): Promise<void> {
    const skuId = order.skuId as string;
    // Units a return set aside for shipping back sit in that return's own lot.
    let lotId: string | null = null;
    if (order.sourceType === 'return' && order.sourceLineId) {
      const [line] = (await listReturnLines(tx, [order.sourceId as string])).filter((l) => l.id === order.sourceLineId);
      lotId = line?.lotId ?? null;
    }
    const lots = await loadTakeLots(tx, { accountId: order.accountId, skuId, warehouseId: order.warehouseId, lotId });
    const buckets: TakeBucket[] = lotId ? ['damaged', 'available'] : ['available', 'damaged'];
    const plan = planTake(lots, units, buckets);
    if (plan.short > 0) {
      const warehouse = (await warehouseLabels(tx, [order.warehouseId])).get(order.warehouseId) as WarehouseLabel;
      fail(shortOf(order, units, units - plan.short, warehouse.code, (await skuLabels(tx, [skuId])).get(skuId)));
    }
    const movement = order.kind === 'disposal' ? 'dispose' : 'transfer_out';
    const note = order.kind === 'disposal' ? order.number : `${order.number} → ${order.destination ?? ''}`.trim();
    await postMovements(tx, ids, at, takeMovements(order, skuId, plan.takes, movement, actor, note));
  }

  function takeMovements(
    order: WorkOrderRow,
    skuId: string,
    takes: Take[],
    movement: 'kit_consume' | 'dispose' | 'transfer_out',
    actor: Actor,
    note: string | null,
  ): MovementInput[] {
    return takes.map((take) => ({
      accountId: order.accountId,
      skuId,
      warehouseId: order.warehouseId,
      lotId: take.lotId,
      movement,
      ...(take.bucket === 'available' ? { onHandDelta: -take.quantity } : { damagedDelta: -take.quantity }),
      locationId: take.locationId,
      locationDelta: -take.quantity,
      reasonCode: movement === 'dispose' ? 'disposal' : null,
      note: note ?? order.number,
      sourceType: 'work_order',
      sourceId: order.id,
      userId: actor.userId,
    }));
  }

  function shortOf(order: WorkOrderRow, wanted: number, found: number, warehouseCode: string, sku: SkuLabel | undefined): AppError {
    const label = sku?.sellerSku ?? order.skuId ?? '';
    const message = `${label}: ${wanted} units needed, ${found} can be taken at ${warehouseCode} (allocated units stay with their orders).`;
    return appError('insufficient_stock', `Not enough stock for ${order.number}; nothing was changed.`, [
      {
        path: ['units_done'],
        field: label,
        code: 'insufficient_stock',
        message,
        messages: { en: message, zh: `${label}：需要 ${wanted} 件，${warehouseCode} 可处理 ${found} 件（已分配给订单的库存不动）。` },
      },
    ]);
  }

  function completionEvents(order: WorkOrderRow, at: Date): BillableEventInput[] {
    const kind = billableKind(order.kind as WorkOrderKind);
    const attributes = {
      work_order: order.number,
      work_order_kind: order.kind,
      sku_id: order.skuId,
      units: order.unitsDone,
      minutes: order.minutes,
      source_type: order.sourceType,
    };
    const events: BillableEventInput[] = [];
    const base = {
      accountId: order.accountId,
      kind,
      warehouseId: order.warehouseId,
      occurredAt: at,
      attributes,
      sourceType: 'work_order',
      sourceId: order.id,
    };
    if ((order.unitsDone ?? 0) > 0)
      events.push({ ...base, quantity: order.unitsDone as number, unit: 'unit', idempotencyKey: `work_order:${order.id}:unit` });
    if ((order.minutes ?? 0) > 0 && order.kind !== 'disposal') {
      events.push({ ...base, quantity: order.minutes as number, unit: 'minute', idempotencyKey: `work_order:${order.id}:minute` });
    }
    return events;
  }

  // ——— what a finished order settles elsewhere ———

  /** An RMA closes when it is inspected and none of its work orders is still open; an exit plan is done likewise. */
  async function afterSettled(tx: Executor, order: WorkOrderRow, at: Date): Promise<void> {
    if (!order.sourceId) return;
    const open = (await listWorkOrdersBySource(tx, [order.sourceId])).some((o) => o.status === 'requested' || o.status === 'in_progress');
    if (open) return;
    if (order.sourceType === 'return') {
      const rma = await findReturn(tx, PROVIDER_SCOPE, order.sourceId, { forUpdate: true });
      if (rma?.status === 'inspected') await updateReturn(tx, rma.id, { status: 'closed', closedAt: at, updatedAt: at });
    } else if (order.sourceType === 'exit_plan') {
      const plan = await findExitPlan(tx, PROVIDER_SCOPE, order.sourceId, { forUpdate: true });
      if (plan && (plan.status === 'approved' || plan.status === 'in_progress')) {
        await updateExitPlan(tx, plan.id, { status: 'done', doneAt: at, updatedAt: at });
      }
    }
  }

  async function exitPlanStarted(tx: Executor, planId: string, at: Date): Promise<void> {
    await tx.execute(
      sql`UPDATE exit_plans SET status = 'in_progress', updated_at = ${at.toISOString()} WHERE id = ${planId} AND status = 'approved'`,
    );
  }

  // ——— reading ———

  async function mustFind(tx: Executor, scope: Scope, id: string, forUpdate = false): Promise<WorkOrderRow> {
    const order = await findWorkOrder(tx, scope, id, { forUpdate });
    if (!order) fail(appError('not_found', 'Work order not found.'));
    return order;
  }

  function step(order: WorkOrderRow, to: WorkOrderStatus): void {
    if (canTransition(order.status as WorkOrderStatus, to)) return;
    const message = workOrderTransitionMessage(order.status as WorkOrderStatus, to);
    fail(appError('invalid_state', message.en, [{ path: ['status'], code: 'invalid_state', message: message.en, messages: message }]));
  }

  async function detailOf(tx: Executor, order: WorkOrderRow): Promise<WorkOrderDetail> {
    return (await details(tx, [order]))[0] as WorkOrderDetail;
  }

  return { list, get, request, start, complete, cancel };
}

/** Work orders with their SKU, warehouse and the number of the record they came from. */
export async function details(tx: Executor, orders: WorkOrderRow[]): Promise<WorkOrderDetail[]> {
  const skus = await skuLabels(
    tx,
    orders.flatMap((o) => (o.skuId ? [o.skuId] : [])),
  );
  const warehouses = await warehouseLabels(
    tx,
    orders.map((o) => o.warehouseId),
  );
  const sourceIds = orders.flatMap((o) => (o.sourceId ? [o.sourceId] : []));
  const numbers = new Map<string, string>();
  if (sourceIds.length > 0) {
    const list = sql.join(
      sourceIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const rows = (await tx.execute(
      sql`SELECT id, number FROM return_authorisations WHERE id IN (${list}) UNION ALL SELECT id, number FROM exit_plans WHERE id IN (${list})`,
    )) as unknown as { rows: { id: string; number: string }[] };
    for (const row of rows.rows) numbers.set(row.id, row.number);
  }
  return orders.map((order) => ({
    order,
    sku: order.skuId ? (skus.get(order.skuId) ?? null) : null,
    warehouse: warehouses.get(order.warehouseId) ?? null,
    sourceNumber: order.sourceId ? (numbers.get(order.sourceId) ?? null) : null,
  }));
}

export type WorkOrderService = ReturnType<typeof createWorkOrderService>;
