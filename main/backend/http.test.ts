import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackofficeClient } from './client';
import { BackofficeError } from './errors';

// A real HTTP server on loopback whose answer depends on the path.
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url?.includes('/slow/')) return void setTimeout(() => reply(200, {}), 2_000);
    if (req.url?.includes('/busy/')) return reply(503, { error: { code: 'unavailable', message: 'later' } });
    if (req.url?.includes('/limited/'))
      return reply(429, { error: { code: 'tooMany', message: 'x' } }, { 'retry-after': '7' });
    if (req.url?.includes('/unknown/'))
      return reply(404, { error: { code: 'notFound', message: 'no filing' } });
    reply(200, { configVersion: 3, auth: req.headers.authorization });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (kioskId: string, timeoutMs = 500) =>
  new BackofficeClient({ baseUrl: base, kioskId, credential: 'cred-1', timeoutMs });

async function failure(p: Promise<unknown>): Promise<BackofficeError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BackofficeError);
    return err as BackofficeError;
  }
  throw new Error('expected a failure');
}

describe('BackofficeClient error mapping', () => {
  it('sends the kiosk credential and parses JSON', async () => {
    const reply = (await client('k1').heartbeat({
      sentAt: new Date().toISOString(),
      appVersion: '0.1.0',
      configVersion: 1,
      devices: [],
      session: 'idle',
    })) as unknown as { configVersion: number; auth: string };
    expect(reply).toEqual({ configVersion: 3, auth: 'Bearer cred-1' });
  });

  it('maps a slow answer to timeout, 5xx to server, 4xx to rejected with the server code', async () => {
    const timeout = await failure(client('slow').config());
    expect([timeout.kind, timeout.retryable]).toEqual(['timeout', true]);
    const busy = await failure(client('busy').config());
    expect([busy.kind, busy.status, busy.retryable]).toEqual(['server', 503, true]);
    const missing = await failure(client('unknown').config());
    expect([missing.kind, missing.code, missing.retryable]).toEqual(['rejected', 'notFound', false]);
    const limited = await failure(client('limited').config());
    expect([limited.kind, limited.retryable, limited.details.retryAfterS]).toEqual(['rejected', true, 7]);
  });

  it('maps a refused connection to network', async () => {
    const dead = new BackofficeClient({ baseUrl: 'http://127.0.0.1:1', kioskId: 'k', timeoutMs: 1_000 });
    const err = await failure(dead.config());
    expect([err.kind, err.retryable]).toEqual(['network', true]);
  });
});
