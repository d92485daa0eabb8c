/**
 * The contract between `price` and each model family: a family compiles its model once
 * (validating and pre-parsing every decimal) into a `ModelPricer`, which measures one input.
 * Limits, rounding and the closing "= $42.50" of the formula are applied once, in `price.ts`,
 * so no family can round or cap differently.
 */
import type { Decimal } from 'decimal.js';
import type { CurrencyCode } from '../money/index.js';
import type { Result } from '../shared/result.js';
import type { Formula } from './fee-line.js';
import type { InputValue, PricedDetail, PricingInput } from './priced.js';
import { type PricingError, pricingError } from './pricing-error.js';

/** A model's result for one input, before limits and rounding. */
export interface Measured {
  quantity: string;
  unit: string;
  rate: string;
  precise: Decimal;
  inputs: Record<string, InputValue>;
  details: PricedDetail[];
  /** The left-hand side of the formula, e.g. "150 picks × $0.25". */
  terms: Formula;
  warnings: Formula[];
}

export type ModelPricer = (input: PricingInput, currency: CurrencyCode) => Result<Measured, PricingError>;

/**
 * Keep the value of a parse, or record its error and return `undefined`, so a compiler can
 * report every problem of a card at once.
 *
 * @example const rate = collect(parseNonNegative(model.rate, ['rate'], 'rate'), errors);
 */
export function collect<T>(result: Result<T, PricingError>, errors: PricingError[]): T | undefined {
  if (result.ok) return result.value;
  errors.push(result.error);
  return undefined;
}

/**
 * An optional unit name: absent means `fallback`; present must be a non-empty string.
 *
 * @example unitOf(undefined, ['unit'], 'unit', errors) // 'unit'
 */
export function unitOf(value: unknown, path: (string | number)[], fallback: string, errors: PricingError[]): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && value.trim() !== '') return value;
  const name = String(path.at(-1));
  errors.push(pricingError('invalid_model', { en: `${name} must be a non-empty string`, zh: `${name} 须为非空字符串` }, path));
  return fallback;
}

/** Whether `value` is an array; records `invalid_model` otherwise. @example isList(model.tiers, ['tiers'], errors) */
export function isList(value: unknown, path: (string | number)[], errors: PricingError[]): value is unknown[] {
  if (Array.isArray(value) && value.length > 0) return true;
  const name = String(path.at(-1));
  errors.push(pricingError('invalid_model', { en: `${name} must be a non-empty list`, zh: `${name} 须为非空列表` }, path));
  return false;
}

/** Whether `value` is a plain object. @example isRecord({}) // true */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
