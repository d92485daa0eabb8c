/**
 * The documents an inbound plan travels with, read back: carton labels (one 100 × 150 mm page
 * per carton with its barcode text), SKU labels (one 50 × 25 mm label per unit), the packing
 * list and the commercial invoice as workbooks and PDFs, in English and Chinese.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { readPdf } from '../helpers/pdf-text.js';

let t: TestApp;
let seller: string;
let plan: { id: string; number: string };

beforeAll(async () => {
  t = await createTestApp();
  seller = await t.as('seller_admin', 'THREADLINE');
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/inbound-plans',
    headers: { cookie: seller },
    payload: {
      destination_warehouse: 'US-CA1',
      origin_warehouse: 'CN-SZX1',
      freight_mode: 'air',
      cartons: [
        {
          count: 2,
          length: '40',
          width: '30',
          height: '20',
          dimension_unit: 'cm',
          weight: '6',
          weight_unit: 'kg',
          items: [{ sku: 'TL-TEE-BLK-M', quantity: 3 }],
        },
        {
          length: '40',
          width: '30',
          height: '20',
          dimension_unit: 'cm',
          weight: '5',
          weight_unit: 'kg',
          items: [
            { sku: 'TL-TEE-BLK-L', quantity: 2 },
            { sku: 'TL-TEE-BLK-S', quantity: 1, declared_value: '2.50' },
          ],
        },
      ],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  plan = created.json();
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: seller } });
const MM = 72 / 25.4;

function pageSizes(pdf: Buffer): [number, number][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
    Math.round(Number(m[1]) / MM),
    Math.round(Number(m[2]) / MM),
  ]);
}

async function sheetRows(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return rows;
}

describe('inbound documents', () => {
  it('prints one 100 × 150 mm carton label per carton with its barcode, plan and destination', async () => {
    const response = await get(`/v1/inbound-plans/${plan.id}/labels/cartons?lang=zh-CN`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pageSizes(pdf)).toEqual([
      [100, 150],
      [100, 150],
      [100, 150],
    ]);
    const { pages } = readPdf(pdf);
    expect(pages[2]).toContain(`${plan.number}-C0003`);
    expect(pages[2]).toContain('3 / 3');
    expect(pages[2]).toContain('US-CA1');
    expect(pages[2]).toContain('TL-TEE-BLK-S');
    expect(pages[0]).toContain('收货仓');
  });

  it('prints one 50 × 25 mm SKU label per planned unit, FNSKU first', async () => {
    const response = await get(`/v1/inbound-plans/${plan.id}/labels/skus`);
    expect(response.statusCode).toBe(200);
    const sizes = pageSizes(response.rawPayload);
    expect(sizes).toHaveLength(6 + 2 + 1);
    expect(sizes.every(([w, h]) => w === 50 && h === 25)).toBe(true);
    const { pages } = readPdf(response.rawPayload);
    expect(pages.some((p) => p.includes('X00TL00002') && p.includes('TL-TEE-BLK-M'))).toBe(true);
    const one = await get(`/v1/inbound-plans/${plan.id}/labels/skus?copies=one`);
    expect(pageSizes(one.rawPayload)).toHaveLength(3);
  });

  it('gives a packing list workbook with every carton line and totals', async () => {
    const response = await get(`/v1/inbound-plans/${plan.id}/packing-list?format=xlsx`);
    expect(response.statusCode).toBe(200);
    const rows = await sheetRows(response.rawPayload);
    const lines = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
    expect(lines.map((r) => [r[0], r[2], r[4]])).toEqual([
      ['1', 'TL-TEE-BLK-M', '3'],
      ['2', 'TL-TEE-BLK-M', '3'],
      ['3', 'TL-TEE-BLK-L', '2'],
      ['3', 'TL-TEE-BLK-S', '1'],
    ]);
    expect(rows.find((r) => r[0] === 'Total')).toEqual(expect.arrayContaining(['9', '17', '0.072']));
  });

  it('gives a commercial invoice with HS codes, origin, declared values and totals', async () => {
    const xlsx = await get(`/v1/inbound-plans/${plan.id}/commercial-invoice?format=xlsx`);
    const rows = await sheetRows(xlsx.rawPayload);
    const s = rows.find((r) => r[0] === 'TL-TEE-BLK-S');
    expect(s).toEqual(expect.arrayContaining(['6109.10.0012', 'CN', '1', '2.5', 'USD']));
    // 6 × 3.20 + 2 × 3.20 + 1 × 2.50 = 28.10
    expect(rows.find((r) => r[0] === 'Total')).toEqual(expect.arrayContaining(['9', 'USD', '28.1']));
    const pdf = await get(`/v1/inbound-plans/${plan.id}/commercial-invoice?format=pdf&lang=zh-CN`);
    expect(pdf.statusCode).toBe(200);
    const text = readPdf(pdf.rawPayload).pages.join('\n');
    expect(text).toContain('商业发票');
    expect(text).toContain('6109.10.0012');
    expect(text).toContain('28.10');
    const list = await get(`/v1/inbound-plans/${plan.id}/packing-list?format=pdf`);
    expect(readPdf(list.rawPayload).pages.join('\n')).toContain('TL-TEE-BLK-L');
  });

  it('answers 404 for another seller’s plan', async () => {
    const other = await t.as('seller_admin', 'HOMELY');
    const response = await t.app.inject({ method: 'GET', url: `/v1/inbound-plans/${plan.id}/labels/cartons`, headers: { cookie: other } });
    expect(response.statusCode).toBe(404);
  });
});
