import { describe, expect, it } from 'vitest';
import { parseCartonSheet } from './carton-sheet.js';
import { validateCartons } from './plan.js';

describe('parseCartonSheet', () => {
  it('groups rows by carton number, repeats by carton count, reads units from headers', () => {
    const sheet = parseCartonSheet([
      ['箱号', 'SKU', '每箱数量', '箱数', '长(mm)', '宽(mm)', '高(mm)', '毛重(kg)', 'Remarks'],
      ['1', 'TEE-1', '24', '10', '600', '400', '400', '12', ''],
      ['2', 'TEE-2', '10', '1', '500', '400', '300', '8', 'mixed'],
      ['2', 'TEE-3', '5', '', '', '', '', '', ''],
      ['', 'TEE-4', '6', '', '300', '300', '300', '3', ''],
    ]);
    expect(sheet.errors).toEqual([]);
    expect(sheet.ignoredHeaders).toEqual(['Remarks']);
    expect(
      sheet.groups.map((g) => [g.count, g.dimensionUnit, g.weightUnit, g.items.map((i) => `${i.sku}×${i.quantity}`).join('+')]),
    ).toEqual([
      ['10', 'mm', 'kg', 'TEE-1×24'],
      ['1', 'mm', 'kg', 'TEE-2×10+TEE-3×5'],
      ['1', 'mm', 'kg', 'TEE-4×6'],
    ]);
    const cartons = validateCartons(sheet.groups);
    expect(cartons.ok && cartons.value.length).toBe(12);
  });

  it('locates validation errors at row and column', () => {
    const sheet = parseCartonSheet([
      ['Carton no', 'SKU', 'Qty per carton', 'Cartons', 'Length', 'Width', 'Height', 'Weight'],
      ['A', 'TEE-1', '24', '1', '60', '40', '40', '12'],
      ['A', 'TEE-2', 'ten', '', '', '', '', ''],
      ['B', 'TEE-3', '1', '1', '60', '40', 'x', '12'],
    ]);
    const result = validateCartons(sheet.groups);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => ({ ...sheet.locate(e.path ?? []), code: e.code }))).toEqual([
      { row: 3, column: 'C', header: 'Qty per carton', code: 'not_a_positive_integer' },
      { row: 4, column: 'G', header: 'Height', code: 'not_a_number' },
    ]);
  });

  it('refuses a mixed carton whose rows disagree, and a sheet missing columns', () => {
    const sheet = parseCartonSheet([
      ['Carton no', 'SKU', 'Qty per carton', 'Length', 'Width', 'Height', 'Weight'],
      ['A', 'TEE-1', '24', '60', '40', '40', '12'],
      ['A', 'TEE-2', '4', '50', '', '', ''],
    ]);
    expect(sheet.errors).toEqual([expect.objectContaining({ row: 3, column: 'D', code: 'inconsistent_carton' })]);
    expect(parseCartonSheet([['SKU', 'Qty']]).errors.map((e) => e.code)).toEqual([
      'missing_column',
      'missing_column',
      'missing_column',
      'missing_column',
    ]);
  });
});
