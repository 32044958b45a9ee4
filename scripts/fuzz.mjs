#!/usr/bin/env node
// The long fuzz run of every codec (issue #12): random and mutated frames (fast-check, seeded) through
// each decoder in tests/fuzz/codecs.ts, one child process per codec at nice 19. Prints frames/s, the
// seed and the count per codec; a crash, a broken invariant or an untyped rejection is a problem, and
// a child that prints nothing for 30 s is a hang (killed). Exit 1 on any problem or hang.
//
//   node scripts/fuzz.mjs [--count N] [--seed S] [--only SUBSTRING]     (default 1,000,000 frames)
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '..');
const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const COUNT = Number(arg('--count', '1000000'));
const SEED = Number(arg('--seed', String(Date.now() % 2 ** 31)));
const ONLY = arg('--only', '');
const HANG_MS = 30_000;

const listed = spawnSync(process.execPath, ['--import', 'tsx', 'tests/fuzz/run.ts', '--list'], {
  cwd: ROOT,
  encoding: 'utf8',
});
const names = listed.stdout
  .split('\n')
  .filter(Boolean)
  .filter((n) => n.toLowerCase().includes(ONLY.toLowerCase()));
console.log(`fuzz: ${COUNT.toLocaleString('en')} frames per codec, seed ${SEED}, ${names.length} codecs`);

let failed = 0;
for (const name of names) {
  const result = await runOne(name);
  const rate = result.ms ? Math.round((result.frames * 1000) / result.ms) : 0;
  const verdict = result.hang ? 'HANG' : result.problems || result.exit !== 0 ? 'FAIL' : 'pass';
  if (verdict !== 'pass') failed++;
  console.log(
    `${verdict.padEnd(4)} ${name.padEnd(40)} ${result.frames.toLocaleString('en').padStart(10)} frames ` +
      `${rate.toLocaleString('en').padStart(8)} frames/s  problems ${result.problems}`,
  );
  for (const line of result.lines) console.log(`     ${line}`);
}
console.log(`seed ${SEED}: ${failed} codec(s) failed`);
process.exitCode = failed ? 1 : 0;

function runOne(name) {
  return new Promise((resolve) => {
    const child = spawn(
      'nice',
      [
        '-n',
        '19',
        process.execPath,
        '--import',
        'tsx',
        'tests/fuzz/run.ts',
        name,
        String(SEED),
        String(COUNT),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const out = { frames: 0, ms: 0, problems: 0, hang: false, exit: 0, lines: [] };
    let watchdog = setTimeout(hang, HANG_MS);
    function hang() {
      out.hang = true;
      out.lines.push(`no progress for ${HANG_MS / 1000} s after ${out.frames} frames: killed`);
      child.kill('SIGKILL');
    }
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(hang, HANG_MS);
      const [kind, ...rest] = line.split(' ');
      if (kind === 'progress') out.frames = Number(rest[0]);
      else if (kind === 'done') [out.frames, out.ms, out.problems] = rest.map(Number);
      else out.lines.push(line);
    });
    child.on('exit', (code) => {
      clearTimeout(watchdog);
      out.exit = code ?? 1;
      resolve(out);
    });
  });
}
