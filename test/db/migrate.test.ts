import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/db/migrate.js';
import { createTestDatabase, databaseKind, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('migrations', () => {
  it('are applied once: a second run changes nothing', async () => {
    const report = await migrate(db.database);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toBe(listMigrations().length);
  });

  it('refuse to run when a landed migration was edited', async () => {
    const files = listMigrations().map((f, i) => (i === 0 ? { ...f, checksum: 'edited' } : f));
    await expect(migrate(db.database, files)).rejects.toThrow(/changed after it was applied/);
  });

  it('roll back a failing migration whole and report which one', async () => {
    const broken = { name: '9999_broken.sql', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();', checksum: 'x' };
    await expect(migrate(db.database, [...listMigrations(), broken])).rejects.toThrow(/9999_broken.sql failed/);
    const { rows } = await db.database.withConnection((c) => c.query("SELECT to_regclass('half_done') AS t"));
    expect(rows[0]).toEqual({ t: null });
  });

  it.skipIf(databaseKind() !== 'postgres')('can run from two servers at once (advisory lock)', async () => {
    const other = await db.openAnother();
    const extra = { name: '9998_extra.sql', sql: 'CREATE TABLE migrate_race (id int PRIMARY KEY);', checksum: 'race' };
    const files = [...listMigrations(), extra];
    const [first, second] = await Promise.all([migrate(db.database, files), migrate(other, files)]);
    expect([...first.applied, ...second.applied]).toEqual(['9998_extra.sql']);
  });
});
