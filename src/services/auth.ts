/**
 * Who is calling: portal users by password and session cookie, programs by API key.
 * Sessions live in the database, not in process memory, so any server process behind a
 * load balancer accepts any session.
 */
import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { type AppError, appError } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import { isRole } from '../domain/shared/roles.js';
import { findApiKeyByPrefix } from '../db/repositories/api-keys.js';
import { findUserByEmail, type UserRow } from '../db/repositories/users.js';
import { accounts, apiKeys, loginFailures, sessions, users } from '../db/schema.js';
import { recordAudit } from '../db/repositories/audit-log.js';
import { actorSetting } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeActor } from './context.js';
import {
  decoyPasswordHash,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  parseApiKey,
  randomToken,
  sameHash,
  sha256Hex,
  verifyPassword,
} from './secrets.js';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** After this many failed sign-ins for one email within the window, sign-in pauses. */
export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserRow;
}

export function createAuthService(deps: ServiceDeps) {
  const { database, clock } = deps;
  const db = database.db;

  async function login(email: string, password: string): Promise<Result<LoginResult, AppError>> {
    const key = email.trim().toLowerCase();
    const since = new Date(clock.now().getTime() - LOGIN_FAILURE_WINDOW_MS);
    const [failures] = await db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.email, key), gt(loginFailures.failedAt, since)));
    if ((failures?.n ?? 0) >= MAX_LOGIN_FAILURES) {
      return err(
        appError('rate_limited', `Too many failed sign-ins for this email; try again in ${LOGIN_FAILURE_WINDOW_MS / 60_000} minutes.`),
      );
    }
    const user = await findUserByEmail(db, email);
    const hash = user?.passwordHash ?? (await decoyPasswordHash());
    const valid = await verifyPassword(hash, password);
    if (!user || !valid || user.status !== 'active') {
      await db.transaction(async (tx) => {
        await tx.insert(loginFailures).values({ email: key, failedAt: clock.now() });
        await recordAudit(tx, {
          entityType: 'session',
          entityId: user?.id ?? null,
          action: 'login_failed',
          accountId: user?.accountId ?? null,
          after: { email: key, reason: !user ? 'unknown_email' : user.status !== 'active' ? 'user_archived' : 'wrong_password' },
          actor: { kind: 'anonymous', id: key, role: null, accountId: null },
          at: clock.now(),
        });
      });
      return err(appError('invalid_credentials', 'Email or password is incorrect.'));
    }
    if (user.accountId) {
      const [account] = await db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, user.accountId));
      if (account?.status !== 'active') return err(appError('invalid_credentials', 'This account is archived.'));
    }
    const now = clock.now();
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db.transaction(async (tx) => {
      await tx.delete(loginFailures).where(eq(loginFailures.email, key));
      await tx.insert(sessions).values({ tokenHash: sha256Hex(token), userId: user.id, createdAt: now, expiresAt });
      await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
      await recordAudit(tx, {
        entityType: 'session',
        entityId: user.id,
        action: 'login',
        accountId: user.accountId,
        after: { email: user.email, expires_at: expiresAt.toISOString() },
        actor: { kind: 'user', id: user.id, role: user.role, accountId: user.accountId },
        at: now,
      });
    });
    return ok({ token, expiresAt, user: { ...user, lastLoginAt: now } });
  }

  async function logout(token: string): Promise<void> {
    await db
      .update(sessions)
      .set({ revokedAt: clock.now() })
      .where(eq(sessions.tokenHash, sha256Hex(token)));
  }

  /** The actor behind a session cookie, or null when it is unknown, expired, revoked or archived. */
  async function fromSession(token: string): Promise<Actor | null> {
    const now = clock.now();
    const [row] = await db
      .select({ user: users, accountStatus: accounts.status })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(accounts, eq(accounts.id, users.accountId))
      .where(and(eq(sessions.tokenHash, sha256Hex(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
    if (row?.user.status !== 'active' || !isRole(row.user.role)) return null;
    if (row.user.accountId && row.accountStatus !== 'active') return null;
    return { kind: 'user', id: row.user.id, role: row.user.role, accountId: row.user.accountId, userId: row.user.id };
  }

  /** The actor behind `Authorization: Bearer lk_…`, or null. */
  async function fromApiKey(token: string): Promise<Actor | null> {
    const parsed = parseApiKey(token);
    if (!parsed) return null;
    const key = await findApiKeyByPrefix(db, parsed.prefix);
    if (!key || key.revokedAt || !sameHash(key.secretHash, sha256Hex(parsed.secret)) || !isRole(key.role)) return null;
    const now = clock.now();
    if (key.expiresAt && key.expiresAt <= now) return null;
    if (key.accountId) {
      const [account] = await db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, key.accountId));
      if (account?.status !== 'active') return null;
    }
    // Record use at most once a minute: a busy integration must not write on every call.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, key.id),
          sql`(${apiKeys.lastUsedAt} IS NULL OR ${apiKeys.lastUsedAt} < ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz)`,
        ),
      );
    return { kind: 'api_key', id: key.id, role: key.role, accountId: key.accountId, userId: key.createdBy };
  }

  /**
   * Changing one's own password needs the current one, and signs out every other session
   * (a stolen session must not survive the owner's password change).
   */
  async function changeOwnPassword(
    actor: Actor,
    currentPassword: string | undefined,
    newPassword: string,
    keepSessionToken: string | undefined,
  ): Promise<Result<void, AppError>> {
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      return err(
        appError('validation_failed', `Password must have at least ${MIN_PASSWORD_LENGTH} characters.`, [
          { path: ['password'], code: 'too_short', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` },
        ]),
      );
    }
    const [user] = await db.select().from(users).where(eq(users.id, actor.id));
    if (!user || !currentPassword || !(await verifyPassword(user.passwordHash, currentPassword))) {
      return err(
        appError('validation_failed', 'Enter your current password to set a new one.', [
          { path: ['current_password'], code: 'invalid_current_password', message: 'The current password is not correct.' },
        ]),
      );
    }
    const passwordHash = await hashPassword(newPassword);
    const now = clock.now();
    const keep = keepSessionToken ? sha256Hex(keepSessionToken) : '';
    await db.transaction(async (tx) => {
      // Outside a request scope: name the actor so the audit trigger records who changed it.
      await tx.execute(sql`SELECT set_config('landed.actor', ${actorSetting(scopeActor(actor))}, true)`);
      await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, user.id));
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), ne(sessions.tokenHash, keep)));
    });
    return ok(undefined);
  }

  return { login, logout, fromSession, fromApiKey, changeOwnPassword };
}

export type AuthService = ReturnType<typeof createAuthService>;
