// Refreshes tests/durations.json (seconds per test file) from vitest's results cache of the runs made
// on this machine. tests/sequencer.ts starts the longest files first from it, so a clean clone (CI,
// no cache) does not leave a four-minute file to start last and run alone. Order only: figures that
// drift cost time, never correctness. Usage: npx vitest run (the whole suite), then
//   node scripts/test-durations.mjs
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules/.vite/vitest');
const TABLE = path.join(ROOT, 'tests/durations.json');

const table = existsSync(TABLE) ? JSON.parse(readFileSync(TABLE, 'utf8')) : {};
for (const dir of existsSync(CACHE) ? readdirSync(CACHE) : []) {
  const file = path.join(CACHE, dir, 'results.json');
  if (!existsSync(file)) continue;
  for (const [key, result] of JSON.parse(readFileSync(file, 'utf8')).results) {
    const rel = key.slice(key.indexOf(':') + 1);
    if (result.duration > 0) table[rel] = Math.max(1, Math.round(result.duration / 1000));
  }
}
const kept = Object.entries(table)
  .filter(([rel]) => existsSync(path.join(ROOT, rel)))
  .sort(([a], [b]) => (a < b ? -1 : 1));
writeFileSync(TABLE, `${JSON.stringify(Object.fromEntries(kept), null, 2)}\n`);
console.log(`test-durations: ${kept.length} files in ${path.relative(ROOT, TABLE)}`);
