/**
 * A plan discount as a visible negative line (pricing.md §7): the percent off the sum of the
 * rounded lines it covers, rounded half-up (away from zero) once. Quotes and bills share it.
 */
import { Decimal } from 'decimal.js';
import { type CurrencyCode, moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import type { FeeLine } from '../pricing/index.js';
import type { PlanDiscount } from './document.js';

/** Whether a discount covers a line: its whole module, or its one rule. */
export function discountCovers(discount: PlanDiscount, line: FeeLine): boolean {
  return discount.module ? line.module === discount.module : line.rule.ruleId === discount.ruleId;
}

/**
 * @example planDiscountLine({ id: 'storage10', label, module: 'storage', percent: '10' }, [storageLine], 'USD', { code: 'PLAN', version: 1 })
 * // amount −6.69 on a $66.94 storage line: "10% off 66.94 = -6.69"
 */
export function planDiscountLine(
  discount: PlanDiscount,
  covered: readonly FeeLine[],
  currency: CurrencyCode,
  plan: { code: string; version: number },
): FeeLine {
  const base = sum(
    currency,
    covered.map((l) => l.amount),
  );
  const precise = new Decimal(toDecimalString(base)).times(discount.percent).dividedBy(100).negated();
  const amount = moneyFromDecimal(currency, precise, 'half_up');
  return {
    module: 'discount',
    rule: { cardCode: plan.code, cardVersion: plan.version, ruleId: discount.id },
    label: discount.label,
    quantity: toDecimalString(base),
    unit: currency,
    rate: `-${discount.percent}%`,
    preciseAmount: precise.toFixed(),
    amount,
    rounding: 'half_up',
    formula: {
      en: `${discount.percent}% off ${toDecimalString(base)} = ${toDecimalString(amount)}`,
      zh: `${toDecimalString(base)} 优惠 ${discount.percent}% = ${toDecimalString(amount)}`,
    },
    inputs: { discountOf: discount.module ?? discount.ruleId ?? null },
    sources: [],
  };
}
