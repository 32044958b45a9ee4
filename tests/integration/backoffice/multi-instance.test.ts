import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendHarness, genericBody, loginStaff, registerKiosk } from '../../helpers/backoffice-server';

/** Two service instances on one PostgreSQL database, over real loopback HTTP. */
describe('two back office instances on one PostgreSQL', () => {
  const harness = new BackendHarness('postgres');
  let a: FastifyInstance;
  let b: FastifyInstance;
  let urlA: string;
  let urlB: string;
  let kiosk: Record<string, string>;

  beforeAll(async () => {
    const spec = await harness.databaseSpec();
    // Both start (and migrate) at the same time against an empty database.
    [{ app: a }, { app: b }] = await Promise.all([harness.start({ spec }), harness.start({ spec })]);
    urlA = await a.listen({ host: '127.0.0.1', port: 0 });
    urlB = await b.listen({ host: '127.0.0.1', port: 0 });
    kiosk = await registerKiosk(a);
  });
  afterAll(() => harness.stop());

  const post = (base: string, path: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('creates exactly one filing when both instances get the same Idempotency-Key at once', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `race-${round}-${Date.now()}`;
      const replies = await Promise.all(
        [urlA, urlB, urlA, urlB].map((u) =>
          post(u, '/filings', { ...kiosk, 'idempotency-key': key }, genericBody()),
        ),
      );
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 201]);
      const bodies = await Promise.all(replies.map((r) => r.json() as Promise<{ filingId: string }>));
      expect(new Set(bodies.map((x) => x.filingId)).size).toBe(1);
    }
    const clerk = await loginStaff(b, 'clerk');
    const list = (await (
      await fetch(`${urlB}/api/v1/staff/filings?pageSize=200`, { headers: clerk })
    ).json()) as { total: number };
    expect(list.total).toBe(5);
  });

  it('keeps one valid audit chain and unique tracking numbers under concurrent writes from both', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(
          i % 2 ? urlA : urlB,
          '/filings',
          { ...kiosk, 'idempotency-key': `many-${i}-${Date.now()}` },
          genericBody(),
        ),
      ),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const numbers = await Promise.all(
      replies.map(async (r) => ((await r.json()) as { trackingNumber: string }).trackingNumber),
    );
    expect(new Set(numbers).size).toBe(40);
    const supervisor = await loginStaff(a, 'supervisor');
    const verify = (await (
      await fetch(`${urlA}/api/v1/staff/audit/verify`, { headers: supervisor })
    ).json()) as {
      ok: boolean;
      entries: number;
    };
    expect(verify.ok).toBe(true);
    // kiosk registration + clerk login + 5 raced filings + 40 filings + this supervisor login
    expect(verify.entries).toBe(1 + 1 + 5 + 40 + 1);
  });

  it('shares pickup lockout counters between instances', async () => {
    const attempt = (u: string) =>
      post(u, '/lockers/pickup/verify', kiosk, { kioskId: 'kiosk-01', code: '00000000' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(i % 2 ? urlA : urlB)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 423, 423]);
  });

  const send = (
    base: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ) =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it('shares staff sessions and the login lockout between instances', async () => {
    const clerk = await loginStaff(a, 'clerk');
    expect((await send(urlB, 'GET', '/staff/filings', clerk)).status).toBe(200);
    expect((await send(urlB, 'POST', '/staff/logout', clerk, {})).status).toBe(200);
    expect((await send(urlA, 'GET', '/staff/filings', clerk)).status).toBe(401);
    const guess = (u: string, password: string) =>
      send(u, 'POST', '/staff/login', {}, { username: 'technician', password });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guess(i % 2 ? urlA : urlB, `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await guess(urlA, 'technician-dev-2026')).status).toBe(423);
  });

  it('stores a material retried through the other instance once', async () => {
    const { filingId } = (await (
      await post(urlA, '/filings', { ...kiosk, 'idempotency-key': `mat-${Date.now()}` }, genericBody())
    ).json()) as { filingId: string };
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 5)]);
    const key = `material-retry-${Date.now()}`;
    const up = (u: string) =>
      fetch(`${u}/api/v1/filings/${filingId}/materials?name=scan.jpg&kind=idCardCopy`, {
        method: 'POST',
        headers: { ...kiosk, 'content-type': 'image/jpeg', 'idempotency-key': key },
        body: jpeg,
      });
    const replies = await Promise.all([up(urlA), up(urlB)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 201]);
    const clerk = await loginStaff(b, 'clerk');
    const view = (await (await send(urlB, 'GET', `/filings/${filingId}`, clerk)).json()) as {
      materials: unknown[];
    };
    expect(view.materials).toHaveLength(1);
  });

  it('never puts two results in one door when both instances assign it at once', async () => {
    const clerk = await loginStaff(a, 'clerk');
    const supervisor = await loginStaff(b, 'supervisor');
    const ready: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { filingId } = (await (
        await post(
          urlA,
          '/filings',
          { ...kiosk, 'idempotency-key': `door-${i}-${Date.now()}` },
          genericBody(),
        )
      ).json()) as { filingId: string };
      for (const [u, h, step, body] of [
        [urlA, clerk, 'accept', {}],
        [urlB, supervisor, 'approve', {}],
        [urlA, clerk, 'result', { generate: true }],
      ] as const) {
        expect((await send(u, 'POST', `/staff/filings/${filingId}/${step}`, h, body)).status).toBe(200);
      }
      ready.push(filingId);
    }
    const door = { kioskId: 'kiosk-01', cabinetId: 'race', board: 1, door: 1 };
    const replies = await Promise.all(
      ready.map((id, i) =>
        send(i ? urlB : urlA, 'POST', `/staff/filings/${id}/locker-assignment`, clerk, door),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = (await replies.find((r) => r.status === 409)!.json()) as { error: { code: string } };
    expect(loser.error.code).toBe('doorOccupied');
  });

  it('delivers configuration published on one instance to a kiosk heartbeating the other', async () => {
    const supervisor = await loginStaff(b, 'supervisor');
    const pub = await send(urlA, 'PUT', '/staff/config', supervisor, {
      site: { hallName: '多实例测试大厅' },
    });
    const { version } = (await pub.json()) as { version: number };
    const hb = await send(urlB, 'POST', '/kiosks/kiosk-01/heartbeat', kiosk, {
      sentAt: new Date().toISOString(),
      appVersion: '0.1.0',
      configVersion: version - 1,
      session: 'idle',
      devices: [],
    });
    expect(await hb.json()).toMatchObject({
      configVersion: version,
      config: { site: { hallName: '多实例测试大厅' } },
    });
  });
});
