/**
 * SKU import over HTTP: the template a seller downloads, the sheets sellers actually upload
 * (Chinese headers, GB18030 CSV from Excel, xlsx with numeric cells), located errors and
 * all-or-nothing writes.
 */
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../src/services/demo/catalogue.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from './multipart.js';

let t: TestApp;
let threadline: string;
let homely: string;

beforeAll(async () => {
  t = await createTestApp();
  [threadline, homely] = await Promise.all([t.accountId('THREADLINE'), t.accountId('HOMELY')]);
});
afterAll(async () => t?.close());

interface Detail {
  path?: (string | number)[];
  row?: number;
  column?: string;
  header?: string;
  field?: string;
  code: string;
  message: string;
}

const EN_HEADER = 'Seller SKU,Title (EN),Length,Width,Height,Dimension unit,Weight,Weight unit';

async function upload(
  cookie: string,
  filename: string,
  content: Buffer | string,
  query: Record<string, string> = {},
  contentType = 'text/csv',
) {
  const form = multipart('file', filename, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), contentType);
  const qs = new URLSearchParams(query).toString();
  return t.app.inject({
    method: 'POST',
    url: `/v1/skus/import${qs ? `?${qs}` : ''}`,
    headers: { cookie, ...form.headers },
    payload: form.payload,
  });
}

/** One number from SQL run on the test database directly (as its owner: no tenancy filter). */
async function countOf(query: SQL): Promise<number> {
  const result = (await t.db.database.db.execute(query)) as unknown as { rows: { n: number | string }[] };
  return Number(result.rows[0]?.n);
}

async function skuCount(accountId: string): Promise<number> {
  return countOf(sql`SELECT count(*)::int AS n FROM skus WHERE account_id = ${accountId}`);
}

async function findSku(cookie: string, sellerSku: string) {
  const response = await t.app.inject({ method: 'GET', url: `/v1/skus?q=${encodeURIComponent(sellerSku)}&limit=500`, headers: { cookie } });
  expect(response.statusCode).toBe(200);
  return (response.json().data as { seller_sku: string }[]).find((s) => s.seller_sku.toLowerCase() === sellerSku.toLowerCase()) as
    | Record<string, unknown>
    | undefined;
}

let accountSerial = 0;
/** A fresh, empty seller account (created by the provider admin). */
async function newAccount(): Promise<string> {
  accountSerial += 1;
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/accounts',
    headers: { cookie: await t.as('admin') },
    payload: { code: `IMPORT-${accountSerial}`, name: `Import test seller ${accountSerial}` },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

async function template(format: 'xlsx' | 'csv', lang: 'en' | 'zh') {
  const response = await t.app.inject({
    method: 'GET',
    url: `/v1/skus/import/template?format=${format}&lang=${lang}`,
    headers: { cookie: await t.as('seller_user', 'THREADLINE') },
  });
  expect(response.statusCode).toBe(200);
  return response;
}

async function xlsxRows(data: Buffer): Promise<{ sheets: string[]; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheets: workbook.worksheets.map((w) => w.name), rows };
}

describe('the import template', () => {
  const cases = [
    {
      format: 'xlsx',
      lang: 'en',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      sellerSku: 'Seller SKU',
      length: 'Length',
    },
    {
      format: 'xlsx',
      lang: 'zh',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      sellerSku: '卖家SKU',
      length: '长',
    },
    { format: 'csv', lang: 'en', type: 'text/csv', sellerSku: 'Seller SKU', length: 'Length' },
    { format: 'csv', lang: 'zh', type: 'text/csv', sellerSku: '卖家SKU', length: '长' },
  ] as const;

  for (const c of cases) {
    it(`downloads as ${c.format} with ${c.lang} headers`, async () => {
      const response = await template(c.format, c.lang);
      expect(response.headers['content-type']).toContain(c.type);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="landed-sku-template-${c.lang}.${c.format}"`);
      let header: unknown[];
      let example: unknown[];
      if (c.format === 'xlsx') {
        const { sheets, rows } = await xlsxRows(response.rawPayload);
        expect(sheets).toHaveLength(2);
        [header = [], example = []] = rows;
        expect(rows).toHaveLength(2);
      } else {
        const text = response.rawPayload.toString('utf8');
        expect(text.charCodeAt(0)).toBe(0xfeff);
        const lines = text.slice(1).trim().split(/\r?\n/);
        expect(lines).toHaveLength(2);
        header = (lines[0] as string).split(',');
        example = (lines[1] as string).split(',');
      }
      expect(header[0]).toBe(c.sellerSku);
      expect(header).toContain(c.length);
      expect(header).toContain(c.lang === 'zh' ? '中文品名' : 'Title (ZH)');
      if (c.lang === 'zh') expect(header).not.toContain('Seller SKU');
      expect(example[0]).toBe('TEE-BLK-M');
    });
  }

  it('defaults to xlsx in English', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/skus/import/template', headers: { cookie: await t.as('finance') } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('landed-sku-template-en.xlsx');
    expect((await xlsxRows(response.rawPayload)).rows[0]?.[0]).toBe('Seller SKU');
  });

  it('answers 400 for an unknown format and 401 without a session', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: '/v1/skus/import/template?format=xls',
      headers: { cookie: await t.as('seller_user', 'THREADLINE') },
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/v1/skus/import/template' })).statusCode).toBe(401);
  });

  for (const c of cases) {
    it(`imports the ${c.format}/${c.lang} template unchanged: one SKU, every column read`, async () => {
      const accountId = await newAccount();
      const file = (await template(c.format, c.lang)).rawPayload;
      const response = await upload(
        await t.as('admin'),
        `landed-sku-template-${c.lang}.${c.format}`,
        file,
        { account_id: accountId },
        c.format === 'csv' ? 'text/csv' : 'application/octet-stream',
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        dry_run: false,
        account_id: accountId,
        total_rows: 1,
        created: 1,
        updated: 0,
        ignored_headers: [],
        errors: [],
      });
      const list = await t.app.inject({ method: 'GET', url: `/v1/skus?account_id=${accountId}`, headers: { cookie: await t.as('admin') } });
      expect(list.json().data).toEqual([
        expect.objectContaining({
          seller_sku: 'TEE-BLK-M',
          title_en: 'Cotton T-shirt, black, M',
          title_zh: '纯棉T恤 黑色 M',
          length: '30',
          width: '25',
          height: '3',
          dimension_unit: 'cm',
          weight: '220',
          weight_unit: 'g',
          hs_code: '6109100012',
          declared_value: { currency: 'USD', amount_minor: '450', amount: '4.50' },
          country_of_origin: 'CN',
          flags: ['fragile'],
          upc: '012345678905',
          fnsku: 'X001ABC123',
          msku: 'TEE-BLK-M-US',
        }),
      ]);
    });
  }

  it('lets a seller import the template into its own account, then upsert it again', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const file = (await template('csv', 'zh')).rawPayload;
    const first = await upload(cookie, 'template.csv', file, { mode: 'upsert' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ account_id: threadline, created: 1, updated: 0 });
    const second = await upload(cookie, 'template.csv', file, { mode: 'upsert' });
    expect(second.json()).toMatchObject({ account_id: threadline, created: 0, updated: 1 });
    const again = await upload(cookie, 'template.csv', file);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details).toEqual([
      expect.objectContaining({ row: 2, column: 'A', header: '卖家SKU', code: 'already_exists' }),
    ]);
  });
});

describe('importing', () => {
  it('reads a CSV with Chinese headers: 3 SKUs created and listed, unknown columns reported as ignored', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const before = await skuCount(threadline);
    const csv = [
      '卖家SKU,中文品名,长,宽,高,尺寸单位,重量,重量单位,海关编码,申报价值,申报币种,特殊属性,备注',
      'ZH-MUG-1,陶瓷马克杯 白色,12,9,10,cm,380,g,6912.00.4810,1.90,USD,易碎,第一批',
      'ZH-LAMP-1,LED台灯,40,18,12,厘米,850,g,,,,,',
      'ZH-PB-1,充电宝 10000mAh,15,8,3,cm,0.23,kg,8507.60.0020,50,CNY,"带电,易碎",',
    ].join('\n');
    const bad = await upload(cookie, '产品.csv', csv);
    // 厘米 is not a unit we read: the whole file is refused, located at row 3.
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ row: 3, column: 'F', header: '尺寸单位', code: 'unknown_unit' })]);
    expect(await skuCount(threadline)).toBe(before);

    const response = await upload(cookie, '产品.csv', csv.replace('厘米', 'cm'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      dry_run: false,
      account_id: threadline,
      total_rows: 3,
      created: 3,
      updated: 0,
      ignored_headers: ['备注'],
      errors: [],
    });
    expect(await skuCount(threadline)).toBe(before + 3);

    expect(await findSku(cookie, 'ZH-MUG-1')).toMatchObject({
      title_zh: '陶瓷马克杯 白色',
      title_en: null,
      hs_code: '6912004810',
      flags: ['fragile'],
      declared_value: { currency: 'USD', amount_minor: '190' },
    });
    expect(await findSku(cookie, 'ZH-LAMP-1')).toMatchObject({ length: '40', hs_code: null, declared_value: null, flags: [] });
    expect(await findSku(cookie, 'ZH-PB-1')).toMatchObject({
      weight: '0.23',
      weight_unit: 'kg',
      flags: ['battery', 'fragile'],
      declared_value: { currency: 'CNY', amount: '50.00' },
    });
  });

  it('refuses a sheet with one bad row (422, located by row, column, header, field) and writes none of it', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const before = await skuCount(threadline);
    const csv = [
      EN_HEADER,
      'MIX-OK-1,Good one,10,10,10,cm,100,g',
      'MIX-BAD-1,Bad length,abc,10,10,cm,100,g',
      'MIX-OK-2,Good two,10,10,10,cm,100,g',
      'MIX-BAD-2,Bad weight unit,10,10,10,cm,100,stone',
      'MIX-OK-3,Good three,10,10,10,cm,100,g',
    ].join('\r\n');
    const response = await upload(cookie, 'mixed.csv', csv);
    expect(response.statusCode).toBe(422);
    const error = response.json().error as { code: string; message: string; details: Detail[] };
    expect(error.code).toBe('import_invalid');
    expect(error.message).toMatch(/nothing was imported/i);
    expect(error.details).toHaveLength(2);
    expect(error.details[0]).toEqual({
      row: 3,
      column: 'C',
      header: 'Length',
      field: 'length',
      code: 'not_a_number',
      message: expect.stringContaining('abc'),
    });
    expect(error.details[1]).toMatchObject({
      row: 5,
      column: 'H',
      header: 'Weight unit',
      code: 'unknown_unit',
      message: expect.stringContaining('stone'),
    });
    expect(error.details[1]?.field).toMatch(/^weight_?unit$/i);
    expect(await skuCount(threadline)).toBe(before);
    expect(await findSku(cookie, 'MIX-OK-1')).toBeUndefined();
  });

  it('refuses a sheet that lists the same SKU twice, naming both rows', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const csv = [EN_HEADER, 'TWICE-1,First,10,10,10,cm,100,g', 'OTHER-1,Other,10,10,10,cm,100,g', 'twice-1,Second,10,10,10,cm,100,g'].join(
      '\n',
    );
    const response = await upload(cookie, 'twice.csv', csv);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([
      expect.objectContaining({ row: 4, column: 'A', code: 'duplicate_sku', message: expect.stringContaining('row 2') }),
    ]);
  });

  it('refuses a sheet missing a required column, or with headers and no rows', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const noWeight = await upload(cookie, 'x.csv', 'Seller SKU,Title (EN),Length,Width,Height,Dimension unit\nNW-1,No weight,1,1,1,cm\n');
    expect(noWeight.statusCode).toBe(422);
    expect(noWeight.json().error.code).toBe('import_invalid');
    expect((noWeight.json().error.details as Detail[]).map((d) => d.code)).toEqual(['missing_column', 'missing_column']);
    expect((noWeight.json().error.details as Detail[]).every((d) => d.row === 1)).toBe(true);

    const headersOnly = await upload(cookie, 'x.csv', `${EN_HEADER}\n`);
    expect(headersOnly.statusCode).toBe(422);
    expect(headersOnly.json().error.code).toBe('import_invalid');
  });

  it('validates without writing on dry_run=true', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const before = await skuCount(threadline);
    const csv = [EN_HEADER, 'DRY-1,Dry one,10,10,10,cm,100,g', 'DRY-2,Dry two,10,10,10,cm,100,g'].join('\n');
    const response = await upload(cookie, 'dry.csv', csv, { dry_run: 'true' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      dry_run: true,
      account_id: threadline,
      total_rows: 2,
      created: 2,
      updated: 0,
      ignored_headers: [],
      errors: [],
    });
    expect(await skuCount(threadline)).toBe(before);
    expect(await findSku(cookie, 'DRY-1')).toBeUndefined();

    const invalid = await upload(cookie, 'dry.csv', csv.replace('DRY-2,Dry two,10', 'DRY-2,Dry two,-10'), { dry_run: 'true' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.details[0]).toMatchObject({ row: 3, column: 'C', code: 'not_positive' });
  });

  it('refuses existing SKUs in mode=create (naming the row), and updates them in mode=upsert', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    expect((await upload(cookie, 'first.csv', [EN_HEADER, 'UPSERT-1,Upsert me,10,10,10,cm,100,g'].join('\n'))).statusCode).toBe(200);
    const before = await skuCount(threadline);
    const original = await findSku(cookie, 'UPSERT-1');

    const sheet = [EN_HEADER, 'UPSERT-NEW-1,Brand new,10,10,10,cm,100,g', 'upsert-1,Upsert me,10,10,10,cm,250,g'].join('\n');
    const create = await upload(cookie, 'second.csv', sheet, { mode: 'create' });
    expect(create.statusCode).toBe(422);
    expect(create.json().error.details).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'A',
        header: 'Seller SKU',
        code: 'already_exists',
        message: expect.stringContaining('upsert'),
      }),
    ]);
    expect(await skuCount(threadline)).toBe(before);
    expect(await findSku(cookie, 'UPSERT-NEW-1')).toBeUndefined();

    const dry = await upload(cookie, 'second.csv', sheet, { mode: 'upsert', dry_run: 'true' });
    expect(dry.json()).toMatchObject({ dry_run: true, created: 1, updated: 1 });
    expect((await findSku(cookie, 'UPSERT-1'))?.weight).toBe('100');

    const upsert = await upload(cookie, 'second.csv', sheet, { mode: 'upsert' });
    expect(upsert.statusCode).toBe(200);
    expect(upsert.json()).toMatchObject({ dry_run: false, total_rows: 2, created: 1, updated: 1 });
    expect(await skuCount(threadline)).toBe(before + 1);
    const updated = await findSku(cookie, 'UPSERT-1');
    expect(updated).toMatchObject({ id: original?.id, weight: '250' });
  });

  it('keeps the fields of columns a sheet does not have when upserting', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const before = await findSku(cookie, 'TL-TEE-BLK-M');
    expect(before).toMatchObject({
      hs_code: expect.any(String),
      upc: expect.any(String),
      fnsku: expect.any(String),
      country_of_origin: 'CN',
    });
    const response = await upload(
      cookie,
      'weights.csv',
      [EN_HEADER, 'TL-TEE-BLK-M,"Cotton crew-neck T-shirt, black, M",30,25,3,cm,190,g'].join('\n'),
      { mode: 'upsert' },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ updated: 1 });
    const after = await findSku(cookie, 'TL-TEE-BLK-M');
    expect(after).toMatchObject({ weight: '190' });
    expect(after).toMatchObject({
      title_zh: before?.title_zh,
      hs_code: before?.hs_code,
      upc: before?.upc,
      fnsku: before?.fnsku,
      declared_value: before?.declared_value,
      country_of_origin: 'CN',
    });
  });

  it('reads an xlsx workbook with numeric UPC, size and HS code cells', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const upc1 = withCheckDigit('84099900001');
    const upc2 = withCheckDigit('84099900002');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('商品');
    sheet.addRow(['卖家SKU', 'Title (EN)', '长', '宽', '高', '尺寸单位', '重量', '重量单位', 'HS code', 'UPC']);
    sheet.addRow(['XL-SPK-1', 'Bluetooth speaker', 18, 8, 8.5, 'cm', 480, 'g', '8518.22.0000', Number(upc1)]);
    sheet.addRow(['XL-SPK-2', 'Mini speaker', 12, 6, 6, 'cm', 0.25, 'kg', 851822, Number(upc2)]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(cookie, 'skus.xlsx', data, {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ total_rows: 2, created: 2 });
    expect(await findSku(cookie, 'XL-SPK-1')).toMatchObject({
      upc: upc1,
      hs_code: '8518220000',
      length: '18',
      height: '8.5',
      weight: '480',
    });
    expect(await findSku(cookie, 'XL-SPK-2')).toMatchObject({ upc: upc2, hs_code: '851822', weight: '0.25', weight_unit: 'kg' });
  });

  it('recognises an xlsx by its content even when named .csv', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('SKUs');
    sheet.addRow(EN_HEADER.split(','));
    sheet.addRow(['XL-RENAMED-1', 'Renamed workbook', 1, 2, 3, 'in', 4, 'oz']);
    const response = await upload(cookie, 'export.csv', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(response.statusCode, response.body).toBe(200);
    expect(await findSku(cookie, 'XL-RENAMED-1')).toMatchObject({ dimension_unit: 'in', weight_unit: 'oz' });
  });

  it('reads a GB18030 CSV (as Excel in China saves it) with correct Chinese titles', async () => {
    const cookie = await t.as('seller_admin', 'HOMELY');
    // '卖家SKU,长,宽,高,尺寸单位,重量,重量单位,中文品名\r\nGB-CUP-1,…,陶瓷马克杯 白色\r\nGB-CUP-2,…,陶瓷马克杯 黑色\r\n' in GB18030.
    const bytes = Buffer.from(
      'c2f4bcd2534b552cb3a42cbfed2cb8df2cb3dfb4e7b5a5cebb2cd6d8c1bf2cd6d8c1bfb5a5cebb2cd6d0cec4c6b7c3fb0d0a' +
        '47422d4355502d312c31302c382c392c636d2c3335302c672cccd5b4c9c2edbfcbb1ad20b0d7c9ab0d0a' +
        '47422d4355502d322c31302c382c392c636d2c3336302c672cccd5b4c9c2edbfcbb1ad20badac9ab0d0a',
      'hex',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(new TextDecoder('gb18030').decode(bytes)).toContain('陶瓷马克杯 白色');
    const response = await upload(cookie, '商品资料.csv', bytes);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ account_id: homely, created: 2, ignored_headers: [] });
    expect(await findSku(cookie, 'GB-CUP-1')).toMatchObject({ title_zh: '陶瓷马克杯 白色', weight: '350' });
    expect(await findSku(cookie, 'GB-CUP-2')).toMatchObject({ title_zh: '陶瓷马克杯 黑色', weight: '360' });
  });

  it('reads a UTF-8 CSV with a byte-order mark and semicolon-free quoting', async () => {
    const cookie = await t.as('seller_admin', 'HOMELY');
    const csv = `\ufeff${EN_HEADER},Flags\n"BOM-1","Mug, white ""classic""",12,9,10,cm,380,g,"fragile, liquid"\n`;
    const response = await upload(cookie, 'bom.csv', csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(await findSku(cookie, 'BOM-1')).toMatchObject({ title_en: 'Mug, white "classic"', flags: ['liquid', 'fragile'] });
  });
});

describe('files and requests that cannot be imported', () => {
  it('answers an old .xls, a random binary and a broken xlsx with 415 unsupported_file', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const before = await skuCount(threadline);
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 7)]);
    const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
    const brokenZip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(300, 1)]);
    for (const [name, data] of [
      ['old.xls', ole],
      ['blob.bin', random],
      ['report.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n')],
      ['broken.xlsx', brokenZip],
    ] as const) {
      const response = await upload(cookie, name, data, {}, 'application/octet-stream');
      expect(response.statusCode, name).toBe(415);
      expect(response.json().error.code, name).toBe('unsupported_file');
      expect(response.json().error.message.length, name).toBeGreaterThan(10);
    }
    expect(await skuCount(threadline)).toBe(before);
  });

  it('answers an empty file with an error that says so', async () => {
    const response = await upload(await t.as('seller_admin', 'THREADLINE'), 'empty.csv', Buffer.alloc(0));
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().error.message).toMatch(/empty/i);
  });

  it('answers a request that is not multipart with 415 and how to send the file', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const json = await t.app.inject({ method: 'POST', url: '/v1/skus/import', headers: { cookie }, payload: { file: 'Seller SKU,…' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error).toMatchObject({ code: 'unsupported_file', message: expect.stringMatching(/multipart\/form-data/) });

    const none = await t.app.inject({ method: 'POST', url: '/v1/skus/import', headers: { cookie } });
    expect(none.statusCode).toBe(415);
    expect(none.json().error.code).toBe('unsupported_file');

    const raw = await t.app.inject({
      method: 'POST',
      url: '/v1/skus/import',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: `${EN_HEADER}\nRAW-1,Raw,1,1,1,cm,1,g\n`,
    });
    expect([400, 415]).toContain(raw.statusCode);
    expect(raw.statusCode).not.toBe(500);
    expect(await findSku(cookie, 'RAW-1')).toBeUndefined();
  });

  it('answers 400 at ["file"] when the upload uses another field name', async () => {
    const form = multipart('upload', 'skus.csv', Buffer.from(`${EN_HEADER}\nFIELD-1,Wrong field,1,1,1,cm,1,g\n`), 'text/csv');
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/skus/import',
      headers: { cookie: await t.as('seller_admin', 'THREADLINE'), ...form.headers },
      payload: form.payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: ['file'] })] });
  });

  it('answers 400 for an unknown mode or dry_run value', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const csv = `${EN_HEADER}\nQ-1,Query,1,1,1,cm,1,g\n`;
    expect((await upload(cookie, 'q.csv', csv, { mode: 'replace' })).statusCode).toBe(400);
    expect((await upload(cookie, 'q.csv', csv, { dry_run: 'yes' })).statusCode).toBe(400);
    expect(await findSku(cookie, 'Q-1')).toBeUndefined();
  });

  it('answers 404 when a seller names another account, writing to neither account', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const before = [await skuCount(threadline), await skuCount(homely)];
    const response = await upload(cookie, 'cross.csv', `${EN_HEADER}\nCROSS-IMPORT-1,Cross,1,1,1,cm,1,g\n`, { account_id: homely });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect([await skuCount(threadline), await skuCount(homely)]).toEqual(before);
  });

  it('requires provider staff to name the account', async () => {
    const response = await upload(await t.as('admin'), 'staff.csv', `${EN_HEADER}\nSTAFF-1,Staff,1,1,1,cm,1,g\n`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([expect.objectContaining({ path: ['account_id'] })]);
  });

  it('forbids read-only roles (finance) from importing', async () => {
    const response = await upload(await t.as('finance'), 'fin.csv', `${EN_HEADER}\nFIN-1,Finance,1,1,1,cm,1,g\n`, { account_id: homely });
    expect(response.statusCode).toBe(403);
  });
});

describe('a 10,000-row sheet', () => {
  const ROWS = 10_000;
  const sheet = (badRow?: number) => {
    const lines = [EN_HEADER];
    for (let i = 0; i < ROWS; i++) {
      const row = i + 2;
      lines.push(`BULK-${String(i).padStart(5, '0')},Bulk item ${i},${row === badRow ? 'ten' : '10'},10,10,cm,${100 + (i % 50)},g`);
    }
    return `${lines.join('\r\n')}\r\n`;
  };

  it('writes nothing when row 9,999 is bad, and everything when all rows are valid', async () => {
    const accountId = await newAccount();
    const cookie = await t.as('admin');

    const bad = await upload(cookie, 'bulk.csv', sheet(9_999), { account_id: accountId });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      expect.objectContaining({ row: 9_999, column: 'C', header: 'Length', code: 'not_a_number' }),
    ]);
    expect(await skuCount(accountId)).toBe(0);

    const good = await upload(cookie, 'bulk.csv', sheet(), { account_id: accountId });
    expect(good.statusCode, good.body.slice(0, 500)).toBe(200);
    expect(good.json()).toMatchObject({ account_id: accountId, total_rows: ROWS, created: ROWS, updated: 0 });
    expect(await skuCount(accountId)).toBe(ROWS);
    expect(await countOf(sql`SELECT count(DISTINCT seller_sku)::int AS n FROM skus WHERE account_id = ${accountId}`)).toBe(ROWS);
  });
});
