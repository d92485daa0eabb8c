/**
 * Demo returns and value-added work: RMAs in every state of the returns queue (awaiting the
 * parcel, awaiting inspection, waiting on a ship-back work order, closed after restock,
 * relabel or destruction), a gift-set kit (a mug and a candle) with sets already built, and a
 * photo shoot waiting on the bench. Made through the same services as real work, under a
 * clock that walks through the last two weeks so the processing clock has something to show.
 */
import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/connect.js';
import { inScope, PROVIDER_SCOPE } from '../../db/tenancy.js';
import { fixedClock } from '../../domain/shared/clock.js';
import type { AppError } from '../../domain/shared/errors.js';
import type { Result } from '../../domain/shared/result.js';
import { SYSTEM_ACTOR } from '../context.js';
import type { Services } from '../create-services.js';
import { createKitService } from '../returns/kits.js';
import { createReturnService } from '../returns/returns.js';
import { createWorkOrderService } from '../returns/work-orders.js';

export interface ReturnsSeedReport {
  returns: number;
  workOrders: number;
  kits: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function must<T>(result: Result<T, AppError>, what: string): T {
  if (!result.ok) throw new Error(`Demo ${what}: ${result.error.message} ${JSON.stringify(result.error.details ?? [])}`);
  return result.value;
}

export async function seedDemoReturns(services: Services): Promise<ReturnsSeedReport> {
  const real = services.deps.clock.now();
  const clock = fixedClock(new Date(real.getTime() - 14 * DAY));
  const deps = { ...services.deps, clock };
  const returns = createReturnService(deps);
  const workOrders = createWorkOrderService(deps);
  const kits = createKitService(deps);
  const at = (daysAgo: number, hour = 0) => clock.set(new Date(real.getTime() - daysAgo * DAY + hour * HOUR));

  const { accounts, skus, warehouses } = await inScope(services.deps.database.db, PROVIDER_SCOPE, async (tx) => ({
    accounts: await selectRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM accounts`),
    skus: await selectRows<{ id: string; account_id: string; seller_sku: string }>(
      tx,
      sql`SELECT id, account_id, seller_sku FROM skus WHERE status = 'active' ORDER BY seller_sku`,
    ),
    warehouses: await selectRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM warehouses`),
  }));
  const account = (code: string) => accounts.find((a) => a.code === code)?.id;
  const warehouse = (code: string) => warehouses.find((w) => w.code === code)?.id;
  const threadline = account('THREADLINE');
  const homely = account('HOMELY');
  const returnsCentre = warehouse('US-RET1');
  if (!threadline || !homely || !returnsCentre) return { returns: 0, workOrders: 0, kits: 0 };
  const skusOf = (accountId: string) => skus.filter((s) => s.account_id === accountId);
  const sku = (sellerSku: string) => skus.find((s) => s.seller_sku === sellerSku)?.id;
  // Named SKUs of the demo catalogue, or whatever the account has when the catalogue changes.
  const pick = (accountId: string, sellerSku: string, fallback: number) => sku(sellerSku) ?? skusOf(accountId)[fallback]?.id;
  const tee = pick(threadline, 'TL-TEE-BLK-M', 0);
  const hoodie = pick(threadline, 'TL-HOOD-GRY-L', 1);
  const leggings = pick(threadline, 'TL-LEG-BLK-S', 2);
  const dress = pick(threadline, 'TL-DRS-RED-M', 3);
  const shirt = pick(threadline, 'TL-TEE-WHT-M', 4);
  let rmaCount = 0;
  let orderCount = 0;

  const authorise = async (
    accountId: string,
    lines: { skuId: string | undefined; quantity: number }[],
    extra: Record<string, string> = {},
  ) => {
    rmaCount += 1;
    const made = must(
      await returns.authorise(SYSTEM_ACTOR, {
        accountId,
        lines: lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
        ...extra,
      }),
      'return',
    );
    return made.detail;
  };
  const receive = async (number: string) =>
    must(await returns.receive(SYSTEM_ACTOR, { warehouseId: returnsCentre, code: number }), 'receipt');

  // Closed after a restock and a relabel: the routine case.
  at(12, 2);
  const routine = await authorise(
    threadline,
    [
      { skuId: tee, quantity: 2 },
      { skuId: hoodie, quantity: 1 },
    ],
    { orderReference: 'SHOP-10482', reason: 'Wrong size', carrier: 'USPS', trackingNumber: '9400111899560012345678' },
  );
  at(9, 1);
  const routineIn = await receive(routine.rma.number);
  at(8, 3);
  const routineDone = must(
    await returns.inspect(SYSTEM_ACTOR, routineIn.rma.id, [
      { lineId: routineIn.lines[0]?.line.id as string, grade: 'A' },
      {
        lineId: routineIn.lines[1]?.line.id as string,
        grade: 'B',
        evidence: { photos: ['RMA-bench/hoodie-tag-torn.jpg'], note: 'Swing tag torn' },
      },
    ]),
    'inspection',
  );
  const relabel = routineDone.workOrders[0];
  if (relabel) {
    at(7, 6);
    must(await workOrders.complete(SYSTEM_ACTOR, relabel.order.id, { unitsDone: 1, minutes: 3 }), 'relabel');
    orderCount += 1;
  }

  // A channel return destroyed with photos.
  at(6, 4);
  const broken = await authorise(threadline, [{ skuId: leggings, quantity: 1 }], {
    channel: 'tiktok_shop',
    channelReturnId: '577093311824561',
    orderReference: 'TT-577093311824561',
    reason: 'Arrived stained',
  });
  at(4, 2);
  const brokenIn = await receive(broken.rma.number);
  at(4, 7);
  must(
    await returns.inspect(SYSTEM_ACTOR, brokenIn.rma.id, [
      {
        lineId: brokenIn.lines[0]?.line.id as string,
        grade: 'D',
        evidence: { photos: ['RMA-bench/leggings-stain-1.jpg', 'RMA-bench/leggings-stain-2.jpg'], note: 'Dye stain, not washable' },
      },
    ]),
    'destruction',
  );

  // On the bench, waiting for inspection.
  at(3, 5);
  const waiting = await authorise(threadline, [{ skuId: dress, quantity: 1 }], { orderReference: 'SHOP-10551', reason: 'Not as pictured' });
  at(1, 2);
  await receive(waiting.rma.number);

  // Still on its way back.
  at(1, 6);
  await authorise(threadline, [{ skuId: shirt, quantity: 3 }], {
    orderReference: 'SHOP-10577',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    reason: 'Ordered by mistake',
  });

  // Damaged goods held for the consolidated pallet to China.
  const lamp = pick(homely, 'HM-LAMP-WHT', 0);
  at(5, 3);
  const toChina = await authorise(homely, [{ skuId: lamp, quantity: 2 }], { orderReference: 'HM-88410', reason: 'Does not switch on' });
  at(2, 1);
  const toChinaIn = await receive(toChina.rma.number);
  at(2, 4);
  must(
    await returns.inspect(SYSTEM_ACTOR, toChinaIn.rma.id, [
      {
        lineId: toChinaIn.lines[0]?.line.id as string,
        grade: 'C',
        evidence: { photos: ['RMA-bench/lamp-switch.jpg'], note: 'Switch faulty; repairable at the factory' },
      },
    ]),
    'inspection',
  );
  orderCount += 1;

  // A gift set — a mug and a candle — from components stocked together, with sets built.
  let kitCount = 0;
  const stocked = await inScope(services.deps.database.db, PROVIDER_SCOPE, (tx) =>
    selectRows<{ sku_id: string; seller_sku: string; warehouse_id: string; code: string; available: number }>(
      tx,
      sql`SELECT l.sku_id, s.seller_sku, l.warehouse_id, w.code, sum(l.on_hand - l.allocated)::int AS available
            FROM inventory_lots l JOIN skus s ON s.id = l.sku_id JOIN warehouses w ON w.id = l.warehouse_id
           WHERE l.account_id = ${homely} AND (s.seller_sku LIKE 'HM-MUG-%' OR s.seller_sku LIKE 'HM-CANDLE-%')
           GROUP BY l.sku_id, s.seller_sku, l.warehouse_id, w.code
          HAVING sum(l.on_hand - l.allocated) >= 12
           ORDER BY w.code DESC, s.seller_sku`,
    ),
  );
  const together = [...new Set(stocked.map((r) => r.warehouse_id))]
    .map((w) => ({
      warehouseId: w,
      mug: stocked.find((r) => r.warehouse_id === w && r.seller_sku.startsWith('HM-MUG-')),
      candle: stocked.find((r) => r.warehouse_id === w && r.seller_sku.startsWith('HM-CANDLE-')),
    }))
    .find((c) => c.mug && c.candle);
  const mug = together?.mug?.sku_id ?? skusOf(homely).find((s) => s.seller_sku.startsWith('HM-MUG-'))?.id;
  const candle = together?.candle?.sku_id ?? skusOf(homely).find((s) => s.seller_sku.startsWith('HM-CANDLE-'))?.id;
  if (mug && candle) {
    const created = must(
      await services.skus.create(SYSTEM_ACTOR, homely, {
        sellerSku: 'HM-KIT-MUG-CANDLE',
        titleEn: 'Gift set: ceramic mug and soy candle',
        titleZh: '礼盒套装：陶瓷马克杯 + 大豆香薰蜡烛',
        length: '26',
        width: '14',
        height: '13',
        dimensionUnit: 'cm',
        weight: '900',
        weightUnit: 'g',
        hsCode: '6912.00.4810',
        declaredValue: '4.70',
        declaredCurrency: 'USD',
        countryOfOrigin: 'CN',
        flags: ['fragile'],
      }),
      'kit SKU',
    );
    must(
      await kits.setRecipe(SYSTEM_ACTOR, created.id, [
        { skuId: mug, quantity: 1 },
        { skuId: candle, quantity: 1 },
      ]),
      'kit recipe',
    );
    kitCount = 1;
    const kitWarehouse = together?.warehouseId ?? warehouse('US-NJ1');
    if (together) {
      at(10, 2);
      const order = must(
        await workOrders.request(SYSTEM_ACTOR, {
          accountId: homely,
          warehouseId: together.warehouseId,
          kind: 'kitting',
          skuId: created.id,
          quantity: 12,
          instructions: 'Gift box, tissue paper, ribbon; kit label on the box',
        }),
        'kitting order',
      );
      at(9, 5);
      must(await workOrders.complete(SYSTEM_ACTOR, order.order.id, { unitsDone: 12, minutes: 40 }), 'kitting');
      orderCount += 1;
    }
    if (kitWarehouse) {
      at(0, -3);
      must(
        await workOrders.request(SYSTEM_ACTOR, {
          accountId: homely,
          warehouseId: kitWarehouse,
          kind: 'photos',
          skuId: created.id,
          quantity: 3,
          instructions: 'Listing photos for TikTok Shop: white background, open box, lifestyle',
        }),
        'photo order',
      );
      orderCount += 1;
    }
  }
  return { returns: rmaCount, workOrders: orderCount, kits: kitCount };
}
