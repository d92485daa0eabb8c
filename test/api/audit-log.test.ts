/**
 * The audit log and the account export through the API: who sees which entries (sellers
 * only their own account's, across the wall never), sign-ins and failed sign-ins logged,
 * the chain verified by provider staff and auditors only, and the export zip for the
 * seller's own admin but no one else's account.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { freshSku, warehouseId } from '../helpers/stock.js';

let t: TestApp;
let threadline: string;
let homely: string;

beforeAll(async () => {
  t = await createTestApp();
  threadline = await t.accountId('THREADLINE');
  homely = await t.accountId('HOMELY');
});
afterAll(async () => t?.close());

const get = async (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('GET /v1/audit-log', () => {
  it('logs a sign-in and a failed sign-in with who and when', async () => {
    const failed = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'owner@homely.demo', password: 'wrong-password-1' },
    });
    expect(failed.statusCode).toBe(401);
    const admin = await t.as('admin');
    const response = await get('/v1/audit-log?entity_type=session&limit=20', admin);
    expect(response.statusCode).toBe(200);
    const entries = response.json().data as {
      action: string;
      actor: { kind: string; name: string | null; role: string | null };
      account_id: string | null;
      after: { email?: string };
    }[];
    expect(entries.find((e) => e.action === 'login' && e.actor.name === 'admin@demo.landed.dev')).toMatchObject({
      actor: { kind: 'user', role: 'admin' },
      account_id: null,
    });
    expect(entries.find((e) => e.action === 'login_failed')).toMatchObject({
      actor: { kind: 'anonymous' },
      account_id: homely,
      after: { email: 'owner@homely.demo' },
    });
  });

  it('records staff actions with the acting user: an API key created by the seller admin', async () => {
    const seller = await t.as('seller_admin', 'THREADLINE');
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { cookie: seller },
      payload: { name: 'ERP', role: 'seller_user' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().api_key?.id ?? created.json().id;
    const response = await get(`/v1/audit-log?entity_type=api_keys&entity_id=${id}`, seller);
    expect(response.statusCode).toBe(200);
    const [entry] = response.json().data;
    expect(entry).toMatchObject({
      action: 'insert',
      account_id: threadline,
      actor: { kind: 'user', role: 'seller_admin', name: 'owner@threadline.demo' },
    });
    expect(entry.after.secret_hash).toBe('[redacted]');
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records a stock adjustment by warehouse staff (the ledger rows are not logged one by one)', async () => {
    const sku = await freshSku(t.services, threadline);
    const nj = await warehouseId(t.services, 'US-NJ1');
    const operator = await t.as('operator');
    const adjusted = await t.app.inject({
      method: 'POST',
      url: '/v1/inventory/adjustments',
      headers: { cookie: operator },
      payload: { sku_id: sku, warehouse_id: nj, quantity: 4, reason_code: 'found', location_code: 'A-01-01' },
    });
    expect(adjusted.statusCode, adjusted.body).toBe(201);
    const log = await get('/v1/audit-log?entity_type=stock_adjustment', await t.as('seller_admin', 'THREADLINE'));
    const [entry] = log.json().data;
    expect(entry).toMatchObject({
      action: 'adjust',
      account_id: threadline,
      actor: { kind: 'user', role: 'operator' },
      after: { sku_id: sku, quantity: 4, reason_code: 'found' },
    });
    // The seller sees which staff role acted and its id; the staff member's email stays with the provider.
    expect(entry.actor.name).toBeNull();
    const staff = await get('/v1/audit-log?entity_type=stock_adjustment', await t.as('admin'));
    expect(staff.json().data[0].actor.name).toBe('operator@demo.landed.dev');
  });

  it('shows a seller only its own account’s entries, and another account’s never', async () => {
    const seller = await t.as('seller_admin', 'THREADLINE');
    const own = await get('/v1/audit-log?limit=500', seller);
    expect(own.statusCode).toBe(200);
    const rows = own.json().data as { account_id: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.account_id === threadline)).toBe(true);
    const other = await get(`/v1/audit-log?account_id=${homely}`, seller);
    expect(other.statusCode).toBe(404);
    // Staff filter by account.
    const staff = await get(`/v1/audit-log?account_id=${homely}&limit=500`, await t.as('finance'));
    expect(staff.statusCode).toBe(200);
    expect((staff.json().data as { account_id: string }[]).every((r) => r.account_id === homely)).toBe(true);
  });

  it('pages newest first with a cursor, and filters by time', async () => {
    const admin = await t.as('admin');
    const first = await get('/v1/audit-log?limit=5', admin);
    const page1 = first.json();
    expect(page1.data).toHaveLength(5);
    const seqs = page1.data.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const second = await get(`/v1/audit-log?limit=5&cursor=${page1.next_cursor}`, admin);
    expect(second.json().data[0].seq).toBe(seqs[4] - 1);
    const future = await get('/v1/audit-log?from=2999-01-01T00:00:00Z', admin);
    expect(future.json().data).toEqual([]);
    const bad = await get('/v1/audit-log?cursor=nonsense', admin);
    expect(bad.statusCode).toBe(400);
  });
});

describe('GET /v1/audit-log/verify', () => {
  it('verifies the chain for admins and auditors, not for sellers', async () => {
    for (const role of ['admin', 'auditor', 'finance']) {
      const response = await get('/v1/audit-log/verify', await t.as(role));
      expect(response.statusCode, role).toBe(200);
      expect(response.json()).toMatchObject({ ok: true, problem: null });
      expect(response.json().entries).toBe(response.json().head.seq);
    }
    const seller = await get('/v1/audit-log/verify', await t.as('seller_admin', 'THREADLINE'));
    expect(seller.statusCode).toBe(403);
  });
});

describe('GET /v1/accounts/:id/export', () => {
  it('gives the seller admin a zip of its own account, by code or id, and logs the export', async () => {
    const seller = await t.as('seller_admin', 'THREADLINE');
    for (const key of ['THREADLINE', threadline]) {
      const response = await get(`/v1/accounts/${key}/export`, seller);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toMatch(/attachment; filename="landed-export-THREADLINE-\d{4}-\d{2}-\d{2}\.zip"/);
      const files = unzipSync(new Uint8Array(response.rawPayload));
      const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
      expect(manifest.account.id).toBe(threadline);
      const skus = JSON.parse(strFromU8(files['data/skus.json'] as Uint8Array)) as { account_id: string }[];
      expect(skus.every((s) => s.account_id === threadline)).toBe(true);
    }
    const log = await get('/v1/audit-log?entity_type=account_export', seller);
    expect(log.json().data[0]).toMatchObject({ action: 'export', account_id: threadline, actor: { role: 'seller_admin' } });
  });

  it('refuses another seller’s account (404, by code or id) and seller users (403)', async () => {
    const seller = await t.as('seller_admin', 'THREADLINE');
    expect((await get('/v1/accounts/HOMELY/export', seller)).statusCode).toBe(404);
    expect((await get(`/v1/accounts/${homely}/export`, seller)).statusCode).toBe(404);
    expect((await get('/v1/accounts/THREADLINE/export', await t.as('seller_user', 'THREADLINE'))).statusCode).toBe(403);
    expect((await get('/v1/accounts/HOMELY/export', await t.as('operator'))).statusCode).toBe(200);
  });
});
