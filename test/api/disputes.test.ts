/**
 * Disputes through the HTTP API: a seller disputes a line of its own (draft) invoice, both sides
 * write in the thread, finance takes it under review and accepts part of it — a credit note for
 * exactly the accepted amount, linked to the dispute — and rejects or sees withdrawn the others.
 * Amounts are minor units. Another seller can neither see nor touch any of it.
 *
 * The month: THREADLINE gets 8 receiving cartons in November 2026 on top of the demo activity,
 * so its invoice has a receiving.carton line of at least 8 × $2.50 = $20.00 to dispute.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { recordBillableEvents } from '../../src/db/repositories/inventory-ledger.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { randomIds } from '../../src/services/create-services.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
const PERIOD = '2026-11';
let t: TestApp;
let seller: string;
let sellerUser: string;
let other: string;
let finance: string;
let invoiceId: string;
let line: { id: string; line_no: number; amount: { amount_minor: string } };
let disputeId: string;

interface Line {
  id: string;
  line_no: number;
  rule: { rule_id: string };
  amount: { amount_minor: string };
}

const send = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp({ clock });
  const threadline = await t.accountId('THREADLINE');
  const ids = randomIds({ now: () => new Date() });
  await t.db.database.db.transaction((tx) =>
    recordBillableEvents(
      tx,
      ids,
      clock.now(),
      Array.from({ length: 8 }, (_, i) => ({
        accountId: threadline,
        kind: 'receiving_carton',
        occurredAt: new Date(`2026-11-1${i}T18:00:00Z`),
        quantity: 1,
        unit: 'carton',
        attributes: { plan_number: 'ASN-TEST', carton_no: i + 1 },
        sourceType: 'test',
        sourceId: `carton-${i}`,
        idempotencyKey: `dispute-test-carton:${i}`,
      })),
    ),
  );
  seller = await t.as('seller_admin', 'THREADLINE');
  sellerUser = await t.as('seller_user', 'THREADLINE');
  other = await t.as('seller_admin', 'HOMELY');
  finance = await t.as('finance');
  const run = await send('POST', '/v1/billing/runs', finance, { period: PERIOD, account_code: 'THREADLINE', wait: true });
  expect(run.statusCode, run.body).toBe(200);
  const list = await send('GET', `/v1/invoices?period=${PERIOD}&account_code=THREADLINE`, finance);
  invoiceId = list.json().data[0].id;
  const invoice = await send('GET', `/v1/invoices/${invoiceId}`, seller);
  line = (invoice.json().lines as Line[]).find((l) => l.rule.rule_id === 'receiving.carton') as Line;
  expect(line, invoice.body).toBeDefined();
  expect(Number(line.amount.amount_minor)).toBeGreaterThanOrEqual(2000);
});
afterAll(async () => t?.close());

describe('disputes', () => {
  it('lets the seller dispute a line of its draft invoice, in minor units, and says it was a draft', async () => {
    const opened = await send('POST', `/v1/invoices/${invoiceId}/disputes`, seller, {
      line_id: line.id,
      reason_code: 'wrong_quantity',
      description: 'We sent 6 cartons, not 8.',
      amount: '5.00',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const d = opened.json();
    disputeId = d.id;
    expect(d.number).toMatch(/^DSP-2026-\d{6}$/);
    expect(d).toMatchObject({
      status: 'open',
      reason_code: 'wrong_quantity',
      opened_on_draft: true,
      invoice_status: 'draft',
      invoice_number: null,
      account_code: 'THREADLINE',
      line: { id: line.id, line_no: line.line_no },
      disputed: { currency: 'USD', amount_minor: '500', amount: '5.00' },
      line_amount: { amount_minor: line.amount.amount_minor },
      accepted: null,
      credit_note: null,
    });
    // One open dispute per line.
    const again = await send('POST', `/v1/invoices/${invoiceId}/disputes`, sellerUser, {
      line_id: line.id,
      reason_code: 'duplicate',
      description: 'Twice?',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to dispute more than the line, or to let staff open one', async () => {
    const tooMuch = await send('POST', `/v1/invoices/${invoiceId}/disputes`, seller, {
      line_id: line.id,
      reason_code: 'wrong_rate',
      description: 'Too much',
      amount: '100000.00',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.details[0].path).toEqual(['amount']);
    const byStaff = await send('POST', `/v1/invoices/${invoiceId}/disputes`, finance, { reason_code: 'other', description: 'x' });
    expect(byStaff.statusCode).toBe(403);
  });

  it('keeps another seller out: its dispute, thread and invoice are not found', async () => {
    expect((await send('GET', `/v1/disputes/${disputeId}`, other)).statusCode).toBe(404);
    expect((await send('POST', `/v1/disputes/${disputeId}/comments`, other, { body: 'hello' })).statusCode).toBe(404);
    expect((await send('POST', `/v1/disputes/${disputeId}/withdraw`, other)).statusCode).toBe(404);
    expect((await send('GET', `/v1/invoices/${invoiceId}/disputes`, other)).statusCode).toBe(404);
    const opened = await send('POST', `/v1/invoices/${invoiceId}/disputes`, other, { reason_code: 'other', description: 'not mine' });
    expect(opened.statusCode).toBe(404);
    const listed = await send('GET', '/v1/disputes', other);
    expect(listed.statusCode).toBe(200);
    expect((listed.json().data as { id: string }[]).map((d) => d.id)).not.toContain(disputeId);
  });

  it('shows the thread to both sides; staff cannot accept before the invoice is finalized', async () => {
    expect((await send('POST', `/v1/disputes/${disputeId}/comments`, sellerUser, { body: 'Receiving photos attached.' })).statusCode).toBe(
      201,
    );
    expect((await send('POST', `/v1/disputes/${disputeId}/review`, finance)).json().status).toBe('under_review');
    const reply = await send('POST', `/v1/disputes/${disputeId}/comments`, finance, { body: 'Checking the scans.' });
    expect(reply.statusCode).toBe(201);
    const seen = (await send('GET', `/v1/disputes/${disputeId}`, seller)).json();
    expect(seen.comments.map((c: { side: string; body: string }) => [c.side, c.body])).toEqual([
      ['seller', 'Receiving photos attached.'],
      ['provider', 'Checking the scans.'],
    ]);
    const early = await send('POST', `/v1/disputes/${disputeId}/resolve`, finance, { outcome: 'accept', reason: 'ok' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invalid_state');
    // A seller cannot resolve its own dispute.
    expect((await send('POST', `/v1/disputes/${disputeId}/resolve`, seller, { outcome: 'accept', reason: 'ok' })).statusCode).toBe(403);
  });

  it('accepts part of it once finalized: a credit note of exactly the accepted amount, linked, never more than disputed', async () => {
    const finalized = await send('POST', `/v1/invoices/${invoiceId}/finalize`, finance);
    expect(finalized.statusCode, finalized.body).toBe(200);
    const over = await send('POST', `/v1/disputes/${disputeId}/resolve`, finance, { outcome: 'accept', amount: '5.01', reason: 'x' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details[0].path).toEqual(['amount']);

    const resolved = await send('POST', `/v1/disputes/${disputeId}/resolve`, finance, {
      outcome: 'accept',
      amount: '2.50',
      reason: 'One carton was double-scanned.',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const d = resolved.json();
    expect(d).toMatchObject({
      status: 'resolved_partly',
      accepted: { amount_minor: '250' },
      resolution_reason: 'One carton was double-scanned.',
    });
    expect(d.credit_note.number).toMatch(/^CN-2026-\d{6}$/);
    const note = (await send('GET', `/v1/invoices/${d.credit_note.id}`, seller)).json();
    expect(note).toMatchObject({ document_type: 'credit_note', credit_of: invoiceId, total: { amount_minor: '-250' } });
    expect(note.lines).toHaveLength(1);
    expect(note.lines[0]).toMatchObject({ credited_line_id: line.id, amount: { amount_minor: '-250' } });
    expect(note.reason).toContain(d.number);
    const invoice = (await send('GET', `/v1/invoices/${invoiceId}`, seller)).json();
    expect(invoice.credited.amount_minor).toBe('-250');

    const twice = await send('POST', `/v1/disputes/${disputeId}/resolve`, finance, { outcome: 'reject', reason: 'again' });
    expect(twice.statusCode).toBe(409);
    const late = await send('POST', `/v1/disputes/${disputeId}/comments`, seller, { body: 'Thanks' });
    expect(late.statusCode).toBe(409);
  });

  it('rejects a whole-invoice dispute with a reason (no credit), and lets the seller withdraw another', async () => {
    const whole = await send('POST', `/v1/invoices/${invoiceId}/disputes`, sellerUser, {
      reason_code: 'service_not_performed',
      description: 'We did not use the warehouse this month.',
      amount: '1.00',
    });
    expect(whole.statusCode, whole.body).toBe(201);
    expect(whole.json()).toMatchObject({ line: null, opened_on_draft: false, invoice_status: 'finalized' });
    const rejected = await send('POST', `/v1/disputes/${whole.json().id}/resolve`, finance, {
      outcome: 'reject',
      reason: 'The receiving scans show your cartons.',
    });
    expect(rejected.json()).toMatchObject({ status: 'resolved_rejected', accepted: { amount_minor: '0' }, credit_note: null });
    const noReason = await send('POST', `/v1/disputes/${whole.json().id}/resolve`, finance, { outcome: 'reject', reason: '' });
    expect(noReason.statusCode).toBe(400);

    // What is left to dispute on the line is its amount minus the 2.50 already credited.
    const left = BigInt(line.amount.amount_minor) - 250n;
    const tooMuch = await send('POST', `/v1/invoices/${invoiceId}/disputes`, seller, {
      reason_code: 'other',
      line_id: line.id,
      description: 'x',
      amount: (Number(left + 1n) / 100).toFixed(2),
    });
    expect(tooMuch.statusCode, tooMuch.body).toBe(400);
    expect(tooMuch.json().error.message).toContain((Number(left) / 100).toFixed(2));
    const second = await send('POST', `/v1/invoices/${invoiceId}/disputes`, seller, {
      line_id: line.id,
      reason_code: 'wrong_rate',
      description: 'Rate should be $2.00',
      amount: (Number(left) / 100).toFixed(2),
    });
    expect(second.statusCode, second.body).toBe(201);
    const withdrawn = await send('POST', `/v1/disputes/${second.json().id}/withdraw`, seller);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await send('POST', `/v1/disputes/${second.json().id}/resolve`, finance, { outcome: 'reject', reason: 'x' })).statusCode).toBe(
      409,
    );
  });

  it('never accepts more than is left on the line when other credits came first', async () => {
    // The seller disputes everything still on the line (its amount − 2.50 credited above).
    const left = BigInt(line.amount.amount_minor) - 250n;
    const opened = await send('POST', `/v1/invoices/${invoiceId}/disputes`, seller, {
      line_id: line.id,
      reason_code: 'service_not_performed',
      description: 'No cartons at all',
    });
    expect(opened.json().disputed.amount_minor).toBe(String(left));
    // Meanwhile finance credits 1.00 on the same line by hand.
    const credit = await send('POST', `/v1/invoices/${invoiceId}/credit-notes`, finance, {
      reason: 'Goodwill',
      lines: [{ line_id: line.id, amount: '1.00' }],
    });
    expect(credit.statusCode, credit.body).toBe(201);
    const full = await send('POST', `/v1/disputes/${opened.json().id}/resolve`, finance, { outcome: 'accept', reason: 'all of it' });
    expect(full.statusCode).toBe(400);
    expect(full.json().error.details[0]).toMatchObject({ path: ['amount'], code: 'too_much' });
    const rest = ((Number(left) - 100) / 100).toFixed(2);
    const partly = await send('POST', `/v1/disputes/${opened.json().id}/resolve`, finance, {
      outcome: 'accept',
      amount: rest,
      reason: 'the rest',
    });
    expect(partly.json()).toMatchObject({ status: 'resolved_partly', accepted: { amount_minor: String(left - 100n) } });
    const invoice = (await send('GET', `/v1/invoices/${invoiceId}`, seller)).json();
    // The whole line is now credited: 2.50 + 1.00 + the rest.
    expect(invoice.credited.amount_minor).toBe(String(-BigInt(line.amount.amount_minor)));
  });

  it('lists disputes for staff by status and for the seller on its invoice; every change is in the audit log', async () => {
    const resolved = (await send('GET', '/v1/disputes?status=resolved_partly', finance)).json().data as { id: string }[];
    expect(resolved.map((d) => d.id)).toContain(disputeId);
    const onInvoice = (await send('GET', `/v1/invoices/${invoiceId}/disputes`, seller)).json().data as { status: string }[];
    expect(onInvoice.map((d) => d.status).sort()).toEqual(['resolved_partly', 'resolved_partly', 'resolved_rejected', 'withdrawn']);
    const [row] = await selectRows<{ n: string }>(
      t.db.database.db,
      sql`SELECT count(*)::text AS n FROM audit_log WHERE entity_type = 'disputes' AND entity_id = ${disputeId} AND actor_role = 'finance'`,
    );
    expect(Number(row?.n)).toBeGreaterThanOrEqual(2);
  });
});
