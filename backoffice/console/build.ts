import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const APP_DIR = path.join(HERE, 'app');
/** The shared domain layer the console imports from (domain/lockers, domain/rating …). */
const DOMAIN_DIR = path.join(HERE, '..', '..', 'domain');
const CONFIG = path.join(HERE, 'vite.config.ts');

export const defaultConsoleCacheDir = (): string => path.join(tmpdir(), 'yizhan-console-cache');

/** Hash of every source file of the console (and of domain/, which it imports) plus the config: the build is redone only when it changes. */
export function consoleSourceHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else h.update(path.relative(HERE, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  };
  walk(APP_DIR);
  walk(DOMAIN_DIR);
  h.update(readFileSync(CONFIG));
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds the console with Vite into `<cacheDir>/console-<sourceHash>` unless that build exists,
 * and returns the directory. Builds land in a private temp dir and are renamed into place, so
 * concurrent starts never serve a half-written build.
 */
export async function buildConsole(cacheDir: string = defaultConsoleCacheDir()): Promise<string> {
  const outDir = path.join(cacheDir, `console-${consoleSourceHash()}`);
  if (existsSync(path.join(outDir, 'index.html'))) return outDir;
  const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  await buildConsoleTo(tmp);
  try {
    renameSync(tmp, outDir);
  } catch (err) {
    // A concurrent build won the rename; use it.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(outDir, 'index.html'))) throw err;
  }
  return outDir;
}

/**
 * Builds the console with Vite into `outDir` (emptied first) and returns it. Packaging ships this
 * directory (out/console) so an installed kiosk serves it as `distDir` without Vite.
 */
export async function buildConsoleTo(outDir: string): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: CONFIG, build: { outDir, emptyOutDir: true } });
  return outDir;
}
