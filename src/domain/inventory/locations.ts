/**
 * Location codes: zone-aisle-shelf-bin, e.g. A-03-02-B or A-03-02. Staff create them one by
 * one or as a range ("A-01-01..A-10-05": every aisle 01–10 × shelf 01–05 in zone A), the way
 * racking is labelled on the floor.
 */
import type { ErrorDetail } from '../shared/errors.js';

export const LOCATION_TYPES = ['bin', 'shelf', 'pallet', 'floor', 'staging', 'damaged', 'outbound', 'returns'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];
/** Types staff create; the others are the warehouse's system locations. */
export const STORAGE_LOCATION_TYPES = ['bin', 'shelf', 'pallet', 'floor'] as const;

export const MAX_RANGE_LOCATIONS = 5000;
const CODE_PATTERN = /^[A-Z0-9]{1,8}(-[A-Z0-9]{1,8}){0,3}$/;

export interface LocationParts {
  code: string;
  zone: string | null;
  aisle: string | null;
  shelf: string | null;
  bin: string | null;
}

/**
 * Splits a code into its parts (zone, aisle, shelf, bin: as many as it has).
 * @example parseLocationCode('a-03-02-b') // { code: 'A-03-02-B', zone: 'A', aisle: '03', shelf: '02', bin: 'B' }
 */
export function parseLocationCode(raw: string): LocationParts | null {
  const code = raw.trim().toUpperCase();
  if (!CODE_PATTERN.test(code)) return null;
  const [zone, aisle, shelf, bin] = code.split('-');
  return { code, zone: zone ?? null, aisle: aisle ?? null, shelf: shelf ?? null, bin: bin ?? null };
}

/**
 * Every code in a range: each numeric part counts from its start to its end (zero padding
 * kept), letter parts must match on both sides.
 * @example expandLocationRange('A-01-01..A-02-03') // ['A-01-01', 'A-01-02', 'A-01-03', 'A-02-01', 'A-02-02', 'A-02-03']
 */
export function expandLocationRange(range: string): { ok: true; value: LocationParts[] } | { ok: false; error: ErrorDetail } {
  const fail = (message: string) => ({ ok: false as const, error: { path: ['range'], code: 'invalid_range', message } });
  const [fromRaw, toRaw, ...rest] = range.split('..');
  if (fromRaw === undefined || toRaw === undefined || rest.length > 0) return fail('Write a range as FROM..TO, e.g. A-01-01..A-10-05.');
  const from = parseLocationCode(fromRaw);
  const to = parseLocationCode(toRaw);
  if (!from || !to) return fail('Both ends must be location codes such as A-01-01 (letters and digits, parts joined by -).');
  const a = from.code.split('-');
  const b = to.code.split('-');
  if (a.length !== b.length) return fail('Both ends of the range need the same number of parts.');
  const axes: string[][] = [];
  for (let i = 0; i < a.length; i++) {
    const start = a[i] as string;
    const end = b[i] as string;
    if (/^\d+$/.test(start) && /^\d+$/.test(end)) {
      const lo = Number(start);
      const hi = Number(end);
      if (hi < lo) return fail(`Part ${i + 1} runs backwards (${start} to ${end}).`);
      const width = start.length;
      const values: string[] = [];
      for (let n = lo; n <= hi; n++) values.push(String(n).padStart(width, '0'));
      axes.push(values);
    } else if (start === end) {
      axes.push([start]);
    } else {
      return fail(`Part ${i + 1} differs (${start} / ${end}); only number parts can run as a range.`);
    }
  }
  const total = axes.reduce((n, axis) => n * axis.length, 1);
  if (total > MAX_RANGE_LOCATIONS) return fail(`The range makes ${total} locations; at most ${MAX_RANGE_LOCATIONS} at a time.`);
  let codes: string[][] = [[]];
  for (const axis of axes) codes = codes.flatMap((prefix) => axis.map((v) => [...prefix, v]));
  return { ok: true, value: codes.map((parts) => parseLocationCode(parts.join('-')) as LocationParts) };
}

/**
 * Problems with a location staff create (one place's code, type and capacity).
 * @example validateLocation({ code: 'A-01', locationType: 'bin', capacityUnits: 0 }) // [{ path: ['capacity_units'], … }]
 */
export function validateLocation(input: {
  code: string;
  locationType: string;
  capacityUnits?: number | null;
  capacityCubicFeet?: string | null;
}): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!parseLocationCode(input.code))
    errors.push({
      path: ['code'],
      code: 'invalid_format',
      message: 'A location code is 1–4 parts of letters and digits joined by - (zone-aisle-shelf-bin), e.g. A-03-02-B.',
    });
  if (!(STORAGE_LOCATION_TYPES as readonly string[]).includes(input.locationType))
    errors.push({
      path: ['location_type'],
      code: 'unknown_type',
      message: `Staff create ${STORAGE_LOCATION_TYPES.join(', ')} locations; receiving, damaged, outbound and returns exist in every warehouse.`,
    });
  if (
    input.capacityUnits !== undefined &&
    input.capacityUnits !== null &&
    (!Number.isInteger(input.capacityUnits) || input.capacityUnits < 1)
  )
    errors.push({ path: ['capacity_units'], code: 'out_of_range', message: 'Capacity in units is a whole number of at least 1.' });
  if (
    input.capacityCubicFeet !== undefined &&
    input.capacityCubicFeet !== null &&
    !(/^\d{1,9}(\.\d{1,3})?$/.test(input.capacityCubicFeet) && Number(input.capacityCubicFeet) > 0)
  )
    errors.push({
      path: ['capacity_cubic_feet'],
      code: 'out_of_range',
      message: 'Capacity in cubic feet is a positive decimal with at most 3 places.',
    });
  return errors;
}
