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
});
