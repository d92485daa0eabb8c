/**
 * Carrier zone charts as spreadsheets, the way UPS publishes them per origin: a few lines of
 * title and notes, then a header row with a "Dest. ZIP" column of destination ZIP3 ranges
 * ("004-005", "010-013", "100") and a zone column ("Ground", "Zone"), one row per range.
 * Pure: the caller reads the file into rows of strings (`readTable`); every problem comes back
 * with its row and column, in English and Chinese.
 */
import { columnLetter } from '../catalog/sku-sheet.js';
import type { ErrorDetail } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import { isZone, type Zone, type ZoneChartRange, zoneRangeIssues } from './zones.js';

export interface ZoneChartSheetOptions {
  /** The header of the zone column to read (e.g. "Ground"); found by name when absent. */
  zoneColumn?: string;
}

export interface ZoneChartSheet {
  /** Destination ZIP3 ranges with their zone, ascending. */
  rows: ZoneChartRange[];
  /** The header of the zone column that was read. */
  zoneColumn: string;
}

/** How many leading rows may hold a title and notes before the header row. */
const MAX_PREAMBLE_ROWS = 50;
const ZIP_RANGE = /^(\d{1,3})(?:\s*[-–—~]\s*(\d{1,3}))?$/;

const squash = (cell: string) => cell.toLowerCase().replace(/[\s.:_()]/g, '');
const isDestHeader = (cell: string) => {
  const c = squash(cell);
  return c === 'destzip' || c === 'destinationzip' || c === 'destzipcode' || c === 'zip' || c === '目的地邮编' || c === '目的邮编';
};
const isZoneHeader = (cell: string) => {
  const c = squash(cell);
  return c === 'zone' || c === 'zones' || c === 'ground' || c.includes('zone') || c === '分区' || c === '区';
};

function detail(row: number, column: number | undefined, header: string | undefined, code: string, en: string, zh: string): ErrorDetail {
  return {
    row,
    ...(column === undefined ? {} : { column: columnLetter(column) }),
    ...(header === undefined ? {} : { header }),
    code,
    message: en,
    messages: { en, zh },
  };
}

/**
 * Parse a zone chart sheet. Rows of notes below the table (text that is not a ZIP range, with no
 * zone) are skipped; a row that starts like a ZIP but is malformed is an error. The ranges are
 * checked as a chart: 3-digit ends, from ≤ to, zones 1–9, no overlaps and no ZIP3 in use left
 * out between two ranges.
 *
 * @example
 * parseZoneChartSheet([['Dest. ZIP', 'Ground'], ['004-005', '008'], ['006-009', '008']]);
 * // ok({ rows: [{ from: '004', to: '005', zone: 8 }, { from: '006', to: '009', zone: 8 }], zoneColumn: 'Ground' })
 */
export function parseZoneChartSheet(
  table: readonly (readonly string[])[],
  options: ZoneChartSheetOptions = {},
): Result<ZoneChartSheet, ErrorDetail[]> {
  const headerIndex = table.slice(0, MAX_PREAMBLE_ROWS).findIndex((cells) => cells.some(isDestHeader));
  if (headerIndex < 0)
    return err([
      detail(
        1,
        undefined,
        undefined,
        'missing_header',
        'No header row with a "Dest. ZIP" column: the chart needs a "Dest. ZIP" column and a zone column.',
        '找不到含 “Dest. ZIP” 列的表头行：分区表需要 “Dest. ZIP”（目的地邮编）列和分区列。',
      ),
    ]);
  const header = table[headerIndex] as readonly string[];
  const headerRow = headerIndex + 1;
  const destColumn = header.findIndex(isDestHeader);
  const wanted = options.zoneColumn?.trim();
  let zoneColumn = -1;
  if (wanted) zoneColumn = header.findIndex((cell, i) => i !== destColumn && squash(cell) === squash(wanted));
  else {
    const named = header.map((cell, i) => (i !== destColumn && isZoneHeader(cell) ? i : -1)).filter((i) => i >= 0);
    const filled = header.map((cell, i) => (i !== destColumn && cell.trim() !== '' ? i : -1)).filter((i) => i >= 0);
    if (named.length === 1) zoneColumn = named[0] as number;
    else if (named.length === 0 && filled.length === 1) zoneColumn = filled[0] as number;
  }
  if (zoneColumn < 0) {
    const choices = header.filter((cell, i) => i !== destColumn && cell.trim() !== '').join(', ');
    return err([
      detail(
        headerRow,
        undefined,
        undefined,
        'missing_zone_column',
        wanted
          ? `No column "${wanted}" in the header row (has ${choices || 'no other column'}).`
          : `Cannot tell which column holds the zones (${choices || 'none'}): name it "Zone", or choose the column.`,
        wanted
          ? `表头行中没有 “${wanted}” 列（现有：${choices || '无其他列'}）。`
          : `无法判断哪一列是分区（${choices || '无'}）：请将该列命名为 “Zone”，或指定分区列。`,
      ),
    ]);
  }
  const destHeader = header[destColumn] as string;
  const zoneHeader = header[zoneColumn] as string;

  const errors: ErrorDetail[] = [];
  const ranges: ZoneChartRange[] = [];
  const rowOf: number[] = [];
  for (let r = headerIndex + 1; r < table.length; r++) {
    const cells = table[r] as readonly string[];
    const rowNumber = r + 1;
    const dest = (cells[destColumn] ?? '').trim();
    const zoneText = (cells[zoneColumn] ?? '').trim();
    if (dest === '' && zoneText === '') continue;
    // Footnotes under the table ("* Alaska and Hawaii: see …") carry no ZIP and no zone.
    if (!/^\d/.test(dest) && zoneText === '') continue;
    const match = ZIP_RANGE.exec(dest);
    let valid = true;
    if (!match) {
      valid = false;
      errors.push(
        detail(
          rowNumber,
          destColumn,
          destHeader,
          'invalid_zip_range',
          `"${dest}" is not a destination ZIP3 or range such as "004-005".`,
          `“${dest}” 不是 3 位目的地邮编前缀或范围（如 “004-005”）。`,
        ),
      );
    }
    const zone = /^\d{1,3}$/.test(zoneText) ? Number(zoneText) : Number.NaN;
    if (!isZone(zone)) {
      valid = false;
      errors.push(
        detail(
          rowNumber,
          zoneColumn,
          zoneHeader,
          'invalid_zone',
          `Zone "${zoneText}" is not a zone 1–9 (carrier codes such as 044–046 for Alaska and Hawaii must be mapped to a zone first).`,
          `分区 “${zoneText}” 不在 1–9 之内（阿拉斯加、夏威夷等承运商代码 044–046 须先换算为分区）。`,
        ),
      );
    }
    if (!valid || !match) continue;
    const from = (match[1] as string).padStart(3, '0');
    const to = (match[2] ?? (match[1] as string)).padStart(3, '0');
    ranges.push({ from, to, zone: zone as Zone });
    rowOf.push(rowNumber);
  }
  if (errors.length === 0 && ranges.length === 0)
    errors.push(
      detail(headerRow + 1, destColumn, destHeader, 'no_rows', 'The chart has no rows under its header.', '分区表的表头下没有任何行。'),
    );
  for (const issue of zoneRangeIssues(ranges, { gaps: true })) {
    const column = issue.field === 'zone' ? zoneColumn : destColumn;
    errors.push({
      row: rowOf[issue.index] as number,
      column: columnLetter(column),
      header: issue.field === 'zone' ? zoneHeader : destHeader,
      code: issue.code,
      message: issue.message,
      messages: issue.messages,
    });
  }
  if (errors.length > 0) return err(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  const rows = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return ok({ rows, zoneColumn: zoneHeader });
}

/** A chart's rows as a sheet (header + one row per range), for export and round trips. */
export function zoneChartToSheet(rows: readonly ZoneChartRange[]): string[][] {
  return [['Dest. ZIP', 'Zone'], ...rows.map((r) => [r.from === r.to ? r.from : `${r.from}-${r.to}`, String(r.zone)])];
}
