/**
 * `landed` run in-process against its own demo-seeded database (a fresh PostgreSQL database
 * when the suite runs on PostgreSQL, a PGlite data folder otherwise), output captured.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { databaseKind } from './database.js';
import { withDatabase } from './global-setup.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * @example
 * const cli = demoCli('inventory');
 * beforeAll(cli.setUp, 180_000);
 * afterAll(cli.tearDown);
 * const { code, out } = await cli.run(['inventory', 'balances', '--account', 'THREADLINE']);
 */
export function demoCli(name: string) {
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), `landed-cli-${name}-`));
  let env: NodeJS.ProcessEnv = {};
  let database: string | undefined;

  async function run(args: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env };
    const code = await main(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function setUp(): Promise<void> {
    if (databaseKind() === 'postgres') {
      const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      database = `landed_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      env = { DATABASE_URL: withDatabase(inject('postgresAdminUrl'), database) };
    } else env = { LANDED_DATA_DIR: path.join(tmpRoot, 'data') };
    const seeded = await run(['seed', '--demo']);
    if (seeded.code !== 0) throw new Error(`landed seed --demo failed: ${seeded.err}`);
  }

  async function tearDown(): Promise<void> {
    if (database) {
      const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }

  return { run, setUp, tearDown, tmpRoot, env: () => env };
}
