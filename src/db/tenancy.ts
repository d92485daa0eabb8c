/**
 * The tenancy wall at the database. Every request's work runs in a transaction that first
 * switches to the unprivileged `landed_app` role and records the caller's scope, so the
 * row-level security policies of the migrations apply even if a query forgets its filter.
 * Repositories also filter by account themselves: this is the second wall, not the only one.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './connect.js';

export type Scope = { kind: 'provider' } | { kind: 'seller'; accountId: string };

export const PROVIDER_SCOPE: Scope = { kind: 'provider' };

/** @example await inScope(db, { kind: 'seller', accountId }, (tx) => skus.list(tx, scope, q)) */
export async function inScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const accountId = scope.kind === 'seller' ? scope.accountId : '';
    await tx.execute(
      sql`SELECT set_config('role', 'landed_app', true), set_config('landed.scope', ${scope.kind}, true), set_config('landed.account_id', ${accountId}, true)`,
    );
    return fn(tx);
  });
}

/** The account a scope is limited to, or null for provider staff who see every account. */
export function scopeAccount(scope: Scope): string | null {
  return scope.kind === 'seller' ? scope.accountId : null;
}
