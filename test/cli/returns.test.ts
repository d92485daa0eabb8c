/** `landed returns …` and `landed work-orders …`: the returns bench and the work queue from a terminal. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { databaseKind } from '../helpers/database.js';
import { withDatabase } from '../helpers/global-setup.js';

const onPostgres = databaseKind() === 'postgres';
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'landed-cli-returns-'));
let env: NodeJS.ProcessEnv;
let database: string | undefined;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  if (onPostgres) {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    database = `landed_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    env = { DATABASE_URL: withDatabase(inject('postgresAdminUrl'), database) };
  } else env = { LANDED_DATA_DIR: path.join(tmpRoot, 'data') };
  expect((await run(['seed', '--demo'])).code).toBe(0);
}, 180_000);

afterAll(async () => {
  if (database) {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe('landed returns', () => {
  it('authorises, receives by scan, inspects and reports the clock', async () => {
    const authorised = await run([
      '--json',
      'returns',
      'authorise',
      '--account',
      'THREADLINE',
      '--line',
      'TL-TEE-BLK-M=2',
      '--order',
      'SO-77',
    ]);
    expect(authorised.code, authorised.err).toBe(0);
    const rma = JSON.parse(authorised.out).return as { number: string; status: string; warehouse: string };
    expect(rma).toMatchObject({ status: 'authorised', warehouse: 'US-RET1' });

    const received = await run(['returns', 'receive', rma.number, '--warehouse', 'US-RET1']);
    expect(received.code, received.err).toBe(0);
    expect(received.out).toContain(`Received ${rma.number} (THREADLINE) — received at US-RET1`);

    const refused = await run(['returns', 'inspect', rma.number, '--line', '1:D']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('lines.0.evidence.photos: Destroying returned units needs evidence');

    const inspected = await run(['returns', 'inspect', rma.number, '--line', '1:A::1', '--line', '1:D:destroy:1', '--photo', 'torn.jpg']);
    expect(inspected.code, inspected.err).toBe(0);
    expect(inspected.out).toMatch(/Inspected RMA-\d{4}-\d{6} \(THREADLINE\) — closed/);

    const report = await run(['returns', 'report', '--account', 'THREADLINE']);
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain('THREADLINE');
  });

  it('says plainly when a scan matches nothing', async () => {
    const r = await run(['returns', 'receive', 'NOT-A-PARCEL', '--warehouse', 'US-RET1']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Nothing matches "NOT-A-PARCEL"');
  });
});

describe('landed work-orders', () => {
  it('creates, starts and completes a work order with units and minutes', async () => {
    const created = await run([
      '--json',
      'work-orders',
      'create',
      '--account',
      'HOMELY',
      '--warehouse',
      'US-NJ1',
      '--kind',
      'photos',
      '--quantity',
      '8',
    ]);
    expect(created.code, created.err).toBe(0);
    const number = JSON.parse(created.out).work_order.number as string;
    expect((await run(['work-orders', 'start', number])).out).toContain(`Started ${number}: photos 8`);
    const done = await run(['work-orders', 'complete', number, '--units', '8', '--minutes', '25']);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('(done, 8 done, 25 min)');
    const list = await run(['work-orders', 'list', '--account', 'HOMELY', '--status', 'done']);
    expect(list.out).toContain(number);
  });
});
