/**
 * The reference rating: one parcel, one service, exact decimals and Money throughout. It is the
 * specification the compiled integer path (compile-service.ts) must match cent for cent, and
 * the path to use when speed does not matter.
 */
import { Decimal } from 'decimal.js';
import { add, type Money, moneyFromDecimal, multiply } from '../money/index.js';
import { entryOn, isIsoDate } from './dated.js';
import { chargeableExact } from './chargeable-weight.js';
import { measureParcel, type Parcel } from './parcel.js';
import { lookupRate } from './rate-table.js';
import { buildRateQuote, type RateOutcome, serviceRef } from './rate-quote.js';
import type {
  AppliedSurcharge,
  FitProblem,
  FuelCharge,
  RateFailure,
  RateOptions,
  RatingBreakdown,
  RatingOutcome,
  SurchargeTrigger,
} from './rating.js';
import {
  assertValidService,
  type CarrierService,
  type FuelRate,
  fuelRateProblems,
  type SurchargeCode,
  type SurchargeRule,
  THRESHOLD_TESTS,
  type ThresholdTest,
} from './service.js';
import { normalizeZip, resolveZone, type Zone } from './zones.js';

const fail = (failure: RateFailure): RatingOutcome => ({ ok: false, failure });
const cents = (m: Money): number => Number(m.minor);
const price = (s: string): Money => moneyFromDecimal('USD', s, 'half_up');

/**
 * The fuel entries that apply to a service: the rating-time table's schedule when given, else
 * the definition's own. Throws RangeError on malformed entries (a caller's bug, not an outcome).
 *
 * @example
 * fuelRatesFor(UPS_GROUND_SAMPLE, { ups_ground: [{ effectiveFrom: '2026-03-09', percent: '21.00' }] }); // the table's entries
 */
export function fuelRatesFor(service: CarrierService, table: RateOptions['fuel']): readonly FuelRate[] {
  if (!service.fuel) return [];
  const schedule = service.fuel.schedule;
  if (!table || !Object.hasOwn(table, schedule)) return service.fuel.rates;
  const rates = table[schedule] as readonly FuelRate[];
  const problems = fuelRateProblems(rates);
  if (problems.length)
    throw new RangeError(`fuel table ${schedule}: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
  return rates;
}

/** The value a threshold test reads, as the breakdown reports it. */
function testValue(test: ThresholdTest, sides: readonly [number, number, number], cubic: number, lg: number, actualLb: Decimal): Decimal {
  switch (test) {
    case 'longestSideOverIn':
      return new Decimal(sides[0]);
    case 'secondSideOverIn':
      return new Decimal(sides[1]);
    case 'lengthPlusGirthOverIn':
      return new Decimal(lg);
    case 'cubicOverIn3':
      return new Decimal(cubic);
    case 'actualWeightOverLb':
      return actualLb;
  }
}

/**
 * Rate one parcel with one service, exactly, returning the integer breakdown or why it failed.
 * Checks, in order: DIM rule and fuel rate for the date, requested options and address type,
 * ZIPs, limits, then prices.
 *
 * @example
 * rateBreakdown(parcel, UPS_GROUND_SAMPLE, { originZip: '91761', destZip: '10001', shipDate: '2026-03-02', residential: true, signature: false });
 * // { ok: true, breakdown: { zone: 8, baseCents: …, surcharges: [{ code: 'residential', … }], fuel: {…}, totalCents: … } }
 */
export function rateBreakdown(parcel: Parcel, service: CarrierService, options: RateOptions): RatingOutcome {
  assertValidService(service);
  if (!isIsoDate(options.shipDate)) throw new RangeError(`shipDate must be YYYY-MM-DD, got ${JSON.stringify(options.shipDate)}`);
  const rule = entryOn(service.dimRules, options.shipDate);
  if (!rule) return fail({ kind: 'unavailable', reason: 'no_dim_rule_for_date' });
  const fuelRate = service.fuel ? entryOn(fuelRatesFor(service, options.fuel), options.shipDate) : undefined;
  if (service.fuel && !fuelRate) return fail({ kind: 'unavailable', reason: 'no_fuel_rate_for_date' });
  if (options.signature && !service.surcharges.some((r) => r.kind === 'option' && r.code === 'signature')) {
    return fail({ kind: 'unavailable', reason: 'signature_not_offered' });
  }
  const serves = service.serves ?? { residential: true, commercial: true };
  if (!(options.residential ? serves.residential : serves.commercial))
    return fail({ kind: 'unavailable', reason: 'address_type_not_served' });

  const zoned = resolveZone(options.originZip, options.destZip, options.zoneCharts?.[service.carrier]);
  if (!zoned.ok) return fail({ kind: 'unknown_zip', zip: zoned.error.zip });
  const zone: Zone = zoned.value.zone;
  const destZip = normalizeZip(options.destZip) as string;

  const c = chargeableExact(measureParcel(parcel), rule);
  const actualLbShown = c.actualLb.times(1000).ceil().toNumber() / 1000;
  const { limits } = service;
  const problems: FitProblem[] = [];
  if (c.actualLb.gt(limits.maxWeightLb)) problems.push({ reason: 'over_max_weight', limit: limits.maxWeightLb, value: actualLbShown });
  if (limits.maxLengthIn !== undefined && c.sides[0] > limits.maxLengthIn)
    problems.push({ reason: 'over_max_length', limit: limits.maxLengthIn, value: c.sides[0] });
  if (limits.maxLengthPlusGirthIn !== undefined && c.lengthPlusGirthIn > limits.maxLengthPlusGirthIn) {
    problems.push({ reason: 'over_length_plus_girth', limit: limits.maxLengthPlusGirthIn, value: c.lengthPlusGirthIn });
  }
  if (problems.length) return fail({ kind: 'does_not_fit', problems });

  // Every rule that applies, with its amount and why; superseded ones are dropped afterwards.
  const applied: { rule: SurchargeRule; amount: Money; trigger: SurchargeTrigger }[] = [];
  for (const r of service.surcharges) {
    const hit = ruleHit(r, options, destZip, c.sides, c.cubicIn3, c.lengthPlusGirthIn, c.actualLb, actualLbShown);
    if (hit) applied.push({ rule: r, ...hit });
  }
  const superseded = new Set<SurchargeCode>(applied.flatMap((a) => a.rule.supersedes ?? []));
  const kept = applied.filter((a) => !superseded.has(a.rule.code));

  let billableLb = c.billableLb;
  let billableBasis: RatingBreakdown['billableBasis'] = c.basis;
  for (const a of kept) {
    const min = a.rule.kind === 'package_threshold' ? a.rule.minBillableLb : undefined;
    if (min !== undefined && (billableLb === null || billableLb < min)) {
      billableLb = min;
      billableBasis = 'minimum';
    }
  }
  const billableOz = billableLb === null ? c.billableOz : null;

  const looked = lookupRate(
    service.rateTable,
    billableOz !== null ? { unit: 'oz', value: billableOz } : { unit: 'lb', value: new Decimal(billableLb as number) },
    zone,
  );
  if (!looked.ok) return fail({ kind: 'unavailable', reason: looked.error });
  const base = price(looked.value);

  const surcharges: AppliedSurcharge[] = kept.map((a) => ({ code: a.rule.code, cents: cents(a.amount), trigger: a.trigger }));
  let total = base;
  for (const a of kept) total = add(total, a.amount);

  let fuel: FuelCharge | null = null;
  if (service.fuel && fuelRate) {
    const appliesTo = new Set(service.fuel.appliesTo);
    const included = kept.filter((a) => appliesTo.has(a.rule.code));
    let fuelable = base;
    for (const a of included) fuelable = add(fuelable, a.amount);
    const factor = new Decimal(fuelRate.percent).div(100).toFixed();
    const amount = multiply(fuelable, factor, 'half_up');
    fuel = {
      percent: fuelRate.percent,
      effectiveFrom: fuelRate.effectiveFrom,
      fuelableCents: cents(fuelable),
      includes: included.map((a) => a.rule.code),
      cents: cents(amount),
    };
    total = add(total, amount);
  }

  return {
    ok: true,
    breakdown: {
      zone,
      zoneBasis: zoned.value.basis,
      transitDays: service.transitDays[zone] as number,
      dimRule: rule,
      roundedDimensionsIn: c.sides,
      cubicIn3: c.cubicIn3,
      lengthPlusGirthIn: c.lengthPlusGirthIn,
      actualLb: actualLbShown,
      dimLb: c.dimLb,
      billableLb,
      billableOz: billableOz === null ? null : billableOz.toNumber(),
      billableBasis,
      baseCents: cents(base),
      surcharges,
      fuel,
      totalCents: cents(total),
    },
  };
}

function ruleHit(
  r: SurchargeRule,
  options: RateOptions,
  destZip: string,
  sides: readonly [number, number, number],
  cubic: number,
  lg: number,
  actualLb: Decimal,
  actualLbShown: number,
): { amount: Money; trigger: SurchargeTrigger } | null {
  switch (r.kind) {
    case 'residential':
      return options.residential ? { amount: price(r.amount), trigger: { kind: 'residential' } } : null;
    case 'option':
      return options.signature ? { amount: price(r.amount), trigger: { kind: 'option' } } : null;
    case 'destination_zip': {
      const prefix = destZip.slice(0, 3);
      const matched = r.zips.includes(prefix) ? prefix : r.zips.includes(destZip) ? destZip : null;
      if (matched === null) return null;
      const amount = options.residential && r.residentialAmount !== undefined ? r.residentialAmount : r.amount;
      return { amount: price(amount), trigger: { kind: 'zip', matched, residential: options.residential } };
    }
    case 'package_threshold':
      for (const test of THRESHOLD_TESTS) {
        const limit = r.when[test];
        if (limit === undefined) continue;
        const value = testValue(test, sides, cubic, lg, actualLb);
        if (value.gt(limit)) {
          const shown = test === 'actualWeightOverLb' ? actualLbShown : value.toNumber();
          return { amount: price(r.amount), trigger: { kind: 'threshold', test, limit, value: shown } };
        }
      }
      return null;
  }
}

/**
 * Rate one parcel with one service and dress the result as a quote with fee lines.
 *
 * @example
 * const r = rateParcel(parcel, USPS_GROUND_ADVANTAGE_SAMPLE, { originZip: '91761', destZip: '90210', shipDate: '2026-08-03', residential: true, signature: false });
 * if (r.ok) r.quote.total; // Money
 * else r.failure; // { kind: 'does_not_fit', problems: [{ reason: 'over_max_weight', … }] }
 */
export function rateParcel(parcel: Parcel, service: CarrierService, options: RateOptions): RateOutcome {
  const r = rateBreakdown(parcel, service, options);
  if (!r.ok) return { ok: false, service: serviceRef(service), failure: r.failure };
  return { ok: true, quote: buildRateQuote(service, r.breakdown, options) };
}
