/**
 * Billing storage: the period's events summed in SQL (GROUP BY meter, rule, segment, group
 * value — never event by event), invoices and their lines, credit notes, runs, and the
 * drill-down that re-applies a line's selector to find its events again.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { LineSelector, MeterAggregate } from '../../domain/billing/bill.js';
import { type Executor, selectRows } from '../connect.js';
import { invoiceLines, invoices } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type NewInvoiceLineRow = typeof invoiceLines.$inferInsert;

export interface AggregateQuery {
  accountId: string;
  start: Date;
  end: Date;
  /** Starts of the segments after the first (card versions taking effect mid-period). */
  segmentStarts: Date[];
  eventsThrough: Date;
  lateAfter: Date | null;
  lateBefore: Date | null;
}

/**
 * One account's period, summed per (kind, unit, meter, rule, group value, column value, segment, late).
 * One round trip; the (account_id, occurred_at) and (account_id, created_at) indexes bound the scan.
 */
export async function aggregateEvents(tx: Executor, q: AggregateQuery): Promise<MeterAggregate[]> {
  const segment: SQL =
    q.segmentStarts.length === 0
      ? sql`0`
      : sql`CASE ${sql.join(
          q.segmentStarts.map((s, i) => sql`WHEN e.occurred_at < ${s.toISOString()}::timestamptz THEN ${sql.raw(String(i))}`),
          sql` `,
        )} ELSE ${sql.raw(String(q.segmentStarts.length))} END`;
  const late =
    q.lateAfter && q.lateBefore
      ? sql` OR (e.occurred_at < ${q.lateBefore.toISOString()}::timestamptz AND e.created_at > ${q.lateAfter.toISOString()}::timestamptz)`
      : sql``;
  const rows = await selectRows<{
    kind: string;
    unit: string;
    meter: string;
    rule_id: string;
    group_key: string | null;
    group_value: string | null;
    column_key: string | null;
    column_value: string | null;
    late: boolean;
    segment: number;
    event_count: string | number;
    quantity: string;
    units: string;
  }>(
    tx,
    sql`SELECT e.kind, e.unit, m.meter, m.rule_id, m.group_key, m.column_key,
               CASE WHEN m.group_key IS NULL THEN NULL ELSE e.attributes ->> m.group_key END AS group_value,
               CASE WHEN m.column_key IS NULL THEN NULL ELSE e.attributes ->> m.column_key END AS column_value,
               e.occurred_at < ${q.start.toISOString()}::timestamptz AS late,
               CASE WHEN e.occurred_at < ${q.start.toISOString()}::timestamptz THEN 0 ELSE ${segment} END AS segment,
               count(*) AS event_count,
               sum(e.quantity)::text AS quantity,
               coalesce(sum(CASE WHEN jsonb_typeof(e.attributes -> 'units') = 'number' THEN (e.attributes ->> 'units')::numeric END), 0)::text AS units
          FROM billable_events e
          JOIN billing_meter_map m ON m.event_kind = e.kind AND m.event_unit = e.unit
         WHERE e.account_id = ${q.accountId}
           AND e.created_at <= ${q.eventsThrough.toISOString()}::timestamptz
           AND ((e.occurred_at >= ${q.start.toISOString()}::timestamptz AND e.occurred_at < ${q.end.toISOString()}::timestamptz)${late})
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
         ORDER BY 3, 4, 1, 2, 10, 9, 7 NULLS FIRST, 8 NULLS FIRST`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    unit: r.unit,
    meter: r.meter,
    ruleId: r.rule_id,
    groupKey: r.group_key,
    groupValue: r.group_value,
    columnKey: r.column_key,
    columnValue: r.column_value,
    late: r.late,
    segment: Number(r.segment),
    eventCount: Number(r.event_count),
    quantity: r.quantity,
    units: r.units,
  }));
}

export interface AccountBounds {
  accountId: string;
  /** The period's start and each later segment's start. */
  segmentStarts: Date[];
  lateAfter: Date | null;
  lateBefore: Date | null;
}

/**
 * Every account of a run in one pass over the period's events (a sequential scan, like a bare
 * GROUP BY), each account with its own segment starts and late window; the same groups as
 * aggregateEvents. Accounts not asked for (a finalized invoice) are dropped from the result.
 */
export async function aggregateAllEvents(
  tx: Executor,
  q: { start: Date; end: Date; eventsThrough: Date; accounts: AccountBounds[] },
): Promise<Map<string, MeterAggregate[]>> {
  // Only accounts with a mid-period card change need their segments, only accounts with a
  // finalized earlier period a late window: both lists are usually short or empty, so the
  // period's events are scanned once with no join but the meter map (the plan of a bare GROUP BY).
  const segmented = JSON.stringify(
    q.accounts
      .filter((a) => a.segmentStarts.length > 1)
      .map((a) => ({ account_id: a.accountId, starts: `{${a.segmentStarts.map((s) => `"${s.toISOString()}"`).join(',')}}` })),
  );
  const lates = JSON.stringify(
    q.accounts
      .filter((a) => a.lateAfter && a.lateBefore)
      .map((a) => ({ account_id: a.accountId, late_after: a.lateAfter?.toISOString(), late_before: a.lateBefore?.toISOString() })),
  );
  const start = q.start.toISOString();
  const rows = await selectRows<{
    account_id: string;
    kind: string;
    unit: string;
    meter: string;
    rule_id: string;
    group_key: string | null;
    group_value: string | null;
    column_key: string | null;
    column_value: string | null;
    late: boolean;
    segment: number;
    event_count: string | number;
    quantity: string;
    units: string;
  }>(
    tx,
    sql`WITH s AS (
          SELECT r.account_id, r.starts::timestamptz[] AS starts FROM jsonb_to_recordset(${segmented}::jsonb) AS r(account_id uuid, starts text)),
        l AS (
          SELECT r.account_id, r.late_after, r.late_before
            FROM jsonb_to_recordset(${lates}::jsonb) AS r(account_id uuid, late_after timestamptz, late_before timestamptz)),
        ev AS (
          SELECT e.account_id, e.kind, e.unit, e.occurred_at, e.quantity, e.attributes, false AS late
            FROM billable_events e
           WHERE e.occurred_at >= ${start}::timestamptz AND e.occurred_at < ${q.end.toISOString()}::timestamptz
             AND e.created_at <= ${q.eventsThrough.toISOString()}::timestamptz
          UNION ALL
          SELECT e.account_id, e.kind, e.unit, e.occurred_at, e.quantity, e.attributes, true AS late
            FROM l JOIN billable_events e ON e.account_id = l.account_id
           WHERE e.created_at > l.late_after AND e.created_at <= ${q.eventsThrough.toISOString()}::timestamptz
             AND e.occurred_at < l.late_before)
        SELECT e.account_id, e.kind, e.unit, m.meter, m.rule_id, m.group_key, m.column_key,
               CASE WHEN m.group_key IS NULL THEN NULL ELSE e.attributes ->> m.group_key END AS group_value,
               CASE WHEN m.column_key IS NULL THEN NULL ELSE e.attributes ->> m.column_key END AS column_value,
               e.late,
               CASE WHEN e.late OR s.starts IS NULL THEN 0 ELSE width_bucket(e.occurred_at, s.starts) - 1 END AS segment,
               count(*) AS event_count,
               sum(e.quantity)::text AS quantity,
               coalesce(sum(CASE WHEN jsonb_typeof(e.attributes -> 'units') = 'number' THEN (e.attributes ->> 'units')::numeric END), 0)::text AS units
          FROM ev e
          JOIN billing_meter_map m ON m.event_kind = e.kind AND m.event_unit = e.unit
          LEFT JOIN s ON s.account_id = e.account_id
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
         ORDER BY 1, 4, 5, 2, 3, 11, 10, 8 NULLS FIRST, 9 NULLS FIRST`,
  );
  const wanted = new Set(q.accounts.map((a) => a.accountId));
  const byAccount = new Map<string, MeterAggregate[]>();
  for (const r of rows) {
    if (!wanted.has(r.account_id)) continue;
    let list = byAccount.get(r.account_id);
    if (!list) {
      list = [];
      byAccount.set(r.account_id, list);
    }
    list.push({
      kind: r.kind,
      unit: r.unit,
      meter: r.meter,
      ruleId: r.rule_id,
      groupKey: r.group_key,
      groupValue: r.group_value,
      columnKey: r.column_key,
      columnValue: r.column_value,
      late: r.late,
      segment: Number(r.segment),
      eventCount: Number(r.event_count),
      quantity: r.quantity,
      units: r.units,
    });
  }
  return byAccount;
}

/** Accounts with events in the window (or written late for a finalized period), or a draft to refresh. */
export async function accountsToBill(
  tx: Executor,
  q: { period: string; start: Date; end: Date; accountId?: string },
): Promise<{ id: string; code: string }[]> {
  return selectRows<{ id: string; code: string }>(
    tx,
    sql`SELECT a.id, a.code FROM accounts a
         WHERE true ${q.accountId ? sql`AND a.id = ${q.accountId}` : sql``}
           AND (EXISTS (SELECT 1 FROM billable_events e WHERE e.account_id = a.id
                          AND e.occurred_at >= ${q.start.toISOString()}::timestamptz AND e.occurred_at < ${q.end.toISOString()}::timestamptz)
             OR EXISTS (SELECT 1 FROM invoices i WHERE i.account_id = a.id AND i.period = ${q.period} AND i.document_type = 'invoice')
             OR EXISTS (SELECT 1 FROM invoices f WHERE f.account_id = a.id AND f.document_type = 'invoice' AND f.status = 'finalized'
                          AND f.period < ${q.period}
                          AND EXISTS (SELECT 1 FROM billable_events e WHERE e.account_id = a.id AND e.created_at > f.events_through
                                        AND e.occurred_at < f.period_end)))
         ORDER BY a.code`,
  );
}

/** Serialises work on one account's period across transactions, processes and servers. */
export async function lockAccountPeriod(tx: Executor, accountId: string, period: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('landed.billing'), hashtext(${`${accountId}:${period}`}))`);
}

export async function findInvoiceForPeriod(tx: Executor, accountId: string, period: string): Promise<InvoiceRow | undefined> {
  const [row] = await tx
    .select()
    .from(invoices)
    .where(sql`${invoices.accountId} = ${accountId} AND ${invoices.period} = ${period} AND ${invoices.documentType} = 'invoice'`)
    .limit(1);
  return row;
}

/** The last finalized invoice before a period: its events_through and period end bound the late window. */
export async function lastFinalizedBefore(tx: Executor, accountId: string, period: string): Promise<InvoiceRow | undefined> {
  const [row] = await tx
    .select()
    .from(invoices)
    .where(
      sql`${invoices.accountId} = ${accountId} AND ${invoices.documentType} = 'invoice' AND ${invoices.status} = 'finalized' AND ${invoices.period} < ${period}`,
    )
    .orderBy(sql`${invoices.period} DESC`)
    .limit(1);
  return row;
}

export async function insertInvoice(tx: Executor, row: NewInvoiceRow): Promise<InvoiceRow> {
  const [inserted] = await tx.insert(invoices).values(row).returning();
  return inserted as InvoiceRow;
}

/** Rewrites a draft: its lines replaced, its totals and windows updated (the trigger refuses a finalized one). */
export async function replaceDraft(tx: Executor, id: string, patch: Partial<NewInvoiceRow>, lines: NewInvoiceLineRow[]): Promise<void> {
  await tx.delete(invoiceLines).where(sql`${invoiceLines.invoiceId} = ${id}`);
  await tx.update(invoices).set(patch).where(sql`${invoices.id} = ${id} AND ${invoices.status} = 'draft'`);
  await insertLines(tx, lines);
}

export async function insertLines(tx: Executor, lines: NewInvoiceLineRow[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 500) await tx.insert(invoiceLines).values(lines.slice(i, i + 500));
}

export async function findInvoice(tx: Executor, scope: Scope, id: string): Promise<InvoiceRow | undefined> {
  const account = scopeAccount(scope);
  const [row] = await tx
    .select()
    .from(invoices)
    .where(account ? sql`${invoices.id} = ${id} AND ${invoices.accountId} = ${account}` : sql`${invoices.id} = ${id}`)
    .limit(1);
  return row;
}

export async function lockInvoice(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM invoices WHERE id = ${id} FOR UPDATE`);
}

export async function linesOf(tx: Executor, invoiceId: string): Promise<InvoiceLineRow[]> {
  return tx.select().from(invoiceLines).where(sql`${invoiceLines.invoiceId} = ${invoiceId}`).orderBy(invoiceLines.lineNo);
}

export async function findLine(tx: Executor, invoiceId: string, lineId: string): Promise<InvoiceLineRow | undefined> {
  const [row] = await tx
    .select()
    .from(invoiceLines)
    .where(sql`${invoiceLines.invoiceId} = ${invoiceId} AND ${invoiceLines.id} = ${lineId}`)
    .limit(1);
  return row;
}

export async function listInvoices(
  tx: Executor,
  scope: Scope,
  filter: { accountId?: string; period?: string; status?: string; documentType?: string; after?: string; limit: number },
): Promise<InvoiceRow[]> {
  const account = scopeAccount(scope) ?? filter.accountId;
  const where: SQL[] = [sql`true`];
  if (account) where.push(sql`${invoices.accountId} = ${account}`);
  if (filter.period) where.push(sql`${invoices.period} = ${filter.period}`);
  if (filter.status) where.push(sql`${invoices.status} = ${filter.status}`);
  if (filter.documentType) where.push(sql`${invoices.documentType} = ${filter.documentType}`);
  if (filter.after) where.push(sql`${invoices.id} > ${filter.after}`);
  return tx
    .select()
    .from(invoices)
    .where(sql.join(where, sql` AND `))
    .orderBy(invoices.id)
    .limit(filter.limit + 1);
}

/** Σ of credit notes already written against an invoice, and per credited line (minor units, negative). */
export async function creditedSoFar(tx: Executor, invoiceId: string): Promise<{ total: bigint; byLine: Map<string, bigint> }> {
  const rows = await selectRows<{ line: string | null; amount: string }>(
    tx,
    sql`SELECT l.credited_line_id AS line, sum(l.amount_minor)::text AS amount
          FROM invoices c JOIN invoice_lines l ON l.invoice_id = c.id
         WHERE c.credit_of = ${invoiceId}
         GROUP BY 1`,
  );
  let total = 0n;
  const byLine = new Map<string, bigint>();
  for (const r of rows) {
    total += BigInt(r.amount);
    if (r.line) byLine.set(r.line, BigInt(r.amount));
  }
  return { total, byLine };
}

export async function markFinalized(tx: Executor, id: string, number: string, at: Date, by: string | null): Promise<void> {
  await tx
    .update(invoices)
    .set({ status: 'finalized', number, finalizedAt: at, finalizedBy: by })
    .where(sql`${invoices.id} = ${id} AND ${invoices.status} = 'draft'`);
}

export interface EventRow {
  id: string;
  kind: string;
  unit: string;
  warehouseId: string | null;
  occurredAt: Date;
  createdAt: Date;
  quantity: string;
  attributes: Record<string, unknown>;
  sourceType: string;
  sourceId: string;
}

function selectorWhere(s: LineSelector): SQL {
  const parts: SQL[] = [
    sql`e.account_id = ${s.accountId}`,
    sql`(${sql.join(
      s.kinds.map((k) => sql`(e.kind = ${k.kind} AND e.unit = ${k.unit})`),
      sql` OR `,
    )})`,
    sql`e.created_at <= ${s.createdThrough}::timestamptz`,
    sql`e.occurred_at < ${s.occurredBefore}::timestamptz`,
  ];
  if (s.occurredFrom) parts.push(sql`e.occurred_at >= ${s.occurredFrom}::timestamptz`);
  if (s.createdAfter) parts.push(sql`e.created_at > ${s.createdAfter}::timestamptz`);
  if (s.group) {
    const value = sql`(CASE WHEN jsonb_typeof(e.attributes -> ${s.group.key}) IN ('number', 'string') THEN e.attributes ->> ${s.group.key} END)`;
    if (s.group.equals !== undefined) parts.push(sql`${value} = ${s.group.equals}`);
    if (s.group.above !== undefined && s.group.above !== null) parts.push(sql`${value}::numeric > ${s.group.above}::numeric`);
    if (s.group.upTo !== undefined && s.group.upTo !== null) parts.push(sql`${value}::numeric <= ${s.group.upTo}::numeric`);
    if (s.group.above === null && s.group.upTo === null) parts.push(sql`${value} IS NOT NULL`);
  }
  if (s.column) parts.push(sql`e.attributes ->> ${s.column.key} = ${s.column.value}`);
  return sql.join(parts, sql` AND `);
}

/** A line's events, a page at a time in id order (UUIDv7: the order they were written). */
export async function eventsOfLine(tx: Executor, selector: LineSelector, page: { after?: string; limit: number }): Promise<EventRow[]> {
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    sql`SELECT e.id, e.kind, e.unit, e.warehouse_id, e.occurred_at, e.created_at, e.quantity::text AS quantity, e.attributes,
               e.source_type, e.source_id
          FROM billable_events e
         WHERE ${selectorWhere(selector)} ${page.after ? sql`AND e.id > ${page.after}` : sql``}
         ORDER BY e.id
         LIMIT ${page.limit}`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as string,
    unit: r.unit as string,
    warehouseId: (r.warehouse_id as string | null) ?? null,
    occurredAt: new Date(r.occurred_at as string),
    createdAt: new Date(r.created_at as string),
    quantity: r.quantity as string,
    attributes: (typeof r.attributes === 'string' ? JSON.parse(r.attributes) : r.attributes) as Record<string, unknown>,
    sourceType: r.source_type as string,
    sourceId: r.source_id as string,
  }));
}

/** Count and Σ quantity of a line's events now: equal to what the line stored, or the line no longer matches. */
export async function checkLine(tx: Executor, selector: LineSelector): Promise<{ count: number; quantity: string }> {
  const [row] = await selectRows<{ count: string | number; quantity: string }>(
    tx,
    sql`SELECT count(*) AS count, coalesce(sum(e.quantity), 0)::text AS quantity FROM billable_events e WHERE ${selectorWhere(selector)}`,
  );
  return { count: Number(row?.count ?? 0), quantity: row?.quantity ?? '0' };
}
