import { describe, expect, it } from 'vitest';
import type { ErrorDetail } from '../shared/errors.js';
import { columnLetter, MAX_SHEET_ROWS, parseSkuSheet, SKU_SHEET_COLUMNS } from './sku-sheet.js';

const EN_HEADERS = ['Seller SKU', 'Title (EN)', 'Length', 'Width', 'Height', 'Dimension unit', 'Weight', 'Weight unit'];
const ZH_HEADERS = ['卖家SKU', '长', '宽', '高', '尺寸单位', '重量', '重量单位', '中文品名'];

/** One SKU row for EN_HEADERS. */
const enRow = (sku: string, overrides: Partial<Record<'title' | 'l' | 'w' | 'h' | 'dim' | 'wt' | 'wtUnit', string>> = {}) => [
  sku,
  overrides.title ?? `Product ${sku}`,
  overrides.l ?? '30',
  overrides.w ?? '20',
  overrides.h ?? '5',
  overrides.dim ?? 'cm',
  overrides.wt ?? '250',
  overrides.wtUnit ?? 'g',
];

const codes = (errors: ErrorDetail[]) => errors.map((e) => e.code);

describe('parseSkuSheet: headers', () => {
  it('reads a sheet with English headers', () => {
    const result = parseSkuSheet([EN_HEADERS, enRow('TEE-BLK-M', { l: '30.5', dim: 'CM', wt: '0.22', wtUnit: 'kg' })]);
    expect(result.errors).toEqual([]);
    expect(result.ignoredHeaders).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]?.row).toBe(2);
    expect(result.rows[0]?.sku).toMatchObject({
      sellerSku: 'TEE-BLK-M',
      titleEn: 'Product TEE-BLK-M',
      titleZh: null,
      length: '30.5',
      width: '20',
      height: '5',
      dimensionUnit: 'cm',
      weight: '0.22',
      weightUnit: 'kg',
    });
  });

  it('reads a sheet with Chinese headers', () => {
    const result = parseSkuSheet([ZH_HEADERS, ['MUG-WHT', '12', '9', '10', 'cm', '380', 'g', '陶瓷马克杯']]);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.sku)).toEqual([
      expect.objectContaining({
        sellerSku: 'MUG-WHT',
        titleEn: null,
        titleZh: '陶瓷马克杯',
        length: '12',
        width: '9',
        height: '10',
        weight: '380',
        weightUnit: 'g',
      }),
    ]);
  });

  it('recognises headers carrying notes, required-marks, other case and spacing', () => {
    const result = parseSkuSheet([
      [
        '卖家SKU*',
        '长(cm)',
        '宽（cm）',
        '高 (cm)',
        '尺寸单位*',
        '重量(g)*',
        '重量单位',
        '中文品名',
        '  HS_Code ',
        '申报价值(USD)',
        'currency',
        '特殊属性',
      ],
      ['CUP-1', '10', '10', '5', 'cm', '200', 'g', '杯子', '6912.00.4810', '1.90', 'usd', '易碎，带电'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.ignoredHeaders).toEqual([]);
    expect(result.locate('weight')).toEqual({ column: 'F', header: '重量(g)*' });
    expect(result.rows[0]?.sku).toMatchObject({
      sellerSku: 'CUP-1',
      weight: '200',
      hsCode: '6912004810',
      declaredValueMinor: 190n,
      declaredCurrency: 'USD',
      flags: ['fragile', 'battery'],
    });
  });

  it('takes "Title (ZH)" as the Chinese title, not the English one', () => {
    const result = parseSkuSheet([
      ['Seller SKU', 'Title (ZH)', 'Length', 'Width', 'Height', 'Dimension unit', 'Weight', 'Weight unit'],
      ['CUP-1', '杯子', '10', '10', '5', 'cm', '200', 'g'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.locate('titleZh')).toEqual({ column: 'B', header: 'Title (ZH)' });
    expect(result.locate('titleEn')).toBeUndefined();
    expect(result.rows[0]?.sku).toMatchObject({ titleEn: null, titleZh: '杯子' });
  });

  it('reports a missing required column once, at row 1, in English and Chinese, and reads no rows', () => {
    const headers = EN_HEADERS.filter((h) => h !== 'Weight');
    const result = parseSkuSheet([headers, ['CUP-1', 'Cup', '10', '10', '5', 'cm', 'g'], ['CUP-2', 'Cup', '10', '10', '5', 'cm', 'g']]);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 1, field: 'weight', code: 'missing_column' });
    expect(result.errors[0]?.message).toContain('Weight');
    expect(result.errors[0]?.message).toContain('重量');
  });

  it('reports every missing required column', () => {
    const result = parseSkuSheet([
      ['Seller SKU', 'Title (EN)'],
      ['CUP-1', 'Cup'],
    ]);
    expect(result.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [1, 'length', 'missing_column'],
      [1, 'width', 'missing_column'],
      [1, 'height', 'missing_column'],
      [1, 'dimension_unit', 'missing_column'],
      [1, 'weight', 'missing_column'],
      [1, 'weight_unit', 'missing_column'],
    ]);
  });

  it('reports a column given twice (even under two names), pointing at both', () => {
    const result = parseSkuSheet([
      [...EN_HEADERS, '重量'],
      [...enRow('CUP-1'), '999'],
    ]);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 1, column: 'I', header: '重量', field: 'weight', code: 'duplicate_column' });
    expect(result.errors[0]?.message).toContain('column G');
  });

  it('ignores unknown columns and lists them', () => {
    const result = parseSkuSheet([
      ['Notes', ...EN_HEADERS, '', '供应商'],
      ['fragile!', ...enRow('CUP-1'), '', '义乌'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.ignoredHeaders).toEqual(['Notes', '供应商']);
    expect(result.rows).toHaveLength(1);
    expect(result.locate('sellerSku')).toEqual({ column: 'B', header: 'Seller SKU' });
  });

  it('needs a header row', () => {
    expect(codes(parseSkuSheet([]).errors)).toEqual(['missing_header']);
    const blankHeader = parseSkuSheet([['', ' '], enRow('CUP-1')]);
    expect(blankHeader.errors).toEqual([expect.objectContaining({ row: 1, code: 'missing_header' })]);
    expect(blankHeader.rows).toEqual([]);
  });
});

describe('parseSkuSheet: rows', () => {
  it('skips blank rows but keeps row numbers as the spreadsheet shows them', () => {
    // Row 1 header, row 2 data, row 3 blank, row 4 data, row 5 the 3rd data row (bad weight).
    const result = parseSkuSheet([
      EN_HEADERS,
      enRow('A-1'),
      ['', ' ', '', '', '', '', '', ''],
      enRow('A-2'),
      enRow('A-3', { wt: 'heavy' }),
    ]);
    expect(result.rows.map((r) => [r.row, r.sku.sellerSku])).toEqual([
      [2, 'A-1'],
      [4, 'A-2'],
    ]);
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 5, column: 'G', header: 'Weight', field: 'weight', code: 'not_a_number' }),
    ]);
  });

  it('treats short and empty rows from a CSV reader as blank or padded', () => {
    const result = parseSkuSheet([EN_HEADERS, [], enRow('A-1')]);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([3]);
  });

  it('locates each error by row, column letter and the header as the seller wrote it', () => {
    const result = parseSkuSheet([
      ['卖家SKU', '长', '宽', '高', '尺寸单位', '重量(g)*', '重量单位', '中文品名'],
      ['A-1', '-3', '10', '10', 'inch', '200', 'g', '杯子'],
    ]);
    expect(result.rows).toEqual([]);
    expect(result.errors.map(({ row, column, header, field, code }) => ({ row, column, header, field, code }))).toEqual([
      { row: 2, column: 'E', header: '尺寸单位', field: 'dimension_unit', code: 'unknown_unit' },
      { row: 2, column: 'B', header: '长', field: 'length', code: 'not_positive' },
    ]);
  });

  it('points a missing title at a title column even when the sheet has only the Chinese one', () => {
    const result = parseSkuSheet([ZH_HEADERS, ['A-1', '10', '10', '5', 'cm', '200', 'g', '']]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, column: 'H', header: '中文品名', code: 'required' })]);
  });

  it('points a missing title at the English title column when the sheet has both', () => {
    const result = parseSkuSheet([
      ['SKU', '英文品名', '中文品名', '长', '宽', '高', '尺寸单位', '重量', '重量单位'],
      ['A-1', ' ', '', '10', '10', '5', 'cm', '200', 'g'],
    ]);
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'B', header: '英文品名', field: 'title_en', code: 'required' }),
    ]);
  });

  it('uses column letters past Z on wide sheets', () => {
    const notes = Array.from({ length: 26 }, (_, i) => `Note ${i + 1}`);
    const result = parseSkuSheet([
      [...notes, ...EN_HEADERS],
      [...notes.map(() => 'x'), ...enRow('A-1', { h: '0' })],
    ]);
    expect(result.ignoredHeaders).toEqual(notes);
    expect(result.locate('sellerSku')).toEqual({ column: 'AA', header: 'Seller SKU' });
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, column: 'AE', header: 'Height', code: 'not_positive' })]);
  });

  it('reports a seller SKU repeated in the file (ignoring case), naming the earlier row', () => {
    const result = parseSkuSheet([EN_HEADERS, enRow('TEE-BLK-M'), enRow('MUG-1'), enRow('tee-blk-m')]);
    expect(result.rows.map((r) => r.sku.sellerSku)).toEqual(['TEE-BLK-M', 'MUG-1']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 4, column: 'A', header: 'Seller SKU', field: 'seller_sku', code: 'duplicate_sku' });
    expect(result.errors[0]?.message).toContain('row 2');
  });

  it('keeps the good rows and reports the bad ones', () => {
    const result = parseSkuSheet([EN_HEADERS, enRow('A-1'), enRow('A-2', { dim: 'inch', l: 'abc' }), enRow('A-3')]);
    expect(result.rows.map((r) => [r.row, r.sku.sellerSku])).toEqual([
      [2, 'A-1'],
      [4, 'A-3'],
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'F', 'unknown_unit'],
      [3, 'C', 'not_a_number'],
    ]);
  });

  it('splits flags on English and Chinese separators', () => {
    const result = parseSkuSheet([
      [...EN_HEADERS, 'Flags'],
      [...enRow('A-1'), '带电、液体; fragile，magnet/fda'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.sku.flags).toEqual(['battery', 'liquid', 'fragile', 'magnetic', 'fda_regulated']);
  });

  it('locates a field by its column', () => {
    const result = parseSkuSheet([['Weight unit', 'Weight', ...EN_HEADERS.slice(0, 6)], []]);
    expect(result.errors).toEqual([]);
    expect(result.locate('sellerSku')).toEqual({ column: 'C', header: 'Seller SKU' });
    expect(result.locate('weightUnit')).toEqual({ column: 'A', header: 'Weight unit' });
    expect(result.locate('upc')).toBeUndefined();
  });

  it(`refuses more than ${MAX_SHEET_ROWS} data rows with too_many_rows`, () => {
    const row = enRow('A-1');
    const result = parseSkuSheet([EN_HEADERS, ...Array.from({ length: MAX_SHEET_ROWS + 1 }, () => row)]);
    expect(result.rows).toEqual([]);
    expect(codes(result.errors)).toEqual(['too_many_rows']);
  });

  it(`accepts exactly ${MAX_SHEET_ROWS} data rows`, () => {
    const blank: string[] = [];
    const result = parseSkuSheet([EN_HEADERS, ...Array.from({ length: MAX_SHEET_ROWS - 1 }, () => blank), enRow('A-1')]);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([MAX_SHEET_ROWS + 1]);
  });
});

describe('the SKU sheet template', () => {
  it.each(['en', 'zh'] as const)('parses back from its %s headers and example values', (language) => {
    const result = parseSkuSheet([SKU_SHEET_COLUMNS.map((c) => c[language]), SKU_SHEET_COLUMNS.map((c) => c.example)]);
    expect(result.errors).toEqual([]);
    expect(result.ignoredHeaders).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]?.sku).toMatchObject({
      sellerSku: 'TEE-BLK-M',
      titleEn: 'Cotton T-shirt, black, M',
      titleZh: '纯棉T恤 黑色 M',
      hsCode: '6109100012',
      declaredValueMinor: 450n,
      declaredCurrency: 'USD',
      countryOfOrigin: 'CN',
      flags: ['fragile'],
      upc: '012345678905',
      fnsku: 'X001ABC123',
      msku: 'TEE-BLK-M-US',
    });
  });

  it('has one column per SKU field, with every header and alias naming only its own column', () => {
    const fields = SKU_SHEET_COLUMNS.map((c) => c.field);
    expect(new Set(fields).size).toBe(fields.length);
    for (const column of SKU_SHEET_COLUMNS) {
      for (const name of [column.en, column.zh, ...column.aliases]) {
        const result = parseSkuSheet([[name], []]);
        expect(result.ignoredHeaders, `header "${name}"`).toEqual([]);
        expect(result.locate(column.field), `header "${name}"`).toEqual({ column: 'A', header: name });
      }
    }
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'], // Excel's last column
  ])('%i → %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });
});
