// A small loopback HTTP server standing in for a city's or province's system in tests: it records
// every request (method, URL, headers, JSON body) and answers what the test scripts.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** An answer: status and JSON body, a raw text body, or 'silent' (never answer: the caller must time out). */
export type Answer = { status: number; body?: unknown; raw?: string } | 'silent';

export interface JsonReceiver {
  /** http://127.0.0.1:<port> */
  origin: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startJsonReceiver(answer: (r: Received) => Answer): Promise<JsonReceiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(text || '{}') as Record<string, unknown>,
      };
      received.push(r);
      const a = answer(r);
      if (a === 'silent') return;
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(a.raw ?? JSON.stringify(a.body ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
