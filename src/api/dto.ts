/**
 * What the API shows of each record (snake_case JSON), as zod schemas that also generate the
 * OpenAPI document, and the converters from database rows.
 */
import { z } from 'zod';
import { SKU_FLAGS } from '../domain/catalog/sku.js';
import { isCurrencyCode, money, moneyToDto } from '../domain/money/index.js';
import { ROLES } from '../domain/shared/roles.js';
import { WAREHOUSE_KINDS } from '../domain/warehouses/warehouse.js';
import type { AccountRow } from '../db/repositories/accounts.js';
import type { ApiKeyRow } from '../db/repositories/api-keys.js';
import type { SkuRow } from '../db/repositories/skus.js';
import type { UserRow } from '../db/repositories/users.js';
import type { WarehouseRow } from '../db/repositories/warehouses.js';
import type { InstallationRow } from '../services/installation.js';
import { skuFlags } from '../services/skus.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const timestamp = z.string().describe('ISO 8601 time, UTC');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. validation_failed, not_found'),
      message: z.string(),
      details: z.array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])).optional(),
          row: z.number().optional(),
          column: z.string().optional(),
          header: z.string().optional(),
          field: z.string().optional(),
          code: z.string(),
          message: z.string().describe('English'),
          messages: z
            .object({ en: z.string(), zh: z.string() })
            .optional()
            .describe('The same in English and Simplified Chinese, where the problem was found by the domain rules'),
        }),
      ),
    }),
  })
  .meta({ id: 'Error' });

export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null at the end'),
  });
}

export const PageQuery = {
  cursor: z.string().max(200).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

export const IdParams = z.object({ id: z.uuid() });

export const MoneySchema = z
  .object({
    currency: z.string(),
    amount_minor: z.string().describe('Integer minor units (cents/fen)'),
    amount: z.string().describe('Decimal, e.g. "4.50"'),
  })
  .meta({ id: 'Money' });

export const InstallationSchema = z
  .object({
    name: z.string(),
    legal_name: z.string().nullable(),
    contact_email: z.string().nullable(),
    default_currency: z.string(),
    updated_at: timestamp,
  })
  .meta({ id: 'Installation' });

export function installationDto(row: InstallationRow): z.output<typeof InstallationSchema> {
  return {
    name: row.name,
    legal_name: row.legalName,
    contact_email: row.contactEmail,
    default_currency: row.defaultCurrency,
    updated_at: row.updatedAt.toISOString(),
  };
}

export const AccountSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    name_zh: z.string().nullable(),
    contact_email: z.string().nullable(),
    default_currency: z.string(),
    status: z.enum(['active', 'archived']),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Account' });

export function accountDto(row: AccountRow): z.output<typeof AccountSchema> {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    name_zh: row.nameZh,
    contact_email: row.contactEmail,
    default_currency: row.defaultCurrency,
    status: row.status as 'active' | 'archived',
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const UserSchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid().nullable(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    locale: z.enum(['zh-CN', 'en']),
    status: z.enum(['active', 'archived']),
    last_login_at: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'User' });

export function userDto(row: UserRow): z.output<typeof UserSchema> {
  return {
    id: row.id,
    account_id: row.accountId,
    email: row.email,
    name: row.name,
    role: row.role as z.output<typeof UserSchema>['role'],
    locale: row.locale as 'zh-CN' | 'en',
    status: row.status as 'active' | 'archived',
    last_login_at: iso(row.lastLoginAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid().nullable(),
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string().describe('Shown to tell keys apart; the secret is never shown again'),
    created_at: timestamp,
    expires_at: timestamp.nullable(),
    last_used_at: timestamp.nullable(),
    revoked_at: timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

export function apiKeyDto(row: ApiKeyRow): z.output<typeof ApiKeySchema> {
  return {
    id: row.id,
    account_id: row.accountId,
    name: row.name,
    role: row.role as z.output<typeof ApiKeySchema>['role'],
    prefix: `lk_${row.prefix}`,
    created_at: row.createdAt.toISOString(),
    expires_at: iso(row.expiresAt),
    last_used_at: iso(row.lastUsedAt),
    revoked_at: iso(row.revokedAt),
  };
}

export const CutoffSchema = z.object({
  name: z.string().min(1).max(60).describe('What the cutoff is for, e.g. "same-day ship"'),
  time: z.string().describe('Local time HH:MM in the warehouse time zone'),
  days: z.array(z.number().int()).describe('ISO weekdays, 1 = Monday … 7 = Sunday'),
});

export const AddressSchema = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).nullable().optional(),
  city: z.string().min(1).max(100),
  region: z.string().min(1).max(100).describe('State or province, e.g. NJ'),
  postal_code: z.string().min(1).max(20),
  country: z.string().length(2).describe('ISO 3166 alpha-2, e.g. US, CN'),
});

export const WarehouseSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    name_zh: z.string().nullable(),
    kind: z.enum(WAREHOUSE_KINDS),
    address: AddressSchema.extend({ line2: z.string().nullable() }),
    timezone: z.string(),
    cutoffs: z.array(CutoffSchema),
    status: z.enum(['active', 'archived']),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Warehouse' });

export function warehouseDto(row: WarehouseRow): z.output<typeof WarehouseSchema> {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    name_zh: row.nameZh,
    kind: row.kind as z.output<typeof WarehouseSchema>['kind'],
    address: {
      line1: row.addressLine1,
      line2: row.addressLine2,
      city: row.city,
      region: row.region,
      postal_code: row.postalCode,
      country: row.country,
    },
    timezone: row.timezone,
    cutoffs: row.cutoffs,
    status: row.status as 'active' | 'archived',
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const SkuSchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid(),
    seller_sku: z.string(),
    title_en: z.string().nullable(),
    title_zh: z.string().nullable(),
    length: z.string().describe('Decimal, as entered'),
    width: z.string(),
    height: z.string(),
    dimension_unit: z.enum(['mm', 'cm', 'm', 'in', 'ft']),
    weight: z.string().describe('Unit weight, decimal'),
    weight_unit: z.enum(['g', 'kg', 'oz', 'lb']),
    hs_code: z.string().nullable(),
    declared_value: MoneySchema.nullable(),
    country_of_origin: z.string().nullable(),
    flags: z.array(z.enum(SKU_FLAGS)),
    upc: z.string().nullable(),
    fnsku: z.string().nullable(),
    msku: z.string().nullable(),
    status: z.enum(['active', 'archived']),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Sku' });

export function skuDto(row: SkuRow): z.output<typeof SkuSchema> {
  const currency = row.declaredCurrency;
  return {
    id: row.id,
    account_id: row.accountId,
    seller_sku: row.sellerSku,
    title_en: row.titleEn,
    title_zh: row.titleZh,
    length: trimDecimal(row.length),
    width: trimDecimal(row.width),
    height: trimDecimal(row.height),
    dimension_unit: row.dimensionUnit as z.output<typeof SkuSchema>['dimension_unit'],
    weight: trimDecimal(row.weight),
    weight_unit: row.weightUnit as z.output<typeof SkuSchema>['weight_unit'],
    hs_code: row.hsCode,
    declared_value:
      row.declaredValueMinor !== null && currency && isCurrencyCode(currency) ? moneyToDto(money(currency, row.declaredValueMinor)) : null,
    country_of_origin: row.countryOfOrigin,
    flags: skuFlags(row),
    upc: row.upc,
    fnsku: row.fnsku,
    msku: row.msku,
    status: row.status as 'active' | 'archived',
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** numeric(12,3) comes back as "30.000"; show "30". */
function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
