import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnitDecimal } from './unit-decimal.js';
import { convertWeight, isWeightUnit, WEIGHT_UNITS, type WeightUnit, weight, weightIn } from './weight.js';

// Non-negative decimals of up to 18 significant digits and 6 fractional
// digits, built from integers so the generator never touches float arithmetic.
// They are UnitDecimal instances so the test's own expected-value arithmetic
// (value × 16, sums) runs at the same 50-digit precision instead of
// decimal.js's default 20, which would round 18 digits × 28.349523125.
const arbMeasure = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
  .map(([n, scale]) => new UnitDecimal(n.toString()).div(new UnitDecimal(10).pow(scale)));
const arbUnit = fc.constantFrom(...WEIGHT_UNITS);

// Round trips through a non-terminating conversion (g → lb divides by
// 453.59237) cannot be bit-exact in any finite decimal precision. We compare
// after toSignificantDigits(30) rather than with an absolute tolerance: the
// inputs have at most 18 significant digits and the internal precision is 50,
// so the round-trip error sits ~35 digits below the leading digit and rounding
// to 30 digits recovers the input exactly, for tiny and huge values alike —
// an absolute 1e-20 bound would be meaningless for 10^18 g and lax for 1e-6 g.
const sameTo30Digits = (a: Decimal, b: Decimal): boolean => a.toSignificantDigits(30).equals(b.toSignificantDigits(30));

describe('weight', () => {
  it('1 lb is exactly 16 oz and exactly 453.59237 g', () => {
    expect(weightIn(weight(1, 'lb'), 'oz').toString()).toBe('16');
    expect(weightIn(weight(1, 'lb'), 'g').toString()).toBe('453.59237');
    expect(weightIn(weight(1, 'oz'), 'g').toString()).toBe('28.349523125');
    expect(weightIn(weight(16, 'oz'), 'lb').toString()).toBe('1');
  });

  it('1 kg = 2.20462262185 lb to 11 places', () => {
    expect(weightIn(weight(1, 'kg'), 'lb').toDecimalPlaces(11).toString()).toBe('2.20462262185');
  });

  it('converts metric exactly', () => {
    expect(weightIn(weight('2.5', 'kg'), 'g').toString()).toBe('2500');
    expect(weightIn(weight('1', 'g'), 'kg').toString()).toBe('0.001');
  });

  it('reads numbers by their decimal form, not their binary double', () => {
    expect(weight(0.1, 'kg').value.toString()).toBe('0.1');
    expect(weight(new Decimal('0.3'), 'kg').value.equals(weight('0.3', 'kg').value)).toBe(true);
  });

  it('returns frozen values and keeps the unit', () => {
    const w = convertWeight(weight(1, 'kg'), 'lb');
    expect(w.unit).toBe('lb');
    expect(Object.isFrozen(w)).toBe(true);
  });

  it.each<[string | number, WeightUnit]>([
    [-1, 'lb'],
    ['-0.001', 'kg'],
    [Number.NaN, 'g'],
    [Number.POSITIVE_INFINITY, 'oz'],
    ['abc', 'kg'],
    ['', 'kg'],
    ['Infinity', 'kg'],
    ['0x10', 'g'],
  ])('rejects %j %s with a RangeError naming the unit and value', (value, unit) => {
    expect(() => weight(value, unit)).toThrow(RangeError);
    expect(() => weight(value, unit)).toThrow(new RegExp(`weight in ${unit} .*got`));
  });

  it('rejects non-finite Decimals and unknown units', () => {
    expect(() => weight(new Decimal(Number.NaN), 'g')).toThrow(/weight in g .*got NaN/);
    expect(() => weight(1, 'stone' as WeightUnit)).toThrow(RangeError);
    expect(() => convertWeight(weight(1, 'g'), 'ton' as WeightUnit)).toThrow(RangeError);
  });

  it('accepts zero, including -0', () => {
    expect(weight(-0, 'kg').value.isZero()).toBe(true);
    expect(weight('-0', 'kg').value.isNegative()).toBe(false);
  });

  it('narrows unit strings', () => {
    expect(isWeightUnit('kg')).toBe(true);
    expect(isWeightUnit('KG')).toBe(false);
    expect(isWeightUnit('constructor')).toBe(false);
  });

  it('g → lb → g round-trips (to 30 significant digits)', () => {
    fc.assert(
      fc.property(arbMeasure, (grams) => {
        const back = weightIn(convertWeight(weight(grams, 'g'), 'lb'), 'g');
        expect(sameTo30Digits(back, grams)).toBe(true);
      }),
    );
  });

  it('any unit → any unit → back round-trips (to 30 significant digits)', () => {
    fc.assert(
      fc.property(arbMeasure, arbUnit, arbUnit, (value, from, to) => {
        const back = weightIn(convertWeight(weight(value, from), to), from);
        expect(sameTo30Digits(back, value)).toBe(true);
      }),
    );
  });

  it('conversions with terminating factors are bit-exact', () => {
    fc.assert(
      fc.property(arbMeasure, (value) => {
        expect(weightIn(weight(value, 'kg'), 'g').equals(value.times(1000))).toBe(true);
        expect(weightIn(weight(value, 'lb'), 'oz').equals(value.times(16))).toBe(true);
        expect(weightIn(weight(value, 'oz'), 'g').equals(value.times('28.349523125'))).toBe(true);
      }),
    );
  });

  it('summing converted weights has no float drift', () => {
    // Ten 0.1 kg items are exactly 1000 g — the float sum of ten 0.1s is not 1.
    const tenth = weightIn(weight(0.1, 'kg'), 'g');
    const total = Array.from({ length: 10 }, () => tenth).reduce((a, b) => a.plus(b), new UnitDecimal(0));
    expect(total.toString()).toBe('1000');

    // Summing per-item conversions equals converting the sum, exactly.
    fc.assert(
      fc.property(fc.array(arbMeasure, { maxLength: 40 }), (ounces) => {
        const sumOfGrams = ounces.map((oz) => weightIn(weight(oz, 'oz'), 'g')).reduce((a, b) => a.plus(b), new UnitDecimal(0));
        const totalOz = ounces.reduce((a, b) => a.plus(b), new UnitDecimal(0));
        expect(sumOfGrams.equals(weightIn(weight(totalOz, 'oz'), 'g'))).toBe(true);
      }),
    );
  });
});
