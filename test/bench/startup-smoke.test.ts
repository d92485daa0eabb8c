/** A small run of the startup benchmark, so the benchmark itself cannot rot unnoticed. */
import { describe, expect, it } from 'vitest';
import { measureStartup } from '../../bench/startup.js';
import { formatTable } from '../../bench/lib.js';

describe('startup benchmark (smoke)', () => {
  it('starts the server cold and warm on an embedded database and reports both', async () => {
    const { cold, warm } = await measureStartup({
      command: [process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'start'],
      warmRuns: 1,
    });
    expect(cold).toBeGreaterThan(0);
    expect(warm).toHaveLength(1);
    // Generous bounds: a smoke, not the measurement (that is `npm run bench -- startup`).
    expect(cold).toBeLessThan(60);
    expect(warm[0]).toBeLessThan(30);
    const table = formatTable({
      inputs: {},
      metrics: [{ name: 'cold_start_seconds', value: cold, unit: 's', target: 15, better: 'lower' }],
    });
    expect(table).toContain('cold_start_seconds');
  }, 150_000);
});
