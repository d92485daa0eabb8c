/** `landed inventory …` and `landed allocate`: stock from a terminal on a demo database. */
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
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'landed-cli-inventory-'));
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

describe('landed inventory', () => {
  it('adjusts, shows balances and the ledger, allocates and releases, checks the ledger', async () => {
    const found = await run([
      'inventory',
      'adjust',
      '--account',
      'THREADLINE',
      '--sku',
      'TL-TEE-BLK-M',
      '--warehouse',
      'US-NJ1',
      '--quantity',
      '12',
      '--reason',
      'found',
      '--location',
      'A-02-02',
    ]);
    expect(found.code, found.err).toBe(0);
    expect(found.out).toMatch(/Adjusted TL-TEE-BLK-M by \+12 \(found\)/);
    const balances = await run(['--json', 'inventory', 'balances', '--account', 'THREADLINE', '--sku', 'TL-TEE-BLK-M']);
    const lots = JSON.parse(balances.out).lots as { onHand: number; warehouseCode: string }[];
    expect(lots.some((l) => l.onHand === 12 && l.warehouseCode === 'US-NJ1')).toBe(true);
    const allocated = await run([
      'allocate',
      '--account',
      'THREADLINE',
      '--reference',
      'CLI-1',
      '--line',
      'TL-TEE-BLK-M=2',
      '--zip',
      '10001',
    ]);
    expect(allocated.code, allocated.err).toBe(0);
    expect(allocated.out).toMatch(/CLI-1: allocated/);
    expect((await run(['allocate', '--account', 'THREADLINE', '--reference', 'CLI-1', '--line', 'TL-TEE-BLK-M=2'])).out).toMatch(
      /answered before/,
    );
    expect((await run(['allocate', '--account', 'THREADLINE', '--reference', 'CLI-1', '--release'])).out).toMatch(/CLI-1: released/);
    const ledger = await run(['inventory', 'ledger', '--account', 'THREADLINE', '--sku', 'TL-TEE-BLK-M', '--limit', '3']);
    expect(ledger.out).toMatch(/release/);
    expect(ledger.out).toMatch(/allocate/);
    const check = await run(['inventory', 'check']);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toMatch(/^Consistent: \d+ lots/);
  });

  it('refuses too much with a clear message and exit 1', async () => {
    const lost = await run([
      'inventory',
      'adjust',
      '--account',
      'THREADLINE',
      '--sku',
      'TL-TEE-BLK-M',
      '--warehouse',
      'US-NJ1',
      '--quantity',
      '-100000',
      '--reason',
      'lost',
    ]);
    expect(lost.code).toBe(1);
    expect(lost.err).toMatch(/can be taken/);
    const short = await run(['allocate', '--account', 'THREADLINE', '--reference', 'CLI-2', '--line', 'TL-TEE-BLK-M=99999']);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/Line 1 \(TL-TEE-BLK-M\): 99999 requested/);
  });

  it('takes a snapshot and reports ageing', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const snapshot = await run(['inventory', 'snapshot', '--date', yesterday]);
    expect(snapshot.code, snapshot.err).toBe(0);
    expect(snapshot.out).toMatch(/US-NJ1/);
    const ageing = await run(['--json', 'inventory', 'ageing', '--account', 'THREADLINE', '--days', '60']);
    expect(ageing.code).toBe(0);
    expect(JSON.parse(ageing.out).ageing.bands.length).toBeGreaterThan(0);
  });
});
