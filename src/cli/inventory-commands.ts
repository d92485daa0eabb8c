/**
 * `landed inventory …` and `landed allocate`: stock from a terminal, acting as the
 * installation (staff). Accounts by code, SKUs by seller SKU, warehouses by code.
 */
import { type Command, Option } from 'commander';
import { ADJUSTMENT_REASONS } from '../domain/inventory/movements.js';
import type { AppError } from '../domain/shared/errors.js';
import type { Result } from '../domain/shared/result.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { Services } from '../services/create-services.js';
import { CliFailure, table } from './io.js';
import type { QuoteCommandContext } from './quote-commands.js';

type Context = QuoteCommandContext;

const collect = (value: string, previous: string[] = []) => [...previous, value];

function expectOk<T>(result: Result<T, AppError>): T {
  if (result.ok) return result.value;
  const details = (result.error.details ?? []).map((d) => `  - ${d.path ? `${d.path.join('.')}: ` : ''}${d.message}`).join('\n');
  throw new CliFailure(`${result.error.message}${details ? `\n${details}` : ''}`, result.error);
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliFailure(`${flag} must be a whole number of at least 1.`);
  return n;
}

async function warehouseIdByCode(services: Services, code: string): Promise<string> {
  const page = await services.warehouses.list(SYSTEM_ACTOR, { q: code, limit: 50 });
  const found = page.items.find((w) => w.code.toUpperCase() === code.toUpperCase());
  if (!found) throw new CliFailure(`No warehouse ${code}.`);
  return found.id;
}

async function skuIdBySellerSku(services: Services, accountId: string, sellerSku: string): Promise<string> {
  const page = await services.skus.list(SYSTEM_ACTOR, { accountId, q: sellerSku, limit: 50 });
  const found = page.items.find((s) => s.sellerSku.toLowerCase() === sellerSku.toLowerCase());
  if (!found) throw new CliFailure(`No SKU ${sellerSku} in that account.`);
  return found.id;
}

export function addInventoryCommands(program: Command, ctx: Context): void {
  const inventory = program.command('inventory').description('Stock: balances, ledger, adjustments, storage snapshots, ageing');

  inventory
    .command('balances')
    .description('Stock per lot: inbound, on hand, allocated, available, damaged')
    .option('--account <code>', 'one seller account')
    .option('--sku <seller-sku>', 'one SKU (needs --account)')
    .option('--warehouse <code>', 'one warehouse')
    .option('--limit <n>', 'at most this many lots', '100')
    .action(async (options: { account?: string; sku?: string; warehouse?: string; limit: string }) =>
      ctx.withServices(async (services) => {
        if (options.sku && !options.account) throw new CliFailure('--sku needs --account.');
        const accountId = options.account ? await ctx.accountIdByCode(services, options.account) : undefined;
        const page = expectOk(
          await services.inventory.balances(SYSTEM_ACTOR, {
            accountId,
            skuId: options.sku && accountId ? await skuIdBySellerSku(services, accountId, options.sku) : undefined,
            warehouseId: options.warehouse ? await warehouseIdByCode(services, options.warehouse) : undefined,
            limit: positive(options.limit, '--limit'),
          }),
        );
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, lots: page.items }, null, 2)
            : table(
                ['SKU', 'Warehouse', 'Lot', 'Received', 'Age', 'Inbound', 'On hand', 'Allocated', 'Available', 'Damaged'],
                page.items.map((l) => [
                  l.sellerSku,
                  l.warehouseCode,
                  l.lotCode,
                  l.receivedOn,
                  l.ageDays,
                  l.inbound,
                  l.onHand,
                  l.allocated,
                  l.available,
                  l.damaged,
                ]),
              ),
        );
      }),
    );

  inventory
    .command('ledger')
    .description('Ledger history of a SKU, newest first')
    .requiredOption('--account <code>', 'seller account')
    .requiredOption('--sku <seller-sku>', 'the SKU')
    .option('--limit <n>', 'at most this many rows', '50')
    .action(async (options: { account: string; sku: string; limit: string }) =>
      ctx.withServices(async (services) => {
        const accountId = await ctx.accountIdByCode(services, options.account);
        const skuId = await skuIdBySellerSku(services, accountId, options.sku);
        const page = expectOk(await services.inventory.ledger(SYSTEM_ACTOR, { skuId, limit: positive(options.limit, '--limit') }));
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, entries: page.items }, null, 2)
            : table(
                ['#', 'When', 'Movement', 'Warehouse', 'Lot', 'Inbound', 'On hand', 'Allocated', 'Damaged', 'Location', 'Reason', 'Source'],
                page.items.map((e) => [
                  e.seq,
                  e.createdAt.toISOString().replace('T', ' ').slice(0, 19),
                  e.movement,
                  e.warehouseCode,
                  e.lotCode,
                  signed(e.inboundDelta),
                  signed(e.onHandDelta),
                  signed(e.allocatedDelta),
                  signed(e.damagedDelta),
                  e.locationCode ? `${e.locationCode} ${signed(e.locationDelta)}` : '',
                  e.reasonCode,
                  `${e.sourceType} ${e.sourceId}`,
                ]),
              ),
        );
      }),
    );

  inventory
    .command('adjust')
    .description('Adjust stock with a reason (found +, lost/expired/theft −, damaged − to DAMAGED, correction ±)')
    .requiredOption('--account <code>', 'seller account')
    .requiredOption('--sku <seller-sku>', 'the SKU')
    .requiredOption('--warehouse <code>', 'the warehouse')
    .requiredOption('--quantity <n>', 'signed units, e.g. 5 or -2')
    .addOption(new Option('--reason <code>', 'reason code').choices([...ADJUSTMENT_REASONS]).makeOptionMandatory())
    .option('--location <code>', 'where the units are (or were found)')
    .option('--note <text>')
    .action(
      async (options: {
        account: string;
        sku: string;
        warehouse: string;
        quantity: string;
        reason: string;
        location?: string;
        note?: string;
      }) =>
        ctx.withServices(async (services) => {
          const accountId = await ctx.accountIdByCode(services, options.account);
          const result = expectOk(
            await services.adjustments.adjust(SYSTEM_ACTOR, {
              skuId: await skuIdBySellerSku(services, accountId, options.sku),
              warehouseId: await warehouseIdByCode(services, options.warehouse),
              quantity: Number(options.quantity),
              reasonCode: options.reason,
              locationCode: options.location,
              note: options.note,
            }),
          );
          ctx.io.out(
            ctx.json()
              ? JSON.stringify({ ok: true, adjustment: result }, null, 2)
              : `Adjusted ${options.sku} by ${signed(result.quantity)} (${result.reasonCode}), reference ${result.reference}.`,
          );
        }),
    );

  inventory
    .command('snapshot')
    .description('Take the daily storage snapshot of a date (idempotent); run it daily from cron')
    .requiredOption('--date <YYYY-MM-DD>', 'the day')
    .option('--warehouse <code>', 'one warehouse (default: all)')
    .action(async (options: { date: string; warehouse?: string }) =>
      ctx.withServices(async (services) => {
        const result = expectOk(
          await services.storage.snapshot(SYSTEM_ACTOR, {
            date: options.date,
            warehouseId: options.warehouse ? await warehouseIdByCode(services, options.warehouse) : undefined,
          }),
        );
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, date: options.date, warehouses: result }, null, 2)
            : table(
                ['Warehouse', 'Cutoff (UTC)', 'Status', 'Rows', 'New rows', 'Units', 'ft³'],
                result.map((w) => [w.warehouseCode, w.cutoffAt.toISOString(), w.status, w.rows, w.newRows, w.units, w.cubicFeet]),
              ),
        );
      }),
    );

  inventory
    .command('ageing')
    .description('Stock crossing 180 / 270 / 365 days soon, with the monthly surcharge it adds')
    .option('--account <code>', 'one seller account')
    .option('--days <n>', 'horizon in days', '30')
    .action(async (options: { account?: string; days: string }) =>
      ctx.withServices(async (services) => {
        const accountId = options.account ? await ctx.accountIdByCode(services, options.account) : undefined;
        const report = expectOk(await services.storage.ageing(SYSTEM_ACTOR, { accountId, horizonDays: positive(options.days, '--days') }));
        if (ctx.json()) {
          ctx.io.out(JSON.stringify({ ok: true, ageing: report }, null, 2));
          return;
        }
        ctx.io.out(
          table(
            ['SKU', 'Warehouse', 'Lot', 'Received', 'Age', 'Units', 'ft³', 'Crosses', 'On', 'In days', '+/month'],
            report.rows.map((r) => [
              r.sellerSku,
              r.warehouseCode,
              r.lotCode,
              r.receivedOn,
              r.ageDays,
              r.units,
              r.cubicFeet,
              `${r.threshold} d`,
              r.crossesOn,
              r.daysUntil,
              r.monthlyIncrease ? `${r.monthlyIncrease.amount} ${r.monthlyIncrease.currency}` : '—',
            ]),
          ),
        );
        ctx.io.out(`Total added per month: ${report.totals.map((m) => `${m.amount} ${m.currency}`).join(', ') || '0'}`);
      }),
    );

  inventory
    .command('check')
    .description('Recompute every balance from the ledger and list differences (exit 1 if any)')
    .option('--account <code>', 'one seller account')
    .action(async (options: { account?: string }) =>
      ctx.withServices(async (services) => {
        const accountId = options.account ? await ctx.accountIdByCode(services, options.account) : undefined;
        const report = expectOk(await services.inventory.rebuild(SYSTEM_ACTOR, { accountId }));
        if (report.mismatches.length > 0)
          throw new CliFailure(`${report.mismatches.length} difference(s) between the ledger and the balances.`, {
            mismatches: report.mismatches,
          });
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, ...report }, null, 2)
            : `Consistent: ${report.lotsChecked} lots and ${report.ledgerRows} ledger rows agree.`,
        );
      }),
    );

  program
    .command('allocate')
    .description('Reserve stock for an order (or --release it); idempotent per reference')
    .requiredOption('--account <code>', 'seller account')
    .requiredOption('--reference <ref>', 'the order reference')
    .option('--line <sku=qty>', 'a seller SKU and units (repeat)', collect)
    .option('--zip <zip>', 'the buyer’s ZIP (nearest warehouse first)')
    .option('--split', 'allow shipping from several warehouses')
    .option('--release', 'release the reference’s reservation instead')
    .action(async (options: { account: string; reference: string; line?: string[]; zip?: string; split?: boolean; release?: boolean }) =>
      ctx.withServices(async (services) => {
        const accountId = await ctx.accountIdByCode(services, options.account);
        if (!options.release && !options.line?.length) throw new CliFailure('Give at least one --line SKU=QTY (or --release).');
        const answer = expectOk(
          options.release
            ? await services.allocations.release(SYSTEM_ACTOR, { accountId, reference: options.reference })
            : await services.allocations.allocate(SYSTEM_ACTOR, {
                accountId,
                reference: options.reference,
                shipToZip: options.zip,
                allowSplit: Boolean(options.split),
                lines: (options.line ?? []).map((spec) => {
                  const at = spec.lastIndexOf('=');
                  if (at < 1) throw new CliFailure(`--line ${spec}: write SKU=QTY.`);
                  return { sellerSku: spec.slice(0, at), quantity: Number(spec.slice(at + 1)) };
                }),
              }),
        );
        if (ctx.json()) {
          ctx.io.out(JSON.stringify({ ok: true, allocation: answer }, null, 2));
          return;
        }
        ctx.io.out(`${answer.reference}: ${answer.status}${answer.replayed ? ' (answered before; nothing new reserved)' : ''}`);
        ctx.io.out(
          table(
            ['Line', 'SKU', 'Units', 'Warehouse', 'Lot', 'Reserved'],
            answer.lines.flatMap((l) =>
              l.allocations.map((p) => [l.lineNo, l.sellerSku, l.quantity, p.warehouseCode, p.lotId, p.quantity]),
            ),
          ),
        );
      }),
    );
}

const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? '' : String(n));
