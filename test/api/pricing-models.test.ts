/** Greater-of and seasonal pricing models on a rate card, through the API: saved, refused with located errors, quoted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { sampleStandardCard } from '../../src/domain/rate-cards/sample-standard-card.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
let t: TestApp;
let finance: string;
let standardId: string;

const send = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: finance }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** The demo card with storage billed FBA-style: $0.78 per ft³ per month Jan–Sep, $2.40 Oct–Dec (sample prices). */
function seasonalCard() {
  const document = sampleStandardCard();
  const storage = document.rules.find((r) => r.id === 'storage.ft3');
  if (!storage) throw new Error('no storage rule');
  storage.model = {
    kind: 'time_based',
    per: 'month',
    unit: 'ft3',
    seasons: [
      { fromMonth: 1, toMonth: 9, rate: '0.78' },
      { fromMonth: 10, toMonth: 12, rate: '2.40', label: { en: 'peak season', zh: '旺季' } },
    ],
  };
  document.rules.push({
    id: 'storage.aged_over_365',
    module: 'long_term_storage',
    label: { en: 'Aged stock over 365 days: greater of per ft³ or per unit', zh: '库龄超 365 天：按立方英尺或按件取较高者' },
    meter: 'add_on',
    model: {
      kind: 'greater_of',
      branches: [
        { label: { en: 'per ft³', zh: '按立方英尺' }, model: { kind: 'per_unit', rate: '6.90', unit: 'ft3' } },
        { label: { en: 'per unit', zh: '按件' }, quantityFrom: 'units', model: { kind: 'per_unit', rate: '0.15', unit: 'unit' } },
      ],
    },
  });
  return document;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  finance = await t.as('finance');
  standardId = (await send('GET', '/v1/rate-cards?kind=standard')).json().data[0].id;
});
afterAll(async () => t?.close());

describe('greater-of and seasonal models on a card', () => {
  it('refuses a schedule with a gap and a greater-of with one branch, each located in the document, in both languages', async () => {
    const document = seasonalCard();
    const storage = document.rules.find((r) => r.id === 'storage.ft3');
    if (storage?.model.kind === 'time_based') storage.model.seasons = [{ fromMonth: 1, toMonth: 9, rate: '0.78' }];
    const aged = document.rules.at(-1);
    if (aged?.model.kind === 'greater_of') aged.model.branches = aged.model.branches.slice(0, 1);
    const response = await send('POST', `/v1/rate-cards/${standardId}/versions`, { effective_from: '2027-01-01', document });
    expect(response.statusCode).toBe(400);
    const details = response.json().error.details as { path: (string | number)[]; code: string; messages: { en: string; zh: string } }[];
    const storageIndex = document.rules.findIndex((r) => r.id === 'storage.ft3');
    expect(details).toContainEqual(
      expect.objectContaining({
        path: ['document', 'rules', storageIndex, 'model', 'seasons'],
        code: 'invalid_seasons',
        messages: { en: 'gap: Oct, Nov, Dec are in no season', zh: '有空缺：10月、11月、12月不属于任何季节' },
      }),
    );
    expect(details).toContainEqual(
      expect.objectContaining({ path: ['document', 'rules', document.rules.length - 1, 'model', 'branches'], code: 'invalid_branches' }),
    );
  });

  it('saves both models, and a quote dated in the peak season bills storage at the peak rate, naming the season', async () => {
    const saved = await send('POST', `/v1/rate-cards/${standardId}/versions`, {
      effective_from: '2026-11-01',
      document: seasonalCard(),
      notes: 'FBA-style seasonal storage',
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const quote = await send('POST', '/v1/quotes', {
      prospect_name: 'Seasonal Co.',
      quote_date: '2026-11-25',
      orders_per_day: '20',
      origin_warehouse: 'US-NJ1',
      skus: [
        { seller_sku: 'MUG-1', length: '12', width: '9', height: '10', dimension_unit: 'cm', weight: '380', weight_unit: 'g', flags: [] },
      ],
      destinations: [{ zip: '10001', share: '1' }],
    });
    expect(quote.statusCode, quote.body).toBe(201);
    const storage = quote.json().quote.lines.find((l: { rule: { ruleId: string } }) => l.rule.ruleId === 'storage.ft3');
    expect(storage.rate).toBe('2.4');
    expect(storage.formula.en).toMatch(/× \$2\.40 per month × 30\/30 \(peak season\) = /);
    expect(storage.formula.zh).toMatch(/（旺季）/);
    expect(storage.inputs['parts[0].months']).toBe('peak season');
  });
});
