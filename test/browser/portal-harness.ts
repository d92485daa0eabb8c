/**
 * The built server on its own embedded database with demo data, and Debian's chromium (through
 * playwright-core) pointed at it, for the browser tests. Screenshots go to test-output/browser/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const SHOTS = path.resolve('test-output/browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Portal {
  baseUrl: string;
  page: Page;
  /** Saves a full-page screenshot as test-output/browser/NAME.png. */
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** @example const portal = await startPortal('inbound'); await portal.page.goto(portal.baseUrl); */
export async function startPortal(name: string): Promise<Portal> {
  if (!fs.existsSync('dist/web/index.html') || !fs.existsSync('dist/src/cli/main.js')) {
    throw new Error('Build first: npm run build');
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `landed-browser-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, LANDED_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const server: ChildProcess = spawn(process.execPath, ['bin/landed.mjs', 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/[^\s]+) /.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  return {
    baseUrl,
    page,
    shot: (shotName) => page.screenshot({ path: path.join(SHOTS, `${shotName}.png`), fullPage: true }),
    async close() {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
