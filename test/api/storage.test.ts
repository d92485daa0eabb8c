/**
 * Storage accounting through the API: the daily snapshot at each warehouse's cutoff (what
 * moved after the cutoff is not in it), idempotent with its billable events, and the ageing
 * report with the surcharge from the account's age-banded rate card rule.
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { inScope, PROVIDER_SCOPE } from '../../src/db/tenancy.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { scheduleStorageSnapshots } from '../../src/services/inventory/storage-schedule.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addStock, freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let account: string;
let nj: string;
let operator: Record<string, string>;
let seller: Record<string, string>;
// The services run three days ahead, so the demo stock (loaded now, by the real clock) was
// there at the cutoffs of the days between, and stock added in the test comes after them.
const start = new Date(`${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}T12:00:00Z`);
const day = (offset: number) => new Date(start.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock(start) });
  account = await t.accountId('HOMELY');
  nj = await warehouseId(t.services, 'US-NJ1');
  operator = { cookie: await t.as('operator') };
  seller = { cookie: await t.as('seller_admin', 'HOMELY') };
});
afterAll(async () => t?.close());

const post = (url: string, headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url, headers, payload });
const eventsOf = async (date: string) => {
  const [row] = await inScope(t.db.database.db, PROVIDER_SCOPE, (tx) =>
    selectRows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM billable_events WHERE kind = 'storage_lot_day' AND attributes ->> 'snapshot_date' = ${date}`,
    ),
  );
  return row?.n ?? 0;
};

describe('storage snapshots', () => {
  it('snapshots every lot at the cutoff, once, with one billable event per row', async () => {
    const sku = await freshSku(t.services, account);
    // Received after yesterday's cutoff: not in yesterday's snapshot.
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: nj, quantity: 5 });
    const date = day(-2);
    const first = await post('/v1/storage/snapshots', operator, { date });
    expect(first.statusCode, first.body).toBe(200);
    const njRow = (
      first.json().warehouses as { warehouse_code: string; status: string; rows: number; new_rows: number; units: number }[]
    ).find((w) => w.warehouse_code === 'US-NJ1');
    expect(njRow?.status).toBe('taken');
    expect(njRow?.rows).toBeGreaterThan(50);
    expect(njRow?.new_rows).toBe(njRow?.rows);
    const inSnapshot = await inScope(t.db.database.db, PROVIDER_SCOPE, (tx) =>
      selectRows(tx, sql`SELECT 1 FROM storage_snapshots WHERE sku_id = ${sku} AND snapshot_date = ${date}`),
    );
    expect(inSnapshot).toEqual([]);
    const events = await eventsOf(date);
    const again = await post('/v1/storage/snapshots', operator, { date });
    const njAgain = (again.json().warehouses as { warehouse_code: string; rows: number; new_rows: number }[]).find(
      (w) => w.warehouse_code === 'US-NJ1',
    );
    expect(njAgain).toMatchObject({ rows: njRow?.rows, new_rows: 0 });
    expect(await eventsOf(date)).toBe(events);
    expect(events).toBeGreaterThanOrEqual(njRow?.rows ?? 0);
  });

  it('waits for the cutoff: a future date is skipped, or refused for one warehouse', async () => {
    const future = await post('/v1/storage/snapshots', operator, { date: day(3) });
    expect((future.json().warehouses as { status: string }[]).every((w) => w.status === 'cutoff_not_reached')).toBe(true);
    const one = await post('/v1/storage/snapshots', operator, { date: day(3), warehouse_id: nj });
    expect(one.json().error.code).toBe('invalid_state');
    expect((await post('/v1/storage/snapshots', operator, { date: '2026-02-30' })).statusCode).toBe(400);
    expect((await post('/v1/storage/snapshots', seller, { date: day(-1) })).statusCode).toBe(403);
  });
});

describe('the server takes the snapshots itself', () => {
  it('takes every snapshot whose cutoff has passed, catching up missed days, each once', async () => {
    const schedule = scheduleStorageSnapshots(t.services.storage, pino({ level: 'silent' }), 3_600_000);
    await schedule.idle();
    await schedule.stop();
    const taken = await inScope(t.db.database.db, PROVIDER_SCOPE, (tx) =>
      selectRows<{ snapshot_date: string; n: number }>(
        tx,
        sql`SELECT snapshot_date::text, count(*)::int AS n FROM storage_snapshots WHERE warehouse_id = ${nj} GROUP BY 1 ORDER BY 1`,
      ),
    );
    // Yesterday's cutoff has passed (caught up on start); today's (18:00 in New Jersey) has not.
    expect(taken.map((r) => r.snapshot_date)).toContain(day(-1));
    expect(taken.map((r) => r.snapshot_date)).not.toContain(day(0));
    const events = await eventsOf(day(-1));
    expect(events).toBeGreaterThan(0);
    // A second server, or the next check, finds nothing left to take.
    const again = await t.services.storage.takeDue();
    expect(again.filter((w) => w.warehouseCode === 'US-NJ1')).toEqual([]);
    expect(await eventsOf(day(-1))).toBe(events);
  });
});

describe('ageing report', () => {
  it('lists stock crossing 180 days soon with the monthly surcharge from the rate card', async () => {
    const sku = await freshSku(t.services, account); // 20 × 10 × 5 cm = 1,000 cm³ a unit
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: nj, quantity: 100, receivedOn: day(-170) });
    const response = await t.app.inject({ method: 'GET', url: '/v1/inventory/ageing?horizon_days=30', headers: seller });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as {
      data: {
        sku_id: string;
        threshold: number;
        days_until: number;
        cubic_feet: string;
        monthly_increase: { amount: string } | null;
        rule_id: string;
      }[];
      bands: { band: string; units: number }[];
      totals: { amount: string }[];
    };
    const mine = report.data.find((r) => r.sku_id === sku);
    // 100 × 1,000 cm³ = 3.5315 ft³; the standard card's long-term rule: 0–180 days $0, 181–270 $1.00 per ft³·month.
    expect(mine).toMatchObject({ threshold: 180, days_until: 11, cubic_feet: '3.5315', rule_id: 'storage.long_term' });
    expect(mine?.monthly_increase?.amount).toBe('3.53');
    expect(report.bands.some((b) => b.band === '365+' && b.units > 0)).toBe(true);
    expect(report.totals.length).toBe(1);
  });
});
