/**
 * Every API route is declared through `defineRoute`, with the permission it needs and how it
 * touches tenant data. The server registers the table; the tenancy and role tests walk the
 * same table, so a new route is tested the day it is added without anyone remembering to.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Permission } from '../domain/shared/roles.js';
import type { Actor } from '../services/context.js';
import type { Services } from '../services/create-services.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Resources owned by a seller account, each with a fixture in the tenancy test. */
export type AccountResource =
  | 'account'
  | 'user'
  | 'api_key'
  | 'sku'
  | 'rate_card'
  | 'quote'
  | 'inbound_plan'
  | 'return'
  | 'work_order'
  | 'kit'
  | 'exit_plan'
  | 'inventory_lot'
  | 'allocation'
  | 'channel_stock_rule'
  | 'stock_transfer'
  | 'invoice'
  | 'dispute'
  | 'claim'
  | 'audit_entry';

export type Tenancy =
  /** No caller needed (health, login). */
  | { kind: 'public' }
  /** Acts on the caller only (me, logout). */
  | { kind: 'self' }
  /** Provider reference data every signed-in caller may read (warehouses, installation). */
  | { kind: 'shared' }
  /** Rows of one seller account: by `:id`, or a list/create naming `account_id`. */
  | { kind: 'account'; resource: AccountResource };

export interface RouteContext<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  /** 'public' skips authentication; 'signed_in' needs only a caller. */
  permission: Permission | 'public' | 'signed_in';
  tenancy: Tenancy;
  params?: P;
  querystring?: Q;
  body?: B;
  /** multipart uploads are read by the handler, not by a body schema. */
  multipart?: { field: string; description: string };
  /** A valid request, used by the docs and by the generated tenancy and role tests. */
  example?: { body?: unknown; query?: Record<string, string> };
  response: Record<number, z.ZodType>;
  successStatus?: number;
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>;
}

/** Identity function that keeps the schema types flowing into the handler. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
