import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../devices/core';
import { CAPTURE_BODY_LIMIT, SUBMIT_BODY_LIMIT } from '../ipc/contract';
import { dispatch, type Handlers } from '../ipc/dispatch';
import type { HostEvent } from '../host/messages';
import { CSP } from './csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface BridgeOptions {
  /** Directory with the built renderer (index.html at its root). */
  rendererDir: string;
  handlers: Handlers;
  onEvent: (listener: (e: HostEvent) => void) => () => void;
  /** Replayed to every new event stream (last known device status). */
  snapshot: () => HostEvent[];
  /** Random per start; the page gets it in its URL and sends it with every call. */
  token: string;
  log: Logger;
  port?: number;
}

/**
 * The Chromium product mode's equivalent of Electron IPC: the same contract over loopback HTTP.
 * POST /ipc/<channel> runs `dispatch`; GET /ipc/events is a Server-Sent Events stream. It listens on
 * 127.0.0.1 only and requires the start token, so other local processes and pages cannot call it.
 */
export async function startBridgeServer(
  opts: BridgeOptions,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const root = path.resolve(opts.rendererDir);
  const server = createServer(
    (req, res) =>
      void handle(req, res).catch((err: unknown) => {
        opts.log.error('bridge.error', { error: err instanceof Error ? err.message : String(err) });
        if (!res.headersSent) res.writeHead(500).end();
      }),
  );

  let ownOrigin = '';
  /**
   * The launch token, presented by a page of the bridge's own origin. Another site in the same
   * browser cannot call (its Origin, or Sec-Fetch-Site cross-site, gives it away), nor can a page
   * reaching us under another host name (DNS rebinding: the Host header must be ours).
   */
  const authorised = (req: IncomingMessage) => {
    if (req.headers.host !== new URL(ownOrigin).host) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin) return false;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
    const given = Buffer.from(
      String(
        req.headers['x-kiosk-token'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '',
      ),
    );
    const want = Buffer.from(opts.token);
    return given.length === want.length && timingSafeEqual(given, want);
  };

  function forbidden(req: IncomingMessage, res: ServerResponse): void {
    opts.log.warn('bridge.forbidden', {
      path: new URL(req.url ?? '/', 'http://x').pathname,
      origin: req.headers.origin ?? null,
      site: req.headers['sec-fetch-site'] ?? null,
    });
    res.writeHead(403).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/ipc/events' && req.method === 'GET') {
      if (!authorised(req)) return forbidden(req, res);
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // Headers go out now, not with the first event: the page's EventSource opens (and knows it
      // is subscribed to filings:state before it submits) without waiting for the first ping.
      res.write(': open\n\n');
      const send = (e: HostEvent) => res.write(`event: ${e.channel}\ndata: ${JSON.stringify(e.payload)}\n\n`);
      for (const e of opts.snapshot()) send(e);
      const off = opts.onEvent(send);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        off();
        clearInterval(ping);
      });
      return;
    }
    if (url.pathname.startsWith('/ipc/') && req.method === 'POST') {
      if (!authorised(req)) return forbidden(req, res);
      const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
      const body = await readBody(req, BODY_LIMITS[channel] ?? 1024 * 1024);
      if (!body) {
        opts.log.warn('bridge.bodyTooLarge', { channel });
        return json(res, 413, {
          ok: false,
          error: { code: 'tooLarge', message: `request body too large for ${channel}`, detail: 'materials' },
        });
      }
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return json(res, 400, { ok: false, error: { code: 'invalidArgument', message: 'body is not JSON' } });
      }
      const result = await dispatch(channel, input, opts.handlers, opts.log);
      return json(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile())
      return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  ownOrigin = `http://127.0.0.1:${port}`;
  opts.log.info('bridge.listening', { url });
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(value));
}

/** Calls that carry scans (base64 in JSON) may be larger than the 1 MiB every other call gets. */
const BODY_LIMITS: Record<string, number> = {
  'filings:submit': SUBMIT_BODY_LIMIT,
  'flow:capture': CAPTURE_BODY_LIMIT,
};

/** The body, or undefined past `limit`: the rest is read and dropped so the page still gets an answer. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else chunks.length = 0;
  }
  return size <= limit ? Buffer.concat(chunks) : undefined;
}
