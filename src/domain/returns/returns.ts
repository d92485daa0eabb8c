/**
 * Returns: the life of a return authorisation (RMA), what each inspection grade allows, the
 * checks an inspection must pass before any stock moves, and the processing clock.
 *
 * A parcel is authorised (by the seller, or from a channel's return), received at the
 * returns bench, and each line inspected: graded A–D and given a disposition. Stock enters
 * the ledger only at inspection, so an unexamined unit is never sellable. The RMA closes
 * once every line is inspected and the work orders its dispositions created (relabel, ship
 * back) are finished. Pure: the service loads the lines, asks these functions, then writes.
 */
import type { ErrorDetail } from '../shared/errors.js';

export const RETURN_STATUSES = ['authorised', 'received', 'inspected', 'closed', 'cancelled'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_SOURCES = ['seller', 'channel', 'unexpected'] as const;
export type ReturnSource = (typeof RETURN_SOURCES)[number];

/** The sales channels a return can come from (the same list as channel stock rules). */
export const RETURN_CHANNELS = ['tiktok_shop', 'shopify', 'instagram', 'facebook', 'youtube', 'erp', 'other'] as const;
export type ReturnChannel = (typeof RETURN_CHANNELS)[number];

/** A resellable as is, B resellable after relabel/repack, C damaged, D destroy. */
export const RETURN_GRADES = ['A', 'B', 'C', 'D'] as const;
export type ReturnGrade = (typeof RETURN_GRADES)[number];

export const RETURN_DISPOSITIONS = ['restock', 'relabel_restock', 'destroy', 'return_to_china'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

/**
 * What a grade allows. A grade-A unit may still be destroyed or sent back if the seller says
 * so; a B unit must be relabelled before it is sold again; C and D never go back on a shelf.
 */
export const GRADE_DISPOSITIONS: Record<ReturnGrade, readonly ReturnDisposition[]> = {
  A: ['restock', 'relabel_restock', 'return_to_china', 'destroy'],
  B: ['relabel_restock', 'return_to_china', 'destroy'],
  C: ['return_to_china', 'destroy'],
  D: ['destroy'],
};

/** The disposition the bench proposes for a grade. */
export const DEFAULT_DISPOSITION: Record<ReturnGrade, ReturnDisposition> = {
  A: 'restock',
  B: 'relabel_restock',
  C: 'return_to_china',
  D: 'destroy',
};

const TRANSITIONS: Record<ReturnStatus, readonly ReturnStatus[]> = {
  authorised: ['received', 'cancelled'],
  received: ['inspected', 'closed'],
  inspected: ['closed'],
  closed: [],
  cancelled: [],
};

/** @example canTransition('authorised', 'received') // true; canTransition('closed', 'received') // false */
export function canTransition(from: ReturnStatus, to: ReturnStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The sentence a refused step answers with, in both languages.
 * @example returnTransitionMessage('closed', 'received').en // 'RMA is closed: it cannot be received.'
 */
export function returnTransitionMessage(from: ReturnStatus, to: ReturnStatus | 'inspect'): { en: string; zh: string } {
  return {
    en: `RMA is ${STATUS_EN[from]}: it cannot be ${VERB_EN[to]}.`,
    zh: `退货单状态为「${STATUS_ZH[from]}」，不能${VERB_ZH[to]}。`,
  };
}

const STATUS_EN: Record<ReturnStatus, string> = {
  authorised: 'authorised and not yet received',
  received: 'received',
  inspected: 'inspected',
  closed: 'closed',
  cancelled: 'cancelled',
};
const VERB_EN: Record<ReturnStatus | 'inspect', string> = {
  authorised: 'authorised',
  received: 'received',
  inspected: 'inspected',
  inspect: 'inspected',
  closed: 'closed',
  cancelled: 'cancelled',
};
export const STATUS_ZH: Record<ReturnStatus, string> = {
  authorised: '已授权（未收到）',
  received: '已收货',
  inspected: '已质检',
  closed: '已完结',
  cancelled: '已取消',
};
const VERB_ZH: Record<ReturnStatus | 'inspect', string> = {
  authorised: '授权',
  received: '收货',
  inspected: '质检',
  inspect: '质检',
  closed: '完结',
  cancelled: '取消',
};

export interface Evidence {
  photos: string[];
  note: string | null;
}

/** One requested line of a new RMA, before SKUs are resolved. */
export interface AuthorisationLineInput {
  skuId?: string;
  sellerSku?: string;
  quantity: number;
}

export const MAX_RETURN_LINES = 200;
export const MAX_UNITS_PER_LINE = 100_000;

/**
 * Checks the lines of a new RMA: at least one, each naming a SKU, whole positive units, a SKU
 * named once. Locates every problem at `lines[i]`.
 *
 * @example validateAuthorisationLines([{ sellerSku: 'TL-1', quantity: 0 }]) // [{ path: ['lines', 0, 'quantity'], … }]
 */
export function validateAuthorisationLines(
  lines: readonly AuthorisationLineInput[],
  options: { allowEmpty?: boolean } = {},
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (lines.length === 0 && !options.allowEmpty) {
    errors.push({
      path: ['lines'],
      code: 'required',
      message: 'An RMA needs at least one line.',
      messages: { en: 'An RMA needs at least one line.', zh: '退货单至少需要一行商品。' },
    });
  }
  if (lines.length > MAX_RETURN_LINES) {
    errors.push({ path: ['lines'], code: 'too_many', message: `An RMA has at most ${MAX_RETURN_LINES} lines.` });
  }
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    const key = line.skuId ?? (line.sellerSku ? `seller:${line.sellerSku.trim().toLowerCase()}` : '');
    if (!key) {
      errors.push({
        path: ['lines', i, 'sku_id'],
        code: 'required',
        message: 'Name the SKU (sku_id or seller_sku).',
        messages: { en: 'Name the SKU (sku_id or seller_sku).', zh: '请填写 SKU（sku_id 或卖家 SKU）。' },
      });
    } else if (seen.has(key)) {
      errors.push({
        path: ['lines', i, line.skuId ? 'sku_id' : 'seller_sku'],
        code: 'duplicate',
        message: `The SKU is already on line ${(seen.get(key) as number) + 1}; add the units there.`,
        messages: { en: 'This SKU is listed twice.', zh: '同一 SKU 重复填写。' },
      });
    } else seen.set(key, i);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_UNITS_PER_LINE) {
      errors.push({
        path: ['lines', i, 'quantity'],
        code: 'invalid_quantity',
        message: `Quantity must be a whole number from 1 to ${MAX_UNITS_PER_LINE} (got ${line.quantity}).`,
        messages: { en: 'Quantity must be a whole number of at least 1.', zh: '数量必须是不小于 1 的整数。' },
      });
    }
  });
  return errors;
}

/** A line of an RMA as inspection sees it. */
export interface InspectableLine {
  id: string;
  lineNo: number;
  receivedQuantity: number;
  inspected: boolean;
}

/** One inspection result: all of a line's units, or a part when the line is split by grade. */
export interface InspectionInput {
  lineId: string;
  /** Units of the line this result covers; omitted = all its received units. */
  quantity?: number;
  grade: ReturnGrade;
  /** Omitted = the grade's default disposition. */
  disposition?: ReturnDisposition;
  evidence?: Evidence | null;
}

/** An inspection result that passed every check, with its quantity and disposition decided. */
export interface PlannedInspection {
  lineId: string;
  /** The first part keeps the line's row; further parts of the same line become new lines. */
  split: boolean;
  quantity: number;
  grade: ReturnGrade;
  disposition: ReturnDisposition;
  evidence: Evidence | null;
}

export const MAX_EVIDENCE_PHOTOS = 20;

/**
 * Checks an inspection before anything is written: each line belongs to the RMA, is not yet
 * inspected and has units; the parts of a line add up to its received units; the grade allows
 * the disposition; destroying needs evidence (at least one photo). Returns every problem, or
 * the decided results.
 *
 * @example planInspection([{ id: 'l1', lineNo: 1, receivedQuantity: 3, inspected: false }],
 *   [{ lineId: 'l1', quantity: 2, grade: 'A' }, { lineId: 'l1', quantity: 1, grade: 'D', evidence: { photos: ['p.jpg'], note: null } }])
 *   // { ok: true, value: [{ lineId: 'l1', split: false, quantity: 2, disposition: 'restock', … }, { …, split: true, quantity: 1, disposition: 'destroy' }] }
 */
export function planInspection(
  lines: readonly InspectableLine[],
  inputs: readonly InspectionInput[],
): { ok: true; value: PlannedInspection[] } | { ok: false; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const byId = new Map(lines.map((l) => [l.id, l]));
  if (inputs.length === 0) {
    errors.push({
      path: ['lines'],
      code: 'required',
      message: 'Inspect at least one line.',
      messages: { en: 'Inspect at least one line.', zh: '请至少质检一行。' },
    });
  }
  const parts = new Map<string, { total: number; indexes: number[] }>();
  const planned: PlannedInspection[] = [];
  inputs.forEach((input, i) => {
    const at = (field: string) => ['lines', i, field];
    const line = byId.get(input.lineId);
    if (!line) {
      errors.push({
        path: at('line_id'),
        code: 'not_found',
        message: 'This line is not on the RMA.',
        messages: { en: 'This line is not on the RMA.', zh: '该行不属于此退货单。' },
      });
      return;
    }
    if (line.inspected) {
      errors.push({
        path: at('line_id'),
        code: 'already_inspected',
        message: `Line ${line.lineNo} is already inspected.`,
        messages: { en: `Line ${line.lineNo} is already inspected.`, zh: `第 ${line.lineNo} 行已质检。` },
      });
      return;
    }
    if (line.receivedQuantity === 0) {
      errors.push({
        path: at('line_id'),
        code: 'nothing_received',
        message: `Line ${line.lineNo} received no units; there is nothing to inspect.`,
        messages: { en: `Line ${line.lineNo} received no units.`, zh: `第 ${line.lineNo} 行没有收到商品，无需质检。` },
      });
      return;
    }
    const quantity = input.quantity ?? line.receivedQuantity;
    if (!Number.isInteger(quantity) || quantity < 1) {
      errors.push({
        path: at('quantity'),
        code: 'invalid_quantity',
        message: `Quantity must be a whole number of at least 1 (got ${quantity}).`,
      });
      return;
    }
    const seen = parts.get(line.id) ?? { total: 0, indexes: [] };
    seen.total += quantity;
    seen.indexes.push(i);
    parts.set(line.id, seen);

    const disposition = input.disposition ?? DEFAULT_DISPOSITION[input.grade];
    if (!GRADE_DISPOSITIONS[input.grade].includes(disposition)) {
      errors.push({
        path: at('disposition'),
        code: 'disposition_not_allowed',
        message: `A grade ${input.grade} unit cannot be given "${disposition}"; allowed: ${GRADE_DISPOSITIONS[input.grade].join(', ')}.`,
        messages: {
          en: `Grade ${input.grade} does not allow ${disposition}.`,
          zh: `${input.grade} 级商品不能选择「${DISPOSITION_ZH[disposition]}」。`,
        },
      });
    }
    const evidence = normaliseEvidence(input.evidence);
    if (evidence && evidence.photos.length > MAX_EVIDENCE_PHOTOS) {
      errors.push({ path: [...at('evidence'), 'photos'], code: 'too_many', message: `At most ${MAX_EVIDENCE_PHOTOS} photos.` });
    }
    if (disposition === 'destroy' && (!evidence || evidence.photos.length === 0)) {
      errors.push({
        path: [...at('evidence'), 'photos'],
        code: 'evidence_required',
        message: 'Destroying returned units needs evidence: at least one photo.',
        messages: { en: 'Destroying needs evidence: at least one photo.', zh: '销毁需要凭证：至少一张照片。' },
      });
    }
    planned.push({ lineId: line.id, split: seen.indexes.length > 1, quantity, grade: input.grade, disposition, evidence });
  });
  for (const [lineId, seen] of parts) {
    const line = byId.get(lineId) as InspectableLine;
    if (seen.total !== line.receivedQuantity) {
      const first = seen.indexes[0] as number;
      errors.push({
        path: ['lines', first, 'quantity'],
        code: 'quantity_mismatch',
        message: `Line ${line.lineNo} received ${line.receivedQuantity} units; the inspection covers ${seen.total}.`,
        messages: {
          en: `Line ${line.lineNo}: inspect all ${line.receivedQuantity} received units.`,
          zh: `第 ${line.lineNo} 行收到 ${line.receivedQuantity} 件，质检数量合计为 ${seen.total}。`,
        },
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: planned };
}

/** Trims photo references and drops empty ones; null when nothing is left. */
export function normaliseEvidence(evidence: Evidence | null | undefined): Evidence | null {
  if (!evidence) return null;
  const photos = evidence.photos.map((p) => p.trim()).filter((p) => p !== '');
  const note = evidence.note?.trim() || null;
  return photos.length === 0 && !note ? null : { photos, note };
}

/** Every line with units has been graded. */
export function isFullyInspected(lines: readonly { receivedQuantity: number; inspected: boolean }[]): boolean {
  return lines.every((l) => l.receivedQuantity === 0 || l.inspected);
}

/** Dispositions that leave a bench task behind (the RMA closes when it is done). */
export function dispositionWorkOrder(disposition: ReturnDisposition): 'relabel' | 'ship_back' | null {
  if (disposition === 'relabel_restock') return 'relabel';
  if (disposition === 'return_to_china') return 'ship_back';
  return null;
}

export const DISPOSITION_ZH: Record<ReturnDisposition, string> = {
  restock: '重新上架',
  relabel_restock: '换标后上架',
  destroy: '销毁',
  return_to_china: '退回国内',
};

/** RMA-2026-000042. @example rmaNumber(2026, 42) // 'RMA-2026-000042' */
export function rmaNumber(year: number, n: number): string {
  return `RMA-${year}-${String(n).padStart(6, '0')}`;
}

/** The statistics the processing clock reports for a set of durations (in hours). */
export interface DurationStats {
  count: number;
  averageHours: number | null;
  p90Hours: number | null;
}

/**
 * Mean and 90th percentile (nearest rank: the smallest value at or above 90% of the sorted
 * list), rounded to 0.1 h. Nothing measured gives nulls.
 *
 * @example durationStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // { count: 10, averageHours: 5.5, p90Hours: 9 }
 */
export function durationStats(hours: readonly number[]): DurationStats {
  if (hours.length === 0) return { count: 0, averageHours: null, p90Hours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const sum = sorted.reduce((s, h) => s + h, 0);
  const rank = Math.ceil(0.9 * sorted.length);
  return { count: sorted.length, averageHours: round1(sum / sorted.length), p90Hours: round1(sorted[rank - 1] as number) };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Hours between two instants, or null when the second has not happened. */
export function hoursBetween(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  return (to.getTime() - from.getTime()) / 3_600_000;
}
