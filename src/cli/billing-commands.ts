/**
 * `landed bill run --period 2026-11 [--account CODE]` and `landed bill finalize`: billing runs
 * from a terminal, acting as the installation (provider finance), with a progress bar.
 */
import type { Command } from 'commander';
import { money, toDecimalString, type CurrencyCode } from '../domain/money/index.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { CliFailure, table } from './io.js';
import { countProgress } from './progress.js';
import type { QuoteCommandContext } from './quote-commands.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function period(value: string): string {
  if (!PERIOD.test(value)) throw new CliFailure(`--period must be a month such as 2026-11, got "${value}".`);
  return value;
}

const amount = (currency: string, minor: bigint) => `${toDecimalString(money(currency as CurrencyCode, minor))} ${currency}`;

export function addBillingCommands(program: Command, ctx: QuoteCommandContext): void {
  const bill = program.command('bill').description('Billing: run a period into draft invoices, finalize them');

  bill
    .command('run')
    .description('Bill a period (every account with activity, or one): idempotent, and a rerun finishes a stopped run')
    .requiredOption('--period <yyyy-mm>', 'the month to bill')
    .option('--account <code>', 'only this seller account')
    .action(async (options: { period: string; account?: string }) =>
      ctx.withServices(async (services) => {
        const progress = countProgress(ctx.io, 'accounts');
        const run = await services.billing.run(SYSTEM_ACTOR, {
          period: period(options.period),
          accountCode: options.account,
          onProgress: (r) => progress.update(r.accountsDone, r.accountsTotal),
        });
        progress.stop();
        if (!run.ok) throw new CliFailure(run.error.message, { ok: false, error: run.error });
        const invoices = await services.billing.list(SYSTEM_ACTOR, {
          period: run.value.period,
          accountCode: options.account,
          documentType: 'invoice',
          limit: 500,
        });
        const items = invoices.ok ? invoices.value.items : [];
        ctx.io.out(
          ctx.json()
            ? JSON.stringify(
                {
                  ok: true,
                  run: {
                    id: run.value.id,
                    period: run.value.period,
                    status: run.value.status,
                    accounts: run.value.accountsTotal,
                    invoices_written: run.value.invoicesWritten,
                    skipped_finalized: run.value.accountsSkipped,
                  },
                  invoices: items.map((i) => ({
                    id: i.id,
                    account: i.accountCode,
                    status: i.status,
                    number: i.number,
                    total: toDecimalString(money(i.currency as CurrencyCode, i.totalMinor)),
                    currency: i.currency,
                  })),
                },
                null,
                2,
              )
            : [
                `Billed ${run.value.period}: ${run.value.invoicesWritten} draft(s) written, ${run.value.accountsSkipped} already finalized, run ${run.value.id}.`,
                table(
                  ['Account', 'Status', 'Number', 'Total', 'CNY equivalent'],
                  items.map((i) => [
                    i.accountCode,
                    i.status,
                    i.number ?? '',
                    amount(i.currency, i.totalMinor),
                    i.fxCurrency && i.fxTotalMinor !== null ? `${amount(i.fxCurrency, i.fxTotalMinor)} @ ${i.fxRate} (${i.fxDate})` : '',
                  ]),
                ),
              ].join('\n'),
        );
      }),
    );

  bill
    .command('finalize')
    .description('Finalize the drafts of a period (or one account): numbered, then immutable')
    .requiredOption('--period <yyyy-mm>', 'the month')
    .option('--account <code>', 'only this seller account')
    .action(async (options: { period: string; account?: string }) =>
      ctx.withServices(async (services) => {
        const done = await services.billing.finalizePeriod(SYSTEM_ACTOR, { period: period(options.period), accountCode: options.account });
        if (!done.ok) throw new CliFailure(done.error.message, { ok: false, error: done.error });
        ctx.io.out(
          ctx.json()
            ? JSON.stringify(
                {
                  ok: true,
                  finalized: done.value.map((v) => ({
                    id: v.invoice.id,
                    account: v.accountCode,
                    number: v.invoice.number,
                    total: toDecimalString(money(v.invoice.currency as CurrencyCode, v.invoice.totalMinor)),
                  })),
                },
                null,
                2,
              )
            : done.value.length === 0
              ? `No drafts to finalize for ${options.period}.`
              : table(
                  ['Account', 'Number', 'Total'],
                  done.value.map((v) => [v.accountCode, v.invoice.number ?? '', amount(v.invoice.currency, v.invoice.totalMinor)]),
                ),
        );
      }),
    );
}
