/**
 * Billing periods are calendar months in the provider's billing time zone. A period's window
 * runs from the first midnight of the month to the first midnight of the next, local time, so a
 * storage snapshot taken at a US warehouse's 23:59 cutoff on the 30th belongs to that month.
 */
import { cutoffInstant } from '../inventory/storage.js';
import { daysInMonth } from '../pricing/calendar-date.js';

/** The time zone periods are cut in unless an installation says otherwise: the US west coast, the last US warehouse cutoff of a day. */
export const DEFAULT_BILLING_TIME_ZONE = 'America/Los_Angeles';

export interface BillingPeriod {
  /** YYYY-MM */
  code: string;
  year: number;
  month: number;
  /** First and last day, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  days: number;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** @example parsePeriod('2026-11') // { code: '2026-11', year: 2026, month: 11, firstDay: '2026-11-01', lastDay: '2026-11-30', days: 30 } */
export function parsePeriod(code: string): BillingPeriod | null {
  const match = PERIOD.exec(code);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 2000 || year > 2999) return null;
  const days = daysInMonth(year, month);
  const mm = String(month).padStart(2, '0');
  return { code, year, month, firstDay: `${year}-${mm}-01`, lastDay: `${year}-${mm}-${String(days).padStart(2, '0')}`, days };
}

/** @example nextPeriod('2026-12') // '2027-01' */
export function nextPeriod(code: string): string {
  const p = parsePeriod(code);
  if (!p) throw new Error(`not a period: ${code}`);
  return p.month === 12 ? `${p.year + 1}-01` : `${p.year}-${String(p.month + 1).padStart(2, '0')}`;
}

/** @example previousPeriod('2027-01') // '2026-12' */
export function previousPeriod(code: string): string {
  const p = parsePeriod(code);
  if (!p) throw new Error(`not a period: ${code}`);
  return p.month === 1 ? `${p.year - 1}-12` : `${p.year}-${String(p.month - 1).padStart(2, '0')}`;
}

/** The period holding a date (YYYY-MM-DD…). @example periodOf('2026-11-25') // '2026-11' */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/** Local midnight of a date in a time zone, as a UTC instant. */
export function midnight(date: string, timeZone: string): Date {
  return cutoffInstant(date, '00:00', timeZone);
}

/**
 * The window [start, end) of a period in a time zone.
 * @example periodWindow(parsePeriod('2026-11')!, 'America/Los_Angeles').start.toISOString() // '2026-11-01T07:00:00.000Z'
 */
export function periodWindow(period: BillingPeriod, timeZone: string): { start: Date; end: Date } {
  return { start: midnight(period.firstDay, timeZone), end: midnight(`${nextPeriod(period.code)}-01`, timeZone) };
}

/** @example addDaysTo('2026-11-30', 1) // '2026-12-01' */
export function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. @example daysInclusive('2026-11-01', '2026-11-10') // 10 */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
