/** Seller accounts: the provider's customers. Only provider admins create or change them. */
import { CURRENCY_CODES, isCurrencyCode } from '../domain/money/index.js';
import { type AppError, appError } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/errors.js';
import type { Page } from '../db/pagination.js';
import {
  type AccountFilter,
  type AccountRow,
  findAccount,
  findAccountByCode,
  insertAccount,
  listAccounts,
  updateAccount,
} from '../db/repositories/accounts.js';
import { inScope } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';

export interface AccountInput {
  code: string;
  name: string;
  nameZh?: string | null;
  contactEmail?: string | null;
  defaultCurrency?: string;
}

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;

export function createAccountService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function list(actor: Actor, filter: AccountFilter): Promise<Page<AccountRow>> {
    return inScope(database.db, scopeOf(actor), (tx) => listAccounts(tx, scopeOf(actor), filter));
  }

  async function get(actor: Actor, id: string): Promise<Result<AccountRow, AppError>> {
    const row = await inScope(database.db, scopeOf(actor), (tx) => findAccount(tx, scopeOf(actor), id));
    return row ? ok(row) : err(appError('not_found', 'Account not found.'));
  }

  async function getByCode(actor: Actor, code: string): Promise<Result<AccountRow, AppError>> {
    const row = await inScope(database.db, scopeOf(actor), (tx) => findAccountByCode(tx, scopeOf(actor), code));
    return row ? ok(row) : err(appError('not_found', `No account with code "${code}".`));
  }

  async function create(actor: Actor, input: AccountInput): Promise<Result<AccountRow, AppError>> {
    const code = input.code.trim().toUpperCase();
    if (!CODE_PATTERN.test(code)) {
      return err(
        appError('validation_failed', 'Account code must be 2–32 letters, digits, - or _.', [
          { path: ['code'], code: 'invalid_format', message: 'Use 2–32 letters, digits, - or _ (e.g. SZ-APPAREL).' },
        ]),
      );
    }
    const currency = (input.defaultCurrency ?? 'USD').toUpperCase();
    if (!isCurrencyCode(currency)) {
      return err(
        appError('validation_failed', `Unknown currency ${currency}.`, [
          { path: ['default_currency'], code: 'unknown_currency', message: `Use a supported currency code: ${CURRENCY_CODES.join(', ')}.` },
        ]),
      );
    }
    const now = clock.now();
    try {
      const row = await inScope(database.db, scopeOf(actor), (tx) =>
        insertAccount(tx, {
          id: ids.next(),
          code,
          name: input.name.trim(),
          nameZh: input.nameZh?.trim() || null,
          contactEmail: input.contactEmail?.trim() || null,
          defaultCurrency: currency,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        }),
      );
      return ok(row);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
        return err(
          appError('already_exists', `An account with code ${code} already exists.`, [
            { path: ['code'], code: 'already_exists', message: `Code ${code} is taken.` },
          ]),
        );
      throw error;
    }
  }

  async function update(actor: Actor, id: string, patch: Partial<Omit<AccountInput, 'code'>>): Promise<Result<AccountRow, AppError>> {
    if (patch.defaultCurrency !== undefined && !isCurrencyCode(patch.defaultCurrency.toUpperCase())) {
      return err(
        appError('validation_failed', `Unknown currency ${patch.defaultCurrency}.`, [
          { path: ['default_currency'], code: 'unknown_currency', message: `Use a supported currency code: ${CURRENCY_CODES.join(', ')}.` },
        ]),
      );
    }
    const row = await inScope(database.db, scopeOf(actor), async (tx) => {
      const existing = await findAccount(tx, scopeOf(actor), id);
      if (!existing) return undefined;
      return updateAccount(tx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.nameZh !== undefined ? { nameZh: patch.nameZh?.trim() || null } : {}),
        ...(patch.contactEmail !== undefined ? { contactEmail: patch.contactEmail?.trim() || null } : {}),
        ...(patch.defaultCurrency !== undefined ? { defaultCurrency: patch.defaultCurrency.toUpperCase() } : {}),
        updatedAt: clock.now(),
      });
    });
    return row ? ok(row) : err(appError('not_found', 'Account not found.'));
  }

  async function archive(actor: Actor, id: string): Promise<Result<AccountRow, AppError>> {
    const now = clock.now();
    const row = await inScope(database.db, scopeOf(actor), async (tx) => {
      const existing = await findAccount(tx, scopeOf(actor), id);
      if (!existing) return undefined;
      if (existing.status === 'archived') return existing;
      return updateAccount(tx, id, { status: 'archived', archivedAt: now, updatedAt: now });
    });
    return row ? ok(row) : err(appError('not_found', 'Account not found.'));
  }

  return { list, get, getByCode, create, update, archive };
}

export type AccountService = ReturnType<typeof createAccountService>;
