/**
 * Reference rating: worked examples whose arithmetic is in the comments (sample cards in
 * ./samples, zones from the ZIP3 centroid table), limits as typed "does not fit" results, fee
 * lines that add up, and the monotonicity a rate card promises.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sum } from '../money/index.js';
import { makeParcel, type Parcel } from './parcel.js';
import { rateBreakdown, rateParcel } from './rate-parcel.js';
import type { RateOptions, RatingBreakdown } from './rating.js';
import {
  FEDEX_GROUND_SAMPLE,
  FEDEX_HOME_DELIVERY_SAMPLE,
  SAMPLE_SERVICES,
  UPS_GROUND_SAMPLE,
  USPS_GROUND_ADVANTAGE_SAMPLE,
} from './samples/index.js';
import type { CarrierService } from './service.js';
import type { Zone, ZoneChart } from './zones.js';

const options = (o: Partial<RateOptions> = {}): RateOptions => ({
  originZip: '91761',
  destZip: '10001',
  shipDate: '2026-03-02',
  residential: false,
  signature: false,
  ...o,
});
const inches = (dims: [string, string, string], weight: string, unit: 'lb' | 'oz' = 'lb'): Parcel =>
  makeParcel({ dims, dimUnit: 'in', weight, weightUnit: unit });

function breakdown(parcel: Parcel, service: CarrierService, o: RateOptions): RatingBreakdown {
  const r = rateBreakdown(parcel, service, o);
  if (!r.ok) throw new Error(`expected a price, got ${JSON.stringify(r.failure)}`);
  return r.breakdown;
}

describe('worked examples', () => {
  it('UPS Ground, 2026-03-02, 91761 → 59001 (MT, zone 5), residential, DAS, signature', () => {
    const box = inches(['12.2', '10.1', '8.5'], '5.2');
    const r = rateParcel(box, UPS_GROUND_SAMPLE, options({ destZip: '59001', residential: true, signature: true }));
    if (!r.ok) throw new Error('expected a quote');
    const q = r.quote;
    expect(q.zone).toBe(5);
    expect(q.billableWeight).toEqual({ unit: 'lb', value: 10, basis: 'dim' }); // 13×11×9 = 1,287 ÷ 139 = 9.26 → 10 lb
    expect(q.base.minor).toBe(2678n); // card: 10 lb, zone 5 = $26.78
    expect(q.surcharges.map((s) => [s.code, s.amount.minor])).toEqual([
      ['residential', 645n], // $6.45
      ['delivery_area', 665n], // residential DAS $6.65 (commercial would be $4.40)
      ['signature', 725n], // $7.25, no fuel on it
      ['fuel', 808n], // 20.25% × (26.78 + 6.45 + 6.65 = 39.88) = 8.0757 → $8.08 half up
    ]);
    expect(q.total.minor).toBe(5521n); // 26.78 + 6.45 + 6.65 + 7.25 + 8.08 = 55.21
    expect(q.transitDays).toBe(3);
    expect(q.feeLines[0]?.formula).toEqual({
      en: 'Zone 5, 10 lb billable (DIM 139): $26.78',
      zh: '5区，计费重 10 磅（体积重，除数 139）：US$26.78',
    });
    const fuel = q.feeLines.find((l) => l.rule.ruleId === 'fuel');
    expect(fuel).toMatchObject({ module: 'postage', quantity: '39.88', rate: '20.25%', preciseAmount: '8.0757', rounding: 'half_up' });
    expect(fuel?.formula.en).toBe('Fuel 20.25% × $39.88 (base + residential delivery + delivery area surcharge) = $8.08');
  });

  it('fee lines always add up to the total', () => {
    for (const service of SAMPLE_SERVICES) {
      const r = rateParcel(inches(['20', '14', '9'], '12.3'), service, options({ destZip: '12812', residential: true, signature: true }));
      if (!r.ok) throw new Error(`${service.code}: ${JSON.stringify(r.failure)}`);
      expect(
        sum(
          'USD',
          r.quote.feeLines.map((l) => l.amount),
        ),
      ).toEqual(r.quote.total);
      expect(r.quote.feeLines.every((l) => l.module === 'postage' && l.rule.cardCode === service.code)).toBe(true);
    }
  });

  it('USPS 10 oz parcel bills in ounces at the 12 oz tier: zone 8 = $8.20, no fuel or residential', () => {
    const b = breakdown(
      inches(['9', '6', '2'], '10', 'oz'),
      USPS_GROUND_ADVANTAGE_SAMPLE,
      options({ shipDate: '2026-08-03', residential: true }),
    );
    expect(b).toMatchObject({
      zone: 8,
      billableOz: 10,
      billableLb: null,
      billableBasis: 'lightweight',
      baseCents: 820,
      surcharges: [],
      fuel: null,
      totalCents: 820,
    });
  });

  it('USPS long parcel: nonstandard length over 30 in supersedes the over-22 in fee', () => {
    const b = breakdown(inches(['34', '6', '6'], '4'), USPS_GROUND_ADVANTAGE_SAMPLE, options({ shipDate: '2026-08-03' }));
    expect(b.surcharges).toEqual([
      { code: 'nonstandard_length_long', cents: 1600, trigger: { kind: 'threshold', test: 'longestSideOverIn', limit: 30, value: 34 } },
    ]);
  });

  it('UPS large package: oversize supersedes additional handling and bills at least 90 lb', () => {
    // 100×20×10: length + girth = 100 + 2 × 30 = 160 > 130; DIM 20,000 ÷ 139 = 143.9 → 144 lb
    const big = breakdown(inches(['100', '20', '10'], '40'), UPS_GROUND_SAMPLE, options());
    expect(big.surcharges.map((s) => s.code)).toEqual(['oversize']);
    expect(big.billableLb).toBe(144);
    // 97×6×6: longest 97 > 96, L+G 121; DIM 3,492 ÷ 139 = 25.1 → 26 lb, raised to the 90 lb minimum
    const long = breakdown(inches(['97', '6', '6'], '10'), UPS_GROUND_SAMPLE, options());
    expect(long.surcharges.map((s) => s.code)).toEqual(['oversize']);
    expect(long.billableLb).toBe(90);
    expect(long.billableBasis).toBe('minimum');
  });

  it('UPS additional handling by weight: actual 50.001 lb > 50 lb', () => {
    const b = breakdown(inches(['20', '16', '12'], '50.001'), UPS_GROUND_SAMPLE, options());
    expect(b.surcharges).toEqual([
      {
        code: 'additional_handling_weight',
        cents: 5200,
        trigger: { kind: 'threshold', test: 'actualWeightOverLb', limit: 50, value: 50.001 },
      },
    ]);
    expect(breakdown(inches(['20', '16', '12'], '50'), UPS_GROUND_SAMPLE, options()).surcharges).toEqual([]);
  });

  it('remote area (Alaska ZIP3 prefix) supersedes the delivery-area charges', () => {
    const b = breakdown(inches(['10', '8', '6'], '2'), FEDEX_GROUND_SAMPLE, options({ destZip: '99501' }));
    expect(b.surcharges).toEqual([{ code: 'remote_area', cents: 1525, trigger: { kind: 'zip', matched: '995', residential: false } }]);
  });
});

describe('does not fit', () => {
  it('a 160 lb parcel is over the maximum weight for all three carriers', () => {
    const heavy = inches(['20', '20', '20'], '160');
    for (const service of [USPS_GROUND_ADVANTAGE_SAMPLE, UPS_GROUND_SAMPLE, FEDEX_GROUND_SAMPLE]) {
      const r = rateParcel(heavy, service, options());
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.failure).toEqual({
          kind: 'does_not_fit',
          problems: [{ reason: 'over_max_weight', limit: service.limits.maxWeightLb, value: 160 }],
        });
    }
  });

  it('110 in long: UPS and FedEx over 108 in length; USPS (no length limit) over 130 in length + girth', () => {
    const long = inches(['110', '6', '6'], '10');
    for (const service of [UPS_GROUND_SAMPLE, FEDEX_GROUND_SAMPLE]) {
      expect(rateBreakdown(long, service, options())).toEqual({
        ok: false,
        failure: { kind: 'does_not_fit', problems: [{ reason: 'over_max_length', limit: 108, value: 110 }] },
      });
    }
    // 110 + 2 × (6 + 6) = 134 > 130
    expect(rateBreakdown(long, USPS_GROUND_ADVANTAGE_SAMPLE, options())).toEqual({
      ok: false,
      failure: { kind: 'does_not_fit', problems: [{ reason: 'over_length_plus_girth', limit: 130, value: 134 }] },
    });
  });

  it('reports every problem at once', () => {
    const r = rateBreakdown(inches(['120', '30', '30'], '200'), UPS_GROUND_SAMPLE, options());
    expect(r.ok ? [] : r.failure.kind === 'does_not_fit' ? r.failure.problems.map((p) => p.reason) : []).toEqual([
      'over_max_weight',
      'over_max_length',
      'over_length_plus_girth',
    ]);
  });
});

describe('unavailable and unknown', () => {
  const box = inches(['10', '8', '6'], '2');
  it('unknown ZIP', () => {
    expect(rateBreakdown(box, UPS_GROUND_SAMPLE, options({ destZip: '00000' }))).toEqual({
      ok: false,
      failure: { kind: 'unknown_zip', zip: '00000' },
    });
  });
  it('zone 9 is not on the UPS card', () => {
    expect(rateBreakdown(box, UPS_GROUND_SAMPLE, options({ destZip: '96910' }))).toEqual({
      ok: false,
      failure: { kind: 'unavailable', reason: 'zone_not_served' },
    });
    expect(rateBreakdown(box, USPS_GROUND_ADVANTAGE_SAMPLE, options({ destZip: '96910' })).ok).toBe(true);
  });
  it('FedEx Home Delivery delivers to residences only', () => {
    expect(rateBreakdown(box, FEDEX_HOME_DELIVERY_SAMPLE, options())).toEqual({
      ok: false,
      failure: { kind: 'unavailable', reason: 'address_type_not_served' },
    });
    expect(rateBreakdown(box, FEDEX_HOME_DELIVERY_SAMPLE, options({ residential: true })).ok).toBe(true);
  });
  it('no fuel rate for the date, from the service or a rating-time fuel table', () => {
    expect(rateBreakdown(box, UPS_GROUND_SAMPLE, options({ shipDate: '2024-12-02' }))).toEqual({
      ok: false,
      failure: { kind: 'unavailable', reason: 'no_fuel_rate_for_date' },
    });
    const fuel = { ups_ground: [{ effectiveFrom: '2026-03-09', percent: '21.00' }] };
    expect(rateBreakdown(box, UPS_GROUND_SAMPLE, options({ fuel }))).toEqual({
      ok: false,
      failure: { kind: 'unavailable', reason: 'no_fuel_rate_for_date' },
    });
    expect(breakdown(box, UPS_GROUND_SAMPLE, options({ fuel, shipDate: '2026-03-09' })).fuel?.percent).toBe('21.00');
  });
  it('a signature on a service without the option', () => {
    const noSignature: CarrierService = {
      ...UPS_GROUND_SAMPLE,
      code: 'ups_no_sig',
      surcharges: UPS_GROUND_SAMPLE.surcharges.filter((r) => r.code !== 'signature'),
    };
    expect(rateBreakdown(box, noSignature, options({ signature: true }))).toEqual({
      ok: false,
      failure: { kind: 'unavailable', reason: 'signature_not_offered' },
    });
  });
  it('a zone chart for the carrier overrides the distance zone', () => {
    const chart: ZoneChart = { source: 'test', origins: { '917': [{ from: '100', to: '102', zone: 4 }] } };
    expect(breakdown(box, UPS_GROUND_SAMPLE, options({ zoneCharts: { ups: chart } }))).toMatchObject({ zone: 4, zoneBasis: 'chart' });
    expect(breakdown(box, FEDEX_GROUND_SAMPLE, options({ zoneCharts: { ups: chart } }))).toMatchObject({ zone: 8, zoneBasis: 'distance' });
  });
});

describe('a heavier or farther parcel never costs less (within one service)', () => {
  const arbService = fc.constantFrom(...SAMPLE_SERVICES);
  const arbSides = fc.tuple(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 1, max: 30_000 }));
  const arbDate = fc.constantFrom('2025-08-17', '2025-08-18', '2026-03-02', '2026-07-11', '2026-07-12', '2026-12-01');
  const arbFlags = fc.record({
    residential: fc.boolean(),
    signature: fc.boolean(),
    destZip: fc.constantFrom('10001', '59001', '12812', '99501', '60601'),
  });
  const parcelOf = (sides: [number, number, number], milliOz: number) =>
    makeParcel({
      dims: sides.map((s) => (s / 1000).toFixed(3)) as [string, string, string],
      dimUnit: 'in',
      weight: (milliOz / 1000).toFixed(3),
      weightUnit: 'oz',
    });

  it('heavier', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        arbService,
        arbSides,
        fc.integer({ min: 0, max: 2_600_000 }),
        fc.integer({ min: 1, max: 400_000 }),
        arbDate,
        arbFlags,
        (service, sides, w, extra, shipDate, flags) => {
          const o = options({ shipDate: shipDate, ...flags, residential: flags.residential || service.code === 'fedex_home_delivery' });
          const light = rateBreakdown(parcelOf(sides, w), service, o);
          const heavy = rateBreakdown(parcelOf(sides, w + extra), service, o);
          if (light.ok && heavy.ok) {
            compared++;
            expect(heavy.breakdown.totalCents).toBeGreaterThanOrEqual(light.breakdown.totalCents);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100); // the property was not vacuous
  });

  it('farther (zones forced through a chart)', () => {
    const chartAt = (zone: Zone): ZoneChart => ({ source: 'test', origins: { '917': [{ from: '000', to: '999', zone }] } });
    let compared = 0;
    const arbZones = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [Zone, Zone]);
    fc.assert(
      fc.property(
        arbService,
        arbSides,
        fc.integer({ min: 0, max: 2_600_000 }),
        arbZones,
        arbDate,
        arbFlags,
        (service, sides, w, [near, far], shipDate, flags) => {
          const o = options({ shipDate, ...flags, residential: flags.residential || service.code === 'fedex_home_delivery' });
          const p = parcelOf(sides, w);
          const a = rateBreakdown(p, service, { ...o, zoneCharts: { [service.carrier]: chartAt(near) } });
          const b = rateBreakdown(p, service, { ...o, zoneCharts: { [service.carrier]: chartAt(far) } });
          if (a.ok && b.ok) {
            compared++;
            expect(b.breakdown.totalCents).toBeGreaterThanOrEqual(a.breakdown.totalCents);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
