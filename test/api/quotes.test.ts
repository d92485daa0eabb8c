/** Quotes, rates and rate cards through the HTTP API, as a seller and as provider finance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { sampleStandardCard } from '../../src/domain/rate-cards/sample-standard-card.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from './multipart.js';
import { quoteBody } from '../helpers/quote-request.js';

const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
let t: TestApp;
let seller: string;
let finance: string;
let standardId: string;

const send = (method: 'GET' | 'POST', url: string, cookie: string | null, payload?: unknown) =>
  t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  t = await createTestApp({ clock });
  seller = await t.as('seller_admin', 'THREADLINE');
  finance = await t.as('finance');
  const cards = await send('GET', '/v1/rate-cards?kind=standard', finance);
  standardId = cards.json().data[0].id;
});
afterAll(async () => t?.close());

describe('quotes', () => {
  it('quotes a seller on the standard card with its negotiated plan on top, lines summing to the total', async () => {
    const response = await send('POST', '/v1/quotes', seller, quoteBody);
    expect(response.statusCode, response.body).toBe(201);
    const { quote, card_versions } = response.json();
    expect(card_versions).toEqual([
      { code: 'US-STANDARD', version: 1 },
      { code: 'THREADLINE-PLAN', version: 1 },
    ]);
    const sum = quote.lines.reduce((a: bigint, l: { amount: { amount_minor: string } }) => a + BigInt(l.amount.amount_minor), 0n);
    expect(String(sum)).toBe(quote.monthlyTotal.amount_minor);
    const handling = quote.lines.find((l: { rule: { ruleId: string } }) => l.rule.ruleId === 'handling.order');
    expect(handling.rule.cardCode).toBe('THREADLINE-PLAN');
    expect(quote.lines.some((l: { module: string }) => l.module === 'discount')).toBe(true);
    expect(quote.skus.map((s: { sellerSku: string }) => s.sellerSku)).toEqual(['TL-TEE-BLK-M', 'TL-HOOD-BLK-M']);
    // Saved and readable again, exactly.
    const again = await send('GET', `/v1/quotes/${response.json().id}`, seller);
    expect(again.json().quote).toEqual(quote);
  });

  it('computes a saved quote again, identically, for its Excel workbook', async () => {
    const created = await send('POST', '/v1/quotes', seller, quoteBody);
    const workbook = await send('GET', `/v1/quotes/${created.json().id}/workbook?lang=zh`, seller);
    expect(workbook.statusCode).toBe(200);
    expect(workbook.headers['x-quote-reproduced']).toBe('identical');
    expect(workbook.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Another seller cannot open it.
    expect((await send('GET', `/v1/quotes/${created.json().id}/workbook`, await t.as('seller_admin', 'HOMELY'))).statusCode).toBe(404);
  });

  it('quotes a prospect for provider finance on the plain standard card', async () => {
    const response = await send('POST', '/v1/quotes', finance, { ...quoteBody, prospect_name: 'Ningbo Kitchen Co.' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().account_id).toBeNull();
    expect(response.json().card_versions).toEqual([{ code: 'US-STANDARD', version: 1 }]);
  });

  it('answers bad requests with the field that is wrong, and saves nothing', async () => {
    const before = (await send('GET', '/v1/quotes?limit=500', seller)).json().data.length;
    const badZip = await send('POST', '/v1/quotes', seller, { ...quoteBody, destinations: [{ zip: '1234', share: '1' }] });
    expect(badZip.statusCode).toBe(400);
    expect(badZip.json().error.details[0].path).toEqual(['destinations', 0, 'zip']);
    const badLane = await send('POST', '/v1/quotes', seller, { ...quoteBody, first_leg_lane: 'NO-SUCH-LANE' });
    expect(badLane.statusCode).toBe(400);
    expect(badLane.json().error.message).toContain('NO-SUCH-LANE');
    const badWarehouse = await send('POST', '/v1/quotes', seller, { ...quoteBody, origin_warehouse: 'US-RET1' });
    expect(badWarehouse.statusCode).toBe(400);
    expect(badWarehouse.json().error.details[0].path).toEqual(['origin_warehouse']);
    const noSkus = await send('POST', '/v1/quotes', seller, { ...quoteBody, skus: [] });
    expect(noSkus.statusCode).toBe(400);
    expect((await send('GET', '/v1/quotes?limit=500', seller)).json().data.length).toBe(before);
  });

  it('shares a quote read-only through a link that expires', async () => {
    const created = await send('POST', '/v1/quotes', seller, quoteBody);
    const share = await send('POST', `/v1/quotes/${created.json().id}/share`, seller, { days: 2 });
    expect(share.statusCode).toBe(201);
    const token = share.json().token;
    const open = await send('GET', `/v1/shared/quotes/${token}`, null);
    expect(open.statusCode).toBe(200);
    expect(open.json().quote.monthlyTotal).toEqual(created.json().quote.monthlyTotal);
    expect(open.json()).not.toHaveProperty('account_id');
    expect((await send('GET', '/v1/shared/quotes/not-a-real-token-at-all', null)).statusCode).toBe(404);
    clock.advance(3 * 86_400_000);
    expect((await send('GET', `/v1/shared/quotes/${token}`, null)).statusCode).toBe(404);
    clock.set(new Date('2026-11-25T08:00:00Z'));
  });
});

describe('rates', () => {
  it('rate-shops one parcel: cheapest fitting service first, with every other option', async () => {
    const response = await send('POST', '/v1/rates', seller, {
      origin_warehouse: 'US-CA1',
      destination_zip: '10001',
      length: '12',
      width: '10',
      height: '8',
      dimension_unit: 'in',
      weight: '3',
      weight_unit: 'lb',
    });
    expect(response.statusCode, response.body).toBe(200);
    const { best, runners_up } = response.json();
    expect(best.zone).toBe(8);
    for (const other of runners_up) expect(BigInt(other.total.amount_minor) >= BigInt(best.total.amount_minor)).toBe(true);
  });

  it('says why a parcel does not fit, instead of failing', async () => {
    const response = await send('POST', '/v1/rates', seller, {
      origin_warehouse: 'US-NJ1',
      destination_zip: '10001',
      length: '120',
      width: '30',
      height: '30',
      dimension_unit: 'in',
      weight: '160',
      weight_unit: 'lb',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().best).toBeNull();
    expect(response.json().not_rated.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.json().not_rated)).toContain('over_max_weight');
  });

  it('refuses an unknown ZIP and an unknown unit with a located error', async () => {
    const zip = await send('POST', '/v1/rates', seller, {
      origin_warehouse: 'US-NJ1',
      destination_zip: '1000',
      length: '1',
      width: '1',
      height: '1',
      dimension_unit: 'in',
      weight: '1',
      weight_unit: 'lb',
    });
    expect(zip.statusCode).toBe(400);
    expect(zip.json().error.details[0].path).toEqual(['destination_zip']);
    const unit = await send('POST', '/v1/rates', seller, {
      origin_warehouse: 'US-NJ1',
      destination_zip: '10001',
      length: '1',
      width: '1',
      height: '1',
      dimension_unit: 'furlong',
      weight: '1',
      weight_unit: 'lb',
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.details[0].path).toEqual(['dimension_unit']);
  });
});

describe('rate cards', () => {
  it('lets a seller read the standard card (the public price list) but never change it', async () => {
    const card = await send('GET', `/v1/rate-cards/${standardId}`, seller);
    expect(card.statusCode).toBe(200);
    expect(card.json().versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const version = await send('GET', `/v1/rate-cards/${standardId}/versions/1`, seller);
    expect(version.json().document.rules.length).toBeGreaterThan(10);
    const write = await send('POST', `/v1/rate-cards/${standardId}/versions`, seller, {
      effective_from: '2027-01-01',
      document: sampleStandardCard(),
    });
    expect(write.statusCode).toBe(403);
  });

  it('adds a version, numbers it, and diffs it against the last by rule id', async () => {
    const document = sampleStandardCard();
    const pick = document.rules.find((r) => r.id === 'handling.additional_unit');
    if (pick?.model.kind === 'per_unit') pick.model.rate = '0.35';
    const added = await send('POST', `/v1/rate-cards/${standardId}/versions`, finance, {
      effective_from: '2027-01-01',
      document,
      notes: 'extra units up 5 cents',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().version).toBe(2);
    const diff = await send('GET', `/v1/rate-cards/${standardId}/diff?from=1&to=2`, seller);
    expect(diff.json().changes).toEqual([
      { kind: 'changed', path: 'rules[handling.additional_unit].model.rate', before: '0.30', after: '0.35' },
    ]);
    // A quote dated before 2027 still uses version 1.
    const quote = await send('POST', '/v1/quotes', finance, { ...quoteBody, quote_date: '2026-12-31' });
    expect(quote.json().card_versions).toEqual([{ code: 'US-STANDARD', version: 1 }]);
    const later = await send('POST', '/v1/quotes', finance, { ...quoteBody, quote_date: '2027-01-04' });
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().card_versions).toEqual([{ code: 'US-STANDARD', version: 2 }]);
  });

  it('imports nothing from a document with errors, and names each one inside the document', async () => {
    const document = sampleStandardCard() as unknown as { rules: { id: string; model: Record<string, unknown> }[] };
    const tiers = {
      kind: 'tiered',
      mode: 'graduated',
      tiers: [
        { upTo: '100', rate: '0.30' },
        { upTo: '50', rate: '0.25' },
        { upTo: null, rate: '0.20' },
      ],
    };
    document.rules[0] = { ...document.rules[0], model: tiers } as (typeof document.rules)[0];
    (document.rules[1] as { id: string }).id = (document.rules[2] as { id: string }).id;
    const before = (await send('GET', `/v1/rate-cards/${standardId}`, finance)).json().versions.length;
    const response = await send('POST', `/v1/rate-cards/${standardId}/versions`, finance, { effective_from: '2027-02-01', document });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.map((d: { path: (string | number)[] }) => d.path.join('.'));
    expect(paths).toContain('document.rules.0.model.tiers.1.upTo');
    expect(paths.some((p: string) => p.startsWith('document.rules.2.id') || p.startsWith('document.rules.1.id'))).toBe(true);
    expect((await send('GET', `/v1/rate-cards/${standardId}`, finance)).json().versions.length).toBe(before);
  });

  it('loads a carrier rate table from a sheet as a new version, refusing a table that drops in price', async () => {
    const csv = (rows: string[]) => multipart('file', 'ups.csv', Buffer.from(rows.join('\n')), 'text/csv');
    const bad = csv(['Weight,Zone 2,Zone 3', '1 lb,10.00,10.50', '2 lb,9.99,11.00']);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/v1/rate-cards/${standardId}/rate-tables/ups_ground?effective_from=2027-03-01`,
      headers: { cookie: finance, ...bad.headers },
      payload: bad.payload,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0]).toMatchObject({ row: 3, column: 'B', code: 'decreases_along_weight' });
    const versions = (await send('GET', `/v1/rate-cards/${standardId}`, finance)).json().versions.length;
    const exported = await send('GET', `/v1/rate-cards/${standardId}/versions/1/rate-tables/ups_ground`, seller);
    expect(exported.statusCode).toBe(200);
    const rows = exported.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows[0]).toMatch(/^Weight,Zone 1/);
    // Raise every price by loading the exported table back with a first row edited upward.
    const raised = rows.map((row, i) =>
      i === 0 ? row : row.replace(/,(\d+)\.(\d\d)/g, (_m, a: string, b: string) => `,${Number(a) + 1}.${b}`),
    );
    const good = csv(raised);
    const loaded = await t.app.inject({
      method: 'POST',
      url: `/v1/rate-cards/${standardId}/rate-tables/ups_ground?effective_from=2027-03-01`,
      headers: { cookie: finance, ...good.headers },
      payload: good.payload,
    });
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(loaded.json().version).toBe(versions + 1);
    const diff = await send('GET', `/v1/rate-cards/${standardId}/diff?from=${versions}&to=${versions + 1}`, finance);
    expect(diff.json().changes.every((c: { path: string }) => c.path.startsWith('carrierServices[ups_ground].rateTable'))).toBe(true);
  });

  it('publishes the JSON Schema of card documents', async () => {
    const schema = await send('GET', '/v1/rate-cards/schema', seller);
    expect(schema.statusCode).toBe(200);
    expect(JSON.stringify(schema.json())).toContain('age_banded');
  });
});
