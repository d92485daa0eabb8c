import { gunzipSync, gzipSync } from 'node:zlib';
import { and, asc, desc, eq, gt, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../connect.js';
import { type Page, toPage } from '../pagination.js';
import { quotes, rateCards, rateCardVersions } from '../schema.js';
import { type Scope, scopeAccount } from '../tenancy.js';

export type RateCardRow = typeof rateCards.$inferSelect;
export type NewRateCardRow = typeof rateCards.$inferInsert;
export type RateCardVersionRow = typeof rateCardVersions.$inferSelect;
export type QuoteRow = typeof quotes.$inferSelect;
export type NewQuoteRow = typeof quotes.$inferInsert;

/** A seller sees the standard cards (the public price list) and its own plans. */
function visibleCards(scope: Scope): SQL | undefined {
  const own = scopeAccount(scope);
  return own ? or(isNull(rateCards.accountId), eq(rateCards.accountId, own)) : undefined;
}

export async function listRateCards(
  tx: Executor,
  scope: Scope,
  filter: { kind?: string; accountId?: string; after?: string; limit: number },
): Promise<Page<RateCardRow>> {
  const rows = await tx
    .select()
    .from(rateCards)
    .where(
      and(
        visibleCards(scope),
        filter.kind ? eq(rateCards.kind, filter.kind) : undefined,
        filter.accountId ? eq(rateCards.accountId, filter.accountId) : undefined,
        filter.after ? gt(rateCards.id, filter.after) : undefined,
      ),
    )
    .orderBy(asc(rateCards.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit);
}

export async function findRateCard(tx: Executor, scope: Scope, id: string): Promise<RateCardRow | undefined> {
  const [row] = await tx
    .select()
    .from(rateCards)
    .where(and(eq(rateCards.id, id), visibleCards(scope)));
  return row;
}

export async function findRateCardByCode(tx: Executor, scope: Scope, code: string): Promise<RateCardRow | undefined> {
  const [row] = await tx
    .select()
    .from(rateCards)
    .where(and(sql`lower(${rateCards.code}) = ${code.toLowerCase()}`, visibleCards(scope)));
  return row;
}

/** Locks the card row so two new versions cannot take the same number. */
export async function lockRateCard(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM rate_cards WHERE id = ${id} FOR UPDATE`);
}

export async function insertRateCard(tx: Executor, row: NewRateCardRow): Promise<RateCardRow> {
  const [created] = await tx.insert(rateCards).values(row).returning();
  return created as RateCardRow;
}

export async function listVersions(tx: Executor, cardId: string): Promise<Omit<RateCardVersionRow, 'document'>[]> {
  return tx
    .select({
      cardId: rateCardVersions.cardId,
      version: rateCardVersions.version,
      accountId: rateCardVersions.accountId,
      effectiveFrom: rateCardVersions.effectiveFrom,
      checksum: rateCardVersions.checksum,
      notes: rateCardVersions.notes,
      createdBy: rateCardVersions.createdBy,
      createdAt: rateCardVersions.createdAt,
    })
    .from(rateCardVersions)
    .where(eq(rateCardVersions.cardId, cardId))
    .orderBy(asc(rateCardVersions.version));
}

export async function findVersion(tx: Executor, cardId: string, version: number): Promise<RateCardVersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(rateCardVersions)
    .where(and(eq(rateCardVersions.cardId, cardId), eq(rateCardVersions.version, version)));
  return row;
}

/** The version in effect on a date: the highest number whose effective date has come. */
export async function findVersionInEffect(tx: Executor, cardId: string, onDate: string): Promise<RateCardVersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(rateCardVersions)
    .where(and(eq(rateCardVersions.cardId, cardId), sql`${rateCardVersions.effectiveFrom} <= ${onDate}::date`))
    .orderBy(desc(rateCardVersions.version))
    .limit(1);
  return row;
}

export async function insertVersion(tx: Executor, row: typeof rateCardVersions.$inferInsert): Promise<RateCardVersionRow> {
  const [created] = await tx.insert(rateCardVersions).values(row).returning();
  return created as RateCardVersionRow;
}

/**
 * The SKU lists (`request.skus`, `result.skus`) are stored as one gzip-compressed document
 * beside the jsonb columns; see migration 0008. Callers always see whole `request` and `result`.
 */
export async function insertQuote(tx: Executor, row: NewQuoteRow): Promise<QuoteRow> {
  const request = withoutSkus(row.request);
  const result = withoutSkus(row.result);
  const skuCosts =
    request.skus || result.skus
      ? gzipSync(JSON.stringify({ request: request.skus ?? null, result: result.skus ?? null }), { level: 1 })
      : null;
  // No RETURNING: echoing a 10,000-SKU quote back through the driver costs as much as storing it.
  await tx.insert(quotes).values({ ...row, request: request.rest, result: result.rest, skuCosts, skuCount: request.skus?.length ?? 0 });
  return {
    accountId: null,
    prospectName: null,
    shareTokenHash: null,
    shareExpiresAt: null,
    createdBy: null,
    ...row,
    skuCosts: null,
    skuCount: request.skus?.length ?? 0,
  } as QuoteRow;
}

function withoutSkus(value: unknown): { rest: unknown; skus: unknown[] | null } {
  if (!value || typeof value !== 'object' || !Array.isArray((value as { skus?: unknown }).skus)) return { rest: value, skus: null };
  const { skus, ...rest } = value as { skus: unknown[] };
  return { rest, skus };
}

/** Folds the stored SKU lists back into `request` and `result`. */
function withSkuCosts(row: QuoteRow | undefined): QuoteRow | undefined {
  if (!row?.skuCosts) return row;
  const stored = JSON.parse(gunzipSync(row.skuCosts).toString('utf8')) as { request: unknown[] | null; result: unknown[] | null };
  return {
    ...row,
    request: stored.request ? { ...(row.request as object), skus: stored.request } : row.request,
    result: stored.result ? { ...(row.result as object), skus: stored.result } : row.result,
    skuCosts: null,
  };
}

export async function findQuote(tx: Executor, scope: Scope, id: string): Promise<QuoteRow | undefined> {
  const own = scopeAccount(scope);
  const [row] = await tx
    .select()
    .from(quotes)
    .where(and(eq(quotes.id, id), own ? eq(quotes.accountId, own) : undefined));
  return withSkuCosts(row);
}

/** What a list of quotes shows of each: read from the columns and a few JSON fields, never the whole result. */
export interface QuoteSummaryRow {
  id: string;
  accountId: string | null;
  prospectName: string | null;
  createdAt: Date;
  currency: string;
  monthlyTotalMinor: bigint;
  cardVersions: unknown;
  quoteDate: string | null;
  ordersPerDay: string | null;
  skuCount: number;
  /** Money DTO as saved in the result (`{ currency, amount_minor, amount }`). */
  perOrder: unknown;
  unitsPerMonth: string | null;
  hasShareLink: boolean;
  shareExpiresAt: Date | null;
}

export async function listQuoteSummaries(
  tx: Executor,
  scope: Scope,
  filter: { accountId?: string; after?: string; limit: number },
): Promise<Page<QuoteSummaryRow>> {
  const own = scopeAccount(scope);
  const rows = await tx
    .select({
      id: quotes.id,
      accountId: quotes.accountId,
      prospectName: quotes.prospectName,
      createdAt: quotes.createdAt,
      currency: quotes.currency,
      monthlyTotalMinor: quotes.monthlyTotalMinor,
      cardVersions: quotes.cardVersions,
      quoteDate: sql<string | null>`${quotes.result} ->> 'quoteDate'`,
      ordersPerDay: sql<string | null>`${quotes.request} ->> 'ordersPerDay'`,
      skuCount: sql<number>`coalesce(${quotes.skuCount}, jsonb_array_length(${quotes.request} -> 'skus'), 0)::int`,
      perOrder: sql<unknown>`${quotes.result} -> 'perOrder'`,
      unitsPerMonth: sql<string | null>`${quotes.result} -> 'volumes' ->> 'unitsPerMonth'`,
      hasShareLink: sql<boolean>`${quotes.shareTokenHash} IS NOT NULL`,
      shareExpiresAt: quotes.shareExpiresAt,
    })
    .from(quotes)
    .where(
      and(
        own ? eq(quotes.accountId, own) : undefined,
        filter.accountId ? eq(quotes.accountId, filter.accountId) : undefined,
        filter.after ? gt(quotes.id, filter.after) : undefined,
      ),
    )
    .orderBy(asc(quotes.id))
    .limit(filter.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, skuCount: Number(r.skuCount), hasShareLink: Boolean(r.hasShareLink) })),
    filter.limit,
  );
}

/** Share links are read without a session: by the hash of their token, only while unexpired. */
export async function findSharedQuote(tx: Executor, tokenHash: string, now: Date): Promise<QuoteRow | undefined> {
  const [row] = await tx
    .select()
    .from(quotes)
    .where(and(eq(quotes.shareTokenHash, tokenHash), gt(quotes.shareExpiresAt, now)));
  return withSkuCosts(row);
}

/** Set a quote's share link (replacing any earlier one). Returns whether the quote is the caller's; no result echoed back. */
export async function setQuoteShare(tx: Executor, scope: Scope, id: string, tokenHash: string, expiresAt: Date): Promise<boolean> {
  const own = scopeAccount(scope);
  const rows = await tx
    .update(quotes)
    .set({ shareTokenHash: tokenHash, shareExpiresAt: expiresAt })
    .where(and(eq(quotes.id, id), own ? eq(quotes.accountId, own) : undefined))
    .returning({ id: quotes.id });
  return rows.length > 0;
}

/** Revoke a quote's share link: the token stops opening it at once. Returns whether the quote is the caller's. */
export async function clearQuoteShare(tx: Executor, scope: Scope, id: string): Promise<boolean> {
  const own = scopeAccount(scope);
  const rows = await tx
    .update(quotes)
    .set({ shareTokenHash: null, shareExpiresAt: null })
    .where(and(eq(quotes.id, id), own ? eq(quotes.accountId, own) : undefined))
    .returning({ id: quotes.id });
  return rows.length > 0;
}
