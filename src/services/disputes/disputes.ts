/**
 * Disputes: a seller disputes an invoice line (or a whole invoice) with a reason; both sides
 * write in its thread; finance or an admin reviews and resolves it. Accepting (fully or
 * partly) writes a credit note through the billing core's credit-note function, linked to the
 * dispute. A dispute on a draft invoice is allowed and marked; it can be resolved once the
 * invoice is finalized (a credit note credits a finalized invoice only).
 *
 * Resolving is two steps because the credit note is written by the billing service in its own
 * transaction: the dispute is marked resolved first (so two staff cannot both credit it), then
 * the note is written and linked. If the note is refused, the dispute goes back to its state;
 * if the process stops in between, resolving again (after two minutes, so a resolve still in
 * flight is not doubled) finds the note by its reason and links it, or writes it.
 */
import { sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../../db/connect.js';
import { creditedSoFar, findInvoice, linesOf } from '../../db/repositories/billing.js';
import {
  commentsOf,
  type DisputeCommentRow,
  type DisputeRow,
  findDispute,
  insertComment,
  insertDispute,
  listDisputes,
  updateDispute,
} from '../../db/repositories/disputes.js';
import { nextNumber } from '../../db/repositories/inventory-ledger.js';
import { inScope } from '../../db/tenancy.js';
import { canDo, type DisputeReason, type DisputeStatus, type ResolutionOutcome, resolution } from '../../domain/disputes/dispute.js';
import { type CurrencyCode, currencyExponent, money, moneyFromDecimal, toDecimalString } from '../../domain/money/index.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { can } from '../../domain/shared/roles.js';
import type { BillingService } from '../billing/billing.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { asResult } from '../inventory/common.js';

export interface DisputeView {
  dispute: DisputeRow;
  accountCode: string;
  invoiceNumber: string | null;
  invoiceStatus: string;
  creditNoteNumber: string | null;
  comments: DisputeCommentRow[];
}

export interface OpenDisputeInput {
  lineId?: string;
  reasonCode: DisputeReason;
  description: string;
  /** Decimal amount asked back ("12.50"); default the whole line (or invoice). */
  amount?: string;
}

/** A decision whose credit note is still unlinked after this long was interrupted: resolving again finishes it. */
const RESUME_AFTER_MS = 2 * 60_000;

const isStaff = (actor: Actor) => !actor.accountId && can(actor.role, 'billing:write');

function invalid(path: (string | number)[], code: string, en: string, zh: string): AppError {
  return appError('validation_failed', en, [{ path, code, message: en, messages: { en, zh } }]);
}

/** "12.50" → minor units, null when not a positive amount with at most the currency's decimals. */
export function parseAmount(currency: CurrencyCode, text: string): bigint | null {
  const match = /^\d+(?:\.(\d+))?$/.exec(text);
  if (!match || (match[1]?.length ?? 0) > currencyExponent(currency)) return null;
  return moneyFromDecimal(currency, text, 'half_up').minor;
}

export function createDisputeService(deps: ServiceDeps, billing: BillingService) {
  const { database, clock, ids } = deps;
  const db = database.db;

  async function view(tx: Executor, dispute: DisputeRow): Promise<DisputeView> {
    const [row] = await selectRows<{ code: string; number: string | null; status: string; note: string | null }>(
      tx,
      sql`SELECT a.code, i.number, i.status, (SELECT c.number FROM invoices c WHERE c.id = ${dispute.creditNoteId}) AS note
            FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.id = ${dispute.invoiceId}`,
    );
    return {
      dispute,
      accountCode: row?.code ?? '',
      invoiceNumber: row?.number ?? null,
      invoiceStatus: row?.status ?? '',
      creditNoteNumber: row?.note ?? null,
      comments: await commentsOf(tx, dispute.id),
    };
  }

  /** Opens a dispute on one of the seller's own invoices (another seller's invoice is not found). */
  async function open(actor: Actor, invoiceId: string, input: OpenDisputeInput): Promise<Result<DisputeView, AppError>> {
    if (!actor.accountId) return err(appError('forbidden', 'A dispute is opened by the seller whose invoice it is.'));
    if (!input.description.trim())
      return err(invalid(['description'], 'required', 'Say what is wrong with the charge.', '请说明该费用的问题。'));
    const scope = scopeOf(actor);
    return asResult(() =>
      inScope(db, scope, async (tx) => {
        const invoice = await findInvoice(tx, scope, invoiceId);
        if (invoice?.documentType !== 'invoice') return err(appError('not_found', 'No such invoice.'));
        const currency = invoice.currency as CurrencyCode;
        let lineAmount = invoice.totalMinor;
        let line: Awaited<ReturnType<typeof linesOf>>[number] | undefined;
        if (input.lineId) {
          line = (await linesOf(tx, invoice.id)).find((l) => l.id === input.lineId);
          if (!line) return err(invalid(['line_id'], 'not_found', 'No such line on this invoice.', '该账单没有这一行。'));
          lineAmount = line.amountMinor;
        }
        if (lineAmount <= 0n)
          return err(
            invalid(
              ['line_id'],
              'nothing_to_dispute',
              'This line is a credit or zero: there is nothing to dispute on it.',
              '该行为退款或零金额，无可争议。',
            ),
          );
        const credited = invoice.status === 'finalized' ? await creditedSoFar(tx, invoice.id) : { total: 0n, byLine: new Map() };
        const creditable = line ? lineAmount + (credited.byLine.get(line.id) ?? 0n) : lineAmount + credited.total;
        const disputed = input.amount === undefined ? creditable : parseAmount(currency, input.amount);
        if (disputed === null || disputed <= 0n || disputed > creditable)
          return err(
            invalid(
              ['amount'],
              'invalid_amount',
              `Dispute a positive amount up to ${toDecimalString(money(currency, creditable))}.`,
              `争议金额须为正数，且不超过 ${toDecimalString(money(currency, creditable))}。`,
            ),
          );
        const open = await selectRows<{ number: string }>(
          tx,
          sql`SELECT number FROM disputes WHERE invoice_id = ${invoice.id} AND status IN ('open', 'under_review')
                AND invoice_line_id IS NOT DISTINCT FROM ${line?.id ?? null}::uuid`,
        );
        if (open[0])
          return err(
            appError('conflict', `Dispute ${open[0].number} on this ${line ? 'line' : 'invoice'} is still open: write in its thread.`),
          );
        const now = clock.now();
        const year = String(now.getUTCFullYear());
        const number = `DSP-${year}-${String(await nextNumber(tx, 'dispute', year)).padStart(6, '0')}`;
        const dispute = await insertDispute(tx, {
          id: ids.next(),
          accountId: invoice.accountId,
          number,
          invoiceId: invoice.id,
          invoiceLineId: line?.id ?? null,
          lineNo: line?.lineNo ?? null,
          lineLabel: line?.label ?? null,
          lineAmountMinor: lineAmount,
          openedOnDraft: invoice.status === 'draft',
          reasonCode: input.reasonCode,
          description: input.description.trim(),
          currency,
          disputedMinor: disputed,
          status: 'open',
          openedBy: actor.userId,
          openedAt: now,
          updatedAt: now,
        });
        return ok(await view(tx, dispute));
      }),
    );
  }

  async function get(actor: Actor, id: string): Promise<Result<DisputeView, AppError>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const dispute = await findDispute(tx, scope, id);
      return dispute ? ok(await view(tx, dispute)) : err(appError('not_found', 'No such dispute.'));
    });
  }

  async function list(
    actor: Actor,
    filter: { accountId?: string; invoiceId?: string; status?: string; after?: string; limit: number },
  ): Promise<Result<{ items: DisputeView[]; nextCursor: string | null }, AppError>> {
    const scope = scopeOf(actor);
    if (actor.accountId && filter.accountId && filter.accountId !== actor.accountId) return ok({ items: [], nextCursor: null });
    return inScope(db, scope, async (tx) => {
      if (filter.invoiceId && !(await findInvoice(tx, scope, filter.invoiceId))) return err(appError('not_found', 'No such invoice.'));
      const rows = await listDisputes(tx, scope, filter);
      const items = rows.slice(0, filter.limit);
      const last = items[items.length - 1];
      const views: DisputeView[] = [];
      for (const row of items) views.push(await view(tx, row));
      return ok({ items: views, nextCursor: rows.length > filter.limit && last ? Buffer.from(last.id).toString('base64url') : null });
    });
  }

  /** A step on one dispute under a row lock, in the caller's scope (the audit log names the actor). */
  async function step(
    actor: Actor,
    id: string,
    work: (tx: Executor, dispute: DisputeRow) => Promise<Result<DisputeRow, AppError>>,
  ): Promise<Result<DisputeView, AppError>> {
    const scope = scopeOf(actor);
    return asResult(() =>
      inScope(db, scope, async (tx) => {
        const dispute = await findDispute(tx, scope, id, true);
        if (!dispute) return err(appError('not_found', 'No such dispute.'));
        const done = await work(tx, dispute);
        return done.ok ? ok(await view(tx, done.value)) : done;
      }),
    );
  }

  const refused = (dispute: DisputeRow, what: string) =>
    err(appError('invalid_state', `Dispute ${dispute.number} is ${dispute.status.replace('_', ' ')}: it cannot be ${what}.`));

  /** Either side writes in the thread while the dispute is open or under review. */
  async function comment(actor: Actor, id: string, body: string): Promise<Result<DisputeView, AppError>> {
    if (!body.trim()) return err(invalid(['body'], 'required', 'Write something.', '请填写内容。'));
    if (!actor.accountId && !isStaff(actor)) return err(appError('forbidden', 'Only the seller and provider finance write in a dispute.'));
    return step(actor, id, async (tx, dispute) => {
      if (!canDo(dispute.status as DisputeStatus, 'comment')) return refused(dispute, 'commented on');
      const now = clock.now();
      await insertComment(tx, {
        id: ids.next(),
        disputeId: dispute.id,
        accountId: dispute.accountId,
        authorId: actor.userId,
        side: actor.accountId ? 'seller' : 'provider',
        body: body.trim(),
        createdAt: now,
      });
      return ok(await updateDispute(tx, dispute.id, { updatedAt: now }));
    });
  }

  async function review(actor: Actor, id: string): Promise<Result<DisputeView, AppError>> {
    if (!isStaff(actor)) return err(appError('forbidden', 'Disputes are reviewed by provider finance.'));
    return step(actor, id, async (tx, dispute) => {
      if (!canDo(dispute.status as DisputeStatus, 'review')) return refused(dispute, 'taken under review');
      return ok(await updateDispute(tx, dispute.id, { status: 'under_review', updatedAt: clock.now() }));
    });
  }

  async function withdraw(actor: Actor, id: string): Promise<Result<DisputeView, AppError>> {
    if (!actor.accountId) return err(appError('forbidden', 'Only the seller withdraws its dispute.'));
    return step(actor, id, async (tx, dispute) => {
      if (!canDo(dispute.status as DisputeStatus, 'withdraw')) return refused(dispute, 'withdrawn');
      return ok(await updateDispute(tx, dispute.id, { status: 'withdrawn', updatedAt: clock.now() }));
    });
  }

  /**
   * Rejects with a reason, or accepts the disputed amount (or less: partly) and credits it on a
   * credit note linked to the dispute. Never more than disputed, nor than is left on the line.
   */
  async function resolve(
    actor: Actor,
    id: string,
    input: { outcome: ResolutionOutcome; amount?: string; reason: string },
  ): Promise<Result<DisputeView, AppError>> {
    if (!isStaff(actor)) return err(appError('forbidden', 'Disputes are resolved by provider finance.'));
    const scope = scopeOf(actor);
    // Step 1: decide under the row lock (or pick up a decision whose credit note was not linked).
    const decided = await asResult(() =>
      inScope(db, scope, async (tx) => {
        const dispute = await findDispute(tx, scope, id, true);
        if (!dispute) return err(appError('not_found', 'No such dispute.'));
        const pending = (dispute.status === 'resolved_accepted' || dispute.status === 'resolved_partly') && dispute.creditNoteId === null;
        if (pending) {
          // Another resolve is between its two steps right now, or one stopped there long ago.
          const age = clock.now().getTime() - (dispute.resolvedAt?.getTime() ?? 0);
          if (age < RESUME_AFTER_MS)
            return err(appError('conflict', `Dispute ${dispute.number} is being resolved right now; look again in a minute.`));
          return ok({ dispute, previous: dispute.status, resumed: true });
        }
        if (!canDo(dispute.status as DisputeStatus, 'resolve')) return refused(dispute, 'resolved again');
        const invoice = await findInvoice(tx, scope, dispute.invoiceId);
        if (!invoice) return err(appError('not_found', 'No such invoice.'));
        const currency = dispute.currency as CurrencyCode;
        const amountMinor = input.amount === undefined ? undefined : parseAmount(currency, input.amount);
        if (amountMinor === null)
          return err(invalid(['amount'], 'invalid_amount', 'Give the amount as a decimal, e.g. 12.50.', '金额须为十进制数，如 12.50。'));
        let creditable = dispute.disputedMinor;
        if (input.outcome === 'accept') {
          if (invoice.status !== 'finalized')
            return err(
              appError(
                'invalid_state',
                `Invoice for ${invoice.period} is still a draft: finalize it (or correct the activity and run the period again), then accept the dispute.`,
              ),
            );
          const credited = await creditedSoFar(tx, invoice.id);
          const lines = await linesOf(tx, invoice.id);
          const line = dispute.invoiceLineId ? lines.find((l) => l.id === dispute.invoiceLineId) : undefined;
          if (dispute.invoiceLineId && !line)
            return err(appError('invalid_state', 'The disputed line is no longer on the invoice (the draft was run again).'));
          creditable = line ? line.amountMinor + (credited.byLine.get(line.id) ?? 0n) : invoice.totalMinor + credited.total;
        }
        const decision = resolution(
          { outcome: input.outcome, amountMinor },
          { disputedMinor: dispute.disputedMinor, creditableMinor: creditable, reason: input.reason },
        );
        if (!decision.ok)
          return err(invalid([decision.error.field], decision.error.code, decision.error.message.en, decision.error.message.zh));
        const now = clock.now();
        const updated = await updateDispute(tx, dispute.id, {
          status: decision.value.status,
          acceptedMinor: decision.value.acceptedMinor,
          resolutionReason: input.reason.trim(),
          resolvedBy: actor.userId,
          resolvedAt: now,
          updatedAt: now,
        });
        return ok({ dispute: updated, previous: dispute.status, resumed: false });
      }),
    );
    if (!decided.ok) return decided;
    const { dispute, previous } = decided.value;
    if (dispute.status === 'resolved_rejected') return get(actor, id);

    // Step 2: the credit note, through the billing core (found by its reason when resuming).
    const reason = `Dispute ${dispute.number}: ${dispute.resolutionReason ?? ''}`;
    const existing = await inScope(db, scope, (tx) =>
      selectRows<{ id: string }>(
        tx,
        sql`SELECT id FROM invoices WHERE credit_of = ${dispute.invoiceId} AND document_type = 'credit_note' AND reason = ${reason} LIMIT 1`,
      ),
    );
    let noteId = existing[0]?.id;
    if (!noteId) {
      const amount = toDecimalString(money(dispute.currency as CurrencyCode, dispute.acceptedMinor ?? 0n));
      const note = await billing.creditNote(
        actor,
        dispute.invoiceId,
        dispute.invoiceLineId ? { reason, lines: [{ lineId: dispute.invoiceLineId, amount }] } : { reason, amount },
      );
      if (!note.ok) {
        if (!decided.value.resumed)
          await inScope(db, scope, (tx) =>
            updateDispute(tx, dispute.id, {
              status: previous,
              acceptedMinor: null,
              resolutionReason: null,
              resolvedBy: null,
              resolvedAt: null,
              updatedAt: clock.now(),
            }),
          );
        return note;
      }
      noteId = note.value.invoice.id;
    }
    // Step 3: link it.
    const linked = noteId;
    return step(actor, id, async (tx, row) => ok(await updateDispute(tx, row.id, { creditNoteId: linked, updatedAt: clock.now() })));
  }

  return { open, get, list, comment, review, withdraw, resolve };
}

export type DisputeService = ReturnType<typeof createDisputeService>;
