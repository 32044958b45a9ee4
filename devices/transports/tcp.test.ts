import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TransportClosedError, type CloseReason } from '../core';
import { TcpTransport } from './tcp';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function listen(onSocket: (s: Socket) => void): Promise<number> {
  server = createServer(onSocket);
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)),
  );
}

describe('TcpTransport over a real loopback socket', () => {
  it('exchanges bytes and reports a peer close as disconnected, our close as requested', async () => {
    const peers: Socket[] = [];
    const port = await listen((s) => {
      peers.push(s);
      s.on('data', (d) => s.write(Buffer.concat([Buffer.from('echo:'), d])));
    });
    const t = new TcpTransport({ host: '127.0.0.1', port });
    const reasons: CloseReason[] = [];
    let closed = () => undefined as void;
    t.onClose((r) => {
      reasons.push(r);
      closed();
    });
    await t.open();
    const got = new Promise<string>((resolve) => t.onData((c) => resolve(Buffer.from(c).toString())));
    await t.write(Buffer.from('hi'));
    expect(await got).toBe('echo:hi');
    await new Promise<void>((resolve) => {
      closed = resolve;
      peers[0]!.destroy();
    });
    expect(reasons).toEqual(['disconnected']);
    expect(t.isOpen).toBe(false);
    await expect(t.write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportClosedError);
    await t.open();
    await t.close();
    expect(reasons).toEqual(['disconnected', 'requested']);
  });

  it('rejects open with TransportClosedError when nothing listens', async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(new TcpTransport({ host: '127.0.0.1', port }).open()).rejects.toBeInstanceOf(
      TransportClosedError,
    );
  });
});
