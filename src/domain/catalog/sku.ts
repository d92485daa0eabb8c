/**
 * A seller's SKU as the warehouse knows it: identity, sizes and weight with their units,
 * customs facts (HS code, declared value, origin), handling flags and barcodes.
 * The rules here are shared by the API, the CLI and the spreadsheet import, so a SKU that
 * one path accepts no other path rejects.
 */
import { Decimal } from 'decimal.js';
import { CURRENCY_CODES, type CurrencyCode, currencyExponent, isCurrencyCode } from '../money/index.js';
import { type LengthUnit, type WeightUnit, isLengthUnit, isWeightUnit, length, lengthIn, weight, weightIn } from '../units/index.js';

export const SKU_FLAGS = ['battery', 'liquid', 'powder', 'magnetic', 'fda_regulated', 'fragile'] as const;
export type SkuFlag = (typeof SKU_FLAGS)[number];

/** Sizes beyond these are typing mistakes, not goods a parcel warehouse stores. */
export const MAX_SIDE_CM = new Decimal(1000);
export const MAX_WEIGHT_KG = new Decimal(1000);
// Compared in mm and g: converting into the base unit needs no division.
const MAX_SIDE_MM = MAX_SIDE_CM.times(10);
const MAX_WEIGHT_G = MAX_WEIGHT_KG.times(1000);
const MEASURE_SCALE = 3;

/** What a caller supplies: numbers as decimal strings, exactly as typed. */
export interface SkuDraft {
  sellerSku: string;
  titleEn?: string | null;
  titleZh?: string | null;
  length: string;
  width: string;
  height: string;
  dimensionUnit: string;
  weight: string;
  weightUnit: string;
  hsCode?: string | null;
  declaredValue?: string | null;
  declaredCurrency?: string | null;
  countryOfOrigin?: string | null;
  flags?: readonly string[];
  upc?: string | null;
  fnsku?: string | null;
  msku?: string | null;
}

/** A SKU that passed every rule, normalised for storage. */
export interface ValidSku {
  sellerSku: string;
  titleEn: string | null;
  titleZh: string | null;
  length: string;
  width: string;
  height: string;
  dimensionUnit: LengthUnit;
  weight: string;
  weightUnit: WeightUnit;
  hsCode: string | null;
  declaredValueMinor: bigint | null;
  declaredCurrency: CurrencyCode | null;
  countryOfOrigin: string | null;
  flags: SkuFlag[];
  upc: string | null;
  fnsku: string | null;
  msku: string | null;
}

export type SkuField = keyof SkuDraft;

/** How each field is named outside the domain: API bodies, error details, exports. */
export const SKU_FIELD_NAMES: Record<SkuField, string> = {
  sellerSku: 'seller_sku',
  titleEn: 'title_en',
  titleZh: 'title_zh',
  length: 'length',
  width: 'width',
  height: 'height',
  dimensionUnit: 'dimension_unit',
  weight: 'weight',
  weightUnit: 'weight_unit',
  hsCode: 'hs_code',
  declaredValue: 'declared_value',
  declaredCurrency: 'declared_currency',
  countryOfOrigin: 'country_of_origin',
  flags: 'flags',
  upc: 'upc',
  fnsku: 'fnsku',
  msku: 'msku',
};

/** A rule failure on one field; the caller adds a path, or a row and column. */
export interface SkuFieldError {
  field: SkuField;
  code: string;
  message: string;
}

/**
 * Checks every rule and returns all failures at once, so a seller fixes a row in one pass.
 *
 * @example
 * validateSku({ sellerSku: 'TEE-01', length: '30', width: '20', height: '2', dimensionUnit: 'cm',
 *   weight: '180', weightUnit: 'g' }) // { ok: true, value: {...} }
 */
export function validateSku(draft: SkuDraft): { ok: true; value: ValidSku } | { ok: false; errors: SkuFieldError[] } {
  const errors: SkuFieldError[] = [];
  const fail = (field: SkuField, code: string, message: string) => errors.push({ field, code, message });

  const sellerSku = clean(draft.sellerSku);
  if (!sellerSku) fail('sellerSku', 'required', 'Seller SKU is required.');
  else if (sellerSku.length > 64) fail('sellerSku', 'too_long', 'Seller SKU must be at most 64 characters.');
  else if (!/^[\x21-\x7e]+$/.test(sellerSku))
    fail('sellerSku', 'invalid_characters', 'Seller SKU may use only letters, digits and printable symbols, without spaces.');

  const titleEn = clean(draft.titleEn);
  const titleZh = clean(draft.titleZh);
  if (!titleEn && !titleZh) fail('titleEn', 'required', 'Give a title in English or Chinese.');
  if (titleEn && titleEn.length > 200) fail('titleEn', 'too_long', 'English title must be at most 200 characters.');
  if (titleZh && titleZh.length > 200) fail('titleZh', 'too_long', 'Chinese title must be at most 200 characters.');

  const dimensionUnit = clean(draft.dimensionUnit)?.toLowerCase() ?? '';
  const dimensionUnitOk = isLengthUnit(dimensionUnit);
  if (!dimensionUnitOk)
    fail('dimensionUnit', 'unknown_unit', `Unknown length unit "${draft.dimensionUnit ?? ''}"; use cm, mm, m, in or ft.`);
  const sides: ['length' | 'width' | 'height', string | null][] = (['length', 'width', 'height'] as const).map((side) => [
    side,
    measurement(draft[side], side, fail),
  ]);
  if (dimensionUnitOk) {
    for (const [side, value] of sides) {
      if (value !== null && lengthIn(length(value, dimensionUnit), 'mm').greaterThan(MAX_SIDE_MM))
        fail(side, 'too_large', `${capitalise(side)} ${value} ${dimensionUnit} is over ${MAX_SIDE_CM} cm; check the unit.`);
    }
  }

  const weightUnit = clean(draft.weightUnit)?.toLowerCase() ?? '';
  const weightUnitOk = isWeightUnit(weightUnit);
  if (!weightUnitOk) fail('weightUnit', 'unknown_unit', `Unknown weight unit "${draft.weightUnit ?? ''}"; use g, kg, oz or lb.`);
  const weightValue = measurement(draft.weight, 'weight', fail);
  if (weightUnitOk && weightValue !== null && weightIn(weight(weightValue, weightUnit), 'g').greaterThan(MAX_WEIGHT_G))
    fail('weight', 'too_large', `Weight ${weightValue} ${weightUnit} is over ${MAX_WEIGHT_KG} kg; check the unit.`);

  const hsCode = normaliseHsCode(draft.hsCode, fail);
  const { declaredValueMinor, declaredCurrency } = declaredValue(draft, fail);

  let countryOfOrigin = clean(draft.countryOfOrigin)?.toUpperCase() ?? null;
  if (countryOfOrigin && !isCountryCode(countryOfOrigin)) {
    fail('countryOfOrigin', 'unknown_country', `Unknown country "${countryOfOrigin}"; use a two-letter ISO code such as CN.`);
    countryOfOrigin = null;
  }

  const flags: SkuFlag[] = [];
  for (const raw of draft.flags ?? []) {
    const flag = parseSkuFlag(raw);
    if (!flag) fail('flags', 'unknown_flag', `Unknown flag "${raw}"; use ${SKU_FLAGS.join(', ')}.`);
    else if (!flags.includes(flag)) flags.push(flag);
  }

  const upc = clean(draft.upc);
  if (upc && !isGtin(upc)) fail('upc', 'invalid_barcode', `UPC "${upc}" is not a valid 12- or 13-digit barcode (check digit).`);
  const fnsku = clean(draft.fnsku)?.toUpperCase() ?? null;
  if (fnsku && !/^[A-Z0-9]{10}$/.test(fnsku))
    fail('fnsku', 'invalid_barcode', `FNSKU "${fnsku}" must be 10 letters or digits (e.g. X001ABC123).`);
  const msku = clean(draft.msku);
  if (msku && msku.length > 64) fail('msku', 'too_long', 'MSKU must be at most 64 characters.');

  if (errors.length > 0) return { ok: false, errors };
  const [l, w, h] = sides.map(([, v]) => v as string) as [string, string, string];
  return {
    ok: true,
    value: {
      sellerSku: sellerSku as string,
      titleEn,
      titleZh,
      length: l,
      width: w,
      height: h,
      dimensionUnit: dimensionUnit as LengthUnit,
      weight: weightValue as string,
      weightUnit: weightUnit as WeightUnit,
      hsCode,
      declaredValueMinor,
      declaredCurrency,
      countryOfOrigin,
      flags,
      upc,
      fnsku,
      msku,
    },
  };
}

/** Accepts English flag names and the Chinese words sellers use on their sheets. */
export function parseSkuFlag(raw: string): SkuFlag | null {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  // Own keys only: "constructor" or "__proto__" must not resolve to Object.prototype members.
  return Object.hasOwn(FLAG_ALIASES, key) ? (FLAG_ALIASES[key] as SkuFlag) : null;
}

const FLAG_ALIASES: Record<string, SkuFlag> = {
  battery: 'battery',
  batteries: 'battery',
  带电: 'battery',
  电池: 'battery',
  liquid: 'liquid',
  液体: 'liquid',
  powder: 'powder',
  粉末: 'powder',
  magnetic: 'magnetic',
  magnet: 'magnetic',
  磁性: 'magnetic',
  带磁: 'magnetic',
  fda_regulated: 'fda_regulated',
  fda: 'fda_regulated',
  fda监管: 'fda_regulated',
  fragile: 'fragile',
  易碎: 'fragile',
  易碎品: 'fragile',
};

/** GTIN-12 (UPC-A) or GTIN-13 (EAN) with a valid mod-10 check digit. */
export function isGtin(code: string): boolean {
  if (!/^\d{12,13}$/.test(code)) return false;
  const digits = code.split('').map(Number);
  const check = digits.pop() as number;
  // Weights alternate 3,1 from the digit next to the check digit.
  const total = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (total % 10)) % 10 === check;
}

/** Two-letter ISO 3166 region codes that Intl knows by name. */
export function isCountryCode(code: string): boolean {
  // Intl also names user-assigned and grouping codes (ZZ "Unknown Region", EU, QO, XK…) and
  // the common mistake UK; none is a country of origin customs accepts (use GB for the UK).
  if (!/^[A-Z]{2}$/.test(code) || /^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN|UK)$/.test(code)) return false;
  let known = KNOWN_REGIONS.get(code);
  if (known === undefined) {
    try {
      known = REGION_NAMES.of(code) !== undefined;
    } catch {
      known = false;
    }
    KNOWN_REGIONS.set(code, known);
  }
  return known;
}

// Building Intl.DisplayNames per call cost 15 µs a SKU: a 10,000-row sheet paid 0.15 s for it.
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const KNOWN_REGIONS = new Map<string, boolean>();

function measurement(
  raw: string | undefined,
  field: 'length' | 'width' | 'height' | 'weight',
  fail: (field: SkuField, code: string, message: string) => void,
): string | null {
  const text = clean(raw);
  if (!text) {
    fail(field, 'required', `${capitalise(field)} is required.`);
    return null;
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    fail(field, 'not_a_number', `${capitalise(field)} "${text}" is not a number.`);
    return null;
  }
  const value = new Decimal(text);
  if (value.lessThanOrEqualTo(0)) {
    fail(field, 'not_positive', `${capitalise(field)} must be greater than 0 (got ${text}).`);
    return null;
  }
  if (value.decimalPlaces() > MEASURE_SCALE) {
    fail(field, 'too_precise', `${capitalise(field)} may have at most ${MEASURE_SCALE} decimal places (got ${text}).`);
    return null;
  }
  return value.toFixed();
}

function normaliseHsCode(raw: string | null | undefined, fail: (field: SkuField, code: string, message: string) => void): string | null {
  const text = clean(raw);
  if (!text) return null;
  const digits = text.replace(/[.\s]/g, '');
  if (!/^\d{6,10}$/.test(digits)) {
    fail('hsCode', 'invalid_hs_code', `HS code "${text}" must have 6 to 10 digits (dots allowed), e.g. 6109.10.0012.`);
    return null;
  }
  return digits;
}

function declaredValue(
  draft: SkuDraft,
  fail: (field: SkuField, code: string, message: string) => void,
): { declaredValueMinor: bigint | null; declaredCurrency: CurrencyCode | null } {
  const amount = clean(draft.declaredValue);
  const currencyText = clean(draft.declaredCurrency)?.toUpperCase() ?? null;
  if (!amount && !currencyText) return { declaredValueMinor: null, declaredCurrency: null };
  if (!amount) {
    fail('declaredValue', 'required', 'Declared value is required when a declared currency is given.');
    return { declaredValueMinor: null, declaredCurrency: null };
  }
  const currency = currencyText ?? 'USD';
  if (!isCurrencyCode(currency)) {
    fail('declaredCurrency', 'unknown_currency', `Unknown currency "${currency}"; use one of ${CURRENCY_CODES.join(', ')}.`);
    return { declaredValueMinor: null, declaredCurrency: null };
  }
  if (!/^\d+(\.\d+)?$/.test(amount)) {
    fail('declaredValue', 'not_a_number', `Declared value "${amount}" must be a number of ${currency}, without symbols.`);
    return { declaredValueMinor: null, declaredCurrency: null };
  }
  const exponent = currencyExponent(currency);
  const value = new Decimal(amount);
  if (value.decimalPlaces() > exponent) {
    fail('declaredValue', 'too_precise', `Declared value ${amount} has more than ${exponent} decimal places for ${currency}.`);
    return { declaredValueMinor: null, declaredCurrency: null };
  }
  return { declaredValueMinor: BigInt(value.times(new Decimal(10).pow(exponent)).toFixed(0)), declaredCurrency: currency };
}

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
