import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCountryCode, isGtin, parseSkuFlag, type SkuDraft, type SkuFieldError, validateSku, type ValidSku } from './sku.js';

/** A plain, valid T-shirt as a seller would type it. */
const tee = (overrides: Partial<SkuDraft> = {}): SkuDraft => ({
  sellerSku: 'TEE-BLK-M',
  titleEn: 'Cotton T-shirt, black, M',
  titleZh: '纯棉T恤 黑色 M',
  length: '30',
  width: '25',
  height: '3',
  dimensionUnit: 'cm',
  weight: '220',
  weightUnit: 'g',
  ...overrides,
});

function accepted(draft: SkuDraft): ValidSku {
  const result = validateSku(draft);
  if (!result.ok) throw new Error(`expected SKU to be accepted, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

function rejected(draft: SkuDraft): SkuFieldError[] {
  const result = validateSku(draft);
  if (result.ok)
    throw new Error(`expected SKU to be rejected, got ${JSON.stringify(result.value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return result.errors;
}

/** The (field, code) pairs of the errors, for compact assertions. */
const pairs = (errors: SkuFieldError[]) => errors.map((e) => [e.field, e.code]);

describe('validateSku: a typical SKU', () => {
  it('accepts and normalises everything a seller typed', () => {
    const sku = accepted(
      tee({
        sellerSku: '  TEE-BLK-M \t',
        titleEn: '  Cotton T-shirt, black, M  ',
        titleZh: ' 纯棉T恤 黑色 M ',
        length: ' 30.50 ',
        width: '25',
        height: '3.125',
        dimensionUnit: ' CM ',
        weight: '0.220',
        weightUnit: 'KG',
        hsCode: '6109.10.0012',
        declaredValue: '4.50',
        declaredCurrency: 'usd',
        countryOfOrigin: 'cn',
        flags: ['fragile', '易碎', 'FRAGILE', '带电', 'battery'],
        upc: '036000291452',
        fnsku: 'x001abc123',
        msku: 'TEE-BLK-M-US',
      }),
    );
    expect(sku).toEqual({
      sellerSku: 'TEE-BLK-M',
      titleEn: 'Cotton T-shirt, black, M',
      titleZh: '纯棉T恤 黑色 M',
      length: '30.5',
      width: '25',
      height: '3.125',
      dimensionUnit: 'cm',
      weight: '0.22',
      weightUnit: 'kg',
      hsCode: '6109100012',
      declaredValueMinor: 450n,
      declaredCurrency: 'USD',
      countryOfOrigin: 'CN',
      flags: ['fragile', 'battery'],
      upc: '036000291452',
      fnsku: 'X001ABC123',
      msku: 'TEE-BLK-M-US',
    });
    expect(typeof sku.declaredValueMinor).toBe('bigint');
  });

  it('leaves optional customs facts and barcodes empty when not given (blank counts as not given)', () => {
    const sku = accepted(tee({ hsCode: '  ', declaredValue: '', declaredCurrency: null, countryOfOrigin: undefined, upc: '', fnsku: ' ' }));
    expect(sku.hsCode).toBeNull();
    expect(sku.declaredValueMinor).toBeNull();
    expect(sku.declaredCurrency).toBeNull();
    expect(sku.countryOfOrigin).toBeNull();
    expect(sku.upc).toBeNull();
    expect(sku.fnsku).toBeNull();
    expect(sku.flags).toEqual([]);
  });

  it('needs only one title, in either language', () => {
    expect(accepted(tee({ titleEn: null, titleZh: '杯子' })).titleEn).toBeNull();
    expect(accepted(tee({ titleEn: 'Mug', titleZh: '' })).titleZh).toBeNull();
  });

  it('accepts the Chinese flag names sellers use', () => {
    const sku = accepted(tee({ flags: ['带电', '液体', '粉末', '磁性', 'FDA', '易碎'] }));
    expect(sku.flags).toEqual(['battery', 'liquid', 'powder', 'magnetic', 'fda_regulated', 'fragile']);
  });

  it('declares a value without a currency in USD, and converts CNY and JPY to their minor units', () => {
    expect(accepted(tee({ declaredValue: '12' }))).toMatchObject({ declaredValueMinor: 1200n, declaredCurrency: 'USD' });
    expect(accepted(tee({ declaredValue: '28.8', declaredCurrency: 'CNY' }))).toMatchObject({
      declaredValueMinor: 2880n,
      declaredCurrency: 'CNY',
    });
    expect(accepted(tee({ declaredValue: '500', declaredCurrency: 'JPY' }))).toMatchObject({
      declaredValueMinor: 500n,
      declaredCurrency: 'JPY',
    });
    // Large values stay exact (no float rounding on the way to minor units).
    expect(accepted(tee({ declaredValue: '90071992547409.93' })).declaredValueMinor).toBe(9007199254740993n);
  });

  it('accepts units in any case: "IN" and "LB" are inches and pounds', () => {
    const sku = accepted(tee({ length: '12', width: '10', height: '1', dimensionUnit: 'IN', weight: '1.5', weightUnit: 'LB' }));
    expect(sku.dimensionUnit).toBe('in');
    expect(sku.weightUnit).toBe('lb');
  });

  it('accepts the largest sizes a parcel warehouse stores (1000 cm side, 1000 kg)', () => {
    expect(validateSku(tee({ length: '1000', dimensionUnit: 'cm', weight: '1000', weightUnit: 'kg' })).ok).toBe(true);
    expect(validateSku(tee({ length: '10000', dimensionUnit: 'mm' })).ok).toBe(true);
  });
});

describe('validateSku: rejections', () => {
  it('reports every problem at once, each with its field', () => {
    const errors = rejected({
      sellerSku: '   ',
      titleEn: '',
      titleZh: null,
      length: '-1',
      width: '0',
      height: 'abc',
      dimensionUnit: 'inch',
      weight: '1.2345',
      weightUnit: 'stone',
      hsCode: '61.09',
      declaredValue: '4.505',
      declaredCurrency: 'USD',
      countryOfOrigin: 'XX',
      flags: ['fragile', 'explosive'],
      upc: '036000291453',
      fnsku: 'X001ABC12',
    });
    expect(pairs(errors)).toEqual([
      ['sellerSku', 'required'],
      ['titleEn', 'required'],
      ['dimensionUnit', 'unknown_unit'],
      ['length', 'not_positive'],
      ['width', 'not_positive'],
      ['height', 'not_a_number'],
      ['weightUnit', 'unknown_unit'],
      ['weight', 'too_precise'],
      ['hsCode', 'invalid_hs_code'],
      ['declaredValue', 'too_precise'],
      ['countryOfOrigin', 'unknown_country'],
      ['flags', 'unknown_flag'],
      ['upc', 'invalid_barcode'],
      ['fnsku', 'invalid_barcode'],
    ]);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(10);
  });

  it('needs a seller SKU', () => {
    expect(pairs(rejected(tee({ sellerSku: '' })))).toEqual([['sellerSku', 'required']]);
  });

  it('rejects seller SKUs with spaces or non-ASCII characters, and ones over 64 characters', () => {
    expect(pairs(rejected(tee({ sellerSku: 'TEE BLK' })))).toEqual([['sellerSku', 'invalid_characters']]);
    expect(pairs(rejected(tee({ sellerSku: 'T恤-01' })))).toEqual([['sellerSku', 'invalid_characters']]);
    expect(pairs(rejected(tee({ sellerSku: 'A'.repeat(65) })))).toEqual([['sellerSku', 'too_long']]);
    expect(validateSku(tee({ sellerSku: 'A'.repeat(64) })).ok).toBe(true);
  });

  it('needs a title in English or Chinese', () => {
    expect(pairs(rejected(tee({ titleEn: ' ', titleZh: undefined })))).toEqual([['titleEn', 'required']]);
  });

  it.each([
    ['-5', 'not_positive'],
    ['0', 'not_positive'],
    ['0.000', 'not_positive'],
    ['ten', 'not_a_number'],
    ['10cm', 'not_a_number'],
    ['1,5', 'not_a_number'],
    ['1e3', 'not_a_number'],
    ['12.3456', 'too_precise'],
    ['', 'required'],
  ])('rejects a size of %j with %s', (value, code) => {
    expect(pairs(rejected(tee({ height: value })))).toEqual([['height', code]]);
    expect(pairs(rejected(tee({ weight: value })))).toEqual([['weight', code]]);
  });

  it('rejects unknown units, naming them', () => {
    const errors = rejected(tee({ dimensionUnit: 'inch', weightUnit: 'pounds' }));
    expect(pairs(errors)).toEqual([
      ['dimensionUnit', 'unknown_unit'],
      ['weightUnit', 'unknown_unit'],
    ]);
    expect(errors[0]?.message).toContain('"inch"');
    expect(errors[1]?.message).toContain('"pounds"');
  });

  it('rejects absurd sizes that are really unit mistakes', () => {
    expect(pairs(rejected(tee({ length: '2000', dimensionUnit: 'cm' })))).toEqual([['length', 'too_large']]);
    expect(pairs(rejected(tee({ width: '1000.001', dimensionUnit: 'cm' })))).toEqual([['width', 'too_large']]);
    // 400 in = 1016 cm
    expect(pairs(rejected(tee({ length: '400', width: '10', height: '10', dimensionUnit: 'in' })))).toEqual([['length', 'too_large']]);
    expect(pairs(rejected(tee({ weight: '1500', weightUnit: 'kg' })))).toEqual([['weight', 'too_large']]);
    // 1,500,000 g is the same 1500 kg.
    expect(pairs(rejected(tee({ weight: '1500000', weightUnit: 'g' })))).toEqual([['weight', 'too_large']]);
  });

  it.each(['61.09', '12345', '12345678901', '6109-10', 'HS6109'])('rejects HS code %j', (hsCode) => {
    expect(pairs(rejected(tee({ hsCode })))).toEqual([['hsCode', 'invalid_hs_code']]);
  });

  it('accepts 6- to 10-digit HS codes with dots or spaces, storing digits only', () => {
    expect(accepted(tee({ hsCode: '610910' })).hsCode).toBe('610910');
    expect(accepted(tee({ hsCode: '8518 30 2000' })).hsCode).toBe('8518302000');
  });

  it('needs a declared value when a currency is given', () => {
    expect(pairs(rejected(tee({ declaredCurrency: 'USD' })))).toEqual([['declaredValue', 'required']]);
  });

  it('rejects a declared value more precise than the currency (3 decimals in USD, any in JPY)', () => {
    expect(pairs(rejected(tee({ declaredValue: '4.505', declaredCurrency: 'USD' })))).toEqual([['declaredValue', 'too_precise']]);
    expect(pairs(rejected(tee({ declaredValue: '4.5', declaredCurrency: 'JPY' })))).toEqual([['declaredValue', 'too_precise']]);
  });

  it('rejects declared values with symbols or signs', () => {
    for (const declaredValue of ['$4.50', '-4.50', '4,50', 'four']) {
      expect(pairs(rejected(tee({ declaredValue })))).toEqual([['declaredValue', 'not_a_number']]);
    }
  });

  it('rejects an unknown currency', () => {
    const errors = rejected(tee({ declaredValue: '4.50', declaredCurrency: 'RMB' }));
    expect(pairs(errors)).toEqual([['declaredCurrency', 'unknown_currency']]);
    expect(errors[0]?.message).toContain('RMB');
  });

  it('rejects an unknown country of origin', () => {
    expect(pairs(rejected(tee({ countryOfOrigin: 'XX' })))).toEqual([['countryOfOrigin', 'unknown_country']]);
    expect(pairs(rejected(tee({ countryOfOrigin: 'CHN' })))).toEqual([['countryOfOrigin', 'unknown_country']]);
  });

  it('rejects words that are not flags even when they are JavaScript object keys', () => {
    for (const raw of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(pairs(rejected(tee({ flags: [raw] })))).toEqual([['flags', 'unknown_flag']]);
    }
  });

  it('rejects an unknown flag, naming it', () => {
    const errors = rejected(tee({ flags: ['battery', 'hazmat'] }));
    expect(pairs(errors)).toEqual([['flags', 'unknown_flag']]);
    expect(errors[0]?.message).toContain('"hazmat"');
  });

  it('checks the UPC check digit', () => {
    expect(accepted(tee({ upc: '036000291452' })).upc).toBe('036000291452');
    expect(pairs(rejected(tee({ upc: '036000291453' })))).toEqual([['upc', 'invalid_barcode']]);
    expect(pairs(rejected(tee({ upc: '03600029145' })))).toEqual([['upc', 'invalid_barcode']]);
  });

  it('needs a 10-character FNSKU', () => {
    expect(pairs(rejected(tee({ fnsku: 'X001ABC12' })))).toEqual([['fnsku', 'invalid_barcode']]);
    expect(pairs(rejected(tee({ fnsku: 'X001ABC1234' })))).toEqual([['fnsku', 'invalid_barcode']]);
    expect(pairs(rejected(tee({ fnsku: 'X001-ABC12' })))).toEqual([['fnsku', 'invalid_barcode']]);
  });
});

describe('isGtin', () => {
  it.each([
    ['036000291452', true], // UPC-A
    ['012345678905', true], // the sheet template example
    ['4006381333931', true], // EAN-13
    ['036000291453', false], // wrong check digit
    ['4006381333932', false],
    ['03600029145', false], // 11 digits
    ['36000291452000', false], // 14 digits
    ['03600029145a', false],
    ['', false],
  ])('%j → %s', (code, expected) => {
    expect(isGtin(code)).toBe(expected);
  });
});

describe('isCountryCode', () => {
  it.each([
    ['CN', true],
    ['US', true],
    ['VN', true],
    ['XX', false],
    ['cn', false], // the validator upper-cases first; the check itself is exact
    ['CHN', false],
    ['C', false],
    ['', false],
  ])('%j → %s', (code, expected) => {
    expect(isCountryCode(code)).toBe(expected);
  });
});

describe('parseSkuFlag', () => {
  it.each([
    ['battery', 'battery'],
    [' Batteries ', 'battery'],
    ['带电', 'battery'],
    ['电池', 'battery'],
    ['液体', 'liquid'],
    ['Magnet', 'magnetic'],
    ['带磁', 'magnetic'],
    ['FDA', 'fda_regulated'],
    ['fda regulated', 'fda_regulated'],
    ['FDA-Regulated', 'fda_regulated'],
    ['易碎品', 'fragile'],
    ['hazmat', null],
    ['', null],
    ['constructor', null],
    ['toString', null],
    ['__proto__', null],
  ])('%j → %s', (raw, expected) => {
    expect(parseSkuFlag(raw)).toBe(expected);
  });
});

describe('validateSku properties', () => {
  // Largest whole number of each unit that stays within 1000 cm / 1000 kg.
  const SIDE_MAX = { mm: 10_000, cm: 1000, m: 10, in: 393, ft: 32 } as const;
  const WEIGHT_MAX = { g: 1_000_000, kg: 1000, oz: 35_273, lb: 2204 } as const;

  /** A positive decimal string with 0–3 decimals, at most `max`, sometimes with trailing zeros. */
  const positiveDecimal = (max: number) =>
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean()).chain(([scale, padZero]) =>
      fc.integer({ min: 1, max: max * 10 ** scale }).map((n) => {
        const text = new Decimal(n).div(10 ** scale).toFixed(scale);
        return padZero && scale > 0 && scale < 3 ? `${text}0` : text;
      }),
    );

  const arbSku = fc
    .record({
      dimensionUnit: fc.constantFrom(...(Object.keys(SIDE_MAX) as (keyof typeof SIDE_MAX)[])),
      weightUnit: fc.constantFrom(...(Object.keys(WEIGHT_MAX) as (keyof typeof WEIGHT_MAX)[])),
      upper: fc.boolean(),
    })
    .chain(({ dimensionUnit, weightUnit, upper }) =>
      fc.record({
        dimensionUnit: fc.constant(upper ? dimensionUnit.toUpperCase() : dimensionUnit),
        weightUnit: fc.constant(upper ? weightUnit.toUpperCase() : weightUnit),
        length: positiveDecimal(SIDE_MAX[dimensionUnit]),
        width: positiveDecimal(SIDE_MAX[dimensionUnit]),
        height: positiveDecimal(SIDE_MAX[dimensionUnit]),
        weight: positiveDecimal(WEIGHT_MAX[weightUnit]),
      }),
    );

  it('accepts any positive sizes with at most 3 decimals in a known unit, keeping their exact values', () => {
    fc.assert(
      fc.property(arbSku, (measures) => {
        const out = accepted(tee(measures));
        expect(new Decimal(out.length).equals(new Decimal(measures.length))).toBe(true);
        expect(new Decimal(out.width).equals(new Decimal(measures.width))).toBe(true);
        expect(new Decimal(out.height).equals(new Decimal(measures.height))).toBe(true);
        expect(new Decimal(out.weight).equals(new Decimal(measures.weight))).toBe(true);
        expect(out.dimensionUnit).toBe(measures.dimensionUnit.toLowerCase());
        expect(out.weightUnit).toBe(measures.weightUnit.toLowerCase());
        // Stored form is canonical: no trailing zeros, no exponent.
        expect(out.length).toBe(new Decimal(measures.length).toFixed());
      }),
    );
  });

  it('rejects any zero or negative size with not_positive, whatever its precision', () => {
    const nonPositive = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('-', '', '+'))
      .filter(([n, , sign]) => n === 0n || sign === '-')
      .map(([n, scale, sign]) => `${sign}${new Decimal(n.toString()).div(new Decimal(10).pow(scale)).toFixed(scale)}`);
    fc.assert(
      fc.property(nonPositive, fc.constantFrom('length', 'width', 'height', 'weight'), (value, field) => {
        const errors = rejected(tee({ [field]: value }));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ field, code: 'not_positive' });
      }),
    );
  });
});
