/** The provider's warehouses: reference data every user reads and only admins change. */
import { canonicalTimeZone, type Cutoff, validateWarehouse, type WarehouseKind } from '../domain/warehouses/warehouse.js';
import { type AppError, appError } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/errors.js';
import type { Page } from '../db/pagination.js';
import {
  findWarehouse,
  insertWarehouse,
  listWarehouses,
  updateWarehouse,
  type WarehouseFilter,
  type WarehouseRow,
} from '../db/repositories/warehouses.js';
import { inScope } from '../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';

export interface AddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface WarehouseInput {
  code: string;
  name: string;
  nameZh?: string | null;
  kind: WarehouseKind;
  address: AddressInput;
  timezone: string;
  cutoffs?: Cutoff[];
}

export function createWarehouseService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function list(actor: Actor, filter: WarehouseFilter): Promise<Page<WarehouseRow>> {
    return inScope(database.db, scopeOf(actor), (tx) => listWarehouses(tx, filter));
  }

  async function get(actor: Actor, id: string): Promise<Result<WarehouseRow, AppError>> {
    const row = await inScope(database.db, scopeOf(actor), (tx) => findWarehouse(tx, id));
    return row ? ok(row) : err(appError('not_found', 'Warehouse not found.'));
  }

  async function create(actor: Actor, input: WarehouseInput): Promise<Result<WarehouseRow, AppError>> {
    const code = input.code.trim().toUpperCase();
    const country = input.address.country.trim().toUpperCase();
    const cutoffs = input.cutoffs ?? [];
    const problems = validateWarehouse({
      code,
      name: input.name,
      kind: input.kind,
      timezone: input.timezone,
      country,
      postalCode: input.address.postalCode.trim(),
      cutoffs,
    });
    if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid warehouse.', problems));
    const now = clock.now();
    try {
      const row = await inScope(database.db, scopeOf(actor), (tx) =>
        insertWarehouse(tx, {
          id: ids.next(),
          code,
          name: input.name.trim(),
          nameZh: input.nameZh?.trim() || null,
          kind: input.kind,
          addressLine1: input.address.line1.trim(),
          addressLine2: input.address.line2?.trim() || null,
          city: input.address.city.trim(),
          region: input.address.region.trim(),
          postalCode: input.address.postalCode.trim(),
          country,
          timezone: canonicalTimeZone(input.timezone) ?? input.timezone,
          cutoffs,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        }),
      );
      return ok(row);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
        return err(
          appError('already_exists', `A warehouse with code ${code} already exists.`, [
            { path: ['code'], code: 'already_exists', message: `Code ${code} is taken.` },
          ]),
        );
      throw error;
    }
  }

  async function update(
    actor: Actor,
    id: string,
    patch: Partial<Omit<WarehouseInput, 'code' | 'kind'>>,
  ): Promise<Result<WarehouseRow, AppError>> {
    return inScope(database.db, scopeOf(actor), async (tx) => {
      const existing = await findWarehouse(tx, id);
      if (!existing) return err(appError('not_found', 'Warehouse not found.'));
      const address = {
        line1: existing.addressLine1,
        line2: existing.addressLine2,
        city: existing.city,
        region: existing.region,
        postalCode: existing.postalCode,
        country: existing.country,
        ...patch.address,
      };
      const merged = { timezone: patch.timezone ?? existing.timezone, cutoffs: patch.cutoffs ?? existing.cutoffs };
      const problems = validateWarehouse({
        code: existing.code,
        name: patch.name ?? existing.name,
        kind: existing.kind,
        timezone: merged.timezone,
        country: address.country.toUpperCase(),
        postalCode: address.postalCode,
        cutoffs: merged.cutoffs,
      });
      if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid warehouse.', problems));
      const row = await updateWarehouse(tx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.nameZh !== undefined ? { nameZh: patch.nameZh?.trim() || null } : {}),
        addressLine1: address.line1,
        addressLine2: address.line2 ?? null,
        city: address.city,
        region: address.region,
        postalCode: address.postalCode,
        country: address.country.toUpperCase(),
        timezone: canonicalTimeZone(merged.timezone) ?? merged.timezone,
        cutoffs: merged.cutoffs,
        updatedAt: clock.now(),
      });
      return row ? ok(row) : err(appError('not_found', 'Warehouse not found.'));
    });
  }

  async function archive(actor: Actor, id: string): Promise<Result<WarehouseRow, AppError>> {
    const now = clock.now();
    const row = await inScope(database.db, scopeOf(actor), async (tx) => {
      const existing = await findWarehouse(tx, id);
      if (!existing || existing.status === 'archived') return existing;
      return updateWarehouse(tx, id, { status: 'archived', archivedAt: now, updatedAt: now });
    });
    return row ? ok(row) : err(appError('not_found', 'Warehouse not found.'));
  }

  return { list, get, create, update, archive };
}

export type WarehouseService = ReturnType<typeof createWarehouseService>;
