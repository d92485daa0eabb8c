/**
 * The SKU spreadsheet: which columns it has, what each header may be called in English or
 * Chinese, and how a table of strings becomes SKU drafts with errors located by row and
 * column. Reading the file (xlsx/csv) happens elsewhere; this is pure.
 */
import type { ErrorDetail } from '../shared/errors.js';
import { SKU_FIELD_NAMES, type SkuDraft, type SkuField, validateSku, type ValidSku } from './sku.js';

export interface SheetColumn {
  field: SkuField;
  en: string;
  zh: string;
  /** Other spellings seen on sellers' sheets (compared case- and space-insensitively). */
  aliases: string[];
  required: boolean;
  example: string;
  helpEn: string;
  helpZh: string;
}

export const SKU_SHEET_COLUMNS: readonly SheetColumn[] = [
  col(
    'sellerSku',
    'Seller SKU',
    '卖家SKU',
    ['sku', 'seller_sku', 'sku编码', 'sku编号', '产品sku'],
    true,
    'TEE-BLK-M',
    'Your own SKU code, unique in your account',
    '您的SKU编码，账户内唯一',
  ),
  col(
    'titleEn',
    'Title (EN)',
    '英文品名',
    ['title', 'title_en', 'name', 'english title', '英文名称'],
    false,
    'Cotton T-shirt, black, M',
    'English product name (this or the Chinese one)',
    '英文品名（与中文品名至少填一个）',
  ),
  col(
    'titleZh',
    'Title (ZH)',
    '中文品名',
    ['title_zh', 'chinese title', '中文名称', '品名'],
    false,
    '纯棉T恤 黑色 M',
    'Chinese product name',
    '中文品名',
  ),
  col('length', 'Length', '长', ['length', '长度', 'l'], true, '30', 'Longest side, a number', '最长边，数字'),
  col('width', 'Width', '宽', ['width', '宽度', 'w'], true, '25', 'Number', '数字'),
  col('height', 'Height', '高', ['height', '高度', 'h'], true, '3', 'Number', '数字'),
  col(
    'dimensionUnit',
    'Dimension unit',
    '尺寸单位',
    ['dimension_unit', 'dim unit', 'length unit', '长度单位'],
    true,
    'cm',
    'cm, mm, m, in or ft',
    'cm、mm、m、in 或 ft',
  ),
  col('weight', 'Weight', '重量', ['weight', '单品重量', '毛重'], true, '220', 'Unit weight, a number', '单件重量，数字'),
  col('weightUnit', 'Weight unit', '重量单位', ['weight_unit'], true, 'g', 'g, kg, oz or lb', 'g、kg、oz 或 lb'),
  col('hsCode', 'HS code', '海关编码', ['hs_code', 'hs', 'hts', 'hts code', 'hs编码'], false, '6109.10.0012', '6–10 digits', '6至10位数字'),
  col(
    'declaredValue',
    'Declared value',
    '申报价值',
    ['declared_value', 'customs value', '申报单价'],
    false,
    '4.50',
    'Per unit, number only',
    '单价，仅数字',
  ),
  col(
    'declaredCurrency',
    'Declared currency',
    '申报币种',
    ['declared_currency', 'currency', '币种'],
    false,
    'USD',
    'USD or CNY (default USD)',
    'USD 或 CNY（默认 USD）',
  ),
  col(
    'countryOfOrigin',
    'Country of origin',
    '原产国',
    ['country_of_origin', 'origin', 'coo', '原产地'],
    false,
    'CN',
    'Two-letter code',
    '两位国家代码',
  ),
  col(
    'flags',
    'Flags',
    '特殊属性',
    ['flags', 'attributes', '敏感属性', '属性'],
    false,
    'fragile',
    'battery, liquid, powder, magnetic, fda_regulated, fragile (comma separated)',
    '带电、液体、粉末、磁性、FDA、易碎（逗号分隔）',
  ),
  col('upc', 'UPC', 'UPC', ['upc', 'ean', 'gtin', 'upc/ean'], false, '012345678905', '12 or 13 digits', '12或13位数字'),
  col('fnsku', 'FNSKU', 'FNSKU', ['fnsku'], false, 'X001ABC123', '10 characters', '10位字符'),
  col('msku', 'MSKU', 'MSKU', ['msku', 'merchant sku'], false, 'TEE-BLK-M-US', 'Marketplace SKU', '平台SKU'),
];

function col(
  field: SkuField,
  en: string,
  zh: string,
  aliases: string[],
  required: boolean,
  example: string,
  helpEn: string,
  helpZh: string,
): SheetColumn {
  return { field, en, zh, aliases, required, example, helpEn, helpZh };
}

export const MAX_SHEET_ROWS = 50_000;

export interface ParsedSkuRow {
  row: number;
  sku: ValidSku;
}

export interface SkuSheetResult {
  rows: ParsedSkuRow[];
  errors: ErrorDetail[];
  /** Headers we did not recognise; their cells are ignored. */
  ignoredHeaders: string[];
  /** Where each recognised field sits, to locate later errors (e.g. "already exists"). */
  locate(field: SkuField): { column: string; header: string } | undefined;
}

/**
 * Turns a table (first row = headers) into validated SKUs. Every problem is reported with its
 * row number as the seller sees it (header = row 1) and the column letter and header.
 *
 * @example
 * parseSkuSheet([['SKU', '长', '宽', '高', '尺寸单位', '重量', '重量单位', '中文品名'],
 *   ['A-1', '10', '10', '5', 'cm', '200', 'g', '杯子']]).rows.length // 1
 */
export function parseSkuSheet(table: readonly (readonly string[])[]): SkuSheetResult {
  const errors: ErrorDetail[] = [];
  const [headerRow, ...dataRows] = table;
  if (!headerRow || headerRow.every((h) => h.trim() === '')) {
    return {
      rows: [],
      errors: [{ row: 1, code: 'missing_header', message: 'The first row must hold the column headers.' }],
      ignoredHeaders: [],
      locate: () => undefined,
    };
  }

  const byIndex = new Map<number, SheetColumn>();
  const ignoredHeaders: string[] = [];
  const seenFields = new Map<SkuField, number>();
  headerRow.forEach((header, index) => {
    if (header.trim() === '') return;
    const column = matchHeader(header);
    if (!column) {
      ignoredHeaders.push(header);
      return;
    }
    const earlier = seenFields.get(column.field);
    if (earlier !== undefined) {
      errors.push({
        row: 1,
        column: columnLetter(index),
        header,
        field: SKU_FIELD_NAMES[column.field],
        code: 'duplicate_column',
        message: `Column "${header}" repeats column ${columnLetter(earlier)} (${column.en} / ${column.zh}).`,
      });
      return;
    }
    seenFields.set(column.field, index);
    byIndex.set(index, column);
  });
  for (const column of SKU_SHEET_COLUMNS) {
    if (column.required && !seenFields.has(column.field)) {
      errors.push({
        row: 1,
        field: SKU_FIELD_NAMES[column.field],
        code: 'missing_column',
        message: `Required column "${column.en}" / "${column.zh}" is missing.`,
      });
    }
  }
  const indexOfField = new Map<SkuField, number>([...byIndex].map(([i, c]) => [c.field, i]));
  const locate = (field: SkuField) => {
    const index = indexOfField.get(field);
    return index === undefined ? undefined : { column: columnLetter(index), header: headerRow[index] ?? '' };
  };
  if (errors.length > 0) return { rows: [], errors, ignoredHeaders, locate };
  if (dataRows.length > MAX_SHEET_ROWS) {
    return {
      rows: [],
      errors: [{ code: 'too_many_rows', message: `A sheet may hold at most ${MAX_SHEET_ROWS} SKUs; split the file.` }],
      ignoredHeaders,
      locate,
    };
  }

  const rows: ParsedSkuRow[] = [];
  const firstRowOfSku = new Map<string, number>();
  dataRows.forEach((cells, i) => {
    const rowNumber = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (field: SkuField) => {
      const index = indexOfField.get(field);
      return index === undefined ? undefined : (cells[index] ?? '');
    };
    const draft: SkuDraft = {
      sellerSku: cell('sellerSku') ?? '',
      titleEn: cell('titleEn'),
      titleZh: cell('titleZh'),
      length: cell('length') ?? '',
      width: cell('width') ?? '',
      height: cell('height') ?? '',
      dimensionUnit: cell('dimensionUnit') ?? '',
      weight: cell('weight') ?? '',
      weightUnit: cell('weightUnit') ?? '',
      hsCode: cell('hsCode'),
      declaredValue: cell('declaredValue'),
      declaredCurrency: cell('declaredCurrency'),
      countryOfOrigin: cell('countryOfOrigin'),
      flags: splitFlags(cell('flags') ?? ''),
      upc: cell('upc'),
      fnsku: cell('fnsku'),
      msku: cell('msku'),
    };
    const result = validateSku(draft);
    if (!result.ok) {
      for (const e of result.errors) {
        errors.push({
          row: rowNumber,
          // A missing title is reported on titleEn; a sheet with only a Chinese title column points there.
          ...(locate(e.field) ?? (e.field === 'titleEn' ? locate('titleZh') : undefined)),
          field: SKU_FIELD_NAMES[e.field],
          code: e.code,
          message: e.message,
        });
      }
      return;
    }
    const key = result.value.sellerSku.toLowerCase();
    const first = firstRowOfSku.get(key);
    if (first !== undefined) {
      errors.push({
        row: rowNumber,
        ...locate('sellerSku'),
        field: SKU_FIELD_NAMES.sellerSku,
        code: 'duplicate_sku',
        message: `SKU "${result.value.sellerSku}" already appears in row ${first}.`,
      });
      return;
    }
    firstRowOfSku.set(key, rowNumber);
    rows.push({ row: rowNumber, sku: result.value });
  });
  return { rows, errors, ignoredHeaders, locate };
}

/** @example columnLetter(0) // 'A'; columnLetter(27) // 'AB' */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function matchHeader(header: string): SheetColumn | undefined {
  // First as written ("Title (ZH)"), then without a bracketed note ("重量(g)*" is weight).
  for (const stripNotes of [false, true]) {
    const key = normaliseHeader(header, stripNotes);
    const found = SKU_SHEET_COLUMNS.find((c) => [c.en, c.zh, ...c.aliases].some((name) => normaliseHeader(name, false) === key));
    if (found) return found;
  }
  return undefined;
}

function normaliseHeader(header: string, stripNotes: boolean): string {
  let key = header.toLowerCase().replace(/[*＊]/g, '');
  if (stripNotes) key = key.replace(/[（(][^）)]*[）)]/g, '');
  return key.replace(/[\s_\-（）()]+/g, '').trim();
}

function splitFlags(cell: string): string[] {
  return cell
    .split(/[,，、;；/|]/)
    .map((f) => f.trim())
    .filter((f) => f !== '');
}
