import { describe, expect, it } from 'vitest';
import { price } from './price.js';

const usd = { currency: 'USD' } as const;

describe('per_unit', () => {
  it('multiplies quantity by rate', () => {
    const r = price({ kind: 'per_unit', rate: '1.20', unit: 'order' }, { quantity: '3' }, usd);
    // 3 × 1.20 = 3.60
    expect(r.ok && r.value).toMatchObject({
      quantity: '3',
      unit: 'order',
      rate: '1.2',
      preciseAmount: '3.6',
      amount: { minor: 360n },
      formula: { en: '3 orders × $1.20 = $3.60', zh: '3 单 × US$1.20 = US$3.60' },
      inputs: { quantity: '3' },
    });
  });

  it('keeps sub-cent rates exact in the formula', () => {
    const r = price({ kind: 'per_unit', rate: '0.015', unit: 'label' }, { quantity: '1' }, usd);
    // 1 × 0.015 = 0.015 → $0.02 half_up
    expect(r.ok && [r.value.preciseAmount, r.value.amount.minor, r.value.formula.en]).toEqual(['0.015', 2n, '1 label × $0.015 = $0.02']);
  });

  it('prices fractional quantities exactly', () => {
    // 2.345 kg × 1.10 = 2.5795 → $2.58
    const r = price({ kind: 'per_unit', rate: '1.10', unit: 'kg' }, { quantity: '2.345' }, usd);
    expect(r.ok && [r.value.preciseAmount, r.value.amount.minor]).toEqual(['2.5795', 258n]);
  });

  it('refuses floats, negative quantities and absurd digit counts', () => {
    expect(price({ kind: 'per_unit', rate: '1' }, { quantity: 3 as unknown as string }, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_number', path: ['input', 'quantity'] },
    });
    expect(price({ kind: 'per_unit', rate: '1' }, { quantity: '-2' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'negative_quantity' },
    });
    expect(price({ kind: 'per_unit', rate: '1' }, { quantity: '1e20' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_number' },
    });
  });
});
