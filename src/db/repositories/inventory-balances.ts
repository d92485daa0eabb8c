/**
 * Reading stock: lot balances, per-SKU summaries, ledger history, and the rebuild check that
 * recomputes every balance from the ledger. Row-level security limits a seller to its own
 * rows; the queries filter by account as well.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../connect.js';
import { toIsoDate } from './inventory-ledger.js';

export interface Buckets {
  inbound: number;
  onHand: number;
  allocated: number;
  available: number;
  damaged: number;
}

export interface LotBalance extends Buckets {
  lotId: string;
  lotCode: string;
  accountId: string;
  skuId: string;
  sellerSku: string;
  titleEn: string | null;
  titleZh: string | null;
  warehouseId: string;
  warehouseCode: string;
  sourceType: string;
  receivedOn: string | null;
  /** Days since received on `asOf`; null until received. */
  ageDays: number | null;
  locations: { locationId: string; code: string; locationType: string; quantity: number }[];
}

export interface BalanceFilter {
  accountId: string | null;
  skuId?: string;
  warehouseId?: string;
  lotId?: string;
  /** Seller SKU or title contains. */
  q?: string;
  /** Include lots with nothing in any bucket (default: only lots holding something). */
  includeEmpty?: boolean;
  /** Only lots at least this many days old. */
  minAgeDays?: number;
  asOf: string;
  after?: string;
  limit: number;
}

const n = (v: unknown) => Number(v ?? 0);

function buckets(r: Record<string, unknown>): Buckets {
  return {
    inbound: n(r.inbound),
    onHand: n(r.on_hand),
    allocated: n(r.allocated),
    available: n(r.on_hand) - n(r.allocated),
    damaged: n(r.damaged),
  };
}

/** Lots with their buckets and where their units are, ordered by lot id (keyset). */
export async function listLotBalances(tx: Executor, filter: BalanceFilter): Promise<LotBalance[]> {
  const where: SQL[] = [sql`TRUE`];
  if (filter.accountId) where.push(sql`l.account_id = ${filter.accountId}`);
  if (filter.skuId) where.push(sql`l.sku_id = ${filter.skuId}`);
  if (filter.warehouseId) where.push(sql`l.warehouse_id = ${filter.warehouseId}`);
  if (filter.lotId) where.push(sql`l.id = ${filter.lotId}`);
  if (!filter.includeEmpty) where.push(sql`(l.inbound > 0 OR l.on_hand > 0 OR l.damaged > 0)`);
  if (filter.minAgeDays !== undefined) where.push(sql`l.received_on <= ${filter.asOf}::date - ${filter.minAgeDays}::int`);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(s.seller_sku ILIKE ${pattern} OR s.title_en ILIKE ${pattern} OR s.title_zh ILIKE ${pattern} OR l.code ILIKE ${pattern})`,
    );
  }
  if (filter.after) where.push(sql`l.id > ${filter.after}`);
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    sql`SELECT l.id, l.code, l.account_id, l.sku_id, s.seller_sku, s.title_en, s.title_zh, l.warehouse_id, w.code AS warehouse_code,
               l.source_type, l.received_on, l.inbound, l.on_hand, l.allocated, l.damaged,
               CASE WHEN l.received_on IS NULL THEN NULL ELSE ${filter.asOf}::date - l.received_on END AS age_days,
               coalesce((SELECT json_agg(json_build_object('location_id', ls.location_id, 'code', loc.code, 'location_type', loc.location_type,
                                  'quantity', ls.quantity) ORDER BY loc.code)
                           FROM location_stock ls JOIN locations loc ON loc.id = ls.location_id
                          WHERE ls.lot_id = l.id AND ls.quantity > 0), '[]') AS locations
          FROM inventory_lots l
          JOIN skus s ON s.id = l.sku_id
          JOIN warehouses w ON w.id = l.warehouse_id
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY l.id
         LIMIT ${filter.limit + 1}`,
  );
  return rows.map((r) => ({
    lotId: r.id as string,
    lotCode: r.code as string,
    accountId: r.account_id as string,
    skuId: r.sku_id as string,
    sellerSku: r.seller_sku as string,
    titleEn: (r.title_en as string | null) ?? null,
    titleZh: (r.title_zh as string | null) ?? null,
    warehouseId: r.warehouse_id as string,
    warehouseCode: r.warehouse_code as string,
    sourceType: r.source_type as string,
    receivedOn: toIsoDate(r.received_on),
    ageDays: r.age_days === null || r.age_days === undefined ? null : n(r.age_days),
    ...buckets(r),
    locations: (typeof r.locations === 'string' ? JSON.parse(r.locations) : (r.locations as Record<string, unknown>[])).map(
      (x: Record<string, unknown>) => ({
        locationId: x.location_id as string,
        code: x.code as string,
        locationType: x.location_type as string,
        quantity: n(x.quantity),
      }),
    ),
  }));
}

export interface SkuSummary extends Buckets {
  skuId: string;
  accountId: string;
  sellerSku: string;
  titleEn: string | null;
  titleZh: string | null;
  lots: number;
  oldestReceivedOn: string | null;
  warehouses: (Buckets & { warehouseId: string; warehouseCode: string })[];
}

export interface SkuSummaryFilter {
  accountId: string | null;
  skuId?: string;
  q?: string;
  /** Only SKUs with stock in some bucket (default true). */
  inStockOnly?: boolean;
  warehouseId?: string;
  after?: string;
  limit: number;
}

/** One row per SKU: totals across warehouses and the split per warehouse. */
export async function listSkuSummaries(tx: Executor, filter: SkuSummaryFilter): Promise<SkuSummary[]> {
  const where: SQL[] = [sql`s.status = 'active' OR EXISTS (SELECT 1 FROM inventory_lots x WHERE x.sku_id = s.id)`];
  if (filter.accountId) where.push(sql`s.account_id = ${filter.accountId}`);
  if (filter.skuId) where.push(sql`s.id = ${filter.skuId}`);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(s.seller_sku ILIKE ${pattern} OR s.title_en ILIKE ${pattern} OR s.title_zh ILIKE ${pattern})`);
  }
  const lotWhere = filter.warehouseId ? sql`AND l.warehouse_id = ${filter.warehouseId}` : sql``;
  if (filter.inStockOnly !== false)
    where.push(
      sql`EXISTS (SELECT 1 FROM inventory_lots l WHERE l.sku_id = s.id ${lotWhere} AND (l.inbound > 0 OR l.on_hand > 0 OR l.damaged > 0))`,
    );
  if (filter.after) where.push(sql`s.id > ${filter.after}`);
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    sql`SELECT s.id, s.account_id, s.seller_sku, s.title_en, s.title_zh,
               coalesce(t.inbound, 0) AS inbound, coalesce(t.on_hand, 0) AS on_hand, coalesce(t.allocated, 0) AS allocated,
               coalesce(t.damaged, 0) AS damaged, coalesce(t.lots, 0) AS lots, t.oldest, coalesce(t.by_warehouse, '[]') AS by_warehouse
          FROM skus s
          LEFT JOIN LATERAL (
            SELECT sum(g.inbound) AS inbound, sum(g.on_hand) AS on_hand, sum(g.allocated) AS allocated, sum(g.damaged) AS damaged,
                   sum(g.lots) AS lots, min(g.oldest) AS oldest,
                   json_agg(json_build_object('warehouse_id', g.warehouse_id, 'warehouse_code', g.code, 'inbound', g.inbound, 'on_hand', g.on_hand,
                     'allocated', g.allocated, 'damaged', g.damaged) ORDER BY g.code) AS by_warehouse
              FROM (SELECT l.warehouse_id, w.code, sum(l.inbound) AS inbound, sum(l.on_hand) AS on_hand, sum(l.allocated) AS allocated,
                           sum(l.damaged) AS damaged, count(*) FILTER (WHERE l.on_hand > 0 OR l.damaged > 0 OR l.inbound > 0) AS lots,
                           min(l.received_on) FILTER (WHERE l.on_hand > 0) AS oldest
                      FROM inventory_lots l JOIN warehouses w ON w.id = l.warehouse_id
                     WHERE l.sku_id = s.id ${lotWhere}
                     GROUP BY l.warehouse_id, w.code) g
          ) t ON TRUE
         WHERE ${sql.join(
           where.map((w) => sql`(${w})`),
           sql` AND `,
         )}
         ORDER BY s.id
         LIMIT ${filter.limit + 1}`,
  );
  return rows.map((r) => {
    const byWarehouse = (typeof r.by_warehouse === 'string' ? JSON.parse(r.by_warehouse) : r.by_warehouse) as Record<string, unknown>[];
    return {
      skuId: r.id as string,
      accountId: r.account_id as string,
      sellerSku: r.seller_sku as string,
      titleEn: (r.title_en as string | null) ?? null,
      titleZh: (r.title_zh as string | null) ?? null,
      lots: n(r.lots),
      oldestReceivedOn: toIsoDate(r.oldest),
      ...buckets(r),
      warehouses: byWarehouse
        .filter((w) => w.warehouse_id)
        .map((w) => ({ warehouseId: w.warehouse_id as string, warehouseCode: w.warehouse_code as string, ...buckets(w) })),
    };
  });
}

export interface LedgerEntry {
  seq: number;
  id: string;
  accountId: string;
  skuId: string;
  warehouseId: string;
  warehouseCode: string;
  lotId: string;
  lotCode: string;
  movement: string;
  inboundDelta: number;
  onHandDelta: number;
  allocatedDelta: number;
  damagedDelta: number;
  locationId: string | null;
  locationCode: string | null;
  locationDelta: number;
  reasonCode: string | null;
  note: string | null;
  sourceType: string;
  sourceId: string;
  userId: string | null;
  userName: string | null;
  createdAt: Date;
}

export interface LedgerFilter {
  accountId: string | null;
  skuId?: string;
  lotId?: string;
  warehouseId?: string;
  movement?: string;
  sourceType?: string;
  sourceId?: string;
  /** Newest first: entries with seq below this. */
  beforeSeq?: number;
  limit: number;
}

/** Ledger rows, newest first (keyset on seq). */
export async function listLedger(tx: Executor, filter: LedgerFilter): Promise<LedgerEntry[]> {
  const where: SQL[] = [sql`TRUE`];
  if (filter.accountId) where.push(sql`g.account_id = ${filter.accountId}`);
  if (filter.skuId) where.push(sql`g.sku_id = ${filter.skuId}`);
  if (filter.lotId) where.push(sql`g.lot_id = ${filter.lotId}`);
  if (filter.warehouseId) where.push(sql`g.warehouse_id = ${filter.warehouseId}`);
  if (filter.movement) where.push(sql`g.movement = ${filter.movement}`);
  if (filter.sourceType) where.push(sql`g.source_type = ${filter.sourceType}`);
  if (filter.sourceId) where.push(sql`g.source_id = ${filter.sourceId}`);
  if (filter.beforeSeq !== undefined) where.push(sql`g.seq < ${filter.beforeSeq}`);
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    sql`SELECT g.seq, g.id, g.account_id, g.sku_id, g.warehouse_id, w.code AS warehouse_code, g.lot_id, l.code AS lot_code, g.movement,
               g.inbound_delta, g.on_hand_delta, g.allocated_delta, g.damaged_delta, g.location_id, loc.code AS location_code,
               g.location_delta, g.reason_code, g.note, g.source_type, g.source_id, g.user_id, u.name AS user_name, g.created_at
          FROM inventory_ledger g
          JOIN inventory_lots l ON l.id = g.lot_id
          JOIN warehouses w ON w.id = g.warehouse_id
          LEFT JOIN locations loc ON loc.id = g.location_id
          LEFT JOIN LATERAL (SELECT name FROM users WHERE id = g.user_id) u ON TRUE
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY g.seq DESC
         LIMIT ${filter.limit + 1}`,
  );
  return rows.map((r) => ({
    seq: n(r.seq),
    id: r.id as string,
    accountId: r.account_id as string,
    skuId: r.sku_id as string,
    warehouseId: r.warehouse_id as string,
    warehouseCode: r.warehouse_code as string,
    lotId: r.lot_id as string,
    lotCode: r.lot_code as string,
    movement: r.movement as string,
    inboundDelta: n(r.inbound_delta),
    onHandDelta: n(r.on_hand_delta),
    allocatedDelta: n(r.allocated_delta),
    damagedDelta: n(r.damaged_delta),
    locationId: (r.location_id as string | null) ?? null,
    locationCode: (r.location_code as string | null) ?? null,
    locationDelta: n(r.location_delta),
    reasonCode: (r.reason_code as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    sourceType: r.source_type as string,
    sourceId: r.source_id as string,
    userId: (r.user_id as string | null) ?? null,
    userName: (r.user_name as string | null) ?? null,
    createdAt: new Date(r.created_at as string | Date),
  }));
}

export type MismatchKind = 'lot_buckets' | 'location_units' | 'unlocated_units' | 'allocations';

export interface Mismatch {
  kind: MismatchKind;
  accountId: string;
  lotId: string;
  lotCode: string;
  locationId: string | null;
  /** What the stored balance says. */
  stored: Record<string, number>;
  /** What the ledger (or the allocations) add up to. */
  expected: Record<string, number>;
}

export interface RebuildReport {
  lotsChecked: number;
  ledgerRows: number;
  mismatches: Mismatch[];
}

/**
 * Recomputes every balance from the ledger and compares it with what is stored:
 * lot buckets = sums of their deltas; units per (lot, location) = sum of location deltas;
 * units located = on hand + damaged; allocated = open allocations (allocated or picked).
 */
export async function rebuildCheck(tx: Executor, accountId: string | null): Promise<RebuildReport> {
  const own = accountId ? sql`account_id = ${accountId}` : sql`TRUE`;
  const [counts] = await selectRows<{ lots: number; rows: number }>(
    tx,
    sql`SELECT (SELECT count(*) FROM inventory_lots WHERE ${own})::int AS lots, (SELECT count(*) FROM inventory_ledger WHERE ${own})::int AS rows`,
  );
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    sql`WITH sums AS (
          SELECT lot_id, sum(inbound_delta) AS i, sum(on_hand_delta) AS o, sum(allocated_delta) AS a, sum(damaged_delta) AS d
            FROM inventory_ledger WHERE ${own} GROUP BY lot_id
        ), placed AS (
          SELECT lot_id, location_id, sum(location_delta) AS q FROM inventory_ledger WHERE ${own} AND location_delta <> 0 GROUP BY lot_id, location_id
        ), held AS (
          SELECT lot_id, sum(quantity) AS q FROM location_stock WHERE ${own} GROUP BY lot_id
        ), open AS (
          SELECT lot_id, sum(quantity) AS q FROM allocations WHERE ${own} AND status IN ('allocated', 'picked') GROUP BY lot_id
        )
        SELECT 'lot_buckets' AS kind, l.account_id, l.id AS lot_id, l.code, NULL::uuid AS location_id,
               json_build_object('inbound', l.inbound, 'on_hand', l.on_hand, 'allocated', l.allocated, 'damaged', l.damaged) AS stored,
               json_build_object('inbound', coalesce(s.i, 0), 'on_hand', coalesce(s.o, 0), 'allocated', coalesce(s.a, 0), 'damaged', coalesce(s.d, 0)) AS expected
          FROM inventory_lots l LEFT JOIN sums s ON s.lot_id = l.id
         WHERE ${accountId ? sql`l.account_id = ${accountId}` : sql`TRUE`}
           AND (l.inbound, l.on_hand, l.allocated, l.damaged) IS DISTINCT FROM (coalesce(s.i, 0), coalesce(s.o, 0), coalesce(s.a, 0), coalesce(s.d, 0))
        UNION ALL
        SELECT 'location_units', coalesce(ls.account_id, l.account_id), coalesce(ls.lot_id, p.lot_id), l.code, coalesce(ls.location_id, p.location_id),
               json_build_object('quantity', coalesce(ls.quantity, 0)), json_build_object('quantity', coalesce(p.q, 0))
          FROM placed p
          FULL JOIN (SELECT * FROM location_stock WHERE ${own}) ls ON ls.lot_id = p.lot_id AND ls.location_id = p.location_id
          JOIN inventory_lots l ON l.id = coalesce(ls.lot_id, p.lot_id)
         WHERE coalesce(ls.quantity, 0) <> coalesce(p.q, 0)
        UNION ALL
        SELECT 'unlocated_units', l.account_id, l.id, l.code, NULL,
               json_build_object('located', coalesce(h.q, 0)), json_build_object('on_hand_plus_damaged', l.on_hand + l.damaged)
          FROM inventory_lots l LEFT JOIN held h ON h.lot_id = l.id
         WHERE ${accountId ? sql`l.account_id = ${accountId}` : sql`TRUE`} AND coalesce(h.q, 0) <> l.on_hand + l.damaged
        UNION ALL
        SELECT 'allocations', l.account_id, l.id, l.code, NULL,
               json_build_object('allocated', l.allocated), json_build_object('open_allocations', coalesce(o.q, 0))
          FROM inventory_lots l LEFT JOIN open o ON o.lot_id = l.id
         WHERE ${accountId ? sql`l.account_id = ${accountId}` : sql`TRUE`} AND coalesce(o.q, 0) <> l.allocated
         LIMIT 1000`,
  );
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
  const numbers = (v: unknown) => Object.fromEntries(Object.entries(json(v)).map(([k, x]) => [k, n(x)]));
  return {
    lotsChecked: n(counts?.lots),
    ledgerRows: n(counts?.rows),
    mismatches: rows.map((r) => ({
      kind: r.kind as MismatchKind,
      accountId: r.account_id as string,
      lotId: r.lot_id as string,
      lotCode: r.code as string,
      locationId: (r.location_id as string | null) ?? null,
      stored: numbers(r.stored),
      expected: numbers(r.expected),
    })),
  };
}
