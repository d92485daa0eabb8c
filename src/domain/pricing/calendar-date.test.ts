import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anniversaryMonths,
  type CalendarDate,
  dayNumber,
  daysInMonth,
  isLeapYear,
  monthSegments,
  parseCalendarDate,
} from './calendar-date.js';

const d = (s: string): CalendarDate => {
  const parsed = parseCalendarDate(s);
  if (parsed === null) throw new Error(s);
  return parsed;
};

describe('calendar dates', () => {
  it('knows leap years and month lengths', () => {
    expect([2024, 2000, 1900, 2026].map(isLeapYear)).toEqual([true, true, false, false]);
    expect([daysInMonth(2024, 2), daysInMonth(2026, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([29, 28, 30, 31]);
  });

  it('parses only real ISO dates', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-01T00:00:00Z', '', '20260101']) {
      expect(parseCalendarDate(bad), bad).toBeNull();
    }
  });

  it('numbers days like the UTC calendar does', () => {
    expect(dayNumber(d('1970-01-01'))).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 80_000 }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(dayNumber(d(iso))).toBe(n);
      }),
    );
  });

  it('splits a period into calendar months', () => {
    expect(monthSegments(d('2025-12-20'), d('2026-02-03'))).toEqual([
      { month: '2025-12', days: 12, daysInMonth: 31 },
      { month: '2026-01', days: 31, daysInMonth: 31 },
      { month: '2026-02', days: 3, daysInMonth: 28 },
    ]);
  });

  it('counts elapsed months with a started month whole', () => {
    expect(anniversaryMonths(d('2026-01-15'), d('2026-01-15'))).toBe(1);
    expect(anniversaryMonths(d('2026-01-15'), d('2026-02-14'))).toBe(1);
    expect(anniversaryMonths(d('2026-01-15'), d('2026-02-15'))).toBe(2);
    expect(anniversaryMonths(d('2026-01-15'), d('2027-01-14'))).toBe(12);
    expect(anniversaryMonths(d('2024-02-29'), d('2024-03-28'))).toBe(1);
  });
});
