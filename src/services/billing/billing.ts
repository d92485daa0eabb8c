/**
 * Billing runs, invoices, credit notes and the drill-down.
 *
 * A run bills a period account by account, each in its own transaction under an advisory lock on
 * (account, period): the draft is written (or rewritten, identically when nothing changed) with
 * the run's progress in the same commit. A killed run leaves whole accounts done or untouched,
 * so running the period again finishes it with exactly one invoice per account; two runs at once
 * queue on the lock and the second rewrites the first's draft. Finalized invoices are skipped.
 */
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import {
  type Bill,
  type BillLine,
  billFor,
  type CardSegment,
  type LineSelector,
  type MeterAggregate,
  readsUnits,
} from '../../domain/billing/bill.js';
import {
  type BillingPeriod,
  addDaysTo,
  DEFAULT_BILLING_TIME_ZONE,
  midnight,
  parsePeriod,
  periodWindow,
} from '../../domain/billing/period.js';
import {
  type CurrencyCode,
  currencyExponent,
  isCurrencyCode,
  money,
  moneyFromDecimal,
  sum,
  toDecimalString,
} from '../../domain/money/index.js';
import type { Formula } from '../../domain/pricing/index.js';
import type { QuoteCards } from '../../domain/quotes/quote-engine.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Executor, selectRows } from '../../db/connect.js';
import {
  type AccountBounds,
  accountsToBill,
  accountsWithPlans,
  invoicesOfPeriod,
  lastFinalizedBeforeAll,
  aggregateAllEvents,
  aggregateEvents,
  checkLine,
  creditedSoFar,
  type EventRow,
  eventsOfLine,
  findInvoice,
  findInvoiceForPeriod,
  findLine,
  insertInvoice,
  insertLines,
  type InvoiceLineRow,
  type InvoiceRow,
  lastFinalizedBefore,
  linesOf,
  listInvoices,
  lockAccountPeriod,
  lockInvoice,
  markFinalized,
  type NewInvoiceLineRow,
  replaceDraft,
  unpackAggregates,
} from '../../db/repositories/billing.js';
import { nextNumber } from '../../db/repositories/inventory-ledger.js';
import { billingRuns } from '../../db/schema.js';
import { inScope, PROVIDER_SCOPE, type Scope } from '../../db/tenancy.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { asResult, unwrap } from '../inventory/common.js';
import type { RateCardService } from '../rate-cards/rate-cards.js';

export type RunRow = typeof billingRuns.$inferSelect;

export interface RunOptions {
  period: string;
  accountCode?: string;
  /** Called after each account, for a progress bar. */
  onProgress?: (run: RunRow) => void;
  /** Tests: throw after this many accounts, as a killed process would stop. */
  failAfter?: number;
}

export interface InvoiceView {
  invoice: InvoiceRow;
  accountCode: string;
  lines: InvoiceLineRow[];
  /** Σ of credit notes written against it (minor units, ≤ 0). */
  credited: bigint;
  creditNotes: { id: string; number: string | null; totalMinor: bigint }[];
}

export interface LineEvents {
  line: InvoiceLineRow;
  events: EventRow[];
  nextCursor: string | null;
  /** The line's events counted again now: equal to what the line stored, or the line no longer matches. */
  check: { eventCount: number; eventQuantity: string; matches: boolean };
}

export interface DetailRow {
  line: InvoiceLineRow;
  event: EventRow | null;
}

/** One account's share of a run's one-pass aggregation. */
interface Prepared {
  segments: CardSegment[];
  lateAfter: Date | null;
  lateBefore: Date | null;
  eventsThrough: Date;
  /** The account's sums, packed (`unpackAggregates`), '[]' when it had no events. */
  packed: string;
}

const FX_EQUIVALENT: CurrencyCode = 'CNY';
const STALE_RUN_MS = 10 * 60_000;

export function createBillingService(deps: ServiceDeps, rateCards: RateCardService) {
  const { database, clock, ids } = deps;
  const db = database.db;

  function staffOnly(actor: Actor): Result<void, AppError> {
    return actor.accountId
      ? err(appError('forbidden', 'Billing runs, finalizing and credit notes are for provider finance.'))
      : ok(undefined);
  }

  async function accountByCode(tx: Executor, code: string): Promise<{ id: string; code: string } | undefined> {
    const [row] = await selectRows<{ id: string; code: string }>(
      tx,
      sql`SELECT id, code FROM accounts WHERE lower(code) = ${code.toLowerCase()}`,
    );
    return row;
  }

  /** The card versions in effect over the period, split where a version takes effect. */
  async function segmentsFor(
    tx: Executor,
    accountId: string,
    period: BillingPeriod,
    timeZone: string,
  ): Promise<Result<CardSegment[], AppError>> {
    const dates = await selectRows<{ d: string }>(
      tx,
      sql`SELECT DISTINCT v.effective_from::text AS d FROM rate_card_versions v JOIN rate_cards c ON c.id = v.card_id
           WHERE (c.account_id IS NULL OR c.account_id = ${accountId}) AND c.status = 'active'
             AND v.effective_from > ${period.firstDay}::date AND v.effective_from <= ${period.lastDay}::date
           ORDER BY 1`,
    );
    const starts = [period.firstDay, ...dates.map((r) => r.d)];
    const segments: CardSegment[] = [];
    let previous = '';
    for (const [i, from] of starts.entries()) {
      const cards = await rateCards.resolveForQuote(tx, PROVIDER_SCOPE, accountId, from);
      if (!cards.ok) return err(appError('invalid_state', `No rate card in effect on ${from} for this account: ${cards.error.message}`));
      const signature = cardSignature(cards.value);
      const to = i + 1 < starts.length ? addDaysTo(starts[i + 1] as string, -1) : period.lastDay;
      const last = segments[segments.length - 1];
      if (last && signature === previous) {
        last.to = to;
        last.end = midnight(addDaysTo(to, 1), timeZone).toISOString();
        continue;
      }
      previous = signature;
      segments.push({
        index: segments.length,
        from,
        to,
        start: midnight(from, timeZone).toISOString(),
        end: midnight(addDaysTo(to, 1), timeZone).toISOString(),
        cards: cards.value,
      });
    }
    return ok(segments);
  }

  /**
   * Computes one account's bill for a period (nothing written): from the run's one-pass
   * aggregation when it is still valid for the account (same late window), else on its own.
   */
  async function compute(
    tx: Executor,
    accountId: string,
    period: BillingPeriod,
    timeZone: string,
    now: Date,
    prepared?: Prepared,
  ): Promise<
    Result<
      { bill: Bill; eventsThrough: Date; window: { start: Date; end: Date; lateAfter: Date | null; lateBefore: Date | null } },
      AppError
    >
  > {
    const window = periodWindow(period, timeZone);
    const previous = await lastFinalizedBefore(tx, accountId, period.code);
    const lateAfter = previous?.eventsThrough ?? null;
    const lateBefore = previous?.periodEnd ?? null;
    const usable =
      prepared !== undefined &&
      timeZone === DEFAULT_BILLING_TIME_ZONE &&
      (prepared.lateAfter?.getTime() ?? null) === (lateAfter?.getTime() ?? null) &&
      (prepared.lateBefore?.getTime() ?? null) === (lateBefore?.getTime() ?? null);
    const eventsThrough = usable ? prepared.eventsThrough : now;
    let segments: CardSegment[];
    let aggregates: MeterAggregate[];
    if (usable) {
      segments = prepared.segments;
      aggregates = unpackAggregates(prepared.packed);
    } else {
      const found = await segmentsFor(tx, accountId, period, timeZone);
      if (!found.ok) return found;
      segments = found.value;
      aggregates = await aggregateEvents(tx, {
        accountId,
        start: window.start,
        end: window.end,
        segmentStarts: segments.slice(1).map((s) => new Date(s.start)),
        eventsThrough,
        lateAfter,
        lateBefore,
        withUnits: readsUnits(segments),
      });
    }
    const bill = billFor({
      accountId,
      period,
      segments,
      aggregates,
      window: {
        eventsThrough: eventsThrough.toISOString(),
        lateAfter: lateAfter?.toISOString() ?? null,
        lateBefore: lateBefore?.toISOString() ?? null,
      },
      fxCurrency: FX_EQUIVALENT,
    });
    if (!bill.ok)
      return err(
        appError('invalid_state', bill.error.message.en, [
          { code: bill.error.code, message: bill.error.message.en, messages: bill.error.message },
        ]),
      );
    return ok({ bill: bill.value, eventsThrough, window: { ...window, lateAfter, lateBefore } });
  }

  /** Bills one account inside the caller's transaction; 'skipped' when its invoice is finalized. */
  async function billAccount(
    tx: Executor,
    accountId: string,
    period: BillingPeriod,
    runId: string | null,
    prepared?: Prepared,
  ): Promise<Result<{ invoiceId: string; outcome: 'written' | 'skipped' }, AppError>> {
    await lockAccountPeriod(tx, accountId, period.code);
    const existing = await findInvoiceForPeriod(tx, accountId, period.code);
    if (existing?.status === 'finalized') return ok({ invoiceId: existing.id, outcome: 'skipped' });
    const timeZone = existing?.timeZone ?? DEFAULT_BILLING_TIME_ZONE;
    const now = clock.now();
    const computed = await compute(tx, accountId, period, timeZone, now, prepared);
    if (!computed.ok) return computed;
    const { bill, window, eventsThrough } = computed.value;
    const invoiceId = existing?.id ?? ids.next();
    const header = {
      currency: bill.currency,
      totalMinor: bill.total.minor,
      fxCurrency: bill.fx?.currency ?? null,
      fxRate: bill.fx?.rate ?? null,
      fxDate: bill.fx?.date ?? null,
      fxTotalMinor: bill.fx?.total.minor ?? null,
      periodStart: window.start,
      periodEnd: window.end,
      timeZone,
      eventsThrough,
      lateAfter: window.lateAfter,
      lateBefore: window.lateBefore,
      cards: bill.cards,
      warnings: bill.warnings,
      runId,
      computedAt: now,
    };
    const lines = bill.lines.map((line, i) => lineRow(invoiceId, accountId, i + 1, line));
    if (existing) await replaceDraft(tx, existing.id, header, lines);
    else {
      await insertInvoice(tx, {
        id: invoiceId,
        accountId,
        documentType: 'invoice',
        period: period.code,
        status: 'draft',
        createdAt: now,
        ...header,
      });
      await insertLines(tx, lines);
    }
    return ok({ invoiceId, outcome: 'written' });
  }

  async function updateRun(tx: Executor, id: string, patch: Partial<RunRow>): Promise<RunRow> {
    const [row] = await tx
      .update(billingRuns)
      .set({ ...patch, updatedAt: clock.now() })
      .where(sql`${billingRuns.id} = ${id}`)
      .returning();
    return row as RunRow;
  }

  /** Creates the run row (status running) and the list of accounts to bill. */
  async function startRun(
    actor: Actor,
    options: RunOptions,
  ): Promise<Result<{ run: RunRow; accounts: { id: string; code: string }[]; period: BillingPeriod }, AppError>> {
    const staff = staffOnly(actor);
    if (!staff.ok) return staff;
    const period = parsePeriod(options.period);
    if (!period)
      return err(
        appError('validation_failed', `period must be YYYY-MM, got "${options.period}".`, [
          {
            path: ['period'],
            code: 'invalid_period',
            message: 'Use a month such as 2026-11.',
            messages: { en: 'Use a month such as 2026-11.', zh: '请填写月份，如 2026-11。' },
          },
        ]),
      );
    return inScope(db, PROVIDER_SCOPE, async (tx) => {
      let accountId: string | undefined;
      if (options.accountCode) {
        const account = await accountByCode(tx, options.accountCode);
        if (!account)
          return err(
            appError('not_found', `No account ${options.accountCode}.`, [
              { path: ['account_code'], code: 'not_found', message: `No account ${options.accountCode}.` },
            ]),
          );
        accountId = account.id;
      }
      const now = clock.now();
      // Runs that stopped reporting long ago were killed: say so (their accounts are billed again now).
      await tx
        .update(billingRuns)
        .set({ status: 'abandoned', updatedAt: now, finishedAt: now })
        .where(
          sql`${billingRuns.status} = 'running' AND ${billingRuns.updatedAt} < ${new Date(now.getTime() - STALE_RUN_MS).toISOString()}::timestamptz`,
        );
      const window = periodWindow(period, DEFAULT_BILLING_TIME_ZONE);
      const accounts = await accountsToBill(tx, { period: period.code, start: window.start, end: window.end, accountId });
      const [run] = await tx
        .insert(billingRuns)
        .values({
          id: ids.next(),
          period: period.code,
          accountId: accountId ?? null,
          status: 'running',
          accountsTotal: accounts.length,
          accountsDone: 0,
          invoicesWritten: 0,
          accountsSkipped: 0,
          requestedBy: actor.userId,
          startedAt: now,
          updatedAt: now,
        })
        .returning();
      return ok({ run: run as RunRow, accounts, period });
    });
  }

  /**
   * Segments, late windows and aggregates of every account of a run, read in one transaction:
   * the events in one pass. Accounts whose invoice is finalized are left out (skipped later).
   */
  async function prepareAll(accounts: { id: string }[], period: BillingPeriod): Promise<Map<string, Prepared>> {
    const eventsThrough = clock.now();
    const window = periodWindow(period, DEFAULT_BILLING_TIME_ZONE);
    return inScope(db, PROVIDER_SCOPE, async (tx) => {
      const bounds: (AccountBounds & { segments: CardSegment[] })[] = [];
      const invoices = await invoicesOfPeriod(tx, period.code);
      const finalized = await lastFinalizedBeforeAll(tx, period.code);
      const withPlans = await accountsWithPlans(tx);
      // Accounts without a plan of their own all bill on the standard card: resolve it once.
      let standardSegments: CardSegment[] | undefined;
      for (const account of accounts) {
        const existing = invoices.get(account.id);
        if (existing?.status === 'finalized' || (existing && existing.timeZone !== DEFAULT_BILLING_TIME_ZONE)) continue;
        let segments = withPlans.has(account.id) ? undefined : standardSegments;
        if (!segments) {
          const found = await segmentsFor(tx, account.id, period, DEFAULT_BILLING_TIME_ZONE);
          // An account whose cards cannot be resolved is billed on its own, which reports why.
          if (!found.ok) continue;
          segments = found.value;
          if (!withPlans.has(account.id)) standardSegments = segments;
        }
        const previous = finalized.get(account.id);
        bounds.push({
          accountId: account.id,
          segments,
          segmentStarts: segments.map((s) => new Date(s.start)),
          lateAfter: previous?.eventsThrough ?? null,
          lateBefore: previous?.periodEnd ?? null,
        });
      }
      const aggregates =
        bounds.length === 0
          ? new Map<string, string>()
          : await aggregateAllEvents(tx, {
              start: window.start,
              end: window.end,
              eventsThrough,
              accounts: bounds,
              withUnits: bounds.some((b) => readsUnits(b.segments)),
            });
      return new Map(
        bounds.map((b) => [
          b.accountId,
          {
            segments: b.segments,
            lateAfter: b.lateAfter,
            lateBefore: b.lateBefore,
            eventsThrough,
            packed: aggregates.get(b.accountId) ?? '[]',
          },
        ]),
      );
    });
  }

  /** Bills every listed account, one transaction each, reporting progress on the run row. */
  async function executeRun(
    started: { run: RunRow; accounts: { id: string; code: string }[]; period: BillingPeriod },
    options: RunOptions,
  ): Promise<Result<RunRow, AppError>> {
    let run = started.run;
    let done = 0;
    try {
      // Many accounts: one pass over the period's events for all of them (the cost of a bare
      // GROUP BY); each account is then priced and written in its own transaction as before.
      const prepared = started.accounts.length > 1 ? await prepareAll(started.accounts, started.period) : new Map<string, Prepared>();
      for (const account of started.accounts) {
        if (options.failAfter !== undefined && done >= options.failAfter) throw new Error(`injected failure after ${done} accounts`);
        const mine = prepared.get(account.id);
        prepared.delete(account.id);
        run = unwrap(
          await asResult(() =>
            inScope(db, PROVIDER_SCOPE, async (tx) => {
              const result = await billAccount(tx, account.id, started.period, run.id, mine);
              // Say which account stopped the run: its cards need fixing before the period can finish.
              const billed = unwrap(result.ok ? result : err({ ...result.error, message: `${account.code}: ${result.error.message}` }));
              const [row] = await tx
                .update(billingRuns)
                .set({
                  accountsDone: sql`${billingRuns.accountsDone} + 1`,
                  invoicesWritten: sql`${billingRuns.invoicesWritten} + ${billed.outcome === 'written' ? 1 : 0}`,
                  accountsSkipped: sql`${billingRuns.accountsSkipped} + ${billed.outcome === 'skipped' ? 1 : 0}`,
                  updatedAt: clock.now(),
                })
                .where(sql`${billingRuns.id} = ${run.id}`)
                .returning();
              return ok(row as RunRow);
            }),
          ),
        );
        done += 1;
        options.onProgress?.(run);
      }
      run = await inScope(db, PROVIDER_SCOPE, (tx) => updateRun(tx, run.id, { status: 'completed', finishedAt: clock.now() }));
      return ok(run);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await inScope(db, PROVIDER_SCOPE, (tx) =>
        updateRun(tx, run.id, { status: 'failed', error: message.slice(0, 500), finishedAt: clock.now() }),
      );
      if (options.failAfter !== undefined) throw error;
      return err(appError('invalid_state', `The run stopped: ${message}. Run the period again to finish it.`));
    }
  }

  /** Runs a period to the end (CLI, tests). */
  async function run(actor: Actor, options: RunOptions): Promise<Result<RunRow, AppError>> {
    const started = await startRun(actor, options);
    if (!started.ok) return started;
    return executeRun(started.value, options);
  }

  /** Starts a run and returns at once; its progress is read with getRun (API). */
  async function runInBackground(actor: Actor, options: RunOptions): Promise<Result<RunRow, AppError>> {
    const started = await startRun(actor, options);
    if (!started.ok) return started;
    void executeRun(started.value, options).catch((error: unknown) => deps.log.error({ err: error }, 'billing run failed'));
    return ok(started.value.run);
  }

  async function getRun(actor: Actor, id: string): Promise<Result<RunRow, AppError>> {
    const staff = staffOnly(actor);
    if (!staff.ok) return staff;
    return inScope(db, scopeOf(actor), async (tx) => {
      const [row] = await tx.select().from(billingRuns).where(sql`${billingRuns.id} = ${id}`);
      return row ? ok(row) : err(appError('not_found', 'No such billing run.'));
    });
  }

  async function listRuns(actor: Actor, filter: { period?: string; after?: string; limit: number }): Promise<Result<RunRow[], AppError>> {
    const staff = staffOnly(actor);
    if (!staff.ok) return staff;
    return inScope(db, scopeOf(actor), async (tx) => {
      const rows = await tx
        .select()
        .from(billingRuns)
        .where(
          sql`true ${filter.period ? sql`AND ${billingRuns.period} = ${filter.period}` : sql``} ${filter.after ? sql`AND ${billingRuns.id} < ${filter.after}` : sql``}`,
        )
        .orderBy(sql`${billingRuns.id} DESC`)
        .limit(filter.limit + 1);
      return ok(rows);
    });
  }

  async function view(tx: Executor, invoice: InvoiceRow): Promise<InvoiceView> {
    const lines = await linesOf(tx, invoice.id);
    const credited = await creditedSoFar(tx, invoice.id);
    const notes = await selectRows<{ id: string; number: string | null; total_minor: string }>(
      tx,
      sql`SELECT id, number, total_minor::text FROM invoices WHERE credit_of = ${invoice.id} ORDER BY id`,
    );
    const [account] = await selectRows<{ code: string }>(tx, sql`SELECT code FROM accounts WHERE id = ${invoice.accountId}`);
    return {
      invoice,
      accountCode: account?.code ?? '',
      lines,
      credited: credited.total,
      creditNotes: notes.map((n) => ({ id: n.id, number: n.number, totalMinor: BigInt(n.total_minor) })),
    };
  }

  async function get(actor: Actor, id: string): Promise<Result<InvoiceView, AppError>> {
    return inScope(db, scopeOf(actor), async (tx) => {
      const invoice = await findInvoice(tx, scopeOf(actor), id);
      if (!invoice) return err(appError('not_found', 'No such invoice.'));
      return ok(await view(tx, invoice));
    });
  }

  async function list(
    actor: Actor,
    filter: {
      accountId?: string;
      accountCode?: string;
      period?: string;
      status?: string;
      documentType?: string;
      after?: string;
      limit: number;
    },
  ): Promise<Result<{ items: (InvoiceRow & { accountCode: string })[]; nextCursor: string | null }, AppError>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      let accountId = filter.accountId;
      if (filter.accountCode) {
        const account = await accountByCode(tx, filter.accountCode);
        if (!account || (actor.accountId && account.id !== actor.accountId)) return ok({ items: [], nextCursor: null });
        accountId = account.id;
      }
      const rows = await listInvoices(tx, scope, { ...filter, accountId });
      const items = rows.slice(0, filter.limit);
      const codes = new Map(
        (await selectRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM accounts`)).map((a) => [a.id, a.code]),
      );
      const last = items[items.length - 1];
      return ok({
        items: items.map((i) => ({ ...i, accountCode: codes.get(i.accountId) ?? '' })),
        nextCursor: rows.length > filter.limit && last ? Buffer.from(last.id).toString('base64url') : null,
      });
    });
  }

  /**
   * Draft → finalized: a gap-free number (the counter row is locked until commit, so a rolled-back
   * finalize leaves no gap), then never changed again (the database refuses it).
   */
  async function finalize(actor: Actor, id: string): Promise<Result<InvoiceView, AppError>> {
    const staff = staffOnly(actor);
    if (!staff.ok) return staff;
    return asResult(() =>
      inScope(db, PROVIDER_SCOPE, async (tx) => {
        const found = await findInvoice(tx, PROVIDER_SCOPE, id);
        if (!found) return err(appError('not_found', 'No such invoice.'));
        await lockAccountPeriod(tx, found.accountId, found.period);
        await lockInvoice(tx, id);
        const invoice = (await findInvoice(tx, PROVIDER_SCOPE, id)) as InvoiceRow;
        if (invoice.status === 'finalized') return err(appError('invalid_state', `Invoice ${invoice.number} is already finalized.`));
        // Periods close in order: an earlier draft would lose the events late for it (decision 0006).
        const [earlier] = await selectRows<{ period: string }>(
          tx,
          sql`SELECT period FROM invoices WHERE account_id = ${invoice.accountId} AND document_type = 'invoice' AND status = 'draft'
                AND period < ${invoice.period} ORDER BY period LIMIT 1`,
        );
        if (earlier) return err(appError('invalid_state', `Finalize ${earlier.period} first: periods are finalized in order.`));
        // Late events are counted from the last finalized invoice: if another was finalized since this draft was computed, it is stale.
        const previous = await lastFinalizedBefore(tx, invoice.accountId, invoice.period);
        if ((previous?.eventsThrough?.getTime() ?? null) !== (invoice.lateAfter?.getTime() ?? null))
          return err(
            appError(
              'invalid_state',
              `An earlier period was finalized after this draft was computed: run ${invoice.period} again, then finalize.`,
            ),
          );
        const now = clock.now();
        const year = String(now.getUTCFullYear());
        const number = `INV-${year}-${String(await nextNumber(tx, 'invoice', year)).padStart(6, '0')}`;
        await markFinalized(tx, id, number, now, actor.userId);
        return ok(await view(tx, (await findInvoice(tx, PROVIDER_SCOPE, id)) as InvoiceRow));
      }),
    );
  }

  /** Finalizes every draft of a period (or one account's), oldest account code first. */
  async function finalizePeriod(actor: Actor, input: { period: string; accountCode?: string }): Promise<Result<InvoiceView[], AppError>> {
    const staff = staffOnly(actor);
    if (!staff.ok) return staff;
    const drafts = await inScope(db, PROVIDER_SCOPE, async (tx) => {
      const account = input.accountCode ? await accountByCode(tx, input.accountCode) : undefined;
      if (input.accountCode && !account) return null;
      return listInvoices(tx, PROVIDER_SCOPE, {
        period: input.period,
        status: 'draft',
        documentType: 'invoice',
        accountId: account?.id,
        limit: 100_000,
      });
    });
    if (drafts === null) return err(appError('not_found', `No account ${input.accountCode}.`));
    const done: InvoiceView[] = [];
    for (const draft of drafts) {
      const finalized = await finalize(actor, draft.id);
      if (!finalized.ok) return finalized;
      done.push(finalized.value);
    }
    return ok(done);
  }

  /**
   * A credit note on a finalized invoice: chosen lines (in full or an amount each) or an amount on
   * the whole invoice, never more than is left to credit; numbered in its own gap-free series.
   */
  async function creditNote(
    actor: Actor,
    invoiceId: string,
    input: { reason: string; lines?: { lineId: string; amount?: string }[]; amount?: string },
  ): Promise<Result<InvoiceView, AppError>> {
    const staff = staffOnly(actor);
    if (!staff.ok) return staff;
    if (!input.reason.trim()) return err(invalid(['reason'], 'required', 'Say why the credit is given.', '请填写退款原因。'));
    if (!input.lines?.length === (input.amount === undefined))
      return err(invalid([], 'invalid_target', 'Credit either lines or an amount.', '请选择按行退款或按金额退款（二选一）。'));
    return asResult(() =>
      inScope(db, PROVIDER_SCOPE, async (tx) => {
        await lockInvoice(tx, invoiceId);
        const invoice = await findInvoice(tx, PROVIDER_SCOPE, invoiceId);
        if (invoice?.documentType !== 'invoice') return err(appError('not_found', 'No such invoice.'));
        if (invoice.status !== 'finalized')
          return err(appError('invalid_state', 'Only a finalized invoice can be credited; change the draft by running the period again.'));
        const currency = invoice.currency as CurrencyCode;
        const credited = await creditedSoFar(tx, invoiceId);
        const lines = await linesOf(tx, invoiceId);
        const now = clock.now();
        const noteId = ids.next();
        const rows: NewInvoiceLineRow[] = [];
        let left = invoice.totalMinor + credited.total;
        if (input.lines?.length) {
          const inThisNote = new Map<string, bigint>();
          for (const [i, wanted] of input.lines.entries()) {
            const line = lines.find((l) => l.id === wanted.lineId);
            if (!line) return err(invalid(['lines', i, 'line_id'], 'not_found', 'No such line on this invoice.', '该账单没有这一行。'));
            // Credited before, and earlier in this same note (a line named twice).
            const lineLeft = line.amountMinor + (credited.byLine.get(line.id) ?? 0n) + (inThisNote.get(line.id) ?? 0n);
            const amount = wanted.amount === undefined ? lineLeft : parseMinor(currency, wanted.amount);
            if (amount === null || amount <= 0n || amount > lineLeft || amount > left)
              return err(
                invalid(
                  ['lines', i, 'amount'],
                  'invalid_amount',
                  `Credit a positive amount up to ${toDecimalString(money(currency, lineLeft < left ? lineLeft : left))}.`,
                  `退款金额须为正数，且不超过 ${toDecimalString(money(currency, lineLeft < left ? lineLeft : left))}。`,
                ),
              );
            left -= amount;
            inThisNote.set(line.id, (inThisNote.get(line.id) ?? 0n) - amount);
            rows.push(creditLine(noteId, invoice, rows.length + 1, currency, -amount, input.reason, line));
          }
        } else {
          const amount = parseMinor(currency, input.amount as string);
          if (amount === null || amount <= 0n || amount > left)
            return err(
              invalid(
                ['amount'],
                'invalid_amount',
                `Credit a positive amount up to ${toDecimalString(money(currency, left))}.`,
                `退款金额须为正数，且不超过 ${toDecimalString(money(currency, left))}。`,
              ),
            );
          rows.push(creditLine(noteId, invoice, 1, currency, -amount, input.reason, null));
        }
        const total = sum(
          currency,
          rows.map((r) => money(currency, r.amountMinor as bigint)),
        );
        const year = String(now.getUTCFullYear());
        await insertInvoice(tx, {
          id: noteId,
          accountId: invoice.accountId,
          documentType: 'credit_note',
          period: invoice.period,
          status: 'draft',
          creditOf: invoice.id,
          reason: input.reason,
          currency,
          totalMinor: total.minor,
          fxCurrency: invoice.fxCurrency,
          fxRate: invoice.fxRate,
          fxDate: invoice.fxDate,
          fxTotalMinor:
            invoice.fxRate && invoice.fxCurrency && isCurrencyCode(invoice.fxCurrency)
              ? moneyFromDecimal(invoice.fxCurrency, new Decimal(toDecimalString(total)).times(invoice.fxRate), 'half_up').minor
              : null,
          periodStart: invoice.periodStart,
          periodEnd: invoice.periodEnd,
          timeZone: invoice.timeZone,
          eventsThrough: invoice.eventsThrough,
          cards: invoice.cards,
          warnings: [],
          computedAt: now,
          createdAt: now,
        });
        await insertLines(tx, rows);
        const number = `CN-${year}-${String(await nextNumber(tx, 'credit_note', year)).padStart(6, '0')}`;
        await markFinalized(tx, noteId, number, now, actor.userId);
        return ok(await view(tx, (await findInvoice(tx, PROVIDER_SCOPE, noteId)) as InvoiceRow));
      }),
    );
  }

  async function lineOf(tx: Executor, scope: Scope, invoiceId: string, lineId: string): Promise<Result<InvoiceLineRow, AppError>> {
    const invoice = await findInvoice(tx, scope, invoiceId);
    if (!invoice) return err(appError('not_found', 'No such invoice.'));
    const line = await findLine(tx, invoiceId, lineId);
    return line ? ok(line) : err(appError('not_found', 'No such line on this invoice.'));
  }

  /** A line's events, a page at a time, each with the record that caused it; and the count checked again. */
  async function lineEvents(
    actor: Actor,
    invoiceId: string,
    lineId: string,
    page: { after?: string; limit: number },
  ): Promise<Result<LineEvents, AppError>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const line = await lineOf(tx, scope, invoiceId, lineId);
      if (!line.ok) return line;
      const selector = line.value.selector as LineSelector | null;
      if (!selector)
        return ok({ line: line.value, events: [], nextCursor: null, check: { eventCount: 0, eventQuantity: '0', matches: true } });
      const rows = await eventsOfLine(tx, selector, { after: page.after, limit: page.limit + 1 });
      const events = rows.slice(0, page.limit);
      const last = events[events.length - 1];
      const counted = await checkLine(tx, selector);
      return ok({
        line: line.value,
        events,
        nextCursor: rows.length > page.limit && last ? Buffer.from(last.id).toString('base64url') : null,
        check: {
          eventCount: counted.count,
          eventQuantity: counted.quantity,
          matches: counted.count === Number(line.value.eventCount) && numericEqual(counted.quantity, line.value.eventQuantity),
        },
      });
    });
  }

  /** Every line with each of its events (lines without events once), for the CSV / XLSX export. */
  async function detail(actor: Actor, invoiceId: string): Promise<Result<{ view: InvoiceView; rows: DetailRow[] }, AppError>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const invoice = await findInvoice(tx, scope, invoiceId);
      if (!invoice) return err(appError('not_found', 'No such invoice.'));
      const v = await view(tx, invoice);
      const rows: DetailRow[] = [];
      for (const line of v.lines) {
        const selector = line.selector as LineSelector | null;
        if (!selector) {
          rows.push({ line, event: null });
          continue;
        }
        let after: string | undefined;
        for (;;) {
          const events = await eventsOfLine(tx, selector, { after, limit: 5000 });
          for (const event of events) rows.push({ line, event });
          if (events.length < 5000) break;
          after = events[events.length - 1]?.id;
        }
      }
      return ok({ view: v, rows });
    });
  }

  return { run, runInBackground, getRun, listRuns, list, get, finalize, finalizePeriod, creditNote, lineEvents, detail, billAccount };
}

export type BillingService = ReturnType<typeof createBillingService>;

function cardSignature(cards: QuoteCards): string {
  return `${cards.standard.code}@${cards.standard.version}|${cards.plan ? `${cards.plan.code}@${cards.plan.version}` : ''}`;
}

/** A deterministic line id: the same invoice and line key give the same id on every re-run (UUID version 8). */
export function lineId(invoiceId: string, key: string): string {
  const h = createHash('sha256').update(`${invoiceId}\n${key}`).digest('hex');
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function lineRow(invoiceId: string, accountId: string, lineNo: number, line: BillLine): NewInvoiceLineRow {
  return {
    id: lineId(invoiceId, line.key),
    invoiceId,
    accountId,
    lineNo,
    module: line.module,
    cardCode: line.rule.cardCode,
    cardVersion: line.rule.cardVersion,
    ruleId: line.rule.ruleId,
    label: line.label,
    quantity: line.quantity,
    unit: line.unit,
    rate: line.rate,
    preciseAmount: line.preciseAmount,
    currency: line.amount.currency,
    amountMinor: line.amount.minor,
    rounding: line.rounding,
    formula: line.formula,
    inputs: line.inputs,
    warnings: line.warnings ?? [],
    note: line.note ?? null,
    selector: line.selector,
    eventCount: line.eventCount,
    eventQuantity: line.eventQuantity,
    creditedLineId: null,
  };
}

function creditLine(
  noteId: string,
  invoice: InvoiceRow,
  lineNo: number,
  currency: CurrencyCode,
  minor: bigint,
  reason: string,
  line: InvoiceLineRow | null,
): NewInvoiceLineRow {
  const amount = money(currency, minor);
  const shown = toDecimalString(amount);
  const label: Formula = line
    ? { en: `Credit: ${(line.label as Formula).en}`, zh: `退款：${(line.label as Formula).zh}` }
    : { en: `Credit on invoice ${invoice.number}`, zh: `账单 ${invoice.number} 退款` };
  return {
    id: lineId(noteId, String(lineNo)),
    invoiceId: noteId,
    accountId: invoice.accountId,
    lineNo,
    module: line ? line.module : 'discount',
    cardCode: line?.cardCode ?? '',
    cardVersion: line?.cardVersion ?? 0,
    ruleId: line?.ruleId ?? 'credit',
    label,
    quantity: '1',
    unit: 'credit',
    rate: shown,
    preciseAmount: shown,
    currency,
    amountMinor: minor,
    rounding: 'half_up',
    formula: {
      en: line
        ? `credit on line ${line.lineNo} of ${invoice.number}: ${shown} (${reason})`
        : `credit on ${invoice.number}: ${shown} (${reason})`,
      zh: line ? `${invoice.number} 第 ${line.lineNo} 行退款：${shown}（${reason}）` : `${invoice.number} 退款：${shown}（${reason}）`,
    },
    inputs: { creditOf: invoice.number, reason },
    warnings: [],
    note: null,
    selector: null,
    eventCount: 0,
    eventQuantity: '0',
    creditedLineId: line?.id ?? null,
  };
}

/** An amount as written ("12.50"), with no more decimals than the currency has; null otherwise. */
function parseMinor(currency: CurrencyCode, text: string): bigint | null {
  const match = /^\d+(?:\.(\d+))?$/.exec(text);
  if (!match || (match[1]?.length ?? 0) > currencyExponent(currency)) return null;
  return moneyFromDecimal(currency, text, 'half_up').minor;
}

function numericEqual(a: string, b: string): boolean {
  return new Decimal(a).equals(new Decimal(b));
}

function invalid(path: (string | number)[], code: string, en: string, zh: string): AppError {
  return appError('validation_failed', en, [{ path, code, message: en, messages: { en, zh } }]);
}
