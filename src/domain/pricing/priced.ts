/**
 * What pricing reads (`PricingInput`, `PricingContext`) and what it returns (`Priced`): the
 * priced part of a fee line, before a caller names the module, rule and label.
 */
import type { CurrencyCode, Money, RoundingMode } from '../money/index.js';
import type { Formula } from './fee-line.js';
import type { PricingModelKind } from './pricing-model.js';

/**
 * The facts one line is priced on; each model reads the fields it needs and reports a
 * `missing_input` error naming any it lacks. Numbers are decimal strings (never floats).
 */
export interface PricingInput {
  /** Units, orders, picks, ft³, pallets… (per_unit, tiered, per_package, time_based, age_banded; table, default 1). */
  quantity?: string;
  /** Base for `percentage` with `base: 'amount'` (e.g. postage for a fuel surcharge), card currency. */
  amount?: string;
  /** Base for `percentage` with `base: 'declared_value'` (insurance), card currency. */
  declaredValue?: string;
  /** The number looked up in a table's rows, e.g. billable weight in lb. */
  rowValue?: string;
  /** The table column key, e.g. zone "5". */
  column?: string;
  /** First billed day, `YYYY-MM-DD` (time_based). */
  from?: string;
  /** Last billed day, inclusive, `YYYY-MM-DD` (time_based). */
  to?: string;
  /** Age of the lot in whole days since receipt (age_banded). */
  ageDays?: number;
  /**
   * Other counts of the same thing, by name, for `greater_of` / `lesser_of` branches that read
   * another meter than `quantity` (FBA aged stock: ft³ in `quantity`, `{ units: "400" }` here).
   */
  quantities?: Record<string, string>;
}

export interface PricingContext {
  /** The card's currency: every rate, fee and limit of the model is in it. */
  currency: CurrencyCode;
}

export type InputValue = string | number | boolean | null;

/** One tier's share of a tiered line; the shares sum exactly to the line's unlimited amount. */
export interface TierDetail {
  kind: 'tier';
  /** Index into the model's `tiers`. */
  index: number;
  /** Exclusive lower bound of the tier ("0" for the first). */
  from: string;
  /** Inclusive upper bound, `null` when open-ended. */
  upTo: string | null;
  /** Units priced in this tier. */
  units: string;
  rate: string;
  flatFee: string;
  /** units × rate + flatFee, exact. */
  amount: string;
}

/** One calendar month's share of a time-based period. */
export interface MonthDetail {
  kind: 'month';
  /** `YYYY-MM`. */
  month: string;
  days: number;
  daysInMonth: number;
}

/** One branch of a greater-of / lesser-of line: what it came to, and whether it was chosen. */
export interface BranchDetail {
  kind: 'branch';
  /** Index into the model's `branches`. */
  index: number;
  label: Formula | null;
  quantity: string;
  unit: string;
  rate: string;
  /** The branch's exact amount (after its own minimum or maximum). */
  amount: string;
  /** The branch's own formula, e.g. "12.5 ft³ × $6.90 = $86.25". */
  formula: Formula;
  chosen: boolean;
}

/** The part of a time-based period billed at one season's rate. */
export interface SeasonPartDetail {
  kind: 'season';
  /** Index into the model's `seasons`. */
  season: number;
  /** The season's months, e.g. "Oct–Dec" / "10–12月". */
  months: Formula;
  /** First and last billed day of this part, `YYYY-MM-DD`. */
  from: string;
  to: string;
  days: number;
  rate: string;
  /** Day rates: days; daily proration: the month fraction ("9/30"); whole months: the months counted. */
  measure: string;
  /** quantity × rate × measure, exact (20 decimal places where a month fraction does not terminate). */
  amount: string;
}

export type PricedDetail = TierDetail | MonthDetail | BranchDetail | SeasonPartDetail;

/** Which line limit replaced the computed amount. */
export interface AppliedLimit {
  kind: 'minimum' | 'maximum';
  /** The limit, as written on the card. */
  limit: string;
  /** What the model computed before the limit, exact. */
  before: string;
}

/**
 * A priced line: every `FeeLine` field that pricing decides, plus structured details.
 * `amount` is `preciseAmount` rounded once with `rounding`.
 */
export interface Priced {
  /** The model that priced the line, or `minimum_charge` for a period top-up (`greater_of`: not the branch's). */
  model: PricingModelKind | 'minimum_charge';
  quantity: string;
  unit: string;
  /** Rate per `unit` in the card currency, or a percentage like "12.5%". Tiered: the rate of the tier reached. */
  rate: string;
  /** Exact amount after any minimum/maximum, before rounding. */
  preciseAmount: string;
  amount: Money;
  rounding: RoundingMode;
  formula: Formula;
  /** Facts read and derived (tier reached, band, month fractions, limit applied…), flat for the audit trail. */
  inputs: Record<string, InputValue>;
  /** Per-tier or per-month breakdown; empty for single-rate models. */
  details: PricedDetail[];
  limit: AppliedLimit | null;
  warnings: Formula[];
}
