/**
 * An in-process API server on a fresh copy of the demo database, with helpers to sign in
 * as any demo user. Requests go through Fastify's inject: the full HTTP stack without a port.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import { createServices, type Services } from '../../src/services/create-services.js';
import { DEMO_LOGINS } from '../../src/services/demo/seed-demo.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  db: TestDatabase;
  /** Signs in through the API and returns the session cookie header. */
  login(email: string, password?: string): Promise<string>;
  /** A session cookie for the demo user with this role (and account code for seller roles). */
  as(role: string, account?: string): Promise<string>;
  accountId(code: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(options: { clock?: Clock } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const services = createServices({ database: db.database, clock: options.clock });
  const app = await buildApp({ services, logger: false });
  const cookies = new Map<string, string>();
  const accountIds = new Map<string, string>();

  async function login(email: string, password?: string): Promise<string> {
    const demo = DEMO_LOGINS.find((l) => l.email === email);
    const response = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: password ?? demo?.password } });
    if (response.statusCode !== 200) throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
    return sessionCookie(response);
  }

  return {
    app,
    services,
    db,
    login,
    async as(role, account) {
      const key = `${role}/${account ?? ''}`;
      const cached = cookies.get(key);
      if (cached) return cached;
      const demo = DEMO_LOGINS.find((l) => l.role === role && (account === undefined || l.account === account));
      if (!demo) throw new Error(`No demo user with role ${role}${account ? ` in ${account}` : ''}`);
      const cookie = await login(demo.email, demo.password);
      cookies.set(key, cookie);
      return cookie;
    },
    async accountId(code) {
      const cached = accountIds.get(code);
      if (cached) return cached;
      const result = await services.accounts.getByCode(SYSTEM_ACTOR, code);
      if (!result.ok) throw new Error(`No account ${code}`);
      accountIds.set(code, result.value.id);
      return result.value.id;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const session = all.find((c) => c.startsWith('landed_session='));
  if (!session) throw new Error('no session cookie in response');
  return session.split(';')[0] as string;
}
