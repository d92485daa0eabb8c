/**
 * The audit log (migration 0010): row changes and recorded actions become entries with their
 * actor, chained in commit order; nobody can update or delete an entry; and `verifyAuditChain`
 * catches an altered, deleted, reordered or inserted entry, and a cut tail. Runs on PGlite and,
 * with DATABASE_URL, on PostgreSQL (where concurrent appends are also checked).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, selectRows } from '../../src/db/connect.js';
import { chainHash, GENESIS_HASH, recordAudit, verifyAuditChain } from '../../src/db/repositories/audit-log.js';
import { inScope, PROVIDER_SCOPE } from '../../src/db/tenancy.js';
import { type Actor, SYSTEM_ACTOR, scopeOf } from '../../src/services/context.js';
import { createServices } from '../../src/services/create-services.js';
import { createTestDatabase, databaseKind, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
let threadline: string;
let homely: string;

const raw = async <T = Record<string, unknown>>(database: Database, text: string, params: unknown[] = []) =>
  database.withConnection(async (c) => (await c.query<T>(text, params)).rows);
const verify = (database: Database) => inScope(database.db, PROVIDER_SCOPE, (tx) => verifyAuditChain(tx));

beforeAll(async () => {
  db = await createTestDatabase();
  const rows = await raw<{ id: string; code: string }>(db.database, 'SELECT id, code FROM accounts');
  threadline = rows.find((r) => r.code === 'THREADLINE')?.id as string;
  homely = rows.find((r) => r.code === 'HOMELY')?.id as string;
});
afterAll(async () => db?.drop());

/** Tampering needs a database of its own: each test breaks the chain differently. */
async function withCopy(fn: (database: Database) => Promise<void>): Promise<void> {
  const copy = await createTestDatabase();
  try {
    // A few more entries so there is a middle to tamper with.
    for (let i = 0; i < 5; i++) {
      await inScope(copy.database.db, PROVIDER_SCOPE, (tx) => recordAudit(tx, { entityType: 'test', entityId: String(i), action: 'poke' }));
    }
    expect((await verify(copy.database)).ok).toBe(true);
    await fn(copy.database);
  } finally {
    await copy.drop();
  }
}

/** As the superuser / table owner, with the append-only trigger switched off (what an attacker with the keys could do). */
async function tamper(database: Database, statements: string): Promise<void> {
  await database.withConnection((c) =>
    c.exec(
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; ${statements}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`,
    ),
  );
}

describe('audit log entries', () => {
  it('chains the demo data from entry 1 and verifies intact', async () => {
    const report = await verify(db.database);
    expect(report.problem).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(report.headSeq);
    expect(report.entries).toBeGreaterThan(20);
    const [first] = await raw<{ prev_hash: string; hash: string; canonical: string }>(
      db.database,
      `SELECT prev_hash, hash, landed_audit_canonical(seq, at, actor_kind, actor_id, actor_role, actor_account_id, account_id,
              entity_type, entity_id, action, before, after) AS canonical FROM audit_log WHERE seq = 1`,
    );
    expect(first?.prev_hash).toBe(GENESIS_HASH);
    // The documented formula, recomputed outside the database.
    expect(chainHash(GENESIS_HASH, first?.canonical as string)).toBe(first?.hash);
  });

  it('records a row change with its actor (the scope names it), before and after, secrets redacted', async () => {
    const services = createServices({ database: db.database });
    const [admin] = await raw<{ id: string }>(db.database, `SELECT id FROM users WHERE email = 'admin@demo.landed.dev'`);
    const actor: Actor = { kind: 'user', id: admin?.id as string, role: 'admin', accountId: null, userId: admin?.id as string };
    const created = await services.users.create(actor, {
      email: 'audited@threadline.demo',
      name: 'Audited',
      role: 'seller_user',
      accountId: threadline,
      password: 'a-long-password-1',
      locale: 'en',
    });
    if (!created.ok) throw new Error(created.error.message);
    const [entry] = await raw<Record<string, unknown>>(
      db.database,
      `SELECT * FROM audit_log WHERE entity_type = 'users' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [created.value.id],
    );
    expect(entry).toMatchObject({ action: 'insert', actor_kind: 'user', actor_id: admin?.id, actor_role: 'admin', account_id: threadline });
    const after = (entry?.after ?? {}) as Record<string, unknown>;
    expect(after.email).toBe('audited@threadline.demo');
    expect(after.password_hash).toBe('[redacted]');
    expect(entry?.before).toBeNull();
  });

  it('does not log an update that only touches bookkeeping columns (a sign-in’s last_login_at)', async () => {
    const before = await raw<{ n: number }>(db.database, 'SELECT count(*)::int AS n FROM audit_log');
    await raw(db.database, `UPDATE users SET last_login_at = now() WHERE email = 'admin@demo.landed.dev'`);
    const after = await raw<{ n: number }>(db.database, 'SELECT count(*)::int AS n FROM audit_log');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('recordAudit adds an entry at commit; a rolled-back transaction leaves no entry and no gap', async () => {
    const head = async () => (await raw<{ seq: string }>(db.database, 'SELECT seq FROM audit_chain_head'))[0]?.seq;
    const start = Number(await head());
    await expect(
      inScope(db.database.db, scopeOf(SYSTEM_ACTOR), async (tx) => {
        await recordAudit(tx, { entityType: 'invoice', entityId: 'INV-X', action: 'download_pdf', accountId: threadline });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(Number(await head())).toBe(start);
    await inScope(db.database.db, scopeOf(SYSTEM_ACTOR), (tx) =>
      recordAudit(tx, {
        entityType: 'invoice',
        entityId: 'INV-1',
        action: 'download_pdf',
        accountId: threadline,
        after: { locale: 'zh-CN' },
      }),
    );
    const [entry] = await raw<Record<string, unknown>>(db.database, 'SELECT * FROM audit_log WHERE seq = $1', [start + 1]);
    expect(entry).toMatchObject({
      entity_type: 'invoice',
      entity_id: 'INV-1',
      action: 'download_pdf',
      actor_kind: 'system',
      actor_role: 'admin',
    });
    expect((await verify(db.database)).ok).toBe(true);
    expect(await raw(db.database, 'SELECT * FROM audit_pending')).toEqual([]);
  });

  it('seals many entries of one transaction in order, and forgets those of a rolled-back savepoint', async () => {
    const head = async () => (await raw<{ seq: string; hash: string }>(db.database, 'SELECT seq, hash FROM audit_chain_head'))[0];
    const start = Number((await head())?.seq);
    await inScope(db.database.db, PROVIDER_SCOPE, async (tx) => {
      await tx.execute(
        sql`SELECT landed_audit_record('bulk', g::text, 'poke', NULL, NULL, jsonb_build_object('n', g)) FROM generate_series(1, 2000) g`,
      );
      await expect(
        tx.transaction(async (savepoint) => {
          await recordAudit(savepoint, { entityType: 'bulk', entityId: 'gone', action: 'poke' });
          throw new Error('roll back the savepoint');
        }),
      ).rejects.toThrow('roll back the savepoint');
      await recordAudit(tx, { entityType: 'bulk', entityId: 'last', action: 'poke' });
    });
    const end = await head();
    expect(Number(end?.seq)).toBe(start + 2001);
    const [last] = await raw<{ entity_id: string; hash: string }>(db.database, 'SELECT entity_id, hash FROM audit_log WHERE seq = $1', [
      start + 2001,
    ]);
    expect(last).toEqual({ entity_id: 'last', hash: end?.hash });
    const numbered = await raw<{ entity_id: string }>(db.database, `SELECT entity_id FROM audit_log WHERE seq IN ($1, $2) ORDER BY seq`, [
      start + 1,
      start + 2000,
    ]);
    expect(numbered.map((r) => r.entity_id)).toEqual(['1', '2000']);
    expect(await raw(db.database, `SELECT 1 FROM audit_log WHERE entity_id = 'gone'`)).toEqual([]);
    expect((await verify(db.database)).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, for the application role and the owner alike', async () => {
    await expect(raw(db.database, `UPDATE audit_log SET action = 'nothing' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(raw(db.database, 'DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(raw(db.database, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const asApp = (statement: string) => inScope(db.database.db, PROVIDER_SCOPE, (tx) => tx.execute(sql.raw(statement)));
    await expect(asApp(`UPDATE audit_log SET action = 'nothing' WHERE seq = 1`)).rejects.toThrow();
    await expect(asApp('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow();
    await expect(
      asApp(
        `INSERT INTO audit_log (seq, at, actor_kind, entity_type, action, prev_hash, hash) VALUES (999999, now(), 'user', 'x', 'forged', '', '')`,
      ),
    ).rejects.toThrow();
    await expect(asApp(`UPDATE audit_chain_head SET seq = 0`)).rejects.toThrow();
  });

  it('shows a seller only the entries about its own account', async () => {
    const seen = await inScope(db.database.db, { kind: 'seller', accountId: threadline }, (tx) =>
      selectRows<{ account_id: string | null }>(tx, sql`SELECT DISTINCT account_id FROM audit_log`),
    );
    expect(seen).toEqual([{ account_id: threadline }]);
    const provider = await inScope(db.database.db, PROVIDER_SCOPE, (tx) =>
      selectRows<{ n: number }>(tx, sql`SELECT count(DISTINCT account_id)::int AS n FROM audit_log WHERE account_id = ${homely}`),
    );
    expect(provider[0]?.n).toBe(1);
  });

  it('keeps the hot allocation path out of the log: no audit trigger on allocations, lots, stock or the ledger', async () => {
    const rows = await raw<{ table: string }>(
      db.database,
      `SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'audit_row'`,
    );
    const audited = rows.map((r) => r.table);
    for (const hot of [
      'allocations',
      'allocation_requests',
      'inventory_lots',
      'location_stock',
      'inventory_ledger',
      'billable_events',
      'inventory_outbox',
    ]) {
      expect(audited).not.toContain(hot);
    }
    for (const table of [
      'users',
      'api_keys',
      'accounts',
      'rate_card_versions',
      'warehouses',
      'inbound_plans',
      'cycle_counts',
      'stock_transfers',
      'return_authorisations',
      'work_orders',
      'exit_plans',
      'invoices',
      'billing_runs',
    ]) {
      expect(audited).toContain(table);
    }
  });
});

describe('tamper detection', () => {
  it('catches an altered after-JSON (entry number, expected vs found hash)', async () => {
    await withCopy(async (database) => {
      const [victim] = await raw<{ seq: string; hash: string }>(
        database,
        `SELECT seq, hash FROM audit_log WHERE after IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 3`,
      );
      await tamper(database, `UPDATE audit_log SET after = jsonb_set(after, '{tampered}', 'true') WHERE seq = ${victim?.seq}`);
      const report = await verify(database);
      expect(report.ok).toBe(false);
      expect(report.problem).toMatchObject({ kind: 'altered', seq: Number(victim?.seq), found: victim?.hash });
      expect(report.problem?.expected).toMatch(/^[0-9a-f]{64}$/);
      expect(report.problem?.expected).not.toBe(victim?.hash);
    });
  });

  it('catches a deleted entry', async () => {
    await withCopy(async (database) => {
      await tamper(database, 'DELETE FROM audit_log WHERE seq = 10');
      const report = await verify(database);
      expect(report.problem).toMatchObject({ kind: 'deleted', seq: 10 });
    });
  });

  it('catches two entries swapped (reordered)', async () => {
    await withCopy(async (database) => {
      await tamper(
        database,
        'UPDATE audit_log SET seq = 9000001 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = 9000001',
      );
      const report = await verify(database);
      expect(report.ok).toBe(false);
      expect(report.problem?.seq).toBe(5);
      expect(['inserted', 'altered']).toContain(report.problem?.kind);
    });
  });

  it('catches an entry inserted in the middle, even with a correctly computed hash', async () => {
    await withCopy(async (database) => {
      const [prev] = await raw<{ hash: string }>(database, 'SELECT hash FROM audit_log WHERE seq = 7');
      const [canonical] = await raw<{ c: string }>(
        database,
        `SELECT landed_audit_canonical(8, '2026-11-01T00:00:00Z', 'user', 'forger', 'admin', NULL, NULL, 'invoices', 'x', 'delete', NULL, NULL) AS c`,
      );
      const forgedHash = chainHash(prev?.hash as string, canonical?.c as string);
      await tamper(
        database,
        `UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= 8;
         UPDATE audit_log SET seq = seq - 1000000 + 1 WHERE seq >= 1000000;
         INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_role, entity_type, entity_id, action, prev_hash, hash)
           SELECT 8, '2026-11-01T00:00:00Z', 'user', 'forger', 'admin', 'invoices', 'x', 'delete', '${prev?.hash}', '${forgedHash}'`,
      );
      const report = await verify(database);
      expect(report.ok).toBe(false);
      // The forged entry itself links and hashes; the next one no longer links to it.
      expect(report.problem).toMatchObject({ kind: 'inserted', seq: 9 });
    });
  });

  it('catches the last entries cut off', async () => {
    await withCopy(async (database) => {
      const [head] = await raw<{ seq: string }>(database, 'SELECT seq FROM audit_chain_head');
      await tamper(database, `DELETE FROM audit_log WHERE seq > ${Number(head?.seq) - 2}`);
      const report = await verify(database);
      expect(report.problem).toMatchObject({ kind: 'deleted', seq: Number(head?.seq) - 1 });
    });
  });
});

describe.runIf(databaseKind() === 'postgres')('concurrent appends (PostgreSQL)', () => {
  it('chains 200 transactions from 8 connections in commit order with no gap, and measures the cost', async () => {
    const other = await db.openAnother();
    const head0 = Number((await raw<{ seq: string }>(db.database, 'SELECT seq FROM audit_chain_head'))[0]?.seq);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        inScope((i % 2 ? other : db.database).db, PROVIDER_SCOPE, async (tx) => {
          await recordAudit(tx, { entityType: 'test', entityId: String(i), action: 'concurrent', accountId: i % 3 ? threadline : homely });
          await tx.execute(sql`SELECT pg_sleep(0.002)`);
          await recordAudit(tx, { entityType: 'test', entityId: String(i), action: 'concurrent_2' });
        }),
      ),
    );
    const ms = performance.now() - started;
    const head1 = Number((await raw<{ seq: string }>(db.database, 'SELECT seq FROM audit_chain_head'))[0]?.seq);
    expect(head1 - head0).toBe(400);
    const report = await verify(db.database);
    expect(report.problem).toBeNull();
    // Both entries of one transaction are consecutive: the chain order is the commit order.
    const pairs = await raw<{ gap: number }>(
      db.database,
      `SELECT max(s.seq) - min(s.seq) AS gap FROM audit_log s WHERE s.entity_type = 'test' AND s.action LIKE 'concurrent%' GROUP BY s.entity_id`,
    );
    expect(pairs.every((p) => Number(p.gap) === 1)).toBe(true);
    console.log(`audit: 200 transactions × 2 entries on 2 pools in ${ms.toFixed(0)} ms (${((400 / ms) * 1000).toFixed(0)} entries/s)`);
  });
});
