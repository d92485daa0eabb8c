/**
 * Stock adjustments by warehouse staff, each with a reason code: units found (+), lost,
 * expired or stolen (−), found damaged (moved from sellable to damaged, at the DAMAGED
 * location), or a correction (±). A negative adjustment beyond what is on hand and not
 * allocated is refused with insufficient_stock and the ledger is left unchanged.
 */
import { sql } from 'drizzle-orm';
import { ADJUSTMENT_REASONS, type AdjustmentReason, type MovementInput } from '../../domain/inventory/movements.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { createLot, postMovements } from '../../db/repositories/inventory-ledger.js';
import { findLocation, findLocationByCode, type LocationRow, systemLocation } from '../../db/repositories/locations.js';
import { findSku } from '../../db/repositories/skus.js';
import { recordAudit } from '../../db/repositories/audit-log.js';
import { inScope, PROVIDER_SCOPE } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, staffScope } from '../context.js';
import { assertWarehouseAllowed } from './access.js';
import { asResult } from './common.js';

/** Reasons that add units, take them away, or may do either. */
const SIGN: Record<AdjustmentReason, '+' | '-' | '±'> = {
  found: '+',
  lost: '-',
  damaged: '-',
  expired: '-',
  theft: '-',
  quality_hold: '-',
  correction: '±',
  opening_balance: '+',
  other: '±',
};

export interface AdjustInput {
  skuId: string;
  warehouseId: string;
  /** Signed: +3 found, −2 lost. */
  quantity: number;
  reasonCode: string;
  note?: string | null;
  /** Take from (or add to) this lot; a positive adjustment without one makes a new lot. */
  lotId?: string | null;
  /** Where the units are (or were found); RECEIVING when a positive adjustment names none. */
  locationId?: string | null;
  locationCode?: string | null;
  /** The reference quoted back in the ledger (source_id); one is made when absent. */
  reference?: string | null;
}

export interface AdjustmentResult {
  reference: string;
  skuId: string;
  warehouseId: string;
  quantity: number;
  reasonCode: string;
  movements: {
    lotId: string;
    locationId: string | null;
    movement: string;
    onHandDelta: number;
    damagedDelta: number;
    locationDelta: number;
  }[];
}

export function createAdjustmentService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  /** Validates the request's own fields; every problem at once. */
  function check(input: AdjustInput): ErrorDetail[] {
    const problems: ErrorDetail[] = [];
    if (!Number.isInteger(input.quantity) || input.quantity === 0 || Math.abs(input.quantity) > 1_000_000)
      problems.push({
        path: ['quantity'],
        code: 'out_of_range',
        message: 'Quantity is a non-zero whole number of units (negative takes away).',
      });
    const reason = input.reasonCode as AdjustmentReason;
    if (!(ADJUSTMENT_REASONS as readonly string[]).includes(reason)) {
      problems.push({ path: ['reason_code'], code: 'unknown_reason', message: `Reason must be one of ${ADJUSTMENT_REASONS.join(', ')}.` });
    } else if (Number.isInteger(input.quantity) && input.quantity !== 0) {
      if (SIGN[reason] === '+' && input.quantity < 0)
        problems.push({ path: ['quantity'], code: 'wrong_sign', message: `"${reason}" adds units: the quantity must be positive.` });
      if (SIGN[reason] === '-' && input.quantity > 0)
        problems.push({ path: ['quantity'], code: 'wrong_sign', message: `"${reason}" takes units away: the quantity must be negative.` });
    }
    if (input.reasonCode === 'other' && !input.note?.trim())
      problems.push({ path: ['note'], code: 'required', message: 'Say what happened when the reason is "other".' });
    return problems;
  }

  async function adjust(actor: Actor, input: AdjustInput): Promise<Result<AdjustmentResult, AppError>> {
    if (actor.accountId) return err(appError('forbidden', 'Only warehouse staff adjust stock.'));
    const problems = check(input);
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid adjustment.', problems));
    const at = clock.now();
    const reference = input.reference?.trim() || `ADJ-${ids.next()}`;
    return asResult(() =>
      inScope(database.db, staffScope(actor), async (tx) => {
        const sku = await findSku(tx, PROVIDER_SCOPE, input.skuId);
        if (!sku) return err(appError('not_found', 'SKU not found.', [{ path: ['sku_id'], code: 'not_found', message: 'No such SKU.' }]));
        await assertWarehouseAllowed(tx, sku.accountId, input.warehouseId);
        const location = await resolveLocation(tx, input);
        if (!location.ok) return location;
        const base = {
          accountId: sku.accountId,
          skuId: sku.id,
          warehouseId: input.warehouseId,
          reasonCode: input.reasonCode,
          note: input.note ?? null,
          sourceType: 'adjustment',
          sourceId: reference,
          userId: actor.userId,
        };
        const movements: MovementInput[] = [];
        if (input.quantity > 0) {
          let lotId = input.lotId ?? null;
          if (lotId) {
            const lot = await lotOf(tx, lotId, sku.id, input.warehouseId);
            if (!lot) return err(lotMismatch());
          } else {
            lotId = (
              await createLot(tx, ids, {
                accountId: sku.accountId,
                skuId: sku.id,
                warehouseId: input.warehouseId,
                sourceType: 'adjustment',
                receivedOn: at.toISOString().slice(0, 10),
              })
            ).id;
          }
          const place = location.value ?? (await systemLocation(tx, input.warehouseId, 'staging', ids));
          movements.push({
            ...base,
            lotId,
            movement: 'adjust',
            onHandDelta: input.quantity,
            locationId: place.id,
            locationDelta: input.quantity,
          });
        } else {
          const sources = await takeFrom(tx, sku.id, input.warehouseId, input.lotId ?? null, location.value?.id ?? null, -input.quantity);
          if (!sources.ok) return sources;
          const damaged = input.reasonCode === 'damaged' ? await systemLocation(tx, input.warehouseId, 'damaged', ids) : null;
          for (const source of sources.value) {
            if (damaged) {
              movements.push(
                {
                  ...base,
                  lotId: source.lotId,
                  movement: 'damage',
                  onHandDelta: -source.quantity,
                  damagedDelta: source.quantity,
                  locationId: source.locationId,
                  locationDelta: -source.quantity,
                },
                { ...base, lotId: source.lotId, movement: 'damage', locationId: damaged.id, locationDelta: source.quantity },
              );
            } else {
              movements.push({
                ...base,
                lotId: source.lotId,
                movement: 'adjust',
                onHandDelta: -source.quantity,
                locationId: source.locationId,
                locationDelta: -source.quantity,
              });
            }
          }
        }
        await postMovements(tx, ids, at, movements);
        // A staff action on a seller's stock: the ledger rows are the record, this names the decision.
        await recordAudit(tx, {
          entityType: 'stock_adjustment',
          entityId: reference,
          action: 'adjust',
          accountId: sku.accountId,
          after: {
            sku_id: sku.id,
            seller_sku: sku.sellerSku,
            warehouse_id: input.warehouseId,
            quantity: input.quantity,
            reason_code: input.reasonCode,
            note: input.note ?? null,
            movements: movements.length,
          },
          at,
        });
        return ok({
          reference,
          skuId: sku.id,
          warehouseId: input.warehouseId,
          quantity: input.quantity,
          reasonCode: input.reasonCode,
          movements: movements.map((m) => ({
            lotId: m.lotId,
            locationId: m.locationId ?? null,
            movement: m.movement,
            onHandDelta: m.onHandDelta ?? 0,
            damagedDelta: m.damagedDelta ?? 0,
            locationDelta: m.locationDelta ?? 0,
          })),
        });
      }),
    );
  }

  return { adjust };
}

export type AdjustmentService = ReturnType<typeof createAdjustmentService>;

function lotMismatch(): AppError {
  return appError('validation_failed', 'That lot is not this SKU’s lot in this warehouse.', [
    { path: ['lot_id'], code: 'lot_mismatch', message: 'The lot belongs to another SKU or warehouse.' },
  ]);
}

async function lotOf(tx: Executor, lotId: string, skuId: string, warehouseId: string): Promise<{ id: string } | undefined> {
  const [row] = await selectRows<{ id: string }>(
    tx,
    sql`SELECT id FROM inventory_lots WHERE id = ${lotId} AND sku_id = ${skuId} AND warehouse_id = ${warehouseId}`,
  );
  return row;
}

async function resolveLocation(tx: Executor, input: AdjustInput): Promise<Result<LocationRow | null, AppError>> {
  if (!input.locationId && !input.locationCode) return ok(null);
  const location = input.locationId
    ? await findLocation(tx, input.locationId)
    : await findLocationByCode(tx, input.warehouseId, input.locationCode ?? '');
  const path = input.locationId ? 'location_id' : 'location_code';
  if (!location || location.warehouseId !== input.warehouseId)
    return err(
      appError('validation_failed', 'No such location in this warehouse.', [
        { path: [path], code: 'not_found', message: 'No such location in this warehouse.' },
      ]),
    );
  return ok(location);
}

/**
 * Where a negative adjustment takes units from: the named lot (and location), else the SKU's
 * lots at the location, oldest first. Only units not reserved for orders can go; asking for
 * more is insufficient_stock with what there is.
 */
async function takeFrom(
  tx: Executor,
  skuId: string,
  warehouseId: string,
  lotId: string | null,
  locationId: string | null,
  quantity: number,
): Promise<Result<{ lotId: string; locationId: string; quantity: number }[], AppError>> {
  const rows = await selectRows<{ lot_id: string; location_id: string; held: number; free: number; code: string }>(
    tx,
    sql`SELECT ls.lot_id, ls.location_id, ls.quantity AS held, l.on_hand - l.allocated AS free, l.code
          FROM location_stock ls
          JOIN inventory_lots l ON l.id = ls.lot_id
          JOIN locations loc ON loc.id = ls.location_id
         WHERE l.sku_id = ${skuId} AND l.warehouse_id = ${warehouseId} AND ls.quantity > 0
           AND loc.location_type NOT IN ('damaged', 'outbound')
           ${lotId ? sql`AND l.id = ${lotId}` : sql``}
           ${locationId ? sql`AND ls.location_id = ${locationId}` : sql``}
         ORDER BY l.received_on NULLS LAST, l.created_at, l.id, ls.quantity DESC
           FOR UPDATE OF l`,
  );
  const freeLeft = new Map<string, number>();
  const taken: { lotId: string; locationId: string; quantity: number }[] = [];
  let left = quantity;
  for (const row of rows) {
    if (left === 0) break;
    const free = freeLeft.get(row.lot_id) ?? Number(row.free);
    const take = Math.min(left, Number(row.held), free);
    if (take <= 0) continue;
    freeLeft.set(row.lot_id, free - take);
    taken.push({ lotId: row.lot_id, locationId: row.location_id, quantity: take });
    left -= take;
  }
  if (left > 0) {
    const available = quantity - left;
    const en = `Only ${available} unit${available === 1 ? '' : 's'} can be taken${lotId ? ' from that lot' : ''}${locationId ? ' at that location' : ''} (on hand and not allocated); ${quantity} asked.`;
    return err(
      appError('insufficient_stock', en, [
        {
          path: ['quantity'],
          code: 'insufficient_stock',
          message: en,
          messages: { en, zh: `可扣减的数量只有 ${available} 件（在库且未分配），申请扣减 ${quantity} 件。` },
        },
      ]),
    );
  }
  return ok(taken);
}
