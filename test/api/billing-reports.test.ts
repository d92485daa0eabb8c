/**
 * Billing reports through the API, against a hand-computed fixture: account REPORTS billed for
 * February and March 2026 on the demo standard card (US-STANDARD) under a plan with no monthly
 * minimum, and one quote written by hand. Every expected number is worked out in the comments.
 *
 * Billing time zone America/Los_Angeles; events at noon UTC of their day. February has 28 days,
 * March 31. The order meter is fed by a test event kind (`order_handled`, grouped by weight):
 * the orders module does not exist yet, so the test adds its meter map row as billing.test does.
 *
 * February:
 * - 4 cartons received × $2.50 = $10.00 (receiving)
 * - 10 orders of 0.8 lb × $1.20 = $12.00 (handling); 6 orders of 1 unit + 4 of 2 units = 14 units
 * - storage: lot A 14 ft³ every day aged 10–37 days, lot B 2 ft³ aged 200–227:
 *   (392 + 56) ft³·days ÷ 28 = 16 ft³·months × $0.65 = $10.40 (storage);
 *   B in the 181–270 band: 56 ÷ 28 = 2 × $1.00 = $2.00 (long-term); A in the free 0–180 band: no line
 * - 4 postage labels (not billed: no meter): UPS ups_ground × 3, USPS usps_ground_advantage × 1
 * - invoice $34.40, finalized, then a $1.00 credit note on the handling line → month $33.40
 * March:
 * - 20 orders of 1.5 lb × $1.50 = $30.00 (handling); no units attribute: 20 units
 * - storage: lot A 10 ft³ aged 38–68, lot C 1 ft³ aged 366–396: (310 + 31) ÷ 31 = 11 × $0.65 = $7.15;
 *   C in the 366+ band: 31 ÷ 31 = 1 × $4.00 = $4.00 (long-term)
 * - invoice $41.15
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { type BillableEventInput, recordBillableEvents } from '../../src/db/repositories/inventory-ledger.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { randomIds } from '../../src/services/create-services.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const clock = fixedClock(new Date('2026-04-02T12:00:00Z'));
const ids = randomIds({ now: () => new Date() });
let t: TestApp;
let account: string;
let staff: string;

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
let seq = 0;
function event(kind: string, day: string, quantity: string | number, unit: string, attributes: object = {}): BillableEventInput {
  seq += 1;
  return {
    accountId: account,
    kind,
    occurredAt: new Date(`${day}T12:00:00Z`),
    quantity,
    unit,
    attributes: attributes as Record<string, unknown>,
    sourceType: 'test',
    sourceId: `report-${seq}`,
    idempotencyKey: `report:${seq}`,
  };
}
const days = (month: string, count: number) => Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
const usd = (amount: string) => ({ currency: 'USD', amount_minor: String(Math.round(Number(amount) * 100)), amount });

beforeAll(async () => {
  t = await createTestApp({ clock });
  const db = t.db.database.db;
  await db.execute(
    sql`INSERT INTO billing_meter_map (event_kind, event_unit, meter, rule_id, group_key) VALUES ('order_handled', 'order', 'order', '', 'weight_lb')
        ON CONFLICT DO NOTHING`,
  );
  account = must(await t.services.accounts.create(SYSTEM_ACTOR, { code: 'REPORTS', name: 'Reports test' })).id;
  const standard = await t.services.rateCards.list(SYSTEM_ACTOR, { kind: 'standard', limit: 1 });
  const plan = must(
    await t.services.rateCards.create(SYSTEM_ACTOR, {
      code: 'REPORTS-PLAN',
      name: 'No minimum',
      kind: 'account_plan',
      accountId: account,
      baseCardId: standard.items[0]?.id,
    }),
  );
  must(
    await t.services.rateCards.addVersion(SYSTEM_ACTOR, plan.id, {
      effectiveFrom: '2026-01-01',
      document: { kind: 'account_plan', overrides: [], discounts: [], extraRules: [], minimumMonthlyCharge: '0' },
    }),
  );
  const written = new Date('2026-03-31T20:00:00Z');
  await db.transaction((tx) =>
    recordBillableEvents(tx, ids, written, [
      ...Array.from({ length: 4 }, () => event('receiving_carton', '2026-02-03', 1, 'carton')),
      ...Array.from({ length: 10 }, (_, i) => event('order_handled', '2026-02-10', 1, 'order', { weight_lb: 0.8, units: i < 6 ? 1 : 2 })),
      ...days('2026-02', 28).flatMap((day, i) => [
        event('storage_lot_day', day, '14', 'ft3_day', { lot_id: 'A', age_days: 10 + i }),
        event('storage_lot_day', day, '2', 'ft3_day', { lot_id: 'B', age_days: 200 + i }),
      ]),
      ...Array.from({ length: 3 }, () => event('postage_label', '2026-02-11', 1, 'parcel', { carrier: 'UPS', service: 'ups_ground' })),
      event('postage_label', '2026-02-12', 1, 'parcel', { carrier: 'USPS', service: 'usps_ground_advantage' }),
      ...Array.from({ length: 20 }, () => event('order_handled', '2026-03-10', 1, 'order', { weight_lb: 1.5 })),
      ...days('2026-03', 31).flatMap((day, i) => [
        event('storage_lot_day', day, '10', 'ft3_day', { lot_id: 'A', age_days: 38 + i }),
        event('storage_lot_day', day, '1', 'ft3_day', { lot_id: 'C', age_days: 366 + i }),
      ]),
    ]),
  );
  must(await t.services.billing.run(SYSTEM_ACTOR, { period: '2026-02', accountCode: 'REPORTS' }));
  const february = must(await t.services.billing.list(SYSTEM_ACTOR, { accountId: account, period: '2026-02', limit: 5 })).items[0];
  const finalized = must(await t.services.billing.finalize(SYSTEM_ACTOR, february?.id as string));
  expect(finalized.invoice.totalMinor).toBe(3440n);
  const handling = finalized.lines.find((l) => l.module === 'handling');
  must(
    await t.services.billing.creditNote(SYSTEM_ACTOR, february?.id as string, {
      reason: 'one order packed twice',
      lines: [{ lineId: handling?.id as string, amount: '1.00' }],
    }),
  );
  must(await t.services.billing.run(SYSTEM_ACTOR, { period: '2026-03', accountCode: 'REPORTS' }));
  // The seller's latest quote, written by hand: 20 units and 15 orders a month, $38.00 a month.
  const result = {
    quoteDate: '2026-01-15',
    volumes: { ordersPerMonth: '15', unitsPerMonth: '20', cartonsPerMonth: '1', cubicFeetOnHand: '20' },
    byModule: [
      { module: 'receiving', total: usd('8.00') },
      { module: 'handling', total: usd('20.00') },
      { module: 'storage', total: usd('10.00') },
    ],
  };
  await db.execute(
    sql`INSERT INTO quotes (id, account_id, request, result, card_versions, currency, monthly_total_minor, created_at)
        VALUES (${ids.next()}, ${account}, '{}'::jsonb, ${JSON.stringify(result)}::jsonb, '[]'::jsonb, 'USD', 3800, '2026-01-15T08:00:00Z')`,
  );
  staff = await t.as('finance');
});
afterAll(async () => t?.close());

const get = (cookie: string, query: string) => t.app.inject({ method: 'GET', url: `/v1/billing/reports?${query}`, headers: { cookie } });

describe('GET /v1/billing/reports', () => {
  it('gives cost per order and per unit by month, storage subtotals and the volume stored', async () => {
    const response = await get(staff, `from=2026-02&to=2026-03&account_id=${account}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.account_id).toBe(account);
    expect(body.months).toEqual([
      {
        period: '2026-02',
        currency: 'USD',
        invoices: 1,
        // $34.40 − $1.00 credit note.
        total: usd('33.40'),
        storage: usd('10.40'),
        long_term_storage: usd('2.00'),
        orders: '10',
        units: '14',
        ft3_months: '16.0000',
        // 33.40 ÷ 10 = 3.34; 33.40 ÷ 14 = 2.385714… → 2.3857.
        per_order: '3.3400',
        per_unit: '2.3857',
      },
      {
        period: '2026-03',
        currency: 'USD',
        invoices: 1,
        // 30.00 + 7.15 + 4.00.
        total: usd('41.15'),
        storage: usd('7.15'),
        long_term_storage: usd('4.00'),
        orders: '20',
        units: '20',
        ft3_months: '11.0000',
        // 41.15 ÷ 20 = 2.0575.
        per_order: '2.0575',
        per_unit: '2.0575',
      },
    ]);
  });

  it('gives the fee mix by module, credit notes included', async () => {
    const body = (await get(staff, `from=2026-02&to=2026-03&account_id=${account}`)).json();
    const mix = body.modules.map(
      (m: { period: string; module: string; amount: { amount: string } }) => `${m.period} ${m.module} ${m.amount.amount}`,
    );
    expect(mix).toEqual([
      // Handling: $12.00 − $1.00 credited.
      '2026-02 handling 11.00',
      '2026-02 long_term_storage 2.00',
      '2026-02 receiving 10.00',
      '2026-02 storage 10.40',
      '2026-03 handling 30.00',
      '2026-03 long_term_storage 4.00',
      '2026-03 storage 7.15',
    ]);
  });

  it('gives the volume by age band and long-term storage by the card’s bands', async () => {
    const body = (await get(staff, `from=2026-02&to=2026-03&account_id=${account}`)).json();
    expect(body.ageing).toEqual([
      // A: 392 ÷ 28 = 14; B: 56 ÷ 28 = 2 (ages 200–227).
      { period: '2026-02', band: '0-90', ft3_months: '14.0000' },
      { period: '2026-02', band: '181-270', ft3_months: '2.0000' },
      // A: 310 ÷ 31 = 10 (ages 38–68); C: 31 ÷ 31 = 1.
      { period: '2026-03', band: '0-90', ft3_months: '10.0000' },
      { period: '2026-03', band: '366+', ft3_months: '1.0000' },
    ]);
    expect(body.long_term).toEqual([
      { period: '2026-02', currency: 'USD', from_day: 181, to_day: 270, quantity: '2', amount: usd('2.00') },
      { period: '2026-03', currency: 'USD', from_day: 366, to_day: null, quantity: '1', amount: usd('4.00') },
    ]);
  });

  it('gives the carrier mix of postage events', async () => {
    const body = (await get(staff, `from=2026-02&to=2026-03&account_id=${account}`)).json();
    expect(body.carriers).toEqual([
      { carrier: 'UPS', service: 'ups_ground', parcels: 3, share: '0.7500' },
      { carrier: 'USPS', service: 'usps_ground_advantage', parcels: 1, share: '0.2500' },
    ]);
  });

  it('compares the latest quote with the actual months by fee module, per unit and per month', async () => {
    const body = (await get(staff, `from=2026-02&to=2026-03&account_id=${account}`)).json();
    const v = body.variance;
    expect(v).toMatchObject({
      quote_date: '2026-01-15',
      currency: 'USD',
      actual_currency: 'USD',
      comparable: true,
      quote_units_per_month: '20',
      actual_units: '34',
      actual_orders: '30',
      months: 2,
      quote_monthly_total: usd('38.00'),
      // (33.40 + 41.15) ÷ 2 = 37.275 → $37.28.
      actual_monthly_total: usd('37.28'),
    });
    const row = (module: string) => v.rows.find((r: { module: string }) => r.module === module);
    // Receiving: actual 10.00 over 2 months = $5.00 a month vs $8.00 quoted; per unit 10 ÷ 34 = 0.2941 vs 8 ÷ 20 = 0.4000.
    expect(row('receiving')).toEqual({
      module: 'receiving',
      quote_monthly: usd('8.00'),
      actual_monthly: usd('5.00'),
      variance_monthly: { currency: 'USD', amount_minor: '-300', amount: '-3.00' },
      quote_per_unit: '0.4000',
      actual_per_unit: '0.2941',
      variance_per_unit: '-0.1059',
    });
    // Handling: (11.00 + 30.00) ÷ 2 = $20.50 vs $20.00; per unit 41 ÷ 34 = 1.205882… → 1.2059 vs 1.0000.
    expect(row('handling')).toMatchObject({
      actual_monthly: usd('20.50'),
      variance_monthly: usd('0.50'),
      actual_per_unit: '1.2059',
      variance_per_unit: '0.2059',
    });
    // Storage: (10.40 + 7.15) ÷ 2 = 8.775 → $8.78 vs $10.00; per unit 17.55 ÷ 34 = 0.516176… → 0.5162 vs 0.5000.
    expect(row('storage')).toMatchObject({
      actual_monthly: usd('8.78'),
      variance_monthly: { currency: 'USD', amount_minor: '-122', amount: '-1.22' },
      quote_per_unit: '0.5000',
      actual_per_unit: '0.5162',
      variance_per_unit: '0.0162',
    });
    // Long-term storage was not quoted: (2.00 + 4.00) ÷ 2 = $3.00 a month more; per unit 6 ÷ 34 = 0.1765.
    expect(row('long_term_storage')).toMatchObject({
      quote_monthly: usd('0.00'),
      actual_monthly: usd('3.00'),
      quote_per_unit: '0.0000',
      actual_per_unit: '0.1765',
    });
  });

  it('refuses a bad range with a located error', async () => {
    const backwards = await get(staff, 'from=2026-05&to=2026-02');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toEqual(['to']);
    const tooLong = await get(staff, 'from=2020-01&to=2026-02');
    expect(tooLong.statusCode).toBe(400);
    expect((await get(staff, 'from=2026-13&to=2026-02')).statusCode).toBe(400);
  });
});

describe('tenancy', () => {
  it('a seller sees only its own months, and naming another account is not found', async () => {
    const seller = await t.as('seller_admin', 'THREADLINE');
    const threadline = await t.accountId('THREADLINE');
    const foreign = await get(seller, `from=2026-02&to=2026-03&account_id=${account}`);
    expect(foreign.statusCode).toBe(404);
    const own = await get(seller, 'from=2026-01&to=2026-12');
    expect(own.statusCode, own.body).toBe(200);
    const body = own.json();
    expect(body.account_id).toBe(threadline);
    expect(body.months.find((m: { period: string }) => m.period === '2026-02' || m.period === '2026-03')).toBeUndefined();
    // Its months are exactly its own invoices' totals.
    const expected = await selectRows<{ period: string; total: string }>(
      t.db.database.db,
      sql`SELECT period, sum(total_minor)::text AS total FROM invoices WHERE account_id = ${threadline} AND period BETWEEN '2026-01' AND '2026-12'
           GROUP BY 1 ORDER BY 1`,
    );
    expect(body.months.map((m: { period: string; total: { amount_minor: string } }) => [m.period, m.total.amount_minor])).toEqual(
      expected.map((e) => [e.period, e.total]),
    );
    // A seller naming itself is fine.
    expect((await get(seller, `from=2026-01&to=2026-12&account_id=${threadline}`)).statusCode).toBe(200);
  });

  it('staff across every account get the months of all, with no quote variance', async () => {
    const body = (await get(staff, 'from=2026-02&to=2026-03')).json();
    expect(body.account_id).toBeNull();
    expect(body.variance).toBeNull();
    expect(body.months.map((m: { period: string; total: { amount: string } }) => [m.period, m.total.amount])).toEqual([
      ['2026-02', '33.40'],
      ['2026-03', '41.15'],
    ]);
  });
});
