/**
 * The pricing models a fee rule can use: a closed union, each with the line modifiers
 * (`minimum`, `maximum`, `rounding`). Add a model by adding a variant here and a case in
 * `price.ts`; the compiler then points at every place that must handle it.
 */
import { err, ok, type Result } from '../shared/result.js';
import type { AgeBandedModel } from './age-banded.js';
import type { FlatModel } from './flat.js';
import type { ExtremeOfModel } from './greater-of.js';
import type { PercentageModel } from './percentage.js';
import type { PerPackageModel } from './per-package.js';
import type { PerUnitModel } from './per-unit.js';
import { compilePricingModel } from './price.js';
import type { PricingError } from './pricing-error.js';
import type { TableModel } from './table.js';
import type { TieredModel } from './tiered.js';
import type { TimeBasedModel } from './time-based.js';

export const PRICING_MODEL_KINDS = [
  'flat',
  'per_unit',
  'tiered',
  'per_package',
  'percentage',
  'table',
  'time_based',
  'age_banded',
  'greater_of',
  'lesser_of',
] as const;
export type PricingModelKind = (typeof PRICING_MODEL_KINDS)[number];

export type PricingModel =
  | FlatModel
  | PerUnitModel
  | TieredModel
  | PerPackageModel
  | PercentageModel
  | TableModel
  | TimeBasedModel
  | AgeBandedModel
  | ExtremeOfModel;

/**
 * Check a model read from a rate card (JSON, a spreadsheet, an API body) and narrow it.
 * Every problem is reported, each with its path inside the model, so an editor can mark
 * all the bad cells at once.
 *
 * @example
 * validatePricingModel({ kind: 'tiered', mode: 'graduated', tiers: [
 *   { upTo: '100', rate: '0.30' }, { upTo: '50', rate: '0.25' }, { upTo: null, rate: '0.20' } ] });
 * // err([{ code: 'invalid_tiers', path: ['tiers', 1, 'upTo'], message: 'tier 2 must end above …' }])
 */
export function validatePricingModel(model: unknown): Result<PricingModel, PricingError[]> {
  const compiled = compilePricingModel(model as PricingModel);
  return compiled.ok ? ok(model as PricingModel) : err(compiled.error);
}
