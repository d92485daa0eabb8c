/** A quote's SKU sheet (.xlsx/.csv) read into quote SKUs, on this thread or on a worker. */
import { Worker } from 'node:worker_threads';
import type { QuoteSku } from '../domain/quotes/quote-request.js';
import type { AppError } from '../domain/shared/errors.js';
import { err, type Result } from '../domain/shared/result.js';

export async function readSkuSheet(name: string, data: Buffer): Promise<Result<QuoteSku[], AppError>> {
  // Loaded here so only commands that read a sheet pay for the reader.
  const [{ readTable }, { skusFromTable }] = await Promise.all([
    import('../services/spreadsheets/read-table.js'),
    import('../services/spreadsheets/quote-sheet.js'),
  ]);
  const sheet = await readTable(name, data);
  if (!sheet.ok) return err(sheet.error);
  return skusFromTable(sheet.value);
}

/**
 * The same on a worker thread when running compiled (a worker cannot load .ts sources under
 * tsx or vitest; there it runs inline).
 */
export function readSkuSheetInBackground(name: string, data: Buffer): Promise<Result<QuoteSku[], AppError>> {
  const workerFile = new URL('./sku-sheet-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return readSkuSheet(name, data);
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: { name, data } });
    worker.once('message', (result: Result<QuoteSku[], AppError>) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The sheet reader stopped with code ${code}.`));
    });
  });
}
