/**
 * The compiled rating path: a service is compiled once for a ship date into integer tables
 * (prices in cents, weights in 1/1000 oz, sides in 1/1000 in, fuel in basis points, zones as
 * one 1,000-entry array per origin ZIP3), so rating a parcel is a few dozen integer operations
 * with no decimal arithmetic and no allocation. It must give exactly the reference path's cents
 * (rate-parcel.ts); a property test compares the two over random parcels, ZIPs, dates and options.
 *
 * Exactness with any input unit: a measure converted from cm or g rarely lands on the 1/1000
 * grid, so a parcel keeps, for each measure, the floor on the grid plus a flag "there was more".
 * Every threshold rating compares against (whole inches, half inches, whole pounds, ounce tiers)
 * lies on the grid, so `x > t`, `x ≥ t` and rounding up or to nearest are all decided exactly
 * from (floor, flag) — never from a rounded value.
 */
import { Decimal } from 'decimal.js';
import { entryOn, type IsoDate, isIsoDate } from './dated.js';
import { measureParcel, type Parcel, type ParcelMeasures } from './parcel.js';
import { buildRateQuote, type RateOutcome, serviceRef } from './rate-quote.js';
import { fuelRatesFor } from './rate-parcel.js';
import type {
  AppliedSurcharge,
  FitProblem,
  FuelCharge,
  RateFailure,
  RateOptions,
  RatingBreakdown,
  RatingOutcome,
  SurchargeTrigger,
  ZoneCharts,
} from './rating.js';
import {
  assertValidService,
  type CarrierService,
  type DimRule,
  type FuelRate,
  type FuelTable,
  type SurchargeCode,
  THRESHOLD_TESTS,
} from './service.js';
import {
  createZoneIndex,
  parseZip5,
  type Zone,
  ZONE_CELL_UNKNOWN_DEST,
  ZONE_CELL_UNKNOWN_ORIGIN,
  type ZoneChart,
  type ZoneIndex,
  zoneCellBasis,
} from './zones.js';

/** Sides (longest first) and weight as floor-on-grid + "more" flag (0 or 1). See the file comment. */
export interface FastParcel {
  /** Longest side, floor of thousandths of an inch. */
  readonly s0: number;
  readonly s0x: number;
  readonly s1: number;
  readonly s1x: number;
  readonly s2: number;
  readonly s2x: number;
  /** Actual weight with packaging, floor of thousandths of an ounce. */
  readonly w: number;
  readonly wx: number;
}

// Beyond these the integer products could pass 2^53; no parcel is near them.
const MAX_SIDE_IN = 100_000;
const MAX_WEIGHT_OZ = 10_000_000;

function gridded(value: Decimal, max: number, what: string, cache?: GridCache): readonly [number, number] {
  const known = cache?.get(value);
  if (known) return known;
  if (value.gt(max)) throw new RangeError(`${what} ${value.toString()} is beyond the compiled path's range (${max})`);
  const scaled = value.times(1000);
  const floor = scaled.floor();
  const grid = [floor.toNumber(), scaled.gt(floor) ? 1 : 0] as const;
  cache?.set(value, grid);
  return grid;
}

/**
 * Grid positions of measures already seen, by Decimal instance: a caller that hands the same
 * instance for the same measure (a quote's memoised conversions) grids each size once.
 */
export type GridCache = WeakMap<Decimal, readonly [number, number]>;

/**
 * A parcel for the compiled path, from its exact measures. Costs a few decimal operations: do it
 * once per parcel, not per service.
 *
 * @example
 * fastParcel(makeParcel({ dims: ['12.2', '10.1', '8.5'], dimUnit: 'in', weight: '5.2', weightUnit: 'lb' }));
 * // { s0: 12200, s0x: 0, s1: 10100, s1x: 0, s2: 8500, s2x: 0, w: 83200, wx: 0 }
 */
export function fastParcel(parcel: Parcel | ParcelMeasures, cache?: GridCache): FastParcel {
  const m = 'sidesIn' in parcel ? parcel : measureParcel(parcel);
  const [s0, s0x] = gridded(m.sidesIn[0], MAX_SIDE_IN, 'side (in)', cache);
  const [s1, s1x] = gridded(m.sidesIn[1], MAX_SIDE_IN, 'side (in)', cache);
  const [s2, s2x] = gridded(m.sidesIn[2], MAX_SIDE_IN, 'side (in)', cache);
  const [w, wx] = gridded(m.actualOz, MAX_WEIGHT_OZ, 'weight (oz)', cache);
  return { s0, s0x, s1, s1x, s2, s2x, w, wx };
}

/**
 * A parcel for the compiled path from whole thousandths (inches, ounces) — exact, no decimals.
 *
 * @example
 * fastParcelFromThousandths([12200, 8500, 10100], 83200); // sides sorted longest first
 */
export function fastParcelFromThousandths(sidesMilliIn: readonly [number, number, number], weightMilliOz: number): FastParcel {
  for (const n of [...sidesMilliIn, weightMilliOz]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`measures must be non-negative whole thousandths, got ${n}`);
  }
  const [a, b, c] = [...sidesMilliIn].sort((x, y) => y - x) as [number, number, number];
  if (a > MAX_SIDE_IN * 1000 || weightMilliOz > MAX_WEIGHT_OZ * 1000) throw new RangeError('parcel beyond the compiled path range');
  return { s0: a, s0x: 0, s1: b, s1x: 0, s2: c, s2x: 0, w: weightMilliOz, wx: 0 };
}

/** Status codes of a compiled rating (0 = priced). */
export const FAST_STATUS = {
  ok: 0,
  doesNotFit: 1,
  unknownOrigin: 2,
  unknownDest: 3,
  noDimRule: 4,
  noFuelRate: 5,
  signatureNotOffered: 6,
  addressTypeNotServed: 7,
  zoneNotServed: 8,
  weightOverTable: 9,
} as const;

const BASIS_ACTUAL = 0;
const BASIS_DIM = 1;
const BASIS_LIGHT = 2;
const BASIS_MINIMUM = 3;
const BASES = ['actual', 'dim', 'lightweight', 'minimum'] as const;

const KIND_RESIDENTIAL = 0;
const KIND_OPTION = 1;
const KIND_ZIP = 2;
const KIND_THRESHOLD = 3;

const FIT_WEIGHT = 1;
const FIT_LENGTH = 2;
const FIT_GIRTH = 4;

/** Reusable scratch a compiled rating writes into (one per service in a rate shop). */
export class FastRating {
  status = 0;
  zoneCell = 0;
  r0 = 0;
  r1 = 0;
  r2 = 0;
  cubic = 0;
  lg = 0;
  actualMilliLb = 0;
  dimLb = -1;
  billableLb = -1;
  billableMilliOz = -1;
  basis = 0;
  fit = 0;
  applied = 0;
  baseCents = 0;
  fuelableCents = 0;
  fuelCents = 0;
  totalCents = 0;
  transitDays = 0;
  readonly ruleCents = new Int32Array(32);
  /** Threshold rules: index of the test that fired; zip rules: 3 or 5 (prefix or ZIP5 matched). */
  readonly ruleTrigger = new Int8Array(32);
}

function finish(out: FastRating, status: number): number {
  out.status = status;
  return status;
}

const floorDiv = (a: number, b: number): number => (a - (a % b)) / b;
const ceilDiv = (a: number, b: number): number => (a % b === 0 ? a / b : (a - (a % b)) / b + 1);
/** ceil(x / q) where x = f (+ something below one grid unit when `more`). */
const ceilGrid = (f: number, more: number, q: number): number => (more === 0 && f % q === 0 ? f / q : (f - (f % q)) / q + 1);
/** x > t for x = f (+ more), t on the grid. */
const overGrid = (f: number, more: number, t: number): boolean => f > t || (f === t && more === 1);

const cents = (s: string): number => {
  const [whole, fraction = ''] = s.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};
const milli = (s: string): number => new Decimal(s).times(1000).toNumber();

const defaultZoneIndex = { index: undefined as ZoneIndex | undefined };
const chartIndexes = new WeakMap<ZoneChart, ZoneIndex>();

/**
 * The shared zone index for a chart (or for distance zones when none), so services of one
 * carrier share their 1,000-entry rows.
 *
 * @example
 * zoneIndexFor(undefined) === zoneIndexFor(undefined); // true
 */
export function zoneIndexFor(chart: ZoneChart | undefined): ZoneIndex {
  if (!chart) {
    defaultZoneIndex.index ??= createZoneIndex();
    return defaultZoneIndex.index;
  }
  let index = chartIndexes.get(chart);
  if (!index) {
    index = createZoneIndex(chart);
    chartIndexes.set(chart, index);
  }
  return index;
}

/** A service compiled for one ship date (and fuel table and zone chart). Build with `compileService`. */
export class CompiledService {
  readonly service: CarrierService;
  readonly shipDate: IsoDate;
  readonly dimRule: DimRule | null;
  readonly fuelRate: FuelRate | null;
  readonly zones: ZoneIndex;

  private readonly unavailable: number;
  private readonly upInch: boolean;
  private readonly divisorStep: number;
  private readonly cubicOver: number;
  private readonly lbStep: number;
  private readonly lbStepMilliOz: number;
  private readonly lightMaxMilliOz: number;
  private readonly ozStepMilliOz: number;
  private readonly maxWeightMilliOz: number;
  private readonly maxLengthIn: number;
  private readonly maxLgIn: number;
  private readonly signatureOffered: boolean;
  private readonly servesResidential: boolean;
  private readonly servesCommercial: boolean;
  private readonly zoneColumn = new Int8Array(16).fill(-1);
  private readonly columns: number;
  private readonly ozTierMilliOz: Int32Array;
  private readonly ozPrices: Int32Array;
  private readonly lbRowOf: Int32Array;
  private readonly lbPrices: Int32Array;
  private readonly transit = new Int16Array(16);
  private readonly ruleCount: number;
  private readonly ruleKind: Int8Array;
  private readonly ruleAmount: Int32Array;
  private readonly ruleResidentialAmount: Int32Array;
  private readonly ruleZip3: (Uint8Array | null)[];
  private readonly ruleZip5: (Set<number> | null)[];
  /** Five thresholds per rule in THRESHOLD_TESTS order; -1 = no test. Weight is in 1/1000 oz. */
  private readonly ruleThreshold: Float64Array;
  private readonly ruleSupersedes: Int32Array;
  private readonly ruleMinBillableLb: Int32Array;
  private readonly fuelMask: number;
  private readonly fuelBp: number;

  constructor(service: CarrierService, shipDate: IsoDate, fuel: FuelTable | undefined, zones: ZoneIndex) {
    assertValidService(service);
    if (!isIsoDate(shipDate)) throw new RangeError(`shipDate must be YYYY-MM-DD, got ${JSON.stringify(shipDate)}`);
    this.service = service;
    this.shipDate = shipDate;
    this.zones = zones;
    this.dimRule = entryOn(service.dimRules, shipDate) ?? null;
    this.fuelRate = service.fuel ? (entryOn(fuelRatesFor(service, fuel), shipDate) ?? null) : null;
    this.unavailable = !this.dimRule ? FAST_STATUS.noDimRule : service.fuel && !this.fuelRate ? FAST_STATUS.noFuelRate : 0;

    const rule = this.dimRule;
    this.upInch = rule?.dimensionRounding === 'up_inch';
    this.lbStep = rule?.billableRounding.lbStep ?? 1;
    this.divisorStep = (rule?.divisor ?? 1) * this.lbStep;
    this.cubicOver = rule?.dimApplies.when === 'over_cubic_in' ? rule.dimApplies.cubicIn : -1;
    this.lbStepMilliOz = this.lbStep * 16_000;
    const light = rule?.billableRounding.lightweight;
    this.lightMaxMilliOz = light ? milli(light.maxOz) : -1;
    this.ozStepMilliOz = light ? milli(light.ozStep) : 1;

    const { limits } = service;
    this.maxWeightMilliOz = limits.maxWeightLb * 16_000;
    this.maxLengthIn = limits.maxLengthIn ?? Number.POSITIVE_INFINITY;
    this.maxLgIn = limits.maxLengthPlusGirthIn ?? Number.POSITIVE_INFINITY;
    this.signatureOffered = service.surcharges.some((r) => r.kind === 'option' && r.code === 'signature');
    this.servesResidential = service.serves?.residential ?? true;
    this.servesCommercial = service.serves?.commercial ?? true;

    const table = service.rateTable;
    this.columns = table.zones.length;
    table.zones.forEach((z, i) => {
      this.zoneColumn[z] = i;
      this.transit[z] = service.transitDays[z] as number;
    });
    const tiers = table.ozTiers ?? [];
    this.ozTierMilliOz = Int32Array.from(tiers.map((t) => milli(t.maxOz)));
    this.ozPrices = Int32Array.from(tiers.flatMap((t) => t.prices.map(cents)));
    const maxLb = table.lbRows[table.lbRows.length - 1]?.maxLb ?? 0;
    this.lbRowOf = new Int32Array(maxLb + 1);
    let row = 0;
    for (let lb = 0; lb <= maxLb; lb++) {
      while ((table.lbRows[row]?.maxLb ?? Number.POSITIVE_INFINITY) < lb) row++;
      this.lbRowOf[lb] = row;
    }
    this.lbPrices = Int32Array.from(table.lbRows.flatMap((r) => r.prices.map(cents)));

    const rules = service.surcharges;
    this.ruleCount = rules.length;
    this.ruleKind = new Int8Array(rules.length);
    this.ruleAmount = new Int32Array(rules.length);
    this.ruleResidentialAmount = new Int32Array(rules.length);
    this.ruleZip3 = rules.map(() => null);
    this.ruleZip5 = rules.map(() => null);
    this.ruleThreshold = new Float64Array(rules.length * 5).fill(-1);
    this.ruleSupersedes = new Int32Array(rules.length);
    this.ruleMinBillableLb = new Int32Array(rules.length);
    const bitOf = (code: SurchargeCode): number => {
      const i = rules.findIndex((r) => r.code === code);
      return i < 0 ? 0 : 1 << i;
    };
    let fuelMask = 0;
    const fuelCodes = new Set(service.fuel?.appliesTo ?? []);
    rules.forEach((r, i) => {
      this.ruleAmount[i] = cents(r.amount);
      this.ruleResidentialAmount[i] = this.ruleAmount[i] as number;
      for (const code of r.supersedes ?? []) this.ruleSupersedes[i] = (this.ruleSupersedes[i] as number) | bitOf(code);
      if (fuelCodes.has(r.code)) fuelMask |= 1 << i;
      switch (r.kind) {
        case 'residential':
          this.ruleKind[i] = KIND_RESIDENTIAL;
          break;
        case 'option':
          this.ruleKind[i] = KIND_OPTION;
          break;
        case 'destination_zip': {
          this.ruleKind[i] = KIND_ZIP;
          if (r.residentialAmount !== undefined) this.ruleResidentialAmount[i] = cents(r.residentialAmount);
          const zip3 = new Uint8Array(1000);
          const zip5 = new Set<number>();
          for (const z of r.zips) {
            if (z.length === 3) zip3[Number(z)] = (zip3[Number(z)] as number) | 1;
            else {
              zip5.add(Number(z));
              zip3[Number(z.slice(0, 3))] = (zip3[Number(z.slice(0, 3))] as number) | 2;
            }
          }
          this.ruleZip3[i] = zip3;
          this.ruleZip5[i] = zip5;
          break;
        }
        case 'package_threshold':
          this.ruleKind[i] = KIND_THRESHOLD;
          THRESHOLD_TESTS.forEach((test, t) => {
            const limit = r.when[test];
            if (limit !== undefined) this.ruleThreshold[i * 5 + t] = test === 'actualWeightOverLb' ? limit * 16_000 : limit;
          });
          this.ruleMinBillableLb[i] = r.minBillableLb ?? 0;
          break;
      }
    });
    this.fuelMask = fuelMask;
    this.fuelBp = this.fuelRate ? cents(this.fuelRate.percent) : -1;
  }

  /**
   * Rate one parcel into `out`; returns the status (FAST_STATUS.ok = priced). ZIPs are the
   * integers of their 5 digits (`parseZip5`), -1 when malformed. No allocation. The two
   * booleans are the shipment's options, positional because this is the hot loop.
   *
   * @example
   * compiled.rate(fastParcel(parcel), 91761, 10001, true, false, out) === FAST_STATUS.ok; // then out.totalCents
   */
  rate(p: FastParcel, origin5: number, dest5: number, residential: boolean, signature: boolean, out: FastRating): number {
    if (this.unavailable !== 0) return finish(out, this.unavailable);
    if (signature && !this.signatureOffered) return finish(out, FAST_STATUS.signatureNotOffered);
    if (residential ? !this.servesResidential : !this.servesCommercial) return finish(out, FAST_STATUS.addressTypeNotServed);
    if (origin5 < 0) return finish(out, FAST_STATUS.unknownOrigin);
    if (dest5 < 0) return finish(out, FAST_STATUS.unknownDest);
    const cell = this.zones.cell(origin5, dest5);
    if (cell === ZONE_CELL_UNKNOWN_ORIGIN) return finish(out, FAST_STATUS.unknownOrigin);
    if (cell === ZONE_CELL_UNKNOWN_DEST) return finish(out, FAST_STATUS.unknownDest);
    out.zoneCell = cell;
    const zone = cell & 15;

    // Sides: nearest inch (half up) needs only the floor; up-inch needs the flag too.
    let r0: number;
    let r1: number;
    let r2: number;
    if (this.upInch) {
      r0 = ceilGrid(p.s0, p.s0x, 1000);
      r1 = ceilGrid(p.s1, p.s1x, 1000);
      r2 = ceilGrid(p.s2, p.s2x, 1000);
    } else {
      r0 = floorDiv(p.s0 + 500, 1000);
      r1 = floorDiv(p.s1 + 500, 1000);
      r2 = floorDiv(p.s2 + 500, 1000);
    }
    const cubic = r0 * r1 * r2;
    const lg = r0 + 2 * (r1 + r2);
    out.r0 = r0;
    out.r1 = r1;
    out.r2 = r2;
    out.cubic = cubic;
    out.lg = lg;
    const w = p.w;
    const wx = p.wx;
    out.actualMilliLb = ceilGrid(w, wx, 16);

    let fit = 0;
    if (overGrid(w, wx, this.maxWeightMilliOz)) fit |= FIT_WEIGHT;
    if (r0 > this.maxLengthIn) fit |= FIT_LENGTH;
    if (lg > this.maxLgIn) fit |= FIT_GIRTH;
    if (fit !== 0) {
      out.fit = fit;
      return finish(out, FAST_STATUS.doesNotFit);
    }

    // Billable weight.
    const step = this.lbStep;
    const dimApplies = this.cubicOver < 0 || cubic > this.cubicOver;
    const actualRounded = Math.max(ceilGrid(w, wx, this.lbStepMilliOz) * step, step);
    const dimLb = dimApplies ? ceilDiv(cubic, this.divisorStep) * step : -1;
    let billableLb = -1;
    let billableMilliOz = -1;
    let basis = BASIS_ACTUAL;
    const lightMax = this.lightMaxMilliOz;
    if (!dimApplies && lightMax >= 0 && (w < lightMax || (w === lightMax && wx === 0))) {
      const s = this.ozStepMilliOz;
      const up = ceilGrid(w, wx, s) * s;
      billableMilliOz = Math.max(Math.min(up, lightMax), s);
      basis = BASIS_LIGHT;
    } else if (dimLb > actualRounded) {
      billableLb = dimLb;
      basis = BASIS_DIM;
    } else {
      billableLb = actualRounded;
    }
    out.dimLb = dimLb;

    // Surcharge rules, then what the applied ones supersede.
    const d3 = (dest5 / 100) | 0;
    const amounts = out.ruleCents;
    const trigger = out.ruleTrigger;
    let applied = 0;
    for (let i = 0; i < this.ruleCount; i++) {
      switch (this.ruleKind[i]) {
        case KIND_RESIDENTIAL:
          if (residential) {
            applied |= 1 << i;
            amounts[i] = this.ruleAmount[i] as number;
          }
          break;
        case KIND_OPTION:
          if (signature) {
            applied |= 1 << i;
            amounts[i] = this.ruleAmount[i] as number;
          }
          break;
        case KIND_ZIP: {
          const flag = (this.ruleZip3[i] as Uint8Array)[d3] as number;
          if (flag === 0) break;
          if ((flag & 1) !== 0) trigger[i] = 3;
          else if ((this.ruleZip5[i] as Set<number>).has(dest5)) trigger[i] = 5;
          else break;
          applied |= 1 << i;
          amounts[i] = (residential ? this.ruleResidentialAmount[i] : this.ruleAmount[i]) as number;
          break;
        }
        case KIND_THRESHOLD: {
          const t = this.ruleThreshold;
          const k = i * 5;
          let fired = -1;
          const t0 = t[k] as number;
          const t1 = t[k + 1] as number;
          const t2 = t[k + 2] as number;
          const t3 = t[k + 3] as number;
          const t4 = t[k + 4] as number;
          if (t0 >= 0 && r0 > t0) fired = 0;
          else if (t1 >= 0 && r1 > t1) fired = 1;
          else if (t2 >= 0 && lg > t2) fired = 2;
          else if (t3 >= 0 && cubic > t3) fired = 3;
          else if (t4 >= 0 && overGrid(w, wx, t4)) fired = 4;
          if (fired >= 0) {
            applied |= 1 << i;
            trigger[i] = fired;
            amounts[i] = this.ruleAmount[i] as number;
          }
          break;
        }
      }
    }
    if (applied !== 0) {
      let superseded = 0;
      for (let i = 0; i < this.ruleCount; i++) if ((applied & (1 << i)) !== 0) superseded |= this.ruleSupersedes[i] as number;
      applied &= ~superseded;
      for (let i = 0; i < this.ruleCount; i++) {
        const min = this.ruleMinBillableLb[i] as number;
        if (min > 0 && (applied & (1 << i)) !== 0 && (billableLb < 0 || billableLb < min)) {
          billableLb = min;
          billableMilliOz = -1;
          basis = BASIS_MINIMUM;
        }
      }
    }
    out.applied = applied;
    out.billableLb = billableLb;
    out.billableMilliOz = billableMilliOz;
    out.basis = basis;

    // Base rate.
    const column = this.zoneColumn[zone] as number;
    if (column < 0) return finish(out, FAST_STATUS.zoneNotServed);
    let base: number;
    if (billableMilliOz >= 0) {
      const tiers = this.ozTierMilliOz;
      let t = 0;
      while (t < tiers.length && (tiers[t] as number) < billableMilliOz) t++;
      if (t === tiers.length) return finish(out, FAST_STATUS.weightOverTable);
      base = this.ozPrices[t * this.columns + column] as number;
    } else {
      if (billableLb >= this.lbRowOf.length) return finish(out, FAST_STATUS.weightOverTable);
      base = this.lbPrices[(this.lbRowOf[billableLb] as number) * this.columns + column] as number;
    }

    let total = base;
    let fuelable = base;
    for (let i = 0; i < this.ruleCount; i++) {
      if ((applied & (1 << i)) !== 0) {
        total += amounts[i] as number;
        if ((this.fuelMask & (1 << i)) !== 0) fuelable += amounts[i] as number;
      }
    }
    let fuelCents = 0;
    if (this.fuelBp >= 0) {
      // fuelable × bp / 10,000, half up (amounts are never negative).
      fuelCents = floorDiv(fuelable * this.fuelBp + 5000, 10_000);
      total += fuelCents;
    }
    out.baseCents = base;
    out.fuelableCents = fuelable;
    out.fuelCents = fuelCents;
    out.totalCents = total;
    out.transitDays = this.transit[zone] as number;
    return finish(out, FAST_STATUS.ok);
  }

  /**
   * The breakdown (or failure) of the rating held in `out`, in the reference path's shape.
   * Allocates; call it for the results you show, not inside a hot loop.
   *
   * @example
   * compiled.explain(out, 10001, true, { originZip: '91761', destZip: '10001' }); // { ok: true, breakdown: {…} }
   */
  explain(out: FastRating, dest5: number, residential: boolean, zips: { originZip: string; destZip: string }): RatingOutcome {
    const fail = (failure: RateFailure): RatingOutcome => ({ ok: false, failure });
    const service = this.service;
    switch (out.status) {
      case FAST_STATUS.ok:
        break;
      case FAST_STATUS.doesNotFit: {
        const problems: FitProblem[] = [];
        const { limits } = service;
        if ((out.fit & FIT_WEIGHT) !== 0)
          problems.push({ reason: 'over_max_weight', limit: limits.maxWeightLb, value: out.actualMilliLb / 1000 });
        if ((out.fit & FIT_LENGTH) !== 0) problems.push({ reason: 'over_max_length', limit: limits.maxLengthIn as number, value: out.r0 });
        if ((out.fit & FIT_GIRTH) !== 0)
          problems.push({ reason: 'over_length_plus_girth', limit: limits.maxLengthPlusGirthIn as number, value: out.lg });
        return fail({ kind: 'does_not_fit', problems });
      }
      case FAST_STATUS.unknownOrigin:
        return fail({ kind: 'unknown_zip', zip: zips.originZip });
      case FAST_STATUS.unknownDest:
        return fail({ kind: 'unknown_zip', zip: zips.destZip });
      case FAST_STATUS.noDimRule:
        return fail({ kind: 'unavailable', reason: 'no_dim_rule_for_date' });
      case FAST_STATUS.noFuelRate:
        return fail({ kind: 'unavailable', reason: 'no_fuel_rate_for_date' });
      case FAST_STATUS.signatureNotOffered:
        return fail({ kind: 'unavailable', reason: 'signature_not_offered' });
      case FAST_STATUS.addressTypeNotServed:
        return fail({ kind: 'unavailable', reason: 'address_type_not_served' });
      case FAST_STATUS.zoneNotServed:
        return fail({ kind: 'unavailable', reason: 'zone_not_served' });
      case FAST_STATUS.weightOverTable:
        return fail({ kind: 'unavailable', reason: 'weight_over_table' });
      default:
        throw new Error(`no rating held (status ${out.status})`);
    }

    const actualLb = out.actualMilliLb / 1000;
    const surcharges: AppliedSurcharge[] = [];
    const includes: SurchargeCode[] = [];
    service.surcharges.forEach((r, i) => {
      if ((out.applied & (1 << i)) === 0) return;
      let trigger: SurchargeTrigger;
      switch (r.kind) {
        case 'residential':
          trigger = { kind: 'residential' };
          break;
        case 'option':
          trigger = { kind: 'option' };
          break;
        case 'destination_zip': {
          const zip5 = String(dest5).padStart(5, '0');
          trigger = { kind: 'zip', matched: out.ruleTrigger[i] === 3 ? zip5.slice(0, 3) : zip5, residential };
          break;
        }
        case 'package_threshold': {
          const t = out.ruleTrigger[i] as number;
          const test = THRESHOLD_TESTS[t] as (typeof THRESHOLD_TESTS)[number];
          const value = [out.r0, out.r1, out.lg, out.cubic, actualLb][t] as number;
          trigger = { kind: 'threshold', test, limit: r.when[test] as number, value };
          break;
        }
      }
      surcharges.push({ code: r.code, cents: out.ruleCents[i] as number, trigger });
      if ((this.fuelMask & (1 << i)) !== 0) includes.push(r.code);
    });
    const fuel: FuelCharge | null = this.fuelRate
      ? {
          percent: this.fuelRate.percent,
          effectiveFrom: this.fuelRate.effectiveFrom,
          fuelableCents: out.fuelableCents,
          includes,
          cents: out.fuelCents,
        }
      : null;
    const zone = (out.zoneCell & 15) as Zone;
    const breakdown: RatingBreakdown = {
      zone,
      zoneBasis: zoneCellBasis(out.zoneCell),
      transitDays: out.transitDays,
      dimRule: this.dimRule as DimRule,
      roundedDimensionsIn: [out.r0, out.r1, out.r2],
      cubicIn3: out.cubic,
      lengthPlusGirthIn: out.lg,
      actualLb,
      dimLb: out.dimLb < 0 ? null : out.dimLb,
      billableLb: out.billableLb < 0 ? null : out.billableLb,
      billableOz: out.billableMilliOz < 0 ? null : out.billableMilliOz / 1000,
      billableBasis: BASES[out.basis] as RatingBreakdown['billableBasis'],
      baseCents: out.baseCents,
      surcharges,
      fuel,
      totalCents: out.totalCents,
    };
    return { ok: true, breakdown };
  }
}

/**
 * Compile a service for a ship date: picks the DIM rule and fuel rate in force, turns prices into
 * cents and limits into grid integers, and attaches the zone index for the carrier's chart. A
 * service with no DIM rule or fuel rate for the date compiles to one that reports it.
 * Throws RangeError on an invalid definition (validate imports with `validateService`).
 *
 * @example
 * const ups = compileService(UPS_GROUND_SAMPLE, '2026-03-02');
 * const out = new FastRating();
 * ups.rate(fastParcel(parcel), parseZip5('91761'), parseZip5('10001'), true, false, out); // FAST_STATUS.ok
 * out.totalCents; // e.g. 2874
 */
export function compileService(
  service: CarrierService,
  shipDate: IsoDate,
  options: { fuel?: FuelTable; zoneCharts?: ZoneCharts } = {},
): CompiledService {
  return new CompiledService(service, shipDate, options.fuel, zoneIndexFor(options.zoneCharts?.[service.carrier]));
}

/** Shipment facts the compiled path needs at rating time (the date, fuel and charts are compiled in). */
export interface CompiledRateRequest {
  readonly originZip: string;
  readonly destZip: string;
  readonly residential: boolean;
  readonly signature: boolean;
}

/**
 * Rate through the compiled path and return the reference path's outcome shape (breakdown).
 *
 * @example
 * rateCompiled(compileService(UPS_GROUND_SAMPLE, '2026-03-02'), parcel, { originZip: '91761', destZip: '10001', residential: true, signature: false });
 */
export function rateCompiled(
  compiled: CompiledService,
  parcel: Parcel | FastParcel,
  request: CompiledRateRequest,
  scratch = new FastRating(),
): RatingOutcome {
  const p = 's0' in parcel ? parcel : fastParcel(parcel);
  const dest5 = parseZip5(request.destZip);
  compiled.rate(p, parseZip5(request.originZip), dest5, request.residential, request.signature, scratch);
  return compiled.explain(scratch, dest5, request.residential, request);
}

/**
 * The rate options a compiled quote reports (its date comes from the compilation).
 *
 * @example
 * compiledRateOptions(compileService(UPS_GROUND_SAMPLE, '2026-03-02'), request).shipDate; // '2026-03-02'
 */
export function compiledRateOptions(compiled: CompiledService, request: CompiledRateRequest): RateOptions {
  return { ...request, shipDate: compiled.shipDate };
}

/**
 * Rate through the compiled path and dress the result as a quote, like `rateParcel`.
 *
 * @example
 * rateParcelCompiled(compileService(UPS_GROUND_SAMPLE, '2026-03-02'), parcel, request).ok;
 */
export function rateParcelCompiled(compiled: CompiledService, parcel: Parcel | FastParcel, request: CompiledRateRequest): RateOutcome {
  const r = rateCompiled(compiled, parcel, request);
  if (!r.ok) return { ok: false, service: serviceRef(compiled.service), failure: r.failure };
  return { ok: true, quote: buildRateQuote(compiled.service, r.breakdown, compiledRateOptions(compiled, request)) };
}
