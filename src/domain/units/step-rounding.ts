import type { Decimal } from 'decimal.js';
import { UnitDecimal } from './unit-decimal.js';

// Same strict notation as measurements: a step like "0x1" or "1/2" is a bug.
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function toStep(step: string | Decimal): Decimal {
  const ok = typeof step === 'string' ? DECIMAL_PATTERN.test(step) : UnitDecimal.isDecimal(step);
  const d = ok ? new UnitDecimal(step) : undefined;
  if (d === undefined || !d.isFinite() || d.lte(0)) {
    const shown = typeof step === 'string' ? JSON.stringify(step) : String(step);
    throw new RangeError(`Rounding step must be a finite positive decimal; got ${shown}`);
  }
  return d;
}

function toValue(value: Decimal): Decimal {
  if (!UnitDecimal.isDecimal(value) || !value.isFinite()) {
    throw new RangeError(`Value to round must be a finite Decimal; got ${String(value)}`);
  }
  return new UnitDecimal(value);
}

/**
 * Split `value` into `q × step + r`, q an integer truncated toward zero. Uses
 * divToInt (exact integer part) instead of dividing and rounding, so a value
 * that is already a multiple of the step is never nudged to the next one by
 * a rounded quotient.
 */
function splitByStep(value: Decimal, step: Decimal): { q: Decimal; r: Decimal } {
  const q = value.divToInt(step);
  return { q, r: value.minus(q.times(step)) };
}

/**
 * Round up (toward +∞) to the next multiple of `step`, the way carriers bill:
 * 1.01 kg at a 0.5 kg break is 1.5 kg, a 10.2 in side is 11 in. A value
 * already on a multiple is unchanged.
 *
 * @example
 * roundUpTo(new Decimal('1.01'), '0.5').toString(); // '1.5'
 * roundUpTo(new Decimal('10.2'), '1').toString(); // '11'
 * roundUpTo(new Decimal('3'), '1').toString(); // '3'
 */
export function roundUpTo(value: Decimal, step: string | Decimal): Decimal {
  const v = toValue(value);
  const s = toStep(step);
  const { q, r } = splitByStep(v, s);
  // Truncation toward zero is already the ceiling for negative values.
  return r.gt(0) ? q.plus(1).times(s) : q.times(s);
}

/**
 * Round to the nearest multiple of `step`; exact halves go away from zero
 * (half-up), which is how carriers that "round to nearest" publish it —
 * 0.25 at a 0.5 step becomes 0.5, never 0.
 *
 * @example
 * roundToNearest(new Decimal('1.24'), '0.5').toString(); // '1'
 * roundToNearest(new Decimal('1.25'), '0.5').toString(); // '1.5'
 * roundToNearest(new Decimal('7.4'), '1').toString(); // '7'
 */
export function roundToNearest(value: Decimal, step: string | Decimal): Decimal {
  const v = toValue(value);
  const s = toStep(step);
  const { q, r } = splitByStep(v, s);
  if (r.abs().times(2).lt(s)) return q.times(s);
  return (v.isNegative() ? q.minus(1) : q.plus(1)).times(s);
}
