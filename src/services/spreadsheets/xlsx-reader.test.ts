import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isDateFormatCode, readXlsxTable, XlsxReadError } from './xlsx-reader.js';

/** The reading we replaced (exceljs), kept here as the oracle the lean reader must match. */
async function readWithExcelJs(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const table: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function workbookOf(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Sheet'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A package written by hand, as other spreadsheet programs write them. */
function packageOf(parts: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])));
}

const cellValue = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('a & b', '<tag>', ' padded ', '"quoted"', "it's", '深圳 → 洛杉矶', 'line\nbreak', '😀 emoji', '0012'),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2080-12-31T00:00:00Z'), noInvalidDate: true }),
);

describe('readXlsxTable reads what exceljs reads', () => {
  it('for any grid of strings, numbers, booleans, dates and blanks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cellValue, { maxLength: 8 }), { maxLength: 12 }), async (grid) => {
        const data = await workbookOf((sheet) => {
          grid.forEach((cells, r) => {
            cells.forEach((value, c) => {
              if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
            });
          });
        });
        expect(readXlsxTable(data)).toEqual(await readWithExcelJs(data));
      }),
      { numRuns: 60 },
    );
  });

  it('for rich text, formulas with results, hyperlinks, sparse rows, styled blanks and 1904 dates', async () => {
    const data = await workbookOf((sheet, workbook) => {
      workbook.properties.date1904 = true;
      sheet.getCell('A1').value = { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'plain' }] };
      sheet.getCell('B1').value = { formula: 'SUM(1,2)', result: 3 };
      sheet.getCell('C1').value = { formula: 'CONCAT("a","b")', result: 'ab' };
      sheet.getCell('D1').value = { text: 'Landed', hyperlink: 'https://example.com' };
      sheet.getCell('E1').value = new Date('2026-11-25T08:30:00Z');
      sheet.getCell('A5').value = 'after a gap';
      sheet.getCell('G5').style = { font: { bold: true } };
      sheet.getCell('B3').value = { formula: 'TODAY()', result: new Date('2026-11-25T00:00:00Z') };
    });
    const table = readXlsxTable(data);
    expect(table).toEqual(await readWithExcelJs(data));
    expect(table[0]?.slice(0, 5)).toEqual(['Bold plain', '3', 'ab', 'Landed', '2026-11-25T08:30:00.000Z']);
    expect(table[4]?.[0]).toBe('after a gap');
  });
});

describe('readXlsxTable reads packages exceljs never writes', () => {
  const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
  const workbook = (extra = '') =>
    `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${extra}<x:sheets><x:sheet name="Data" sheetId="7" r:id="rId9"/><x:sheet name="Other" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`;
  const rels =
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>';
  const styles =
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="31"/><xf numFmtId="4"/></cellXfs></styleSheet>';
  const sharedStrings =
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><r><t xml:space="preserve">A </t></r><r><t>&amp; B</t></r></si></sst>';

  it('takes the first sheet in workbook order, with prefixes, inline strings, missing references and CJK dates', () => {
    const sheet = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row><x:c t="inlineStr"><x:is><x:t>Seller SKU</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>
      <x:row r="3"><x:c r="B3" s="1"><x:v>46351</x:v></x:c><x:c s="2"><x:v>46351.5</x:v></x:c><x:c s="3"><x:v>0.1</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>x &lt; y</x:v></x:c><x:c><x:f>NOW()</x:f></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const data = packageOf({
      '[Content_Types].xml': contentTypes,
      'xl/workbook.xml': workbook(),
      'xl/_rels/workbook.xml.rels': rels,
      'xl/styles.xml': styles,
      'xl/sharedStrings.xml': sharedStrings,
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>',
      'xl/worksheets/sheet2.xml': sheet,
    });
    expect(readXlsxTable(data)).toEqual([
      ['Seller SKU', '東京', 'A & B', '', '', '', ''],
      ['', '', '', '', '', '', ''],
      ['', '2026-11-25T00:00:00.000Z', '2026-11-25T12:00:00.000Z', '0.1', '', 'x < y', ''],
    ]);
  });

  it('reads 1904-based dates from workbookPr', () => {
    const data = packageOf({
      'xl/workbook.xml': workbook('<x:workbookPr date1904="1"/>'),
      'xl/_rels/workbook.xml.rels': rels,
      'xl/styles.xml': styles,
      'xl/worksheets/sheet2.xml': '<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>44889</v></c></row></sheetData></worksheet>',
    });
    expect(readXlsxTable(data)).toEqual([['2026-11-25T00:00:00.000Z']]);
  });

  it('refuses what is not a workbook with a reason', () => {
    expect(() => readXlsxTable(Buffer.from('Seller SKU,Length\n'))).toThrow(XlsxReadError);
    expect(() => readXlsxTable(packageOf({ 'word/document.xml': '<w/>' }))).toThrow(/no xl\/workbook.xml/);
    expect(() =>
      readXlsxTable(
        packageOf({
          'xl/workbook.xml': workbook(),
          'xl/_rels/workbook.xml.rels': rels,
          'xl/worksheets/sheet2.xml': '<worksheet><sheetData><row>',
        }),
      ),
    ).toThrow(XlsxReadError);
  });
});

describe('isDateFormatCode', () => {
  it('sees date letters outside quotes and brackets only', () => {
    expect(isDateFormatCode('yyyy-mm-dd')).toBe(true);
    expect(isDateFormatCode('[$-404]e/m/d')).toBe(true);
    expect(isDateFormatCode('#,##0.00 "days"')).toBe(false);
    expect(isDateFormatCode('[Red]0.00')).toBe(false);
    expect(isDateFormatCode('0.00%')).toBe(false);
  });
});
