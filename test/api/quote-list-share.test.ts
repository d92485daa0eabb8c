/** The quote list as summaries, and share links: status in list and detail, revoked for good. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const start = new Date('2026-11-25T08:00:00Z');
const clock = fixedClock(start);
let t: TestApp;
let seller: string;
let other: string;

const send = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string | null, payload?: unknown) =>
  t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

const quoteBody = {
  orders_per_day: '40',
  origin_warehouse: 'US-NJ1',
  skus: [
    { seller_sku: 'TEE', length: '30', width: '25', height: '3', dimension_unit: 'cm', weight: '180', weight_unit: 'g', flags: [] },
    {
      seller_sku: 'PB',
      length: '15',
      width: '8',
      height: '3',
      dimension_unit: 'cm',
      weight: '230',
      weight_unit: 'g',
      flags: [],
      share: '0.5',
    },
  ],
  destinations: [{ zip: '10001', share: '1' }],
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  seller = await t.as('seller_admin', 'THREADLINE');
  other = await t.as('seller_admin', 'HOMELY');
});
afterAll(async () => t?.close());

async function listed(id: string) {
  const page = await send('GET', '/v1/quotes?limit=500', seller);
  expect(page.statusCode, page.body).toBe(200);
  return (page.json().data as { id: string }[]).find((q) => q.id === id) as unknown as Record<string, unknown> & {
    share: { status: string; expires_at: string | null };
  };
}

describe('GET /v1/quotes', () => {
  it('lists summaries: who, when, totals per month, per order and per unit, card versions, SKU count, share status — not the lines', async () => {
    const created = await send('POST', '/v1/quotes', seller, quoteBody);
    expect(created.statusCode, created.body).toBe(201);
    const saved = created.json();
    expect(saved.share).toEqual({ status: 'none', expires_at: null });
    const summary = await listed(saved.id);
    expect(Object.keys(summary).sort()).toEqual(
      [
        'id',
        'account_id',
        'prospect_name',
        'created_at',
        'quote_date',
        'currency',
        'card_versions',
        'orders_per_day',
        'sku_count',
        'totals',
        'share',
      ].sort(),
    );
    expect(summary).toMatchObject({
      account_id: saved.account_id,
      prospect_name: null,
      quote_date: '2026-11-25',
      currency: 'USD',
      card_versions: saved.card_versions,
      orders_per_day: '40',
      sku_count: 2,
      share: { status: 'none', expires_at: null },
    });
    const { monthlyTotal, perOrder, volumes } = saved.quote;
    const totals = summary.totals as Record<string, { amount_minor: string; amount: string }>;
    expect(totals.monthly).toEqual(monthlyTotal);
    expect(totals.per_order).toEqual(perOrder);
    // Per unit: the monthly total over the units a month, half up to the cent.
    const units = Number(volumes.unitsPerMonth); // 40 orders a day × 30 days = 1,200 units
    expect(units).toBe(1200);
    const cents = Math.round(Number(monthlyTotal.amount_minor) / units);
    expect(totals.per_unit?.amount_minor).toBe(String(cents));
  });
});

describe('share links', () => {
  it('shows an active link in list and detail, and a revoked one stops opening at once', async () => {
    const id = (await send('POST', '/v1/quotes', seller, quoteBody)).json().id;
    const share = await send('POST', `/v1/quotes/${id}/share`, seller, { days: 7 });
    expect(share.statusCode).toBe(201);
    const { token, expires_at } = share.json();
    expect((await listed(id)).share).toEqual({ status: 'active', expires_at });
    expect((await send('GET', `/v1/quotes/${id}`, seller)).json().share).toEqual({ status: 'active', expires_at });
    expect((await send('GET', `/v1/shared/quotes/${token}`, null)).statusCode).toBe(200);

    // Another seller cannot revoke it, and learns nothing.
    expect((await send('DELETE', `/v1/quotes/${id}/share`, other)).statusCode).toBe(404);
    expect((await send('GET', `/v1/shared/quotes/${token}`, null)).statusCode).toBe(200);

    const revoked = await send('DELETE', `/v1/quotes/${id}/share`, seller);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toEqual({ share: { status: 'none', expires_at: null } });
    const gone = await send('GET', `/v1/shared/quotes/${token}`, null);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    expect(gone.json().error.details[0]).toMatchObject({
      code: 'share_link_inactive',
      messages: { zh: expect.stringContaining('已撤销') },
    });
    expect((await listed(id)).share).toEqual({ status: 'none', expires_at: null });
    expect((await send('GET', `/v1/quotes/${id}`, seller)).json().share.status).toBe('none');
    // Revoking again is harmless; sharing again makes a new link.
    expect((await send('DELETE', `/v1/quotes/${id}/share`, seller)).statusCode).toBe(200);
    const again = (await send('POST', `/v1/quotes/${id}/share`, seller, { days: 1 })).json();
    expect(again.token).not.toBe(token);
    expect((await send('GET', `/v1/shared/quotes/${again.token}`, null)).statusCode).toBe(200);
    expect((await send('GET', `/v1/shared/quotes/${token}`, null)).statusCode).toBe(404);
  });

  it('says expired once the link’s date has passed', async () => {
    const id = (await send('POST', '/v1/quotes', seller, quoteBody)).json().id;
    const { token, expires_at } = (await send('POST', `/v1/quotes/${id}/share`, seller, { days: 1 })).json();
    clock.advance(2 * 86_400_000);
    try {
      expect((await listed(id)).share).toEqual({ status: 'expired', expires_at });
      expect((await send('GET', `/v1/quotes/${id}`, seller)).json().share).toEqual({ status: 'expired', expires_at });
      const response = await send('GET', `/v1/shared/quotes/${token}`, null);
      expect([response.statusCode, response.json().error.details[0].code]).toEqual([404, 'share_link_inactive']);
    } finally {
      clock.set(start);
    }
  });

  it('leaves the public shared quote without account or share details', async () => {
    const id = (await send('POST', '/v1/quotes', seller, quoteBody)).json().id;
    const { token } = (await send('POST', `/v1/quotes/${id}/share`, seller, { days: 3 })).json();
    const open = (await send('GET', `/v1/shared/quotes/${token}`, null)).json();
    expect(open).not.toHaveProperty('account_id');
    expect(open).not.toHaveProperty('share');
  });
});
