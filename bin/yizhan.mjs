#!/usr/bin/env node
// The `yizhan` command, on the project's Node runtime (.runtime/node, see scripts/runtime.sh) whichever
// Node started it. It runs the bundles the set-up builds into dist/ (scripts/bundle.mjs) while they match
// the sources, and the TypeScript sources through tsx otherwise (a development checkout, or edits made
// since the last `npm run build`). YIZHAN_FROM_SOURCE=1 always runs the sources; YIZHAN_DIST names
// another bundle folder (tests build their own).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const runtime = fileURLToPath(new URL('.runtime/node/bin/node', root));
const wanted = readFileSync(new URL('.node-version', root), 'utf8').trim().split('.')[0];

if (process.versions.node.split('.')[0] !== wanted && existsSync(runtime)) {
  // Node 20 cannot exec(): run the right Node as a child, pass signals on, exit as it exits.
  const child = spawn(runtime, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
} else {
  const dist = process.env.YIZHAN_DIST || fileURLToPath(new URL('dist/', root));
  const { staleReason } = await import('../scripts/bundle-manifest.mjs');
  const stale = process.env.YIZHAN_FROM_SOURCE ? 'YIZHAN_FROM_SOURCE is set' : staleReason(dist);
  if (!stale) {
    globalThis[Symbol.for('yizhan.bundleChecked')] = true;
    await import(pathToFileURL(path.join(dist, 'cli/yizhan.mjs')).href);
  } else {
    // Silent in a checkout that never built bundles; said once per command after edits, so a slow
    // command has a visible cause and a fix.
    if (stale !== 'missing' && !process.env.YIZHAN_FROM_SOURCE)
      process.stderr.write(`yizhan: running from source: ${stale} (npm run build makes it fast again)\n`);
    const { register } = await import('tsx/esm/api');
    register();
    const { main } = await import('../main/cli/main.ts');
    process.exitCode = await main(process.argv.slice(2));
  }
}
