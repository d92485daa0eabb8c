/**
 * Price lists change: a rate card is a series of numbered versions, each effective from a
 * date. The version in effect on a date is the highest-numbered one whose effective date
 * has come — so a correction issued later for the same date wins, and a version planned for
 * next month can be loaded today. Every quote and bill records the version it used.
 */

export interface CardVersionRef {
  version: number;
  /** ISO date (YYYY-MM-DD) in the provider's billing calendar. */
  effectiveFrom: string;
}

/**
 * @example versionInEffect([{ version: 1, effectiveFrom: '2026-01-01' }, { version: 2, effectiveFrom: '2026-12-01' }], '2026-11-25')
 * // { version: 1, effectiveFrom: '2026-01-01' }
 */
export function versionInEffect<T extends CardVersionRef>(versions: readonly T[], onDate: string): T | undefined {
  let chosen: T | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= onDate && (!chosen || v.version > chosen.version)) chosen = v;
  }
  return chosen;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** @example isIsoDate('2026-02-30') // false */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
