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
  /** Sum the events' `units` attribute too (a greater-of / lesser-of rule may read it). */
  withUnits: boolean;
}

export interface AccountBounds {
  accountId: string;
  /** The period's start and each later segment's start. */
  segmentStarts: Date[];
  lateAfter: Date | null;
  lateBefore: Date | null;
}

/**
 * The period's events summed in two steps: first by account, kind, unit, late, segment and the
 * few attributes the meter map groups by (one hash aggregate over the events, the plan of a bare
 * GROUP BY), then those sums joined to the meter map and summed per meter, rule, group and
 * column. `one` limits the scan to one account through its indexes.
 */
async function aggregate(
  tx: Executor,
  q: { start: Date; end: Date; eventsThrough: Date; accounts: AccountBounds[]; one: boolean; withUnits: boolean },
): Promise<{ account_id: string; groups: string }[]> {
  const map = await selectRows<{ event_kind: string; group_key: string | null; column_key: string | null }>(
    tx,
    sql`SELECT event_kind, group_key, column_key FROM billing_meter_map`,
  );
  const keyKinds = new Map<string, Set<string>>();
  for (const m of map)
    for (const key of [m.group_key, m.column_key]) if (key) keyKinds.set(key, (keyKinds.get(key) ?? new Set()).add(m.event_kind));
  const keys = [...keyKinds.keys()].sort();
  const keyColumns = keys.map(
    (key, i) =>
      sql`CASE WHEN e.kind IN (${sql.join(
        [...(keyKinds.get(key) as Set<string>)].map((k) => sql`${k}`),
        sql`, `,
      )}) THEN e.attributes ->> ${key} END AS ${sql.raw(`k${i}`)}`,
  );
  const pick = (column: 'group_key' | 'column_key') =>
    keys.length === 0
      ? sql`NULL::text`
      : sql`CASE m.${sql.raw(column)} ${sql.join(
          keys.map((key, i) => sql`WHEN ${key} THEN r.${sql.raw(`k${i}`)}`),
          sql` `,
        )} END`;
  const segmentedAccounts = q.accounts.filter((a) => a.segmentStarts.length > 1);
  const lateAccounts = q.accounts.filter((a) => a.lateAfter && a.lateBefore);
  const segmented = JSON.stringify(
    segmentedAccounts.map((a) => ({
      account_id: a.accountId,
      starts: `{${a.segmentStarts.map((s) => `"${s.toISOString()}"`).join(',')}}`,
    })),
  );
  const lates = JSON.stringify(
    lateAccounts.map((a) => ({
      account_id: a.accountId,
      late_after: a.lateAfter?.toISOString(),
      late_before: a.lateBefore?.toISOString(),
    })),
  );
  const start = q.start.toISOString();
  const through = q.eventsThrough.toISOString();
  const only = q.one ? sql`AND e.account_id = ${q.accounts[0]?.accountId}` : sql``;
  const groupCount = 5 + keys.length;
  // The usual run has no account with a mid-period change or late events: no join, no second branch.
  const lateBranch =
    lateAccounts.length === 0
      ? sql``
      : sql`UNION ALL
          SELECT e.account_id, e.kind, e.unit, e.occurred_at, e.quantity, e.attributes, true AS late
            FROM jsonb_to_recordset(${lates}::jsonb) AS l(account_id uuid, late_after timestamptz, late_before timestamptz)
            JOIN billable_events e ON e.account_id = l.account_id
           WHERE e.created_at > l.late_after AND e.created_at <= ${through}::timestamptz
             AND e.occurred_at < l.late_before`;
  const segment =
    segmentedAccounts.length === 0
      ? sql`0`
      : sql`CASE WHEN e.late OR s.starts IS NULL THEN 0 ELSE width_bucket(e.occurred_at, s.starts) - 1 END`;
  const segmentJoin =
    segmentedAccounts.length === 0
      ? sql``
      : sql`LEFT JOIN (SELECT r.account_id, r.starts::timestamptz[] AS starts
                         FROM jsonb_to_recordset(${segmented}::jsonb) AS r(account_id uuid, starts text)) s ON s.account_id = e.account_id`;
  // Σ units only when a greater-of / lesser-of rule may read them: it parses every event's attributes.
  const units = q.withUnits
    ? sql`coalesce(sum(CASE WHEN jsonb_typeof(e.attributes -> 'units') = 'number' THEN (e.attributes ->> 'units')::numeric END), 0)`
    : sql`0::numeric`;
  return selectRows<{ account_id: string; groups: string }>(
    tx,
    sql`WITH ev AS (
          SELECT e.account_id, e.kind, e.unit, e.occurred_at, e.quantity, e.attributes, false AS late
            FROM billable_events e
           WHERE e.occurred_at >= ${start}::timestamptz AND e.occurred_at < ${q.end.toISOString()}::timestamptz
             AND e.created_at <= ${through}::timestamptz ${only}
          ${lateBranch}),
        r AS (
          SELECT e.account_id, e.kind, e.unit, e.late, ${segment} AS segment
                 ${keyColumns.length ? sql`, ${sql.join(keyColumns, sql`, `)}` : sql``},
                 count(*) AS n, sum(e.quantity) AS q, ${units} AS u
            FROM ev e ${segmentJoin}
           GROUP BY ${sql.raw(Array.from({ length: groupCount }, (_, i) => String(i + 1)).join(', '))}),
        sums AS (
          SELECT r.account_id, r.kind, r.unit, m.meter, m.rule_id, m.group_key, m.column_key,
                 ${pick('group_key')} AS group_value, ${pick('column_key')} AS column_value,
                 r.late, r.segment, sum(r.n) AS event_count, sum(r.q)::text AS quantity, sum(r.u)::text AS units
            FROM r JOIN billing_meter_map m ON m.event_kind = r.kind AND m.event_unit = r.unit
           GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
        -- One packed text per account: a run holds every account's sums until it prices them,
        -- and a string is a fraction of the memory of a row object per group. Unordered: the
        -- bill is the same for the sums in any order (bill.test.ts), and sorting the groups on
        -- text keys cost ~15 % of the pass (2M events: 2.34 → 1.99 s).
        SELECT account_id, json_agg(json_build_array(kind, unit, meter, rule_id, group_key, group_value, column_key, column_value,
                                                     late, segment, event_count::text, quantity, units))::text AS groups
          FROM sums
         GROUP BY account_id`,
  );
}

/** The groups of one account, unpacked from the text the query packed them in. */
export function unpackAggregates(packed: string): MeterAggregate[] {
  const rows = JSON.parse(packed) as [
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    boolean,
    number,
    string,
    string,
    string,
  ][];
  return rows.map(([kind, unit, meter, ruleId, groupKey, groupValue, columnKey, columnValue, late, segment, count, quantity, units]) => ({
    kind,
    unit,
    meter,
    ruleId,
    groupKey,
    groupValue,
    columnKey,
    columnValue,
    late,
    segment: Number(segment),
    eventCount: Number(count),
    quantity,
    units,
  }));
}

/** One account's period, through its (account_id, occurred_at) and (account_id, created_at) indexes. */
export async function aggregateEvents(tx: Executor, q: AggregateQuery): Promise<MeterAggregate[]> {
  const rows = await aggregate(tx, {
    withUnits: q.withUnits,
    start: q.start,
    end: q.end,
    eventsThrough: q.eventsThrough,
    one: true,
    accounts: [{ accountId: q.accountId, segmentStarts: [q.start, ...q.segmentStarts], lateAfter: q.lateAfter, lateBefore: q.lateBefore }],
  });
  return rows[0] ? unpackAggregates(rows[0].groups) : [];
}

/**
 * Every account of a run in one pass over the period's events, each account with its own
 * segment starts and late window; the same sums as aggregateEvents, packed per account
 * (`unpackAggregates`). Accounts not asked for (a finalized invoice) are dropped.
 */
export async function aggregateAllEvents(
  tx: Executor,
  q: { start: Date; end: Date; eventsThrough: Date; accounts: AccountBounds[]; withUnits: boolean },
): Promise<Map<string, string>> {
  const rows = await aggregate(tx, { ...q, one: false });
  const wanted = new Set(q.accounts.map((a) => a.accountId));
  const byAccount = new Map<string, string>();
  for (const r of rows) if (wanted.has(r.account_id)) byAccount.set(r.account_id, r.groups);
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
           -- The account's first event from the period's start, one probe of (account_id, occurred_at).
           AND ((SELECT e.occurred_at FROM billable_events e WHERE e.account_id = a.id AND e.occurred_at >= ${q.start.toISOString()}::timestamptz
                  ORDER BY e.occurred_at LIMIT 1) < ${q.end.toISOString()}::timestamptz
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

/** Every account's invoice for a period (status and time zone), for a run's one-pass preparation. */
export async function invoicesOfPeriod(tx: Executor, period: string): Promise<Map<string, { status: string; timeZone: string }>> {
  const rows = await selectRows<{ account_id: string; status: string; time_zone: string }>(
    tx,
    sql`SELECT account_id, status, time_zone FROM invoices WHERE period = ${period} AND document_type = 'invoice'`,
  );
  return new Map(rows.map((r) => [r.account_id, { status: r.status, timeZone: r.time_zone }]));
}

/** Each account's last finalized invoice before a period: its events_through and period end (the late window). */
export async function lastFinalizedBeforeAll(tx: Executor, period: string): Promise<Map<string, { eventsThrough: Date; periodEnd: Date }>> {
  const rows = await selectRows<{ account_id: string; events_through: string | Date; period_end: string | Date }>(
    tx,
    sql`SELECT DISTINCT ON (account_id) account_id, events_through, period_end FROM invoices
         WHERE document_type = 'invoice' AND status = 'finalized' AND period < ${period}
         ORDER BY account_id, period DESC`,
  );
  return new Map(rows.map((r) => [r.account_id, { eventsThrough: new Date(r.events_through), periodEnd: new Date(r.period_end) }]));
}

/** Accounts with an active plan card of their own (the others share the standard card's segments). */
export async function accountsWithPlans(tx: Executor): Promise<Set<string>> {
  const rows = await selectRows<{ account_id: string }>(
    tx,
    sql`SELECT DISTINCT account_id FROM rate_cards WHERE kind = 'account_plan' AND status = 'active' AND account_id IS NOT NULL`,
  );
  return new Set(rows.map((r) => r.account_id));
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
