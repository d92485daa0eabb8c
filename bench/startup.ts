/**
 * Time from launching `landed start` to a healthy /health: cold (empty data folder: initdb,
 * migrations, demo data) and warm (the same folder again). Runs the built server as a user
 * would after `npm install && npm start`.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './lib.js';
import { median } from './lib.js';

export interface StartupOptions {
  /** Command that starts the server; defaults to the built CLI. */
  command?: string[];
  warmRuns?: number;
  dataDir?: string;
}

export async function measureStartup(options: StartupOptions = {}): Promise<{ cold: number; warm: number[] }> {
  const command = options.command ?? [process.execPath, 'bin/landed.mjs', 'start'];
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'landed-startup-'));
  try {
    const cold = await timeToHealthy(command, dataDir);
    const warm: number[] = [];
    for (let i = 0; i < (options.warmRuns ?? 3); i++) warm.push(await timeToHealthy(command, dataDir));
    return { cold, warm };
  } finally {
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timeToHealthy(command: string[], dataDir: string): Promise<number> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, LANDED_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(command[0] as string, command.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await serverUrl(child);
    for (;;) {
      try {
        const response = await fetch(`${url}/health`);
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stop(child);
  }
}

function serverUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no start within 120 s: ${output}`)), 120_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/[^\s]+) /.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export async function run(options: Record<string, string>, log: (line: string) => void): Promise<BenchResult> {
  if (!fs.existsSync('dist/src/cli/main.js') || options.build === 'true') {
    log('building the server (npm run build:server)…');
    execSync('npm run build:server --silent', { stdio: 'inherit' });
  }
  const warmRuns = Number(options.runs ?? 3);
  log(`cold start on an empty data folder, then ${warmRuns} warm starts…`);
  const { cold, warm } = await measureStartup({ warmRuns });
  return {
    inputs: { database: 'pglite', warm_runs: warmRuns, demo_data: true, command: 'node bin/landed.mjs start' },
    metrics: [
      { name: 'cold_start_seconds', value: cold, unit: 's', target: 15, better: 'lower' },
      { name: 'warm_start_seconds', value: median(warm), unit: 's', target: 3, better: 'lower' },
    ],
  };
}
