import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

// Open-loop load at a fixed rate, evenly spaced (autocannon's overallRate fires each connection's
// per-second quota back to back and then idles). Latency runs from each request's *intended* send
// time, so a generator or server that falls behind is charged for it (no coordinated omission).
// Raw keep-alive sockets and prebuilt request bytes keep the generator's own CPU small: on a
// 2-core machine it shares the cores with the service under test.

export interface OpenLoopRequest {
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoopResult {
  duration: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  latency: { p50: number; p90: number; p99: number; max: number };
}

const quantile = (sorted: number[], q: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);

function encode(host: string, r: OpenLoopRequest): Buffer {
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body);
  const head = [`${r.method} ${r.path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
  for (const [k, v] of Object.entries(r.headers)) head.push(`${k}: ${v}`);
  if (r.body !== undefined) head.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]);
}

/** One keep-alive connection with at most one request in flight (no pipelining, no head-of-line). */
class Conn {
  readonly socket: Socket;
  #buf: Buffer = Buffer.alloc(0);
  #intended = 0;
  busy = false;

  constructor(
    host: string,
    port: number,
    private readonly done: (c: Conn, status: number, intended: number) => void,
    private readonly failed: (c: Conn) => void,
  ) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (d: Buffer) => this.#read(d));
    this.socket.on('error', () => this.failed(this));
  }

  send(bytes: Buffer, intended: number): void {
    this.busy = true;
    this.#intended = intended;
    this.socket.write(bytes);
  }

  #read(d: Buffer): void {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, d]) : d;
    const end = this.#buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.#buf.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.#buf.length < end + 4 + length) return;
    const status = Number(head.slice(9, 12));
    this.#buf = this.#buf.subarray(end + 4 + length);
    this.busy = false;
    this.done(this, status, this.#intended);
  }
}

export async function openLoop(opts: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  next: (n: number) => OpenLoopRequest;
}): Promise<OpenLoopResult> {
  const target = new URL(opts.url);
  const total = Math.round(opts.rate * opts.seconds);
  const gap = 1000 / opts.rate;
  // Request bytes are built before the clock starts: building them is the kiosks' work, not the service's.
  const requests = Array.from({ length: total }, (_, n) => encode(target.host, opts.next(n)));
  const latencies: number[] = [];
  const waiting: { n: number; intended: number }[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let finished = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((r) => (resolveAll = r));

  const idle: Conn[] = [];
  const dispatch = (c: Conn) => {
    const job = waiting.shift();
    if (job) c.send(requests[job.n]!, job.intended);
    else idle.push(c);
  };
  const conns = Array.from(
    { length: opts.connections },
    () =>
      new Conn(
        target.hostname,
        Number(target.port),
        (c, status, intended) => {
          latencies.push(performance.now() - intended);
          if (status >= 200 && status < 300) ok++;
          else non2xx++;
          if (++finished === total) resolveAll();
          dispatch(c);
        },
        (c) => {
          errors++;
          if (c.busy && ++finished === total) resolveAll();
        },
      ),
  );
  await Promise.all(conns.map((c) => new Promise((r) => c.socket.once('connect', r))));
  idle.push(...conns);

  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    // Everything whose time has come goes out now, stamped with the time it should have left.
    while (sent < total && start + sent * gap <= now) {
      const job = { n: sent, intended: start + sent * gap };
      const c = idle.pop();
      if (c) c.send(requests[job.n]!, job.intended);
      else waiting.push(job);
      sent++;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await all;
  const duration = (performance.now() - start) / 1000;
  for (const c of conns) c.socket.destroy();
  latencies.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    duration: round(duration),
    sent,
    ok,
    non2xx,
    errors,
    latency: {
      p50: round(quantile(latencies, 0.5)),
      p90: round(quantile(latencies, 0.9)),
      p99: round(quantile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? 0),
    },
  };
}
