/**
 * `npm run bench -- allocate`: allocations per second and latency on PostgreSQL through the
 * real service path (inScope under row-level security → one context query → landed_allocate),
 * with 32 concurrent clients:
 *
 * (a) one hot SKU every client fights over (all in one lot family: the worst case for locks);
 * (b) 10,000 SKUs with Zipf (s = 1) demand, the shape of a real catalogue's sales;
 * then a drain: the hot path on a SKU with exactly 2,000 units until every client is refused.
 *
 * Afterwards the database is checked: `oversells` counts lots with more allocated than on
 * hand, units allocated beyond the drain SKU's stock, and lots whose allocated bucket differs
 * from their open allocations. It must be 0.
 *
 * The database: BENCH_DATABASE_URL (a server whose user may CREATE DATABASE) or the default
 * postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.
 * Options: --clients=32 --seconds=10 --skus=10000 --keep (do not drop the database).
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase, selectRows } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { inScope, PROVIDER_SCOPE } from '../src/db/tenancy.js';
import type { Actor } from '../src/services/context.js';
import { createServices, type Services } from '../src/services/create-services.js';
import { seedDemo } from '../src/services/demo/seed-demo.js';
import type { BenchResult, Metric } from './lib.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const ZIPS = ['10001', '07030', '19103', '30301', '60601', '75201', '80202', '85001', '90012', '94103', '98101', '33101'];

/** Ranks 0…n−1 drawn with probability ∝ 1/(rank+1)^s. */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1) ** s;
    cdf[i] = total;
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export interface Phase {
  name: string;
  succeeded: number;
  refused: number;
  seconds: number;
  latencies: number[];
}

/** `clients` loops calling `once` until `until()` says stop; latency of every call in ms. */
export async function drive(
  name: string,
  clients: number,
  once: (client: number, n: number) => Promise<boolean>,
  until: (elapsedMs: number, refusedByClient: number) => boolean,
): Promise<Phase> {
  const latencies: number[] = [];
  let succeeded = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      let n = 0;
      let refusedHere = 0;
      while (!until(performance.now() - started, refusedHere)) {
        const t0 = performance.now();
        const ok = await once(client, n++);
        latencies.push(performance.now() - t0);
        if (ok) succeeded++;
        else {
          refused++;
          refusedHere++;
        }
      }
    }),
  );
  return { name, succeeded, refused, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

interface Fixture {
  accountId: string;
  hotSku: string;
  drainSku: string;
  catalogue: string[];
}

/** Bench SKUs and lots, written in bulk (the ledger still through its trigger). */
async function seedBenchStock(database: Database, skuCount: number): Promise<Fixture> {
  return inScope(database.db, PROVIDER_SCOPE, async (tx) => {
    const [account] = await selectRows<{ id: string }>(tx, sql`SELECT id FROM accounts WHERE code = 'VOLTBEE'`);
    const accountId = (account as { id: string }).id;
    await tx.execute(sql`
      INSERT INTO skus (id, account_id, seller_sku, length, width, height, dimension_unit, weight, weight_unit, status)
      SELECT landed_uuidv7(), ${accountId}, 'BENCH-' || lpad(g::text, 5, '0'), 20, 15, 5, 'cm', 300, 'g', 'active'
        FROM generate_series(0, ${skuCount + 1}) AS g`);
    const skus = await selectRows<{ id: string; seller_sku: string }>(
      tx,
      sql`SELECT id, seller_sku FROM skus WHERE account_id = ${accountId} AND seller_sku LIKE 'BENCH-%' ORDER BY seller_sku`,
    );
    const hotSku = (skus[0] as { id: string }).id;
    const drainSku = (skus[1] as { id: string }).id;
    const catalogue = skus.slice(2).map((s) => s.id);
    // Lots: the hot SKU 5 × 400,000 units in New Jersey; the drain SKU exactly 2,000; every
    // catalogue SKU 600 units in each US warehouse in two lots of different ages.
    await tx.execute(sql`
      WITH w AS (SELECT id, code, row_number() OVER (ORDER BY code) AS k FROM warehouses WHERE code IN ('US-NJ1', 'US-CA1')),
      plan AS (
        SELECT ${hotSku}::uuid AS sku, (SELECT id FROM w WHERE code = 'US-NJ1') AS wh, n AS part, 400000 AS units
          FROM generate_series(1, 5) AS n
        UNION ALL SELECT ${drainSku}::uuid, (SELECT id FROM w WHERE code = 'US-NJ1'), 1, 2000
        UNION ALL
        SELECT s.id, w.id, part, 300
          FROM skus s CROSS JOIN w CROSS JOIN generate_series(1, 2) AS part
         WHERE s.account_id = ${accountId} AND s.seller_sku LIKE 'BENCH-%' AND s.id NOT IN (${hotSku}::uuid, ${drainSku}::uuid)
      ), lots AS (
        INSERT INTO inventory_lots (id, account_id, sku_id, warehouse_id, code, source_type, received_on, created_at, updated_at)
        SELECT landed_uuidv7(), ${accountId}, sku, wh, 'B-' || substr(md5(sku::text || wh::text || part::text), 1, 16), 'adjustment',
               current_date - (part * 40), now(), now()
          FROM plan
        RETURNING id, sku_id, warehouse_id, received_on
      )
      INSERT INTO inventory_ledger (id, account_id, sku_id, warehouse_id, lot_id, movement, on_hand_delta, location_id, location_delta, reason_code,
                                    source_type, source_id, created_at)
      SELECT landed_uuidv7(), ${accountId}, l.sku_id, l.warehouse_id, l.id, 'adjust', p.units,
             (SELECT id FROM locations WHERE warehouse_id = l.warehouse_id AND code = 'RECEIVING'), p.units, 'opening_balance',
             'bench', 'seed', now()
        FROM lots l JOIN plan p ON p.sku = l.sku_id AND p.wh = l.warehouse_id
             AND l.received_on = current_date - (p.part * 40)`);
    return { accountId, hotSku, drainSku, catalogue };
  });
}

async function oversells(database: Database, fixture: Fixture): Promise<{ oversells: number; drained: number }> {
  return inScope(database.db, PROVIDER_SCOPE, async (tx) => {
    const [row] = await selectRows<{ over: number; beyond: number; drift: number; drained: number }>(
      tx,
      sql`SELECT
            (SELECT count(*) FROM inventory_lots WHERE allocated > on_hand)::int AS over,
            (SELECT greatest(0, sum(allocated) - 2000) FROM inventory_lots WHERE sku_id = ${fixture.drainSku})::int AS beyond,
            (SELECT count(*) FROM inventory_lots l
               LEFT JOIN (SELECT lot_id, sum(quantity) AS q FROM allocations WHERE status IN ('allocated', 'picked') GROUP BY lot_id) a ON a.lot_id = l.id
              WHERE l.account_id = ${fixture.accountId} AND coalesce(a.q, 0) <> l.allocated)::int AS drift,
            (SELECT sum(allocated) FROM inventory_lots WHERE sku_id = ${fixture.drainSku})::int AS drained`,
    );
    const r = row as { over: number; beyond: number; drift: number; drained: number };
    return { oversells: r.over + r.beyond + r.drift, drained: r.drained };
  });
}

function phaseMetrics(prefix: string, phase: Phase): Metric[] {
  return [
    {
      name: `${prefix}.allocations_per_second`,
      value: phase.succeeded / phase.seconds,
      unit: 'allocations/s',
      target: 2000,
      better: 'higher',
    },
    { name: `${prefix}.p50_ms`, value: percentile(phase.latencies, 50), unit: 'ms', better: 'lower' },
    { name: `${prefix}.p99_ms`, value: percentile(phase.latencies, 99), unit: 'ms', target: 50, better: 'lower' },
  ];
}

export interface AllocateBenchOptions {
  clients: number;
  seconds: number;
  skus: number;
  url: string;
  keep: boolean;
}

/** The whole benchmark; also used by the smoke test with small numbers. */
export async function runAllocateBench(o: AllocateBenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const name = `landed_bench_alloc_${Date.now()}`;
  const admin = new pg.Client({ connectionString: o.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(o.url);
  target.pathname = `/${name}`;
  let database: Database | null = null;
  try {
    database = await openDatabase({ kind: 'postgres', url: target.toString(), poolMax: o.clients + 2 });
    log(`database ${name}: migrating and seeding the demo…`);
    await migrate(database);
    const services: Services = createServices({ database });
    await services.installation.ensure();
    await seedDemo(services);
    log(`seeding ${o.skus} bench SKUs with stock…`);
    const fixture = await seedBenchStock(database, o.skus);
    // Fresh statistics, as autovacuum would have after a bulk load.
    await database.withConnection((conn) => conn.exec('ANALYZE'));
    const seller: Actor = { kind: 'api_key', id: 'bench', role: 'seller_user', accountId: fixture.accountId, userId: null };
    const random = seeded(2026);
    const zipf = zipfSampler(fixture.catalogue.length, 1, random);
    const allocate = async (reference: string, skuId: string, zip: string) => {
      const result = await services.allocations.allocate(seller, { reference, lines: [{ skuId, quantity: 1 }], shipToZip: zip });
      if (!result.ok && result.error.code !== 'insufficient_stock')
        throw new Error(`${reference}: ${result.error.code} ${result.error.message}`);
      return result.ok;
    };

    log('warming up…');
    await drive(
      'warm-up',
      o.clients,
      (c, n) => allocate(`W-${c}-${n}`, fixture.catalogue[(c * 7 + n) % fixture.catalogue.length] as string, '10001'),
      (ms) => ms > 1000,
    );

    log(`(a) one hot SKU, ${o.clients} clients, ${o.seconds} s…`);
    const hot = await drive(
      'hot',
      o.clients,
      (c, n) => allocate(`H-${c}-${n}`, fixture.hotSku, ZIPS[(c + n) % ZIPS.length] as string),
      (ms) => ms > o.seconds * 1000,
    );
    log(`    ${hot.succeeded} allocated, ${hot.refused} refused`);

    log(`(b) ${fixture.catalogue.length} SKUs, Zipf demand, ${o.clients} clients, ${o.seconds} s…`);
    const picks = Array.from({ length: 400_000 }, () => zipf());
    const spread = await drive(
      'zipf',
      o.clients,
      (c, n) =>
        allocate(
          `Z-${c}-${n}`,
          fixture.catalogue[picks[(c * 12_500 + n) % picks.length] as number] as string,
          ZIPS[(c * 3 + n) % ZIPS.length] as string,
        ),
      (ms) => ms > o.seconds * 1000,
    );
    log(`    ${spread.succeeded} allocated, ${spread.refused} refused`);

    log('drain: 2,000 units, every client until refused…');
    const drain = await drive(
      'drain',
      o.clients,
      (c, n) => allocate(`D-${c}-${n}`, fixture.drainSku, '10001'),
      (_ms, refusedHere) => refusedHere > 0,
    );
    const check = await oversells(database, fixture);
    log(`    ${drain.succeeded} allocated of 2,000, ${drain.refused} refused; oversells ${check.oversells}`);

    return {
      inputs: {
        database: 'postgresql',
        clients: o.clients,
        seconds_per_phase: o.seconds,
        catalogue_skus: fixture.catalogue.length,
        zipf_s: 1,
        lines_per_order: 1,
        path: 'service → one message: scope (RLS) + landed_allocate_request()',
        hot_refused: hot.refused,
        zipf_refused: spread.refused,
        drain_allocated: check.drained,
      },
      metrics: [
        ...phaseMetrics('hot_sku', hot),
        ...phaseMetrics('zipf_10k', spread),
        { name: 'oversells', value: check.oversells, unit: 'count', target: 0, better: 'lower' },
      ],
    };
  } finally {
    await database?.close();
    if (!o.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function run(options: Record<string, string>, log: (line: string) => void): Promise<BenchResult> {
  return runAllocateBench(
    {
      clients: Number(options.clients ?? 32),
      seconds: Number(options.seconds ?? 10),
      skus: Number(options.skus ?? 10_000),
      url: process.env.BENCH_DATABASE_URL ?? DEFAULT_URL,
      keep: options.keep === 'true',
    },
    log,
  );
}
