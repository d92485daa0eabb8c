import { Decimal } from 'decimal.js';

/**
 * The Decimal constructor all unit maths runs on.
 *
 * decimal.js's default of 20 significant digits is too few: a pound is
 * 453.59237 g (8 digits), an ft³ is 28316.846592 cm³ (11 digits), and a
 * dimensional-weight calculation multiplies three converted lengths. With 50
 * digits every conversion whose result terminates in decimal (kg↔g, lb↔oz,
 * in↔cm, ft³↔in³…) stays exact for any realistic input, and the ones that
 * cannot terminate (g→lb divides by 453.59237) are rounded once, half-even,
 * ~30 digits below anything a carrier or scale can measure.
 *
 * Instances share decimal.js's prototype, so they are ordinary `Decimal`s to
 * callers; values created here keep this precision in further arithmetic.
 */
export const UnitDecimal: Decimal.Constructor = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_EVEN,
});

// Plain decimal notation, optionally with an exponent. decimal.js would also
// accept "0x1F", "Infinity" and "NaN"; none of those is a measurement.
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parse a measurement into a finite, non-negative `Decimal` at unit
 * precision, or throw a RangeError that names what was being built and in
 * which unit, so a bad CSV cell is traceable.
 *
 * Numbers are read by their shortest decimal form (0.1 is one tenth, not the
 * nearest binary double), which is what a caller typing 0.1 meant.
 *
 * @example
 * toMeasurement('1.5', 'weight', 'kg'); // Decimal 1.5
 * toMeasurement(-1, 'length', 'cm'); // throws RangeError: length in cm must be …
 */
export function toMeasurement(value: string | number | Decimal, kind: string, unit: string): Decimal {
  const fail = (): never => {
    // Quote strings so an empty or whitespace cell is visible in the message.
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new RangeError(`${kind} in ${unit} must be a finite, non-negative number; got ${shown}`);
  };
  let d: Decimal;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail();
    d = new UnitDecimal(value);
  } else if (typeof value === 'string') {
    if (!DECIMAL_PATTERN.test(value)) return fail();
    d = new UnitDecimal(value);
  } else if (Decimal.isDecimal(value)) {
    d = new UnitDecimal(value);
  } else {
    return fail();
  }
  if (!d.isFinite()) return fail();
  // -0 is a legitimate way to write zero (e.g. a tared scale); normalise it.
  if (d.isZero()) return new UnitDecimal(0);
  if (d.isNegative()) return fail();
  return d;
}
