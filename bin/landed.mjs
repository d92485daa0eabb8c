#!/usr/bin/env node
// The installed `landed` command runs the built CLI (npm run build makes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('Landed is not built yet: run `npm run build` (or `npm start`, which builds first).');
  process.exit(1);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));
