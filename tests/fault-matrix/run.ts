// Runs every cell of the fault matrix (tests/fault-matrix/cells.ts) and prints pass/fail per cell,
// then the matrix family × level. Driven by scripts/fault-matrix.mjs; exit 1 when a cell fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allCells } from './cells';

const cells = allCells();
const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-fault-matrix-'));
const rows = new Map<string, { pass: number; fail: number; na: number }>();
let failed = 0;
const started = performance.now();
for (const cell of cells) {
  const t0 = performance.now();
  let problem: string | undefined;
  try {
    problem = await Promise.race([
      cell.run(dir),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer within 60 s'), 60_000).unref()),
    ]);
  } catch (e) {
    problem = `threw ${e instanceof Error ? e.message : String(e)}`;
  }
  const verdict = problem === 'n/a' ? 'n/a' : problem ? 'FAIL' : 'pass';
  if (verdict === 'FAIL') failed++;
  const key = `${cell.family}|${cell.level}`;
  const row = rows.get(key) ?? { pass: 0, fail: 0, na: 0 };
  row[verdict === 'pass' ? 'pass' : verdict === 'FAIL' ? 'fail' : 'na']++;
  rows.set(key, row);
  const ms = Math.round(performance.now() - t0);
  console.log(
    `${verdict.padEnd(4)} ${cell.family.padEnd(15)} ${cell.level.padEnd(7)} ${cell.fault.padEnd(58)} ${String(ms).padStart(6)} ms` +
      (verdict === 'FAIL' ? `\n       ${problem}` : ''),
  );
}
console.log(`\n${'family'.padEnd(15)} ${'level'.padEnd(7)} pass fail n/a`);
for (const [key, r] of rows) {
  const [family, level] = key.split('|');
  console.log(
    `${family!.padEnd(15)} ${level!.padEnd(7)} ${String(r.pass).padStart(4)} ${String(r.fail).padStart(4)} ${String(r.na).padStart(3)}`,
  );
}
console.log(`${cells.length} cells, ${failed} failed, ${Math.round((performance.now() - started) / 1000)} s`);
rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
