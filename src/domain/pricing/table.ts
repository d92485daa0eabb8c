/**
 * `table`: a price looked up by a numeric row bracket and a column key — a postage table by
 * billable weight (≤ 1 lb, ≤ 2 lb, …) and zone ("1"…"9"). A value falls in the first row whose
 * `upTo` it does not exceed. A hole in the table (a zone a service does not reach) is a clear
 * error, as is a value above the last row: both are facts a quote must show, never a crash.
 */
import type { Decimal } from 'decimal.js';
import { err, ok, type Result } from '../shared/result.js';
import { both, counted, PUNCT, type RateLabel, rateLabel, unitName } from './explain.js';
import type { LineModifiers } from './line-limits.js';
import { collect, isList, isRecord, type ModelPricer, unitOf } from './model-pricer.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { ONE, parseInput, parseNonNegative, plain } from './pricing-decimal.js';

export interface TableRow {
  /** Inclusive upper bound of the bracket; rows ascend strictly. */
  upTo: string;
  /** Price per column key, card currency; a missing key is a cell the table does not price. */
  cells: Record<string, string>;
}

export interface TableModel extends LineModifiers {
  kind: 'table';
  rows: TableRow[];
  /** Unit of the row value ("lb"), for the formula; none when absent. */
  rowUnit?: string;
  /** What the columns are ("zone"); `column` when absent. */
  columnName?: string;
  /** What the optional input quantity counts; `line` when absent. */
  unit?: string;
}

interface CompiledCell {
  rate: Decimal;
  shown: RateLabel;
}

interface CompiledRow {
  upTo: Decimal;
  cells: Map<string, CompiledCell>;
}

function compileRow(raw: unknown, i: number, previous: Decimal | null, errors: PricingError[]): CompiledRow | undefined {
  if (!isRecord(raw)) {
    errors.push(
      pricingError(
        'invalid_model',
        { en: `row ${i + 1} must be an object with upTo and cells`, zh: `第 ${i + 1} 行须为含 upTo 和 cells 的对象` },
        ['rows', i],
      ),
    );
    return undefined;
  }
  const upTo = collect(parseNonNegative(raw.upTo, ['rows', i, 'upTo'], { en: `row ${i + 1} upTo`, zh: `第 ${i + 1} 行 upTo` }), errors);
  if (upTo !== undefined && previous !== null && upTo.lte(previous)) {
    errors.push(
      pricingError(
        'invalid_table',
        {
          en: `row ${i + 1} must end above the previous row's ${plain(previous)} (got ${plain(upTo)})`,
          zh: `第 ${i + 1} 行的上限须高于上一行的 ${plain(previous)}（实际为 ${plain(upTo)}）`,
        },
        ['rows', i, 'upTo'],
      ),
    );
  }
  const cells = new Map<string, CompiledCell>();
  if (!isRecord(raw.cells)) {
    errors.push(
      pricingError(
        'invalid_model',
        { en: `row ${i + 1} cells must be an object keyed by column`, zh: `第 ${i + 1} 行的 cells 须为按列名索引的对象` },
        ['rows', i, 'cells'],
      ),
    );
  } else {
    for (const [key, value] of Object.entries(raw.cells)) {
      const cell = collect(
        parseNonNegative(value, ['rows', i, 'cells', key], { en: `row ${i + 1} column ${key}`, zh: `第 ${i + 1} 行 ${key} 列` }),
        errors,
      );
      if (cell !== undefined) cells.set(key, { rate: cell, shown: rateLabel(cell) });
    }
  }
  return upTo === undefined ? undefined : { upTo, cells };
}

/** First row whose bound is at or above `value` (rows ascend), or -1 beyond the table. */
function findRow(rows: CompiledRow[], value: Decimal): number {
  let lo = 0;
  let hi = rows.length - 1;
  if (value.gt((rows[hi] as CompiledRow).upTo)) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value.lte((rows[mid] as CompiledRow).upTo)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Validate a table once (ascending rows, non-negative cells) and return its pricer.
 *
 * @example
 * compileTable({ kind: 'table', rowUnit: 'lb', columnName: 'zone', rows: [
 *   { upTo: '1', cells: { '1': '4.10', '5': '5.20' } }, { upTo: '2', cells: { '1': '4.60', '5': '6.30' } } ] });
 * // rowValue "1.5", column "5" → "$6.30 (1.5 lb in the ≤ 2 lb row, zone 5) = $6.30"
 */
export function compileTable(model: TableModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const rows: CompiledRow[] = [];
  if (isList(model.rows, ['rows'], errors)) {
    let previous: Decimal | null = null;
    model.rows.forEach((raw, i) => {
      const row = compileRow(raw, i, previous, errors);
      if (row !== undefined) rows.push(row);
      if (row && (previous === null || row.upTo.gt(previous))) previous = row.upTo;
    });
  }
  const rowUnit = model.rowUnit === undefined ? '' : unitOf(model.rowUnit, ['rowUnit'], '', errors);
  const columnName = unitOf(model.columnName, ['columnName'], 'column', errors);
  const unit = unitOf(model.unit, ['unit'], 'line', errors);
  if (errors.length > 0) return err(errors);
  const columns = new Set(rows.flatMap((row) => [...row.cells.keys()]));
  const columnList = [...columns].join(', ');

  return ok((input, currency) => {
    const value = parseInput(input.rowValue, 'rowValue');
    if (!value.ok) return value;
    const column = input.column;
    if (typeof column !== 'string')
      return err(pricingError('missing_input', { en: 'column is required', zh: '缺少 column' }, ['input', 'column']));
    const qty = input.quantity === undefined ? ok(ONE) : parseInput(input.quantity, 'quantity', 'negative_quantity');
    if (!qty.ok) return qty;
    if (!columns.has(column)) {
      return err(
        pricingError(
          'unknown_column',
          {
            en: `no ${columnName} ${JSON.stringify(column)} in the table (has ${columnList})`,
            zh: `表中没有${unitName(columnName, column, 'zh')} ${JSON.stringify(column)}（现有 ${columnList}）`,
          },
          ['input', 'column'],
        ),
      );
    }
    const index = findRow(rows, value.value);
    const rowValue = plain(value.value);
    const withUnit = (n: string, lang: 'en' | 'zh') => (rowUnit === '' ? n : `${n} ${unitName(rowUnit, n, lang)}`);
    if (index === -1) {
      const last = plain((rows.at(-1) as CompiledRow).upTo);
      return err(
        pricingError(
          'beyond_table',
          {
            en: `${withUnit(rowValue, 'en')} is beyond the table (last row ≤ ${withUnit(last, 'en')})`,
            zh: `${withUnit(rowValue, 'zh')} 超出价格表（最后一行 ≤ ${withUnit(last, 'zh')}）`,
          },
          ['input', 'rowValue'],
        ),
      );
    }
    const row = rows[index] as CompiledRow;
    const rowUpTo = plain(row.upTo);
    const cell = row.cells.get(column);
    if (cell === undefined) {
      return err(
        pricingError(
          'missing_cell',
          {
            en: `the table has no price for ${columnName} ${column} in the ≤ ${withUnit(rowUpTo, 'en')} row`,
            zh: `价格表中 ≤ ${withUnit(rowUpTo, 'zh')} 这一行没有${unitName(columnName, column, 'zh')} ${column} 的价格`,
          },
          ['rows', index, 'cells', column],
        ),
      );
    }
    const quantity = plain(qty.value);
    return ok({
      quantity,
      unit,
      rate: plain(cell.rate),
      precise: cell.rate.times(qty.value),
      inputs: { rowValue, column, row: index, rowUpTo, quantity },
      details: [],
      terms: both((lang) => {
        const times = quantity === '1' ? '' : `${counted(quantity, unit, lang)} × `;
        const where =
          lang === 'en'
            ? `${withUnit(rowValue, lang)} in the ≤ ${withUnit(rowUpTo, lang)} row, ${unitName(columnName, '1', lang)} ${column}`
            : `${withUnit(rowValue, lang)}，≤ ${withUnit(rowUpTo, lang)} 档，${unitName(columnName, '1', lang)} ${column}`;
        return `${times}${cell.shown(currency, lang)}${PUNCT.open[lang]}${where}${PUNCT.close[lang]}`;
      }),
      warnings: [],
    });
  });
}
