/** Official zone charts imported into a rate card through the API, and used to rate parcels. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from './multipart.js';

const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
let t: TestApp;
let finance: string;
let seller: string;
let standardId: string;

const csv = (rows: string[]) => multipart('file', 'ups-088.csv', Buffer.from(rows.join('\n')), 'text/csv');
const upload = (url: string, cookie: string, rows: string[]) => {
  const form = csv(rows);
  return t.app.inject({ method: 'POST', url, headers: { cookie, ...form.headers }, payload: form.payload });
};
const versionCount = async () =>
  (await t.app.inject({ method: 'GET', url: `/v1/rate-cards/${standardId}`, headers: { cookie: finance } })).json().versions.length;

/** Everything zone 2 except 900–999 at zone 3: unmistakably not the distance zones from New Jersey. */
const GOOD = ['UPS Ground zone chart, origin 088', '', 'Dest. ZIP,Ground', '004-899,002', '900-999,003'];

beforeAll(async () => {
  t = await createTestApp({ clock });
  finance = await t.as('finance');
  seller = await t.as('seller_admin', 'THREADLINE');
  standardId = (await t.app.inject({ method: 'GET', url: '/v1/rate-cards?kind=standard', headers: { cookie: finance } })).json().data[0].id;
});
afterAll(async () => t?.close());

describe('POST /v1/rate-cards/:code/zone-charts', () => {
  const url = '/v1/rate-cards/US-STANDARD/zone-charts?origin=08837&service=UPS_GROUND&effective_from=2026-11-01';

  it('imports nothing from a chart with errors, locating each by row and column in both languages', async () => {
    const before = await versionCount();
    const response = await upload(url, finance, ['Dest. ZIP,Ground', '004-199,002', '150-899,002', '950-999,009']);
    expect(response.statusCode).toBe(422);
    const details = response.json().error.details as { row: number; column: string; code: string; messages: { zh: string } }[];
    expect(details.map((d) => [d.row, d.column, d.code])).toEqual([
      [3, 'A', 'overlapping_ranges'],
      [4, 'A', 'gap_in_ranges'],
    ]);
    expect(details[0]?.messages.zh).toContain('重叠');
    expect(await versionCount()).toBe(before);
  });

  it('refuses a zone the service does not price, located inside the card, and saves nothing', async () => {
    const before = await versionCount();
    const response = await upload(url, finance, ['Dest. ZIP,Zone', '004-899,2', '900-999,9']);
    expect(response.statusCode).toBe(400);
    const detail = response.json().error.details[0];
    expect(detail).toMatchObject({ path: ['document', 'zoneCharts', 0, 'rows', 1, 'zone'], code: 'zone_not_priced' });
    expect(detail.messages.zh).toMatch(/分区 9/);
    expect(await versionCount()).toBe(before);
  });

  it('loads a chart as a new version; rating from that origin then uses the chart’s zone for that service only', async () => {
    const before = await versionCount();
    const response = await upload(url, finance, GOOD);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().version).toBe(before + 1);
    const version = await t.app.inject({
      method: 'GET',
      url: `/v1/rate-cards/${standardId}/versions/${before + 1}`,
      headers: { cookie: finance },
    });
    expect(version.json().document.zoneCharts).toEqual([
      {
        id: 'ups_ground:08837:2026-11-01',
        services: ['ups_ground'],
        origins: ['08837'],
        rows: [
          { from: '004', to: '899', zone: 2 },
          { from: '900', to: '999', zone: 3 },
        ],
        source: 'ups-088.csv (column Ground)',
        effectiveFrom: '2026-11-01',
      },
    ]);

    const parcel = {
      origin_warehouse: 'US-NJ1',
      destination_zip: '90210',
      length: '12',
      width: '10',
      height: '8',
      dimension_unit: 'in',
      weight: '3',
      weight_unit: 'lb',
      services: ['ups_ground', 'fedex_ground'],
    };
    const rate = await t.app.inject({ method: 'POST', url: '/v1/rates', headers: { cookie: seller }, payload: parcel });
    expect(rate.statusCode, rate.body).toBe(200);
    const all = [rate.json().best, ...rate.json().runners_up];
    const ups = all.find((q: { service: { code: string } }) => q.service.code === 'ups_ground');
    const fedex = all.find((q: { service: { code: string } }) => q.service.code === 'fedex_ground');
    expect([ups.zone, ups.zoneBasis]).toEqual([3, 'chart']);
    expect([fedex.zone, fedex.zoneBasis]).toEqual([8, 'distance']);
    // From the other warehouse (91761) the chart does not apply.
    const west = await t.app.inject({
      method: 'POST',
      url: '/v1/rates',
      headers: { cookie: seller },
      payload: { ...parcel, origin_warehouse: 'US-CA1', destination_zip: '10001' },
    });
    expect(west.json().best.zoneBasis).toBe('distance');
  });

  it('takes the card id too, and answers unknown cards, plans and services plainly', async () => {
    const byId = await upload(`/v1/rate-cards/${standardId}/zone-charts?origin=088&carrier=ups&effective_from=2026-11-02`, finance, GOOD);
    expect(byId.statusCode, byId.body).toBe(201);
    expect((await upload('/v1/rate-cards/NO-SUCH-CARD/zone-charts?origin=08837&service=ups_ground', finance, GOOD)).statusCode).toBe(404);
    const plan = await upload('/v1/rate-cards/THREADLINE-PLAN/zone-charts?origin=08837&service=ups_ground', finance, GOOD);
    expect(plan.statusCode).toBe(400);
    expect(plan.json().error.details[0].code).toBe('wrong_kind');
    const service = await upload('/v1/rate-cards/US-STANDARD/zone-charts?origin=08837&service=dhl_express', finance, GOOD);
    expect(service.statusCode).toBe(404);
    const origin = await upload('/v1/rate-cards/US-STANDARD/zone-charts?origin=0883&service=ups_ground', finance, GOOD);
    expect(origin.json().error.details[0]).toMatchObject({ path: ['origin'], code: 'invalid_origin' });
  });

  it('is for provider staff who keep the price lists: sellers cannot load charts', async () => {
    expect((await upload(url, seller, GOOD)).statusCode).toBe(403);
  });
});
