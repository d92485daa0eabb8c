/** The Drizzle schema used by queries must match the tables the SQL migrations create. */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('schema drift', () => {
  it.each(Object.values(schema).map((table) => [getTableConfig(table).name, table] as const))('%s', async (name, table) => {
    const { rows } = await db.database.withConnection((c) =>
      c.query<{ column_name: string; is_nullable: string }>(
        'SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [name],
      ),
    );
    const inDatabase = Object.fromEntries(rows.map((r) => [r.column_name, r.is_nullable === 'NO']));
    const inDrizzle = Object.fromEntries(getTableConfig(table).columns.map((c) => [c.name, c.notNull]));
    expect(inDrizzle).toEqual(inDatabase);
  });
});
