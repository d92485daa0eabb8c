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
  readonly message: string;
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
  prices: readonly string[];
}

function rowsOf(table: RateTable): Row[] {
  const oz = (table.ozTiers ?? []).map((t) => ({ cell: { unit: 'oz' as const, weight: t.maxOz }, prices: t.prices }));
  const lb = table.lbRows.map((r) => ({ cell: { unit: 'lb' as const, weight: String(r.maxLb) }, prices: r.prices }));
  return [...oz, ...lb];
}

/**
 * Check a rate table: zones ascending 1–9, brackets strictly ascending (ounce tiers, then whole
 * pounds), one valid price per zone in every row, and prices never decreasing along weight
 * (down a column, across the ounce → pound boundary too) or along zone (across a row).
 *
 * @example
 * validateRateTable({ zones: [1, 2], lbRows: [{ maxLb: 1, prices: ['5.00', '4.00'] }] });
 * // err: [{ code: 'decreases_along_zone', cell: { unit: 'lb', weight: '1', zone: 2 }, … }]
 */
export function validateRateTable(table: RateTable): Result<RateTable, RateTableIssue[]> {
  const issues: RateTableIssue[] = [];
  if (table.zones.length === 0) issues.push({ code: 'no_zones', message: 'a rate table needs at least one zone column' });
  table.zones.forEach((z, i) => {
    if (!isZone(z)) issues.push({ code: 'invalid_zone', message: `zone column ${i} is ${String(z)}, not 1–9` });
    else if (i > 0 && z <= (table.zones[i - 1] as number))
      issues.push({ code: 'zones_not_ascending', message: `zone ${z} follows zone ${table.zones[i - 1]}` });
  });
  if (table.lbRows.length === 0) issues.push({ code: 'no_rows', message: 'a rate table needs at least one pound row' });

  let previousOz: Decimal | undefined;
  for (const tier of table.ozTiers ?? []) {
    const cell: RateTableCell = { unit: 'oz', weight: tier.maxOz };
    if (!isOunces(tier.maxOz) || new Decimal(tier.maxOz).lte(0) || new Decimal(tier.maxOz).gte(16)) {
      issues.push({
        code: 'invalid_weight',
        cell,
        message: `ounce tier ${JSON.stringify(tier.maxOz)} must be above 0 and below 16 oz, at most 3 decimals`,
      });
      continue;
    }
    const oz = new Decimal(tier.maxOz);
    if (previousOz !== undefined && oz.lte(previousOz))
      issues.push({ code: 'weights_not_ascending', cell, message: `${tier.maxOz} oz follows ${previousOz} oz` });
    previousOz = oz;
  }
  let previousLb = 0;
  for (const row of table.lbRows) {
    const cell: RateTableCell = { unit: 'lb', weight: String(row.maxLb) };
    if (!Number.isSafeInteger(row.maxLb) || row.maxLb < 1) {
      issues.push({ code: 'invalid_weight', cell, message: `pound row ${String(row.maxLb)} must be a whole number of pounds ≥ 1` });
      continue;
    }
    if (row.maxLb <= previousLb) issues.push({ code: 'weights_not_ascending', cell, message: `${row.maxLb} lb follows ${previousLb} lb` });
    previousLb = row.maxLb;
  }

  const rows = rowsOf(table);
  let pricesValid = true;
  for (const row of rows) {
    if (row.prices.length !== table.zones.length) {
      pricesValid = false;
      issues.push({
        code: 'wrong_number_of_prices',
        cell: row.cell,
        message: `${row.prices.length} prices for ${table.zones.length} zones`,
      });
      continue;
    }
    row.prices.forEach((p, i) => {
      if (!isPrice(p)) {
        pricesValid = false;
        issues.push({
          code: 'invalid_price',
          cell: { ...row.cell, zone: table.zones[i] as Zone },
          message: `price ${JSON.stringify(p)} is not a decimal with at most 2 places`,
        });
      }
    });
  }
  if (pricesValid) {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Row;
      for (let i = 0; i < table.zones.length; i++) {
        const zone = table.zones[i] as Zone;
        const price = new Decimal(row.prices[i] as string);
        if (i > 0 && price.lt(row.prices[i - 1] as string)) {
          issues.push({
            code: 'decreases_along_zone',
            cell: { ...row.cell, zone },
            message: `${row.cell.weight} ${row.cell.unit} zone ${zone} costs ${row.prices[i]}, less than zone ${table.zones[i - 1]} (${row.prices[i - 1]})`,
          });
        }
        const above = rows[r - 1];
        if (above && price.lt(above.prices[i] as string)) {
          issues.push({
            code: 'decreases_along_weight',
            cell: { ...row.cell, zone },
            message: `${row.cell.weight} ${row.cell.unit} zone ${zone} costs ${row.prices[i]}, less than ${above.cell.weight} ${above.cell.unit} (${above.prices[i]})`,
          });
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
