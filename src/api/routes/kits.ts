import { z } from 'zod';
import type { KitDetail } from '../../services/returns/kits.js';
import { errorResponses, IdParams } from '../dto.js';
import { orFail } from '../http-errors.js';
import { defineRoute } from '../route.js';

const SkuRef = z.object({ id: z.uuid(), seller_sku: z.string(), title_en: z.string().nullable(), title_zh: z.string().nullable() });

export const KitSchema = z
  .object({
    id: z.uuid().describe('The kit SKU'),
    account_id: z.uuid(),
    seller_sku: z.string(),
    title_en: z.string().nullable(),
    title_zh: z.string().nullable(),
    components: z.array(SkuRef.extend({ quantity: z.number().int().describe('Units per kit') })),
    buildable: z
      .array(z.object({ warehouse_id: z.uuid(), warehouse_code: z.string(), kits: z.number().int() }))
      .describe('Kits the available components could make now, per warehouse (on GET /v1/kits/:id)'),
  })
  .meta({ id: 'Kit' });

function kitDto(d: KitDetail): z.output<typeof KitSchema> {
  return {
    id: d.kit.id,
    account_id: d.kit.accountId,
    seller_sku: d.kit.sellerSku,
    title_en: d.kit.titleEn,
    title_zh: d.kit.titleZh,
    components: d.components.map((c) => ({
      id: c.sku.id,
      seller_sku: c.sku.sellerSku,
      title_en: c.sku.titleEn,
      title_zh: c.sku.titleZh,
      quantity: c.quantity,
    })),
    buildable: d.buildable.map((b) => ({ warehouse_id: b.warehouseId, warehouse_code: b.warehouseCode, kits: b.kits })),
  };
}

export const kitRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/kits',
    summary: 'List kit SKUs and their components',
    tags: ['kits'],
    permission: 'skus:read',
    tenancy: { kind: 'account', resource: 'kit' },
    querystring: z.object({ account_id: z.uuid().optional().describe('Provider staff: limit to one account') }),
    response: { 200: z.object({ data: z.array(KitSchema) }), ...errorResponses },
    handler: async ({ services, actor, query }) => ({
      data: (await services.kits.list(actor, { accountId: query.account_id })).map(kitDto),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/kits/:id',
    summary: 'One kit (by its SKU id) with the kits its components could make per warehouse',
    tags: ['kits'],
    permission: 'skus:read',
    tenancy: { kind: 'account', resource: 'kit' },
    params: IdParams,
    response: { 200: KitSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => kitDto(orFail(await services.kits.get(actor, params.id))),
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/kits/:id',
    summary: 'Set a kit’s recipe (the SKU :id becomes a kit of these components)',
    description:
      'Components are SKUs of the same account (sku_id or seller_sku) with units per kit. Kits are one level deep. The recipe cannot ' +
      'change while a kitting or dekitting work order for the kit is open.',
    tags: ['kits'],
    permission: 'skus:write',
    tenancy: { kind: 'account', resource: 'kit' },
    params: IdParams,
    body: z.object({
      components: z
        .array(z.object({ sku_id: z.uuid().optional(), seller_sku: z.string().trim().max(200).optional(), quantity: z.number() }))
        .max(100),
    }),
    example: {
      body: {
        components: [
          { seller_sku: 'HM-CANDLE-LAV', quantity: 1 },
          { seller_sku: 'HM-CANDLE-VAN', quantity: 1 },
          { seller_sku: 'HM-CANDLE-CIT', quantity: 1 },
        ],
      },
    },
    response: { 200: KitSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      kitDto(
        orFail(
          await services.kits.setRecipe(
            actor,
            params.id,
            body.components.map((c) => ({ skuId: c.sku_id, sellerSku: c.seller_sku, quantity: c.quantity })),
          ),
        ),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/kits/:id',
    summary: 'Remove a kit’s recipe (the SKU stays)',
    tags: ['kits'],
    permission: 'skus:write',
    tenancy: { kind: 'account', resource: 'kit' },
    params: IdParams,
    response: { 204: z.null().describe('Removed'), ...errorResponses },
    successStatus: 204,
    handler: async ({ services, actor, params }) => {
      orFail(await services.kits.remove(actor, params.id));
      return null;
    },
  }),
];
