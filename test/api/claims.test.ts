/**
 * Claims through the HTTP API, decided by finance, credited on the seller's NEXT invoice.
 *
 * Coverage (docs/disputes-and-claims.md):
 * - THREADLINE's plan has no insurance and no cap of its own, and US-STANDARD states none:
 *   3 units × lesser of the SKU's declared value and the default US$25.00 per unit.
 * - VOLTBEE gets a plan with `liabilityCapPerUnit: "2.00"`: 3 units × US$2.00 = US$6.00.
 * - HOMELY gets a plan carrying the insurance option (an override of insurance.declared_value):
 *   units × the full declared value.
 * Approved on 2026-11-20 (Los Angeles), a credit belongs to period 2026-12: November's invoice
 * does not carry it, December's does, on its own line after the minimum monthly charge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const clock = fixedClock(new Date('2026-11-20T18:00:00Z'));
let t: TestApp;
let finance: string;
const sellers: Record<string, string> = {};

interface Sku {
  id: string;
  seller_sku: string;
  declared_value: { currency: string; amount_minor: string } | null;
}
interface Line {
  id: string;
  module: string;
  rule: { rule_id: string; card_code: string };
  amount: { amount_minor: string };
  quantity: string;
  rate: string;
}

const send = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function dearestSku(account: string): Promise<Sku> {
  const skus = (await send('GET', '/v1/skus?limit=200', sellers[account] as string)).json().data as Sku[];
  const valued = skus.filter((s) => s.declared_value?.currency === 'USD');
  valued.sort((a, b) => Number(BigInt(b.declared_value?.amount_minor ?? 0) - BigInt(a.declared_value?.amount_minor ?? 0)));
  return valued[0] as Sku;
}

async function plan(code: string, account: string, document: object): Promise<void> {
  const standard = await t.services.rateCards.list(SYSTEM_ACTOR, { kind: 'standard', limit: 1 });
  const card = await t.services.rateCards.create(SYSTEM_ACTOR, {
    code,
    name: code,
    kind: 'account_plan',
    accountId: await t.accountId(account),
    baseCardId: standard.items[0]?.id,
  });
  if (!card.ok) throw new Error(card.error.message);
  const version = await t.services.rateCards.addVersion(SYSTEM_ACTOR, card.value.id, {
    effectiveFrom: '2026-01-01',
    document: { kind: 'account_plan', overrides: [], discounts: [], extraRules: [], ...document },
  });
  if (!version.ok) throw new Error(`${version.error.message} ${JSON.stringify(version.error.details)}`);
}

async function fileClaim(account: string, sku: Sku, units: number, kind = 'parcel_lost') {
  const filed = await send('POST', '/v1/claims', sellers[account] as string, {
    kind,
    reference_type: 'parcel',
    reference: `1Z-${account}-${units}`,
    seller_sku: sku.seller_sku,
    units,
    evidence_notes: 'Carrier scan stops at the hub.',
    photo_urls: ['https://example.com/evidence/1.jpg'],
  });
  expect(filed.statusCode, filed.body).toBe(201);
  return filed.json();
}

async function invoiceOf(account: string, period: string) {
  const run = await send('POST', '/v1/billing/runs', finance, { period, account_code: account, wait: true });
  expect(run.statusCode, run.body).toBe(200);
  const list = (await send('GET', `/v1/invoices?period=${period}&account_code=${account}`, finance)).json().data as { id: string }[];
  if (!list[0]) return null;
  return (await send('GET', `/v1/invoices/${list[0].id}`, sellers[account] as string)).json();
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  finance = await t.as('finance');
  for (const account of ['THREADLINE', 'HOMELY', 'VOLTBEE']) sellers[account] = await t.as('seller_admin', account);
  await plan('VOLTBEE-PLAN', 'VOLTBEE', { liabilityCapPerUnit: '2.00' });
  await plan('HOMELY-PLAN', 'HOMELY', {
    overrides: [
      { ruleId: 'insurance.declared_value', model: { kind: 'percentage', percent: '1.2', base: 'declared_value', minimum: '0' } },
    ],
  });
});
afterAll(async () => t?.close());

const minor = (text: string | undefined) => BigInt(text ?? '0');
const lesser = (a: bigint, b: bigint) => (a < b ? a : b);

describe('claims', () => {
  let threadlineClaim: { id: string; number: string };
  let threadlineCovered: bigint;

  it('files a claim valued at the SKU’s recorded declared value; another seller cannot see it', async () => {
    const sku = await dearestSku('THREADLINE');
    const claim = await fileClaim('THREADLINE', sku, 3);
    threadlineClaim = claim;
    expect(claim.number).toMatch(/^CLM-2026-\d{6}$/);
    expect(claim).toMatchObject({
      status: 'submitted',
      kind: 'parcel_lost',
      units: 3,
      seller_sku: sku.seller_sku,
      declared_value_per_unit: { currency: 'USD', amount_minor: sku.declared_value?.amount_minor },
      photo_urls: ['https://example.com/evidence/1.jpg'],
      covered: null,
    });
    expect((await send('GET', `/v1/claims/${claim.id}`, sellers.HOMELY as string)).statusCode).toBe(404);
    expect((await send('POST', `/v1/claims/${claim.id}/approve`, sellers.HOMELY as string, {})).statusCode).toBe(403);
    const listed = (await send('GET', '/v1/claims', sellers.HOMELY as string)).json().data as { id: string }[];
    expect(listed.map((c) => c.id)).not.toContain(claim.id);
    // A seller cannot decide its own claim.
    expect((await send('POST', `/v1/claims/${claim.id}/approve`, sellers.THREADLINE as string, {})).statusCode).toBe(403);
  });

  it('refuses a claim without a SKU it knows, or with a bad photo link', async () => {
    const unknown = await send('POST', '/v1/claims', sellers.THREADLINE as string, {
      kind: 'stock_lost',
      reference_type: 'lot',
      reference: 'LOT-1',
      seller_sku: 'NO-SUCH-SKU',
      units: 1,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toEqual(['seller_sku']);
    const sku = await dearestSku('THREADLINE');
    for (const [type, reference] of [
      ['lot', 'not-a-lot'],
      ['lot', '00000000-0000-7000-8000-000000000000'],
      ['inbound_plan', 'ASN-1999-000001'],
      ['return', 'RMA-1999-000001'],
    ]) {
      const missing = await send('POST', '/v1/claims', sellers.THREADLINE as string, {
        kind: 'stock_lost',
        reference_type: type,
        reference,
        seller_sku: sku.seller_sku,
        units: 1,
      });
      expect(missing.statusCode, `${type} ${reference}`).toBe(400);
      expect(missing.json().error.details[0].path).toEqual(['reference']);
    }
    const badUrl = await send('POST', '/v1/claims', sellers.THREADLINE as string, {
      kind: 'stock_lost',
      reference_type: 'lot',
      reference: 'LOT-1',
      seller_sku: 'X',
      units: 1,
      photo_urls: ['javascript:alert(1)'],
    });
    expect(badUrl.statusCode).toBe(400);
  });

  it('approves without insurance: units × the lesser of declared value and the default US$25.00 cap, for period 2026-12', async () => {
    const approved = await send('POST', `/v1/claims/${threadlineClaim.id}/approve`, finance, { reason: 'Carrier confirmed the loss.' });
    expect(approved.statusCode, approved.body).toBe(200);
    const c = approved.json();
    const declared = minor(c.declared_value_per_unit.amount_minor);
    threadlineCovered = 3n * lesser(declared, 2500n);
    expect(c).toMatchObject({ status: 'approved', credit_period: '2026-12', covered: { amount_minor: String(threadlineCovered) } });
    expect(c.coverage.basis).toBe('liability_cap');
    expect(c.coverage.inputs).toMatchObject({ insured: false, units: 3, capPerUnit: '25' });
    expect(c.coverage.formula.en).toContain('Not insured');
    expect(c.coverage.formula.zh).toContain('未投保');
    expect(c.credit_event_id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await send('POST', `/v1/claims/${threadlineClaim.id}/approve`, finance, {});
    expect(again.statusCode).toBe(409);
  });

  it('caps at the plan’s own liability cap, and pays the full declared value when the plan carries insurance', async () => {
    const volt = await dearestSku('VOLTBEE');
    const voltClaim = await fileClaim('VOLTBEE', volt, 3, 'stock_damaged');
    const capped = (await send('POST', `/v1/claims/${voltClaim.id}/approve`, finance, {})).json();
    // 3 units × lesser of declared and US$2.00.
    expect(capped.covered.amount_minor).toBe(String(3n * lesser(minor(volt.declared_value?.amount_minor), 200n)));
    expect(capped.coverage.inputs.terms).toBe('VOLTBEE-PLAN v1');

    const homely = await dearestSku('HOMELY');
    const homelyClaim = await fileClaim('HOMELY', homely, 4);
    // Approve 2 of the 4 units: the other two turned up.
    const insured = (await send('POST', `/v1/claims/${homelyClaim.id}/approve`, finance, { units: 2 })).json();
    expect(insured.coverage.basis).toBe('insured_declared_value');
    expect(insured.covered.amount_minor).toBe(String(2n * minor(homely.declared_value?.amount_minor)));
    const tooMany = await fileClaim('HOMELY', homely, 1);
    const refused = await send('POST', `/v1/claims/${tooMany.id}/approve`, finance, { units: 2 });
    expect(refused.statusCode).toBe(400);
    const rejected = await send('POST', `/v1/claims/${tooMany.id}/reject`, finance, { reason: 'Delivered: signed proof of delivery.' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', covered: null, decision_reason: 'Delivered: signed proof of delivery.' });
  });

  it('puts the credit on the NEXT invoice: not on November’s, on December’s as its own line that drills down to the claim', async () => {
    const november = await invoiceOf('THREADLINE', '2026-11');
    const novemberRules = ((november?.lines ?? []) as Line[]).map((l) => l.rule.rule_id);
    expect(novemberRules).not.toContain('claims.credit');

    clock.set(new Date('2027-01-03T12:00:00Z'));
    // Sessions made in November have expired by January: sign in again.
    finance = await t.login('finance@demo.landed.dev');
    sellers.THREADLINE = await t.login('owner@threadline.demo');
    sellers.HOMELY = await t.login('owner@homely.demo');
    const december = await invoiceOf('THREADLINE', '2026-12');
    expect(december).not.toBeNull();
    const credit = (december.lines as Line[]).find((l) => l.rule.rule_id === 'claims.credit') as Line;
    expect(credit).toMatchObject({ module: 'insurance', quantity: '1', amount: { amount_minor: String(-threadlineCovered) } });
    // Σ of rounded lines is the total.
    const total = (december.lines as Line[]).reduce((acc, l) => acc + minor(l.amount.amount_minor), 0n);
    expect(december.total.amount_minor).toBe(String(total));

    const drill = (await send('GET', `/v1/invoices/${december.id}/lines/${credit.id}/events`, sellers.THREADLINE as string)).json();
    expect(drill.check.matches).toBe(true);
    expect(drill.data).toHaveLength(1);
    expect(drill.data[0]).toMatchObject({ kind: 'claim_credit', source: { type: 'claim', id: threadlineClaim.id } });
    expect(drill.data[0].attributes.claim_number).toBe(threadlineClaim.number);

    // HOMELY pays the standard US$50.00 minimum: the credit comes after it, never toward it.
    const homely = await invoiceOf('HOMELY', '2026-12');
    const homelyCredit = (homely.lines as Line[]).find((l) => l.rule.rule_id === 'claims.credit') as Line;
    const minimum = (homely.lines as Line[]).find((l) => l.module === 'minimum') as Line;
    expect(minimum.amount.amount_minor).toBe('5000');
    expect(homely.total.amount_minor).toBe(String(5000n + minor(homelyCredit.amount.amount_minor)));

    // Running December again gives the same draft (one credit line, same amount).
    const again = await invoiceOf('THREADLINE', '2026-12');
    expect((again.lines as Line[]).filter((l) => l.rule.rule_id === 'claims.credit')).toEqual([credit]);
  });
});
