// The back office under attack (issue #12), probed from outside over its HTTP API, on both
// databases: who may learn what a route accepts, hostile nesting, text that breaks hashes, guessing
// that locks out the rightful owner, and one kiosk reaching another kiosk's filings.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../backoffice/index';
import { catalogueForKiosks } from '../../../domain/catalogue';
import {
  ADULT_ID,
  BACKENDS,
  BackendHarness,
  TestClock,
  genericBody,
  loginStaff,
  registerKiosk,
} from '../../helpers/backoffice-server';

const API = '/api/v1';

interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
}

/** `[[[…]]]` `depth` levels deep, as JSON text (built without recursion). */
const nestedJson = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe.each(BACKENDS)('the back office under attack on %s', (backend) => {
  const harness = new BackendHarness(backend);
  const clock = new TestClock();
  let app: FastifyInstance;
  let db: Database;
  let kiosk: Record<string, string>;
  let ops: { method: string; path: string; op: Operation }[] = [];
  const logLines: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    ({ app, db } = await harness.start({
      clock,
      config: { logger: { level: 'warn', destination: { write: (line: string) => logLines.push(line) } } },
    }));
    kiosk = await registerKiosk(app, 'kiosk-01');
    const doc = (await app.inject({ method: 'GET', url: `${API}/openapi.json` })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => harness.stop());

  describe('authentication comes before validation', () => {
    /** Every path parameter filled with something its schema refuses. */
    const url = (path: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => `not-a-${name}`);

    it('answers 401 to an anonymous or forged caller on every operation, whatever the body, with nosniff', async () => {
      expect(ops.length).toBeGreaterThan(30);
      let probed = 0;
      for (const { method, path, op } of ops) {
        const enrollment = op.parameters?.some((p) => p.name === 'X-Enrollment-Token');
        if ((op.security ?? []).length === 0 && !enrollment) continue; // login: open by design
        const bodies =
          method === 'GET'
            ? [undefined]
            : ['{"broken":', nestedJson(100_000), JSON.stringify({ surprise: true }), '<x/>'];
        for (const credential of [undefined, 'Bearer forged-credential-0000']) {
          for (const payload of bodies) {
            const r = await app.inject({
              method: method as 'GET',
              url: `${url(path)}?page=-1&idNumber=x`,
              headers: {
                ...(credential ? { authorization: credential } : {}),
                ...(enrollment ? { 'x-enrollment-token': 'guessed' } : {}),
                ...(payload === '<x/>' ? { 'content-type': 'application/xml' } : {}),
                ...(payload !== undefined && payload !== '<x/>'
                  ? { 'content-type': 'application/json' }
                  : {}),
              },
              ...(payload !== undefined ? { payload } : {}),
            });
            const what = `${method} ${path} ${credential ?? 'anonymous'} ${payload?.slice(0, 12) ?? ''}`;
            expect(r.statusCode, `${what} ${r.body}`).toBe(401);
            expect(r.json<{ error: { code: string } }>().error.code, what).toBe(
              enrollment ? 'badEnrollmentToken' : 'unauthorized',
            );
            expect(r.headers['x-content-type-options'], what).toBe('nosniff');
            probed++;
          }
        }
      }
      expect(probed).toBeGreaterThan(150);
    });

    it('still tells the rightful sender what is wrong with a malformed heartbeat', async () => {
      const beat = (payload: string, headers = kiosk) =>
        app.inject({
          method: 'POST',
          url: `${API}/kiosks/kiosk-01/heartbeat`,
          headers: { ...headers, 'content-type': 'application/json' },
          payload,
        });
      expect((await beat('{"broken":')).statusCode).toBe(400);
      expect((await beat('{}')).json()).toMatchObject({ error: { code: 'validationFailed' } });
      // Another kiosk's credential is not this kiosk's: still 401, malformed or not.
      const other = await registerKiosk(app, 'kiosk-02');
      expect((await beat('{}', other)).statusCode).toBe(401);
      for (const url of ['/healthz', `${API}/openapi.json`, '/nope', `${API}/nope`])
        expect((await app.inject({ method: 'GET', url })).headers['x-content-type-options'], url).toBe(
          'nosniff',
        );
    });
  });

  describe('deeply nested JSON', () => {
    /** `{"a":{"a":…1}}` `depth` levels deep. */
    const nested = (depth: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i++) v = { a: v };
      return v;
    };
    const hostile = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const send = (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload: string) =>
      app.inject({
        method,
        url: `${API}${url}`,
        headers: { ...headers, 'content-type': 'application/json' },
        payload,
      });
    const refusedAt = (r: { statusCode: number; body: string }) => {
      expect(r.statusCode, r.body).toBe(400);
      return JSON.parse(r.body) as { error: { code: string; fields: { path: string; message: string }[] } };
    };

    it('in a filing’s form, a heartbeat’s device detail, the site settings or a catalogue: 400 with the path, never a 500', async () => {
      const technician = await loginAsTechnician();
      const filing = (form: string) =>
        `{"serviceId":"generic-application","kioskId":"kiosk-01","applicant":{"idNumber":"110105200001011238","name":"李华"},"form":${form},"delivery":{"method":"locker"}}`;
      const beat = (detail: string) =>
        `{"sentAt":"2026-11-23T02:00:00Z","appVersion":"1","configVersion":0,"session":"idle","devices":[{"deviceId":"p","family":"escpos-printer","health":"online","detail":${detail}}]}`;
      const before = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM filings');
      for (const depth of [10, 100_000]) {
        const form = refusedAt(
          await send(
            'POST',
            '/filings',
            { ...kiosk, 'idempotency-key': `deep-form-${depth}` },
            filing(`{"subject":"x","extra":${hostile(depth)}}`),
          ),
        );
        expect(form.error.code).toBe('validationFailed');
        expect(form.error.fields[0]?.path).toMatch(/^form\.extra(\.a)+$/);
        const detail = refusedAt(
          await send('POST', '/kiosks/kiosk-01/heartbeat', kiosk, beat(hostile(depth))),
        );
        expect(detail.error.fields[0]?.path).toMatch(/^devices\.0\.detail(\.a)+$/);
        const site = refusedAt(
          await send('PUT', '/staff/config', technician, `{"site":{"x":${hostile(depth)}}}`),
        );
        expect(site.error.fields[0]?.path).toMatch(/^site\.x(\.a)+$/);
        const guard = hostile(depth).replace(/"a"/g, '"not"');
        const definition = JSON.stringify(catalogueForKiosks()[0]).replace(/}$/, '');
        const catalogue = refusedAt(
          await send(
            'PUT',
            '/staff/config',
            technician,
            `{"catalogue":[${definition},"steps":[{"id":"g","kind":"guide","when":${guard}}]}]}`,
          ),
        );
        expect(catalogue.error.fields[0]?.path).toMatch(/^catalogue\.0\./);
      }
      expect(await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM filings')).toEqual(before);
      // Within the bounds the same shapes are fine: an open form keeps a shallow extra key.
      const ok = await send(
        'POST',
        '/filings',
        { ...kiosk, 'idempotency-key': 'deep-form-ok' },
        filing(JSON.stringify({ subject: 'x', extra: nested(2) })),
      );
      expect(ok.statusCode, ok.body).toBe(201);
    });
  });

  /** Files for `applicant` at `kioskId` and has staff accept, approve and issue the result. */
  async function filedWithResult(
    kioskId: string,
    headers: Record<string, string>,
    applicant: { idNumber: string; name: string },
    delivery: object,
  ) {
    const filed = await app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: { ...headers, 'idempotency-key': `attack-${backend}-${++seq}` },
      payload: { ...genericBody(applicant.idNumber, kioskId), applicant, delivery },
    });
    const { filingId } = filed.json<{ filingId: string }>();
    const [clerk, supervisor] = [await loginStaff(app, 'clerk'), await loginStaff(app, 'supervisor')];
    for (const [step, who, body] of [
      ['accept', clerk, {}],
      ['approve', supervisor, {}],
      ['result', clerk, { generate: true }],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${filingId}/${step}`,
        headers: who,
        payload: body,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    return { filingId, clerk };
  }

  /** A filing whose result waits in a locker door of `kioskId`; resolves with its pickup code. */
  async function resultInLocker(kioskId: string, door: number, idNumber: string, name: string) {
    const headers = await registerKiosk(app, kioskId);
    const { filingId, clerk } = await filedWithResult(
      kioskId,
      headers,
      { idNumber, name },
      { method: 'locker' },
    );
    const r = await app.inject({
      method: 'POST',
      url: `${API}/staff/filings/${filingId}/locker-assignment`,
      headers: clerk,
      payload: { kioskId, cabinetId: 'A', board: 1, door },
    });
    expect(r.statusCode, r.body).toBe(201);
    return { headers, filingId, code: r.json<{ pickupCode: string }>().pickupCode };
  }

  const verify = (headers: Record<string, string>, body: object) =>
    app.inject({ method: 'POST', url: `${API}/lockers/pickup/verify`, headers, payload: body });
  const alerts = async () =>
    (
      await app.inject({ method: 'GET', url: `${API}/staff/alerts`, headers: await loginStaff(app, 'clerk') })
    ).json<{
      items: { kind: string; kioskId?: string; username?: string; source?: string; active: boolean }[];
    }>().items;

  describe('guess limits that stop guessing without locking out the rightful owner', () => {
    it('five wrong codes stop codes at that kiosk only: the owner’s ID card still opens the door, staff are alerted', async () => {
      const owner = await resultInLocker('kiosk-31', 1, ADULT_ID, '李华');
      const other = await resultInLocker('kiosk-32', 1, '110101198501012311', '王芳');
      const wrong = (i: number) => String((Number(owner.code) + 1 + i) % 1e8).padStart(8, '0');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await verify(owner.headers, { kioskId: 'kiosk-31', code: wrong(i) })).statusCode);
      expect(statuses).toEqual([404, 404, 404, 404, 423, 423]);
      // The right code waits out the lockout (it could otherwise be guessed through it) and says so…
      const right = await verify(owner.headers, { kioskId: 'kiosk-31', code: owner.code });
      expect(right.statusCode).toBe(423);
      expect(right.json<{ error: { message: string } }>().error.message).toContain('身份证');
      // …but the owner's ID card is never locked by code guessing, and other kiosks are untouched.
      const byCard = await verify(owner.headers, { kioskId: 'kiosk-31', idNumber: ADULT_ID, name: '李华' });
      expect(byCard.statusCode, byCard.body).toBe(200);
      expect(byCard.json()).toMatchObject({ filingId: owner.filingId });
      expect((await verify(other.headers, { kioskId: 'kiosk-32', code: other.code })).statusCode).toBe(200);
      expect((await alerts()).find((a) => a.kioskId === 'kiosk-31')).toMatchObject({
        kind: 'pickupCodes',
        active: true,
      });
      expect(logLines.some((l) => l.includes('guess limit reached') && l.includes('kiosk-31'))).toBe(true);
      expect(logLines.join('')).not.toContain(owner.code);
      clock.advance(15 * 60_000 + 1);
      expect((await alerts()).find((a) => a.kioskId === 'kiosk-31')?.active).toBe(false);
    });

    it('an ID card that keeps failing locks that person’s card pickups, not the next person’s', async () => {
      const next = await resultInLocker('kiosk-33', 2, '110101198501012311', '王芳');
      for (let i = 0; i < 5; i++)
        await verify(next.headers, { kioskId: 'kiosk-33', idNumber: ADULT_ID, name: `冒名${i}` });
      expect(
        (await verify(next.headers, { kioskId: 'kiosk-33', idNumber: ADULT_ID, name: '李华' })).statusCode,
      ).toBe(423);
      const ok = await verify(next.headers, {
        kioskId: 'kiosk-33',
        idNumber: '110101198501012311',
        name: '王芳',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await alerts()).find((a) => a.kioskId === 'kiosk-33')).toMatchObject({ kind: 'pickupIdCard' });
      expect(logLines.join('')).not.toContain(ADULT_ID);
    });

    it('wrong passwords from one address lock that user from that address: the clerk at the desk still logs in', async () => {
      const login = (remoteAddress: string, password: string, username = 'clerk') =>
        app.inject({
          method: 'POST',
          url: `${API}/staff/login`,
          remoteAddress,
          payload: { username, password },
        });
      const attacker = '203.0.113.7';
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login(attacker, `guess-${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
      expect((await login(attacker, 'clerk-dev-2026')).statusCode).toBe(423);
      expect((await login('10.1.2.3', 'clerk-dev-2026')).statusCode).toBe(200);
      expect((await alerts()).find((a) => a.kind === 'loginFromSource')).toMatchObject({
        username: 'clerk',
        source: attacker,
        active: true,
      });
      // One address guessing many users is stopped as a source.
      const sprayer = '203.0.113.8';
      const spray: number[] = [];
      for (let i = 0; i < 21; i++) spray.push((await login(sprayer, 'x', `user${i}`)).statusCode);
      expect(spray.slice(0, 19).every((s) => s === 401)).toBe(true);
      expect(spray.slice(19)).toEqual([423, 423]);
      expect((await login(sprayer, 'supervisor-dev-2026', 'supervisor')).statusCode).toBe(423);
      expect((await login('10.1.2.4', 'supervisor-dev-2026', 'supervisor')).statusCode).toBe(200);
      expect((await alerts()).find((a) => a.kind === 'loginSource')).toMatchObject({ source: sprayer });
      // Guessing one account from everywhere (fifty addresses) locks that account: the last resort.
      for (let i = 0; i < 50; i++) await login(`198.51.100.${i}`, 'x', 'technician');
      expect((await login('10.1.2.5', 'technician-dev-2026', 'technician')).statusCode).toBe(423);
      expect((await alerts()).find((a) => a.kind === 'loginAccount')).toMatchObject({
        username: 'technician',
      });
    });
  });

  describe('a filing’s ID opens nothing at another kiosk', () => {
    it('fetching, rating or marking printed another kiosk’s filing needs the applicant at this kiosk', async () => {
      const kioskA = await registerKiosk(app, 'kiosk-41');
      const kioskB = await registerKiosk(app, 'kiosk-42');
      const applicant = { idNumber: '110101198501012311', name: '王芳' };
      const { filingId, clerk } = await filedWithResult('kiosk-41', kioskA, applicant, { method: 'print' });
      const get = (url: string, headers: Record<string, string>) =>
        app.inject({ method: 'GET', url: url.startsWith('/api') ? url : `${API}${url}`, headers });
      const post = (url: string, headers: Record<string, string>, payload: object) =>
        app.inject({ method: 'POST', url: `${API}${url}`, headers, payload });
      const grantOf = (url: string) => new URL(url, 'http://x').searchParams.get('grant')!;
      const resultUrlAt = async (headers: Record<string, string>) =>
        (
          await get(
            `/progress?idNumber=${applicant.idNumber}&name=${encodeURIComponent(applicant.name)}`,
            headers,
          )
        )
          .json<{ items: { filingId: string; resultUrl?: string }[] }>()
          .items.find((i) => i.filingId === filingId)?.resultUrl;

      // Kiosk B with only the ID: nothing.
      expect((await get(`/filings/${filingId}`, kioskB)).statusCode).toBe(404);
      expect((await get(`/filings/${filingId}/result`, kioskB)).json()).toMatchObject({
        error: { code: 'grantRequired' },
      });
      expect(
        (await post(`/filings/${filingId}/rating`, kioskB, { level: 1, options: ['slow'] })).statusCode,
      ).toBe(404);
      // A grant is bound to the kiosk it was issued to: kiosk A's is worthless at kiosk B.
      const atA = (await resultUrlAt(kioskA))!;
      expect((await get(atA, kioskB)).statusCode).toBe(403);
      expect(
        (await post(`/filings/${filingId}/result/printed`, kioskB, { grant: grantOf(atA) })).statusCode,
      ).toBe(403);
      const forged = `${grantOf(atA).split('.')[0]}.${'0'.repeat(32)}`;
      expect((await get(`/filings/${filingId}/result?grant=${forged}`, kioskA)).statusCode).toBe(403);
      // The applicant's card read at kiosk B: B may print, for 15 minutes.
      const atB = (await resultUrlAt(kioskB))!;
      const pdf = await get(atB, kioskB);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      clock.advance(15 * 60_000 + 1);
      expect((await get(atB, kioskB)).json()).toMatchObject({ error: { code: 'grantRequired' } });
      const fresh = (await resultUrlAt(kioskB))!;
      const printed = await post(`/filings/${filingId}/result/printed`, kioskB, { grant: grantOf(fresh) });
      expect(printed.json()).toMatchObject({ status: 'collected' });
      // The kiosk that made the filing rates it by its ID; staff need no grant.
      expect((await post(`/filings/${filingId}/rating`, kioskA, { level: 5 })).statusCode).toBe(201);
      expect((await get(`/filings/${filingId}/result`, clerk)).statusCode).toBe(200);
      expect((await get(`/filings/${filingId}`, kioskA)).statusCode).toBe(200);
    });
  });

  async function loginAsTechnician() {
    return loginStaff(app, 'technician');
  }

  it('keeps the database it was given', () => {
    expect(db.dialect).toBe(backend);
  });
});
