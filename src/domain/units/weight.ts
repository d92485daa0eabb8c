import type { Decimal } from 'decimal.js';
import { toMeasurement, UnitDecimal } from './unit-decimal.js';

/** Units scales, carriers and rate cards use for mass. */
export type WeightUnit = 'g' | 'kg' | 'oz' | 'lb';

/** Every weight unit, e.g. for validation messages and pickers. */
export const WEIGHT_UNITS: readonly WeightUnit[] = Object.freeze(['g', 'kg', 'oz', 'lb']);

/** A non-negative mass in a stated unit. Frozen; convert to change units. */
export interface Weight {
  readonly value: Decimal;
  readonly unit: WeightUnit;
}

// The avoirdupois pound is defined as exactly 453.59237 g (1959 international
// yard and pound agreement), and the ounce as exactly 1/16 lb, so every
// factor here is an exact terminating decimal.
const GRAMS_PER_POUND = new UnitDecimal('453.59237');
const GRAMS_PER: Readonly<Record<WeightUnit, Decimal>> = Object.freeze({
  g: new UnitDecimal(1),
  kg: new UnitDecimal(1000),
  lb: GRAMS_PER_POUND,
  oz: GRAMS_PER_POUND.div(16), // 28.349523125 exactly
});

/**
 * Narrow an untrusted string to a weight unit (exact, lower-case match).
 *
 * @example
 * isWeightUnit('lb'); // true
 * isWeightUnit('LBS'); // false
 */
export function isWeightUnit(s: unknown): s is WeightUnit {
  return typeof s === 'string' && Object.hasOwn(GRAMS_PER, s);
}

/**
 * Create a weight. Rejects negative, non-finite or non-numeric values (and
 * unknown units) with a RangeError naming the unit and value.
 *
 * @example
 * weight('1.5', 'kg');
 * weight(16, 'oz');
 * weight(-1, 'lb'); // throws RangeError: weight in lb must be a finite, non-negative number; got -1
 */
export function weight(value: string | number | Decimal, unit: WeightUnit): Weight {
  if (!isWeightUnit(unit)) {
    throw new RangeError(`Unknown weight unit ${JSON.stringify(unit)}; expected one of ${WEIGHT_UNITS.join(', ')}`);
  }
  return Object.freeze({ value: toMeasurement(value, 'weight', unit), unit });
}

/**
 * Convert to another unit. Multiplies before dividing so conversions with
 * terminating results (kg→g, lb→oz, oz→g) are exact and the rest round once.
 *
 * @example
 * convertWeight(weight(1, 'lb'), 'oz').value.toString(); // '16'
 * convertWeight(weight(1, 'lb'), 'g').value.toString(); // '453.59237'
 */
export function convertWeight(w: Weight, toUnit: WeightUnit): Weight {
  if (!isWeightUnit(toUnit)) {
    throw new RangeError(`Unknown weight unit ${JSON.stringify(toUnit)}; expected one of ${WEIGHT_UNITS.join(', ')}`);
  }
  if (w.unit === toUnit) return w;
  const scaled = new UnitDecimal(w.value).times(GRAMS_PER[w.unit]);
  // Into grams the product is already exact; a 50-digit division by 1 is the slow part.
  const value = toUnit === 'g' ? scaled : scaled.div(GRAMS_PER[toUnit]);
  return Object.freeze({ value, unit: toUnit });
}

/**
 * The numeric value of a weight expressed in `unit`.
 *
 * @example
 * weightIn(weight('2.5', 'kg'), 'g').toString(); // '2500'
 */
export function weightIn(w: Weight, unit: WeightUnit): Decimal {
  return convertWeight(w, unit).value;
}
