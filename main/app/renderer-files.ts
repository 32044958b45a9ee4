// Serves the built renderer for the app scheme: a fetch-style handler (Request in, Response out)
// with no Electron import, so the Electron glue is one line and this runs under plain Node in tests.
import fs from 'node:fs';
import path from 'node:path';
import { CSP } from '../chromium-shell/csp';
import { rendererPathFor } from './app-url';

// What a Vite build of the renderer can emit. Anything else is not a shipped asset and gets 404,
// so a stray file never reaches the page under a guessed type.
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.txt': 'text/plain; charset=utf-8',
};

export type RendererFileHandler = (request: Request) => Promise<Response>;

/**
 * A handler for `app://kiosk/<path>` that answers with files under `rootDir` only: GET and HEAD,
 * the Chromium mode's CSP on every file, 404 for anything that is not a regular file of a known
 * type inside the directory once symlinks are resolved (a link pointing out is refused like `..`).
 */
export function createRendererFileHandler(rootDir: string): RendererFileHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    const file = await resolveFile(rootDir, request.url);
    const type = file && TYPES[path.extname(file).toLowerCase()];
    if (!file || !type) return notFound();
    // fs.promises is read at call time: inside a package Electron patches it to read from app.asar.
    const body = request.method === 'HEAD' ? null : await fs.promises.readFile(file).catch(() => undefined);
    if (body === undefined) return notFound();
    const size = body ? body.byteLength : (await fs.promises.stat(file)).size;
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': type,
        'content-length': String(size),
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        // Assets carry content hashes, but a reinstalled kiosk must never run a stale page.
        'cache-control': 'no-cache',
      },
    });
  };
}

/** The real path of the file `url` names, if it is a regular file inside `rootDir`'s real path. */
async function resolveFile(rootDir: string, url: string): Promise<string | null> {
  const segments = rendererPathFor(url);
  if (!segments) return null;
  try {
    const root = await fs.promises.realpath(rootDir);
    const file = await fs.promises.realpath(path.join(root, ...segments));
    if (!file.startsWith(root + path.sep)) return null;
    return (await fs.promises.stat(file)).isFile() ? file : null;
  } catch {
    return null; // missing file or directory
  }
}

const notFound = () => new Response(null, { status: 404, headers: { 'x-content-type-options': 'nosniff' } });
