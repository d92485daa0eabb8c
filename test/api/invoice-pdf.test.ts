/**
 * The invoice PDF through the API, read back as text in English and Chinese: every line's rule,
 * card version and amount, the subtotals by module, the total, the CNY equivalent with its rate
 * and date, the DRAFT mark while it is a draft, the number once finalized, credit notes, and the
 * closing note on the detail export and disputes. Only the invoice's seller (and staff) get it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBillableEvents } from '../../src/db/repositories/inventory-ledger.js';
import { type CurrencyCode, formatMoney, type Money, money, moneyFromDto } from '../../src/domain/money/index.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { randomIds } from '../../src/services/create-services.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { readPdf } from '../helpers/pdf-text.js';

const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
let t: TestApp;
let seller: string;
let finance: string;
let invoiceId: string;

interface MoneyJson {
  currency: string;
  amount_minor: string;
  amount: string;
}
interface InvoiceJson {
  id: string;
  number: string | null;
  period: string;
  currency: string;
  total: MoneyJson;
  fx: { currency: string; rate: string; date: string; total: MoneyJson } | null;
  cards: { code: string; version: number }[];
  lines: {
    id: string;
    module: string;
    rule: { rule_id: string; card_code: string; card_version: number };
    quantity: string;
    amount: MoneyJson;
  }[];
}

const send = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const squeeze = (text: string) => text.replace(/\s+/g, '');

async function pdfText(lang: string, cookie = seller): Promise<string> {
  const response = await send('GET', `/v1/invoices/${invoiceId}/pdf?lang=${lang}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return squeeze(readPdf(response.rawPayload).pages.join('\n'));
}

/** Every number of the invoice JSON must be in the PDF text, formatted for its language. */
function expectNumbers(text: string, invoice: InvoiceJson, locale: 'en' | 'zh-CN') {
  const show = (m: Money) => squeeze(formatMoney(m, locale));
  const currency = invoice.currency as CurrencyCode;
  for (const line of invoice.lines) {
    expect(text).toContain(squeeze(line.rule.rule_id));
    if (line.rule.card_code) expect(text).toContain(squeeze(`${line.rule.card_code} v${line.rule.card_version}`));
    expect(text).toContain(squeeze(line.quantity));
    expect(text).toContain(show(moneyFromDto(line.amount)));
  }
  const byModule = new Map<string, bigint>();
  for (const line of invoice.lines) byModule.set(line.module, (byModule.get(line.module) ?? 0n) + BigInt(line.amount.amount_minor));
  for (const total of byModule.values()) expect(text).toContain(show(money(currency, total)));
  expect(text).toContain(show(moneyFromDto(invoice.total)));
  expect(invoice.fx).not.toBeNull();
  if (invoice.fx) {
    expect(text).toContain(show(moneyFromDto(invoice.fx.total)));
    expect(text).toContain(invoice.fx.date);
    expect(text).toContain(invoice.fx.rate.replace(/0+$/, '').replace(/\.$/, ''));
  }
  expect(text).toContain(`/v1/invoices/${invoice.id}/detail.csv`);
  expect(text).toContain(`/v1/invoices/${invoice.id}/disputes`);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const threadline = await t.accountId('THREADLINE');
  await t.db.database.db.transaction((tx) =>
    recordBillableEvents(
      tx,
      randomIds({ now: () => new Date() }),
      clock.now(),
      Array.from({ length: 5 }, (_, i) => ({
        accountId: threadline,
        kind: 'putaway_unit',
        occurredAt: new Date(`2026-11-1${i}T18:00:00Z`),
        quantity: 40,
        unit: 'unit',
        attributes: {},
        sourceType: 'test',
        sourceId: `putaway-${i}`,
        idempotencyKey: `pdf-test-putaway:${i}`,
      })),
    ),
  );
  seller = await t.as('seller_admin', 'THREADLINE');
  finance = await t.as('finance');
  const run = await send('POST', '/v1/billing/runs', finance, { period: '2026-11', account_code: 'THREADLINE', wait: true });
  expect(run.statusCode, run.body).toBe(200);
  invoiceId = (await send('GET', '/v1/invoices?period=2026-11&account_code=THREADLINE', finance)).json().data[0].id;
});
afterAll(async () => t?.close());

describe('GET /v1/invoices/:id/pdf', () => {
  it('prints a draft in English with every number of the invoice and a DRAFT mark', async () => {
    const invoice = (await send('GET', `/v1/invoices/${invoiceId}`, seller)).json() as InvoiceJson;
    expect(invoice.lines.length).toBeGreaterThan(0);
    const text = await pdfText('en');
    expect(text).toContain('DRAFT');
    expect(text).toContain(squeeze('Bill to THREADLINE'));
    expect(text).toContain(squeeze('Subtotals by module'));
    expect(text).toContain(squeeze('2026-11 (2026-11-01 – 2026-11-30, America/Los_Angeles)'));
    expectNumbers(text, invoice, 'en');
  });

  it('prints the same numbers in Chinese (zh-CN, or zh)', async () => {
    const invoice = (await send('GET', `/v1/invoices/${invoiceId}`, seller)).json() as InvoiceJson;
    const text = await pdfText('zh-CN');
    expect(text).toContain('草稿');
    expect(text).toContain('按模块小计');
    expect(text).toContain('应付金额');
    expectNumbers(text, invoice, 'zh-CN');
    expect(await pdfText('zh')).toBe(text);
  });

  it('once finalized: the number instead of DRAFT, and the credit notes with the balance', async () => {
    const finalized = await send('POST', `/v1/invoices/${invoiceId}/finalize`, finance);
    expect(finalized.statusCode, finalized.body).toBe(200);
    const note = await send('POST', `/v1/invoices/${invoiceId}/credit-notes`, finance, { reason: 'Goodwill', amount: '1.00' });
    expect(note.statusCode, note.body).toBe(201);
    const invoice = (await send('GET', `/v1/invoices/${invoiceId}`, seller)).json() as InvoiceJson & { credited: MoneyJson };
    const response = await send('GET', `/v1/invoices/${invoiceId}/pdf?lang=en`, seller);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}.pdf"`);
    const text = squeeze(readPdf(response.rawPayload).pages.join('\n'));
    expect(text).not.toContain('DRAFT');
    expect(text).toContain(invoice.number as string);
    expect(text).toContain(note.json().number);
    const balance = BigInt(invoice.total.amount_minor) + BigInt(invoice.credited.amount_minor);
    expect(text).toContain(squeeze(`Balance after credits${formatMoney(money('USD', balance), 'en')}`));
    expectNumbers(text, invoice, 'en');
  });

  it('logs each download in the audit log, with who took it and the language', async () => {
    const entries = (await send('GET', `/v1/audit-log?entity_type=invoices&entity_id=${invoiceId}`, finance)).json();
    const downloads = (entries.data ?? entries.items ?? []) as { action: string; after: { language: string } }[];
    expect(downloads.filter((e) => e.action === 'download_pdf').map((e) => e.after.language)).toEqual(
      expect.arrayContaining(['en', 'zh-CN']),
    );
  });

  it('is not found for another seller', async () => {
    const other = await t.as('seller_admin', 'HOMELY');
    const response = await send('GET', `/v1/invoices/${invoiceId}/pdf?lang=en`, other);
    expect(response.statusCode).toBe(404);
  });
});
