import type { Locale } from '../types';

/** @example formatDateTime('2025-01-02T03:04:05Z', 'en') // 'Jan 2, 2025, 3:04 AM' (in the viewer's zone) */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** @example formatDate('2025-01-02T03:04:05Z', 'zh-CN') // '2025年1月2日' */
export function formatDate(iso: string | null | undefined, locale: Locale): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/**
 * Short weekday name. Days are ISO numbers (1 = Monday … 7 = Sunday); 0 is also read as Sunday.
 *
 * @example weekdayName(1, 'en') // 'Mon'
 */
export function weekdayName(day: number, locale: Locale): string {
  // 2024-01-01 was a Monday.
  const offset = ((day % 7) + 6) % 7;
  const date = new Date(Date.UTC(2024, 0, 1 + offset, 12));
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date);
}

/**
 * A calendar day written YYYY-MM-DD (quote date, effective date): the same day for every
 * viewer, whatever their time zone.
 *
 * @example formatDay('2026-01-01', 'en') // 'Jan 1, 2026'
 */
export function formatDay(day: string | null | undefined, locale: Locale): string | null {
  if (!day) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Today in the viewer's calendar, YYYY-MM-DD. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
