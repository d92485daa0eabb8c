/**
 * The carton sheet a seller fills in for an inbound plan (装箱单): one row per SKU in a carton.
 * Rows sharing a carton number are one mixed carton; "cartons" repeats a carton that many
 * times (40 identical cartons take one row). Sizes are in cm and weight in kg unless the header
 * says otherwise ("Length (mm)", "毛重(g)"). This turns the table into carton groups for
 * `validateCartons` and keeps where each value came from, so any error — a bad number here,
 * an unknown SKU found later by the service — is reported at its row and column.
 */
import { columnLetter } from '../catalog/sku-sheet.js';
import type { ErrorDetail } from '../shared/errors.js';
import type { CartonGroupDraft, CartonLineDraft } from './plan.js';

type Field = 'cartonNo' | 'sku' | 'quantity' | 'count' | 'length' | 'width' | 'height' | 'weight' | 'declaredValue' | 'declaredCurrency';

interface Column {
  field: Field;
  en: string;
  zh: string;
  aliases: string[];
  required: boolean;
  /** The request path segment errors of this field carry. */
  path: string;
}

export const CARTON_SHEET_COLUMNS: readonly Column[] = [
  {
    field: 'cartonNo',
    en: 'Carton no',
    zh: '箱号',
    aliases: ['carton', 'carton number', 'box no', 'carton_no', '箱子编号'],
    required: false,
    path: 'carton_no',
  },
  {
    field: 'sku',
    en: 'SKU',
    zh: 'SKU',
    aliases: ['seller sku', 'seller_sku', '卖家sku', 'sku编码', '产品sku'],
    required: true,
    path: 'sku',
  },
  {
    field: 'quantity',
    en: 'Qty per carton',
    zh: '每箱数量',
    aliases: ['qty', 'quantity', 'units per carton', 'qty/carton', '单箱数量', '数量', '装箱数'],
    required: true,
    path: 'quantity',
  },
  {
    field: 'count',
    en: 'Cartons',
    zh: '箱数',
    aliases: ['carton count', 'cartons count', 'number of cartons', 'ctns', '件数'],
    required: false,
    path: 'count',
  },
  { field: 'length', en: 'Length', zh: '长', aliases: ['l', '长度', '箱长'], required: true, path: 'length' },
  { field: 'width', en: 'Width', zh: '宽', aliases: ['w', '宽度', '箱宽'], required: true, path: 'width' },
  { field: 'height', en: 'Height', zh: '高', aliases: ['h', '高度', '箱高'], required: true, path: 'height' },
  {
    field: 'weight',
    en: 'Weight',
    zh: '毛重',
    aliases: ['gross weight', 'carton weight', '重量', '单箱毛重', '箱重'],
    required: true,
    path: 'weight',
  },
  {
    field: 'declaredValue',
    en: 'Declared value',
    zh: '申报价值',
    aliases: ['declared_value', 'unit value', '申报单价'],
    required: false,
    path: 'declared_value',
  },
  {
    field: 'declaredCurrency',
    en: 'Currency',
    zh: '币种',
    aliases: ['declared currency', 'declared_currency', '申报币种'],
    required: false,
    path: 'declared_currency',
  },
];

export interface CartonSheet {
  groups: CartonGroupDraft[];
  errors: ErrorDetail[];
  ignoredHeaders: string[];
  /**
   * Where a request path points in the sheet: `['cartons', 3, 'items', 1, 'quantity']` → the
   * row of the second SKU of the fourth carton group, column "Qty per carton".
   */
  locate(path: readonly (string | number)[]): { row?: number; column?: string; header?: string };
}

/**
 * @example
 * parseCartonSheet([['Carton no', 'SKU', 'Qty per carton', 'Cartons', 'Length', 'Width', 'Height', 'Weight'],
 *   ['1', 'TEE-BLK-M', '24', '10', '60', '40', '40', '12']]).groups
 * // [{ count: '10', length: '60', …, dimensionUnit: 'cm', weightUnit: 'kg', items: [{ sku: 'TEE-BLK-M', quantity: '24' }] }]
 */
export function parseCartonSheet(table: readonly (readonly string[])[]): CartonSheet {
  const errors: ErrorDetail[] = [];
  const [headerRow, ...dataRows] = table;
  const none: CartonSheet = { groups: [], errors, ignoredHeaders: [], locate: () => ({}) };
  if (!headerRow || headerRow.every((h) => h.trim() === '')) {
    errors.push({ row: 1, code: 'missing_header', message: 'The first row must hold the column headers.' });
    return none;
  }
  const byField = new Map<Field, number>();
  const ignoredHeaders: string[] = [];
  let dimensionUnit = 'cm';
  let weightUnit = 'kg';
  headerRow.forEach((header, index) => {
    if (header.trim() === '') return;
    const column = matchHeader(header);
    if (!column) {
      ignoredHeaders.push(header);
      return;
    }
    if (byField.has(column.field)) {
      errors.push({
        row: 1,
        column: columnLetter(index),
        header,
        code: 'duplicate_column',
        message: `Column "${header}" repeats column ${columnLetter(byField.get(column.field) as number)}.`,
      });
      return;
    }
    byField.set(column.field, index);
    const unit = unitNote(header);
    if (unit && (column.field === 'length' || column.field === 'width' || column.field === 'height')) dimensionUnit = unit;
    if (unit && column.field === 'weight') weightUnit = unit;
  });
  for (const column of CARTON_SHEET_COLUMNS) {
    if (column.required && !byField.has(column.field))
      errors.push({ row: 1, code: 'missing_column', message: `Required column "${column.en}" / "${column.zh}" is missing.` });
  }
  if (errors.length > 0) return { ...none, ignoredHeaders };

  const where = (field: Field) => {
    const index = byField.get(field);
    return index === undefined ? {} : { column: columnLetter(index), header: headerRow[index] ?? '' };
  };
  const groups: CartonGroupDraft[] = [];
  const groupRows: { first: number; items: number[] }[] = [];
  const byCartonNo = new Map<string, number>();

  dataRows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (field: Field) => {
      const index = byField.get(field);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const item: CartonLineDraft = {
      sku: cell('sku'),
      quantity: cell('quantity'),
      declaredValue: cell('declaredValue') || null,
      declaredCurrency: cell('declaredCurrency') || null,
    };
    const key = cell('cartonNo');
    const existing = key ? byCartonNo.get(key.toLowerCase()) : undefined;
    if (existing !== undefined) {
      const group = groups[existing] as CartonGroupDraft;
      // A mixed carton's later rows may leave the carton columns blank; if filled, they must agree.
      for (const field of ['count', 'length', 'width', 'height', 'weight'] as const) {
        const value = cell(field);
        const first = field === 'count' ? String(group.count ?? '') : String(group[field]);
        if (value !== '' && value !== first) {
          errors.push({
            row,
            ...where(field),
            field,
            code: 'inconsistent_carton',
            message: `Carton "${key}" has ${field} ${first} in row ${groupRows[existing]?.first}, but ${value} here; a carton's rows must agree.`,
          });
        }
      }
      (group.items as CartonLineDraft[]).push(item);
      groupRows[existing]?.items.push(row);
      return;
    }
    if (key) byCartonNo.set(key.toLowerCase(), groups.length);
    groups.push({
      count: cell('count') || '1',
      length: cell('length'),
      width: cell('width'),
      height: cell('height'),
      dimensionUnit,
      weight: cell('weight'),
      weightUnit,
      items: [item],
    });
    groupRows.push({ first: row, items: [row] });
  });
  if (groups.length === 0 && errors.length === 0) errors.push({ code: 'no_rows', message: 'The sheet has headers but no carton rows.' });

  const pathField: Record<string, Field> = Object.fromEntries(CARTON_SHEET_COLUMNS.map((c) => [c.path, c.field]));
  const locate = (path: readonly (string | number)[]) => {
    const [root, g, part, j, name] = path;
    if (root !== 'cartons' || typeof g !== 'number') return {};
    const rows = groupRows[g];
    if (!rows) return {};
    if (part === 'items' && typeof j === 'number') {
      const field = typeof name === 'string' ? pathField[name] : undefined;
      return { row: rows.items[j] ?? rows.first, ...(field ? where(field) : {}) };
    }
    const field =
      typeof part === 'string' ? (part === 'dimension_unit' ? 'length' : part === 'weight_unit' ? 'weight' : pathField[part]) : undefined;
    return { row: rows.first, ...(field ? where(field) : {}) };
  };
  return { groups, errors, ignoredHeaders, locate };
}

function matchHeader(header: string): Column | undefined {
  for (const stripNotes of [false, true]) {
    const key = normaliseHeader(header, stripNotes);
    const found = CARTON_SHEET_COLUMNS.find((c) => [c.en, c.zh, ...c.aliases].some((name) => normaliseHeader(name, false) === key));
    if (found) return found;
  }
  return undefined;
}

function normaliseHeader(header: string, stripNotes: boolean): string {
  let key = header.toLowerCase().replace(/[*＊]/g, '');
  if (stripNotes) key = key.replace(/[（(][^）)]*[）)]/g, '');
  return key.replace(/[\s_\-（）()]+/g, '').trim();
}

/** "Length (mm)" → 'mm'; "毛重(KG)" → 'kg'; "Width" → null. */
function unitNote(header: string): string | null {
  const match = /[（(]\s*([a-zA-Z]+)\s*[）)]/.exec(header);
  if (!match) return null;
  const unit = (match[1] as string).toLowerCase();
  return ['mm', 'cm', 'm', 'in', 'g', 'kg', 'lb', 'oz'].includes(unit) ? unit : null;
}
