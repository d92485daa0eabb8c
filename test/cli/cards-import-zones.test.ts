/** `landed cards import-zones`: a carrier's official zone chart for an origin, loaded from a sheet into a card. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/cli.js';

const cli = demoCli('zones');
const { run, tmpRoot } = cli;

function sheet(name: string, rows: string[]): string {
  const file = path.join(tmpRoot, name);
  fs.writeFileSync(file, rows.join('\n'));
  return file;
}

beforeAll(cli.setUp, 120_000);

afterAll(cli.tearDown);

describe('landed cards import-zones', () => {
  it('refuses a chart with a gap, naming the row and column', async () => {
    const bad = sheet('bad.csv', ['Dest. ZIP,Ground', '004-199,002', '300-999,005']);
    const r = await run(['cards', 'import-zones', 'US-STANDARD', '--origin', '08837', '--service', 'UPS_GROUND', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 3, column A/);
    expect(r.err).toMatch(/gap between 004–199 and 300–999/);
  });

  it('loads a chart as a new version of the card (the refused one added none) and says which', async () => {
    const good = sheet('ups-088.csv', ['UPS Ground', 'Dest. ZIP,Ground', '004-499,002', '500-999,004']);
    const r = await run([
      '--json',
      'cards',
      'import-zones',
      'US-STANDARD',
      '--origin',
      '08837',
      '--service',
      'UPS_GROUND',
      '--effective',
      '2026-11-01',
      good,
    ]);
    expect(r.code, r.err).toBe(0);
    const { version } = JSON.parse(r.out) as { version: number };
    expect(version).toBe(2);
    const out = path.join(tmpRoot, 'card.json');
    expect((await run(['cards', 'export', '--card', 'US-STANDARD', '--version', String(version), '--out', out])).code).toBe(0);
    const document = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(document.zoneCharts).toEqual([
      {
        id: 'ups_ground:08837:2026-11-01',
        services: ['ups_ground'],
        origins: ['08837'],
        rows: [
          { from: '004', to: '499', zone: 2 },
          { from: '500', to: '999', zone: 4 },
        ],
        source: 'ups-088.csv (column Ground)',
        effectiveFrom: '2026-11-01',
      },
    ]);
  });

  it('needs a service or a carrier', async () => {
    const good = sheet('again.csv', ['Dest. ZIP,Zone', '004-999,2']);
    const r = await run(['cards', 'import-zones', 'US-STANDARD', '--origin', '08837', good]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--service/);
  });
});
