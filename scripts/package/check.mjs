// `npm run package:check`: lintian's full pass over the Debian packages, the long check kept out of
// `npm test` (it reads every file of two ~60 MB packages: 3 to 18 minutes on a busy 2-core machine).
// tests/package/packages.test.ts proves the rest on every test run: contents, control fields,
// maintainer scripts, units, install, upgrade, run and purge. Run this before publishing a package.
// Fails on any error or warning lintian reports; the tags a package accepts are overridden, with
// their reasons, in build/linux/debian/*.lintian-overrides (shipped in the packages).
// Usage: node scripts/package/check.mjs [FILE.deb…]   (default: build both into a scratch folder)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildPackages } from './build.mjs';

const run = promisify(execFile);

/** lintian's lines that are an error or a warning (overridden tags are not reported). */
export function lintianProblems(report) {
  return report.split('\n').filter((l) => /^[EW]: /.test(l));
}

/** Runs lintian over `debs`; resolves to its whole report (lintian exits non-zero on errors). */
export async function lintian(debs) {
  try {
    const r = await run('lintian', ['--tag-display-limit', '0', ...debs], { maxBuffer: 64 << 20 });
    return r.stdout + r.stderr;
  } catch (err) {
    const e = /** @type {{ stdout?: string; stderr?: string; message: string }} */ (err);
    if (e.stdout === undefined) throw err;
    return `${e.stdout}${e.stderr ?? ''}`;
  }
}

async function main() {
  let debs = process.argv.slice(2);
  let scratch;
  if (debs.length === 0) {
    scratch = mkdtempSync(path.join(tmpdir(), 'yizhan-package-check-'));
    const { built } = await buildPackages({ out: scratch, fast: true });
    debs = Object.values(built).map((b) => b.file);
  }
  try {
    const t0 = performance.now();
    const report = await lintian(debs);
    const problems = lintianProblems(report);
    const took = ((performance.now() - t0) / 1000).toFixed(0);
    if (problems.length) {
      console.error(problems.join('\n'));
      console.error(`package:check: lintian found ${problems.length} errors or warnings (${took} s)`);
      process.exitCode = 1;
    } else {
      console.log(`package:check: lintian found no error or warning in ${debs.length} packages (${took} s)`);
    }
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
