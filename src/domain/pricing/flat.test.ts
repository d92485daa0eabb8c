import { describe, expect, it } from 'vitest';
import { price } from './price.js';

const usd = { currency: 'USD' } as const;

describe('flat', () => {
  it('charges a fixed amount per line, whatever the input', () => {
    const r = price({ kind: 'flat', amount: '5.00', unit: 'order' }, { quantity: '40' }, usd);
    expect(r.ok && r.value).toMatchObject({
      quantity: '1',
      unit: 'order',
      rate: '5',
      preciseAmount: '5',
      amount: { currency: 'USD', minor: 500n },
      formula: { en: 'flat fee $5.00 = $5.00', zh: '固定费用 US$5.00 = US$5.00' },
    });
  });

  it('keeps a sub-cent amount exact and rounds it once', () => {
    // 0.125 → $0.13 half_up; → $0.12 half_even
    const up = price({ kind: 'flat', amount: '0.125' }, {}, usd);
    const even = price({ kind: 'flat', amount: '0.125', rounding: 'half_even' }, {}, usd);
    expect(up.ok && [up.value.preciseAmount, up.value.amount.minor, up.value.formula.en]).toEqual([
      '0.125',
      13n,
      'flat fee $0.125 = $0.13',
    ]);
    expect(even.ok && even.value.amount.minor).toBe(12n);
  });

  it('formats in the card currency', () => {
    const r = price({ kind: 'flat', amount: '1200' }, {}, { currency: 'JPY' });
    expect(r.ok && [r.value.amount.minor, r.value.formula.en]).toEqual([1200n, 'flat fee ¥1,200 = ¥1,200']);
  });

  it('refuses a negative or non-decimal amount with its path', () => {
    expect(price({ kind: 'flat', amount: '-1' }, {}, usd)).toMatchObject({
      ok: false,
      error: { code: 'negative_number', path: ['amount'] },
    });
    expect(price({ kind: 'flat', amount: '5,00' }, {}, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_number', path: ['amount'] },
    });
  });
});
