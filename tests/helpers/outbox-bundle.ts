// Bundles the kiosk child once per test file so each restart is a plain `node` start (tsx would
// cost seconds per start on a loaded machine, and the crash test restarts the child 30 times).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Returns the path of a runnable .mjs; it lives under the repo's ignored .tmp/ so that native modules resolve. */
export async function bundleOutboxChild(): Promise<string> {
  const outDir = path.join(ROOT, '.tmp', 'outbox-tests');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `outbox-child-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'tests/helpers/outbox-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return outfile;
}
