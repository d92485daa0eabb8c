/**
 * `per_package`: a rate per package of N units, a part-full package billed whole — "per carton
 * of 20", "per 0.5 kg started". The line's quantity is the number of packages.
 */
import { err, ok, type Result } from '../shared/result.js';
import { both, counted, rateLabel } from './explain.js';
import type { LineModifiers } from './line-limits.js';
import { collect, type ModelPricer, unitOf } from './model-pricer.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { parseInput, parseNonNegative, plain } from './pricing-decimal.js';

export interface PerPackageModel extends LineModifiers {
  kind: 'per_package';
  /** Units per package, above zero ("20"). */
  packageSize: string;
  /** Amount per package, card currency. */
  rate: string;
  /** What the input quantity counts; `unit` when absent. */
  unit?: string;
  /** What a package is called ("carton", "pallet"); `package` when absent. */
  packageUnit?: string;
}

/**
 * Validate a per-package model once and return its pricer.
 *
 * @example
 * compilePerPackage({ kind: 'per_package', packageSize: '20', rate: '1.50', packageUnit: 'carton' });
 * // 45 units → "ceil(45 units ÷ 20) = 3 cartons × $1.50 = $4.50"
 */
export function compilePerPackage(model: PerPackageModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const size = collect(parseNonNegative(model.packageSize, ['packageSize'], 'packageSize'), errors);
  if (size?.isZero())
    errors.push(pricingError('invalid_number', { en: 'packageSize must be above 0', zh: 'packageSize 须大于 0' }, ['packageSize']));
  const rate = collect(parseNonNegative(model.rate, ['rate'], 'rate'), errors);
  const unit = unitOf(model.unit, ['unit'], 'unit', errors);
  const packageUnit = unitOf(model.packageUnit, ['packageUnit'], 'package', errors);
  if (size === undefined || rate === undefined || errors.length > 0) return err(errors);
  const sizeText = plain(size);
  const rateText = plain(rate);
  const shown = rateLabel(rate);

  return ok((input, currency) => {
    const parsed = parseInput(input.quantity, 'quantity', 'negative_quantity');
    if (!parsed.ok) return parsed;
    const q = parsed.value;
    // divToInt is the exact integer part, so a quantity on a multiple never rounds up a package.
    const whole = q.divToInt(size);
    const count = whole.times(size).lt(q) ? whole.plus(1) : whole;
    const packages = plain(count);
    const units = plain(q);
    return ok({
      quantity: packages,
      unit: packageUnit,
      rate: rateText,
      precise: rate.times(count),
      inputs: { units, packageSize: sizeText, packages },
      details: [],
      terms: both((lang) => {
        const rounded =
          lang === 'en' ? `ceil(${counted(units, unit, lang)} ÷ ${sizeText})` : `⌈${counted(units, unit, lang)} ÷ ${sizeText}⌉`;
        return `${rounded} = ${counted(packages, packageUnit, lang)} × ${shown(currency, lang)}`;
      }),
      warnings: [],
    });
  });
}
