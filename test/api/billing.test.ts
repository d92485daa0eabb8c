/**
 * Billing through HTTP: finance runs a period and finalizes; a seller reads its own invoices,
 * drills a line down to its events and recomputes every line from the CSV export; no route
 * lets a seller reach another seller's invoice, lines or events; credit notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let finance: string;
let threadline: string;
let homely: string;
let auditor: string;
const period = new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  t = await createTestApp();
  finance = await t.as('finance');
  threadline = await t.as('seller_admin', 'THREADLINE');
  homely = await t.as('seller_admin', 'HOMELY');
  auditor = await t.as('auditor');
});
afterAll(async () => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

async function invoiceOf(code: string, cookie = finance) {
  const list = await get(`/v1/invoices?account_code=${code}&period=${period}&document_type=invoice`, cookie);
  expect(list.statusCode, list.body).toBe(200);
  const [first] = list.json().data as { id: string }[];
  const detail = await get(`/v1/invoices/${first?.id}`, cookie);
  expect(detail.statusCode, detail.body).toBe(200);
  return detail.json();
}

/** RFC 4180 rows (quoted fields may hold commas and quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

describe('billing API', () => {
  it('runs a period in the background and reports progress until done', async () => {
    const started = await post('/v1/billing/runs', finance, { period });
    expect(started.statusCode, started.body).toBe(202);
    let run = started.json();
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await get(`/v1/billing/runs/${run.id}`, finance)).json();
    }
    expect(run.status).toBe('completed');
    expect(run.accounts_done).toBe(run.accounts_total);
    const waited = await post('/v1/billing/runs', finance, { period, account_code: 'THREADLINE', wait: true });
    expect(waited.statusCode, waited.body).toBe(200);
    expect(waited.json()).toMatchObject({ status: 'completed', accounts_total: 1, invoices_written: 1 });
    const runs = await get(`/v1/billing/runs?period=${period}`, finance);
    expect(runs.json().data.length).toBeGreaterThanOrEqual(2);
    // Sellers do not see runs; bad input is located.
    expect((await get('/v1/billing/runs', threadline)).statusCode).toBe(403);
    const bad = await post('/v1/billing/runs', finance, { period: '2026-13' });
    expect(bad.statusCode).toBe(400);
  });

  it('a seller lists only its own invoices; the auditor reads all', async () => {
    const own = await get('/v1/invoices', threadline);
    expect(own.statusCode).toBe(200);
    const accountId = await t.accountId('THREADLINE');
    expect(own.json().data.length).toBeGreaterThan(0);
    for (const i of own.json().data) expect(i.account_id).toBe(accountId);
    const other = await get(`/v1/invoices?account_code=HOMELY`, threadline);
    expect(other.json().data).toEqual([]);
    const all = await get(`/v1/invoices?period=${period}`, auditor);
    expect(new Set(all.json().data.map((i: { account_code: string }) => i.account_code)).size).toBeGreaterThanOrEqual(2);
  });

  it('no route lets a seller reach another seller’s invoice, line events or export', async () => {
    const theirs = await invoiceOf('HOMELY');
    const line = theirs.lines.find((l: { event_count: number }) => l.event_count > 0) ?? theirs.lines[0];
    for (const url of [
      `/v1/invoices/${theirs.id}`,
      `/v1/invoices/${theirs.id}/lines/${line.id}/events`,
      `/v1/invoices/${theirs.id}/detail.csv`,
      `/v1/invoices/${theirs.id}/detail.xlsx`,
    ]) {
      const response = await get(url, threadline);
      expect(response.statusCode, url).toBe(404);
    }
    // Nor by pairing its own invoice with the other's line.
    const mine = await invoiceOf('THREADLINE', threadline);
    expect((await get(`/v1/invoices/${mine.id}/lines/${line.id}/events`, threadline)).statusCode).toBe(404);
    // The owner reads them.
    expect((await get(`/v1/invoices/${theirs.id}/lines/${line.id}/events`, homely)).statusCode).toBe(200);
  });

  it('drills a line to its events with their source records; the CSV recomputes every line', async () => {
    const invoice = await invoiceOf('THREADLINE', threadline);
    const metered = invoice.lines.filter((l: { event_count: number }) => l.event_count > 0);
    expect(metered.length).toBeGreaterThan(0);
    const events = await get(`/v1/invoices/${invoice.id}/lines/${metered[0].id}/events?limit=500`, threadline);
    expect(events.statusCode, events.body).toBe(200);
    const body = events.json();
    expect(body.check.matches).toBe(true);
    expect(body.data).toHaveLength(metered[0].event_count);
    for (const e of body.data) expect(e.source.type).toMatch(/\w/);

    const csv = await get(`/v1/invoices/${invoice.id}/detail.csv`, threadline);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [head, ...rows] = parseCsv(csv.body.replace(/^\uFEFF/, ''));
    const col = (name: string) => (head as string[]).indexOf(name);
    const byLine = new Map<string, string[][]>();
    for (const r of rows) byLine.set(r[col('line_no')] as string, [...(byLine.get(r[col('line_no')] as string) ?? []), r]);
    expect(byLine.size).toBe(invoice.lines.length);
    for (const [, lineRows] of byLine) {
      const first = lineRows[0] as string[];
      if (!first[col('event_id')]) continue;
      // Σ event quantity = the line's event quantity; ÷ days for storage, rounded to 4 places = the line quantity.
      const total = lineRows.reduce((acc, r) => acc + Number(r[col('event_quantity')]), 0);
      expect(total).toBeCloseTo(Number(first[col('line_event_quantity')]), 4);
      const days = Number(first[col('quantity_divided_by_days')] || '1');
      const ruleModel = first[col('line_formula')] as string;
      if (!/first|tier|greater|lesser|ceil|minimum|maximum/.test(ruleModel)) {
        expect(Number((total / days).toFixed(4))).toBeCloseTo(Number(first[col('line_quantity')]), 4);
        // Single-rate line: quantity × rate = precise amount, rounded once = amount.
        const precise = Number(first[col('line_quantity')]) * Number(first[col('line_rate')]);
        expect(precise).toBeCloseTo(Number(first[col('line_precise_amount')]), 6);
        expect(precise.toFixed(2)).toBe(first[col('line_amount')]);
      }
    }
    const xlsx = await get(`/v1/invoices/${invoice.id}/detail.xlsx`, threadline);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('finance finalizes and credits; sellers cannot; the seller sees the result', async () => {
    const draft = await invoiceOf('THREADLINE');
    expect((await post(`/v1/invoices/${draft.id}/finalize`, threadline, {})).statusCode).toBe(403);
    const done = await post(`/v1/invoices/${draft.id}/finalize`, finance, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect((await post(`/v1/invoices/${draft.id}/finalize`, finance, {})).statusCode).toBe(409);
    const line = done.json().lines.find((l: { amount: { amount_minor: string } }) => BigInt(l.amount.amount_minor) > 0n);
    const credit = await post(`/v1/invoices/${draft.id}/credit-notes`, finance, { reason: 'Counted twice', lines: [{ line_id: line.id }] });
    expect(credit.statusCode, credit.body).toBe(201);
    expect(credit.json()).toMatchObject({ document_type: 'credit_note', credit_of: draft.id, status: 'finalized' });
    expect(credit.json().total.amount_minor).toBe(`-${line.amount.amount_minor}`);
    const seen = await get(`/v1/invoices/${draft.id}`, threadline);
    expect(seen.json()).toMatchObject({ status: 'finalized', credited: { amount_minor: `-${line.amount.amount_minor}` } });
    const both = await post(`/v1/invoices/${draft.id}/credit-notes`, finance, {
      reason: 'x',
      amount: '1.00',
      lines: [{ line_id: line.id }],
    });
    expect(both.statusCode).toBe(400);
  });
});
