/**
 * SKU import from a spreadsheet: every row validated, every problem located by row and
 * column, and all-or-nothing — one bad row and nothing is written. The API, the CLI and the
 * portal all call this one use case.
 */
import { SKU_FIELD_NAMES, type SkuField, type ValidSku } from '../domain/catalog/sku.js';
import { parseSkuSheet } from '../domain/catalog/sku-sheet.js';
import { type AppError, AppFailure, appError, type ErrorDetail } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import { findSkusBySellerSku, insertSkus, type NewSkuRow, type SkuRow, updateSku } from '../db/repositories/skus.js';
import { inScope } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';
import { resolveAccount, skuFlags, toRow } from './skus.js';
import { readTable } from './spreadsheets/read-table.js';

export type ImportMode = 'create' | 'upsert';

export interface ImportProgress {
  phase: 'reading' | 'validating' | 'writing' | 'done';
  done: number;
  total: number;
}

export interface SkuImportRequest {
  accountId?: string;
  filename?: string;
  data: Buffer;
  mode: ImportMode;
  dryRun: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export interface SkuImportReport {
  dryRun: boolean;
  accountId: string;
  totalRows: number;
  created: number;
  updated: number;
  ignoredHeaders: string[];
}

const BATCH = 500;

export function createSkuImportService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function importSkus(actor: Actor, request: SkuImportRequest): Promise<Result<SkuImportReport, AppError>> {
    const progress = request.onProgress ?? (() => undefined);
    progress({ phase: 'reading', done: 0, total: 0 });
    const table = await readTable(request.filename, request.data);
    if (!table.ok) return table;

    const parsed = parseSkuSheet(table.value);
    const total = parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size;
    progress({ phase: 'validating', done: total, total });
    if (parsed.errors.length > 0) return err(invalid(parsed.errors));
    if (parsed.rows.length === 0) return err(appError('import_invalid', 'The sheet has headers but no SKU rows.', []));

    const scope = scopeOf(actor);
    try {
      return await inScope(database.db, scope, async (tx) => {
        const account = await resolveAccount(tx, actor, scope, request.accountId);
        if (!account.ok) return account;
        const accountId = account.value;

        const existing = await findSkusBySellerSku(
          tx,
          accountId,
          parsed.rows.map((r) => r.sku.sellerSku),
        );
        if (request.mode === 'create' && existing.size > 0) {
          const details: ErrorDetail[] = parsed.rows
            .filter((r) => existing.has(r.sku.sellerSku.toLowerCase()))
            .map((r) => ({
              row: r.row,
              ...parsed.locate('sellerSku'),
              field: SKU_FIELD_NAMES.sellerSku,
              code: 'already_exists',
              message: `SKU "${r.sku.sellerSku}" already exists in this account; import with mode "upsert" to update it.`,
            }));
          return err(invalid(details));
        }

        const now = clock.now();
        const inserts: NewSkuRow[] = [];
        const updates: { id: string; row: NewSkuRow }[] = [];
        for (const { sku } of parsed.rows) {
          const current = existing.get(sku.sellerSku.toLowerCase());
          if (current) {
            const kept = keepAbsentColumns(sku, current, (field) => parsed.locate(field) !== undefined);
            updates.push({ id: current.id, row: toRow(kept, { id: current.id, accountId, now }) });
          } else inserts.push(toRow(sku, { id: ids.next(), accountId, now }));
        }
        const report: SkuImportReport = {
          dryRun: request.dryRun,
          accountId,
          totalRows: parsed.rows.length,
          created: inserts.length,
          updated: updates.length,
          ignoredHeaders: parsed.ignoredHeaders,
        };
        if (request.dryRun) return ok(report);

        let done = 0;
        const totalWrites = inserts.length + updates.length;
        for (let i = 0; i < inserts.length; i += BATCH) {
          const batch = inserts.slice(i, i + BATCH);
          await insertSkus(tx, batch);
          done += batch.length;
          progress({ phase: 'writing', done, total: totalWrites });
        }
        for (const { id, row } of updates) {
          const { id: _id, accountId: _a, createdAt: _c, ...fields } = row;
          const updated = await updateSku(tx, scope, id, { ...fields, status: 'active', archivedAt: null });
          // A row vanishing mid-import means someone else changed the catalogue: roll back all.
          if (!updated) throw new AppFailure(appError('conflict', `SKU ${row.sellerSku} changed during the import; try again.`));
          done += 1;
          if (done % BATCH === 0 || done === totalWrites) progress({ phase: 'writing', done, total: totalWrites });
        }
        progress({ phase: 'done', done: totalWrites, total: totalWrites });
        return ok(report);
      });
    } catch (error) {
      if (error instanceof AppFailure) return err(error.appError);
      throw error;
    }
  }

  return { importSkus };
}

export type SkuImportService = ReturnType<typeof createSkuImportService>;

function invalid(details: ErrorDetail[]): AppError {
  const rows = new Set(details.map((d) => d.row).filter((r) => r !== undefined));
  const message =
    rows.size > 0
      ? `${details.length} problem(s) in ${rows.size} row(s); nothing was imported. Fix them and upload again.`
      : `${details[0]?.message ?? 'The sheet is not valid.'} Nothing was imported.`;
  return appError('import_invalid', message, details);
}

/**
 * An update sheet changes only the columns it has: a missing column keeps the stored value,
 * an empty cell in a present column clears it. So a seller can upsert just weights without
 * wiping HS codes, barcodes or declared values.
 */
export function keepAbsentColumns(sku: ValidSku, current: SkuRow, present: (field: SkuField) => boolean): ValidSku {
  const declaredPresent = present('declaredValue') || present('declaredCurrency');
  return {
    ...sku,
    titleEn: present('titleEn') ? sku.titleEn : current.titleEn,
    titleZh: present('titleZh') ? sku.titleZh : current.titleZh,
    hsCode: present('hsCode') ? sku.hsCode : current.hsCode,
    declaredValueMinor: declaredPresent ? sku.declaredValueMinor : current.declaredValueMinor,
    declaredCurrency: declaredPresent ? sku.declaredCurrency : (current.declaredCurrency as ValidSku['declaredCurrency']),
    countryOfOrigin: present('countryOfOrigin') ? sku.countryOfOrigin : current.countryOfOrigin,
    flags: present('flags') ? sku.flags : skuFlags(current),
    upc: present('upc') ? sku.upc : current.upc,
    fnsku: present('fnsku') ? sku.fnsku : current.fnsku,
    msku: present('msku') ? sku.msku : current.msku,
  };
}
