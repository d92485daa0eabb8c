/** `landed quote --format pdf` refuses to run without a file to write, before it opens any database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landed-cli-pdf-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // A data folder that must stay empty: the command fails before it would open a database there.
  const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env: { LANDED_DATA_DIR: path.join(tmp, 'db') } };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('landed quote --format pdf', () => {
  it('needs --out', async () => {
    const request = path.join(tmp, 'request.json');
    fs.writeFileSync(request, '{}');
    const r = await run(['quote', '--request', request, '--format', 'pdf', '--lang', 'zh-CN']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--format pdf needs --out FILE.pdf');
    expect(fs.existsSync(path.join(tmp, 'db'))).toBe(false);
  });

  it('lists pdf and zh-CN among the choices', async () => {
    const r = await run(['quote', '--request', 'x.json', '--format', 'docx']);
    expect(r.code).not.toBe(0);
    expect(`${r.err}${r.out}`).toMatch(/table, json, xlsx, pdf/);
  });
});
