import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, type CurrencyCode, currencyExponent } from './currency.js';
import {
  add,
  allocate,
  CurrencyMismatchError,
  compare,
  convert,
  equals,
  formatMoney,
  isZero,
  type Money,
  money,
  moneyFromDecimal,
  moneyFromDto,
  moneyToDto,
  multiply,
  negate,
  subtract,
  sum,
  toDecimalString,
  zero,
} from './money.js';
import { ROUNDING_MODES, type RoundingMode } from './rounding.js';

const usd = (minor: bigint | number): Money => money('USD', minor);
const minors = (list: Money[]): bigint[] => list.map((m) => m.minor);

// Amounts up to ±10^18 minor units: far beyond any real invoice and beyond
// 2^53, so anything that sneaks through a float would be caught.
const arbMinor = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n });
const arbCurrency = fc.constantFrom(...CURRENCY_CODES);
const arbMode = fc.constantFrom(...ROUNDING_MODES);
const arbMoney = fc.tuple(arbCurrency, arbMinor).map(([c, m]) => money(c, m));

describe('money()', () => {
  it('builds frozen values from bigint or safe-integer numbers', () => {
    const m = money('USD', 1234);
    expect(m).toEqual({ currency: 'USD', minor: 1234n });
    expect(Object.isFrozen(m)).toBe(true);
    expect(money('JPY', 1200n).minor).toBe(1200n);
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('rejects %d minor units', (n) => {
    expect(() => money('USD', n)).toThrow(RangeError);
  });

  it('rejects unsupported currencies', () => {
    expect(() => money('XYZ' as CurrencyCode, 1n)).toThrow(RangeError);
  });
});

describe('moneyFromDecimal', () => {
  it.each<[string, RoundingMode, bigint]>([
    ['2.345', 'half_even', 234n],
    ['2.345', 'half_up', 235n],
    ['2.355', 'half_even', 236n],
    ['-2.345', 'half_even', -234n],
    ['-2.345', 'half_up', -235n],
    ['-2.341', 'up', -235n],
    ['-2.349', 'down', -234n],
    ['-2.349', 'ceiling', -234n],
    ['-2.341', 'floor', -235n],
    ['12.34', 'half_even', 1234n],
    ['-0.05', 'half_even', -5n],
    ['1e2', 'half_even', 10000n],
    ['0.004', 'half_up', 0n],
    ['-0.004', 'floor', -1n],
  ])('USD %s with %s → %d minor', (input, mode, expected) => {
    expect(moneyFromDecimal('USD', input, mode).minor).toBe(expected);
  });

  it('uses exponent 0 for JPY', () => {
    expect(moneyFromDecimal('JPY', '1200', 'half_even').minor).toBe(1200n);
    expect(moneyFromDecimal('JPY', '1200.5', 'half_even').minor).toBe(1200n);
    expect(moneyFromDecimal('JPY', '1201.5', 'half_even').minor).toBe(1202n);
    expect(moneyFromDecimal('JPY', '1200.5', 'half_up').minor).toBe(1201n);
  });

  it('accepts Decimal instances without going through floats', () => {
    expect(moneyFromDecimal('USD', new Decimal('123456789012345678.995'), 'half_up').minor).toBe(12345678901234567900n);
  });

  it.each(['abc', '', '1,234.50', '$1', 'NaN', 'Infinity', '0x10', ' 1.00'])('rejects %j with a RangeError', (s) => {
    expect(() => moneyFromDecimal('USD', s, 'half_even')).toThrow(RangeError);
  });
});

describe('toDecimalString', () => {
  it('prints exactly the currency exponent', () => {
    expect(toDecimalString(usd(1234n))).toBe('12.34');
    expect(toDecimalString(usd(-5n))).toBe('-0.05');
    expect(toDecimalString(usd(0n))).toBe('0.00');
    expect(toDecimalString(usd(-100n))).toBe('-1.00');
    expect(toDecimalString(money('JPY', 1200n))).toBe('1200');
    expect(toDecimalString(money('JPY', -7n))).toBe('-7');
    expect(toDecimalString(usd(123456789012345678901n))).toBe('1234567890123456789.01');
  });
});

describe('arithmetic', () => {
  it('makes float drift impossible: 10 × $0.10 is exactly $1.00', () => {
    const dime = moneyFromDecimal('USD', '0.10', 'half_even');
    const total = sum(
      'USD',
      Array.from({ length: 10 }, () => dime),
    );
    expect(total).toEqual(usd(100n));
    expect(toDecimalString(total)).toBe('1.00');
    // The float version of the same sum, for contrast.
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
  });

  it('adds, subtracts and negates exactly', () => {
    expect(add(usd(10n), usd(20n))).toEqual(usd(30n));
    expect(subtract(usd(100n), usd(250n))).toEqual(usd(-150n));
    expect(negate(usd(500n))).toEqual(usd(-500n));
    expect(negate(usd(0n)).minor).toBe(0n);
  });

  it('sums an empty list to zero', () => {
    expect(sum('EUR', [])).toEqual(zero('EUR'));
    expect(isZero(sum('JPY', []))).toBe(true);
  });

  it('throws CurrencyMismatchError when currencies mix', () => {
    const a = usd(1n);
    const b = money('CNY', 1n);
    expect(() => add(a, b)).toThrow(CurrencyMismatchError);
    expect(() => subtract(a, b)).toThrow(CurrencyMismatchError);
    expect(() => compare(a, b)).toThrow(CurrencyMismatchError);
    expect(() => sum('USD', [a, b])).toThrow(CurrencyMismatchError);
    try {
      add(a, b);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toMatchObject({ name: 'CurrencyMismatchError', expected: 'USD', actual: 'CNY' });
    }
  });

  it('multiplies by a decimal factor, rounding once', () => {
    expect(multiply(usd(1999n), '3', 'half_up')).toEqual(usd(5997n));
    expect(multiply(usd(1000n), '0.075', 'half_even')).toEqual(usd(75n));
    expect(multiply(usd(5n), '0.5', 'half_even')).toEqual(usd(2n));
    expect(multiply(usd(5n), '0.5', 'half_up')).toEqual(usd(3n));
    expect(multiply(usd(-5n), '0.5', 'half_even')).toEqual(usd(-2n));
    expect(multiply(usd(-5n), '0.5', 'half_up')).toEqual(usd(-3n));
    expect(multiply(usd(-5n), '0.5', 'floor')).toEqual(usd(-3n));
    expect(multiply(usd(-5n), '0.5', 'ceiling')).toEqual(usd(-2n));
    // 21 significant digits: beyond decimal.js's default precision of 20, so
    // this only passes because the product is computed exactly in bigint.
    expect(multiply(usd(10n ** 20n + 1n), new Decimal('1.5'), 'half_even')).toEqual(usd(150000000000000000002n));
    expect(() => multiply(usd(1n), 'two', 'half_up')).toThrow(RangeError);
  });

  it('compares, equals and isZero', () => {
    expect(compare(usd(1n), usd(2n))).toBe(-1);
    expect(compare(usd(2n), usd(2n))).toBe(0);
    expect(compare(usd(3n), usd(2n))).toBe(1);
    expect([usd(3n), usd(-1n), usd(2n)].sort(compare)).toEqual([usd(-1n), usd(2n), usd(3n)]);
    expect(equals(usd(100n), moneyFromDecimal('USD', '1.00', 'half_even'))).toBe(true);
    expect(equals(zero('USD'), zero('EUR'))).toBe(false);
    expect(isZero(usd(0n))).toBe(true);
    expect(isZero(usd(-1n))).toBe(false);
  });
});

describe('convert', () => {
  it('applies the rate to the major-unit value and rounds once in the target currency', () => {
    expect(convert(usd(10000n), 'CNY', '7.1234', 'half_even')).toEqual(money('CNY', 71234n));
    expect(convert(usd(1234n), 'JPY', '150', 'half_up')).toEqual(money('JPY', 1851n));
    expect(convert(money('JPY', 1000n), 'USD', '0.0066667', 'half_even')).toEqual(usd(667n));
    expect(convert(usd(1n), 'EUR', '0.925', 'half_even')).toEqual(money('EUR', 1n));
    expect(convert(usd(-1n), 'EUR', '0.925', 'floor')).toEqual(money('EUR', -1n));
  });

  it('rejects non-positive or malformed rates', () => {
    expect(() => convert(usd(1n), 'EUR', '0', 'half_even')).toThrow(RangeError);
    expect(() => convert(usd(1n), 'EUR', '-1.1', 'half_even')).toThrow(RangeError);
    expect(() => convert(usd(1n), 'EUR', 'abc', 'half_even')).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits without losing a cent, remainders to the largest shares first', () => {
    expect(minors(allocate(usd(100n), [1, 1, 1]))).toEqual([34n, 33n, 33n]);
    expect(minors(allocate(usd(5n), [70n, 30n]))).toEqual([4n, 1n]);
    expect(minors(allocate(usd(100n), [0.7, 0.3]))).toEqual([70n, 30n]);
    expect(minors(allocate(usd(1n), [1, 1, 1]))).toEqual([1n, 0n, 0n]);
    expect(minors(allocate(usd(1000n), [1, 2, 3]))).toEqual([167n, 333n, 500n]);
  });

  it('gives zero to zero ratios and mirrors negative amounts', () => {
    expect(minors(allocate(usd(10n), [0, 1, 0]))).toEqual([0n, 10n, 0n]);
    expect(minors(allocate(usd(-100n), [1, 1, 1]))).toEqual([-34n, -33n, -33n]);
  });

  it('keeps the currency', () => {
    expect(allocate(money('JPY', 1000n), [1, 3]).map((m) => m.currency)).toEqual(['JPY', 'JPY']);
  });

  it('rejects empty, negative, non-finite or all-zero ratios', () => {
    expect(() => allocate(usd(1n), [])).toThrow(RangeError);
    expect(() => allocate(usd(1n), [1, -1])).toThrow(RangeError);
    expect(() => allocate(usd(1n), [Number.NaN])).toThrow(RangeError);
    expect(() => allocate(usd(1n), [0, 0])).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats for English and Simplified Chinese UIs', () => {
    expect(formatMoney(usd(1234n), 'en')).toBe('$12.34');
    expect(formatMoney(usd(1234n), 'zh-CN')).toBe('US$12.34');
    expect(formatMoney(money('CNY', 1234n), 'zh-CN')).toBe('¥12.34');
    expect(formatMoney(money('CNY', 1234n), 'en')).toBe('CN¥12.34');
    expect(formatMoney(money('JPY', 1200n), 'en')).toBe('¥1,200');
    expect(formatMoney(usd(-5n), 'en')).toBe('-$0.05');
  });

  it('does not lose precision on huge amounts', () => {
    expect(formatMoney(usd(12345678901234567890n), 'en')).toBe('$123,456,789,012,345,678.90');
  });
});

describe('DTO', () => {
  it('is JSON-safe', () => {
    const dto = moneyToDto(usd(-5n));
    expect(dto).toEqual({ currency: 'USD', amount_minor: '-5', amount: '-0.05' });
    expect(JSON.parse(JSON.stringify(dto))).toEqual(dto);
  });

  it('parses and validates', () => {
    expect(moneyFromDto({ currency: 'USD', amount_minor: '1234', amount: '12.34' })).toEqual(usd(1234n));
    expect(moneyFromDto({ currency: 'USD', amount_minor: '1230', amount: '12.3' })).toEqual(usd(1230n));
    expect(moneyFromDto({ currency: 'JPY', amount_minor: '1200' })).toEqual(money('JPY', 1200n));
    expect(() => moneyFromDto({ currency: 'USD', amount_minor: '1234', amount: '99.99' })).toThrow(RangeError);
    expect(() => moneyFromDto({ currency: 'USD', amount_minor: '1234', amount: '12.345' })).toThrow(RangeError);
    expect(() => moneyFromDto({ currency: 'USD', amount_minor: '12.34' })).toThrow(RangeError);
    expect(() => moneyFromDto({ currency: 'usd', amount_minor: '1' })).toThrow(RangeError);
  });
});

describe('properties', () => {
  it('add then subtract is the identity', () => {
    fc.assert(
      fc.property(arbCurrency, arbMinor, arbMinor, (c, a, b) => {
        const x = money(c, a);
        const y = money(c, b);
        expect(equals(subtract(add(x, y), y), x)).toBe(true);
        expect(equals(add(subtract(x, y), y), x)).toBe(true);
      }),
    );
  });

  it('sum is independent of order', () => {
    const arbListAndPermutation = fc
      .array(arbMinor, { maxLength: 30 })
      .chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));
    fc.assert(
      fc.property(arbCurrency, arbListAndPermutation, (c, [xs, ys]) => {
        const total = sum(
          c,
          xs.map((x) => money(c, x)),
        );
        const shuffled = sum(
          c,
          ys.map((y) => money(c, y)),
        );
        expect(equals(total, shuffled)).toBe(true);
      }),
    );
  });

  it('allocate parts always sum to the whole and are each within one unit of the exact share', () => {
    const arbRatios = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((rs) => rs.some((r) => r > 0));
    fc.assert(
      fc.property(arbMoney, arbRatios, (m, ratios) => {
        const parts = allocate(m, ratios);
        expect(parts).toHaveLength(ratios.length);
        expect(equals(sum(m.currency, parts), m)).toBe(true);
        const total = BigInt(ratios.reduce((a, b) => a + b, 0));
        parts.forEach((p, i) => {
          // |part × total − amount × ratio| < total  ⇔  part is within one unit of its exact share.
          const diff = p.minor * total - m.minor * BigInt(ratios[i] as number);
          expect(diff < total && -diff < total).toBe(true);
        });
      }),
    );
  });

  it('allocate with equal ratios gives parts differing by at most one unit', () => {
    fc.assert(
      fc.property(arbMoney, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100 }), (m, n, r) => {
        const parts = minors(
          allocate(
            m,
            Array.from({ length: n }, () => r),
          ),
        );
        // Sort rather than Math.max/min, which do not accept bigint.
        const sorted = [...parts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect((sorted.at(-1) as bigint) - (sorted[0] as bigint) <= 1n).toBe(true);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(m.minor);
      }),
    );
  });

  it('moneyFromDecimal(toDecimalString(m)) === m in every rounding mode', () => {
    fc.assert(
      fc.property(arbMoney, arbMode, (m, mode) => {
        expect(equals(moneyFromDecimal(m.currency, toDecimalString(m), mode), m)).toBe(true);
      }),
    );
  });

  it('DTO round-trips', () => {
    fc.assert(
      fc.property(arbMoney, (m) => {
        const dto = JSON.parse(JSON.stringify(moneyToDto(m)));
        expect(equals(moneyFromDto(dto), m)).toBe(true);
      }),
    );
  });

  it('multiply by "1" is the identity', () => {
    fc.assert(
      fc.property(arbMoney, arbMode, (m, mode) => {
        expect(equals(multiply(m, '1', mode), m)).toBe(true);
        expect(equals(multiply(m, new Decimal('1.000'), mode), m)).toBe(true);
      }),
    );
  });

  it('multiply rounds within one unit, on the side the mode promises', () => {
    fc.assert(
      fc.property(arbMoney, fc.integer({ min: -10_000_000, max: 10_000_000 }), (m, f) => {
        // factor = f / 10^4, so the exact product is m.minor × f / 10^4.
        const factor = new Decimal(f).div(10_000);
        const exactTimes10k = m.minor * BigInt(f);
        const floor = multiply(m, factor, 'floor').minor;
        const ceiling = multiply(m, factor, 'ceiling').minor;
        expect(floor * 10_000n <= exactTimes10k).toBe(true);
        expect(ceiling * 10_000n >= exactTimes10k).toBe(true);
        expect(ceiling - floor <= 1n).toBe(true);
      }),
    );
  });

  it('converting at rate r then 1/r returns within one minor unit', () => {
    // Rates of the form 2^a·5^b have terminating decimal inverses, so both legs
    // use exact rates and all the error comes from the two roundings. The bound
    // of one unit needs the first leg not to lose resolution: the rate in
    // minor units, ρ = r·10^(e_to − e_from), must be ≥ 1 (otherwise several
    // source units collapse onto one target unit and cannot be recovered), so
    // we orient each generated pair so that ρ ≥ 1.
    const arbExactRate = fc
      .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }))
      .map(([a, b]) => new Decimal(2).pow(a).times(new Decimal(5).pow(b)));
    fc.assert(
      fc.property(
        arbCurrency,
        arbCurrency,
        arbExactRate,
        arbMinor,
        fc.constantFrom<RoundingMode>('half_up', 'half_even'),
        (from, to, rate, minor, mode) => {
          const rho = rate.times(new Decimal(10).pow(currencyExponent(to) - currencyExponent(from)));
          const [src, dst, r] = rho.gte(1) ? [from, to, rate] : [to, from, new Decimal(1).div(rate)];
          const inverse = new Decimal(1).div(r);
          // Sanity: the inverse really is exact, i.e. r × (1/r) == 1 with no rounding.
          expect(r.times(inverse).eq(1)).toBe(true);
          const m = money(src, minor);
          const back = convert(convert(m, dst, r.toFixed(), mode), src, inverse.toFixed(), mode);
          const diff = back.minor - m.minor;
          expect(diff <= 1n && diff >= -1n).toBe(true);
        },
      ),
    );
  });
});
