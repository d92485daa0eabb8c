/**
 * `npm run bench -- NAME [--key=value …]`: runs bench/NAME.ts, prints its figures and writes
 * bench/results/NAME.json. Each bench module exports `run(options)`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchResult, formatTable, report } from './lib.js';

const [name, ...rest] = process.argv.slice(2);
const available = fs
  .readdirSync(path.resolve('bench'))
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- NAME [--option=value]\nBenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const options = Object.fromEntries(
  rest
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [key, value] = a.slice(2).split('=');
      return [key, value ?? 'true'];
    }),
);
const module = (await import(pathToFileURL(path.resolve('bench', `${name}.ts`)).href)) as {
  run: (options: Record<string, string>, log: (line: string) => void) => Promise<BenchResult>;
};
const result = await module.run(options, (line) => console.error(line));
const full = report(name, result);
console.log(`\n${name} — ${full.machine.cpus} cpus, ${Math.round(full.machine.memory / 2 ** 30)} GiB, node ${full.machine.node}`);
console.log(`inputs: ${JSON.stringify(full.inputs)}`);
console.log(formatTable(result));
console.log(`\nwritten to bench/results/${name}.json`);
