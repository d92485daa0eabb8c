/** The report's arithmetic rules: averages of minor units round half away from zero; ratios to 4 places. */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRound, ratio } from './reports.js';

describe('divideRound', () => {
  it('is the exact quotient rounded half away from zero, for any sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 1000n }), fc.boolean(), (a, b, flip) => {
        const d = flip ? -b : b;
        const exact = new Decimal(a.toString()).dividedBy(d.toString());
        const expected = exact
          .abs()
          .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
          .times(exact.isNegative() ? -1 : 1);
        expect(divideRound(a, d).toString()).toBe(expected.isZero() ? '0' : expected.toFixed(0));
      }),
    );
  });

  it('averages as in the report’s worked example', () => {
    // (3340 + 4115) ÷ 2 months = 3727.5 → 3728 ($37.28); −245 ÷ 2 = −122.5 → −123.
    expect(divideRound(7455n, 2n)).toBe(3728n);
    expect(divideRound(-245n, 2n)).toBe(-123n);
  });
});

describe('ratio', () => {
  it('has 4 decimals, is within half a ten-thousandth of the exact quotient, and is null for a zero divisor', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -10_000, max: 10_000 }), (a, b) => {
        const r = ratio(a, b);
        if (b === 0) {
          // fast-check reads a returned false as a failure: assert, return nothing.
          expect(r).toBeNull();
          return;
        }
        expect(r).toMatch(/^-?\d+\.\d{4}$/);
        expect(new Decimal(r as string).minus(new Decimal(a).dividedBy(b)).abs().lessThanOrEqualTo('0.00005')).toBe(true);
      }),
    );
  });
});
