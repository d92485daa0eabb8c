/**
 * `landed disputes list|show|resolve`, `landed claims list|approve|reject` and `landed bill pdf`:
 * finance works a seller's dispute and claims from a terminal. The seller's side (opening the
 * dispute, filing the claims) goes through the services, as the API would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { type Actor, SYSTEM_ACTOR } from '../../src/services/context.js';
import { createServices } from '../../src/services/create-services.js';
import { demoCli } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf-text.js';

const cli = demoCli('disputes-claims');
const { run } = cli;
const period = new Date().toISOString().slice(0, 7);
let dispute = '';
const claimNumbers: string[] = [];

beforeAll(async () => {
  await cli.setUp();
  const billed = await run(['bill', 'run', '--period', period, '--account', 'THREADLINE']);
  expect(billed.code, billed.err).toBe(0);
  // The seller opens a dispute and files two claims (as it would through the API).
  const database = await openDatabase(loadConfig(cli.env()).database);
  try {
    const services = createServices({ database });
    const account = await services.accounts.getByCode(SYSTEM_ACTOR, 'THREADLINE');
    if (!account.ok) throw new Error('no THREADLINE');
    const seller: Actor = { kind: 'user', id: 'cli-test', role: 'seller_admin', accountId: account.value.id, userId: null };
    const invoices = await services.billing.list(seller, { period, limit: 5 });
    const invoice = invoices.ok ? invoices.value.items[0] : undefined;
    if (!invoice) throw new Error('no invoice');
    const view = await services.billing.get(seller, invoice.id);
    const line = view.ok ? view.value.lines.find((l) => l.amountMinor > 0n) : undefined;
    if (!line) throw new Error('no positive line');
    const opened = await services.disputes.open(seller, invoice.id, {
      lineId: line.id,
      reasonCode: 'wrong_rate',
      description: 'Rate too high',
      amount: '0.01',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    dispute = opened.value.dispute.number;
    const skus = await services.skus.list(seller, { limit: 5 });
    for (const units of [2, 1]) {
      const filed = await services.claims.file(seller, {
        kind: 'stock_damaged',
        referenceType: 'parcel',
        reference: '1Z-CLI',
        skuId: skus.items[0]?.id,
        units,
      });
      if (!filed.ok) throw new Error(filed.error.message);
      claimNumbers.push(filed.value.claim.number);
    }
  } finally {
    await database.close();
  }
}, 180_000);
afterAll(cli.tearDown);

describe('landed disputes', () => {
  it('lists and shows the dispute, then resolves it after the invoice is finalized: a credit note', async () => {
    const list = await run(['--json', 'disputes', 'list', '--status', 'open']);
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out).disputes.map((d: { number: string }) => d.number)).toContain(dispute);
    const show = await run(['disputes', 'show', dispute]);
    expect(show.code, show.err).toBe(0);
    expect(show.out).toContain('Reason: wrong_rate — Rate too high');
    expect(show.out).toContain('opened on a draft');

    const early = await run(['disputes', 'resolve', dispute, '--accept', '--reason', 'Agreed']);
    expect(early.code).toBe(1);
    expect(early.err).toContain('draft');
    expect((await run(['bill', 'finalize', '--period', period, '--account', 'THREADLINE'])).code).toBe(0);
    const resolved = await run(['disputes', 'resolve', dispute, '--accept', '--reason', 'Agreed']);
    expect(resolved.code, resolved.err).toBe(0);
    expect(resolved.out).toMatch(new RegExp(`${dispute}: resolved_accepted, 0.01 USD accepted, credit note CN-\\d{4}-\\d{6}`));
    const both = await run(['disputes', 'resolve', dispute, '--accept', '--reject', '--reason', 'x']);
    expect(both.code).toBe(1);
  });
});

describe('landed claims', () => {
  it('lists, approves one (credited on the next period) and rejects the other', async () => {
    const list = await run(['claims', 'list', '--account', 'THREADLINE']);
    expect(list.code, list.err).toBe(0);
    for (const n of claimNumbers) expect(list.out).toContain(n);
    const approved = await run(['--json', 'claims', 'approve', claimNumbers[0] as string, '--units', '1']);
    expect(approved.code, approved.err).toBe(0);
    const claim = JSON.parse(approved.out).claim;
    expect(claim).toMatchObject({ status: 'approved', units: 2, basis: 'liability_cap' });
    expect(claim.credit_period > period).toBe(true);
    const rejected = await run(['claims', 'reject', claimNumbers[1] as string, '--reason', 'Found in stock']);
    expect(rejected.code, rejected.err).toBe(0);
    expect(rejected.out).toContain('rejected');
  });
});

describe('landed bill pdf', () => {
  it('writes the finalized invoice as a Chinese PDF', async () => {
    const invoices = await run(['--json', 'bill', 'run', '--period', period, '--account', 'THREADLINE']);
    const number = JSON.parse(invoices.out).invoices[0].number as string;
    expect(number).toMatch(/^INV-/);
    const out = path.join(cli.tmpRoot, 'invoice.pdf');
    const written = await run(['bill', 'pdf', number, '--lang', 'zh', '--out', out]);
    expect(written.code, written.err).toBe(0);
    const text = readPdf(fs.readFileSync(out)).pages.join('\n').replace(/\s+/g, '');
    expect(text).toContain(number);
    expect(text).toContain('账单');
    expect(text).toContain('THREADLINE');
    const bad = await run(['bill', 'pdf', number, '--lang', 'fr', '--out', out]);
    expect(bad.code).toBe(1);
  });
});
