/**
 * Chargeable (billable) weight, the reference way: exact decimals through src/domain/units.
 * Rules come from the service's dated DIM entries (DOMAIN.md "Chargeable weight"): each side is
 * rounded (nearest inch, or up to the next inch for UPS/FedEx from 2025-08-18 and USPS from
 * 2026-07-12), DIM = L×W×H ÷ divisor rounded up to the pound, billable = the greater of actual
 * (rounded up) and DIM; USPS applies DIM only above 1,728 in³ and bills light parcels in ounces.
 */
import type { Decimal } from 'decimal.js';
import { err, ok, type Result } from '../shared/result.js';
import { roundToNearest, roundUpTo, UnitDecimal } from '../units/index.js';
import { entryOn, type IsoDate } from './dated.js';
import { measureParcel, type Parcel, type ParcelMeasures } from './parcel.js';
import type { CarrierService, DimRule } from './service.js';

/** How the billable weight was reached. */
export type BillableBasis = 'actual' | 'dim' | 'lightweight';

export interface ChargeableWeight {
  /** The dated DIM entry in force on the ship date. */
  readonly rule: DimRule;
  /** Sides after the rule's rounding, whole inches, longest first. */
  readonly roundedDimensionsIn: readonly [number, number, number];
  readonly cubicIn3: number;
  /** Longest side + 2 × (the other two), rounded sides. */
  readonly lengthPlusGirthIn: number;
  /** Actual weight with packaging, exact decimal string. */
  readonly actualLb: string;
  /** Actual weight rounded up to the billing step (at least one step). */
  readonly actualLbRounded: number;
  readonly dimApplies: boolean;
  /** cubic ÷ divisor before rounding, exact decimal string (null when DIM does not apply). */
  readonly dimLbExact: string | null;
  /** DIM weight rounded up to the billing step. */
  readonly dimLb: number | null;
  /** Billable pounds, or null when billed in ounces. */
  readonly billableLb: number | null;
  /** Billable ounces (decimal string) for lightweight parcels, else null. */
  readonly billableOz: string | null;
  readonly basis: BillableBasis;
}

export interface NoDimRuleForDate {
  readonly code: 'no_dim_rule_for_date';
  readonly shipDate: IsoDate;
}

/** Internal result with the exact values the reference rating keeps computing with. */
export interface ChargeableExact {
  readonly rule: DimRule;
  readonly sides: readonly [number, number, number];
  readonly cubicIn3: number;
  readonly lengthPlusGirthIn: number;
  readonly actualOz: Decimal;
  readonly actualLb: Decimal;
  readonly actualLbRounded: number;
  readonly dimLbExact: Decimal | null;
  readonly dimLb: number | null;
  readonly billableLb: number | null;
  readonly billableOz: Decimal | null;
  readonly basis: BillableBasis;
}

/**
 * The exact chargeable weight of measured sides and weight under one DIM rule (the reference
 * rating keeps computing with its decimals).
 *
 * @example
 * chargeableExact(measureParcel(parcel), UPS_GROUND_SAMPLE.dimRules[1]).billableLb; // 10 for 12.2×10.1×8.5 in, 5.2 lb
 */
export function chargeableExact(m: ParcelMeasures, rule: DimRule): ChargeableExact {
  const round = (x: Decimal): number => (rule.dimensionRounding === 'up_inch' ? roundUpTo(x, '1') : roundToNearest(x, '1')).toNumber();
  // Sides are already longest first; rounding is monotonic so the order holds.
  const sides = [round(m.sidesIn[0]), round(m.sidesIn[1]), round(m.sidesIn[2])] as const;
  const cubic = new UnitDecimal(sides[0]).times(sides[1]).times(sides[2]);
  const cubicIn3 = cubic.toNumber();
  const lengthPlusGirthIn = sides[0] + 2 * (sides[1] + sides[2]);

  const step = rule.billableRounding.lbStep;
  const actualLb = m.actualOz.div(16);
  const actualLbRounded = Math.max(roundUpTo(actualLb, String(step)).toNumber(), step);
  const dimApplies = rule.dimApplies.when === 'always' || cubic.gt(rule.dimApplies.cubicIn);
  const dimLbExact = dimApplies ? cubic.div(rule.divisor) : null;
  const dimLb = dimLbExact === null ? null : roundUpTo(dimLbExact, String(step)).toNumber();

  const light = rule.billableRounding.lightweight;
  const base = { rule, sides, cubicIn3, lengthPlusGirthIn, actualOz: m.actualOz, actualLb, actualLbRounded, dimLbExact, dimLb };
  if (!dimApplies && light && m.actualOz.lte(light.maxOz)) {
    const up = roundUpTo(m.actualOz, light.ozStep);
    const capped = up.gt(light.maxOz) ? new UnitDecimal(light.maxOz) : up;
    const billableOz = capped.lt(light.ozStep) ? new UnitDecimal(light.ozStep) : capped;
    return { ...base, billableLb: null, billableOz, basis: 'lightweight' };
  }
  const useDim = dimLb !== null && dimLb > actualLbRounded;
  return { ...base, billableLb: useDim ? dimLb : actualLbRounded, billableOz: null, basis: useDim ? 'dim' : 'actual' };
}

/**
 * Chargeable weight of a parcel for a service on a ship date.
 *
 * @example
 * // UPS, 2025-09-01 (sides round up): 12.2×10.1×8.5 in, 5.2 lb → 13×11×9 = 1,287 in³ ÷ 139 = 9.26 → 10 lb
 * chargeableWeight(makeParcel({ dims: ['12.2', '10.1', '8.5'], dimUnit: 'in', weight: '5.2', weightUnit: 'lb' }), UPS_GROUND_SAMPLE, '2025-09-01');
 * // ok: { roundedDimensionsIn: [13, 11, 9], dimLb: 10, billableLb: 10, basis: 'dim', … }
 */
export function chargeableWeight(parcel: Parcel, service: CarrierService, shipDate: IsoDate): Result<ChargeableWeight, NoDimRuleForDate> {
  const rule = entryOn(service.dimRules, shipDate);
  if (!rule) return err({ code: 'no_dim_rule_for_date', shipDate });
  const c = chargeableExact(measureParcel(parcel), rule);
  return ok({
    rule,
    roundedDimensionsIn: c.sides,
    cubicIn3: c.cubicIn3,
    lengthPlusGirthIn: c.lengthPlusGirthIn,
    actualLb: c.actualLb.toFixed(),
    actualLbRounded: c.actualLbRounded,
    dimApplies: c.dimLbExact !== null,
    dimLbExact: c.dimLbExact === null ? null : c.dimLbExact.toFixed(),
    dimLb: c.dimLb,
    billableLb: c.billableLb,
    billableOz: c.billableOz === null ? null : c.billableOz.toFixed(),
    basis: c.basis,
  });
}
