import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportClosedError } from '../core';
import { cupsIppExchange } from './cups';

// A stand-in cupsd on a private unix socket: checks the HTTP framing the adapter produces.
const dir = mkdtempSync(join(tmpdir(), 'yz-cups-'));
const socketPath = join(dir, 'cups.sock');
let server: Server;
const seen: { path?: string; type?: string; body?: Buffer } = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      Object.assign(seen, { path: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks) });
      if (req.url === '/fail') res.writeHead(500).end();
      else
        res
          .writeHead(200, { 'Content-Type': 'application/ipp' })
          .end(Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 3]));
    });
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('cupsIppExchange', () => {
  it('POSTs application/ipp to the resource path and returns the body', async () => {
    const exchange = cupsIppExchange({ socketPath });
    const body = Uint8Array.of(2, 0, 0, 11, 0, 0, 0, 1, 3);
    const reply = await exchange('/printers/Q', body);
    expect(seen).toMatchObject({ path: '/printers/Q', type: 'application/ipp' });
    expect([...seen.body!]).toEqual([...body]);
    expect([...reply]).toEqual([2, 0, 0, 0, 0, 0, 0, 1, 3]);
  });

  it('rejects on an HTTP error status', async () => {
    await expect(cupsIppExchange({ socketPath })('/fail', Uint8Array.of(1))).rejects.toThrow(/HTTP 500/);
  });

  it('reports a missing cupsd as a closed transport', async () => {
    await expect(
      cupsIppExchange({ socketPath: join(dir, 'none.sock') })('/', Uint8Array.of(1)),
    ).rejects.toBeInstanceOf(TransportClosedError);
  });
});
