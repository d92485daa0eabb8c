import { describe, expect, it } from 'vitest';
import { SAMPLE_SERVICES, UPS_GROUND_SAMPLE, USPS_GROUND_ADVANTAGE_SAMPLE } from './samples/index.js';
import { assertValidService, type CarrierService, fuelRateProblems, validateService } from './service.js';

const issuesOf = (s: CarrierService) => {
  const r = validateService(s);
  return r.ok ? [] : r.error;
};

describe('sample cards', () => {
  it('are valid, marked as samples, and say so', () => {
    for (const s of SAMPLE_SERVICES) {
      expect(issuesOf(s), s.code).toEqual([]);
      expect(s.sample).toBe(true);
      expect(s.note).toBe("sample prices, not the carrier's published rates; load the real tables through the import");
      expect(s.currency).toBe('USD');
    }
    expect(SAMPLE_SERVICES.map((s) => s.code)).toEqual(['usps_ground_advantage', 'ups_ground', 'fedex_ground', 'fedex_home_delivery']);
  });

  it('carry the DOMAIN.md dates: UPS/FedEx up-inch from 2025-08-18, USPS ÷139 up-inch from 2026-07-12', () => {
    expect(UPS_GROUND_SAMPLE.dimRules.map((r) => [r.effectiveFrom, r.divisor, r.dimensionRounding])).toEqual([
      ['2017-01-02', 139, 'nearest_inch'],
      ['2025-08-18', 139, 'up_inch'],
    ]);
    expect(USPS_GROUND_ADVANTAGE_SAMPLE.dimRules.map((r) => [r.effectiveFrom, r.divisor, r.dimensionRounding, r.dimApplies])).toEqual([
      ['2023-07-09', 166, 'nearest_inch', { when: 'over_cubic_in', cubicIn: 1728 }],
      ['2026-07-12', 139, 'up_inch', { when: 'over_cubic_in', cubicIn: 1728 }],
    ]);
    expect(USPS_GROUND_ADVANTAGE_SAMPLE.fuel).toBeNull();
  });

  it('price USPS zones 1–9 up to 70 lb with ounce tiers, UPS/FedEx zones 1–8 up to 150 lb', () => {
    expect(USPS_GROUND_ADVANTAGE_SAMPLE.rateTable.ozTiers?.map((t) => t.maxOz)).toEqual(['4', '8', '12', '15.99']);
    expect(USPS_GROUND_ADVANTAGE_SAMPLE.rateTable.lbRows.map((r) => r.maxLb)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(UPS_GROUND_SAMPLE.rateTable.zones).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(UPS_GROUND_SAMPLE.rateTable.lbRows).toHaveLength(150);
  });
});

describe('validateService', () => {
  it('reports every problem with its path', () => {
    const broken: CarrierService = {
      ...UPS_GROUND_SAMPLE,
      code: 'UPS Ground',
      dimRules: [{ ...UPS_GROUND_SAMPLE.dimRules[0]!, effectiveTo: undefined, divisor: 0 }, UPS_GROUND_SAMPLE.dimRules[1]!],
      limits: { maxWeightLb: 150.5 },
      transitDays: { 1: 1 },
      surcharges: [
        { kind: 'residential', code: 'residential', amount: '6.455' },
        { kind: 'destination_zip', code: 'delivery_area', zips: ['1234'], amount: '1.00' },
        { kind: 'package_threshold', code: 'oversize', when: {}, amount: '1.00' },
        { kind: 'residential', code: 'signature' as 'residential', amount: '1.00' },
      ],
      fuel: { schedule: 'ups_ground', appliesTo: ['fuel'], rates: [{ effectiveFrom: '2026-01-01', percent: '20.125' }] },
    };
    const paths = issuesOf(broken).map((i) => `${i.path.join('.')}:${i.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'code:invalid_code',
        'dimRules.1:invalid_dates',
        'dimRules.0.divisor:invalid_divisor',
        'limits.maxWeightLb:invalid_limit',
        'transitDays.2:missing_transit_days',
        'surcharges.0.amount:invalid_price',
        'surcharges.1.zips.0:invalid_zip',
        'surcharges.2.when:no_tests',
        'surcharges.3.code:invalid_code',
        'fuel.appliesTo:invalid_code',
        'fuel.rates.0.percent:invalid_percent',
      ]),
    );
    expect(() => assertValidService(broken)).toThrow(RangeError);
  });

  it('requires ounce tiers reaching the lightweight maximum', () => {
    const s: CarrierService = {
      ...USPS_GROUND_ADVANTAGE_SAMPLE,
      rateTable: { ...USPS_GROUND_ADVANTAGE_SAMPLE.rateTable, ozTiers: undefined },
    };
    expect(issuesOf(s).map((i) => i.code)).toContain('missing_oz_tiers');
  });

  it('checks fuel percentages are whole basis points', () => {
    expect(fuelRateProblems([{ effectiveFrom: '2026-01-05', percent: '20.25' }])).toEqual([]);
    expect(fuelRateProblems([{ effectiveFrom: '2026-01-05', percent: '20.255' }])).toHaveLength(1);
  });
});
