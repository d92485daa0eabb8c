/** The shape every benchmark reports, printed as a table and written to bench/results/NAME.json. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Metric {
  name: string;
  value: number;
  unit: string;
  target?: number;
  better: 'higher' | 'lower';
}

export interface BenchResult {
  inputs: Record<string, unknown>;
  metrics: Metric[];
}

export interface BenchReport extends BenchResult {
  bench: string;
  at: string;
  machine: { cpus: number; memory: number; cpu_model: string; node: string };
}

export function report(bench: string, result: BenchResult, resultsDir = path.resolve('bench/results')): BenchReport {
  const full: BenchReport = {
    bench,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memory: os.totalmem(), cpu_model: os.cpus()[0]?.model ?? 'unknown', node: process.version },
    inputs: result.inputs,
    metrics: result.metrics,
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${bench}.json`), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

export function formatTable(result: BenchResult): string {
  const rows = result.metrics.map((m) => {
    const met = m.target === undefined ? '' : (m.better === 'lower' ? m.value <= m.target : m.value >= m.target) ? 'yes' : 'NO';
    return [m.name, String(round(m.value)), m.unit, m.target === undefined ? '' : `${m.better === 'lower' ? '≤' : '≥'} ${m.target}`, met];
  });
  const head = ['metric', 'value', 'unit', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
