import { describe, expect, it } from 'vitest';
import { asnNumber, cartonBarcode, type CartonGroupDraft, validateCartons } from './plan.js';

const group = (overrides: Partial<CartonGroupDraft> = {}): CartonGroupDraft => ({
  count: 2,
  length: '60',
  width: '40',
  height: '40',
  dimensionUnit: 'cm',
  weight: '12.5',
  weightUnit: 'kg',
  items: [{ sku: 'TEE-BLK-M', quantity: 24 }],
  ...overrides,
});

describe('validateCartons', () => {
  it('expands a group into identical cartons in mm and g', () => {
    const result = validateCartons([group()]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(2);
    expect(result.value[0]).toEqual({
      group: 0,
      lengthMm: 600,
      widthMm: 400,
      heightMm: 400,
      weightG: 12_500,
      items: [{ sku: 'TEE-BLK-M', quantity: 24, declaredValueMinor: null, declaredCurrency: null }],
    });
  });

  it('converts inches and pounds, rounding to the nearest mm and g', () => {
    const result = validateCartons([
      group({ count: 1, length: '24', width: '16', height: '16.1', dimensionUnit: 'in', weight: '26', weightUnit: 'lb' }),
    ]);
    expect(result.ok && result.value[0]).toMatchObject({ lengthMm: 610, widthMm: 406, heightMm: 409, weightG: 11_793 });
  });

  it('reports every problem with its path at once', () => {
    const result = validateCartons([
      group({ count: '0', length: 'abc', weight: '90', items: [] }),
      group({
        items: [
          { sku: 'A', quantity: '1.5' },
          { sku: 'a', quantity: -3 },
          { sku: '', quantity: 2, declaredValue: '1.234' },
        ],
      }),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const at = result.errors.map((e) => [e.path?.join('.'), e.code]);
    expect(at).toEqual(
      expect.arrayContaining([
        ['cartons.0.count', 'not_a_positive_integer'],
        ['cartons.0.length', 'not_a_number'],
        ['cartons.0.weight', 'too_large'],
        ['cartons.0.items', 'required'],
        ['cartons.1.items.0.quantity', 'not_a_positive_integer'],
        ['cartons.1.items.1.sku', 'duplicate_sku'],
        ['cartons.1.items.1.quantity', 'not_a_positive_integer'],
        ['cartons.1.items.2.sku', 'required'],
        ['cartons.1.items.2.declared_value', 'too_precise'],
      ]),
    );
  });

  it('refuses an empty plan, an unknown unit and an absurd side', () => {
    expect(validateCartons([]).ok).toBe(false);
    const result = validateCartons([group({ dimensionUnit: 'furlong' }), group({ length: '6000', dimensionUnit: 'mm' })]);
    expect(!result.ok && result.errors.map((e) => [e.path?.join('.'), e.code])).toEqual([
      ['cartons.0.dimension_unit', 'unknown_unit'],
      ['cartons.1.length', 'too_large'],
    ]);
  });

  it('keeps a declared value per line in minor units', () => {
    const result = validateCartons([group({ items: [{ sku: 'A', quantity: 1, declaredValue: '3.5', declaredCurrency: 'usd' }] })]);
    expect(result.ok && result.value[0]?.items[0]).toMatchObject({ declaredValueMinor: 350n, declaredCurrency: 'USD' });
  });
});

describe('numbers and barcodes', () => {
  it('formats the ASN number and the carton barcode', () => {
    expect(asnNumber(2026, 42)).toBe('ASN-2026-000042');
    expect(cartonBarcode('ASN-2026-000042', 3)).toBe('ASN-2026-000042-C0003');
  });
});
