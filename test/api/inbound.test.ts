/**
 * Inbound through the HTTP API: a seller plans cartons to New Jersey and submits; staff record
 * the first leg and customs; an operator receives by scanner (a short, damaged units, an
 * unknown barcode refused, an over-receipt refused then confirmed), completes receiving and
 * puts the goods away. Bad input — a code not on the ASN, more than planned, a warehouse the
 * account may not use, malformed sheet rows — is a clear error and leaves the ledger alone.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from './multipart.js';

let t: TestApp;
let threadline: string;
let seller: string;
let operator: string;

beforeAll(async () => {
  t = await createTestApp();
  threadline = await t.accountId('THREADLINE');
  seller = await t.as('seller_admin', 'THREADLINE');
  operator = await t.as('operator');
});
afterAll(async () => t?.close());

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return selectRows<T>(t.db.database.db, query);
}

async function ledgerCount(): Promise<number> {
  const [r] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM inventory_ledger WHERE account_id = ${threadline}`);
  return Number(r?.n);
}

async function count(table: string, planId?: string): Promise<number> {
  const where = planId ? sql` WHERE plan_id = ${planId}` : sql``;
  const [r] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}${where}`);
  return Number(r?.n);
}

const api = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const PLAN = {
  destination_warehouse: 'US-NJ1',
  origin_warehouse: 'CN-SZX1',
  freight_mode: 'sea',
  reference: 'PO-118',
  cartons: [
    {
      count: 2,
      length: '60',
      width: '40',
      height: '40',
      dimension_unit: 'cm',
      weight: '12.5',
      weight_unit: 'kg',
      items: [{ sku: 'TL-TEE-BLK-M', quantity: 24 }],
    },
    {
      length: '50',
      width: '40',
      height: '30',
      dimension_unit: 'cm',
      weight: '8',
      weight_unit: 'kg',
      items: [
        { sku: 'TL-TEE-BLK-L', quantity: 10 },
        { sku: 'TL-TEE-BLK-S', quantity: 6, declared_value: '2.00', declared_currency: 'USD' },
      ],
    },
  ],
};

interface Plan {
  id: string;
  number: string;
  status: string;
  cartons: {
    id: string;
    carton_no: number;
    barcode: string;
    status: string;
    items: { seller_sku: string; quantity: number; received: number; damaged: number }[];
  }[];
  skus: {
    seller_sku: string;
    planned: number;
    received: number;
    damaged: number;
    staged: number;
    lot: { id: string; code: string; received_on: string | null; inbound: number; on_hand: number; damaged: number } | null;
  }[];
  discrepancies: { kind: string; carton_no: number | null; seller_sku: string | null; scanned_barcode: string | null; quantity: number }[];
  warnings: { code: string; sku?: string }[];
  totals: { cartons: number; units: number; weight_kg: string; volume_m3: string; declared_value: { currency: string; amount: string }[] };
  timeline: { status: string }[];
  customs: { status: string; filed_on: string | null; released_on: string | null };
}

describe('plan → submit → first leg → receive with discrepancies → complete → putaway', () => {
  let plan: Plan;
  const sku = (p: Plan, name: string) => p.skus.find((s) => s.seller_sku === name) as Plan['skus'][number];
  const receive = (body: object) => api(operator, 'POST', `/v1/inbound-plans/${plan.id}/receive`, body);

  it('creates a draft with numbered, barcoded cartons and totals', async () => {
    const response = await api(seller, 'POST', '/v1/inbound-plans', PLAN);
    expect(response.statusCode, response.body).toBe(201);
    plan = response.json();
    expect(plan.number).toMatch(/^ASN-\d{4}-\d{6}$/);
    expect(plan.status).toBe('draft');
    expect(plan.cartons.map((c) => [c.carton_no, c.barcode, c.items.map((i) => `${i.seller_sku}×${i.quantity}`).join('+')])).toEqual([
      [1, `${plan.number}-C0001`, 'TL-TEE-BLK-M×24'],
      [2, `${plan.number}-C0002`, 'TL-TEE-BLK-M×24'],
      [3, `${plan.number}-C0003`, 'TL-TEE-BLK-L×10+TL-TEE-BLK-S×6'],
    ]);
    // 2 × 12.5 + 8 kg; 2 × 0.096 + 0.06 m³; 58 × 3.20 + 6 × 2.00 declared.
    expect(plan.totals).toMatchObject({ cartons: 3, units: 64, weight_kg: '33.000', volume_m3: '0.252' });
    expect(plan.totals.declared_value).toEqual([expect.objectContaining({ currency: 'USD', amount: '197.60' })]);
    // TL-TEE-BLK-S declared at 2.00 under its recorded 3.20.
    expect(plan.warnings.map((w) => `${w.code}:${w.sku}`)).toEqual(['declared_below_recorded:TL-TEE-BLK-S']);
    expect(sku(plan, 'TL-TEE-BLK-M').lot).toBeNull();
  });

  it('refuses receiving a draft (409 invalid_state) and an operator cannot be bypassed by a seller (403)', async () => {
    const draft = await receive({ type: 'scan', barcode: plan.cartons[0]?.barcode });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error.code).toBe('invalid_state');
    const bySeller = await api(seller, 'POST', `/v1/inbound-plans/${plan.id}/receive`, { type: 'scan', barcode: 'X' });
    expect(bySeller.statusCode).toBe(403);
  });

  it('submits: one lot per SKU, planned units posted as expected stock', async () => {
    const before = await ledgerCount();
    const response = await api(seller, 'POST', `/v1/inbound-plans/${plan.id}/submit`);
    expect(response.statusCode, response.body).toBe(200);
    plan = response.json();
    expect(plan.status).toBe('submitted');
    expect(sku(plan, 'TL-TEE-BLK-M').lot).toMatchObject({
      code: `${plan.number}/TL-TEE-BLK-M`,
      inbound: 48,
      on_hand: 0,
      received_on: null,
    });
    expect(sku(plan, 'TL-TEE-BLK-S').lot?.inbound).toBe(6);
    expect(await ledgerCount()).toBe(before + 3);
    const again = await api(seller, 'POST', `/v1/inbound-plans/${plan.id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(await ledgerCount()).toBe(before + 3);
  });

  it('lets staff record departure, customs and arrival; sellers may not', async () => {
    const bySeller = await api(seller, 'PATCH', `/v1/inbound-plans/${plan.id}/shipment`, { status: 'in_transit' });
    expect(bySeller.statusCode).toBe(403);
    const sailed = await api(operator, 'PATCH', `/v1/inbound-plans/${plan.id}/shipment`, {
      status: 'in_transit',
      vessel: 'COSCO SHIPPING ARIES',
      voyage: '112E',
      container_number: 'cscu1234567',
      etd: '2026-11-02',
      eta: '2026-11-20',
      customs_status: 'filed',
      customs_filed_on: '2026-11-18',
    });
    expect(sailed.statusCode, sailed.body).toBe(200);
    expect(sailed.json()).toMatchObject({
      status: 'in_transit',
      container_number: 'CSCU1234567',
      customs: { status: 'filed', filed_on: '2026-11-18' },
    });
    const backwards = await api(operator, 'PATCH', `/v1/inbound-plans/${plan.id}/shipment`, { customs_status: 'not_filed' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0]).toMatchObject({ path: ['customs_status'], code: 'invalid_customs_step' });
    const arrived = await api(operator, 'PATCH', `/v1/inbound-plans/${plan.id}/shipment`, {
      status: 'arrived',
      customs_status: 'released',
    });
    expect(arrived.statusCode).toBe(200);
    expect(arrived.json().timeline.map((s: { status: string }) => s.status)).toEqual(['draft', 'submitted', 'in_transit', 'arrived']);
    const sellerCancel = await api(seller, 'POST', `/v1/inbound-plans/${plan.id}/cancel`, {});
    expect(sellerCancel.statusCode).toBe(409);
    expect(sellerCancel.json().error.message).toContain('ask the warehouse');
  });

  it('opens a carton by its barcode and writes one receiving_carton event', async () => {
    const response = await receive({ type: 'scan', barcode: plan.cartons[0]?.barcode.toLowerCase(), scan_id: 'open-1' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      result: 'carton_opened',
      plan_status: 'receiving',
      carton: { carton_no: 1, status: 'opened' },
    });
    const again = await receive({ type: 'scan', barcode: plan.cartons[0]?.barcode, scan_id: 'open-1' });
    expect(again.json().replayed).toBe(true);
    const events = await rows(
      sql`SELECT kind, quantity, attributes FROM billable_events WHERE account_id = ${threadline} AND kind = 'receiving_carton' AND attributes->>'plan_number' = ${plan.number}`,
    );
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'receiving_carton',
        attributes: expect.objectContaining({ carton_no: 1, length_mm: 600, weight_g: 12500 }),
      }),
    ]);
  });

  it('refuses a barcode that is not on the ASN, naming it, and writes nothing', async () => {
    const before = {
      ledger: await ledgerCount(),
      receipts: await count('inbound_receipts', plan.id),
      discrepancies: await count('receiving_discrepancies', plan.id),
    };
    for (const barcode of ['NOT-ON-ASN-42', '840123000999', 'TL-TEE-WHT-M']) {
      const response = await receive({ type: 'scan', barcode, quantity: 3 });
      expect(response.statusCode, barcode).toBe(422);
      expect(response.json().error).toMatchObject({
        code: 'unknown_barcode',
        details: [expect.objectContaining({ path: ['barcode'], code: 'unknown_barcode' })],
      });
      expect(response.json().error.message).toContain(barcode);
      expect(response.json().error.message).toContain(plan.number);
    }
    expect(await ledgerCount()).toBe(before.ledger);
    expect(await count('inbound_receipts', plan.id)).toBe(before.receipts);
    expect(await count('receiving_discrepancies', plan.id)).toBe(before.discrepancies);
  });

  it('receives units by UPC into staging, relieving expected stock', async () => {
    // TL-TEE-BLK-M's UPC, as an EAN-13 with its leading zero.
    const response = await receive({
      type: 'scan',
      barcode: '0840123000026',
      quantity: 24,
      carton: plan.cartons[0]?.barcode,
      scan_id: 'm-24',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      result: 'units_received',
      sku: { seller_sku: 'TL-TEE-BLK-M', planned: 48, received: 24, damaged: 0 },
      over: 0,
    });
    const retry = await receive({
      type: 'scan',
      barcode: '0840123000026',
      quantity: 24,
      carton: plan.cartons[0]?.barcode,
      scan_id: 'm-24',
    });
    expect(retry.json()).toMatchObject({ replayed: true, sku: { received: 24 } });
  });

  it('puts damaged units at DAMAGED and records them as a discrepancy', async () => {
    const carton = plan.cartons[1]?.barcode;
    expect((await receive({ type: 'scan', barcode: 'X00TL00002', quantity: 20, carton })).statusCode).toBe(200);
    const damaged = await receive({ type: 'scan', barcode: 'TL-TEE-BLK-M', quantity: 2, damaged: true, carton });
    expect(damaged.statusCode).toBe(200);
    expect(damaged.json()).toMatchObject({ damaged: 2, sku: { received: 44, damaged: 2 } });
  });

  it('refuses more than planned unless confirmed, and records a confirmed extra as over', async () => {
    const before = await ledgerCount();
    const carton = plan.cartons[1]?.barcode;
    const over = await receive({ type: 'scan', barcode: 'TL-TEE-BLK-M', quantity: 5, carton });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'conflict', details: [expect.objectContaining({ code: 'over_receipt' })] });
    expect(over.json().error.message).toContain('by 3');
    expect(await ledgerCount()).toBe(before);
    const notInCarton = await receive({ type: 'scan', barcode: 'TL-TEE-BLK-L', quantity: 1, carton });
    expect(notInCarton.statusCode).toBe(409);
    expect(notInCarton.json().error.message).toContain('not planned in carton 2');
    const confirmed = await receive({ type: 'scan', barcode: 'TL-TEE-BLK-L', quantity: 1, carton, accept_over: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ over: 1, sku: { seller_sku: 'TL-TEE-BLK-L', planned: 10, received: 1 } });
  });

  it('closes a carton with counts, refusing an unknown SKU in the counts', async () => {
    const carton = plan.cartons[2]?.barcode;
    const bad = await receive({
      type: 'close_carton',
      carton,
      counts: [
        { barcode: 'TL-TEE-BLK-L', good: 9 },
        { barcode: 'NOPE-1', good: 1 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({ path: ['counts', 1, 'barcode'], code: 'unknown_barcode' });
    const closed = await receive({
      type: 'close_carton',
      carton,
      counts: [
        { barcode: 'TL-TEE-BLK-L', good: 9 },
        { barcode: 'TL-TEE-BLK-S', good: 4, damaged: 0 },
      ],
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ result: 'carton_closed', quantity: 13, carton: { status: 'received' } });
    const unknown = await receive({
      type: 'record_unknown',
      kind: 'unknown_sku',
      barcode: 'NOT-ON-ASN-42',
      quantity: 3,
      carton,
      note: 'red hoodies',
    });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().result).toBe('unknown_recorded');
  });

  it('completes receiving: shorts recorded, what was expected and never came is cancelled', async () => {
    const response = await api(operator, 'POST', `/v1/inbound-plans/${plan.id}/complete`);
    expect(response.statusCode, response.body).toBe(200);
    plan = response.json();
    expect(plan.status).toBe('received');
    const d = (kind: string) =>
      plan.discrepancies.filter((x) => x.kind === kind).map((x) => [x.carton_no, x.seller_sku ?? x.scanned_barcode, x.quantity]);
    expect(d('damaged')).toEqual([[2, 'TL-TEE-BLK-M', 2]]);
    expect(d('over')).toEqual([[2, 'TL-TEE-BLK-L', 1]]);
    expect(d('unknown_sku')).toEqual([[3, 'NOT-ON-ASN-42', 3]]);
    expect(d('short')).toEqual(
      expect.arrayContaining([
        [2, 'TL-TEE-BLK-M', 2],
        [3, 'TL-TEE-BLK-S', 2],
      ]),
    );
    expect(sku(plan, 'TL-TEE-BLK-M').lot).toMatchObject({ inbound: 0, on_hand: 44, damaged: 2 });
    expect(sku(plan, 'TL-TEE-BLK-M').lot?.received_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 1 over in carton 2 + 9 counted in carton 3: the over unit relieves expected stock like any other.
    expect(sku(plan, 'TL-TEE-BLK-L').lot).toMatchObject({ inbound: 0, on_hand: 10 });
    expect(sku(plan, 'TL-TEE-BLK-S')).toMatchObject({ received: 4, staged: 4, lot: expect.objectContaining({ inbound: 0, on_hand: 4 }) });
    expect(sku(plan, 'TL-TEE-BLK-M').staged).toBe(44);
    const units = await rows<{ kind: string; n: string }>(
      sql`SELECT kind, sum(quantity)::text AS n FROM billable_events WHERE account_id = ${threadline} AND (attributes->>'plan_number') = ${plan.number} GROUP BY kind ORDER BY kind`,
    );
    expect(units).toEqual([
      { kind: 'receiving_carton', n: '3.0000' },
      { kind: 'receiving_unit', n: '60.0000' },
    ]);
    // Stock on the dock equals on hand + damaged of the plan's lots.
    const [balance] = await rows<{ located: number; held: number }>(sql`
      SELECT (SELECT sum(s.quantity) FROM location_stock s JOIN inventory_lots l ON l.id = s.lot_id WHERE l.source_id = ${plan.id})::int AS located,
             (SELECT sum(on_hand + damaged) FROM inventory_lots WHERE source_id = ${plan.id})::int AS held`);
    expect(balance?.located).toBe(balance?.held);
  });

  it('puts away to a bin, warns near capacity, refuses beyond it unless confirmed', async () => {
    const [nj] = await rows<{ id: string }>(sql`SELECT id FROM warehouses WHERE code = 'US-NJ1'`);
    await t.db.database.db.execute(
      sql`INSERT INTO locations (id, warehouse_id, code, zone, location_type, capacity_units, status, created_at)
          VALUES ('01900000-0000-7000-8000-00000000b001', ${nj?.id}, 'T-01-01', 'T', 'bin', 48, 'active', now())`,
    );
    const put = await api(operator, 'POST', '/v1/putaway', {
      plan_id: plan.id,
      sku: 'TL-TEE-BLK-M',
      to_location: 't-01-01',
      quantity: 44,
      request_id: 'put-1',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      from_location: 'RECEIVING',
      to_location: 'T-01-01',
      quantity: 44,
      units_at_location: 44,
      capacity_units: 48,
      warnings: [expect.objectContaining({ code: 'near_capacity' })],
    });
    const retry = await api(operator, 'POST', '/v1/putaway', {
      plan_id: plan.id,
      sku: 'TL-TEE-BLK-M',
      to_location: 'T-01-01',
      quantity: 44,
      request_id: 'put-1',
    });
    expect(retry.json()).toMatchObject({ replayed: true, quantity: 44, units_at_location: 44 });

    const before = await ledgerCount();
    const lotL = sku(plan, 'TL-TEE-BLK-L').lot?.id;
    const full = await api(operator, 'POST', '/v1/putaway', { lot_id: lotL, to_location: 'T-01-01', quantity: 10 });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.details[0]).toMatchObject({ path: ['to_location'], code: 'capacity_exceeded' });
    const tooMany = await api(operator, 'POST', '/v1/putaway', { lot_id: lotL, to_location: 'A-01-01', quantity: 11 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.code).toBe('insufficient_stock');
    const dock = await api(operator, 'POST', '/v1/putaway', { lot_id: lotL, to_location: 'DAMAGED', quantity: 1 });
    expect(dock.statusCode).toBe(400);
    expect(await ledgerCount()).toBe(before);
    const confirmed = await api(operator, 'POST', '/v1/putaway', {
      lot_id: lotL,
      to_location: 'T-01-01',
      quantity: 10,
      allow_over_capacity: true,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().warnings[0].code).toBe('over_capacity');

    const after = (await api(seller, 'GET', `/v1/inbound-plans/${plan.id}`)).json() as Plan;
    expect(sku(after, 'TL-TEE-BLK-M').staged).toBe(0);
    const [events] = await rows<{ n: string }>(
      sql`SELECT sum(quantity)::text AS n FROM billable_events WHERE account_id = ${threadline} AND kind = 'putaway_unit' AND attributes->>'lot_code' LIKE ${`${plan.number}/%`}`,
    );
    expect(events?.n).toBe('54.0000');
  });

  it('shows the seller the plan, its discrepancies and its lots; closes', async () => {
    const list = await api(seller, 'GET', '/v1/inbound-plans?status=received');
    expect(list.json().data.map((p: { id: string }) => p.id)).toContain(plan.id);
    const closed = await api(operator, 'POST', `/v1/inbound-plans/${plan.id}/close`);
    expect(closed.json().status).toBe('closed');
    const late = await api(operator, 'POST', `/v1/inbound-plans/${plan.id}/receive`, { type: 'scan', barcode: 'TL-TEE-BLK-M' });
    expect(late.statusCode).toBe(409);
  });
});

describe('two scanners on one plan', () => {
  it('never receives more than planned: concurrent scans take turns on the plan lock', async () => {
    const created = await api(seller, 'POST', '/v1/inbound-plans', {
      ...PLAN,
      cartons: [{ ...PLAN.cartons[0], count: 1, items: [{ sku: 'TL-CAP-BLK', quantity: 5 }] }],
    });
    const id = created.json().id as string;
    expect((await api(seller, 'POST', `/v1/inbound-plans/${id}/submit`)).statusCode).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api(operator, 'POST', `/v1/inbound-plans/${id}/receive`, { type: 'scan', barcode: 'TL-CAP-BLK', scan_id: `cap-${i}` }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    const plan = (await api(seller, 'GET', `/v1/inbound-plans/${id}`)).json() as Plan;
    expect(plan.skus[0]).toMatchObject({ planned: 5, received: 5, staged: 5, lot: expect.objectContaining({ inbound: 0, on_hand: 5 }) });
    const [events] = await rows<{ n: string }>(
      sql`SELECT sum(quantity)::text AS n FROM billable_events WHERE account_id = ${threadline} AND kind = 'receiving_unit' AND attributes->>'plan_number' = ${plan.number}`,
    );
    expect(events?.n).toBe('5.0000');
  });
});

describe('bad plans', () => {
  it('names every problem by its path and saves nothing', async () => {
    const before = await count('inbound_plans');
    const response = await api(seller, 'POST', '/v1/inbound-plans', {
      ...PLAN,
      freight_mode: 'rail',
      cartons: [
        { ...PLAN.cartons[0], length: '0', items: [] },
        { ...PLAN.cartons[1], items: [{ sku: 'NO-SUCH-SKU', quantity: 0 }] },
      ],
    });
    expect(response.statusCode).toBe(400);
    const details = response.json().error.details as { path: (string | number)[]; code: string }[];
    expect(details.map((d) => `${d.path.join('.')}:${d.code}`)).toEqual(
      expect.arrayContaining([
        'freight_mode:invalid_freight_mode',
        'cartons.0.length:not_positive',
        'cartons.0.items:required',
        'cartons.1.items.0.quantity:not_a_positive_integer',
        'cartons.1.items.0.sku:unknown_sku',
      ]),
    );
    expect(await count('inbound_plans')).toBe(before);
  });

  it('refuses a destination that is not a US warehouse, or one the account may not use', async () => {
    const before = await count('inbound_plans');
    const china = await api(seller, 'POST', '/v1/inbound-plans', { ...PLAN, destination_warehouse: 'CN-SZX1' });
    expect(china.statusCode).toBe(400);
    expect(china.json().error.details[0]).toMatchObject({ path: ['destination_warehouse'], code: 'not_a_us_warehouse' });
    await t.db.database.db.execute(
      sql`DELETE FROM account_warehouses WHERE account_id = ${threadline} AND warehouse_id = (SELECT id FROM warehouses WHERE code = 'US-CA1')`,
    );
    const ledger = await ledgerCount();
    const notAllowed = await api(seller, 'POST', '/v1/inbound-plans', { ...PLAN, destination_warehouse: 'US-CA1' });
    expect(notAllowed.statusCode).toBe(422);
    expect(notAllowed.json().error.code).toBe('warehouse_not_allowed');
    expect(await count('inbound_plans')).toBe(before);
    expect(await ledgerCount()).toBe(ledger);
  });

  it('imports a carton sheet, and refuses malformed rows at their row and column, saving nothing', async () => {
    const upload = (csv: string, query = 'destination_warehouse=US-NJ1&freight_mode=air') => {
      const form = multipart('file', 'cartons.csv', Buffer.from(csv), 'text/csv');
      return t.app.inject({
        method: 'POST',
        url: `/v1/inbound-plans/import?${query}`,
        headers: { ...form.headers, cookie: seller },
        payload: form.payload,
      });
    };
    const before = await count('inbound_plans');
    const bad = await upload(
      [
        '箱号,SKU,每箱数量,箱数,长(cm),宽(cm),高(cm),毛重(kg)',
        '1,TL-TEE-BLK-M,24,10,60,40,40,12',
        '2,TL-TEE-BLK-L,ten,1,50,40,30,8',
        '3,NO-SUCH-SKU,5,1,50,40,abc,8',
      ].join('\n'),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('import_invalid');
    const located = (bad.json().error.details as { row: number; column: string; header: string; code: string }[]).map(
      (d) => `${d.row}${d.column}:${d.header}:${d.code}`,
    );
    expect(located).toEqual(expect.arrayContaining(['3C:每箱数量:not_a_positive_integer', '4G:高(cm):not_a_number', '4B:SKU:unknown_sku']));
    expect(await count('inbound_plans')).toBe(before);

    const good = await upload(
      [
        'Carton no,SKU,Qty per carton,Cartons,Length,Width,Height,Weight',
        '1,TL-TEE-BLK-M,24,10,60,40,40,12',
        '2,TL-TEE-BLK-L,12,1,50,40,30,8',
        '2,TL-TEE-BLK-S,12,,,,,',
      ].join('\n'),
    );
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toMatchObject({ status: 'draft', freight_mode: 'air', totals: { cartons: 11, units: 264 } });
  });

  it('lets a seller cancel a submitted plan, taking back its expected stock', async () => {
    const created = await api(seller, 'POST', '/v1/inbound-plans', PLAN);
    const id = created.json().id;
    await api(seller, 'POST', `/v1/inbound-plans/${id}/submit`);
    const cancelled = await api(seller, 'POST', `/v1/inbound-plans/${id}/cancel`, { note: 'factory delay' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const plan = cancelled.json() as Plan;
    expect(plan.status).toBe('cancelled');
    expect(plan.skus.every((s) => s.lot?.inbound === 0)).toBe(true);
    const edit = await api(seller, 'PATCH', `/v1/inbound-plans/${id}`, { reference: 'X' });
    expect(edit.statusCode).toBe(409);
  });

  it('edits a draft, replacing its cartons', async () => {
    const created = await api(seller, 'POST', '/v1/inbound-plans', PLAN);
    const id = created.json().id;
    const edited = await api(seller, 'PATCH', `/v1/inbound-plans/${id}`, { reference: 'PO-120', cartons: [PLAN.cartons[1]] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      reference: 'PO-120',
      destination_warehouse: { code: 'US-NJ1' },
      totals: { cartons: 1, units: 16 },
    });
    expect(edited.json().cartons[0].barcode).toBe(`${created.json().number}-C0001`);
  });
});
