/** Import progress: a bar on a terminal, a line per phase otherwise (CI logs stay readable). */
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../services/sku-import.js';
import type { CliIo } from './io.js';

export function progressPrinter(io: CliIo) {
  let bar: cliProgress.SingleBar | null = null;
  let lastPhase = '';
  return {
    update(p: ImportProgress) {
      if (p.phase !== lastPhase) {
        bar?.stop();
        bar = null;
        lastPhase = p.phase;
        if (!io.isTty) io.err(`  ${p.phase}${p.total ? ` ${p.done}/${p.total}` : ''}`);
      }
      if (io.isTty && p.phase === 'writing') {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: '  writing [{bar}] {value}/{total} SKUs', stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.total, p.done);
        }
        bar.update(p.done);
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/**
 * Progress over a known number of items (accounts billed…): a bar on a terminal, a line every
 * tenth of the way otherwise.
 * @example const p = countProgress(io, 'accounts'); p.update(3, 10); p.stop();
 */
export function countProgress(io: CliIo, what: string) {
  let bar: cliProgress.SingleBar | null = null;
  let lastTenth = -1;
  return {
    update(done: number, total: number) {
      if (io.isTty) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: `  [{bar}] {value}/{total} ${what}`, stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done);
        }
        bar.setTotal(total);
        bar.update(done);
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.err(`  ${done}/${total} ${what}`);
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
