import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { toMeasurement, UnitDecimal } from './unit-decimal.js';

describe('UnitDecimal', () => {
  it('carries 50 significant digits and is an ordinary Decimal', () => {
    expect(UnitDecimal.precision).toBe(50);
    const x = new UnitDecimal(1).div(3);
    expect(x.toString()).toBe(`0.${'3'.repeat(50)}`);
    expect(Decimal.isDecimal(x)).toBe(true);
    expect(x instanceof Decimal).toBe(true);
  });

  it('re-homes default-precision Decimals so later maths is at unit precision', () => {
    const m = toMeasurement(new Decimal(1), 'weight', 'g');
    expect(m.div(3).toString()).toBe(`0.${'3'.repeat(50)}`);
  });

  it('names the kind, unit and offending value', () => {
    expect(() => toMeasurement('', 'weight', 'kg')).toThrow('weight in kg must be a finite, non-negative number; got ""');
    expect(() => toMeasurement(-2, 'length', 'in')).toThrow('length in in must be a finite, non-negative number; got -2');
    expect(() => toMeasurement(Number.NaN, 'volume', 'm3')).toThrow('got NaN');
  });
});
