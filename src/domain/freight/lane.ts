/**
 * A first-leg (头程) lane: one priced route from a China origin to a US warehouse, as data the
 * operator edits. Air, express, sea LCL and sea FCL lanes share one shape; how they are priced
 * is a closed union (`LanePricing`) chosen by an exhaustive switch.
 */
import { Decimal } from 'decimal.js';
import type { SkuFlag } from '../catalog/sku.js';
import { type CurrencyCode, isCurrencyCode, isRoundingMode, type RoundingMode } from '../money/index.js';
import type { Formula } from '../pricing/fee-line.js';

export const FREIGHT_MODES = ['air', 'express', 'sea_lcl', 'sea_fcl'] as const;
export type FreightMode = (typeof FREIGHT_MODES)[number];

/**
 * Where the greater-of-actual-and-volumetric comparison and the step rounding happen.
 *
 * - `shipment_total` — compare the shipment's total actual weight with its total volume
 *   (÷ divisor, or W/M), then round the total up once. This is how consolidated air cargo
 *   (IATA: chargeable weight is a property of the consignment on one air waybill) and sea LCL
 *   (one W/M figure per house bill) are billed: a dense carton offsets a bulky one and the
 *   step is paid once, not once per carton. It is the default for air and sea lanes.
 * - `per_carton` — each carton is its own piece: greater of its actual and volumetric weight,
 *   rounded up to the step, then summed. This is how express couriers (DHL/FedEx/UPS
 *   international) bill multi-piece shipments, so it is the default for express lanes.
 *
 * `per_carton` is never cheaper than `shipment_total` for the same cartons (the sum of
 * rounded-up maxima is at least the rounded-up maximum of the sums), which is why a lane must
 * say which one it uses: the seller can see the difference on the quote.
 */
export type ChargeableBasis = 'per_carton' | 'shipment_total';

/** The goods classes a lane may refuse or accept only with documents (SKU flags). */
export const SENSITIVE_GOODS = ['battery', 'liquid', 'powder', 'magnetic'] as const satisfies readonly SkuFlag[];
export type SensitiveGoods = (typeof SENSITIVE_GOODS)[number];

/**
 * What a lane does with a class of sensitive goods. `surchargePerUnit` (lane currency per
 * chargeable kg / W/M unit / container) becomes its own fee line, so nothing is hidden in
 * the base rate.
 */
export type GoodsPolicy =
  | { kind: 'accepted'; surchargePerUnit?: string }
  | { kind: 'with_documents'; documents: readonly string[]; surchargePerUnit?: string }
  | { kind: 'refused' };

/**
 * A per-kg rate that applies to the *whole* chargeable weight once it reaches `fromKg`
 * (air tariffs' "+45 kg / +100 kg / +300 kg" breaks), not a graduated tier.
 */
export interface WeightBracket {
  fromKg: string;
  ratePerKg: string;
}

/** Per chargeable kg: air (÷6,000, 0.5 kg step), express (÷5,000), sea or truck special lines. */
export interface PerKgPricing {
  kind: 'per_kg';
  /** cm³ per kg: 6000 for air cargo, 5000 for express couriers. */
  divisor: number;
  /** Chargeable weight rounds up to a multiple of this: '0.5' air, '1' others. */
  weightStepKg: string;
  basis: ChargeableBasis;
  /** Ascending by `fromKg`; the first starts at '0'. */
  brackets: readonly WeightBracket[];
  /**
   * Air tariffs let a shipment be charged at the next break's minimum weight when that is
   * cheaper (95 kg × ¥40 = ¥3,800 vs 100 kg × ¥36 = ¥3,600). true = charge the cheaper.
   */
  chargeNextBreakIfCheaper: boolean;
  /** Chargeable weight is at least this many kg (e.g. '21' on lines that bill "21 kg+"). */
  minimumChargeableKg?: string;
  /** The line costs at least this much, in lane currency; '0' for none. */
  minimumCharge: string;
}

/** Per W/M unit (sea LCL): max(CBM, tonnes at `kgPerCbm`), minimum `minimumUnits`. */
export interface PerCbmPricing {
  kind: 'per_cbm';
  /** Weight-or-measure ratio: 1 CBM is charged like this many kg ('1000'). */
  kgPerCbm: string;
  /** W/M units round up to this step, e.g. '0.01'. */
  unitStep: string;
  basis: ChargeableBasis;
  ratePerUnit: string;
  /** Usually '1': a 0.4 CBM shipment pays for 1 CBM. */
  minimumUnits: string;
  /** Optional money minimum on top of the unit minimum; '0' for none. */
  minimumCharge: string;
}

/**
 * Per container (sea FCL), one container type per lane: the number of containers is the
 * greater of volume ÷ usable CBM and weight ÷ payload, rounded up, at least 1. Mixing
 * container sizes is a planning decision, made by choosing lanes, not by this function.
 */
export interface PerContainerPricing {
  kind: 'per_container';
  containerType: string;
  usableCbm: string;
  maxPayloadKg: string;
  ratePerContainer: string;
}

export type LanePricing = PerKgPricing | PerCbmPricing | PerContainerPricing;

export interface Lane {
  /** Also the rate card code on every fee line, e.g. 'CN-SZX>US-LAX/AIR'. */
  code: string;
  /** Card version, recorded on every fee line; bump when any rate changes. */
  version: number;
  /** ISO date the version applies from (metadata; choosing the version is the caller's). */
  effectiveFrom: string;
  name: Formula;
  mode: FreightMode;
  /** Port or city of departure, e.g. 'CN-SZX' (Shenzhen airport), 'CN-YTN' (Yantian). */
  origin: string;
  /** Destination warehouse or port code, e.g. 'US-LAX', 'US-NJ1'. */
  destination: string;
  currency: CurrencyCode;
  rounding: RoundingMode;
  pricing: LanePricing;
  transitDays: { min: number; max: number };
  /** DDP (双清包税): the lane price is said to include US duties. */
  ddp: boolean;
  goods: Readonly<Record<SensitiveGoods, GoodsPolicy>>;
  /** True for illustrative lanes shipped with the code; quotes from them carry a warning. */
  sample?: boolean;
}

const DECIMAL = /^\d+(\.\d+)?$/;

function positive(value: string): boolean {
  return DECIMAL.test(value) && new Decimal(value).gt(0);
}

function nonNegative(value: string): boolean {
  return DECIMAL.test(value);
}

/**
 * Every problem with a lane's data, so an operator fixes a card in one pass. An empty list
 * means the lane can be priced.
 *
 * @example
 * validateLane(SAMPLE_LANES[0]); // []
 * validateLane({ ...lane, pricing: { ...pricing, divisor: 0 } }); // ['pricing.divisor must be a positive integer']
 */
export function validateLane(lane: Lane): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  need(lane.code.trim() !== '', 'code is required');
  need(Number.isSafeInteger(lane.version) && lane.version >= 1, 'version must be a positive integer');
  need(/^\d{4}-\d{2}-\d{2}$/.test(lane.effectiveFrom), 'effectiveFrom must be an ISO date (YYYY-MM-DD)');
  need((FREIGHT_MODES as readonly string[]).includes(lane.mode), `mode must be one of ${FREIGHT_MODES.join(', ')}`);
  need(isCurrencyCode(lane.currency), 'currency is not supported');
  need(isRoundingMode(lane.rounding), 'rounding is not a rounding mode');
  const { min, max } = lane.transitDays;
  need(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= min, 'transitDays must be whole days with min ≤ max');
  for (const goods of SENSITIVE_GOODS) {
    const policy = lane.goods[goods];
    if (policy === undefined) {
      problems.push(`goods.${goods} policy is required`);
      continue;
    }
    if (policy.kind !== 'refused' && policy.surchargePerUnit !== undefined)
      need(nonNegative(policy.surchargePerUnit), `goods.${goods}.surchargePerUnit must be a non-negative decimal`);
    if (policy.kind === 'with_documents') need(policy.documents.length > 0, `goods.${goods}.documents must name the documents`);
  }
  const p = lane.pricing;
  switch (p.kind) {
    case 'per_kg': {
      need(Number.isSafeInteger(p.divisor) && p.divisor > 0, 'pricing.divisor must be a positive integer');
      need(positive(p.weightStepKg), 'pricing.weightStepKg must be a positive decimal');
      need(nonNegative(p.minimumCharge), 'pricing.minimumCharge must be a non-negative decimal');
      if (p.minimumChargeableKg !== undefined)
        need(nonNegative(p.minimumChargeableKg), 'pricing.minimumChargeableKg must be a non-negative decimal');
      need(p.brackets.length > 0, 'pricing.brackets must not be empty');
      p.brackets.forEach((b, i) => {
        need(nonNegative(b.fromKg), `pricing.brackets[${i}].fromKg must be a non-negative decimal`);
        need(nonNegative(b.ratePerKg), `pricing.brackets[${i}].ratePerKg must be a non-negative decimal`);
        const previous = p.brackets[i - 1];
        if (i === 0) need(DECIMAL.test(b.fromKg) && new Decimal(b.fromKg).isZero(), 'pricing.brackets[0].fromKg must be 0');
        else if (previous && DECIMAL.test(previous.fromKg) && DECIMAL.test(b.fromKg))
          need(new Decimal(b.fromKg).gt(previous.fromKg), `pricing.brackets[${i}].fromKg must be above the previous bracket`);
      });
      break;
    }
    case 'per_cbm':
      need(positive(p.kgPerCbm), 'pricing.kgPerCbm must be a positive decimal');
      need(positive(p.unitStep), 'pricing.unitStep must be a positive decimal');
      need(nonNegative(p.ratePerUnit), 'pricing.ratePerUnit must be a non-negative decimal');
      need(nonNegative(p.minimumUnits), 'pricing.minimumUnits must be a non-negative decimal');
      need(nonNegative(p.minimumCharge), 'pricing.minimumCharge must be a non-negative decimal');
      break;
    case 'per_container':
      need(p.containerType.trim() !== '', 'pricing.containerType is required');
      need(positive(p.usableCbm), 'pricing.usableCbm must be a positive decimal');
      need(positive(p.maxPayloadKg), 'pricing.maxPayloadKg must be a positive decimal');
      need(nonNegative(p.ratePerContainer), 'pricing.ratePerContainer must be a non-negative decimal');
      break;
    default:
      problems.push(`pricing.kind ${JSON.stringify((p as { kind: unknown }).kind)} is not known`);
  }
  return problems;
}

/**
 * The customs transport mode of a freight mode: express couriers arrive by air, so no HMF.
 *
 * @example
 * customsModeOf('sea_lcl'); // 'ocean'
 * customsModeOf('express'); // 'air'
 */
export function customsModeOf(mode: FreightMode): 'air' | 'ocean' {
  return mode === 'sea_lcl' || mode === 'sea_fcl' ? 'ocean' : 'air';
}
