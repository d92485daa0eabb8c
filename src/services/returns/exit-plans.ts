/**
 * Exit plans: an account-level disposition of all remaining stock. Drafting one lists every
 * warehouse × SKU holding units (available and damaged, over all its lots); the seller
 * chooses ship back, transfer or destroy per line and submits; staff approve, which creates
 * one work order per line; the plan is in progress when the first starts and done when the
 * last is finished. Stock moves only as those work orders are completed.
 */
import type { Executor } from '../../db/connect.js';
import {
  type ExitPlanLineRow,
  type ExitPlanRow,
  findExitPlan,
  findOpenExitPlan,
  insertExitPlan,
  insertExitPlanLines,
  listExitPlanLines,
  listExitPlans,
  stockByWarehouseAndSku,
  updateExitPlan,
  updateExitPlanLine,
} from '../../db/repositories/exit-plans.js';
import { nextNumber } from '../../db/repositories/inventory-ledger.js';
import type { Page } from '../../db/pagination.js';
import { listWorkOrdersBySource } from '../../db/repositories/work-orders.js';
import { inScope, type Scope } from '../../db/tenancy.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import type { Result } from '../../domain/shared/result.js';
import {
  applyExitEdits,
  canTransition,
  EXIT_WORK_ORDER_KIND,
  type ExitDisposition,
  type ExitLine,
  type ExitLineEdit,
  type ExitPlanStatus,
  exitPlanNumber,
  exitTransitionMessage,
  submissionProblems,
} from '../../domain/work-orders/exit-plan.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { resolveAccount } from '../skus.js';
import { fail, inTransaction, invalid, requireStaff, type SkuLabel, skuLabels, type WarehouseLabel, warehouseLabels } from './common.js';
import { details as workOrderDetails, insertNewWorkOrders, type WorkOrderDetail } from './work-orders.js';

export interface ExitPlanLineDetail {
  line: ExitPlanLineRow;
  sku: SkuLabel | null;
  warehouse: WarehouseLabel | null;
  workOrder: WorkOrderDetail | null;
}

export interface ExitProgress {
  unitsPlanned: number;
  unitsDone: number;
  workOrders: { requested: number; inProgress: number; done: number; cancelled: number };
}

export interface ExitPlanDetail {
  plan: ExitPlanRow;
  lines: ExitPlanLineDetail[];
  progress: ExitProgress;
}

export function createExitPlanService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;
  const db = database.db;

  async function list(
    actor: Actor,
    filter: { accountId?: string; status?: string[]; after?: string; limit: number },
  ): Promise<Page<ExitPlanDetail>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const page = await listExitPlans(tx, scope, filter);
      const items: ExitPlanDetail[] = [];
      for (const plan of page.items) items.push(await detailOf(tx, plan));
      return { items, nextCursor: page.nextCursor };
    });
  }

  async function get(actor: Actor, id: string): Promise<Result<ExitPlanDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => detailOf(tx, await mustFind(tx, scope, id)));
  }

  /** Drafts a plan from the stock the account holds now; one open plan per account. */
  async function create(actor: Actor, input: { accountId?: string; note?: string | null }): Promise<Result<ExitPlanDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const account = await resolveAccount(tx, actor, scope, input.accountId);
      if (!account.ok) fail(account.error);
      const open = await findOpenExitPlan(tx, account.value);
      if (open) {
        const message = `${open.number} is still open (${open.status}); finish or cancel it first.`;
        fail(
          appError('conflict', message, [
            {
              path: ['account_id'],
              code: 'open_exit_plan',
              message,
              messages: { en: message, zh: `清仓计划 ${open.number} 尚未结束，请先完成或取消。` },
            },
          ]),
        );
      }
      const stock = await stockByWarehouseAndSku(tx, account.value);
      if (stock.length === 0) {
        invalid('The account holds no stock; there is nothing to plan.', [
          {
            path: ['account_id'],
            code: 'nothing_to_plan',
            message: 'No lot of this account holds units.',
            messages: { en: 'There is no stock to plan.', zh: '该账户没有库存，无需清仓计划。' },
          },
        ]);
      }
      const now = clock.now();
      const year = now.getUTCFullYear();
      const plan = await insertExitPlan(tx, {
        id: ids.next(),
        accountId: account.value,
        number: exitPlanNumber(year, await nextNumber(tx, 'exit', String(year))),
        status: 'draft',
        note: input.note?.trim() || null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await insertExitPlanLines(
        tx,
        stock.map((s) => ({
          id: ids.next(),
          planId: plan.id,
          accountId: account.value,
          warehouseId: s.warehouseId,
          skuId: s.skuId,
          availableUnits: Math.max(0, s.available),
          damagedUnits: s.damaged,
          disposition: null,
          quantity: 0,
        })),
      );
      return detailOf(tx, plan);
    });
  }

  /** Edits lines (a submitted plan goes back to draft). `all` sets one disposition for every line. */
  async function update(
    actor: Actor,
    id: string,
    input: { note?: string | null; lines?: ExitLineEdit[]; all?: { disposition: ExitDisposition; destination?: string | null } },
  ): Promise<Result<ExitPlanDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const plan = await mustFind(tx, scope, id, true);
      if (plan.status !== 'draft') step(plan, 'draft');
      const rows = await listExitPlanLines(tx, plan.id);
      // A disposition for every line first, then the lines named one by one.
      let current = rows.map(toExitLine);
      if (input.all) {
        const all = input.all;
        const everyLine = applyExitEdits(
          current,
          current.map((l) => ({ lineId: l.id, disposition: all.disposition, destination: all.destination })),
        );
        if (!everyLine.ok) invalid('The plan is not valid; nothing was changed.', everyLine.errors);
        current = everyLine.value;
      }
      const applied = applyExitEdits(current, input.lines ?? []);
      if (!applied.ok) invalid('The plan is not valid; nothing was changed.', applied.errors);
      for (const line of applied.value) {
        const row = rows.find((r) => r.id === line.id) as ExitPlanLineRow;
        if (row.disposition !== line.disposition || row.quantity !== line.quantity || row.destination !== line.destination) {
          await updateExitPlanLine(tx, line.id, { disposition: line.disposition, quantity: line.quantity, destination: line.destination });
        }
      }
      const now = clock.now();
      const updated = await updateExitPlan(tx, plan.id, {
        status: 'draft',
        submittedAt: null,
        note: input.note === undefined ? plan.note : input.note?.trim() || null,
        updatedAt: now,
      });
      return detailOf(tx, updated);
    });
  }

  async function submit(actor: Actor, id: string): Promise<Result<ExitPlanDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const plan = await mustFind(tx, scope, id, true);
      step(plan, 'submitted');
      const problems = submissionProblems((await listExitPlanLines(tx, plan.id)).map(toExitLine));
      if (problems.length > 0) invalid('The plan does not yet cover all remaining stock.', problems);
      const now = clock.now();
      return detailOf(tx, await updateExitPlan(tx, plan.id, { status: 'submitted', submittedAt: now, updatedAt: now }));
    });
  }

  /** Staff approve: one work order per line, to be carried out at each warehouse. */
  async function approve(actor: Actor, id: string): Promise<Result<ExitPlanDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      requireStaff(actor, 'approve exit plans');
      const plan = await mustFind(tx, scope, id, true);
      step(plan, 'approved');
      const lines = (await listExitPlanLines(tx, plan.id)).filter((l) => l.quantity > 0 && l.disposition);
      const now = clock.now();
      const orders = await insertNewWorkOrders(
        tx,
        ids,
        now,
        lines.map((line) => ({
          accountId: plan.accountId,
          warehouseId: line.warehouseId,
          kind: EXIT_WORK_ORDER_KIND[line.disposition as ExitDisposition],
          skuId: line.skuId,
          quantity: line.quantity,
          destination: line.destination,
          instructions: `${plan.number}: ${line.disposition} ${line.quantity} units (available first, then damaged).`,
          sourceType: 'exit_plan',
          sourceId: plan.id,
          sourceLineId: line.id,
          requestedBy: plan.createdBy,
        })),
      );
      for (const [i, line] of lines.entries()) await updateExitPlanLine(tx, line.id, { workOrderId: (orders[i] as { id: string }).id });
      const approved = await updateExitPlan(tx, plan.id, {
        status: orders.length > 0 ? 'approved' : 'done',
        approvedAt: now,
        approvedBy: actor.userId,
        doneAt: orders.length > 0 ? null : now,
        updatedAt: now,
      });
      return detailOf(tx, approved);
    });
  }

  async function cancel(actor: Actor, id: string): Promise<Result<ExitPlanDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const plan = await mustFind(tx, scope, id, true);
      step(plan, 'cancelled');
      const now = clock.now();
      return detailOf(tx, await updateExitPlan(tx, plan.id, { status: 'cancelled', cancelledAt: now, updatedAt: now }));
    });
  }

  async function mustFind(tx: Executor, scope: Scope, id: string, forUpdate = false): Promise<ExitPlanRow> {
    const plan = await findExitPlan(tx, scope, id, { forUpdate });
    if (!plan) fail(appError('not_found', 'Exit plan not found.'));
    return plan;
  }

  function step(plan: ExitPlanRow, to: ExitPlanStatus): void {
    if (canTransition(plan.status as ExitPlanStatus, to)) return;
    const message = exitTransitionMessage(plan.status as ExitPlanStatus, to);
    fail(
      appError('invalid_state', `${plan.number}: ${message.en}`, [
        { path: ['status'], code: 'invalid_state', message: message.en, messages: message },
      ]),
    );
  }

  return { list, get, create, update, submit, approve, cancel };
}

function toExitLine(row: ExitPlanLineRow): ExitLine {
  return {
    id: row.id,
    availableUnits: row.availableUnits,
    damagedUnits: row.damagedUnits,
    disposition: row.disposition as ExitDisposition | null,
    quantity: row.quantity,
    destination: row.destination,
  };
}

async function detailOf(tx: Executor, plan: ExitPlanRow): Promise<ExitPlanDetail> {
  const lines = await listExitPlanLines(tx, plan.id);
  const skus = await skuLabels(
    tx,
    lines.map((l) => l.skuId),
  );
  const warehouses = await warehouseLabels(
    tx,
    lines.map((l) => l.warehouseId),
  );
  const orders = await workOrderDetails(tx, await listWorkOrdersBySource(tx, [plan.id]));
  const byId = new Map(orders.map((o) => [o.order.id, o]));
  const count = (status: string) => orders.filter((o) => o.order.status === status).length;
  return {
    plan,
    lines: lines.map((line) => ({
      line,
      sku: skus.get(line.skuId) ?? null,
      warehouse: warehouses.get(line.warehouseId) ?? null,
      workOrder: line.workOrderId ? (byId.get(line.workOrderId) ?? null) : null,
    })),
    progress: {
      unitsPlanned: lines.reduce((s, l) => s + l.quantity, 0),
      unitsDone: orders.reduce((s, o) => s + (o.order.status === 'done' ? (o.order.unitsDone ?? 0) : 0), 0),
      workOrders: { requested: count('requested'), inProgress: count('in_progress'), done: count('done'), cancelled: count('cancelled') },
    },
  };
}

export type ExitPlanService = ReturnType<typeof createExitPlanService>;
