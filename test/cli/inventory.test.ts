/** `landed inventory …` and `landed allocate`: stock from a terminal on a demo database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/cli.js';

const cli = demoCli('inventory');
const { run } = cli;

beforeAll(cli.setUp, 180_000);

afterAll(cli.tearDown);

describe('landed inventory', () => {
  it('adjusts, shows balances and the ledger, allocates and releases, checks the ledger', async () => {
    const found = await run([
      'inventory',
      'adjust',
      '--account',
      'THREADLINE',
      '--sku',
      'TL-TEE-BLK-M',
      '--warehouse',
      'US-NJ1',
      '--quantity',
      '12',
      '--reason',
      'found',
      '--location',
      'A-02-02',
    ]);
    expect(found.code, found.err).toBe(0);
    expect(found.out).toMatch(/Adjusted TL-TEE-BLK-M by \+12 \(found\)/);
    const balances = await run(['--json', 'inventory', 'balances', '--account', 'THREADLINE', '--sku', 'TL-TEE-BLK-M']);
    const lots = JSON.parse(balances.out).lots as { onHand: number; warehouseCode: string }[];
    expect(lots.some((l) => l.onHand === 12 && l.warehouseCode === 'US-NJ1')).toBe(true);
    const allocated = await run([
      'allocate',
      '--account',
      'THREADLINE',
      '--reference',
      'CLI-1',
      '--line',
      'TL-TEE-BLK-M=2',
      '--zip',
      '10001',
    ]);
    expect(allocated.code, allocated.err).toBe(0);
    expect(allocated.out).toMatch(/CLI-1: allocated/);
    expect((await run(['allocate', '--account', 'THREADLINE', '--reference', 'CLI-1', '--line', 'TL-TEE-BLK-M=2'])).out).toMatch(
      /answered before/,
    );
    expect((await run(['allocate', '--account', 'THREADLINE', '--reference', 'CLI-1', '--release'])).out).toMatch(/CLI-1: released/);
    const ledger = await run(['inventory', 'ledger', '--account', 'THREADLINE', '--sku', 'TL-TEE-BLK-M', '--limit', '3']);
    expect(ledger.out).toMatch(/release/);
    expect(ledger.out).toMatch(/allocate/);
    const check = await run(['inventory', 'check']);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toMatch(/^Consistent: \d+ lots/);
  });

  it('refuses too much with a clear message and exit 1', async () => {
    const lost = await run([
      'inventory',
      'adjust',
      '--account',
      'THREADLINE',
      '--sku',
      'TL-TEE-BLK-M',
      '--warehouse',
      'US-NJ1',
      '--quantity',
      '-100000',
      '--reason',
      'lost',
    ]);
    expect(lost.code).toBe(1);
    expect(lost.err).toMatch(/can be taken/);
    const short = await run(['allocate', '--account', 'THREADLINE', '--reference', 'CLI-2', '--line', 'TL-TEE-BLK-M=99999']);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/Line 1 \(TL-TEE-BLK-M\): 99999 requested/);
  });

  it('takes a snapshot and reports ageing', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const snapshot = await run(['inventory', 'snapshot', '--date', yesterday]);
    expect(snapshot.code, snapshot.err).toBe(0);
    expect(snapshot.out).toMatch(/US-NJ1/);
    const ageing = await run(['--json', 'inventory', 'ageing', '--account', 'THREADLINE', '--days', '60']);
    expect(ageing.code).toBe(0);
    expect(JSON.parse(ageing.out).ageing.bands.length).toBeGreaterThan(0);
  });
});
