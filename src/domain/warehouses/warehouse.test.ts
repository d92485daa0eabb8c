import { describe, expect, it } from 'vitest';
import type { ErrorDetail } from '../shared/errors.js';
import { isTimeZone, validateWarehouse, WAREHOUSE_KINDS, type WarehouseDraft } from './warehouse.js';

const edison = (overrides: Partial<WarehouseDraft> = {}): WarehouseDraft => ({
  code: 'US-NJ1',
  name: 'Edison NJ',
  kind: 'us_fulfilment',
  timezone: 'America/New_York',
  country: 'US',
  postalCode: '08817',
  cutoffs: [
    { name: 'same-day ship', time: '14:00', days: [1, 2, 3, 4, 5] },
    { name: 'USPS pickup', time: '16:30', days: [1, 2, 3, 4, 5, 6] },
    { name: 'receiving', time: '23:59', days: [1, 2, 3, 4, 5, 6, 7] },
  ],
  ...overrides,
});

const shenzhen = (overrides: Partial<WarehouseDraft> = {}): WarehouseDraft => ({
  code: 'CN-SZ1',
  name: '深圳集货仓',
  kind: 'china_consolidation',
  timezone: 'Asia/Shanghai',
  country: 'CN',
  postalCode: '518000',
  cutoffs: [{ name: 'receiving', time: '18:00', days: [1, 2, 3, 4, 5, 6] }],
  ...overrides,
});

const located = (errors: ErrorDetail[]) => errors.map((e) => [e.path, e.code]);

describe('validateWarehouse accepts', () => {
  it('a US fulfilment warehouse with its cutoffs', () => {
    expect(validateWarehouse(edison())).toEqual([]);
  });

  it('a China consolidation warehouse, a returns warehouse, ZIP+4 and no cutoffs', () => {
    expect(validateWarehouse(shenzhen())).toEqual([]);
    expect(
      validateWarehouse(
        edison({ code: 'US_CA_RET', kind: 'us_returns', timezone: 'America/Los_Angeles', postalCode: '91761-1234', cutoffs: [] }),
      ),
    ).toEqual([]);
  });

  it('a legacy IANA zone name the runtime knows (EST5EDT)', () => {
    expect(validateWarehouse(edison({ timezone: 'EST5EDT' }))).toEqual([]);
  });

  it('midnight and the last minute of the day as cutoff times', () => {
    expect(
      validateWarehouse(
        edison({
          cutoffs: [
            { name: 'a', time: '00:00', days: [7] },
            { name: 'b', time: '23:59', days: [1] },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('validateWarehouse rejects', () => {
  it.each(['us-nj1', 'U', 'US NJ1', '-NJ1', `W${'X'.repeat(32)}`, ''])('code %j', (code) => {
    expect(located(validateWarehouse(edison({ code })))).toEqual([[['code'], 'invalid_format']]);
  });

  it('an unknown kind', () => {
    expect(located(validateWarehouse(edison({ kind: 'bonded' })))).toEqual([[['kind'], 'unknown_kind']]);
  });

  it.each(['America/Gotham', 'Mars/Olympus_Mons', 'GMT+8', '+08:00', '', 'New York'])('time zone %j', (timezone) => {
    expect(located(validateWarehouse(edison({ timezone })))).toEqual([[['timezone'], 'unknown_timezone']]);
  });

  it('a China consolidation warehouse outside China', () => {
    expect(located(validateWarehouse(shenzhen({ country: 'US', postalCode: '90001' })))).toEqual([
      [['address', 'country'], 'kind_country_mismatch'],
    ]);
  });

  it('a US warehouse outside the US', () => {
    expect(located(validateWarehouse(edison({ country: 'CN', postalCode: '518000' })))).toEqual([
      [['address', 'country'], 'kind_country_mismatch'],
    ]);
  });

  it.each(['0881', '088170', '08817-12', 'ABCDE', ''])('US ZIP %j', (postalCode) => {
    expect(located(validateWarehouse(edison({ postalCode })))).toEqual([[['address', 'postal_code'], 'invalid_zip']]);
  });

  it.each(['51800', '5180001', '518 000'])('Chinese postal code %j', (postalCode) => {
    expect(located(validateWarehouse(shenzhen({ postalCode })))).toEqual([[['address', 'postal_code'], 'invalid_postal_code']]);
  });

  it.each(['25:00', '24:00', '14:60', '9:00', '14.00', '2pm'])('cutoff time %j, at its index', (time) => {
    const draft = edison();
    draft.cutoffs[1] = { name: 'USPS pickup', time, days: [1, 2, 3, 4, 5] };
    expect(located(validateWarehouse(draft))).toEqual([[['cutoffs', 1, 'time'], 'invalid_time']]);
  });

  it.each([[[0]], [[8]], [[]], [[1, 2.5]], [[1, -1]]])('cutoff days %j', (days) => {
    const draft = edison();
    draft.cutoffs[2] = { name: 'receiving', time: '20:00', days };
    expect(located(validateWarehouse(draft))).toEqual([[['cutoffs', 2, 'days'], 'invalid_days']]);
  });

  it('a cutoff name listed twice, at the second one', () => {
    const draft = edison({
      cutoffs: [
        { name: 'same-day ship', time: '14:00', days: [1, 2, 3, 4, 5] },
        { name: 'receiving', time: '20:00', days: [1] },
        { name: 'same-day ship', time: '12:00', days: [6] },
      ],
    });
    expect(located(validateWarehouse(draft))).toEqual([[['cutoffs', 2, 'name'], 'duplicate']]);
  });

  it('everything at once, each with its path', () => {
    const errors = validateWarehouse({
      code: 'x',
      name: 'Nowhere',
      kind: 'china_consolidation',
      timezone: 'America/Gotham',
      country: 'US',
      postalCode: '1234',
      cutoffs: [
        { name: 'ship', time: '14:00', days: [1] },
        { name: 'ship', time: '25:00', days: [0] },
      ],
    });
    expect(located(errors)).toEqual([
      [['code'], 'invalid_format'],
      [['timezone'], 'unknown_timezone'],
      [['address', 'country'], 'kind_country_mismatch'],
      [['address', 'postal_code'], 'invalid_zip'],
      [['cutoffs', 1, 'time'], 'invalid_time'],
      [['cutoffs', 1, 'days'], 'invalid_days'],
      [['cutoffs', 1, 'name'], 'duplicate'],
    ]);
    for (const e of errors) expect(e.message).not.toBe('');
  });

  it('every known kind is accepted in its own country', () => {
    for (const kind of WAREHOUSE_KINDS) {
      const draft = kind === 'china_consolidation' ? shenzhen() : edison({ kind });
      expect(validateWarehouse(draft), kind).toEqual([]);
    }
  });
});

describe('isTimeZone', () => {
  /** What the runtime's own time-zone database says. */
  const intlKnows = (name: string) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    'America/New_York',
    'America/Los_Angeles',
    'Asia/Shanghai',
    'UTC',
    'Etc/GMT-8',
    'America/Argentina/Buenos_Aires',
    'America/Port-au-Prince',
  ])('knows %j', (name) => {
    expect(isTimeZone(name)).toBe(true);
  });

  it('agrees with the runtime on legacy IANA zones such as EST5EDT', () => {
    for (const name of ['EST5EDT', 'CST6CDT', 'PST8PDT']) {
      expect(intlKnows(name), `runtime knows ${name}`).toBe(true);
      expect(isTimeZone(name), name).toBe(true);
    }
  });

  it.each(['America/Gotham', 'Gotham', 'GMT+8', '+08:00', 'UTC+8', '', ' America/New_York'])('rejects %j', (name) => {
    expect(isTimeZone(name)).toBe(false);
  });
});
