/**
 * `percentage`: a percent of a base amount the input carries — fuel surcharge on postage
 * (`base: 'amount'`), insurance on declared value (`base: 'declared_value'`). The line's
 * quantity is the base and its rate the percentage ("12.5%").
 */
import { err, ok, type Result } from '../shared/result.js';
import { both, showRate } from './explain.js';
import type { LineModifiers } from './line-limits.js';
import { collect, type ModelPricer } from './model-pricer.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { parseInput, parseNonNegative, plain } from './pricing-decimal.js';

export const PERCENTAGE_BASES = ['amount', 'declared_value'] as const;
export type PercentageBase = (typeof PERCENTAGE_BASES)[number];

export interface PercentageModel extends LineModifiers {
  kind: 'percentage';
  /** Percent, e.g. "12.5" for 12.5 %. */
  percent: string;
  /** Which input is the base: `amount` or `declaredValue`. */
  base: PercentageBase;
}

const INPUT_FIELD = { amount: 'amount', declared_value: 'declaredValue' } as const satisfies Record<PercentageBase, string>;

/**
 * Validate a percentage model once and return its pricer.
 *
 * @example
 * compilePercentage({ kind: 'percentage', percent: '0.5', base: 'declared_value' });
 * // declaredValue "500" → "0.5% of declared value $500.00 = $2.50"
 */
export function compilePercentage(model: PercentageModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const percent = collect(parseNonNegative(model.percent, ['percent'], 'percent'), errors);
  const base = model.base;
  if (!(PERCENTAGE_BASES as readonly unknown[]).includes(base)) {
    const shown = JSON.stringify(base);
    errors.push(
      pricingError(
        'invalid_option',
        { en: `base must be amount or declared_value, got ${shown}`, zh: `base 须为 amount 或 declared_value，实际为 ${shown}` },
        ['base'],
      ),
    );
  }
  if (percent === undefined || errors.length > 0) return err(errors);
  const rate = `${plain(percent)}%`;
  const field = INPUT_FIELD[base];
  const fraction = percent.div(100); // exact: a decimal divided by 100 terminates

  return ok((input, currency) => {
    const parsed = parseInput(input[field], field);
    if (!parsed.ok) return parsed;
    const amount = parsed.value;
    const shown = plain(amount);
    return ok({
      quantity: shown,
      unit: base,
      rate,
      precise: amount.times(fraction),
      inputs: { base, [field]: shown, percent: plain(percent) },
      details: [],
      terms: both((lang) => {
        const value = showRate(currency, amount, lang);
        if (lang === 'en') return base === 'amount' ? `${rate} of ${value}` : `${rate} of declared value ${value}`;
        return base === 'amount' ? `${value} × ${rate}` : `申报价值 ${value} × ${rate}`;
      }),
      warnings: [],
    });
  });
}
