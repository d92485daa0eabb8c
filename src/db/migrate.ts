/**
 * Forward-only migrations: plain SQL files applied in name order, each in its own
 * transaction, recorded with a checksum so an edited landed migration is caught.
 * An advisory lock lets several servers start against one PostgreSQL at once.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './connect.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 7_142_026_001;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(`${dir}/${name}`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** @example const { applied } = await migrate(database) */
export async function migrate(database: Database, files = listMigrations()): Promise<MigrationReport> {
  return database.withConnection(async (conn) => {
    await conn.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await conn.exec(
        'CREATE TABLE IF NOT EXISTS landed_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await conn.query<{ name: string; checksum: string }>('SELECT name, checksum FROM landed_migrations');
      const done = new Map(rows.map((r) => [r.name, r.checksum]));
      const applied: string[] = [];
      for (const file of files) {
        const previous = done.get(file.name);
        if (previous !== undefined) {
          if (previous !== file.checksum) {
            throw new Error(
              `Migration ${file.name} was changed after it was applied. Migrations are forward-only: restore it and add a new one.`,
            );
          }
          continue;
        }
        await conn.exec('BEGIN');
        try {
          await conn.exec(file.sql);
          await conn.query('INSERT INTO landed_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
          await conn.exec('COMMIT');
        } catch (error) {
          await conn.exec('ROLLBACK');
          throw new Error(`Migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(file.name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}
