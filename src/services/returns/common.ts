/**
 * Helpers shared by the returns, work-order, kit and exit-plan services: one transaction per
 * use case that turns a thrown AppFailure into a Result after rolling back, the warehouse's
 * local date for a new lot, and labels for SKUs and warehouses shown beside ids.
 */
import { inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connect.js';
import { skus, warehouses } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/tenancy.js';
import { type AppError, AppFailure, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import type { Actor } from '../context.js';

/**
 * Runs a use case in one transaction. Inside, failures are thrown (`fail`) so that nothing
 * written before them survives; outside they come back as a Result.
 * @example return inTransaction(db, scope, async (tx) => { …; if (bad) fail(appError('not_found', '…')); return row; })
 */
export async function inTransaction<T>(db: Db, scope: Scope, fn: (tx: Executor) => Promise<T>): Promise<Result<T, AppError>> {
  try {
    return ok(await inScope(db, scope, fn));
  } catch (error) {
    if (error instanceof AppFailure) return err(error.appError);
    throw error;
  }
}

/** Ends the transaction with an expected outcome; see inTransaction. */
export function fail(error: AppError): never {
  throw new AppFailure(error);
}

export function invalid(message: string, details: ErrorDetail[]): never {
  fail(appError('validation_failed', message, details));
}

/** Provider staff act for any account; seller users and keys only for their own. */
export function isStaff(actor: Actor): boolean {
  return actor.accountId === null;
}

/** Only warehouse staff receive, inspect, start and complete work. */
export function requireStaff(actor: Actor, what: string): void {
  if (!isStaff(actor)) fail(appError('forbidden', `Only warehouse staff may ${what}.`));
}

/**
 * The calendar date at a warehouse for an instant: lots are dated as the dock sees the day.
 * @example localDate(new Date('2026-03-02T03:00:00Z'), 'America/Los_Angeles') // '2026-03-01'
 */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export interface SkuLabel {
  id: string;
  accountId: string;
  sellerSku: string;
  titleEn: string | null;
  titleZh: string | null;
  status: string;
}

export async function skuLabels(tx: Executor, skuIds: Iterable<string>): Promise<Map<string, SkuLabel>> {
  const unique = [...new Set(skuIds)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({
      id: skus.id,
      accountId: skus.accountId,
      sellerSku: skus.sellerSku,
      titleEn: skus.titleEn,
      titleZh: skus.titleZh,
      status: skus.status,
    })
    .from(skus)
    .where(inArray(skus.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface WarehouseLabel {
  id: string;
  code: string;
  name: string;
  kind: string;
  timezone: string;
}

export async function warehouseLabels(tx: Executor, warehouseIds: Iterable<string>): Promise<Map<string, WarehouseLabel>> {
  const unique = [...new Set(warehouseIds)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: warehouses.id, code: warehouses.code, name: warehouses.name, kind: warehouses.kind, timezone: warehouses.timezone })
    .from(warehouses)
    .where(inArray(warehouses.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}
