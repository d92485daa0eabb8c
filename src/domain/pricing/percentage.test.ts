import { describe, expect, it } from 'vitest';
import { price } from './price.js';

const usd = { currency: 'USD' } as const;

describe('percentage', () => {
  it('takes a percent of the amount (fuel surcharge on postage)', () => {
    const r = price({ kind: 'percentage', percent: '12.5', base: 'amount' }, { amount: '84.20' }, usd);
    // 84.20 × 12.5% = 10.525 → $10.53 (half_up)
    expect(r.ok && r.value).toMatchObject({
      quantity: '84.2',
      unit: 'amount',
      rate: '12.5%',
      preciseAmount: '10.525',
      amount: { minor: 1053n },
      formula: { en: '12.5% of $84.20 = $10.53', zh: 'US$84.20 × 12.5% = US$10.53' },
    });
    // the same line rounded half_even: 10.525 → $10.52
    const even = price({ kind: 'percentage', percent: '12.5', base: 'amount', rounding: 'half_even' }, { amount: '84.20' }, usd);
    expect(even.ok && even.value.amount.minor).toBe(1052n);
  });

  it('takes a percent of declared value (insurance), with a minimum premium', () => {
    const model = { kind: 'percentage', percent: '0.5', base: 'declared_value', minimum: '2.00' } as const;
    // 500 × 0.5% = 2.50
    const r = price(model, { declaredValue: '500' }, usd);
    expect(r.ok && [r.value.amount.minor, r.value.formula.en]).toEqual([250n, '0.5% of declared value $500.00 = $2.50']);
    // 100 × 0.5% = 0.50, raised to the minimum 2.00
    const low = price(model, { declaredValue: '100' }, usd);
    expect(low.ok && [low.value.amount.minor, low.value.formula.zh]).toEqual([
      200n,
      '申报价值 US$100.00 × 0.5% = US$0.50，低于最低收费，按 US$2.00 计',
    ]);
  });

  it('reads only the base it names', () => {
    const r = price({ kind: 'percentage', percent: '0.5', base: 'declared_value' }, { amount: '500' }, usd);
    expect(r).toMatchObject({ ok: false, error: { code: 'missing_input', path: ['input', 'declaredValue'] } });
    const bad = price({ kind: 'percentage', percent: '1', base: 'postage' as 'amount' }, { amount: '1' }, usd);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_option', path: ['base'] } });
  });
});
