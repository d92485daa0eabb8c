/**
 * Calendar dates as plain `YYYY-MM-DD` strings and integer day numbers: pure arithmetic on the
 * proleptic Gregorian calendar, no `Date`, no time zone, no clock. Billing periods are days a
 * seller reads on an invoice ("1–10 June"), so both ends of a period are billed days.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** @example isLeapYear(2024) // true; isLeapYear(1900) // false */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parse a strict ISO calendar date, or `null` for anything else (including 2025-02-29).
 *
 * @example parseCalendarDate('2024-02-29') // { year: 2024, month: 2, day: 29 }
 */
export function parseCalendarDate(s: string): CalendarDate | null {
  const m = ISO_DATE.exec(s);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * Days since 1970-01-01 (Howard Hinnant's days_from_civil), so a period's length is a subtraction.
 *
 * @example dayNumber({ year: 1970, month: 1, day: 2 }) // 1
 */
export function dayNumber(d: CalendarDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** One calendar month's share of a period. */
export interface MonthSegment {
  /** `YYYY-MM`. */
  month: string;
  /** Billed days of the period falling in this month. */
  days: number;
  daysInMonth: number;
}

function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * Split an inclusive period into calendar months. `to` must not be before `from`.
 *
 * @example
 * monthSegments(parseCalendarDate('2026-01-22')!, parseCalendarDate('2026-02-10')!);
 * // [{ month: '2026-01', days: 10, daysInMonth: 31 }, { month: '2026-02', days: 10, daysInMonth: 28 }]
 */
export function monthSegments(from: CalendarDate, to: CalendarDate): MonthSegment[] {
  const segments: MonthSegment[] = [];
  let year = from.year;
  let month = from.month;
  let firstDay = from.day;
  for (;;) {
    const length = daysInMonth(year, month);
    const last = year === to.year && month === to.month;
    const lastDay = last ? to.day : length;
    segments.push({ month: monthKey(year, month), days: lastDay - firstDay + 1, daysInMonth: length });
    if (last) return segments;
    firstDay = 1;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/**
 * The date of a day number (the inverse of `dayNumber`, Hinnant's civil_from_days).
 *
 * @example fromDayNumber(1) // { year: 1970, month: 1, day: 2 }
 */
export function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** @example formatCalendarDate({ year: 2026, month: 3, day: 1 }) // '2026-03-01' */
export function formatCalendarDate(d: CalendarDate): string {
  return `${monthKey(d.year, d.month)}-${String(d.day).padStart(2, '0')}`;
}

/**
 * `d` plus `n` months, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
 *
 * @example addMonths({ year: 2026, month: 1, day: 31 }, 1) // { year: 2026, month: 2, day: 28 }
 */
export function addMonths(d: CalendarDate, n: number): CalendarDate {
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/**
 * Months elapsed since `from`, a started month counted whole: the smallest n such that the
 * n-month anniversary (clamped to month end) falls after `to`. 15 Jan–14 Feb is 1 month;
 * 15 Jan–15 Feb is 2.
 *
 * @example
 * anniversaryMonths(parseCalendarDate('2026-01-15')!, parseCalendarDate('2026-02-14')!); // 1
 */
export function anniversaryMonths(from: CalendarDate, to: CalendarDate): number {
  const end = dayNumber(to);
  let n = Math.max(1, (to.year - from.year) * 12 + (to.month - from.month));
  // The estimate is off by at most one either way; walk to the smallest n that covers `to`.
  while (n > 1 && dayNumber(addMonths(from, n - 1)) > end) n -= 1;
  while (dayNumber(addMonths(from, n)) <= end) n += 1;
  return n;
}
