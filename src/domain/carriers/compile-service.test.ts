/**
 * The compiled (integer) path must give exactly the reference (decimal) path's result — the
 * same cents, zone, billable weight, surcharges and failures — for any parcel, ZIPs, date and
 * options. Checked on boundary cases and by a property over random inputs, including measures
 * in cm/mm/g/kg that never land on the compiled path's 1/1000 grid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { length, weight } from '../units/index.js';
import {
  compileService,
  FAST_STATUS,
  FastRating,
  fastParcel,
  fastParcelFromThousandths,
  rateCompiled,
  rateParcelCompiled,
} from './compile-service.js';
import { makeParcel, type Parcel } from './parcel.js';
import { rateBreakdown, rateParcel } from './rate-parcel.js';
import type { RateOptions, ZoneCharts } from './rating.js';
import {
  SAMPLE_DELIVERY_AREA_ZIPS,
  SAMPLE_EXTENDED_AREA_ZIPS,
  SAMPLE_SERVICES,
  UPS_GROUND_SAMPLE,
  USPS_GROUND_ADVANTAGE_SAMPLE,
} from './samples/index.js';
import type { CarrierService, FuelTable } from './service.js';
import { knownZip3s } from './zip3-centroids.js';
import { parseZip5, type Zone, type ZoneChart } from './zones.js';

/** A made-up service exercising what the sample cards do not: 2 lb steps, ¼ oz steps, cube and weight thresholds, a minimum billable weight, zone gaps. */
const prices = (rows: number, cols: number, start: number) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (start + r * 1.37 + c * 0.91).toFixed(2)));
const oz = prices(2, 5, 2);
const lb = prices(4, 5, 6);
const SYNTHETIC: CarrierService = {
  code: 'synthetic_test',
  carrier: 'usps',
  name: 'Synthetic test service',
  version: 3,
  currency: 'USD',
  dimRules: [
    {
      effectiveFrom: '2020-01-01',
      effectiveTo: '2026-01-01',
      divisor: 250,
      dimensionRounding: 'up_inch',
      dimApplies: { when: 'over_cubic_in', cubicIn: 1000 },
      billableRounding: { lbStep: 2, lightweight: { maxOz: '12.5', ozStep: '0.25' } },
      source: 'test',
    },
    {
      effectiveFrom: '2026-01-01',
      divisor: 100,
      dimensionRounding: 'nearest_inch',
      dimApplies: { when: 'always' },
      billableRounding: { lbStep: 1 },
      source: 'test',
    },
  ],
  limits: { maxWeightLb: 90, maxLengthIn: 80 },
  rateTable: {
    zones: [2, 4, 6, 8, 9],
    ozTiers: [
      { maxOz: '3.5', prices: oz[0]! },
      { maxOz: '12.5', prices: oz[1]! },
    ],
    lbRows: [
      { maxLb: 2, prices: lb[0]! },
      { maxLb: 6, prices: lb[1]! },
      { maxLb: 20, prices: lb[2]! },
      { maxLb: 60, prices: lb[3]! },
    ],
  },
  transitDays: { 2: 1, 4: 2, 6: 3, 8: 4, 9: 6 },
  surcharges: [
    {
      kind: 'package_threshold',
      code: 'oversize',
      when: { cubicOverIn3: 5000, actualWeightOverLb: 40 },
      amount: '19.99',
      minBillableLb: 30,
    },
    {
      kind: 'package_threshold',
      code: 'additional_handling_dimensions',
      when: { secondSideOverIn: 20, lengthPlusGirthOverIn: 100 },
      amount: '7.77',
    },
    { kind: 'destination_zip', code: 'delivery_area', zips: ['100', '90210', '59001'], amount: '1.11' },
    { kind: 'residential', code: 'residential', amount: '0.99' },
    { kind: 'option', code: 'signature', amount: '2.22' },
  ],
  fuel: { schedule: 'synthetic', appliesTo: ['oversize', 'signature'], rates: [{ effectiveFrom: '2020-01-01', percent: '7.33' }] },
};
const SERVICES = [...SAMPLE_SERVICES, SYNTHETIC];

const request = (o: Partial<RateOptions> = {}): RateOptions => ({
  originZip: '91761',
  destZip: '10001',
  shipDate: '2026-08-03',
  residential: true,
  signature: false,
  ...o,
});

function expectSame(parcel: Parcel, service: CarrierService, o: RateOptions) {
  const compiled = compileService(service, o.shipDate, { fuel: o.fuel, zoneCharts: o.zoneCharts });
  expect(rateCompiled(compiled, parcel, o)).toEqual(rateBreakdown(parcel, service, o));
}

describe('fastParcel', () => {
  it('keeps the floor on the 1/1000 grid and whether there was more', () => {
    expect(fastParcel(makeParcel({ dims: ['12.2', '10.1', '8.5'], dimUnit: 'in', weight: '5.2', weightUnit: 'lb' }))).toEqual({
      s0: 12200,
      s0x: 0,
      s1: 10100,
      s1x: 0,
      s2: 8500,
      s2x: 0,
      w: 83200, // 5.2 lb = 83.2 oz
      wx: 0,
    });
    // 1 cm = 0.393700787… in; 100 g = 3.527396195… oz
    expect(fastParcel(makeParcel({ dims: ['1', '1', '1'], dimUnit: 'cm', weight: '100', weightUnit: 'g' }))).toMatchObject({
      s0: 393,
      s0x: 1,
      w: 3527,
      wx: 1,
    });
    expect(fastParcelFromThousandths([1000, 3000, 2000], 16_000)).toEqual({
      s0: 3000,
      s0x: 0,
      s1: 2000,
      s1x: 0,
      s2: 1000,
      s2x: 0,
      w: 16_000,
      wx: 0,
    });
    expect(() => fastParcelFromThousandths([1.5, 1, 1], 1)).toThrow(RangeError);
  });
});

describe('compiled == reference on the boundaries', () => {
  const cases: [string, Parcel][] = [
    [
      'a hair over a whole inch (up-inch rounds it up)',
      makeParcel({ dims: ['12.0001', '10', '8'], dimUnit: 'in', weight: '5', weightUnit: 'lb' }),
    ],
    [
      'exactly half an inch (nearest rounds up)',
      makeParcel({ dims: ['12.5', '10.5', '8.5'], dimUnit: 'in', weight: '5', weightUnit: 'lb' }),
    ],
    ['just under half an inch', makeParcel({ dims: ['12.4999', '10.4999', '8.4999'], dimUnit: 'in', weight: '5', weightUnit: 'lb' })],
    ['exactly the USPS cube', makeParcel({ dims: ['12', '12', '12'], dimUnit: 'in', weight: '3', weightUnit: 'lb' })],
    ['exactly 15.99 oz', makeParcel({ dims: ['9', '6', '2'], dimUnit: 'in', weight: '15.99', weightUnit: 'oz' })],
    ['a hair over 15.99 oz, in grams', makeParcel({ dims: ['9', '6', '2'], dimUnit: 'in', weight: '453.31', weightUnit: 'g' })],
    ['exactly 50 lb (no handling)', makeParcel({ dims: ['20', '16', '12'], dimUnit: 'in', weight: '50', weightUnit: 'lb' })],
    ['50 lb and a milligram', makeParcel({ dims: ['20', '16', '12'], dimUnit: 'in', weight: '22679.6195', weightUnit: 'g' })],
    [
      'exactly 70 lb, with packaging',
      makeParcel({ dims: ['20', '16', '12'], dimUnit: 'in', weight: '69', weightUnit: 'lb', packagingWeight: '1' }),
    ],
    ['metric sides', makeParcel({ dims: ['30.48', '25.4', '21.59'], dimUnit: 'cm', weight: '2.2', weightUnit: 'kg' })],
    ['zero weight', makeParcel({ dims: ['1', '1', '1'], dimUnit: 'in', weight: '0', weightUnit: 'lb' })],
  ];
  for (const [name, parcel] of cases) {
    it(name, () => {
      for (const service of SERVICES) {
        for (const shipDate of ['2025-08-17', '2025-08-18', '2026-07-11', '2026-07-12']) {
          expectSame(parcel, service, request({ shipDate, residential: service.code === 'fedex_home_delivery' || shipDate < '2026' }));
        }
      }
    });
  }

  it('full quotes are identical too (fee lines and formulas)', () => {
    const parcel = makeParcel({ dims: ['34', '21', '9'], dimUnit: 'in', weight: '51', weightUnit: 'lb' });
    for (const service of SERVICES) {
      const o = request({ destZip: '59001', signature: true });
      expect(rateParcelCompiled(compileService(service, o.shipDate), parcel, o)).toEqual(rateParcel(parcel, service, o));
    }
  });

  it('reports statuses without allocating a breakdown', () => {
    const ups = compileService(UPS_GROUND_SAMPLE, '2026-08-03');
    const out = new FastRating();
    const p = fastParcel(makeParcel({ dims: ['10', '8', '6'], dimUnit: 'in', weight: '2', weightUnit: 'lb' }));
    expect(ups.rate(p, parseZip5('91761'), parseZip5('10001'), true, false, out)).toBe(FAST_STATUS.ok);
    expect(out.totalCents).toBeGreaterThan(0);
    expect(ups.rate(p, parseZip5('91761'), parseZip5('96910'), true, false, out)).toBe(FAST_STATUS.zoneNotServed);
    expect(ups.rate(p, parseZip5('91761'), -1, true, false, out)).toBe(FAST_STATUS.unknownDest);
    expect(compileService(UPS_GROUND_SAMPLE, '2016-01-01').rate(p, 91761, 10001, true, false, out)).toBe(FAST_STATUS.noDimRule);
    expect(compileService(USPS_GROUND_ADVANTAGE_SAMPLE, '2026-08-03').rate(p, 91761, 10001, true, true, out)).toBe(FAST_STATUS.ok);
    expect(() => compileService(UPS_GROUND_SAMPLE, '2026-8-3')).toThrow(RangeError);
    expect(() =>
      rateBreakdown(
        makeParcel({ dims: [1, 1, 1], dimUnit: 'in', weight: 1, weightUnit: 'lb' }),
        UPS_GROUND_SAMPLE,
        request({ shipDate: '2026-8-3' }),
      ),
    ).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Random inputs.

const fixed = (scale: number, digits: number) => (n: number) => (n / scale).toFixed(digits);
const arbSide = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30_000 }).map((n) => length(fixed(1000, 3)(n), 'in')) },
  fc.integer({ min: 0, max: 140_000 }).map((n) => length(fixed(1000, 3)(n), 'in')),
  fc.integer({ min: 0, max: 280 }).map((n) => length(String(n / 2), 'in')),
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 8_000 }).map((n) => length(fixed(100, 2)(n), 'cm')) },
  fc.integer({ min: 0, max: 36_000 }).map((n) => length(fixed(100, 2)(n), 'cm')),
  fc.integer({ min: 0, max: 3_600 }).map((n) => length(String(n), 'mm')),
);
const arbWeight = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 30_000 }).map((n) => weight(fixed(1000, 3)(n), 'lb')) },
  fc.integer({ min: 0, max: 175_000 }).map((n) => weight(fixed(1000, 3)(n), 'lb')),
  fc.integer({ min: 0, max: 2_000 }).map((n) => weight(fixed(100, 2)(n), 'oz')),
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((n) => weight(fixed(1000, 3)(n), 'kg')) },
  fc.integer({ min: 0, max: 800_000 }).map((n) => weight(fixed(10, 1)(n), 'g')),
  fc.constantFrom('15.99', '16', '15.991', '4', '8', '12', '12.5', '3.5').map((v) => weight(v, 'oz')),
  fc.constantFrom('40', '50', '60', '70', '90', '150', '50.0000001').map((v) => weight(v, 'lb')),
);
const arbParcel: fc.Arbitrary<Parcel> = fc
  .record({
    length: arbSide,
    width: arbSide,
    height: arbSide,
    weight: arbWeight,
    packaging: fc.option(
      fc.integer({ min: 0, max: 2_000 }).map((g) => weight(String(g), 'g')),
      { nil: undefined },
    ),
  })
  .map(({ packaging, ...p }) => (packaging === undefined ? p : { ...p, packagingWeight: packaging }));

const zip3s = knownZip3s();
const arbZip = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom(...zip3s), fc.integer({ min: 0, max: 99 })).map(([z, n]) => `${z}${String(n).padStart(2, '0')}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ...SAMPLE_DELIVERY_AREA_ZIPS,
      ...SAMPLE_EXTENDED_AREA_ZIPS.filter((z) => z.length === 5),
      '69301',
      '90210',
      '10001',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '99501',
      '96799',
      '96910',
      '96701',
      '96898',
      '09001',
      '34001',
      '96201',
      '00601',
      '00000',
      '99999',
      '1234',
      '12345-6789',
      '10001-0001',
    ),
  },
);
const arbOrigin = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('91761', '08837', '60601', '96701') }, { weight: 1, arbitrary: arbZip });

const day = (n: number) => new Date(Date.UTC(2016, 11, 1) + n * 86_400_000).toISOString().slice(0, 10);
const arbDate = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 2_950, max: 3_900 }).map(day) },
  fc.constantFrom(
    '2016-12-31',
    '2023-07-08',
    '2024-12-31',
    '2025-01-06',
    '2025-08-17',
    '2025-08-18',
    '2026-01-01',
    '2026-07-11',
    '2026-07-12',
  ),
  fc.integer({ min: 0, max: 4_000 }).map(day),
);

const arbPercent = fc.integer({ min: 0, max: 4_000 }).map((bp) => (bp / 100).toFixed(2));
const arbFuelRates = fc.oneof(
  arbPercent.map((percent) => [{ effectiveFrom: '2016-01-01', percent }]),
  fc.tuple(arbPercent, arbPercent).map(([a, b]) => [
    { effectiveFrom: '2025-06-01', effectiveTo: '2026-02-01', percent: a },
    { effectiveFrom: '2026-02-01', percent: b },
  ]),
);
const arbFuel: fc.Arbitrary<FuelTable | undefined> = fc.option(
  fc.record({ ups_ground: arbFuelRates, fedex_ground: arbFuelRates, synthetic: arbFuelRates }, { requiredKeys: [] }),
  { nil: undefined },
);

const arbChart: fc.Arbitrary<ZoneChart> = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 1, max: 998 }), { maxLength: 6 }),
    fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 7, maxLength: 7 }),
  )
  .map(([cuts, zones]) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), 999];
    const pad = (n: number) => String(n).padStart(3, '0');
    const ranges = edges
      .slice(0, -1)
      .map((from, i) => ({ from: pad(i === 0 ? from : from + 1), to: pad(edges[i + 1] as number), zone: zones[i] as Zone }));
    return { source: 'random chart', origins: { '917': ranges.filter((r) => r.from <= r.to && r.zone !== 5), '088': ranges } };
  });
const arbCharts: fc.Arbitrary<ZoneCharts | undefined> = fc.option(
  fc.record({ usps: arbChart, ups: arbChart, fedex: arbChart }, { requiredKeys: [] }),
  { nil: undefined },
);

const arbOptions: fc.Arbitrary<RateOptions> = fc.record({
  originZip: arbOrigin,
  destZip: arbZip,
  shipDate: arbDate,
  residential: fc.boolean(),
  signature: fc.boolean(),
  fuel: arbFuel,
  zoneCharts: arbCharts,
});

describe('compiled == reference (property)', () => {
  it('same outcome for random parcels, ZIPs, dates, fuel tables, zone charts and options', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(arbParcel, arbOptions, (parcel, o) => {
        for (const service of SERVICES) {
          const compiled = compileService(service, o.shipDate, { fuel: o.fuel, zoneCharts: o.zoneCharts });
          const reference = rateBreakdown(parcel, service, o);
          expect(rateCompiled(compiled, parcel, o)).toEqual(reference);
          const keys = reference.ok
            ? [
                'priced',
                `basis:${reference.breakdown.billableBasis}`,
                `zone:${reference.breakdown.zoneBasis}`,
                ...reference.breakdown.surcharges.map((x) => x.code),
                ...(reference.breakdown.fuel ? ['fuel'] : []),
              ]
            : [reference.failure.kind === 'unavailable' ? reference.failure.reason : reference.failure.kind];
          for (const key of keys) outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
      }),
      { numRuns: 1_500 },
    );
    // Every branch was exercised: failures, billable bases, zone bases and every surcharge.
    const expected = [
      ...[
        'does_not_fit',
        'unknown_zip',
        'no_dim_rule_for_date',
        'no_fuel_rate_for_date',
        'address_type_not_served',
        'zone_not_served',
        'weight_over_table',
      ],
      ...['basis:actual', 'basis:dim', 'basis:lightweight', 'basis:minimum', 'zone:distance', 'zone:territory', 'zone:chart', 'fuel'],
      ...[
        'residential',
        'delivery_area',
        'delivery_area_extended',
        'remote_area',
        'signature',
        'oversize',
        'additional_handling_dimensions',
      ],
      ...['additional_handling_weight', 'nonstandard_length', 'nonstandard_length_long', 'nonstandard_volume'],
    ];
    for (const key of expected) expect(outcomes.get(key) ?? 0, key).toBeGreaterThan(0);
    expect(outcomes.get('priced') ?? 0).toBeGreaterThan(2_000);
  });

  it('same full quotes (fee lines, formulas) for random priced inputs', () => {
    fc.assert(
      fc.property(arbParcel, arbOptions, fc.constantFrom(...SERVICES), (parcel, o, service) => {
        const compiled = compileService(service, o.shipDate, { fuel: o.fuel, zoneCharts: o.zoneCharts });
        expect(rateParcelCompiled(compiled, parcel, o)).toEqual(rateParcel(parcel, service, o));
      }),
      { numRuns: 300 },
    );
  });
});
