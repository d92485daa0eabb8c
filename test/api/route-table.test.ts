/**
 * Generated from the route table (src/api/routes/index.ts): every route is checked for
 * authentication, for each role's permission, and — for seller-owned data — that seller A
 * can neither read nor change seller B's records, through a session cookie and an API key.
 * A new route is covered the moment it is added to the table.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountResource, RouteSpec } from '../../src/api/route.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { selectRows } from '../../src/db/connect.js';
import { can, ROLES, type Role } from '../../src/domain/shared/roles.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { DEMO_LOGINS } from '../../src/services/demo/seed-demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from './multipart.js';

const A = 'THREADLINE';
const B = 'HOMELY';

/** Where each seller-owned resource lives, to snapshot another seller's rows. */
const RESOURCE_TABLE: Record<AccountResource, { table: string; accountColumn: string }> = {
  account: { table: 'accounts', accountColumn: 'id' },
  user: { table: 'users', accountColumn: 'account_id' },
  api_key: { table: 'api_keys', accountColumn: 'account_id' },
  sku: { table: 'skus', accountColumn: 'account_id' },
  rate_card: { table: 'rate_cards', accountColumn: 'account_id' },
  quote: { table: 'quotes', accountColumn: 'account_id' },
  return: { table: 'return_authorisations', accountColumn: 'account_id' },
  work_order: { table: 'work_orders', accountColumn: 'account_id' },
  // A recipe row has no id of its own: the snapshot orders by kit and component.
  kit: { table: "(SELECT kit_sku_id::text || ':' || component_sku_id::text AS id, * FROM kit_components)", accountColumn: 'account_id' },
  exit_plan: { table: 'exit_plans', accountColumn: 'account_id' },
  inbound_plan: { table: 'inbound_plans', accountColumn: 'account_id' },
  inventory_lot: { table: 'inventory_lots', accountColumn: 'account_id' },
  // Keyed by (account, reference): the snapshot orders by the reference.
  allocation: { table: '(SELECT reference AS id, * FROM allocation_requests)', accountColumn: 'account_id' },
  channel_stock_rule: { table: 'channel_stock_rules', accountColumn: 'account_id' },
  stock_transfer: { table: 'stock_transfers', accountColumn: 'account_id' },
  invoice: { table: 'invoices', accountColumn: 'account_id' },
  dispute: { table: 'disputes', accountColumn: 'account_id' },
  claim: { table: 'claims', accountColumn: 'account_id' },
  // Entries have a number, not an id: the snapshot orders by it.
  audit_entry: { table: '(SELECT seq AS id, * FROM audit_log)', accountColumn: 'account_id' },
};

let t: TestApp;
let accountA: string;
let accountB: string;
/** One record of seller B per resource kind: the target of every cross-tenant attempt. */
const foreign = {} as Record<AccountResource, string>;
/** A line of seller B's invoice, for the drill-down route. */
let foreignLine = '';
const credentials: { name: string; headers: Record<string, string> }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  accountA = await t.accountId(A);
  accountB = await t.accountId(B);
  foreign.account = accountB;
  const userB = DEMO_LOGINS.find((l) => l.account === B) as (typeof DEMO_LOGINS)[number];
  const users = await t.services.users.list(SYSTEM_ACTOR, { accountId: accountB, limit: 50 });
  foreign.user = users.items.find((u) => u.email === userB.email)?.id as string;
  const key = await t.services.apiKeys.create(SYSTEM_ACTOR, { name: 'B integration', role: 'seller_admin', accountId: accountB });
  if (!key.ok) throw new Error(key.error.message);
  foreign.api_key = key.value.key.id;
  const skus = await t.services.skus.list(SYSTEM_ACTOR, { accountId: accountB, limit: 1 });
  foreign.sku = skus.items[0]?.id as string;

  const standard = await t.services.rateCards.list(SYSTEM_ACTOR, { kind: 'standard', limit: 1 });
  const planB = await t.services.rateCards.create(SYSTEM_ACTOR, {
    code: 'HOMELY-PLAN',
    name: 'Homely plan',
    kind: 'account_plan',
    accountId: accountB,
    baseCardId: standard.items[0]?.id,
  });
  if (!planB.ok) throw new Error(planB.error.message);
  const planVersion = await t.services.rateCards.addVersion(SYSTEM_ACTOR, planB.value.id, {
    effectiveFrom: '2026-01-01',
    document: { kind: 'account_plan', overrides: [], discounts: [], extraRules: [] },
  });
  if (!planVersion.ok) throw new Error(planVersion.error.message);
  foreign.rate_card = planB.value.id;
  const quoteB = await t.services.quotes.create(SYSTEM_ACTOR, {
    accountId: accountB,
    request: {
      quoteDate: '2026-11-25',
      ordersPerDay: '10',
      channels: [],
      skus: [{ sellerSku: 'B-1', length: '10', width: '10', height: '10', dimensionUnit: 'cm', weight: '300', weightUnit: 'g', flags: [] }],
      destinations: [{ zip: '10001', share: '1' }],
      originWarehouse: 'US-NJ1',
    },
  });
  if (!quoteB.ok) throw new Error(quoteB.error.message);
  foreign.quote = quoteB.value.row.id;

  const skusB = (await t.services.skus.list(SYSTEM_ACTOR, { accountId: accountB, limit: 3 })).items;
  const returnB = await t.services.returns.authorise(SYSTEM_ACTOR, { accountId: accountB, lines: [{ skuId: skusB[0]?.id, quantity: 1 }] });
  if (!returnB.ok) throw new Error(returnB.error.message);
  foreign.return = returnB.value.detail.rma.id;
  const nj1 = (await t.services.warehouses.list(SYSTEM_ACTOR, { limit: 50 })).items.find((w) => w.code === 'US-NJ1');
  const orderB = await t.services.workOrders.request(SYSTEM_ACTOR, {
    accountId: accountB,
    warehouseId: nj1?.id ?? '',
    kind: 'photos',
    quantity: 5,
  });
  if (!orderB.ok) throw new Error(orderB.error.message);
  foreign.work_order = orderB.value.order.id;
  const kitB = await t.services.kits.setRecipe(SYSTEM_ACTOR, skusB[1]?.id ?? '', [{ skuId: skusB[2]?.id, quantity: 2 }]);
  if (!kitB.ok) throw new Error(kitB.error.message);
  foreign.kit = kitB.value.kit.id;
  const exitB = await t.services.exitPlans.create(SYSTEM_ACTOR, { accountId: accountB });
  if (!exitB.ok) throw new Error(exitB.error.message);
  foreign.exit_plan = exitB.value.plan.id;
  const homelySku = (await t.services.skus.list(SYSTEM_ACTOR, { accountId: accountB, limit: 1 })).items[0];
  const inboundB = await t.services.inboundPlans.create(SYSTEM_ACTOR, {
    accountId: accountB,
    destinationWarehouse: 'US-NJ1',
    freightMode: 'sea',
    cartons: [
      {
        length: '40',
        width: '30',
        height: '30',
        dimensionUnit: 'cm',
        weight: '8',
        weightUnit: 'kg',
        items: [{ sku: homelySku?.sellerSku ?? '', quantity: 6 }],
      },
    ],
  });
  if (!inboundB.ok) throw new Error(inboundB.error.message);
  foreign.inbound_plan = inboundB.value.plan.id;
  const lotB = await t.services.inventory.balances(SYSTEM_ACTOR, { accountId: accountB, limit: 1 });
  if (!lotB.ok || !lotB.value.items[0]) throw new Error('no demo stock for B');
  foreign.inventory_lot = lotB.value.items[0].lotId;
  const allocationB = await t.services.allocations.allocate(SYSTEM_ACTOR, {
    accountId: accountB,
    reference: 'SO-B-1',
    lines: [{ skuId: lotB.value.items[0].skuId, quantity: 1 }],
  });
  if (!allocationB.ok) throw new Error(allocationB.error.message);
  foreign.allocation = 'SO-B-1';
  const ruleB = await t.services.availability.setRule(SYSTEM_ACTOR, { accountId: accountB, channel: 'shopify', safetyBuffer: 3 });
  if (!ruleB.ok) throw new Error(ruleB.error.message);
  foreign.channel_stock_rule = ruleB.value.id;
  const warehousesB = (await t.services.warehouses.list(SYSTEM_ACTOR, { limit: 50 })).items;
  const transferB = await t.services.transfers.create(SYSTEM_ACTOR, {
    accountId: accountB,
    fromWarehouseId: warehousesB.find((w) => w.code === 'US-NJ1')?.id ?? '',
    toWarehouseId: warehousesB.find((w) => w.code === 'US-CA1')?.id ?? '',
    lines: [{ skuId: lotB.value.items[0].skuId, quantity: 1 }],
  });
  if (!transferB.ok) throw new Error(transferB.error.message);
  foreign.stock_transfer = transferB.value.id;
  const period = t.services.deps.clock.now().toISOString().slice(0, 7);
  const billedB = await t.services.billing.run(SYSTEM_ACTOR, { period, accountCode: B });
  if (!billedB.ok) throw new Error(billedB.error.message);
  const invoicesB = await t.services.billing.list(SYSTEM_ACTOR, { accountId: accountB, period, limit: 1 });
  if (!invoicesB.ok || !invoicesB.value.items[0]) throw new Error('no invoice for B');
  foreign.invoice = invoicesB.value.items[0].id;
  const invoiceB = await t.services.billing.get(SYSTEM_ACTOR, foreign.invoice);
  foreignLine = (invoiceB.ok && invoiceB.value.lines[0]?.id) || '00000000-0000-7000-8000-000000000000';
  foreign.audit_entry = '00000000-0000-7000-8000-000000000000';
  const sellerB = { kind: 'user' as const, id: 'seller-b', role: 'seller_admin' as const, accountId: accountB, userId: null };
  const disputeB = await t.services.disputes.open(sellerB, foreign.invoice, {
    reasonCode: 'other',
    description: 'B disputes its own invoice',
  });
  if (!disputeB.ok) throw new Error(disputeB.error.message);
  foreign.dispute = disputeB.value.dispute.id;
  const claimB = await t.services.claims.file(SYSTEM_ACTOR, {
    accountId: accountB,
    kind: 'stock_damaged',
    referenceType: 'lot',
    reference: lotB.value.items[0].lotId,
    skuId: lotB.value.items[0].skuId,
    units: 1,
  });
  if (!claimB.ok) throw new Error(claimB.error.message);
  foreign.claim = claimB.value.claim.id;

  const keyA = await t.services.apiKeys.create(SYSTEM_ACTOR, { name: 'A integration', role: 'seller_admin', accountId: accountA });
  if (!keyA.ok) throw new Error(keyA.error.message);
  credentials.push(
    { name: 'seller_admin session', headers: { cookie: await t.as('seller_admin', A) } },
    { name: 'seller_user session', headers: { cookie: await t.as('seller_user', A) } },
    { name: 'seller_admin API key', headers: { authorization: `Bearer ${keyA.value.secret}` } },
  );
});
afterAll(async () => t?.close());

function urlFor(route: RouteSpec, id: string): string {
  return route.url
    .replace(':id', id)
    .replace(':version', '1')
    .replace(':lineId', foreignLine || id);
}

function request(route: RouteSpec, url: string, headers: Record<string, string>, extra: { accountId?: string } = {}) {
  const query = new URLSearchParams(route.example?.query ?? {});
  if (
    extra.accountId &&
    route.querystring &&
    'shape' in route.querystring &&
    'account_id' in (route.querystring as { shape: object }).shape
  ) {
    query.set('account_id', extra.accountId);
  }
  const path = query.size > 0 ? `${url}?${query}` : url;
  if (route.multipart) {
    const csv = 'Seller SKU,Title (EN),Length,Width,Height,Dimension unit,Weight,Weight unit\nCROSS-1,Cross tenant,10,10,10,cm,100,g\n';
    const form = multipart(route.multipart.field, 'skus.csv', Buffer.from(csv), 'text/csv');
    return t.app.inject({ method: route.method, url: path, headers: { ...headers, ...form.headers }, payload: form.payload });
  }
  const body = route.body
    ? { ...(route.example?.body as object | undefined), ...(extra.accountId ? { account_id: extra.accountId } : {}) }
    : undefined;
  return t.app.inject({ method: route.method, url: path, headers, ...(body ? { payload: body } : {}) });
}

async function snapshot(resource: AccountResource, accountId: string): Promise<string> {
  const { table, accountColumn } = RESOURCE_TABLE[resource];
  const [result] = await selectRows<{ rows: string }>(
    t.db.database.db,
    sql.raw(`SELECT coalesce(json_agg(t ORDER BY t.id), '[]')::text AS rows FROM ${table} t WHERE ${accountColumn} = '${accountId}'`),
  );
  return result?.rows ?? '';
}

const named = (r: RouteSpec) => `${r.method} ${r.url}`;

describe('route table', () => {
  it('declares every route once, with tests covering its permission and tenancy', () => {
    const keys = ROUTES.map(named);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of ROUTES) {
      if (route.body && route.tenancy.kind === 'account' && route.method === 'POST' && !route.url.includes(':id')) {
        // A create route without an example cannot be exercised cross-tenant: add one.
        expect(route.example?.body, `${named(route)} needs example.body`).toBeDefined();
      }
    }
  });
});

describe.each(ROUTES.filter((r) => r.permission !== 'public').map((r) => [named(r), r] as const))('%s', (_name, route) => {
  it('refuses a caller without credentials (401)', async () => {
    const response = await request(route, urlFor(route, foreign.sku ?? '00000000-0000-7000-8000-000000000000'), {});
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  const denied: Role[] = route.permission === 'signed_in' ? [] : ROLES.filter((role) => !can(role, route.permission as never));
  it.skipIf(denied.length === 0)(`refuses roles without ${route.permission} (403): ${denied.join(', ')}`, async () => {
    for (const role of denied) {
      const login = DEMO_LOGINS.find((l) => l.role === role && (l.account === null || l.account === A));
      if (!login) throw new Error(`no demo user for ${role}`);
      const response = await request(route, urlFor(route, foreign.sku), { cookie: await t.as(role, login.account ?? undefined) });
      expect(response.statusCode, `${role} → ${response.body}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
  });

  if (route.tenancy.kind !== 'account') return;
  const resource = route.tenancy.resource;
  const byId = route.url.includes(':id');

  it(`keeps seller ${B}'s ${resource} records out of seller ${A}'s reach`, async () => {
    for (const credential of credentials) {
      const before = await snapshot(resource, accountB);
      const response = byId
        ? await request(route, urlFor(route, foreign[resource]), credential.headers)
        : await request(route, route.url, credential.headers, { accountId: accountB });
      const status = response.statusCode;
      if (byId || route.method !== 'GET') {
        expect([403, 404], `${credential.name} → ${status} ${response.body}`).toContain(status);
      } else if (status === 200) {
        // A list may answer, but with the caller's own rows only.
        const rows = response.json().data as { id: string; account_id?: string | null }[];
        for (const row of rows) expect(resource === 'account' ? row.id : row.account_id).toBe(accountA);
      } else {
        expect([403, 404], `${credential.name} → ${status} ${response.body}`).toContain(status);
      }
      expect(await snapshot(resource, accountB), `${credential.name} changed ${B}'s ${resource}s`).toBe(before);
    }
  });
});
