/** A shipping carton (箱) as measured at the consolidation warehouse. */
import type { Decimal } from 'decimal.js';
import { type Length, length, type Weight, weight } from '../units/index.js';

export interface Carton {
  /** Carton label or ASN line, carried to fee line sources. */
  ref?: string;
  length: Length;
  width: Length;
  height: Length;
  /** Gross weight of one carton. */
  weight: Weight;
  /** Identical cartons of this size and weight; default 1. */
  count?: number;
}

/**
 * A carton measured in cm and kg, the units Chinese consolidation warehouses use.
 *
 * @example
 * cartonCm('60', '40', '40', '12'); // one 60×40×40 cm, 12 kg carton
 * cartonCm(60, 50, 60, 90, { count: 10, ref: 'BOX-A' }); // ten identical cartons
 */
export function cartonCm(
  l: string | number | Decimal,
  w: string | number | Decimal,
  h: string | number | Decimal,
  kg: string | number | Decimal,
  options: { ref?: string; count?: number } = {},
): Carton {
  return {
    ...(options.ref === undefined ? {} : { ref: options.ref }),
    length: length(l, 'cm'),
    width: length(w, 'cm'),
    height: length(h, 'cm'),
    weight: weight(kg, 'kg'),
    ...(options.count === undefined ? {} : { count: options.count }),
  };
}

/** The number of identical cartons, checked: a fractional or zero count is a bug upstream. */
export function cartonCount(carton: Carton): number {
  const count = carton.count ?? 1;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`Carton count must be a positive integer; got ${String(count)}${carton.ref ? ` (${carton.ref})` : ''}`);
  }
  return count;
}
