import { Decimal } from 'decimal.js';

/**
 * A finite decimal number held exactly as `coefficient / 10^scale`.
 *
 * Money arithmetic works on these rather than on `Decimal` results so every
 * intermediate step is an exact bigint and only the final step rounds.
 */
export interface ScaledInteger {
  readonly coefficient: bigint;
  readonly scale: number;
}

// Plain decimal notation with an optional exponent. Deliberately narrower than
// what decimal.js accepts: no hex/binary/octal, no "NaN"/"Infinity", no
// whitespace, no thousands separators — a money column containing "1,234.50"
// or "0x10" is a data error we want to surface, not guess at.
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// Amounts beyond 10^±1000 are never real money, and expanding them to plain
// digits would let one malformed input allocate gigabytes.
const MAX_ABS_EXPONENT = 1000;

/**
 * Parse a decimal string or `Decimal` into an exact scaled integer.
 * Throws a RangeError naming `what` for anything that is not a finite decimal.
 *
 * @example
 * toScaledInteger('12.340', 'amount'); // { coefficient: 1234n, scale: 2 } (value-equal)
 * toScaledInteger('-1e-2', 'amount'); // { coefficient: -1n, scale: 2 }
 * toScaledInteger('abc', 'amount'); // throws RangeError
 */
export function toScaledInteger(input: string | Decimal, what: string): ScaledInteger {
  let d: Decimal;
  if (typeof input === 'string') {
    if (!DECIMAL_PATTERN.test(input)) {
      throw new RangeError(`${what} is not a decimal number: ${JSON.stringify(input)}`);
    }
    d = new Decimal(input);
  } else if (Decimal.isDecimal(input)) {
    d = input;
  } else {
    throw new TypeError(`${what} must be a decimal string or Decimal, got ${typeof input}`);
  }
  if (!d.isFinite()) {
    throw new RangeError(`${what} must be finite, got ${d.toString()}`);
  }
  if (!d.isZero() && Math.abs(d.e) > MAX_ABS_EXPONENT) {
    throw new RangeError(`${what} is outside the supported range: ${d.toString()}`);
  }
  // toFixed() with no argument is unrounded plain notation, i.e. the exact digits.
  const plain = d.toFixed();
  const negative = plain.startsWith('-');
  const unsigned = negative ? plain.slice(1) : plain;
  const dot = unsigned.indexOf('.');
  const digits = dot === -1 ? unsigned : unsigned.slice(0, dot) + unsigned.slice(dot + 1);
  const scale = dot === -1 ? 0 : unsigned.length - dot - 1;
  const magnitude = BigInt(digits);
  return { coefficient: negative ? -magnitude : magnitude, scale };
}

/**
 * Exact scaled integer for a JavaScript number, using its shortest round-trip
 * decimal form (so `0.1` means one tenth, which is what a caller who typed
 * 0.1 meant, rather than the binary double nearest to it).
 *
 * @example
 * numberToScaledInteger(0.1, 'ratio'); // { coefficient: 1n, scale: 1 }
 */
export function numberToScaledInteger(n: number, what: string): ScaledInteger {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new RangeError(`${what} must be a finite number, got ${String(n)}`);
  }
  return toScaledInteger(String(n), what);
}

/**
 * `10^k` as a bigint.
 *
 * @example
 * pow10(3); // 1000n
 */
export function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}
