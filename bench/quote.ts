/**
 * `quote_10k_sku_seconds`: the CLI quote of a 10,000-SKU sheet end to end — start the CLI,
 * open the embedded database, read the .xlsx, rate-shop every SKU to ten destinations, price
 * every rule, save the quote, write the JSON — as a provider would run it for a big prospect.
 * Also the engine alone on the same request, to show where the time goes.
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { quoteFor } from '../src/domain/quotes/quote-engine.js';
import type { QuoteSku } from '../src/domain/quotes/quote-request.js';
import { sampleStandardCard } from '../src/domain/rate-cards/sample-standard-card.js';
import { DEFAULT_DESTINATIONS } from '../src/cli/quote-commands.js';
import type { BenchResult } from './lib.js';

/** Deterministic catalogue: sizes and weights spread over what small parcels look like. */
export function syntheticSkus(count: number): QuoteSku[] {
  const skus: QuoteSku[] = [];
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < count; i++) {
    skus.push({
      sellerSku: `SKU-${String(i).padStart(5, '0')}`,
      title: `Item ${i}`,
      length: String(10 + Math.floor(next() * 40)),
      width: String(8 + Math.floor(next() * 25)),
      height: String(2 + Math.floor(next() * 15)),
      dimensionUnit: 'cm',
      weight: String(50 + Math.floor(next() * 2500)),
      weightUnit: 'g',
      declaredValue: (1 + next() * 20).toFixed(2),
      hsCode: '6109.10.0012',
      countryOfOrigin: 'CN',
      flags: next() < 0.1 ? ['battery'] : [],
      share: String(1 + Math.floor(next() * 9)),
    });
  }
  return skus;
}

export async function writeSheet(skus: QuoteSku[], file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('SKUs');
  sheet.addRow([
    'Seller SKU',
    'Title (EN)',
    'Length',
    'Width',
    'Height',
    'Dimension unit',
    'Weight',
    'Weight unit',
    'HS code',
    'Declared value',
    'Declared currency',
    'Country of origin',
    'Flags',
    'Share',
  ]);
  for (const s of skus) {
    sheet.addRow([
      s.sellerSku,
      s.title,
      s.length,
      s.width,
      s.height,
      s.dimensionUnit,
      s.weight,
      s.weightUnit,
      s.hsCode,
      s.declaredValue,
      'USD',
      s.countryOfOrigin,
      s.flags.join(','),
      s.share,
    ]);
  }
  await workbook.xlsx.writeFile(file);
}

export function engineSeconds(skus: QuoteSku[]): { seconds: number; lines: number } {
  const card = sampleStandardCard();
  const destinations = DEFAULT_DESTINATIONS.split(',').map((p) => ({ zip: p.split(':')[0] as string, share: p.split(':')[1] as string }));
  const started = performance.now();
  const result = quoteFor(
    {
      quoteDate: '2026-11-25',
      ordersPerDay: '2000',
      channels: ['tiktok_shop'],
      skus,
      destinations,
      originWarehouse: 'US-NJ1',
      originZip: '08837',
      firstLegLane: card.lanes[0]?.code,
    },
    { standard: { code: 'US-STANDARD', version: 1, document: card } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(result.error.message.en);
  return { seconds, lines: result.value.lines.length };
}

export async function run(options: Record<string, string>, log: (line: string) => void): Promise<BenchResult> {
  const count = Number(options.skus ?? 10_000);
  const runs = Number(options.runs ?? 3);
  if (!fs.existsSync('dist/src/cli/main.js') || options.build === 'true') {
    log('building the server (npm run build:server)…');
    execSync('npm run build:server --silent', { stdio: 'inherit' });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landed-quote-bench-'));
  try {
    const skus = syntheticSkus(count);
    const sheet = path.join(dir, 'skus.xlsx');
    await writeSheet(skus, sheet);
    // Embedded by default; with BENCH_DATABASE_URL (an empty PostgreSQL database) on a server.
    const env: NodeJS.ProcessEnv = { ...process.env, LANDED_DATA_DIR: path.join(dir, 'data') };
    delete env.DATABASE_URL;
    if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
    log('seeding an embedded database with the demo card…');
    execFileSync(process.execPath, ['bin/landed.mjs', 'seed', '--demo'], { env, stdio: 'ignore' });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      execFileSync(
        process.execPath,
        [
          'bin/landed.mjs',
          'quote',
          '--request',
          sheet,
          '--orders-per-day',
          '2000',
          '--lane',
          'SAMPLE/CN-SZX>US-LAX/AIR',
          '--format',
          'json',
          '--out',
          path.join(dir, 'quote.json'),
        ],
        { env, stdio: 'ignore' },
      );
      times.push((performance.now() - started) / 1000);
      log(`  run ${i + 1}: ${times.at(-1)?.toFixed(2)} s`);
    }
    const engine = engineSeconds(skus);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      inputs: {
        skus: count,
        destinations: 10,
        services: 4,
        orders_per_day: 2000,
        sheet: 'xlsx',
        database: 'pglite',
        runs,
        fee_lines: engine.lines,
      },
      metrics: [
        { name: 'quote_10k_sku_seconds', value: sorted[Math.floor(sorted.length / 2)] as number, unit: 's', target: 2, better: 'lower' },
        { name: 'quote_engine_10k_sku_seconds', value: engine.seconds, unit: 's', better: 'lower' },
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
