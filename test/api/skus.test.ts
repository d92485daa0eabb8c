/**
 * SKUs through the HTTP API: what a seller, the provider's staff and an integration see when
 * they create, change, archive, list and search a catalogue.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let threadline: string;
let homely: string;
let voltbee: string;

beforeAll(async () => {
  t = await createTestApp();
  [threadline, homely, voltbee] = await Promise.all([t.accountId('THREADLINE'), t.accountId('HOMELY'), t.accountId('VOLTBEE')]);
});
afterAll(async () => t?.close());

interface SkuDto {
  id: string;
  account_id: string;
  seller_sku: string;
  title_en: string | null;
  title_zh: string | null;
  length: string;
  width: string;
  height: string;
  dimension_unit: string;
  weight: string;
  weight_unit: string;
  hs_code: string | null;
  declared_value: { currency: string; amount_minor: string; amount: string } | null;
  country_of_origin: string | null;
  flags: string[];
  upc: string | null;
  fnsku: string | null;
  msku: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}
interface Detail {
  path?: (string | number)[];
  field?: string;
  code: string;
  message: string;
}
interface Page {
  data: SkuDto[];
  next_cursor: string | null;
}

/** A valid SKU body; override what a test is about. */
function skuBody(sellerSku: string, overrides: Record<string, unknown> = {}) {
  return {
    seller_sku: sellerSku,
    title_en: 'Silicone phone case, clear',
    title_zh: '透明硅胶手机壳',
    length: '17',
    width: '9',
    height: '1.50',
    dimension_unit: 'cm',
    weight: '40',
    weight_unit: 'g',
    hs_code: '3926.90.9990',
    declared_value: '1.20',
    declared_currency: 'USD',
    country_of_origin: 'CN',
    flags: ['fragile'],
    upc: '012345678905',
    fnsku: 'x00test001',
    msku: 'CASE-CLR-US',
    ...overrides,
  };
}

/** One number from SQL run on the test database directly (as its owner: no tenancy filter). */
async function countOf(query: SQL): Promise<number> {
  const result = (await t.db.database.db.execute(query)) as unknown as { rows: { n: number | string }[] };
  return Number(result.rows[0]?.n);
}

async function skuCount(accountId: string): Promise<number> {
  return countOf(sql`SELECT count(*)::int AS n FROM skus WHERE account_id = ${accountId}`);
}

async function post(cookie: string, body: unknown) {
  return t.app.inject({ method: 'POST', url: '/v1/skus', headers: { cookie }, payload: body as object });
}

async function list(cookie: string, query: Record<string, string>) {
  const response = await t.app.inject({ method: 'GET', url: `/v1/skus?${new URLSearchParams(query)}`, headers: { cookie } });
  return response;
}

/** Every SKU the caller can see with this filter, walking the pages. */
async function listAll(cookie: string, query: Record<string, string> = {}): Promise<SkuDto[]> {
  const all: SkuDto[] = [];
  let cursor: string | null = null;
  do {
    const response = await list(cookie, { ...query, limit: '500', ...(cursor ? { cursor } : {}) });
    expect(response.statusCode).toBe(200);
    const page = response.json() as Page;
    all.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

const paths = (details: Detail[]) => details.map((d) => d.path);

describe('creating a SKU', () => {
  it('returns 201 with the stored SKU: decimals as trimmed strings, money as currency + minor + amount', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const response = await post(cookie, skuBody('API-CASE-1'));
    expect(response.statusCode).toBe(201);
    const sku = response.json() as SkuDto;
    expect(sku).toMatchObject({
      account_id: threadline,
      seller_sku: 'API-CASE-1',
      title_en: 'Silicone phone case, clear',
      title_zh: '透明硅胶手机壳',
      length: '17',
      width: '9',
      height: '1.5',
      dimension_unit: 'cm',
      weight: '40',
      weight_unit: 'g',
      hs_code: '3926909990',
      declared_value: { currency: 'USD', amount_minor: '120', amount: '1.20' },
      country_of_origin: 'CN',
      flags: ['fragile'],
      upc: '012345678905',
      fnsku: 'X00TEST001',
      msku: 'CASE-CLR-US',
      status: 'active',
    });
    expect(sku.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(sku.created_at).toISOString()).toBe(sku.created_at);

    const read = await t.app.inject({ method: 'GET', url: `/v1/skus/${sku.id}`, headers: { cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(sku);
  });

  it('accepts JSON numbers for sizes and upper-case units, and stores them normalised', async () => {
    const cookie = await t.as('seller_user', 'THREADLINE');
    const response = await post(
      cookie,
      skuBody('API-NUMBERS-1', {
        length: 12.25,
        width: 8,
        height: 0.5,
        dimension_unit: 'IN',
        weight: 1.125,
        weight_unit: 'LB',
        declared_value: 10,
        declared_currency: 'cny',
        flags: ['battery', 'Battery', '易碎'],
      }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      length: '12.25',
      width: '8',
      height: '0.5',
      dimension_unit: 'in',
      weight: '1.125',
      weight_unit: 'lb',
      declared_value: { currency: 'CNY', amount_minor: '1000', amount: '10.00' },
      flags: ['battery', 'fragile'],
    });
  });

  it('rejects bad fields with 400 validation_failed naming each field, and creates nothing', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const before = await skuCount(threadline);
    const response = await post(
      cookie,
      skuBody('API-BAD-1', {
        length: 'abc',
        dimension_unit: 'furlong',
        weight: '-2',
        upc: '012345678906',
        hs_code: '12',
        country_of_origin: 'XX',
        flags: ['explosive'],
      }),
    );
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { code: string; message: string; details: Detail[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(paths(body.error.details)).toEqual(
      expect.arrayContaining([['length'], ['dimension_unit'], ['weight'], ['upc'], ['hs_code'], ['country_of_origin'], ['flags']]),
    );
    const length = body.error.details.find((d) => d.path?.[0] === 'length');
    expect(length).toMatchObject({ field: 'length', code: 'not_a_number' });
    expect(body.error.details.find((d) => d.path?.[0] === 'dimension_unit')?.message).toContain('furlong');
    expect(await skuCount(threadline)).toBe(before);
    expect((await list(cookie, { q: 'API-BAD-1' })).json().data).toEqual([]);
  });

  it('rejects region codes that are not countries (ZZ "Unknown Region", EU, UN) as country of origin', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    for (const [i, code] of ['ZZ', 'EU', 'UN'].entries()) {
      const response = await post(cookie, skuBody(`API-COO-${i}`, { country_of_origin: code }));
      expect(response.statusCode, code).toBe(400);
      expect(response.json().error.details, code).toEqual([expect.objectContaining({ path: ['country_of_origin'] })]);
    }
  });

  it('rejects a SKU with no title, too many decimals and an oversized side', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const response = await post(
      cookie,
      skuBody('API-BAD-2', { title_en: null, title_zh: '  ', width: '1.2345', height: '20', dimension_unit: 'm' }),
    );
    expect(response.statusCode).toBe(400);
    const details = response.json().error.details as Detail[];
    expect(paths(details)).toEqual(expect.arrayContaining([['title_en'], ['width'], ['height']]));
    expect(details.find((d) => d.path?.[0] === 'width')?.code).toBe('too_precise');
    expect(details.find((d) => d.path?.[0] === 'height')?.code).toBe('too_large');
  });

  it('rejects a body missing a required field or with the wrong type (400, the field named in the path)', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const { weight: _weight, ...missingWeight } = skuBody('API-BAD-3');
    const missing = await post(cookie, missingWeight);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('validation_failed');
    expect((missing.json().error.details as Detail[]).some((d) => d.path?.at(-1) === 'weight')).toBe(true);

    const wrongType = await post(cookie, skuBody('API-BAD-3', { flags: 'battery' }));
    expect(wrongType.statusCode).toBe(400);
    expect((wrongType.json().error.details as Detail[]).some((d) => d.path?.at(-1) === 'flags')).toBe(true);
    expect((await list(cookie, { q: 'API-BAD-3' })).json().data).toEqual([]);
  });

  it('locates a field rejected by the request schema the same way as one rejected by the SKU rules', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const byRules = await post(cookie, skuBody('API-PATH-1', { length: 'abc' }));
    expect(byRules.json().error.details.map((d: Detail) => d.path)).toEqual([['length']]);
    const bySchema = await post(cookie, skuBody('API-PATH-1', { length: true }));
    expect(bySchema.statusCode).toBe(400);
    expect(bySchema.json().error.details.map((d: Detail) => d.path)).toEqual([['length']]);
  });

  it('answers a duplicate seller SKU (any letter case) with 409 already_exists', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    expect((await post(cookie, skuBody('Dup-Sku-1'))).statusCode).toBe(201);
    const before = await skuCount(threadline);
    const again = await post(cookie, skuBody('DUP-SKU-1'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already_exists', details: [expect.objectContaining({ path: ['seller_sku'] })] });
    expect(await skuCount(threadline)).toBe(before);
  });

  it('lets another account use the same seller SKU', async () => {
    const response = await post(await t.as('seller_admin', 'HOMELY'), skuBody('DUP-SKU-1'));
    expect(response.statusCode).toBe(201);
    expect(response.json().account_id).toBe(homely);
  });

  it('answers malformed JSON with 400 validation_failed, never 500', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    for (const payload of ['{"seller_sku": "X",', 'not json at all', '']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/v1/skus',
        headers: { cookie, 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().error.code, payload).toBe('validation_failed');
    }
    const array = await post(cookie, [skuBody('API-ARRAY-1')]);
    expect(array.statusCode).toBe(400);
    expect(array.json().error.code).toBe('validation_failed');
  });

  it('does not let a seller create a SKU in another seller’s account', async () => {
    const [beforeHomely, beforeThreadline] = [await skuCount(homely), await skuCount(threadline)];
    const response = await post(await t.as('seller_admin', 'THREADLINE'), { ...skuBody('API-CROSS-1'), account_id: homely });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(await skuCount(homely)).toBe(beforeHomely);
    expect(await skuCount(threadline)).toBe(beforeThreadline);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM skus WHERE seller_sku = 'API-CROSS-1'`)).toBe(0);
  });
});

describe('who may create', () => {
  it('requires provider admins to name the account (400 at account_id), then creates there', async () => {
    const cookie = await t.as('admin');
    const without = await post(cookie, skuBody('ADMIN-SKU-1'));
    expect(without.statusCode).toBe(400);
    expect(without.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: ['account_id'] })] });

    const withAccount = await post(cookie, { ...skuBody('ADMIN-SKU-1'), account_id: voltbee });
    expect(withAccount.statusCode).toBe(201);
    expect(withAccount.json().account_id).toBe(voltbee);
  });

  it('answers 404 when staff name an account that does not exist', async () => {
    const response = await post(await t.as('admin'), { ...skuBody('ADMIN-SKU-2'), account_id: '01900000-0000-7000-8000-000000000000' });
    expect(response.statusCode).toBe(404);
  });

  it('lets an operator create a SKU for a seller', async () => {
    const response = await post(await t.as('operator'), { ...skuBody('OPS-SKU-1'), account_id: homely });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ account_id: homely, seller_sku: 'OPS-SKU-1' });
  });

  it('gives finance read access only: 403 forbidden on create, 200 on list', async () => {
    const cookie = await t.as('finance');
    const before = await skuCount(homely);
    const response = await post(cookie, { ...skuBody('FIN-SKU-1'), account_id: homely });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
    expect(await skuCount(homely)).toBe(before);
    expect((await list(cookie, { account_id: homely, limit: '1' })).statusCode).toBe(200);
  });

  it('answers 401 without a session', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/skus', payload: skuBody('ANON-1') });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });
});

describe('changing and archiving a SKU', () => {
  let cookie: string;
  let id: string;
  beforeAll(async () => {
    cookie = await t.as('seller_admin', 'THREADLINE');
    const created = await post(cookie, skuBody('PATCH-ME-1'));
    expect(created.statusCode).toBe(201);
    id = created.json().id;
  });

  const patch = (body: unknown) => t.app.inject({ method: 'PATCH', url: `/v1/skus/${id}`, headers: { cookie }, payload: body as object });

  it('re-validates the whole SKU: an unknown weight unit is a 400 and nothing changes', async () => {
    const response = await patch({ weight_unit: 'stone' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path: ['weight_unit'] })],
    });
    const read = await t.app.inject({ method: 'GET', url: `/v1/skus/${id}`, headers: { cookie } });
    expect(read.json().weight_unit).toBe('g');
  });

  it('checks a changed size against the stored unit (25 m is too large)', async () => {
    const response = await patch({ length: '25', dimension_unit: 'm' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([expect.objectContaining({ path: ['length'], code: 'too_large' })]);
  });

  it('updates only what is sent, keeping the rest', async () => {
    const response = await patch({ weight: '45.5', weight_unit: 'kg' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      weight: '45.5',
      weight_unit: 'kg',
      length: '17',
      height: '1.5',
      hs_code: '3926909990',
      title_zh: '透明硅胶手机壳',
    });
  });

  it('clears the HS code when sent null', async () => {
    const response = await patch({ hs_code: null });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ hs_code: null, upc: '012345678905', declared_value: { amount: '1.20' } });
    const read = await t.app.inject({ method: 'GET', url: `/v1/skus/${id}`, headers: { cookie } });
    expect(read.json().hs_code).toBeNull();
  });

  it('answers 409 when renamed to another SKU of the account', async () => {
    expect((await post(cookie, skuBody('PATCH-OTHER-1'))).statusCode).toBe(201);
    const response = await patch({ seller_sku: 'patch-other-1' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('already_exists');
  });

  it('answers 404 for a SKU id that does not exist, and 400 for one that is not an id', async () => {
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/v1/skus/01900000-0000-7000-8000-000000000000',
      headers: { cookie },
      payload: { weight: '1' },
    });
    expect(missing.statusCode).toBe(404);
    const garbage = await t.app.inject({ method: 'GET', url: '/v1/skus/not-an-id', headers: { cookie } });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('validation_failed');
  });

  it('archives: status archived, gone from status=active, still listed under status=archived', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/v1/skus/${id}/archive`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'archived' });

    const active = await listAll(cookie, { status: 'active' });
    expect(active.map((s) => s.id)).not.toContain(id);
    expect(active.every((s) => s.status === 'active')).toBe(true);
    const archived = await listAll(cookie, { status: 'archived' });
    expect(archived.map((s) => s.id)).toContain(id);
    expect(archived.every((s) => s.status === 'archived')).toBe(true);
    expect((await listAll(cookie)).map((s) => s.id)).toContain(id);

    const again = await t.app.inject({ method: 'POST', url: `/v1/skus/${id}/archive`, headers: { cookie } });
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('archived');
  });
});

describe('listing and searching', () => {
  it('walks every SKU of the account exactly once, in id order, 7 at a time', async () => {
    const cookie = await t.as('seller_admin', 'HOMELY');
    const expected = await skuCount(homely);
    expect(expected).toBeGreaterThan(50);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(cookie, { limit: '7', ...(cursor ? { cursor } : {}) });
      expect(response.statusCode).toBe(200);
      const page = response.json() as Page;
      expect(page.data.length).toBeLessThanOrEqual(7);
      if (page.next_cursor) expect(page.data).toHaveLength(7);
      for (const sku of page.data) expect(sku.account_id).toBe(homely);
      seen.push(...page.data.map((s) => s.id));
      cursor = page.next_cursor;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(seen).toEqual([...seen].sort());
    expect(pages).toBe(Math.ceil(expected / 7));
  });

  it('finds SKUs by a seller SKU fragment, in any letter case', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const all = await listAll(cookie);
    const expected = all.filter((s) => s.seller_sku.toLowerCase().includes('tee-blk')).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(1);
    const found = await listAll(cookie, { q: 'tee-blk' });
    expect(found.map((s) => s.id)).toEqual(expected);
  });

  it('finds SKUs by a fragment of the Chinese title', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const all = await listAll(cookie);
    const expected = all.filter((s) => s.title_zh?.includes('圆领')).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(1);
    const found = await listAll(cookie, { q: '圆领' });
    expect(found.map((s) => s.id)).toEqual(expected);
    expect(found.length).toBeLessThan(all.length);
  });

  it('finds the one SKU with an exact UPC', async () => {
    const cookie = await t.as('seller_admin', 'VOLTBEE');
    const all = await listAll(cookie);
    const target = all.find((s) => s.upc && s.seller_sku.startsWith('VB-'));
    expect(target?.upc).toMatch(/^\d{12}$/);
    const found = await listAll(cookie, { q: target?.upc as string });
    expect(found.map((s) => s.id)).toEqual([target?.id]);
  });

  it('treats % and _ in a search as literal characters', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const response = await list(cookie, { q: '%' });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual([]);
  });

  it('filters by flag: battery SKUs of VOLTBEE and nothing else', async () => {
    const cookie = await t.as('seller_admin', 'VOLTBEE');
    const all = await listAll(cookie);
    const expected = all.filter((s) => s.flags.includes('battery')).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const found = await listAll(cookie, { flag: 'battery' });
    expect(found.map((s) => s.id)).toEqual(expected);
    expect(found.every((s) => s.flags.includes('battery'))).toBe(true);
  });

  it('answers 400 for an unknown flag', async () => {
    const response = await list(await t.as('seller_admin', 'VOLTBEE'), { flag: 'radioactive' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('answers a forged cursor with 400 at query.cursor', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    for (const cursor of ['garbage', Buffer.from('not-a-uuid').toString('base64url')]) {
      const response = await list(cookie, { cursor });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'validation_failed',
        details: [expect.objectContaining({ path: ['query', 'cursor'] })],
      });
    }
  });

  it('answers limit=0 and limit=501 with 400 at query.limit; 500 is allowed', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    for (const limit of ['0', '501', '-1', 'ten']) {
      const response = await list(cookie, { limit });
      expect(response.statusCode, limit).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details[0].path).toEqual(['query', 'limit']);
    }
    const max = await list(cookie, { limit: '500' });
    expect(max.statusCode).toBe(200);
  });

  it('shows a seller only its own SKUs, even when it names another account', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const own = await listAll(cookie);
    expect(own.length).toBe(await skuCount(threadline));
    expect(own.every((s) => s.account_id === threadline)).toBe(true);
    const other = await list(cookie, { account_id: homely });
    expect([200, 404]).toContain(other.statusCode);
    if (other.statusCode === 200) expect(other.json().data).toEqual([]);
  });

  it('shows provider admins every account’s SKUs, or one account’s with account_id', async () => {
    const cookie = await t.as('admin');
    const all = await listAll(cookie);
    const accounts = new Set(all.map((s) => s.account_id));
    expect(accounts).toEqual(new Set([threadline, homely, voltbee]));
    expect(all.length).toBe((await skuCount(threadline)) + (await skuCount(homely)) + (await skuCount(voltbee)));

    const onlyHomely = await listAll(cookie, { account_id: homely });
    expect(onlyHomely.length).toBe(await skuCount(homely));
    expect(onlyHomely.every((s) => s.account_id === homely)).toBe(true);
  });
});
