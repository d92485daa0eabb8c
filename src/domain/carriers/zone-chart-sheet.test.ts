import { describe, expect, it } from 'vitest';
import { parseZoneChartSheet, zoneChartToSheet } from './zone-chart-sheet.js';
import { knownZip3s } from './zip3-centroids.js';

/** A whole chart in the UPS shape: title rows, then "Dest. ZIP" ranges covering every ZIP3 in use. */
function upsStyleSheet(): string[][] {
  return [
    ['UPS Ground Zone Chart'],
    ['For shipments originating in ZIP codes 088-00 to 088-99'],
    [],
    ['Dest. ZIP', 'Ground', '3 Day Select'],
    ['004-099', '002', '302'],
    ['100-199', '003', '303'],
    ['200-499', '005', '305'],
    ['500-799', '007', '307'],
    ['800-999', '008', '308'],
    ['* Alaska and Hawaii: see the separate chart'],
  ];
}

describe('zone chart sheets', () => {
  it('reads a UPS-style chart: title rows skipped, ZIP3 ranges, the Ground column, footnotes ignored', () => {
    const parsed = parseZoneChartSheet(upsStyleSheet());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.zoneColumn).toBe('Ground');
    expect(parsed.value.rows[0]).toEqual({ from: '004', to: '099', zone: 2 });
    expect(parsed.value.rows.at(-1)).toEqual({ from: '800', to: '999', zone: 8 });
  });

  it('reads a named column, single ZIP3s and numbers Excel stripped of leading zeros', () => {
    const sheet = [
      ['Dest ZIP', 'Zone'],
      ['5-99', '1'],
      ['100', '2'],
      ['101-999', '8'],
    ];
    const parsed = parseZoneChartSheet(sheet);
    expect(parsed.ok && parsed.value.rows).toEqual([
      { from: '005', to: '099', zone: 1 },
      { from: '100', to: '100', zone: 2 },
      { from: '101', to: '999', zone: 8 },
    ]);
    const chosen = parseZoneChartSheet(
      upsStyleSheet().map((r) => (r[0] === 'Dest. ZIP' ? ['Dest. ZIP', 'Ground', 'Zone'] : r)),
      {
        zoneColumn: 'ground',
      },
    );
    expect(chosen.ok && chosen.value.zoneColumn).toBe('Ground');
  });

  it('locates every problem by row and column, in English and Chinese', () => {
    const parsed = parseZoneChartSheet([
      ['Dest. ZIP', 'Zone'],
      ['004-099', '2'],
      ['090-199', '3'], // overlaps 004-099
      ['250-499', '5'], // leaves 200–249 without a zone
      ['5OO-799', '7'], // letter O, not a ZIP
      ['800-999', '044'], // a UPS Alaska code, not a zone 1–9
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'A', 'overlapping_ranges'],
      [4, 'A', 'gap_in_ranges'],
      [5, 'A', 'invalid_zip_range'],
      [6, 'B', 'invalid_zone'],
    ]);
    for (const e of parsed.error) {
      expect(e.messages?.en).toBe(e.message);
      expect(e.messages?.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says what is missing when there is no header or no zone column', () => {
    const none = parseZoneChartSheet([['Weight', 'Zone 1']]);
    expect(!none.ok && none.error[0]?.code).toBe('missing_header');
    const ambiguous = parseZoneChartSheet([
      ['Dest. ZIP', 'Ground', 'Zone'],
      ['004-999', '2', '2'],
    ]);
    expect(!ambiguous.ok && ambiguous.error[0]?.code).toBe('missing_zone_column');
    const named = parseZoneChartSheet(upsStyleSheet(), { zoneColumn: 'Next Day Air' });
    expect(!named.ok && named.error[0]).toMatchObject({ row: 4, code: 'missing_zone_column' });
  });

  it('round-trips through rows of strings', () => {
    const rows = [
      { from: '004', to: '499', zone: 4 as const },
      { from: '500', to: '999', zone: 7 as const },
    ];
    expect(parseZoneChartSheet(zoneChartToSheet(rows))).toEqual({ ok: true, value: { rows, zoneColumn: 'Zone' } });
  });

  it('lets a gap pass when it covers only ZIP3s not in use', () => {
    const known = new Set(knownZip3s());
    // 001–004 are not assigned to any area, so a chart may start at 005 and skip them.
    expect(known.has('003')).toBe(false);
    const parsed = parseZoneChartSheet([
      ['Dest. ZIP', 'Zone'],
      ['000-002', '1'],
      ['005-999', '2'],
    ]);
    expect(parsed.ok).toBe(true);
  });
});
