/**
 * Storage accounting: the daily snapshot of every lot at each warehouse's cutoff (units,
 * cubic feet, location type, age) and its billable 'storage_lot_day' events; the ageing report
 * (stock crossing 180 / 270 / 365 days in the coming days, with the surcharge the account's
 * rate card would add); units by age band per warehouse for the ageing chart.
 */
import { sql } from 'drizzle-orm';
import { moneyToDto, type MoneyDto } from '../../domain/money/index.js';
import {
  AGE_BANDS,
  ageBand,
  crossingsWithin,
  cutoffInstant,
  daysBetween,
  monthlySurchargeIncrease,
  storageCutoffTime,
  unitCubicFeet,
} from '../../domain/inventory/storage.js';
import type { PricingModel } from '../../domain/pricing/pricing-model.js';
import { effectiveRules } from '../../domain/quotes/quote-engine.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { isIsoDate } from '../../domain/rate-cards/versions.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { recordBillableEvents, toIsoDate } from '../../db/repositories/inventory-ledger.js';
import { inScope, PROVIDER_SCOPE, type Scope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import type { RateCardService } from '../rate-cards/rate-cards.js';
import { resolveAccount } from '../skus.js';

export interface WarehouseSnapshot {
  warehouseId: string;
  warehouseCode: string;
  cutoffAt: Date;
  status: 'taken' | 'cutoff_not_reached';
  rows: number;
  newRows: number;
  units: number;
  cubicFeet: string;
}

export interface AgeingRow {
  accountId: string;
  lotId: string;
  lotCode: string;
  skuId: string;
  sellerSku: string;
  warehouseId: string;
  warehouseCode: string;
  receivedOn: string;
  ageDays: number;
  units: number;
  cubicFeet: string;
  threshold: number;
  crossesOn: string;
  daysUntil: number;
  /** Added per month once crossed, under the account's age-banded storage rule; null without one. */
  monthlyIncrease: MoneyDto | null;
  ruleId: string | null;
}

export interface AgeingReport {
  asOf: string;
  horizonDays: number;
  rows: AgeingRow[];
  /** Units and cubic feet by age band, per warehouse (for the chart). */
  bands: { warehouseId: string; warehouseCode: string; band: string; units: number; cubicFeet: string }[];
  /** Sum of monthly increases, per currency. */
  totals: MoneyDto[];
  /** How the surcharge was found, said plainly. */
  basis: string;
}

export function createStorageService(deps: ServiceDeps, rateCards: RateCardService) {
  const { database, clock, ids } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  /** Takes (or re-reads) the snapshot of a date. Idempotent: rows and events are written once. */
  async function snapshot(actor: Actor, input: { date: string; warehouseId?: string }): Promise<Result<WarehouseSnapshot[], AppError>> {
    if (actor.accountId) return err(appError('forbidden', 'Storage snapshots are taken by warehouse staff.'));
    if (!isIsoDate(input.date))
      return err(
        appError('validation_failed', 'date is YYYY-MM-DD.', [{ path: ['date'], code: 'invalid_date', message: 'date is YYYY-MM-DD.' }]),
      );
    const now = clock.now();
    return inScope(database.db, PROVIDER_SCOPE, async (tx) => {
      const warehouses = await selectRows<{ id: string; code: string; timezone: string; cutoffs: unknown }>(
        tx,
        sql`SELECT id, code, timezone, cutoffs FROM warehouses WHERE status = 'active' ${input.warehouseId ? sql`AND id = ${input.warehouseId}` : sql``} ORDER BY code`,
      );
      if (input.warehouseId && warehouses.length === 0) return err(appError('not_found', 'Warehouse not found.'));
      const results: WarehouseSnapshot[] = [];
      for (const w of warehouses) {
        const cutoffs = (typeof w.cutoffs === 'string' ? JSON.parse(w.cutoffs) : w.cutoffs) as { name: string; time: string }[];
        const cutoffAt = cutoffInstant(input.date, storageCutoffTime(cutoffs), w.timezone);
        if (cutoffAt.getTime() > now.getTime()) {
          if (input.warehouseId)
            return err(appError('invalid_state', `The ${input.date} cutoff of ${w.code} (${cutoffAt.toISOString()}) has not passed yet.`));
          results.push({
            warehouseId: w.id,
            warehouseCode: w.code,
            cutoffAt,
            status: 'cutoff_not_reached',
            rows: 0,
            newRows: 0,
            units: 0,
            cubicFeet: '0',
          });
          continue;
        }
        results.push(await snapshotWarehouse(tx, w, input.date, cutoffAt, now));
      }
      return ok(results);
    });
  }

  async function snapshotWarehouse(
    tx: Executor,
    w: { id: string; code: string },
    date: string,
    cutoffAt: Date,
    now: Date,
  ): Promise<WarehouseSnapshot> {
    // Units at the cutoff = units now − what moved after it.
    const rows = await selectRows<Record<string, unknown>>(
      tx,
      sql`WITH here AS (
            SELECT ls.lot_id, ls.location_id, ls.quantity FROM location_stock ls JOIN locations loc ON loc.id = ls.location_id
             WHERE loc.warehouse_id = ${w.id}
          ), later AS (
            SELECT lot_id, location_id, sum(location_delta) AS q FROM inventory_ledger
             WHERE warehouse_id = ${w.id} AND created_at > ${cutoffAt.toISOString()} AND location_delta <> 0
             GROUP BY lot_id, location_id
          ), at_cutoff AS (
            SELECT coalesce(h.lot_id, x.lot_id) AS lot_id, coalesce(h.location_id, x.location_id) AS location_id,
                   coalesce(h.quantity, 0) - coalesce(x.q, 0) AS units
              FROM here h FULL JOIN later x ON x.lot_id = h.lot_id AND x.location_id = h.location_id
          )
          SELECT l.id AS lot_id, l.account_id, l.sku_id, l.received_on, l.created_at, loc.location_type, sum(c.units)::int AS units,
                 s.length, s.width, s.height, s.dimension_unit
            FROM at_cutoff c
            JOIN inventory_lots l ON l.id = c.lot_id
            JOIN locations loc ON loc.id = c.location_id
            JOIN skus s ON s.id = l.sku_id
           GROUP BY l.id, loc.location_type, s.id
          HAVING sum(c.units) > 0
           ORDER BY l.id, loc.location_type`,
    );
    let units = 0;
    let cubic = 0;
    const snapshotRows = rows.map((r) => {
      const perUnit = unitCubicFeet({
        length: String(r.length),
        width: String(r.width),
        height: String(r.height),
        dimensionUnit: String(r.dimension_unit),
      });
      const cubicFeet = perUnit.times(Number(r.units)).toDecimalPlaces(4).toFixed(4);
      const receivedOn = toIsoDate(r.received_on) ?? toIsoDate(r.created_at) ?? date;
      units += Number(r.units);
      cubic += Number(cubicFeet);
      return {
        lotId: r.lot_id as string,
        accountId: r.account_id as string,
        skuId: r.sku_id as string,
        locationType: r.location_type as string,
        units: Number(r.units),
        cubicFeet,
        ageDays: Math.max(0, daysBetween(receivedOn, date)),
      };
    });
    let inserted = 0;
    for (let i = 0; i < snapshotRows.length; i += 1000) {
      const chunk = snapshotRows.slice(i, i + 1000);
      const values = chunk.map(
        (r) =>
          sql`(${date}, ${w.id}, ${r.accountId}, ${r.skuId}, ${r.lotId}, ${r.locationType}, ${r.units}, ${r.cubicFeet}, ${r.ageDays}, ${now.toISOString()})`,
      );
      const created = await selectRows<{ lot_id: string }>(
        tx,
        sql`INSERT INTO storage_snapshots (snapshot_date, warehouse_id, account_id, sku_id, lot_id, location_type, units, cubic_feet, age_days, taken_at)
            VALUES ${sql.join(values, sql`, `)}
            ON CONFLICT (snapshot_date, lot_id, location_type) DO NOTHING
            RETURNING lot_id`,
      );
      inserted += created.length;
    }
    await recordBillableEvents(
      tx,
      ids,
      now,
      snapshotRows.map((r) => ({
        accountId: r.accountId,
        kind: 'storage_lot_day',
        warehouseId: w.id,
        occurredAt: cutoffAt,
        quantity: r.cubicFeet,
        unit: 'ft3_day',
        attributes: {
          snapshot_date: date,
          sku_id: r.skuId,
          lot_id: r.lotId,
          location_type: r.locationType,
          units: r.units,
          age_days: r.ageDays,
        },
        sourceType: 'storage_snapshot',
        sourceId: `${date}:${r.lotId}:${r.locationType}`,
        idempotencyKey: `storage:${date}:${r.lotId}:${r.locationType}`,
      })),
    );
    return {
      warehouseId: w.id,
      warehouseCode: w.code,
      cutoffAt,
      status: 'taken',
      rows: snapshotRows.length,
      newRows: inserted,
      units,
      cubicFeet: cubic.toFixed(4),
    };
  }

  /** The account's age-banded storage rule in effect, and its currency; null when the card has none. */
  async function agedRule(tx: Executor, scope: Scope, accountId: string, onDate: string) {
    const cards = await rateCards.resolveForQuote(tx, scope, accountId, onDate);
    if (!cards.ok) return null;
    const rules = effectiveRules(cards.value.standard.document, cards.value.plan?.document);
    const rule =
      rules.find((r) => r.model.kind === 'age_banded' && r.module === 'long_term_storage') ??
      rules.find((r) => r.model.kind === 'age_banded');
    return rule ? { id: rule.id, model: rule.model as PricingModel, currency: cards.value.standard.document.currency as string } : null;
  }

  /** Stock crossing 180 / 270 / 365 days within `horizonDays`, with what the crossing will cost. */
  async function ageing(
    actor: Actor,
    query: { accountId?: string; horizonDays?: number; warehouseId?: string },
  ): Promise<Result<AgeingReport, AppError>> {
    const horizonDays = query.horizonDays ?? 30;
    const asOf = today();
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      let accountId = actor.accountId;
      if (query.accountId) {
        const target = await resolveAccount(tx, actor, scope, query.accountId);
        if (!target.ok) return target;
        accountId = target.value;
      }
      const lots = await selectRows<Record<string, unknown>>(
        tx,
        sql`SELECT l.id, l.code, l.account_id, l.sku_id, s.seller_sku, l.warehouse_id, w.code AS warehouse_code, l.received_on,
                   l.on_hand + l.damaged AS units, s.length, s.width, s.height, s.dimension_unit
              FROM inventory_lots l JOIN skus s ON s.id = l.sku_id JOIN warehouses w ON w.id = l.warehouse_id
             WHERE l.on_hand + l.damaged > 0 AND l.received_on IS NOT NULL
               ${accountId ? sql`AND l.account_id = ${accountId}` : sql``}
               ${query.warehouseId ? sql`AND l.warehouse_id = ${query.warehouseId}` : sql``}
             ORDER BY l.received_on, l.id`,
      );
      const rules = new Map<string, Awaited<ReturnType<typeof agedRule>>>();
      const rows: AgeingRow[] = [];
      const bands = new Map<string, { warehouseId: string; warehouseCode: string; band: string; units: number; cubicFeet: number }>();
      const totals = new Map<string, bigint>();
      for (const lot of lots) {
        const receivedOn = toIsoDate(lot.received_on) as string;
        const ageDays = daysBetween(receivedOn, asOf);
        const units = Number(lot.units);
        const cubicFeet = unitCubicFeet({
          length: String(lot.length),
          width: String(lot.width),
          height: String(lot.height),
          dimensionUnit: String(lot.dimension_unit),
        })
          .times(units)
          .toDecimalPlaces(4);
        const band = ageBand(Math.max(0, ageDays));
        const key = `${lot.warehouse_id}:${band}`;
        const entry = bands.get(key) ?? {
          warehouseId: lot.warehouse_id as string,
          warehouseCode: lot.warehouse_code as string,
          band,
          units: 0,
          cubicFeet: 0,
        };
        entry.units += units;
        entry.cubicFeet += cubicFeet.toNumber();
        bands.set(key, entry);
        for (const crossing of crossingsWithin(receivedOn, asOf, horizonDays)) {
          const account = lot.account_id as string;
          if (!rules.has(account)) rules.set(account, await agedRule(tx, scope, account, asOf));
          const rule = rules.get(account);
          const increase = rule
            ? monthlySurchargeIncrease(rule.model, cubicFeet.toFixed(4), ageDays, crossing.ageThen, rule.currency)
            : null;
          if (increase) totals.set(increase.currency, (totals.get(increase.currency) ?? 0n) + increase.minor);
          rows.push({
            accountId: account,
            lotId: lot.id as string,
            lotCode: lot.code as string,
            skuId: lot.sku_id as string,
            sellerSku: lot.seller_sku as string,
            warehouseId: lot.warehouse_id as string,
            warehouseCode: lot.warehouse_code as string,
            receivedOn,
            ageDays,
            units,
            cubicFeet: cubicFeet.toFixed(4),
            threshold: crossing.threshold,
            crossesOn: crossing.crossesOn,
            daysUntil: crossing.daysUntil,
            monthlyIncrease: increase ? moneyToDto(increase) : null,
            ruleId: rule?.id ?? null,
          });
        }
      }
      rows.sort((a, b) => a.daysUntil - b.daysUntil || a.lotCode.localeCompare(b.lotCode));
      const order = AGE_BANDS.map((b) => b.key);
      return ok({
        asOf,
        horizonDays,
        rows,
        bands: [...bands.values()]
          .sort((a, b) => a.warehouseCode.localeCompare(b.warehouseCode) || order.indexOf(a.band) - order.indexOf(b.band))
          .map((b) => ({ ...b, cubicFeet: b.cubicFeet.toFixed(4) })),
        totals: [...totals].map(([currency, minor]) => moneyToDto({ currency: currency as MoneyDto['currency'], minor })),
        basis:
          'Monthly increase = the age-banded long-term storage rule of the account’s rate card (its plan over the standard card) priced at the age after crossing minus at today’s age, for the lot’s cubic feet.',
      });
    });
  }

  /**
   * Every snapshot whose cutoff has passed and that is not taken yet, over the last `days`
   * dates (so a server that was down catches up). What the server's schedule runs; the same
   * rows and events as `snapshot`, each written once.
   */
  async function takeDue(days = 3): Promise<WarehouseSnapshot[]> {
    const now = clock.now();
    const taken: WarehouseSnapshot[] = [];
    for (let back = days - 1; back >= 0; back--) {
      const date = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      const results = await inScope(database.db, PROVIDER_SCOPE, async (tx) => {
        const warehouses = await selectRows<{ id: string; code: string; timezone: string; cutoffs: unknown; done: boolean }>(
          tx,
          sql`SELECT w.id, w.code, w.timezone, w.cutoffs,
                     EXISTS (SELECT 1 FROM storage_snapshots s WHERE s.snapshot_date = ${date} AND s.warehouse_id = w.id) AS done
                FROM warehouses w WHERE w.status = 'active' ORDER BY w.code`,
        );
        const done: WarehouseSnapshot[] = [];
        for (const w of warehouses) {
          if (w.done) continue;
          const cutoffs = (typeof w.cutoffs === 'string' ? JSON.parse(w.cutoffs) : w.cutoffs) as { name: string; time: string }[];
          const cutoffAt = cutoffInstant(date, storageCutoffTime(cutoffs), w.timezone);
          if (cutoffAt.getTime() > now.getTime()) continue;
          done.push(await snapshotWarehouse(tx, w, date, cutoffAt, now));
        }
        return done;
      });
      taken.push(...results);
    }
    return taken;
  }

  return { snapshot, takeDue, ageing };
}

export type StorageService = ReturnType<typeof createStorageService>;
