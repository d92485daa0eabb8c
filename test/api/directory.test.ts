/**
 * The provider's directory over HTTP: seller accounts, warehouses, the installation and
 * user lists — who may read them, who may change them, and how bad input is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

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
  code: string;
  message: string;
}

const get = async (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const send = async (method: 'POST' | 'PATCH', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('seller accounts', () => {
  it('lets the provider admin create an account, normalising the code to upper case', async () => {
    const response = await send('POST', '/v1/accounts', await t.as('admin'), {
      code: ' dongguan-toys_1 ',
      name: 'Dongguan Toys Co.',
      name_zh: '东莞玩具有限公司',
      contact_email: 'ops@dgtoys.demo',
      default_currency: 'cny',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      code: 'DONGGUAN-TOYS_1',
      name: 'Dongguan Toys Co.',
      name_zh: '东莞玩具有限公司',
      contact_email: 'ops@dgtoys.demo',
      default_currency: 'CNY',
      status: 'active',
    });
    const read = await get(`/v1/accounts/${response.json().id}`, await t.as('operator'));
    expect(read.statusCode).toBe(200);
    expect(read.json().code).toBe('DONGGUAN-TOYS_1');
  });

  it('answers a code already taken (any letter case) with 409', async () => {
    const response = await send('POST', '/v1/accounts', await t.as('admin'), { code: 'ThreadLine', name: 'Copycat' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'already_exists', details: [expect.objectContaining({ path: ['code'] })] });
  });

  it('refuses a bad code or currency with 400 at the field', async () => {
    const admin = await t.as('admin');
    const spaces = await send('POST', '/v1/accounts', admin, { code: 'bad code!', name: 'Bad' });
    expect(spaces.statusCode).toBe(400);
    expect(spaces.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: ['code'] })] });
    const chinese = await send('POST', '/v1/accounts', admin, { code: '织线', name: 'Bad' });
    expect(chinese.statusCode).toBe(400);
    const short = await send('POST', '/v1/accounts', admin, { code: 'X', name: 'Bad' });
    expect(short.statusCode).toBe(400);
    expect((short.json().error.details as Detail[]).some((d) => d.path?.at(-1) === 'code')).toBe(true);
    const currency = await send('POST', '/v1/accounts', admin, { code: 'EURO-SELLER', name: 'Euro', default_currency: 'XYZ' });
    expect(currency.statusCode).toBe(400);
    expect(currency.json().error.details).toEqual([expect.objectContaining({ path: ['default_currency'] })]);
    const list = await get('/v1/accounts?q=EURO&limit=500', admin);
    expect(list.json().data).toEqual([]);
  });

  it('refuses a name made only of spaces', async () => {
    const response = await send('POST', '/v1/accounts', await t.as('admin'), { code: 'BLANK-NAME', name: '   ' });
    expect(response.statusCode).toBe(400);
    expect((response.json().error.details as Detail[]).some((d) => d.path?.at(-1) === 'name')).toBe(true);
  });

  it('shows a seller only its own account, and 404 for another’s id', async () => {
    const cookie = await t.as('seller_user', 'THREADLINE');
    const list = await get('/v1/accounts?limit=500', cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((a: { id: string }) => a.id)).toEqual([threadline]);
    expect((await get(`/v1/accounts/${threadline}`, cookie)).statusCode).toBe(200);
    const other = await get(`/v1/accounts/${homely}`, cookie);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
  });

  it('shows provider staff every account, searchable by code or name', async () => {
    const all = await get('/v1/accounts?limit=500', await t.as('finance'));
    expect(all.json().data.map((a: { code: string }) => a.code)).toEqual(expect.arrayContaining(['THREADLINE', 'HOMELY', 'VOLTBEE']));
    const search = await get('/v1/accounts?q=volt', await t.as('finance'));
    expect(search.json().data.map((a: { code: string }) => a.code)).toEqual(['VOLTBEE']);
  });

  it('lets only the provider admin create or change accounts', async () => {
    for (const role of ['seller_admin', 'operator', 'finance'] as const) {
      const cookie = role === 'seller_admin' ? await t.as(role, 'THREADLINE') : await t.as(role);
      const create = await send('POST', '/v1/accounts', cookie, { code: `BY-${role.toUpperCase().replace('_', '-')}`, name: 'Nope' });
      expect(create.statusCode, role).toBe(403);
      const patch = await send('PATCH', `/v1/accounts/${threadline}`, cookie, { name: 'Renamed by a seller' });
      expect(patch.statusCode, role).toBe(403);
    }
    expect((await get(`/v1/accounts/${threadline}`, await t.as('admin'))).json().name).toBe('Guangzhou Threadline Apparel Co.');
  });

  it('updates an account’s names and contact, keeping its code', async () => {
    const admin = await t.as('admin');
    const created = await send('POST', '/v1/accounts', admin, { code: 'RENAME-ME', name: 'Old Name', contact_email: 'old@rename.demo' });
    const id = created.json().id as string;
    const response = await send('PATCH', `/v1/accounts/${id}`, admin, {
      name: 'New Name',
      name_zh: '新名字',
      contact_email: null,
      code: 'HIJACK',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: 'RENAME-ME', name: 'New Name', name_zh: '新名字', contact_email: null });
    const badCurrency = await send('PATCH', `/v1/accounts/${id}`, admin, { default_currency: 'XYZ' });
    expect(badCurrency.statusCode).toBe(400);
    expect(badCurrency.json().error.details).toEqual([expect.objectContaining({ path: ['default_currency'] })]);
    const missing = await send('PATCH', '/v1/accounts/01900000-0000-7000-8000-000000000000', admin, { name: 'Ghost' });
    expect(missing.statusCode).toBe(404);
  });

  it('archives an account: status archived, listed only under status=archived', async () => {
    const admin = await t.as('admin');
    const created = await send('POST', '/v1/accounts', admin, { code: 'ARCHIVE-ME', name: 'Archive Me Ltd' });
    const id = created.json().id as string;
    const archived = await send('POST', `/v1/accounts/${id}/archive`, admin);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ id, status: 'archived' });
    const active = await get('/v1/accounts?status=active&limit=500', admin);
    expect(active.json().data.map((a: { id: string }) => a.id)).not.toContain(id);
    const inactive = await get('/v1/accounts?status=archived&limit=500', admin);
    expect(inactive.json().data.map((a: { id: string }) => a.id)).toContain(id);
    const seller = await send('POST', `/v1/accounts/${threadline}/archive`, await t.as('seller_admin', 'THREADLINE'));
    expect(seller.statusCode).toBe(403);
  });
});

describe('warehouses', () => {
  const DEMO_CODES = ['CN-SZX1', 'US-NJ1', 'US-CA1', 'US-RET1'];

  it('lets every signed-in role list the four demo warehouses with address, time zone and cutoffs', async () => {
    for (const [role, account] of [['seller_user', 'THREADLINE'], ['finance'], ['operator'], ['auditor'], ['admin']] as const) {
      const response = await get('/v1/warehouses?limit=500', await t.as(role, account));
      expect(response.statusCode, role).toBe(200);
      const codes = response.json().data.map((w: { code: string }) => w.code);
      expect(codes, role).toEqual(expect.arrayContaining(DEMO_CODES));
    }
    const response = await get('/v1/warehouses?limit=500', await t.as('seller_user', 'THREADLINE'));
    const nj = response.json().data.find((w: { code: string }) => w.code === 'US-NJ1');
    expect(nj).toMatchObject({
      name: 'Edison NJ fulfilment',
      name_zh: '新泽西爱迪生仓',
      kind: 'us_fulfilment',
      address: { line1: '300 Raritan Center Pkwy', line2: null, city: 'Edison', region: 'NJ', postal_code: '08837', country: 'US' },
      timezone: 'America/New_York',
      status: 'active',
    });
    expect(nj.cutoffs).toEqual(
      expect.arrayContaining([
        { name: 'same-day ship', time: '14:00', days: [1, 2, 3, 4, 5] },
        { name: 'USPS pickup', time: '16:30', days: [1, 2, 3, 4, 5, 6] },
      ]),
    );
    const sz = response.json().data.find((w: { code: string }) => w.code === 'CN-SZX1');
    expect(sz).toMatchObject({ kind: 'china_consolidation', timezone: 'Asia/Shanghai', address: { country: 'CN', postal_code: '518103' } });
  });

  it('filters by kind and finds one warehouse by id', async () => {
    const cookie = await t.as('seller_admin', 'HOMELY');
    const us = await get('/v1/warehouses?kind=us_fulfilment', cookie);
    expect(
      us
        .json()
        .data.map((w: { code: string }) => w.code)
        .sort(),
    ).toEqual(['US-CA1', 'US-NJ1']);
    const id = us.json().data[0].id as string;
    const one = await get(`/v1/warehouses/${id}`, cookie);
    expect(one.statusCode).toBe(200);
    expect(one.json().id).toBe(id);
  });

  const newWarehouse = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    name: 'Dallas TX fulfilment',
    name_zh: '达拉斯仓',
    kind: 'us_fulfilment',
    address: { line1: '1 Logistics Way', city: 'Dallas', region: 'TX', postal_code: '75201', country: 'us' },
    timezone: 'America/Chicago',
    cutoffs: [{ name: 'same-day ship', time: '14:00', days: [1, 2, 3, 4, 5] }],
    ...overrides,
  });

  it('lets only the provider admin create a warehouse', async () => {
    for (const [role, account] of [['seller_admin', 'THREADLINE'], ['operator'], ['finance']] as const) {
      const response = await send('POST', '/v1/warehouses', await t.as(role, account), newWarehouse('us-tx9'));
      expect(response.statusCode, role).toBe(403);
    }
    const response = await send('POST', '/v1/warehouses', await t.as('admin'), newWarehouse('us-tx1'));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      code: 'US-TX1',
      address: { country: 'US', line2: null },
      timezone: 'America/Chicago',
      status: 'active',
    });
    const list = await get('/v1/warehouses?limit=500', await t.as('seller_user', 'THREADLINE'));
    const codes = list.json().data.map((w: { code: string }) => w.code);
    expect(codes).toContain('US-TX1');
    expect(codes).not.toContain('US-TX9');
  });

  it('refuses an unknown time zone at ["timezone"]', async () => {
    const response = await send('POST', '/v1/warehouses', await t.as('admin'), newWarehouse('US-TX2', { timezone: 'Mars/Olympus_Mons' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: ['timezone'] })] });
  });

  it('refuses a US warehouse outside the US and a bad ZIP, at the address fields', async () => {
    const response = await send(
      'POST',
      '/v1/warehouses',
      await t.as('admin'),
      newWarehouse('US-TX3', { address: { line1: '1 Road', city: 'Toronto', region: 'ON', postal_code: 'M5V', country: 'CA' } }),
    );
    expect(response.statusCode).toBe(400);
    expect((response.json().error.details as Detail[]).map((d) => d.path)).toEqual([['address', 'country']]);
    const zip = await send(
      'POST',
      '/v1/warehouses',
      await t.as('admin'),
      newWarehouse('US-TX3', { address: { line1: '1 Road', city: 'Dallas', region: 'TX', postal_code: '7520', country: 'US' } }),
    );
    expect(zip.statusCode).toBe(400);
    expect(zip.json().error.details).toEqual([expect.objectContaining({ path: ['address', 'postal_code'] })]);
  });

  it('answers a duplicate code (any letter case) with 409', async () => {
    const response = await send('POST', '/v1/warehouses', await t.as('admin'), newWarehouse('us-nj1'));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('already_exists');
  });

  describe('changing a warehouse', () => {
    let id: string;
    beforeAll(async () => {
      const list = await get('/v1/warehouses?q=US-CA1', await t.as('admin'));
      id = list.json().data[0].id;
    });

    it('validates cutoffs: 24:30 is refused at ["cutoffs", 0, "time"] and nothing changes', async () => {
      const admin = await t.as('admin');
      const response = await send('PATCH', `/v1/warehouses/${id}`, admin, {
        cutoffs: [{ name: 'same-day ship', time: '24:30', days: [1, 2, 3, 4, 5] }],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'validation_failed',
        details: [expect.objectContaining({ path: ['cutoffs', 0, 'time'] })],
      });
      const read = await get(`/v1/warehouses/${id}`, admin);
      expect(read.json().cutoffs.find((c: { name: string }) => c.name === 'same-day ship').time).toBe('13:00');
    });

    it('refuses weekdays outside 1–7, a time without minutes and a cutoff listed twice, each at its path', async () => {
      const response = await send('PATCH', `/v1/warehouses/${id}`, await t.as('admin'), {
        cutoffs: [
          { name: 'same-day ship', time: '13:00', days: [0, 8] },
          { name: 'FedEx pickup', time: '9:5', days: [1] },
          { name: 'same-day ship', time: '15:00', days: [1] },
        ],
      });
      expect(response.statusCode).toBe(400);
      expect((response.json().error.details as Detail[]).map((d) => d.path)).toEqual(
        expect.arrayContaining([
          ['cutoffs', 0, 'days'],
          ['cutoffs', 1, 'time'],
          ['cutoffs', 2, 'name'],
        ]),
      );
    });

    it('saves valid cutoffs and a new time zone', async () => {
      const admin = await t.as('admin');
      const cutoffs = [
        { name: 'same-day ship', time: '12:30', days: [1, 2, 3, 4, 5] },
        { name: 'Saturday ship', time: '10:00', days: [6] },
      ];
      const response = await send('PATCH', `/v1/warehouses/${id}`, admin, { cutoffs, timezone: 'America/Phoenix' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ cutoffs, timezone: 'America/Phoenix', code: 'US-CA1', address: { city: 'Ontario' } });
      expect((await get(`/v1/warehouses/${id}`, await t.as('seller_user', 'THREADLINE'))).json().cutoffs).toEqual(cutoffs);
      const badZone = await send('PATCH', `/v1/warehouses/${id}`, admin, { timezone: 'Pacific Time' });
      expect(badZone.statusCode).toBe(400);
      expect(badZone.json().error.details).toEqual([expect.objectContaining({ path: ['timezone'] })]);
    });

    it('forbids sellers and operators to change or archive it', async () => {
      for (const [role, account] of [['seller_admin', 'THREADLINE'], ['operator']] as const) {
        const cookie = await t.as(role, account);
        expect((await send('PATCH', `/v1/warehouses/${id}`, cookie, { name: 'Mine now' })).statusCode, role).toBe(403);
        expect((await send('POST', `/v1/warehouses/${id}/archive`, cookie)).statusCode, role).toBe(403);
      }
      expect((await get(`/v1/warehouses/${id}`, await t.as('admin'))).json()).toMatchObject({
        name: 'Ontario CA fulfilment',
        status: 'active',
      });
    });

    it('archives it', async () => {
      const admin = await t.as('admin');
      const created = await send('POST', '/v1/warehouses', admin, newWarehouse('US-OLD1'));
      const response = await send('POST', `/v1/warehouses/${created.json().id}/archive`, admin);
      expect(response.statusCode).toBe(200);
      expect(response.json().status).toBe('archived');
      const active = await get('/v1/warehouses?status=active&limit=500', admin);
      expect(active.json().data.map((w: { code: string }) => w.code)).not.toContain('US-OLD1');
    });
  });
});

describe('the installation', () => {
  it('is readable by every role', async () => {
    for (const [role, account] of [
      ['seller_user', 'THREADLINE'],
      ['seller_admin', 'HOMELY'],
      ['operator'],
      ['finance'],
      ['auditor'],
    ] as const) {
      const response = await get('/v1/installation', await t.as(role, account));
      expect(response.statusCode, role).toBe(200);
      expect(response.json()).toMatchObject({ legal_name: 'Landed Demo Logistics LLC', default_currency: 'USD' });
    }
  });

  it('is changed by the provider admin only', async () => {
    for (const [role, account] of [['operator'], ['seller_admin', 'THREADLINE'], ['finance']] as const) {
      const response = await send('PATCH', '/v1/installation', await t.as(role, account), { name: 'Hijacked Logistics' });
      expect(response.statusCode, role).toBe(403);
    }
    const response = await send('PATCH', '/v1/installation', await t.as('admin'), {
      name: 'Landed Test Logistics',
      default_currency: 'cny',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Landed Test Logistics',
      default_currency: 'CNY',
      legal_name: 'Landed Demo Logistics LLC',
    });
    expect((await get('/v1/installation', await t.as('seller_user', 'THREADLINE'))).json().name).toBe('Landed Test Logistics');
  });

  it('refuses an unknown currency or a bad email with 400', async () => {
    const admin = await t.as('admin');
    const currency = await send('PATCH', '/v1/installation', admin, { default_currency: 'XYZ' });
    expect(currency.statusCode).toBe(400);
    expect(currency.json().error.details).toEqual([expect.objectContaining({ path: ['default_currency'] })]);
    const email = await send('PATCH', '/v1/installation', admin, { contact_email: 'not an email' });
    expect(email.statusCode).toBe(400);
    expect((await get('/v1/installation', admin)).json()).toMatchObject({
      default_currency: 'CNY',
      contact_email: 'support@demo.landed.dev',
    });
  });
});

describe('user lists', () => {
  interface UserDto {
    email: string;
    account_id: string | null;
    role: string;
  }

  it('shows a seller admin only its own account’s users', async () => {
    const cookie = await t.as('seller_admin', 'THREADLINE');
    const response = await get('/v1/users?limit=500', cookie);
    expect(response.statusCode).toBe(200);
    const users = response.json().data as UserDto[];
    expect(users.map((u) => u.email).sort()).toEqual(['owner@threadline.demo', 'staff@threadline.demo']);
    expect(users.every((u) => u.account_id === threadline)).toBe(true);

    for (const accountId of [homely, 'provider']) {
      const other = await get(`/v1/users?account_id=${accountId}`, cookie);
      expect([200, 404], accountId).toContain(other.statusCode);
      if (other.statusCode === 200) expect(other.json().data, accountId).toEqual([]);
    }
    expect(JSON.stringify((await get('/v1/users?q=admin&limit=500', cookie)).json())).not.toContain('admin@demo.landed.dev');
  });

  it('shows provider admins everyone, filterable to provider staff or one account', async () => {
    const admin = await t.as('admin');
    const staff = (await get('/v1/users?account_id=provider&limit=500', admin)).json().data as UserDto[];
    expect(staff.map((u) => u.email).sort()).toEqual([
      'admin@demo.landed.dev',
      'auditor@demo.landed.dev',
      'finance@demo.landed.dev',
      'operator@demo.landed.dev',
    ]);
    const homelyUsers = (await get(`/v1/users?account_id=${homely}`, admin)).json().data as UserDto[];
    expect(homelyUsers.map((u) => u.email)).toEqual(['owner@homely.demo']);
    const sellerAdmins = (await get('/v1/users?role=seller_admin&limit=500', admin)).json().data as UserDto[];
    expect(sellerAdmins.map((u) => u.email).sort()).toEqual(['owner@homely.demo', 'owner@threadline.demo', 'owner@voltbee.demo']);
  });

  it('is closed to seller users and operators (403)', async () => {
    expect((await get('/v1/users', await t.as('seller_user', 'THREADLINE'))).statusCode).toBe(403);
    expect((await get('/v1/users', await t.as('operator'))).statusCode).toBe(403);
  });
});
