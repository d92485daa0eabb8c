/**
 * Carrier rate tables as spreadsheets, the way carriers and providers publish them: one row per
 * "not over" weight (ounces for light parcels, then pounds), one column per zone. An operator
 * loads the carrier's real table this way; every problem comes back with its row and column.
 */
import { columnLetter } from '../catalog/sku-sheet.js';
import type { ErrorDetail } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import { type LbRow, type OzTier, type RateTable, validateRateTable } from './rate-table.js';
import { isZone, type Zone } from './zones.js';

const both = (en: string, zh: string) => ({ message: en, messages: { en, zh } });

/**
 * Every problem comes back with its row and column, in English and Chinese.
 *
 * @example parseRateTableSheet([['Weight', 'Zone 1', 'Zone 2'], ['1 lb', '8.10', '8.40']])
 * // ok({ zones: [1, 2], lbRows: [{ maxLb: 1, prices: ['8.10', '8.40'] }] })
 */
export function parseRateTableSheet(table: readonly (readonly string[])[]): Result<RateTable, ErrorDetail[]> {
  const errors: ErrorDetail[] = [];
  const [header, ...rows] = table;
  if (!header || header.length < 2)
    return err([
      {
        row: 1,
        code: 'missing_header',
        ...both('Row 1 must read: Weight, Zone 1, Zone 2, …', '第 1 行须为：Weight, Zone 1, Zone 2, …（重量、各分区）'),
      },
    ]);
  const zones: Zone[] = [];
  header.slice(1).forEach((cell, i) => {
    const match = /(\d+)/.exec(cell);
    const zone = match ? Number(match[1]) : Number.NaN;
    if (!isZone(zone))
      errors.push({
        row: 1,
        column: columnLetter(i + 1),
        header: cell,
        code: 'invalid_zone',
        ...both(`"${cell}" is not a zone 1–9.`, `“${cell}” 不是 1–9 的分区。`),
      });
    else zones.push(zone);
  });
  const ozTiers: OzTier[] = [];
  const lbRows: LbRow[] = [];
  rows.forEach((cells, r) => {
    const rowNumber = r + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const weightCell = (cells[0] ?? '').trim().toLowerCase();
    const weight = /^(\d+(?:\.\d+)?)\s*(oz|lb|lbs)?$/.exec(weightCell);
    if (!weight) {
      errors.push({
        row: rowNumber,
        column: 'A',
        code: 'invalid_weight',
        ...both(
          `Weight "${cells[0] ?? ''}" must read like "4 oz", "15.99 oz" or "5 lb".`,
          `重量 “${cells[0] ?? ''}” 须写成 “4 oz”、“15.99 oz” 或 “5 lb” 的形式。`,
        ),
      });
      return;
    }
    const prices = zones.map((_, z) => (cells[z + 1] ?? '').trim().replace(/^\$/, ''));
    prices.forEach((price, z) => {
      if (!/^\d{1,6}(\.\d{1,2})?$/.test(price))
        errors.push({
          row: rowNumber,
          column: columnLetter(z + 1),
          header: header[z + 1],
          code: 'invalid_price',
          ...both(`Price "${price}" must be a number with at most 2 decimals.`, `价格 “${price}” 须为最多 2 位小数的数字。`),
        });
    });
    if (weight[2] === 'oz') ozTiers.push({ maxOz: weight[1] as string, prices });
    else {
      const pounds = Number(weight[1]);
      if (!Number.isInteger(pounds))
        errors.push({
          row: rowNumber,
          column: 'A',
          code: 'invalid_weight',
          ...both('Pound rows are whole pounds.', '按磅的行须为整磅数。'),
        });
      lbRows.push({ maxLb: pounds, prices });
    }
  });
  if (errors.length > 0) return err(errors);
  const rateTable: RateTable = { zones, ...(ozTiers.length ? { ozTiers } : {}), lbRows };
  const checked = validateRateTable(rateTable);
  if (!checked.ok) {
    return err(
      checked.error.map((issue) => {
        const cell = issue.cell;
        const rowIndex = cell ? rows.findIndex((r) => sameWeight(r[0] ?? '', cell.weight, cell.unit)) : -1;
        const zoneIndex = cell?.zone ? zones.indexOf(cell.zone) : -1;
        return {
          ...(rowIndex >= 0 ? { row: rowIndex + 2 } : {}),
          ...(zoneIndex >= 0 ? { column: columnLetter(zoneIndex + 1), header: header[zoneIndex + 1] } : {}),
          code: issue.code,
          message: issue.message,
          messages: issue.messages,
        };
      }),
    );
  }
  return ok(rateTable);
}

/** The table as rows of strings, ready for CSV or a worksheet. */
export function rateTableToSheet(table: RateTable): string[][] {
  return [
    ['Weight', ...table.zones.map((z) => `Zone ${z}`)],
    ...(table.ozTiers ?? []).map((t) => [`${t.maxOz} oz`, ...t.prices]),
    ...table.lbRows.map((r) => [`${r.maxLb} lb`, ...r.prices]),
  ];
}

function sameWeight(cell: string, weight: string, unit: 'oz' | 'lb'): boolean {
  const match = /^(\d+(?:\.\d+)?)\s*(oz|lb|lbs)?$/.exec(cell.trim().toLowerCase());
  if (!match) return false;
  const cellUnit = match[2] === 'oz' ? 'oz' : 'lb';
  return cellUnit === unit && Number(match[1]) === Number(weight);
}
