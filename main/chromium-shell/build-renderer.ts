import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const RENDERER_ROOT = path.resolve(import.meta.dirname, '../../renderer');

/**
 * Builds the kiosk renderer (every page in renderer/) with Vite into `outDir`, unless a build
 * newer than every source file is already there. Packaged kiosks ship the build; development and
 * `yizhan start` from a clone build on first start (about a second).
 */
export async function buildRenderer(outDir: string, opts: { force?: boolean } = {}): Promise<string> {
  const marker = path.join(outDir, 'index.html');
  if (!opts.force && existsSync(marker) && statSync(marker).mtimeMs > newestSource(RENDERER_ROOT))
    return outDir;
  const { build } = await import('vite');
  // The project's vite.config.mts defines the pages (every renderer/*.html except test harnesses).
  await build({
    configFile: path.resolve(RENDERER_ROOT, '../vite.config.mts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

function newestSource(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}
