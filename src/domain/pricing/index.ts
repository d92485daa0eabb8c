export type { AgeBand, AgeBandedModel } from './age-banded.js';
export type { FlatModel } from './flat.js';
export { EXTREME_KINDS, type ExtremeKind, type ExtremeOfModel, type ModelBranch } from './greater-of.js';
export { type FeeLine, type FeeModule, FEE_MODULES, type Formula, type RuleRef } from './fee-line.js';
export { counted, showMoney, showRate, unitName } from './explain.js';
export type { LineModifiers } from './line-limits.js';
export { minimumCharge } from './minimum-charge.js';
export { PERCENTAGE_BASES, type PercentageBase, type PercentageModel } from './percentage.js';
export type { PerPackageModel } from './per-package.js';
export type { PerUnitModel } from './per-unit.js';
export { compilePricingModel, type Pricer, price } from './price.js';
export type {
  AppliedLimit,
  BranchDetail,
  InputValue,
  MonthDetail,
  Priced,
  PricedDetail,
  PricingContext,
  PricingInput,
  SeasonPartDetail,
  TierDetail,
} from './priced.js';
export { PRICING_ERROR_CODES, type PricingError, type PricingErrorCode } from './pricing-error.js';
export { PRICING_MODEL_KINDS, type PricingModel, type PricingModelKind, validatePricingModel } from './pricing-model.js';
export type { TableModel, TableRow } from './table.js';
export { type Tier, TIER_MODES, type TieredModel, type TierMode } from './tiered.js';
export { MONTH_PRORATIONS, type MonthProration, TIME_PERIODS, type TimeBasedModel, type TimePeriod } from './time-based.js';
export { type FeeLineOrigin, toFeeLine } from './to-fee-line.js';
