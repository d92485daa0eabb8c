/**
 * Zones: how far a parcel travels, as the carriers price it. USPS derives zones from the
 * distance between the origin and destination 3-digit ZIP areas (DOMAIN.md, "Zones"); an
 * imported official zone chart is authoritative and overrides the computed zone; distance is the
 * fallback. UPS and FedEx publish their own charts, loaded the same way.
 */
import { err, ok, type Result } from '../shared/result.js';
import { hasZip5Exceptions, knownZip3s, type ZipPoint, zip3Point, zipPoint } from './zip3-centroids.js';

/** A price zone. 1–8 by distance; 9 for the freely associated states and Pacific territories. */
export type Zone = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const ZONES: readonly Zone[] = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9]);

/** @example isZone(8); // true */
export function isZone(n: unknown): n is Zone {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 9;
}

/** How a zone was decided. */
export type ZoneBasis = 'distance' | 'territory' | 'chart';

/** Distance bands and special places, as data (USPS Notice 123 style). */
export interface DistanceZoneRules {
  readonly source: string;
  /** Ascending: the first band whose `maxMiles` is ≥ the distance gives the zone. */
  readonly bands: readonly { readonly maxMiles: number; readonly zone: Zone }[];
  /** Zone beyond the last band. */
  readonly beyond: Zone;
  /** States and territories priced as zone 9 to or from anywhere else. */
  readonly zone9States: readonly string[];
  /** Military post (APO/FPO/DPO) is zoned to its domestic gateway ZIP3. */
  readonly militaryGateways: Readonly<Record<string, string>>;
  readonly earthRadiusMiles: number;
}

/**
 * USPS-style distance zones. Bands from DOMAIN.md (local and ≤50 mi zone 1; 51–150 zone 2; …;
 * 1,801+ zone 8). Zone 9: DOMAIN.md names the freely associated states (FM, MH, PW); Guam,
 * American Samoa and the Northern Mariana Islands are priced as zone 9 here too — confirm with
 * the official chart. Military gateways are an approximation (AE via JFK 114, AP via San
 * Francisco 941, AA via Miami 331); the official chart is authoritative.
 */
export const DISTANCE_ZONE_RULES: DistanceZoneRules = Object.freeze({
  source: 'DOMAIN.md "Zones" (USPS distance bands between ZIP3 areas); zone 9 and gateways: see zones.ts',
  bands: Object.freeze([
    { maxMiles: 50, zone: 1 },
    { maxMiles: 150, zone: 2 },
    { maxMiles: 300, zone: 3 },
    { maxMiles: 600, zone: 4 },
    { maxMiles: 1000, zone: 5 },
    { maxMiles: 1400, zone: 6 },
    { maxMiles: 1800, zone: 7 },
  ] as const),
  beyond: 8,
  zone9States: Object.freeze(['GU', 'AS', 'MP', 'FM', 'PW', 'MH']),
  militaryGateways: Object.freeze({ AA: '331', AE: '114', AP: '941' }),
  earthRadiusMiles: 3958.8,
});

/** The typed outcome for a ZIP that is malformed or not in any table. */
export interface UnknownZip {
  readonly code: 'unknown_zip';
  readonly zip: string;
}

export interface ZoneResult {
  readonly zone: Zone;
  readonly basis: ZoneBasis;
  readonly originZip3: string;
  readonly destZip3: string;
  /** Great-circle miles between the centroids, or null when a chart or territory rule decided. */
  readonly miles: number | null;
}

/**
 * An imported zone chart: per origin ZIP3, destination ZIP3 ranges (inclusive) with their zone.
 * Loading charts from files is the import's job; this is the shape and the lookup.
 */
export interface ZoneChart {
  readonly source: string;
  readonly origins: Readonly<Record<string, readonly ZoneChartRange[]>>;
}

export interface ZoneChartRange {
  /** First destination ZIP3, e.g. "005". */
  readonly from: string;
  /** Last destination ZIP3, inclusive, e.g. "098". */
  readonly to: string;
  readonly zone: Zone;
}

const ZIP_PATTERN = /^(\d{5})(?:-\d{4})?$/;
const ZIP3_PATTERN = /^\d{3}$/;

/**
 * The 5-digit ZIP of a US ZIP or ZIP+4, or null when malformed.
 *
 * @example
 * normalizeZip('10001-1234'); // '10001'
 * normalizeZip('1001'); // null
 */
export function normalizeZip(zip: string): string | null {
  const m = typeof zip === 'string' ? ZIP_PATTERN.exec(zip) : null;
  return m ? (m[1] as string) : null;
}

/**
 * Great-circle (haversine) distance in miles between two points.
 *
 * @example
 * greatCircleMiles({ lat: 40.75, lon: -74 }, { lat: 34.05, lon: -118.24 }); // ≈ 2,450
 */
export function greatCircleMiles(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
  radiusMiles = DISTANCE_ZONE_RULES.earthRadiusMiles,
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * radiusMiles * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The zone for a distance in miles under the bands.
 *
 * @example
 * zoneForMiles(50); // 1
 * zoneForMiles(50.4); // 2
 * zoneForMiles(2450); // 8
 */
export function zoneForMiles(miles: number, rules: DistanceZoneRules = DISTANCE_ZONE_RULES): Zone {
  for (const band of rules.bands) if (miles <= band.maxMiles) return band.zone;
  return rules.beyond;
}

/**
 * The zone an imported chart gives, or null when the chart does not cover the pair.
 *
 * @example
 * zoneFromChart({ source: 'x', origins: { '917': [{ from: '005', to: '098', zone: 8 }] } }, '917', '010'); // 8
 */
export function zoneFromChart(chart: ZoneChart, originZip3: string, destZip3: string): Zone | null {
  const ranges = Object.hasOwn(chart.origins, originZip3) ? chart.origins[originZip3] : undefined;
  if (!ranges) return null;
  for (const r of ranges) if (r.from <= destZip3 && destZip3 <= r.to) return r.zone;
  return null;
}

/** Stable codes of zone chart problems. */
export type ZoneChartIssueCode =
  | 'invalid_origin'
  | 'invalid_zip3'
  | 'reversed_range'
  | 'invalid_zone'
  | 'overlapping_ranges'
  | 'gap_in_ranges';

/** A problem in an imported chart, with where it is; `message` is English, `messages` both languages. */
export interface ZoneChartIssue {
  readonly origin: string;
  readonly index?: number;
  /** The range field at fault, when one is. */
  readonly field?: 'from' | 'to' | 'zone';
  readonly code: ZoneChartIssueCode;
  readonly message: string;
  readonly messages: { readonly en: string; readonly zh: string };
}

/** A problem in one list of destination ranges (one origin's rows). */
export type ZoneRangeIssue = Omit<ZoneChartIssue, 'origin'> & { readonly index: number };

/**
 * Problems in one origin's destination ranges: 3-digit ends, from ≤ to, zones 1–9, no overlaps,
 * and (with `gaps`) no destination ZIP3 in use left between two ranges. Ranges may come in any
 * order; an overlap or gap is reported on the later-starting range.
 *
 * @example
 * zoneRangeIssues([{ from: '005', to: '050', zone: 3 }, { from: '040', to: '060', zone: 4 }]);
 * // [{ index: 1, field: 'from', code: 'overlapping_ranges', … }]
 */
export function zoneRangeIssues(ranges: readonly ZoneChartRange[], options: { gaps?: boolean } = {}): ZoneRangeIssue[] {
  const issues: ZoneRangeIssue[] = [];
  const add = (index: number, field: 'from' | 'to' | 'zone', code: ZoneChartIssueCode, en: string, zh: string) =>
    issues.push({ index, field, code, message: en, messages: { en, zh } });
  const wellFormed: { index: number; from: string; to: string }[] = [];
  ranges.forEach((r, index) => {
    const from = typeof r.from === 'string' && ZIP3_PATTERN.test(r.from);
    const to = typeof r.to === 'string' && ZIP3_PATTERN.test(r.to);
    if (!from || !to)
      add(index, from ? 'to' : 'from', 'invalid_zip3', 'range ends must be 3-digit ZIP prefixes', '范围的起止须为 3 位邮编前缀');
    else if (r.from > r.to) add(index, 'to', 'reversed_range', `range ${r.from}–${r.to} is reversed`, `范围 ${r.from}–${r.to} 起止颠倒`);
    else wellFormed.push({ index, from: r.from, to: r.to });
    if (!isZone(r.zone)) add(index, 'zone', 'invalid_zone', `zone ${String(r.zone)} is not 1–9`, `分区 ${String(r.zone)} 不在 1–9 之内`);
  });
  const sorted = [...wellFormed].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index));
  const known = options.gaps ? knownZip3s() : [];
  // `prev` is the range reaching farthest so far, so a long range overlapping several later ones is caught each time.
  let prev = sorted[0] as (typeof sorted)[number];
  for (let k = 1; k < sorted.length; k++) {
    const r = sorted[k] as (typeof sorted)[number];
    const reach = prev.to;
    if (r.from <= reach) {
      add(
        r.index,
        'from',
        'overlapping_ranges',
        `range ${r.from}–${r.to} overlaps ${prev.from}–${prev.to}`,
        `范围 ${r.from}–${r.to} 与 ${prev.from}–${prev.to} 重叠`,
      );
    } else if (options.gaps) {
      const missing = known.filter((z) => z > reach && z < r.from);
      if (missing.length > 0) {
        const shown = missing.length > 3 ? `${missing.slice(0, 3).join(', ')}…` : missing.join(', ');
        add(
          r.index,
          'from',
          'gap_in_ranges',
          `gap between ${prev.from}–${prev.to} and ${r.from}–${r.to}: destination ZIP3 ${shown} has no zone`,
          `${prev.from}–${prev.to} 与 ${r.from}–${r.to} 之间有空缺：目的地邮编前缀 ${shown} 没有分区`,
        );
      }
    }
    if (r.to > prev.to) prev = r;
  }
  return issues;
}

/**
 * Check an imported chart: 3-digit origins and ranges, from ≤ to, zones 1–9, no overlaps.
 *
 * @example
 * validateZoneChart({ source: 's', origins: { '917': [{ from: '098', to: '005', zone: 8 }] } }).ok; // false
 */
export function validateZoneChart(chart: ZoneChart): Result<ZoneChart, ZoneChartIssue[]> {
  const issues: ZoneChartIssue[] = [];
  for (const [origin, ranges] of Object.entries(chart.origins)) {
    if (!ZIP3_PATTERN.test(origin)) {
      const en = `origin ${JSON.stringify(origin)} is not a 3-digit ZIP prefix`;
      const zh = `始发地 ${JSON.stringify(origin)} 不是 3 位邮编前缀`;
      issues.push({ origin, code: 'invalid_origin', message: en, messages: { en, zh } });
    }
    for (const issue of zoneRangeIssues(ranges)) issues.push({ origin, ...issue });
  }
  return issues.length ? err(issues) : ok(chart);
}

function located(point: ZipPoint | undefined, rules: DistanceZoneRules): ZipPoint | undefined {
  if (!point) return undefined;
  const gateway = Object.hasOwn(rules.militaryGateways, point.state) ? rules.militaryGateways[point.state] : undefined;
  return gateway === undefined ? point : zip3Point(gateway);
}

type ZoneBetween = { ok: true; value: ZoneResult } | { ok: false; side: 'origin' | 'dest' };

/** The zone between two located areas (points may be missing: then only a chart can answer). */
function zoneBetween(
  origin: ZipPoint | undefined,
  dest: ZipPoint | undefined,
  originZip3: string,
  destZip3: string,
  chart: ZoneChart | undefined,
  rules: DistanceZoneRules,
): ZoneBetween {
  const charted = chart ? zoneFromChart(chart, originZip3, destZip3) : null;
  if (charted !== null) return { ok: true, value: { zone: charted, basis: 'chart', originZip3, destZip3, miles: null } };
  if (!origin) return { ok: false, side: 'origin' };
  if (!dest) return { ok: false, side: 'dest' };
  // The same area is local (zone 1) even in a territory; otherwise zone-9 places are zone 9.
  if (origin !== dest && (rules.zone9States.includes(origin.state) || rules.zone9States.includes(dest.state))) {
    return { ok: true, value: { zone: 9, basis: 'territory', originZip3, destZip3, miles: null } };
  }
  const a = located(origin, rules);
  const b = located(dest, rules);
  if (!a) return { ok: false, side: 'origin' };
  if (!b) return { ok: false, side: 'dest' };
  const miles = origin === dest ? 0 : greatCircleMiles(a, b, rules.earthRadiusMiles);
  return { ok: true, value: { zone: zoneForMiles(miles, rules), basis: 'distance', originZip3, destZip3, miles } };
}

/**
 * The zone from origin ZIP to destination ZIP: the chart's zone when a chart is given and covers
 * the pair, else by great-circle distance between the ZIP3 centroids. A malformed ZIP, or one
 * whose ZIP3 is in no table, is `unknown_zip` (origin checked first).
 *
 * @example
 * resolveZone('91761', '10001'); // ok: zone 8 by distance
 * resolveZone('91761', '96910'); // ok: zone 9 (Guam)
 * resolveZone('91761', '00000'); // err: { code: 'unknown_zip', zip: '00000' }
 */
export function resolveZone(
  originZip: string,
  destZip: string,
  chart?: ZoneChart,
  rules: DistanceZoneRules = DISTANCE_ZONE_RULES,
): Result<ZoneResult, UnknownZip> {
  const o = normalizeZip(originZip);
  if (o === null) return err({ code: 'unknown_zip', zip: originZip });
  const d = normalizeZip(destZip);
  if (d === null) return err({ code: 'unknown_zip', zip: destZip });
  const r = zoneBetween(zipPoint(o), zipPoint(d), o.slice(0, 3), d.slice(0, 3), chart, rules);
  if (r.ok) return ok(r.value);
  return err({ code: 'unknown_zip', zip: r.side === 'origin' ? originZip : destZip });
}

// ---------------------------------------------------------------------------------------------
// Compiled zone lookup: one Uint8Array(1000) per origin ZIP3, indexed by destination ZIP3.

/** Packed zone cell: 0 = destination unknown, 255 = origin unknown, else zone | basis << 4. */
export const ZONE_CELL_UNKNOWN_DEST = 0;
export const ZONE_CELL_UNKNOWN_ORIGIN = 255;
const BASIS_CODES: readonly ZoneBasis[] = ['distance', 'territory', 'chart'];

/** @example zoneCellBasis(8 | (2 << 4)); // 'chart' */
export function zoneCellBasis(cell: number): ZoneBasis {
  return BASIS_CODES[cell >> 4] as ZoneBasis;
}

function packCell(r: ZoneBetween): number {
  if (!r.ok) return r.side === 'origin' ? ZONE_CELL_UNKNOWN_ORIGIN : ZONE_CELL_UNKNOWN_DEST;
  return r.value.zone | (BASIS_CODES.indexOf(r.value.basis) << 4);
}

const pad5 = (n: number): string => String(n).padStart(5, '0');

/**
 * Precomputed zones for one chart (or none): `cell(origin, dest)` with ZIP5s as integers is an
 * array index in the common case. ZIP3s holding a ZIP5 located apart (96799 in 967) go through
 * the reference lookup, cached.
 */
export interface ZoneIndex {
  readonly chart: ZoneChart | undefined;
  cell(origin5: number, dest5: number): number;
}

/**
 * Build a zone index. Rows are filled lazily, 1,000 zones per origin ZIP3 on first use.
 *
 * @example
 * const index = createZoneIndex();
 * index.cell(91761, 10001) & 15; // 8
 */
export function createZoneIndex(chart?: ZoneChart, rules: DistanceZoneRules = DISTANCE_ZONE_RULES): ZoneIndex {
  const rows: (Uint8Array | undefined)[] = new Array(1000).fill(undefined);
  const special = new Uint8Array(1000);
  for (let z = 0; z < 1000; z++) if (hasZip5Exceptions(String(z).padStart(3, '0'))) special[z] = 1;
  const slow = new Map<number, number>();

  function buildRow(o3: number): Uint8Array {
    const row = new Uint8Array(1000);
    const originZip3 = String(o3).padStart(3, '0');
    const origin = zip3Point(originZip3);
    for (let d3 = 0; d3 < 1000; d3++) {
      const destZip3 = String(d3).padStart(3, '0');
      row[d3] = packCell(zoneBetween(origin, zip3Point(destZip3), originZip3, destZip3, chart, rules));
    }
    rows[o3] = row;
    return row;
  }

  function slowCell(origin5: number, dest5: number): number {
    const key = origin5 * 100_000 + dest5;
    let cell = slow.get(key);
    if (cell === undefined) {
      const o = pad5(origin5);
      const d = pad5(dest5);
      cell = packCell(zoneBetween(zipPoint(o), zipPoint(d), o.slice(0, 3), d.slice(0, 3), chart, rules));
      if (slow.size > 100_000) slow.clear();
      slow.set(key, cell);
    }
    return cell;
  }

  return {
    chart,
    cell(origin5: number, dest5: number): number {
      const o3 = (origin5 / 100) | 0;
      const d3 = (dest5 / 100) | 0;
      if (special[o3] === 1 || special[d3] === 1) return slowCell(origin5, dest5);
      const row = rows[o3] ?? buildRow(o3);
      return row[d3] as number;
    },
  };
}

/**
 * A US ZIP or ZIP+4 as the integer of its 5 digits, or -1 when malformed. The hot path's parser.
 *
 * @example
 * parseZip5('08837'); // 8837
 * parseZip5('08837-1234'); // 8837
 * parseZip5('8837'); // -1
 */
export function parseZip5(zip: string): number {
  const len = zip.length;
  if (len !== 5 && (len !== 10 || zip.charCodeAt(5) !== 45)) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    if (i === 5) continue;
    const c = zip.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    if (i < 5) n = n * 10 + c;
  }
  return n;
}
