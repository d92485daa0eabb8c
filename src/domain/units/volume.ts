import type { Decimal } from 'decimal.js';
import { type Length, type LengthUnit, length, lengthIn } from './length.js';
import { toMeasurement, UnitDecimal } from './unit-decimal.js';

/** Units used for cubic capacity (storage billing, dimensional weight). */
export type VolumeUnit = 'cm3' | 'm3' | 'in3' | 'ft3';

/** Every volume unit, e.g. for validation messages and pickers. */
export const VOLUME_UNITS: readonly VolumeUnit[] = Object.freeze(['cm3', 'm3', 'in3', 'ft3']);

/** A non-negative volume in a stated unit. Frozen; convert to change units. */
export interface Volume {
  readonly value: Decimal;
  readonly unit: VolumeUnit;
}

// Each volume unit is the cube of a length unit. Deriving the factors from
// the length table (rather than typing 16.387064 and 28316.846592 by hand)
// keeps the two modules consistent by construction.
const EDGE: Readonly<Record<VolumeUnit, LengthUnit>> = Object.freeze({
  cm3: 'cm',
  m3: 'm',
  in3: 'in',
  ft3: 'ft',
});
const CUBIC_CENTIMETRES_PER: Readonly<Record<VolumeUnit, Decimal>> = Object.freeze({
  cm3: lengthIn(length(1, EDGE.cm3), 'cm').pow(3),
  m3: lengthIn(length(1, EDGE.m3), 'cm').pow(3), // 1 000 000
  in3: lengthIn(length(1, EDGE.in3), 'cm').pow(3), // 16.387064
  ft3: lengthIn(length(1, EDGE.ft3), 'cm').pow(3), // 28316.846592
});

/**
 * Narrow an untrusted string to a volume unit (exact, lower-case match).
 *
 * @example
 * isVolumeUnit('ft3'); // true
 * isVolumeUnit('cbm'); // false
 */
export function isVolumeUnit(s: unknown): s is VolumeUnit {
  return typeof s === 'string' && Object.hasOwn(CUBIC_CENTIMETRES_PER, s);
}

function assertVolumeUnit(unit: VolumeUnit): void {
  if (!isVolumeUnit(unit)) {
    throw new RangeError(`Unknown volume unit ${JSON.stringify(unit)}; expected one of ${VOLUME_UNITS.join(', ')}`);
  }
}

/**
 * Create a volume. Rejects negative, non-finite or non-numeric values (and
 * unknown units) with a RangeError naming the unit and value.
 *
 * @example
 * volume('1.5', 'm3');
 * volume(Number.NaN, 'ft3'); // throws RangeError: volume in ft3 must be a finite, non-negative number; got NaN
 */
export function volume(value: string | number | Decimal, unit: VolumeUnit): Volume {
  assertVolumeUnit(unit);
  return Object.freeze({ value: toMeasurement(value, 'volume', unit), unit });
}

/**
 * Convert to another unit. Multiplies before dividing so conversions with
 * terminating results (ft³→in³, m³→cm³) are exact and the rest round once.
 *
 * @example
 * convertVolume(volume(1, 'ft3'), 'in3').value.toString(); // '1728'
 */
export function convertVolume(v: Volume, toUnit: VolumeUnit): Volume {
  assertVolumeUnit(toUnit);
  if (v.unit === toUnit) return v;
  const value = new UnitDecimal(v.value).times(CUBIC_CENTIMETRES_PER[v.unit]).div(CUBIC_CENTIMETRES_PER[toUnit]);
  return Object.freeze({ value, unit: toUnit });
}

/**
 * The numeric value of a volume expressed in `unit`.
 *
 * @example
 * volumeIn(volume(1, 'm3'), 'cm3').toString(); // '1000000'
 */
export function volumeIn(v: Volume, unit: VolumeUnit): Decimal {
  return convertVolume(v, unit).value;
}

/**
 * Volume of a box from its three edges, which may be in different units
 * (a carton measured in inches on a pallet specified in cm).
 *
 * Edges are multiplied in centimetres, where every length converts exactly,
 * so the product is exact and the only rounding is the single division into
 * the requested unit.
 *
 * @example
 * boxVolume(length(12, 'in'), length(10, 'in'), length(8, 'in'), 'in3').value.toString(); // '960'
 * boxVolume(length(12, 'in'), length(10, 'in'), length(8, 'in'), 'ft3').value; // 0.5555… (= 5/9)
 */
export function boxVolume(l: Length, w: Length, h: Length, unit: VolumeUnit): Volume {
  assertVolumeUnit(unit);
  const cubicCentimetres = new UnitDecimal(lengthIn(l, 'cm')).times(lengthIn(w, 'cm')).times(lengthIn(h, 'cm'));
  return convertVolume(Object.freeze({ value: cubicCentimetres, unit: 'cm3' }), unit);
}
