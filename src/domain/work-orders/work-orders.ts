/**
 * Value-added work orders: the bench tasks a warehouse does for a seller (QC, photos,
 * relabel, kitting and dekitting) and the tasks that take stock out of the building
 * (disposal, shipping back to China, transferring out). A seller or staff member asks; staff
 * start and complete it, recording units and minutes, which become billable events. Stock
 * moves only when an order that moves stock is completed. Pure rules; the service writes.
 */
import type { ErrorDetail } from '../shared/errors.js';
import type { Evidence } from '../returns/returns.js';

export const WORK_ORDER_KINDS = ['qc', 'photos', 'relabel', 'kitting', 'dekitting', 'disposal', 'ship_back', 'transfer_out'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const WORK_ORDER_STATUSES = ['requested', 'in_progress', 'done', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_SOURCES = ['request', 'return', 'exit_plan'] as const;
export type WorkOrderSource = (typeof WORK_ORDER_SOURCES)[number];

/** Kinds whose completion moves stock in the ledger. */
export const STOCK_MOVING_KINDS: ReadonlySet<WorkOrderKind> = new Set(['kitting', 'dekitting', 'disposal', 'ship_back', 'transfer_out']);

/** Kinds that work on one SKU and so must name it. */
export const SKU_KINDS: ReadonlySet<WorkOrderKind> = new Set(['relabel', 'kitting', 'dekitting', 'disposal', 'ship_back', 'transfer_out']);

/** Kinds that send stock out of the building, to a destination someone must write down. */
export const DESTINATION_KINDS: ReadonlySet<WorkOrderKind> = new Set(['ship_back', 'transfer_out']);

const TRANSITIONS: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  requested: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

/** @example canTransition('requested', 'in_progress') // true; canTransition('done', 'cancelled') // false */
export function canTransition(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A seller may withdraw a request until the bench has started on it; staff until it is done. */
export function cancellableBy(status: WorkOrderStatus, who: 'seller' | 'staff'): boolean {
  if (who === 'seller') return status === 'requested';
  return canTransition(status, 'cancelled');
}

export const STATUS_ZH: Record<WorkOrderStatus, string> = {
  requested: '待处理',
  in_progress: '处理中',
  done: '已完成',
  cancelled: '已取消',
};
const STATUS_EN: Record<WorkOrderStatus, string> = {
  requested: 'requested',
  in_progress: 'in progress',
  done: 'done',
  cancelled: 'cancelled',
};
const VERB_EN: Record<WorkOrderStatus, string> = {
  requested: 'requested',
  in_progress: 'started',
  done: 'completed',
  cancelled: 'cancelled',
};
const VERB_ZH: Record<WorkOrderStatus, string> = { requested: '提交', in_progress: '开始', done: '完成', cancelled: '取消' };

/** @example workOrderTransitionMessage('done', 'cancelled').en // 'Work order is done: it cannot be cancelled.' */
export function workOrderTransitionMessage(from: WorkOrderStatus, to: WorkOrderStatus): { en: string; zh: string } {
  return {
    en: `Work order is ${STATUS_EN[from]}: it cannot be ${VERB_EN[to]}.`,
    zh: `工单状态为「${STATUS_ZH[from]}」，不能${VERB_ZH[to]}。`,
  };
}

export const KIND_ZH: Record<WorkOrderKind, string> = {
  qc: '质检',
  photos: '拍照',
  relabel: '换标',
  kitting: '组套',
  dekitting: '拆套',
  disposal: '销毁',
  ship_back: '退回国内',
  transfer_out: '转出',
};

export const MAX_WORK_ORDER_UNITS = 1_000_000;
/** A bench task longer than a month of shifts is a typing mistake. */
export const MAX_WORK_ORDER_MINUTES = 100_000;

export interface WorkOrderRequest {
  kind: WorkOrderKind;
  skuId: string | null;
  quantity: number;
  destination: string | null;
}

/**
 * Checks a new work order: a SKU where the kind works on one, whole positive units, a
 * destination for stock leaving the building.
 *
 * @example validateWorkOrderRequest({ kind: 'relabel', skuId: null, quantity: 0, destination: null })
 *   // [{ path: ['sku_id'], code: 'required', … }, { path: ['quantity'], code: 'invalid_quantity', … }]
 */
export function validateWorkOrderRequest(request: WorkOrderRequest): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (SKU_KINDS.has(request.kind) && !request.skuId) {
    errors.push({
      path: ['sku_id'],
      code: 'required',
      message: `A ${request.kind} work order names the SKU.`,
      messages: { en: 'Choose the SKU.', zh: '请选择 SKU。' },
    });
  }
  if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > MAX_WORK_ORDER_UNITS) {
    errors.push({
      path: ['quantity'],
      code: 'invalid_quantity',
      message: `Quantity must be a whole number from 1 to ${MAX_WORK_ORDER_UNITS} (got ${request.quantity}).`,
      messages: { en: 'Quantity must be a whole number of at least 1.', zh: '数量必须是不小于 1 的整数。' },
    });
  }
  if (DESTINATION_KINDS.has(request.kind) && !request.destination?.trim()) {
    errors.push({
      path: ['destination'],
      code: 'required',
      message: 'Say where the stock goes (an address or the receiving warehouse).',
      messages: { en: 'Say where the stock goes.', zh: '请填写目的地（地址或收货仓库）。' },
    });
  }
  return errors;
}

export interface Completion {
  kind: WorkOrderKind;
  quantity: number;
  unitsDone: number;
  minutes: number | null;
  evidence: Evidence | null;
}

/**
 * Checks what the bench recorded: units done between 0 and the ordered quantity, minutes
 * when given, something done; a stock-moving order must move units; a disposal needs a photo.
 *
 * @example validateCompletion({ kind: 'disposal', quantity: 5, unitsDone: 5, minutes: null, evidence: null })
 *   // [{ path: ['evidence', 'photos'], code: 'evidence_required', … }]
 */
export function validateCompletion(c: Completion): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!Number.isInteger(c.unitsDone) || c.unitsDone < 0 || c.unitsDone > c.quantity) {
    errors.push({
      path: ['units_done'],
      code: 'invalid_quantity',
      message: `Units done must be a whole number from 0 to the ordered ${c.quantity} (got ${c.unitsDone}).`,
      messages: { en: `Units done must be between 0 and ${c.quantity}.`, zh: `完成数量必须在 0 到 ${c.quantity} 之间。` },
    });
  }
  if (c.minutes !== null && (!Number.isInteger(c.minutes) || c.minutes < 0 || c.minutes > MAX_WORK_ORDER_MINUTES)) {
    errors.push({
      path: ['minutes'],
      code: 'invalid_minutes',
      message: `Minutes must be a whole number from 0 to ${MAX_WORK_ORDER_MINUTES} (got ${c.minutes}).`,
      messages: { en: 'Minutes must be a whole number.', zh: '分钟数必须是整数。' },
    });
  }
  if (errors.length === 0 && c.unitsDone === 0 && !c.minutes) {
    errors.push({
      path: ['units_done'],
      code: 'nothing_done',
      message: 'Record the units done or the minutes spent; cancel the work order if nothing was done.',
      messages: { en: 'Record units or minutes, or cancel the work order.', zh: '请填写完成数量或用时；若未做任何工作请取消工单。' },
    });
  }
  if (STOCK_MOVING_KINDS.has(c.kind) && c.unitsDone === 0 && errors.length === 0) {
    errors.push({
      path: ['units_done'],
      code: 'nothing_done',
      message: `A ${c.kind} work order moves units: record how many, or cancel it.`,
      messages: { en: 'Record the units moved, or cancel the work order.', zh: '请填写实际处理的数量，或取消工单。' },
    });
  }
  if (c.kind === 'disposal' && (!c.evidence || c.evidence.photos.length === 0)) {
    errors.push({
      path: ['evidence', 'photos'],
      code: 'evidence_required',
      message: 'A disposal needs evidence: at least one photo.',
      messages: { en: 'A disposal needs evidence: at least one photo.', zh: '销毁需要凭证：至少一张照片。' },
    });
  }
  return errors;
}

/** The billable event kind a completed work order writes. @example billableKind('relabel') // 'vas_relabel' */
export function billableKind(kind: WorkOrderKind): string {
  return kind === 'disposal' ? 'disposal_unit' : `vas_${kind}`;
}

/** WO-2026-000042. @example workOrderNumber(2026, 42) // 'WO-2026-000042' */
export function workOrderNumber(year: number, n: number): string {
  return `WO-${year}-${String(n).padStart(6, '0')}`;
}
