/**
 * Turning a priced line into a `FeeLine`: the caller names what it is (module, rule, label)
 * and where it came from (sources); pricing supplies everything that was computed.
 */
import type { FeeLine, FeeModule, Formula, RuleRef } from './fee-line.js';
import type { InputValue, Priced } from './priced.js';

export interface FeeLineOrigin {
  module: FeeModule;
  rule: RuleRef;
  label: Formula;
  /** Facts the caller read before pricing (SKU, zone, weights…); pricing's own inputs win on a clash. */
  inputs?: Record<string, InputValue>;
  sources?: { kind: string; id: string }[];
}

/**
 * @example
 * toFeeLine(priced, { module: 'handling', rule: { cardCode: 'STD', cardVersion: 3, ruleId: 'picks' },
 *   label: { en: 'Picks', zh: '拣货' }, sources: [{ kind: 'order', id: 'o-1' }] });
 */
export function toFeeLine(priced: Priced, origin: FeeLineOrigin): FeeLine {
  const line: FeeLine = {
    module: origin.module,
    rule: origin.rule,
    label: origin.label,
    quantity: priced.quantity,
    unit: priced.unit,
    rate: priced.rate,
    preciseAmount: priced.preciseAmount,
    amount: priced.amount,
    rounding: priced.rounding,
    formula: priced.formula,
    // The model's kind is part of how the line was computed, so it travels with the facts.
    inputs: { ...origin.inputs, pricingModel: priced.model, ...priced.inputs },
    sources: origin.sources ?? [],
  };
  if (priced.warnings.length > 0) line.warnings = priced.warnings;
  return line;
}
