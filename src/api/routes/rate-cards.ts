import { z } from 'zod';
import { defineRoute } from '../route.js';
import { ErrorSchema, errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { fail, orFail } from '../http-errors.js';
import { readUpload } from '../upload.js';
import { readTable } from '../../services/spreadsheets/read-table.js';
import type { RateTable } from '../../domain/carriers/rate-table.js';
import { rateTableToSheet } from '../../domain/carriers/rate-table-sheet.js';
import Papa from 'papaparse';
import { pageFilter } from '../paging.js';
import type { RateCardRow } from '../../db/repositories/rate-cards.js';
import { cardDocumentJsonSchema } from '../../services/rate-cards/document-schema.js';
import type { VersionSummary } from '../../services/rate-cards/rate-cards.js';

const RateCardSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    name_zh: z.string().nullable(),
    kind: z.enum(['standard', 'account_plan']),
    account_id: z.uuid().nullable(),
    base_card_id: z.uuid().nullable(),
    currency: z.string(),
    status: z.enum(['active', 'archived']),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'RateCard' });

const VersionSummarySchema = z
  .object({
    version: z.number().int(),
    effective_from: z.string(),
    checksum: z.string().describe('SHA-256 of the canonical JSON document'),
    notes: z.string().nullable(),
    created_by: z.uuid().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'RateCardVersionSummary' });

const cardDto = (row: RateCardRow): z.output<typeof RateCardSchema> => ({
  id: row.id,
  code: row.code,
  name: row.name,
  name_zh: row.nameZh,
  kind: row.kind as 'standard' | 'account_plan',
  account_id: row.accountId,
  base_card_id: row.baseCardId,
  currency: row.currency,
  status: row.status as 'active' | 'archived',
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

const versionDto = (v: VersionSummary): z.output<typeof VersionSummarySchema> => ({
  version: v.version,
  effective_from: v.effectiveFrom,
  checksum: v.checksum,
  notes: v.notes,
  created_by: v.createdBy,
  created_at: v.createdAt.toISOString(),
});

const isoDateQuery = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const VersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });

export const rateCardRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/rate-cards',
    summary: 'List rate cards: the standard price list and (for sellers) their own plan',
    tags: ['rate cards'],
    permission: 'rate_cards:read',
    tenancy: { kind: 'account', resource: 'rate_card' },
    querystring: z.object({ kind: z.enum(['standard', 'account_plan']).optional(), account_id: z.uuid().optional(), ...PageQuery }),
    response: { 200: pageOf(RateCardSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.rateCards.list(actor, { kind: query.kind, accountId: query.account_id, ...pageFilter(query) });
      return { data: page.items.map(cardDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/rate-cards/schema',
    summary: 'JSON Schema of rate card documents (standard cards and account plans)',
    tags: ['rate cards'],
    permission: 'rate_cards:read',
    tenancy: { kind: 'shared' },
    response: { 200: z.any(), ...errorResponses },
    handler: async () => cardDocumentJsonSchema(),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/rate-cards',
    summary: 'Create a rate card (a standard price list, or a seller’s plan on top of one)',
    tags: ['rate cards'],
    permission: 'rate_cards:write',
    tenancy: { kind: 'account', resource: 'rate_card' },
    body: z.object({
      code: z.string().trim().min(2).max(48),
      name: z.string().trim().min(1).max(200),
      name_zh: z.string().trim().max(200).nullable().optional(),
      kind: z.enum(['standard', 'account_plan']),
      account_id: z.uuid().nullable().optional(),
      base_card_id: z.uuid().nullable().optional(),
      currency: z.string().length(3).optional(),
    }),
    example: { body: { code: 'NEW-PLAN', name: 'Negotiated plan', kind: 'account_plan' } },
    response: { 201: RateCardSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      cardDto(
        orFail(
          await services.rateCards.create(actor, {
            code: body.code,
            name: body.name,
            nameZh: body.name_zh,
            kind: body.kind,
            accountId: body.account_id,
            baseCardId: body.base_card_id,
            currency: body.currency,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/rate-cards/:id',
    summary: 'A rate card and its version history',
    tags: ['rate cards'],
    permission: 'rate_cards:read',
    tenancy: { kind: 'account', resource: 'rate_card' },
    params: IdParams,
    response: { 200: RateCardSchema.extend({ versions: z.array(VersionSummarySchema) }), ...errorResponses },
    handler: async ({ services, actor, params }) => {
      const { card, versions } = orFail(await services.rateCards.get(actor, params.id));
      return { ...cardDto(card), versions: versions.map(versionDto) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/rate-cards/:id/versions',
    summary: 'Add a version (all-or-nothing: any problem in the document saves nothing)',
    description:
      'The document follows GET /v1/rate-cards/schema. Versions are numbered 1, 2, 3…; the one in effect on a date is the highest-numbered with effective_from on or before it.',
    tags: ['rate cards'],
    permission: 'rate_cards:write',
    tenancy: { kind: 'account', resource: 'rate_card' },
    params: IdParams,
    body: z.object({ effective_from: z.string(), document: z.unknown(), notes: z.string().max(2000).nullable().optional() }),
    example: { body: { effective_from: '2027-01-01', document: { kind: 'account_plan', overrides: [], discounts: [], extraRules: [] } } },
    response: { 201: VersionSummarySchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, params, body }) =>
      versionDto(
        orFail(
          await services.rateCards.addVersion(actor, params.id, {
            effectiveFrom: body.effective_from,
            document: body.document,
            notes: body.notes,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/rate-cards/:id/versions/:version',
    summary: 'One version with its full document (export)',
    tags: ['rate cards'],
    permission: 'rate_cards:read',
    tenancy: { kind: 'account', resource: 'rate_card' },
    params: VersionParams,
    response: { 200: VersionSummarySchema.extend({ document: z.any() }), ...errorResponses },
    handler: async ({ services, actor, params }) => {
      const row = orFail(await services.rateCards.getVersion(actor, params.id, params.version));
      return { ...versionDto(row), document: row.document };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/rate-cards/:id/diff',
    summary: 'What changed between two versions',
    tags: ['rate cards'],
    permission: 'rate_cards:read',
    tenancy: { kind: 'account', resource: 'rate_card' },
    params: IdParams,
    querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
    example: { query: { from: '1', to: '1' } },
    response: {
      200: z.object({
        from: VersionSummarySchema,
        to: VersionSummarySchema,
        changes: z.array(
          z.object({
            kind: z.enum(['added', 'removed', 'changed']),
            path: z.string(),
            before: z.any().optional(),
            after: z.any().optional(),
          }),
        ),
      }),
      ...errorResponses,
    },
    handler: async ({ services, actor, params, query }) => {
      const diff = orFail(await services.rateCards.diff(actor, params.id, query.from, query.to));
      return { from: versionDto(diff.from), to: versionDto(diff.to), changes: diff.changes };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/rate-cards/:id/rate-tables/:service',
    summary: 'Load a carrier’s rate table (.xlsx or .csv: weight rows × zone columns) as a new card version',
    description:
      'Row 1: Weight, Zone 1, Zone 2, …; then one row per "not over" weight ("4 oz", "15.99 oz", "1 lb", "2 lb" …). Every problem is reported by row and column (a price that drops as weight or zone rises is one); nothing is saved unless the whole table is valid.',
    tags: ['rate cards'],
    permission: 'rate_cards:write',
    tenancy: { kind: 'account', resource: 'rate_card' },
    params: z.object({ id: z.uuid(), service: z.string().min(1).max(64) }),
    querystring: z.object({ effective_from: z.string(), notes: z.string().max(2000).optional() }),
    example: { query: { effective_from: '2027-01-01' } },
    multipart: { field: 'file', description: 'The rate table sheet' },
    response: { 201: VersionSummarySchema, 422: ErrorSchema, 415: ErrorSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, params, query, request }) => {
      const upload = await readUpload(request);
      const table = orFail(await readTable(upload.filename, upload.data));
      return versionDto(
        orFail(
          await services.rateCards.importRateTable(actor, params.id, params.service, table, {
            effectiveFrom: query.effective_from,
            notes: query.notes,
          }),
        ),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/rate-cards/:code/zone-charts',
    summary: 'Load a carrier’s official zone chart for an origin (.xlsx or .csv) as a new card version',
    description:
      'The sheet as UPS publishes it: optional title rows, then a header row with "Dest. ZIP" and a zone column ("Zone", "Ground", or name it with zone_column); one row per destination ZIP3 or range ("004-005"), zones 1–9. The chart applies to the named services (or whole carriers) shipping from the origin ZIP3/ZIP5s and overrides the computed distance zone from the effective date. Every problem is reported by row and column (overlapping ranges, a ZIP3 in use left out between ranges, a zone the services do not price); nothing is saved unless the whole chart and card are valid. :code is the card code (or its id).',
    tags: ['rate cards'],
    permission: 'rate_cards:write',
    tenancy: { kind: 'account', resource: 'rate_card' },
    params: z.object({ code: z.string().min(1).max(64) }),
    querystring: z.object({
      origin: z.string().min(3).max(200).describe('Origin ZIP3 prefix or ZIP5s, comma-separated, e.g. 08837'),
      service: z.string().max(400).optional().describe('Service codes, comma-separated, e.g. ups_ground'),
      carrier: z.string().max(100).optional().describe('Or whole carriers: ups, fedex, usps'),
      effective_from: isoDateQuery.optional().describe('Default: today'),
      source: z.string().max(500).optional(),
      zone_column: z.string().max(100).optional(),
      notes: z.string().max(2000).optional(),
    }),
    example: { query: { origin: '08837', service: 'ups_ground', effective_from: '2027-01-01' } },
    multipart: { field: 'file', description: 'The zone chart sheet' },
    response: { 201: VersionSummarySchema, 422: ErrorSchema, 415: ErrorSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, params, query, request }) => {
      const upload = await readUpload(request);
      const table = orFail(await readTable(upload.filename, upload.data));
      const list = (value: string | undefined) => (value ?? '').split(',').filter((v) => v.trim() !== '');
      const card = z.uuid().safeParse(params.code).success ? { id: params.code } : { code: params.code };
      return versionDto(
        orFail(
          await services.rateCards.importZoneChart(actor, card, table, {
            origins: list(query.origin),
            services: list(query.service),
            carriers: list(query.carrier),
            effectiveFrom: query.effective_from ?? services.deps.clock.now().toISOString().slice(0, 10),
            source: query.source,
            zoneColumn: query.zone_column,
            notes: query.notes,
            filename: upload.filename,
          }),
        ),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/rate-cards/:id/versions/:version/rate-tables/:service',
    summary: 'Download a carrier rate table of a card version as CSV',
    tags: ['rate cards'],
    permission: 'rate_cards:read',
    tenancy: { kind: 'account', resource: 'rate_card' },
    params: z.object({ id: z.uuid(), version: z.coerce.number().int().min(1), service: z.string().min(1).max(64) }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, reply }) => {
      const row = orFail(await services.rateCards.getVersion(actor, params.id, params.version));
      const document = row.document as { kind: string; carrierServices?: { code: string; rateTable: RateTable }[] };
      const service = document.carrierServices?.find((s) => s.code === params.service);
      if (!service) fail({ code: 'not_found', message: `Version ${params.version} has no carrier service ${params.service}.` });
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${params.service}-v${params.version}.csv"`);
      return `\ufeff${Papa.unparse(rateTableToSheet(service.rateTable))}\r\n`;
    },
  }),
];
