/**
 * Disputes on invoice lines: the reasons a seller may give, the states a dispute goes through
 * and what a resolution may accept. Pure: the service loads the dispute and the line.
 *
 * open → under_review → resolved_accepted | resolved_partly | resolved_rejected; the seller may
 * withdraw an open or under-review dispute. Staff may resolve straight from open.
 */
import type { Formula } from '../pricing/index.js';
import { err, ok, type Result } from '../shared/result.js';

export const DISPUTE_REASONS = ['wrong_quantity', 'wrong_rate', 'not_our_goods', 'duplicate', 'service_not_performed', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const DISPUTE_STATUSES = ['open', 'under_review', 'resolved_accepted', 'resolved_partly', 'resolved_rejected', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_REASON_LABELS: Record<DisputeReason, Formula> = {
  wrong_quantity: { en: 'Wrong quantity', zh: '数量有误' },
  wrong_rate: { en: 'Wrong rate', zh: '单价有误' },
  not_our_goods: { en: 'Not our goods', zh: '非本公司货物' },
  duplicate: { en: 'Charged twice', zh: '重复收费' },
  service_not_performed: { en: 'Service not performed', zh: '未提供该服务' },
  other: { en: 'Other', zh: '其他' },
};

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, Formula> = {
  open: { en: 'Open', zh: '待处理' },
  under_review: { en: 'Under review', zh: '审核中' },
  resolved_accepted: { en: 'Accepted', zh: '已接受' },
  resolved_partly: { en: 'Partly accepted', zh: '部分接受' },
  resolved_rejected: { en: 'Rejected', zh: '已驳回' },
  withdrawn: { en: 'Withdrawn', zh: '已撤回' },
};

export type DisputeAction = 'review' | 'resolve' | 'withdraw' | 'comment';

/** A dispute still being worked on. @example isActive('under_review') // true */
export function isActive(status: DisputeStatus): boolean {
  return status === 'open' || status === 'under_review';
}

/**
 * Whether a step is allowed from a state.
 * @example canDo('open', 'review') // true; canDo('withdrawn', 'comment') // false
 */
export function canDo(status: DisputeStatus, action: DisputeAction): boolean {
  switch (action) {
    case 'review':
      return status === 'open';
    case 'resolve':
    case 'withdraw':
    case 'comment':
      return isActive(status);
  }
}

export type ResolutionOutcome = 'accept' | 'reject';

export interface Resolution {
  status: 'resolved_accepted' | 'resolved_partly' | 'resolved_rejected';
  /** Minor units credited (0 when rejected). */
  acceptedMinor: bigint;
}

export interface ResolutionProblem {
  field: 'amount' | 'reason';
  code: 'too_much' | 'not_positive' | 'required';
  message: Formula;
}

/**
 * What a staff decision means for the dispute. Accepting with no amount credits what was
 * disputed; an amount below it is a partial acceptance; never more than the seller asked for,
 * nor more than is left to credit on the line (`creditable`, minor units).
 *
 * @example resolution({ outcome: 'accept', amountMinor: 500n }, { disputedMinor: 1200n, creditableMinor: 1200n, reason: 'ok' })
 * // ok({ status: 'resolved_partly', acceptedMinor: 500n })
 */
export function resolution(
  decision: { outcome: ResolutionOutcome; amountMinor?: bigint },
  limits: { disputedMinor: bigint; creditableMinor: bigint; reason: string },
): Result<Resolution, ResolutionProblem> {
  if (!limits.reason.trim())
    return err({ field: 'reason', code: 'required', message: { en: 'Give the reason for the decision.', zh: '请填写处理理由。' } });
  if (decision.outcome === 'reject') return ok({ status: 'resolved_rejected', acceptedMinor: 0n });
  const amount = decision.amountMinor ?? limits.disputedMinor;
  if (amount <= 0n)
    return err({
      field: 'amount',
      code: 'not_positive',
      message: { en: 'An accepted amount must be positive; reject the dispute instead.', zh: '接受金额须为正数；否则请驳回争议。' },
    });
  // biome-ignore lint/complexity/useMathMinMax: Math.min does not take bigint
  const ceiling = limits.disputedMinor < limits.creditableMinor ? limits.disputedMinor : limits.creditableMinor;
  if (amount > ceiling)
    return err({
      field: 'amount',
      code: 'too_much',
      message: {
        en: `At most ${ceiling} minor units can be accepted: what was disputed, and no more than is left to credit on the line.`,
        zh: `最多可接受 ${ceiling}（最小货币单位）：不超过争议金额，也不超过该行尚可退款的金额。`,
      },
    });
  return ok({ status: amount === limits.disputedMinor ? 'resolved_accepted' : 'resolved_partly', acceptedMinor: amount });
}
