/**
 * Exit and portability end to end through the CLI: `landed export account` on the demo
 * database, `landed import account` into a fresh installation (migrated, empty), and an export
 * of that gives byte-identical data files. Imports that must be refused are refused with
 * nothing written. Also `landed audit verify` on an intact and a tampered chain.
 * PGlite folders, or fresh PostgreSQL databases when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { openDatabase } from '../../src/db/connect.js';
import { listMigrations } from '../../src/db/migrate.js';
import { demoCli } from '../helpers/cli.js';
import { databaseKind } from '../helpers/database.js';
import { withDatabase } from '../helpers/global-setup.js';

const source = demoCli('portability');
const created: string[] = [];

/** A second installation: its own PGlite folder or PostgreSQL database, never seeded. */
function installation(name: string) {
  let env: NodeJS.ProcessEnv;
  if (databaseKind() === 'postgres') {
    const db = `landed_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
    created.push(db);
    env = { DATABASE_URL: withDatabase(inject('postgresAdminUrl'), db) };
  } else env = { LANDED_DATA_DIR: path.join(source.tmpRoot, name) };
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env };
    const code = await main(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  async function create() {
    if (env.DATABASE_URL) {
      const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${created[created.length - 1]}`);
      await admin.end();
    }
    const migrated = await run(['migrate']);
    expect(migrated.code, migrated.err).toBe(0);
  }
  return { run, create, env };
}

const dataFiles = (zip: Uint8Array) => {
  const files = unzipSync(zip);
  return Object.fromEntries(Object.entries(files).filter(([name]) => name !== 'manifest.json'));
};

beforeAll(source.setUp, 180_000);
afterAll(async () => {
  await source.tearDown();
  if (created.length > 0) {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    for (const db of created) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
});

describe('landed export account / import account', () => {
  const first = () => path.join(source.tmpRoot, 'threadline-1.zip');

  it('exports every record of the account as CSV and JSON with a schema and a manifest of hashes', async () => {
    const result = await source.run(['--json', 'export', 'account', 'threadline', '--out', first()]);
    expect(result.code, result.err).toBe(0);
    const files = unzipSync(new Uint8Array(fs.readFileSync(first())));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    expect(manifest).toMatchObject({ format: 'landed-account-export', format_version: 1, account: { code: 'THREADLINE' } });
    expect(manifest.schema_version.last_migration).toBe(listMigrations().at(-1)?.name);
    for (const table of [
      'accounts',
      'skus',
      'inventory_lots',
      'inventory_ledger',
      'allocations',
      'return_authorisations',
      'work_orders',
      'exit_plans',
      'quotes',
      'billable_events',
      'inbound_plans',
      'inbound_cartons',
      'users',
    ]) {
      expect(files[`data/${table}.json`], table).toBeDefined();
      expect(files[`data/${table}.csv`], table).toBeDefined();
    }
    expect(Object.keys(files).filter((f) => f.startsWith('shared/'))).toEqual(
      expect.arrayContaining(['shared/warehouses.json', 'shared/warehouses.csv', 'shared/locations.json']),
    );
    expect(files['schema.json']).toBeDefined();
    expect(strFromU8(files['SCHEMA.md'] as Uint8Array)).toContain('## data/skus');
    // Every listed file is there with its hash; row counts match the JSON.
    for (const f of manifest.files) {
      const data = files[f.path] as Uint8Array;
      expect(data, f.path).toBeDefined();
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(data).digest('hex')).toBe(f.sha256);
      if (f.path.endsWith('.json') && f.table) expect(JSON.parse(strFromU8(data)).length).toBe(f.rows);
    }
    // Only this account's rows; money as integer minor units; no secrets.
    const accountId = manifest.account.id;
    const skus = JSON.parse(strFromU8(files['data/skus.json'] as Uint8Array)) as Record<string, unknown>[];
    expect(skus.length).toBeGreaterThan(10);
    expect(skus.every((s) => s.account_id === accountId)).toBe(true);
    expect(skus.some((s) => Number.isInteger(s.declared_value_minor))).toBe(true);
    const users = strFromU8(files['data/users.json'] as Uint8Array);
    expect(users).not.toContain('password_hash');
    expect(users).not.toContain('$argon2');
    const csv = strFromU8(files['data/skus.csv'] as Uint8Array).split('\n')[0];
    expect(csv?.startsWith('id,account_id,seller_sku')).toBe(true);
  });

  it('imports into a fresh installation and exports again byte-identical', async () => {
    const target = installation('fresh');
    await target.create();
    const imported = await target.run(['--json', 'import', 'account', first()]);
    expect(imported.code, imported.err || imported.out).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ ok: true, account: { code: 'THREADLINE' } });
    const second = path.join(source.tmpRoot, 'threadline-2.zip');
    const again = await target.run(['export', 'account', 'THREADLINE', '--out', second]);
    expect(again.code, again.err).toBe(0);
    const a = dataFiles(new Uint8Array(fs.readFileSync(first())));
    const b = dataFiles(new Uint8Array(fs.readFileSync(second)));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a))
      expect(Buffer.from(b[name] as Uint8Array).equals(Buffer.from(a[name] as Uint8Array)), name).toBe(true);

    // The imported installation works: its audit chain is intact and records the import; a new
    // RMA number continues after the imported ones.
    const verified = await target.run(['--json', 'audit', 'verify']);
    expect(verified.code, verified.out).toBe(0);
    const log = await target.run(['--json', 'audit', 'log', '--entity', 'account_export']);
    expect(JSON.parse(log.out).entries.map((e: { action: string }) => e.action)).toContain('import');

    // A second import of the same account is refused, nothing written.
    const twice = await target.run(['--json', 'import', 'account', first()]);
    expect(twice.code).toBe(1);
    expect(JSON.parse(twice.out).error).toMatchObject({ code: 'already_exists' });
    expect(JSON.parse(twice.out).error.message).toContain('already has account THREADLINE');
  });

  it('refuses a zip whose files do not match the manifest hashes, and writes nothing', async () => {
    const files = unzipSync(new Uint8Array(fs.readFileSync(first())));
    const skus = strFromU8(files['data/skus.json'] as Uint8Array);
    files['data/skus.json'] = strToU8(skus.replace('TL-TEE-BLK-S', 'TL-TEE-BLK-X'));
    const tampered = path.join(source.tmpRoot, 'tampered.zip');
    fs.writeFileSync(tampered, zipSync(files));
    const target = installation('tampered');
    await target.create();
    const result = await target.run(['--json', 'import', 'account', tampered]);
    expect(result.code).toBe(1);
    const error = JSON.parse(result.out).error;
    expect(error.code).toBe('import_invalid');
    expect(error.message).toContain('data/skus.json');
    expect(error.details[0]).toMatchObject({ code: 'hash_mismatch', path: ['data/skus.json'] });
    await expectNoAccounts(target.env);
  });

  it('refuses an export made at another schema version', async () => {
    const files = unzipSync(new Uint8Array(fs.readFileSync(first())));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    manifest.schema_version.migrations_sha256 = '0'.repeat(64);
    manifest.schema_version.last_migration = '0099_future';
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const other = path.join(source.tmpRoot, 'future.zip');
    fs.writeFileSync(other, zipSync(files));
    const target = installation('future');
    await target.create();
    const result = await target.run(['import', 'account', other]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Schema version mismatch');
    expect(result.err).toContain('0099_future');
    await expectNoAccounts(target.env);
  });

  it('is all or nothing: a failure halfway leaves the installation empty', async () => {
    const files = unzipSync(new Uint8Array(fs.readFileSync(first())));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    // The last ledger row points at a lot that is not in the export: the database refuses it
    // after most tables (accounts, SKUs, lots, shared warehouses…) were already written.
    const ledger = JSON.parse(strFromU8(files['data/inventory_ledger.json'] as Uint8Array)) as Record<string, unknown>[];
    expect(ledger.length).toBeGreaterThan(0);
    (ledger[ledger.length - 1] as Record<string, unknown>).lot_id = '00000000-0000-7000-8000-000000000001';
    const bytes = strToU8(`[\n${ledger.map((o) => JSON.stringify(o)).join(',\n')}\n]\n`);
    files['data/inventory_ledger.json'] = bytes;
    const { createHash } = await import('node:crypto');
    const entry = manifest.files.find((f: { path: string }) => f.path === 'data/inventory_ledger.json');
    entry.sha256 = createHash('sha256').update(bytes).digest('hex');
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const broken = path.join(source.tmpRoot, 'broken.zip');
    fs.writeFileSync(broken, zipSync(files));
    const target = installation('broken');
    await target.create();
    const result = await target.run(['import', 'account', broken]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/inventory_ledger|foreign key/);
    await expectNoAccounts(target.env);
  });
});

async function expectNoAccounts(env: NodeJS.ProcessEnv): Promise<void> {
  const database = await openDatabase(
    env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.LANDED_DATA_DIR as string },
  );
  try {
    const counts = await database.withConnection(
      async (c) =>
        (
          await c.query<{ accounts: number; warehouses: number }>(
            'SELECT (SELECT count(*)::int FROM accounts) AS accounts, (SELECT count(*)::int FROM warehouses) AS warehouses',
          )
        ).rows,
    );
    expect(counts[0]).toEqual({ accounts: 0, warehouses: 0 });
  } finally {
    await database.close();
  }
}

describe('landed audit verify', () => {
  it('says the chain is intact, then names the first altered entry after tampering (exit 1)', async () => {
    const ok = await source.run(['audit', 'verify']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Audit chain intact: \d+ entries/);
    const env = source.env();
    const database = await openDatabase(
      env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.LANDED_DATA_DIR as string },
    );
    try {
      await database.withConnection((c) =>
        c.exec(
          `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
           UPDATE audit_log SET after = coalesce(after, '{}') || '{"name": "Someone else"}' WHERE seq = 3;
           ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`,
        ),
      );
    } finally {
      await database.close();
    }
    const broken = await source.run(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('Audit chain BROKEN at entry 3 (altered)');
    expect(broken.err).toMatch(/expected [0-9a-f]{64}\n\s+found\s+[0-9a-f]{64}/);
    const json = await source.run(['--json', 'audit', 'verify']);
    expect(JSON.parse(json.out).error).toMatchObject({ code: 'audit_chain_broken', chain_ok: false, problem: { seq: 3, kind: 'altered' } });
  });
});
