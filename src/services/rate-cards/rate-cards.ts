/**
 * Rate cards: the provider's standard price list and each seller's plan, as numbered versions
 * effective from a date. A saved version is never edited: a change is a new version, and
 * every quote records the versions it used.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { type CardDocument, type PlanDocument, type StandardCardDocument, validateCardDocument } from '../../domain/rate-cards/document.js';
import { type CardChange, diffDocuments } from '../../domain/rate-cards/diff.js';
import { isIsoDate } from '../../domain/rate-cards/versions.js';
import { parseRateTableSheet } from '../../domain/carriers/rate-table-sheet.js';
import { parseZoneChartSheet } from '../../domain/carriers/zone-chart-sheet.js';
import { CARRIERS, type Carrier } from '../../domain/carriers/service.js';
import { type CardZoneChart, servicesOfChart, withZoneChart, zoneChartId } from '../../domain/rate-cards/zone-charts.js';
import type { QuoteCards } from '../../domain/quotes/quote-engine.js';
import { isCurrencyCode } from '../../domain/money/index.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import type { Executor } from '../../db/connect.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../db/errors.js';
import type { Page } from '../../db/pagination.js';
import { findAccount } from '../../db/repositories/accounts.js';
import {
  findRateCard,
  findRateCardByCode,
  findVersion,
  findVersionInEffect,
  insertRateCard,
  insertVersion,
  listRateCards,
  listVersions,
  lockRateCard,
  type RateCardRow,
  type RateCardVersionRow,
} from '../../db/repositories/rate-cards.js';
import { rateCards } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/tenancy.js';
import { and, eq } from 'drizzle-orm';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { CardDocumentSchema } from './document-schema.js';

export interface CardInput {
  code: string;
  name: string;
  nameZh?: string | null;
  kind: 'standard' | 'account_plan';
  accountId?: string | null;
  baseCardId?: string | null;
  currency?: string;
}

export interface VersionInput {
  effectiveFrom: string;
  document: unknown;
  notes?: string | null;
}

export type VersionSummary = Omit<RateCardVersionRow, 'document'>;

export interface ZoneChartImport {
  /** Origin ZIP3 prefixes or ZIP5s, e.g. ["08837"]. */
  origins: string[];
  /** Service codes the chart applies to (case-insensitive: "UPS_GROUND" is ups_ground). */
  services?: string[];
  /** Or whole carriers: "ups", "fedex", "usps". */
  carriers?: string[];
  /** First ship date the chart (and the new card version) applies to. */
  effectiveFrom: string;
  /** Where the chart came from; the file name when absent. */
  source?: string | null;
  /** The sheet's zone column header when it cannot be found by name ("Ground"). */
  zoneColumn?: string | null;
  notes?: string | null;
}

const CODE = /^[A-Z0-9][A-Z0-9_.-]{1,47}$/;

export function createRateCardService(deps: ServiceDeps) {
  const { database, clock, ids } = deps;

  async function list(
    actor: Actor,
    filter: { kind?: string; accountId?: string; after?: string; limit: number },
  ): Promise<Page<RateCardRow>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, (tx) => listRateCards(tx, scope, filter));
  }

  async function get(actor: Actor, id: string): Promise<Result<{ card: RateCardRow; versions: VersionSummary[] }, AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const card = await findRateCard(tx, scope, id);
      if (!card) return err(appError('not_found', 'Rate card not found.'));
      return ok({ card, versions: await listVersions(tx, card.id) });
    });
  }

  async function getByCode(actor: Actor, code: string): Promise<Result<{ card: RateCardRow; versions: VersionSummary[] }, AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const card = await findRateCardByCode(tx, scope, code);
      if (!card) return err(appError('not_found', `No rate card with code "${code}".`));
      return ok({ card, versions: await listVersions(tx, card.id) });
    });
  }

  async function create(actor: Actor, input: CardInput): Promise<Result<RateCardRow, AppError>> {
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code)) return err(invalid(['code'], 'invalid_format', 'Use 2–48 letters, digits, . _ or - (e.g. US-STANDARD).'));
    const currency = (input.currency ?? 'USD').toUpperCase();
    if (!isCurrencyCode(currency)) return err(invalid(['currency'], 'unknown_currency', `Unknown currency ${currency}.`));
    const scope = scopeOf(actor);
    const now = clock.now();
    try {
      return await inScope(database.db, scope, async (tx) => {
        let accountId: string | null = null;
        let baseCardId: string | null = null;
        if (input.kind === 'account_plan') {
          if (!input.accountId) return err(invalid(['account_id'], 'required', 'A plan belongs to a seller account.'));
          if (!(await findAccount(tx, scope, input.accountId))) return err(appError('not_found', 'Account not found.'));
          const base = input.baseCardId ? await findRateCard(tx, scope, input.baseCardId) : undefined;
          if (base?.kind !== 'standard')
            return err(invalid(['base_card_id'], 'required', 'A plan sits on a standard card: give base_card_id.'));
          accountId = input.accountId;
          baseCardId = base.id;
        }
        const card = await insertRateCard(tx, {
          id: ids.next(),
          code,
          name: input.name.trim(),
          nameZh: input.nameZh?.trim() || null,
          kind: input.kind,
          accountId,
          baseCardId,
          currency,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        });
        return ok(card);
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
        return err(
          appError('already_exists', `A rate card with code ${code} already exists.`, [
            { path: ['code'], code: 'already_exists', message: `Code ${code} is taken.` },
          ]),
        );
      throw error;
    }
  }

  /** Saves a new version after checking the document; returns every problem with its path. */
  async function addVersion(actor: Actor, cardId: string, input: VersionInput): Promise<Result<RateCardVersionRow, AppError>> {
    if (!isIsoDate(input.effectiveFrom)) return err(invalid(['effective_from'], 'invalid_date', 'effective_from is a date YYYY-MM-DD.'));
    const shape = CardDocumentSchema.safeParse(input.document);
    if (!shape.success) return err(appError('validation_failed', 'The rate card document is not valid.', zodDetails(shape.error)));
    const document = shape.data as unknown as CardDocument;
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const card = await findRateCard(tx, scope, cardId);
      if (!card) return err(appError('not_found', 'Rate card not found.'));
      if (document.kind !== card.kind) return err(invalid(['document', 'kind'], 'wrong_kind', `This card takes ${card.kind} documents.`));
      if (document.kind === 'standard' && document.currency !== card.currency)
        return err(invalid(['document', 'currency'], 'wrong_currency', `This card is priced in ${card.currency}.`));
      let base: StandardCardDocument | undefined;
      if (document.kind === 'account_plan' && card.baseCardId) {
        const baseVersion = await findVersionInEffect(tx, card.baseCardId, input.effectiveFrom);
        if (!baseVersion)
          return err(invalid(['effective_from'], 'no_base_version', 'The standard card has no version in effect on that date.'));
        base = baseVersion.document as StandardCardDocument;
      }
      const problems = validateCardDocument(document, base);
      if (problems.length > 0) {
        return err(
          appError(
            'validation_failed',
            `${problems.length} problem(s) in the rate card; nothing was saved.`,
            problems.map((p) => ({ ...p, path: ['document', ...(p.path ?? [])] })),
          ),
        );
      }
      await lockRateCard(tx, card.id);
      const existing = await listVersions(tx, card.id);
      const version = (existing.at(-1)?.version ?? 0) + 1;
      const row = await insertVersion(tx, {
        cardId: card.id,
        version,
        accountId: card.accountId,
        effectiveFrom: input.effectiveFrom,
        document,
        checksum: checksum(document),
        notes: input.notes?.trim() || null,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      await tx
        .update(rateCards)
        .set({ updatedAt: clock.now() })
        .where(and(eq(rateCards.id, card.id)));
      return ok(row);
    });
  }

  async function getVersion(actor: Actor, cardId: string, version: number): Promise<Result<RateCardVersionRow, AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const card = await findRateCard(tx, scope, cardId);
      const row = card ? await findVersion(tx, card.id, version) : undefined;
      return row ? ok(row) : err(appError('not_found', 'Rate card version not found.'));
    });
  }

  async function diff(
    actor: Actor,
    cardId: string,
    from: number,
    to: number,
  ): Promise<Result<{ from: VersionSummary; to: VersionSummary; changes: CardChange[] }, AppError>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, async (tx) => {
      const card = await findRateCard(tx, scope, cardId);
      if (!card) return err(appError('not_found', 'Rate card not found.'));
      const [a, b] = await Promise.all([findVersion(tx, card.id, from), findVersion(tx, card.id, to)]);
      if (!a || !b) return err(appError('not_found', `Version ${!a ? from : to} not found.`));
      const { document: before, ...fromSummary } = a;
      const { document: after, ...toSummary } = b;
      return ok({ from: fromSummary, to: toSummary, changes: diffDocuments(before, after) });
    });
  }

  /**
   * The cards a quote for this account on this date uses: the standard card's version in
   * effect, and the account's plan on top when it has one in effect.
   */
  async function resolveForQuote(
    tx: Executor,
    scope: Scope,
    accountId: string | null,
    onDate: string,
    standardCode?: string,
  ): Promise<Result<QuoteCards, AppError>> {
    let plan: { card: RateCardRow; version: RateCardVersionRow } | undefined;
    if (accountId) {
      const plans = await listRateCards(tx, scope, { kind: 'account_plan', accountId, limit: 10 });
      for (const card of plans.items.filter((c) => c.status === 'active')) {
        const version = await findVersionInEffect(tx, card.id, onDate);
        if (version) {
          plan = { card, version };
          break;
        }
      }
    }
    const standardCard = plan
      ? await findRateCard(tx, scope, plan.card.baseCardId as string)
      : standardCode
        ? await findRateCardByCode(tx, scope, standardCode)
        : (await listRateCards(tx, scope, { kind: 'standard', limit: 50 })).items.find((c) => c.status === 'active');
    if (!standardCard)
      return err(appError('not_found', standardCode ? `No rate card ${standardCode}.` : 'No standard rate card is set up yet.'));
    const standard = await findVersionInEffect(tx, standardCard.id, onDate);
    if (!standard) return err(appError('not_found', `Rate card ${standardCard.code} has no version in effect on ${onDate}.`));
    return ok({
      standard: { code: standardCard.code, version: standard.version, document: standard.document as StandardCardDocument },
      ...(plan ? { plan: { code: plan.card.code, version: plan.version.version, document: plan.version.document as PlanDocument } } : {}),
    });
  }

  /**
   * Loads a carrier's real rate table (rows of a sheet) into a new version of a standard card:
   * the version in effect on that date with this one service's table replaced.
   */
  async function importRateTable(
    actor: Actor,
    cardId: string,
    serviceCode: string,
    table: string[][],
    input: { effectiveFrom: string; notes?: string | null },
  ): Promise<Result<RateCardVersionRow, AppError>> {
    if (!isIsoDate(input.effectiveFrom)) return err(invalid(['effective_from'], 'invalid_date', 'effective_from is a date YYYY-MM-DD.'));
    const parsed = parseRateTableSheet(table);
    if (!parsed.ok)
      return err(appError('import_invalid', `${parsed.error.length} problem(s) in the rate table; nothing was saved.`, parsed.error));
    const scope = scopeOf(actor);
    const base = await inScope(database.db, scope, async (tx) => {
      const card = await findRateCard(tx, scope, cardId);
      if (!card) return err(appError('not_found', 'Rate card not found.'));
      if (card.kind !== 'standard') return err(invalid(['card'], 'wrong_kind', 'Carrier rate tables live on standard cards.'));
      const inEffect = (await findVersionInEffect(tx, card.id, input.effectiveFrom)) ?? (await listVersions(tx, card.id)).at(-1);
      const version = inEffect ? await findVersion(tx, card.id, inEffect.version) : undefined;
      if (!version) return err(appError('not_found', 'The card has no version to start from; add one first.'));
      return ok(structuredClone(version.document) as StandardCardDocument);
    });
    if (!base.ok) return base;
    const service = base.value.carrierServices.find((s) => s.code === serviceCode);
    if (!service) return err(appError('not_found', `The card has no carrier service ${serviceCode}.`));
    (service as { rateTable: unknown }).rateTable = parsed.value;
    return addVersion(actor, cardId, {
      effectiveFrom: input.effectiveFrom,
      document: base.value,
      notes: input.notes ?? `Rate table of ${serviceCode} imported`,
    });
  }

  /**
   * Loads a carrier's official zone chart for one origin (rows of a sheet: "Dest. ZIP" ranges →
   * zone) into a new version of a standard card: the version in effect on that date with the
   * chart added (or replacing the chart imported before for the same services, origins and
   * date). All or nothing: any problem in the sheet or the card saves nothing.
   */
  async function importZoneChart(
    actor: Actor,
    card: { id?: string; code?: string },
    table: string[][],
    input: ZoneChartImport & { filename?: string },
  ): Promise<Result<RateCardVersionRow, AppError>> {
    if (!isIsoDate(input.effectiveFrom)) return err(invalid(['effective_from'], 'invalid_date', 'effective_from is a date YYYY-MM-DD.'));
    const origins = input.origins.map((o) => o.trim()).filter((o) => o !== '');
    if (origins.length === 0 || origins.some((o) => !/^\d{3}(\d{2})?$/.test(o)))
      return err(invalid(['origin'], 'invalid_origin', 'origin is a ZIP3 prefix or a ZIP5 (several separated by commas), e.g. 08837.'));
    const services = (input.services ?? []).map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
    const carriers = (input.carriers ?? []).map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
    if (services.length === 0 && carriers.length === 0)
      return err(
        invalid(['service'], 'required', 'Name the service (e.g. ups_ground) or the carrier (ups, fedex, usps) the chart is for.'),
      );
    const unknownCarrier = carriers.find((c) => !(CARRIERS as readonly string[]).includes(c));
    if (unknownCarrier)
      return err(invalid(['carrier'], 'unknown_carrier', `Unknown carrier ${unknownCarrier}: use ${CARRIERS.join(', ')}.`));
    const parsed = parseZoneChartSheet(table, { zoneColumn: input.zoneColumn ?? undefined });
    if (!parsed.ok)
      return err(appError('import_invalid', `${parsed.error.length} problem(s) in the zone chart; nothing was saved.`, parsed.error));
    const scope = scopeOf(actor);
    const base = await inScope(database.db, scope, async (tx) => {
      const row = card.id ? await findRateCard(tx, scope, card.id) : await findRateCardByCode(tx, scope, card.code ?? '');
      if (!row) return err(appError('not_found', 'Rate card not found.'));
      if (row.kind !== 'standard')
        return err(invalid(['card'], 'wrong_kind', 'Zone charts live on standard cards, with the carrier services.'));
      const inEffect = (await findVersionInEffect(tx, row.id, input.effectiveFrom)) ?? (await listVersions(tx, row.id)).at(-1);
      const version = inEffect ? await findVersion(tx, row.id, inEffect.version) : undefined;
      if (!version) return err(appError('not_found', 'The card has no version to start from; add one first.'));
      return ok({ cardId: row.id, document: structuredClone(version.document) as StandardCardDocument });
    });
    if (!base.ok) return base;
    const target = {
      ...(carriers.length ? { carriers: carriers as Carrier[] } : {}),
      ...(services.length ? { services } : {}),
    };
    const missing = services.find((code) => !base.value.document.carrierServices.some((s) => s.code === code));
    if (missing) return err(appError('not_found', `The card has no carrier service ${missing}.`));
    if (servicesOfChart(target, base.value.document.carrierServices).length === 0)
      return err(invalid(['carrier'], 'no_service', `The card has no ${carriers.join(', ')} service for this chart.`));
    const chart: CardZoneChart = {
      id: zoneChartId({ ...target, origins, effectiveFrom: input.effectiveFrom }),
      ...target,
      origins,
      rows: parsed.value.rows,
      source: input.source?.trim() || `${input.filename ?? 'zone chart'} (column ${parsed.value.zoneColumn})`,
      effectiveFrom: input.effectiveFrom,
    };
    const what = `${[...services, ...carriers].join(', ')} from ${origins.join(', ')}`;
    return addVersion(actor, base.value.cardId, {
      effectiveFrom: input.effectiveFrom,
      document: withZoneChart(base.value.document, chart),
      notes: input.notes ?? `Zone chart of ${what} imported`,
    });
  }

  /** The exact card versions a saved quote recorded, to compute it again. */
  async function cardsOf(tx: Executor, scope: Scope, refs: { code: string; version: number }[]): Promise<Result<QuoteCards, AppError>> {
    const loaded: { code: string; version: number; document: unknown; kind: string }[] = [];
    for (const ref of refs) {
      const card = await findRateCardByCode(tx, scope, ref.code);
      const version = card ? await findVersion(tx, card.id, ref.version) : undefined;
      if (!card || !version) return err(appError('not_found', `Card ${ref.code} v${ref.version} is no longer available.`));
      loaded.push({ code: card.code, version: version.version, document: version.document, kind: card.kind });
    }
    const standard = loaded.find((c) => c.kind === 'standard');
    const plan = loaded.find((c) => c.kind === 'account_plan');
    if (!standard) return err(appError('not_found', 'The quote recorded no standard card.'));
    return ok({
      standard: { code: standard.code, version: standard.version, document: standard.document as StandardCardDocument },
      ...(plan ? { plan: { code: plan.code, version: plan.version, document: plan.document as PlanDocument } } : {}),
    });
  }

  return { list, get, getByCode, create, addVersion, getVersion, diff, resolveForQuote, importRateTable, importZoneChart, cardsOf };
}

export type RateCardService = ReturnType<typeof createRateCardService>;

/** Canonical JSON (sorted keys) hashed, so the same document always has the same checksum. */
export function checksum(document: unknown): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function invalid(path: (string | number)[], code: string, message: string): AppError {
  return appError('validation_failed', message, [{ path, code, message }]);
}

/** Shape problems (the JSON Schema's), located in the document; the Chinese names the kind of problem and quotes zod's English. */
export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = ['document', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    const where = path.join('.');
    return {
      path,
      code: issue.code,
      message: issue.message,
      messages: { en: issue.message, zh: `${where}：${ZOD_ZH[issue.code] ?? '格式不符'}（${issue.message}）` },
    };
  });
}

const ZOD_ZH: Readonly<Record<string, string>> = {
  invalid_type: '类型不符或缺少字段',
  invalid_value: '取值不在允许范围内',
  invalid_format: '格式不符',
  invalid_union: '不符合任何一种允许的结构',
  too_small: '数量或数值过小',
  too_big: '数量或数值过大',
  unrecognized_keys: '含有无法识别的字段',
  not_multiple_of: '不是规定倍数',
  custom: '格式不符',
};
