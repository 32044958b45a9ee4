import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const RENDERER_ROOT = path.resolve(import.meta.dirname, '../../renderer');

/**
 * Builds the kiosk renderer (index + out-of-service page) with Vite into `outDir`, unless a build
 * newer than every source file is already there. Packaged kiosks ship the build; development and
 * `yizhan start` from a clone build on first start (about a second).
 */
export async function buildRenderer(outDir: string, opts: { force?: boolean } = {}): Promise<string> {
  const marker = path.join(outDir, 'index.html');
  if (!opts.force && existsSync(marker) && statSync(marker).mtimeMs > newestSource(RENDERER_ROOT))
    return outDir;
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({
    configFile: false,
    root: RENDERER_ROOT,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          index: path.join(RENDERER_ROOT, 'index.html'),
          outOfService: path.join(RENDERER_ROOT, 'out-of-service.html'),
        },
      },
    },
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
