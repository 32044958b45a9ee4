import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADULT_ID,
  BACKENDS,
  BackendHarness,
  TestClock,
  genericBody,
  loginStaff,
  registerKiosk,
  TEST_ENROLLMENT,
} from '../../helpers/backoffice-server';

const API = '/api/v1';
const INTERVAL = 30_000;
let keySeq = 0;

describe.each(BACKENDS)('kiosks, fleet and lockers on %s', (backend) => {
  const harness = new BackendHarness(backend);
  const clock = new TestClock();
  let app: FastifyInstance;
  let kiosk: Record<string, string>;
  let clerk: Record<string, string>;
  let technician: Record<string, string>;

  beforeAll(async () => {
    ({ app } = await harness.start({
      clock,
      config: {
        heartbeatIntervalMs: INTERVAL,
        pickup: { maxFailures: 3, windowMs: 60_000, lockoutMs: 300_000 },
      },
    }));
    kiosk = await registerKiosk(app, 'kiosk-01');
    clerk = await loginStaff(app, 'clerk');
    technician = await loginStaff(app, 'technician');
  });
  afterAll(() => harness.stop());

  const heartbeat = (configVersion: number, headers = kiosk, kioskId = 'kiosk-01') =>
    app.inject({
      method: 'POST',
      url: `${API}/kiosks/${kioskId}/heartbeat`,
      headers,
      payload: {
        sentAt: new Date(clock.now()).toISOString(),
        appVersion: '0.1.0',
        configVersion,
        session: 'idle',
        devices: [
          { deviceId: 'printer-a4', family: 'a4-printer', health: 'online', detail: { paper: 'ok' } },
          {
            deviceId: 'receipt',
            family: 'escpos-printer',
            health: 'userError',
            detail: { paper: 'out' },
            lastError: { code: 'paperOut' },
          },
        ],
      },
    });

  it('registers only with the enrollment token and stores the credential hashed', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: `${API}/kiosks/register`,
      headers: { 'x-enrollment-token': 'wrong' },
      payload: { kioskId: 'kiosk-x', name: 'x', site: 'y' },
    });
    expect(bad.statusCode).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: `${API}/kiosks/register`,
      headers: { 'x-enrollment-token': TEST_ENROLLMENT },
      payload: { kioskId: 'kiosk-02', name: '二号机', site: '东城' },
    });
    expect(ok.statusCode).toBe(201);
    const { credential } = ok.json<{ credential: string }>();
    expect(credential.length).toBeGreaterThanOrEqual(40);
    const other = await heartbeat(0, { authorization: `Bearer ${credential}` }, 'kiosk-01');
    expect(other.statusCode).toBe(401);
  });

  it('answers heartbeats with configuration only when the kiosk is behind, and publishes new versions', async () => {
    const first = await heartbeat(0);
    expect(first.statusCode).toBe(200);
    const v1 = first.json<{ configVersion: number; config: { catalogue: { serviceId: string }[] } }>();
    expect(v1.configVersion).toBe(1);
    expect(v1.config.catalogue.map((c) => c.serviceId)).toContain('sole-proprietor-registration');
    expect((await heartbeat(1)).json()).toEqual({ configVersion: 1 });
    expect(
      (await app.inject({ method: 'PUT', url: `${API}/staff/config`, headers: clerk, payload: {} }))
        .statusCode,
    ).toBe(403);
    const pub = await app.inject({
      method: 'PUT',
      url: `${API}/staff/config`,
      headers: technician,
      payload: { site: { hallName: '东城区24小时自助服务厅', idleTimeoutSeconds: 90 } },
    });
    expect(pub.json()).toMatchObject({ version: 2, site: { idleTimeoutSeconds: 90 } });
    const behind = await heartbeat(1);
    expect(behind.json()).toMatchObject({
      configVersion: 2,
      config: { version: 2, site: { idleTimeoutSeconds: 90 } },
    });
    const cfg = await app.inject({ method: 'GET', url: `${API}/kiosks/kiosk-01/config`, headers: kiosk });
    expect(cfg.json()).toMatchObject({ version: 2 });
    expect(
      (await app.inject({ method: 'GET', url: `${API}/kiosks/kiosk-02/config`, headers: kiosk })).statusCode,
    ).toBe(403);
  });

  it('computes presence from heartbeat timestamps and lists faults', async () => {
    await heartbeat(2);
    const presence = async () => {
      const r = await app.inject({ method: 'GET', url: `${API}/staff/kiosks`, headers: technician });
      return r.json<
        { kioskId: string; presence: string; faults: { deviceId: string; health: string }[] }[]
      >();
    };
    let fleet = await presence();
    const k1 = fleet.find((k) => k.kioskId === 'kiosk-01');
    expect(k1?.presence).toBe('online');
    expect(k1?.faults).toEqual([expect.objectContaining({ deviceId: 'receipt', health: 'userError' })]);
    expect(fleet.find((k) => k.kioskId === 'kiosk-02')?.presence).toBe('offline');
    clock.advance(2 * INTERVAL + 1);
    fleet = await presence();
    expect(fleet.find((k) => k.kioskId === 'kiosk-01')?.presence).toBe('stale');
    clock.advance(3 * INTERVAL);
    fleet = await presence();
    expect(fleet.find((k) => k.kioskId === 'kiosk-01')?.presence).toBe('offline');
    await heartbeat(2);
    expect((await presence()).find((k) => k.kioskId === 'kiosk-01')?.presence).toBe('online');
    expect((await app.inject({ method: 'GET', url: `${API}/staff/kiosks`, headers: clerk })).statusCode).toBe(
      403,
    );
  });

  async function readyFiling(idNumber = ADULT_ID): Promise<string> {
    const supervisor = await loginStaff(app, 'supervisor');
    const r = await app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: { ...kiosk, 'idempotency-key': `locker-${++keySeq}-${clock.now()}` },
      payload: genericBody(idNumber),
    });
    const { filingId } = r.json<{ filingId: string }>();
    for (const [p, h, body] of [
      ['accept', clerk, {}],
      ['approve', supervisor, {}],
      ['result', clerk, { generate: true }],
    ] as const) {
      const s = await app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${filingId}/${p}`,
        headers: h,
        payload: body,
      });
      expect(s.statusCode).toBe(200);
    }
    return filingId;
  }

  it('hands a result over through a locker with a single-use pickup code', async () => {
    const filingId = await readyFiling();
    const dep = await app.inject({
      method: 'POST',
      url: `${API}/lockers/deposits`,
      headers: kiosk,
      payload: { filingId, kioskId: 'kiosk-01', cabinetId: 'cab-1', board: 1, door: 3 },
    });
    expect(dep.statusCode).toBe(201);
    const assign = await app.inject({
      method: 'POST',
      url: `${API}/staff/filings/${filingId}/locker-assignment`,
      headers: clerk,
      payload: { kioskId: 'kiosk-01', cabinetId: 'cab-1', board: 1, door: 4 },
    });
    expect(assign.statusCode).toBe(201);
    const { pickupCode, expiresAt } = assign.json<{ pickupCode: string; expiresAt: string }>();
    expect(pickupCode).toMatch(/^\d{8}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(clock.now());
    const verify = await app.inject({
      method: 'POST',
      url: `${API}/lockers/pickup/verify`,
      headers: kiosk,
      payload: { kioskId: 'kiosk-01', code: pickupCode },
    });
    expect(verify.statusCode).toBe(200);
    const v = verify.json<{
      pickupId: string;
      cabinetId: string;
      board: number;
      door: number;
      filingId: string;
    }>();
    expect(v).toMatchObject({ filingId, cabinetId: 'cab-1', board: 1, door: 4 });
    const reuse = await app.inject({
      method: 'POST',
      url: `${API}/lockers/pickup/verify`,
      headers: kiosk,
      payload: { kioskId: 'kiosk-01', code: pickupCode },
    });
    expect(reuse.statusCode).toBe(404);
    const done = await app.inject({
      method: 'POST',
      url: `${API}/lockers/pickup/${v.pickupId}/collected`,
      headers: kiosk,
      payload: {
        doorOpenedAt: new Date(clock.now()).toISOString(),
        doorClosedAt: new Date(clock.now() + 8000).toISOString(),
      },
    });
    expect(done.statusCode).toBe(200);
    const filing = await app.inject({ method: 'GET', url: `${API}/filings/${filingId}`, headers: kiosk });
    expect(filing.json()).toMatchObject({ status: 'collected' });
  });

  it('lets the owner pick up with the ID card, and expires codes', async () => {
    const filingId = await readyFiling('440305199203154423');
    await app.inject({
      method: 'POST',
      url: `${API}/staff/filings/${filingId}/locker-assignment`,
      headers: clerk,
      payload: { kioskId: 'kiosk-01', cabinetId: 'cab-1', board: 2, door: 1 },
    });
    const wrongName = await app.inject({
      method: 'POST',
      url: `${API}/lockers/pickup/verify`,
      headers: kiosk,
      payload: { kioskId: 'kiosk-01', idNumber: '440305199203154423', name: '张三' },
    });
    expect(wrongName.statusCode).toBe(404);
    const ok = await app.inject({
      method: 'POST',
      url: `${API}/lockers/pickup/verify`,
      headers: kiosk,
      payload: { kioskId: 'kiosk-01', idNumber: '440305199203154423', name: '李华' },
    });
    expect(ok.json()).toMatchObject({ filingId, board: 2, door: 1 });

    const expiring = await readyFiling();
    const { pickupCode } = (
      await app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${expiring}/locker-assignment`,
        headers: clerk,
        payload: { kioskId: 'kiosk-01', cabinetId: 'cab-1', board: 2, door: 2 },
      })
    ).json<{ pickupCode: string }>();
    clock.advance(8 * 24 * 3600_000);
    const late = await app.inject({
      method: 'POST',
      url: `${API}/lockers/pickup/verify`,
      headers: kiosk,
      payload: { kioskId: 'kiosk-01', code: pickupCode },
    });
    expect(late.statusCode).toBe(404);
  });

  it('locks a kiosk out after repeated wrong codes and lifts the lockout later', async () => {
    const k3 = await registerKiosk(app, 'kiosk-03');
    const attempt = (code: string) =>
      app.inject({
        method: 'POST',
        url: `${API}/lockers/pickup/verify`,
        headers: k3,
        payload: { kioskId: 'kiosk-03', code },
      });
    expect((await attempt('11111111')).statusCode).toBe(404);
    expect((await attempt('22222222')).statusCode).toBe(404);
    const third = await attempt('33333333');
    expect(third.statusCode).toBe(423);
    expect(third.json()).toMatchObject({ error: { code: 'lockedOut' } });
    expect((await attempt('44444444')).statusCode).toBe(423);
    clock.advance(300_001);
    expect((await attempt('55555555')).statusCode).toBe(404);
  });

  it('looks up e-licences from the sample registry', async () => {
    const r = await app.inject({
      method: 'GET',
      url: `${API}/elicences?idNumber=110101198501012311`,
      headers: kiosk,
    });
    expect(r.json<{ items: { licenceType: string }[] }>().items.map((i) => i.licenceType)).toContain(
      '个体工商户营业执照',
    );
    const none = await app.inject({
      method: 'GET',
      url: `${API}/elicences?idNumber=${ADULT_ID}`,
      headers: kiosk,
    });
    expect(none.json()).toEqual({ items: [] });
  });
});
