/**
 * CLI start-up bench: `npx tsx bench/cli/run.ts [--runs N]`. Prints figures, asserts nothing.
 * Each sample is a fresh process, timed from spawn to exit, as a technician's shell sees it:
 * - node itself (`node -e 0`), the floor every row stands on;
 * - `yizhan --help` from the bundle directly, through bin/yizhan.mjs (freshness check included),
 *   through node_modules/.bin/yizhan when the checkout has that link, started by the machine's older
 *   Node (bin re-runs itself on .runtime/node), and through npx (and what `npx --version` alone costs);
 * - the same from the TypeScript sources (tsx), the path a checkout without bundles takes;
 * - `yizhan print` of a certificate to a PDF file, bundled and from source.
 * Builds dist/ first when it is missing or older than the sources (as `npm run build` would).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { staleReason } from '../../scripts/bundle-manifest.mjs';
import { buildProduct } from '../../scripts/bundle.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const RUNS = Number(values.runs ?? 15);
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const NODE = process.execPath;

const round = (n: number) => Math.round(n * 10) / 10;
const print = (name: string, figures: Record<string, unknown>) =>
  console.log(`${name.padEnd(36)} ${JSON.stringify(figures)}`);

function sample(cmd: string, args: string[], runs: number, env: Record<string, string> = {}) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  }
  const s = times.sort((a, b) => a - b);
  return {
    medianMs: round(s[Math.floor(s.length / 2)]!),
    p90Ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]!),
    minMs: round(s[0]!),
    n: runs,
  };
}

const stale = staleReason(DIST);
if (stale) {
  const built = await buildProduct(DIST);
  print('build (npm run build)', { reason: stale, ms: built.ms, steps: built.steps });
}
print('machine', { cpus: os.cpus().length, load1: round(os.loadavg()[0]!), node: process.versions.node });

const target = (f: { medianMs: number }) => ({ ...f, targetMs: 300, met: f.medianMs < 300 });
print('node -e 0', sample(NODE, ['-e', '0'], RUNS));
print('--help: bundle directly', target(sample(NODE, [path.join(DIST, 'cli/yizhan.mjs'), '--help'], RUNS)));
print('--help: bin/yizhan.mjs', target(sample(NODE, ['bin/yizhan.mjs', '--help'], RUNS)));
const link = path.join(ROOT, 'node_modules/.bin/yizhan');
if (existsSync(link)) print('--help: node_modules/.bin/yizhan', target(sample(link, ['--help'], RUNS)));
else print('--help: node_modules/.bin/yizhan', { skipped: 'no link (bash scripts/setup.sh makes it)' });
const systemNode = '/usr/bin/node';
if (existsSync(systemNode)) {
  const v = spawnSync(systemNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  print(`--help: bin started by ${v}`, sample(systemNode, ['bin/yizhan.mjs', '--help'], RUNS));
}
print('npx --version (npx alone)', sample('npx', ['--version'], Math.min(RUNS, 7)));
print('--help: npx yizhan', sample('npx', ['yizhan', '--help'], Math.min(RUNS, 7)));
print(
  '--help: from source (tsx)',
  sample(NODE, ['bin/yizhan.mjs', '--help'], Math.min(RUNS, 7), { YIZHAN_FROM_SOURCE: '1' }),
);

const work = mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-cli-'));
const printArgs = [
  'print',
  'social-insurance-certificate',
  '--data',
  path.join(ROOT, 'print-templates/social-insurance-certificate/sample.json'),
  '--out',
  path.join(work, 'cert.pdf'),
];
print('print → PDF: bundle', sample(NODE, ['bin/yizhan.mjs', ...printArgs], 5));
print(
  'print → PDF: from source (tsx)',
  sample(NODE, ['bin/yizhan.mjs', ...printArgs], 5, { YIZHAN_FROM_SOURCE: '1' }),
);
print('machine after', { load1: round(os.loadavg()[0]!) });
rmSync(work, { recursive: true, force: true });
