/**
 * Rate shopping picks the cheapest service that fits and meets the promise; the compiled shop
 * (with and without quotes) makes the same choice as the reference shop.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileService, fastParcel } from './compile-service.js';
import { makeParcel } from './parcel.js';
import { rateParcel } from './rate-parcel.js';
import type { RateOptions } from './rating.js';
import { rateShop, rateShopCompiled, shopFast, shopScratch } from './rate-shop.js';
import {
  FEDEX_GROUND_SAMPLE,
  FEDEX_HOME_DELIVERY_SAMPLE,
  SAMPLE_SERVICES,
  UPS_GROUND_SAMPLE,
  USPS_GROUND_ADVANTAGE_SAMPLE,
} from './samples/index.js';
import { parseZip5 } from './zones.js';

const options = (o: Partial<RateOptions> = {}): RateOptions => ({
  originZip: '91761',
  destZip: '59001',
  shipDate: '2026-03-02',
  residential: true,
  signature: false,
  ...o,
});

describe('rateShop', () => {
  const box = makeParcel({ dims: ['12.2', '10.1', '8.5'], dimUnit: 'in', weight: '5.2', weightUnit: 'lb' });

  it('picks the cheapest service, lists the others cheapest first', () => {
    const shop = rateShop(box, SAMPLE_SERVICES, options());
    const totals = SAMPLE_SERVICES.map((s) => {
      const r = rateParcel(box, s, options());
      return r.ok ? Number(r.quote.total.minor) : Number.POSITIVE_INFINITY;
    });
    expect(Number(shop.best?.total.minor)).toBe(Math.min(...totals));
    const listed = [shop.best, ...shop.runnersUp].map((q) => Number(q?.total.minor));
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
    expect(shop.notRated).toEqual([]);
  });

  it('keeps services that miss the promise apart: zone 5 takes 3–4 days, so a 2-day promise has no winner', () => {
    const shop = rateShop(box, SAMPLE_SERVICES, options(), 2);
    expect(shop.best).toBeNull();
    expect(shop.missesPromise.map((q) => q.service.code).sort()).toEqual(SAMPLE_SERVICES.map((s) => s.code).sort());
    const three = rateShop(box, SAMPLE_SERVICES, options(), 3);
    expect(three.best?.transitDays).toBeLessThanOrEqual(3);
    expect(three.missesPromise.map((q) => q.service.code)).toEqual(['usps_ground_advantage']); // 4 days at zone 5
  });

  it('lists the services that do not fit, with their reasons', () => {
    const heavy = makeParcel({ dims: ['20', '20', '20'], dimUnit: 'in', weight: '100', weightUnit: 'lb' });
    const shop = rateShop(heavy, SAMPLE_SERVICES, options({ residential: false }));
    expect(shop.notRated).toEqual([
      {
        service: expect.objectContaining({ code: 'usps_ground_advantage' }),
        failure: { kind: 'does_not_fit', problems: [{ reason: 'over_max_weight', limit: 70, value: 100 }] },
      },
      {
        service: expect.objectContaining({ code: 'fedex_home_delivery' }),
        failure: { kind: 'unavailable', reason: 'address_type_not_served' },
      },
    ]);
    expect([shop.best, ...shop.runnersUp].map((q) => q?.service.code).sort()).toEqual(['fedex_ground', 'ups_ground']);
  });
});

describe('rate shop properties', () => {
  const arbParcel = fc
    .tuple(
      fc.integer({ min: 1, max: 40_000 }),
      fc.integer({ min: 1, max: 30_000 }),
      fc.integer({ min: 1, max: 25_000 }),
      fc.integer({ min: 1, max: 1_300_000 }),
      fc.constantFrom('in', 'cm'),
    )
    .map(([a, b, c, w, unit]) =>
      makeParcel({
        dims: [a, b, c].map((n) => (n / 1000).toFixed(3)) as [string, string, string],
        dimUnit: unit,
        weight: (w / 1000).toFixed(3),
        weightUnit: 'oz',
      }),
    );
  const arbOptions = fc.record({
    originZip: fc.constantFrom('91761', '08837'),
    destZip: fc.constantFrom('10001', '90210', '59001', '12812', '99501', '96910', '60601', '33101', '00000'),
    shipDate: fc.constantFrom('2025-08-18', '2026-03-02', '2026-07-12'),
    residential: fc.boolean(),
    signature: fc.boolean(),
  });
  const arbPromise = fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined });
  const services = [USPS_GROUND_ADVANTAGE_SAMPLE, UPS_GROUND_SAMPLE, FEDEX_GROUND_SAMPLE, FEDEX_HOME_DELIVERY_SAMPLE];

  it('best = the minimum total among fitting services meeting the promise; compiled shops agree', () => {
    fc.assert(
      fc.property(arbParcel, arbOptions, arbPromise, (parcel, o, promise) => {
        const outcomes = services.map((s) => rateParcel(parcel, s, o));
        const eligible = outcomes.flatMap((r) => (r.ok && (promise === undefined || r.quote.transitDays <= promise) ? [r.quote] : []));
        const shop = rateShop(parcel, services, o, promise);
        if (eligible.length === 0) expect(shop.best).toBeNull();
        else expect(Number(shop.best?.total.minor)).toBe(Math.min(...eligible.map((q) => Number(q.total.minor))));
        expect(shop.runnersUp.length).toBe(Math.max(eligible.length - 1, 0));
        const totals = shop.runnersUp.map((q) => Number(q.total.minor));
        expect(totals).toEqual([...totals].sort((a, b) => a - b));
        if (shop.best) for (const t of totals) expect(t).toBeGreaterThanOrEqual(Number(shop.best.total.minor));
        expect(shop.runnersUp.length + shop.missesPromise.length + shop.notRated.length + (shop.best ? 1 : 0)).toBe(services.length);
        expect(shop.notRated.map((n) => n.service.code)).toEqual(outcomes.flatMap((r) => (r.ok ? [] : [r.service.code])));

        const compiled = services.map((s) => compileService(s, o.shipDate));
        expect(rateShopCompiled(compiled, parcel, o, promise)).toEqual(shop);
        const scratch = shopScratch(compiled);
        const i = shopFast(
          compiled,
          fastParcel(parcel),
          parseZip5(o.originZip),
          parseZip5(o.destZip),
          o.residential,
          o.signature,
          promise ?? Number.POSITIVE_INFINITY,
          scratch,
        );
        expect(i < 0 ? null : services[i]?.code).toBe(shop.best?.service.code ?? null);
        if (i >= 0) expect(scratch[i]?.totalCents).toBe(Number(shop.best?.total.minor));
      }),
      { numRuns: 300 },
    );
  });
});
