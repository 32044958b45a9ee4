#!/usr/bin/env node
// Mutation testing of the codecs and the back office's domain rules (issue #12): runs StrykerJS
// (stryker.config.mjs) one module at a time at low priority (two invocations may run side by side:
// each module has its own sandbox and report) — it is CPU-heavy and the machine is
// shared — keeps each module's report, then prints the score per module and every surviving mutant,
// so each can be killed by a test or explained as equivalent (README, "Reliability"). Survivors
// explained in bench/mutation-equivalent.md are printed with their reason and counted apart.
//
//   node scripts/mutation.mjs                          run every module, then report
//   node scripts/mutation.mjs devices/scanner/protocol run one module (or several), then report
//   MUTATION_CONCURRENCY=1 node scripts/mutation.mjs …  one test runner (default: 2)
//   node scripts/mutation.mjs --report                 report the last runs (.tmp/mutation/*.json)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, '.tmp/mutation');
const MODULES = [
  ...readdirSync(path.join(ROOT, 'devices'))
    .map((d) => `devices/${d}/protocol`)
    .filter((d) => existsSync(path.join(ROOT, d))),
  'backoffice/domain',
].sort();

/** The tests that can kill a module's mutants: its device family's, or the domain's own. */
const testDirOf = (mod) => mod.replace(/\/protocol$/, '');
const slug = (mod) => mod.replaceAll('/', '_');
const args = process.argv.slice(2);

if (!args.includes('--report')) {
  const chosen = args.length ? args.map((a) => a.replace(/\/$/, '')) : MODULES;
  for (const mod of chosen) {
    if (!MODULES.includes(mod)) {
      console.error(`unknown module ${mod}; one of: ${MODULES.join(', ')}`);
      process.exit(2);
    }
    const started = Date.now();
    const report = path.join(OUT, `${slug(mod)}.running.json`);
    rmSync(report, { force: true });
    const run = spawnSync(
      'nice',
      [
        ...['-n', '19', 'npx', 'stryker', 'run', '--mutate', `${mod}/**/*.ts,!${mod}/**/*.test.ts`],
        // MUTATION_CONCURRENCY=1 when another module runs beside it (the config says 2)
        ...(process.env.MUTATION_CONCURRENCY ? ['--concurrency', process.env.MUTATION_CONCURRENCY] : []),
      ],
      {
        cwd: ROOT,
        stdio: 'inherit',
        env: {
          ...process.env,
          MUTATION_TEST_DIR: testDirOf(mod),
          MUTATION_REPORT: report,
          MUTATION_SANDBOX: `.tmp/stryker-${slug(mod)}`,
        },
      },
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`${mod}: stryker finished in ${seconds} s (exit ${run.status})`);
    if (run.status === 0 && existsSync(report)) renameSync(report, path.join(OUT, `${slug(mod)}.json`));
  }
}

mkdirSync(OUT, { recursive: true });
const reports = MODULES.map((m) => path.join(OUT, `${slug(m)}.json`)).filter((f) => existsSync(f));
if (!reports.length) {
  console.error(`no report in ${OUT}`);
  process.exit(2);
}

const moduleOf = (file) => {
  const rel = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
  const m = /^(devices\/[^/]+\/protocol|backoffice\/domain)\//.exec(rel);
  return m ? m[1] : rel;
};
// "- path:line:column Mutator `replacement` — reason" lines of the equivalent-mutant list.
const oneLine = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .slice(0, 60);
const EQUIVALENT = path.join(ROOT, 'bench/mutation-equivalent.md');
const equivalent = new Map(
  (existsSync(EQUIVALENT) ? readFileSync(EQUIVALENT, 'utf8') : '')
    .split('\n')
    .map((l) => /^- (\S+:\d+:\d+) (\w+) `(.*)` — (.+)$/.exec(l))
    .filter(Boolean)
    .map(([, at, mutator, replacement, reason]) => [`${at} ${mutator} ${oneLine(replacement)}`, reason]),
);
const modules = new Map();
const survivors = [];
for (const report of reports.map((f) => JSON.parse(readFileSync(f, 'utf8')))) {
  for (const [file, { mutants, source }] of Object.entries(report.files)) {
    const mod = moduleOf(file);
    const row = modules.get(mod) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0, equiv: 0 };
    const lines = source.split('\n');
    for (const m of mutants) {
      if (m.status === 'Killed') row.killed++;
      else if (m.status === 'Timeout') row.timeout++;
      else if (m.status === 'Survived') row.survived++;
      else if (m.status === 'NoCoverage') row.noCoverage++;
      else row.other++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const line = m.location.start.line;
        const at = `${path.relative(ROOT, path.resolve(ROOT, file))}:${line}:${m.location.start.column}`;
        const reason = equivalent.get(`${at} ${m.mutatorName} ${oneLine(m.replacement)}`);
        if (reason) row.equiv++;
        survivors.push(
          `${at} ${m.status} ${m.mutatorName}: ` +
            `${(lines[line - 1] ?? '').trim().slice(0, 90)}  →  ${oneLine(m.replacement)}` +
            (reason ? `\n    equivalent: ${reason}` : ''),
        );
      }
    }
    modules.set(mod, row);
  }
}

const valid = (r) => r.killed + r.timeout + r.survived + r.noCoverage;
const pct = (r, minus = 0) =>
  valid(r) - minus ? ((100 * (r.killed + r.timeout)) / (valid(r) - minus)).toFixed(1) : '—';
// score: killed + timed out over every valid mutant; "net": the same without the listed equivalents.
const cols = (name, r) =>
  `${name.padEnd(34)} ${String(r.killed).padStart(7)} ${String(r.timeout).padStart(7)} ` +
  `${String(r.survived).padStart(8)} ${String(r.noCoverage).padStart(7)} ${String(r.equiv).padStart(6)} ` +
  `${pct(r).padStart(5)}% ${pct(r, r.equiv).padStart(5)}%`;
console.log(
  `\n${'module'.padEnd(34)} ${'killed'.padStart(7)} ${'timeout'.padStart(7)} ${'survived'.padStart(8)} ` +
    `${'no cov.'.padStart(7)} ${'equiv.'.padStart(6)} ${'score'.padStart(6)} ${'net'.padStart(6)}`,
);
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0, equiv: 0 };
for (const [mod, r] of [...modules].sort(([a], [b]) => a.localeCompare(b))) {
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(cols(mod, r));
}
console.log(cols('all', total));
const missing = MODULES.filter((m) => !modules.has(m));
if (missing.length) console.log(`not run yet: ${missing.join(', ')}`);
if (survivors.length) console.log(`\nsurviving mutants (${survivors.length}):\n${survivors.join('\n')}`);
const below = [...modules].filter(([, r]) => Number(pct(r)) < 90).map(([m]) => m);
if (below.length) console.log(`\nbelow 90 %: ${below.join(', ')}`);
process.exitCode = below.length ? 1 : 0;
