/**
 * The tenancy wall at the database. Every request's work runs in a transaction that first
 * switches to the unprivileged `landed_app` role and records the caller's scope, so the
 * row-level security policies of the migrations apply even if a query forgets its filter.
 * Repositories also filter by account themselves: this is the second wall, not the only one.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './connect.js';

/**
 * Who acts, as the audit log records it (migration 0010): set with the scope in the same
 * statement so every audited row change inside the transaction names its actor.
 */
export interface ScopeActor {
  kind: 'user' | 'api_key' | 'system' | 'anonymous';
  id: string;
  role: string | null;
  accountId: string | null;
}

export type Scope = { kind: 'provider'; actor?: ScopeActor } | { kind: 'seller'; accountId: string; actor?: ScopeActor };

export const PROVIDER_SCOPE: Scope = { kind: 'provider' };

/** @example await inScope(db, { kind: 'seller', accountId }, (tx) => skus.list(tx, scope, q)) */
export async function inScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const accountId = scope.kind === 'seller' ? scope.accountId : '';
    await tx.execute(
      sql`SELECT set_config('role', 'landed_app', true), set_config('landed.scope', ${scope.kind}, true), set_config('landed.account_id', ${accountId}, true), set_config('landed.actor', ${actorSetting(scope.actor)}, true)`,
    );
    return fn(tx);
  });
}

/** The `landed.actor` setting: JSON read by the audit triggers, '' when the scope names nobody. */
export function actorSetting(actor: ScopeActor | undefined): string {
  if (!actor) return '';
  return JSON.stringify({ kind: actor.kind, id: actor.id, role: actor.role, account_id: actor.accountId });
}

/** The account a scope is limited to, or null for provider staff who see every account. */
export function scopeAccount(scope: Scope): string | null {
  return scope.kind === 'seller' ? scope.accountId : null;
}
