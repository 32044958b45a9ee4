import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildConsole, defaultConsoleCacheDir } from './build';

export interface ConsoleOptions {
  /** Serve this prebuilt directory instead of building (e.g. a packaged build). */
  distDir?: string;
  /** Where the Vite build is cached; defaults to a folder in the OS temp dir. */
  cacheDir?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

// The console talks only to /api/v1 on the same origin; materials and PDFs arrive as blob: URLs.
const CSP =
  "default-src 'self'; img-src 'self' blob: data:; frame-src blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * Registers the staff web console under /console/ (static files of a Vite build, SPA fallback to
 * index.html). Routes are added synchronously; the build starts at once and requests wait for it.
 * The returned promise settles when the console can be served; it never rejects (a failed build
 * is logged and answered with 503).
 */
export function registerConsole(app: FastifyInstance, opts: ConsoleOptions = {}): Promise<void> {
  const ready: Promise<string | Error> = (
    opts.distDir ? shippedConsole(opts.distDir) : buildConsole(opts.cacheDir ?? defaultConsoleCacheDir())
  ).catch((err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    app.log.error({ err: error }, 'console build failed');
    return error;
  });

  const serve = async (reply: FastifyReply, rel: string) => {
    const dist = await ready;
    if (dist instanceof Error) {
      return reply
        .code(503)
        .send({ error: { code: 'consoleUnavailable', message: '控制台构建失败 / console build failed' } });
    }
    const file = path.resolve(dist, rel.replace(/^\/+/, '') || 'index.html');
    if (file !== dist && !file.startsWith(`${dist}${path.sep}`)) return reply.code(404).send();
    let body: Buffer;
    let served = file;
    try {
      body = await readFile(file);
    } catch {
      // Unknown paths without an extension are client routes: answer with the app shell.
      if (path.extname(file)) return reply.code(404).send();
      served = path.join(dist, 'index.html');
      body = await readFile(served);
    }
    const ext = path.extname(served);
    void reply
      .header('content-type', TYPES[ext] ?? 'application/octet-stream')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header(
        'cache-control',
        served.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    if (ext === '.html') void reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY');
    return reply.send(body);
  };

  app.get('/console', (_req, reply) => reply.redirect('/console/'));
  // A person who opens the service's address lands in the console, and browsers find an icon.
  app.get('/', (_req, reply) => reply.redirect('/console/'));
  app.get('/favicon.ico', (_req, reply) => reply.redirect('/console/favicon.svg', 301));
  app.get<{ Params: { '*': string } }>('/console/*', (req, reply) => serve(reply, req.params['*']));
  return ready.then(() => undefined);
}

/** A prebuilt console directory, absolute (the containment check above compares absolute paths); it must hold index.html. */
async function shippedConsole(distDir: string): Promise<string> {
  const dir = path.resolve(distDir);
  if (!(await stat(path.join(dir, 'index.html')).catch(() => null))?.isFile())
    throw new Error(`no console build in ${dir} (index.html missing)`);
  return dir;
}
