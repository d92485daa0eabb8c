/**
 * The modifiers any rule may carry: a minimum and a maximum per line, and the rounding mode
 * of its amount. They act on the exact amount, before the single rounding, so "minimum $1.00"
 * is met exactly and a capped line never rounds past its cap.
 */
import type { Decimal } from 'decimal.js';
import { isRoundingMode, type RoundingMode } from '../money/index.js';
import { err, ok, type Result } from '../shared/result.js';
import { collect } from './model-pricer.js';
import type { AppliedLimit } from './priced.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { parseNonNegative, plain } from './pricing-decimal.js';

export interface LineModifiers {
  /** Least amount of the line, card currency ("1.00"). */
  minimum?: string;
  /** Greatest amount of the line, card currency ("50.00"). */
  maximum?: string;
  /** How the exact amount becomes money; `half_up` when absent. */
  rounding?: RoundingMode;
}

export interface CompiledLimits {
  minimum: Decimal | null;
  maximum: Decimal | null;
  rounding: RoundingMode;
}

/**
 * Validate and pre-parse the modifiers of a model.
 *
 * @example
 * compileLimits({ minimum: '5', maximum: '2' }); // err: invalid_limits at ['maximum']
 */
export function compileLimits(model: LineModifiers): Result<CompiledLimits, PricingError[]> {
  const errors: PricingError[] = [];
  const minimum = model.minimum === undefined ? null : collect(parseNonNegative(model.minimum, ['minimum'], 'minimum'), errors);
  const maximum = model.maximum === undefined ? null : collect(parseNonNegative(model.maximum, ['maximum'], 'maximum'), errors);
  let rounding: RoundingMode = 'half_up';
  if (model.rounding !== undefined) {
    if (isRoundingMode(model.rounding)) rounding = model.rounding;
    else
      errors.push(
        pricingError(
          'invalid_option',
          {
            en: 'rounding must be one of half_up, half_even, up, down, ceiling, floor',
            zh: 'rounding 须为 half_up、half_even、up、down、ceiling、floor 之一',
          },
          ['rounding'],
        ),
      );
  }
  if (minimum && maximum && minimum.gt(maximum)) {
    errors.push(
      pricingError(
        'invalid_limits',
        { en: `minimum ${model.minimum} is above maximum ${model.maximum}`, zh: `最低收费 ${model.minimum} 高于最高收费 ${model.maximum}` },
        ['maximum'],
      ),
    );
  }
  if (errors.length > 0) return err(errors);
  return ok({ minimum: minimum ?? null, maximum: maximum ?? null, rounding });
}

/**
 * Raise to the minimum or cap at the maximum, saying which applied.
 *
 * @example
 * applyLimits(new PricingDecimal('0.8'), { minimum: new PricingDecimal('1'), maximum: null, rounding: 'half_up' });
 * // { amount: 1, limit: { kind: 'minimum', limit: '1', before: '0.8' } }
 */
export function applyLimits(amount: Decimal, limits: CompiledLimits): { amount: Decimal; limit: AppliedLimit | null } {
  if (limits.minimum !== null && amount.lt(limits.minimum)) {
    return { amount: limits.minimum, limit: { kind: 'minimum', limit: plain(limits.minimum), before: plain(amount) } };
  }
  if (limits.maximum !== null && amount.gt(limits.maximum)) {
    return { amount: limits.maximum, limit: { kind: 'maximum', limit: plain(limits.maximum), before: plain(amount) } };
  }
  return { amount, limit: null };
}
