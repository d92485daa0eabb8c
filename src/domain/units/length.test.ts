import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertLength, isLengthUnit, LENGTH_UNITS, type LengthUnit, length, lengthIn } from './length.js';
import { UnitDecimal } from './unit-decimal.js';

// UnitDecimal so expected values in the test are computed at unit precision.
const arbMeasure = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
  .map(([n, scale]) => new UnitDecimal(n.toString()).div(new UnitDecimal(10).pow(scale)));
const arbUnit = fc.constantFrom(...LENGTH_UNITS);

// See weight.test.ts: cm → in divides by 2.54 (non-terminating), so round
// trips are compared at 30 significant digits, a relative criterion that is
// ~20 digits tighter than any input's own precision.
const sameTo30Digits = (a: Decimal, b: Decimal): boolean => a.toSignificantDigits(30).equals(b.toSignificantDigits(30));

describe('length', () => {
  it('uses the exact international inch and foot', () => {
    expect(lengthIn(length(1, 'in'), 'cm').toString()).toBe('2.54');
    expect(lengthIn(length(1, 'ft'), 'in').toString()).toBe('12');
    expect(lengthIn(length(1, 'ft'), 'mm').toString()).toBe('304.8');
    expect(lengthIn(length(1, 'm'), 'mm').toString()).toBe('1000');
    expect(lengthIn(length('2.54', 'cm'), 'in').toString()).toBe('1');
  });

  it('converts 1 m to 39.3700787… in', () => {
    expect(lengthIn(length(1, 'm'), 'in').toDecimalPlaces(7).toString()).toBe('39.3700787');
  });

  it.each<[string | number, LengthUnit]>([
    [-0.5, 'cm'],
    ['-1', 'in'],
    [Number.NaN, 'mm'],
    ['12 in', 'in'],
  ])('rejects %j %s with a RangeError naming the unit and value', (value, unit) => {
    expect(() => length(value, unit)).toThrow(new RegExp(`length in ${unit} .*got`));
  });

  it('rejects unknown units and narrows unit strings', () => {
    expect(() => length(1, 'yd' as LengthUnit)).toThrow(RangeError);
    expect(isLengthUnit('ft')).toBe(true);
    expect(isLengthUnit('feet')).toBe(false);
  });

  it('cm → in → cm round-trips (to 30 significant digits)', () => {
    fc.assert(
      fc.property(arbMeasure, (cm) => {
        const back = lengthIn(convertLength(length(cm, 'cm'), 'in'), 'cm');
        expect(sameTo30Digits(back, cm)).toBe(true);
      }),
    );
  });

  it('any unit → any unit → back round-trips (to 30 significant digits)', () => {
    fc.assert(
      fc.property(arbMeasure, arbUnit, arbUnit, (value, from, to) => {
        expect(sameTo30Digits(lengthIn(convertLength(length(value, from), to), from), value)).toBe(true);
      }),
    );
  });

  it('imperial → metric is bit-exact (every imperial factor terminates in mm)', () => {
    fc.assert(
      fc.property(arbMeasure, fc.constantFrom<LengthUnit>('in', 'ft'), (value, unit) => {
        const mm = lengthIn(length(value, unit), 'mm');
        expect(mm.equals(value.times(unit === 'in' ? '25.4' : '304.8'))).toBe(true);
        expect(lengthIn(length(mm, 'mm'), unit).equals(value)).toBe(true);
      }),
    );
  });
});
