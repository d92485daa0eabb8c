import { describe, expect, it } from 'vitest';
import { price } from './price.js';
import type { TableModel } from './table.js';

const usd = { currency: 'USD' } as const;

// A small postage table by billable weight and zone (illustrative prices, not a carrier's).
const POSTAGE: TableModel = {
  kind: 'table',
  rowUnit: 'lb',
  columnName: 'zone',
  unit: 'parcel',
  rows: [
    { upTo: '1', cells: { '1': '4.10', '5': '5.20', '9': '9.90' } },
    { upTo: '2', cells: { '1': '4.60', '5': '6.30', '9': '11.40' } },
    { upTo: '3', cells: { '1': '5.00', '5': '7.10' } },
  ],
};

describe('table', () => {
  it('finds the first row whose bound the value does not exceed', () => {
    const r = price(POSTAGE, { rowValue: '1.5', column: '5' }, usd);
    // 1 < 1.5 ≤ 2 → row 2, zone 5 = 6.30
    expect(r.ok && r.value).toMatchObject({
      quantity: '1',
      unit: 'parcel',
      rate: '6.3',
      amount: { minor: 630n },
      inputs: { rowValue: '1.5', column: '5', row: 1, rowUpTo: '2' },
      formula: { en: '$6.30 (1.5 lb in the ≤ 2 lb row, zone 5) = $6.30', zh: 'US$6.30（1.5 磅，≤ 2 磅 档，分区 5） = US$6.30' },
    });
  });

  it('treats row bounds as inclusive', () => {
    const at = price(POSTAGE, { rowValue: '2', column: '1' }, usd);
    const above = price(POSTAGE, { rowValue: '2.01', column: '1' }, usd);
    const zero = price(POSTAGE, { rowValue: '0', column: '1' }, usd);
    expect(at.ok && at.value.rate).toBe('4.6');
    expect(above.ok && above.value.rate).toBe('5');
    expect(zero.ok && zero.value.rate).toBe('4.1');
  });

  it('multiplies by an optional quantity', () => {
    // 3 parcels × 5.20 = 15.60
    const r = price(POSTAGE, { rowValue: '0.5', column: '5', quantity: '3' }, usd);
    expect(r.ok && [r.value.amount.minor, r.value.formula.en]).toEqual([
      1560n,
      '3 parcels × $5.20 (0.5 lb in the ≤ 1 lb row, zone 5) = $15.60',
    ]);
  });

  it('reports a value beyond the last row', () => {
    expect(price(POSTAGE, { rowValue: '3.5', column: '1' }, usd)).toEqual({
      ok: false,
      error: {
        code: 'beyond_table',
        message: '3.5 lb is beyond the table (last row ≤ 3 lb)',
        messages: { en: '3.5 lb is beyond the table (last row ≤ 3 lb)', zh: '3.5 磅 超出价格表（最后一行 ≤ 3 磅）' },
        path: ['input', 'rowValue'],
      },
    });
  });

  it('tells an unknown column from a hole in the table', () => {
    expect(price(POSTAGE, { rowValue: '1', column: '10' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'unknown_column', path: ['input', 'column'] },
    });
    expect(price(POSTAGE, { rowValue: '2.5', column: '9' }, usd)).toEqual({
      ok: false,
      error: {
        code: 'missing_cell',
        message: 'the table has no price for zone 9 in the ≤ 3 lb row',
        messages: { en: 'the table has no price for zone 9 in the ≤ 3 lb row', zh: '价格表中 ≤ 3 磅 这一行没有分区 9 的价格' },
        path: ['rows', 2, 'cells', '9'],
      },
    });
  });

  it('requires the row value and the column', () => {
    expect(price(POSTAGE, { column: '1' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'missing_input', path: ['input', 'rowValue'] },
    });
    expect(price(POSTAGE, { rowValue: '1' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'missing_input', path: ['input', 'column'] },
    });
    expect(price(POSTAGE, { rowValue: '-1', column: '1' }, usd)).toMatchObject({ ok: false, error: { code: 'negative_number' } });
  });

  it('refuses rows out of order and bad cells, each located', () => {
    const r = price(
      {
        ...POSTAGE,
        rows: [
          { upTo: '2', cells: { '1': '4' } },
          { upTo: '1', cells: { '1': 'free' } },
        ],
      },
      { rowValue: '1', column: '1' },
      usd,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_table', path: ['rows', 1, 'upTo'] } });
  });
});
