/**
 * The life of an inbound plan. A seller drafts and submits; warehouse staff record departure
 * and arrival; the first scan at the dock starts receiving; completing it records shorts;
 * staff close it once the seller has seen the discrepancies. Goods that arrive without the
 * first leg having been recorded may be received straight away (the dock does not wait for
 * paperwork), so receiving may start from submitted, in transit or arrived.
 */
export const PLAN_STATUSES = ['draft', 'submitted', 'in_transit', 'arrived', 'receiving', 'received', 'closed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

const TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['in_transit', 'arrived', 'receiving', 'cancelled'],
  in_transit: ['arrived', 'receiving', 'cancelled'],
  arrived: ['receiving', 'cancelled'],
  receiving: ['received'],
  received: ['closed'],
  closed: [],
  cancelled: [],
};

/** @example canTransition('draft', 'submitted') // true; canTransition('received', 'draft') // false */
export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** @example nextStatuses('in_transit') // ['arrived', 'receiving', 'cancelled'] */
export function nextStatuses(from: PlanStatus): readonly PlanStatus[] {
  return TRANSITIONS[from];
}

/** Only a draft's cartons and contents may change. */
export function isEditable(status: PlanStatus): boolean {
  return status === 'draft';
}

/** Receiving scans are accepted from submission until receiving is completed. */
export function acceptsReceiving(status: PlanStatus): boolean {
  return status === 'submitted' || status === 'in_transit' || status === 'arrived' || status === 'receiving';
}

/** A seller may cancel until the goods are on their way; staff until the first scan. */
export function cancellableBy(status: PlanStatus, who: 'seller' | 'staff'): boolean {
  if (who === 'seller') return status === 'draft' || status === 'submitted';
  return canTransition(status, 'cancelled');
}

/**
 * The sentence a refused step answers with, in both languages.
 *
 * @example transitionMessage('received', 'cancelled').en // 'Plan is received: it cannot be cancelled.'
 */
export function transitionMessage(from: PlanStatus, to: PlanStatus): { en: string; zh: string } {
  return { en: `Plan is ${STATUS_EN[from]}: it cannot be ${VERB_EN[to]}.`, zh: `入库单状态为「${STATUS_ZH[from]}」，不能${VERB_ZH[to]}。` };
}

const STATUS_EN: Record<PlanStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted',
  in_transit: 'in transit',
  arrived: 'arrived',
  receiving: 'being received',
  received: 'received',
  closed: 'closed',
  cancelled: 'cancelled',
};
const VERB_EN: Record<PlanStatus, string> = {
  draft: 'edited',
  submitted: 'submitted',
  in_transit: 'marked in transit',
  arrived: 'marked arrived',
  receiving: 'received',
  received: 'completed',
  closed: 'closed',
  cancelled: 'cancelled',
};
export const STATUS_ZH: Record<PlanStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  in_transit: '运输中',
  arrived: '已到仓',
  receiving: '收货中',
  received: '已收货',
  closed: '已关闭',
  cancelled: '已取消',
};
const VERB_ZH: Record<PlanStatus, string> = {
  draft: '编辑',
  submitted: '提交',
  in_transit: '标记为运输中',
  arrived: '标记为已到仓',
  receiving: '收货',
  received: '完成收货',
  closed: '关闭',
  cancelled: '取消',
};

export const CUSTOMS_STATUSES = ['not_filed', 'filed', 'held', 'released'] as const;
export type CustomsStatus = (typeof CUSTOMS_STATUSES)[number];

const CUSTOMS_STEPS: Record<CustomsStatus, readonly CustomsStatus[]> = {
  not_filed: ['filed', 'released'],
  filed: ['held', 'released'],
  held: ['filed', 'released'],
  released: [],
};

/**
 * Customs moves forward: filed, maybe held (an exam, missing papers), released. A held entry
 * may be filed again. Released is final. Staying in the same status is allowed (to correct
 * the date or note).
 *
 * @example customsStepAllowed('filed', 'held') // true; customsStepAllowed('released', 'held') // false
 */
export function customsStepAllowed(from: CustomsStatus, to: CustomsStatus): boolean {
  return from === to || CUSTOMS_STEPS[from].includes(to);
}
