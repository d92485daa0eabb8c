/**
 * Horizontal scaling: two real server processes on one PostgreSQL. A session made on one is
 * honoured by the other, and a race for the same SKU code is won exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKind, type TestDatabase } from '../helpers/database.js';

const onPostgres = databaseKind() === 'postgres';
let db: TestDatabase;
const servers: { child: ChildProcess; url: string }[] = [];

async function startServer(url: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--no-demo', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: url, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/[^\s]+) /.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  return { child, url: address };
}

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDatabase();
  servers.push(...(await Promise.all([startServer(db.url as string), startServer(db.url as string)])));
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))));
  await db?.drop();
});

describe.skipIf(!onPostgres)('two server processes on one PostgreSQL', () => {
  it('both answer health checks', async () => {
    for (const s of servers) {
      const response = await fetch(`${s.url}/health`);
      expect(await response.json()).toMatchObject({ status: 'ok', database: 'postgres' });
    }
  });

  it('share sessions: log in on one, work on the other, log out on the second', async () => {
    const [one, two] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const login = await fetch(`${one.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@threadline.demo', password: 'demo-seller-2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const me = await fetch(`${two.url}/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { account: { code: string } }).account.code).toBe('THREADLINE');
    expect((await fetch(`${two.url}/v1/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${one.url}/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('let exactly one of two simultaneous creates of the same SKU win', async () => {
    const login = await fetch(`${servers[0]?.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@homely.demo', password: 'demo-seller-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const body = JSON.stringify({
      seller_sku: 'RACE-1',
      title_en: 'Race',
      length: 10,
      width: 10,
      height: 10,
      dimension_unit: 'cm',
      weight: 100,
      weight_unit: 'g',
    });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`${servers[i % 2]?.url}/v1/skus`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body }),
      ),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });
});
