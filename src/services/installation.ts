/** The provider running this installation of Landed (one row). */
import { eq } from 'drizzle-orm';
import { CURRENCY_CODES, isCurrencyCode } from '../domain/money/index.js';
import { type AppError, appError } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import { installation } from '../db/schema.js';
import { inScope } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';

export type InstallationRow = typeof installation.$inferSelect;

export interface InstallationPatch {
  name?: string;
  legalName?: string | null;
  contactEmail?: string | null;
  defaultCurrency?: string;
}

export function createInstallationService(deps: ServiceDeps) {
  const { database, clock } = deps;

  /** Creates the row on a fresh database; returns true when it did. */
  async function ensure(name = 'Landed'): Promise<boolean> {
    const now = clock.now();
    const created = await database.db
      .insert(installation)
      .values({ id: 1, name, defaultCurrency: 'USD', createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: installation.id });
    return created.length > 0;
  }

  async function get(actor: Actor): Promise<InstallationRow> {
    const [row] = await inScope(database.db, scopeOf(actor), (tx) => tx.select().from(installation).where(eq(installation.id, 1)));
    if (!row) throw new Error('The installation row is missing; run `landed migrate` and start the server once.');
    return row;
  }

  async function update(actor: Actor, patch: InstallationPatch): Promise<Result<InstallationRow, AppError>> {
    if (patch.defaultCurrency !== undefined && !isCurrencyCode(patch.defaultCurrency)) {
      return err(
        appError('validation_failed', 'Unknown currency.', [
          { path: ['default_currency'], code: 'unknown_currency', message: `Use a supported currency code: ${CURRENCY_CODES.join(', ')}.` },
        ]),
      );
    }
    const [row] = await inScope(database.db, scopeOf(actor), (tx) =>
      tx
        .update(installation)
        .set({
          ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
          ...(patch.legalName !== undefined ? { legalName: patch.legalName } : {}),
          ...(patch.contactEmail !== undefined ? { contactEmail: patch.contactEmail } : {}),
          ...(patch.defaultCurrency !== undefined ? { defaultCurrency: patch.defaultCurrency } : {}),
          updatedAt: clock.now(),
        })
        .where(eq(installation.id, 1))
        .returning(),
    );
    return row ? ok(row) : err(appError('not_found', 'Installation not found.'));
  }

  return { ensure, get, update };
}

export type InstallationService = ReturnType<typeof createInstallationService>;
