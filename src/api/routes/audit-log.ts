/**
 * The audit log (GET /v1/audit-log, GET /v1/audit-log/verify) and the account export
 * (GET /v1/accounts/:id/export). docs/decisions/0007-audit-log.md, docs/exit-and-portability.md.
 */
import { z } from 'zod';
import type { AuditEntry } from '../../db/repositories/audit-log.js';
import { errorResponses } from '../dto.js';
import { fail, orFail } from '../http-errors.js';
import { defineRoute } from '../route.js';

const timestamp = z.string().describe('ISO 8601 time, UTC');
const hash = z.string().describe('SHA-256, hex');

export const AuditEntrySchema = z
  .object({
    seq: z.number().int().describe('Entry number: the chain order (commit order)'),
    at: timestamp,
    actor: z.object({
      kind: z.string().describe('user, api_key, system, anonymous (failed sign-in) or database (outside the application)'),
      id: z.string().nullable(),
      role: z.string().nullable(),
      account_id: z.string().nullable(),
      name: z.string().nullable().describe('Email of the user or name of the API key, when still on file'),
    }),
    account_id: z.string().nullable().describe('The seller account the entry is about; null for provider data'),
    entity_type: z.string().describe('Table name for row changes (users, inbound_plans…), else a noun (session, account_export)'),
    entity_id: z.string().nullable(),
    action: z.string().describe('insert, update, delete for row changes; login, login_failed, export, import…'),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    prev_hash: hash,
    hash,
  })
  .meta({ id: 'AuditEntry' });

export function auditEntryDto(e: AuditEntry): z.output<typeof AuditEntrySchema> {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { kind: e.actorKind, id: e.actorId, role: e.actorRole, account_id: e.actorAccountId, name: e.actorName },
    account_id: e.accountId,
    entity_type: e.entityType,
    entity_id: e.entityId,
    action: e.action,
    before: e.before ?? null,
    after: e.after ?? null,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

export const ChainReportSchema = z
  .object({
    ok: z.boolean(),
    entries: z.number().int().describe('Entries checked, up to the chain head read when the check started'),
    head: z.object({ seq: z.number().int(), hash }),
    problem: z
      .object({
        kind: z.enum(['altered', 'deleted', 'inserted', 'head_mismatch']),
        seq: z.number().int().describe('The entry where the chain first breaks'),
        expected: z.string(),
        found: z.string(),
        message: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'AuditChainReport' });

function encodeSeq(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

function decodeSeq(cursor: string): number {
  const m = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    fail({
      code: 'validation_failed',
      message: 'cursor is not valid; pass next_cursor from the previous page.',
      details: [{ path: ['query', 'cursor'], field: 'cursor', code: 'invalid_cursor', message: 'Use next_cursor from the previous page.' }],
    });
  }
  return Number(m[1]);
}

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/audit-log',
    summary: 'Audit log entries, newest first',
    description:
      'Every state change of the audited records and every staff action, hash-chained. Sellers see the entries about their own account.',
    tags: ['audit'],
    permission: 'audit:read',
    tenancy: { kind: 'account', resource: 'audit_entry' },
    querystring: z.object({
      account_id: z.uuid().optional().describe('Provider staff: entries about one account'),
      entity_type: z.string().max(100).optional(),
      entity_id: z.string().max(200).optional(),
      actor_id: z.string().max(200).optional().describe('A user or API key id'),
      from: z.iso.datetime({ offset: true }).optional().describe('At or after'),
      to: z.iso.datetime({ offset: true }).optional().describe('Before'),
      cursor: z.string().max(200).optional().describe('next_cursor of the previous page'),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    response: {
      200: z.object({ data: z.array(AuditEntrySchema), next_cursor: z.string().nullable() }),
      ...errorResponses,
    },
    handler: async ({ services, actor, query }) => {
      const page = orFail(
        await services.audit.list(actor, {
          accountId: query.account_id,
          entityType: query.entity_type,
          entityId: query.entity_id,
          actorId: query.actor_id,
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
          beforeSeq: query.cursor ? decodeSeq(query.cursor) : undefined,
          limit: query.limit,
        }),
      );
      return { data: page.items.map(auditEntryDto), next_cursor: page.nextBeforeSeq === null ? null : encodeSeq(page.nextBeforeSeq) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/audit-log/verify',
    summary: 'Verify the audit chain',
    description:
      'Walks every entry and reports the first altered, inserted or deleted one (entry number, expected and found hash). ' +
      'Provider staff and provider auditors.',
    tags: ['audit'],
    permission: 'audit_chain:read',
    tenancy: { kind: 'shared' },
    response: { 200: ChainReportSchema, ...errorResponses },
    handler: async ({ services, actor }) => {
      const r = orFail(await services.audit.verify(actor));
      return { ok: r.ok, entries: r.entries, head: { seq: r.headSeq, hash: r.headHash }, problem: r.problem };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/accounts/:id/export',
    summary: 'Export every record of an account (zip of CSV and JSON)',
    description:
      'One zip: data/<table>.json and .csv for every table holding the account’s rows, shared/ for the records they refer to, ' +
      'schema.json and SCHEMA.md describing every column, manifest.json with row counts and SHA-256 per file. ' +
      ':id is the account id or its code. Provider staff, or the seller’s own admin. docs/exit-and-portability.md.',
    tags: ['accounts'],
    permission: 'account_export:read',
    tenancy: { kind: 'account', resource: 'account' },
    params: z.object({ id: z.string().min(1).max(100).describe('Account id or code') }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, reply }) => {
      const result = orFail(await services.portability.exportAccount(actor, params.id));
      reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${result.fileName}"`);
      return Buffer.from(result.zip);
    },
  }),
];
