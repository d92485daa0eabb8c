/**
 * Users of the portal. Provider admins manage everyone; a seller admin manages the users of
 * its own account and can never hand out a role beyond its own reach.
 */
import { type AppError, appError } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import { grantableRoles, type Role, roleAccountRule } from '../domain/shared/roles.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/errors.js';
import type { Page } from '../db/pagination.js';
import { findAccount } from '../db/repositories/accounts.js';
import { findUser, insertUser, listUsers, type UserFilter, type UserRow, updateUser } from '../db/repositories/users.js';
import { inScope } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './secrets.js';

export type Locale = 'zh-CN' | 'en';

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  accountId?: string | null;
  password: string;
  locale?: Locale;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  locale?: Locale;
  password?: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createUserService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function list(actor: Actor, filter: UserFilter): Promise<Page<UserRow>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, (tx) => listUsers(tx, scope, filter));
  }

  async function get(actor: Actor, id: string): Promise<Result<UserRow, AppError>> {
    const scope = scopeOf(actor);
    const row = await inScope(database.db, scope, (tx) => findUser(tx, scope, id));
    return row ? ok(row) : err(appError('not_found', 'User not found.'));
  }

  async function create(actor: Actor, input: UserInput): Promise<Result<UserRow, AppError>> {
    const accountId = actor.accountId ?? input.accountId ?? null;
    if (actor.accountId && input.accountId && input.accountId !== actor.accountId) {
      return err(appError('not_found', 'Account not found.'));
    }
    const problem = checkRole(actor, input.role, accountId) ?? checkPassword(input.password);
    if (problem) return err(problem);
    const email = input.email.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(email)) {
      return err(
        appError('validation_failed', 'Email address is not valid.', [
          { path: ['email'], code: 'invalid_email', message: 'Enter an email address like name@example.com.' },
        ]),
      );
    }
    const passwordHash = await hashPassword(input.password);
    const scope = scopeOf(actor);
    const now = clock.now();
    try {
      return await inScope(database.db, scope, async (tx) => {
        if (accountId && !(await findAccount(tx, scope, accountId))) return err(appError('not_found', 'Account not found.'));
        const row = await insertUser(tx, {
          id: ids.next(),
          accountId,
          email,
          name: input.name.trim(),
          role: input.role,
          locale: input.locale ?? 'zh-CN',
          passwordHash,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        });
        return ok(row);
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
        return err(
          appError('already_exists', `A user with email ${email} already exists.`, [
            { path: ['email'], code: 'already_exists', message: 'This email is already registered.' },
          ]),
        );
      throw error;
    }
  }

  async function update(actor: Actor, id: string, patch: UserPatch): Promise<Result<UserRow, AppError>> {
    if (patch.password !== undefined) {
      const problem = checkPassword(patch.password);
      if (problem) return err(problem);
    }
    const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const existing = await findUser(tx, scope, id);
      if (!existing) return err(appError('not_found', 'User not found.'));
      if (patch.role !== undefined && patch.role !== existing.role) {
        const problem = checkRole(actor, patch.role, existing.accountId);
        if (problem) return err(problem);
      }
      const row = await updateUser(tx, scope, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
        updatedAt: clock.now(),
      });
      return row ? ok(row) : err(appError('not_found', 'User not found.'));
    });
  }

  async function archive(actor: Actor, id: string): Promise<Result<UserRow, AppError>> {
    if (actor.userId === id) return err(appError('forbidden', 'You cannot archive yourself.'));
    const scope = scopeOf(actor);
    const now = clock.now();
    const row = await inScope(database.db, scope, async (tx) => {
      const existing = await findUser(tx, scope, id);
      if (!existing || existing.status === 'archived') return existing;
      return updateUser(tx, scope, id, { status: 'archived', archivedAt: now, updatedAt: now });
    });
    return row ? ok(row) : err(appError('not_found', 'User not found.'));
  }

  return { list, get, create, update, archive };
}

export type UserService = ReturnType<typeof createUserService>;

/** Shared with API keys: the same reach rules apply to people and programs. */
export function checkRole(actor: Actor, role: Role, accountId: string | null): AppError | null {
  if (!grantableRoles(actor.role, actor.accountId).includes(role)) {
    return appError('forbidden', `Your role (${actor.role}) cannot grant the role ${role}.`);
  }
  const rule = roleAccountRule(role, accountId);
  if (rule === 'needs_account')
    return appError('validation_failed', `Role ${role} belongs to a seller account.`, [
      { path: ['account_id'], code: 'required', message: 'Choose the seller account.' },
    ]);
  if (rule === 'no_account')
    return appError('validation_failed', `Role ${role} is for provider staff and has no account.`, [
      { path: ['account_id'], code: 'not_allowed', message: 'Leave the account empty for provider roles.' },
    ]);
  return null;
}

function checkPassword(password: string): AppError | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return appError('validation_failed', `Password must have at least ${MIN_PASSWORD_LENGTH} characters.`, [
      { path: ['password'], code: 'too_short', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` },
    ]);
  }
  return null;
}
