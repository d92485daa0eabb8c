/**
 * `landed disputes list|show|resolve`, `landed claims list|approve|reject` and
 * `landed bill pdf INVOICE --lang zh --out file.pdf`, acting as the installation (provider
 * finance). Disputes, claims and invoices are named by number (DSP-…, CLM-…, INV-…) or id.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { DISPUTE_STATUSES } from '../domain/disputes/dispute.js';
import { type CurrencyCode, money, toDecimalString } from '../domain/money/index.js';
import type { AppError } from '../domain/shared/errors.js';
import type { Result } from '../domain/shared/result.js';
import type { ClaimView } from '../services/claims/claims.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { DisputeView } from '../services/disputes/disputes.js';
import { CliFailure, table } from './io.js';
import type { QuoteCommandContext } from './quote-commands.js';

const amount = (currency: string, minor: bigint | null) =>
  minor === null ? '' : `${toDecimalString(money(currency as CurrencyCode, minor))} ${currency}`;

function must<T>(result: Result<T, AppError>): T {
  if (result.ok) return result.value;
  const detail = result.error.details?.map((d) => `  - ${d.path?.join('.') ?? ''}: ${d.message}`).join('\n');
  throw new CliFailure(detail ? `${result.error.message}\n${detail}` : result.error.message, { ok: false, error: result.error });
}

function disputeJson(v: DisputeView) {
  const d = v.dispute;
  return {
    id: d.id,
    number: d.number,
    account: v.accountCode,
    invoice: v.invoiceNumber ?? `draft ${d.invoiceId}`,
    line_no: d.lineNo,
    reason_code: d.reasonCode,
    description: d.description,
    status: d.status,
    disputed: toDecimalString(money(d.currency as CurrencyCode, d.disputedMinor)),
    accepted: d.acceptedMinor === null ? null : toDecimalString(money(d.currency as CurrencyCode, d.acceptedMinor)),
    currency: d.currency,
    opened_on_draft: d.openedOnDraft,
    resolution_reason: d.resolutionReason,
    credit_note: v.creditNoteNumber,
    comments: v.comments.map((c) => ({ side: c.side, body: c.body, at: c.createdAt.toISOString() })),
  };
}

function claimJson(v: ClaimView) {
  const c = v.claim;
  const coverage = c.coverage as { basis: string; formula: { en: string; zh: string } } | null;
  return {
    id: c.id,
    number: c.number,
    account: v.accountCode,
    kind: c.kind,
    reference: `${c.referenceType}:${c.reference}`,
    seller_sku: v.sellerSku,
    units: c.units,
    declared_value_per_unit: toDecimalString(money(c.currency as CurrencyCode, c.declaredValueMinor)),
    currency: c.currency,
    status: c.status,
    covered: c.coveredMinor === null ? null : toDecimalString(money(c.currency as CurrencyCode, c.coveredMinor)),
    basis: coverage?.basis ?? null,
    formula: coverage?.formula ?? null,
    credit_period: c.creditPeriod,
    decision_reason: c.decisionReason,
  };
}

export function addDisputeAndClaimCommands(program: Command, ctx: QuoteCommandContext): void {
  const print = (json: unknown, text: string) => ctx.io.out(ctx.json() ? JSON.stringify(json, null, 2) : text);

  const disputes = program.command('disputes').description('Disputes sellers raised on invoice lines: list, show, resolve');
  disputes
    .command('list')
    .description('Disputes, newest first')
    .option('--status <status>', `one of ${DISPUTE_STATUSES.join(', ')}`)
    .option('--account <code>', 'one seller account')
    .action(async (options: { status?: string; account?: string }) =>
      ctx.withServices(async (services) => {
        if (options.status && !(DISPUTE_STATUSES as readonly string[]).includes(options.status))
          throw new CliFailure(`--status must be one of ${DISPUTE_STATUSES.join(', ')}.`);
        const accountId = options.account ? await ctx.accountIdByCode(services, options.account) : undefined;
        const page = must(await services.disputes.list(SYSTEM_ACTOR, { accountId, status: options.status, limit: 500 }));
        print(
          { ok: true, disputes: page.items.map(disputeJson) },
          page.items.length === 0
            ? 'No disputes.'
            : table(
                ['Number', 'Account', 'Invoice', 'Line', 'Reason', 'Disputed', 'Status', 'Accepted', 'Credit note'],
                page.items.map((v) => [
                  v.dispute.number,
                  v.accountCode,
                  v.invoiceNumber ?? '(draft)',
                  v.dispute.lineNo ?? 'whole invoice',
                  v.dispute.reasonCode,
                  amount(v.dispute.currency, v.dispute.disputedMinor),
                  v.dispute.status,
                  amount(v.dispute.currency, v.dispute.acceptedMinor),
                  v.creditNoteNumber ?? '',
                ]),
              ),
        );
      }),
    );
  disputes
    .command('show <dispute>')
    .description('One dispute (DSP-… or id) with its thread')
    .action(async (key: string) =>
      ctx.withServices(async (services) => {
        const v = must(await services.disputes.get(SYSTEM_ACTOR, key));
        const d = disputeJson(v);
        print(
          { ok: true, dispute: d },
          [
            `${d.number} · ${d.account} · invoice ${d.invoice}${d.line_no ? ` line ${d.line_no}` : ' (whole invoice)'}${d.opened_on_draft ? ' · opened on a draft' : ''}`,
            `Reason: ${d.reason_code} — ${d.description}`,
            `Disputed: ${d.disputed} ${d.currency} · Status: ${d.status}${d.accepted === null ? '' : ` · Accepted: ${d.accepted} ${d.currency}`}${d.credit_note ? ` · Credit note ${d.credit_note}` : ''}`,
            ...(d.resolution_reason ? [`Decision: ${d.resolution_reason}`] : []),
            ...(d.comments.length
              ? ['Thread:', ...d.comments.map((c) => `  [${c.at.slice(0, 16).replace('T', ' ')} ${c.side}] ${c.body}`)]
              : []),
          ].join('\n'),
        );
      }),
    );
  disputes
    .command('resolve <dispute>')
    .description('Accept (with a credit note; --amount for part of it) or reject a dispute, with a reason')
    .option('--accept', 'accept: credit the disputed amount, or --amount')
    .option('--reject', 'reject')
    .option('--amount <decimal>', 'accept only this much, e.g. 2.50')
    .requiredOption('--reason <text>', 'why (the seller reads it)')
    .action(async (key: string, options: { accept?: boolean; reject?: boolean; amount?: string; reason: string }) =>
      ctx.withServices(async (services) => {
        if (!options.accept === !options.reject) throw new CliFailure('Give --accept or --reject (one of them).');
        if (options.reject && options.amount) throw new CliFailure('--amount goes with --accept.');
        const v = must(
          await services.disputes.resolve(SYSTEM_ACTOR, key, {
            outcome: options.accept ? 'accept' : 'reject',
            amount: options.amount,
            reason: options.reason,
          }),
        );
        const d = disputeJson(v);
        print(
          { ok: true, dispute: d },
          `${d.number}: ${d.status}${d.accepted === null ? '' : `, ${d.accepted} ${d.currency} accepted`}${d.credit_note ? `, credit note ${d.credit_note}` : ''}.`,
        );
      }),
    );

  const claims = program.command('claims').description('Claims for lost or damaged parcels and stock: list, approve, reject');
  claims
    .command('list')
    .description('Claims, newest first')
    .option('--status <status>', 'submitted, approved or rejected')
    .option('--account <code>', 'one seller account')
    .action(async (options: { status?: string; account?: string }) =>
      ctx.withServices(async (services) => {
        if (options.status && !['submitted', 'approved', 'rejected'].includes(options.status))
          throw new CliFailure('--status must be submitted, approved or rejected.');
        const accountId = options.account ? await ctx.accountIdByCode(services, options.account) : undefined;
        const page = must(await services.claims.list(SYSTEM_ACTOR, { accountId, status: options.status, limit: 500 }));
        print(
          { ok: true, claims: page.items.map(claimJson) },
          page.items.length === 0
            ? 'No claims.'
            : table(
                ['Number', 'Account', 'Kind', 'Reference', 'SKU', 'Units', 'Declared / unit', 'Status', 'Covered', 'Credited in'],
                page.items.map((v) => [
                  v.claim.number,
                  v.accountCode,
                  v.claim.kind,
                  `${v.claim.referenceType}:${v.claim.reference}`,
                  v.sellerSku,
                  v.claim.units,
                  amount(v.claim.currency, v.claim.declaredValueMinor),
                  v.claim.status,
                  amount(v.claim.currency, v.claim.coveredMinor),
                  v.claim.creditPeriod ?? '',
                ]),
              ),
        );
      }),
    );
  claims
    .command('approve <claim>')
    .description('Approve a claim (CLM-… or id): covered amount computed, credited on the next period’s invoice')
    .option('--units <n>', 'approve fewer units than claimed')
    .option('--reason <text>', 'a note for the seller')
    .action(async (key: string, options: { units?: string; reason?: string }) =>
      ctx.withServices(async (services) => {
        const units = options.units === undefined ? undefined : Number(options.units);
        if (units !== undefined && !Number.isInteger(units))
          throw new CliFailure(`--units must be a whole number, got "${options.units}".`);
        const c = claimJson(must(await services.claims.approve(SYSTEM_ACTOR, key, { units, reason: options.reason })));
        print(
          { ok: true, claim: c },
          `${c.number}: approved, ${c.covered} ${c.currency} credited on the ${c.credit_period} invoice.\n${c.formula?.en ?? ''}`,
        );
      }),
    );
  claims
    .command('reject <claim>')
    .description('Reject a claim with a reason')
    .requiredOption('--reason <text>', 'why (the seller reads it)')
    .action(async (key: string, options: { reason: string }) =>
      ctx.withServices(async (services) => {
        const c = claimJson(must(await services.claims.reject(SYSTEM_ACTOR, key, { reason: options.reason })));
        print({ ok: true, claim: c }, `${c.number}: rejected.`);
      }),
    );

  // `landed bill pdf` joins the billing commands (src/cli/billing-commands.ts).
  const bill = program.commands.find((c) => c.name() === 'bill') ?? program.command('bill').description('Billing');
  bill
    .command('pdf <invoice>')
    .description('An invoice or credit note (INV-…, CN-… or id) as a PDF, in English or Chinese')
    .option('--lang <lang>', 'en or zh (zh-CN)', 'en')
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(async (key: string, options: { lang: string; out: string }) =>
      ctx.withServices(async (services) => {
        const lang = options.lang.toLowerCase();
        if (!['en', 'zh', 'zh-cn'].includes(lang)) throw new CliFailure(`--lang must be en or zh, got "${options.lang}".`);
        const pdf = must(await services.invoiceDocuments.pdf(SYSTEM_ACTOR, key, lang === 'en' ? 'en' : 'zh-CN'));
        fs.writeFileSync(options.out, pdf.bytes);
        print({ ok: true, file: options.out, bytes: pdf.bytes.length }, `Wrote ${options.out} (${pdf.bytes.length} bytes).`);
      }),
    );
}
