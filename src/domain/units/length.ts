import type { Decimal } from 'decimal.js';
import { toMeasurement, UnitDecimal } from './unit-decimal.js';

/** Units used for parcel and pallet dimensions. */
export type LengthUnit = 'mm' | 'cm' | 'm' | 'in' | 'ft';

/** Every length unit, e.g. for validation messages and pickers. */
export const LENGTH_UNITS: readonly LengthUnit[] = Object.freeze(['mm', 'cm', 'm', 'in', 'ft']);

/** A non-negative length in a stated unit. Frozen; convert to change units. */
export interface Length {
  readonly value: Decimal;
  readonly unit: LengthUnit;
}

// The international inch is exactly 2.54 cm (1959 agreement) and the foot
// exactly 12 in, so every factor is a terminating decimal and volume factors
// derived by cubing these stay exact too.
const MILLIMETRES_PER_INCH = new UnitDecimal('25.4');
const MILLIMETRES_PER: Readonly<Record<LengthUnit, Decimal>> = Object.freeze({
  mm: new UnitDecimal(1),
  cm: new UnitDecimal(10),
  m: new UnitDecimal(1000),
  in: MILLIMETRES_PER_INCH,
  ft: MILLIMETRES_PER_INCH.times(12), // 304.8 exactly
});

/**
 * Narrow an untrusted string to a length unit (exact, lower-case match).
 *
 * @example
 * isLengthUnit('in'); // true
 * isLengthUnit('inch'); // false
 */
export function isLengthUnit(s: unknown): s is LengthUnit {
  return typeof s === 'string' && Object.hasOwn(MILLIMETRES_PER, s);
}

/**
 * Create a length. Rejects negative, non-finite or non-numeric values (and
 * unknown units) with a RangeError naming the unit and value.
 *
 * @example
 * length('12', 'in');
 * length(30.5, 'cm');
 * length('abc', 'cm'); // throws RangeError: length in cm must be a finite, non-negative number; got "abc"
 */
export function length(value: string | number | Decimal, unit: LengthUnit): Length {
  if (!isLengthUnit(unit)) {
    throw new RangeError(`Unknown length unit ${JSON.stringify(unit)}; expected one of ${LENGTH_UNITS.join(', ')}`);
  }
  return Object.freeze({ value: toMeasurement(value, 'length', unit), unit });
}

/**
 * Convert to another unit. Multiplies before dividing so conversions with
 * terminating results (in→cm, ft→in, m→mm) are exact and the rest round once.
 *
 * @example
 * convertLength(length(1, 'in'), 'cm').value.toString(); // '2.54'
 * convertLength(length(1, 'ft'), 'in').value.toString(); // '12'
 */
export function convertLength(l: Length, toUnit: LengthUnit): Length {
  if (!isLengthUnit(toUnit)) {
    throw new RangeError(`Unknown length unit ${JSON.stringify(toUnit)}; expected one of ${LENGTH_UNITS.join(', ')}`);
  }
  if (l.unit === toUnit) return l;
  const scaled = new UnitDecimal(l.value).times(MILLIMETRES_PER[l.unit]);
  // Into millimetres the product is already exact; a 50-digit division by 1 is the slow part.
  const value = toUnit === 'mm' ? scaled : scaled.div(MILLIMETRES_PER[toUnit]);
  return Object.freeze({ value, unit: toUnit });
}

/**
 * The numeric value of a length expressed in `unit`.
 *
 * @example
 * lengthIn(length('2', 'ft'), 'in').toString(); // '24'
 */
export function lengthIn(l: Length, unit: LengthUnit): Decimal {
  return convertLength(l, unit).value;
}
