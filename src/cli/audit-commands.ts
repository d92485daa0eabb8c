/**
 * `landed audit verify | log` (docs/decisions/0007-audit-log.md) and
 * `landed export account CODE` / `landed import account FILE.zip` (docs/exit-and-portability.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { Services } from '../services/create-services.js';
import { CliFailure, type CliIo, table } from './io.js';

interface Context {
  io: CliIo;
  json: () => boolean;
  withServices: <T>(fn: (services: Services) => Promise<T>) => Promise<T>;
  accountIdByCode: (services: Services, code: string) => Promise<string>;
}

export function addAuditCommands(program: Command, context: Context): void {
  const { io, json, withServices } = context;
  const print = (human: string, data: unknown) => io.out(json() ? JSON.stringify({ ok: true, ...(data as object) }, null, 2) : human);

  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Walk the whole chain; exit 1 at the first altered, inserted or deleted entry')
    .action(async () =>
      withServices(async (services) => {
        const result = await services.audit.verify(SYSTEM_ACTOR);
        if (!result.ok) throw new CliFailure(result.error.message, result.error);
        const r = result.value;
        const data = {
          chain_ok: r.ok,
          entries: r.entries,
          head: { seq: r.headSeq, hash: r.headHash },
          problem: r.problem,
        };
        if (!r.ok && r.problem) {
          const message =
            `Audit chain BROKEN at entry ${r.problem.seq} (${r.problem.kind}): ${r.problem.message}\n` +
            `  expected ${r.problem.expected}\n  found    ${r.problem.found}`;
          throw new CliFailure(message, { code: 'audit_chain_broken', message, ...data });
        }
        print(`Audit chain intact: ${r.entries} entries, head ${r.headSeq} ${r.headHash}.`, data);
      }),
    );
  audit
    .command('log')
    .description('The newest entries (filters: --entity, --entity-id, --actor, --account)')
    .option('--entity <type>', 'entity type, e.g. users, inbound_plans, session')
    .option('--entity-id <id>')
    .option('--actor <id>', 'user or API key id')
    .option('--account <code>', 'seller account code')
    .option('--limit <n>', 'entries (default 50)', '50')
    .action(async (options: { entity?: string; entityId?: string; actor?: string; account?: string; limit: string }) =>
      withServices(async (services) => {
        const accountId = options.account ? await context.accountIdByCode(services, options.account) : undefined;
        const result = await services.audit.list(SYSTEM_ACTOR, {
          entityType: options.entity,
          entityId: options.entityId,
          actorId: options.actor,
          accountId,
          limit: Math.min(Math.max(Number(options.limit) || 50, 1), 500),
        });
        if (!result.ok) throw new CliFailure(result.error.message, result.error);
        const items = result.value.items;
        print(
          table(
            ['#', 'When (UTC)', 'Actor', 'Entity', 'Id', 'Action'],
            items.map((e) => [
              e.seq,
              e.at.toISOString().replace('T', ' ').slice(0, 19),
              `${e.actorKind}${e.actorName ? ` ${e.actorName}` : e.actorId ? ` ${e.actorId}` : ''}`,
              e.entityType,
              e.entityId,
              e.action,
            ]),
          ),
          { entries: items },
        );
      }),
    );

  program
    .command('export')
    .description('Export data')
    .command('account <code>')
    .description('Every record of one account as CSV and JSON in one zip, with SCHEMA.md and a manifest')
    .option('--out <file>', 'zip to write (default landed-export-CODE-DATE.zip)')
    .action(async (code: string, options: { out?: string }) =>
      withServices(async (services) => {
        const result = await services.portability.exportAccount(SYSTEM_ACTOR, code);
        if (!result.ok) throw new CliFailure(result.error.message, result.error);
        const file = path.resolve(options.out ?? result.value.fileName);
        fs.writeFileSync(file, result.value.zip);
        const m = result.value.manifest;
        const tables = m.files.filter((f) => f.table && f.path.endsWith('.json'));
        print(`Exported ${m.account.code}: ${tables.length} tables, ${tables.reduce((n, f) => n + (f.rows ?? 0), 0)} rows → ${file}`, {
          file,
          manifest: m,
        });
      }),
    );

  const importCommand = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('Import data');
  importCommand
    .command('account <file>')
    .description('Import an account export into this installation (all or nothing; the account must not exist here)')
    .action(async (file: string) => {
      const filePath = path.resolve(file);
      if (!fs.existsSync(filePath))
        throw new CliFailure(`File not found: ${filePath}`, { code: 'not_found', message: `File not found: ${filePath}` });
      const data = new Uint8Array(fs.readFileSync(filePath));
      await withServices(async (services) => {
        const result = await services.portability.importAccount(SYSTEM_ACTOR, data);
        if (!result.ok) {
          const detail = result.error.details?.map((d) => `  - ${d.message}`).join('\n');
          throw new CliFailure(detail ? `${result.error.message}\n${detail}` : result.error.message, result.error);
        }
        const r = result.value;
        print(`Imported ${r.account.code}: ${r.rows} rows in ${r.tables.length} tables.`, {
          account: r.account,
          rows: r.rows,
          tables: r.tables,
        });
      });
    });
}
