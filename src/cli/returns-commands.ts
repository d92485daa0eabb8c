/**
 * `landed returns …` and `landed work-orders …`: the returns bench and the value-added work
 * queue from a terminal, acting as the installation (staff). RMAs and work orders are named
 * by their numbers (RMA-2026-000042, WO-2026-000007), warehouses by code, SKUs by seller SKU.
 */
import { type Command, Option } from 'commander';
import type { AppError } from '../domain/shared/errors.js';
import {
  RETURN_DISPOSITIONS,
  RETURN_GRADES,
  RETURN_STATUSES,
  type ReturnDisposition,
  type ReturnGrade,
} from '../domain/returns/returns.js';
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES, type WorkOrderKind } from '../domain/work-orders/work-orders.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { Services } from '../services/create-services.js';
import type { ReturnDetail } from '../services/returns/returns.js';
import type { WorkOrderDetail } from '../services/returns/work-orders.js';
import { CliFailure, table } from './io.js';
import type { QuoteCommandContext } from './quote-commands.js';

type Context = QuoteCommandContext;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addReturnCommands(program: Command, ctx: Context): void {
  const returns = program.command('returns').description('Return authorisations (RMAs): authorise, receive, inspect, report');

  returns
    .command('list')
    .description('List RMAs')
    .option('--account <code>', 'one seller account')
    .addOption(new Option('--status <status>', 'only this status').choices([...RETURN_STATUSES]))
    .option('--limit <n>', 'at most this many', '100')
    .action(async (options: { account?: string; status?: string; limit: string }) =>
      ctx.withServices(async (services) => {
        const accountId = options.account ? await ctx.accountIdByCode(services, options.account) : undefined;
        const page = await services.returns.list(SYSTEM_ACTOR, {
          accountId,
          status: options.status ? [options.status] : undefined,
          limit: positive(options.limit, '--limit'),
        });
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, returns: page.items.map(returnJson) }, null, 2)
            : table(
                ['RMA', 'Account', 'Status', 'Warehouse', 'Units', 'Authorised', 'Received', 'Closed'],
                page.items.map((d) => [
                  d.rma.number,
                  d.accountCode,
                  d.rma.status,
                  d.warehouse?.code,
                  `${d.lines.reduce((s, l) => s + l.line.receivedQuantity, 0)}/${d.lines.reduce((s, l) => s + l.line.expectedQuantity, 0)}`,
                  day(d.rma.authorisedAt),
                  day(d.rma.receivedAt),
                  day(d.rma.closedAt),
                ]),
              ),
        );
      }),
    );

  returns
    .command('show <rma>')
    .description('One RMA with its lines')
    .action(async (number: string) =>
      ctx.withServices(async (services) => {
        const detail = await returnByNumber(services, number);
        printReturn(ctx, detail);
      }),
    );

  returns
    .command('authorise')
    .description('Authorise a return for a seller')
    .requiredOption('--account <code>', 'seller account')
    .requiredOption('--line <sku=qty>', 'a seller SKU and units (repeat)', collect)
    .option('--warehouse <code>', 'the warehouse the parcel comes back to (default the account’s returns centre)')
    .option('--order <reference>', 'the order being returned')
    .option('--tracking <number>', 'the parcel’s tracking number')
    .option('--reason <text>')
    .action(async (options: { account: string; line: string[]; warehouse?: string; order?: string; tracking?: string; reason?: string }) =>
      ctx.withServices(async (services) => {
        const accountId = await ctx.accountIdByCode(services, options.account);
        const result = await services.returns.authorise(SYSTEM_ACTOR, {
          accountId,
          warehouseId: options.warehouse ? await warehouseIdByCode(services, options.warehouse) : null,
          orderReference: options.order,
          trackingNumber: options.tracking,
          reason: options.reason,
          lines: options.line.map((l) => {
            const [sellerSku, quantity] = splitPair(l, '--line', '=');
            return { sellerSku, quantity: Number(quantity) };
          }),
        });
        printReturn(ctx, expectOk(result).detail, 'Authorised');
      }),
    );

  returns
    .command('receive <code>')
    .description('Receive a parcel by its RMA or tracking number')
    .requiredOption('--warehouse <code>', 'where the parcel arrived')
    .option('--line <sku=qty>', 'units found of a seller SKU (repeat; default: as announced)', collect)
    .option('--note <text>')
    .action(async (code: string, options: { warehouse: string; line?: string[]; note?: string }) =>
      ctx.withServices(async (services) => {
        const result = await services.returns.receive(SYSTEM_ACTOR, {
          warehouseId: await warehouseIdByCode(services, options.warehouse),
          code,
          note: options.note,
          lines: options.line?.map((l) => {
            const [sellerSku, quantity] = splitPair(l, '--line', '=');
            return { sellerSku, quantity: Number(quantity) };
          }),
        });
        printReturn(ctx, expectOk(result), 'Received');
      }),
    );

  returns
    .command('inspect <rma>')
    .description('Grade lines and carry out their dispositions')
    .requiredOption(
      '--line <no:grade[:disposition[:qty]]>',
      `a line number and grade ${RETURN_GRADES.join('/')}, optionally a disposition (${RETURN_DISPOSITIONS.join(', ')}) and units (repeat)`,
      collect,
    )
    .option('--photo <file-or-url>', 'evidence photo (repeat; needed to destroy)', collect)
    .option('--note <text>', 'evidence note')
    .action(async (number: string, options: { line: string[]; photo?: string[]; note?: string }) =>
      ctx.withServices(async (services) => {
        const detail = await returnByNumber(services, number);
        const evidence = options.photo || options.note ? { photos: options.photo ?? [], note: options.note ?? null } : null;
        const inputs = options.line.map((spec) => {
          const [no, grade, disposition, quantity] = spec.split(':');
          const line = detail.lines.find((l) => String(l.line.lineNo) === no);
          if (!line) throw new CliFailure(`${detail.rma.number} has no line ${no}.`);
          if (!(RETURN_GRADES as readonly string[]).includes((grade ?? '').toUpperCase()))
            throw new CliFailure(`--line ${spec}: the grade is one of ${RETURN_GRADES.join(', ')}.`);
          if (disposition && !(RETURN_DISPOSITIONS as readonly string[]).includes(disposition))
            throw new CliFailure(`--line ${spec}: the disposition is one of ${RETURN_DISPOSITIONS.join(', ')}.`);
          return {
            lineId: line.line.id,
            grade: (grade as string).toUpperCase() as ReturnGrade,
            disposition: (disposition || undefined) as ReturnDisposition | undefined,
            quantity: quantity ? Number(quantity) : undefined,
            evidence,
          };
        });
        printReturn(ctx, expectOk(await services.returns.inspect(SYSTEM_ACTOR, detail.rma.id, inputs)), 'Inspected');
      }),
    );

  returns
    .command('report')
    .description('Processing clock per seller: average and p90 hours of each stage')
    .option('--account <code>')
    .option('--from <yyyy-mm-dd>', 'RMAs authorised on or after')
    .option('--to <yyyy-mm-dd>', 'RMAs authorised before')
    .option('--sla-days <n>', 'received and not closed after this many days is overdue', '10')
    .action(async (options: { account?: string; from?: string; to?: string; slaDays: string }) =>
      ctx.withServices(async (services) => {
        const rows = await services.returns.processingTimes(SYSTEM_ACTOR, {
          accountId: options.account ? await ctx.accountIdByCode(services, options.account) : undefined,
          from: options.from ? date(options.from, '--from') : undefined,
          to: options.to ? date(options.to, '--to') : undefined,
          slaDays: positive(options.slaDays, '--sla-days'),
        });
        const h = (v: number | null) => (v === null ? '' : v.toFixed(1));
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, sla_days: Number(options.slaDays), sellers: rows }, null, 2)
            : table(
                [
                  'Account',
                  'RMAs',
                  'Awaiting',
                  'Received',
                  'Closed',
                  'Overdue',
                  'Transit avg/p90 h',
                  'Inspection avg/p90 h',
                  'Processing avg/p90 h',
                ],
                rows.map((r) => [
                  r.accountCode,
                  r.authorised,
                  r.awaitingParcel,
                  r.received,
                  r.closed,
                  r.overdue,
                  `${h(r.transit.averageHours)} / ${h(r.transit.p90Hours)}`,
                  `${h(r.inspection.averageHours)} / ${h(r.inspection.p90Hours)}`,
                  `${h(r.processing.averageHours)} / ${h(r.processing.p90Hours)}`,
                ]),
              ),
        );
      }),
    );

  const orders = program.command('work-orders').description('Work orders: QC, photos, relabel, kitting, disposal, ship back');

  orders
    .command('list')
    .description('List work orders')
    .option('--account <code>')
    .addOption(new Option('--status <status>').choices([...WORK_ORDER_STATUSES]))
    .addOption(new Option('--kind <kind>').choices([...WORK_ORDER_KINDS]))
    .option('--limit <n>', 'at most this many', '100')
    .action(async (options: { account?: string; status?: string; kind?: string; limit: string }) =>
      ctx.withServices(async (services) => {
        const page = await services.workOrders.list(SYSTEM_ACTOR, {
          accountId: options.account ? await ctx.accountIdByCode(services, options.account) : undefined,
          status: options.status ? [options.status] : undefined,
          kind: options.kind,
          limit: positive(options.limit, '--limit'),
        });
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, work_orders: page.items.map(workOrderJson) }, null, 2)
            : table(
                ['WO', 'Kind', 'Status', 'Warehouse', 'SKU', 'Qty', 'Done', 'Minutes', 'From'],
                page.items.map((d) => [
                  d.order.number,
                  d.order.kind,
                  d.order.status,
                  d.warehouse?.code,
                  d.sku?.sellerSku,
                  d.order.quantity,
                  d.order.unitsDone,
                  d.order.minutes,
                  d.sourceNumber,
                ]),
              ),
        );
      }),
    );

  orders
    .command('create')
    .description('Request a work order for a seller')
    .requiredOption('--account <code>')
    .requiredOption('--warehouse <code>')
    .addOption(new Option('--kind <kind>').choices([...WORK_ORDER_KINDS]).makeOptionMandatory())
    .requiredOption('--quantity <n>', 'units (kits for kitting)')
    .option('--sku <seller-sku>', 'the SKU (the kit SKU for kitting)')
    .option('--instructions <text>')
    .option('--destination <text>', 'for ship_back and transfer_out')
    .action(
      async (options: {
        account: string;
        warehouse: string;
        kind: WorkOrderKind;
        quantity: string;
        sku?: string;
        instructions?: string;
        destination?: string;
      }) =>
        ctx.withServices(async (services) => {
          const accountId = await ctx.accountIdByCode(services, options.account);
          const result = await services.workOrders.request(SYSTEM_ACTOR, {
            accountId,
            warehouseId: await warehouseIdByCode(services, options.warehouse),
            kind: options.kind,
            skuId: options.sku ? await skuIdBySellerSku(services, accountId, options.sku) : null,
            quantity: Number(options.quantity),
            instructions: options.instructions,
            destination: options.destination,
          });
          printWorkOrder(ctx, expectOk(result), 'Requested');
        }),
    );

  orders
    .command('start <wo>')
    .description('Start a work order')
    .action(async (number: string) =>
      ctx.withServices(async (services) => {
        const order = await workOrderByNumber(services, number);
        printWorkOrder(ctx, expectOk(await services.workOrders.start(SYSTEM_ACTOR, order.order.id)), 'Started');
      }),
    );

  orders
    .command('complete <wo>')
    .description('Complete a work order: record units and minutes, move the stock')
    .option('--units <n>', 'units done (default the ordered quantity)')
    .option('--minutes <n>')
    .option('--photo <file-or-url>', 'evidence (repeat; needed for disposal)', collect)
    .option('--note <text>')
    .action(async (number: string, options: { units?: string; minutes?: string; photo?: string[]; note?: string }) =>
      ctx.withServices(async (services) => {
        const order = await workOrderByNumber(services, number);
        const result = await services.workOrders.complete(SYSTEM_ACTOR, order.order.id, {
          unitsDone: options.units === undefined ? undefined : Number(options.units),
          minutes: options.minutes === undefined ? null : Number(options.minutes),
          evidence: options.photo ? { photos: options.photo, note: options.note ?? null } : null,
          note: options.note,
        });
        printWorkOrder(ctx, expectOk(result), 'Completed');
      }),
    );

  orders
    .command('cancel <wo>')
    .description('Cancel a work order')
    .option('--reason <text>')
    .action(async (number: string, options: { reason?: string }) =>
      ctx.withServices(async (services) => {
        const order = await workOrderByNumber(services, number);
        printWorkOrder(ctx, expectOk(await services.workOrders.cancel(SYSTEM_ACTOR, order.order.id, options.reason)), 'Cancelled');
      }),
    );
}

function printReturn(ctx: Context, d: ReturnDetail, verb?: string): void {
  if (ctx.json()) {
    ctx.io.out(JSON.stringify({ ok: true, return: returnJson(d) }, null, 2));
    return;
  }
  const head = `${verb ? `${verb} ` : ''}${d.rma.number} (${d.accountCode}) — ${d.rma.status} at ${d.warehouse?.code ?? ''}`;
  const lines = table(
    ['Line', 'SKU', 'Expected', 'Received', 'Grade', 'Disposition'],
    d.lines.map((l) => [
      l.line.lineNo,
      l.sku?.sellerSku,
      l.line.expectedQuantity,
      l.line.receivedQuantity,
      l.line.grade,
      l.line.disposition,
    ]),
  );
  const orders =
    d.workOrders.length > 0
      ? `\nWork orders: ${d.workOrders.map((o) => `${o.order.number} ${o.order.kind} ${o.order.status}`).join(', ')}`
      : '';
  ctx.io.out(`${head}\n${lines}${orders}`);
}

function printWorkOrder(ctx: Context, d: WorkOrderDetail, verb: string): void {
  ctx.io.out(
    ctx.json()
      ? JSON.stringify({ ok: true, work_order: workOrderJson(d) }, null, 2)
      : `${verb} ${d.order.number}: ${d.order.kind} ${d.order.quantity} × ${d.sku?.sellerSku ?? '—'} at ${d.warehouse?.code ?? ''} (${d.order.status}${
          d.order.unitsDone !== null ? `, ${d.order.unitsDone} done` : ''
        }${d.order.minutes ? `, ${d.order.minutes} min` : ''}).`,
  );
}

function returnJson(d: ReturnDetail) {
  return {
    id: d.rma.id,
    number: d.rma.number,
    account: d.accountCode,
    status: d.rma.status,
    warehouse: d.warehouse?.code ?? null,
    authorised_at: d.rma.authorisedAt.toISOString(),
    received_at: d.rma.receivedAt?.toISOString() ?? null,
    closed_at: d.rma.closedAt?.toISOString() ?? null,
    lines: d.lines.map((l) => ({
      line_no: l.line.lineNo,
      seller_sku: l.sku?.sellerSku ?? null,
      expected: l.line.expectedQuantity,
      received: l.line.receivedQuantity,
      grade: l.line.grade,
      disposition: l.line.disposition,
    })),
    work_orders: d.workOrders.map((o) => o.order.number),
  };
}

function workOrderJson(d: WorkOrderDetail) {
  return {
    id: d.order.id,
    number: d.order.number,
    kind: d.order.kind,
    status: d.order.status,
    warehouse: d.warehouse?.code ?? null,
    seller_sku: d.sku?.sellerSku ?? null,
    quantity: d.order.quantity,
    units_done: d.order.unitsDone,
    minutes: d.order.minutes,
    source: d.sourceNumber,
  };
}

async function returnByNumber(services: Services, number: string): Promise<ReturnDetail> {
  const page = await services.returns.list(SYSTEM_ACTOR, { q: number.trim(), limit: 20 });
  const found = page.items.find((d) => d.rma.number.toLowerCase() === number.trim().toLowerCase());
  if (!found) throw new CliFailure(`No RMA ${number}.`, { code: 'not_found', message: `No RMA ${number}.` });
  return expectOk(await services.returns.get(SYSTEM_ACTOR, found.rma.id));
}

async function workOrderByNumber(services: Services, number: string): Promise<WorkOrderDetail> {
  const page = await services.workOrders.list(SYSTEM_ACTOR, { q: number.trim(), limit: 20 });
  const found = page.items.find((d) => d.order.number.toLowerCase() === number.trim().toLowerCase());
  if (!found) throw new CliFailure(`No work order ${number}.`, { code: 'not_found', message: `No work order ${number}.` });
  return found;
}

async function warehouseIdByCode(services: Services, code: string): Promise<string> {
  const page = await services.warehouses.list(SYSTEM_ACTOR, { limit: 500 });
  const found = page.items.find((w) => w.code.toLowerCase() === code.trim().toLowerCase());
  if (!found) throw new CliFailure(`No warehouse ${code}.`, { code: 'not_found', message: `No warehouse ${code}.` });
  return found.id;
}

async function skuIdBySellerSku(services: Services, accountId: string, sellerSku: string): Promise<string> {
  const page = await services.skus.list(SYSTEM_ACTOR, { accountId, q: sellerSku.trim(), limit: 500 });
  const found = page.items.find((s) => s.sellerSku.toLowerCase() === sellerSku.trim().toLowerCase());
  if (!found) throw new CliFailure(`No SKU ${sellerSku} in that account.`, { code: 'not_found', message: `No SKU ${sellerSku}.` });
  return found.id;
}

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: AppError }): T {
  if (result.ok) return result.value;
  const detail = result.error.details?.map((d) => `  - ${d.path?.join('.') ?? d.field ?? ''}: ${d.message}`).join('\n');
  throw new CliFailure(detail ? `${result.error.message}\n${detail}` : result.error.message, result.error);
}

function splitPair(value: string, option: string, separator: string): [string, string] {
  const at = value.lastIndexOf(separator);
  if (at <= 0 || at === value.length - 1) throw new CliFailure(`${option} ${value}: write it as SKU${separator}QUANTITY.`);
  return [value.slice(0, at), value.slice(at + 1)];
}

function positive(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliFailure(`${option} must be a whole number of at least 1.`);
  return n;
}

function date(value: string, option: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CliFailure(`${option} must be a date YYYY-MM-DD.`);
  }
  return new Date(`${value}T00:00:00Z`);
}

function day(d: Date | null): string {
  return d ? d.toISOString().slice(0, 10) : '';
}
