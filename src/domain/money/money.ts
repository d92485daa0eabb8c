import type { Decimal } from 'decimal.js';
import { type CurrencyCode, currencyExponent, isCurrencyCode } from './currency.js';
import { numberToScaledInteger, pow10, type ScaledInteger, toScaledInteger } from './exact-decimal.js';
import { divideAndRound, type RoundingMode } from './rounding.js';

/**
 * An exact amount of one currency, as an integer number of minor units
 * (cents, fen, yen…). Never a float: 3PL invoices sum thousands of tiny fees
 * and a drifting cent is a billing dispute.
 *
 * Values are frozen; every operation returns a new `Money`.
 */
export interface Money {
  readonly currency: CurrencyCode;
  readonly minor: bigint;
}

/**
 * Wire/JSON shape of a `Money`. `amount_minor` is the source of truth (a
 * string because JSON cannot carry bigint and numbers lose precision past
 * 2^53); `amount` is the same value in major units for humans and
 * spreadsheets.
 */
export interface MoneyDto {
  readonly currency: CurrencyCode;
  readonly amount_minor: string;
  readonly amount: string;
}

/**
 * Thrown when an operation combines amounts in different currencies. Mixing
 * currencies is always a bug upstream (a missing FX step), so we fail loudly
 * instead of producing a meaningless number.
 */
export class CurrencyMismatchError extends Error {
  readonly expected: CurrencyCode;
  readonly actual: CurrencyCode;

  constructor(expected: CurrencyCode, actual: CurrencyCode, operation: string) {
    super(`Currency mismatch in ${operation}: expected ${expected}, got ${actual}`);
    this.name = 'CurrencyMismatchError';
    this.expected = expected;
    this.actual = actual;
  }
}

const INTEGER_STRING = /^-?\d+$/;

function assertCurrency(currency: CurrencyCode): void {
  if (!isCurrencyCode(currency)) {
    throw new RangeError(`Unsupported currency code: ${JSON.stringify(currency)}`);
  }
}

function assertSameCurrency(a: Money, b: Money, operation: string): void {
  if (a.currency !== b.currency) {
    throw new CurrencyMismatchError(a.currency, b.currency, operation);
  }
}

function make(currency: CurrencyCode, minor: bigint): Money {
  return Object.freeze({ currency, minor });
}

/** Round `value` (exact) to an integer count of `currency` minor units. */
function roundToMinor(value: ScaledInteger, currency: CurrencyCode, mode: RoundingMode): bigint {
  return divideAndRound(value.coefficient * pow10(currencyExponent(currency)), pow10(value.scale), mode);
}

/**
 * Create a `Money` from an integer number of minor units.
 *
 * A `number` is accepted for convenience in tests and literals, but only if
 * it is a safe integer: a fractional or > 2^53 number has already lost
 * precision, so we refuse it rather than silently round.
 *
 * @example
 * money('USD', 1234n); // $12.34
 * money('JPY', 1200); // ¥1200
 * money('USD', 12.5); // throws RangeError
 */
export function money(currency: CurrencyCode, minor: bigint | number): Money {
  assertCurrency(currency);
  if (typeof minor === 'bigint') return make(currency, minor);
  if (typeof minor === 'number' && Number.isSafeInteger(minor)) return make(currency, BigInt(minor));
  throw new RangeError(`Minor units must be an integer (bigint or safe integer number), got ${String(minor)}`);
}

/**
 * The zero amount of a currency.
 *
 * @example
 * zero('EUR'); // { currency: 'EUR', minor: 0n }
 */
export function zero(currency: CurrencyCode): Money {
  return money(currency, 0n);
}

/**
 * Create a `Money` from a decimal amount in major units, rounding once at the
 * currency's exponent. Use this at the boundary where rate cards or
 * spreadsheets hand us human-entered decimals.
 *
 * Throws a RangeError for anything that is not a plain finite decimal
 * ("abc", "1,234.50", "NaN", "0x10").
 *
 * @example
 * moneyFromDecimal('USD', '2.345', 'half_even'); // 234n minor ($2.34)
 * moneyFromDecimal('USD', '2.345', 'half_up'); // 235n minor ($2.35)
 * moneyFromDecimal('JPY', '1200.5', 'floor'); // 1200n minor
 */
export function moneyFromDecimal(currency: CurrencyCode, amount: string | Decimal, mode: RoundingMode): Money {
  assertCurrency(currency);
  return make(currency, roundToMinor(toScaledInteger(amount, 'amount'), currency, mode));
}

/**
 * Exact decimal string in major units, with exactly the currency's number of
 * decimal places and no grouping — suitable for CSV exports and DTOs.
 *
 * @example
 * toDecimalString(money('USD', 1234n)); // '12.34'
 * toDecimalString(money('USD', -5n)); // '-0.05'
 * toDecimalString(money('JPY', 1200n)); // '1200'
 */
export function toDecimalString(m: Money): string {
  const exponent = currencyExponent(m.currency);
  const negative = m.minor < 0n;
  const digits = (negative ? -m.minor : m.minor).toString();
  if (exponent === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(exponent + 1, '0');
  const whole = padded.slice(0, padded.length - exponent);
  const fraction = padded.slice(padded.length - exponent);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * Sum of two amounts of the same currency. Exact; never rounds.
 *
 * @example
 * add(money('USD', 10n), money('USD', 20n)); // 30n minor ($0.30)
 */
export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'add');
  return make(a.currency, a.minor + b.minor);
}

/**
 * `a - b` for amounts of the same currency. Exact; may go negative (credits).
 *
 * @example
 * subtract(money('USD', 100n), money('USD', 250n)); // -150n minor (-$1.50)
 */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtract');
  return make(a.currency, a.minor - b.minor);
}

/**
 * The additive inverse, e.g. to turn a charge into a credit line.
 *
 * @example
 * negate(money('USD', 500n)); // -500n minor
 */
export function negate(m: Money): Money {
  return make(m.currency, -m.minor);
}

/**
 * Total of a list of amounts, all in `currency`. An empty list is zero (an
 * invoice with no lines totals $0.00, not an error); the explicit currency is
 * what makes that possible.
 *
 * @example
 * sum('USD', Array.from({ length: 10 }, () => money('USD', 10n))); // 100n minor ($1.00)
 * sum('USD', []); // 0n minor
 */
export function sum(currency: CurrencyCode, list: Iterable<Money>): Money {
  assertCurrency(currency);
  let total = 0n;
  for (const m of list) {
    if (m.currency !== currency) throw new CurrencyMismatchError(currency, m.currency, 'sum');
    total += m.minor;
  }
  return make(currency, total);
}

/**
 * Multiply by a decimal factor (quantity, percentage, per-kg rate…) and round
 * once to minor units. The factor is a string or `Decimal`, never a float, so
 * "0.07" means exactly seven hundredths.
 *
 * @example
 * multiply(money('USD', 1999n), '3', 'half_up'); // 5997n minor
 * multiply(money('USD', 1000n), '0.075', 'half_even'); // 75n minor ($0.75)
 * multiply(money('USD', 5n), '0.5', 'half_even'); // 2n minor (2.5 → 2)
 */
export function multiply(m: Money, factor: string | Decimal, mode: RoundingMode): Money {
  const f = toScaledInteger(factor, 'factor');
  return make(m.currency, divideAndRound(m.minor * f.coefficient, pow10(f.scale), mode));
}

/**
 * Convert to another currency at `rate` (units of `to` per 1 unit of
 * `m.currency`, as a decimal string), rounding once at the target exponent.
 * The rate is applied to the exact major-unit value, so currencies with
 * different exponents (USD ↔ JPY) convert correctly.
 *
 * @example
 * convert(money('USD', 10000n), 'CNY', '7.1234', 'half_even'); // 71234n minor (¥712.34)
 * convert(money('USD', 1234n), 'JPY', '150', 'half_up'); // 1851n minor (¥1851)
 */
export function convert(m: Money, to: CurrencyCode, rate: string | Decimal, mode: RoundingMode): Money {
  assertCurrency(to);
  const r = toScaledInteger(rate, 'rate');
  if (r.coefficient <= 0n) {
    throw new RangeError(`FX rate must be positive, got ${typeof rate === 'string' ? rate : rate.toString()}`);
  }
  // minor_to = minor_from / 10^e_from * rate * 10^e_to, kept as one exact fraction.
  const numerator = m.minor * r.coefficient * pow10(currencyExponent(to));
  const denominator = pow10(r.scale + currencyExponent(m.currency));
  return make(to, divideAndRound(numerator, denominator, mode));
}

/**
 * Split an amount in proportion to `ratios` without creating or losing a
 * minor unit: each part gets the floor of its exact share, then the leftover
 * units go one each to the parts with the largest remainders (ties to the
 * earlier index, so the result is deterministic). Used to spread a shipment
 * fee across orders or SKUs.
 *
 * Ratios must be non-negative and not all zero. Number ratios are read by
 * their shortest decimal form, so `[0.7, 0.3]` is exactly 7:3. A zero ratio
 * always receives zero. Negative amounts split as the mirror image of the
 * positive amount, so a refund allocates exactly like the charge it reverses.
 *
 * @example
 * allocate(money('USD', 100n), [1, 1, 1]); // [34n, 33n, 33n] minor
 * allocate(money('USD', 5n), [70n, 30n]); // [4n, 1n] minor (3.5 vs 1.5 → tie to first)
 */
export function allocate(m: Money, ratios: readonly number[] | readonly bigint[]): Money[] {
  if (ratios.length === 0) throw new RangeError('allocate: ratios must not be empty');
  // Widen so one code path handles both array flavours (and mixed input from JS).
  const list: readonly (number | bigint)[] = ratios;
  const scaled = list.map((ratio, i): ScaledInteger => {
    if (typeof ratio === 'bigint') return { coefficient: ratio, scale: 0 };
    return numberToScaledInteger(ratio, `allocate ratio[${i}]`);
  });
  // Bring every ratio to a common integer scale so the arithmetic is exact.
  const maxScale = Math.max(...scaled.map((s) => s.scale));
  const weights = scaled.map((s) => s.coefficient * pow10(maxScale - s.scale));
  weights.forEach((w, i) => {
    if (w < 0n) throw new RangeError(`allocate: ratio[${i}] must not be negative`);
  });
  const total = weights.reduce((acc, w) => acc + w, 0n);
  if (total === 0n) throw new RangeError('allocate: ratios must not all be zero');

  const negative = m.minor < 0n;
  const amount = negative ? -m.minor : m.minor;
  const shares = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w) => (amount * w) % total);
  let leftover = amount - shares.reduce((acc, s) => acc + s, 0n);

  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      if (ra !== rb) return ra > rb ? -1 : 1;
      return a - b;
    });
  for (const i of order) {
    if (leftover === 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    leftover -= 1n;
  }
  return shares.map((s) => make(m.currency, negative ? -s : s));
}

/**
 * Order two amounts of the same currency: -1, 0 or 1. Throws on mismatched
 * currencies because "is $5 more than ¥500?" has no answer without FX.
 *
 * @example
 * compare(money('USD', 1n), money('USD', 2n)); // -1
 * [b, a].sort(compare); // ascending
 */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, 'compare');
  if (a.minor === b.minor) return 0;
  return a.minor < b.minor ? -1 : 1;
}

/**
 * Whether the amount is zero (in any currency).
 *
 * @example
 * isZero(zero('USD')); // true
 */
export function isZero(m: Money): boolean {
  return m.minor === 0n;
}

/**
 * Value equality. Unlike `compare`, different currencies return `false`
 * rather than throw: equality is always answerable (USD 0 is not EUR 0), and
 * this keeps `equals` safe to use in filters and test assertions.
 *
 * @example
 * equals(money('USD', 100n), moneyFromDecimal('USD', '1.00', 'half_even')); // true
 * equals(zero('USD'), zero('EUR')); // false
 */
export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.minor === b.minor;
}

// Intl.NumberFormat construction is comparatively expensive and invoices
// format thousands of lines; a formatter is stateless, so caching is safe.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: 'en' | 'zh-CN', currency: CurrencyCode): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let nf = formatters.get(key);
  if (nf === undefined) {
    const digits = currencyExponent(currency);
    nf = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, nf);
  }
  return nf;
}

// ES2023 Intl accepts a decimal string and formats it exactly; the target lib
// here is ES2022, so describe that overload locally instead of passing a
// Number, which would lose precision above 2^53 minor units.
type ExactFormat = (value: string) => string;

/**
 * Human display string for the given UI locale, e.g. `$12.34` in English and
 * `US$12.34` in Simplified Chinese (where a bare `¥`/`$` would be ambiguous).
 * Display only — never parse this back; use `moneyToDto` for data.
 *
 * @example
 * formatMoney(money('USD', 1234n), 'en'); // '$12.34'
 * formatMoney(money('USD', 1234n), 'zh-CN'); // 'US$12.34'
 * formatMoney(money('CNY', 1234n), 'zh-CN'); // '¥12.34'
 */
export function formatMoney(m: Money, locale: 'en' | 'zh-CN'): string {
  const nf = formatterFor(locale, m.currency);
  return (nf.format as unknown as ExactFormat).call(nf, toDecimalString(m));
}

/**
 * JSON-safe representation (bigint cannot go through `JSON.stringify`).
 *
 * @example
 * moneyToDto(money('USD', -5n)); // { currency: 'USD', amount_minor: '-5', amount: '-0.05' }
 */
export function moneyToDto(m: Money): MoneyDto {
  return { currency: m.currency, amount_minor: m.minor.toString(), amount: toDecimalString(m) };
}

/**
 * Parse a DTO received from the wire. `amount_minor` is authoritative; if
 * `amount` is present it must agree exactly, so a client that edited one
 * field but not the other is rejected instead of silently trusted.
 *
 * @example
 * moneyFromDto({ currency: 'USD', amount_minor: '1234', amount: '12.34' }); // 1234n minor
 * moneyFromDto({ currency: 'USD', amount_minor: '1234', amount: '99.99' }); // throws RangeError
 */
export function moneyFromDto(dto: { readonly currency: string; readonly amount_minor: string; readonly amount?: string }): Money {
  if (!isCurrencyCode(dto.currency)) {
    throw new RangeError(`Unsupported currency code: ${JSON.stringify(dto.currency)}`);
  }
  if (typeof dto.amount_minor !== 'string' || !INTEGER_STRING.test(dto.amount_minor)) {
    throw new RangeError(`amount_minor must be an integer string, got ${JSON.stringify(dto.amount_minor)}`);
  }
  const m = make(dto.currency, BigInt(dto.amount_minor));
  if (dto.amount !== undefined) {
    // Compare numerically so "12.3" and "12.30" both agree with 1230 minor;
    // rounding down and up agree only when the amount has no sub-minor digits.
    const exact = toScaledInteger(dto.amount, 'amount');
    const down = roundToMinor(exact, dto.currency, 'down');
    const up = roundToMinor(exact, dto.currency, 'up');
    if (down !== up || down !== m.minor) {
      throw new RangeError(`amount ${JSON.stringify(dto.amount)} does not match amount_minor ${dto.amount_minor} for ${dto.currency}`);
    }
  }
  return m;
}
