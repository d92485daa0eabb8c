/**
 * Quotes: a seller's (or a prospect's) itemized estimate, saved with the exact card versions
 * used so it can be reproduced and compared with the bills later, and shareable through a
 * read-only link that expires. Single-parcel rates (`rate`) use the same cards.
 */
import { makeParcel } from '../domain/carriers/parcel.js';
import { type RateShopResult, shopOutcomes } from '../domain/carriers/rate-shop.js';
import { rateParcel } from '../domain/carriers/rate-parcel.js';
import { zoneResolverFor } from '../domain/rate-cards/zone-charts.js';
import { isLengthUnit, isWeightUnit } from '../domain/units/index.js';
import { Decimal } from 'decimal.js';
import { type CurrencyCode, type Money, money, moneyFromDecimal, moneyToDto, toDecimalString } from '../domain/money/index.js';
import { type Quote, quoteFor } from '../domain/quotes/quote-engine.js';
import type { QuoteRequest } from '../domain/quotes/quote-request.js';
import { type AppError, appError } from '../domain/shared/errors.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import type { Page } from '../db/pagination.js';
import { findAccount } from '../db/repositories/accounts.js';
import {
  clearQuoteShare,
  findQuote,
  findSharedQuote,
  insertQuote,
  listQuoteSummaries,
  type QuoteRow,
  type QuoteSummaryRow,
  setQuoteShare,
} from '../db/repositories/rate-cards.js';
import { warehouses } from '../db/schema.js';
import { inScope } from '../db/tenancy.js';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/connect.js';
import { type Actor, type ServiceDeps, scopeOf } from './context.js';
import { canonicalJson, type RateCardService } from './rate-cards/rate-cards.js';
import { randomToken, sha256Hex } from './secrets.js';

export interface QuoteInput {
  accountId?: string | null;
  prospectName?: string | null;
  /** The request without origin ZIP: the warehouse code is looked up. */
  request: Omit<QuoteRequest, 'originZip'>;
  standardCard?: string;
}

export interface RateInput {
  originWarehouse?: string;
  originZip?: string;
  destinationZip: string;
  length: string;
  width: string;
  height: string;
  dimensionUnit: string;
  weight: string;
  weightUnit: string;
  residential: boolean;
  signature: boolean;
  shipDate: string;
  services?: string[];
  promiseDays?: number;
  accountId?: string | null;
}

export const SHARE_DAYS_DEFAULT = 14;

/** Enough digits that a per-unit average rounds once, at the cent. */
const WideDecimal = Decimal.clone({ precision: 40 });

/** Whether a quote's read-only link works: `none` when never made or revoked. */
export interface ShareStatus {
  status: 'active' | 'expired' | 'none';
  expiresAt: Date | null;
}

/** A quote as a list shows it: who, when, the totals, the card versions, the share link. */
export interface QuoteSummary {
  id: string;
  accountId: string | null;
  prospectName: string | null;
  createdAt: Date;
  quoteDate: string | null;
  currency: string;
  cardVersions: { code: string; version: number }[];
  ordersPerDay: string | null;
  skuCount: number;
  monthlyTotal: Money;
  perOrder: Money | null;
  /** Monthly total ÷ units per month, half up to the cent: the average landed-and-fulfilled cost of a unit. */
  perUnit: Money | null;
  share: ShareStatus;
}

/**
 * @example shareStatus({ hasShareLink: true, shareExpiresAt: new Date('2026-12-01') }, new Date('2026-11-25')) // { status: 'active', … }
 */
export function shareStatus(row: { hasShareLink: boolean; shareExpiresAt: Date | null }, now: Date): ShareStatus {
  if (!row.hasShareLink || !row.shareExpiresAt) return { status: 'none', expiresAt: null };
  return { status: row.shareExpiresAt.getTime() > now.getTime() ? 'active' : 'expired', expiresAt: row.shareExpiresAt };
}

function summaryOf(row: QuoteSummaryRow, now: Date): QuoteSummary {
  const currency = row.currency as CurrencyCode;
  const monthlyTotal = money(currency, row.monthlyTotalMinor);
  const dto = row.perOrder as { currency?: string; amount_minor?: string } | null;
  const perOrder = dto?.amount_minor && /^-?\d+$/.test(dto.amount_minor) ? money(currency, BigInt(dto.amount_minor)) : null;
  const units = row.unitsPerMonth && /^\d+(\.\d+)?$/.test(row.unitsPerMonth) ? new WideDecimal(row.unitsPerMonth) : null;
  const perUnit = units?.gt(0) ? moneyFromDecimal(currency, new WideDecimal(toDecimalString(monthlyTotal)).div(units), 'half_up') : null;
  return {
    id: row.id,
    accountId: row.accountId,
    prospectName: row.prospectName,
    createdAt: row.createdAt,
    quoteDate: row.quoteDate,
    currency,
    cardVersions: row.cardVersions as { code: string; version: number }[],
    ordersPerDay: row.ordersPerDay,
    skuCount: row.skuCount,
    monthlyTotal,
    perOrder,
    perUnit,
    share: shareStatus(row, now),
  };
}

export function createQuoteService(deps: ServiceDeps, rateCards: RateCardService) {
  const { database, clock, ids } = deps;

  async function create(actor: Actor, input: QuoteInput): Promise<Result<{ row: QuoteRow; quote: Quote }, AppError>> {
    const scope = scopeOf(actor);
    const accountId = actor.accountId ?? input.accountId ?? null;
    if (actor.accountId && input.accountId && input.accountId !== actor.accountId) return err(appError('not_found', 'Account not found.'));
    return inScope(database.db, scope, async (tx) => {
      if (accountId && !(await findAccount(tx, scope, accountId))) return err(appError('not_found', 'Account not found.'));
      const origin = await originZip(tx, input.request.originWarehouse);
      if (!origin.ok) return origin;
      const cards = await rateCards.resolveForQuote(tx, scope, accountId, input.request.quoteDate, input.standardCard);
      if (!cards.ok) return cards;
      const computed = quoteFor({ ...input.request, originZip: origin.value }, cards.value);
      if (!computed.ok) {
        const e = computed.error;
        return err(
          appError('validation_failed', e.message.en, [{ path: e.path ?? [], code: e.code, message: e.message.en, messages: e.message }]),
        );
      }
      const quote = computed.value;
      const row = await insertQuote(tx, {
        id: ids.next(),
        accountId,
        prospectName: accountId ? null : input.prospectName?.trim() || null,
        request: { ...input.request, originZip: origin.value },
        result: quoteJson(quote),
        cardVersions: quote.cards,
        currency: quote.currency,
        monthlyTotalMinor: quote.monthlyTotal.minor,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      return ok({ row, quote });
    });
  }

  async function get(actor: Actor, id: string): Promise<Result<QuoteRow, AppError>> {
    const scope = scopeOf(actor);
    const row = await inScope(database.db, scope, (tx) => findQuote(tx, scope, id));
    return row ? ok(row) : err(appError('not_found', 'Quote not found.'));
  }

  /** Summaries, newest last (keyset by id): never the whole saved result, which can hold 10,000 SKUs. */
  async function list(actor: Actor, filter: { accountId?: string; after?: string; limit: number }): Promise<Page<QuoteSummary>> {
    const scope = scopeOf(actor);
    const page = await inScope(database.db, scope, (tx) => listQuoteSummaries(tx, scope, filter));
    const now = clock.now();
    return { items: page.items.map((row) => summaryOf(row, now)), nextCursor: page.nextCursor };
  }

  /** A read-only link for someone without an account (a prospect, a colleague); the token is shown once. */
  async function share(actor: Actor, id: string, days = SHARE_DAYS_DEFAULT): Promise<Result<{ token: string; expiresAt: Date }, AppError>> {
    if (!Number.isInteger(days) || days < 1 || days > 90)
      return err(
        appError('validation_failed', 'A link lasts 1 to 90 days.', [
          { path: ['days'], code: 'out_of_range', message: 'Choose 1 to 90 days.' },
        ]),
      );
    const token = randomToken(24);
    const expiresAt = new Date(clock.now().getTime() + days * 86_400_000);
    const scope = scopeOf(actor);
    const found = await inScope(database.db, scope, (tx) => setQuoteShare(tx, scope, id, sha256Hex(token), expiresAt));
    return found ? ok({ token, expiresAt }) : err(appError('not_found', 'Quote not found.'));
  }

  /** Revoke the read-only link: the token stops working at once (its hash is forgotten). Revoking twice is fine. */
  async function revokeShare(actor: Actor, id: string): Promise<Result<ShareStatus, AppError>> {
    const scope = scopeOf(actor);
    const found = await inScope(database.db, scope, (tx) => clearQuoteShare(tx, scope, id));
    return found ? ok({ status: 'none', expiresAt: null }) : err(appError('not_found', 'Quote not found.'));
  }

  /** The share link's status of a saved quote, as of now. */
  function shareOf(row: Pick<QuoteRow, 'shareTokenHash' | 'shareExpiresAt'>): ShareStatus {
    return shareStatus({ hasShareLink: row.shareTokenHash !== null, shareExpiresAt: row.shareExpiresAt }, clock.now());
  }

  /** Read by share token, before any scope exists: the token itself is the permission. */
  async function shared(token: string): Promise<Result<QuoteRow, AppError>> {
    const row = await findSharedQuote(database.db, sha256Hex(token), clock.now());
    return row
      ? ok(row)
      : err(
          appError('not_found', 'This quote link is unknown, revoked or expired.', [
            {
              path: ['token'],
              code: 'share_link_inactive',
              message: 'This quote link is unknown, revoked or expired; ask the sender for a new one.',
              messages: {
                en: 'This quote link is unknown, revoked or expired; ask the sender for a new one.',
                zh: '此报价链接无效、已撤销或已过期，请向发送者索取新链接。',
              },
            },
          ]),
        );
  }

  async function rate(
    actor: Actor,
    input: RateInput,
  ): Promise<Result<RateShopResult & { cards: { code: string; version: number }[] }, AppError>> {
    if (!isLengthUnit(input.dimensionUnit))
      return err(
        appError('validation_failed', 'Unknown length unit.', [
          { path: ['dimension_unit'], code: 'unknown_unit', message: 'Use cm, mm, m, in or ft.' },
        ]),
      );
    if (!isWeightUnit(input.weightUnit))
      return err(
        appError('validation_failed', 'Unknown weight unit.', [
          { path: ['weight_unit'], code: 'unknown_unit', message: 'Use g, kg, oz or lb.' },
        ]),
      );
    let parcel: ReturnType<typeof makeParcel>;
    try {
      parcel = makeParcel({
        dims: [input.length, input.width, input.height],
        dimUnit: input.dimensionUnit,
        weight: input.weight,
        weightUnit: input.weightUnit,
      });
    } catch (error) {
      return err(
        appError('validation_failed', (error as Error).message, [{ path: [], code: 'invalid_measure', message: (error as Error).message }]),
      );
    }
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      let origin = input.originZip;
      if (!origin) {
        const found = await originZip(tx, input.originWarehouse ?? '');
        if (!found.ok) return found;
        origin = found.value;
      }
      const accountId = actor.accountId ?? input.accountId ?? null;
      const cards = await rateCards.resolveForQuote(tx, scope, accountId, input.shipDate);
      if (!cards.ok) return cards;
      const card = cards.value.standard.document;
      const all = card.carrierServices;
      const services = input.services?.length ? all.filter((s) => input.services?.includes(s.code)) : all;
      const unknown = input.services?.find((code) => !all.some((s) => s.code === code));
      if (unknown)
        return err(
          appError('validation_failed', `The card has no service ${unknown}.`, [
            { path: ['services'], code: 'unknown_service', message: `No service ${unknown}.` },
          ]),
        );
      // Each service rates with the card's official zone chart for this origin when it has one.
      const options = {
        originZip: origin,
        destZip: input.destinationZip,
        shipDate: input.shipDate,
        residential: input.residential,
        signature: input.signature,
        fuel: card.fuel,
      };
      const shop = shopOutcomes(
        services.map((service) =>
          rateParcel(parcel, service, { ...options, zoneCharts: zoneResolverFor(card, service, origin, input.shipDate).zoneCharts }),
        ),
        input.promiseDays,
      );
      return ok({
        ...shop,
        notRated: [...shop.notRated],
        cards: [{ code: cards.value.standard.code, version: cards.value.standard.version }],
      });
    });
  }

  /**
   * Computes a saved quote again from its request and the card versions it recorded. Versions
   * are never edited, so the result must equal what was saved; `identical` says whether it does.
   */
  async function reproduce(actor: Actor, id: string): Promise<Result<{ quote: Quote; identical: boolean }, AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const row = await findQuote(tx, scope, id);
      if (!row) return err(appError('not_found', 'Quote not found.'));
      const cards = await rateCards.cardsOf(tx, scope, row.cardVersions as { code: string; version: number }[]);
      if (!cards.ok) return cards;
      const computed = quoteFor(row.request as QuoteRequest, cards.value);
      if (!computed.ok) return err(appError('conflict', computed.error.message.en));
      return ok({ quote: computed.value, identical: canonicalJson(quoteJson(computed.value)) === canonicalJson(row.result) });
    });
  }

  return { create, get, list, share, revokeShare, shareOf, shared, rate, reproduce };
}

export type QuoteService = ReturnType<typeof createQuoteService>;

async function originZip(tx: Executor, code: string): Promise<Result<string, AppError>> {
  const [warehouse] = await tx
    .select({ postalCode: warehouses.postalCode, kind: warehouses.kind })
    .from(warehouses)
    .where(sql`lower(${warehouses.code}) = ${code.toLowerCase()}`);
  if (!warehouse)
    return err(
      appError('validation_failed', `Unknown warehouse ${code}.`, [
        { path: ['origin_warehouse'], code: 'unknown_warehouse', message: `No warehouse ${code}.` },
      ]),
    );
  if (warehouse.kind !== 'us_fulfilment')
    return err(
      appError('validation_failed', `${code} does not ship orders.`, [
        { path: ['origin_warehouse'], code: 'not_fulfilment', message: 'Choose a US fulfilment warehouse.' },
      ]),
    );
  return ok(warehouse.postalCode.slice(0, 5));
}

/** Money values become `{ currency, amount_minor, amount }`; everything else is plain JSON. */
export function quoteJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(quoteJson);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.minor === 'bigint' && typeof record.currency === 'string' && Object.keys(record).length === 2)
      return moneyToDto(value as Money);
    // A quote's per-SKU table holds only strings, numbers and null (SkuCost): walking its
    // 10,000 rows key by key cost more than computing them.
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, k === 'skus' && 'lines' in record ? v : quoteJson(v)]));
  }
  return value;
}
