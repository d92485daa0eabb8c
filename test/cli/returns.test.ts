/** `landed returns …` and `landed work-orders …`: the returns bench and the work queue from a terminal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/cli.js';

const cli = demoCli('returns');
const { run } = cli;

beforeAll(cli.setUp, 180_000);

afterAll(cli.tearDown);

describe('landed returns', () => {
  it('authorises, receives by scan, inspects and reports the clock', async () => {
    const authorised = await run([
      '--json',
      'returns',
      'authorise',
      '--account',
      'THREADLINE',
      '--line',
      'TL-TEE-BLK-M=2',
      '--order',
      'SO-77',
    ]);
    expect(authorised.code, authorised.err).toBe(0);
    const rma = JSON.parse(authorised.out).return as { number: string; status: string; warehouse: string };
    expect(rma).toMatchObject({ status: 'authorised', warehouse: 'US-RET1' });

    const received = await run(['returns', 'receive', rma.number, '--warehouse', 'US-RET1']);
    expect(received.code, received.err).toBe(0);
    expect(received.out).toContain(`Received ${rma.number} (THREADLINE) — received at US-RET1`);

    const refused = await run(['returns', 'inspect', rma.number, '--line', '1:D']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('lines.0.evidence.photos: Destroying returned units needs evidence');

    const inspected = await run(['returns', 'inspect', rma.number, '--line', '1:A::1', '--line', '1:D:destroy:1', '--photo', 'torn.jpg']);
    expect(inspected.code, inspected.err).toBe(0);
    expect(inspected.out).toMatch(/Inspected RMA-\d{4}-\d{6} \(THREADLINE\) — closed/);

    const report = await run(['returns', 'report', '--account', 'THREADLINE']);
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain('THREADLINE');
  });

  it('says plainly when a scan matches nothing', async () => {
    const r = await run(['returns', 'receive', 'NOT-A-PARCEL', '--warehouse', 'US-RET1']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Nothing matches "NOT-A-PARCEL"');
  });
});

describe('landed work-orders', () => {
  it('creates, starts and completes a work order with units and minutes', async () => {
    const created = await run([
      '--json',
      'work-orders',
      'create',
      '--account',
      'HOMELY',
      '--warehouse',
      'US-NJ1',
      '--kind',
      'photos',
      '--quantity',
      '8',
    ]);
    expect(created.code, created.err).toBe(0);
    const number = JSON.parse(created.out).work_order.number as string;
    expect((await run(['work-orders', 'start', number])).out).toContain(`Started ${number}: photos 8`);
    const done = await run(['work-orders', 'complete', number, '--units', '8', '--minutes', '25']);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('(done, 8 done, 25 min)');
    const list = await run(['work-orders', 'list', '--account', 'HOMELY', '--status', 'done']);
    expect(list.out).toContain(number);
  });
});
