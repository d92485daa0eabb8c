/**
 * Claims for lost or damaged parcels and stock. The seller (or staff for it) files a claim with
 * the SKU, units and evidence; the declared value per unit is the SKU's recorded one at filing.
 * Staff approve (computing the covered amount: src/domain/claims/coverage.ts) or reject.
 *
 * An approval writes one billable event `claim_credit` (the covered amount, negative, in the
 * card currency) dated the first instant of the billing period after the approval, in the same
 * transaction: the billing run of that period puts the credit on the seller's next invoice on
 * its own line, and the line drills down to the event and this claim. See
 * docs/disputes-and-claims.md.
 */
import { sql } from 'drizzle-orm';
import { Decimal } from 'decimal.js';
import { type Executor, selectRows } from '../../db/connect.js';
import { type ClaimRow, findClaim, insertClaim, listClaims, updateClaim } from '../../db/repositories/disputes.js';
import { nextNumber, recordBillableEvents } from '../../db/repositories/inventory-ledger.js';
import { inScope, PROVIDER_SCOPE } from '../../db/tenancy.js';
import { DEFAULT_BILLING_TIME_ZONE, midnight, nextPeriod, parsePeriod } from '../../domain/billing/period.js';
import { type ClaimKind, type ClaimReferenceType, claimCoverage, coverageTerms } from '../../domain/claims/coverage.js';
import { type CurrencyCode, isCurrencyCode, money, toDecimalString } from '../../domain/money/index.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { can } from '../../domain/shared/roles.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { asResult } from '../inventory/common.js';
import type { RateCardService } from '../rate-cards/rate-cards.js';

export interface ClaimView {
  claim: ClaimRow;
  accountCode: string;
  sellerSku: string;
}

export interface FileClaimInput {
  /** Staff filing for a seller name the account; a seller files for its own. */
  accountId?: string;
  kind: ClaimKind;
  referenceType: ClaimReferenceType;
  reference: string;
  skuId?: string;
  sellerSku?: string;
  units: number;
  evidenceNotes?: string;
  photoUrls?: string[];
}

const isStaff = (actor: Actor) => !actor.accountId && can(actor.role, 'billing:write');

function invalid(path: (string | number)[], code: string, en: string, zh: string): AppError {
  return appError('validation_failed', en, [{ path, code, message: en, messages: { en, zh } }]);
}

/** The local date of an instant in a time zone. @example localDate(new Date('2026-11-01T03:00:00Z'), 'America/Los_Angeles') // '2026-10-31' */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A lot, inbound plan or return named by a claim must be the account's (a lot: of the claimed
 * SKU). Orders and parcels have no records in Landed yet: their reference is kept as written.
 */
async function referenceProblem(
  tx: Executor,
  accountId: string,
  skuId: string,
  type: ClaimReferenceType,
  reference: string,
): Promise<AppError | null> {
  const byIdOrNumber = (table: 'inbound_plans' | 'return_authorisations') =>
    UUID.test(reference)
      ? sql`SELECT 1 FROM ${sql.raw(table)} WHERE account_id = ${accountId} AND (id = ${reference}::uuid OR number = ${reference})`
      : sql`SELECT 1 FROM ${sql.raw(table)} WHERE account_id = ${accountId} AND number = ${reference.toUpperCase()}`;
  let query: ReturnType<typeof sql> | null = null;
  if (type === 'lot')
    query = UUID.test(reference)
      ? sql`SELECT 1 FROM inventory_lots WHERE account_id = ${accountId} AND id = ${reference}::uuid AND sku_id = ${skuId}`
      : null;
  else if (type === 'inbound_plan') query = byIdOrNumber('inbound_plans');
  else if (type === 'return') query = byIdOrNumber('return_authorisations');
  else return null;
  const found = query ? await selectRows(tx, query) : [];
  if (found.length > 0) return null;
  const what = { lot: 'lot of this SKU (its id)', inbound_plan: 'inbound plan (ASN-… or id)', return: 'return (RMA-… or id)' }[type];
  const whatZh = { lot: '该 SKU 的批次（批次 id）', inbound_plan: '入库计划（ASN-… 或 id）', return: '退货单（RMA-… 或 id）' }[type];
  return invalid(['reference'], 'not_found', `No such ${what} in this account.`, `该账户没有这个${whatZh}。`);
}

export function createClaimService(deps: ServiceDeps, rateCards: RateCardService) {
  const { database, clock, ids } = deps;
  const db = database.db;

  async function view(tx: Executor, claim: ClaimRow): Promise<ClaimView> {
    const [row] = await selectRows<{ code: string; seller_sku: string }>(
      tx,
      sql`SELECT a.code, s.seller_sku FROM accounts a JOIN skus s ON s.id = ${claim.skuId} WHERE a.id = ${claim.accountId}`,
    );
    return { claim, accountCode: row?.code ?? '', sellerSku: row?.seller_sku ?? '' };
  }

  async function file(actor: Actor, input: FileClaimInput): Promise<Result<ClaimView, AppError>> {
    const accountId = actor.accountId ?? input.accountId;
    if (!accountId)
      return err(invalid(['account_id'], 'required', 'Name the seller account the claim is for.', '请指定理赔所属的卖家账户。'));
    if (actor.accountId && input.accountId && input.accountId !== actor.accountId) return err(appError('not_found', 'Account not found.'));
    if (!actor.accountId && !isStaff(actor)) return err(appError('forbidden', 'Claims are filed by the seller or by provider finance.'));
    if (!input.reference.trim())
      return err(
        invalid(
          ['reference'],
          'required',
          'Give the order, tracking number, lot, inbound plan or return.',
          '请填写订单号、运单号、批次、入库计划或退货单号。',
        ),
      );
    if (!input.skuId === !input.sellerSku)
      return err(
        invalid(
          ['sku_id'],
          'invalid_target',
          'Name the SKU by sku_id or seller_sku (one of them).',
          '请用 sku_id 或 seller_sku 指定 SKU（二选一）。',
        ),
      );
    const scope = scopeOf(actor);
    return asResult(() =>
      inScope(db, scope, async (tx) => {
        const [account] = await selectRows<{ id: string }>(tx, sql`SELECT id FROM accounts WHERE id = ${accountId}`);
        if (!account) return err(appError('not_found', 'Account not found.'));
        const [sku] = await selectRows<{ id: string; declared_value_minor: string | null; declared_currency: string | null }>(
          tx,
          sql`SELECT id, declared_value_minor::text, declared_currency FROM skus WHERE account_id = ${accountId}
               AND ${input.skuId ? sql`id = ${input.skuId}` : sql`seller_sku = ${input.sellerSku ?? ''}`}`,
        );
        if (!sku)
          return err(invalid([input.skuId ? 'sku_id' : 'seller_sku'], 'not_found', 'No such SKU in this account.', '该账户没有这个 SKU。'));
        if (sku.declared_value_minor === null || !sku.declared_currency || !isCurrencyCode(sku.declared_currency))
          return err(
            invalid(
              [input.skuId ? 'sku_id' : 'seller_sku'],
              'no_declared_value',
              'The SKU has no declared value: record it on the SKU first (the claim is valued from it).',
              '该 SKU 没有申报价值：请先在 SKU 上填写（理赔按申报价值计算）。',
            ),
          );
        const referenced = await referenceProblem(tx, accountId, sku.id, input.referenceType, input.reference.trim());
        if (referenced) return err(referenced);
        const now = clock.now();
        const year = String(now.getUTCFullYear());
        const number = `CLM-${year}-${String(await nextNumber(tx, 'claim', year)).padStart(6, '0')}`;
        const claim = await insertClaim(tx, {
          id: ids.next(),
          accountId,
          number,
          kind: input.kind,
          referenceType: input.referenceType,
          reference: input.reference.trim(),
          skuId: sku.id,
          units: input.units,
          currency: sku.declared_currency,
          declaredValueMinor: BigInt(sku.declared_value_minor),
          evidenceNotes: input.evidenceNotes?.trim() ?? '',
          photoUrls: input.photoUrls ?? [],
          status: 'submitted',
          filedBy: actor.userId,
          filedAt: now,
          updatedAt: now,
        });
        return ok(await view(tx, claim));
      }),
    );
  }

  async function get(actor: Actor, id: string): Promise<Result<ClaimView, AppError>> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const claim = await findClaim(tx, scope, id);
      return claim ? ok(await view(tx, claim)) : err(appError('not_found', 'No such claim.'));
    });
  }

  async function list(
    actor: Actor,
    filter: { accountId?: string; status?: string; after?: string; limit: number },
  ): Promise<Result<{ items: ClaimView[]; nextCursor: string | null }, AppError>> {
    if (actor.accountId && filter.accountId && filter.accountId !== actor.accountId) return ok({ items: [], nextCursor: null });
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const rows = await listClaims(tx, scope, filter);
      const items = rows.slice(0, filter.limit);
      const last = items[items.length - 1];
      const views: ClaimView[] = [];
      for (const row of items) views.push(await view(tx, row));
      return ok({ items: views, nextCursor: rows.length > filter.limit && last ? Buffer.from(last.id).toString('base64url') : null });
    });
  }

  /**
   * Approves a submitted claim: the covered amount from the account's cards in effect today
   * (insured → declared value; otherwise capped per unit), for all its units or fewer, and its
   * credit event for the next period — all in one transaction.
   */
  async function approve(actor: Actor, id: string, input: { units?: number; reason?: string }): Promise<Result<ClaimView, AppError>> {
    if (!isStaff(actor)) return err(appError('forbidden', 'Claims are decided by provider finance.'));
    const scope = scopeOf(actor);
    return asResult(() =>
      inScope(db, scope, async (tx) => {
        const claim = await findClaim(tx, scope, id, true);
        if (!claim) return err(appError('not_found', 'No such claim.'));
        if (claim.status !== 'submitted') return err(appError('invalid_state', `Claim ${claim.number} is already ${claim.status}.`));
        const units = input.units ?? claim.units;
        if (!Number.isInteger(units) || units < 1 || units > claim.units)
          return err(
            invalid(['units'], 'invalid_units', `Approve from 1 to ${claim.units} units.`, `批准件数须在 1 到 ${claim.units} 之间。`),
          );
        const now = clock.now();
        const today = localDate(now, DEFAULT_BILLING_TIME_ZONE);
        const cards = await rateCards.resolveForQuote(tx, PROVIDER_SCOPE, claim.accountId, today);
        if (!cards.ok) return err(appError('invalid_state', `No rate card in effect for the account today: ${cards.error.message}`));
        const terms = coverageTerms(cards.value.standard, cards.value.plan ?? null);
        const cardCurrency = cards.value.standard.document.currency;
        const coverage = claimCoverage(
          { units, declaredValue: money(claim.currency as CurrencyCode, claim.declaredValueMinor) },
          terms,
          cardCurrency,
        );
        if (!coverage.ok)
          return err(
            appError('invalid_state', coverage.error.message.en, [
              { code: coverage.error.code, message: coverage.error.message.en, messages: coverage.error.message },
            ]),
          );
        const creditPeriod = nextPeriod(today.slice(0, 7));
        const period = parsePeriod(creditPeriod);
        if (!period) return err(appError('internal_error', `Bad period ${creditPeriod}`));
        let creditEventId: string | null = null;
        const covered = coverage.value.covered;
        if (covered.minor > 0n) {
          const key = `claim_credit:${claim.id}`;
          await recordBillableEvents(tx, ids, now, [
            {
              accountId: claim.accountId,
              kind: 'claim_credit',
              occurredAt: midnight(period.firstDay, DEFAULT_BILLING_TIME_ZONE),
              quantity: new Decimal(toDecimalString(covered)).negated().toFixed(),
              unit: cardCurrency,
              attributes: {
                claim_number: claim.number,
                claim_kind: claim.kind,
                reference: `${claim.referenceType}:${claim.reference}`,
                units,
                basis: coverage.value.basis,
                formula_en: coverage.value.formula.en,
                formula_zh: coverage.value.formula.zh,
              },
              sourceType: 'claim',
              sourceId: claim.id,
              idempotencyKey: key,
            },
          ]);
          const [event] = await selectRows<{ id: string }>(
            tx,
            sql`SELECT id FROM billable_events WHERE account_id = ${claim.accountId} AND idempotency_key = ${key}`,
          );
          creditEventId = event?.id ?? null;
        }
        const updated = await updateClaim(tx, claim.id, {
          status: 'approved',
          coveredMinor: covered.minor,
          coverage: { ...coverage.value, covered: undefined, approvedUnits: units, currency: covered.currency },
          decisionReason: input.reason?.trim() || null,
          creditPeriod,
          creditEventId,
          decidedBy: actor.userId,
          decidedAt: now,
          updatedAt: now,
        });
        return ok(await view(tx, updated));
      }),
    );
  }

  async function reject(actor: Actor, id: string, input: { reason: string }): Promise<Result<ClaimView, AppError>> {
    if (!isStaff(actor)) return err(appError('forbidden', 'Claims are decided by provider finance.'));
    if (!input.reason.trim()) return err(invalid(['reason'], 'required', 'Say why the claim is rejected.', '请填写驳回理由。'));
    const scope = scopeOf(actor);
    return asResult(() =>
      inScope(db, scope, async (tx) => {
        const claim = await findClaim(tx, scope, id, true);
        if (!claim) return err(appError('not_found', 'No such claim.'));
        if (claim.status !== 'submitted') return err(appError('invalid_state', `Claim ${claim.number} is already ${claim.status}.`));
        const now = clock.now();
        const updated = await updateClaim(tx, claim.id, {
          status: 'rejected',
          decisionReason: input.reason.trim(),
          decidedBy: actor.userId,
          decidedAt: now,
          updatedAt: now,
        });
        return ok(await view(tx, updated));
      }),
    );
  }

  return { file, get, list, approve, reject };
}

export type ClaimService = ReturnType<typeof createClaimService>;
