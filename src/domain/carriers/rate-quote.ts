/**
 * Turns a rating breakdown (integers and codes, from either rating path) into the quote callers
 * see: Money amounts, surcharges with how each was computed, and fee lines (module `postage`)
 * whose formula sentences a seller can recompute by hand, in English and Chinese.
 */
import { Decimal } from 'decimal.js';
import { formatMoney, type Money, money, toDecimalString } from '../money/index.js';
import type { FeeLine, Formula, RuleRef } from '../pricing/fee-line.js';
import type { IsoDate } from './dated.js';
import type { AppliedSurcharge, FuelCharge, RateFailure, RateOptions, RatingBreakdown, SurchargeTrigger } from './rating.js';
import type { Carrier, CarrierService, SurchargeCode, ThresholdTest } from './service.js';
import type { Zone, ZoneBasis } from './zones.js';

export interface ServiceRef {
  readonly code: string;
  readonly carrier: Carrier;
  readonly name: string;
  readonly version: number;
  readonly sample: boolean;
}

export interface QuoteSurcharge {
  readonly code: SurchargeCode;
  readonly amount: Money;
  /** How it was computed, as a sentence. */
  readonly computation: Formula;
  /** Why it applied (absent for fuel, which always applies when the service has it). */
  readonly trigger?: SurchargeTrigger;
}

export interface RateQuote {
  readonly service: ServiceRef;
  readonly shipDate: IsoDate;
  readonly originZip: string;
  readonly destZip: string;
  readonly residential: boolean;
  readonly signature: boolean;
  readonly zone: Zone;
  readonly zoneBasis: ZoneBasis;
  readonly billableWeight: { readonly unit: 'lb' | 'oz'; readonly value: number; readonly basis: RatingBreakdown['billableBasis'] };
  readonly base: Money;
  /** Every surcharge, fuel last. */
  readonly surcharges: readonly QuoteSurcharge[];
  readonly total: Money;
  readonly transitDays: number;
  /** One line for the base rate and one per surcharge; they sum to `total`. */
  readonly feeLines: readonly FeeLine[];
  /** The integer breakdown the quote was built from. */
  readonly breakdown: RatingBreakdown;
}

export type RateOutcome =
  | { readonly ok: true; readonly quote: RateQuote }
  | { readonly ok: false; readonly service: ServiceRef; readonly failure: RateFailure };

/** @example serviceRef(UPS_GROUND_SAMPLE); // { code: 'ups_ground', carrier: 'ups', name: 'UPS Ground', version: 1, sample: true } */
export function serviceRef(service: CarrierService): ServiceRef {
  return { code: service.code, carrier: service.carrier, name: service.name, version: service.version, sample: service.sample === true };
}

/** Labels of surcharge codes. */
export const SURCHARGE_LABELS: Readonly<Record<SurchargeCode, Formula>> = Object.freeze({
  fuel: { en: 'Fuel surcharge', zh: '燃油附加费' },
  residential: { en: 'Residential delivery', zh: '住宅派送费' },
  delivery_area: { en: 'Delivery area surcharge', zh: '偏远地区附加费' },
  delivery_area_extended: { en: 'Extended delivery area surcharge', zh: '超偏远地区附加费' },
  remote_area: { en: 'Remote area surcharge', zh: '极偏远地区附加费' },
  additional_handling_dimensions: { en: 'Additional handling (dimensions)', zh: '额外处理费（尺寸）' },
  additional_handling_weight: { en: 'Additional handling (weight)', zh: '额外处理费（重量）' },
  oversize: { en: 'Large package surcharge', zh: '超大件附加费' },
  nonstandard_length: { en: 'Nonstandard length fee', zh: '非标准长度费' },
  nonstandard_length_long: { en: 'Nonstandard length fee (long)', zh: '非标准长度费（超长）' },
  nonstandard_volume: { en: 'Nonstandard volume fee', zh: '非标准体积费' },
  signature: { en: 'Signature required', zh: '签名确认' },
});

const usd = (cents: number): Money => money('USD', cents);
const en = (m: Money): string => formatMoney(m, 'en');
const zh = (m: Money): string => formatMoney(m, 'zh-CN');

function thresholdText(test: ThresholdTest, value: number, limit: number): Formula {
  switch (test) {
    case 'longestSideOverIn':
      return { en: `longest side ${value} in > ${limit} in`, zh: `最长边 ${value} 英寸 > ${limit} 英寸` };
    case 'secondSideOverIn':
      return { en: `second side ${value} in > ${limit} in`, zh: `次长边 ${value} 英寸 > ${limit} 英寸` };
    case 'lengthPlusGirthOverIn':
      return { en: `length + girth ${value} in > ${limit} in`, zh: `长度+周长 ${value} 英寸 > ${limit} 英寸` };
    case 'cubicOverIn3':
      return { en: `${value} in³ > ${limit} in³`, zh: `体积 ${value} 立方英寸 > ${limit} 立方英寸` };
    case 'actualWeightOverLb':
      return { en: `actual ${value} lb > ${limit} lb`, zh: `实重 ${value} 磅 > ${limit} 磅` };
  }
}

function surchargeComputation(s: AppliedSurcharge): Formula {
  const label = SURCHARGE_LABELS[s.code];
  const amount = usd(s.cents);
  const t = s.trigger;
  switch (t.kind) {
    case 'residential':
    case 'option':
      return { en: `${label.en}: ${en(amount)}`, zh: `${label.zh}：${zh(amount)}` };
    case 'zip':
      return {
        en: `${label.en} (ZIP ${t.matched} listed${t.residential ? ', residential' : ''}): ${en(amount)}`,
        zh: `${label.zh}（邮编 ${t.matched} 在列表中${t.residential ? '，住宅地址' : ''}）：${zh(amount)}`,
      };
    case 'threshold': {
      const why = thresholdText(t.test, t.value, t.limit);
      return { en: `${label.en} (${why.en}): ${en(amount)}`, zh: `${label.zh}（${why.zh}）：${zh(amount)}` };
    }
  }
}

function fuelComputation(f: FuelCharge): Formula {
  const parts = [
    { en: 'base', zh: '基本运费' },
    ...f.includes.map((c) => ({ en: SURCHARGE_LABELS[c].en.toLowerCase(), zh: SURCHARGE_LABELS[c].zh })),
  ];
  const fuelable = usd(f.fuelableCents);
  const amount = usd(f.cents);
  return {
    en: `Fuel ${f.percent}% × ${en(fuelable)} (${parts.map((p) => p.en).join(' + ')}) = ${en(amount)}`,
    zh: `燃油附加费 ${f.percent}% × ${zh(fuelable)}（${parts.map((p) => p.zh).join(' + ')}）= ${zh(amount)}`,
  };
}

function baseFormula(b: RatingBreakdown, price: Money): Formula {
  const weightEn = b.billableLb !== null ? `${b.billableLb} lb` : `${b.billableOz} oz`;
  const weightZh = b.billableLb !== null ? `${b.billableLb} 磅` : `${b.billableOz} 盎司`;
  const note: Formula =
    b.billableBasis === 'dim'
      ? { en: `DIM ${b.dimRule.divisor}`, zh: `体积重，除数 ${b.dimRule.divisor}` }
      : b.billableBasis === 'lightweight'
        ? { en: 'lightweight', zh: '轻件' }
        : b.billableBasis === 'minimum'
          ? { en: 'large package minimum', zh: '大件最低计费重' }
          : { en: 'actual weight', zh: '实重' };
  return {
    en: `Zone ${b.zone}, ${weightEn} billable (${note.en}): ${en(price)}`,
    zh: `${b.zone}区，计费重 ${weightZh}（${note.zh}）：${zh(price)}`,
  };
}

function flatLine(rule: RuleRef, label: Formula, amount: Money, formula: Formula, inputs: FeeLine['inputs']): FeeLine {
  const value = toDecimalString(amount);
  return {
    module: 'postage',
    rule,
    label,
    quantity: '1',
    unit: 'parcel',
    rate: value,
    preciseAmount: value,
    amount,
    rounding: 'half_up',
    formula,
    inputs,
    sources: [],
  };
}

/**
 * Dress a breakdown as a quote with fee lines. Pure; the same breakdown always gives the same quote.
 *
 * @example
 * buildRateQuote(UPS_GROUND_SAMPLE, breakdown, options).feeLines[0].formula.en; // 'Zone 5, 10 lb billable (DIM 139): $21.40'
 */
export function buildRateQuote(service: CarrierService, b: RatingBreakdown, options: RateOptions): RateQuote {
  const ref = serviceRef(service);
  const rule = (ruleId: string): RuleRef => ({ cardCode: service.code, cardVersion: service.version, ruleId });
  const base = usd(b.baseCents);
  const shipment = {
    zone: b.zone,
    zone_basis: b.zoneBasis,
    ship_date: options.shipDate,
    origin_zip: options.originZip,
    dest_zip: options.destZip,
  };
  const feeLines: FeeLine[] = [
    flatLine(
      rule('base_rate'),
      { en: `${service.name} postage`, zh: `${service.nameZh ?? service.name} 运费` },
      base,
      baseFormula(b, base),
      {
        ...shipment,
        billable_lb: b.billableLb,
        billable_oz: b.billableOz,
        billable_basis: b.billableBasis,
        actual_lb: b.actualLb,
        dim_lb: b.dimLb,
        dims_in: b.roundedDimensionsIn.join('x'),
        cubic_in3: b.cubicIn3,
        length_plus_girth_in: b.lengthPlusGirthIn,
        dim_divisor: b.dimRule.divisor,
        dimension_rounding: b.dimRule.dimensionRounding,
        dim_rule_from: b.dimRule.effectiveFrom,
      },
    ),
  ];
  const surcharges: QuoteSurcharge[] = b.surcharges.map((s) => {
    const amount = usd(s.cents);
    const computation = surchargeComputation(s);
    feeLines.push(
      flatLine(rule(s.code), SURCHARGE_LABELS[s.code], amount, computation, {
        ...shipment,
        residential: options.residential,
        trigger: triggerText(s.trigger),
      }),
    );
    return { code: s.code, amount, computation, trigger: s.trigger };
  });
  if (b.fuel) {
    const f = b.fuel;
    const fuelable = usd(f.fuelableCents);
    const amount = usd(f.cents);
    const computation = fuelComputation(f);
    surcharges.push({ code: 'fuel', amount, computation });
    feeLines.push({
      module: 'postage',
      rule: rule('fuel'),
      label: SURCHARGE_LABELS.fuel,
      quantity: toDecimalString(fuelable),
      unit: 'USD',
      rate: `${f.percent}%`,
      preciseAmount: new Decimal(toDecimalString(fuelable)).times(f.percent).div(100).toFixed(),
      amount,
      rounding: 'half_up',
      formula: computation,
      inputs: { ...shipment, fuel_percent: f.percent, fuel_effective_from: f.effectiveFrom, includes: ['base', ...f.includes].join('+') },
      sources: [],
    });
  }
  return {
    service: ref,
    shipDate: options.shipDate,
    originZip: options.originZip,
    destZip: options.destZip,
    residential: options.residential,
    signature: options.signature,
    zone: b.zone,
    zoneBasis: b.zoneBasis,
    billableWeight:
      b.billableLb !== null
        ? { unit: 'lb', value: b.billableLb, basis: b.billableBasis }
        : { unit: 'oz', value: b.billableOz as number, basis: b.billableBasis },
    base,
    surcharges,
    total: usd(b.totalCents),
    transitDays: b.transitDays,
    feeLines,
    breakdown: b,
  };
}

function triggerText(t: SurchargeTrigger): string {
  switch (t.kind) {
    case 'residential':
    case 'option':
      return t.kind;
    case 'zip':
      return `zip:${t.matched}`;
    case 'threshold':
      return `${t.test}:${t.value}>${t.limit}`;
  }
}
