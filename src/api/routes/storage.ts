import { z } from 'zod';
import { defineRoute } from '../route.js';
import { errorResponses, MoneySchema } from '../dto.js';
import { orFail } from '../http-errors.js';

const SnapshotSchema = z.object({
  warehouse_id: z.uuid(),
  warehouse_code: z.string(),
  cutoff_at: z.string().describe('The warehouse’s storage cutoff that day, UTC'),
  status: z.enum(['taken', 'cutoff_not_reached']),
  rows: z.number().int().describe('Lots × location types holding units at the cutoff'),
  new_rows: z.number().int().describe('Rows written by this call (0 when the date was taken before)'),
  units: z.number().int(),
  cubic_feet: z.string(),
});

const AgeingSchema = z
  .object({
    as_of: z.string(),
    horizon_days: z.number().int(),
    basis: z.string(),
    totals: z.array(MoneySchema).describe('Sum of monthly increases, per currency'),
    bands: z.array(
      z.object({ warehouse_id: z.uuid(), warehouse_code: z.string(), band: z.string(), units: z.number().int(), cubic_feet: z.string() }),
    ),
    data: z.array(
      z.object({
        account_id: z.uuid(),
        lot_id: z.uuid(),
        lot_code: z.string(),
        sku_id: z.uuid(),
        seller_sku: z.string(),
        warehouse_id: z.uuid(),
        warehouse_code: z.string(),
        received_on: z.string(),
        age_days: z.number().int(),
        units: z.number().int(),
        cubic_feet: z.string(),
        threshold: z.number().int().describe('180, 270 or 365'),
        crosses_on: z.string(),
        days_until: z.number().int(),
        monthly_increase: MoneySchema.nullable().describe('Added per month once crossed; null when the rate card has no age-banded rule'),
        rule_id: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AgeingReport' });

export const storageRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/storage/snapshots',
    summary: 'Take the daily storage snapshot of a date (staff; idempotent)',
    description:
      'Per warehouse, at its storage cutoff in its own time zone (a cutoff named "storage…", else 23:59): units of every lot per location type, cubic feet, age in days; one billable `storage_lot_day` event per row. A date whose cutoff has not passed is skipped (or refused for one named warehouse). Run it daily (e.g. cron `landed inventory snapshot --date $(date -d yesterday +%F)`).',
    tags: ['storage'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    body: z.object({ date: z.string().describe('YYYY-MM-DD'), warehouse_id: z.uuid().optional() }),
    response: { 200: z.object({ date: z.string(), warehouses: z.array(SnapshotSchema) }), ...errorResponses },
    handler: async ({ services, actor, body }) => {
      const result = orFail(await services.storage.snapshot(actor, { date: body.date, warehouseId: body.warehouse_id }));
      return {
        date: body.date,
        warehouses: result.map((w) => ({
          warehouse_id: w.warehouseId,
          warehouse_code: w.warehouseCode,
          cutoff_at: w.cutoffAt.toISOString(),
          status: w.status,
          rows: w.rows,
          new_rows: w.newRows,
          units: w.units,
          cubic_feet: w.cubicFeet,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/ageing',
    summary: 'Ageing: stock crossing 180 / 270 / 365 days soon, with the surcharge, and units by age band',
    tags: ['storage'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      warehouse_id: z.uuid().optional(),
      horizon_days: z.coerce.number().int().min(1).max(365).default(30),
    }),
    response: { 200: AgeingSchema, ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const report = orFail(
        await services.storage.ageing(actor, {
          accountId: query.account_id,
          horizonDays: query.horizon_days,
          warehouseId: query.warehouse_id,
        }),
      );
      return {
        as_of: report.asOf,
        horizon_days: report.horizonDays,
        basis: report.basis,
        totals: report.totals,
        bands: report.bands.map((b) => ({
          warehouse_id: b.warehouseId,
          warehouse_code: b.warehouseCode,
          band: b.band,
          units: b.units,
          cubic_feet: b.cubicFeet,
        })),
        data: report.rows.map((r) => ({
          account_id: r.accountId,
          lot_id: r.lotId,
          lot_code: r.lotCode,
          sku_id: r.skuId,
          seller_sku: r.sellerSku,
          warehouse_id: r.warehouseId,
          warehouse_code: r.warehouseCode,
          received_on: r.receivedOn,
          age_days: r.ageDays,
          units: r.units,
          cubic_feet: r.cubicFeet,
          threshold: r.threshold,
          crosses_on: r.crossesOn,
          days_until: r.daysUntil,
          monthly_increase: r.monthlyIncrease,
          rule_id: r.ruleId,
        })),
      };
    },
  }),
];
