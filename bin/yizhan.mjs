#!/usr/bin/env node
// The `yizhan` command. Runs the TypeScript sources through tsx, so `npx yizhan …` works from a clone,
// on the project's Node runtime (.runtime/node, see scripts/runtime.sh) whichever Node started it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const runtime = new URL('.runtime/node/bin/node', root).pathname;
const wanted = readFileSync(new URL('.node-version', root), 'utf8').trim().split('.')[0];

if (process.versions.node.split('.')[0] !== wanted && existsSync(runtime)) {
  // Node 20 cannot exec(): run the right Node as a child, pass signals on, exit as it exits.
  const child = spawn(runtime, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../main/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
