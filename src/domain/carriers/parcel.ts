/**
 * A parcel as rating sees it: three sides and a weight, each in any unit, plus the packaging
 * weight when the product weight excludes it. Units convert exactly through src/domain/units.
 */
import type { Decimal } from 'decimal.js';
import {
  type Length,
  type LengthUnit,
  length,
  lengthIn,
  UnitDecimal,
  type Weight,
  type WeightUnit,
  weight,
  weightIn,
} from '../units/index.js';

export interface Parcel {
  readonly length: Length;
  readonly width: Length;
  readonly height: Length;
  /** Weight of the contents (or of the whole parcel when `packagingWeight` is absent). */
  readonly weight: Weight;
  /** Box, dunnage and label, added to `weight`. */
  readonly packagingWeight?: Weight;
}

/**
 * Build a parcel from plain values; throws RangeError on negative or malformed measures.
 *
 * @example
 * makeParcel({ dims: ['12.2', '10.1', '8.5'], dimUnit: 'in', weight: '5.2', weightUnit: 'lb' });
 */
export function makeParcel(input: {
  dims: readonly [string | number | Decimal, string | number | Decimal, string | number | Decimal];
  dimUnit: LengthUnit;
  weight: string | number | Decimal;
  weightUnit: WeightUnit;
  packagingWeight?: string | number | Decimal;
}): Parcel {
  const [l, w, h] = input.dims;
  const p: Parcel = {
    length: length(l, input.dimUnit),
    width: length(w, input.dimUnit),
    height: length(h, input.dimUnit),
    weight: weight(input.weight, input.weightUnit),
    ...(input.packagingWeight === undefined ? {} : { packagingWeight: weight(input.packagingWeight, input.weightUnit) }),
  };
  return Object.freeze(p);
}

/** The exact measures every rating path starts from. */
export interface ParcelMeasures {
  /** Sides in inches, longest first, exact (unit precision). */
  readonly sidesIn: readonly [Decimal, Decimal, Decimal];
  /** Actual weight including packaging, in ounces, exact (unit precision). */
  readonly actualOz: Decimal;
}

/**
 * Sides in inches (longest first) and total weight in ounces.
 *
 * @example
 * measureParcel(makeParcel({ dims: [10, 30, 20], dimUnit: 'cm', weight: 1, weightUnit: 'lb' })).actualOz.toString(); // '16'
 */
export function measureParcel(p: Parcel): ParcelMeasures {
  const sides = [lengthIn(p.length, 'in'), lengthIn(p.width, 'in'), lengthIn(p.height, 'in')].sort((a, b) => b.comparedTo(a));
  const packaging = p.packagingWeight ? weightIn(p.packagingWeight, 'oz') : new UnitDecimal(0);
  const actualOz = new UnitDecimal(weightIn(p.weight, 'oz')).plus(packaging);
  return { sidesIn: sides as unknown as [Decimal, Decimal, Decimal], actualOz };
}
