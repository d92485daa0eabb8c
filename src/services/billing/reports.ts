/**
 * Billing reports: what the seller's operations actually cost, read from its invoices.
 *
 * Every figure is a SQL aggregate over invoice lines or billable events (GROUP BY month, module,
 * age band, carrier) — never a loop over rows — so a year of a large seller is a handful of
 * scans bounded by the (account, period) indexes:
 *
 * - **months**: per billed month and currency, the invoices' total (credit notes included), the
 *   orders and units shipped (events whose kind the meter map sends to the `order` meter; units
 *   are their `units` attribute, 1 an order when absent), cost per order and per unit, storage
 *   and long-term storage subtotals and the ft³·months stored.
 * - **modules**: Σ of line amounts per month and fee module (the fee mix).
 * - **ageing**: ft³·months stored per age band (0–90, 91–180, 181–270, 271–365, 366+ days, read
 *   from each daily snapshot's `age_days`), and the long-term storage charged per band of the card.
 * - **carriers**: postage events (kinds starting `postage`) per carrier and service.
 * - **variance**: one account's latest quote against the actual months: each fee module per unit
 *   (and per month), actual − quoted.
 *
 * Ratios (per order, per unit, per month) are exact decimals rounded half-up to 4 places: they
 * are indicators beside the money, never amounts billed.
 */
import { Decimal } from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import { parsePeriod } from '../../domain/billing/period.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { inScope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';

/** Fixed ageing bands of the stored volume (days, inclusive), as on the inventory ageing page. */
export const AGE_BANDS = [
  { band: '0-90', from: 0, to: 90 },
  { band: '91-180', from: 91, to: 180 },
  { band: '181-270', from: 181, to: 270 },
  { band: '271-365', from: 271, to: 365 },
  { band: '366+', from: 366, to: null },
] as const;

export interface ReportQuery {
  from: string;
  to: string;
  accountId?: string;
}

export interface MonthRow {
  period: string;
  currency: string;
  invoices: number;
  totalMinor: bigint;
  storageMinor: bigint;
  longTermMinor: bigint;
  orders: string;
  units: string;
  ft3Months: string;
  perOrder: string | null;
  perUnit: string | null;
}

export interface ModuleRow {
  period: string;
  currency: string;
  module: string;
  amountMinor: bigint;
}

export interface AgeingRow {
  period: string;
  band: string;
  ft3Months: string;
}

export interface LongTermBandRow {
  period: string;
  currency: string;
  /** (above, upTo] days of the card's band; upTo null: no upper bound. */
  above: string | null;
  upTo: string | null;
  quantity: string;
  amountMinor: bigint;
}

export interface CarrierRow {
  carrier: string;
  service: string;
  parcels: number;
  share: string;
}

export interface VarianceRow {
  module: string;
  quoteMonthlyMinor: bigint;
  actualMonthlyMinor: bigint;
  varianceMonthlyMinor: bigint;
  quotePerUnit: string | null;
  actualPerUnit: string | null;
  variancePerUnit: string | null;
}

export interface Variance {
  quoteId: string;
  quoteDate: string | null;
  quotedAt: Date;
  currency: string;
  /** The invoices' currency; when it differs from the quote's, the amounts are not comparable and rows are empty. */
  actualCurrency: string | null;
  comparable: boolean;
  quoteUnitsPerMonth: string | null;
  quoteOrdersPerMonth: string | null;
  actualUnits: string;
  actualOrders: string;
  months: number;
  rows: VarianceRow[];
  quoteTotalMonthlyMinor: bigint;
  actualTotalMonthlyMinor: bigint;
}

export interface BillingReport {
  from: string;
  to: string;
  accountId: string | null;
  months: MonthRow[];
  modules: ModuleRow[];
  ageing: AgeingRow[];
  longTerm: LongTermBandRow[];
  carriers: CarrierRow[];
  variance: Variance | null;
}

const MAX_MONTHS = 36;

const invalid = (path: string, en: string, zh: string): AppError =>
  appError('validation_failed', en, [{ path: [path], code: 'invalid_period', message: en, messages: { en, zh } }]);

/** Rounded ratio a ÷ b to 4 places (half-up), or null when b is 0. */
export function ratio(a: Decimal.Value, b: Decimal.Value): string | null {
  const d = new Decimal(b);
  if (d.isZero()) return null;
  return new Decimal(a).dividedBy(d).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

/** Minor units as a major-unit decimal (2-decimal currencies and 0-decimal ones alike handled by the caller's exponent). */
const major = (minor: bigint, exponent: number) => new Decimal(minor.toString()).dividedBy(new Decimal(10).pow(exponent));

export function createBillingReports(deps: Pick<ServiceDeps, 'database'>, exponentOf: (currency: string) => number) {
  const db = deps.database.db;

  async function report(actor: Actor, query: ReportQuery): Promise<Result<BillingReport, AppError>> {
    const from = parsePeriod(query.from);
    if (!from) return err(invalid('from', 'from must be a month, YYYY-MM.', 'from 须为月份，格式 YYYY-MM。'));
    const to = parsePeriod(query.to);
    if (!to) return err(invalid('to', 'to must be a month, YYYY-MM.', 'to 须为月份，格式 YYYY-MM。'));
    if (from.code > to.code) return err(invalid('to', 'to must not be before from.', 'to 不能早于 from。'));
    const span = monthsBetween(from.code, to.code);
    if (span > MAX_MONTHS) return err(invalid('to', `Report at most ${MAX_MONTHS} months at a time.`, `每次最多统计 ${MAX_MONTHS} 个月。`));
    // A seller sees its own account only: naming another is "no such account" (the wall does not say more).
    if (actor.accountId && query.accountId && query.accountId !== actor.accountId) return err(appError('not_found', 'No such account.'));
    const accountId = actor.accountId ?? query.accountId ?? null;

    return inScope(db, scopeOf(actor), async (tx) => {
      if (accountId) {
        const [found] = await selectRows<{ id: string }>(tx, sql`SELECT id FROM accounts WHERE id = ${accountId}`);
        if (!found) return err(appError('not_found', 'No such account.'));
      }
      const scope = { from: from.code, to: to.code, accountId };
      const events = foldEvents(await eventRows(tx, scope));
      const months = await monthRows(tx, scope, events.volume, exponentOf);
      const modules = await moduleRows(tx, scope);
      const longTerm = await longTermRows(tx, scope);
      const { ageing, carriers } = events;
      const variance = accountId ? await varianceOf(tx, accountId, months, modules, exponentOf) : null;
      return ok({ from: from.code, to: to.code, accountId, months, modules, ageing, longTerm, carriers, variance });
    });
  }

  return { report };
}

export type BillingReports = ReturnType<typeof createBillingReports>;

interface Scope {
  from: string;
  to: string;
  accountId: string | null;
}

/** The invoices (not credit notes) of the months reported: their windows bound the events read. */
function invoiceWhere(s: Scope, alias = 'i'): SQL {
  const a = sql.raw(alias);
  return sql`${a}.document_type = 'invoice' AND ${a}.period BETWEEN ${s.from} AND ${s.to}${s.accountId ? sql` AND ${a}.account_id = ${s.accountId}` : sql``}`;
}

/** Invoice and credit-note lines of the months reported. */
function documentWhere(s: Scope, alias = 'd'): SQL {
  const a = sql.raw(alias);
  return sql`${a}.period BETWEEN ${s.from} AND ${s.to}${s.accountId ? sql` AND ${a}.account_id = ${s.accountId}` : sql``}`;
}

/** Events of each invoice's own window (its period in its time zone), joined set-wise. */
const EVENTS_OF_INVOICE = sql`e.account_id = i.account_id AND e.occurred_at >= i.period_start AND e.occurred_at < i.period_end`;
const DAYS_OF_INVOICE = sql`((i.period_end AT TIME ZONE i.time_zone)::date - (i.period_start AT TIME ZONE i.time_zone)::date)`;

/** The events of the invoices' windows read once: one row per (month, currency, age band, carrier, service). */
interface EventGroup {
  period: string;
  currency: string;
  band: string | null;
  carrier: string | null;
  service: string | null;
  orders: string;
  units: string;
  ft3_months: string;
  parcels: string;
}

async function eventRows(tx: Executor, s: Scope): Promise<EventGroup[]> {
  const band = sql.join(
    AGE_BANDS.map((b) =>
      b.to === null ? sql`ELSE ${b.band}` : sql`WHEN (e.attributes ->> 'age_days')::numeric <= ${sql.raw(String(b.to))} THEN ${b.band}`,
    ),
    sql` `,
  );
  const postage = sql`e.kind LIKE 'postage%'`;
  return selectRows<EventGroup>(
    tx,
    sql`WITH order_kinds AS (SELECT DISTINCT event_kind, event_unit FROM billing_meter_map WHERE meter = 'order')
        SELECT i.period, i.currency,
               CASE WHEN e.kind = 'storage_lot_day' AND jsonb_typeof(e.attributes -> 'age_days') = 'number' THEN CASE ${band} END END AS band,
               CASE WHEN ${postage} THEN coalesce(e.attributes ->> 'carrier', '') END AS carrier,
               CASE WHEN ${postage} THEN coalesce(e.attributes ->> 'service', '') END AS service,
               coalesce(sum(e.quantity) FILTER (WHERE ok.event_kind IS NOT NULL), 0)::text AS orders,
               coalesce(sum(CASE WHEN jsonb_typeof(e.attributes -> 'units') = 'number' THEN (e.attributes ->> 'units')::numeric ELSE e.quantity END)
                          FILTER (WHERE ok.event_kind IS NOT NULL), 0)::text AS units,
               coalesce(sum(e.quantity / ${DAYS_OF_INVOICE}) FILTER (WHERE e.kind = 'storage_lot_day'), 0)::text AS ft3_months,
               count(*) FILTER (WHERE ${postage})::text AS parcels
          FROM invoices i
          JOIN billable_events e ON ${EVENTS_OF_INVOICE}
          LEFT JOIN order_kinds ok ON ok.event_kind = e.kind AND ok.event_unit = e.unit
         WHERE ${invoiceWhere(s)} AND (ok.event_kind IS NOT NULL OR e.kind = 'storage_lot_day' OR ${postage})
         GROUP BY 1, 2, 3, 4, 5`,
  );
}

interface Volume {
  orders: Decimal;
  units: Decimal;
  ft3Months: Decimal;
}

/** The grouped event rows folded into the month volumes, the ageing bands and the carrier mix (tens of rows, not events). */
function foldEvents(rows: EventGroup[]): { volume: Map<string, Volume>; ageing: AgeingRow[]; carriers: CarrierRow[] } {
  const volume = new Map<string, Volume>();
  const bands = new Map<string, Decimal>();
  const carriers = new Map<string, { carrier: string; service: string; parcels: number }>();
  for (const r of rows) {
    const key = `${r.period}|${r.currency.trim()}`;
    const v = volume.get(key) ?? { orders: new Decimal(0), units: new Decimal(0), ft3Months: new Decimal(0) };
    volume.set(key, { orders: v.orders.plus(r.orders), units: v.units.plus(r.units), ft3Months: v.ft3Months.plus(r.ft3_months) });
    if (r.band !== null) bands.set(`${r.period}|${r.band}`, (bands.get(`${r.period}|${r.band}`) ?? new Decimal(0)).plus(r.ft3_months));
    if (r.carrier !== null) {
      const c = `${r.carrier}|${r.service ?? ''}`;
      const found = carriers.get(c) ?? { carrier: r.carrier, service: r.service ?? '', parcels: 0 };
      carriers.set(c, { ...found, parcels: found.parcels + Number(r.parcels) });
    }
  }
  const order = new Map<string, number>(AGE_BANDS.map((b, i) => [b.band, i]));
  const ageing = [...bands.entries()]
    .map(([key, ft3]) => {
      const [period, band] = key.split('|') as [string, string];
      return { period, band, ft3Months: ft3.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4) };
    })
    .sort((a, b) => a.period.localeCompare(b.period) || (order.get(a.band) ?? 0) - (order.get(b.band) ?? 0));
  const total = [...carriers.values()].reduce((n, c) => n + c.parcels, 0);
  const mix = [...carriers.values()]
    .sort((a, b) => b.parcels - a.parcels || a.carrier.localeCompare(b.carrier) || a.service.localeCompare(b.service))
    .map((c) => ({ ...c, share: ratio(c.parcels, total) ?? '0.0000' }));
  return { volume, ageing, carriers: mix };
}

async function monthRows(
  tx: Executor,
  s: Scope,
  volumes: Map<string, Volume>,
  exponentOf: (currency: string) => number,
): Promise<MonthRow[]> {
  const rows = await selectRows<{ period: string; currency: string; invoices: string; total: string; storage: string; long_term: string }>(
    tx,
    sql`WITH docs AS (
          SELECT d.period, d.currency, count(*) FILTER (WHERE d.document_type = 'invoice') AS invoices, sum(d.total_minor) AS total
            FROM invoices d WHERE ${documentWhere(s)}
           GROUP BY 1, 2),
        mods AS (
          SELECT d.period, d.currency,
                 coalesce(sum(l.amount_minor) FILTER (WHERE l.module = 'storage'), 0) AS storage,
                 coalesce(sum(l.amount_minor) FILTER (WHERE l.module = 'long_term_storage'), 0) AS long_term
            FROM invoices d JOIN invoice_lines l ON l.invoice_id = d.id
           WHERE ${documentWhere(s)}
           GROUP BY 1, 2)
        SELECT docs.period, docs.currency, docs.invoices::text AS invoices, docs.total::text AS total,
               coalesce(mods.storage, 0)::text AS storage, coalesce(mods.long_term, 0)::text AS long_term
          FROM docs LEFT JOIN mods ON mods.period = docs.period AND mods.currency = docs.currency
         ORDER BY docs.period, docs.currency`,
  );
  return rows.map((r) => {
    const currency = r.currency.trim();
    const total = BigInt(r.total);
    const amount = major(total, exponentOf(currency));
    const v = volumes.get(`${r.period}|${currency}`) ?? { orders: new Decimal(0), units: new Decimal(0), ft3Months: new Decimal(0) };
    return {
      period: r.period,
      currency,
      invoices: Number(r.invoices),
      totalMinor: total,
      storageMinor: BigInt(r.storage),
      longTermMinor: BigInt(r.long_term),
      orders: v.orders.toString(),
      units: v.units.toString(),
      ft3Months: v.ft3Months.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
      perOrder: ratio(amount, v.orders),
      perUnit: ratio(amount, v.units),
    };
  });
}

async function moduleRows(tx: Executor, s: Scope): Promise<ModuleRow[]> {
  const rows = await selectRows<{ period: string; currency: string; module: string; amount: string }>(
    tx,
    sql`SELECT d.period, d.currency, l.module, sum(l.amount_minor)::text AS amount
          FROM invoices d JOIN invoice_lines l ON l.invoice_id = d.id
         WHERE ${documentWhere(s)}
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3`,
  );
  return rows.map((r) => ({ period: r.period, currency: r.currency.trim(), module: r.module, amountMinor: BigInt(r.amount) }));
}

async function longTermRows(tx: Executor, s: Scope): Promise<LongTermBandRow[]> {
  const rows = await selectRows<{
    period: string;
    currency: string;
    above: string | null;
    up_to: string | null;
    quantity: string;
    amount: string;
  }>(
    tx,
    sql`SELECT d.period, d.currency, l.selector -> 'group' ->> 'above' AS above, l.selector -> 'group' ->> 'upTo' AS up_to,
               sum(l.quantity::numeric)::text AS quantity, sum(l.amount_minor)::text AS amount
          FROM invoices d JOIN invoice_lines l ON l.invoice_id = d.id
         WHERE ${documentWhere(s)} AND d.document_type = 'invoice' AND l.module = 'long_term_storage'
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, (l.selector -> 'group' ->> 'above')::numeric NULLS FIRST`,
  );
  return rows.map((r) => ({
    period: r.period,
    currency: r.currency.trim(),
    above: r.above,
    upTo: r.up_to,
    quantity: trimDecimal(r.quantity),
    amountMinor: BigInt(r.amount),
  }));
}

/** The account's latest quote against its billed months: per fee module, per unit and per month. */
async function varianceOf(
  tx: Executor,
  accountId: string,
  months: MonthRow[],
  modules: ModuleRow[],
  exponentOf: (currency: string) => number,
): Promise<Variance | null> {
  const [quote] = await selectRows<{
    id: string;
    created_at: string | Date;
    currency: string;
    quote_date: string | null;
    units: string | null;
    orders: string | null;
    by_module: { module: string; total: { amount_minor: string } }[] | string | null;
    monthly: string;
  }>(
    tx,
    sql`SELECT id, created_at, currency, result ->> 'quoteDate' AS quote_date,
               result -> 'volumes' ->> 'unitsPerMonth' AS units, result -> 'volumes' ->> 'ordersPerMonth' AS orders,
               result -> 'byModule' AS by_module, monthly_total_minor::text AS monthly
          FROM quotes WHERE account_id = ${accountId}
         ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  if (!quote) return null;
  const currency = quote.currency.trim();
  const byModule = (typeof quote.by_module === 'string' ? JSON.parse(quote.by_module) : (quote.by_module ?? [])) as {
    module: string;
    total: { amount_minor: string };
  }[];
  const currencies = [...new Set(months.map((m) => m.currency))];
  const actualCurrency = currencies.length === 1 ? (currencies[0] as string) : currencies.length === 0 ? null : 'mixed';
  const comparable = actualCurrency === currency;
  const billed = months.filter((m) => m.currency === currency && m.invoices > 0);
  const count = billed.length;
  const units = billed.reduce((n, m) => n.plus(m.units), new Decimal(0));
  const orders = billed.reduce((n, m) => n.plus(m.orders), new Decimal(0));
  const exponent = exponentOf(currency);
  const quoteUnits = quote.units ? new Decimal(quote.units) : new Decimal(0);

  const quoted = new Map(byModule.map((m) => [m.module, BigInt(m.total.amount_minor)]));
  const actual = new Map<string, bigint>();
  for (const m of modules) if (m.currency === currency) actual.set(m.module, (actual.get(m.module) ?? 0n) + m.amountMinor);
  const names = [...new Set([...quoted.keys(), ...actual.keys()])];
  const rows: VarianceRow[] = comparable
    ? names.map((module) => {
        const q = quoted.get(module) ?? 0n;
        const a = actual.get(module) ?? 0n;
        // Actual per month: the months' sum ÷ months billed, rounded half-up to the minor unit.
        const monthly = count > 0 ? divideRound(a, BigInt(count)) : 0n;
        const quotePerUnit = ratio(major(q, exponent), quoteUnits);
        const actualPerUnit = ratio(major(a, exponent), units);
        return {
          module,
          quoteMonthlyMinor: q,
          actualMonthlyMinor: monthly,
          varianceMonthlyMinor: monthly - q,
          quotePerUnit,
          actualPerUnit,
          variancePerUnit:
            quotePerUnit !== null && actualPerUnit !== null ? new Decimal(actualPerUnit).minus(quotePerUnit).toFixed(4) : null,
        };
      })
    : [];
  const actualTotal = billed.reduce((n, m) => n + m.totalMinor, 0n);
  return {
    quoteId: quote.id,
    quoteDate: quote.quote_date,
    quotedAt: new Date(quote.created_at),
    currency,
    actualCurrency,
    comparable,
    quoteUnitsPerMonth: quote.units,
    quoteOrdersPerMonth: quote.orders,
    actualUnits: units.toString(),
    actualOrders: orders.toString(),
    months: count,
    rows,
    quoteTotalMonthlyMinor: BigInt(quote.monthly),
    actualTotalMonthlyMinor: count > 0 ? divideRound(actualTotal, BigInt(count)) : 0n,
  };
}

/** a ÷ b rounded half away from zero, in integers (minor units). */
export function divideRound(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  const q = (x * 2n + y) / (y * 2n);
  return negative ? -q : q;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function trimDecimal(text: string): string {
  return new Decimal(text).toString();
}
