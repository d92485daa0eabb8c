import { Decimal } from 'decimal.js';

/**
 * How to turn an exact value into one with fewer digits.
 *
 * Every place Landed rounds money it must say which rule it uses, because
 * rate cards, carriers and tax authorities disagree and the choice changes
 * invoices by a cent. Behaviour on negatives matters for credit notes and
 * refunds, so each mode is documented with a negative example (rounding to
 * 2 decimal places):
 *
 * - `half_up`   — nearest; ties go away from zero.  2.345 → 2.35, -2.345 → -2.35
 * - `half_even` — nearest; ties go to the even digit ("banker's").
 *                 2.345 → 2.34, 2.355 → 2.36, -2.345 → -2.34
 * - `up`        — away from zero.                  2.341 → 2.35, -2.341 → -2.35
 * - `down`      — toward zero (truncate).          2.349 → 2.34, -2.349 → -2.34
 * - `ceiling`   — toward +∞.                       2.341 → 2.35, -2.349 → -2.34
 * - `floor`     — toward −∞.                       2.349 → 2.34, -2.341 → -2.35
 */
export type RoundingMode = 'half_up' | 'half_even' | 'up' | 'down' | 'ceiling' | 'floor';

/** All rounding modes, e.g. for validating configuration or building pickers. */
export const ROUNDING_MODES: readonly RoundingMode[] = Object.freeze(['half_up', 'half_even', 'up', 'down', 'ceiling', 'floor']);

// Typed as the literal union decimal.js declares so callers can pass the
// result straight to toDecimalPlaces / toFixed without casts.
const DECIMAL_ROUNDING: Readonly<Record<RoundingMode, Decimal.Rounding>> = Object.freeze({
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
});

/**
 * Narrow an untrusted string (config file, rate card column) to a rounding mode.
 *
 * @example
 * isRoundingMode('half_even'); // true
 * isRoundingMode('HALF_EVEN'); // false
 */
export function isRoundingMode(s: unknown): s is RoundingMode {
  return typeof s === 'string' && Object.hasOwn(DECIMAL_ROUNDING, s);
}

/**
 * The decimal.js rounding constant equivalent to a `RoundingMode`, for code
 * that rounds `Decimal` values directly (e.g. rate calculations before they
 * become `Money`).
 *
 * @example
 * new Decimal('2.345').toFixed(2, toDecimalRounding('half_even')); // '2.34'
 */
export function toDecimalRounding(mode: RoundingMode): Decimal.Rounding {
  if (!isRoundingMode(mode)) {
    throw new RangeError(`Unknown rounding mode: ${JSON.stringify(mode)}`);
  }
  return DECIMAL_ROUNDING[mode];
}

/**
 * Divide two integers and round the exact quotient to an integer with `mode`.
 *
 * Money arithmetic funnels through this so that rounding happens exactly once,
 * on the true rational result: bigint division has no precision limit,
 * whereas decimal.js rounds intermediate products to its configured number of
 * significant digits and could double-round very large amounts.
 *
 * @example
 * divideAndRound(2345n, 10n, 'half_even'); // 234n
 * divideAndRound(-2345n, 10n, 'half_up'); // -235n
 * divideAndRound(7n, 2n, 'floor'); // 3n
 */
export function divideAndRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) {
    throw new RangeError('divideAndRound: division by zero');
  }
  if (!isRoundingMode(mode)) {
    throw new RangeError(`Unknown rounding mode: ${JSON.stringify(mode)}`);
  }
  // Normalise so the denominator is positive; then the quotient's sign is the numerator's.
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = n / d; // bigint division truncates toward zero
  const r = n % d; // same sign as n
  if (r === 0n) return q;

  const awayFromZero = n < 0n ? q - 1n : q + 1n;
  const twiceRemainder = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return awayFromZero;
    case 'ceiling':
      return n > 0n ? q + 1n : q;
    case 'floor':
      return n < 0n ? q - 1n : q;
    case 'half_up':
      return twiceRemainder >= d ? awayFromZero : q;
    case 'half_even':
      if (twiceRemainder > d) return awayFromZero;
      if (twiceRemainder < d) return q;
      return q % 2n === 0n ? q : awayFromZero;
  }
}
