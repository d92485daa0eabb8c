/**
 * `landed inbound …`: inbound plans (ASN) and receiving from the command line — create from a
 * carton sheet or a JSON body, submit, show, print labels and documents, receive scans and
 * put away. Plans are named by their ASN number (ASN-2026-000042) or id. The CLI acts as the
 * installation (warehouse staff).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CartonGroupDraft } from '../domain/inbound/plan.js';
import type { AppError } from '../domain/shared/errors.js';
import { isUuid } from '../domain/shared/ids.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { Services } from '../services/create-services.js';
import {
  cartonLabelsPdf,
  commercialInvoicePdf,
  commercialInvoiceXlsx,
  type DocumentLanguage,
  packingListPdf,
  packingListXlsx,
  skuLabelsPdf,
} from '../services/inbound/documents.js';
import type { PlanView } from '../services/inbound/plan-view.js';
import type { ReceiveEvent } from '../services/inbound/receiving.js';
import { CliFailure, table } from './io.js';
import type { QuoteCommandContext } from './quote-commands.js';

export function addInboundCommands(program: Command, ctx: QuoteCommandContext): void {
  const inbound = program.command('inbound').description('Inbound plans (ASN), labels, receiving and putaway');

  const print = (view: PlanView, headline: string) =>
    ctx.io.out(ctx.json() ? JSON.stringify({ ok: true, plan: planJson(view) }, null, 2) : `${headline}\n${describePlan(view)}`);

  inbound
    .command('create')
    .description('Create a draft plan from a carton sheet (.xlsx/.csv) or a JSON body (as POST /v1/inbound-plans)')
    .requiredOption('--account <code>', 'seller account')
    .option('--sheet <file>', 'carton sheet: carton no, SKU, qty per carton, cartons, L/W/H, weight')
    .option('--file <file>', 'JSON body with destination_warehouse, freight_mode and cartons')
    .option('--to <warehouse>', 'destination US warehouse code (with --sheet)')
    .option('--from <warehouse>', 'origin consolidation warehouse code')
    .option('--mode <mode>', 'air, sea or express (with --sheet)')
    .option('--reference <text>', 'your PO or shipment reference')
    .option('--submit', 'submit straight away')
    .action(
      async (options: {
        account: string;
        sheet?: string;
        file?: string;
        to?: string;
        from?: string;
        mode?: string;
        reference?: string;
        submit?: boolean;
      }) => {
        if (Boolean(options.sheet) === Boolean(options.file))
          throw new CliFailure('Give either --sheet FILE or --file plan.json.', undefined, 2);
        await ctx.withServices(async (services) => {
          const accountId = await ctx.accountIdByCode(services, options.account);
          let created: Awaited<ReturnType<Services['inboundPlans']['create']>>;
          if (options.sheet) {
            if (!options.to || !options.mode)
              throw new CliFailure('--sheet needs --to WAREHOUSE and --mode air|sea|express.', undefined, 2);
            created = await services.inboundPlans.createFromSheet(SYSTEM_ACTOR, {
              accountId,
              filename: options.sheet,
              data: readFile(options.sheet),
              destinationWarehouse: options.to,
              originWarehouse: options.from,
              freightMode: options.mode,
              reference: options.reference,
            });
          } else {
            const body = parseJson(options.file as string);
            created = await services.inboundPlans.create(SYSTEM_ACTOR, {
              accountId,
              destinationWarehouse: options.to ?? str(body.destination_warehouse),
              originWarehouse: options.from ?? str(body.origin_warehouse),
              freightMode: options.mode ?? str(body.freight_mode),
              reference: options.reference ?? str(body.reference),
              note: str(body.note),
              carrier: str(body.carrier),
              vessel: str(body.vessel),
              voyage: str(body.voyage),
              containerNumber: str(body.container_number),
              trackingNumber: str(body.tracking_number),
              etd: str(body.etd),
              eta: str(body.eta),
              cartons: cartonsOf(body.cartons),
            });
          }
          if (!created.ok) throw located(created.error);
          let view = created.value;
          if (options.submit) {
            const submitted = await services.inboundPlans.submit(SYSTEM_ACTOR, view.plan.id);
            if (!submitted.ok) throw located(submitted.error);
            view = submitted.value;
          }
          print(view, `Created ${view.plan.number} (${view.plan.status}).`);
        });
      },
    );

  inbound
    .command('submit')
    .description('Submit a draft: lots are made and the units become expected stock')
    .argument('<plan>', 'ASN number or id')
    .action(async (ref: string) =>
      ctx.withServices(async (services) => {
        const id = await planId(services, ref);
        const result = await services.inboundPlans.submit(SYSTEM_ACTOR, id);
        if (!result.ok) throw located(result.error);
        print(result.value, `Submitted ${result.value.plan.number}.`);
      }),
    );

  inbound
    .command('show')
    .description('A plan: cartons, progress per SKU, discrepancies, warnings')
    .argument('<plan>', 'ASN number or id')
    .action(async (ref: string) =>
      ctx.withServices(async (services) => {
        const result = await services.inboundPlans.get(SYSTEM_ACTOR, await planId(services, ref));
        if (!result.ok) throw located(result.error);
        print(result.value, '');
      }),
    );

  inbound
    .command('labels')
    .description('Carton labels (100 × 150 mm) or SKU labels (50 × 25 mm) as PDF')
    .argument('<plan>', 'ASN number or id')
    .option('--kind <kind>', 'cartons or skus', 'cartons')
    .option('--copies <copies>', 'SKU labels: units (one per unit) or one (per SKU)', 'units')
    .option('--lang <lang>', 'en or zh', 'en')
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(async (ref: string, options: { kind: string; copies: string; lang: string; out: string }) =>
      ctx.withServices(async (services) => {
        const view = await loadView(services, ref);
        const lang = language(options.lang);
        const now = services.deps.clock.now();
        if (!['cartons', 'skus'].includes(options.kind)) throw new CliFailure('--kind is cartons or skus.', undefined, 2);
        const pdf =
          options.kind === 'skus'
            ? await skuLabelsPdf(view, lang, options.copies === 'one' ? 'one' : 'units', now)
            : await cartonLabelsPdf(view, lang, now);
        fs.writeFileSync(options.out, pdf);
        ctx.io.out(
          ctx.json() ? JSON.stringify({ ok: true, file: options.out, bytes: pdf.length }) : `Wrote ${options.out} (${pdf.length} bytes).`,
        );
      }),
    );

  inbound
    .command('documents')
    .description('Packing list or commercial invoice as XLSX or PDF')
    .argument('<plan>', 'ASN number or id')
    .requiredOption('--kind <kind>', 'packing-list or invoice')
    .option('--format <format>', 'xlsx or pdf', 'xlsx')
    .option('--lang <lang>', 'en or zh', 'en')
    .requiredOption('--out <file>')
    .action(async (ref: string, options: { kind: string; format: string; lang: string; out: string }) =>
      ctx.withServices(async (services) => {
        const view = await loadView(services, ref);
        const lang = language(options.lang);
        const now = services.deps.clock.now();
        const pdf = options.format === 'pdf';
        let file: Buffer;
        if (options.kind === 'packing-list') file = pdf ? await packingListPdf(view, lang, now) : await packingListXlsx(view, lang);
        else if (options.kind === 'invoice')
          file = pdf ? await commercialInvoicePdf(view, lang, now) : await commercialInvoiceXlsx(view, lang);
        else throw new CliFailure('--kind is packing-list or invoice.', undefined, 2);
        fs.writeFileSync(options.out, file);
        ctx.io.out(
          ctx.json() ? JSON.stringify({ ok: true, file: options.out, bytes: file.length }) : `Wrote ${options.out} (${file.length} bytes).`,
        );
      }),
    );

  inbound
    .command('receive')
    .description('Receive against a plan: scan a carton or SKU barcode, count a carton, or complete receiving')
    .argument('<plan>', 'ASN number or id')
    .option('--scan <barcode>', 'a carton barcode, or a SKU barcode (seller SKU, UPC, FNSKU, MSKU)')
    .option('--qty <n>', 'units for a SKU scan', '1')
    .option('--damaged', 'the units are damaged')
    .option('--carton <barcode>', 'the carton the units came from')
    .option('--close <carton>', 'close a carton; with --count SKU=good[/damaged] for counted totals')
    .option('--count <sku=qty>', 'a counted total, repeatable: TL-TEE-BLK-M=24 or TL-TEE-BLK-M=18/6', collect, [])
    .option('--accept-over', 'confirm units beyond the plan')
    .option('--complete', 'finish receiving: shorts are recorded')
    .action(
      async (
        ref: string,
        options: {
          scan?: string;
          qty: string;
          damaged?: boolean;
          carton?: string;
          close?: string;
          count: string[];
          acceptOver?: boolean;
          complete?: boolean;
        },
      ) =>
        ctx.withServices(async (services) => {
          const id = await planId(services, ref);
          if (options.scan || options.close) {
            const event: ReceiveEvent = options.close
              ? { type: 'close_carton', carton: options.close, counts: options.count.map(parseCount), acceptOver: options.acceptOver }
              : {
                  type: 'scan',
                  barcode: options.scan as string,
                  quantity: positive(options.qty, '--qty'),
                  damaged: options.damaged,
                  carton: options.carton,
                  acceptOver: options.acceptOver,
                };
            const result = await services.receiving.receive(SYSTEM_ACTOR, id, event);
            if (!result.ok) throw located(result.error);
            ctx.io.out(ctx.json() ? JSON.stringify({ ok: true, ...result.value }, null, 2) : result.value.message.en);
          }
          if (options.complete) {
            const done = await services.receiving.complete(SYSTEM_ACTOR, id);
            if (!done.ok) throw located(done.error);
            print(done.value, `Receiving of ${done.value.plan.number} completed.`);
          }
          if (!options.scan && !options.close && !options.complete)
            throw new CliFailure('Give --scan, --close or --complete.', undefined, 2);
        }),
    );

  inbound
    .command('putaway')
    .description('Put received units away from the RECEIVING location to a bin, shelf or pallet')
    .argument('<plan>', 'ASN number or id')
    .requiredOption('--sku <sku>', 'the SKU (any of its barcodes)')
    .requiredOption('--to <location>', 'location code, e.g. A-01-03')
    .requiredOption('--qty <n>')
    .option('--from <location>', 'default RECEIVING')
    .option('--allow-over-capacity', 'put away even beyond the location’s capacity')
    .action(async (ref: string, options: { sku: string; to: string; qty: string; from?: string; allowOverCapacity?: boolean }) =>
      ctx.withServices(async (services) => {
        const result = await services.receiving.putaway(SYSTEM_ACTOR, {
          planId: await planId(services, ref),
          sku: options.sku,
          toLocation: options.to,
          fromLocation: options.from,
          quantity: positive(options.qty, '--qty'),
          allowOverCapacity: options.allowOverCapacity,
        });
        if (!result.ok) throw located(result.error);
        const r = result.value;
        ctx.io.out(
          ctx.json()
            ? JSON.stringify({ ok: true, ...r }, null, 2)
            : [
                `Put ${r.quantity} × ${r.sellerSku} (lot ${r.lotCode}) from ${r.fromLocation} to ${r.toLocation}: ${r.unitsAtLocation}${r.capacityUnits ? ` of ${r.capacityUnits}` : ''} units there.`,
                ...r.warnings.map((w) => `Warning: ${w.message}`),
              ].join('\n'),
        );
      }),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseCount(text: string): { barcode: string; good: number; damaged: number } {
  const match = /^(.+)=(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (!match) throw new CliFailure(`--count "${text}" must look like SKU=24 or SKU=18/6 (good/damaged).`, undefined, 2);
  return { barcode: match[1] as string, good: Number(match[2]), damaged: Number(match[3] ?? 0) };
}

function positive(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CliFailure(`${flag} must be a whole number of at least 1.`, undefined, 2);
  return Number(text);
}

function language(lang: string): DocumentLanguage {
  return lang === 'zh' || lang === 'zh-CN' ? 'zh-CN' : 'en';
}

async function planId(services: Services, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const page = await services.inboundPlans.list(SYSTEM_ACTOR, { q: ref, limit: 20 });
  const plan = page.items.find((p) => p.number.toLowerCase() === ref.trim().toLowerCase());
  if (!plan) throw new CliFailure(`No inbound plan ${ref}.`);
  return plan.id;
}

async function loadView(services: Services, ref: string): Promise<PlanView> {
  const result = await services.inboundPlans.get(SYSTEM_ACTOR, await planId(services, ref));
  if (!result.ok) throw located(result.error);
  return result.value;
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CliFailure(`Cannot read ${file}.`);
  }
}

function parseJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFile(file).toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(`${file} is not valid JSON.`);
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function cartonsOf(value: unknown): CartonGroupDraft[] {
  if (!Array.isArray(value)) return [];
  return value.map((c: Record<string, unknown>) => ({
    count: (c.count as number | undefined) ?? 1,
    length: String(c.length ?? ''),
    width: String(c.width ?? ''),
    height: String(c.height ?? ''),
    dimensionUnit: String(c.dimension_unit ?? ''),
    weight: String(c.weight ?? ''),
    weightUnit: String(c.weight_unit ?? ''),
    items: Array.isArray(c.items)
      ? c.items.map((i: Record<string, unknown>) => ({
          sku: String(i.sku ?? ''),
          quantity: i.quantity as number,
          declaredValue: (i.declared_value as string | undefined) ?? null,
          declaredCurrency: (i.declared_currency as string | undefined) ?? null,
        }))
      : [],
  }));
}

function located(error: AppError): CliFailure {
  const rows = (error.details ?? [])
    .slice(0, 100)
    .map((d) => [
      d.row ? `row ${d.row}${d.column ? `, column ${d.column}${d.header ? ` (${d.header})` : ''}` : ''}` : (d.path?.join('.') ?? ''),
      d.message,
    ]);
  return new CliFailure(rows.length ? `${error.message}\n${table(['Where', 'Problem'], rows)}` : error.message, error);
}

function describePlan(view: PlanView): string {
  const p = view.plan;
  const lines = [
    `${p.number}  ${p.status}  ${view.account.code} → ${view.destination.code}  ${p.freightMode}${p.vessel ? `  ${p.vessel} ${p.voyage ?? ''}` : ''}${p.containerNumber ? `  ${p.containerNumber}` : ''}`,
    `ETD ${p.etd ?? '—'}  ETA ${p.eta ?? '—'}  customs ${p.customsStatus}  ${view.totals.cartons} cartons, ${view.totals.units} units, ${(view.totals.weightG / 1000).toFixed(1)} kg, ${view.totals.volumeM3} m³`,
    table(
      ['SKU', 'Planned', 'Received', 'Damaged', 'On dock', 'Lot'],
      view.skus.map((s) => [s.sku.sellerSku, s.planned, s.received, s.damaged, s.staged, s.lot?.code ?? '']),
    ),
  ];
  if (view.discrepancies.length > 0)
    lines.push(
      'Discrepancies:',
      table(
        ['Kind', 'Carton', 'SKU / code', 'Qty'],
        view.discrepancies.map((d) => [d.kind, d.cartonNo, d.sellerSku ?? d.scannedBarcode, d.quantity]),
      ),
    );
  for (const w of view.warnings) lines.push(`Warning: ${w.message}`);
  return lines.join('\n');
}

function planJson(view: PlanView) {
  return {
    id: view.plan.id,
    number: view.plan.number,
    status: view.plan.status,
    account: view.account.code,
    destination: view.destination.code,
    freight_mode: view.plan.freightMode,
    totals: { cartons: view.totals.cartons, units: view.totals.units, received: view.totals.received, damaged: view.totals.damaged },
    cartons: view.cartons.map((c) => ({ carton_no: c.cartonNo, barcode: c.barcode, status: c.status })),
    skus: view.skus.map((s) => ({
      seller_sku: s.sku.sellerSku,
      planned: s.planned,
      received: s.received,
      damaged: s.damaged,
      staged: s.staged,
      lot: s.lot?.code ?? null,
    })),
    discrepancies: view.discrepancies.map((d) => ({
      kind: d.kind,
      carton_no: d.cartonNo,
      sku: d.sellerSku,
      barcode: d.scannedBarcode,
      quantity: d.quantity,
    })),
    warnings: view.warnings.map((w) => ({ code: w.code, sku: w.sku, message: w.message })),
  };
}
