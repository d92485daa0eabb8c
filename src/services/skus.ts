/** SKUs: a seller's catalogue as the warehouse stores it. */
import { SKU_FIELD_NAMES, type SkuDraft, type SkuFlag, type ValidSku, validateSku } from '../domain/catalog/sku.js';
import { isCurrencyCode, money, toDecimalString } from '../domain/money/index.js';
import { type AppError, appError, type ErrorDetail } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import type { Executor } from '../db/connect.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/errors.js';
import type { Page } from '../db/pagination.js';
import { findAccount } from '../db/repositories/accounts.js';
import { findSku, insertSkus, listSkus, type NewSkuRow, type SkuFilter, type SkuRow, updateSku } from '../db/repositories/skus.js';
import { inScope, type Scope } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';

export function createSkuService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function list(actor: Actor, filter: SkuFilter): Promise<Page<SkuRow>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, (tx) => listSkus(tx, scope, filter));
  }

  async function get(actor: Actor, id: string): Promise<Result<SkuRow, AppError>> {
    const scope = scopeOf(actor);
    const row = await inScope(database.db, scope, (tx) => findSku(tx, scope, id));
    return row ? ok(row) : err(appError('not_found', 'SKU not found.'));
  }

  async function create(actor: Actor, accountId: string | undefined, draft: SkuDraft): Promise<Result<SkuRow, AppError>> {
    const validation = validateSku(draft);
    if (!validation.ok) return err(skuValidationError(validation.errors));
    const scope = scopeOf(actor);
    try {
      return await inScope(database.db, scope, async (tx) => {
        const target = await resolveAccount(tx, actor, scope, accountId);
        if (!target.ok) return target;
        const now = clock.now();
        const [row] = await insertSkus(tx, [toRow(validation.value, { id: ids.next(), accountId: target.value, now })]);
        return ok(row as SkuRow);
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) return err(duplicateSku(draft.sellerSku));
      throw error;
    }
  }

  async function update(actor: Actor, id: string, patch: Partial<SkuDraft>): Promise<Result<SkuRow, AppError>> {
    const scope = scopeOf(actor);
    try {
      return await inScope(database.db, scope, async (tx) => {
        const existing = await findSku(tx, scope, id);
        if (!existing) return err(appError('not_found', 'SKU not found.'));
        const merged: SkuDraft = { ...toDraft(existing), ...definedOnly(patch) };
        const validation = validateSku(merged);
        if (!validation.ok) return err(skuValidationError(validation.errors));
        const {
          id: _id,
          accountId: _account,
          createdAt: _created,
          status: _status,
          ...fields
        } = toRow(validation.value, {
          id: existing.id,
          accountId: existing.accountId,
          now: clock.now(),
        });
        const row = await updateSku(tx, scope, id, fields);
        return row ? ok(row) : err(appError('not_found', 'SKU not found.'));
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) return err(duplicateSku(patch.sellerSku ?? ''));
      throw error;
    }
  }

  async function archive(actor: Actor, id: string): Promise<Result<SkuRow, AppError>> {
    const scope = scopeOf(actor);
    const now = clock.now();
    const row = await inScope(database.db, scope, async (tx) => {
      const existing = await findSku(tx, scope, id);
      if (!existing || existing.status === 'archived') return existing;
      return updateSku(tx, scope, id, { status: 'archived', archivedAt: now, updatedAt: now });
    });
    return row ? ok(row) : err(appError('not_found', 'SKU not found.'));
  }

  return { list, get, create, update, archive };
}

export type SkuService = ReturnType<typeof createSkuService>;

/**
 * The account a write goes to. A seller writes only to its own account (naming another one
 * answers "not found", so an id reveals nothing); staff must name an active account.
 */
export async function resolveAccount(
  tx: Executor,
  actor: Actor,
  scope: Scope,
  requested: string | undefined,
): Promise<Result<string, AppError>> {
  const accountId = requested ?? actor.accountId ?? undefined;
  if (!accountId) {
    return err(
      appError('validation_failed', 'Choose the seller account.', [
        { path: ['account_id'], code: 'required', message: 'account_id is required for provider staff.' },
      ]),
    );
  }
  const account = await findAccount(tx, scope, accountId);
  if (!account) return err(appError('not_found', 'Account not found.'));
  if (account.status !== 'active') return err(appError('archived', `Account ${account.code} is archived.`));
  return ok(account.id);
}

export function toRow(sku: ValidSku, meta: { id: string; accountId: string; now: Date }): NewSkuRow {
  const has = (flag: SkuFlag) => sku.flags.includes(flag);
  return {
    id: meta.id,
    accountId: meta.accountId,
    sellerSku: sku.sellerSku,
    titleEn: sku.titleEn,
    titleZh: sku.titleZh,
    length: sku.length,
    width: sku.width,
    height: sku.height,
    dimensionUnit: sku.dimensionUnit,
    weight: sku.weight,
    weightUnit: sku.weightUnit,
    hsCode: sku.hsCode,
    declaredValueMinor: sku.declaredValueMinor,
    declaredCurrency: sku.declaredCurrency,
    countryOfOrigin: sku.countryOfOrigin,
    battery: has('battery'),
    liquid: has('liquid'),
    powder: has('powder'),
    magnetic: has('magnetic'),
    fdaRegulated: has('fda_regulated'),
    fragile: has('fragile'),
    upc: sku.upc,
    fnsku: sku.fnsku,
    msku: sku.msku,
    status: 'active',
    createdAt: meta.now,
    updatedAt: meta.now,
  };
}

export function skuFlags(row: SkuRow): SkuFlag[] {
  const flags: SkuFlag[] = [];
  if (row.battery) flags.push('battery');
  if (row.liquid) flags.push('liquid');
  if (row.powder) flags.push('powder');
  if (row.magnetic) flags.push('magnetic');
  if (row.fdaRegulated) flags.push('fda_regulated');
  if (row.fragile) flags.push('fragile');
  return flags;
}

/** The stored SKU as a draft, so a partial update is validated as a whole SKU. */
function toDraft(row: SkuRow): SkuDraft {
  return {
    sellerSku: row.sellerSku,
    titleEn: row.titleEn,
    titleZh: row.titleZh,
    length: row.length,
    width: row.width,
    height: row.height,
    dimensionUnit: row.dimensionUnit,
    weight: row.weight,
    weightUnit: row.weightUnit,
    hsCode: row.hsCode,
    declaredValue: row.declaredValueMinor === null ? null : minorToDecimal(row.declaredValueMinor, row.declaredCurrency),
    declaredCurrency: row.declaredCurrency,
    countryOfOrigin: row.countryOfOrigin,
    flags: skuFlags(row),
    upc: row.upc,
    fnsku: row.fnsku,
    msku: row.msku,
  };
}

function minorToDecimal(minor: bigint, currency: string | null): string {
  return toDecimalString(money(currency && isCurrencyCode(currency) ? currency : 'USD', minor));
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function skuValidationError(errors: { field: keyof SkuDraft; code: string; message: string }[]): AppError {
  const details: ErrorDetail[] = errors.map((e) => ({
    path: [SKU_FIELD_NAMES[e.field]],
    field: SKU_FIELD_NAMES[e.field],
    code: e.code,
    message: e.message,
  }));
  return appError(
    'validation_failed',
    errors.length === 1 ? (errors[0]?.message ?? 'Invalid SKU.') : `${errors.length} fields need fixing.`,
    details,
  );
}

function duplicateSku(sellerSku: string): AppError {
  return appError('already_exists', `SKU ${sellerSku} already exists in this account.`, [
    { path: ['seller_sku'], field: 'seller_sku', code: 'already_exists', message: `SKU ${sellerSku} already exists in this account.` },
  ]);
}
