/**
 * Channel availability through the API: buffers and caps over the shared pool, account
 * defaults vs SKU rules, and the change feed a channel connector reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addStock, freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let account: string;
let seller: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  account = await t.accountId('HOMELY');
  seller = { cookie: await t.as('seller_admin', 'HOMELY') };
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: seller });
const put = (payload: object) => t.app.inject({ method: 'PUT', url: '/v1/channel-stock-rules', headers: seller, payload });

describe('channel availability', () => {
  it('holds back buffers and caps per channel over one pool, the SKU rule beating the default', async () => {
    const sku = await freshSku(t.services, account);
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: await warehouseId(t.services, 'US-NJ1'), quantity: 30 });
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: await warehouseId(t.services, 'US-CA1'), quantity: 20 });
    // Units in the returns centre are not sellable stock for channels.
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: await warehouseId(t.services, 'US-RET1'), quantity: 9 });
    await t.services.allocations.allocate(
      { kind: 'user', id: 'x', role: 'seller_admin', accountId: account, userId: null },
      { reference: 'AV-1', lines: [{ skuId: sku, quantity: 4 }] },
    );
    expect((await put({ channel: 'tiktok_shop', safety_buffer: 6 })).statusCode).toBe(200);
    const own = await put({ channel: 'tiktok_shop', sku_id: sku, safety_buffer: 2, cap: 40 });
    expect(own.json()).toMatchObject({ channel: 'tiktok_shop', sku_id: sku, safety_buffer: 2, cap: 40 });
    await put({ channel: 'shopify', safety_buffer: 50 });
    const response = await get(`/v1/availability?sku=${sku}`);
    expect(response.statusCode, response.body).toBe(200);
    const [row] = response.json().data as { pool: number; channels: { channel: string; available: number; rule: string }[] }[];
    expect(row?.pool).toBe(46); // 30 + 20 − 4 allocated
    const shown = Object.fromEntries(row?.channels.map((c) => [c.channel, [c.available, c.rule]]) ?? []);
    expect(shown.tiktok_shop).toEqual([40, 'sku']); // min(40, 46 − 2)
    expect(shown.shopify).toEqual([0, 'account_default']); // max(0, 46 − 50)
    expect(shown.youtube).toEqual([46, 'none']);
    const one = await get(
      `/v1/availability?channel=tiktok_shop&sku=${encodeURIComponent((row as unknown as { seller_sku: string }).seller_sku)}`,
    );
    expect(one.json().data[0].channels).toHaveLength(1);
  });

  it('feeds every change after a sequence number to the connectors', async () => {
    const start = (await get('/v1/availability/changes?after=0&limit=1000')).json() as { next_after: number };
    let after = start.next_after;
    for (;;) {
      const page = (await get(`/v1/availability/changes?after=${after}&limit=1000`)).json() as { data: unknown[]; next_after: number };
      if (page.data.length === 0) break;
      after = page.next_after;
    }
    const sku = await freshSku(t.services, account);
    await addStock(t.services, { accountId: account, skuId: sku, warehouseId: await warehouseId(t.services, 'US-NJ1'), quantity: 5 });
    const changes = (await get(`/v1/availability/changes?after=${after}&channel=shopify`)).json() as {
      data: { seq: number; sku_id: string; pool: number; channels: { channel: string; available: number }[] }[];
      next_after: number;
    };
    expect(changes.data.map((c) => c.sku_id)).toEqual([sku]);
    expect(changes.data[0]?.pool).toBe(5);
    expect(changes.next_after).toBe(changes.data[0]?.seq);
    const none = (await get(`/v1/availability/changes?after=${changes.next_after}`)).json() as { data: unknown[]; next_after: number };
    expect(none).toEqual({ data: [], next_after: changes.next_after });
  });

  it('refuses a rule for an unknown SKU or channel, and hides another seller’s rules', async () => {
    const unknown = await put({ channel: 'tiktok_shop', seller_sku: 'NOPE', safety_buffer: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ path: ['seller_sku'], code: 'unknown_sku' });
    expect((await put({ channel: 'myspace', safety_buffer: 1 })).statusCode).toBe(400);
    const other = await t.accountId('VOLTBEE');
    expect((await get(`/v1/channel-stock-rules?account_id=${other}`)).statusCode).toBe(404);
    const rules = (await get('/v1/channel-stock-rules')).json().data as { id: string; account_id: string }[];
    expect(rules.every((r) => r.account_id === account)).toBe(true);
    const removed = await t.app.inject({ method: 'DELETE', url: `/v1/channel-stock-rules/${rules[0]?.id}`, headers: seller });
    expect(removed.statusCode).toBe(200);
  });
});
