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
