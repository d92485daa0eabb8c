import { describe, expect, it } from 'vitest';
import { fiscalYearOf, isIsoDate } from './iso-date.js';
import { SAMPLE_CUSTOMS_TABLES } from './sample-tables.js';
import { validateCustomsTables } from './tables.js';

describe('fiscal years and ISO dates', () => {
  it.each([
    ['2024-10-01', 2025],
    ['2025-09-30', 2025],
    ['2025-10-01', 2026],
    ['2026-09-30', 2026],
    ['2026-10-01', 2027],
  ])('%s is in FY%i (US fiscal year starts 1 October)', (date, fy) => {
    expect(fiscalYearOf(date)).toBe(fy);
  });

  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-4-10')).toBe(false);
    expect(isIsoDate('2025-04-10T00:00:00Z')).toBe(false);
    expect(() => fiscalYearOf('10/01/2025')).toThrow(RangeError);
  });
});

describe('validateCustomsTables', () => {
  it('accepts the shipped tables', () => {
    expect(validateCustomsTables(SAMPLE_CUSTOMS_TABLES)).toEqual([]);
  });

  it('lists every problem: bad prefix, reversed dates, MPF year window, duplicate id', () => {
    const [first] = SAMPLE_CUSTOMS_TABLES.hts;
    const [fy2025] = SAMPLE_CUSTOMS_TABLES.mpf;
    if (!first || !fy2025) throw new Error('sample tables changed');
    const problems = validateCustomsTables({
      ...SAMPLE_CUSTOMS_TABLES,
      hts: [
        { ...first, htsPrefix: '85.18' },
        { ...first, id: 'x', effectiveFrom: '2025-05-01', effectiveUntil: '2025-04-30' },
        { ...first, id: 'x', rate: { kind: 'ad_valorem', percent: '-1' } },
      ],
      mpf: [{ ...fy2025, from: '2025-01-01' }],
    });
    expect(problems).toEqual([
      'hts[0] hts-8518302000: htsPrefix must be 4–10 digits',
      'hts[1] x: effectiveUntil must be an ISO date on or after effectiveFrom',
      'hts[2] x: id must be non-empty and unique',
      'hts[2] x: percent must be a non-negative decimal',
      'mpf[0] FY2025: must run 2024-10-01 through 2025-09-30',
    ]);
  });
});
