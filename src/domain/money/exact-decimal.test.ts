import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { numberToScaledInteger, pow10, toScaledInteger } from './exact-decimal.js';

describe('toScaledInteger', () => {
  it('keeps every significant digit and expands exponents', () => {
    // Trailing zeros may be normalised away; the value is what must be exact.
    expect(toScaledInteger('12.340', 'x')).toEqual({ coefficient: 1234n, scale: 2 });
    expect(toScaledInteger('-1e-2', 'x')).toEqual({ coefficient: -1n, scale: 2 });
    expect(toScaledInteger('1.5E3', 'x')).toEqual({ coefficient: 1500n, scale: 0 });
    expect(toScaledInteger('.5', 'x')).toEqual({ coefficient: 5n, scale: 1 });
    expect(toScaledInteger(new Decimal('123456789012345678901234567890.123'), 'x')).toEqual({
      coefficient: 123456789012345678901234567890123n,
      scale: 3,
    });
  });

  it.each(['', 'abc', '1,234.50', ' 1', '0x10', '0b1', 'NaN', 'Infinity', '1e', '--1', '1.2.3'])(
    'rejects %j with a RangeError',
    (input) => {
      expect(() => toScaledInteger(input, 'amount')).toThrow(RangeError);
    },
  );

  it('rejects non-finite Decimals and absurd exponents', () => {
    expect(() => toScaledInteger(new Decimal(Number.NaN), 'x')).toThrow(RangeError);
    expect(() => toScaledInteger(new Decimal('Infinity'), 'x')).toThrow(RangeError);
    expect(() => toScaledInteger('1e100000', 'x')).toThrow(RangeError);
  });

  it('reads numbers by their shortest decimal form', () => {
    expect(numberToScaledInteger(0.1, 'x')).toEqual({ coefficient: 1n, scale: 1 });
    expect(numberToScaledInteger(1e21, 'x')).toEqual({ coefficient: 10n ** 21n, scale: 0 });
    expect(() => numberToScaledInteger(Number.POSITIVE_INFINITY, 'x')).toThrow(RangeError);
    expect(pow10(3)).toBe(1000n);
  });
});
