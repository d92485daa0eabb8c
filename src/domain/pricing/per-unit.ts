/**
 * `per_unit`: quantity × rate — per pick, per order, per kg, per label.
 */
import { err, ok, type Result } from '../shared/result.js';
import { both, counted, rateLabel } from './explain.js';
import type { LineModifiers } from './line-limits.js';
import { collect, type ModelPricer, unitOf } from './model-pricer.js';
import type { PricingError } from './pricing-error.js';
import { parseInput, parseNonNegative, plain } from './pricing-decimal.js';

export interface PerUnitModel extends LineModifiers {
  kind: 'per_unit';
  /** Amount per unit, card currency ("0.25"). */
  rate: string;
  /** What a unit counts ("pick", "order", "kg"); `unit` when absent. */
  unit?: string;
}

/**
 * Validate a per-unit model once and return its pricer.
 *
 * @example
 * compilePerUnit({ kind: 'per_unit', rate: '1.20', unit: 'order' }); // 3 orders → "3 orders × $1.20 = $3.60"
 */
export function compilePerUnit(model: PerUnitModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const rate = collect(parseNonNegative(model.rate, ['rate'], 'rate'), errors);
  const unit = unitOf(model.unit, ['unit'], 'unit', errors);
  if (rate === undefined || errors.length > 0) return err(errors);
  const rateText = plain(rate);
  const shown = rateLabel(rate);
  return ok((input, currency) => {
    const parsed = parseInput(input.quantity, 'quantity', 'negative_quantity');
    if (!parsed.ok) return parsed;
    const quantity = plain(parsed.value);
    return ok({
      quantity,
      unit,
      rate: rateText,
      precise: parsed.value.times(rate),
      inputs: { quantity },
      details: [],
      terms: both((lang) => `${counted(quantity, unit, lang)} × ${shown(currency, lang)}`),
      warnings: [],
    });
  });
}
