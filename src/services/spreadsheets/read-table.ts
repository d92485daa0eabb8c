/**
 * Reads an uploaded sheet (.xlsx or .csv) into a table of strings, the only shape the
 * domain's sheet parsers take. Sellers in China often save CSV from Excel in GB18030, so a
 * file that is not valid UTF-8 is decoded as GB18030.
 */
import Papa from 'papaparse';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { readXlsxTable, XlsxReadError } from './xlsx-reader.js';

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

function readXlsx(data: Buffer): Result<string[][], AppError> {
  try {
    return ok(readXlsxTable(data));
  } catch (error) {
    if (!(error instanceof XlsxReadError)) throw error;
    const reason =
      error.message === 'the workbook has no sheet'
        ? 'The workbook has no sheet.'
        : `The workbook could not be opened (${error.message}); is it a valid .xlsx file?`;
    return err(appError('unsupported_file', reason));
  }
}
