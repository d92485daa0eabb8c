import { describe, expect, it } from 'vitest';
import { datedProblems, entryOn, indexOn, isIsoDate } from './dated.js';

describe('dated entries', () => {
  const entries = [
    { effectiveFrom: '2025-01-01', effectiveTo: '2025-08-18', v: 'a' },
    { effectiveFrom: '2025-08-18', v: 'b' },
  ];

  it('picks the entry in force: from inclusive, to exclusive', () => {
    expect(entryOn(entries, '2024-12-31')).toBeUndefined();
    expect(entryOn(entries, '2025-01-01')?.v).toBe('a');
    expect(entryOn(entries, '2025-08-17')?.v).toBe('a');
    expect(entryOn(entries, '2025-08-18')?.v).toBe('b');
    expect(entryOn(entries, '2099-01-01')?.v).toBe('b');
    expect(indexOn(entries, '2025-08-18')).toBe(1);
  });

  it('validates calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-28')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
  });

  it('reports overlaps, reversed ranges and bad dates', () => {
    expect(datedProblems(entries)).toEqual([]);
    expect(datedProblems([{ effectiveFrom: '2025-01-01' }, { effectiveFrom: '2025-06-01' }])).toHaveLength(1);
    expect(datedProblems([{ effectiveFrom: '2025-06-01', effectiveTo: '2025-06-01' }])[0]?.message).toMatch(/not after/);
    expect(datedProblems([{ effectiveFrom: '2025-13-01' }])[0]?.message).toMatch(/not a YYYY-MM-DD/);
  });
});
