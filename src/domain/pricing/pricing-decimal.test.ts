import { describe, expect, it } from 'vitest';
import { divide, PricingDecimal, parseDecimal, parseInput, plain } from './pricing-decimal.js';

describe('pricing decimals', () => {
  it('reads decimal strings exactly and refuses everything else', () => {
    const r = parseDecimal('0.1', ['rate'], 'rate');
    expect(r.ok && plain(r.value.plus('0.2'))).toBe('0.3');
    for (const bad of [0.1, '0x10', 'NaN', '1,5', ' 1', '', null]) {
      expect(parseDecimal(bad, ['rate'], 'rate'), String(bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_number', path: ['rate'] },
      });
    }
  });

  it('bounds digits so products stay exact', () => {
    expect(parseDecimal('999999999999999.999999999999999', ['x'], 'x').ok).toBe(true);
    expect(parseDecimal('1000000000000000', ['x'], 'x').ok).toBe(false);
    expect(parseDecimal('0.0000000000000001', ['x'], 'x').ok).toBe(false);
  });

  it('normalises negative zero and prints plain notation', () => {
    const r = parseInput('-0', 'quantity', 'negative_quantity');
    expect(r.ok && plain(r.value)).toBe('0');
    expect(plain(new PricingDecimal('1e-7'))).toBe('0.0000001');
  });

  it('divides exactly when it can, to 20 places when it cannot', () => {
    expect(plain(divide(new PricingDecimal(9), new PricingDecimal(30)))).toBe('0.3');
    expect(plain(divide(new PricingDecimal(10), new PricingDecimal(31)))).toBe('0.32258064516129032258');
  });
});
