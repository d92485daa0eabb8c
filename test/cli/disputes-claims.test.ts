/**
 * `landed disputes list|show|resolve`, `landed claims list|approve|reject` and `landed bill pdf`:
 * finance works a seller's dispute and claims from a terminal. The seller's side (opening the
 * dispute, filing the claims) goes through the services, as the API would.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { type Actor, SYSTEM_ACTOR } from '../../src/services/context.js';
import { createServices } from '../../src/services/create-services.js';
import { demoCli } from '../helpers/cli.js';
import { databaseKind } from '../helpers/database.js';
import { withDatabase } from '../helpers/global-setup.js';
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
let freshDatabase: string | null = null;
afterAll(async () => {
  await cli.tearDown();
  if (freshDatabase) {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${freshDatabase} WITH (FORCE)`);
    await admin.end();
  }
});

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

describe('landed export account / import account', () => {
  it('carries the disputes, their threads and the claims into a fresh installation, byte-identical', async () => {
    const first = path.join(cli.tmpRoot, 'threadline.zip');
    const exported = await run(['export', 'account', 'THREADLINE', '--out', first]);
    expect(exported.code, exported.err).toBe(0);
    const files = unzipSync(new Uint8Array(fs.readFileSync(first)));
    for (const table of ['disputes', 'claims']) expect(Object.keys(files)).toContain(`data/${table}.csv`);

    let env: NodeJS.ProcessEnv;
    if (databaseKind() === 'postgres') {
      freshDatabase = `landed_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${freshDatabase}`);
      await admin.end();
      env = { DATABASE_URL: withDatabase(inject('postgresAdminUrl'), freshDatabase) };
    } else env = { LANDED_DATA_DIR: path.join(cli.tmpRoot, 'fresh') };
    const target = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = { out: (x) => out.push(x), err: (x) => err.push(x), isTty: false, env };
      return { code: await main(args, io), out: out.join('\n'), err: err.join('\n') };
    };
    expect((await target(['migrate'])).code).toBe(0);
    const imported = await target(['import', 'account', first]);
    expect(imported.code, imported.err || imported.out).toBe(0);
    const second = path.join(cli.tmpRoot, 'threadline-2.zip');
    expect((await target(['export', 'account', 'THREADLINE', '--out', second])).code).toBe(0);
    const again = unzipSync(new Uint8Array(fs.readFileSync(second)));
    for (const name of ['data/disputes.csv', 'data/dispute_comments.csv', 'data/claims.csv', 'data/invoices.csv'])
      expect(Buffer.from(again[name] as Uint8Array).equals(Buffer.from(files[name] as Uint8Array)), name).toBe(true);
    const listed = await target(['--json', 'disputes', 'list']);
    expect(JSON.parse(listed.out).disputes.map((d: { number: string }) => d.number)).toContain(dispute);
  });
});
