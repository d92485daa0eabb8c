/**
 * Locations inside a warehouse. Besides the shelves and bins staff create, every warehouse
 * has four system locations the flows rely on: RECEIVING (staging, where received units wait
 * for putaway), DAMAGED, OUTBOUND (picked, waiting to ship) and RETURNS.
 */
import { and, asc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { IdGenerator } from '../../domain/shared/ids.js';
import type { Executor } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { locations } from '../schema.js';
import { escapeLike } from './accounts.js';

export type LocationRow = typeof locations.$inferSelect;
export type NewLocationRow = typeof locations.$inferInsert;

export type SystemLocationKind = 'staging' | 'damaged' | 'outbound' | 'returns';

/** The code and type of each system location; the type is the kind. */
export const SYSTEM_LOCATIONS: Record<SystemLocationKind, string> = {
  staging: 'RECEIVING',
  damaged: 'DAMAGED',
  outbound: 'OUTBOUND',
  returns: 'RETURNS',
};

export const SYSTEM_LOCATION_TYPES: readonly string[] = Object.keys(SYSTEM_LOCATIONS);

/**
 * Creates a warehouse's missing system locations (staff scope: row-level security lets only
 * the provider create locations). Safe to call again.
 * @example await ensureSystemLocations(tx, ids, warehouseId)
 */
export async function ensureSystemLocations(tx: Executor, ids: IdGenerator, warehouseId: string): Promise<void> {
  const existing = await tx
    .select({ locationType: locations.locationType, code: locations.code })
    .from(locations)
    .where(and(eq(locations.warehouseId, warehouseId), inArray(sql`upper(${locations.code})`, Object.values(SYSTEM_LOCATIONS))));
  const have = new Set(existing.map((row) => row.code.toUpperCase()));
  const missing = (Object.entries(SYSTEM_LOCATIONS) as [SystemLocationKind, string][]).filter(([, code]) => !have.has(code));
  if (missing.length === 0) return;
  await tx
    .insert(locations)
    .values(
      missing.map(([kind, code]) => ({
        id: ids.next(),
        warehouseId,
        code,
        zone: null,
        locationType: kind,
        status: 'active',
        createdAt: sql`now()` as unknown as Date,
      })),
    )
    .onConflictDoNothing();
}

/**
 * The warehouse's system location of a kind; created on first use when the caller is staff.
 * Throws when it does not exist and cannot be created (a seller's transaction on a warehouse
 * no staff member ever set up: a configuration error, not a business outcome).
 * @example const staging = await systemLocation(tx, warehouseId, 'staging')
 */
export async function systemLocation(tx: Executor, warehouseId: string, kind: SystemLocationKind, ids?: IdGenerator): Promise<LocationRow> {
  const find = async () => {
    const [row] = await tx
      .select()
      .from(locations)
      .where(and(eq(locations.warehouseId, warehouseId), eq(sql`upper(${locations.code})`, SYSTEM_LOCATIONS[kind])));
    return row;
  };
  const found = await find();
  if (found) return found;
  if (ids) {
    await ensureSystemLocations(tx, ids, warehouseId);
    const created = await find();
    if (created) return created;
  }
  throw new Error(`Warehouse ${warehouseId} has no ${SYSTEM_LOCATIONS[kind]} location; run ensureSystemLocations for it (staff).`);
}

/** A location by its code in a warehouse (case-insensitive). */
export async function findLocationByCode(tx: Executor, warehouseId: string, code: string): Promise<LocationRow | undefined> {
  const [row] = await tx
    .select()
    .from(locations)
    .where(and(eq(locations.warehouseId, warehouseId), eq(sql`lower(${locations.code})`, code.trim().toLowerCase())));
  return row;
}

export async function findLocation(tx: Executor, id: string): Promise<LocationRow | undefined> {
  const [row] = await tx.select().from(locations).where(eq(locations.id, id));
  return row;
}

export interface LocationFilter {
  warehouseId?: string;
  q?: string;
  type?: string;
  zone?: string;
  status?: 'active' | 'archived';
  after?: string;
  limit: number;
}

export async function listLocations(tx: Executor, filter: LocationFilter): Promise<Page<LocationRow>> {
  const where: (SQL | undefined)[] = [];
  if (filter.warehouseId) where.push(eq(locations.warehouseId, filter.warehouseId));
  if (filter.type) where.push(eq(locations.locationType, filter.type));
  if (filter.zone) where.push(eq(locations.zone, filter.zone));
  if (filter.status) where.push(eq(locations.status, filter.status));
  if (filter.q) where.push(or(ilike(locations.code, `%${escapeLike(filter.q)}%`)));
  if (filter.after) where.push(gt(locations.id, filter.after));
  const rows = await tx
    .select()
    .from(locations)
    .where(and(...where))
    .orderBy(asc(locations.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

/** Inserts locations (a code already taken in the warehouse raises a unique violation: check first). */
export async function insertLocations(tx: Executor, rows: NewLocationRow[]): Promise<LocationRow[]> {
  const created: LocationRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    created.push(
      ...(await tx
        .insert(locations)
        .values(rows.slice(i, i + 1000))
        .returning()),
    );
  }
  return created;
}

export async function updateLocation(tx: Executor, id: string, patch: Partial<NewLocationRow>): Promise<LocationRow | undefined> {
  const [row] = await tx.update(locations).set(patch).where(eq(locations.id, id)).returning();
  return row;
}
