/**
 * The `landed` command as a user meets it: main() run in-process with captured output against
 * a fresh, empty database (a PGlite folder, or with DATABASE_URL a new PostgreSQL database),
 * plus one real child process to prove the entry point and its exit codes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listMigrations } from '../../src/db/migrate.js';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { createServices } from '../../src/services/create-services.js';
import { DEMO_LOGINS } from '../../src/services/demo/seed-demo.js';
import { databaseKind } from '../helpers/database.js';
import { withDatabase } from '../helpers/global-setup.js';

const onPostgres = databaseKind() === 'postgres';
const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Environment a user would have: only the database setting, never this process's DATABASE_URL. */
let env: NodeJS.ProcessEnv;
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'landed-cli-'));
const createdDatabases: string[] = [];

async function run(args: string[], extraEnv: NodeJS.ProcessEnv = env): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env: extraEnv };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A brand-new, empty database: a PGlite folder, or an empty PostgreSQL database. */
async function emptyDatabaseEnv(label: string): Promise<NodeJS.ProcessEnv> {
  if (!onPostgres) return { LANDED_DATA_DIR: path.join(tmpRoot, label) };
  const adminUrl = inject('postgresAdminUrl');
  // Same prefix as the shared helper, so the global teardown sweeps anything left behind.
  const name = `landed_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  createdDatabases.push(name);
  return { DATABASE_URL: withDatabase(adminUrl, name) };
}

function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(tmpRoot, name);
  fs.writeFileSync(file, content);
  return file;
}

const HEADER_ZH = '卖家SKU,中文品名,长,宽,高,尺寸单位,重量,重量单位';
const GOOD_CSV = [
  HEADER_ZH,
  'CLI-TEE-01,纯棉T恤 黑色 S,30,25,3,cm,200,g',
  'CLI-TEE-02,纯棉T恤 黑色 M,31,26,3,cm,210,g',
  'CLI-TEE-03,纯棉T恤 黑色 L,32,27,3,cm,220,g',
].join('\n');
// Row 3 has a negative length (column C, 长); row 4 an unknown dimension unit (column F, 尺寸单位).
const BAD_CSV = [
  HEADER_ZH,
  'CLI-MUG-01,陶瓷马克杯,12,9,10,cm,350,g',
  'CLI-MUG-02,陶瓷马克杯 大号,-5,9,10,cm,380,g',
  'CLI-MUG-03,陶瓷马克杯 小号,10,8,9,furlong,300,g',
  'CLI-MUG-04,陶瓷马克杯 蓝色,12,9,10,cm,350,g',
].join('\n');
const BAD_CSV_GOOD_ROWS = [HEADER_ZH, 'CLI-MUG-01,陶瓷马克杯,12,9,10,cm,350,g', 'CLI-MUG-04,陶瓷马克杯 蓝色,12,9,10,cm,350,g'].join('\n');

beforeAll(async () => {
  env = await emptyDatabaseEnv('main');
});

afterAll(async () => {
  if (createdDatabases.length > 0) {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    for (const name of createdDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe('landed CLI, in process', () => {
  describe('migrate', () => {
    it('applies every migration on an empty database and says so', async () => {
      const r = await run(['migrate']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(
        new RegExp(
          `^Applied ${listMigrations()
            .map((m) => m.name.replace('.', '\\.'))
            .join(', ')} on `,
        ),
      );
      expect(r.err).toBe('');
      // Each command releases the embedded database's lock when it is done.
      if (!onPostgres) expect(fs.existsSync(path.join(env.LANDED_DATA_DIR as string, 'landed.lock'))).toBe(false);
    });

    it('says the database is up to date on a second run', async () => {
      const r = await run(['migrate']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/up to date/);
    });

    it('prints JSON with the global --json option before the command', async () => {
      const r = await run(['--json', 'migrate']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual({ ok: true, applied: [] });
    });
  });

  describe('seed --demo', () => {
    it('loads the demo installation and prints the demo logins', async () => {
      const r = await run(['seed', '--demo']);
      expect(r.code).toBe(0);
      const loaded = /Loaded (\d+) warehouses, (\d+) seller accounts, (\d+) SKUs and (\d+) users\./.exec(r.out);
      expect(loaded, r.out).not.toBeNull();
      const [, warehouses, accounts, skus, users] = (loaded as RegExpExecArray).map(Number);
      expect(warehouses).toBe(4);
      expect(accounts).toBe(3);
      expect(skus).toBeGreaterThanOrEqual(150);
      expect(users).toBe(8);
      expect(r.out).toContain('admin@demo.landed.dev');
      expect(r.out).toContain('demo-admin-2026');
      for (const login of DEMO_LOGINS) expect(r.out).toContain(login.email);
      // Steps are progress, not the result: they go to stderr.
      expect(r.err).toMatch(/seeding warehouses/);
    });

    it('does not load the demo again into a database that has accounts', async () => {
      const r = await run(['seed', '--demo']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/not loaded again/);
    });

    it('answers { ok: true, seeded: false } with --json on a seeded database', async () => {
      const r = await run(['--json', 'seed', '--demo']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual({ ok: true, seeded: false });
      expect(r.err).toBe('');
    });
  });

  describe('users create', () => {
    let password = '';

    it('creates a seller user and prints a generated password once', async () => {
      const r = await run(['users', 'create', '--email', 'x@y.com', '--name', 'X', '--role', 'seller_user', '--account', 'THREADLINE']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('Created seller_user x@y.com in THREADLINE.');
      const match = /Password \(shown once\): (\S+)/.exec(r.out);
      expect(match, r.out).not.toBeNull();
      password = (match as RegExpExecArray)[1] as string;
      expect(password.length).toBeGreaterThanOrEqual(10);
    });

    it('the printed password logs in', async () => {
      const database = await openDatabase(loadConfig(env).database);
      try {
        const services = createServices({ database });
        const login = await services.auth.login('x@y.com', password);
        expect(login.ok).toBe(true);
        if (login.ok) expect(login.value.user).toMatchObject({ email: 'x@y.com', role: 'seller_user' });
        expect((await services.auth.login('x@y.com', `${password}-wrong`)).ok).toBe(false);
      } finally {
        await database.close();
      }
    });

    it('refuses the same email again', async () => {
      const r = await run([
        'users',
        'create',
        '--email',
        'X@Y.com',
        '--name',
        'X again',
        '--role',
        'seller_user',
        '--account',
        'THREADLINE',
      ]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/already exists/);
      expect(r.out).toBe('');
    });

    it('refuses an account for a provider role', async () => {
      const r = await run(['users', 'create', '--email', 'boss@y.com', '--name', 'Boss', '--role', 'admin', '--account', 'THREADLINE']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/provider staff and has no account/);
      expect(r.err).toMatch(/Leave the account empty for provider roles/);
    });

    it('rejects an unknown role before touching the database (exit 2)', async () => {
      const r = await run(['users', 'create', '--email', 'w@y.com', '--name', 'W', '--role', 'wizard']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/wizard/);
      expect(r.err).toMatch(/seller_user/); // the allowed choices are listed
    });

    it('names an unknown account code', async () => {
      const r = await run(['users', 'create', '--email', 'n@y.com', '--name', 'N', '--role', 'seller_user', '--account', 'NOSUCHCO']);
      expect(r.code).toBe(1);
      expect(r.err).toContain('NOSUCHCO');
    });

    it('creates a provider admin with a given password and prints no password', async () => {
      const r = await run([
        '--json',
        'users',
        'create',
        '--email',
        'ops@y.com',
        '--name',
        'Ops',
        '--role',
        'admin',
        '--password',
        'a-long-enough-pw',
        '--locale',
        'en',
      ]);
      expect(r.code, r.out).toBe(0);
      const body = JSON.parse(r.out);
      expect(body).toMatchObject({ ok: true, user: { email: 'ops@y.com', role: 'admin', account_id: null } });
      expect(body).not.toHaveProperty('password');
    });
  });

  describe('keys create', () => {
    it('prints an lk_ secret once', async () => {
      const r = await run(['keys', 'create', '--name', 'ERP', '--role', 'seller_user', '--account', 'HOMELY']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('Created API key "ERP" (seller_user).');
      expect(r.out.split('\n').at(-1)).toMatch(/^lk_\S+$/);
    });

    it('returns the secret in `secret` with --json', async () => {
      const r = await run(['--json', 'keys', 'create', '--name', 'ERP 2', '--role', 'seller_user', '--account', 'HOMELY']);
      expect(r.code, r.out).toBe(0);
      const body = JSON.parse(r.out);
      expect(body).toMatchObject({ ok: true, api_key: { name: 'ERP 2', role: 'seller_user' } });
      expect(body.api_key.account_id).toEqual(expect.any(String));
      expect(body.secret).toMatch(/^lk_/);
    });
  });

  describe('import skus', () => {
    it('imports a CSV with Chinese headers and reports progress on stderr', async () => {
      const file = writeFile('good.csv', GOOD_CSV);
      const r = await run(['import', 'skus', file, '--account', 'THREADLINE']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe('Imported 3 SKUs into THREADLINE: 3 new, 0 updated.');
      // Not a terminal: one plain line per phase, on stderr only.
      expect(r.err).toMatch(/validating 3\/3/);
      expect(r.err).toMatch(/writing 3\/3/);
      expect(r.out).not.toMatch(/validating|writing/);
    });

    it('refuses the same file again with a table naming the rows that already exist', async () => {
      const file = path.join(tmpRoot, 'good.csv');
      const r = await run(['import', 'skus', file, '--account', 'THREADLINE']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/nothing was imported/);
      const row2 = r.err.split('\n').find((line) => /│ 2\s+│/.test(line));
      expect(row2, r.err).toBeDefined();
      expect(row2).toContain('A (卖家SKU)');
      expect(row2).toContain('seller_sku');
      expect(r.err).toMatch(/already exists/);
    });

    it('updates them with --mode upsert', async () => {
      const file = path.join(tmpRoot, 'good.csv');
      const r = await run(['import', 'skus', file, '--account', 'THREADLINE', '--mode', 'upsert']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe('Imported 3 SKUs into THREADLINE: 0 new, 3 updated.');
    });

    it('rejects a sheet with bad rows, shows every problem by row and column, and imports nothing', async () => {
      const file = writeFile('bad.csv', BAD_CSV);
      const r = await run(['import', 'skus', file, '--account', 'THREADLINE']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/2 problem\(s\) in 2 row\(s\); nothing was imported/);
      const lines = r.err.split('\n');
      const header = lines.find((l) => l.includes('Row') && l.includes('Column') && l.includes('Field') && l.includes('Problem'));
      expect(header, r.err).toBeDefined();
      const row3 = lines.find((l) => /│ 3\s+│/.test(l));
      const row4 = lines.find((l) => /│ 4\s+│/.test(l));
      expect(row3, r.err).toMatch(/C \(长\).*length/);
      expect(row4, r.err).toMatch(/F \(尺寸单位\).*dimension_unit/);
      expect(r.err).toContain('furlong');
      expect(lines.some((l) => /│ [25]\s+│/.test(l))).toBe(false);
    });

    it('answers the bad sheet with a machine-readable error under --json', async () => {
      const file = path.join(tmpRoot, 'bad.csv');
      const r = await run(['--json', 'import', 'skus', file, '--account', 'THREADLINE']);
      expect(r.code).toBe(1);
      expect(r.err).toBe(''); // no progress lines mixed into JSON runs
      const body = JSON.parse(r.out);
      expect(body).toMatchObject({
        ok: false,
        error: {
          code: 'import_invalid',
          message: expect.stringMatching(/nothing was imported/),
          details: [
            { row: 3, column: 'C', header: '长', field: 'length', code: 'not_positive', message: expect.any(String) },
            {
              row: 4,
              column: 'F',
              header: '尺寸单位',
              field: 'dimension_unit',
              code: 'unknown_unit',
              message: expect.stringContaining('furlong'),
            },
          ],
        },
      });
      expect(body.error.details).toHaveLength(2);
    });

    it('wrote nothing from the bad sheet: its good rows import afterwards as new', async () => {
      const file = writeFile('bad-fixed.csv', BAD_CSV_GOOD_ROWS);
      const r = await run(['--json', 'import', 'skus', file, '--account', 'THREADLINE']);
      expect(r.code, r.out).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ ok: true, dry_run: false, total_rows: 2, created: 2, updated: 0 });
    });

    it('says when the file does not exist', async () => {
      const r = await run(['import', 'skus', path.join(tmpRoot, 'missing.csv'), '--account', 'THREADLINE']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/File not found: .*missing\.csv/);
      const json = await run(['--json', 'import', 'skus', path.join(tmpRoot, 'missing.csv'), '--account', 'THREADLINE']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: expect.stringMatching(/File not found/) },
      });
    });

    it('writes nothing with --dry-run and says so', async () => {
      const csv = [HEADER_ZH, 'CLI-DRY-01,试运行 1,10,10,10,cm,100,g', 'CLI-DRY-02,试运行 2,10,10,10,cm,100,g'].join('\n');
      const file = writeFile('dry.csv', csv);
      const dry = await run(['import', 'skus', file, '--account', 'HOMELY', '--dry-run']);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.out).toBe('Checked 2 SKUs into HOMELY: 2 new, 0 updated (dry run: nothing written).');
      expect(dry.err).not.toMatch(/writing/);
      const real = await run(['--json', 'import', 'skus', file, '--account', 'HOMELY']);
      expect(real.code, real.out).toBe(0);
      expect(JSON.parse(real.out)).toMatchObject({ ok: true, dry_run: false, created: 2, updated: 0 });
    });

    it('imports an .xlsx workbook and lists the columns it ignored', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('SKUs');
      sheet.addRow(['Seller SKU', 'Title (EN)', 'Length', 'Width', 'Height', 'Dimension unit', 'Weight', 'Weight unit', 'Supplier']);
      sheet.addRow(['CLI-XL-01', 'Charging cable 1 m', 12, 8, 2, 'cm', 45, 'g', 'Factory A']);
      sheet.addRow(['CLI-XL-02', 'Charging cable 2 m', 14, 9, 2.5, 'cm', 80.5, 'g', 'Factory B']);
      const file = writeFile('skus.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
      const r = await run(['import', 'skus', file, '--account', 'VOLTBEE']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^Imported 2 SKUs into VOLTBEE: 2 new, 0 updated\./);
      expect(r.out).toContain('Ignored columns: Supplier');
    });
  });

  describe('quote and rate', () => {
    // Seeding is idempotent: when the seed tests ran first this is a no-op.
    beforeAll(async () => {
      await run(['seed', '--demo']);
    });

    const sheet = [
      '卖家SKU,中文品名,长,宽,高,尺寸单位,重量,重量单位,海关编码,申报价值,原产国,占比',
      'Q-MUG,马克杯,12,9,10,cm,380,g,6109.10.0012,1.90,CN,2',
      'Q-BAG,帆布袋,40,35,2,cm,210,g,6109.10.0012,2.50,CN,1',
    ].join('\n');

    it('quotes a SKU sheet for a seller, as a table with the card versions and warnings', async () => {
      const file = path.join(tmpRoot, 'quote-skus.csv');
      fs.writeFileSync(file, sheet);
      const r = await run(['quote', '--request', file, '--account', 'THREADLINE', '--orders-per-day', '30']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/US-STANDARD v1 \+ THREADLINE-PLAN v1/);
      expect(r.out).toMatch(/Monthly total: \$[\d,]+\.\d\d/);
      expect(r.out).toContain('Q-MUG');
    });

    it('writes the quote as JSON whose lines add up to the total, and as a workbook', async () => {
      const file = path.join(tmpRoot, 'quote-skus.csv');
      fs.writeFileSync(file, sheet);
      const r = await run(['--json', 'quote', '--request', file, '--orders-per-day', '30', '--prospect', 'Test prospect']);
      expect(r.code, r.err).toBe(0);
      const { quote } = JSON.parse(r.out);
      const total = quote.lines.reduce((a: bigint, l: { amount: { amount_minor: string } }) => a + BigInt(l.amount.amount_minor), 0n);
      expect(String(total)).toBe(quote.monthlyTotal.amount_minor);
      const xlsx = path.join(tmpRoot, 'quote.xlsx');
      const w = await run(['quote', '--request', file, '--orders-per-day', '30', '--format', 'xlsx', '--out', xlsx, '--lang', 'zh']);
      expect(w.code, w.err).toBe(0);
      expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    });

    it('reports a bad sheet by row and column and a bad JSON request by field', async () => {
      const bad = path.join(tmpRoot, 'quote-bad.csv');
      fs.writeFileSync(bad, `${sheet}\nQ-BAD,坏,-1,9,10,cm,380,g,,,,x`);
      const r = await run(['quote', '--request', bad, '--orders-per-day', '30']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/│ 4\s+│ C \(长\)/);
      const json = path.join(tmpRoot, 'quote-bad.json');
      fs.writeFileSync(json, JSON.stringify({ orders_per_day: 'lots', origin_warehouse: 'US-NJ1', skus: [], destinations: [] }));
      const j = await run(['quote', '--request', json]);
      expect(j.code).toBe(1);
      expect(j.err).toContain('orders_per_day');
    });

    it('rates a parcel from a warehouse and marks the cheapest service', async () => {
      const r = await run(['rate', '--to', '10001', '--from', 'US-CA1', '--dims', '12x10x8', '--weight', '3']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('★');
      expect(r.out).toContain('Cards: US-STANDARD v1');
    });
  });

  describe('usage', () => {
    it('rejects an unknown command with exit 2', async () => {
      const r = await run(['frobnicate']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/unknown command 'frobnicate'/);
    });

    it('lists every command under --help with exit 0', async () => {
      const r = await run(['--help']);
      expect(r.code).toBe(0);
      for (const command of ['start', 'migrate', 'seed', 'users', 'keys', 'import'])
        expect(r.out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
      expect(r.out).toContain('--json');
    });

    it('rejects a missing required option with exit 2', async () => {
      const r = await run(['import', 'skus', 'whatever.csv']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--account/);
    });
  });

  describe('the embedded database lock', () => {
    let sleeper: ChildProcess | undefined;
    afterAll(() => {
      if (sleeper?.pid && sleeper.exitCode === null) sleeper.kill('SIGKILL');
    });

    it('refuses a data folder held by another live process', async () => {
      sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
      const pid = sleeper.pid as number;
      expect(pid).toBeGreaterThan(0);
      const dir = path.join(tmpRoot, 'locked');
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'landed.lock'), String(pid));
      // The lock is a PGlite matter: run against the folder even when the suite is on PostgreSQL.
      const r = await run(['migrate'], { LANDED_DATA_DIR: dir });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`in use by process ${pid}`);
      // The holder's lock is left alone and nothing else was created in the folder.
      expect(fs.readFileSync(path.join(dir, 'landed.lock'), 'utf8')).toBe(String(pid));
      expect(fs.readdirSync(dir)).toEqual(['landed.lock']);
      const json = await run(['--json', 'migrate'], { LANDED_DATA_DIR: dir });
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: { message: expect.stringContaining('in use by process') } });
    });

    it.skipIf(onPostgres)('takes over a lock left by a process that has died', async () => {
      const holder = sleeper as ChildProcess;
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill('SIGKILL');
      await exited;
      const lock = path.join(env.LANDED_DATA_DIR as string, 'landed.lock');
      fs.writeFileSync(lock, String(holder.pid));
      const r = await run(['migrate']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/up to date/);
      expect(fs.existsSync(lock)).toBe(false);
    });
  });
});

describe('landed CLI as a child process', () => {
  function spawnCli(args: string[], childEnv: NodeJS.ProcessEnv): Promise<Run> {
    const { DATABASE_URL: _inherited, ...base } = process.env;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: REPO_ROOT,
        env: { ...base, ...childEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    });
  }

  it('migrates a fresh database and prints JSON, exit 0', async () => {
    const freshEnv = await emptyDatabaseEnv('spawned');
    const r = await spawnCli(['--json', 'migrate'], freshEnv);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, applied: listMigrations().map((m) => m.name) });
    if (!onPostgres) expect(fs.existsSync(path.join(freshEnv.LANDED_DATA_DIR as string, 'landed.lock'))).toBe(false);
  });

  it('exits non-zero when a command fails', async () => {
    const r = await spawnCli(['--json', 'import', 'skus', 'no-such-file.csv', '--account', 'THREADLINE'], {
      LANDED_DATA_DIR: path.join(tmpRoot, 'unused'),
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const usage = await spawnCli(['frobnicate'], { LANDED_DATA_DIR: path.join(tmpRoot, 'unused') });
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/unknown command/);
  });
});
