/** API keys for sellers' ERPs and the provider's own scripts: shown once, stored hashed, revocable. */
import { type AppError, appError } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import type { Role } from '../domain/shared/roles.js';
import type { Page } from '../db/pagination.js';
import { findAccount } from '../db/repositories/accounts.js';
import { type ApiKeyFilter, type ApiKeyRow, findApiKey, insertApiKey, listApiKeys, updateApiKey } from '../db/repositories/api-keys.js';
import { inScope } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';
import { newApiKeySecret } from './secrets.js';
import { checkRole } from './users.js';

export interface ApiKeyInput {
  name: string;
  role: Role;
  accountId?: string | null;
  expiresAt?: Date | null;
}

export function createApiKeyService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function list(actor: Actor, filter: ApiKeyFilter): Promise<Page<ApiKeyRow>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, (tx) => listApiKeys(tx, scope, filter));
  }

  async function get(actor: Actor, id: string): Promise<Result<ApiKeyRow, AppError>> {
    const scope = scopeOf(actor);
    const row = await inScope(database.db, scope, (tx) => findApiKey(tx, scope, id));
    return row ? ok(row) : err(appError('not_found', 'API key not found.'));
  }

  /** Returns the key row and its secret; the secret is never stored and never shown again. */
  async function create(actor: Actor, input: ApiKeyInput): Promise<Result<{ key: ApiKeyRow; secret: string }, AppError>> {
    if (actor.accountId && input.accountId && input.accountId !== actor.accountId) {
      return err(appError('not_found', 'Account not found.'));
    }
    const accountId = actor.accountId ?? input.accountId ?? null;
    const problem = checkRole(actor, input.role, accountId);
    if (problem) return err(problem);
    const now = clock.now();
    if (input.expiresAt && input.expiresAt <= now) {
      return err(
        appError('validation_failed', 'Expiry must be in the future.', [
          { path: ['expires_at'], code: 'in_past', message: 'Choose a future date.' },
        ]),
      );
    }
    const scope = scopeOf(actor);
    const { token, prefix, secretHash } = newApiKeySecret();
    return inScope(database.db, scope, async (tx) => {
      if (accountId && !(await findAccount(tx, scope, accountId))) return err(appError('not_found', 'Account not found.'));
      const key = await insertApiKey(tx, {
        id: ids.next(),
        accountId,
        name: input.name.trim(),
        role: input.role,
        prefix,
        secretHash,
        createdBy: actor.userId,
        createdAt: now,
        expiresAt: input.expiresAt ?? null,
      });
      return ok({ key, secret: token });
    });
  }

  async function revoke(actor: Actor, id: string): Promise<Result<ApiKeyRow, AppError>> {
    const scope = scopeOf(actor);
    const row = await inScope(database.db, scope, async (tx) => {
      const existing = await findApiKey(tx, scope, id);
      if (!existing || existing.revokedAt) return existing;
      return updateApiKey(tx, scope, id, { revokedAt: clock.now() });
    });
    return row ? ok(row) : err(appError('not_found', 'API key not found.'));
  }

  return { list, get, create, revoke };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
