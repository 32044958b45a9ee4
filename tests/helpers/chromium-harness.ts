// Build renderer pages with the project's Vite config and serve them on 127.0.0.1 for Chromium.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');

/** Runs `vite build` (programmatically) for the named renderer pages into `outDir`. */
export async function buildRendererPages(pages: readonly string[], outDir: string): Promise<void> {
  const { build } = await import('vite');
  const previous = { pages: process.env.YIZHAN_RENDERER_PAGES, nodeEnv: process.env.NODE_ENV };
  process.env.YIZHAN_RENDERER_PAGES = pages.join(',');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(REPO, 'vite.config.mts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    restoreEnv('YIZHAN_RENDERER_PAGES', previous.pages);
    restoreEnv('NODE_ENV', previous.nodeEnv);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** A minimal static file server (GET only, no directory listing) bound to 127.0.0.1 on a free port. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (req.method !== 'GET' || (path !== root && !path.startsWith(root + sep))) {
      res.writeHead(404).end();
      return;
    }
    let file = path;
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
