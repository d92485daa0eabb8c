/** Starting the whole installation: database, migrations, optional demo data, HTTP server. */
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './api/app.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { createServices, type Services } from './services/create-services.js';
import { type SeedReport, seedDemo } from './services/demo/seed-demo.js';
import { scheduleStorageSnapshots } from './services/inventory/storage-schedule.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  services: Services;
  url: string;
  seed: SeedReport | null;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: { demo: boolean; log?: Logger }): Promise<RunningServer> {
  const log = options.log ?? pino({ level: config.logLevel });
  const database = await openDatabase(config.database);
  try {
    const migrations = await migrate(database);
    if (migrations.applied.length > 0) log.info({ applied: migrations.applied }, 'migrations applied');
    const services = createServices({ database, log });
    await services.installation.ensure();
    const seed = options.demo ? await seedDemo(services) : null;
    if (seed?.seeded) log.info({ accounts: seed.accounts, skus: seed.skus, users: seed.users }, 'demo data loaded');
    const app = await buildApp({ services, logger: log, webDir: config.webDir });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '::' || config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    // Storage is charged from these; without them a day's storage fees would silently be missing.
    const snapshots = scheduleStorageSnapshots(services.storage, log);
    return {
      app,
      database,
      services,
      url,
      seed,
      async close() {
        await app.close();
        await snapshots.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
