import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideAndRound, isRoundingMode, ROUNDING_MODES, type RoundingMode, toDecimalRounding } from './rounding.js';

// Rounds a value expressed in thousandths to hundredths, so the table below
// reads like the documented "2.345 → 2.35" examples.
const toHundredths = (thousandths: bigint, mode: RoundingMode): bigint => divideAndRound(thousandths, 10n, mode);

describe('divideAndRound', () => {
  it.each<[RoundingMode, bigint, bigint]>([
    ['half_up', 2345n, 235n],
    ['half_up', -2345n, -235n],
    ['half_up', 2344n, 234n],
    ['half_even', 2345n, 234n],
    ['half_even', 2355n, 236n],
    ['half_even', -2345n, -234n],
    ['half_even', -2355n, -236n],
    ['half_even', 2346n, 235n],
    ['up', 2341n, 235n],
    ['up', -2341n, -235n],
    ['down', 2349n, 234n],
    ['down', -2349n, -234n],
    ['ceiling', 2341n, 235n],
    ['ceiling', -2349n, -234n],
    ['floor', 2349n, 234n],
    ['floor', -2341n, -235n],
  ])('%s rounds %d thousandths to %d hundredths', (mode, input, expected) => {
    expect(toHundredths(input, mode)).toBe(expected);
  });

  it('returns exact quotients unchanged in every mode', () => {
    for (const mode of ROUNDING_MODES) {
      expect(divideAndRound(-2340n, 10n, mode)).toBe(-234n);
      expect(divideAndRound(0n, 7n, mode)).toBe(0n);
    }
  });

  it('handles negative denominators', () => {
    expect(divideAndRound(7n, -2n, 'floor')).toBe(-4n);
    expect(divideAndRound(-7n, -2n, 'floor')).toBe(3n);
  });

  it('rejects division by zero and unknown modes', () => {
    expect(() => divideAndRound(1n, 0n, 'half_up')).toThrow(RangeError);
    expect(() => divideAndRound(1n, 2n, 'bankers' as RoundingMode)).toThrow(RangeError);
  });

  it('agrees with decimal.js under the documented constant mapping', () => {
    // High precision so decimal.js's own division cannot introduce a false tie.
    const D = Decimal.clone({ precision: 200 });
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.constantFrom(...ROUNDING_MODES),
        (n, d, mode) => {
          const expected = new D(n.toString()).div(d.toString()).toFixed(0, toDecimalRounding(mode));
          expect(divideAndRound(n, d, mode).toString()).toBe(expected === '-0' ? '0' : expected);
        },
      ),
    );
  });

  it('always lands within one unit of the exact quotient, on the side the mode promises', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const floor = divideAndRound(n, d, 'floor');
        const ceiling = divideAndRound(n, d, 'ceiling');
        expect(floor * d <= n).toBe(true);
        expect(ceiling * d >= n).toBe(true);
        expect(ceiling - floor <= 1n).toBe(true);
        for (const mode of ROUNDING_MODES) {
          const q = divideAndRound(n, d, mode);
          expect(q === floor || q === ceiling).toBe(true);
        }
      }),
    );
  });
});

describe('rounding modes', () => {
  it('maps to decimal.js constants', () => {
    expect(toDecimalRounding('half_up')).toBe(Decimal.ROUND_HALF_UP);
    expect(toDecimalRounding('half_even')).toBe(Decimal.ROUND_HALF_EVEN);
    expect(toDecimalRounding('up')).toBe(Decimal.ROUND_UP);
    expect(toDecimalRounding('down')).toBe(Decimal.ROUND_DOWN);
    expect(toDecimalRounding('ceiling')).toBe(Decimal.ROUND_CEIL);
    expect(toDecimalRounding('floor')).toBe(Decimal.ROUND_FLOOR);
    expect(new Decimal('2.345').toFixed(2, toDecimalRounding('half_even'))).toBe('2.34');
    expect(new Decimal('-2.345').toFixed(2, toDecimalRounding('half_up'))).toBe('-2.35');
  });

  it('narrows strings', () => {
    expect(isRoundingMode('ceiling')).toBe(true);
    expect(isRoundingMode('CEILING')).toBe(false);
    expect(isRoundingMode('hasOwnProperty')).toBe(false);
    expect(() => toDecimalRounding('nearest' as RoundingMode)).toThrow(RangeError);
  });
});
