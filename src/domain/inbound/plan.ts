/**
 * An inbound plan (ASN) as the seller writes it: cartons with their size, weight and contents,
 * checked all at once so a seller fixes a plan in one pass. Cartons are written in groups —
 * "40 identical cartons of 24 × TEE-BLK-M, 60 × 40 × 40 cm, 12 kg" — and expanded here into
 * numbered cartons. Whether the SKUs exist and the warehouse may be used is the service's
 * business (it needs the database); everything here is pure.
 */
import { Decimal } from 'decimal.js';
import { type CurrencyCode, CURRENCY_CODES, currencyExponent, isCurrencyCode } from '../money/index.js';
import type { ErrorDetail } from '../shared/errors.js';
import { isLengthUnit, isWeightUnit, length, lengthIn, weight, weightIn } from '../units/index.js';

export const FREIGHT_MODES = ['air', 'sea', 'express'] as const;
export type FreightMode = (typeof FREIGHT_MODES)[number];

/** Air freight and air express both fly: batteries, liquids and powders need paperwork. */
export function fliesByAir(mode: FreightMode): boolean {
  return mode === 'air' || mode === 'express';
}

/** Limits of a carton a parcel warehouse takes by hand (a pallet is not a carton). */
export const CARTON_LIMITS = {
  minSideMm: 10,
  maxSideMm: 1500,
  minWeightG: 10,
  maxWeightG: 70_000,
  maxCartonsPerGroup: 999,
  maxCartonsPerPlan: 5000,
  maxUnitsPerLine: 100_000,
  maxLinesPerCarton: 200,
} as const;

export interface CartonLineDraft {
  /** The seller SKU (the service resolves it to the account's SKU). */
  sku: string;
  quantity: string | number;
  /** Per-unit declared value for this shipment; empty = the SKU's recorded value. */
  declaredValue?: string | number | null;
  declaredCurrency?: string | null;
}

export interface CartonGroupDraft {
  /** How many identical cartons this group stands for (default 1). */
  count?: string | number | null;
  length: string | number;
  width: string | number;
  height: string | number;
  dimensionUnit: string;
  weight: string | number;
  weightUnit: string;
  items: readonly CartonLineDraft[];
}

export interface ValidCartonLine {
  sku: string;
  quantity: number;
  declaredValueMinor: bigint | null;
  declaredCurrency: CurrencyCode | null;
}

export interface ValidCarton {
  /** Which group of the draft it came from (to locate later errors). */
  group: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  weightG: number;
  items: ValidCartonLine[];
}

/**
 * Validates carton groups and expands them into cartons. Every problem carries its path in
 * the request: `['cartons', 2, 'items', 0, 'quantity']`.
 *
 * @example
 * validateCartons([{ count: 2, length: '60', width: '40', height: '40', dimensionUnit: 'cm', weight: '12',
 *   weightUnit: 'kg', items: [{ sku: 'TEE-BLK-M', quantity: 24 }] }])
 * // { ok: true, value: [{ group: 0, lengthMm: 600, …, items: [{ sku: 'TEE-BLK-M', quantity: 24, … }] }, {…}] }
 */
export function validateCartons(
  groups: readonly CartonGroupDraft[],
): { ok: true; value: ValidCarton[] } | { ok: false; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const fail = (path: (string | number)[], code: string, message: string) =>
    errors.push({ path, field: path.filter((p) => typeof p === 'string').join('.'), code, message });

  if (groups.length === 0) fail(['cartons'], 'required', 'A plan needs at least one carton.');
  const cartons: ValidCarton[] = [];
  let total = 0;
  groups.forEach((group, g) => {
    const at = (...rest: (string | number)[]) => ['cartons', g, ...rest];
    const count = positiveInteger(group.count ?? 1, at('count'), 'Carton count', CARTON_LIMITS.maxCartonsPerGroup, fail);
    const sides = (['length', 'width', 'height'] as const).map((side) => sideMm(group, side, at(side), fail));
    const weightG = weightGrams(group, at('weight'), fail);
    if (group.items.length === 0) fail(at('items'), 'required', `Carton ${g + 1} has no items: every carton needs at least one SKU.`);
    if (group.items.length > CARTON_LIMITS.maxLinesPerCarton)
      fail(at('items'), 'too_many', `A carton may hold at most ${CARTON_LIMITS.maxLinesPerCarton} SKUs.`);
    const seen = new Map<string, number>();
    const lines: ValidCartonLine[] = [];
    group.items.forEach((item, j) => {
      const sku = String(item.sku ?? '').trim();
      if (!sku) fail(at('items', j, 'sku'), 'required', 'SKU is required.');
      else {
        const first = seen.get(sku.toLowerCase());
        if (first !== undefined)
          fail(
            at('items', j, 'sku'),
            'duplicate_sku',
            `SKU "${sku}" is already listed in this carton (item ${first + 1}); add the quantities.`,
          );
        else seen.set(sku.toLowerCase(), j);
      }
      const quantity = positiveInteger(item.quantity, at('items', j, 'quantity'), 'Quantity', CARTON_LIMITS.maxUnitsPerLine, fail);
      const declared = declaredValue(item, at('items', j), fail);
      if (sku && quantity !== null && declared) lines.push({ sku, quantity, ...declared });
    });
    if (count !== null) total += count;
    const [l, w, h] = sides;
    if (count === null || l == null || w == null || h == null || weightG === null || lines.length !== group.items.length) return;
    for (let i = 0; i < count; i++) cartons.push({ group: g, lengthMm: l, widthMm: w, heightMm: h, weightG, items: lines });
  });
  if (total > CARTON_LIMITS.maxCartonsPerPlan)
    fail(['cartons'], 'too_many', `A plan may hold at most ${CARTON_LIMITS.maxCartonsPerPlan} cartons (this one has ${total}); split it.`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: cartons };
}

type Fail = (path: (string | number)[], code: string, message: string) => void;

function positiveInteger(
  raw: string | number | null | undefined,
  path: (string | number)[],
  what: string,
  max: number,
  fail: Fail,
): number | null {
  const text = raw === null || raw === undefined ? '' : String(raw).trim();
  if (text === '') {
    fail(path, 'required', `${what} is required.`);
    return null;
  }
  if (!/^\d+$/.test(text)) {
    fail(path, 'not_a_positive_integer', `${what} must be a whole number greater than 0 (got ${text}).`);
    return null;
  }
  const n = Number(text);
  if (n <= 0) {
    fail(path, 'not_a_positive_integer', `${what} must be greater than 0 (got ${text}).`);
    return null;
  }
  if (n > max) {
    fail(path, 'too_large', `${what} ${text} is over ${max}; check the number.`);
    return null;
  }
  return n;
}

function decimalOf(raw: string | number, path: (string | number)[], what: string, fail: Fail): Decimal | null {
  const text = String(raw ?? '').trim();
  if (text === '') {
    fail(path, 'required', `${what} is required.`);
    return null;
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    fail(path, 'not_a_number', `${what} "${text}" is not a positive number.`);
    return null;
  }
  const value = new Decimal(text);
  if (value.lessThanOrEqualTo(0)) {
    fail(path, 'not_positive', `${what} must be greater than 0 (got ${text}).`);
    return null;
  }
  return value;
}

function sideMm(group: CartonGroupDraft, side: 'length' | 'width' | 'height', path: (string | number)[], fail: Fail): number | null {
  const what = side.charAt(0).toUpperCase() + side.slice(1);
  const value = decimalOf(group[side], path, what, fail);
  const unit = String(group.dimensionUnit ?? '')
    .trim()
    .toLowerCase();
  if (!isLengthUnit(unit)) {
    if (side === 'length')
      fail([...path.slice(0, -1), 'dimension_unit'], 'unknown_unit', `Unknown length unit "${group.dimensionUnit}"; use cm, mm or in.`);
    return null;
  }
  if (value === null) return null;
  const mm = lengthIn(length(value, unit), 'mm').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (mm < CARTON_LIMITS.minSideMm || mm > CARTON_LIMITS.maxSideMm) {
    fail(
      path,
      mm < CARTON_LIMITS.minSideMm ? 'too_small' : 'too_large',
      `${what} ${value} ${unit} is outside 1–150 cm for a carton; check the unit.`,
    );
    return null;
  }
  return mm;
}

function weightGrams(group: CartonGroupDraft, path: (string | number)[], fail: Fail): number | null {
  const value = decimalOf(group.weight, path, 'Weight', fail);
  const unit = String(group.weightUnit ?? '')
    .trim()
    .toLowerCase();
  if (!isWeightUnit(unit)) {
    fail([...path.slice(0, -1), 'weight_unit'], 'unknown_unit', `Unknown weight unit "${group.weightUnit}"; use kg, g or lb.`);
    return null;
  }
  if (value === null) return null;
  const g = weightIn(weight(value, unit), 'g').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (g < CARTON_LIMITS.minWeightG || g > CARTON_LIMITS.maxWeightG) {
    fail(
      path,
      g < CARTON_LIMITS.minWeightG ? 'too_small' : 'too_large',
      `Weight ${value} ${unit} is outside 10 g–70 kg for one carton; check the unit.`,
    );
    return null;
  }
  return g;
}

function declaredValue(
  item: CartonLineDraft,
  path: (string | number)[],
  fail: Fail,
): { declaredValueMinor: bigint | null; declaredCurrency: CurrencyCode | null } | null {
  const amount = item.declaredValue === null || item.declaredValue === undefined ? '' : String(item.declaredValue).trim();
  const currencyText = (item.declaredCurrency ?? '').trim().toUpperCase();
  if (amount === '' && currencyText === '') return { declaredValueMinor: null, declaredCurrency: null };
  if (amount === '') {
    fail([...path, 'declared_value'], 'required', 'Declared value is required when a declared currency is given.');
    return null;
  }
  const currency = currencyText || 'USD';
  if (!isCurrencyCode(currency)) {
    fail([...path, 'declared_currency'], 'unknown_currency', `Unknown currency "${currency}"; use one of ${CURRENCY_CODES.join(', ')}.`);
    return null;
  }
  if (!/^\d+(\.\d+)?$/.test(amount)) {
    fail([...path, 'declared_value'], 'not_a_number', `Declared value "${amount}" must be a number of ${currency}, without symbols.`);
    return null;
  }
  const exponent = currencyExponent(currency);
  const value = new Decimal(amount);
  if (value.decimalPlaces() > exponent) {
    fail([...path, 'declared_value'], 'too_precise', `Declared value ${amount} has more than ${exponent} decimal places for ${currency}.`);
    return null;
  }
  return { declaredValueMinor: BigInt(value.times(new Decimal(10).pow(exponent)).toFixed(0)), declaredCurrency: currency };
}

/**
 * The text a carton label's Code 128 encodes: the plan number and the carton number, so a
 * scanned carton names its plan without a lookup table.
 *
 * @example cartonBarcode('ASN-2026-000042', 3) // 'ASN-2026-000042-C0003'
 */
export function cartonBarcode(planNumber: string, cartonNo: number): string {
  return `${planNumber}-C${String(cartonNo).padStart(4, '0')}`;
}

/** @example asnNumber(2026, 42) // 'ASN-2026-000042' */
export function asnNumber(year: number, sequence: number): string {
  return `ASN-${year}-${String(sequence).padStart(6, '0')}`;
}
