import { describe, expect, it } from 'vitest';
import { parseRateTableSheet, rateTableToSheet } from './rate-table-sheet.js';
import { UPS_GROUND_SAMPLE } from './samples/index.js';

describe('rate table sheets', () => {
  it('round-trips a carrier table through rows of strings', () => {
    const sheet = rateTableToSheet(UPS_GROUND_SAMPLE.rateTable);
    const parsed = parseRateTableSheet(sheet);
    expect(parsed).toEqual({ ok: true, value: UPS_GROUND_SAMPLE.rateTable });
  });

  it('reads ounce tiers and pound rows with $ signs and "Zone n" headers', () => {
    const parsed = parseRateTableSheet([
      ['Weight', 'Zone 1', 'Zone 2'],
      ['8 oz', '$4.10', '$4.30'],
      ['15.99 oz', '5.00', '5.20'],
      ['1 lb', '6.00', '6.40'],
      ['2 lb', '7.00', '7.50'],
    ]);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.ozTiers?.map((t) => t.maxOz)).toEqual(['8', '15.99']);
  });

  it('locates every bad cell by row and column', () => {
    const parsed = parseRateTableSheet([
      ['Weight', 'Zone 1', 'Zone X'],
      ['1 lb', '6.0x', '6.40'],
      ['two', '7.00', '7.50'],
    ]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      // every problem at once, so the operator fixes the sheet in one pass
      expect(parsed.error.map((e) => [e.row, e.column, e.code])).toEqual([
        [1, 'C', 'invalid_zone'],
        [2, 'B', 'invalid_price'],
        [3, 'A', 'invalid_weight'],
      ]);
    }
    const prices = parseRateTableSheet([
      ['Weight', 'Zone 1'],
      ['1 lb', '6.0x'],
      ['two', '7.00'],
    ]);
    if (!prices.ok)
      expect(prices.error.map((e) => [e.row, e.column, e.code])).toEqual([
        [2, 'B', 'invalid_price'],
        [3, 'A', 'invalid_weight'],
      ]);
  });

  it('refuses a table where a heavier parcel would cost less, naming the cell', () => {
    const parsed = parseRateTableSheet([
      ['Weight', 'Zone 1', 'Zone 2'],
      ['1 lb', '6.00', '6.40'],
      ['2 lb', '5.90', '7.50'],
    ]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error[0]).toMatchObject({ row: 3, column: 'B', code: 'decreases_along_weight' });
  });
});
