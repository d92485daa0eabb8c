/** What the API shows of stock: lots, SKU summaries, ledger rows, allocations, locations. */
import { z } from 'zod';
import type { LedgerEntry, LotBalance, RebuildReport, SkuSummary } from '../db/repositories/inventory-balances.js';
import type { LocationWithStock } from '../services/inventory/locations.js';
import type { LocationRow } from '../db/repositories/locations.js';
import type { AllocationAnswer, AllocationRecord } from '../services/inventory/allocation.js';
import type { GrantRow } from '../services/inventory/locations.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const bucketShape = {
  inbound: z.number().int().describe('Expected on inbound plans or transfers, not yet received'),
  on_hand: z.number().int().describe('Sellable units in the warehouse, allocated ones included'),
  allocated: z.number().int().describe('Reserved for orders, still on the shelf'),
  available: z.number().int().describe('on_hand − allocated: what can still be sold'),
  damaged: z.number().int().describe('Held apart, not sellable'),
};

export const BucketsSchema = z.object(bucketShape);

export const LotBalanceSchema = z
  .object({
    id: z.uuid().describe('The lot'),
    code: z.string(),
    account_id: z.uuid(),
    sku_id: z.uuid(),
    seller_sku: z.string(),
    title_en: z.string().nullable(),
    title_zh: z.string().nullable(),
    warehouse_id: z.uuid(),
    warehouse_code: z.string(),
    source_type: z.string().describe('inbound, return, transfer, adjustment, kit_build or count'),
    received_on: z.string().nullable().describe('YYYY-MM-DD; drives FIFO and ageing'),
    age_days: z.number().int().nullable(),
    ...bucketShape,
    locations: z.array(z.object({ location_id: z.uuid(), code: z.string(), location_type: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'LotBalance' });

export function lotBalanceDto(l: LotBalance) {
  return {
    id: l.lotId,
    code: l.lotCode,
    account_id: l.accountId,
    sku_id: l.skuId,
    seller_sku: l.sellerSku,
    title_en: l.titleEn,
    title_zh: l.titleZh,
    warehouse_id: l.warehouseId,
    warehouse_code: l.warehouseCode,
    source_type: l.sourceType,
    received_on: l.receivedOn,
    age_days: l.ageDays,
    inbound: l.inbound,
    on_hand: l.onHand,
    allocated: l.allocated,
    available: l.available,
    damaged: l.damaged,
    locations: l.locations.map((x) => ({ location_id: x.locationId, code: x.code, location_type: x.locationType, quantity: x.quantity })),
  };
}

export const SkuStockSchema = z
  .object({
    sku_id: z.uuid(),
    account_id: z.uuid(),
    seller_sku: z.string(),
    title_en: z.string().nullable(),
    title_zh: z.string().nullable(),
    lots: z.number().int().describe('Lots holding something'),
    oldest_received_on: z.string().nullable(),
    ...bucketShape,
    warehouses: z.array(z.object({ warehouse_id: z.uuid(), warehouse_code: z.string(), ...bucketShape })),
  })
  .meta({ id: 'SkuStock' });

export function skuStockDto(s: SkuSummary) {
  return {
    sku_id: s.skuId,
    account_id: s.accountId,
    seller_sku: s.sellerSku,
    title_en: s.titleEn,
    title_zh: s.titleZh,
    lots: s.lots,
    oldest_received_on: s.oldestReceivedOn,
    inbound: s.inbound,
    on_hand: s.onHand,
    allocated: s.allocated,
    available: s.available,
    damaged: s.damaged,
    warehouses: s.warehouses.map((w) => ({
      warehouse_id: w.warehouseId,
      warehouse_code: w.warehouseCode,
      inbound: w.inbound,
      on_hand: w.onHand,
      allocated: w.allocated,
      available: w.available,
      damaged: w.damaged,
    })),
  };
}

export const LedgerEntrySchema = z
  .object({
    seq: z.number().int().describe('Position in the ledger: later rows have larger numbers'),
    id: z.uuid(),
    account_id: z.uuid(),
    sku_id: z.uuid(),
    warehouse_id: z.uuid(),
    warehouse_code: z.string(),
    lot_id: z.uuid(),
    lot_code: z.string(),
    movement: z.string(),
    inbound_delta: z.number().int(),
    on_hand_delta: z.number().int(),
    allocated_delta: z.number().int(),
    damaged_delta: z.number().int(),
    location_id: z.uuid().nullable(),
    location_code: z.string().nullable(),
    location_delta: z.number().int(),
    reason_code: z.string().nullable(),
    note: z.string().nullable(),
    source_type: z.string(),
    source_id: z.string(),
    user_id: z.uuid().nullable(),
    user_name: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'LedgerEntry' });

export function ledgerEntryDto(e: LedgerEntry) {
  return {
    seq: e.seq,
    id: e.id,
    account_id: e.accountId,
    sku_id: e.skuId,
    warehouse_id: e.warehouseId,
    warehouse_code: e.warehouseCode,
    lot_id: e.lotId,
    lot_code: e.lotCode,
    movement: e.movement,
    inbound_delta: e.inboundDelta,
    on_hand_delta: e.onHandDelta,
    allocated_delta: e.allocatedDelta,
    damaged_delta: e.damagedDelta,
    location_id: e.locationId,
    location_code: e.locationCode,
    location_delta: e.locationDelta,
    reason_code: e.reasonCode,
    note: e.note,
    source_type: e.sourceType,
    source_id: e.sourceId,
    user_id: e.userId,
    user_name: e.userName,
    created_at: e.createdAt.toISOString(),
  };
}

export const RebuildReportSchema = z
  .object({
    lots_checked: z.number().int(),
    ledger_rows: z.number().int(),
    consistent: z.boolean(),
    mismatches: z.array(
      z.object({
        kind: z.enum(['lot_buckets', 'location_units', 'unlocated_units', 'allocations']),
        account_id: z.uuid(),
        lot_id: z.uuid(),
        lot_code: z.string(),
        location_id: z.uuid().nullable(),
        stored: z.record(z.string(), z.number()),
        expected: z.record(z.string(), z.number()),
      }),
    ),
  })
  .meta({ id: 'RebuildReport' });

export function rebuildDto(r: RebuildReport) {
  return {
    lots_checked: r.lotsChecked,
    ledger_rows: r.ledgerRows,
    consistent: r.mismatches.length === 0,
    mismatches: r.mismatches.map((m) => ({
      kind: m.kind,
      account_id: m.accountId,
      lot_id: m.lotId,
      lot_code: m.lotCode,
      location_id: m.locationId,
      stored: m.stored,
      expected: m.expected,
    })),
  };
}

export const AllocationAnswerSchema = z
  .object({
    account_id: z.uuid(),
    reference: z.string(),
    status: z.enum(['allocated', 'released']),
    replayed: z.boolean().describe('True when this reference had been answered before: nothing new was reserved'),
    allow_split: z.boolean(),
    lines: z.array(
      z.object({
        line_no: z.number().int(),
        sku_id: z.uuid(),
        seller_sku: z.string(),
        quantity: z.number().int(),
        allocations: z.array(
          z.object({ warehouse_id: z.uuid(), warehouse_code: z.string(), lot_id: z.uuid(), quantity: z.number().int() }),
        ),
      }),
    ),
  })
  .meta({ id: 'AllocationAnswer' });

export function allocationAnswerDto(a: AllocationAnswer) {
  return {
    account_id: a.accountId,
    reference: a.reference,
    status: a.status,
    replayed: a.replayed,
    allow_split: a.allowSplit,
    lines: a.lines.map((l) => ({
      line_no: l.lineNo,
      sku_id: l.skuId,
      seller_sku: l.sellerSku,
      quantity: l.quantity,
      allocations: l.allocations.map((p) => ({
        warehouse_id: p.warehouseId,
        warehouse_code: p.warehouseCode,
        lot_id: p.lotId,
        quantity: p.quantity,
      })),
    })),
  };
}

export const AllocationRecordSchema = z
  .object({
    account_id: z.uuid(),
    reference: z.string(),
    status: z.enum(['allocated', 'short', 'released']),
    created_at: z.string(),
    updated_at: z.string(),
    allocations: z.array(
      z.object({
        id: z.uuid(),
        line_no: z.number().int(),
        sku_id: z.uuid(),
        seller_sku: z.string(),
        warehouse_id: z.uuid(),
        warehouse_code: z.string(),
        lot_id: z.uuid(),
        lot_code: z.string(),
        received_on: z.string().nullable(),
        quantity: z.number().int(),
        status: z.string().describe('allocated, released, picked or shipped'),
      }),
    ),
  })
  .meta({ id: 'AllocationRecord' });

export function allocationRecordDto(r: AllocationRecord) {
  return {
    account_id: r.accountId,
    reference: r.reference,
    status: r.status,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    allocations: r.rows.map((x) => ({
      id: x.id,
      line_no: x.lineNo,
      sku_id: x.skuId,
      seller_sku: x.sellerSku,
      warehouse_id: x.warehouseId,
      warehouse_code: x.warehouseCode,
      lot_id: x.lotId,
      lot_code: x.lotCode,
      received_on: x.receivedOn,
      quantity: x.quantity,
      status: x.status,
    })),
  };
}

export const LocationSchema = z
  .object({
    id: z.uuid(),
    warehouse_id: z.uuid(),
    code: z.string(),
    zone: z.string().nullable(),
    aisle: z.string().nullable(),
    shelf: z.string().nullable(),
    bin: z.string().nullable(),
    location_type: z.string(),
    capacity_units: z.number().int().nullable(),
    capacity_cubic_feet: z.string().nullable(),
    status: z.string(),
    units: z.number().int().optional().describe('Units held now (a seller sees its own)'),
    created_at: z.string(),
  })
  .meta({ id: 'Location' });

export function locationDto(l: LocationRow | LocationWithStock) {
  return {
    id: l.id,
    warehouse_id: l.warehouseId,
    code: l.code,
    zone: l.zone,
    aisle: l.aisle,
    shelf: l.shelf,
    bin: l.bin,
    location_type: l.locationType,
    capacity_units: l.capacityUnits,
    capacity_cubic_feet: l.capacityCubicFeet,
    status: l.status,
    ...('units' in l ? { units: l.units } : {}),
    created_at: iso(l.createdAt) as string,
  };
}

export const GrantSchema = z
  .object({
    account_id: z.uuid(),
    warehouse_id: z.uuid(),
    warehouse_code: z.string(),
    warehouse_name: z.string(),
    warehouse_kind: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'WarehouseGrant' });

export function grantDto(g: GrantRow) {
  return {
    account_id: g.accountId,
    warehouse_id: g.warehouseId,
    warehouse_code: g.warehouseCode,
    warehouse_name: g.warehouseName,
    warehouse_kind: g.warehouseKind,
    created_at: g.createdAt.toISOString(),
  };
}
