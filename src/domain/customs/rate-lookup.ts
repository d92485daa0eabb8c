/**
 * Choosing the row in force: by date, then the longest HTS prefix, then a named country over
 * 'all', then the latest effective date. Two rows still tied are a conflict in the data,
 * reported rather than broken by table order.
 */
import type { DatedValidity } from './tables.js';

export interface PrefixRow extends DatedValidity {
  id: string;
  htsPrefix: string;
  countries?: readonly string[] | 'all';
}

export type Lookup<T> = { kind: 'found'; row: T } | { kind: 'none' } | { kind: 'conflict'; rows: T[] };

/** In force on `date` (both ends inclusive). ISO dates compare correctly as strings. */
export function inForce(row: DatedValidity, date: string): boolean {
  return row.effectiveFrom <= date && (row.effectiveUntil === undefined || row.effectiveUntil === null || date <= row.effectiveUntil);
}

function coversCountry(countries: readonly string[] | 'all' | undefined, country: string): boolean {
  return countries === undefined || countries === 'all' || countries.includes(country);
}

function rank(row: PrefixRow): [number, number, string] {
  return [row.htsPrefix.length, Array.isArray(row.countries) ? 1 : 0, row.effectiveFrom];
}

function compareRank(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

/**
 * The row for an HTS number (digits only) from `country` on `date`.
 *
 * @example
 * // '8518' 2% and '85183020' 4.9% both in force → the 8-digit row wins for 8518302000.
 * selectRow(rows, '8518302000', 'CN', '2025-06-01'); // { kind: 'found', row: { htsPrefix: '85183020', … } }
 */
export function selectRow<T extends PrefixRow>(rows: readonly T[], hts: string, country: string, date: string): Lookup<T> {
  let best: T[] = [];
  let bestRank: [number, number, string] | null = null;
  for (const row of rows) {
    if (!hts.startsWith(row.htsPrefix) || !coversCountry(row.countries, country) || !inForce(row, date)) continue;
    const r = rank(row);
    const c = bestRank === null ? 1 : compareRank(r, bestRank);
    if (c > 0) {
      best = [row];
      bestRank = r;
    } else if (c === 0) {
      best.push(row);
    }
  }
  if (best.length === 0) return { kind: 'none' };
  if (best.length > 1) return { kind: 'conflict', rows: best };
  return { kind: 'found', row: best[0] as T };
}
