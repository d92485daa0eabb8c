/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Customs rates change on dates, not instants,
 * and ISO dates compare correctly as strings, so no Date object (and no clock) is needed.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `s` is a real calendar date in ISO form.
 *
 * @example
 * isIsoDate('2025-04-10'); // true
 * isIsoDate('2025-02-30'); // false
 * isIsoDate('2025-4-10'); // false
 */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone can shift it).
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * The US federal fiscal year a date falls in: it starts on 1 October, so FY2026 runs
 * 2025-10-01 through 2026-09-30.
 *
 * @example
 * fiscalYearOf('2025-09-30'); // 2025
 * fiscalYearOf('2025-10-01'); // 2026
 */
export function fiscalYearOf(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 10 ? year + 1 : year;
}
