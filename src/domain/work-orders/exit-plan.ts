/**
 * Exit: when a seller leaves (or clears out of a warehouse), every unit it still has must go
 * somewhere — shipped back to China, transferred to another warehouse or provider, or
 * destroyed. An exit plan lists each warehouse × SKU holding stock when it was drafted; the
 * seller chooses a disposition per line and submits; staff approve, which turns each line
 * into a work order; the plan is done when every one of them is finished.
 */
import type { ErrorDetail } from '../shared/errors.js';
import type { WorkOrderKind } from './work-orders.js';

export const EXIT_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'in_progress', 'done', 'cancelled'] as const;
export type ExitPlanStatus = (typeof EXIT_PLAN_STATUSES)[number];

export const EXIT_DISPOSITIONS = ['ship_back', 'transfer', 'destroy'] as const;
export type ExitDisposition = (typeof EXIT_DISPOSITIONS)[number];

/** The work order each disposition becomes. */
export const EXIT_WORK_ORDER_KIND: Record<ExitDisposition, WorkOrderKind> = {
  ship_back: 'ship_back',
  transfer: 'transfer_out',
  destroy: 'disposal',
};

const TRANSITIONS: Record<ExitPlanStatus, readonly ExitPlanStatus[]> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['draft', 'approved', 'cancelled'],
  approved: ['in_progress', 'done'],
  in_progress: ['done'],
  done: [],
  cancelled: [],
};

/** @example canTransition('submitted', 'approved') // true */
export function canTransition(from: ExitPlanStatus, to: ExitPlanStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const STATUS_ZH: Record<ExitPlanStatus, string> = {
  draft: '草稿',
  submitted: '待审批',
  approved: '已批准',
  in_progress: '执行中',
  done: '已完成',
  cancelled: '已取消',
};
const STATUS_EN: Record<ExitPlanStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted',
  approved: 'approved',
  in_progress: 'in progress',
  done: 'done',
  cancelled: 'cancelled',
};
const VERB_EN: Record<ExitPlanStatus, string> = {
  draft: 'edited',
  submitted: 'submitted',
  approved: 'approved',
  in_progress: 'started',
  done: 'completed',
  cancelled: 'cancelled',
};
const VERB_ZH: Record<ExitPlanStatus, string> = {
  draft: '编辑',
  submitted: '提交',
  approved: '批准',
  in_progress: '开始',
  done: '完成',
  cancelled: '取消',
};

/** @example exitTransitionMessage('approved', 'draft').en // 'Exit plan is approved: it cannot be edited.' */
export function exitTransitionMessage(from: ExitPlanStatus, to: ExitPlanStatus): { en: string; zh: string } {
  return {
    en: `Exit plan is ${STATUS_EN[from]}: it cannot be ${VERB_EN[to]}.`,
    zh: `清仓计划状态为「${STATUS_ZH[from]}」，不能${VERB_ZH[to]}。`,
  };
}

export interface ExitLine {
  id: string;
  availableUnits: number;
  damagedUnits: number;
  disposition: ExitDisposition | null;
  quantity: number;
  destination: string | null;
}

export interface ExitLineEdit {
  lineId: string;
  disposition?: ExitDisposition | null;
  /** Omitted = every unit the line held (available + damaged). */
  quantity?: number;
  destination?: string | null;
}

/**
 * Applies a seller's edits to a draft's lines, checking each: the line is on the plan, the
 * quantity is whole and no more than the line held. Returns the lines as they would be.
 *
 * @example applyExitEdits([{ id: 'l', availableUnits: 5, damagedUnits: 1, disposition: null, quantity: 0, destination: null }],
 *   [{ lineId: 'l', disposition: 'destroy' }]) // { ok: true, value: [{ …, disposition: 'destroy', quantity: 6 }] }
 */
export function applyExitEdits(
  lines: readonly ExitLine[],
  edits: readonly ExitLineEdit[],
): { ok: true; value: ExitLine[] } | { ok: false; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const next = new Map(lines.map((l) => [l.id, { ...l }]));
  const seen = new Set<string>();
  edits.forEach((edit, i) => {
    const line = next.get(edit.lineId);
    if (!line) {
      errors.push({ path: ['lines', i, 'line_id'], code: 'not_found', message: 'This line is not on the plan.' });
      return;
    }
    if (seen.has(edit.lineId)) {
      errors.push({ path: ['lines', i, 'line_id'], code: 'duplicate', message: 'This line is edited twice in one request.' });
      return;
    }
    seen.add(edit.lineId);
    const held = line.availableUnits + line.damagedUnits;
    if (edit.disposition !== undefined) line.disposition = edit.disposition;
    if (edit.destination !== undefined) line.destination = edit.destination?.trim() || null;
    const quantity = edit.quantity ?? (line.disposition ? held : 0);
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > held) {
      errors.push({
        path: ['lines', i, 'quantity'],
        code: 'invalid_quantity',
        message: `Quantity must be a whole number from 0 to the ${held} units the line holds (got ${quantity}).`,
        messages: { en: `Quantity must be between 0 and ${held}.`, zh: `数量必须在 0 到 ${held} 之间。` },
      });
      return;
    }
    line.quantity = line.disposition ? quantity : 0;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: lines.map((l) => next.get(l.id) as ExitLine) };
}

/**
 * A plan may be submitted when it covers all remaining stock: every line has a disposition
 * for every unit it held, and stock leaving the building says where it goes.
 *
 * @example submissionProblems([{ id: 'l', availableUnits: 5, damagedUnits: 0, disposition: null, quantity: 0, destination: null }])
 *   // [{ path: ['lines', 0, 'disposition'], code: 'required', … }]
 */
export function submissionProblems(lines: readonly ExitLine[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (lines.length === 0) {
    errors.push({
      path: ['lines'],
      code: 'nothing_to_plan',
      message: 'The account holds no stock; there is nothing to plan.',
      messages: { en: 'There is no stock to plan.', zh: '该账户没有库存，无需清仓计划。' },
    });
  }
  lines.forEach((line, i) => {
    const held = line.availableUnits + line.damagedUnits;
    if (!line.disposition) {
      errors.push({
        path: ['lines', i, 'disposition'],
        code: 'required',
        message: 'Choose ship back, transfer or destroy for this line.',
        messages: { en: 'Choose a disposition.', zh: '请选择处理方式（退回、转仓或销毁）。' },
      });
      return;
    }
    if (line.quantity !== held) {
      errors.push({
        path: ['lines', i, 'quantity'],
        code: 'not_all_units',
        message: `An exit plan covers all remaining stock: this line holds ${held} units, the plan covers ${line.quantity}.`,
        messages: {
          en: `Cover all ${held} units of this line.`,
          zh: `清仓计划需覆盖全部库存：该行共 ${held} 件，计划 ${line.quantity} 件。`,
        },
      });
    }
    if ((line.disposition === 'ship_back' || line.disposition === 'transfer') && !line.destination) {
      errors.push({
        path: ['lines', i, 'destination'],
        code: 'required',
        message: 'Say where the stock goes (an address or the receiving warehouse).',
        messages: { en: 'Say where the stock goes.', zh: '请填写目的地。' },
      });
    }
  });
  return errors;
}

/** EXIT-2026-000003. @example exitPlanNumber(2026, 3) // 'EXIT-2026-000003' */
export function exitPlanNumber(year: number, n: number): string {
  return `EXIT-${year}-${String(n).padStart(6, '0')}`;
}
