/**
 * One message, one transaction: the tenancy scope and a statement sent together over the
 * simple query protocol, which PostgreSQL runs as a single implicit transaction. Used by the
 * allocation hot path so row locks are held only for the server's own work and its commit,
 * never while an answer and a COMMIT cross the network (see docs/inventory.md). The scope is
 * set exactly as `inScope` (tenancy.ts) sets it, so row-level security applies the same way.
 * PGlite (one connection, no concurrency) goes through inScope instead.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { type Database, selectRows } from './connect.js';
import { actorSetting, inScope, type Scope } from './tenancy.js';

/** A SQL literal: the value quoted and escaped for the simple protocol. */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return pg.escapeLiteral(value);
}

/**
 * Runs `SELECT <expression> AS result` in the caller's scope and returns `result`.
 * `expression` must be built with `literal()` for every value.
 * @example await selectInScope(database, scope, `landed_allocate_request(${literal(accountId)}::uuid, …)`)
 */
export async function selectInScope<T>(database: Database, scope: Scope, expression: string): Promise<T> {
  const accountId = scope.kind === 'seller' ? scope.accountId : '';
  if (database.kind === 'pglite') {
    return inScope(database.db, scope, async (tx) => {
      const [row] = await selectRows<{ result: T }>(tx, sql.raw(`SELECT ${expression} AS result`));
      return (row as { result: T }).result;
    });
  }
  const text =
    `SELECT set_config('role', 'landed_app', true), set_config('landed.scope', ${literal(scope.kind)}, true), ` +
    `set_config('landed.account_id', ${literal(accountId)}, true), set_config('landed.actor', ${literal(actorSetting(scope.actor))}, true); SELECT ${expression} AS result`;
  return database.withConnection(async (conn) => {
    const results = (await conn.query(text)) as unknown as { rows: { result: T }[] }[];
    const row = results[results.length - 1]?.rows[0];
    if (!row) throw new Error('the scoped statement returned no row');
    return row.result;
  });
}
