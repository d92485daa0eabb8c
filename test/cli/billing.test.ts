/** `landed bill run` and `landed bill finalize`: billing a period from a terminal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/cli.js';

const cli = demoCli('billing');
const { run } = cli;
const period = new Date().toISOString().slice(0, 7);

beforeAll(cli.setUp, 180_000);
afterAll(cli.tearDown);

describe('landed bill', () => {
  it('runs a period into drafts, idempotently, then finalizes one account', async () => {
    const first = await run(['--json', 'bill', 'run', '--period', period]);
    expect(first.code, first.err).toBe(0);
    const billed = JSON.parse(first.out) as {
      run: { status: string; accounts: number };
      invoices: { account: string; status: string; total: string }[];
    };
    expect(billed.run.status).toBe('completed');
    expect(billed.invoices.map((i) => i.account)).toContain('THREADLINE');
    // Progress goes to stderr, a line per tenth when not on a terminal.
    expect(first.err).toMatch(/\d+\/\d+ accounts/);

    const again = await run(['--json', 'bill', 'run', '--period', period]);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out).invoices).toEqual(billed.invoices);

    const table = await run(['bill', 'run', '--period', period, '--account', 'THREADLINE']);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain(`Billed ${period}: 1 draft(s) written`);
    expect(table.out).toContain('THREADLINE');

    const finalized = await run(['bill', 'finalize', '--period', period, '--account', 'THREADLINE']);
    expect(finalized.code, finalized.err).toBe(0);
    expect(finalized.out).toMatch(/INV-\d{4}-\d{6}/);
    const skipped = await run(['--json', 'bill', 'run', '--period', period, '--account', 'THREADLINE']);
    expect(JSON.parse(skipped.out).run.skipped_finalized).toBe(1);
  });

  it('refuses a period that is not a month', async () => {
    const bad = await run(['bill', 'run', '--period', '2026-13']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--period must be a month such as 2026-11');
  });
});
