/**
 * A carrier rate table: billable-weight brackets × zones → price. Brackets are "not over" rows,
 * in ounces for USPS lightweight parcels and in whole pounds otherwise. Within one service a
 * heavier or farther parcel never costs less, so `validateRateTable` rejects any table whose
 * prices decrease along weight or zone and names the cell.
 */
import { Decimal } from 'decimal.js';
import { err, ok, type Result } from '../shared/result.js';
import { isZone, type Zone } from './zones.js';

export interface RateTable {
  /** The zone of each price column, ascending. */
  readonly zones: readonly Zone[];
  /** Lightweight tiers, ascending: a billable weight in ounces prices at the first tier with `maxOz` ≥ it. */
  readonly ozTiers?: readonly OzTier[];
  /** Pound rows, ascending: a billable weight in pounds prices at the first row with `maxLb` ≥ it. */
  readonly lbRows: readonly LbRow[];
}

export interface OzTier {
  /** Decimal string, e.g. "4" or "15.99", at most 3 decimals. */
  readonly maxOz: string;
  /** One price per zone column, decimal strings in the service currency with at most 2 decimals. */
  readonly prices: readonly string[];
}

export interface LbRow {
  /** Whole pounds. */
  readonly maxLb: number;
  readonly prices: readonly string[];
}

/** Where in a table a problem is. */
export interface RateTableCell {
  readonly unit: 'oz' | 'lb';
  /** The row's "not over" weight, e.g. "15.99" or "5". */
  readonly weight: string;
  readonly zone?: Zone;
}

export type RateTableIssueCode =
  | 'no_zones'
  | 'invalid_zone'
  | 'zones_not_ascending'
  | 'no_rows'
  | 'invalid_weight'
  | 'weights_not_ascending'
  | 'wrong_number_of_prices'
  | 'invalid_price'
  | 'decreases_along_weight'
  | 'decreases_along_zone';

export interface RateTableIssue {
  readonly code: RateTableIssueCode;
  readonly cell?: RateTableCell;
  /** Where in the table: e.g. ['lbRows', 3, 'prices', 2] or ['zones', 1]. */
  readonly path: readonly (string | number)[];
  /** English; `messages` has both languages. */
  readonly message: string;
  readonly messages: { readonly en: string; readonly zh: string };
}

/** A price as the rate cards write it: non-negative, at most 2 decimals, below 1,000,000. */
const PRICE = /^\d{1,6}(?:\.\d{1,2})?$/;
/** Ounce weights on a 1/1000 oz grid (the compiled path's unit). */
const OUNCES = /^\d{1,4}(?:\.\d{1,3})?$/;

/** @example isPrice('12.34'); // true — isPrice('12.345'); // false */
export function isPrice(s: unknown): s is string {
  return typeof s === 'string' && PRICE.test(s);
}

/** @example isOunces('15.99'); // true */
export function isOunces(s: unknown): s is string {
  return typeof s === 'string' && OUNCES.test(s);
}

interface Row {
  cell: RateTableCell;
  path: readonly (string | number)[];
  prices: readonly string[];
}

function rowsOf(table: RateTable): Row[] {
  const oz = (table.ozTiers ?? []).map((t, i) => ({
    cell: { unit: 'oz' as const, weight: t.maxOz },
    path: ['ozTiers', i],
    prices: t.prices,
  }));
  const lb = table.lbRows.map((r, i) => ({
    cell: { unit: 'lb' as const, weight: String(r.maxLb) },
    path: ['lbRows', i],
    prices: r.prices,
  }));
  return [...oz, ...lb];
}

const UNIT_ZH = { oz: '盎司', lb: '磅' } as const;

/**
 * Check a rate table: zones ascending 1–9, brackets strictly ascending (ounce tiers, then whole
 * pounds), one valid price per zone in every row, and prices never decreasing along weight
 * (down a column, across the ounce → pound boundary too) or along zone (across a row). Every
 * issue has its path in the table and its message in English and Chinese.
 *
 * @example
 * validateRateTable({ zones: [1, 2], lbRows: [{ maxLb: 1, prices: ['5.00', '4.00'] }] });
 * // err: [{ code: 'decreases_along_zone', cell: { unit: 'lb', weight: '1', zone: 2 }, path: ['lbRows', 0, 'prices', 1], … }]
 */
export function validateRateTable(table: RateTable): Result<RateTable, RateTableIssue[]> {
  const issues: RateTableIssue[] = [];
  const add = (code: RateTableIssueCode, path: (string | number)[], en: string, zh: string, cell?: RateTableCell) =>
    issues.push({ code, ...(cell ? { cell } : {}), path, message: en, messages: { en, zh } });
  if (table.zones.length === 0) add('no_zones', ['zones'], 'a rate table needs at least one zone column', '价格表至少需要一个分区列');
  table.zones.forEach((z, i) => {
    if (!isZone(z))
      add('invalid_zone', ['zones', i], `zone column ${i} is ${String(z)}, not 1–9`, `第 ${i} 个分区列是 ${String(z)}，不在 1–9 之内`);
    else if (i > 0 && z <= (table.zones[i - 1] as number))
      add(
        'zones_not_ascending',
        ['zones', i],
        `zone ${z} follows zone ${table.zones[i - 1]}`,
        `分区 ${z} 排在分区 ${table.zones[i - 1]} 之后（须升序）`,
      );
  });
  if (table.lbRows.length === 0) add('no_rows', ['lbRows'], 'a rate table needs at least one pound row', '价格表至少需要一个按磅的行');

  let previousOz: Decimal | undefined;
  (table.ozTiers ?? []).forEach((tier, i) => {
    const cell: RateTableCell = { unit: 'oz', weight: tier.maxOz };
    const path = ['ozTiers', i, 'maxOz'];
    if (!isOunces(tier.maxOz) || new Decimal(tier.maxOz).lte(0) || new Decimal(tier.maxOz).gte(16)) {
      const shown = JSON.stringify(tier.maxOz);
      add(
        'invalid_weight',
        path,
        `ounce tier ${shown} must be above 0 and below 16 oz, at most 3 decimals`,
        `盎司档 ${shown} 须大于 0 且小于 16 盎司，最多 3 位小数`,
        cell,
      );
      return;
    }
    const oz = new Decimal(tier.maxOz);
    if (previousOz !== undefined && oz.lte(previousOz))
      add(
        'weights_not_ascending',
        path,
        `${tier.maxOz} oz follows ${previousOz} oz`,
        `${tier.maxOz} 盎司排在 ${previousOz} 盎司之后（须升序）`,
        cell,
      );
    previousOz = oz;
  });
  let previousLb = 0;
  table.lbRows.forEach((row, i) => {
    const cell: RateTableCell = { unit: 'lb', weight: String(row.maxLb) };
    const path = ['lbRows', i, 'maxLb'];
    if (!Number.isSafeInteger(row.maxLb) || row.maxLb < 1) {
      add(
        'invalid_weight',
        path,
        `pound row ${String(row.maxLb)} must be a whole number of pounds ≥ 1`,
        `按磅的行 ${String(row.maxLb)} 须为 ≥ 1 的整磅数`,
        cell,
      );
      return;
    }
    if (row.maxLb <= previousLb)
      add(
        'weights_not_ascending',
        path,
        `${row.maxLb} lb follows ${previousLb} lb`,
        `${row.maxLb} 磅排在 ${previousLb} 磅之后（须升序）`,
        cell,
      );
    previousLb = row.maxLb;
  });

  const rows = rowsOf(table);
  let pricesValid = true;
  for (const row of rows) {
    if (row.prices.length !== table.zones.length) {
      pricesValid = false;
      add(
        'wrong_number_of_prices',
        [...row.path, 'prices'],
        `${row.prices.length} prices for ${table.zones.length} zones`,
        `${row.prices.length} 个价格对应 ${table.zones.length} 个分区`,
        row.cell,
      );
      continue;
    }
    row.prices.forEach((p, i) => {
      if (!isPrice(p)) {
        pricesValid = false;
        add(
          'invalid_price',
          [...row.path, 'prices', i],
          `price ${JSON.stringify(p)} is not a decimal with at most 2 places`,
          `价格 ${JSON.stringify(p)} 不是最多 2 位小数的数字`,
          { ...row.cell, zone: table.zones[i] as Zone },
        );
      }
    });
  }
  if (pricesValid) {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Row;
      const weight = `${row.cell.weight} ${row.cell.unit}`;
      const weightZh = `${row.cell.weight} ${UNIT_ZH[row.cell.unit]}`;
      for (let i = 0; i < table.zones.length; i++) {
        const zone = table.zones[i] as Zone;
        const price = new Decimal(row.prices[i] as string);
        const cell = { ...row.cell, zone };
        const path = [...row.path, 'prices', i];
        if (i > 0 && price.lt(row.prices[i - 1] as string)) {
          add(
            'decreases_along_zone',
            path,
            `${weight} zone ${zone} costs ${row.prices[i]}, less than zone ${table.zones[i - 1]} (${row.prices[i - 1]})`,
            `${weightZh} ${zone} 区价格 ${row.prices[i]}，低于 ${table.zones[i - 1]} 区（${row.prices[i - 1]}）`,
            cell,
          );
        }
        const above = rows[r - 1];
        if (above && price.lt(above.prices[i] as string)) {
          add(
            'decreases_along_weight',
            path,
            `${weight} zone ${zone} costs ${row.prices[i]}, less than ${above.cell.weight} ${above.cell.unit} (${above.prices[i]})`,
            `${weightZh} ${zone} 区价格 ${row.prices[i]}，低于 ${above.cell.weight} ${UNIT_ZH[above.cell.unit]}（${above.prices[i]}）`,
            cell,
          );
        }
      }
    }
  }
  return issues.length ? err(issues) : ok(table);
}

/**
 * The reference lookup: the price string for a billable weight and zone, or why there is none.
 *
 * @example
 * lookupRate(table, { unit: 'lb', value: new Decimal(3) }, 5); // { ok: true, value: '12.34' }
 */
export function lookupRate(
  table: RateTable,
  billable: { unit: 'oz' | 'lb'; value: Decimal },
  zone: Zone,
): Result<string, 'zone_not_served' | 'weight_over_table'> {
  const column = table.zones.indexOf(zone);
  if (column < 0) return err('zone_not_served');
  if (billable.unit === 'oz') {
    for (const tier of table.ozTiers ?? []) if (billable.value.lte(tier.maxOz)) return ok(tier.prices[column] as string);
    return err('weight_over_table');
  }
  for (const row of table.lbRows) if (billable.value.lte(row.maxLb)) return ok(row.prices[column] as string);
  return err('weight_over_table');
}
