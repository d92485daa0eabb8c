/**
 * Carrier service definitions as plain data: one priced service (USPS Ground Advantage, UPS
 * Ground…) with its dated dimensional-weight rules, size and weight limits, rate table, transit
 * days and surcharges. Imports produce these; the rating functions only read them. Nothing about
 * a carrier is hard-coded in the rating code.
 */
import { Decimal } from 'decimal.js';
import { err, ok, type Result } from '../shared/result.js';
import { type Dated, datedProblems } from './dated.js';
import { isOunces, isPrice, type RateTable, validateRateTable } from './rate-table.js';
import { isZone, type Zone } from './zones.js';

export const CARRIERS = ['usps', 'ups', 'fedex'] as const;
export type Carrier = (typeof CARRIERS)[number];

/**
 * Surcharge codes, a closed list so clients can switch on them. Add, never rename.
 * `fuel` is computed from the service's fuel schedule, the rest from its surcharge rules.
 */
export const SURCHARGE_CODES = [
  'fuel',
  'residential',
  'delivery_area',
  'delivery_area_extended',
  'remote_area',
  'additional_handling_dimensions',
  'additional_handling_weight',
  'oversize',
  'nonstandard_length',
  'nonstandard_length_long',
  'nonstandard_volume',
  'signature',
] as const;
export type SurchargeCode = (typeof SURCHARGE_CODES)[number];

/** @example isSurchargeCode('residential'); // true */
export function isSurchargeCode(s: unknown): s is SurchargeCode {
  return typeof s === 'string' && (SURCHARGE_CODES as readonly string[]).includes(s);
}

/**
 * How billable weight is found on a date: divisor, how each side is rounded before multiplying,
 * whether DIM weight applies always or only above a cube, and how weights are rounded.
 */
export interface DimRule extends Dated {
  /** Cubic inches per pound (139, 166). */
  readonly divisor: number;
  /** Each side rounded to the nearest inch (half up) or up to the next inch. */
  readonly dimensionRounding: 'nearest_inch' | 'up_inch';
  /** DIM weight applies to every parcel, or only when L×W×H (rounded sides) exceeds `cubicIn`. */
  readonly dimApplies: { readonly when: 'always' } | { readonly when: 'over_cubic_in'; readonly cubicIn: number };
  readonly billableRounding: BillableRounding;
  /** Where the rule comes from (tariff, Federal Register…). */
  readonly source: string;
}

/**
 * Actual and DIM weights round up to whole `lbStep` pounds. With `lightweight`, a parcel whose
 * DIM weight does not apply and whose actual weight is at most `maxOz` bills in ounces, rounded up
 * to `ozStep` and capped at `maxOz` (USPS: 1 oz steps, tiers "not over" 4, 8, 12, 15.99 oz).
 */
export interface BillableRounding {
  readonly lbStep: number;
  readonly lightweight?: { readonly maxOz: string; readonly ozStep: string };
}

/** Beyond these the carrier does not accept the parcel (a typed "does not fit", never a crash). */
export interface ServiceLimits {
  /** Actual weight (with packaging), whole pounds. */
  readonly maxWeightLb: number;
  /** Longest side after rounding, whole inches. */
  readonly maxLengthIn?: number;
  /** Longest side + 2 × (the other two), after rounding, whole inches. */
  readonly maxLengthPlusGirthIn?: number;
}

/** Package tests for handling and size surcharges: the rule applies when ANY given test is true. */
export interface ThresholdTests {
  readonly longestSideOverIn?: number;
  readonly secondSideOverIn?: number;
  readonly lengthPlusGirthOverIn?: number;
  readonly cubicOverIn3?: number;
  readonly actualWeightOverLb?: number;
}

export const THRESHOLD_TESTS = [
  'longestSideOverIn',
  'secondSideOverIn',
  'lengthPlusGirthOverIn',
  'cubicOverIn3',
  'actualWeightOverLb',
] as const;
export type ThresholdTest = (typeof THRESHOLD_TESTS)[number];

interface RuleCommon {
  /** Decimal string in the service currency, at most 2 decimals. */
  readonly amount: string;
  /** Codes this rule replaces when it applies (a large package is not also charged additional handling). */
  readonly supersedes?: readonly SurchargeCode[];
}

/** The closed set of surcharge rules; rating switches over `kind` exhaustively. */
export type SurchargeRule =
  | (RuleCommon & { readonly kind: 'residential'; readonly code: 'residential' })
  | (RuleCommon & { readonly kind: 'option'; readonly code: 'signature' })
  | (RuleCommon & {
      readonly kind: 'destination_zip';
      readonly code: 'delivery_area' | 'delivery_area_extended' | 'remote_area';
      /** ZIP5s ("99501") or ZIP3 prefixes ("995"). */
      readonly zips: readonly string[];
      /** Amount when delivering to a residence, if different. */
      readonly residentialAmount?: string;
    })
  | (RuleCommon & {
      readonly kind: 'package_threshold';
      readonly code:
        | 'additional_handling_dimensions'
        | 'additional_handling_weight'
        | 'oversize'
        | 'nonstandard_length'
        | 'nonstandard_length_long'
        | 'nonstandard_volume';
      readonly when: ThresholdTests;
      /** Minimum billable pounds when the rule applies (UPS/FedEx large package: 90 lb). */
      readonly minBillableLb?: number;
    });

/** One dated fuel percentage, e.g. { effectiveFrom: '2026-01-05', percent: '20.25' }. */
export interface FuelRate extends Dated {
  /** Percent with at most 2 decimals (whole basis points). */
  readonly percent: string;
  readonly source?: string;
}

/**
 * Fuel: a dated percentage of the base rate plus the listed surcharges, rounded half up to the
 * cent once. `schedule` names the table a `FuelTable` passed at rating time can override
 * (carriers publish fuel weekly); `rates` are the definition's own entries.
 */
export interface FuelSurcharge {
  readonly schedule: string;
  readonly appliesTo: readonly SurchargeCode[];
  readonly rates: readonly FuelRate[];
}

/** Fuel percentages by schedule name, e.g. { ups_ground: [...] }: overrides a service's own rates. */
export type FuelTable = Readonly<Record<string, readonly FuelRate[]>>;

export interface CarrierService {
  /** Stable code, e.g. "ups_ground". */
  readonly code: string;
  readonly carrier: Carrier;
  readonly name: string;
  readonly nameZh?: string;
  /** Card version, carried on every fee line. */
  readonly version: number;
  readonly currency: 'USD';
  /** Sample data, not the carrier's published rates. */
  readonly sample?: boolean;
  readonly note?: string;
  /** Address types delivered to; both when absent (FedEx Home Delivery: residential only). */
  readonly serves?: { readonly residential: boolean; readonly commercial: boolean };
  readonly dimRules: readonly DimRule[];
  readonly limits: ServiceLimits;
  readonly rateTable: RateTable;
  /** Business days in transit by zone; every zone of the rate table needs one. */
  readonly transitDays: Readonly<Partial<Record<Zone, number>>>;
  readonly surcharges: readonly SurchargeRule[];
  /** Null when the carrier charges no fuel surcharge (USPS). */
  readonly fuel: FuelSurcharge | null;
}

/** One problem in a service definition, with its path (e.g. ['surcharges', 2, 'zips', 5]); `message` is English. */
export interface ServiceIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
  readonly messages: { readonly en: string; readonly zh: string };
}

const CODE = /^[a-z][a-z0-9_]{1,63}$/;
const ZIP_ENTRY = /^\d{3}(?:\d{2})?$/;
const PERCENT = /^\d{1,3}(?:\.\d{1,2})?$/;
const MAX_SURCHARGE_RULES = 24;

/** Which codes each rule kind may carry (the types say the same; imports are checked at run time). */
const CODES_BY_KIND: Readonly<Record<SurchargeRule['kind'], readonly SurchargeCode[]>> = {
  residential: ['residential'],
  option: ['signature'],
  destination_zip: ['delivery_area', 'delivery_area_extended', 'remote_area'],
  package_threshold: [
    'additional_handling_dimensions',
    'additional_handling_weight',
    'oversize',
    'nonstandard_length',
    'nonstandard_length_long',
    'nonstandard_volume',
  ],
};

const wholeAtLeast = (n: unknown, min: number): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= min;

// Validated definitions are remembered so rating can check cheaply on every call.
const validated = new WeakSet<CarrierService>();

/**
 * Check a service definition in full. Returns every problem with its path; rating and
 * compiling refuse definitions that fail here.
 *
 * @example
 * validateService(UPS_GROUND_SAMPLE).ok; // true
 */
export function validateService(service: CarrierService): Result<CarrierService, ServiceIssue[]> {
  if (validated.has(service)) return ok(service);
  const issues: ServiceIssue[] = [];
  const add = (path: (string | number)[], code: string, en: string, zh: string) =>
    issues.push({ path, code, message: en, messages: { en, zh } });

  if (!CODE.test(service.code)) {
    const shown = JSON.stringify(service.code);
    add(['code'], 'invalid_code', `code ${shown} must be lower_snake_case`, `code ${shown} 须为小写字母加下划线（lower_snake_case）`);
  }
  if (!(CARRIERS as readonly string[]).includes(service.carrier))
    add(
      ['carrier'],
      'invalid_carrier',
      `unknown carrier ${JSON.stringify(service.carrier)}`,
      `未知的承运商 ${JSON.stringify(service.carrier)}`,
    );
  if (service.currency !== 'USD') add(['currency'], 'invalid_currency', 'only USD services are supported', '承运服务只支持美元（USD）');
  if (!wholeAtLeast(service.version, 1))
    add(['version'], 'invalid_version', 'version must be a whole number ≥ 1', 'version 须为 ≥ 1 的整数');
  if (service.serves && !service.serves.residential && !service.serves.commercial)
    add(['serves'], 'serves_nothing', 'serves neither residential nor commercial', '既不派送住宅地址也不派送商业地址');

  if (service.dimRules.length === 0)
    add(['dimRules'], 'no_dim_rules', 'at least one dated DIM rule is required', '至少需要一条带日期的体积重规则');
  for (const p of datedProblems(service.dimRules)) add(['dimRules', p.index], 'invalid_dates', p.messages.en, p.messages.zh);
  service.dimRules.forEach((rule, i) => {
    if (!wholeAtLeast(rule.divisor, 1))
      add(
        ['dimRules', i, 'divisor'],
        'invalid_divisor',
        'divisor must be a whole number of in³ per lb',
        'divisor 须为整数（每磅立方英寸数）',
      );
    if (rule.dimensionRounding !== 'nearest_inch' && rule.dimensionRounding !== 'up_inch') {
      add(
        ['dimRules', i, 'dimensionRounding'],
        'invalid_rounding',
        'dimensionRounding must be nearest_inch or up_inch',
        'dimensionRounding 须为 nearest_inch 或 up_inch',
      );
    }
    if (rule.dimApplies.when === 'over_cubic_in' && !wholeAtLeast(rule.dimApplies.cubicIn, 0)) {
      add(
        ['dimRules', i, 'dimApplies', 'cubicIn'],
        'invalid_threshold',
        'cubicIn must be a whole number of cubic inches',
        'cubicIn 须为整数立方英寸',
      );
    }
    if (!wholeAtLeast(rule.billableRounding.lbStep, 1))
      add(['dimRules', i, 'billableRounding', 'lbStep'], 'invalid_step', 'lbStep must be whole pounds ≥ 1', 'lbStep 须为 ≥ 1 的整磅数');
    const light = rule.billableRounding.lightweight;
    if (light) {
      const okOz =
        isOunces(light.maxOz) && isOunces(light.ozStep) && new Decimal(light.ozStep).gt(0) && new Decimal(light.maxOz).gte(light.ozStep);
      if (!okOz || new Decimal(light.maxOz).gte(16)) {
        add(
          ['dimRules', i, 'billableRounding', 'lightweight'],
          'invalid_lightweight',
          'lightweight needs 0 < ozStep ≤ maxOz < 16, at most 3 decimals',
          'lightweight 须满足 0 < ozStep ≤ maxOz < 16，最多 3 位小数',
        );
      } else {
        const tiers = service.rateTable.ozTiers ?? [];
        const last = tiers[tiers.length - 1];
        if (!last || !isOunces(last.maxOz) || new Decimal(last.maxOz).lt(light.maxOz)) {
          add(
            ['rateTable', 'ozTiers'],
            'missing_oz_tiers',
            `ounce tiers must reach ${light.maxOz} oz for lightweight billing`,
            `按盎司计费时，盎司档须覆盖到 ${light.maxOz} 盎司`,
          );
        }
      }
    }
  });

  const { limits } = service;
  if (!wholeAtLeast(limits.maxWeightLb, 1))
    add(['limits', 'maxWeightLb'], 'invalid_limit', 'maxWeightLb must be whole pounds', 'maxWeightLb 须为整磅数');
  if (limits.maxLengthIn !== undefined && !wholeAtLeast(limits.maxLengthIn, 1))
    add(['limits', 'maxLengthIn'], 'invalid_limit', 'maxLengthIn must be whole inches', 'maxLengthIn 须为整英寸');
  if (limits.maxLengthPlusGirthIn !== undefined && !wholeAtLeast(limits.maxLengthPlusGirthIn, 1)) {
    add(
      ['limits', 'maxLengthPlusGirthIn'],
      'invalid_limit',
      'maxLengthPlusGirthIn must be whole inches',
      'maxLengthPlusGirthIn 须为整英寸',
    );
  }

  const table = validateRateTable(service.rateTable);
  if (!table.ok) for (const issue of table.error) add(['rateTable', ...issue.path], issue.code, issue.messages.en, issue.messages.zh);
  for (const zone of service.rateTable.zones) {
    const days = isZone(zone) ? service.transitDays[zone] : undefined;
    if (!wholeAtLeast(days, 0))
      add(
        ['transitDays', String(zone)],
        'missing_transit_days',
        `no transit days for zone ${String(zone)}`,
        `${String(zone)} 区缺少运输天数`,
      );
  }

  if (service.surcharges.length > MAX_SURCHARGE_RULES)
    add(['surcharges'], 'too_many_rules', `at most ${MAX_SURCHARGE_RULES} surcharge rules`, `附加费规则最多 ${MAX_SURCHARGE_RULES} 条`);
  const seen = new Set<string>();
  service.surcharges.forEach((rule, i) => {
    const allowed = Object.hasOwn(CODES_BY_KIND, rule.kind) ? CODES_BY_KIND[rule.kind] : [];
    if (!(allowed as readonly string[]).includes(rule.code)) {
      add(
        ['surcharges', i, 'code'],
        'invalid_code',
        `surcharge code ${JSON.stringify(rule.code)} is not allowed for kind ${JSON.stringify(rule.kind)}`,
        `附加费代码 ${JSON.stringify(rule.code)} 不能用于 ${JSON.stringify(rule.kind)} 类规则`,
      );
    }
    if (seen.has(rule.code))
      add(['surcharges', i, 'code'], 'duplicate_code', `surcharge ${rule.code} appears twice`, `附加费 ${rule.code} 出现了两次`);
    seen.add(rule.code);
    if (!isPrice(rule.amount)) {
      const shown = JSON.stringify(rule.amount);
      add(['surcharges', i, 'amount'], 'invalid_price', `amount ${shown} is not a price`, `amount ${shown} 不是有效价格（最多 2 位小数）`);
    }
    for (const code of rule.supersedes ?? []) {
      if (!isSurchargeCode(code) || code === 'fuel' || code === rule.code)
        add(
          ['surcharges', i, 'supersedes'],
          'invalid_code',
          `cannot supersede ${JSON.stringify(code)}`,
          `不能替代 ${JSON.stringify(code)}`,
        );
    }
    switch (rule.kind) {
      case 'residential':
      case 'option':
        break;
      case 'destination_zip':
        if (rule.residentialAmount !== undefined && !isPrice(rule.residentialAmount))
          add(['surcharges', i, 'residentialAmount'], 'invalid_price', 'not a price', '不是有效价格（最多 2 位小数）');
        if (rule.zips.length === 0)
          add(['surcharges', i, 'zips'], 'no_zips', 'a destination rule needs ZIPs', '按目的地收费的规则需要邮编列表');
        rule.zips.forEach((z, j) => {
          if (!ZIP_ENTRY.test(z))
            add(
              ['surcharges', i, 'zips', j],
              'invalid_zip',
              `${JSON.stringify(z)} is neither a ZIP5 nor a ZIP3 prefix`,
              `${JSON.stringify(z)} 既不是 5 位邮编也不是 3 位邮编前缀`,
            );
        });
        break;
      case 'package_threshold': {
        const tests = THRESHOLD_TESTS.filter((t) => rule.when[t] !== undefined);
        if (tests.length === 0)
          add(['surcharges', i, 'when'], 'no_tests', 'a package rule needs at least one test', '按包裹尺寸重量收费的规则至少需要一个条件');
        for (const t of tests)
          if (!wholeAtLeast(rule.when[t], 0))
            add(['surcharges', i, 'when', t], 'invalid_threshold', `${t} must be a whole number`, `${t} 须为整数`);
        if (rule.minBillableLb !== undefined && !wholeAtLeast(rule.minBillableLb, 1))
          add(['surcharges', i, 'minBillableLb'], 'invalid_threshold', 'minBillableLb must be whole pounds', 'minBillableLb 须为整磅数');
        break;
      }
      default: {
        const shown = JSON.stringify((rule as { kind: unknown }).kind);
        add(['surcharges', i, 'kind'], 'invalid_kind', `unknown surcharge kind ${shown}`, `未知的附加费规则类型 ${shown}`);
      }
    }
  });

  if (service.fuel) {
    const fuel = service.fuel;
    if (!CODE.test(fuel.schedule))
      add(['fuel', 'schedule'], 'invalid_code', 'schedule must be lower_snake_case', 'schedule 须为小写字母加下划线（lower_snake_case）');
    for (const code of fuel.appliesTo)
      if (!isSurchargeCode(code) || code === 'fuel')
        add(
          ['fuel', 'appliesTo'],
          'invalid_code',
          `fuel cannot apply to ${JSON.stringify(code)}`,
          `燃油附加费不能作用于 ${JSON.stringify(code)}`,
        );
    issues.push(...fuelRateProblems(fuel.rates).map((p) => ({ ...p, path: ['fuel', 'rates', ...p.path] })));
  }

  if (issues.length) return err(issues);
  validated.add(service);
  return ok(service);
}

/**
 * Problems in a list of fuel rates (dates, overlaps, percent with at most 2 decimals).
 *
 * @example
 * fuelRateProblems([{ effectiveFrom: '2026-01-05', percent: '20.125' }]); // one problem: not whole basis points
 */
export function fuelRateProblems(rates: readonly FuelRate[]): ServiceIssue[] {
  const issues: ServiceIssue[] = datedProblems(rates).map((p) => ({
    path: [p.index],
    code: 'invalid_dates',
    message: p.message,
    messages: p.messages,
  }));
  rates.forEach((r, i) => {
    if (typeof r.percent !== 'string' || !PERCENT.test(r.percent)) {
      const en = `percent ${JSON.stringify(r.percent)} must have at most 2 decimals (whole basis points)`;
      const zh = `percent ${JSON.stringify(r.percent)} 最多 2 位小数（整基点）`;
      issues.push({ path: [i, 'percent'], code: 'invalid_percent', message: en, messages: { en, zh } });
    }
  });
  return issues;
}

/**
 * Throw when a definition is invalid: for callers that must have validated it already
 * (rating, compiling). Imports should call `validateService` and report the issues instead.
 *
 * @example
 * assertValidService(UPS_GROUND_SAMPLE); // returns; a broken definition throws RangeError
 */
export function assertValidService(service: CarrierService): void {
  const r = validateService(service);
  if (!r.ok) {
    const first = r.error.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RangeError(`invalid carrier service ${JSON.stringify(service.code)}: ${first.join('; ')}`);
  }
}
