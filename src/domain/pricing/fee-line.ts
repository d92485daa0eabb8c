/**
 * A fee line: one priced item of a quote or a bill, carrying everything a seller needs to
 * recompute it by hand — the rule and card version it came from, the quantity and rate, the
 * exact (unrounded) amount, how it was rounded, the inputs, and a formula sentence in both
 * languages. Totals are sums of rounded lines, never re-rounded sums.
 */
import type { Money } from '../money/index.js';
import type { RoundingMode } from '../money/rounding.js';

/** The fee modules of the provider's fee standard (PRODUCT.md). Closed: add, never rename. */
export const FEE_MODULES = [
  'first_leg',
  'customs_brokerage',
  'duties',
  'receiving',
  'putaway',
  'storage',
  'long_term_storage',
  'handling',
  'packaging',
  'postage',
  'returns',
  'value_added',
  'operations',
  'insurance',
  'exit',
  'discount',
  'minimum',
  'fx',
] as const;
export type FeeModule = (typeof FEE_MODULES)[number];

/** Where a line's rule came from: which card, which version, which rule in it. */
export interface RuleRef {
  cardCode: string;
  cardVersion: number;
  ruleId: string;
}

export interface Formula {
  en: string;
  zh: string;
}

export interface FeeLine {
  module: FeeModule;
  rule: RuleRef;
  /** Short label, e.g. "Order handling, first unit". */
  label: Formula;
  /** Quantity priced, as a decimal string (units, kg, CBM, days, orders…). */
  quantity: string;
  /** What a quantity counts: "unit", "kg", "cbm", "order", "day", "ft3·day", "parcel"… */
  unit: string;
  /** Rate per quantity unit as a decimal string in `amount.currency`, or a percentage like "12.5%". */
  rate: string;
  /** Exact amount before rounding, decimal string. */
  preciseAmount: string;
  /** The line amount, rounded once at the currency's exponent. */
  amount: Money;
  rounding: RoundingMode;
  /** One sentence a seller can recompute, e.g. "3 orders × $1.20 = $3.60". */
  formula: Formula;
  /** The facts the rule read (weights, zone, dates, tier reached…), for the audit trail. */
  inputs: Record<string, string | number | boolean | null>;
  /** Records the line came from (SKU ids, order ids, lot ids…), empty for quotes. */
  sources: { kind: string; id: string }[];
  warnings?: Formula[];
}
