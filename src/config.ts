/** Configuration comes from the environment only (twelve-factor); README lists every variable. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from './db/connect.js';

/** The package root, whether running from src/ (tsx) or dist/src/ (built). */
export const PACKAGE_ROOT = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '..', '..') : path.resolve(here, '..');
})();

export interface Config {
  database: DatabaseConfig;
  host: string;
  port: number;
  logLevel: string;
  webDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const url = env.DATABASE_URL?.trim();
  const database: DatabaseConfig = url
    ? { kind: 'postgres', url, poolMax: positiveInt(env.DATABASE_POOL_MAX, 'DATABASE_POOL_MAX') ?? 10 }
    : { kind: 'pglite', dataDir: env.LANDED_DATA_DIR?.trim() || path.resolve('.landed-data') };
  return {
    database,
    host: env.HOST?.trim() || 'localhost',
    port: port(env.PORT) ?? 3000,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    webDir: env.LANDED_WEB_DIR?.trim() || path.join(PACKAGE_ROOT, 'dist', 'web'),
  };
}

/** 0 asks the system for a free port (tests, benchmarks). */
function port(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT must be a whole number from 0 to 65535 (got "${value}").`);
  return n;
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number (got "${value}").`);
  return n;
}
