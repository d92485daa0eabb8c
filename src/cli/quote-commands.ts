/**
 * `landed quote` and `landed rate`: the fee engine from the command line, for providers
 * quoting prospects and sellers checking a price before they ship.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { formatMoney, toDecimalString } from '../domain/money/index.js';
import type { Quote } from '../domain/quotes/quote-engine.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { Services } from '../services/create-services.js';
import { QuoteRequestBody, toQuoteRequest } from '../services/quote-request-body.js';
import { quoteJson } from '../services/quotes.js';
import { CliFailure, type CliIo, table } from './io.js';
import { readSkuSheetInBackground } from './sku-sheet.js';

export interface QuoteCommandContext {
  io: CliIo;
  json: () => boolean;
  withServices: <T>(fn: (services: Services) => Promise<T>) => Promise<T>;
  accountIdByCode: (services: Services, code: string) => Promise<string>;
}

export function addQuoteCommands(program: Command, ctx: QuoteCommandContext): void {
  program
    .command('quote')
    .description('Quote a seller: itemized monthly estimate, cost per order, landed cost per unit')
    .requiredOption('--request <file>', 'a JSON request (the POST /v1/quotes body) or an .xlsx/.csv SKU sheet')
    .option('--account <code>', 'quote for this seller account (its plan applies)')
    .option('--prospect <name>', 'quote for a prospect without an account')
    .option('--orders-per-day <n>', 'with a SKU sheet: orders per day')
    .option('--warehouse <code>', 'with a SKU sheet: the shipping warehouse (default US-NJ1)')
    .option('--destinations <list>', 'with a SKU sheet: ZIP:share,… (default a US population mix)')
    .option('--lane <code>', 'with a SKU sheet: first-leg lane code')
    .option('--date <yyyy-mm-dd>', 'quote date (default today)')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'xlsx', 'pdf']).default('table'))
    .addOption(new Option('--lang <lang>', 'language of the table, workbook or PDF').choices(['en', 'zh', 'zh-CN']).default('en'))
    .option('--out <file>', 'write the output here (xlsx and pdf need it)')
    .action(async (options: QuoteOptions) => {
      if (options.format === 'pdf' && !options.out)
        throw new CliFailure('--format pdf needs --out FILE.pdf (a PDF is not written to the terminal).');
      if (options.format === 'xlsx' && !options.out) throw new CliFailure('--format xlsx needs --out FILE.xlsx');
      // A SKU sheet is read on a worker thread while the database opens on this one.
      const reading = requestBody(options);
      if (options.request.toLowerCase().endsWith('.json') || !fs.existsSync(path.resolve(options.request))) await reading;
      else reading.catch(() => undefined);
      const lang = options.lang === 'en' ? 'en' : 'zh';
      await ctx.withServices(async (services) => {
        const body = await reading;
        const accountId = options.account ? await ctx.accountIdByCode(services, options.account) : null;
        const today = new Date().toISOString().slice(0, 10);
        const started = performance.now();
        const result = await services.quotes.create(SYSTEM_ACTOR, {
          accountId,
          prospectName: options.prospect ?? null,
          request: toQuoteRequest(body, options.date ?? today),
          standardCard: body.standard_card,
        });
        if (!result.ok) {
          const rows = (result.error.details ?? []).map((d) => [d.path?.join('.') ?? '', d.message]);
          throw new CliFailure(
            rows.length ? `${result.error.message}\n${table(['Where', 'Problem'], rows)}` : result.error.message,
            result.error,
          );
        }
        const { quote, row } = result.value;
        const seconds = (performance.now() - started) / 1000;
        if (options.format === 'xlsx') {
          const { quoteWorkbook } = await import('../services/spreadsheets/quote-sheet.js');
          fs.writeFileSync(options.out as string, await quoteWorkbook(quote, lang));
          ctx.io.out(
            ctx.json() ? JSON.stringify({ ok: true, quote_id: row.id, file: options.out }) : `Quote ${row.id} written to ${options.out}`,
          );
          return;
        }
        if (options.format === 'pdf') {
          const account = accountId ? await services.accounts.get(SYSTEM_ACTOR, accountId) : null;
          if (account && !account.ok) throw new CliFailure(account.error.message, account.error);
          const { quotePdf, savedQuoteDocument } = await import('../services/documents/quote-pdf.js');
          const document = savedQuoteDocument(row, quote, account?.value ?? null);
          fs.writeFileSync(options.out as string, await quotePdf(document, { language: lang === 'zh' ? 'zh-CN' : 'en' }));
          ctx.io.out(
            ctx.json() ? JSON.stringify({ ok: true, quote_id: row.id, file: options.out }) : `Quote ${row.id} written to ${options.out}`,
          );
          return;
        }
        if (options.format === 'json' || ctx.json()) {
          // Indented for a terminal; compact in a file, where a 10,000-SKU quote is 13 MB instead of 25.
          const text = JSON.stringify({ ok: true, quote_id: row.id, quote: quoteJson(quote) }, null, options.out ? undefined : 2);
          if (options.out) fs.writeFileSync(options.out, text);
          else ctx.io.out(text);
          return;
        }
        const text = renderQuote(quote, lang, row.id, seconds);
        if (options.out) fs.writeFileSync(options.out, text);
        else ctx.io.out(text);
      });
    });

  program
    .command('rate')
    .description('Rate one parcel: cheapest fitting service meeting the promise, and the others')
    .requiredOption('--to <zip>', 'destination ZIP')
    .option('--from <warehouse>', 'shipping warehouse code', 'US-NJ1')
    .requiredOption('--dims <LxWxH>', 'e.g. 12x10x8')
    .addOption(new Option('--dim-unit <unit>').choices(['in', 'cm', 'mm']).default('in'))
    .requiredOption('--weight <n>', 'parcel weight')
    .addOption(new Option('--weight-unit <unit>').choices(['lb', 'oz', 'kg', 'g']).default('lb'))
    .option('--commercial', 'a business address (default residential)')
    .option('--signature', 'signature required')
    .option('--promise <days>', 'delivery promise in days')
    .option('--date <yyyy-mm-dd>', 'ship date (default today)')
    .action(async (options: RateOptions) => {
      const [length, width, height] = options.dims.toLowerCase().split(/[x×*]/);
      if (!length || !width || !height) throw new CliFailure('--dims takes LxWxH, e.g. 12x10x8');
      await ctx.withServices(async (services) => {
        const result = await services.quotes.rate(SYSTEM_ACTOR, {
          originWarehouse: options.from,
          destinationZip: options.to,
          length,
          width,
          height,
          dimensionUnit: options.dimUnit,
          weight: options.weight,
          weightUnit: options.weightUnit,
          residential: !options.commercial,
          signature: Boolean(options.signature),
          shipDate: options.date ?? new Date().toISOString().slice(0, 10),
          promiseDays: options.promise ? Number(options.promise) : undefined,
        });
        if (!result.ok) throw new CliFailure(result.error.message, result.error);
        const r = result.value;
        if (ctx.json()) {
          ctx.io.out(
            JSON.stringify(
              {
                ok: true,
                ...(quoteJson({ best: r.best, runnersUp: r.runnersUp, missesPromise: r.missesPromise, notRated: r.notRated }) as object),
              },
              null,
              2,
            ),
          );
          return;
        }
        const rows = [r.best, ...r.runnersUp, ...r.missesPromise]
          .filter((q) => q !== null)
          .map((q, i) => [
            i === 0 && r.best ? '★' : '',
            q.service.name,
            q.zone,
            `${q.billableWeight.value} ${q.billableWeight.unit} (${q.billableWeight.basis})`,
            toDecimalString(q.base),
            q.surcharges.map((s) => `${s.code} ${toDecimalString(s.amount)}`).join(', '),
            toDecimalString(q.total),
            q.transitDays,
          ]);
        const refused = r.notRated.map((n) => {
          const f = n.failure as { kind?: string; problems?: { reason: string }[] };
          return `${n.service.name}: ${f.problems?.map((p) => p.reason).join(', ') ?? f.kind ?? 'not rated'}`;
        });
        ctx.io.out(
          `${table(['', 'Service', 'Zone', 'Billable', 'Base', 'Surcharges', 'Total', 'Days'], rows)}${refused.length ? `\nNot rated: ${refused.join('; ')}` : ''}\nCards: ${r.cards.map((c) => `${c.code} v${c.version}`).join(', ')}`,
        );
      });
    });
}

interface QuoteOptions {
  request: string;
  account?: string;
  prospect?: string;
  ordersPerDay?: string;
  warehouse?: string;
  destinations?: string;
  lane?: string;
  date?: string;
  format: 'table' | 'json' | 'xlsx' | 'pdf';
  lang: 'en' | 'zh' | 'zh-CN';
  out?: string;
}

interface RateOptions {
  to: string;
  from: string;
  dims: string;
  dimUnit: string;
  weight: string;
  weightUnit: string;
  commercial?: boolean;
  signature?: boolean;
  promise?: string;
  date?: string;
}

/** A US population-weighted spread of big-city ZIPs, for sheets that give no destinations. */
export const DEFAULT_DESTINATIONS =
  '10001:0.14,90012:0.13,60601:0.09,77002:0.08,85004:0.07,19103:0.07,78205:0.06,92101:0.06,75201:0.15,95113:0.15';

async function requestBody(options: QuoteOptions) {
  const file = path.resolve(options.request);
  if (!fs.existsSync(file)) throw new CliFailure(`File not found: ${file}`, { code: 'not_found', message: `File not found: ${file}` });
  const data = fs.readFileSync(file);
  let raw: Record<string, unknown>;
  if (file.toLowerCase().endsWith('.json')) {
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch (error) {
      throw new CliFailure(`${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    const skus = await readSkuSheetInBackground(path.basename(file), data);
    if (!skus.ok) {
      const rows = (skus.error.details ?? []).map((d) => [
        d.row ?? '',
        d.column ? `${d.column}${d.header ? ` (${d.header})` : ''}` : '',
        d.message,
      ]);
      throw new CliFailure(`${skus.error.message}\n${table(['Row', 'Column', 'Problem'], rows)}`, skus.error);
    }
    if (!options.ordersPerDay) throw new CliFailure('With a SKU sheet, give --orders-per-day.');
    raw = {
      orders_per_day: options.ordersPerDay,
      origin_warehouse: options.warehouse ?? 'US-NJ1',
      destinations: (options.destinations ?? DEFAULT_DESTINATIONS).split(',').map((pair) => {
        const [zip, share] = pair.split(':');
        return { zip: zip?.trim() ?? '', share: share?.trim() ?? '1' };
      }),
      ...(options.lane ? { first_leg_lane: options.lane } : {}),
      skus: skus.value.map((s) => ({
        seller_sku: s.sellerSku,
        length: s.length,
        width: s.width,
        height: s.height,
        dimension_unit: s.dimensionUnit,
        weight: s.weight,
        weight_unit: s.weightUnit,
        declared_value: s.declaredValue,
        hs_code: s.hsCode,
        country_of_origin: s.countryOfOrigin,
        flags: s.flags,
        ...(s.share ? { share: s.share } : {}),
        ...(s.unitsPerOrder ? { units_per_order: s.unitsPerOrder } : {}),
        ...(s.unitsPerCarton ? { units_per_carton: s.unitsPerCarton } : {}),
      })),
    };
  }
  if (options.ordersPerDay && file.toLowerCase().endsWith('.json')) raw.orders_per_day = options.ordersPerDay;
  const parsed = QuoteRequestBody.safeParse(raw);
  if (!parsed.success) {
    const rows = parsed.error.issues.slice(0, 50).map((i) => [i.path.join('.'), i.message]);
    throw new CliFailure(`The quote request is not valid.\n${table(['Field', 'Problem'], rows)}`, {
      code: 'validation_failed',
      details: parsed.error.issues,
    });
  }
  return parsed.data;
}

function renderQuote(quote: Quote, lang: 'en' | 'zh', id: string, seconds: number): string {
  const zh = lang === 'zh';
  const locale = zh ? 'zh-CN' : 'en';
  const lines = table(
    zh ? ['模块', '项目', '数量', '单价', '金额', '计算'] : ['Module', 'Item', 'Quantity', 'Rate', 'Amount', 'Formula'],
    quote.lines.map((l) => [
      l.module,
      zh ? l.label.zh : l.label.en,
      `${l.quantity} ${l.unit}`,
      l.rate,
      formatMoney(l.amount, locale),
      (zh ? l.formula.zh : l.formula.en).slice(0, 90),
    ]),
  );
  const skus = table(
    zh
      ? ['卖家SKU', '月件数', '头程', '关税', '入库', '仓储', '履约', '退货', '每件合计']
      : ['Seller SKU', 'Units/mo', 'First leg', 'Duties', 'Receiving', 'Storage', 'Fulfilment', 'Returns', 'Per unit'],
    quote.skus
      .slice(0, 30)
      .map((s) => [
        s.sellerSku,
        s.unitsPerMonth,
        s.perUnit.firstLeg,
        s.perUnit.duties,
        s.perUnit.receiving,
        s.perUnit.storage,
        s.perUnit.fulfilment,
        s.perUnit.returns,
        s.perUnit.total,
      ]),
  );
  const warnings = quote.warnings.map((w) => `  ! ${zh ? w.zh : w.en}`).join('\n');
  return [
    `${zh ? '报价' : 'Quote'} ${id} — ${quote.quoteDate} — ${quote.cards.map((c) => `${c.code} v${c.version}`).join(' + ')} (${seconds.toFixed(2)} s)`,
    lines,
    `${zh ? '月度合计' : 'Monthly total'}: ${formatMoney(quote.monthlyTotal, locale)}    ${zh ? '单均履约' : 'Per order'}: ${formatMoney(quote.perOrder, locale)}    ${zh ? '月订单' : 'Orders/month'}: ${quote.volumes.ordersPerMonth}`,
    skus + (quote.skus.length > 30 ? `\n… ${quote.skus.length - 30} more SKUs (use --format xlsx)` : ''),
    warnings,
  ]
    .filter(Boolean)
    .join('\n');
}
