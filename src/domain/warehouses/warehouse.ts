/**
 * Warehouses: where stock sits. A provider runs China consolidation warehouses (集货仓),
 * US fulfilment warehouses and US returns warehouses; each has a local time zone and the
 * cutoff times (e.g. orders in by 14:00 ship today) that later drive ship-by promises.
 */
import type { ErrorDetail } from '../shared/errors.js';

export const WAREHOUSE_KINDS = ['china_consolidation', 'us_fulfilment', 'us_returns'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export interface Cutoff {
  /** What the cutoff is for, e.g. "same-day ship", "USPS pickup", "receiving". */
  name: string;
  /** Local wall-clock time "HH:MM" in the warehouse's time zone. */
  time: string;
  /** ISO weekdays the cutoff applies on (1 = Monday … 7 = Sunday). */
  days: number[];
}

export interface WarehouseDraft {
  code: string;
  name: string;
  kind: string;
  timezone: string;
  country: string;
  postalCode: string;
  cutoffs: Cutoff[];
}

/**
 * @example validateWarehouse({ code: 'US-NJ1', name: 'Edison NJ', kind: 'us_fulfilment',
 *   timezone: 'America/New_York', country: 'US', postalCode: '08817', cutoffs: [] }) // []
 */
export function validateWarehouse(draft: WarehouseDraft): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!/^[A-Z0-9][A-Z0-9_-]{1,31}$/.test(draft.code))
    errors.push({ path: ['code'], code: 'invalid_format', message: 'Code must be 2–32 upper-case letters, digits, - or _ (e.g. US-NJ1).' });
  if (!(WAREHOUSE_KINDS as readonly string[]).includes(draft.kind))
    errors.push({ path: ['kind'], code: 'unknown_kind', message: `Kind must be one of ${WAREHOUSE_KINDS.join(', ')}.` });
  if (!isTimeZone(draft.timezone))
    errors.push({
      path: ['timezone'],
      code: 'unknown_timezone',
      message: `Unknown time zone "${draft.timezone}"; use an IANA name such as America/Los_Angeles.`,
    });
  if (draft.kind === 'china_consolidation' && draft.country !== 'CN')
    errors.push({ path: ['address', 'country'], code: 'kind_country_mismatch', message: 'A China consolidation warehouse must be in CN.' });
  if ((draft.kind === 'us_fulfilment' || draft.kind === 'us_returns') && draft.country !== 'US')
    errors.push({ path: ['address', 'country'], code: 'kind_country_mismatch', message: 'A US warehouse must be in US.' });
  if (draft.country === 'US' && !/^\d{5}(-\d{4})?$/.test(draft.postalCode))
    errors.push({ path: ['address', 'postal_code'], code: 'invalid_zip', message: 'A US ZIP code has 5 digits (or ZIP+4).' });
  if (draft.country === 'CN' && !/^\d{6}$/.test(draft.postalCode))
    errors.push({ path: ['address', 'postal_code'], code: 'invalid_postal_code', message: 'A Chinese postal code has 6 digits.' });
  const names = new Set<string>();
  draft.cutoffs.forEach((cutoff, i) => {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff.time))
      errors.push({ path: ['cutoffs', i, 'time'], code: 'invalid_time', message: `Cutoff time "${cutoff.time}" must be HH:MM (24-hour).` });
    if (cutoff.days.length === 0 || cutoff.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
      errors.push({ path: ['cutoffs', i, 'days'], code: 'invalid_days', message: 'Days are ISO weekdays 1 (Mon) to 7 (Sun).' });
    if (names.has(cutoff.name))
      errors.push({ path: ['cutoffs', i, 'name'], code: 'duplicate', message: `Cutoff "${cutoff.name}" is listed twice.` });
    names.add(cutoff.name);
  });
  return errors;
}

/** @example isTimeZone('America/New_York') // true */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/**
 * The IANA name as Intl spells it ("america/new_york" → "America/New_York"), or null when
 * the name is not a time zone. Stored names are canonical so reports group them correctly.
 *
 * @example canonicalTimeZone('asia/shanghai') // 'Asia/Shanghai'
 */
export function canonicalTimeZone(name: string): string | null {
  // First segment may hold digits after a letter: legacy IANA names like EST5EDT; offsets ("+08:00") stay out.
  if (!name || !/^[A-Za-z_][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
