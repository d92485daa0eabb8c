/**
 * `flat`: a fixed amount per line, whatever was done — a per-order fee, a monthly account fee,
 * a label. Quantity is always 1.
 */
import { err, ok, type Result } from '../shared/result.js';
import { both, rateLabel } from './explain.js';
import type { LineModifiers } from './line-limits.js';
import { collect, type ModelPricer, unitOf } from './model-pricer.js';
import type { PricingError } from './pricing-error.js';
import { parseNonNegative, plain } from './pricing-decimal.js';

export interface FlatModel extends LineModifiers {
  kind: 'flat';
  /** The line's amount, card currency ("5.00"). */
  amount: string;
  /** What one line is, e.g. "order"; `line` when absent. */
  unit?: string;
}

/**
 * Validate a flat model once and return its pricer.
 *
 * @example
 * compileFlat({ kind: 'flat', amount: '5.00' }); // pricer: 1 line × $5.00, "flat fee $5.00 = $5.00"
 */
export function compileFlat(model: FlatModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const amount = collect(parseNonNegative(model.amount, ['amount'], 'amount'), errors);
  const unit = unitOf(model.unit, ['unit'], 'line', errors);
  if (amount === undefined || errors.length > 0) return err(errors);
  const rate = plain(amount);
  const shown = rateLabel(amount);
  return ok((_input, currency) =>
    ok({
      quantity: '1',
      unit,
      rate,
      precise: amount,
      inputs: {},
      details: [],
      terms: both((lang) => (lang === 'en' ? `flat fee ${shown(currency, lang)}` : `固定费用 ${shown(currency, lang)}`)),
      warnings: [],
    }),
  );
}
