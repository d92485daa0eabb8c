/**
 * Zones from ZIP3 centroid distance (DOMAIN.md "Zones": ≤50 mi zone 1, 51–150 zone 2, …,
 * 1,801+ zone 8, zone 9 for the freely associated states) and imported-chart overrides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownZip3s, zipPoint } from './zip3-centroids.js';
import {
  createZoneIndex,
  greatCircleMiles,
  normalizeZip,
  parseZip5,
  resolveZone,
  validateZoneChart,
  ZONE_CELL_UNKNOWN_DEST,
  ZONE_CELL_UNKNOWN_ORIGIN,
  type ZoneChart,
  zoneCellBasis,
  zoneForMiles,
} from './zones.js';

const zoneOf = (o: string, d: string, chart?: ZoneChart) => {
  const r = resolveZone(o, d, chart);
  if (!r.ok) throw new Error(`unknown zip ${r.error.zip}`);
  return r.value;
};

describe('distance zones', () => {
  it('08837 (Edison NJ) → 10001 (New York) is local: zone 1 or 2', () => {
    expect([1, 2]).toContain(zoneOf('08837', '10001').zone);
  });

  it('91761 (Ontario CA) → 10001 is zone 8', () => {
    const z = zoneOf('91761', '10001');
    expect(z.zone).toBe(8);
    expect(z.basis).toBe('distance');
    expect(z.miles).toBeGreaterThan(2300);
  });

  it('91761 → 90210 (Beverly Hills) is zone 1 or 2', () => {
    expect([1, 2]).toContain(zoneOf('91761', '90210').zone);
  });

  it('the same ZIP3 is zone 1', () => {
    expect(zoneOf('91761', '91764')).toMatchObject({ zone: 1, miles: 0 });
  });

  it('Guam 96910 is zone 9, and so is American Samoa 96799 although its ZIP3 967 is Hawaii', () => {
    expect(zoneOf('91761', '96910')).toMatchObject({ zone: 9, basis: 'territory' });
    expect(zoneOf('91761', '96799').zone).toBe(9);
    expect(zoneOf('96701', '96799').zone).toBe(9); // not "same ZIP3, local"
    expect(zoneOf('91761', '96701').zone).toBe(8); // Hawaii by distance
    expect(zoneOf('91761', '99501').zone).toBe(8); // Alaska by distance
  });

  it('military ZIPs are zoned to their gateway (AE via New York)', () => {
    expect(zoneOf('08837', '09001').zone).toBe(zoneOf('08837', '11430').zone);
  });

  it('unknown or malformed ZIPs are a typed unknown_zip, origin first', () => {
    expect(resolveZone('91761', '00000')).toEqual({ ok: false, error: { code: 'unknown_zip', zip: '00000' } });
    expect(resolveZone('00000', '00001')).toEqual({ ok: false, error: { code: 'unknown_zip', zip: '00000' } });
    expect(resolveZone('9176', '10001')).toEqual({ ok: false, error: { code: 'unknown_zip', zip: '9176' } });
    expect(resolveZone('91761', '10001-12')).toEqual({ ok: false, error: { code: 'unknown_zip', zip: '10001-12' } });
    expect(zoneOf('91761-0001', '10001-2345').zone).toBe(8);
  });

  it('maps distance bands with their edges', () => {
    expect([0, 50, 50.01, 150, 151, 300, 301, 600, 601, 1000, 1001, 1400, 1401, 1800, 1801, 5000].map((m) => zoneForMiles(m))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
    ]);
  });

  it('measures great-circle miles (New York → Los Angeles ≈ 2,445 mi)', () => {
    expect(greatCircleMiles({ lat: 40.7128, lon: -74.006 }, { lat: 34.0522, lon: -118.2437 })).toBeCloseTo(2445, -1);
  });

  it('ships a commit-sized centroid table covering every state', () => {
    expect(knownZip3s().length).toBeGreaterThan(900);
    expect(zipPoint('10001')?.state).toBe('NY');
    expect(zipPoint('96799')?.state).toBe('AS');
  });
});

describe('zone charts', () => {
  const chart: ZoneChart = {
    source: 'test chart',
    origins: {
      '917': [
        { from: '005', to: '099', zone: 7 },
        { from: '100', to: '102', zone: 6 },
      ],
    },
  };

  it('override the computed zone where they cover the pair, and fall back elsewhere', () => {
    expect(zoneOf('91761', '10001', chart)).toMatchObject({ zone: 6, basis: 'chart', miles: null });
    expect(zoneOf('91761', '08837', chart).zone).toBe(7);
    expect(zoneOf('91761', '11201', chart)).toMatchObject({ zone: 8, basis: 'distance' });
    expect(zoneOf('08837', '10001', chart).basis).toBe('distance');
  });

  it('are validated', () => {
    expect(validateZoneChart(chart).ok).toBe(true);
    const bad = validateZoneChart({
      source: 'bad',
      origins: {
        '91': [{ from: '010', to: '005', zone: 3 }],
        '917': [
          { from: '005', to: '050', zone: 3 },
          { from: '040', to: '060', zone: 10 as 9 },
        ],
      },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.map((i) => i.message)).toHaveLength(4);
  });
});

describe('compiled zone index', () => {
  it('agrees with resolveZone for every destination ZIP3 from several origins', () => {
    const index = createZoneIndex();
    for (const origin of ['91761', '08837', '60601', '99501', '00601', '96910']) {
      for (let d3 = 0; d3 < 1000; d3++) {
        const dest = `${String(d3).padStart(3, '0')}42`;
        const cell = index.cell(parseZip5(origin), parseZip5(dest));
        const r = resolveZone(origin, dest);
        if (r.ok) {
          expect(cell & 15).toBe(r.value.zone);
          expect(zoneCellBasis(cell)).toBe(r.value.basis);
        } else expect(cell).toBe(ZONE_CELL_UNKNOWN_DEST);
      }
    }
    expect(index.cell(parseZip5('00000'), parseZip5('10001'))).toBe(ZONE_CELL_UNKNOWN_ORIGIN);
    expect(index.cell(parseZip5('91761'), parseZip5('96799')) & 15).toBe(9);
  });

  it('parses ZIPs without allocating, like normalizeZip', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{5}(-\d{4})?$/), fc.string({ maxLength: 11 })), (s) => {
        const n = normalizeZip(s);
        expect(parseZip5(s)).toBe(n === null ? -1 : Number(n));
      }),
    );
  });
});
