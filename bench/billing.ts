/**
 * `npm run bench -- billing`: bill a month of 10,000,000 billable events for 1,000 accounts
 * and 100,000 lots on PostgreSQL, through the real service (`billing.run`), and in the same
 * run time the floor: one bare SQL `GROUP BY` over the same events (account, kind, unit and
 * the lot age the long-term storage bands need). Reports events/s, wall time, the ratio to
 * the floor, the bench process's peak RSS, and re-billing one account.
 *
 * The events follow the shapes the operations write (docs/billable-events.md): every lot has a
 * `storage_lot_day` row per day of October 2026 (lots of every age, bins/shelves/pallets), and
 * the rest are receiving cartons and units, putaway, returns, disposal and value-added work in
 * a fixed mix. Lots are named by id in the events' attributes, as snapshots name them; no lot
 * rows are created (billing never reads them).
 *
 * The database: BENCH_DATABASE_URL (a server whose user may CREATE DATABASE) or the default
 * postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.
 * Options: --events=10000000 --accounts=1000 --lots=100000 --keep
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase, selectRows } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { inScope, PROVIDER_SCOPE } from '../src/db/tenancy.js';
import type { Actor } from '../src/services/context.js';
import { createServices, type Services } from '../src/services/create-services.js';
import { seedDemo } from '../src/services/demo/seed-demo.js';
import type { BenchResult } from './lib.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PERIOD = '2026-10';
const DAYS = 31;
const FINANCE: Actor = { kind: 'api_key', id: 'bench', role: 'finance', accountId: null, userId: null };

/** Besides storage, each account's month: kind, unit, share of its events, quantity per event. */
const MIX = [
  { kind: 'receiving_carton', unit: 'carton', share: 12, quantity: '1' },
  { kind: 'receiving_unit', unit: 'unit', share: 18, quantity: '24' },
  { kind: 'putaway_unit', unit: 'unit', share: 18, quantity: '24' },
  { kind: 'return_processing', unit: 'unit', share: 7, quantity: '1' },
  { kind: 'disposal_unit', unit: 'unit', share: 3, quantity: '2' },
  { kind: 'vas_relabel', unit: 'unit', share: 5, quantity: '10' },
  { kind: 'vas_qc', unit: 'unit', share: 5, quantity: '10' },
  { kind: 'vas_kitting', unit: 'unit', share: 2, quantity: '5' },
] as const;

export interface BillingBenchOptions {
  events: number;
  accounts: number;
  lots: number;
  url: string;
  keep: boolean;
}

/** Events per account per kind that make `events` in all with `lots × 31` storage rows. */
export function eventPlan(o: Pick<BillingBenchOptions, 'events' | 'accounts' | 'lots'>) {
  const lotsPerAccount = Math.max(1, Math.floor(o.lots / o.accounts));
  const storagePerAccount = lotsPerAccount * DAYS;
  const otherPerAccount = Math.max(0, Math.floor(o.events / o.accounts) - storagePerAccount);
  const shares = MIX.reduce((a, m) => a + m.share, 0);
  const perKind = MIX.map((m) => ({ ...m, count: Math.floor((otherPerAccount * m.share) / shares) }));
  // Whole events: the remainder goes to the first kind so the total is exact.
  const assigned = perKind.reduce((a, k) => a + k.count, 0);
  (perKind[0] as { count: number }).count += otherPerAccount - assigned;
  return { lotsPerAccount, storagePerAccount, perKind, total: (storagePerAccount + otherPerAccount) * o.accounts };
}

async function loadEvents(admin: pg.Client, o: BillingBenchOptions, log: (line: string) => void): Promise<number> {
  const plan = eventPlan(o);
  await admin.query(`SET synchronous_commit = off`);
  await admin.query(`
    INSERT INTO accounts (id, code, name, default_currency, status)
    SELECT landed_uuidv7(), 'BENCH' || lpad(g::text, 5, '0'), 'Bench seller ' || g, 'USD', 'active'
      FROM generate_series(1, ${o.accounts}) AS g`);
  // Bulk load without the secondary indexes, then build them once (as a restore would).
  await admin.query(`DROP INDEX billable_events_idempotency_key`);
  await admin.query(`DROP INDEX billable_events_account_idx`);
  const accounts = (
    await admin.query<{ id: string; n: number }>(
      `SELECT id, row_number() OVER (ORDER BY code)::int AS n FROM accounts WHERE code LIKE 'BENCH%' ORDER BY code`,
    )
  ).rows;
  const warehouses = (await admin.query<{ id: string }>(`SELECT id FROM warehouses ORDER BY code`)).rows.map((r) => r.id);
  const kinds = JSON.stringify(plan.perKind.map((k) => ({ kind: k.kind, unit: k.unit, count: k.count, quantity: k.quantity })));
  const chunk = Math.max(1, Math.floor(500_000 / Math.max(1, plan.storagePerAccount + plan.perKind.reduce((a, k) => a + k.count, 0))));
  let written = 0;
  const started = performance.now();
  for (let i = 0; i < accounts.length; i += chunk) {
    const ids = accounts.slice(i, i + chunk).map((a) => a.id);
    // Storage: each lot, each day; the lot's age on day d is its age on Oct 1 + d − 1 (0…500).
    const storage = await admin.query(
      `INSERT INTO billable_events (id, account_id, kind, warehouse_id, occurred_at, quantity, unit, attributes, source_type, source_id, idempotency_key, created_at)
       SELECT landed_uuidv7(), a.id, 'storage_lot_day', ($3::uuid[])[1 + (lot % cardinality($3::uuid[]))],
              timestamptz '2026-10-01 05:00:00+00' + (day - 1) * interval '1 day',
              round((0.05 + (lot % 97) * 0.37)::numeric, 4), 'ft3_day',
              jsonb_build_object('snapshot_date', (date '2026-10-01' + (day - 1))::text,
                                 'sku_id', md5(a.id::text || (lot % 40)::text)::uuid,
                                 'lot_id', md5(a.id::text || lot::text)::uuid,
                                 'location_type', (ARRAY['bin', 'shelf', 'pallet'])[1 + lot % 3],
                                 'units', 1 + lot % 200,
                                 'age_days', (lot * 37) % 470 + day - 1),
              'storage_snapshot', md5(a.id::text || lot::text || day::text), 'storage:' || day || ':' || lot,
              timestamptz '2026-10-01 05:00:00+00' + (day - 1) * interval '1 day'
         FROM unnest($1::uuid[]) AS a(id), generate_series(1, $2::int) AS lot, generate_series(1, ${DAYS}) AS day`,
      [ids, plan.lotsPerAccount, warehouses],
    );
    const other = await admin.query(
      `INSERT INTO billable_events (id, account_id, kind, warehouse_id, occurred_at, quantity, unit, attributes, source_type, source_id, idempotency_key, created_at)
       SELECT landed_uuidv7(), a.id, k.kind, ($3::uuid[])[1 + (g % cardinality($3::uuid[]))],
              timestamptz '2026-10-01 00:00:00+00' + ((g * 7919) % (${DAYS} * 86400 - 1)) * interval '1 second',
              k.quantity::numeric, k.unit,
              jsonb_build_object('sku_id', md5(a.id::text || (g % 40)::text)::uuid, 'seq', g),
              'bench', k.kind || ':' || g, k.kind || ':' || g,
              timestamptz '2026-10-01 00:00:00+00' + ((g * 7919) % (${DAYS} * 86400 - 1)) * interval '1 second'
         FROM unnest($1::uuid[]) AS a(id), jsonb_to_recordset($2::jsonb) AS k(kind text, unit text, count int, quantity text),
              generate_series(1, k.count) AS g`,
      [ids, kinds, warehouses],
    );
    written += (storage.rowCount ?? 0) + (other.rowCount ?? 0);
    const seconds = (performance.now() - started) / 1000;
    log(
      `  events ${written.toLocaleString('en-US')} / ${plan.total.toLocaleString('en-US')} (${Math.round(written / seconds).toLocaleString('en-US')}/s)`,
    );
  }
  log('  building the event indexes…');
  await admin.query(`SET maintenance_work_mem = '512MB'`);
  await admin.query(`CREATE UNIQUE INDEX billable_events_idempotency_key ON billable_events (account_id, idempotency_key)`);
  await admin.query(`CREATE INDEX billable_events_account_idx ON billable_events (account_id, occurred_at)`);
  await admin.query(`VACUUM ANALYZE billable_events`);
  return written;
}

/** The floor: the least any biller must do — read the period's events once and sum them by group. */
async function floorSeconds(admin: pg.Client): Promise<{ seconds: number; groups: number }> {
  let best = Number.POSITIVE_INFINITY;
  let groups = 0;
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const result = await admin.query(
      `SELECT account_id, kind, unit, attributes ->> 'age_days' AS age_days, count(*), sum(quantity)
         FROM billable_events
        WHERE occurred_at >= timestamptz '2026-10-01 00:00:00+00' AND occurred_at < timestamptz '2026-11-01 00:00:00+00'
        GROUP BY 1, 2, 3, 4`,
    );
    best = Math.min(best, (performance.now() - started) / 1000);
    groups = result.rowCount ?? 0;
  }
  return { seconds: best, groups };
}

function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak;
    },
  };
}

/** The whole benchmark; also used by the smoke test with small numbers. */
export async function runBillingBench(o: BillingBenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const name = `landed_bench_billing_${Date.now()}`;
  const server = new pg.Client({ connectionString: o.url });
  await server.connect();
  await server.query(`CREATE DATABASE ${name}`);
  const target = new URL(o.url);
  target.pathname = `/${name}`;
  let database: Database | null = null;
  const admin = new pg.Client({ connectionString: target.toString() });
  try {
    database = await openDatabase({ kind: 'postgres', url: target.toString(), poolMax: 4 });
    log(`database ${name}: migrating and seeding the demo card…`);
    await migrate(database);
    const services: Services = createServices({ database });
    await services.installation.ensure();
    await seedDemo(services);
    await admin.connect();
    log(
      `writing ${eventPlan(o).total.toLocaleString('en-US')} events for ${o.accounts} accounts and ${o.lots.toLocaleString('en-US')} lots…`,
    );
    const events = await loadEvents(admin, o, log);
    const periodEvents = Number(
      (
        await admin.query<{ n: string }>(
          `SELECT count(*) AS n FROM billable_events WHERE occurred_at >= '2026-10-01T00:00:00Z' AND occurred_at < '2026-11-01T00:00:00Z'`,
        )
      ).rows[0]?.n,
    );

    log('timing the floor (bare GROUP BY, best of two)…');
    const floor = await floorSeconds(admin);
    log(`  ${floor.seconds.toFixed(2)} s, ${floor.groups.toLocaleString('en-US')} groups`);

    log(`billing ${PERIOD} for every account…`);
    const rss = rssSampler();
    const started = performance.now();
    let lastLogged = 0;
    // The first account is written right after the one pass over the events: the time to it is
    // the aggregation, the rest is pricing and writing the accounts, one transaction each.
    let firstWritten = 0;
    const run = await services.billing.run(FINANCE, {
      period: PERIOD,
      onProgress: (r) => {
        const now = performance.now();
        if (firstWritten === 0) firstWritten = now;
        if (now - lastLogged > 2000 || r.accountsDone === r.accountsTotal) {
          lastLogged = now;
          log(`  ${r.accountsDone} / ${r.accountsTotal} accounts, ${r.invoicesWritten} invoices`);
        }
      },
    });
    const wall = (performance.now() - started) / 1000;
    const peak = rss.stop();
    if (!run.ok) throw new Error(`billing run failed: ${run.error.message}`);
    log(
      `  ${wall.toFixed(2)} s, ${Math.round(periodEvents / wall).toLocaleString('en-US')} events/s, ${(wall / floor.seconds).toFixed(2)}× the floor`,
    );
    const aggregation = (firstWritten - started) / 1000;
    log(`  the one pass (to the first account written): ${aggregation.toFixed(2)} s; the accounts: ${(wall - aggregation).toFixed(2)} s`);

    // Every event of the period is on exactly one line of one invoice (storage events twice:
    // once for storage, once for the long-term bands), and there is one invoice per account.
    const check = await inScope(database.db, PROVIDER_SCOPE, async (tx) => {
      const [row] = await selectRows<{ invoices: number; accounts: number }>(
        tx,
        sql`SELECT (SELECT count(*) FROM invoices WHERE period = ${PERIOD} AND document_type = 'invoice')::int AS invoices,
                   (SELECT count(DISTINCT account_id) FROM billable_events
                     WHERE occurred_at >= '2026-10-01T00:00:00Z' AND occurred_at < '2026-11-01T00:00:00Z')::int AS accounts`,
      );
      return row as { invoices: number; accounts: number };
    });
    if (check.invoices !== check.accounts) throw new Error(`${check.invoices} invoices for ${check.accounts} accounts`);

    log('re-billing one account…');
    const one = performance.now();
    const again = await services.billing.run(FINANCE, { period: PERIOD, accountCode: 'BENCH00001' });
    const rebill = (performance.now() - one) / 1000;
    if (!again.ok) throw new Error(`re-billing failed: ${again.error.message}`);

    return {
      inputs: {
        events,
        period_events: periodEvents,
        accounts: o.accounts,
        lots: o.lots,
        period: PERIOD,
        invoices: check.invoices,
        database: 'postgres',
      },
      metrics: [
        { name: 'events_per_second', value: periodEvents / wall, unit: 'events/s', better: 'higher' },
        { name: 'billing_wall_seconds', value: wall, unit: 's', better: 'lower' },
        { name: 'floor_group_by_seconds', value: floor.seconds, unit: 's', better: 'lower' },
        { name: 'aggregation_seconds', value: aggregation, unit: 's', better: 'lower' },
        { name: 'accounts_written_seconds', value: wall - aggregation, unit: 's', better: 'lower' },
        { name: 'ratio_to_floor', value: wall / floor.seconds, unit: '×', target: 2, better: 'lower' },
        { name: 'peak_rss_mb', value: peak / 2 ** 20, unit: 'MiB', target: 1024, better: 'lower' },
        { name: 'rebill_one_account_seconds', value: rebill, unit: 's', target: 1, better: 'lower' },
      ],
    };
  } finally {
    await admin.end().catch(() => undefined);
    await database?.close();
    if (!o.keep) await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.end();
  }
}

export async function run(options: Record<string, string>, log: (line: string) => void): Promise<BenchResult> {
  return runBillingBench(
    {
      events: Number(options.events ?? 10_000_000),
      accounts: Number(options.accounts ?? 1000),
      lots: Number(options.lots ?? 100_000),
      url: process.env.BENCH_DATABASE_URL ?? DEFAULT_URL,
      keep: options.keep === 'true',
    },
    log,
  );
}
