import { describe, expect, it } from 'vitest';
import { price } from './price.js';

const usd = { currency: 'USD' } as const;
const PICKS = { kind: 'per_unit', rate: '0.40', unit: 'pick', minimum: '1.00', maximum: '3.00' } as const;

describe('line minimum and maximum', () => {
  it('raises a small line to the minimum and says so', () => {
    const r = price(PICKS, { quantity: '2' }, usd);
    // 2 × 0.40 = 0.80 < 1.00 → 1.00
    expect(r.ok && r.value).toMatchObject({
      preciseAmount: '1',
      amount: { minor: 100n },
      limit: { kind: 'minimum', limit: '1', before: '0.8' },
      inputs: { limit: 'minimum', limitAmount: '1', amountBeforeLimit: '0.8' },
      formula: {
        en: '2 picks × $0.40 = $0.80, raised to the minimum $1.00',
        zh: '2 次拣货 × US$0.40 = US$0.80，低于最低收费，按 US$1.00 计',
      },
    });
  });

  it('caps a large line at the maximum and says so', () => {
    const r = price(PICKS, { quantity: '10' }, usd);
    // 10 × 0.40 = 4.00 > 3.00 → 3.00
    expect(r.ok && [r.value.amount.minor, r.value.limit?.kind, r.value.formula.en]).toEqual([
      300n,
      'maximum',
      '10 picks × $0.40 = $4.00, capped at the maximum $3.00',
    ]);
  });

  it('leaves a line between the limits alone', () => {
    // 5 × 0.40 = 2.00
    const r = price(PICKS, { quantity: '5' }, usd);
    expect(r.ok && [r.value.amount.minor, r.value.limit, r.value.inputs.limit]).toEqual([200n, null, undefined]);
  });

  it('warns when a minimum is charged for nothing', () => {
    const r = price(PICKS, { quantity: '0' }, usd);
    expect(r.ok && r.value.warnings).toEqual([
      { en: 'minimum charged on a line with nothing to charge', zh: '本行无计费量，仍按最低收费计' },
    ]);
  });

  it('applies limits before the single rounding', () => {
    // 7 × 0.4285 = 2.9995: under the 3.00 cap, so it rounds half_up once to 3.00
    const under = price({ kind: 'per_unit', rate: '0.4285', maximum: '3.00' }, { quantity: '7' }, usd);
    expect(under.ok && [under.value.preciseAmount, under.value.amount.minor, under.value.limit]).toEqual(['2.9995', 300n, null]);
    // rounding 'down' on the same line: 2.99
    const down = price({ kind: 'per_unit', rate: '0.4285', maximum: '3.00', rounding: 'down' }, { quantity: '7' }, usd);
    expect(down.ok && down.value.amount.minor).toBe(299n);
  });

  it('refuses a minimum above the maximum', () => {
    expect(price({ kind: 'flat', amount: '1', minimum: '5', maximum: '2' }, {}, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_limits', path: ['maximum'] },
    });
  });
});
