/**
 * Reads an uploaded sheet (.xlsx or .csv) into a table of strings, the only shape the
 * domain's sheet parsers take. Sellers in China often save CSV from Excel in GB18030, so a
 * file that is not valid UTF-8 is decoded as GB18030.
 */
import type ExcelJS from 'exceljs';
import { excelJs } from '../lazy-modules.js';
import Papa from 'papaparse';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';

export type SheetFormat = 'xlsx' | 'csv';

export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

/** @example detectFormat('skus.xlsx', buf) // 'xlsx' */
export function detectFormat(filename: string | undefined, data: Buffer): SheetFormat | null {
  // xlsx is a zip: its first bytes are "PK\x03\x04" whatever the file is called.
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'xlsx';
  const name = (filename ?? '').toLowerCase();
  if (name.endsWith('.xls')) return null;
  if (name.endsWith('.csv') || name.endsWith('.txt') || name === '' || !name.includes('.')) return 'csv';
  return null;
}

export async function readTable(filename: string | undefined, data: Buffer): Promise<Result<string[][], AppError>> {
  if (data.length === 0) return err(appError('import_invalid', 'The file is empty: choose the sheet again.', []));
  if (data.length > MAX_SHEET_BYTES) return err(appError('payload_too_large', 'The file is larger than 20 MB; split it.'));
  const format = detectFormat(filename, data);
  if (format === null) {
    return err(
      appError('unsupported_file', `Cannot read "${filename}": upload an .xlsx workbook or a .csv file (old .xls: save as .xlsx first).`),
    );
  }
  return format === 'xlsx' ? readXlsx(data) : ok(readCsv(data));
}

function readCsv(data: Buffer): string[][] {
  const text = decodeText(data);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  return parsed.data.map((row) => row.map((cell) => String(cell ?? '')));
}

function decodeText(data: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = new TextDecoder('gb18030').decode(data);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function readXlsx(data: Buffer): Promise<Result<string[][], AppError>> {
  const workbook = new (excelJs().Workbook)();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return err(appError('unsupported_file', 'The workbook could not be opened; is it a valid .xlsx file?'));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return err(appError('unsupported_file', 'The workbook has no sheet.'));
  const table: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return ok(table);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // Excel keeps doubles; 15 significant digits is what Excel itself shows.
    return String(Number(value.toPrecision(15)));
  }
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
