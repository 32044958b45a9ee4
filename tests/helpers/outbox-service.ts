// Runs the real back-office service (backoffice/, SQLite file on disk) on loopback for kiosk-side
// tests. It can be stopped and started again on the same port and database to simulate outages.
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createBackoffice, openDatabase, type Database } from '../../backoffice';

export const ENROLLMENT_TOKEN = 'test-enrollment-token-2026';
const SECRET = 'outbox-test-secret-0123456789abcdef';

export interface ServiceOptions {
  dir: string;
  /** Extra setup on the fastify instance before it listens (e.g. the console routes). */
  decorate?: (app: FastifyInstance) => Promise<void> | void;
  heartbeatIntervalMs?: number;
  /** What the service accepts (and pushes to kiosks in their configuration). */
  limits?: { maxMaterialBytes: number; maxFilingBytes: number };
}

export class TestService {
  #app: FastifyInstance | undefined;
  #db: Database | undefined;
  #port = 0;

  constructor(private readonly opts: ServiceOptions) {}

  get url(): string {
    if (!this.#port) throw new Error('service never started');
    return `http://127.0.0.1:${this.#port}`;
  }

  get running(): boolean {
    return this.#app !== undefined;
  }

  /** Starts (or restarts, on the same port and database file) the service. */
  async start(): Promise<void> {
    if (this.#app) return;
    mkdirSync(this.opts.dir, { recursive: true });
    this.#db = await openDatabase(`sqlite:${path.join(this.opts.dir, 'backoffice.db')}`);
    const app = await createBackoffice({
      db: this.#db,
      config: {
        secret: SECRET,
        enrollmentToken: ENROLLMENT_TOKEN,
        validateResponses: true,
        ...(this.opts.heartbeatIntervalMs ? { heartbeatIntervalMs: this.opts.heartbeatIntervalMs } : {}),
        ...this.opts.limits,
      },
    });
    await this.opts.decorate?.(app);
    await app.listen({ host: '127.0.0.1', port: this.#port });
    const address = app.server.address();
    if (typeof address !== 'object' || !address) throw new Error('service did not bind');
    this.#port = address.port;
    this.#app = app;
  }

  /** Stops listening and closes the database; kiosks then see connection refused. */
  async stop(): Promise<void> {
    const app = this.#app;
    this.#app = undefined;
    await app?.close();
    await this.#db?.close();
    this.#db = undefined;
  }
}

export async function startService(opts: ServiceOptions): Promise<TestService> {
  const service = new TestService(opts);
  await service.start();
  return service;
}

async function call<T>(url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(url, {
    ...init,
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function registerKiosk(baseUrl: string, kioskId: string, name = '测试终端'): Promise<string> {
  const r = await call<{ credential: string }>(`${baseUrl}/api/v1/kiosks/register`, {
    method: 'POST',
    headers: { 'x-enrollment-token': ENROLLMENT_TOKEN },
    json: { kioskId, name, site: '测试政务服务中心' },
  });
  return r.credential;
}

/** Development staff users are seeded by the service (backoffice/config.ts DEV_STAFF). */
export async function staffLogin(
  baseUrl: string,
  username: 'clerk' | 'supervisor' | 'technician',
): Promise<string> {
  const r = await call<{ token: string }>(`${baseUrl}/api/v1/staff/login`, {
    method: 'POST',
    json: { username, password: `${username}-dev-2026` },
  });
  return r.token;
}

export interface ServerFiling {
  filingId: string;
  trackingNumber: string;
  kioskId: string;
  status: string;
  form: Record<string, unknown>;
  materials: { materialId: string; name: string; kind: string; bytes: number; sha256: string }[];
}

/** Every filing on the server (staff view), with form and materials. */
export async function serverFilings(baseUrl: string, staffToken: string): Promise<ServerFiling[]> {
  const out: ServerFiling[] = [];
  for (let page = 1; ; page++) {
    const list = await call<{ items: { filingId: string }[]; total: number }>(
      `${baseUrl}/api/v1/staff/filings?page=${page}&pageSize=200`,
      { token: staffToken },
    );
    for (const item of list.items) {
      out.push(await call<ServerFiling>(`${baseUrl}/api/v1/filings/${item.filingId}`, { token: staffToken }));
    }
    if (list.items.length === 0 || page * 200 >= list.total) return out;
  }
}

export { call as callApi };
