import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { lookupRate, type RateTable, validateRateTable } from './rate-table.js';
import { SAMPLE_SERVICES } from './samples/index.js';

const table: RateTable = {
  zones: [1, 2, 3],
  ozTiers: [
    { maxOz: '4', prices: ['4.00', '4.10', '4.20'] },
    { maxOz: '15.99', prices: ['5.00', '5.10', '5.20'] },
  ],
  lbRows: [
    { maxLb: 1, prices: ['6.00', '6.50', '7.00'] },
    { maxLb: 2, prices: ['7.00', '7.50', '8.00'] },
    { maxLb: 5, prices: ['9.00', '9.50', '10.00'] },
  ],
};

describe('validateRateTable', () => {
  it('accepts a monotonic table and every sample card', () => {
    expect(validateRateTable(table).ok).toBe(true);
    for (const s of SAMPLE_SERVICES) expect(validateRateTable(s.rateTable).ok, s.code).toBe(true);
  });

  it('rejects a price that decreases along weight, naming the cell', () => {
    const bad: RateTable = { ...table, lbRows: [table.lbRows[0]!, { maxLb: 2, prices: ['5.99', '7.50', '8.00'] }, table.lbRows[2]!] };
    const r = validateRateTable(bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual([expect.objectContaining({ code: 'decreases_along_weight', cell: { unit: 'lb', weight: '2', zone: 1 } })]);
  });

  it('rejects a price that decreases along zone, naming the cell', () => {
    const bad: RateTable = { ...table, lbRows: [{ maxLb: 1, prices: ['6.00', '5.90', '7.00'] }, ...table.lbRows.slice(1)] };
    const r = validateRateTable(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ code: 'decreases_along_zone', cell: { unit: 'lb', weight: '1', zone: 2 } });
  });

  it('checks the ounce → pound boundary too', () => {
    const bad: RateTable = { ...table, ozTiers: [{ maxOz: '15.99', prices: ['6.01', '6.50', '7.00'] }] };
    const r = validateRateTable(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ code: 'decreases_along_weight', cell: { unit: 'lb', weight: '1', zone: 1 } });
  });

  it('rejects malformed tables', () => {
    const codes = (t: RateTable) => {
      const r = validateRateTable(t);
      return r.ok ? [] : r.error.map((i) => i.code);
    };
    expect(codes({ zones: [], lbRows: [] })).toEqual(['no_zones', 'no_rows']);
    expect(codes({ zones: [2, 1], lbRows: [{ maxLb: 1, prices: ['1', '1'] }] })).toEqual(['zones_not_ascending']);
    expect(
      codes({
        zones: [1],
        lbRows: [
          { maxLb: 2, prices: ['1'] },
          { maxLb: 2, prices: ['1'] },
        ],
      }),
    ).toEqual(['weights_not_ascending']);
    expect(codes({ zones: [1], lbRows: [{ maxLb: 1, prices: ['1.005'] }] })).toEqual(['invalid_price']);
    expect(codes({ zones: [1], lbRows: [{ maxLb: 1, prices: ['1', '2'] }] })).toEqual(['wrong_number_of_prices']);
    expect(codes({ zones: [1], ozTiers: [{ maxOz: '16', prices: ['1'] }], lbRows: [{ maxLb: 1, prices: ['1'] }] })).toEqual([
      'invalid_weight',
    ]);
    expect(codes({ zones: [1], lbRows: [{ maxLb: 1.5, prices: ['1'] }] })).toEqual(['invalid_weight']);
  });
});

describe('lookupRate', () => {
  it('prices at the first "not over" bracket', () => {
    expect(lookupRate(table, { unit: 'oz', value: new Decimal('4') }, 2)).toEqual({ ok: true, value: '4.10' });
    expect(lookupRate(table, { unit: 'oz', value: new Decimal('10') }, 2)).toEqual({ ok: true, value: '5.10' });
    expect(lookupRate(table, { unit: 'lb', value: new Decimal(3) }, 3)).toEqual({ ok: true, value: '10.00' });
  });

  it('says when the zone or weight is not in the table', () => {
    expect(lookupRate(table, { unit: 'lb', value: new Decimal(1) }, 9)).toEqual({ ok: false, error: 'zone_not_served' });
    expect(lookupRate(table, { unit: 'lb', value: new Decimal(6) }, 1)).toEqual({ ok: false, error: 'weight_over_table' });
  });
});
