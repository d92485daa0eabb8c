/**
 * The second tenancy wall: even SQL that forgets its account filter sees and changes only
 * the caller's rows, because requests run as landed_app under row-level security.
 */
import { type SQL, sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/connect.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope, PROVIDER_SCOPE, type Scope } from '../../src/db/tenancy.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let a: string;
let b: string;
const rows = (scope: Scope, query: SQL) => inScope(t.db.database.db, scope, (tx) => selectRows(tx, query));

beforeAll(async () => {
  t = await createTestApp();
  a = await t.accountId('THREADLINE');
  b = await t.accountId('HOMELY');
});
afterAll(async () => t?.close());

describe('row-level security', () => {
  it('shows a seller only its own rows from an unfiltered SELECT', async () => {
    const seen = await rows({ kind: 'seller', accountId: a }, sql`SELECT DISTINCT account_id FROM skus`);
    expect(seen).toEqual([{ account_id: a }]);
    const accounts = await rows({ kind: 'seller', accountId: a }, sql`SELECT id FROM accounts`);
    expect(accounts).toEqual([{ id: a }]);
    const users = await rows({ kind: 'seller', accountId: a }, sql`SELECT DISTINCT account_id FROM users`);
    expect(users).toEqual([{ account_id: a }]);
  });

  it('lets provider staff see every account', async () => {
    const seen = await rows(PROVIDER_SCOPE, sql`SELECT count(DISTINCT account_id)::int AS n FROM skus`);
    expect(seen[0]?.n).toBe(3);
  });

  it('turns an unfiltered UPDATE of another seller into a no-op', async () => {
    const before = await t.services.skus.list(SYSTEM_ACTOR, { accountId: b, limit: 500 });
    const updated = await rows(
      { kind: 'seller', accountId: a },
      sql`UPDATE skus SET title_en = 'hijacked' WHERE account_id = ${b} RETURNING id`,
    );
    expect(updated).toEqual([]);
    const after = await t.services.skus.list(SYSTEM_ACTOR, { accountId: b, limit: 500 });
    expect(after.items.map((s) => s.titleEn)).toEqual(before.items.map((s) => s.titleEn));
  });

  it('rejects an INSERT into another seller’s account', async () => {
    const attempt = rows(
      { kind: 'seller', accountId: a },
      sql`INSERT INTO skus (id, account_id, seller_sku, length, width, height, dimension_unit, weight, weight_unit, status)
          VALUES ('00000000-0000-7000-8000-0000000000aa', ${b}, 'PLANTED', 1, 1, 1, 'cm', 1, 'g', 'active')`,
    );
    await expect(attempt).rejects.toThrow();
  });

  it('runs seller requests as landed_app, which cannot read sessions', async () => {
    const who = await rows({ kind: 'seller', accountId: a }, sql`SELECT current_user AS who`);
    expect(who[0]?.who).toBe('landed_app');
    await expect(rows({ kind: 'seller', accountId: a }, sql`SELECT * FROM sessions`)).rejects.toThrow();
  });

  it('shows no seller rows when no scope was set at all', async () => {
    const seen = await t.db.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('role', 'landed_app', true)`);
      return selectRows(tx, sql`SELECT count(*)::int AS n FROM skus`);
    });
    expect(seen[0]).toEqual({ n: 0 });
  });
});
