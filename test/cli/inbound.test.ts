/** `landed inbound …`: plan from a carton sheet, submit, labels, receive by scan (an unknown code refused), complete and put away. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/cli.js';

const cli = demoCli('inbound');
const { run, tmpRoot } = cli;

beforeAll(cli.setUp, 180_000);

afterAll(cli.tearDown);

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
