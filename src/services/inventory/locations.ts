/**
 * Locations inside warehouses (staff create and archive them) and which warehouses each
 * seller account may use (staff grant and revoke).
 */
import { and, eq, sql } from 'drizzle-orm';
import { expandLocationRange, type LocationParts, parseLocationCode, validateLocation } from '../../domain/inventory/locations.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { selectRows } from '../../db/connect.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../db/errors.js';
import type { Page } from '../../db/pagination.js';
import {
  ensureSystemLocations,
  insertLocations,
  type LocationFilter,
  type LocationRow,
  listLocations,
  updateLocation,
} from '../../db/repositories/locations.js';
import { findLocation } from '../../db/repositories/locations.js';
import { findWarehouse, type WarehouseRow } from '../../db/repositories/warehouses.js';
import { accountWarehouses, warehouses } from '../../db/schema.js';
import { inScope, PROVIDER_SCOPE } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf, staffScope } from '../context.js';
import { resolveAccount } from '../skus.js';

export interface LocationInput {
  warehouseId: string;
  locationType: string;
  capacityUnits?: number | null;
  capacityCubicFeet?: string | null;
}

export interface LocationWithStock extends LocationRow {
  units: number;
}

export interface GrantRow {
  accountId: string;
  warehouseId: string;
  warehouseCode: string;
  warehouseName: string;
  warehouseKind: string;
  createdAt: Date;
}

const staffOnly = (actor: Actor): AppError | null =>
  actor.accountId ? appError('forbidden', 'Only warehouse staff manage locations and warehouse grants.') : null;

export function createLocationService(deps: ServiceDeps) {
  const { database, ids } = deps;

  async function list(actor: Actor, filter: LocationFilter): Promise<Page<LocationWithStock>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const page = await listLocations(tx, filter);
      if (page.items.length === 0) return { items: [], nextCursor: page.nextCursor };
      // Units at each location: staff see all sellers' units, a seller its own (row-level security).
      const units = await selectRows<{ location_id: string; units: number }>(
        tx,
        sql`SELECT location_id, sum(quantity)::int AS units FROM location_stock
             WHERE location_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(page.items.map((l) => l.id))}::jsonb)::uuid)
             GROUP BY location_id`,
      );
      const byId = new Map(units.map((u) => [u.location_id, Number(u.units)]));
      return { items: page.items.map((l) => ({ ...l, units: byId.get(l.id) ?? 0 })), nextCursor: page.nextCursor };
    });
  }

  async function withWarehouse<T>(
    actor: Actor,
    warehouseId: string,
    fn: (tx: Parameters<Parameters<typeof inScope>[2]>[0], warehouse: WarehouseRow) => Promise<Result<T, AppError>>,
  ): Promise<Result<T, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    return inScope(database.db, staffScope(actor), async (tx) => {
      const warehouse = await findWarehouse(tx, warehouseId);
      if (!warehouse) return err(appError('not_found', 'Warehouse not found.'));
      if (warehouse.status !== 'active') return err(appError('archived', `Warehouse ${warehouse.code} is archived.`));
      return fn(tx, warehouse);
    });
  }

  /** Creates one storage location (bin, shelf, pallet or floor). */
  async function create(actor: Actor, input: LocationInput & { code: string }): Promise<Result<LocationRow, AppError>> {
    const problems = validateLocation(input);
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid location.', problems));
    const parts = parseLocationCode(input.code) as LocationParts;
    try {
      return await withWarehouse(actor, input.warehouseId, async (tx) => {
        await ensureSystemLocations(tx, ids, input.warehouseId);
        const [row] = await insertLocations(tx, [toRow(parts, input)]);
        return ok(row as LocationRow);
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
        return err(
          appError('already_exists', `Location ${parts.code} already exists in this warehouse.`, [
            { path: ['code'], code: 'already_exists', message: `Location ${parts.code} already exists in this warehouse.` },
          ]),
        );
      throw error;
    }
  }

  /** Creates every location of a range (A-01-01..A-10-05); codes that already exist are skipped and listed. */
  async function createRange(
    actor: Actor,
    input: LocationInput & { range: string },
  ): Promise<Result<{ created: LocationRow[]; skipped: string[] }, AppError>> {
    const expanded = expandLocationRange(input.range);
    if (!expanded.ok) return err(appError('validation_failed', expanded.error.message, [expanded.error]));
    const first = expanded.value[0] as LocationParts;
    const problems = validateLocation({ ...input, code: first.code });
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid location.', problems));
    return withWarehouse(actor, input.warehouseId, async (tx) => {
      await ensureSystemLocations(tx, ids, input.warehouseId);
      const existing = await selectRows<{ code: string }>(
        tx,
        sql`SELECT upper(code) AS code FROM locations WHERE warehouse_id = ${input.warehouseId}
             AND upper(code) IN (SELECT jsonb_array_elements_text(${JSON.stringify(expanded.value.map((p) => p.code))}::jsonb))`,
      );
      const taken = new Set(existing.map((r) => r.code));
      const fresh = expanded.value.filter((p) => !taken.has(p.code));
      const created = await insertLocations(
        tx,
        fresh.map((p) => toRow(p, input)),
      );
      return ok({ created, skipped: expanded.value.filter((p) => taken.has(p.code)).map((p) => p.code) });
    });
  }

  /** Changes a location's capacity, or archives it (only when it holds nothing). */
  async function update(
    actor: Actor,
    id: string,
    patch: { capacityUnits?: number | null; capacityCubicFeet?: string | null; status?: 'active' | 'archived' },
  ): Promise<Result<LocationRow, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    return inScope(database.db, staffScope(actor), async (tx) => {
      const location = await findLocation(tx, id);
      if (!location) return err(appError('not_found', 'Location not found.'));
      // Only the capacities change here: check those fields alone.
      const problems = validateLocation({
        code: 'X',
        locationType: 'bin',
        capacityUnits: patch.capacityUnits,
        capacityCubicFeet: patch.capacityCubicFeet,
      });
      if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid location.', problems));
      if (patch.status === 'archived') {
        if (!['bin', 'shelf', 'pallet', 'floor'].includes(location.locationType))
          return err(appError('invalid_state', `${location.code} is a system location; it cannot be archived.`));
        const [held] = await selectRows<{ units: number }>(
          tx,
          sql`SELECT coalesce(sum(quantity), 0)::int AS units FROM location_stock WHERE location_id = ${id}`,
        );
        if (Number(held?.units ?? 0) > 0)
          return err(appError('invalid_state', `${location.code} still holds ${held?.units} units; move them before archiving it.`));
      }
      const row = await updateLocation(tx, id, {
        ...(patch.capacityUnits !== undefined ? { capacityUnits: patch.capacityUnits } : {}),
        ...(patch.capacityCubicFeet !== undefined ? { capacityCubicFeet: patch.capacityCubicFeet } : {}),
        ...(patch.status ? { status: patch.status } : {}),
      });
      return ok(row as LocationRow);
    });
  }

  /** The warehouses an account may use. */
  async function listGrants(actor: Actor, accountId: string): Promise<Result<GrantRow[], AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const target = await resolveAccount(tx, actor, scope, accountId);
      if (!target.ok) return target;
      const rows = await tx
        .select({
          accountId: accountWarehouses.accountId,
          warehouseId: accountWarehouses.warehouseId,
          warehouseCode: warehouses.code,
          warehouseName: warehouses.name,
          warehouseKind: warehouses.kind,
          createdAt: accountWarehouses.createdAt,
        })
        .from(accountWarehouses)
        .innerJoin(warehouses, eq(warehouses.id, accountWarehouses.warehouseId))
        .where(eq(accountWarehouses.accountId, target.value))
        .orderBy(warehouses.code);
      return ok(rows);
    });
  }

  /** Lets an account keep stock in and ship from a warehouse. Granting twice is harmless. */
  async function grant(actor: Actor, accountId: string, warehouseId: string): Promise<Result<GrantRow[], AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    const result = await inScope(database.db, staffScope(actor), async (tx): Promise<Result<true, AppError>> => {
      const target = await resolveAccount(tx, actor, PROVIDER_SCOPE, accountId);
      if (!target.ok) return target;
      const warehouse = await findWarehouse(tx, warehouseId);
      if (!warehouse)
        return err(
          appError('not_found', 'Warehouse not found.', [{ path: ['warehouse_id'], code: 'not_found', message: 'No such warehouse.' }]),
        );
      if (warehouse.status !== 'active') return err(appError('archived', `Warehouse ${warehouse.code} is archived.`));
      await ensureSystemLocations(tx, ids, warehouseId);
      await tx.insert(accountWarehouses).values({ accountId, warehouseId, createdAt: deps.clock.now() }).onConflictDoNothing();
      return ok(true);
    });
    if (!result.ok) return result;
    return listGrants(actor, accountId);
  }

  /** Withdraws a warehouse from an account; refused while the account still has stock there. */
  async function revoke(actor: Actor, accountId: string, warehouseId: string): Promise<Result<GrantRow[], AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    const result = await inScope(database.db, staffScope(actor), async (tx): Promise<Result<true, AppError>> => {
      const target = await resolveAccount(tx, actor, PROVIDER_SCOPE, accountId);
      if (!target.ok) return target;
      const [held] = await selectRows<{ units: number }>(
        tx,
        sql`SELECT coalesce(sum(inbound + on_hand + damaged), 0)::int AS units FROM inventory_lots
             WHERE account_id = ${accountId} AND warehouse_id = ${warehouseId}`,
      );
      if (Number(held?.units ?? 0) > 0)
        return err(
          appError(
            'invalid_state',
            `The account still has ${held?.units} units (on hand, damaged or inbound) in this warehouse; move them out first.`,
          ),
        );
      const removed = await tx
        .delete(accountWarehouses)
        .where(and(eq(accountWarehouses.accountId, accountId), eq(accountWarehouses.warehouseId, warehouseId)))
        .returning();
      if (removed.length === 0) return err(appError('not_found', 'That warehouse was not granted to this account.'));
      return ok(true);
    });
    if (!result.ok) return result;
    return listGrants(actor, accountId);
  }

  function toRow(parts: LocationParts, input: LocationInput) {
    return {
      id: ids.next(),
      warehouseId: input.warehouseId,
      code: parts.code,
      zone: parts.zone,
      aisle: parts.aisle,
      shelf: parts.shelf,
      bin: parts.bin,
      locationType: input.locationType,
      capacityUnits: input.capacityUnits ?? null,
      capacityCubicFeet: input.capacityCubicFeet ?? null,
      status: 'active',
      createdAt: deps.clock.now(),
    };
  }

  return { list, create, createRange, update, listGrants, grant, revoke };
}

export type LocationService = ReturnType<typeof createLocationService>;
