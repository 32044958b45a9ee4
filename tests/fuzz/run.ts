// One long fuzz run of one codec, driven by scripts/fuzz.mjs: prints "progress <frames>" lines (the
// parent treats silence as a hang) and a final "done <frames> <ms>" line, or "problem <text>" lines.
import fc from 'fast-check';
import { check, framesFor, FUZZ_TARGETS } from './codecs';

const [name, seedArg, countArg] = process.argv.slice(2);
if (name === '--list') {
  for (const t of FUZZ_TARGETS) console.log(t.name);
  process.exit(0);
}
const target = FUZZ_TARGETS.find((t) => t.name === name);
if (!target) {
  console.log(`problem unknown target ${name}`);
  process.exit(2);
}
const seed = Number(seedArg);
const count = Number(countArg);
const BATCH = 20_000;
const frames = framesFor(target);
const started = performance.now();
let done = 0;
let problems = 0;
for (let batch = 0; done < count; batch++) {
  const n = Math.min(BATCH, count - done);
  // Each batch has its own seed derived from the run's, so a problem is reproducible by batch.
  for (const bytes of fc.sample(frames, { seed: seed + batch, numRuns: n })) {
    const problem = check(target, bytes);
    if (problem && problems++ < 5)
      console.log(
        `problem batch ${batch} seed ${seed + batch}: ${problem} (${Buffer.from(bytes).toString('hex')})`,
      );
  }
  done += n;
  console.log(`progress ${done}`);
}
console.log(`done ${done} ${Math.round(performance.now() - started)} ${problems}`);
