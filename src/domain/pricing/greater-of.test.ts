import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExtremeOfModel } from './greater-of.js';
import { price } from './price.js';
import type { PricingModel } from './pricing-model.js';

const usd = { currency: 'USD' } as const;

/** FBA's aged-inventory surcharge over 365 days (DOMAIN.md): the greater of $6.90 per ft³ or $0.15 per unit. */
const FBA_AGED: ExtremeOfModel = {
  kind: 'greater_of',
  branches: [
    { label: { en: 'per ft³', zh: '按立方英尺' }, model: { kind: 'per_unit', rate: '6.90', unit: 'ft3' } },
    { label: { en: 'per unit', zh: '按件' }, quantityFrom: 'units', model: { kind: 'per_unit', rate: '0.15', unit: 'unit' } },
  ],
};

describe('greater_of / lesser_of', () => {
  it('charges the greater branch and says which won (bulky stock: per ft³)', () => {
    const r = price(FBA_AGED, { quantity: '12.5', quantities: { units: '400' } }, usd);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    // 12.5 × 6.90 = 86.25 > 400 × 0.15 = 60.00
    expect(r.value.preciseAmount).toBe('86.25');
    expect(r.value.amount.minor).toBe(8625n);
    expect([r.value.quantity, r.value.unit, r.value.rate]).toEqual(['12.5', 'ft3', '6.9']);
    expect(r.value.inputs).toMatchObject({ branch: 0, branchLabel: 'per ft³', 'branches[1].amount': '60' });
    expect(r.value.formula.en).toBe('greater of (per ft³: 12.5 ft³ × $6.90 = $86.25; per unit: 400 units × $0.15 = $60.00) = $86.25');
    expect(r.value.formula.zh).toBe(
      '取较高者（按立方英尺：12.5 立方英尺 × US$6.90 = US$86.25；按件：400 件 × US$0.15 = US$60.00） = US$86.25',
    );
    expect(r.value.details.map((d) => d.kind === 'branch' && d.chosen)).toEqual([true, false]);
  });

  it('charges per unit for small dense stock, and the lesser branch for lesser_of', () => {
    // 2 ft³ × 6.90 = 13.80 < 200 × 0.15 = 30.00
    const small = price(FBA_AGED, { quantity: '2', quantities: { units: '200' } }, usd);
    expect(small.ok && [small.value.preciseAmount, small.value.inputs.branch, small.value.unit]).toEqual(['30', 1, 'unit']);
    const lesser = price({ ...FBA_AGED, kind: 'lesser_of' }, { quantity: '2', quantities: { units: '200' } }, usd);
    expect(lesser.ok && lesser.value.formula.en).toBe(
      'lesser of (per ft³: 2 ft³ × $6.90 = $13.80; per unit: 200 units × $0.15 = $30.00) = $13.80',
    );
  });

  it('gives a tie to the first branch, and applies its own minimum after choosing', () => {
    const tie = price(FBA_AGED, { quantity: '2', quantities: { units: '92' } }, usd); // 13.80 both
    expect(tie.ok && tie.value.inputs.branch).toBe(0);
    const floored = price({ ...FBA_AGED, minimum: '50.00' }, { quantity: '2', quantities: { units: '92' } }, usd);
    expect(floored.ok && floored.value.formula.en).toMatch(/= \$13\.80, raised to the minimum \$50\.00$/);
  });

  it('reports a missing named count, and card errors inside a branch at their path', () => {
    const missing = price(FBA_AGED, { quantity: '2' }, usd);
    expect(!missing.ok && missing.error).toMatchObject({ code: 'missing_input', path: ['input', 'quantities', 'units'] });
    const one = price({ kind: 'greater_of', branches: [{ model: { kind: 'flat', amount: '1' } }] }, {}, usd);
    expect(!one.ok && one.error).toMatchObject({ code: 'invalid_branches', path: ['branches'] });
    const bad = price(
      { kind: 'greater_of', branches: [{ model: { kind: 'flat', amount: '1' } }, { model: { kind: 'per_unit', rate: '-1' } }] },
      {},
      usd,
    );
    expect(!bad.ok && bad.error).toMatchObject({ code: 'negative_number', path: ['branches', 1, 'model', 'rate'] });
    expect(!bad.ok && bad.error.messages.zh).toMatch(/不能为负数/);
  });

  const cents = fc.integer({ min: 0, max: 100_000 }).map((n) => new Decimal(n).div(100).toFixed());
  const quantity = fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n).div(100).toFixed());
  const branch = fc.oneof(
    cents.map((rate): PricingModel => ({ kind: 'per_unit', rate })),
    cents.map((amount): PricingModel => ({ kind: 'flat', amount })),
    fc.tuple(cents, cents).map(
      ([a, b]): PricingModel => ({
        kind: 'tiered',
        mode: 'graduated',
        tiers: [
          { upTo: '100', rate: a },
          { upTo: null, rate: b },
        ],
      }),
    ),
  );

  it('greater_of is at least every branch and is one of them; lesser_of at most', () => {
    fc.assert(
      fc.property(fc.array(branch, { minLength: 2, maxLength: 4 }), quantity, (models, q) => {
        const branches = models.map((model) => ({ model }));
        const each = models.map((m) => {
          const r = price(m, { quantity: q }, usd);
          if (!r.ok) throw new Error(r.error.message);
          return new Decimal(r.value.preciseAmount);
        });
        const greater = price({ kind: 'greater_of', branches }, { quantity: q }, usd);
        const lesser = price({ kind: 'lesser_of', branches }, { quantity: q }, usd);
        if (!greater.ok || !lesser.ok) throw new Error('priced');
        const g = new Decimal(greater.value.preciseAmount);
        const l = new Decimal(lesser.value.preciseAmount);
        for (const a of each) {
          expect(g.gte(a)).toBe(true);
          expect(l.lte(a)).toBe(true);
        }
        expect(g.eq(each[greater.value.inputs.branch as number] as Decimal)).toBe(true);
        expect(l.eq(each[lesser.value.inputs.branch as number] as Decimal)).toBe(true);
      }),
    );
  });

  it('never charges less for more (monotone in quantity when its branches are)', () => {
    fc.assert(
      fc.property(fc.array(branch, { minLength: 2, maxLength: 3 }), quantity, quantity, (models, a, b) => {
        const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a];
        for (const kind of ['greater_of', 'lesser_of'] as const) {
          const model: ExtremeOfModel = { kind, branches: models.map((model) => ({ model })) };
          const x = price(model, { quantity: lo }, usd);
          const y = price(model, { quantity: hi }, usd);
          if (!x.ok || !y.ok) throw new Error('priced');
          expect(new Decimal(y.value.preciseAmount).gte(x.value.preciseAmount)).toBe(true);
        }
      }),
    );
  });
});
