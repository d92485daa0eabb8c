/** A fresh copy of the migrated, demo-seeded test database for one test file. */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connect.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase {
  database: Database;
  /** A connection string for another process (PostgreSQL only). */
  url: string | null;
  /** Opens a second, independent connection to the same database (PostgreSQL only). */
  openAnother(): Promise<Database>;
  drop(): Promise<void>;
}

export const databaseKind = (): 'pglite' | 'postgres' => inject('databaseKind');

export async function createTestDatabase(): Promise<TestDatabase> {
  if (inject('databaseKind') === 'postgres') {
    const adminUrl = inject('postgresAdminUrl');
    const name = `landed_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
    await admin.end();
    const url = withDatabase(adminUrl, name);
    const database = await openDatabase({ kind: 'postgres', url, poolMax: 8 });
    const others: Database[] = [];
    return {
      database,
      url,
      async openAnother() {
        const other = await openDatabase({ kind: 'postgres', url, poolMax: 8 });
        others.push(other);
        return other;
      },
      async drop() {
        await Promise.all([database.close(), ...others.map((o) => o.close())]);
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const template = fs.readFileSync(inject('pgliteTemplate'));
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://', loadDataDir: new Blob([template]) });
  return {
    database,
    url: null,
    async openAnother() {
      throw new Error('PGlite serves one process; this test needs PostgreSQL (DATABASE_URL).');
    },
    drop: () => database.close(),
  };
}
