import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { length } from './length.js';
import { UnitDecimal } from './unit-decimal.js';
import { boxVolume, convertVolume, isVolumeUnit, VOLUME_UNITS, type VolumeUnit, volume, volumeIn } from './volume.js';

const arbMeasure = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
  .map(([n, scale]) => new UnitDecimal(n.toString()).div(new UnitDecimal(10).pow(scale)));
const arbUnit = fc.constantFrom(...VOLUME_UNITS);

// See weight.test.ts for why round trips compare at 30 significant digits.
const sameTo30Digits = (a: Decimal, b: Decimal): boolean => a.toSignificantDigits(30).equals(b.toSignificantDigits(30));

describe('volume', () => {
  it('derives exact factors from the length units', () => {
    expect(volumeIn(volume(1, 'in3'), 'cm3').toString()).toBe('16.387064');
    expect(volumeIn(volume(1, 'ft3'), 'cm3').toString()).toBe('28316.846592');
    expect(volumeIn(volume(1, 'm3'), 'cm3').toString()).toBe('1000000');
  });

  it('1 ft3 = 1728 in3 exactly', () => {
    expect(volumeIn(volume(1, 'ft3'), 'in3').toString()).toBe('1728');
    expect(volumeIn(volume(1728, 'in3'), 'ft3').toString()).toBe('1');
  });

  it('1 m3 ≈ 35.3146667 ft3', () => {
    expect(volumeIn(volume(1, 'm3'), 'ft3').toDecimalPlaces(7).toString()).toBe('35.3146667');
  });

  it('a 12×10×8 in box is 960 in3 = 0.5555… ft3', () => {
    const [l, w, h] = [length(12, 'in'), length(10, 'in'), length(8, 'in')];
    expect(boxVolume(l, w, h, 'in3').value.toString()).toBe('960');
    const ft3 = boxVolume(l, w, h, 'ft3');
    expect(ft3.unit).toBe('ft3');
    expect(ft3.value.toDecimalPlaces(20).toString()).toBe('0.55555555555555555556');
    // 960/1728 = 5/9 exactly: multiplying back by 9 gives 5 to 45+ digits.
    expect(ft3.value.times(9).toSignificantDigits(45).toString()).toBe('5');
  });

  it('multiplies mixed-unit edges exactly', () => {
    // 1 in × 2.54 cm × 25.4 mm = 2.54 cm × 2.54 cm × 2.54 cm = 1 in3.
    expect(boxVolume(length(1, 'in'), length('2.54', 'cm'), length('25.4', 'mm'), 'in3').value.toString()).toBe('1');
    expect(boxVolume(length(1, 'm'), length(50, 'cm'), length(200, 'mm'), 'm3').value.toString()).toBe('0.1');
  });

  it.each<[string | number, VolumeUnit]>([
    [-1, 'm3'],
    [Number.NaN, 'ft3'],
    ['1,5', 'cm3'],
  ])('rejects %j %s with a RangeError naming the unit and value', (value, unit) => {
    expect(() => volume(value, unit)).toThrow(new RegExp(`volume in ${unit} .*got`));
  });

  it('rejects unknown units and narrows unit strings', () => {
    expect(() => volume(1, 'l' as VolumeUnit)).toThrow(RangeError);
    expect(() => boxVolume(length(1, 'cm'), length(1, 'cm'), length(1, 'cm'), 'cbm' as VolumeUnit)).toThrow(RangeError);
    expect(isVolumeUnit('m3')).toBe(true);
    expect(isVolumeUnit('m³')).toBe(false);
  });

  it('cm3 → ft3 → cm3 round-trips (to 30 significant digits)', () => {
    fc.assert(
      fc.property(arbMeasure, (cm3) => {
        const back = volumeIn(convertVolume(volume(cm3, 'cm3'), 'ft3'), 'cm3');
        expect(sameTo30Digits(back, cm3)).toBe(true);
      }),
    );
  });

  it('any unit → any unit → back round-trips (to 30 significant digits)', () => {
    fc.assert(
      fc.property(arbMeasure, arbUnit, arbUnit, (value, from, to) => {
        expect(sameTo30Digits(volumeIn(convertVolume(volume(value, from), to), from), value)).toBe(true);
      }),
    );
  });

  it('boxVolume in in3 of inch edges is the exact product', () => {
    const arbEdge = fc.integer({ min: 0, max: 100_000 }).map((n) => new UnitDecimal(n).div(100));
    fc.assert(
      fc.property(arbEdge, arbEdge, arbEdge, (a, b, c) => {
        const v = boxVolume(length(a, 'in'), length(b, 'in'), length(c, 'in'), 'in3');
        expect(v.value.equals(a.times(b).times(c))).toBe(true);
      }),
    );
  });
});
