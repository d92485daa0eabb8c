/**
 * What one parcel × service rating produces, before it is dressed as a quote: integers and codes
 * only, so the reference (decimal) path and the compiled (integer) path can be compared field by
 * field, and one builder (rate-quote.ts) turns either into Money and fee lines.
 */
import type { IsoDate } from './dated.js';
import type { BillableBasis } from './chargeable-weight.js';
import type { Carrier, DimRule, FuelTable, SurchargeCode, ThresholdTest } from './service.js';
import type { Zone, ZoneBasis, ZoneChart } from './zones.js';

/** Zone charts by carrier: UPS and FedEx publish their own, USPS one per origin ZIP3. */
export type ZoneCharts = Readonly<Partial<Record<Carrier, ZoneChart>>>;

/** Everything about the shipment other than the parcel. */
export interface RateOptions {
  readonly originZip: string;
  readonly destZip: string;
  readonly shipDate: IsoDate;
  readonly residential: boolean;
  readonly signature: boolean;
  /** Fuel percentages by schedule, overriding the services' own entries. */
  readonly fuel?: FuelTable;
  /** Imported zone charts; computed distance zones are the fallback. */
  readonly zoneCharts?: ZoneCharts;
}

export type FitReason = 'over_max_weight' | 'over_max_length' | 'over_length_plus_girth';

export interface FitProblem {
  readonly reason: FitReason;
  /** The service's limit (lb or in). */
  readonly limit: number;
  /** The parcel's value: actual lb (rounded up to 0.001) or rounded inches. */
  readonly value: number;
}

export type UnavailableReason =
  | 'no_dim_rule_for_date'
  | 'no_fuel_rate_for_date'
  | 'signature_not_offered'
  | 'address_type_not_served'
  | 'zone_not_served'
  | 'weight_over_table';

/** Why a service gave no price: expected outcomes, returned as data. */
export type RateFailure =
  | { readonly kind: 'does_not_fit'; readonly problems: readonly FitProblem[] }
  | { readonly kind: 'unknown_zip'; readonly zip: string }
  | { readonly kind: 'unavailable'; readonly reason: UnavailableReason };

/** Why a surcharge applied. */
export type SurchargeTrigger =
  | { readonly kind: 'residential' }
  | { readonly kind: 'option' }
  | { readonly kind: 'zip'; readonly matched: string; readonly residential: boolean }
  | { readonly kind: 'threshold'; readonly test: ThresholdTest; readonly limit: number; readonly value: number };

export interface AppliedSurcharge {
  readonly code: SurchargeCode;
  readonly cents: number;
  readonly trigger: SurchargeTrigger;
}

export interface FuelCharge {
  /** As written in the fuel table, e.g. "19.25". */
  readonly percent: string;
  readonly effectiveFrom: IsoDate;
  /** Base + the applied surcharges fuel applies to. */
  readonly fuelableCents: number;
  /** The surcharges included in `fuelableCents`, in rule order. */
  readonly includes: readonly SurchargeCode[];
  /** fuelable × percent, half up to the cent. */
  readonly cents: number;
}

/** A successful rating, in integers (cents, inches, pounds) and codes. */
export interface RatingBreakdown {
  readonly zone: Zone;
  readonly zoneBasis: ZoneBasis;
  readonly transitDays: number;
  readonly dimRule: DimRule;
  readonly roundedDimensionsIn: readonly [number, number, number];
  readonly cubicIn3: number;
  readonly lengthPlusGirthIn: number;
  /** Actual weight with packaging in lb, rounded UP to 0.001 lb (display and triggers). */
  readonly actualLb: number;
  readonly dimLb: number | null;
  /** Billable pounds (after any large-package minimum), or null when billed in ounces. */
  readonly billableLb: number | null;
  readonly billableOz: number | null;
  /** `minimum` when a surcharge rule's minimum billable weight raised it. */
  readonly billableBasis: BillableBasis | 'minimum';
  readonly baseCents: number;
  /** In the service's rule order, after superseded ones are dropped. Fuel is separate. */
  readonly surcharges: readonly AppliedSurcharge[];
  readonly fuel: FuelCharge | null;
  readonly totalCents: number;
}

export type RatingOutcome =
  | { readonly ok: true; readonly breakdown: RatingBreakdown }
  | { readonly ok: false; readonly failure: RateFailure };
