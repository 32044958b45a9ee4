#!/usr/bin/env node
// Mutation testing of the codecs and the back office's domain rules (issue #12): runs StrykerJS
// (stryker.config.mjs) at low priority — it is CPU-heavy and the machine is shared — then prints the
// score per module and every surviving mutant, so each can be killed by a test or explained as
// equivalent (devices/MUTATION.md).
//
//   node scripts/mutation.mjs                 run, then report
//   node scripts/mutation.mjs --report        report the last run (.tmp/mutation/mutation.json)
//   node scripts/mutation.mjs --mutate GLOB   run on some files only (e.g. 'devices/scanner/protocol/**/*.ts')
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPORT = path.join(ROOT, '.tmp/mutation/mutation.json');
const args = process.argv.slice(2);

if (!args.includes('--report')) {
  const mutate = args.includes('--mutate') ? ['--mutate', args[args.indexOf('--mutate') + 1]] : [];
  const started = Date.now();
  const run = spawnSync('nice', ['-n', '19', 'npx', 'stryker', 'run', ...mutate], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  console.log(`stryker finished in ${Math.round((Date.now() - started) / 1000)} s (exit ${run.status})`);
}
if (!existsSync(REPORT)) {
  console.error(`no report at ${REPORT}`);
  process.exit(2);
}

const report = JSON.parse(readFileSync(REPORT, 'utf8'));
const moduleOf = (file) => {
  const rel = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
  const m = /^(devices\/[^/]+\/protocol|backoffice\/domain)\//.exec(rel);
  return m ? m[1] : rel;
};
const modules = new Map();
const survivors = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const mod = moduleOf(file);
  const row = modules.get(mod) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  const lines = source.split('\n');
  for (const m of mutants) {
    if (m.status === 'Killed') row.killed++;
    else if (m.status === 'Timeout') row.timeout++;
    else if (m.status === 'Survived') row.survived++;
    else if (m.status === 'NoCoverage') row.noCoverage++;
    else row.other++;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const line = m.location.start.line;
      survivors.push(
        `${path.relative(ROOT, path.resolve(ROOT, file))}:${line} ${m.status} ${m.mutatorName}: ` +
          `${(lines[line - 1] ?? '').trim().slice(0, 90)}  →  ${String(m.replacement ?? '').slice(0, 60)}`,
      );
    }
  }
  modules.set(mod, row);
}

const pct = (r) => {
  const valid = r.killed + r.timeout + r.survived + r.noCoverage;
  return valid ? ((100 * (r.killed + r.timeout)) / valid).toFixed(1) : '—';
};
console.log(
  `\n${'module'.padEnd(34)} ${'killed'.padStart(7)} ${'timeout'.padStart(7)} ${'survived'.padStart(8)} ${'no cov.'.padStart(7)} ${'score'.padStart(6)}`,
);
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
for (const [mod, r] of [...modules].sort(([a], [b]) => a.localeCompare(b))) {
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(
    `${mod.padEnd(34)} ${String(r.killed).padStart(7)} ${String(r.timeout).padStart(7)} ${String(r.survived).padStart(8)} ${String(r.noCoverage).padStart(7)} ${pct(r).padStart(5)}%`,
  );
}
console.log(
  `${'all'.padEnd(34)} ${String(total.killed).padStart(7)} ${String(total.timeout).padStart(7)} ${String(total.survived).padStart(8)} ${String(total.noCoverage).padStart(7)} ${pct(total).padStart(5)}%`,
);
if (survivors.length) console.log(`\nsurviving mutants (${survivors.length}):\n${survivors.join('\n')}`);
const below = [...modules].filter(([, r]) => Number(pct(r)) < 90).map(([m]) => m);
if (below.length) console.log(`\nbelow 90 %: ${below.join(', ')}`);
process.exitCode = below.length ? 1 : 0;
