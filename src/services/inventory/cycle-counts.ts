/**
 * Cycle counts (staff): open a count for some locations (the system's units there become the
 * expected figures), record what was counted, submit, and approve — approval posts one
 * 'count' movement per line that differs. Nothing changes stock before approval; a count that
 * would take units that are allocated to orders is refused at approval with insufficient_stock.
 */
import { sql } from 'drizzle-orm';
import type { MovementInput } from '../../domain/inventory/movements.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { nextNumber, postMovements } from '../../db/repositories/inventory-ledger.js';
import { encodeCursor } from '../../db/pagination.js';
import { inScope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, staffScope } from '../context.js';
import { asResult } from './common.js';

export type CountStatus = 'open' | 'submitted' | 'approved' | 'cancelled';

export interface CountLine {
  id: string;
  locationId: string;
  locationCode: string;
  lotId: string;
  lotCode: string;
  accountId: string;
  skuId: string;
  sellerSku: string;
  expected: number;
  counted: number | null;
  variance: number | null;
}

export interface CycleCount {
  id: string;
  number: string;
  warehouseId: string;
  warehouseCode: string;
  status: CountStatus;
  note: string | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  createdAt: Date;
  lines: CountLine[];
  /** Sum of |variance| over counted lines. */
  unitsOff: number;
}

const staffOnly = (actor: Actor) => (actor.accountId ? appError('forbidden', 'Cycle counts are for warehouse staff.') : null);
const d = (v: unknown) => (v ? new Date(v as string | Date) : null);

export function createCycleCountService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function load(tx: Executor, id: string): Promise<CycleCount | null> {
    const [c] = await selectRows<Record<string, unknown>>(
      tx,
      sql`SELECT c.*, w.code AS warehouse_code FROM cycle_counts c JOIN warehouses w ON w.id = c.warehouse_id WHERE c.id = ${id}`,
    );
    if (!c) return null;
    const lines = await selectRows<Record<string, unknown>>(
      tx,
      sql`SELECT x.id, x.location_id, loc.code AS location_code, x.lot_id, l.code AS lot_code, x.account_id, x.sku_id, s.seller_sku,
                 x.expected, x.counted
            FROM cycle_count_lines x JOIN locations loc ON loc.id = x.location_id JOIN inventory_lots l ON l.id = x.lot_id
            JOIN skus s ON s.id = x.sku_id
           WHERE x.count_id = ${id} ORDER BY loc.code, s.seller_sku, l.code`,
    );
    const mapped = lines.map((x) => {
      const counted = x.counted === null || x.counted === undefined ? null : Number(x.counted);
      return {
        id: x.id as string,
        locationId: x.location_id as string,
        locationCode: x.location_code as string,
        lotId: x.lot_id as string,
        lotCode: x.lot_code as string,
        accountId: x.account_id as string,
        skuId: x.sku_id as string,
        sellerSku: x.seller_sku as string,
        expected: Number(x.expected),
        counted,
        variance: counted === null ? null : counted - Number(x.expected),
      };
    });
    return {
      id: c.id as string,
      number: c.number as string,
      warehouseId: c.warehouse_id as string,
      warehouseCode: c.warehouse_code as string,
      status: c.status as CountStatus,
      note: (c.note as string | null) ?? null,
      submittedAt: d(c.submitted_at),
      approvedAt: d(c.approved_at),
      approvedBy: (c.approved_by as string | null) ?? null,
      createdAt: new Date(c.created_at as string | Date),
      lines: mapped,
      unitsOff: mapped.reduce((n, l) => n + Math.abs(l.variance ?? 0), 0),
    };
  }

  async function get(actor: Actor, id: string): Promise<Result<CycleCount, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    return inScope(database.db, staffScope(actor), async (tx) => {
      const count = await load(tx, id);
      return count ? ok(count) : err(appError('not_found', 'Cycle count not found.'));
    });
  }

  /** Opens a count of the given locations (by id or code), or of a whole zone. */
  async function open(
    actor: Actor,
    input: { warehouseId: string; locationCodes?: string[]; zone?: string; note?: string | null },
  ): Promise<Result<CycleCount, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    if (!input.zone && !(input.locationCodes && input.locationCodes.length > 0))
      return err(
        appError('validation_failed', 'Name the locations to count, or a zone.', [
          { path: ['location_codes'], code: 'required', message: 'Give location_codes or zone.' },
        ]),
      );
    const at = clock.now();
    return inScope(database.db, staffScope(actor), async (tx) => {
      const locations = await selectRows<{ id: string; code: string }>(
        tx,
        input.zone
          ? sql`SELECT id, code FROM locations WHERE warehouse_id = ${input.warehouseId} AND upper(zone) = upper(${input.zone}) AND status = 'active'`
          : sql`SELECT id, code FROM locations WHERE warehouse_id = ${input.warehouseId}
                 AND upper(code) IN (SELECT upper(jsonb_array_elements_text(${JSON.stringify(input.locationCodes)}::jsonb)))`,
      );
      if (input.locationCodes) {
        const found = new Set(locations.map((l) => l.code.toUpperCase()));
        const missing: ErrorDetail[] = input.locationCodes.flatMap((code, i) =>
          found.has(code.trim().toUpperCase())
            ? []
            : [{ path: ['location_codes', i], code: 'not_found', message: `No location ${code} in this warehouse.` }],
        );
        if (missing.length > 0) return err(appError('validation_failed', missing[0]?.message ?? 'Unknown location.', missing));
      }
      if (locations.length === 0) return err(appError('not_found', 'No locations to count there.'));
      const year = at.toISOString().slice(0, 4);
      const number = `CC-${year}-${String(await nextNumber(tx, 'cycle_count', year)).padStart(6, '0')}`;
      const id = ids.next();
      await tx.execute(
        sql`INSERT INTO cycle_counts (id, number, warehouse_id, status, note, created_by, created_at, updated_at)
            VALUES (${id}, ${number}, ${input.warehouseId}, 'open', ${input.note ?? null}, ${actor.userId}, ${at.toISOString()}, ${at.toISOString()})`,
      );
      await tx.execute(
        sql`INSERT INTO cycle_count_lines (id, count_id, location_id, lot_id, account_id, sku_id, expected)
            SELECT landed_uuidv7(), ${id}, ls.location_id, ls.lot_id, ls.account_id, l.sku_id, ls.quantity
              FROM location_stock ls JOIN inventory_lots l ON l.id = ls.lot_id
             WHERE ls.quantity > 0
               AND ls.location_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(locations.map((l) => l.id))}::jsonb)::uuid)`,
      );
      return ok((await load(tx, id)) as CycleCount);
    });
  }

  /** Records counted units per line (while the count is open). */
  async function record(actor: Actor, id: string, lines: { lineId: string; counted: number }[]): Promise<Result<CycleCount, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    const at = clock.now();
    return inScope(database.db, staffScope(actor), async (tx) => {
      const count = await load(tx, id);
      if (!count) return err(appError('not_found', 'Cycle count not found.'));
      if (count.status !== 'open')
        return err(appError('invalid_state', `Count ${count.number} is ${count.status}; counts are recorded while open.`));
      const problems: ErrorDetail[] = [];
      lines.forEach((l, i) => {
        if (!count.lines.some((x) => x.id === l.lineId))
          problems.push({ path: ['lines', i, 'line_id'], code: 'unknown_line', message: 'Not a line of this count.' });
        if (!Number.isInteger(l.counted) || l.counted < 0 || l.counted > 10_000_000)
          problems.push({ path: ['lines', i, 'counted'], code: 'out_of_range', message: 'Counted units are a whole number, 0 or more.' });
      });
      if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid count.', problems));
      for (const l of lines)
        await tx.execute(
          sql`UPDATE cycle_count_lines SET counted = ${l.counted}, counted_by = ${actor.userId}, counted_at = ${at.toISOString()}
               WHERE id = ${l.lineId} AND count_id = ${id}`,
        );
      await tx.execute(sql`UPDATE cycle_counts SET updated_at = ${at.toISOString()} WHERE id = ${id}`);
      return ok((await load(tx, id)) as CycleCount);
    });
  }

  /** Closes counting: every line must have a figure; the variances wait for approval. */
  async function submit(actor: Actor, id: string): Promise<Result<CycleCount, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    const at = clock.now();
    return inScope(database.db, staffScope(actor), async (tx) => {
      const count = await load(tx, id);
      if (!count) return err(appError('not_found', 'Cycle count not found.'));
      if (count.status !== 'open') return err(appError('invalid_state', `Count ${count.number} is ${count.status}.`));
      const uncounted = count.lines.filter((l) => l.counted === null);
      if (uncounted.length > 0)
        return err(
          appError(
            'invalid_state',
            `${uncounted.length} line(s) not counted yet (${uncounted
              .slice(0, 5)
              .map((l) => `${l.locationCode} ${l.sellerSku}`)
              .join(', ')}).`,
          ),
        );
      await tx.execute(
        sql`UPDATE cycle_counts SET status = 'submitted', submitted_at = ${at.toISOString()}, updated_at = ${at.toISOString()} WHERE id = ${id}`,
      );
      return ok((await load(tx, id)) as CycleCount);
    });
  }

  /** Approves the variances: one 'count' movement per line that differs. */
  async function approve(actor: Actor, id: string): Promise<Result<CycleCount, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    const at = clock.now();
    return asResult(() =>
      inScope(database.db, staffScope(actor), async (tx) => {
        const [locked] = await selectRows<{ status: string }>(tx, sql`SELECT status FROM cycle_counts WHERE id = ${id} FOR UPDATE`);
        if (!locked) return err(appError('not_found', 'Cycle count not found.'));
        if (locked.status !== 'submitted')
          return err(appError('invalid_state', `Only a submitted count can be approved (this one is ${locked.status}).`));
        const count = (await load(tx, id)) as CycleCount;
        const movements: MovementInput[] = count.lines
          .filter((l) => (l.variance ?? 0) !== 0)
          .map((l) => ({
            accountId: l.accountId,
            skuId: l.skuId,
            warehouseId: count.warehouseId,
            lotId: l.lotId,
            movement: 'count' as const,
            onHandDelta: l.variance as number,
            locationId: l.locationId,
            locationDelta: l.variance as number,
            reasonCode: (l.variance as number) > 0 ? 'found' : 'lost',
            note: `${count.number}: expected ${l.expected}, counted ${l.counted}`,
            sourceType: 'cycle_count',
            sourceId: count.number,
            userId: actor.userId,
          }));
        await postMovements(tx, ids, at, movements);
        await tx.execute(
          sql`UPDATE cycle_counts SET status = 'approved', approved_at = ${at.toISOString()}, approved_by = ${actor.userId}, updated_at = ${at.toISOString()}
               WHERE id = ${id}`,
        );
        return ok((await load(tx, id)) as CycleCount);
      }),
    );
  }

  async function cancel(actor: Actor, id: string): Promise<Result<CycleCount, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    const at = clock.now();
    return inScope(database.db, staffScope(actor), async (tx) => {
      const count = await load(tx, id);
      if (!count) return err(appError('not_found', 'Cycle count not found.'));
      if (count.status === 'approved' || count.status === 'cancelled')
        return err(appError('invalid_state', `Count ${count.number} is ${count.status}.`));
      await tx.execute(
        sql`UPDATE cycle_counts SET status = 'cancelled', cancelled_at = ${at.toISOString()}, updated_at = ${at.toISOString()} WHERE id = ${id}`,
      );
      return ok((await load(tx, id)) as CycleCount);
    });
  }

  /** Counts newest first, by warehouse and status, for the staff's count list. */
  async function list(
    actor: Actor,
    query: { warehouseId?: string; status?: CycleCount['status']; after?: string; limit: number },
  ): Promise<Result<{ items: CycleCount[]; nextCursor: string | null }, AppError>> {
    const denied = staffOnly(actor);
    if (denied) return err(denied);
    return inScope(database.db, staffScope(actor), async (tx) => {
      const rows = await selectRows<{ id: string }>(
        tx,
        sql`SELECT id FROM cycle_counts WHERE TRUE
             ${query.warehouseId ? sql`AND warehouse_id = ${query.warehouseId}` : sql``}
             ${query.status ? sql`AND status = ${query.status}` : sql``}
             ${query.after ? sql`AND id < ${query.after}` : sql``}
             ORDER BY id DESC LIMIT ${query.limit + 1}`,
      );
      const items: CycleCount[] = [];
      for (const row of rows.slice(0, query.limit)) items.push((await load(tx, row.id)) as CycleCount);
      const last = items.at(-1);
      return ok({ items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null });
    });
  }

  return { get, list, open, record, submit, approve, cancel };
}

export type CycleCountService = ReturnType<typeof createCycleCountService>;
