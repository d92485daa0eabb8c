/**
 * Billing through the database: a hand-computed invoice for a small month of activity (every
 * number below is worked out in the comments), proration of a mid-period plan change, late
 * events, idempotence, kill-and-resume, concurrent runs, immutability and gap-free numbers.
 *
 * October 2026 has 31 days; the billing time zone is America/Los_Angeles, so October runs from
 * 2026-10-01T07:00Z to 2026-11-01T07:00Z. Events are written at noon UTC of their day.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { inScope } from '../../src/db/tenancy.js';
import { type BillableEventInput, recordBillableEvents } from '../../src/db/repositories/inventory-ledger.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createServices, randomIds, type Services } from '../../src/services/create-services.js';
import { createTestDatabase, databaseKind, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
let services: Services;
const clock = fixedClock(new Date('2026-11-02T12:00:00Z'));
const ids = randomIds({ now: () => new Date() });
let handcalc: string;
let prorate: string;

const perUnit = (rate: string, unit: string, extra: object = {}) => ({ kind: 'per_unit', rate, unit, ...extra });
const rule = (id: string, module: string, meter: string, model: object) => ({ id, module, meter, label: { en: id, zh: id }, model });

/** The test's standard card: one rule per pricing model (sample prices). */
const STANDARD = {
  kind: 'standard',
  currency: 'USD',
  rules: [
    rule('receiving.carton', 'receiving', 'carton_received', perUnit('2.50', 'carton')),
    rule('receiving.unit', 'receiving', 'unit_received', {
      kind: 'tiered',
      mode: 'graduated',
      unit: 'unit',
      tiers: [
        { upTo: '1000', rate: '0.10' },
        { upTo: null, rate: '0.06' },
      ],
    }),
    rule('putaway.unit', 'putaway', 'unit_putaway', {
      kind: 'tiered',
      mode: 'volume',
      unit: 'unit',
      tiers: [
        { upTo: '500', rate: '0.12' },
        { upTo: null, rate: '0.08' },
      ],
    }),
    rule('storage.ft3', 'storage', 'storage_ft3_month', perUnit('0.65', 'ft3')),
    rule('storage.long_term', 'long_term_storage', 'aged_storage_ft3_month', {
      kind: 'age_banded',
      unit: 'ft3',
      bands: [
        { fromDay: 0, toDay: 180, rate: '0' },
        { fromDay: 181, toDay: 270, rate: '1.00' },
        { fromDay: 271, toDay: 365, rate: '2.00' },
        { fromDay: 366, toDay: null, rate: '4.00' },
      ],
    }),
    rule('handling.order', 'handling', 'order', {
      kind: 'table',
      rowUnit: 'lb',
      columnName: 'rate',
      unit: 'order',
      rows: [
        { upTo: '1', cells: { all: '1.20' } },
        { upTo: '2', cells: { all: '1.50' } },
        { upTo: '5', cells: { all: '2.00' } },
      ],
    }),
    rule('returns.restock', 'returns', 'return_unit_restock', perUnit('1.50', 'unit', { maximum: '20.00' })),
    rule('insurance.declared_value', 'insurance', 'insurance_declared_value', {
      kind: 'percentage',
      percent: '1.5',
      base: 'declared_value',
    }),
    rule('vas.relabel', 'value_added', 'add_on', perUnit('0.20', 'unit', { minimum: '5.00' })),
    rule('vas.qc', 'value_added', 'add_on', {
      kind: 'greater_of',
      branches: [
        { label: { en: 'per unit', zh: '按件' }, model: perUnit('0.25', 'unit') },
        { label: { en: 'per job', zh: '按单' }, quantityFrom: 'events', model: perUnit('2.00', 'job') },
      ],
    }),
    rule('vas.photo', 'value_added', 'add_on', {
      kind: 'lesser_of',
      branches: [
        { label: { en: 'per SKU', zh: '按 SKU' }, model: perUnit('3.00', 'sku') },
        { label: { en: 'capped', zh: '封顶' }, model: { kind: 'flat', amount: '10.00', unit: 'shoot' } },
      ],
    }),
    rule('vas.kitting', 'value_added', 'add_on', { kind: 'per_package', packageSize: '10', rate: '5.00', packageUnit: 'batch' }),
    rule('account.fee', 'operations', 'account_month', { kind: 'flat', amount: '99.00', unit: 'month' }),
  ],
  carrierServices: [],
  lanes: [],
  fx: [
    { date: '2026-10-15', from: 'USD', to: 'CNY', rate: '7.1234', source: 'sample' },
    { date: '2026-11-02', from: 'USD', to: 'CNY', rate: '7.2000', source: 'sample (after October: not used for it)' },
  ],
  minimumMonthlyCharge: '500.00',
};

const noon = (day: string) => new Date(`${day}T12:00:00Z`);
let seq = 0;
function event(
  accountId: string,
  kind: string,
  day: string,
  quantity: string | number,
  unit: string,
  attributes: object = {},
): BillableEventInput {
  seq += 1;
  return {
    accountId,
    kind,
    occurredAt: noon(day),
    quantity,
    unit,
    attributes: attributes as Record<string, unknown>,
    sourceType: 'test',
    sourceId: `src-${seq}`,
    idempotencyKey: `test:${seq}`,
  };
}
const record = (at: Date, events: BillableEventInput[]) => db.database.db.transaction((tx) => recordBillableEvents(tx, ids, at, events));
const octoberDays = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  db = await createTestDatabase();
  services = createServices({ database: db.database, clock });
  // Two event kinds of a module that does not exist yet join the meters by rows alone.
  await db.database.db.execute(
    sql`INSERT INTO billing_meter_map (event_kind, event_unit, meter, rule_id, group_key) VALUES
        ('order_handled', 'order', 'order', '', 'weight_lb'), ('insured_parcel', 'USD', 'insurance_declared_value', '', NULL)`,
  );
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const standard = must(
    await services.rateCards.create(SYSTEM_ACTOR, { code: 'BILLTEST-STD', name: 'Billing test card', kind: 'standard' }),
  );
  must(await services.rateCards.addVersion(SYSTEM_ACTOR, standard.id, { effectiveFrom: '2026-01-01', document: STANDARD }));
  handcalc = must(await services.accounts.create(SYSTEM_ACTOR, { code: 'HANDCALC', name: 'Hand calc' })).id;
  prorate = must(await services.accounts.create(SYSTEM_ACTOR, { code: 'PRORATE', name: 'Prorate' })).id;
  const planA = must(
    await services.rateCards.create(SYSTEM_ACTOR, {
      code: 'HANDCALC-PLAN',
      name: 'Plan',
      kind: 'account_plan',
      accountId: handcalc,
      baseCardId: standard.id,
    }),
  );
  must(
    await services.rateCards.addVersion(SYSTEM_ACTOR, planA.id, {
      effectiveFrom: '2026-01-01',
      document: {
        kind: 'account_plan',
        overrides: [{ ruleId: 'receiving.carton', model: perUnit('2.00', 'carton') }],
        discounts: [{ id: 'storage10', label: { en: '10% off storage', zh: '仓储九折' }, module: 'storage', percent: '10' }],
        extraRules: [rule('dedicated.space', 'storage', 'account_month', { kind: 'time_based', rate: '2.00', per: 'day', unit: 'bay' })],
      },
    }),
  );
  const planB = must(
    await services.rateCards.create(SYSTEM_ACTOR, {
      code: 'PRORATE-PLAN',
      name: 'Plan',
      kind: 'account_plan',
      accountId: prorate,
      baseCardId: standard.id,
    }),
  );
  const planB1 = {
    kind: 'account_plan',
    overrides: [{ ruleId: 'putaway.unit', model: perUnit('0.10', 'unit') }],
    discounts: [],
    extraRules: [],
    minimumMonthlyCharge: '310.00',
  };
  must(await services.rateCards.addVersion(SYSTEM_ACTOR, planB.id, { effectiveFrom: '2026-01-01', document: planB1 }));
  must(
    await services.rateCards.addVersion(SYSTEM_ACTOR, planB.id, {
      effectiveFrom: '2026-10-21',
      document: { ...planB1, overrides: [{ ruleId: 'putaway.unit', model: perUnit('0.20', 'unit') }], minimumMonthlyCharge: '620.00' },
    }),
  );

  const written = new Date('2026-10-31T20:00:00Z');
  const a = handcalc;
  await record(written, [
    // 12 cartons (one event each), 2 receipts of units, 2 putaways.
    ...Array.from({ length: 12 }, () => event(a, 'receiving_carton', '2026-10-03', 1, 'carton')),
    event(a, 'receiving_unit', '2026-10-03', 600, 'unit'),
    event(a, 'receiving_unit', '2026-10-25', 700, 'unit'),
    event(a, 'putaway_unit', '2026-10-04', 300, 'unit'),
    event(a, 'putaway_unit', '2026-10-26', 400, 'unit'),
    // Storage, every day of October: lot A 10 ft³ aged 100–130 days, lot B 20 ft³ aged 200–230,
    // lot C 3.1 ft³ aged 360–390 (6 days ≤ 365, then 25 days ≥ 366).
    ...octoberDays.flatMap((day, i) => [
      event(a, 'storage_lot_day', day, '10', 'ft3_day', { lot_id: 'A', age_days: 100 + i, units: 10, location_type: 'shelf' }),
      event(a, 'storage_lot_day', day, '20', 'ft3_day', { lot_id: 'B', age_days: 200 + i, units: 40, location_type: 'pallet' }),
      event(a, 'storage_lot_day', day, '3.1', 'ft3_day', { lot_id: 'C', age_days: 360 + i, units: 5, location_type: 'bin' }),
    ]),
    // 16 orders: 10 of 0.8 lb, 5 of 1.5 lb, 1 of 3 lb.
    ...Array.from({ length: 10 }, () => event(a, 'order_handled', '2026-10-10', 1, 'order', { weight_lb: 0.8 })),
    ...Array.from({ length: 5 }, () => event(a, 'order_handled', '2026-10-11', 1, 'order', { weight_lb: 1.5 })),
    event(a, 'order_handled', '2026-10-12', 1, 'order', { weight_lb: 3 }),
    event(a, 'return_processing', '2026-10-14', 15, 'unit'),
    event(a, 'insured_parcel', '2026-10-15', '236.80', 'USD'),
    event(a, 'insured_parcel', '2026-10-16', '100.00', 'USD'),
    event(a, 'vas_relabel', '2026-10-17', 8, 'unit'),
    event(a, 'vas_qc', '2026-10-18', 5, 'unit'),
    event(a, 'vas_qc', '2026-10-19', 7, 'unit'),
    event(a, 'vas_photos', '2026-10-20', 5, 'unit'),
    event(a, 'vas_kitting', '2026-10-21', 25, 'unit'),
    // Outside October: not on the October invoice.
    event(a, 'putaway_unit', '2026-09-30', 999, 'unit'),
  ]);
  const b = prorate;
  await record(written, [
    event(b, 'putaway_unit', '2026-10-05', 200, 'unit'),
    event(b, 'putaway_unit', '2026-10-25', 100, 'unit'),
    event(b, 'receiving_unit', '2026-10-05', 700, 'unit'),
    event(b, 'receiving_unit', '2026-10-25', 600, 'unit'),
  ]);
});
afterAll(async () => db?.drop());

async function invoiceOf(accountId: string, period: string) {
  const list = await services.billing.list(SYSTEM_ACTOR, { accountId, period, documentType: 'invoice', limit: 10 });
  if (!list.ok) throw new Error(list.error.message);
  expect(list.value.items).toHaveLength(1);
  const view = await services.billing.get(SYSTEM_ACTOR, list.value.items[0]?.id as string);
  if (!view.ok) throw new Error(view.error.message);
  return view.value;
}

const summary = (lines: { ruleId: string; quantity: string; rate: string; amountMinor: bigint }[]) =>
  lines.map((l) => `${l.ruleId} ${l.quantity} × ${l.rate} = ${(Number(l.amountMinor) / 100).toFixed(2)}`);

describe('a hand-computed October', () => {
  it('bills every pricing model, tiers across the period, age bands, discount, minimum and FX', async () => {
    const run = await services.billing.run(SYSTEM_ACTOR, { period: '2026-10', accountCode: 'HANDCALC' });
    expect(run.ok && run.value.status).toBe('completed');
    const { invoice, lines } = await invoiceOf(handcalc, '2026-10');
    expect(summary(lines)).toEqual([
      // Plan override: 12 cartons × $2.00 (the standard says $2.50) = $24.00.
      'receiving.carton 12 × 2 = 24.00',
      // Graduated across the month (600 on the 3rd + 700 on the 25th = 1300):
      // first 1000 × 0.10 + next 300 × 0.06 = 100 + 18 = $118.00 (the rate shown is the tier reached).
      'receiving.unit 1300 × 0.06 = 118.00',
      // Volume: 300 + 400 = 700 > 500, so all 700 × $0.08 = $56.00 (the 999 of 30 September are not October's).
      'putaway.unit 700 × 0.08 = 56.00',
      // ft³·days: A 10 × 31 = 310, B 20 × 31 = 620, C 3.1 × 31 = 96.1 → 1026.1 ÷ 31 days = 33.1 ft³·month
      // × $0.65 = 21.515 → half-up $21.52.
      'storage.ft3 33.1 × 0.65 = 21.52',
      // Age bands read each day's age: B's 620 ft³·days (ages 200–230) ÷ 31 = 20 × $1.00 = $20.00;
      // C's 6 days aged 360–365: 18.6 ÷ 31 = 0.6 × $2.00 = $1.20; its 25 days aged 366–390: 77.5 ÷ 31 = 2.5 × $4.00 = $10.00.
      // A (ages 100–130) is in the free band: no line.
      'storage.long_term 20 × 1 = 20.00',
      'storage.long_term 0.6 × 2 = 1.20',
      'storage.long_term 2.5 × 4 = 10.00',
      // Table by order weight: 10 orders ≤ 1 lb × $1.20 = $12.00; 5 ≤ 2 lb × $1.50 = $7.50; 1 ≤ 5 lb × $2.00 = $2.00.
      'handling.order 10 × 1.2 = 12.00',
      'handling.order 5 × 1.5 = 7.50',
      'handling.order 1 × 2 = 2.00',
      // Maximum: 15 units × $1.50 = $22.50, capped at $20.00.
      'returns.restock 15 × 1.5 = 20.00',
      // Percentage: (236.80 + 100.00) × 1.5% = 5.052 → $5.05.
      'insurance.declared_value 336.8 × 1.5% = 5.05',
      // Minimum: 8 × $0.20 = $1.60, raised to $5.00.
      'vas.relabel 8 × 0.2 = 5.00',
      // Greater of 12 units × $0.25 = $3.00 and 2 jobs × $2.00 = $4.00 → $4.00 (the chosen branch's quantity and rate).
      'vas.qc 2 × 2 = 4.00',
      // Lesser of 5 SKUs × $3.00 = $15.00 and a $10.00 cap → $10.00.
      'vas.photo 1 × 10 = 10.00',
      // Per package: ⌈25 ÷ 10⌉ = 3 batches × $5.00 = $15.00.
      'vas.kitting 3 × 5 = 15.00',
      // Flat: $99.00 a month.
      'account.fee 1 × 99 = 99.00',
      // Time-based (plan's extra rule): 1 bay × 31 days × $2.00 = $62.00.
      'dedicated.space 1 × 2 = 62.00',
      // Plan discount: 10% off the storage module's rounded lines (21.52 + 62.00 = 83.52) = 8.352 → −$8.35.
      'storage10 83.52 × -10% = -8.35',
      // Lines so far: 24 + 118 + 56 + 21.52 + 20 + 1.20 + 10 + 12 + 7.50 + 2 + 20 + 5.05 + 5 + 4 + 10 + 15 + 99 + 62 − 8.35
      // = 483.92; the card's minimum monthly charge is $500.00 → top-up 500.00 − 483.92 = $16.08.
      'minimum_monthly_charge 1 × 16.08 = 16.08',
    ]);
    expect(invoice.totalMinor).toBe(50000n);
    expect(invoice.currency).toBe('USD');
    // FX: the card's latest USD→CNY rate on or before 31 October (7.1234 of 15 October, not 7.2000 of 2 November):
    // 500.00 × 7.1234 = 3561.70 CNY.
    expect([invoice.fxCurrency, invoice.fxRate, invoice.fxDate, invoice.fxTotalMinor]).toEqual([
      'CNY',
      '7.12340000',
      '2026-10-15',
      356170n,
    ]);
    // Each line stores how many events it came from and their quantity sum.
    const byRule = (id: string) => lines.filter((l) => l.ruleId === id);
    expect(byRule('storage.ft3')[0]?.eventCount).toBe(93);
    expect(Number(byRule('storage.ft3')[0]?.eventQuantity)).toBe(1026.1);
    expect(byRule('storage.long_term').map((l) => l.eventCount)).toEqual([31, 6, 25]);
    expect(byRule('receiving.carton')[0]?.cardCode).toBe('HANDCALC-PLAN');
    expect(byRule('receiving.unit')[0]?.cardCode).toBe('BILLTEST-STD');
    expect((byRule('receiving.unit')[0]?.formula as { en: string } | undefined)?.en).toContain('first 1000 × $0.10 + next 300 × $0.06');
  });

  it('drills a line down to its events and their source records, and the count matches', async () => {
    const { invoice, lines } = await invoiceOf(handcalc, '2026-10');
    const band = lines.find((l) => l.ruleId === 'storage.long_term' && l.rate === '2');
    const page = await services.billing.lineEvents(SYSTEM_ACTOR, invoice.id, band?.id as string, { limit: 4 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.check).toEqual({ eventCount: 6, eventQuantity: expect.stringMatching(/^18\.60*$/), matches: true });
    expect(page.value.events).toHaveLength(4);
    expect(page.value.nextCursor).not.toBeNull();
    for (const e of page.value.events) {
      expect(e.attributes.lot_id).toBe('C');
      expect(Number(e.attributes.age_days)).toBeLessThanOrEqual(365);
      expect(e.sourceType).toBe('test');
    }
  });

  it('prorates a mid-period plan change: each part at its own version, tiers and minimum over the month', async () => {
    const run = await services.billing.run(SYSTEM_ACTOR, { period: '2026-10', accountCode: 'PRORATE' });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    const { invoice, lines } = await invoiceOf(prorate, '2026-10');
    expect(summary(lines)).toEqual([
      // Graduated on the month's 1300 units = $118.00, split by where the units fell:
      // 1–20 Oct: 118 × 700/1300 = 63.538… → $63.54; 21–31 Oct: 118 × 600/1300 = 54.461… → $54.46.
      'receiving.unit 700 × 0.06 = 63.54',
      'receiving.unit 600 × 0.06 = 54.46',
      // Plan v1 ($0.10) until 20 October, v2 ($0.20) from the 21st: 200 × 0.10 = $20.00; 100 × 0.20 = $20.00.
      'putaway.unit 200 × 0.1 = 20.00',
      'putaway.unit 100 × 0.2 = 20.00',
      // $99.00 a month by days: 99 × 20/31 = 63.870… → $63.87; 99 × 11/31 = 35.129… → $35.13.
      'account.fee 1 × 99 = 63.87',
      'account.fee 1 × 99 = 35.13',
      // Minimum by days: 310.00 × 20/31 + 620.00 × 11/31 = 200 + 220 = $420.00;
      // lines 63.54 + 54.46 + 20 + 20 + 63.87 + 35.13 = 257.00 → top-up $163.00.
      'minimum_monthly_charge 1 × 163 = 163.00',
    ]);
    expect(invoice.totalMinor).toBe(42000n);
    expect(lines.map((l) => l.cardVersion)).toEqual([1, 1, 1, 2, 1, 1, 2]);
  });
});

describe('runs', () => {
  it('re-running an open period gives the same draft: same ids, lines and totals', async () => {
    const before = await invoiceOf(handcalc, '2026-10');
    clock.advance(60_000);
    await services.billing.run(SYSTEM_ACTOR, { period: '2026-10', accountCode: 'HANDCALC' });
    const after = await invoiceOf(handcalc, '2026-10');
    expect(after.invoice.id).toBe(before.invoice.id);
    expect(after.invoice.totalMinor).toBe(before.invoice.totalMinor);
    const strip = (ls: typeof before.lines) => ls.map((l) => ({ ...l, selector: { ...(l.selector as object), createdThrough: null } }));
    expect(strip(after.lines)).toEqual(strip(before.lines));
  });

  it('a run of every account (one pass over the events) writes the same lines as a run of one account', async () => {
    const single = await invoiceOf(handcalc, '2026-10');
    await services.billing.run(SYSTEM_ACTOR, { period: '2026-10' });
    const batch = await invoiceOf(handcalc, '2026-10');
    const strip = (ls: typeof single.lines) => ls.map((l) => ({ ...l, selector: { ...(l.selector as object), createdThrough: null } }));
    expect(strip(batch.lines)).toEqual(strip(single.lines));
    expect((await invoiceOf(prorate, '2026-10')).invoice.totalMinor).toBe(42000n);
  });

  it('a run killed halfway, then run again, ends with exactly one invoice per account', async () => {
    const killed = services.billing.run(SYSTEM_ACTOR, { period: '2026-10', failAfter: 1 });
    await expect(killed).rejects.toThrow(/injected failure/);
    const runs = await services.billing.listRuns(SYSTEM_ACTOR, { period: '2026-10', limit: 5 });
    const failed = runs.ok ? runs.value.find((r) => r.status === 'failed') : undefined;
    expect(failed?.error).toMatch(/injected failure after 1 accounts/);
    expect(failed?.accountsDone).toBe(1);
    const again = await services.billing.run(SYSTEM_ACTOR, { period: '2026-10' });
    expect(again.ok && again.value.status).toBe('completed');
    const counts = await selectRows<{ account_id: string; n: string | number }>(
      db.database.db,
      sql`SELECT account_id, count(*) AS n FROM invoices WHERE period = '2026-10' AND document_type = 'invoice' GROUP BY 1`,
    );
    expect(counts.length).toBeGreaterThanOrEqual(2);
    for (const c of counts) expect(Number(c.n)).toBe(1);
  });

  it('two runs started at once for the same period write one invoice per account', async () => {
    const other = databaseKind() === 'postgres' ? createServices({ database: await db.openAnother(), clock }) : services;
    const [a, b] = await Promise.all([
      services.billing.run(SYSTEM_ACTOR, { period: '2026-10' }),
      other.billing.run(SYSTEM_ACTOR, { period: '2026-10' }),
    ]);
    expect(a.ok && a.value.status).toBe('completed');
    expect(b.ok && b.value.status).toBe('completed');
    const counts = await selectRows<{ n: string | number }>(
      db.database.db,
      sql`SELECT count(*) AS n FROM invoices WHERE period = '2026-10' AND document_type = 'invoice' GROUP BY account_id`,
    );
    for (const c of counts) expect(Number(c.n)).toBe(1);
    expect((await invoiceOf(handcalc, '2026-10')).invoice.totalMinor).toBe(50000n);
  });
});

describe('finalize, immutability, credit notes, late events', () => {
  it('finalizes with a gap-free number; the database refuses changes to a finalized invoice or its lines', async () => {
    const { invoice } = await invoiceOf(handcalc, '2026-10');
    const done = await services.billing.finalize(SYSTEM_ACTOR, invoice.id);
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.invoice.number).toMatch(/^INV-2026-\d{6}$/);
    const again = await services.billing.finalize(SYSTEM_ACTOR, invoice.id);
    expect(!again.ok && again.error.code).toBe('invalid_state');
    await expect(db.database.db.execute(sql`UPDATE invoices SET total_minor = 1 WHERE id = ${invoice.id}`)).rejects.toThrow();
    await expect(db.database.db.execute(sql`UPDATE invoice_lines SET amount_minor = 1 WHERE invoice_id = ${invoice.id}`)).rejects.toThrow();
    await expect(db.database.db.execute(sql`DELETE FROM invoice_lines WHERE invoice_id = ${invoice.id}`)).rejects.toThrow();
    // A re-run skips it.
    const rerun = await services.billing.run(SYSTEM_ACTOR, { period: '2026-10', accountCode: 'HANDCALC' });
    expect(rerun.ok && rerun.value.accountsSkipped).toBe(1);

    // The next number follows without a gap, even after a finalize that rolled back.
    const { invoice: other } = await invoiceOf(prorate, '2026-10');
    const n1 = Number(done.value.invoice.number?.slice(-6));
    await expect(
      db.database.db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE number_sequences SET next_value = next_value + 1 WHERE kind = 'invoice'`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const second = await services.billing.finalize(SYSTEM_ACTOR, other.id);
    expect(second.ok && Number(second.value.invoice.number?.slice(-6))).toBe(n1 + 1);
  });

  it('credits a line and an amount in its own series, never beyond what is left', async () => {
    const { invoice, lines } = await invoiceOf(handcalc, '2026-10');
    const relabel = lines.find((l) => l.ruleId === 'vas.relabel');
    const note = await services.billing.creditNote(SYSTEM_ACTOR, invoice.id, {
      reason: 'relabel redone',
      lines: [{ lineId: relabel?.id as string }],
    });
    if (!note.ok) throw new Error(note.error.message);
    expect(note.value.invoice.number).toMatch(/^CN-2026-\d{6}$/);
    expect(note.value.invoice.totalMinor).toBe(-500n);
    const kitting = lines.find((l) => l.ruleId === 'vas.kitting');
    const doubled = await services.billing.creditNote(SYSTEM_ACTOR, invoice.id, {
      reason: 'named twice',
      lines: [
        { lineId: kitting?.id as string, amount: '10.00' },
        { lineId: kitting?.id as string, amount: '10.00' },
      ],
    });
    expect(!doubled.ok && doubled.error.details?.[0]?.path).toEqual(['lines', 1, 'amount']);
    const twice = await services.billing.creditNote(SYSTEM_ACTOR, invoice.id, {
      reason: 'again',
      lines: [{ lineId: relabel?.id as string }],
    });
    expect(!twice.ok && twice.error.code).toBe('validation_failed');
    const amount = await services.billing.creditNote(SYSTEM_ACTOR, invoice.id, { reason: 'goodwill', amount: '10.00' });
    expect(amount.ok && amount.value.invoice.totalMinor).toBe(-1000n);
    const tooMuch = await services.billing.creditNote(SYSTEM_ACTOR, invoice.id, { reason: 'all', amount: '500.00' });
    expect(!tooMuch.ok && tooMuch.error.code).toBe('validation_failed');
    const view = await services.billing.get(SYSTEM_ACTOR, invoice.id);
    expect(view.ok && view.value.credited).toBe(-1500n);
  });

  it('refuses to finalize a draft computed before an earlier period was finalized, until it is run again', async () => {
    const created = await services.accounts.create(SYSTEM_ACTOR, { code: 'STALE', name: 'Stale draft' });
    if (!created.ok) throw new Error(created.error.message);
    const plan = await services.rateCards.getByCode(SYSTEM_ACTOR, 'BILLTEST-STD');
    if (!plan.ok) throw new Error(plan.error.message);
    const card = await services.rateCards.create(SYSTEM_ACTOR, {
      code: 'STALE-PLAN',
      name: 'Plan',
      kind: 'account_plan',
      accountId: created.value.id,
      baseCardId: plan.value.card.id,
    });
    if (!card.ok) throw new Error(card.error.message);
    await services.rateCards.addVersion(SYSTEM_ACTOR, card.value.id, {
      effectiveFrom: '2026-01-01',
      document: { kind: 'account_plan', overrides: [], discounts: [], extraRules: [] },
    });
    await record(new Date('2026-11-01T20:00:00Z'), [
      event(created.value.id, 'receiving_carton', '2026-10-10', 1, 'carton'),
      event(created.value.id, 'receiving_carton', '2026-11-01', 1, 'carton'),
    ]);
    await services.billing.run(SYSTEM_ACTOR, { period: '2026-10', accountCode: 'STALE' });
    await services.billing.run(SYSTEM_ACTOR, { period: '2026-11', accountCode: 'STALE' });
    const october = await invoiceOf(created.value.id, '2026-10');
    const november = await invoiceOf(created.value.id, '2026-11');
    const outOfOrder = await services.billing.finalize(SYSTEM_ACTOR, november.invoice.id);
    expect(!outOfOrder.ok && outOfOrder.error.message).toMatch(/Finalize 2026-10 first/);
    expect(october.lines.find((l) => l.ruleId === 'receiving.carton')?.eventCount).toBe(1);
    expect(november.lines.find((l) => l.ruleId === 'receiving.carton')?.eventCount).toBe(1);
    expect((await services.billing.finalize(SYSTEM_ACTOR, october.invoice.id)).ok).toBe(true);
    const stale = await services.billing.finalize(SYSTEM_ACTOR, november.invoice.id);
    expect(!stale.ok && stale.error.message).toMatch(/run 2026-11 again/);
    await services.billing.run(SYSTEM_ACTOR, { period: '2026-11', accountCode: 'STALE' });
    expect((await services.billing.finalize(SYSTEM_ACTOR, november.invoice.id)).ok).toBe(true);
  });

  it('bills an event recorded after October was finalized in November, on its own line with a note', async () => {
    clock.set(new Date('2026-11-20T12:00:00Z'));
    await record(new Date('2026-11-10T12:00:00Z'), [
      event(handcalc, 'receiving_carton', '2026-10-20', 1, 'carton'),
      event(handcalc, 'receiving_carton', '2026-11-05', 1, 'carton'),
    ]);
    const run = await services.billing.run(SYSTEM_ACTOR, { period: '2026-11', accountCode: 'HANDCALC' });
    if (!run.ok) throw new Error(run.error.message);
    const { lines } = await invoiceOf(handcalc, '2026-11');
    const cartons = lines.filter((l) => l.ruleId === 'receiving.carton');
    expect(cartons.map((l) => [l.quantity, l.amountMinor, l.note === null])).toEqual([
      ['1', 200n, true],
      ['1', 200n, false],
    ]);
    expect((cartons[1]?.note as { en: string } | undefined)?.en).toMatch(/Late events/);
    // The one-pass run of every account finds the same late line.
    await services.billing.run(SYSTEM_ACTOR, { period: '2026-11' });
    const batch = (await invoiceOf(handcalc, '2026-11')).lines.filter((l) => l.ruleId === 'receiving.carton');
    expect(batch.map((l) => [l.id, l.quantity, l.amountMinor, l.note === null])).toEqual(
      cartons.map((l) => [l.id, l.quantity, l.amountMinor, l.note === null]),
    );
    const late = await services.billing.lineEvents(
      SYSTEM_ACTOR,
      (await invoiceOf(handcalc, '2026-11')).invoice.id,
      cartons[1]?.id as string,
      { limit: 10 },
    );
    expect(late.ok && late.value.events.map((e) => e.occurredAt.toISOString())).toEqual(['2026-10-20T12:00:00.000Z']);
  });
});

describe('a broken card', () => {
  it('stops the run at the account whose cards cannot price it, naming it; the accounts before it stay billed', async () => {
    const created = await services.accounts.create(SYSTEM_ACTOR, { code: 'ZZ-NOCARD', name: 'No card in effect' });
    if (!created.ok) throw new Error(created.error.message);
    const std = await services.rateCards.getByCode(SYSTEM_ACTOR, 'BILLTEST-STD');
    if (!std.ok) throw new Error(std.error.message);
    const plan = await services.rateCards.create(SYSTEM_ACTOR, {
      code: 'ZZ-NOCARD-PLAN',
      name: 'Plan from next year',
      kind: 'account_plan',
      accountId: created.value.id,
      baseCardId: std.value.card.id,
    });
    if (!plan.ok) throw new Error(plan.error.message);
    // A closed volume tier up to 10 units cannot price 50 (beyond_tiers): the run stops there
    // rather than bill the account wrong; ZZ-NOCARD sorts last, so every other account is billed.
    await services.rateCards.addVersion(SYSTEM_ACTOR, plan.value.id, {
      effectiveFrom: '2026-01-01',
      document: {
        kind: 'account_plan',
        overrides: [
          { ruleId: 'putaway.unit', model: { kind: 'tiered', mode: 'volume', unit: 'unit', tiers: [{ upTo: '10', rate: '1' }] } },
        ],
        discounts: [],
        extraRules: [],
      },
    });
    await record(new Date('2026-11-01T20:00:00Z'), [event(created.value.id, 'putaway_unit', '2026-10-12', 50, 'unit')]);
    const run = await services.billing.run(SYSTEM_ACTOR, { period: '2026-10' });
    expect(!run.ok && run.error.message).toMatch(/The run stopped: ZZ-NOCARD: Rule putaway.unit/);
    const runs = await services.billing.listRuns(SYSTEM_ACTOR, { period: '2026-10', limit: 20 });
    const failed = runs.ok ? runs.value.find((r) => r.status === 'failed' && r.error?.includes('ZZ-NOCARD')) : undefined;
    expect(failed?.accountsDone).toBe((failed?.accountsTotal ?? 0) - 1);
  });
});

describe('row-level security on bills', () => {
  const asSeller = <T>(accountId: string, query: ReturnType<typeof sql>) =>
    inScope(db.database.db, { kind: 'seller', accountId }, (tx) => selectRows<T>(tx, query));

  it('shows a seller only its own invoices and lines from unfiltered SELECTs, and no runs', async () => {
    const invoices = await asSeller<{ account_id: string }>(handcalc, sql`SELECT DISTINCT account_id FROM invoices`);
    expect(invoices).toEqual([{ account_id: handcalc }]);
    const lines = await asSeller<{ account_id: string }>(handcalc, sql`SELECT DISTINCT account_id FROM invoice_lines`);
    expect(lines).toEqual([{ account_id: handcalc }]);
    expect(await asSeller(handcalc, sql`SELECT id FROM billing_runs`)).toEqual([]);
  });

  it('lets a seller change no invoice, not even its own draft', async () => {
    const { invoice } = await invoiceOf(handcalc, '2026-11');
    const updated = await asSeller(handcalc, sql`UPDATE invoices SET total_minor = 0 WHERE id = ${invoice.id} RETURNING id`);
    expect(updated).toEqual([]);
    const deleted = await asSeller(handcalc, sql`DELETE FROM invoice_lines WHERE invoice_id = ${invoice.id} RETURNING id`);
    expect(deleted).toEqual([]);
    expect((await invoiceOf(handcalc, '2026-11')).invoice.totalMinor).toBe(invoice.totalMinor);
  });
});
