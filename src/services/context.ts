/**
 * What every use case receives: who is acting, and the tools (database, clock, ids, log)
 * wired once at start-up. No container, no globals: createServices passes these along.
 */
import type { Logger } from 'pino';
import type { Database } from '../db/connect.js';
import type { Scope, ScopeActor } from '../db/tenancy.js';
import type { Clock } from '../domain/shared/clock.js';
import type { IdGenerator } from '../domain/shared/ids.js';
import type { Role } from '../domain/shared/roles.js';

export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  /** The user's id, or the API key's id. */
  id: string;
  role: Role;
  /** The seller account the actor belongs to; null for provider staff. */
  accountId: string | null;
  /** The user behind the action (for an API key: its creator), for audit trails. */
  userId: string | null;
}

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
}

/** Provider staff see every account; everyone else only their own. The scope names the actor for the audit log. */
export function scopeOf(actor: Actor): Scope {
  const who = scopeActor(actor);
  return actor.accountId ? { kind: 'seller', accountId: actor.accountId, actor: who } : { kind: 'provider', actor: who };
}

/** Provider scope (staff-only work such as counts and adjustments) that still names its actor for the audit log. */
export function staffScope(actor: Actor): Scope {
  return { kind: 'provider', actor: scopeActor(actor) };
}

export function scopeActor(actor: Actor): ScopeActor {
  return { kind: actor.kind, id: actor.id, role: actor.role, accountId: actor.accountId };
}

/** The CLI and the demo seed act as the installation itself. */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', role: 'admin', accountId: null, userId: null };
