/**
 * `landed seed --demo`: a provider with a Shenzhen consolidation warehouse, US fulfilment
 * warehouses in New Jersey and Ontario (California), a returns warehouse, three seller
 * accounts with realistic catalogues and one user per role. Runs once: a database that
 * already has accounts is left alone.
 */
import { count } from 'drizzle-orm';
import { validateSku } from '../../domain/catalog/sku.js';
import type { Role } from '../../domain/shared/roles.js';
import { accounts } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../context.js';
import type { Services } from '../create-services.js';
import { toRow } from '../skus.js';
import { insertSkus } from '../../db/repositories/skus.js';
import { inScope, PROVIDER_SCOPE } from '../../db/tenancy.js';
import { DEMO_CATALOGUES, demoSkus } from './catalogue.js';
import { seedDemoBilling } from './seed-billing.js';
import { seedDemoInbound } from './seed-inbound.js';
import { seedDemoInventory } from './seed-inventory.js';
import { seedDemoReturns } from './seed-returns.js';
import { SAMPLE_STANDARD_CARD_CODE, samplePlan, sampleStandardCard } from '../../domain/rate-cards/sample-standard-card.js';

export interface DemoLogin {
  name: string;
  email: string;
  password: string;
  role: Role;
  account: string | null;
}

/** Listed in README; for a demo installation only. */
export const DEMO_LOGINS: DemoLogin[] = [
  { name: 'Ava Admin', email: 'admin@demo.landed.dev', password: 'demo-admin-2026', role: 'admin', account: null },
  { name: 'Oscar Operator', email: 'operator@demo.landed.dev', password: 'demo-operator-2026', role: 'operator', account: null },
  { name: 'Fiona Finance', email: 'finance@demo.landed.dev', password: 'demo-finance-2026', role: 'finance', account: null },
  { name: 'Aditi Auditor', email: 'auditor@demo.landed.dev', password: 'demo-auditor-2026', role: 'auditor', account: null },
  { name: 'Li Wei 李伟', email: 'owner@threadline.demo', password: 'demo-seller-2026', role: 'seller_admin', account: 'THREADLINE' },
  { name: 'Zhang Min 张敏', email: 'staff@threadline.demo', password: 'demo-staff-2026', role: 'seller_user', account: 'THREADLINE' },
  { name: 'Chen Jing 陈静', email: 'owner@homely.demo', password: 'demo-seller-2026', role: 'seller_admin', account: 'HOMELY' },
  { name: 'Wang Lei 王磊', email: 'owner@voltbee.demo', password: 'demo-seller-2026', role: 'seller_admin', account: 'VOLTBEE' },
];

const DEMO_ACCOUNTS = [
  {
    code: 'THREADLINE',
    name: 'Guangzhou Threadline Apparel Co.',
    nameZh: '广州织线服饰有限公司',
    email: 'ops@threadline.demo',
    catalogue: 'apparel',
    prefix: 'TL',
    upcBase: 84_012_300_000,
  },
  {
    code: 'HOMELY',
    name: 'Yiwu Homely Home & Pet Goods',
    nameZh: '义乌家宠日用品商行',
    email: 'ops@homely.demo',
    catalogue: 'home_pet',
    prefix: 'HM',
    upcBase: 84_012_310_000,
  },
  {
    code: 'VOLTBEE',
    name: 'Shenzhen Voltbee Electronics',
    nameZh: '深圳伏蜂电子科技有限公司',
    email: 'ops@voltbee.demo',
    catalogue: 'electronics',
    prefix: 'VB',
    upcBase: 84_012_320_000,
  },
] as const;

const WEEKDAYS = [1, 2, 3, 4, 5];

export interface SeedReport {
  seeded: boolean;
  accounts: number;
  skus: number;
  users: number;
  warehouses: number;
  logins: DemoLogin[];
}

/** Two servers started at once against one PostgreSQL must not both seed: take a lock. */
const SEED_LOCK = 7_142_026_002;

export async function seedDemo(services: Services, onStep: (step: string) => void = () => undefined): Promise<SeedReport> {
  return services.deps.database.withConnection(async (conn) => {
    await conn.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    try {
      return await seedUnlocked(services, onStep);
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]);
    }
  });
}

async function seedUnlocked(services: Services, onStep: (step: string) => void): Promise<SeedReport> {
  const { database } = services.deps;
  const [existing] = await database.db.select({ n: count() }).from(accounts);
  if ((existing?.n ?? 0) > 0) return { seeded: false, accounts: 0, skus: 0, users: 0, warehouses: 0, logins: DEMO_LOGINS };

  await services.installation.ensure();
  await services.installation.update(SYSTEM_ACTOR, {
    name: 'Landed Demo Logistics',
    legalName: 'Landed Demo Logistics LLC',
    contactEmail: 'support@demo.landed.dev',
  });

  onStep('warehouses');
  const warehouses = [
    {
      code: 'CN-SZX1',
      name: 'Shenzhen Bao’an consolidation',
      nameZh: '深圳宝安集货仓',
      kind: 'china_consolidation' as const,
      address: {
        line1: '88 Fuyong Industrial Road, Building 3',
        city: 'Shenzhen',
        region: 'Guangdong',
        postalCode: '518103',
        country: 'CN',
      },
      timezone: 'Asia/Shanghai',
      cutoffs: [
        { name: 'air departure', time: '18:00', days: [2, 5] },
        { name: 'sea container closing', time: '12:00', days: [3] },
      ],
    },
    {
      code: 'US-NJ1',
      name: 'Edison NJ fulfilment',
      nameZh: '新泽西爱迪生仓',
      kind: 'us_fulfilment' as const,
      address: { line1: '300 Raritan Center Pkwy', city: 'Edison', region: 'NJ', postalCode: '08837', country: 'US' },
      timezone: 'America/New_York',
      cutoffs: [
        { name: 'same-day ship', time: '14:00', days: WEEKDAYS },
        { name: 'UPS pickup', time: '17:00', days: WEEKDAYS },
        { name: 'USPS pickup', time: '16:30', days: [1, 2, 3, 4, 5, 6] },
      ],
    },
    {
      code: 'US-CA1',
      name: 'Ontario CA fulfilment',
      nameZh: '加州安大略仓',
      kind: 'us_fulfilment' as const,
      address: { line1: '4500 E Mission Blvd', city: 'Ontario', region: 'CA', postalCode: '91761', country: 'US' },
      timezone: 'America/Los_Angeles',
      cutoffs: [
        { name: 'same-day ship', time: '13:00', days: WEEKDAYS },
        { name: 'FedEx pickup', time: '17:30', days: WEEKDAYS },
        { name: 'USPS pickup', time: '16:00', days: [1, 2, 3, 4, 5, 6] },
      ],
    },
    {
      code: 'US-RET1',
      name: 'Chino CA returns centre',
      nameZh: '加州奇诺退货中心',
      kind: 'us_returns' as const,
      address: { line1: '13900 Magnolia Ave', city: 'Chino', region: 'CA', postalCode: '91710', country: 'US' },
      timezone: 'America/Los_Angeles',
      cutoffs: [{ name: 'receiving', time: '15:00', days: WEEKDAYS }],
    },
  ];
  for (const warehouse of warehouses) {
    const result = await services.warehouses.create(SYSTEM_ACTOR, warehouse);
    if (!result.ok) throw new Error(`Demo warehouse ${warehouse.code}: ${result.error.message}`);
  }

  onStep('accounts');
  const accountIds = new Map<string, string>();
  let skuTotal = 0;
  for (const demo of DEMO_ACCOUNTS) {
    const created = await services.accounts.create(SYSTEM_ACTOR, {
      code: demo.code,
      name: demo.name,
      nameZh: demo.nameZh,
      contactEmail: demo.email,
      defaultCurrency: 'USD',
    });
    if (!created.ok) throw new Error(`Demo account ${demo.code}: ${created.error.message}`);
    accountIds.set(demo.code, created.value.id);

    onStep(`skus ${demo.code}`);
    const now = services.deps.clock.now();
    const rows = demoSkus(DEMO_CATALOGUES[demo.catalogue], demo.prefix, demo.upcBase).map((draft) => {
      const valid = validateSku(draft);
      if (!valid.ok) throw new Error(`Demo SKU ${draft.sellerSku}: ${valid.errors.map((e) => e.message).join('; ')}`);
      return toRow(valid.value, { id: services.deps.ids.next(), accountId: created.value.id, now });
    });
    await inScope(database.db, PROVIDER_SCOPE, (tx) => insertSkus(tx, rows));
    skuTotal += rows.length;
  }

  onStep('rate cards');
  const standard = await services.rateCards.create(SYSTEM_ACTOR, {
    code: SAMPLE_STANDARD_CARD_CODE,
    name: 'US fee standard',
    nameZh: '美国收费标准',
    kind: 'standard',
    currency: 'USD',
  });
  if (!standard.ok) throw new Error(`Demo card: ${standard.error.message}`);
  const v1 = await services.rateCards.addVersion(SYSTEM_ACTOR, standard.value.id, {
    effectiveFrom: '2026-01-01',
    document: sampleStandardCard(),
    notes: 'Demo standard card (sample prices)',
  });
  if (!v1.ok) throw new Error(`Demo card version: ${v1.error.message} ${JSON.stringify(v1.error.details?.slice(0, 3))}`);
  const plan = await services.rateCards.create(SYSTEM_ACTOR, {
    code: 'THREADLINE-PLAN',
    name: 'Threadline negotiated plan',
    nameZh: '织线服饰协议价',
    kind: 'account_plan',
    accountId: accountIds.get('THREADLINE'),
    baseCardId: standard.value.id,
    currency: 'USD',
  });
  if (!plan.ok) throw new Error(`Demo plan: ${plan.error.message}`);
  const planVersion = await services.rateCards.addVersion(SYSTEM_ACTOR, plan.value.id, {
    effectiveFrom: '2026-01-01',
    document: samplePlan(),
    notes: 'Volume pricing for apparel',
  });
  if (!planVersion.ok) throw new Error(`Demo plan version: ${planVersion.error.message}`);

  onStep('users');
  for (const login of DEMO_LOGINS) {
    const accountId = login.account ? (accountIds.get(login.account) ?? null) : null;
    const created = await services.users.create(SYSTEM_ACTOR, {
      email: login.email,
      name: login.name,
      role: login.role,
      accountId,
      password: login.password,
      locale: login.account ? 'zh-CN' : 'en',
    });
    if (!created.ok) throw new Error(`Demo user ${login.email}: ${created.error.message}`);
  }

  onStep('inventory');
  await seedDemoInventory(
    services.deps,
    DEMO_ACCOUNTS.map((a) => a.code),
  );

  onStep('returns');
  await seedDemoReturns(services);

  onStep('inbound');
  await seedDemoInbound(services);

  onStep('billing');
  await seedDemoBilling(services);

  return {
    seeded: true,
    accounts: DEMO_ACCOUNTS.length,
    skus: skuTotal,
    users: DEMO_LOGINS.length,
    warehouses: warehouses.length,
    logins: DEMO_LOGINS,
  };
}
