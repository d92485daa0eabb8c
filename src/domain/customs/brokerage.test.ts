import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../money/index.js';
import { brokerageFor, htsLineCount, SAMPLE_BROKERAGE } from './brokerage.js';

const l = (hsCode: string | null, countryOfOrigin = 'CN', ref?: string) => ({ hsCode, countryOfOrigin, ...(ref ? { ref } : {}) });

describe('brokerageFor', () => {
  it('one HTS line: the per-entry fee only', () => {
    const lines = brokerageFor({ lines: [l('8518.30.2000', 'CN', 'SKU-1')] }, SAMPLE_BROKERAGE);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ module: 'customs_brokerage', quantity: '1', unit: 'entry', rate: '75', preciseAmount: '75' });
    expect(lines[0]?.sources).toEqual([{ kind: 'entry_line', id: 'SKU-1' }]);
    expect(lines[0]?.warnings?.[0]?.en).toContain('sample');
  });

  it('counts HTS lines by HTS number and origin: 4 input lines → 3 HTS lines → $75.00 + 2 × $3.50 = $82.00', () => {
    const lines = [l('8518.30.2000'), l('8518302000'), l('8518302000', 'VN'), l('6109.10.0012')];
    expect(htsLineCount(lines)).toBe(3);
    const fees = brokerageFor({ lines }, SAMPLE_BROKERAGE);
    expect(fees.map((f) => [f.rule.ruleId, f.quantity, toDecimalString(f.amount)])).toEqual([
      ['per_entry', '1', '75.00'],
      ['per_additional_line', '2', '7.00'],
    ]);
    expect(fees[1]?.formula.en).toBe('2 additional HTS lines (3 in all) × $3.50 = $7.00');
  });

  it('each line without an HS code counts on its own; no lines, no entry', () => {
    expect(htsLineCount([l(null), l(null)])).toBe(2);
    expect(brokerageFor({ lines: [] }, SAMPLE_BROKERAGE)).toEqual([]);
  });
});
