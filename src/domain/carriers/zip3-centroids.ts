/**
 * ZIP3 centroids: where each 3-digit ZIP area is, for distance-based zones. The table is
 * committed data generated once by `scripts/build-zip3-centroids.mjs` from the `zipcodes`
 * package (average of the ZIP5 points per ZIP3); nothing here reads the network or the package.
 */
import data from './data/zip3-centroids.json' with { type: 'json' };

/** A located ZIP area: centroid latitude/longitude (degrees) and its (main) state or territory. */
export interface ZipPoint {
  readonly zip3: string;
  readonly lat: number;
  readonly lon: number;
  readonly state: string;
}

type Row = [string, number, number, string];

function load(rows: readonly (readonly (string | number)[])[], what: string): Map<string, ZipPoint> {
  const map = new Map<string, ZipPoint>();
  for (const row of rows) {
    const [zip, lat, lon, state] = row as Row;
    if (typeof zip !== 'string' || typeof lat !== 'number' || typeof lon !== 'number' || typeof state !== 'string') {
      throw new Error(`zip3-centroids.json: malformed ${what} row ${JSON.stringify(row)}`);
    }
    map.set(zip, Object.freeze({ zip3: zip.slice(0, 3), lat, lon, state }));
  }
  return map;
}

const ZIP3 = load(data.zip3, 'zip3');
// ZIP5s located apart from their ZIP3 (96799 American Samoa inside Hawaii's 967).
const ZIP5 = load(data.zip5, 'zip5');
const ZIP3_WITH_ZIP5_EXCEPTIONS = new Set([...ZIP5.keys()].map((z) => z.slice(0, 3)));

/** Where the centroid table came from, for audit trails and API docs. */
export const ZIP3_CENTROIDS_SOURCE: string = data.source;

/**
 * The point a ZIP5 is located at: its own entry when it is an exception, else its ZIP3's.
 *
 * @example
 * zipPoint('10001')?.state; // 'NY'
 * zipPoint('96799')?.state; // 'AS' (American Samoa, although ZIP3 967 is Hawaii)
 * zipPoint('00000'); // undefined
 */
export function zipPoint(zip5: string): ZipPoint | undefined {
  return ZIP5.get(zip5) ?? ZIP3.get(zip5.slice(0, 3));
}

/**
 * The centroid of a ZIP3.
 *
 * @example
 * zip3Point('100')?.lat; // ≈ 40.76
 */
export function zip3Point(zip3: string): ZipPoint | undefined {
  return ZIP3.get(zip3);
}

/**
 * Whether some ZIP5 in this ZIP3 is located apart from it (so ZIP3-only lookups are not enough).
 *
 * @example
 * hasZip5Exceptions('967'); // true (96799 American Samoa)
 */
export function hasZip5Exceptions(zip3: string): boolean {
  return ZIP3_WITH_ZIP5_EXCEPTIONS.has(zip3);
}

/**
 * Every ZIP3 in the table, ascending.
 *
 * @example
 * knownZip3s()[0]; // '005'
 */
export function knownZip3s(): string[] {
  return [...ZIP3.keys()].sort();
}
