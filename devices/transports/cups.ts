import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { TransportClosedError } from '../core';

export interface CupsConnectionOptions {
  /** cupsd's local socket; default $CUPS_SERVER when it is a path, else /run/cups/cups.sock if present. */
  socketPath?: string;
  /** TCP fallback (or a remote print server): default localhost:631. */
  host?: string;
  port?: number;
  /** Upper bound for one request, including a large Print-Job upload. */
  timeoutMs?: number;
}

const DEFAULT_SOCKET = '/run/cups/cups.sock';

/**
 * IPP over HTTP to cupsd: POSTs `application/ipp` bodies and returns the response body. The local
 * domain socket is preferred: cupsd then knows the caller's uid (PeerCred) and needs no password
 * for the caller's own jobs. Connection failures become TransportClosedError (→ notConnected).
 */
export function cupsIppExchange(
  opts: CupsConnectionOptions = {},
): (path: string, body: Uint8Array, signal?: AbortSignal) => Promise<Uint8Array> {
  const env = process.env.CUPS_SERVER;
  const socketPath =
    opts.socketPath ??
    (env?.startsWith('/') ? env : !opts.host && existsSync(DEFAULT_SOCKET) ? DEFAULT_SOCKET : undefined);
  const target = socketPath ? { socketPath } : { host: opts.host ?? 'localhost', port: opts.port ?? 631 };
  const timeoutMs = opts.timeoutMs ?? 30_000;

  return (path, body, signal) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const req = request(
        {
          ...target,
          path,
          method: 'POST',
          headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost' },
          timeout: timeoutMs,
          ...(signal ? { signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) {
              reject(new Error(`cupsd answered HTTP ${res.statusCode} for ${path}`));
            } else resolve(new Uint8Array(Buffer.concat(chunks)));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new TransportClosedError(`cupsd did not answer within ${timeoutMs} ms`)),
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (signal?.aborted) reject(signal.reason instanceof Error ? signal.reason : err);
        else if (err instanceof TransportClosedError) reject(err);
        else if (['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH'].includes(err.code ?? '')) {
          reject(
            new TransportClosedError(
              `cannot reach cupsd at ${socketPath ?? `${target.host}:${target.port}`}: ${err.code}`,
            ),
          );
        } else reject(err);
      });
      req.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
}
