/**
 * Pricing errors are values: a rate card with overlapping tiers or a parcel heavier than the
 * last row of a postage table is an expected business outcome, reported with a stable code
 * and the location of the offending field, never an exception.
 */

/** Stable codes: clients switch on these, so a code is never renamed or reused. */
export const PRICING_ERROR_CODES = [
  /** Not an object, a field of the wrong type, or a required field missing. */
  'invalid_model',
  /** `kind` is not one of the pricing models. */
  'unknown_model',
  /** An enumerated field (mode, base, per, proration, rounding) with an unknown value. */
  'invalid_option',
  /** Not a plain decimal string, or more digits than pricing supports. */
  'invalid_number',
  /** A rate, fee, limit or input amount below zero. */
  'negative_number',
  'invalid_tiers',
  'invalid_bands',
  'invalid_table',
  /** A minimum above the maximum. */
  'invalid_limits',
  /** The pricing context (currency) is unusable. */
  'invalid_context',
  'missing_input',
  'negative_quantity',
  /** An input of the right type but an impossible value (e.g. a fractional age in days). */
  'invalid_input',
  /** A date that is not YYYY-MM-DD, or a period that ends before it starts. */
  'invalid_period',
  /** The table has no such column anywhere. */
  'unknown_column',
  /** The column exists, but not in the row the value falls in. */
  'missing_cell',
  'beyond_table',
  'beyond_tiers',
  'beyond_bands',
  /** A seasonal schedule whose month ranges overlap or leave a month without a rate. */
  'invalid_seasons',
  /** A greater-of / lesser-of model without branches, or a branch that is itself invalid. */
  'invalid_branches',
] as const;

export type PricingErrorCode = (typeof PRICING_ERROR_CODES)[number];

/** English and Chinese text of a message. */
export interface PricingMessages {
  en: string;
  zh: string;
}

/**
 * One located problem. `path` points into the model (`['tiers', 2, 'upTo']`) for card errors
 * and starts with `'input'` (`['input', 'quantity']`) for problems with what was priced, so a
 * rate-card editor can prefix it with the rule's own location. `message` is the English text;
 * `messages` has it in both languages, for a seller reading Chinese.
 */
export interface PricingError {
  code: PricingErrorCode;
  message: string;
  messages: PricingMessages;
  path: (string | number)[];
}

/**
 * @example
 * pricingError('negative_quantity', { en: 'quantity must not be negative', zh: '数量不能为负数' }, ['input', 'quantity'])
 */
export function pricingError(code: PricingErrorCode, messages: PricingMessages, path: (string | number)[]): PricingError {
  return { code, message: messages.en, messages, path };
}

/**
 * What a field is called in a message: one name for both languages (a JSON key such as
 * `rate`) or a name per language (`tier 2 rate` / `第 2 档 rate`).
 */
export type FieldName = string | PricingMessages;

/** @example fieldName({ en: 'tier 2 rate', zh: '第 2 档费率' }, 'zh') // '第 2 档费率' */
export function fieldName(what: FieldName, lang: keyof PricingMessages): string {
  return typeof what === 'string' ? what : what[lang];
}
