import { describe, expect, it } from 'vitest';
import { money } from '../money/index.js';
import { counted, showMoney, showRate, unitName } from './explain.js';
import { PricingDecimal } from './pricing-decimal.js';

describe('explain', () => {
  it('shows rates with every significant digit and at least the currency exponent', () => {
    expect(showRate('USD', new PricingDecimal('0.015'), 'en')).toBe('$0.015');
    expect(showRate('USD', new PricingDecimal('0.3'), 'en')).toBe('$0.30');
    expect(showRate('USD', new PricingDecimal('0.3'), 'zh')).toBe('US$0.30');
    expect(showRate('USD', new PricingDecimal('1234.5'), 'en')).toBe('$1,234.50');
    expect(showRate('JPY', new PricingDecimal('1.5'), 'en')).toBe('¥1.5');
    expect(showRate('CNY', new PricingDecimal('2'), 'zh')).toBe('¥2.00');
  });

  it('shows rounded money the way invoices do', () => {
    expect(showMoney(money('USD', 360n), 'en')).toBe('$3.60');
    expect(showMoney(money('USD', 360n), 'zh')).toBe('US$3.60');
  });

  it('names units, plural only when the count is not one', () => {
    expect(counted('1', 'order', 'en')).toBe('1 order');
    expect(counted('1.5', 'order', 'en')).toBe('1.5 orders');
    expect(counted('3', 'pallet', 'zh')).toBe('3 托');
    expect(unitName('ft3', '2', 'en')).toBe('ft³');
    expect(unitName('ft3·day', '2', 'zh')).toBe('ft3·day');
    expect(unitName('constructor', '2', 'en')).toBe('constructor');
  });
});
