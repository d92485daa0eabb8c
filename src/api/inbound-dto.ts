/** What the API shows of inbound plans, receiving outcomes and putaways (snake_case JSON). */
import { z } from 'zod';
import { nextStatuses, type PlanStatus } from '../domain/inbound/plan-status.js';
import { isCurrencyCode, money, moneyToDto } from '../domain/money/index.js';
import type { PlanListRow } from '../db/repositories/inbound-plans.js';
import type { PlanView } from '../services/inbound/plan-view.js';
import type { PutawayOutcome, ReceiveOutcome } from '../services/inbound/receiving.js';
import { MoneySchema } from './dto.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const timestamp = z.string().describe('ISO 8601 time, UTC');
const Bilingual = z.object({ en: z.string(), zh: z.string() });

const WarehouseRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), name_zh: z.string().nullable() });

const PlanFields = {
  id: z.uuid(),
  account_id: z.uuid(),
  number: z.string().describe('ASN-YYYY-NNNNNN'),
  reference: z.string().nullable(),
  status: z.string().describe('draft, submitted, in_transit, arrived, receiving, received, closed, cancelled'),
  freight_mode: z.string(),
  origin_warehouse_id: z.uuid().nullable(),
  destination_warehouse_id: z.uuid(),
  carrier: z.string().nullable(),
  vessel: z.string().nullable(),
  voyage: z.string().nullable(),
  container_number: z.string().nullable(),
  tracking_number: z.string().nullable(),
  etd: z.string().nullable(),
  eta: z.string().nullable(),
  customs_status: z.string().describe('not_filed, filed, held, released'),
  created_at: timestamp,
  updated_at: timestamp,
  submitted_at: timestamp.nullable(),
};

export const PlanSummarySchema = z
  .object({
    ...PlanFields,
    cartons: z.number().int(),
    planned_units: z.number().int(),
    received_units: z.number().int(),
    damaged_units: z.number().int(),
  })
  .meta({ id: 'InboundPlanSummary' });

function planFields(p: PlanListRow | PlanView['plan']) {
  return {
    id: p.id,
    account_id: p.accountId,
    number: p.number,
    reference: p.reference,
    status: p.status,
    freight_mode: p.freightMode,
    origin_warehouse_id: p.originWarehouseId,
    destination_warehouse_id: p.destinationWarehouseId,
    carrier: p.carrier,
    vessel: p.vessel,
    voyage: p.voyage,
    container_number: p.containerNumber,
    tracking_number: p.trackingNumber,
    etd: p.etd,
    eta: p.eta,
    customs_status: p.customsStatus,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
    submitted_at: iso(p.submittedAt),
  };
}

export function planSummaryDto(p: PlanListRow): z.output<typeof PlanSummarySchema> {
  return {
    ...planFields(p),
    cartons: p.cartonCount,
    planned_units: p.plannedUnits,
    received_units: p.receivedUnits,
    damaged_units: p.damagedUnits,
  };
}

const ItemSchema = z.object({
  id: z.uuid(),
  sku_id: z.uuid(),
  seller_sku: z.string(),
  title_en: z.string().nullable(),
  title_zh: z.string().nullable(),
  quantity: z.number().int().describe('Planned units (0: found at receipt, not planned)'),
  received: z.number().int(),
  damaged: z.number().int(),
  declared_value: MoneySchema.nullable().describe("Per unit for this shipment; null: the SKU's recorded value applies"),
});

const CartonSchema = z.object({
  id: z.uuid(),
  carton_no: z.number().int(),
  barcode: z.string(),
  length_mm: z.number().int(),
  width_mm: z.number().int(),
  height_mm: z.number().int(),
  weight_g: z.number().int(),
  status: z.string().describe('expected, opened, received, missing'),
  items: z.array(ItemSchema),
});

const SkuProgressSchema = z.object({
  sku_id: z.uuid(),
  seller_sku: z.string(),
  title_en: z.string().nullable(),
  title_zh: z.string().nullable(),
  barcodes: z.array(z.string()).describe('Seller SKU, UPC, FNSKU and MSKU: any of them scans'),
  planned: z.number().int(),
  received: z.number().int(),
  damaged: z.number().int(),
  lot: z
    .object({
      id: z.uuid(),
      code: z.string(),
      received_on: z.string().nullable(),
      inbound: z.number().int(),
      on_hand: z.number().int(),
      damaged: z.number().int(),
    })
    .nullable(),
  staged: z.number().int().describe('Good units on the RECEIVING location, waiting for putaway'),
});

const DiscrepancySchema = z.object({
  id: z.uuid(),
  kind: z.string().describe('short, over, damaged, unknown_sku, unknown_carton'),
  carton_no: z.number().int().nullable(),
  sku_id: z.uuid().nullable(),
  seller_sku: z.string().nullable(),
  scanned_barcode: z.string().nullable(),
  quantity: z.number().int(),
  note: z.string().nullable(),
  recorded_at: timestamp,
});

const WarningSchema = z.object({
  code: z.string(),
  sku: z.string().optional(),
  carton_no: z.number().int().optional(),
  message: z.string(),
  messages: Bilingual,
});

export const PlanSchema = z
  .object({
    ...PlanFields,
    account: z.object({ id: z.uuid(), code: z.string(), name: z.string(), name_zh: z.string().nullable() }),
    origin_warehouse: WarehouseRef.nullable(),
    destination_warehouse: WarehouseRef,
    note: z.string().nullable(),
    customs: z.object({
      status: z.string(),
      entry_number: z.string().nullable(),
      filed_on: z.string().nullable(),
      held_on: z.string().nullable(),
      released_on: z.string().nullable(),
      note: z.string().nullable(),
    }),
    timeline: z.array(z.object({ status: z.string(), at: timestamp })).describe('When each step happened, oldest first'),
    next_statuses: z.array(z.string()),
    totals: z.object({
      cartons: z.number().int(),
      units: z.number().int(),
      received: z.number().int(),
      damaged: z.number().int(),
      weight_kg: z.string(),
      volume_m3: z.string(),
      declared_value: z.array(MoneySchema),
    }),
    warnings: z.array(WarningSchema),
    skus: z.array(SkuProgressSchema),
    cartons: z.array(CartonSchema),
    discrepancies: z.array(DiscrepancySchema),
  })
  .meta({ id: 'InboundPlan' });

export function planDto(view: PlanView): z.output<typeof PlanSchema> {
  const p = view.plan;
  const ref = (w: PlanView['destination']) => ({ id: w.id, code: w.code, name: w.name, name_zh: w.nameZh });
  const timeline = (
    [
      ['draft', p.createdAt],
      ['submitted', p.submittedAt],
      ['in_transit', p.departedAt],
      ['arrived', p.arrivedAt],
      ['receiving', p.receivingStartedAt],
      ['received', p.receivedAt],
      ['closed', p.closedAt],
      ['cancelled', p.cancelledAt],
    ] as const
  )
    .filter(([, at]) => at)
    .map(([status, at]) => ({ status, at: (at as Date).toISOString() }))
    .sort((a, b) => a.at.localeCompare(b.at));
  return {
    ...planFields(p),
    account: { id: view.account.id, code: view.account.code, name: view.account.name, name_zh: view.account.nameZh },
    origin_warehouse: view.origin ? ref(view.origin) : null,
    destination_warehouse: ref(view.destination),
    note: p.note,
    customs: {
      status: p.customsStatus,
      entry_number: p.customsEntryNumber,
      filed_on: p.customsFiledOn,
      held_on: p.customsHeldOn,
      released_on: p.customsReleasedOn,
      note: p.customsNote,
    },
    timeline,
    next_statuses: [...nextStatuses(p.status as PlanStatus)],
    totals: {
      cartons: view.totals.cartons,
      units: view.totals.units,
      received: view.totals.received,
      damaged: view.totals.damaged,
      weight_kg: (view.totals.weightG / 1000).toFixed(3),
      volume_m3: view.totals.volumeM3,
      declared_value: view.totals.declared.map(moneyToDto),
    },
    warnings: view.warnings.map((w) => ({ ...w })),
    skus: view.skus.map((s) => ({
      sku_id: s.sku.id,
      seller_sku: s.sku.sellerSku,
      title_en: s.sku.titleEn,
      title_zh: s.sku.titleZh,
      barcodes: [s.sku.sellerSku, s.sku.upc, s.sku.fnsku, s.sku.msku].filter((b): b is string => Boolean(b)),
      planned: s.planned,
      received: s.received,
      damaged: s.damaged,
      lot: s.lot
        ? {
            id: s.lot.id,
            code: s.lot.code,
            received_on: s.lot.receivedOn,
            inbound: s.lot.inbound,
            on_hand: s.lot.onHand,
            damaged: s.lot.damaged,
          }
        : null,
      staged: s.staged,
    })),
    cartons: view.cartons.map((c) => ({
      id: c.id,
      carton_no: c.cartonNo,
      barcode: c.barcode,
      length_mm: c.lengthMm,
      width_mm: c.widthMm,
      height_mm: c.heightMm,
      weight_g: c.weightG,
      status: c.status,
      items: c.items.map((i) => ({
        id: i.id,
        sku_id: i.skuId,
        seller_sku: i.sku.sellerSku,
        title_en: i.sku.titleEn,
        title_zh: i.sku.titleZh,
        quantity: i.quantity,
        received: i.receivedQuantity,
        damaged: i.damagedQuantity,
        declared_value:
          i.declaredValueMinor !== null && i.declaredCurrency && isCurrencyCode(i.declaredCurrency)
            ? moneyToDto(money(i.declaredCurrency, i.declaredValueMinor))
            : null,
      })),
    })),
    discrepancies: view.discrepancies.map((d) => ({
      id: d.id,
      kind: d.kind,
      carton_no: d.cartonNo,
      sku_id: d.skuId,
      seller_sku: d.sellerSku,
      scanned_barcode: d.scannedBarcode,
      quantity: d.quantity,
      note: d.note,
      recorded_at: d.recordedAt.toISOString(),
    })),
  };
}

export const ReceiveOutcomeSchema = z
  .object({
    result: z.enum(['carton_opened', 'units_received', 'carton_closed', 'unknown_recorded']),
    replayed: z.boolean().describe('true: this scan_id was already recorded; nothing changed'),
    plan_status: z.string(),
    carton: z.object({ id: z.uuid(), carton_no: z.number().int(), barcode: z.string(), status: z.string() }).nullable(),
    sku: z
      .object({ id: z.uuid(), seller_sku: z.string(), planned: z.number().int(), received: z.number().int(), damaged: z.number().int() })
      .nullable()
      .describe("The SKU's totals on the whole plan after this scan"),
    quantity: z.number().int(),
    damaged: z.number().int(),
    over: z.number().int(),
    message: Bilingual,
  })
  .meta({ id: 'ReceiveOutcome' });

export function receiveOutcomeDto(o: ReceiveOutcome): z.output<typeof ReceiveOutcomeSchema> {
  return {
    result: o.result,
    replayed: o.replayed,
    plan_status: o.planStatus,
    carton: o.carton ? { id: o.carton.id, carton_no: o.carton.cartonNo, barcode: o.carton.barcode, status: o.carton.status } : null,
    sku: o.sku
      ? { id: o.sku.id, seller_sku: o.sku.sellerSku, planned: o.sku.planned, received: o.sku.received, damaged: o.sku.damaged }
      : null,
    quantity: o.quantity,
    damaged: o.damaged,
    over: o.over,
    message: o.message,
  };
}

export const PutawayOutcomeSchema = z
  .object({
    replayed: z.boolean(),
    lot_id: z.uuid(),
    lot_code: z.string(),
    sku_id: z.uuid(),
    seller_sku: z.string(),
    from_location: z.string(),
    to_location: z.string(),
    quantity: z.number().int(),
    units_at_location: z.number().int(),
    capacity_units: z.number().int().nullable(),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), messages: Bilingual })),
  })
  .meta({ id: 'PutawayOutcome' });

export function putawayDto(o: PutawayOutcome): z.output<typeof PutawayOutcomeSchema> {
  return {
    replayed: o.replayed,
    lot_id: o.lotId,
    lot_code: o.lotCode,
    sku_id: o.skuId,
    seller_sku: o.sellerSku,
    from_location: o.fromLocation,
    to_location: o.toLocation,
    quantity: o.quantity,
    units_at_location: o.unitsAtLocation,
    capacity_units: o.capacityUnits,
    warnings: o.warnings,
  };
}
