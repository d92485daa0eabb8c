/** A saved quote as a PDF through the HTTP API, in English and Chinese, and only for its owner. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, moneyFromDto } from '../../src/domain/money/index.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { readPdf } from '../helpers/pdf-text.js';
import { quoteBody } from '../helpers/quote-request.js';

const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
let t: TestApp;
let seller: string;
let quoteId: string;
let quote: SavedQuoteJson;

interface SavedQuoteJson {
  monthlyTotal: { currency: string; amount_minor: string; amount: string };
  lines: { rule: { ruleId: string }; label: { en: string; zh: string }; formula: { en: string; zh: string } }[];
  warnings: { en: string; zh: string }[];
}

const send = (method: 'GET' | 'POST', url: string, cookie: string | null, payload?: unknown) =>
  t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

/** Text compared without white space: a wrapped cell is split into lines wherever the width ends. */
const squeeze = (text: string) => text.replace(/\s+/g, '');
/** English documents print straight quotes (the CJK font's curly ones are full-width). */
const straight = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

beforeAll(async () => {
  t = await createTestApp({ clock });
  seller = await t.as('seller_admin', 'THREADLINE');
  const created = await send('POST', '/v1/quotes', seller, quoteBody);
  expect(created.statusCode, created.body).toBe(201);
  quoteId = created.json().id;
  quote = created.json().quote;
});
afterAll(async () => t?.close());

describe('GET /v1/quotes/:id/pdf', () => {
  it('gives the seller its quote in English: every fee line with its rule and formula, the total, the sample notice', async () => {
    const response = await send('GET', `/v1/quotes/${quoteId}/pdf?lang=en`, seller);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="quote-${quoteId}.pdf"`);
    expect(response.headers['x-quote-reproduced']).toBe('identical');
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1024);

    const pdf = readPdf(bytes);
    expect(pdf.info.Title).toBe(`Quote ${quoteId}`);
    expect(pdf.info.Subject).toContain('THREADLINE');
    const text = squeeze(pdf.pages.join('\n'));
    expect(text).toContain(squeeze(quoteId));
    expect(text).toContain('THREADLINE');
    expect(text).toContain(squeeze('US-STANDARD v1, THREADLINE-PLAN v1'));
    expect(text).toContain(squeeze(`Monthly estimate ${formatMoney(moneyFromDto(quote.monthlyTotal), 'en')}`));
    for (const line of quote.lines) {
      expect(text).toContain(squeeze(line.rule.ruleId));
      expect(text).toContain(squeeze(straight(line.formula.en)));
    }
    for (const warning of quote.warnings) expect(text).toContain(squeeze(straight(warning.en)));
    expect(text).toContain(squeeze('Sample prices'));
    expect(text).toContain(squeeze('TL-HOOD-BLK-M'));
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pages.length} of ${pdf.pages.length}`);
  });

  it('renders Chinese with the CJK font embedded', async () => {
    const response = await send('GET', `/v1/quotes/${quoteId}/pdf?lang=zh-CN`, seller);
    expect(response.statusCode, response.body).toBe(200);
    const pdf = readPdf(response.rawPayload);
    expect(pdf.fonts.some((f) => /NotoSansHans|WenQuanYi/.test(f))).toBe(true);
    expect(pdf.info.Title).toBe(`报价单 ${quoteId}`);
    const text = squeeze(pdf.pages.join('\n'));
    for (const heading of ['报价单', '示例价格', '汇总', '单品落地成本', '费用明细', '月度预估']) expect(text).toContain(heading);
    expect(text).toContain(squeeze(formatMoney(moneyFromDto(quote.monthlyTotal), 'zh-CN')));
    for (const line of quote.lines) {
      expect(text).toContain(squeeze(line.label.zh));
      expect(text).toContain(squeeze(line.formula.zh));
    }
    expect(pdf.pages.at(-1)).toContain(`第 ${pdf.pages.length} 页，共 ${pdf.pages.length} 页`);
    // `zh`, as the workbook takes it, means the same.
    const short = await send('GET', `/v1/quotes/${quoteId}/pdf?lang=zh`, seller);
    expect(short.rawPayload.equals(response.rawPayload)).toBe(true);
  });

  it('names a prospect for a provider quote', async () => {
    const finance = await t.as('finance');
    const created = await send('POST', '/v1/quotes', finance, { ...quoteBody, prospect_name: 'Ningbo Kitchen Co.' });
    expect(created.statusCode, created.body).toBe(201);
    const response = await send('GET', `/v1/quotes/${created.json().id}/pdf`, finance);
    expect(response.statusCode, response.body).toBe(200);
    expect(squeeze(readPdf(response.rawPayload).pages.join('\n'))).toContain(squeeze('Prospect Ningbo Kitchen Co.'));
  });

  it('answers 404 to another seller and 400 to an unknown language', async () => {
    const other = await send('GET', `/v1/quotes/${quoteId}/pdf`, await t.as('seller_admin', 'HOMELY'));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    expect((await send('GET', `/v1/quotes/${quoteId}/pdf?lang=fr`, seller)).statusCode).toBe(400);
    expect((await send('GET', `/v1/quotes/${quoteId}/pdf`, null)).statusCode).toBe(401);
  });
});
