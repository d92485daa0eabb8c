/**
 * Demo inbound plans for THREADLINE: one sea shipment on the water to Ontario, California, and
 * one received in New Jersey with a short carton and a damaged one, partly put away — so the
 * seller's inbound pages, the receiving screen and the discrepancy list have something true to
 * show. Built through the same services as the API (SYSTEM_ACTOR acts as warehouse staff).
 */
import { SYSTEM_ACTOR } from '../context.js';
import type { Services } from '../create-services.js';

export interface InboundSeedReport {
  plans: string[];
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string; details?: unknown } }, what: string): T {
  if (!result.ok) throw new Error(`Demo inbound ${what}: ${result.error.message} ${JSON.stringify(result.error.details ?? [])}`);
  return result.value;
}

const SIZE = { length: '60', width: '40', height: '40', dimensionUnit: 'cm', weightUnit: 'kg' };

export async function seedDemoInbound(services: Services): Promise<InboundSeedReport> {
  const account = must(await services.accounts.getByCode(SYSTEM_ACTOR, 'THREADLINE'), 'account');
  const today = services.deps.clock.now();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

  // 1. Received in New Jersey: carton 2 arrived crushed (6 damaged), carton 4 short of 2 hoodies.
  const received = must(
    await services.inboundPlans.create(SYSTEM_ACTOR, {
      accountId: account.id,
      destinationWarehouse: 'US-NJ1',
      originWarehouse: 'CN-SZX1',
      freightMode: 'sea',
      reference: 'PO-TL-2026-031',
      carrier: 'COSCO',
      vessel: 'COSCO SHIPPING ARIES',
      voyage: '088E',
      containerNumber: 'CSNU6184420',
      etd: day(-34),
      eta: day(-12),
      cartons: [
        { ...SIZE, count: 2, weight: '12.5', items: [{ sku: 'TL-TEE-BLK-M', quantity: 24 }] },
        { ...SIZE, count: 1, weight: '11.8', items: [{ sku: 'TL-TEE-WHT-M', quantity: 24 }] },
        {
          ...SIZE,
          count: 1,
          weight: '14',
          items: [
            { sku: 'TL-HOOD-GRY-L', quantity: 10 },
            { sku: 'TL-TEE-BLK-L', quantity: 12 },
          ],
        },
      ],
    }),
    'received plan',
  );
  const id = received.plan.id;
  must(await services.inboundPlans.submit(SYSTEM_ACTOR, id), 'submit');
  must(
    await services.inboundPlans.updateShipment(SYSTEM_ACTOR, id, {
      status: 'in_transit',
      customsStatus: 'filed',
      customsFiledOn: day(-14),
    }),
    'sail',
  );
  must(
    await services.inboundPlans.updateShipment(SYSTEM_ACTOR, id, {
      status: 'arrived',
      customsStatus: 'released',
      customsReleasedOn: day(-11),
      customsEntryNumber: 'ABC-1234567-8',
    }),
    'arrive',
  );
  const [c1, c2, c3, c4] = received.cartons;
  const close = async (barcode: string, counts: { barcode: string; good: number; damaged: number }[]) =>
    must(await services.receiving.receive(SYSTEM_ACTOR, id, { type: 'close_carton', carton: barcode, counts }), `carton ${barcode}`);
  if (!c1 || !c2 || !c3 || !c4) throw new Error('Demo inbound: expected four cartons');
  await close(c1.barcode, [{ barcode: 'TL-TEE-BLK-M', good: 24, damaged: 0 }]);
  await close(c2.barcode, [{ barcode: 'TL-TEE-BLK-M', good: 18, damaged: 6 }]);
  await close(c3.barcode, [{ barcode: 'TL-TEE-WHT-M', good: 24, damaged: 0 }]);
  await close(c4.barcode, [
    { barcode: 'TL-HOOD-GRY-L', good: 8, damaged: 0 },
    { barcode: 'TL-TEE-BLK-L', good: 12, damaged: 0 },
  ]);
  must(await services.receiving.complete(SYSTEM_ACTOR, id), 'complete');
  must(await services.receiving.putaway(SYSTEM_ACTOR, { planId: id, sku: 'TL-TEE-BLK-M', toLocation: 'P-01', quantity: 42 }), 'putaway');
  must(await services.receiving.putaway(SYSTEM_ACTOR, { planId: id, sku: 'TL-TEE-WHT-M', toLocation: 'P-02', quantity: 24 }), 'putaway');

  // 2. On the water to Ontario, California.
  const sailing = must(
    await services.inboundPlans.create(SYSTEM_ACTOR, {
      accountId: account.id,
      destinationWarehouse: 'US-CA1',
      originWarehouse: 'CN-SZX1',
      freightMode: 'sea',
      reference: 'PO-TL-2026-044',
      carrier: 'Matson',
      vessel: 'MATSON KAUAI',
      voyage: '217',
      containerNumber: 'MATU2450917',
      etd: day(-6),
      eta: day(9),
      cartons: [
        { ...SIZE, count: 6, weight: '12.5', items: [{ sku: 'TL-TEE-BLK-S', quantity: 24 }] },
        { ...SIZE, count: 4, weight: '13', items: [{ sku: 'TL-TEE-WHT-L', quantity: 24 }] },
        {
          ...SIZE,
          count: 2,
          weight: '14.5',
          items: [
            { sku: 'TL-HOOD-GRY-M', quantity: 12 },
            { sku: 'TL-HOOD-GRY-L', quantity: 8 },
          ],
        },
      ],
    }),
    'sailing plan',
  );
  must(await services.inboundPlans.submit(SYSTEM_ACTOR, sailing.plan.id), 'submit');
  must(await services.inboundPlans.updateShipment(SYSTEM_ACTOR, sailing.plan.id, { status: 'in_transit', customsStatus: 'filed' }), 'sail');
  return { plans: [received.plan.number, sailing.plan.number] };
}
