import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sum, toDecimalString } from '../money/index.js';
import { sampleStandardCard, samplePlan } from '../rate-cards/sample-standard-card.js';
import { cubeSideUp, quoteFor, type QuoteCards } from './quote-engine.js';
import type { QuoteRequest, QuoteSku } from './quote-request.js';

const card = sampleStandardCard();
const cards: QuoteCards = { standard: { code: 'US-STANDARD', version: 1, document: card } };
const withPlan: QuoteCards = { ...cards, plan: { code: 'TL-PLAN', version: 2, document: samplePlan() } };

const tee: QuoteSku = {
  sellerSku: 'TEE',
  length: '30',
  width: '25',
  height: '3',
  dimensionUnit: 'cm',
  weight: '180',
  weightUnit: 'g',
  declaredValue: '3.20',
  hsCode: '6109.10.0012',
  countryOfOrigin: 'CN',
  flags: [],
};
const bank: QuoteSku = {
  sellerSku: 'PB',
  length: '15',
  width: '8',
  height: '3',
  dimensionUnit: 'cm',
  weight: '230',
  weightUnit: 'g',
  declaredValue: '7.20',
  hsCode: '8507.60.0020',
  countryOfOrigin: 'CN',
  flags: ['battery'],
  share: '0.5',
};

function request(overrides: Partial<QuoteRequest> = {}): QuoteRequest {
  return {
    quoteDate: '2026-11-25',
    ordersPerDay: '40',
    channels: ['tiktok_shop'],
    skus: [tee, bank],
    destinations: [
      { zip: '10001', share: '0.4' },
      { zip: '90210', share: '0.3' },
      { zip: '60601', share: '0.3' },
    ],
    originWarehouse: 'US-NJ1',
    originZip: '08837',
    stockCoverDays: 45,
    ...overrides,
  };
}

const quote = (r: QuoteRequest, c: QuoteCards = cards) => {
  const result = quoteFor(r, c);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
};

describe('quote engine', () => {
  it('totals the rounded lines, by module and in all', () => {
    const q = quote(request({ firstLegLane: card.lanes[0]?.code, returnRate: '0.05', insurance: true }));
    expect(q.monthlyTotal).toEqual(
      sum(
        'USD',
        q.lines.map((l) => l.amount),
      ),
    );
    expect(
      sum(
        'USD',
        q.byModule.map((m) => m.total),
      ),
    ).toEqual(q.monthlyTotal);
    for (const line of q.lines) {
      // Every line says where it came from and can be recomputed from its own numbers.
      expect(line.rule.ruleId).not.toBe('');
      expect(line.formula.en.length).toBeGreaterThan(0);
      expect(line.formula.zh.length).toBeGreaterThan(0);
      expect(toDecimalString(line.amount)).toBe(new Decimal(line.preciseAmount).toFixed(2, Decimal.ROUND_HALF_UP));
    }
  });

  it('counts volumes from orders per day: 40 × 30 days = 1,200 orders, TEE twice as common as PB', () => {
    const q = quote(request());
    expect(q.volumes.ordersPerMonth).toBe('1200');
    // shares 1 : 0.5 → TEE 800, PB 400
    expect(q.skus.map((s) => [s.sellerSku, s.unitsPerMonth])).toEqual([
      ['TEE', '800'],
      ['PB', '400'],
    ]);
    const handling = q.lines.find((l) => l.rule.ruleId === 'handling.order');
    // both SKUs weigh under 1 lb: 1,200 orders × $1.20 = $1,440.00
    expect(handling).toMatchObject({ quantity: '1200', rate: '1.2' });
    expect(toDecimalString(handling!.amount)).toBe('1440.00');
  });

  it('writes postage lines a seller can recompute: quantity × rate = exact amount', () => {
    const q = quote(request({ ordersPerDay: '37', residentialShare: '0.7' }));
    const postage = q.lines.filter((l) => l.module === 'postage');
    expect(postage.length).toBeGreaterThan(3);
    for (const line of postage)
      expect(new Decimal(line.quantity).times(line.rate).toFixed()).toBe(new Decimal(line.preciseAmount).toFixed());
  });

  it('adds no duty lines on a DDP lane (duties are in its price) and says an importer of record is still needed', () => {
    const ddp = card.lanes.find((l) => l.ddp);
    expect(ddp).toBeDefined();
    const q = quote(request({ firstLegLane: ddp?.code }));
    expect(q.lines.some((l) => l.module === 'duties' || l.module === 'customs_brokerage')).toBe(false);
    expect(q.warnings.some((w) => w.en.includes('importer of record'))).toBe(true);
    const pass = quote(request({ firstLegLane: card.lanes.find((l) => !l.ddp && l.mode === 'sea_lcl')?.code }));
    expect(pass.lines.some((l) => l.module === 'duties')).toBe(true);
  });

  it('applies a plan: overridden rule from the plan version, discount as a visible credit', () => {
    const q = quote(request(), withPlan);
    const handling = q.lines.find((l) => l.rule.ruleId === 'handling.order');
    // plan: 1,200 × $0.95 = $1,140.00
    expect(handling?.rule).toEqual({ cardCode: 'TL-PLAN', cardVersion: 2, ruleId: 'handling.order' });
    expect(toDecimalString(handling!.amount)).toBe('1140.00');
    const storage = q.lines.find((l) => l.module === 'storage')!;
    const discount = q.lines.find((l) => l.module === 'discount')!;
    // 10 % of the rounded storage line, negative
    const tenth = new Decimal(storage.amount.minor.toString()).times('0.1').toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    expect(discount.amount.minor).toBe(-BigInt(tenth.toFixed()));
    expect(q.cards).toEqual([
      { code: 'US-STANDARD', version: 1 },
      { code: 'TL-PLAN', version: 2 },
    ]);
  });

  it('tops a small month up to the minimum monthly charge', () => {
    const q = quote(request({ ordersPerDay: '0.05', skus: [tee], destinations: [{ zip: '10001', share: '1' }] }));
    const minimum = q.lines.find((l) => l.module === 'minimum');
    expect(minimum).toBeDefined();
    expect(toDecimalString(q.monthlyTotal)).toBe('50.00');
  });

  it('charges long-term storage only on the share of stock older than 180 days', () => {
    const young = quote(request({ stockCoverDays: 120 }));
    expect(young.lines.some((l) => l.module === 'long_term_storage')).toBe(false);
    const old = quote(request({ stockCoverDays: 240 }));
    const aged = old.lines.filter((l) => l.module === 'long_term_storage');
    // ages spread over 0..240 days: 181..240 is 60/240 = 25 % of the stock, in band 181–270
    expect(aged).toHaveLength(1);
    expect(aged[0]?.inputs.shareOfStockInBand).toBe('0.25');
    expect(old.warnings.some((w) => w.en.includes('180 days'))).toBe(true);
  });

  it('gives each SKU a landed cost per unit whose parts add up and whose units add up to the month', () => {
    const q = quote(request({ firstLegLane: card.lanes[0]?.code }));
    let month = new Decimal(0);
    for (const s of q.skus) {
      const p = s.perUnit;
      const parts = [p.firstLeg, p.duties, p.receiving, p.storage, p.fulfilment, p.returns].reduce((a, b) => a.plus(b), new Decimal(0));
      expect(parts.minus(p.total).abs().lessThanOrEqualTo('0.03')).toBe(true);
      month = month.plus(new Decimal(p.total).times(s.unitsPerMonth));
    }
    // per-unit figures are rounded to the cent: the month agrees within half a cent per unit
    expect(month.minus(toDecimalString(q.monthlyTotal)).abs().lessThanOrEqualTo(new Decimal(q.volumes.unitsPerMonth).times('0.005'))).toBe(
      true,
    );
  });

  it('refuses what it cannot price, saying where', () => {
    expect(quoteFor(request({ destinations: [{ zip: '123', share: '1' }] }), cards)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', path: ['destinations', 0, 'zip'] },
    });
    expect(quoteFor(request({ firstLegLane: 'NOPE' }), cards)).toMatchObject({ ok: false, error: { code: 'unknown_lane' } });
    expect(quoteFor(request({ services: ['dhl_express'] }), cards)).toMatchObject({
      ok: false,
      error: { code: 'unknown_service', path: ['services', 0] },
    });
    // 400 cm (157 in) is longer than any parcel service on the card takes
    const pole: QuoteSku = { ...tee, sellerSku: 'POLE', length: '400', width: '10', height: '10', weight: '4', weightUnit: 'kg' };
    expect(quoteFor(request({ skus: [tee, pole] }), cards)).toMatchObject({ ok: false, error: { code: 'cannot_ship', path: ['skus', 1] } });
    const anvil: QuoteSku = { ...tee, sellerSku: 'ANVIL', weight: '200', weightUnit: 'lb' };
    expect(quoteFor(request({ skus: [anvil] }), cards)).toMatchObject({ ok: false, error: { code: 'pricing_failed' } });
  });

  it('sizes an estimated carton as the smallest 0.1 cm cube that holds it', () => {
    // 24 T-shirts × 2,250 cm³ × 1.1 = 59,400 cm³; 39.0³ = 59,319 < 59,400 ≤ 39.1³ = 59,776.471
    expect(cubeSideUp(new Decimal(59_400)).toFixed()).toBe('39.1');
    expect(cubeSideUp(new Decimal(64_000)).toFixed()).toBe('40');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (v) => {
        const side = cubeSideUp(new Decimal(v));
        return side.pow(3).greaterThanOrEqualTo(v) && (side.lessThanOrEqualTo('0.1') || side.minus('0.1').pow(3).lessThan(v));
      }),
    );
  });

  it('refuses a SKU listed twice instead of merging its costs', () => {
    expect(quoteFor(request({ skus: [tee, bank, { ...tee, sellerSku: 'tee' }] }), cards)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', path: ['skus', 2, 'seller_sku'] },
    });
  });

  it('ships every order exactly once whatever the share precision (no overflow in the weights)', () => {
    const q = quote(
      request({
        destinations: [
          { zip: '10001', share: '123456789.123456' },
          { zip: '90012', share: '987654321.654321' },
        ],
        residentialShare: '0.3333',
      }),
    );
    const parcels = q.lines.filter((l) => l.module === 'postage').reduce((a, l) => a.plus(l.quantity), new Decimal(0));
    // 1,200 orders, each line's parcels rounded to 4 decimals
    expect(parcels.minus(1200).abs().lessThanOrEqualTo('0.001')).toBe(true);
  });

  it('gives the same quote byte for byte for the same request and card versions', () => {
    const replacer = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
    const a = JSON.stringify(quote(request({ firstLegLane: card.lanes[0]?.code })), replacer);
    const b = JSON.stringify(quote(structuredClone(request({ firstLegLane: card.lanes[0]?.code }))), replacer);
    expect(a).toBe(b);
  });

  it('never costs less for more orders (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const q1 = quote(request({ ordersPerDay: String(low) }));
        const q2 = quote(request({ ordersPerDay: String(high) }));
        return q1.monthlyTotal.minor <= q2.monthlyTotal.minor;
      }),
      { numRuns: 25 },
    );
  });
});

describe('quote engine: card features from the rate card document', () => {
  it("prices postage with the card's official zone chart for the origin, not the computed zone", () => {
    // UPS only, every destination in zone 2 from 088xx: NJ → LA would be zone 8 by distance.
    const base = request({ services: ['ups_ground'], destinations: [{ zip: '90012', share: '1' }] });
    const distance = quote(base);
    const charted = quote(base, {
      standard: {
        code: 'US-STANDARD',
        version: 2,
        document: {
          ...card,
          zoneCharts: [
            {
              id: 'ups:088:2026-01-01',
              carriers: ['ups'],
              origins: ['088'],
              rows: [{ from: '000', to: '999', zone: 2 }],
              source: 'test chart',
              effectiveFrom: '2026-01-01',
            },
          ],
        },
      },
    });
    const zones = (q: ReturnType<typeof quote>) => [...new Set(q.skus.flatMap((s) => s.postage.map((p) => p.zone)))];
    expect(zones(distance)).toEqual([8]);
    expect(zones(charted)).toEqual([2]);
    expect(charted.monthlyTotal.minor).toBeLessThan(distance.monthlyTotal.minor);
  });

  it('quotes an FBA-style "greater of $/ft³ or $/unit" storage rule and says which branch won', () => {
    const greater = {
      ...card,
      rules: card.rules.map((rule) =>
        rule.id === 'storage.ft3'
          ? {
              ...rule,
              model: {
                kind: 'greater_of' as const,
                branches: [
                  { label: { en: 'per ft³', zh: '按立方英尺' }, model: { kind: 'per_unit' as const, rate: '0.65', unit: 'ft³·month' } },
                  {
                    label: { en: 'per unit', zh: '按件' },
                    quantityFrom: 'units',
                    model: { kind: 'per_unit' as const, rate: '0.50', unit: 'unit·month' },
                  },
                ],
              },
            }
          : rule,
      ),
    };
    const q = quote(request(), { standard: { code: 'US-STANDARD', version: 3, document: greater } });
    const line = q.lines.find((l) => l.rule.ruleId === 'storage.ft3');
    expect(line?.inputs.branch).toBeDefined();
    // Small apparel: 45 days of cover is far more units than cubic feet, so $0.50 a unit wins.
    expect(line?.rate).toBe('0.5');
    expect(line?.unit).toBe('unit·month');
  });

  it('locates a broken rule on the card and explains it in both languages', () => {
    const broken = {
      ...card,
      rules: card.rules.map((rule) =>
        rule.id === 'storage.ft3' ? { ...rule, model: { kind: 'per_unit' as const, rate: '-1', unit: 'ft³·month' } } : rule,
      ),
    };
    const result = quoteFor(request(), { standard: { code: 'US-STANDARD', version: 4, document: broken } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('pricing_failed');
    expect(result.error.path?.slice(0, 3)).toEqual(['card', 'rules', 'storage.ft3']);
    expect(result.error.message.zh).not.toBe(result.error.message.en);
    expect(result.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
