/** `landed cards …`: rate cards from the command line — list, export, import, load a carrier table or zone chart, diff. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { Services } from '../services/create-services.js';
import { readTable } from '../services/spreadsheets/read-table.js';
import { CliFailure, table } from './io.js';
import type { QuoteCommandContext } from './quote-commands.js';

export function addCardCommands(program: Command, ctx: QuoteCommandContext): void {
  const cards = program.command('cards').description('Rate cards: the standard price list and sellers’ plans');

  cards
    .command('list')
    .description('List rate cards and their versions')
    .action(async () =>
      ctx.withServices(async (services) => {
        const page = await services.rateCards.list(SYSTEM_ACTOR, { limit: 500 });
        const rows: (string | number)[][] = [];
        for (const card of page.items) {
          const detail = await services.rateCards.get(SYSTEM_ACTOR, card.id);
          const versions = detail.ok ? detail.value.versions.map((v) => `v${v.version} from ${v.effectiveFrom}`).join(', ') : '';
          rows.push([card.code, card.kind, card.currency, card.name, versions]);
        }
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, cards: page.items.map((c) => ({ code: c.code, kind: c.kind, id: c.id })) }, null, 2)
            : table(['Code', 'Kind', 'Currency', 'Name', 'Versions'], rows),
        );
      }),
    );

  cards
    .command('export')
    .description('Write a card version’s document as JSON')
    .requiredOption('--card <code>')
    .option('--version <n>', 'default the latest')
    .option('--out <file>', 'default standard output')
    .action(async (options: { card: string; version?: string; out?: string }) =>
      ctx.withServices(async (services) => {
        const card = await cardByCode(services, options.card);
        const version = options.version ? Number(options.version) : card.versions.at(-1)?.version;
        if (!version) throw new CliFailure(`${options.card} has no versions yet.`);
        const row = await services.rateCards.getVersion(SYSTEM_ACTOR, card.id, version);
        if (!row.ok) throw new CliFailure(row.error.message, row.error);
        const text = JSON.stringify(row.value.document, null, 2);
        if (options.out) {
          fs.writeFileSync(options.out, `${text}\n`);
          ctx.io.out(`Wrote ${options.card.toUpperCase()} v${version} to ${options.out}`);
        } else ctx.io.out(text);
      }),
    );

  cards
    .command('import')
    .description('Add a version from a JSON document (all-or-nothing)')
    .requiredOption('--card <code>')
    .requiredOption('--file <file>')
    .requiredOption('--effective <yyyy-mm-dd>', 'first day the version applies')
    .option('--notes <text>')
    .action(async (options: { card: string; file: string; effective: string; notes?: string }) => {
      const document = readJson(options.file);
      await ctx.withServices(async (services) => {
        const card = await cardByCode(services, options.card);
        const added = await services.rateCards.addVersion(SYSTEM_ACTOR, card.id, {
          effectiveFrom: options.effective,
          document,
          notes: options.notes,
        });
        if (!added.ok) throw located(added.error);
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, version: added.value.version })
            : `Added ${options.card.toUpperCase()} v${added.value.version}, effective ${options.effective}.`,
        );
      });
    });

  cards
    .command('import-rates')
    .description('Load a carrier’s rate table (.xlsx/.csv: weight rows × zone columns) as a new version')
    .requiredOption('--card <code>')
    .requiredOption('--service <code>', 'e.g. ups_ground')
    .requiredOption('--file <file>')
    .requiredOption('--effective <yyyy-mm-dd>')
    .action(async (options: { card: string; service: string; file: string; effective: string }) => {
      const file = path.resolve(options.file);
      if (!fs.existsSync(file)) throw new CliFailure(`File not found: ${file}`);
      const sheet = await readTable(path.basename(file), fs.readFileSync(file));
      if (!sheet.ok) throw new CliFailure(sheet.error.message, sheet.error);
      await ctx.withServices(async (services) => {
        const card = await cardByCode(services, options.card);
        const added = await services.rateCards.importRateTable(SYSTEM_ACTOR, card.id, options.service, sheet.value, {
          effectiveFrom: options.effective,
        });
        if (!added.ok) throw located(added.error);
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, version: added.value.version })
            : `Loaded ${options.service} into ${options.card.toUpperCase()} v${added.value.version}, effective ${options.effective}.`,
        );
      });
    });

  cards
    .command('import-zones')
    .description('Load a carrier’s official zone chart for an origin (.xlsx/.csv: "Dest. ZIP" ranges → zone) as a new version')
    .argument('<code>', 'the standard card, e.g. US-STANDARD')
    .argument('<file>', 'the zone chart sheet')
    .requiredOption('--origin <zips>', 'origin ZIP3 prefix or ZIP5s, comma-separated, e.g. 08837')
    .option('--service <codes>', 'service codes, comma-separated, e.g. UPS_GROUND')
    .option('--carrier <carriers>', 'or whole carriers: ups, fedex, usps')
    .option('--effective <yyyy-mm-dd>', 'first ship date the chart applies to (default today)')
    .option('--source <text>', 'where the chart came from (default the file name)')
    .option('--zone-column <header>', 'the zone column when it is not called Zone or Ground')
    .option('--notes <text>')
    .action(
      async (
        code: string,
        file: string,
        options: {
          origin: string;
          service?: string;
          carrier?: string;
          effective?: string;
          source?: string;
          zoneColumn?: string;
          notes?: string;
        },
      ) => {
        if (!options.service && !options.carrier) throw new CliFailure('Give --service (e.g. UPS_GROUND) or --carrier (ups, fedex, usps).');
        const resolved = path.resolve(file);
        if (!fs.existsSync(resolved)) throw new CliFailure(`File not found: ${resolved}`);
        const sheet = await readTable(path.basename(resolved), fs.readFileSync(resolved));
        if (!sheet.ok) throw new CliFailure(sheet.error.message, sheet.error);
        const list = (value: string | undefined) => (value ?? '').split(',').filter((v) => v.trim() !== '');
        const effective = options.effective ?? new Date().toISOString().slice(0, 10);
        await ctx.withServices(async (services) => {
          const added = await services.rateCards.importZoneChart(SYSTEM_ACTOR, { code }, sheet.value, {
            origins: list(options.origin),
            services: list(options.service),
            carriers: list(options.carrier),
            effectiveFrom: effective,
            source: options.source,
            zoneColumn: options.zoneColumn,
            notes: options.notes,
            filename: path.basename(resolved),
          });
          if (!added.ok) throw located(added.error);
          ctx.io.out(
            ctx.json()
              ? JSON.stringify({ ok: true, version: added.value.version })
              : `Loaded the zone chart from ${options.origin} into ${code.toUpperCase()} v${added.value.version}, effective ${effective}.`,
          );
        });
      },
    );

  cards
    .command('diff')
    .description('What changed between two versions')
    .requiredOption('--card <code>')
    .requiredOption('--from <n>')
    .requiredOption('--to <n>')
    .action(async (options: { card: string; from: string; to: string }) =>
      ctx.withServices(async (services) => {
        const card = await cardByCode(services, options.card);
        const diff = await services.rateCards.diff(SYSTEM_ACTOR, card.id, Number(options.from), Number(options.to));
        if (!diff.ok) throw new CliFailure(diff.error.message, diff.error);
        if (ctx.json()) {
          ctx.io.out(JSON.stringify({ ok: true, changes: diff.value.changes }, null, 2));
          return;
        }
        const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v).slice(0, 60));
        ctx.io.out(
          diff.value.changes.length === 0
            ? 'No changes.'
            : table(
                ['Change', 'Where', 'Before', 'After'],
                diff.value.changes.map((c) => [
                  c.kind,
                  c.path,
                  show('before' in c ? c.before : undefined),
                  show('after' in c ? c.after : undefined),
                ]),
              ),
        );
      }),
    );
}

async function cardByCode(services: Services, code: string) {
  const found = await services.rateCards.getByCode(SYSTEM_ACTOR, code);
  if (!found.ok) throw new CliFailure(found.error.message, found.error);
  return { id: found.value.card.id, versions: found.value.versions };
}

function readJson(file: string): unknown {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new CliFailure(`File not found: ${resolved}`);
  try {
    return JSON.parse(fs.readFileSync(resolved, 'utf8'));
  } catch (error) {
    throw new CliFailure(`${path.basename(resolved)} is not valid JSON: ${(error as Error).message}`);
  }
}

function located(error: {
  message: string;
  details?: { path?: (string | number)[]; row?: number; column?: string; message: string }[];
}): CliFailure {
  const rows = (error.details ?? [])
    .slice(0, 100)
    .map((d) => [d.path?.join('.') ?? (d.row ? `row ${d.row}${d.column ? `, column ${d.column}` : ''}` : ''), d.message]);
  return new CliFailure(rows.length ? `${error.message}\n${table(['Where', 'Problem'], rows)}` : error.message, error);
}
