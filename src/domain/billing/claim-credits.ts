/**
 * Claim credits on an invoice. An approved claim is one billable event of kind `claim_credit`
 * whose quantity is the covered amount, negative, in the card currency (its unit); the meter
 * map sends it to the meter `claim_credit` grouped by `claim_number`. No card rule prices it:
 * the amount was computed when the claim was approved (with its formula on the claim), so each
 * claim becomes one line of quantity 1 at that rate, after the discounts and the minimum
 * monthly charge (a credit never counts toward reaching the minimum).
 */
import { Decimal } from 'decimal.js';
import { type CurrencyCode, formatMoney, moneyFromDecimal } from '../money/index.js';
import type { Formula } from '../pricing/index.js';
import type { BillLine, BillWindow, CardSegment, LineSelector, MeterAggregate } from './bill.js';

export const CLAIM_CREDIT_METER = 'claim_credit';

export interface ClaimCreditLines {
  lines: BillLine[];
  /** The aggregates these lines account for (so the bill does not call them unmapped). */
  used: MeterAggregate[];
  warnings: Formula[];
}

/**
 * @example claimCreditLines({ accountId, aggregates, segments, window, currency: 'USD', lateNote: null })
 * // one line per claim: quantity 1 claim × -75.00 = -75.00
 */
export function claimCreditLines(input: {
  accountId: string;
  aggregates: readonly MeterAggregate[];
  segments: readonly CardSegment[];
  window: BillWindow;
  currency: CurrencyCode;
  lateNote: Formula | null;
}): ClaimCreditLines {
  const lines: BillLine[] = [];
  const used: MeterAggregate[] = [];
  const warnings: Formula[] = [];
  const sorted = input.aggregates
    .filter((a) => a.meter === CLAIM_CREDIT_METER)
    .sort((a, b) => (a.groupValue ?? '').localeCompare(b.groupValue ?? '') || a.segment - b.segment || Number(a.late) - Number(b.late));
  for (const a of sorted) {
    used.push(a);
    const claim = a.groupValue ?? '?';
    if (a.unit !== input.currency) {
      warnings.push({
        en: `Claim ${claim}: its credit is in ${a.unit} but this invoice is in ${input.currency}; not credited here.`,
        zh: `理赔 ${claim}：退款币种为 ${a.unit}，本账单币种为 ${input.currency}，未在此计入。`,
      });
      continue;
    }
    const segment = input.segments.find((s) => s.index === a.segment) ?? input.segments[0];
    if (!segment) continue;
    const precise = new Decimal(a.quantity);
    const amount = moneyFromDecimal(input.currency, precise, 'half_up');
    const shown = precise.toFixed();
    const selector: LineSelector = {
      accountId: input.accountId,
      kinds: [{ kind: a.kind, unit: a.unit }],
      occurredFrom: a.late ? null : segment.start,
      occurredBefore: a.late ? (input.window.lateBefore as string) : segment.end,
      createdAfter: a.late ? input.window.lateAfter : null,
      createdThrough: input.window.eventsThrough,
      group: { key: a.groupKey ?? 'claim_number', equals: claim },
    };
    lines.push({
      key: `claim_credit|${claim}|${a.segment}|${a.late ? 'late' : ''}`,
      segment: a.segment,
      late: a.late,
      ...(a.late && input.lateNote ? { note: input.lateNote } : {}),
      module: 'insurance',
      rule: { cardCode: '', cardVersion: 0, ruleId: 'claims.credit' },
      label: { en: `Claim ${claim}: credit for lost or damaged goods`, zh: `理赔 ${claim}：货物丢失或损坏退款` },
      quantity: '1',
      unit: 'claim',
      rate: shown,
      preciseAmount: shown,
      amount,
      rounding: 'half_up',
      formula: {
        en: `1 claim × ${shown} = ${formatMoney(amount, 'en')} (claim ${claim} approved; its coverage formula is on the claim)`,
        zh: `1 项理赔 × ${shown} = ${formatMoney(amount, 'zh-CN')}（理赔 ${claim} 已批准，赔付计算见理赔单）`,
      },
      inputs: { meter: CLAIM_CREDIT_METER, claim, events: a.eventCount },
      sources: [],
      selector,
      eventCount: a.eventCount,
      eventQuantity: a.quantity,
    });
  }
  return { lines, used, warnings };
}
