import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToNearest, roundUpTo } from './step-rounding.js';
import { UnitDecimal } from './unit-decimal.js';

const d = (s: string): Decimal => new Decimal(s);

describe('roundUpTo', () => {
  it.each([
    ['1.01', '0.5', '1.5'],
    ['1.5', '0.5', '1.5'],
    ['0', '0.5', '0'],
    ['0.0001', '1', '1'],
    ['10.2', '1', '11'],
    ['16.01', '1', '17'],
    ['2.0000000000000000000000000001', '1', '3'],
    ['-1.2', '0.5', '-1'],
    ['7', '0.25', '7'],
  ])('%s up to a %s step is %s', (value, step, expected) => {
    expect(roundUpTo(d(value), step).toString()).toBe(expected);
  });

  it('rejects non-positive or malformed steps and non-finite values', () => {
    expect(() => roundUpTo(d('1'), '0')).toThrow(RangeError);
    expect(() => roundUpTo(d('1'), '-0.5')).toThrow(RangeError);
    expect(() => roundUpTo(d('1'), 'half')).toThrow(RangeError);
    expect(() => roundUpTo(d('Infinity'), '1')).toThrow(RangeError);
  });

  it('is ≥ x, a multiple of step, and < x + step', () => {
    const arbValue = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }))
      .map(([n, scale]) => new UnitDecimal(n.toString()).div(new UnitDecimal(10).pow(scale)));
    const arbStep = fc.oneof(
      fc.constantFrom('0.5', '1', '0.1', '0.25', '0.0625', '5', '0.01', '0.3'),
      fc
        .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 4 }))
        .map(([n, scale]) => new UnitDecimal(n).div(new UnitDecimal(10).pow(scale)).toString()),
    );
    fc.assert(
      fc.property(arbValue, arbStep, (x, step) => {
        const r = roundUpTo(x, step);
        expect(r.gte(x)).toBe(true);
        expect(r.lt(x.plus(step))).toBe(true);
        expect(r.mod(step).isZero()).toBe(true);
      }),
    );
  });
});

describe('roundToNearest', () => {
  it.each([
    ['1.24', '0.5', '1'],
    ['1.25', '0.5', '1.5'],
    ['1.26', '0.5', '1.5'],
    ['7.4', '1', '7'],
    ['7.5', '1', '8'],
    ['-7.5', '1', '-8'],
    ['0.24', '0.5', '0'],
  ])('%s to the nearest %s is %s', (value, step, expected) => {
    expect(roundToNearest(d(value), step).toString()).toBe(expected);
  });

  it('is a multiple of step within half a step of x', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((n) => new UnitDecimal(n.toString()).div(1000)),
        fc.constantFrom('0.5', '1', '0.25', '0.1', '3'),
        (x, step) => {
          const r = roundToNearest(x, step);
          expect(r.mod(step).isZero()).toBe(true);
          expect(r.minus(x).abs().times(2).lte(step)).toBe(true);
        },
      ),
    );
  });
});
