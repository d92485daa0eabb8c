/** `landed inbound …`: plan from a carton sheet, submit, labels, receive by scan (an unknown code refused), complete and put away. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { databaseKind } from '../helpers/database.js';
import { withDatabase } from '../helpers/global-setup.js';

const onPostgres = databaseKind() === 'postgres';
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'landed-cli-inbound-'));
let env: NodeJS.ProcessEnv;
let database: string | undefined;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  if (onPostgres) {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    database = `landed_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    env = { DATABASE_URL: withDatabase(inject('postgresAdminUrl'), database) };
  } else env = { LANDED_DATA_DIR: path.join(tmpRoot, 'data') };
  expect((await run(['seed', '--demo'])).code).toBe(0);
}, 180_000);

afterAll(async () => {
  if (database) {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe('landed inbound', () => {
  it('creates from a sheet, submits, prints labels, receives, completes and puts away', async () => {
    const sheet = path.join(tmpRoot, 'cartons.csv');
    fs.writeFileSync(
      sheet,
      [
        '箱号,SKU,每箱数量,箱数,长(cm),宽(cm),高(cm),毛重(kg)',
        '1,TL-SOCK-BLK-M,50,2,40,30,30,6',
        '2,TL-SOCK-WHT-M,20,1,40,30,30,4',
        '2,TL-SOCK-WHT-L,20,,,,,',
      ].join('\n'),
    );
    const bad = path.join(tmpRoot, 'bad.csv');
    fs.writeFileSync(bad, ['Carton no,SKU,Qty per carton,Length,Width,Height,Weight', '1,TL-SOCK-BLK-M,many,40,30,30,6'].join('\n'));
    const refused = await run(['inbound', 'create', '--account', 'THREADLINE', '--sheet', bad, '--to', 'US-NJ1', '--mode', 'sea']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('row 2, column C (Qty per carton)');

    const created = await run([
      '--json',
      'inbound',
      'create',
      '--account',
      'THREADLINE',
      '--sheet',
      sheet,
      '--to',
      'US-NJ1',
      '--from',
      'CN-SZX1',
      '--mode',
      'sea',
      '--submit',
    ]);
    expect(created.code, created.err).toBe(0);
    const plan = JSON.parse(created.out).plan as { number: string; status: string; cartons: { barcode: string }[] };
    expect(plan.status).toBe('submitted');
    expect(plan.cartons).toHaveLength(3);

    const labels = path.join(tmpRoot, 'labels.pdf');
    const labelled = await run(['inbound', 'labels', plan.number, '--kind', 'cartons', '--out', labels]);
    expect(labelled.code, labelled.err).toBe(0);
    expect(fs.readFileSync(labels).subarray(0, 4).toString()).toBe('%PDF');
    const invoice = path.join(tmpRoot, 'invoice.xlsx');
    const invoiced = await run(['inbound', 'documents', plan.number, '--kind', 'invoice', '--out', invoice]);
    expect(invoiced.code, invoiced.err).toBe(0);

    const unknown = await run(['inbound', 'receive', plan.number, '--scan', 'NOT-ON-ASN']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"NOT-ON-ASN" is not on');
    const scanned = await run(['inbound', 'receive', plan.number, '--scan', 'TL-SOCK-BLK-M', '--qty', '100']);
    expect(scanned.code, scanned.err).toBe(0);
    expect(scanned.out).toContain('100 of 100 received');
    const over = await run(['inbound', 'receive', plan.number, '--scan', 'TL-SOCK-BLK-M']);
    expect(over.code).toBe(1);
    expect(over.err).toContain('accept_over');
    const counted = await run([
      'inbound',
      'receive',
      plan.number,
      '--close',
      plan.cartons[2]?.barcode as string,
      '--count',
      'TL-SOCK-WHT-M=18/2',
      '--count',
      'TL-SOCK-WHT-L=15',
    ]);
    expect(counted.code, counted.err).toBe(0);
    const done = await run(['--json', 'inbound', 'receive', plan.number, '--complete']);
    expect(done.code, done.err).toBe(0);
    const finished = JSON.parse(done.out).plan as { status: string; discrepancies: { kind: string; sku: string; quantity: number }[] };
    expect(finished.status).toBe('received');
    expect(finished.discrepancies.map((d) => `${d.kind}:${d.sku}:${d.quantity}`).sort()).toEqual([
      'damaged:TL-SOCK-WHT-M:2',
      'short:TL-SOCK-WHT-L:5',
    ]);

    const put = await run(['inbound', 'putaway', plan.number, '--sku', 'TL-SOCK-BLK-M', '--to', 'P-03', '--qty', '100']);
    expect(put.code, put.err).toBe(0);
    expect(put.out).toContain('from RECEIVING to P-03');
    const shown = await run(['inbound', 'show', plan.number]);
    expect(shown.out).toContain('TL-SOCK-WHT-L');
    expect(shown.out).toContain('short');
  });
});
