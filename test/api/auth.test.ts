/**
 * Signing in, sessions, API keys and the people who hold them: what keeps one seller's
 * staff and programs inside their own account, and what ends their access.
 * The server runs on a clock this file can move forward (key expiry, session expiry).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/shared/clock.js';
import { createTestApp, sessionCookie, type TestApp } from '../helpers/app.js';

/** Real time plus an offset the tests can advance. */
const clock: Clock & { offsetMs: number } = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

let t: TestApp;
let threadline: string;
let homely: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  [threadline, homely] = await Promise.all([t.accountId('THREADLINE'), t.accountId('HOMELY')]);
});
afterAll(async () => t?.close());

const DAY = 24 * 60 * 60 * 1000;

function setCookies(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie'];
  return Array.isArray(header) ? header : header ? [header] : [];
}

const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie } });
const bearer = (secret: string, url = '/v1/skus?limit=1') =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secret}` } });

async function createKey(cookie: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: { cookie }, payload: body });
}

async function createUser(cookie: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/v1/users', headers: { cookie }, payload: body });
}

/** One number from SQL run on the test database directly (as its owner: no tenancy filter). */
async function countOf(query: SQL): Promise<number> {
  const result = (await t.db.database.db.execute(query)) as unknown as { rows: { n: number | string }[] };
  return Number(result.rows[0]?.n);
}

async function skuCount(accountId: string): Promise<number> {
  return countOf(sql`SELECT count(*)::int AS n FROM skus WHERE account_id = ${accountId}`);
}

describe('signing in', () => {
  it('answers a wrong password and an unknown email alike: 401 invalid_credentials, same message, no cookie', async () => {
    const wrongPassword = await login('owner@threadline.demo', 'not-the-password');
    const unknownEmail = await login('nobody@threadline.demo', 'demo-seller-2026');
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('invalid_credentials');
      expect(setCookies(response).some((c) => c.startsWith('landed_session='))).toBe(false);
    }
    expect(wrongPassword.json().error.message).toBe(unknownEmail.json().error.message);
  });

  it('answers an empty or missing password with 400, not a sign-in', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'owner@threadline.demo' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie for the whole site, and returns the user without secrets', async () => {
    const response = await login('  Owner@Threadline.DEMO ', 'demo-seller-2026');
    expect(response.statusCode).toBe(200);
    const cookie = setCookies(response).find((c) => c.startsWith('landed_session='));
    expect(cookie).toBeDefined();
    const attributes = (cookie as string).split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    const expires = attributes.find((a) => a.startsWith('expires='));
    expect(expires).toBeDefined();
    const days = (Date.parse((expires as string).slice('expires='.length)) - clock.now().getTime()) / DAY;
    expect(days).toBeGreaterThan(13);
    expect(days).toBeLessThanOrEqual(14);
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'owner@threadline.demo', role: 'seller_admin', account_id: threadline, status: 'active' });
    expect(JSON.stringify(body)).not.toMatch(/password|argon/i);
    expect((await me(sessionCookie(response))).statusCode).toBe(200);
  });
});

describe('the signed-in user', () => {
  it('shows a seller user its user, account and permissions (skus:write, not users:write)', async () => {
    const response = await me(await t.as('seller_user', 'THREADLINE'));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'staff@threadline.demo', role: 'seller_user', account_id: threadline });
    expect(body.account).toMatchObject({ id: threadline, code: 'THREADLINE' });
    expect(body.permissions).toEqual(expect.arrayContaining(['skus:read', 'skus:write', 'warehouses:read']));
    expect(body.permissions).not.toContain('users:write');
    expect(body.permissions).not.toContain('api_keys:write');
    expect(body.permissions).not.toContain('accounts:write');
  });

  it('shows provider staff no account and their own permissions', async () => {
    const admin = (await me(await t.as('admin'))).json();
    expect(admin.account).toBeNull();
    expect(admin.permissions).toEqual(expect.arrayContaining(['accounts:write', 'users:write', 'warehouses:write', 'installation:write']));
    const finance = (await me(await t.as('finance'))).json();
    expect(finance.permissions).toContain('skus:read');
    expect(finance.permissions).not.toContain('skus:write');
  });

  it('answers 401 without a session and for a forged cookie', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
    for (const forged of ['landed_session=forged', `landed_session=${'A'.repeat(43)}`, 'landed_session=']) {
      const response = await me(forged);
      expect(response.statusCode, forged).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('remembers a language change: a fresh sign-in shows locale en', async () => {
    const cookie = await t.as('seller_user', 'THREADLINE');
    expect((await me(cookie)).json().user.locale).toBe('zh-CN');
    const patched = await t.app.inject({ method: 'PATCH', url: '/v1/auth/me', headers: { cookie }, payload: { locale: 'en' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().user.locale).toBe('en');
    const fresh = await login('staff@threadline.demo', 'demo-staff-2026');
    expect(fresh.json().user.locale).toBe('en');
    expect((await me(sessionCookie(fresh))).json().user.locale).toBe('en');
  });

  it('does not let a user raise their own role through PATCH /v1/auth/me', async () => {
    const cookie = await t.as('seller_user', 'THREADLINE');
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/v1/auth/me',
      headers: { cookie },
      payload: { role: 'admin', name: 'Zhang Min 张敏' },
    });
    expect([200, 400]).toContain(response.statusCode);
    expect((await me(cookie)).json().user.role).toBe('seller_user');
  });

  it('refuses a new password shorter than 10 characters at ["password"]', async () => {
    const cookie = await t.as('seller_user', 'THREADLINE');
    const response = await t.app.inject({ method: 'PATCH', url: '/v1/auth/me', headers: { cookie }, payload: { password: 'short' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([expect.objectContaining({ path: ['password'] })]);
  });

  it('changes a password only with the current one, and signs out the other sessions', async () => {
    const email = 'finance@demo.landed.dev';
    const here = await t.login(email, 'demo-finance-2026');
    const elsewhere = await t.login(email, 'demo-finance-2026');
    const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: '/v1/auth/me', headers: { cookie: here }, payload });
    const without = await patch({ password: 'a-new-long-password' });
    expect(without.statusCode).toBe(400);
    expect(without.json().error.details).toEqual([expect.objectContaining({ path: ['current_password'] })]);
    const wrong = await patch({ password: 'a-new-long-password', current_password: 'not-it-at-all' });
    expect(wrong.statusCode).toBe(400);
    const changed = await patch({ password: 'a-new-long-password', current_password: 'demo-finance-2026' });
    expect(changed.statusCode).toBe(200);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    const oldLogin = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: 'demo-finance-2026' } });
    expect(oldLogin.statusCode).toBe(401);
    await t.login(email, 'a-new-long-password');
  });

  it('ends the session on sign-out: the old cookie is refused afterwards', async () => {
    const cookie = await t.login('owner@homely.demo');
    expect((await me(cookie)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(setCookies(out).some((c) => c.startsWith('landed_session=;'))).toBe(true);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/v1/skus?limit=1', headers: { cookie } })).statusCode).toBe(401);
    // Other sessions of the same user are untouched.
    expect((await me(await t.as('seller_admin', 'HOMELY'))).statusCode).toBe(200);
  });
});

describe('API keys', () => {
  let sellerCookie: string;
  let keyId: string;
  let secret: string;

  beforeAll(async () => {
    sellerCookie = await t.as('seller_admin', 'THREADLINE');
  });

  it('creates a key (201) whose secret starts with lk_ and is shown only once', async () => {
    const response = await createKey(sellerCookie, { name: '店小秘 ERP', role: 'seller_user' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.api_key).toMatchObject({
      name: '店小秘 ERP',
      role: 'seller_user',
      account_id: threadline,
      revoked_at: null,
      expires_at: null,
      last_used_at: null,
    });
    expect(body.secret).toMatch(/^lk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(body.secret.startsWith(`${body.api_key.prefix}_`)).toBe(true);
    keyId = body.api_key.id;
    secret = body.secret;

    const read = await t.app.inject({ method: 'GET', url: `/v1/api-keys/${keyId}`, headers: { cookie: sellerCookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('secret');
    const secretPart = secret.split('_').slice(2).join('_');
    expect(read.body).not.toContain(secretPart);
    const list = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: { cookie: sellerCookie } });
    expect(list.json().data.map((k: { id: string }) => k.id)).toContain(keyId);
    expect(list.body).not.toContain(secretPart);
  });

  it('authenticates as Bearer and sees only its own account’s SKUs', async () => {
    const all: { account_id: string }[] = [];
    let cursor: string | null = null;
    do {
      const response = await bearer(secret, `/v1/skus?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      all.push(...response.json().data);
      cursor = response.json().next_cursor;
    } while (cursor);
    expect(all.length).toBe(await skuCount(threadline));
    expect(all.every((s) => s.account_id === threadline)).toBe(true);

    const other = await bearer(secret, `/v1/skus?account_id=${homely}`);
    expect(other.statusCode === 404 || other.json().data.length === 0).toBe(true);

    const read = await t.app.inject({ method: 'GET', url: `/v1/api-keys/${keyId}`, headers: { cookie: sellerCookie } });
    expect(read.json().last_used_at).not.toBeNull();
  });

  it('acts with its role: a seller_user key may write SKUs but not create users', async () => {
    const sku = await t.app.inject({
      method: 'POST',
      url: '/v1/skus',
      headers: { authorization: `Bearer ${secret}` },
      payload: {
        seller_sku: 'KEY-SKU-1',
        title_en: 'Made by a key',
        length: '1',
        width: '1',
        height: '1',
        dimension_unit: 'cm',
        weight: '1',
        weight_unit: 'g',
      },
    });
    expect(sku.statusCode).toBe(201);
    expect(sku.json().account_id).toBe(threadline);

    const user = await t.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { authorization: `Bearer ${secret}` },
      payload: { email: 'bykey@threadline.demo', name: 'By Key', role: 'seller_user', password: 'a-long-password-1' },
    });
    expect(user.statusCode).toBe(403);
    expect(user.json().error.code).toBe('forbidden');
  });

  it('refuses malformed or wrong bearer tokens with 401', async () => {
    const wrongSecret = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const authorization of [
      'Bearer nonsense',
      'Bearer lk_000000000000_short',
      `Bearer ${wrongSecret}`,
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Token ${secret}`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url: '/v1/skus?limit=1', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('stops working the moment it is revoked', async () => {
    expect((await bearer(secret)).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'POST', url: `/v1/api-keys/${keyId}/revoke`, headers: { cookie: sellerCookie } });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revoked_at).not.toBeNull();
    expect((await bearer(secret)).statusCode).toBe(401);
  });

  it('refuses an expiry in the past (400 at expires_at) and stops a key once its expiry passes', async () => {
    const past = await createKey(sellerCookie, {
      name: 'expired',
      role: 'seller_user',
      expires_at: new Date(clock.now().getTime() - 60_000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual([expect.objectContaining({ path: ['expires_at'] })]);

    const soon = await createKey(sellerCookie, {
      name: 'one hour',
      role: 'seller_user',
      expires_at: new Date(clock.now().getTime() + 60 * 60_000).toISOString(),
    });
    expect(soon.statusCode).toBe(201);
    const soonSecret = soon.json().secret as string;
    expect((await bearer(soonSecret)).statusCode).toBe(200);
    clock.offsetMs += 2 * 60 * 60_000;
    expect((await bearer(soonSecret)).statusCode).toBe(401);
    // Sessions (14 days) are unaffected by two hours.
    expect((await me(sellerCookie)).statusCode).toBe(200);
  });

  it('does not let a seller admin create a provider key or a key for another account', async () => {
    const admin = await createKey(sellerCookie, { name: 'too much', role: 'admin' });
    expect(admin.statusCode).toBe(403);
    const other = await createKey(sellerCookie, { name: 'elsewhere', role: 'seller_user', account_id: homely });
    expect(other.statusCode).toBe(404);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM api_keys WHERE name IN ('too much', 'elsewhere')`)).toBe(0);
  });

  it('lets a seller_user see no API keys at all (403)', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/api-keys',
      headers: { cookie: await t.as('seller_user', 'THREADLINE') },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('users', () => {
  it('archiving a user ends their sessions at once and stops them signing in', async () => {
    const owner = await t.as('seller_admin', 'THREADLINE');
    const created = await createUser(owner, {
      email: 'Packer.One@Threadline.demo',
      name: 'Packer One',
      role: 'seller_user',
      password: 'packer-one-password',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'packer.one@threadline.demo',
      account_id: threadline,
      role: 'seller_user',
      locale: 'zh-CN',
    });
    const cookie = await t.login('packer.one@threadline.demo', 'packer-one-password');
    expect((await me(cookie)).statusCode).toBe(200);

    const archived = await t.app.inject({ method: 'POST', url: `/v1/users/${created.json().id}/archive`, headers: { cookie: owner } });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
    expect((await me(cookie)).statusCode).toBe(401);
    const again = await login('packer.one@threadline.demo', 'packer-one-password');
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');
  });

  it('does not let a seller admin create an admin (403) or a user in another account (404)', async () => {
    const owner = await t.as('seller_admin', 'THREADLINE');
    const admin = await createUser(owner, {
      email: 'sneaky.admin@threadline.demo',
      name: 'Sneaky',
      role: 'admin',
      password: 'sneaky-password-1',
    });
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('forbidden');
    const operator = await createUser(owner, {
      email: 'sneaky.ops@threadline.demo',
      name: 'Sneaky',
      role: 'operator',
      password: 'sneaky-password-1',
    });
    expect(operator.statusCode).toBe(403);
    const elsewhere = await createUser(owner, {
      email: 'sneaky.homely@threadline.demo',
      name: 'Sneaky',
      role: 'seller_user',
      account_id: homely,
      password: 'sneaky-password-1',
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM users WHERE email LIKE 'sneaky%'`)).toBe(0);
  });

  it('does not let a seller admin promote a user to a provider role', async () => {
    const owner = await t.as('seller_admin', 'THREADLINE');
    const staff = (await me(await t.as('seller_user', 'THREADLINE'))).json().user.id as string;
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/v1/users/${staff}`,
      headers: { cookie: owner },
      payload: { role: 'admin' },
    });
    expect(response.statusCode).toBe(403);
    expect((await me(await t.as('seller_user', 'THREADLINE'))).json().user.role).toBe('seller_user');
  });

  it('refuses a password shorter than 10 characters at ["password"]', async () => {
    const response = await createUser(await t.as('seller_admin', 'THREADLINE'), {
      email: 'short.pw@threadline.demo',
      name: 'Short',
      role: 'seller_user',
      password: '123456789',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: ['password'] })] });
  });

  it('answers a duplicate email in any letter case with 409', async () => {
    const response = await createUser(await t.as('seller_admin', 'THREADLINE'), {
      email: 'STAFF@threadline.DEMO',
      name: 'Twin',
      role: 'seller_user',
      password: 'twin-password-1',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'already_exists', details: [expect.objectContaining({ path: ['email'] })] });
  });

  it('does not let a seller admin archive themselves or see another account’s users', async () => {
    const owner = await t.as('seller_admin', 'THREADLINE');
    const self = (await me(owner)).json().user.id as string;
    const archiveSelf = await t.app.inject({ method: 'POST', url: `/v1/users/${self}/archive`, headers: { cookie: owner } });
    expect(archiveSelf.statusCode).toBe(403);
    const homelyOwner = (await me(await t.as('seller_admin', 'HOMELY'))).json().user.id as string;
    const read = await t.app.inject({ method: 'GET', url: `/v1/users/${homelyOwner}`, headers: { cookie: owner } });
    expect(read.statusCode).toBe(404);
    const archiveOther = await t.app.inject({ method: 'POST', url: `/v1/users/${homelyOwner}/archive`, headers: { cookie: owner } });
    expect(archiveOther.statusCode).toBe(404);
    expect((await me(await t.as('seller_admin', 'HOMELY'))).statusCode).toBe(200);
  });
});

describe('archiving an account', () => {
  it('stops its users’ sessions, its API keys and new sign-ins; its SKUs cannot be added to', async () => {
    const admin = await t.as('admin');
    const account = await t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: { cookie: admin },
      payload: { code: 'closing-down', name: 'Closing Down Trading Co.' },
    });
    expect(account.statusCode).toBe(201);
    const accountId = account.json().id as string;
    const user = await createUser(admin, {
      email: 'boss@closing.demo',
      name: 'Boss',
      role: 'seller_admin',
      account_id: accountId,
      password: 'closing-down-2026',
    });
    expect(user.statusCode).toBe(201);
    const cookie = await t.login('boss@closing.demo', 'closing-down-2026');
    const key = await createKey(cookie, { name: 'their ERP', role: 'seller_user' });
    expect(key.statusCode).toBe(201);
    const keySecret = key.json().secret as string;
    const adminKey = await createKey(admin, { name: 'provider-made key', role: 'seller_admin', account_id: accountId });
    expect(adminKey.statusCode).toBe(201);
    for (const auth of [{ cookie }, { authorization: `Bearer ${keySecret}` }, { authorization: `Bearer ${adminKey.json().secret}` }]) {
      expect((await t.app.inject({ method: 'GET', url: '/v1/skus?limit=1', headers: auth })).statusCode).toBe(200);
    }

    const archived = await t.app.inject({ method: 'POST', url: `/v1/accounts/${accountId}/archive`, headers: { cookie: admin } });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');

    for (const auth of [{ cookie }, { authorization: `Bearer ${keySecret}` }, { authorization: `Bearer ${adminKey.json().secret}` }]) {
      expect((await t.app.inject({ method: 'GET', url: '/v1/skus?limit=1', headers: auth })).statusCode).toBe(401);
    }
    const signIn = await login('boss@closing.demo', 'closing-down-2026');
    expect(signIn.statusCode).toBe(401);
    expect(signIn.json().error.code).toBe('invalid_credentials');

    const sku = await t.app.inject({
      method: 'POST',
      url: '/v1/skus',
      headers: { cookie: admin },
      payload: {
        account_id: accountId,
        seller_sku: 'LATE-1',
        title_en: 'Too late',
        length: '1',
        width: '1',
        height: '1',
        dimension_unit: 'cm',
        weight: '1',
        weight_unit: 'g',
      },
    });
    expect(sku.statusCode).toBe(409);
    expect(sku.json().error.code).toBe('archived');
  });
});

describe('session lifetime', () => {
  // Runs last: it moves the clock past every session of this file.
  it('expires a session after 14 days', async () => {
    const cookie = await t.as('seller_admin', 'VOLTBEE');
    expect((await me(cookie)).statusCode).toBe(200);
    clock.offsetMs += 13 * DAY;
    expect((await me(cookie)).statusCode).toBe(200);
    clock.offsetMs += 2 * DAY;
    expect((await me(cookie)).statusCode).toBe(401);
  });
});
