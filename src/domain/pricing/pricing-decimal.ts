import { Decimal } from 'decimal.js';
import { err, ok, type Result } from '../shared/result.js';
import { type FieldName, fieldName, type PricingError, pricingError } from './pricing-error.js';

/**
 * The Decimal constructor all pricing arithmetic runs on.
 *
 * Every number a card or an input may carry is bounded to 15 digits before and 15 after the
 * point (see `parseDecimal`), so a product of three of them (rate × quantity × days) needs at
 * most 90 digits: with 100 significant digits every product and sum here is exact, and the
 * only rounding before money is made is the one documented where a division cannot terminate
 * (monthly proration, e.g. 10/31 of a month).
 */
export const PricingDecimal: Decimal.Constructor = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_EVEN });

/** Decimal places kept for a quotient that does not terminate (only monthly proration divides). */
export const REPEATING_DECIMAL_PLACES = 20;

// Plain decimal notation with an optional exponent: no hex, no "NaN", no separators, no spaces.
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MAX_INTEGER_DIGITS = 15;
const MAX_DECIMAL_PLACES = 15;

export const ZERO: Decimal = new PricingDecimal(0);
export const ONE: Decimal = new PricingDecimal(1);

/**
 * Parse a decimal string from a card or an input. Numbers are refused on purpose: a rate that
 * went through a float (`0.1 + 0.2`) is already wrong, and rate cards store strings.
 *
 * @example
 * parseDecimal('0.25', ['rate'], 'rate'); // ok(Decimal 0.25)
 * parseDecimal(0.25, ['rate'], 'rate'); // err invalid_number
 */
export function parseDecimal(value: unknown, path: (string | number)[], what: FieldName): Result<Decimal, PricingError> {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return err(
      pricingError(
        'invalid_number',
        {
          en: `${fieldName(what, 'en')} must be a decimal string such as "0.25", got ${shown}`,
          zh: `${fieldName(what, 'zh')} 须为字符串形式的十进制数（如 "0.25"），实际为 ${shown}`,
        },
        path,
      ),
    );
  }
  const d = new PricingDecimal(value);
  // -0 is a legitimate way to write zero; normalise it so it never prints as "-0".
  if (d.isZero()) return ok(ZERO);
  const integerDigits = Math.max(d.e + 1, 0);
  if (integerDigits > MAX_INTEGER_DIGITS || d.decimalPlaces() > MAX_DECIMAL_PLACES) {
    return err(
      pricingError(
        'invalid_number',
        {
          en: `${fieldName(what, 'en')} ${JSON.stringify(value)} has more than ${MAX_INTEGER_DIGITS} digits before or ${MAX_DECIMAL_PLACES} after the point`,
          zh: `${fieldName(what, 'zh')} ${JSON.stringify(value)} 整数部分超过 ${MAX_INTEGER_DIGITS} 位或小数部分超过 ${MAX_DECIMAL_PLACES} 位`,
        },
        path,
      ),
    );
  }
  return ok(d);
}

/**
 * Parse a decimal that must not be negative; `negativeCode` lets quantities report
 * `negative_quantity` while rates and amounts report `negative_number`.
 *
 * @example
 * parseNonNegative('-1', ['input', 'quantity'], 'quantity', 'negative_quantity'); // err negative_quantity
 */
export function parseNonNegative(
  value: unknown,
  path: (string | number)[],
  what: FieldName,
  negativeCode: 'negative_number' | 'negative_quantity' = 'negative_number',
): Result<Decimal, PricingError> {
  const parsed = parseDecimal(value, path, what);
  if (!parsed.ok) return parsed;
  if (parsed.value.isNegative()) {
    return err(
      pricingError(
        negativeCode,
        {
          en: `${fieldName(what, 'en')} must not be negative, got ${JSON.stringify(value)}`,
          zh: `${fieldName(what, 'zh')} 不能为负数，实际为 ${JSON.stringify(value)}`,
        },
        path,
      ),
    );
  }
  return parsed;
}

/**
 * A required non-negative input: missing is its own error so a caller sees which fact it forgot.
 *
 * @example
 * parseInput(undefined, 'quantity', 'negative_quantity'); // err missing_input at ['input', 'quantity']
 */
export function parseInput(
  value: unknown,
  field: string,
  negativeCode: 'negative_number' | 'negative_quantity' = 'negative_number',
): Result<Decimal, PricingError> {
  if (value === undefined || value === null) {
    return err(pricingError('missing_input', { en: `${field} is required`, zh: `缺少 ${field}` }, ['input', field]));
  }
  return parseNonNegative(value, ['input', field], field, negativeCode);
}

/**
 * Exact plain notation (never exponent form), the way `preciseAmount` and quantities print.
 *
 * @example
 * plain(new PricingDecimal('1e-7')); // '0.0000001'
 */
export function plain(d: Decimal): string {
  return d.toFixed();
}

/**
 * `numerator / denominator`, exact when the quotient terminates within
 * `REPEATING_DECIMAL_PLACES`, otherwise kept to that many places (half-even), far below any
 * currency's minor unit.
 *
 * @example
 * divide(new PricingDecimal(9), new PricingDecimal(30)).toFixed(); // '0.3'
 * divide(new PricingDecimal(10), new PricingDecimal(31)).toFixed(); // '0.32258064516129032258'
 */
export function divide(numerator: Decimal, denominator: Decimal): Decimal {
  return numerator.div(denominator).toDecimalPlaces(REPEATING_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN);
}
