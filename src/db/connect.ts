/**
 * One database layer for two kinds: PGlite (PostgreSQL in WASM, embedded, the default) and
 * node-postgres against a PostgreSQL server (when DATABASE_URL is set). Drizzle sits on both;
 * the same migrations and queries run on either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type Schema, schema } from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

/** The raw connection used for migrations and hot paths that want plain SQL. */
export interface RawConnection {
  /** Parameterless, possibly multi-statement SQL. */
  exec(sqlText: string): Promise<void>;
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs fn on one dedicated connection (advisory locks need that on a pool). */
  withConnection<T>(fn: (conn: RawConnection) => Promise<T>): Promise<T>;
  /** A short description for logs: the data folder or the server, never a password. */
  describe: string;
  close(): Promise<void>;
}

export type DatabaseConfig = { kind: 'postgres'; url: string; poolMax?: number } | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob };

/** @example await openDatabase({ kind: 'pglite', dataDir: 'memory://' }) */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, config.poolMax ?? 10) : openPglite(config);
}

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  const parsed = new URL(url);
  return {
    kind: 'postgres',
    db,
    describe: `postgres://${parsed.host}${parsed.pathname}`,
    async withConnection(fn) {
      const conn = await pool.connect();
      try {
        return await fn({
          exec: async (text) => {
            await conn.query(text);
          },
          query: async (text, params) => conn.query(text, params as unknown[]) as never,
        });
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(config: { dataDir: string; loadDataDir?: Blob }): Promise<Database> {
  const inMemory = config.dataDir.startsWith('memory://');
  let releaseLock: () => void = () => {};
  if (!inMemory) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    releaseLock = lockDataDir(config.dataDir);
  }
  const client = new PGlite(config.dataDir, config.loadDataDir ? { loadDataDir: config.loadDataDir } : {});
  try {
    await client.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const raw: RawConnection = {
    exec: async (text) => {
      await client.exec(text);
    },
    query: async (text, params) => client.query(text, params) as never,
  };
  return {
    kind: 'pglite',
    db,
    describe: inMemory ? 'pglite (in memory)' : `pglite ${path.resolve(config.dataDir)}`,
    withConnection: (fn) => fn(raw),
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

/** Dumps an in-memory PGlite so tests can clone a migrated database in milliseconds. */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt
 * it. A lock file with our pid turns that into a clear error.
 */
const openDataDirs = new Set<string>();

function lockDataDir(dataDir: string): () => void {
  const resolved = path.resolve(dataDir);
  if (openDataDirs.has(resolved)) {
    throw new Error(`The data folder ${resolved} is already open in this process; close it before opening it again.`);
  }
  const lockPath = path.join(dataDir, 'landed.lock');
  try {
    const holder = Number(fs.readFileSync(lockPath, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The data folder ${path.resolve(dataDir)} is in use by process ${holder}. ` +
          'The embedded database serves one process; stop it, or set DATABASE_URL to run several servers on PostgreSQL.',
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.writeFileSync(lockPath, String(process.pid));
  openDataDirs.add(resolved);
  return () => {
    openDataDirs.delete(resolved);
    try {
      if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Raw SQL through Drizzle: both drivers return `{ rows }`, but the shared type cannot say so.
 * @example const rows = await selectRows<{ n: number }>(tx, sql`SELECT 1 AS n`)
 */
export async function selectRows<T = Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
