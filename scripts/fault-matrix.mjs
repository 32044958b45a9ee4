#!/usr/bin/env node
// The fault matrix (issue #12): for each device family and each fault its simulator can inject, the
// driver reports it (the acceptance suite fails naming the check) and recovers once it is cleared;
// prints pass/fail per cell (tests/fault-matrix/). Runs at nice 19: the machine is shared.
//
//   node scripts/fault-matrix.mjs
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = spawnSync(
  'nice',
  ['-n', '19', process.execPath, '--import', 'tsx', 'tests/fault-matrix/run.ts'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
process.exitCode = run.status ?? 1;
