import { describe, expect, it } from 'vitest';
import { compileService, fastParcel, rateParcelCompiled } from '../carriers/compile-service.js';
import { makeParcel } from '../carriers/parcel.js';
import { rateParcel } from '../carriers/rate-parcel.js';
import { FEDEX_GROUND_SAMPLE, UPS_GROUND_SAMPLE, USPS_GROUND_ADVANTAGE_SAMPLE } from '../carriers/samples/index.js';
import { validateCardDocument } from './document.js';
import { sampleStandardCard } from './sample-standard-card.js';
import { type CardZoneChart, chartFor, validateZoneCharts, withZoneChart, zoneChartId, zoneResolverFor } from './zone-charts.js';

/** Zone 2 to the whole country except 900–999 (zone 3): obviously not the distance zones from New Jersey. */
const chart = (over: Partial<CardZoneChart> = {}): CardZoneChart => ({
  id: 'ups:088:2026-01-01',
  carriers: ['ups'],
  origins: ['088'],
  rows: [
    { from: '000', to: '899', zone: 2 },
    { from: '900', to: '999', zone: 3 },
  ],
  source: 'test chart',
  effectiveFrom: '2026-01-01',
  ...over,
});

const services = [USPS_GROUND_ADVANTAGE_SAMPLE, UPS_GROUND_SAMPLE, FEDEX_GROUND_SAMPLE];

describe('zone charts on a card: validation', () => {
  it('accepts a whole chart for a carrier on the card', () => {
    expect(validateZoneCharts({ carrierServices: services, zoneCharts: [chart()] })).toEqual([]);
  });

  it('locates overlaps, gaps, zones the services do not price, unknown services and bad origins', () => {
    const bad = chart({
      carriers: undefined,
      services: ['ups_ground', 'ups_next_day'],
      origins: ['08', '08837'],
      rows: [
        { from: '000', to: '199', zone: 2 },
        { from: '150', to: '299', zone: 3 }, // overlaps 000–199
        { from: '400', to: '899', zone: 4 }, // 300–399 in use, left out
        { from: '900', to: '999', zone: 9 }, // the UPS sample prices zones 1–8 only
      ],
    });
    const problems = validateZoneCharts({ carrierServices: services, zoneCharts: [bad] });
    expect(problems.map((p) => [p.path?.join('.'), p.code])).toEqual([
      ['zoneCharts.0.services.1', 'unknown_service'],
      ['zoneCharts.0.origins.0', 'invalid_origin'],
      ['zoneCharts.0.rows.1.from', 'overlapping_ranges'],
      ['zoneCharts.0.rows.2.from', 'gap_in_ranges'],
      ['zoneCharts.0.rows.3.zone', 'zone_not_priced'],
    ]);
    for (const p of problems) {
      expect(p.messages?.en).toBe(p.message);
      expect(p.messages?.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(problems.find((p) => p.code === 'zone_not_priced')?.message).toBe(
      'Zone 9 is not priced by ups_ground (zones 1, 2, 3, 4, 5, 6, 7, 8).',
    );
  });

  it('refuses a chart for no service, and two charts for the same service, origin and date', () => {
    const none = validateZoneCharts({ carrierServices: [USPS_GROUND_ADVANTAGE_SAMPLE], zoneCharts: [chart()] });
    expect(none.map((p) => p.code)).toEqual(['no_service']);
    const twice = validateZoneCharts({ carrierServices: services, zoneCharts: [chart(), chart({ id: 'again' })] });
    expect(twice.map((p) => [p.path?.join('.'), p.code])).toEqual([['zoneCharts.1.origins', 'duplicate_chart']]);
  });

  it('is part of the card document check, under zoneCharts', () => {
    const card = sampleStandardCard();
    const problems = validateCardDocument({ ...card, zoneCharts: [chart({ effectiveFrom: '2026-13-01' })] });
    expect(problems.map((p) => [p.path?.join('.'), p.code])).toEqual([['zoneCharts.0.effectiveFrom', 'invalid_date']]);
    expect(validateCardDocument(withZoneChart(card, chart()))).toEqual([]);
  });
});

describe('zone charts on a card: which one rates a service', () => {
  const card = {
    carrierServices: services,
    zoneCharts: [
      chart(),
      chart({ id: 'ups:08837', origins: ['08837'], rows: [{ from: '000', to: '999', zone: 4 }] }),
      chart({ id: 'ups_ground:088', carriers: undefined, services: ['ups_ground'], rows: [{ from: '000', to: '999', zone: 5 }] }),
      chart({ id: 'ups:088:2027', effectiveFrom: '2027-01-01', rows: [{ from: '000', to: '999', zone: 6 }] }),
    ],
  };

  it('prefers a chart naming the service, then the longer origin, then the later date in effect', () => {
    expect(chartFor(card, UPS_GROUND_SAMPLE, '08837', '2026-06-01')?.chart.id).toBe('ups_ground:088');
    const carrierOnly = { ...card, zoneCharts: card.zoneCharts.filter((c) => c.id !== 'ups_ground:088') };
    expect(chartFor(carrierOnly, UPS_GROUND_SAMPLE, '08837', '2026-06-01')?.chart.id).toBe('ups:08837');
    expect(chartFor(carrierOnly, UPS_GROUND_SAMPLE, '08817', '2026-06-01')?.chart.id).toBe('ups:088:2026-01-01');
    expect(chartFor(carrierOnly, UPS_GROUND_SAMPLE, '08817', '2027-01-01')?.chart.id).toBe('ups:088:2027');
    expect(chartFor(carrierOnly, UPS_GROUND_SAMPLE, '08817', '2025-12-31')).toBeUndefined();
    expect(chartFor(card, FEDEX_GROUND_SAMPLE, '08837', '2026-06-01')).toBeUndefined();
    expect(chartFor(card, UPS_GROUND_SAMPLE, '91761', '2026-06-01')).toBeUndefined();
  });

  it('gives the chart zone to rating, on both paths, and distance zones to other services and origins', () => {
    const simple = { carrierServices: services, zoneCharts: [chart()] };
    const ups = zoneResolverFor(simple, UPS_GROUND_SAMPLE, '08837', '2026-11-25');
    expect(ups.zone('90210')).toMatchObject({ ok: true, value: { zone: 3, basis: 'chart' } });
    // The same inputs give the same object, so compiled zone indexes are shared.
    expect(zoneResolverFor(simple, UPS_GROUND_SAMPLE, '08837', '2026-11-25').zoneCharts).toBe(ups.zoneCharts);
    expect(zoneResolverFor(simple, FEDEX_GROUND_SAMPLE, '08837', '2026-11-25').zone('90210')).toMatchObject({
      ok: true,
      value: { zone: 8, basis: 'distance' },
    });
    expect(zoneResolverFor(simple, UPS_GROUND_SAMPLE, '91761', '2026-11-25').zoneCharts).toBeUndefined();

    const parcel = makeParcel({ dims: ['12', '10', '8'], dimUnit: 'in', weight: '3', weightUnit: 'lb' });
    const options = { originZip: '08837', destZip: '90210', shipDate: '2026-11-25', residential: true, signature: false };
    const reference = rateParcel(parcel, UPS_GROUND_SAMPLE, { ...options, zoneCharts: ups.zoneCharts });
    const compiled = rateParcelCompiled(
      compileService(UPS_GROUND_SAMPLE, '2026-11-25', { zoneCharts: ups.zoneCharts }),
      fastParcel(parcel),
      options,
    );
    expect(reference.ok && reference.quote.zone).toBe(3);
    expect(reference.ok && reference.quote.zoneBasis).toBe('chart');
    expect(compiled.ok && compiled.quote.total).toEqual(reference.ok && reference.quote.total);
    const byDistance = rateParcel(parcel, UPS_GROUND_SAMPLE, options);
    expect(byDistance.ok && byDistance.quote.zone).toBe(8);
  });

  it('names imported charts by what, where and when', () => {
    expect(zoneChartId({ services: ['ups_ground'], origins: ['08837'], effectiveFrom: '2026-11-25' })).toBe('ups_ground:08837:2026-11-25');
    expect(zoneChartId({ carriers: ['fedex'], origins: ['088', '917'], effectiveFrom: '2027-01-01' })).toBe('fedex:088+917:2027-01-01');
  });
});
