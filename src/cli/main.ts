/**
 * The `landed` command. Every command opens the configured database (PGlite folder or
 * DATABASE_URL), does one job, prints a readable result (or JSON with --json) and exits
 * non-zero on failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import pino from 'pino';
import type { AppError } from '../domain/shared/errors.js';
import { isRole, ROLES } from '../domain/shared/roles.js';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { createServices, type Services } from '../services/create-services.js';
import { randomToken } from '../services/secrets.js';
import type { ImportProgress } from '../services/sku-import.js';
import { CliFailure, type CliIo, processIo, table } from './io.js';
import { progressPrinter } from './progress.js';
import { addAuditCommands } from './audit-commands.js';
import { addBillingCommands } from './billing-commands.js';
import { addCardCommands } from './cards-commands.js';
import { addDisputeAndClaimCommands } from './disputes-claims-commands.js';
import { addInboundCommands } from './inbound-commands.js';
import { addInventoryCommands } from './inventory-commands.js';
import { addQuoteCommands } from './quote-commands.js';
import { addReturnCommands } from './returns-commands.js';

interface GlobalOptions {
  json?: boolean;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    const json = program.opts<GlobalOptions>().json;
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      // Scripts reading --json get something to parse for usage mistakes too.
      if (json) io.out(JSON.stringify({ ok: false, error: { code: 'usage', message: error.message } }, null, 2));
      return 2;
    }
    if (error instanceof CliFailure) {
      if (json) io.out(JSON.stringify({ ok: false, error: error.payload ?? { message: error.message } }, null, 2));
      else io.err(`Error: ${error.message}`);
      return error.exitCode;
    }
    const message = (error as Error).message ?? String(error);
    if (json) io.out(JSON.stringify({ ok: false, error: { code: 'internal_error', message } }, null, 2));
    else io.err(`Error: ${message}`);
    return 1;
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('landed')
    .description('Landed — fulfilment for cross-border sellers (API, portal and tools)')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();
  const json = () => Boolean(program.opts<GlobalOptions>().json);
  const print = (human: string, data: unknown) => io.out(json() ? JSON.stringify({ ok: true, ...(data as object) }, null, 2) : human);

  program
    .command('start')
    .description('Serve the API, the /docs reference and the web portal')
    .option('--port <port>', 'port (default $PORT or 3000)')
    .option('--no-demo', 'do not load demo data into an empty database')
    .action(async (options: { port?: string; demo: boolean }) => {
      const config = loadConfig({ ...io.env, ...(options.port ? { PORT: options.port } : {}) });
      const demo = options.demo && io.env.LANDED_DEMO !== 'false';
      // Loaded here, not at the top: every other command would pay for the web server's modules.
      const { startServer } = await import('../server.js');
      const server = await startServer(config, { demo, log: pino({ level: config.logLevel }) });
      if (server.seed?.seeded) io.err(await demoBanner());
      io.err(`Landed is serving ${server.url} (portal), ${server.url}/docs (API reference) on ${server.database.describe}`);
      await new Promise<void>((resolve) => {
        const stop = async () => {
          await server.close();
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program
    .command('migrate')
    .description('Apply database migrations')
    .action(async () =>
      withDatabase(io, async (database) => {
        const report = await migrate(database);
        print(
          report.applied.length > 0
            ? `Applied ${report.applied.join(', ')} on ${database.describe}.`
            : `Database is up to date (${database.describe}).`,
          { applied: report.applied },
        );
      }),
    );

  program
    .command('seed')
    .description('Load data')
    .requiredOption('--demo', 'the demo provider, warehouses, sellers, SKUs and users')
    .action(async () =>
      withServices(io, async (services) => {
        const { seedDemo } = await import('../services/demo/seed-demo.js');
        const report = await seedDemo(services, (step) => (json() ? undefined : io.err(`  seeding ${step}…`)));
        if (!report.seeded) {
          print('The database already has accounts; demo data was not loaded again.', { seeded: false });
          return;
        }
        print(
          `Loaded ${report.warehouses} warehouses, ${report.accounts} seller accounts, ${report.skus} SKUs and ${report.users} users.\n${await demoBanner()}`,
          {
            seeded: true,
            warehouses: report.warehouses,
            accounts: report.accounts,
            skus: report.skus,
            users: report.users,
            logins: report.logins,
          },
        );
      }),
    );

  const users = program.command('users').description('Manage users');
  users
    .command('create')
    .description('Create a user (prints a generated password when none is given)')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
    .option('--account <code>', 'seller account code (seller roles)')
    .option('--password <password>', 'at least 10 characters; omit to generate one')
    .addOption(new Option('--locale <locale>').choices(['zh-CN', 'en']).default('zh-CN'))
    .action(async (options: { email: string; name: string; role: string; account?: string; password?: string; locale: 'zh-CN' | 'en' }) =>
      withServices(io, async (services) => {
        if (!isRole(options.role)) throw new CliFailure(`Unknown role ${options.role}.`);
        const accountId = options.account ? await accountIdByCode(services, options.account) : null;
        const password = options.password ?? randomToken(12);
        const created = expectOk(
          await services.users.create(SYSTEM_ACTOR, {
            email: options.email,
            name: options.name,
            role: options.role,
            accountId,
            password,
            locale: options.locale,
          }),
        );
        print(
          `Created ${created.role} ${created.email}${options.account ? ` in ${options.account.toUpperCase()}` : ''}.${options.password ? '' : `\nPassword (shown once): ${password}`}`,
          {
            user: { id: created.id, email: created.email, role: created.role, account_id: created.accountId },
            ...(options.password ? {} : { password }),
          },
        );
      }),
    );

  const keys = program.command('keys').description('Manage API keys');
  keys
    .command('create')
    .description('Create an API key; the secret is printed once')
    .requiredOption('--name <name>', 'what uses it, e.g. "ERP"')
    .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
    .option('--account <code>', 'seller account code (seller roles)')
    .action(async (options: { name: string; role: string; account?: string }) =>
      withServices(io, async (services) => {
        if (!isRole(options.role)) throw new CliFailure(`Unknown role ${options.role}.`);
        const accountId = options.account ? await accountIdByCode(services, options.account) : null;
        const created = expectOk(await services.apiKeys.create(SYSTEM_ACTOR, { name: options.name, role: options.role, accountId }));
        print(
          `Created API key "${created.key.name}" (${created.key.role}).\nSecret (shown once; use as Authorization: Bearer …):\n${created.secret}`,
          {
            api_key: { id: created.key.id, name: created.key.name, role: created.key.role, account_id: created.key.accountId },
            secret: created.secret,
          },
        );
      }),
    );

  const importCommand = program.command('import').description('Import data from spreadsheets');
  importCommand
    .command('skus <file>')
    .description('Import SKUs from .xlsx or .csv (all-or-nothing)')
    .requiredOption('--account <code>', 'seller account code')
    .addOption(
      new Option('--mode <mode>', 'create new SKUs only, or also update existing ones').choices(['create', 'upsert']).default('create'),
    )
    .option('--dry-run', 'validate only; write nothing')
    .action(async (file: string, options: { account: string; mode: 'create' | 'upsert'; dryRun?: boolean }) => {
      const filePath = path.resolve(file);
      if (!fs.existsSync(filePath))
        throw new CliFailure(`File not found: ${filePath}`, { code: 'not_found', message: `File not found: ${filePath}` });
      const data = fs.readFileSync(filePath);
      await withServices(io, async (services) => {
        const accountId = await accountIdByCode(services, options.account);
        const progress = json() ? undefined : progressPrinter(io);
        const result = await services.skuImport
          .importSkus(SYSTEM_ACTOR, {
            accountId,
            filename: path.basename(filePath),
            data,
            mode: options.mode,
            dryRun: Boolean(options.dryRun),
            onProgress: progress ? (p: ImportProgress) => progress.update(p) : undefined,
          })
          .finally(() => progress?.stop());
        if (!result.ok) throw importFailure(result.error);
        const r = result.value;
        print(
          `${r.dryRun ? 'Checked' : 'Imported'} ${r.totalRows} SKUs into ${options.account.toUpperCase()}: ${r.created} new, ${r.updated} updated${r.dryRun ? ' (dry run: nothing written)' : ''}.${r.ignoredHeaders.length ? `\nIgnored columns: ${r.ignoredHeaders.join(', ')}` : ''}`,
          {
            dry_run: r.dryRun,
            account_id: r.accountId,
            total_rows: r.totalRows,
            created: r.created,
            updated: r.updated,
            ignored_headers: r.ignoredHeaders,
          },
        );
      });
    });

  const context = { io, json, withServices: <T>(fn: (services: Services) => Promise<T>) => withServices(io, fn), accountIdByCode };
  addQuoteCommands(program, context);
  addCardCommands(program, context);
  addInboundCommands(program, context);
  addReturnCommands(program, context);
  addInventoryCommands(program, context);
  addBillingCommands(program, context);
  addAuditCommands(program, context);
  addDisputeAndClaimCommands(program, context);

  return program;
}

function importFailure(error: AppError): CliFailure {
  const details = error.details ?? [];
  const rows = details.map((d) => [
    d.row ?? '',
    d.column ? `${d.column}${d.header ? ` (${d.header})` : ''}` : '',
    d.field ?? '',
    d.message,
  ]);
  const readable = rows.length > 0 ? `${error.message}\n${table(['Row', 'Column', 'Field', 'Problem'], rows)}` : error.message;
  return new CliFailure(readable, { code: error.code, message: error.message, details });
}

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: AppError }): T {
  if (result.ok) return result.value;
  const detail = result.error.details?.map((d) => `  - ${d.path?.join('.') ?? d.field ?? ''}: ${d.message}`).join('\n');
  throw new CliFailure(detail ? `${result.error.message}\n${detail}` : result.error.message, result.error);
}

async function accountIdByCode(services: Services, code: string): Promise<string> {
  return expectOk(await services.accounts.getByCode(SYSTEM_ACTOR, code)).id;
}

async function withDatabase<T>(io: CliIo, fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const database = await openDatabase(config.database);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Commands that change data first bring the schema up to date, like the server does. */
async function withServices<T>(io: CliIo, fn: (services: Services) => Promise<T>): Promise<T> {
  return withDatabase(io, async (database) => {
    await migrate(database);
    const services = createServices({ database });
    await services.installation.ensure();
    return fn(services);
  });
}

async function demoBanner(): Promise<string> {
  const { DEMO_LOGINS } = await import('../services/demo/seed-demo.js');
  return `Demo logins (demo data only — change or archive them before real use):\n${table(
    ['Email', 'Password', 'Role', 'Account'],
    DEMO_LOGINS.map((l) => [l.email, l.password, l.role, l.account ?? '(provider)']),
  )}`;
}

// Run when executed directly (tsx src/cli/main.ts …); bin/landed.mjs imports main() instead.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
