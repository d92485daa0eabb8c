/** Where the CLI writes: real streams in a terminal, buffers in tests. */
import Table from 'cli-table3';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Progress bars only make sense on a terminal. */
  isTty: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTty: Boolean(process.stderr.isTTY),
  env: process.env,
};

export function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) t.push(row.map((c) => (c === null || c === undefined ? '' : String(c))));
  return t.toString();
}

/** Thrown by a command to end with a message and exit code 1 (or a chosen one). */
export class CliFailure extends Error {
  readonly exitCode: number;
  readonly payload: unknown;
  constructor(message: string, payload?: unknown, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
    this.payload = payload;
  }
}
