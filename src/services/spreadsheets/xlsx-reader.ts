/**
 * Reads the first worksheet of an .xlsx workbook into a table of strings.
 *
 * Why not exceljs here: loading exceljs costs ~0.8 s (unzipper, archiver and their
 * polyfills) before it reads a byte, which was most of a 10,000-SKU quote's wait. Reading a
 * table needs four parts of the package — workbook, its relationships, shared strings and
 * styles (to know which numbers are dates) — so this reader unzips only those with fflate and
 * scans them with a strict minimal XML scanner (xml-scan.ts). exceljs still writes every
 * workbook we produce, and `xlsx-reader.test.ts` reads the same workbooks through both and
 * requires the same table.
 *
 * Cell text follows exceljs's reading (see `cellText` in read-table.ts): numbers to 15
 * significant digits, booleans as "true"/"false", dates as ISO 8601 UTC, rich text joined,
 * formulas as their cached result, errors as "". Two deliberate differences: a formula
 * without a cached result reads as "" (exceljs gives "[object Object]"), and the Chinese,
 * Japanese and Korean built-in date formats (ids 27–36, 50–58, which Excel in those locales
 * applies to typed dates) read as dates (exceljs reads them as numbers).
 */
import { unzipSync } from 'fflate';
import { scanXml, XmlScanError, type XmlHandlers, type XmlTag } from './xml-scan.js';

export class XlsxReadError extends Error {}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, plus CJK locales). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** @example readXlsxTable(buffer) // [['Seller SKU', 'Length'], ['SKU-1', '12.5']] */
export function readXlsxTable(data: Uint8Array): string[][] {
  const files = unzipParts(data);
  const workbook = readWorkbook(text(files, 'xl/workbook.xml'));
  const sheetPath = firstSheetPath(workbook.firstSheetRelationId, files['xl/_rels/workbook.xml.rels']);
  const sharedStrings = files['xl/sharedStrings.xml'] ? readSharedStrings(decode(files['xl/sharedStrings.xml'])) : [];
  const dateStyles = files['xl/styles.xml'] ? readDateStyles(decode(files['xl/styles.xml'])) : new Set<number>();
  return readSheet(text(files, sheetPath), sharedStrings, dateStyles, workbook.date1904);
}

function unzipParts(data: Uint8Array): Record<string, Uint8Array> {
  try {
    // Only the parts a table needs are inflated; images, themes and drawings are skipped.
    // Which worksheet is first is only known from workbook.xml, so every worksheet is inflated.
    return unzipSync(data, {
      filter: (file) =>
        file.name === 'xl/workbook.xml' ||
        file.name === 'xl/_rels/workbook.xml.rels' ||
        file.name === 'xl/sharedStrings.xml' ||
        file.name === 'xl/styles.xml' ||
        file.name.startsWith('xl/worksheets/sheet'),
    });
  } catch (cause) {
    throw new XlsxReadError('not a zip archive', { cause });
  }
}

function text(files: Record<string, Uint8Array>, name: string): string {
  const file = files[name];
  if (!file) throw new XlsxReadError(`the workbook has no ${name}`);
  return decode(file);
}

const utf8 = new TextDecoder('utf-8');
function decode(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name: writers differ on prefixes (`r:id`, `id`). */
function attribute(tag: XmlTag, name: string): string | undefined {
  const attributes = tag.attributes();
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const key in attributes) if (local(key) === name) return attributes[key];
  return undefined;
}

function parse(xml: string, handlers: XmlHandlers): void {
  try {
    scanXml(xml, handlers);
  } catch (error) {
    if (error instanceof XmlScanError) throw new XlsxReadError(error.message);
    throw error;
  }
}

function readWorkbook(xml: string): { firstSheetRelationId: string; date1904: boolean } {
  let firstSheetRelationId: string | undefined;
  let date1904 = false;
  parse(xml, {
    open(tag) {
      const name = tag.name;
      if (name === 'sheet' && firstSheetRelationId === undefined) firstSheetRelationId = attribute(tag, 'id');
      else if (name === 'workbookPr') {
        const value = attribute(tag, 'date1904');
        date1904 = value === '1' || value === 'true';
      }
    },
  });
  if (firstSheetRelationId === undefined) throw new XlsxReadError('the workbook has no sheet');
  return { firstSheetRelationId, date1904 };
}

function firstSheetPath(relationId: string, rels: Uint8Array | undefined): string {
  if (!rels) return 'xl/worksheets/sheet1.xml';
  let target: string | undefined;
  parse(decode(rels), {
    open(tag) {
      if (tag.name === 'Relationship' && tag.attributes().Id === relationId) target = tag.attributes().Target;
    },
  });
  if (target === undefined) throw new XlsxReadError(`the workbook names sheet ${relationId} but does not say where it is`);
  // Targets are relative to xl/ unless absolute within the package.
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  // Phonetic guides (<rPh>) carry furigana/pinyin readings that are not part of the cell text.
  let inPhonetic = false;
  parse(xml, {
    open(tag) {
      const name = tag.name;
      if (name === 'si') current = '';
      else if (name === 't') inText = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 'si') strings.push(current);
      else if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text(t) {
      if (inText) current += t;
    },
  });
  return strings;
}

/** The cell style indexes (`s` on a cell) whose number format shows a date or time. */
function readDateStyles(xml: string): Set<number> {
  const customDateFormats = new Set<number>();
  const dateStyles = new Set<number>();
  let inCellXfs = false;
  let styleIndex = 0;
  parse(xml, {
    open(tag) {
      const name = tag.name;
      if (name === 'numFmt') {
        const id = Number(attribute(tag, 'numFmtId'));
        if (isDateFormatCode(attribute(tag, 'formatCode') ?? '')) customDateFormats.add(id);
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attribute(tag, 'numFmtId') ?? '0');
        if (customDateFormats.has(id) || BUILT_IN_DATE_FORMATS.has(id)) dateStyles.add(styleIndex);
        styleIndex++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

/** exceljs's test: a date letter outside quoted text and [bracketed] sections. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

function excelSerialToIso(serial: number, date1904: boolean): string {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toISOString();
}

function numberText(value: number): string {
  return Number.isNaN(value) ? '' : String(Number(value.toPrecision(15)));
}

/** "BC12" → 55 (zero-based column 54 + 1), or undefined for a reference without letters. */
function columnOf(reference: string): number | undefined {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return i === 0 ? undefined : column;
}

function readSheet(xml: string, sharedStrings: string[], dateStyles: Set<number>, date1904: boolean): string[][] {
  const table: string[][] = [];
  let width = 0;
  let row: string[] = [];
  let rowIndex = 0;
  let column = 0;
  let type = 'n';
  let style = 0;
  let value = '';
  let hasValue = false;
  let hasFormula = false;
  let capture: 'v' | 't' | null = null;
  let inPhonetic = false;
  let inSheetData = false;

  const finishCell = () => {
    let cell = '';
    if (hasValue) {
      switch (type) {
        case 's':
          cell = sharedStrings[Number.parseInt(value, 10)] ?? '';
          break;
        case 'str':
        case 'inlineStr':
        case 'd':
          cell = value;
          break;
        case 'b':
          cell = Number.parseInt(value, 10) !== 0 ? 'true' : 'false';
          break;
        case 'e':
          cell = '';
          break;
        default: {
          const number = Number.parseFloat(value);
          cell = dateStyles.has(style) && Number.isFinite(number) ? excelSerialToIso(number, date1904) : numberText(number);
        }
      }
    } else if (hasFormula) {
      cell = '';
    }
    row[column - 1] = cell;
    if (column > width) width = column;
  };

  parse(xml, {
    open(tag) {
      switch (tag.name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row': {
          if (!inSheetData) break;
          const r = attribute(tag, 'r');
          rowIndex = r === undefined ? rowIndex + 1 : Number.parseInt(r, 10);
          row = [];
          column = 0;
          break;
        }
        case 'c': {
          const r = attribute(tag, 'r');
          const at = r === undefined ? undefined : columnOf(r);
          column = at ?? column + 1;
          type = attribute(tag, 't') ?? 'n';
          style = Number(attribute(tag, 's') ?? '0');
          value = '';
          hasValue = false;
          hasFormula = false;
          break;
        }
        case 'v':
          capture = 'v';
          hasValue = true;
          break;
        case 'f':
          hasFormula = true;
          break;
        case 't':
          if (!inPhonetic) {
            capture = 't';
            hasValue = true;
          }
          break;
        case 'rPh':
          inPhonetic = true;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          finishCell();
          break;
        case 'row':
          if (inSheetData) table[rowIndex - 1] = row;
          break;
        case 'sheetData':
          inSheetData = false;
          break;
      }
    },
    text(t) {
      if (capture !== null) value += t;
    },
  });

  // As exceljs: every row up to the last is as wide as the widest, skipped rows included.
  for (let i = 0; i < table.length; i++) {
    const cells = table[i] ?? [];
    for (let c = 0; c < width; c++) cells[c] ??= '';
    table[i] = cells;
  }
  return table;
}
