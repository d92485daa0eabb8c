import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyFromDecimal } from '../money/index.js';
import { price } from './price.js';
import type { Priced, PricingInput } from './priced.js';
import type { PricingModel } from './pricing-model.js';
import type { Tier, TieredModel } from './tiered.js';

const usd = { currency: 'USD' } as const;

function priced(model: PricingModel, input: PricingInput): Priced {
  const r = price(model, input, usd);
  if (!r.ok) throw new Error(`expected a price, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const graduated = (tiers: Tier[], unit?: string): TieredModel => ({ kind: 'tiered', mode: 'graduated', tiers, ...(unit ? { unit } : {}) });
const volume = (tiers: Tier[]): TieredModel => ({ kind: 'tiered', mode: 'volume', tiers });

const PICK_TIERS: Tier[] = [
  { upTo: '100', rate: '0.30' },
  { upTo: '500', rate: '0.25' },
  { upTo: null, rate: '0.20' },
];

describe('graduated tiers', () => {
  it('prices each tier at its own rate and shows every tier', () => {
    const line = priced(graduated(PICK_TIERS), { quantity: '150' });
    // 100 × 0.30 + 50 × 0.25 = 30 + 12.50 = 42.50
    expect(line.preciseAmount).toBe('42.5');
    expect(line.amount.minor).toBe(4250n);
    expect(line.formula.en).toBe('first 100 × $0.30 + next 50 × $0.25 = $42.50');
    expect(line.formula.zh).toBe('前 100 × US$0.30 + 其后 50 × US$0.25 = US$42.50');
    expect(line.details).toEqual([
      { kind: 'tier', index: 0, from: '0', upTo: '100', units: '100', rate: '0.3', flatFee: '0', amount: '30' },
      { kind: 'tier', index: 1, from: '100', upTo: '500', units: '50', rate: '0.25', flatFee: '0', amount: '12.5' },
    ]);
    // The line's rate is the rate of the tier reached; the tiers are in the inputs for the audit trail.
    expect(line.rate).toBe('0.25');
    expect(line.inputs).toMatchObject({ tierReached: 1, 'tiers[0].units': '100', 'tiers[1].units': '50', 'tiers[1].amount': '12.5' });
  });

  it('runs through every tier up to an open-ended last one', () => {
    // 100 × 0.30 + 400 × 0.25 + 100 × 0.20 = 30 + 100 + 20 = 150.00
    expect(priced(graduated(PICK_TIERS), { quantity: '600' }).amount.minor).toBe(15000n);
  });

  it('treats a tier bound as inclusive', () => {
    // exactly 100: all in the first tier, 100 × 0.30 = 30.00
    const line = priced(graduated(PICK_TIERS), { quantity: '100' });
    expect(line.details).toHaveLength(1);
    expect(line.amount.minor).toBe(3000n);
    // 100.5: 100 × 0.30 + 0.5 × 0.25 = 30.125 → $30.13 (half_up, once)
    const over = priced(graduated(PICK_TIERS), { quantity: '100.5' });
    expect(over.preciseAmount).toBe('30.125');
    expect(over.amount.minor).toBe(3013n);
  });

  it('models ShipHero: 3 picks included per order, $0.25 per extra pick (a zero first tier)', () => {
    const model = graduated(
      [
        { upTo: '3', rate: '0' },
        { upTo: null, rate: '0.25' },
      ],
      'pick',
    );
    // 2 picks: both included = 0.00
    expect(priced(model, { quantity: '2' }).formula.en).toBe('first 2 included = $0.00');
    // 3 picks: all included = 0.00
    expect(priced(model, { quantity: '3' }).amount.minor).toBe(0n);
    // 7 picks: 3 included + 4 × 0.25 = 1.00
    const seven = priced(model, { quantity: '7' });
    expect(seven.amount.minor).toBe(100n);
    expect(seven.formula.en).toBe('first 3 included + next 4 × $0.25 = $1.00');
    expect(seven.formula.zh).toBe('前 3 免费 + 其后 4 × US$0.25 = US$1.00');
  });

  it('charges a tier flat fee once when the quantity enters the tier', () => {
    const model = graduated([
      { upTo: '100', rate: '0', flatFee: '10' },
      { upTo: null, rate: '0.10', flatFee: '5' },
    ]);
    // 150: tier 1 flat 10 + tier 2 flat 5 + 50 × 0.10 = 20.00
    const line = priced(model, { quantity: '150' });
    expect(line.amount.minor).toBe(2000n);
    expect(line.formula.en).toBe('first 100 × $0.00 + $10.00 flat + next 50 × $0.10 + $5.00 flat = $20.00');
    // 100: only tier 1 entered = 10.00
    expect(priced(model, { quantity: '100' }).amount.minor).toBe(1000n);
    // 0: no quantity, no charge (no flat fee either)
    const none = priced(model, { quantity: '0' });
    expect(none.amount.minor).toBe(0n);
    expect(none.details).toEqual([]);
    expect(none.formula.en).toBe('0 units = $0.00');
  });
});

describe('volume tiers', () => {
  it('prices every unit at the rate of the tier reached', () => {
    const line = priced(volume(PICK_TIERS), { quantity: '150' });
    // 150 × 0.25 = 37.50
    expect(line.amount.minor).toBe(3750n);
    expect(line.formula.en).toBe('150 units × $0.25 (volume tier over 100 up to 500) = $37.50');
    expect(line.formula.zh).toBe('150 件 × US$0.25（量价档：100 以上至 500） = US$37.50');
    expect(line.details).toEqual([
      { kind: 'tier', index: 1, from: '100', upTo: '500', units: '150', rate: '0.25', flatFee: '0', amount: '37.5' },
    ]);
  });

  it('differs from graduated on the same tiers', () => {
    // graduated 150: 100 × 0.30 + 50 × 0.25 = 42.50; volume 150: 150 × 0.25 = 37.50
    expect(priced(graduated(PICK_TIERS), { quantity: '150' }).amount.minor).toBe(4250n);
    expect(priced(volume(PICK_TIERS), { quantity: '150' }).amount.minor).toBe(3750n);
    // graduated 600: 30 + 100 + 20 = 150.00; volume 600: 600 × 0.20 = 120.00
    expect(priced(graduated(PICK_TIERS), { quantity: '600' }).amount.minor).toBe(15000n);
    expect(priced(volume(PICK_TIERS), { quantity: '600' }).amount.minor).toBe(12000n);
    // At the first bound they agree: 100 × 0.30 = 30.00
    expect(priced(volume(PICK_TIERS), { quantity: '100' }).amount.minor).toBe(3000n);
  });

  it('adds the reached tier flat fee', () => {
    const model = volume([
      { upTo: '100', rate: '0.30' },
      { upTo: null, rate: '0.25', flatFee: '2' },
    ]);
    // 150 × 0.25 + 2 = 39.50
    const line = priced(model, { quantity: '150' });
    expect(line.amount.minor).toBe(3950n);
    expect(line.formula.en).toBe('150 units × $0.25 (volume tier over 100) + $2.00 flat = $39.50');
  });
});

describe('tier errors', () => {
  it('refuses a quantity above a closed last tier', () => {
    const r = price(graduated([{ upTo: '100', rate: '0.30' }]), { quantity: '101' }, usd);
    expect(r).toMatchObject({ ok: false, error: { code: 'beyond_tiers', path: ['input', 'quantity'] } });
  });

  it('refuses negative and missing quantities', () => {
    expect(price(graduated(PICK_TIERS), { quantity: '-1' }, usd)).toMatchObject({ ok: false, error: { code: 'negative_quantity' } });
    expect(price(graduated(PICK_TIERS), {}, usd)).toMatchObject({
      ok: false,
      error: { code: 'missing_input', path: ['input', 'quantity'] },
    });
  });
});

// Ascending integer bounds, rates in cents, an optional flat fee; last tier open-ended.
const arbTiers = (withFlatFees: boolean) =>
  fc
    .array(
      fc.record({
        width: fc.integer({ min: 1, max: 1000 }),
        cents: fc.integer({ min: 0, max: 1000 }),
        fee: withFlatFees ? fc.integer({ min: 0, max: 500 }) : fc.constant(0),
      }),
      { minLength: 1, maxLength: 5 },
    )
    .map((specs) => {
      let bound = 0;
      return specs.map((s, i): Tier => {
        bound += s.width;
        const tier: Tier = { upTo: i === specs.length - 1 ? null : String(bound), rate: new Decimal(s.cents).div(100).toFixed() };
        return s.fee > 0 ? { ...tier, flatFee: new Decimal(s.fee).div(100).toFixed() } : tier;
      });
    });

// Quantities with up to three decimals, up to 10,000.
const arbQuantity = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(1000).toFixed());

describe('tier properties', () => {
  it('graduated amounts never fall as quantity grows', () => {
    fc.assert(
      fc.property(arbTiers(true), arbQuantity, arbQuantity, (tiers, a, b) => {
        const [low, high] = new Decimal(a).lte(b) ? [a, b] : [b, a];
        const model = graduated(tiers);
        expect(new Decimal(priced(model, { quantity: low }).preciseAmount).lte(priced(model, { quantity: high }).preciseAmount)).toBe(true);
      }),
    );
  });

  it('volume total is quantity × the rate of the tier reached', () => {
    fc.assert(
      fc.property(arbTiers(false), arbQuantity, (tiers, quantity) => {
        const line = priced(volume(tiers), { quantity });
        expect(line.preciseAmount).toBe(new Decimal(quantity).times(line.rate).toFixed());
      }),
    );
  });

  it('per-tier details sum exactly to the line amount, and rounding happens once', () => {
    fc.assert(
      fc.property(
        arbTiers(true),
        arbQuantity,
        fc.constantFrom('graduated', 'volume') as fc.Arbitrary<'graduated' | 'volume'>,
        (tiers, q, mode) => {
          const line = priced({ kind: 'tiered', mode, tiers }, { quantity: q });
          const total = line.details.reduce((acc, d) => (d.kind === 'tier' ? acc.plus(d.amount) : acc), new Decimal(0));
          expect(total.eq(line.preciseAmount)).toBe(true);
          expect(line.amount).toEqual(moneyFromDecimal('USD', line.preciseAmount, 'half_up'));
        },
      ),
    );
  });
});
