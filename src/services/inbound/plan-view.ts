/**
 * Everything a screen, a document or a receiving step needs about one plan, loaded in a few
 * queries: the plan, its cartons and lines with their SKUs, per-SKU progress with the lot and
 * what still waits on the receiving dock, discrepancies, warnings and totals.
 */
import { inArray } from 'drizzle-orm';
import { Decimal } from 'decimal.js';
import { type DeclaredValueFloor, type PlanWarning, planWarnings } from '../../domain/inbound/plan-warnings.js';
import type { FreightMode } from '../../domain/inbound/plan.js';
import { type CurrencyCode, isCurrencyCode, type Money, money } from '../../domain/money/index.js';
import { weight, weightIn } from '../../domain/units/index.js';
import type { Executor } from '../../db/connect.js';
import { type AccountRow, findAccount } from '../../db/repositories/accounts.js';
import {
  type CartonItemRow,
  type CartonRow,
  type DiscrepancyRow,
  findPlan,
  listCartons,
  listDiscrepancies,
  listItems,
  type PlanRow,
  planLots,
  unitsAtLocation,
} from '../../db/repositories/inbound-plans.js';
import type { SkuRow } from '../../db/repositories/skus.js';
import { findWarehouse, type WarehouseRow } from '../../db/repositories/warehouses.js';
import { locations, skus } from '../../db/schema.js';
import { and, eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/tenancy.js';

export interface ViewItem extends CartonItemRow {
  sku: SkuRow;
}

export interface ViewCarton extends CartonRow {
  items: ViewItem[];
}

export interface ViewLot {
  id: string;
  code: string;
  receivedOn: string | null;
  inbound: number;
  onHand: number;
  damaged: number;
}

export interface ViewSku {
  sku: SkuRow;
  planned: number;
  received: number;
  damaged: number;
  lot: ViewLot | null;
  /** Good units still on the receiving dock, waiting for putaway. */
  staged: number;
}

export interface ViewDiscrepancy extends DiscrepancyRow {
  sellerSku: string | null;
  cartonNo: number | null;
}

export interface PlanTotals {
  cartons: number;
  units: number;
  weightG: number;
  /** Cubic metres, 3 decimals. */
  volumeM3: string;
  /** Declared customs value per currency (plan line value, else the SKU's recorded one). */
  declared: Money[];
  received: number;
  damaged: number;
}

export interface PlanView {
  plan: PlanRow;
  account: AccountRow;
  destination: WarehouseRow;
  origin: WarehouseRow | null;
  cartons: ViewCarton[];
  skus: ViewSku[];
  discrepancies: ViewDiscrepancy[];
  warnings: PlanWarning[];
  totals: PlanTotals;
}

/** @example const view = await loadPlanView(tx, scope, id, DEFAULT_DECLARED_VALUE_FLOOR) */
export async function loadPlanView(tx: Executor, scope: Scope, id: string, floor: DeclaredValueFloor): Promise<PlanView | undefined> {
  const plan = await findPlan(tx, scope, id);
  if (!plan) return undefined;
  return buildPlanView(tx, scope, plan, floor);
}

export async function buildPlanView(tx: Executor, scope: Scope, plan: PlanRow, floor: DeclaredValueFloor): Promise<PlanView> {
  const [account, destination, origin, cartonRows, itemRows, discrepancyRows, lots] = await Promise.all([
    findAccount(tx, scope, plan.accountId),
    findWarehouse(tx, plan.destinationWarehouseId),
    plan.originWarehouseId ? findWarehouse(tx, plan.originWarehouseId) : Promise.resolve(undefined),
    listCartons(tx, plan.id),
    listItems(tx, plan.id),
    listDiscrepancies(tx, plan.id),
    planLots(tx, plan.id),
  ]);
  const skuIds = [...new Set([...itemRows.map((i) => i.skuId), ...discrepancyRows.flatMap((d) => (d.skuId ? [d.skuId] : []))])];
  const skuRows = skuIds.length > 0 ? await tx.select().from(skus).where(inArray(skus.id, skuIds)) : [];
  const skuById = new Map(skuRows.map((s) => [s.id, s]));
  const [staging] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.warehouseId, plan.destinationWarehouseId), eq(sql`upper(${locations.code})`, 'RECEIVING')));
  const staged = staging
    ? await unitsAtLocation(
        tx,
        [...lots.values()].map((l) => l.id),
        staging.id,
      )
    : new Map<string, number>();

  const cartons: ViewCarton[] = cartonRows.map((c) => ({
    ...c,
    items: itemRows.filter((i) => i.cartonId === c.id).map((i) => ({ ...i, sku: skuById.get(i.skuId) as SkuRow })),
  }));
  const bySku = new Map<string, ViewSku>();
  for (const item of itemRows) {
    const sku = skuById.get(item.skuId) as SkuRow;
    const lot = lots.get(item.skuId);
    const entry = bySku.get(item.skuId) ?? {
      sku,
      planned: 0,
      received: 0,
      damaged: 0,
      lot: lot
        ? { id: lot.id, code: lot.code, receivedOn: lot.receivedOn, inbound: lot.inbound, onHand: lot.onHand, damaged: lot.damaged }
        : null,
      staged: lot ? (staged.get(lot.id) ?? 0) : 0,
    };
    entry.planned += item.quantity;
    entry.received += item.receivedQuantity;
    entry.damaged += item.damagedQuantity;
    bySku.set(item.skuId, entry);
  }
  const cartonNo = new Map(cartonRows.map((c) => [c.id, c.cartonNo]));
  const discrepancies = discrepancyRows.map((d) => ({
    ...d,
    sellerSku: d.skuId ? (skuById.get(d.skuId)?.sellerSku ?? null) : null,
    cartonNo: d.cartonId ? (cartonNo.get(d.cartonId) ?? null) : null,
  }));

  const warnings = planWarnings({
    freightMode: plan.freightMode as FreightMode,
    floor,
    skus: new Map(
      skuRows.map((s) => [
        s.sellerSku.toLowerCase(),
        {
          sellerSku: s.sellerSku,
          hsCode: s.hsCode,
          declaredValueMinor: s.declaredValueMinor,
          declaredCurrency: s.declaredCurrency,
          battery: s.battery,
          liquid: s.liquid,
          powder: s.powder,
          unitWeightG: unitWeightGrams(s),
        },
      ]),
    ),
    cartons: cartons.map((c) => ({
      cartonNo: c.cartonNo,
      weightG: c.weightG,
      items: c.items
        .filter((i) => i.quantity > 0)
        .map((i) => ({
          sellerSku: i.sku.sellerSku,
          quantity: i.quantity,
          declaredValueMinor: i.declaredValueMinor,
          declaredCurrency: i.declaredCurrency,
        })),
    })),
  });

  return {
    plan,
    account: account as AccountRow,
    destination: destination as WarehouseRow,
    origin: origin ?? null,
    cartons,
    skus: [...bySku.values()].sort((a, b) => a.sku.sellerSku.localeCompare(b.sku.sellerSku)),
    discrepancies,
    warnings,
    totals: totalsOf(cartons),
  };
}

export function unitWeightGrams(sku: SkuRow): number {
  const unit = sku.weightUnit as 'g' | 'kg' | 'oz' | 'lb';
  return weightIn(weight(sku.weight, unit), 'g').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** The declared unit value of a line: the plan's, else the SKU's recorded one. */
export function declaredUnitValue(item: ViewItem): Money | null {
  if (item.declaredValueMinor !== null && item.declaredCurrency && isCurrencyCode(item.declaredCurrency))
    return money(item.declaredCurrency, item.declaredValueMinor);
  if (item.sku.declaredValueMinor !== null && item.sku.declaredCurrency && isCurrencyCode(item.sku.declaredCurrency))
    return money(item.sku.declaredCurrency, item.sku.declaredValueMinor);
  return null;
}

function totalsOf(cartons: ViewCarton[]): PlanTotals {
  let units = 0;
  let weightG = 0;
  let volumeMm3 = 0n;
  let received = 0;
  let damaged = 0;
  const declared = new Map<CurrencyCode, bigint>();
  for (const c of cartons) {
    weightG += c.weightG;
    volumeMm3 += BigInt(c.lengthMm) * BigInt(c.widthMm) * BigInt(c.heightMm);
    for (const i of c.items) {
      units += i.quantity;
      received += i.receivedQuantity;
      damaged += i.damagedQuantity;
      const value = declaredUnitValue(i);
      if (value) declared.set(value.currency, (declared.get(value.currency) ?? 0n) + value.minor * BigInt(i.quantity));
    }
  }
  return {
    cartons: cartons.length,
    units,
    weightG,
    volumeM3: new Decimal(volumeMm3.toString()).dividedBy(1e9).toFixed(3),
    declared: [...declared].map(([currency, minor]) => money(currency, minor)),
    received,
    damaged,
  };
}
