import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SkuFlag } from '../catalog/sku.js';
import { moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import { cartonCm } from './carton.js';
import type { Lane, PerKgPricing } from './lane.js';
import { type FirstLegQuote, type FirstLegRefusal, priceFirstLeg } from './price-first-leg.js';
import {
  SAMPLE_AIR_LANE,
  SAMPLE_EXPRESS_LANE,
  SAMPLE_LANES,
  SAMPLE_SEA_DDP_LANE,
  SAMPLE_SEA_FCL_LANE,
  SAMPLE_SEA_LCL_LANE,
} from './sample-lanes.js';

const none = { flags: [] as SkuFlag[] };

function quoted(result: ReturnType<typeof priceFirstLeg>): FirstLegQuote {
  if (!result.ok) throw new Error(`expected a quote, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function refused(result: ReturnType<typeof priceFirstLeg>): FirstLegRefusal {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const amount = (q: FirstLegQuote, i = 0) => toDecimalString(q.lines[i]?.amount ?? moneyFromDecimal('CNY', '0', 'half_up'));

describe('priceFirstLeg: air per kg', () => {
  it('60×40×40 cm, 12 kg: 16 kg × ¥38.00 = ¥608.00, one first_leg line', () => {
    const q = quoted(priceFirstLeg([cartonCm(60, 40, 40, 12, { ref: 'CTN-1' })], SAMPLE_AIR_LANE, none));
    expect(q.lines).toHaveLength(1);
    const line = q.lines[0];
    expect(line).toMatchObject({
      module: 'first_leg',
      rule: { cardCode: SAMPLE_AIR_LANE.code, cardVersion: 1, ruleId: `${SAMPLE_AIR_LANE.code}/per_kg/from_0kg` },
      quantity: '16',
      unit: 'kg',
      rate: '38',
      preciseAmount: '608',
      rounding: 'half_up',
      sources: [{ kind: 'carton', id: 'CTN-1' }],
    });
    expect(line?.inputs).toMatchObject({ totalActualKg: '12', totalVolumetricKg: '16', chargeable: '16', governedBy: 'volume' });
    expect(line?.formula.en).toContain('16 kg');
    expect(line?.formula.en).toContain('96,000 cm³ ÷ 6,000 = 16 kg');
    expect(line?.formula.zh).toContain('体积重');
    expect(toDecimalString(q.total)).toBe('608.00');
    expect(q.total.currency).toBe('CNY');
    expect(q.transitDays).toEqual({ min: 7, max: 12 });
  });

  it('two cartons (27 kg on the total) reach the 21 kg bracket: 27 × ¥34.00 = ¥918.00', () => {
    const q = quoted(priceFirstLeg([cartonCm(60, 40, 40, 12), cartonCm(50, 40, 30, 15)], SAMPLE_AIR_LANE, none));
    expect(q.lines[0]).toMatchObject({ quantity: '27', rate: '34', preciseAmount: '918' });
    expect(amount(q)).toBe('918.00');
  });

  it('charges the next weight break when cheaper: 20 kg × ¥38 = ¥760 > 21 kg × ¥34 = ¥714', () => {
    const q = quoted(priceFirstLeg([cartonCm(30, 30, 30, 20)], SAMPLE_AIR_LANE, none));
    expect(q.chargeable.chargeable).toBe('20');
    expect(q.lines[0]).toMatchObject({ quantity: '21', rate: '34', preciseAmount: '714' });
    expect(q.lines[0]?.rule.ruleId).toContain('next_break');
    // Without the rule the lane bills the bracket reached.
    const strict: Lane = { ...SAMPLE_AIR_LANE, pricing: { ...(SAMPLE_AIR_LANE.pricing as PerKgPricing), chargeNextBreakIfCheaper: false } };
    expect(quoted(priceFirstLeg([cartonCm(30, 30, 30, 20)], strict, none)).lines[0]).toMatchObject({
      quantity: '20',
      preciseAmount: '760',
    });
  });

  it('under the minimum charge: 1.5 kg × ¥38 = ¥57 → minimum ¥200, as 1 × ¥200 with a warning', () => {
    // 20×20×20 = 8,000 ÷ 6,000 = 1.333… → 1.5 kg.
    const q = quoted(priceFirstLeg([cartonCm(20, 20, 20, 1)], SAMPLE_AIR_LANE, none));
    expect(q.lines[0]).toMatchObject({ quantity: '1', unit: 'shipment', rate: '200', preciseAmount: '200' });
    expect(q.lines[0]?.inputs).toMatchObject({ computedAmount: '57', minimumCharge: '200' });
    expect(q.lines[0]?.formula.en).toContain('below the minimum');
    expect(q.warnings.some((w) => w.en.includes('minimum charge'))).toBe(true);
    expect(toDecimalString(q.total)).toBe('200.00');
  });

  it('battery on air: accepted with documents (warning) and a per-kg surcharge line', () => {
    const q = quoted(priceFirstLeg([cartonCm(60, 40, 40, 12)], SAMPLE_AIR_LANE, { flags: ['battery'] }));
    expect(q.warnings.some((w) => w.en.includes('MSDS') && w.en.includes('UN38.3'))).toBe(true);
    expect(q.lines[1]).toMatchObject({ quantity: '16', rate: '3', preciseAmount: '48', module: 'first_leg' });
    expect(q.lines[1]?.rule.ruleId).toContain('goods_surcharge/battery');
    expect(toDecimalString(q.total)).toBe('656.00'); // 608 + 48
  });

  it('refuses liquids and powders on air, naming every refused class', () => {
    const r = refused(priceFirstLeg([cartonCm(60, 40, 40, 12)], SAMPLE_AIR_LANE, { flags: ['powder', 'liquid', 'battery'] }));
    expect(r).toMatchObject({ code: 'goods_refused', laneCode: SAMPLE_AIR_LANE.code, goods: ['liquid', 'powder'] });
    expect(r.message.zh).toContain('液体');
  });

  it('per carton express: 2 × 20 kg = 40 kg × ¥46 = ¥1,840', () => {
    const q = quoted(priceFirstLeg([cartonCm(60, 40, 40, 12, { count: 2 })], SAMPLE_EXPRESS_LANE, none));
    expect(q.lines[0]).toMatchObject({ quantity: '40', rate: '46', preciseAmount: '1840' });
    expect(q.lines[0]?.formula.en).toContain('per carton');
  });
});

describe('priceFirstLeg: sea', () => {
  it('LCL 1.8 CBM and 900 kg → 1.8 W/M × ¥1,200 = ¥2,160', () => {
    const q = quoted(priceFirstLeg([cartonCm(60, 50, 60, 90, { count: 10 })], SAMPLE_SEA_LCL_LANE, none));
    expect(q.lines[0]).toMatchObject({ quantity: '1.8', unit: 'w/m', rate: '1200', preciseAmount: '2160' });
    expect(amount(q)).toBe('2160.00');
    expect(q.warnings.some((w) => w.en.includes('minimum'))).toBe(false);
  });

  it('LCL 0.4 CBM and 150 kg → minimum 1 W/M × ¥1,200, with a warning', () => {
    const q = quoted(priceFirstLeg([cartonCm(100, 50, 40, 75, { count: 2 })], SAMPLE_SEA_LCL_LANE, none));
    expect(q.lines[0]).toMatchObject({ quantity: '1', unit: 'w/m', preciseAmount: '1200' });
    expect(q.warnings.some((w) => w.en.includes('minimum of 1 W/M') && w.en.includes('0.4'))).toBe(true);
  });

  it('DDP lane: warns that an importer of record is still needed; minimum 21 kg applied', () => {
    const q = quoted(priceFirstLeg([cartonCm(40, 30, 30, 8)], SAMPLE_SEA_DDP_LANE, none));
    expect(q.ddp).toBe(true);
    expect(q.lines[0]).toMatchObject({ quantity: '21', preciseAmount: '294' }); // 21 × ¥14
    expect(q.warnings.some((w) => w.en.includes('importer of record'))).toBe(true);
    expect(q.warnings.some((w) => w.en.includes('minimum of 21 kg'))).toBe(true);
  });

  it('FCL: one 40HQ × ¥18,000', () => {
    const q = quoted(priceFirstLeg([cartonCm(100, 100, 100, 200, { count: 30 })], SAMPLE_SEA_FCL_LANE, { flags: ['liquid'] }));
    expect(q.lines[0]).toMatchObject({ quantity: '1', unit: 'container', rate: '18000', preciseAmount: '18000' });
    expect(q.warnings.some((w) => w.en.startsWith('Liquid goods') && w.en.includes('MSDS'))).toBe(true);
  });
});

describe('priceFirstLeg: refusals and notices', () => {
  it('refuses an empty shipment and an invalid lane', () => {
    expect(refused(priceFirstLeg([], SAMPLE_AIR_LANE, none)).code).toBe('no_cartons');
    const broken: Lane = { ...SAMPLE_AIR_LANE, pricing: { ...(SAMPLE_AIR_LANE.pricing as PerKgPricing), divisor: 0, brackets: [] } };
    const r = refused(priceFirstLeg([cartonCm(1, 1, 1, 1)], broken, none));
    expect(r.code).toBe('lane_invalid');
    expect(r.code === 'lane_invalid' && r.problems).toEqual([
      'pricing.divisor must be a positive integer',
      'pricing.brackets must not be empty',
    ]);
  });

  it('warns for FDA-regulated goods and for sample lanes', () => {
    const q = quoted(priceFirstLeg([cartonCm(60, 40, 40, 12)], SAMPLE_AIR_LANE, { flags: ['fda_regulated'] }));
    expect(q.warnings.some((w) => w.en.includes('FDA'))).toBe(true);
    expect(q.warnings.some((w) => w.en.includes('sample'))).toBe(true);
    const real = quoted(priceFirstLeg([cartonCm(60, 40, 40, 12)], { ...SAMPLE_AIR_LANE, sample: false }, none));
    expect(real.warnings).toEqual([]);
  });
});

const arbCarton = fc
  .record({
    l: fc.integer({ min: 1, max: 150 }),
    w: fc.integer({ min: 1, max: 150 }),
    h: fc.integer({ min: 1, max: 150 }),
    grams: fc.integer({ min: 0, max: 60_000 }),
    count: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ l, w, h, grams, count }) => cartonCm(l, w, h, new Decimal(grams).div(1000), { count }));
const arbFlags = fc.subarray<SkuFlag>(['battery', 'magnetic', 'fda_regulated', 'fragile']);

describe('priceFirstLeg: properties', () => {
  it('every line recomputes (quantity × rate = preciseAmount, rounded once), total = Σ rounded lines, never below the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(arbCarton, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...SAMPLE_LANES),
        arbFlags,
        (cartons, lane, flags) => {
          const q = quoted(priceFirstLeg(cartons, lane, { flags }));
          for (const line of q.lines) {
            expect(new Decimal(line.quantity).times(line.rate).equals(line.preciseAmount)).toBe(true);
            expect(line.amount).toEqual(moneyFromDecimal(lane.currency, line.preciseAmount, line.rounding));
            expect(line.amount.minor >= 0n).toBe(true);
          }
          expect(q.total).toEqual(
            sum(
              lane.currency,
              q.lines.map((l) => l.amount),
            ),
          );
          const p = lane.pricing;
          if (p.kind !== 'per_container') expect(new Decimal(toDecimalString(q.lines[0]!.amount)).gte(p.minimumCharge)).toBe(true);
        },
      ),
    );
  });

  it('same input → identical output', () => {
    fc.assert(
      fc.property(
        fc.array(arbCarton, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...SAMPLE_LANES),
        arbFlags,
        (cartons, lane, flags) => {
          expect(priceFirstLeg(cartons, lane, { flags })).toEqual(priceFirstLeg(cartons, lane, { flags }));
        },
      ),
    );
  });

  it('with next-break pricing, adding a carton never lowers the freight', () => {
    fc.assert(
      fc.property(fc.array(arbCarton, { minLength: 1, maxLength: 6 }), arbCarton, (cartons, extra) => {
        const before = quoted(priceFirstLeg(cartons, SAMPLE_AIR_LANE, none)).total.minor;
        const after = quoted(priceFirstLeg([...cartons, extra], SAMPLE_AIR_LANE, none)).total.minor;
        expect(after >= before).toBe(true);
      }),
    );
  });
});
