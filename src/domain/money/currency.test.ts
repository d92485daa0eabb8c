import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from './currency.js';

describe('currency', () => {
  it('knows the ISO 4217 minor-unit exponents', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('CNY')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('GBP')).toBe(2);
    expect(currencyExponent('CAD')).toBe(2);
    expect(currencyExponent('HKD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
  });

  it('lists every supported code', () => {
    expect([...CURRENCY_CODES].sort()).toEqual(['CAD', 'CNY', 'EUR', 'GBP', 'HKD', 'JPY', 'USD']);
  });

  it('narrows only exact, supported codes', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('XXX')).toBe(false);
    expect(isCurrencyCode('toString')).toBe(false);
    expect(isCurrencyCode(undefined)).toBe(false);
    expect(isCurrencyCode(840)).toBe(false);
  });

  it('rejects unsupported codes at runtime', () => {
    expect(() => currencyExponent('XYZ' as never)).toThrow(RangeError);
  });
});
