/**
 * ISO 4217 minor-unit exponents for the currencies Landed bills in.
 *
 * The exponent is the number of decimal places in the currency's minor unit
 * (USD 2 → cents, JPY 0 → whole yen). Every `Money` stores an integer count of
 * minor units, so this table is the single source of truth for where the
 * decimal point sits when we parse, print or round amounts.
 *
 * Adding a currency is a one-line change here; nothing else hard-codes codes.
 */
export const CURRENCY_EXPONENTS = {
  USD: 2,
  CNY: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  JPY: 0,
  HKD: 2,
} as const satisfies Record<string, number>;

/** A currency Landed supports, as its ISO 4217 alphabetic code. */
export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

/**
 * Every supported currency code, in a fixed order (useful for UI pickers and
 * property-test generators).
 */
export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze(Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[]);

/**
 * Narrow an untrusted value (CSV cell, request body, DB column) to a
 * supported currency code. Matching is exact and case-sensitive because ISO
 * codes are upper-case by definition and silently up-casing would hide bad
 * upstream data.
 *
 * @example
 * isCurrencyCode('USD'); // true
 * isCurrencyCode('usd'); // false
 * isCurrencyCode('toString'); // false – prototype keys are not currencies
 */
export function isCurrencyCode(s: unknown): s is CurrencyCode {
  // Object.hasOwn, not `in`, so inherited keys like "constructor" never pass.
  return typeof s === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, s);
}

/**
 * The ISO 4217 minor-unit exponent of a currency.
 *
 * Throws a RangeError for an unsupported code, because callers from untyped
 * JavaScript or deserialised data could otherwise get `undefined` and turn it
 * into NaN far from the cause.
 *
 * @example
 * currencyExponent('USD'); // 2
 * currencyExponent('JPY'); // 0
 */
export function currencyExponent(c: CurrencyCode): number {
  if (!isCurrencyCode(c)) {
    throw new RangeError(`Unsupported currency code: ${JSON.stringify(c)}`);
  }
  return CURRENCY_EXPONENTS[c];
}
