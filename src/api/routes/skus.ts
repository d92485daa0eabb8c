import { z } from 'zod';
import { SKU_FLAGS, type SkuDraft } from '../../domain/catalog/sku.js';
import { defineRoute } from '../route.js';
import { errorResponses, ErrorSchema, IdParams, PageQuery, pageOf, SkuSchema, skuDto } from '../dto.js';
import { orFail } from '../http-errors.js';
import { readUpload } from '../upload.js';
import { pageFilter } from '../paging.js';
import { skuTemplate } from '../../services/spreadsheets/sku-template.js';

const decimal = z
  .union([z.string().max(40), z.number()], {
    error: (issue) => (issue.input === undefined ? 'Required.' : 'Must be a number or a decimal string such as "12.5".'),
  })
  .transform((v) => String(v));

const SkuBody = z.object({
  seller_sku: z.string().trim().max(200),
  title_en: z.string().max(1000).nullable().optional(),
  title_zh: z.string().max(1000).nullable().optional(),
  length: decimal,
  width: decimal,
  height: decimal,
  dimension_unit: z.string().max(10).describe('cm, mm, m, in or ft'),
  weight: decimal,
  weight_unit: z.string().max(10).describe('g, kg, oz or lb'),
  hs_code: z.string().max(20).nullable().optional(),
  declared_value: decimal.nullable().optional().describe('Per unit, decimal in declared_currency'),
  declared_currency: z.string().max(3).nullable().optional(),
  country_of_origin: z.string().max(2).nullable().optional(),
  flags: z
    .array(z.string().max(40))
    .max(10)
    .optional()
    .describe(`Any of ${SKU_FLAGS.join(', ')}`),
  upc: z.string().max(20).nullable().optional(),
  fnsku: z.string().max(20).nullable().optional(),
  msku: z.string().max(100).nullable().optional(),
});

type SkuBodyOutput = Partial<z.output<typeof SkuBody>>;

function toDraft(body: SkuBodyOutput): Partial<SkuDraft> {
  return {
    sellerSku: body.seller_sku,
    titleEn: body.title_en,
    titleZh: body.title_zh,
    length: body.length,
    width: body.width,
    height: body.height,
    dimensionUnit: body.dimension_unit,
    weight: body.weight,
    weightUnit: body.weight_unit,
    hsCode: body.hs_code,
    declaredValue: body.declared_value,
    declaredCurrency: body.declared_currency,
    countryOfOrigin: body.country_of_origin,
    flags: body.flags,
    upc: body.upc,
    fnsku: body.fnsku,
    msku: body.msku,
  };
}

const ImportReportSchema = z.object({
  dry_run: z.boolean(),
  account_id: z.uuid(),
  total_rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  ignored_headers: z.array(z.string()),
  errors: z.array(z.never()).describe('Always empty on success; problems come back as a 422 import_invalid error'),
});

export const skuRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/skus',
    summary: 'List SKUs (search by SKU, title, UPC, FNSKU or MSKU)',
    tags: ['skus'],
    permission: 'skus:read',
    tenancy: { kind: 'account', resource: 'sku' },
    querystring: z.object({
      account_id: z.uuid().optional().describe('Provider staff: limit to one account'),
      q: z.string().max(100).optional(),
      status: z.enum(['active', 'archived']).optional(),
      flag: z.enum(SKU_FLAGS).optional(),
      ...PageQuery,
    }),
    response: { 200: pageOf(SkuSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.skus.list(actor, {
        accountId: query.account_id,
        q: query.q,
        status: query.status,
        flag: query.flag,
        ...pageFilter(query),
      });
      return { data: page.items.map(skuDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/skus/import/template',
    summary: 'Download the SKU import template',
    tags: ['skus'],
    permission: 'skus:read',
    tenancy: { kind: 'shared' },
    querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: z.enum(['en', 'zh']).default('en') }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ query, reply }) => {
      const file = await skuTemplate(query.format, query.lang);
      const name = `landed-sku-template-${query.lang}.${query.format}`;
      reply
        .header(
          'content-type',
          query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="${name}"`);
      return file;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/skus/import',
    summary: 'Import SKUs from .xlsx or .csv (all-or-nothing)',
    description:
      'Upload as multipart/form-data field `file`. Headers may be in English or Chinese (see the template). Every row is validated; any problem returns 422 `import_invalid` with one detail per problem (row, column, header, field, message) and nothing is written. `dry_run=true` validates without writing. `mode=upsert` updates SKUs that already exist; `mode=create` (default) reports them as errors.',
    tags: ['skus'],
    permission: 'skus:write',
    tenancy: { kind: 'account', resource: 'sku' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      mode: z.enum(['create', 'upsert']).default('create'),
      dry_run: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
    }),
    multipart: { field: 'file', description: 'The .xlsx or .csv sheet' },
    response: { 200: ImportReportSchema, 422: ErrorSchema, 415: ErrorSchema, 413: ErrorSchema, ...errorResponses },
    handler: async ({ services, actor, query, request }) => {
      const { filename, data } = await readUpload(request);
      const report = orFail(
        await services.skuImport.importSkus(actor, {
          accountId: query.account_id,
          filename,
          data,
          mode: query.mode,
          dryRun: query.dry_run,
        }),
      );
      return {
        dry_run: report.dryRun,
        account_id: report.accountId,
        total_rows: report.totalRows,
        created: report.created,
        updated: report.updated,
        ignored_headers: report.ignoredHeaders,
        errors: [],
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/skus/:id',
    summary: 'One SKU',
    tags: ['skus'],
    permission: 'skus:read',
    tenancy: { kind: 'account', resource: 'sku' },
    params: IdParams,
    response: { 200: SkuSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => skuDto(orFail(await services.skus.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/skus',
    summary: 'Create a SKU',
    tags: ['skus'],
    permission: 'skus:write',
    tenancy: { kind: 'account', resource: 'sku' },
    body: SkuBody.extend({ account_id: z.uuid().optional().describe('Provider staff: the seller account') }),
    example: {
      body: {
        seller_sku: 'NEW-SKU-1',
        title_en: 'Silicone phone case',
        title_zh: '硅胶手机壳',
        length: '17',
        width: '9',
        height: '1.5',
        dimension_unit: 'cm',
        weight: '40',
        weight_unit: 'g',
        hs_code: '3926.90.9990',
        declared_value: '1.20',
        declared_currency: 'USD',
        country_of_origin: 'CN',
        flags: [],
      },
    },
    response: { 201: SkuSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      skuDto(orFail(await services.skus.create(actor, body.account_id, toDraft(body) as SkuDraft))),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/skus/:id',
    summary: 'Update a SKU (the whole SKU is re-validated)',
    tags: ['skus'],
    permission: 'skus:write',
    tenancy: { kind: 'account', resource: 'sku' },
    params: IdParams,
    body: SkuBody.partial(),
    example: { body: { weight: '45', weight_unit: 'g' } },
    response: { 200: SkuSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) => skuDto(orFail(await services.skus.update(actor, params.id, toDraft(body)))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/skus/:id/archive',
    summary: 'Archive a SKU',
    tags: ['skus'],
    permission: 'skus:write',
    tenancy: { kind: 'account', resource: 'sku' },
    params: IdParams,
    response: { 200: SkuSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => skuDto(orFail(await services.skus.archive(actor, params.id))),
  }),
];
