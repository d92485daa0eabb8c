/**
 * Parcel rating: carrier service definitions as data, chargeable weight, zones, the reference
 * (decimal) rating, the compiled (integer) rating and rate shopping. Pure: no I/O at run time.
 */
export { type BillableBasis, type ChargeableWeight, chargeableWeight, type NoDimRuleForDate } from './chargeable-weight.js';
export {
  type CompiledRateRequest,
  CompiledService,
  compileService,
  FAST_STATUS,
  type FastParcel,
  FastRating,
  fastParcel,
  fastParcelFromThousandths,
  rateCompiled,
  rateParcelCompiled,
  zoneIndexFor,
} from './compile-service.js';
export { type Dated, entryOn, type IsoDate, isIsoDate } from './dated.js';
export { rateFailureText } from './failure-text.js';
export { makeParcel, measureParcel, type Parcel, type ParcelMeasures } from './parcel.js';
export { fuelRatesFor, rateBreakdown, rateParcel } from './rate-parcel.js';
export {
  buildRateQuote,
  type QuoteSurcharge,
  type RateOutcome,
  type RateQuote,
  SURCHARGE_LABELS,
  type ServiceRef,
  serviceRef,
} from './rate-quote.js';
export { type RateShopResult, rateShop, rateShopCompiled, shopFast, shopOutcomes, shopScratch } from './rate-shop.js';
export {
  type LbRow,
  lookupRate,
  type OzTier,
  type RateTable,
  type RateTableCell,
  type RateTableIssue,
  type RateTableIssueCode,
  validateRateTable,
} from './rate-table.js';
export type {
  AppliedSurcharge,
  FitProblem,
  FitReason,
  FuelCharge,
  RateFailure,
  RateOptions,
  RatingBreakdown,
  RatingOutcome,
  SurchargeTrigger,
  UnavailableReason,
  ZoneCharts,
} from './rating.js';
export {
  assertValidService,
  type BillableRounding,
  CARRIERS,
  type Carrier,
  type CarrierService,
  type DimRule,
  type FuelRate,
  type FuelSurcharge,
  type FuelTable,
  fuelRateProblems,
  isSurchargeCode,
  SURCHARGE_CODES,
  type ServiceIssue,
  type ServiceLimits,
  type SurchargeCode,
  type SurchargeRule,
  THRESHOLD_TESTS,
  type ThresholdTest,
  type ThresholdTests,
  validateService,
} from './service.js';
export { knownZip3s, ZIP3_CENTROIDS_SOURCE, type ZipPoint, zip3Point, zipPoint } from './zip3-centroids.js';
export {
  createZoneIndex,
  DISTANCE_ZONE_RULES,
  type DistanceZoneRules,
  greatCircleMiles,
  isZone,
  normalizeZip,
  parseZip5,
  resolveZone,
  type UnknownZip,
  validateZoneChart,
  zoneRangeIssues,
  type Zone,
  type ZoneBasis,
  type ZoneChart,
  type ZoneChartIssue,
  type ZoneChartRange,
  type ZoneIndex,
  type ZoneResult,
  ZONES,
  zoneForMiles,
  zoneFromChart,
} from './zones.js';
