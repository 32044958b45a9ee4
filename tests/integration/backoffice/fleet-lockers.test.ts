import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueForKiosks, parseCatalogue, profileOfSite } from '../../../domain/catalogue';
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
    const unknown = await app.inject({
      method: 'PUT',
      url: `${API}/staff/config`,
      headers: technician,
      payload: { catalogue: [{ ...catalogueForKiosks()[0], serviceId: 'no-such-service' }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { code: 'unknownService', fields: [{ path: 'catalogue.0.serviceId' }] },
    });
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

  it('pushes the site’s catalogue in the domain format: order, enabled services and themes as staff publish them', async () => {
    const publish = (catalogue: unknown) =>
      app.inject({ method: 'PUT', url: `${API}/staff/config`, headers: technician, payload: { catalogue } });
    // The earlier entry format is refused with the path, not stored for kiosks to refuse.
    const old = await publish([{ serviceId: 'copy', nameZh: '复印', nameEn: 'Copies' }]);
    expect(old.statusCode).toBe(400);
    expect(old.json<{ error: { code: string; fields: { path: string }[] } }>().error).toMatchObject({
      code: 'validationFailed',
      fields: expect.arrayContaining([expect.objectContaining({ path: 'catalogue.0.name' })]) as unknown,
    });
    // A filing service's form is the back office's: a push cannot loosen what the kiosk checks.
    const loosened = structuredClone(catalogueForKiosks());
    const sole = loosened.findIndex((d) => d.serviceId === 'sole-proprietor-registration');
    loosened[sole]!.form!.fields = loosened[sole]!.form!.fields.map((f) => ({ ...f, required: false }));
    const refused = await publish(loosened);
    expect(refused.json()).toMatchObject({
      error: { code: 'catalogueMismatch', fields: [{ path: `catalogue.${sole}.form` }] },
    });
    // Three services, the last first, one of them under another theme.
    const site = structuredClone(catalogueForKiosks()).reverse().slice(0, 3);
    site[0]!.theme = 'socialAffairs';
    const pub = await publish(site);
    expect(pub.statusCode, pub.body).toBe(200);
    const { version } = pub.json<{ version: number }>();
    const reply = (await heartbeat(version - 1)).json<{ config: { catalogue: unknown } }>();
    const parsed = parseCatalogue(reply.config.catalogue, profileOfSite({}));
    expect(parsed.fallback).toBeUndefined();
    expect(parsed.catalogue.source).toBe('pushed');
    expect(parsed.catalogue.services.map((s) => s.serviceId)).toEqual(site.map((s) => s.serviceId));
    expect(parsed.catalogue.themes).toEqual(['socialAffairs', 'hallServices']);
    // Back to the shipped catalogue for the tests that follow.
    expect((await publish(catalogueForKiosks())).statusCode).toBe(200);
  });

  it('upgrades a catalogue stored in the earlier entry format to the same services’ definitions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-catalogue-upgrade-'));
    try {
      const spec = backend === 'sqlite' ? `sqlite:${path.join(dir, 'bo.db')}` : await harness.databaseSpec();
      const first = await harness.start({ spec, clock });
      await first.db.run('UPDATE site_config SET catalogue = ? WHERE id = 1', [
        JSON.stringify([
          { serviceId: 'copy', nameZh: '复印', nameEn: 'Copies' },
          { serviceId: 'retired-service', nameZh: '旧', nameEn: 'old' },
          { serviceId: 'progress-query', nameZh: '进度', nameEn: 'Progress' },
        ]),
      ]);
      const { app: again } = await harness.start({ spec, clock });
      const k = await registerKiosk(again, 'kiosk-upgrade');
      const cfg = (
        await again.inject({ method: 'GET', url: `${API}/kiosks/kiosk-upgrade/config`, headers: k })
      ).json<{ version: number; catalogue: unknown }>();
      expect(cfg.version).toBe(2);
      expect(parseCatalogue(cfg.catalogue, 'hall').catalogue.services.map((s) => s.serviceId)).toEqual([
        'copy',
        'progress-query',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    // Kiosks told to beat every 2 minutes are judged by that, not by the service's default.
    const slower = await app.inject({
      method: 'PUT',
      url: `${API}/staff/config`,
      headers: technician,
      payload: { site: { hallName: '东城区24小时自助服务厅', heartbeatIntervalMs: 120_000 } },
    });
    expect(slower.statusCode).toBe(200);
    clock.advance(3 * INTERVAL);
    expect((await presence()).find((k) => k.kioskId === 'kiosk-01')?.presence).toBe('online');
    clock.advance(2 * 120_000);
    expect((await presence()).find((k) => k.kioskId === 'kiosk-01')?.presence).toBe('stale');
    await heartbeat(3);
    expect((await app.inject({ method: 'GET', url: `${API}/staff/kiosks`, headers: clerk })).statusCode).toBe(
      403,
    );
  });

  it('keeps each kiosk’s self-check and fault history, and filters the fleet by a service it can offer now', async () => {
    const other = await registerKiosk(app, 'kiosk-03');
    const beat = (payload: object, headers = kiosk, kioskId = 'kiosk-01') =>
      app.inject({
        method: 'POST',
        url: `${API}/kiosks/${kioskId}/heartbeat`,
        headers,
        payload: {
          sentAt: new Date(clock.now()).toISOString(),
          appVersion: '0.1.0',
          configVersion: 3,
          session: 'idle',
          devices: [],
          ...payload,
        },
      });
    const checkedAt = new Date(clock.now()).toISOString();
    const silentBoard = {
      deviceId: 'locker-1',
      family: 'locker-board',
      health: 'hardwareError',
      detail: { condition: 'boardNotAnswering' },
    };
    const opened = clock.now();
    // kiosk-01's locker board is silent: 材料投递 is not offered there; kiosk-03 offers everything.
    expect(
      (
        await beat({
          devices: [silentBoard],
          health: {
            checkedAt,
            verdict: 'degraded',
            offered: ['social-insurance-certificate'],
            notOffered: [{ serviceId: 'document-dropoff', missing: ['lockers'] }],
          },
        })
      ).statusCode,
    ).toBe(200);
    const everything = ['social-insurance-certificate', 'document-dropoff'];
    await beat(
      { health: { checkedAt, verdict: 'ok', offered: everything, notOffered: [] } },
      other,
      'kiosk-03',
    );
    const fleet = async (query: string) => {
      const r = await app.inject({ method: 'GET', url: `${API}/staff/kiosks?${query}`, headers: technician });
      expect(r.statusCode).toBe(200);
      return r.json<{ kioskId: string; health: { verdict: string } | null }[]>();
    };
    expect((await fleet('canOffer=document-dropoff')).map((k) => k.kioskId)).toEqual(['kiosk-03']);
    expect((await fleet('cannotOffer=document-dropoff')).map((k) => k.kioskId)).toEqual(['kiosk-01']);
    expect((await fleet('canOffer=social-insurance-certificate')).map((k) => k.kioskId)).toEqual([
      'kiosk-01',
      'kiosk-03',
    ]);
    expect((await fleet('')).find((k) => k.kioskId === 'kiosk-01')?.health).toMatchObject({
      verdict: 'degraded',
      checkedAt,
    });
    // A technician in kiosk-03 (maintenance): it offers nothing now, whatever its devices could do.
    await beat({ session: 'maintenance' }, other, 'kiosk-03');
    expect((await fleet('cannotOffer=document-dropoff')).map((k) => k.kioskId)).toEqual([
      'kiosk-01',
      'kiosk-03',
    ]);
    // The board answers again a minute later: its fault is closed in kiosk-01's history.
    clock.advance(60_000);
    await beat({ devices: [{ ...silentBoard, health: 'online', detail: { condition: 'ready' } }] });
    await beat({ devices: [{ ...silentBoard, health: 'online', detail: { condition: 'ready' } }] });
    const history = await app.inject({
      method: 'GET',
      url: `${API}/staff/kiosks/kiosk-01/faults`,
      headers: technician,
    });
    const faults =
      history.json<{ deviceId: string; condition: string; since: string; until: string | null }[]>();
    expect(faults.filter((f) => f.deviceId === 'locker-1')).toEqual([
      {
        deviceId: 'locker-1',
        condition: 'boardNotAnswering',
        since: new Date(opened).toISOString(),
        until: new Date(opened + 60_000).toISOString(),
      },
    ]);
    // The receipt printer's paper-out of the earlier heartbeats closed when a heartbeat no longer had it.
    expect(faults.find((f) => f.deviceId === 'receipt')).toMatchObject({
      condition: 'userError',
      until: new Date(opened).toISOString(),
    });
    expect(
      (await app.inject({ method: 'GET', url: `${API}/staff/kiosks/kiosk-01/faults`, headers: clerk }))
        .statusCode,
    ).toBe(403);
  });

  async function readyFiling(idNumber = ADULT_ID, delivery: object = { method: 'locker' }): Promise<string> {
    // The test clock jumps days ahead: fresh sessions every time.
    clerk = await loginStaff(app, 'clerk');
    technician = await loginStaff(app, 'technician');
    const supervisor = await loginStaff(app, 'supervisor');
    const r = await app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: { ...kiosk, 'idempotency-key': `locker-${++keySeq}-${clock.now()}` },
      payload: { ...genericBody(idNumber), delivery },
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

  it('puts a result for 自助打印 in a door only with the reason, changes the delivery and keeps it in the history', async () => {
    const filingId = await readyFiling(ADULT_ID, { method: 'print' });
    const assign = (extra: object = {}) =>
      app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${filingId}/locker-assignment`,
        headers: clerk,
        payload: { kioskId: 'kiosk-01', cabinetId: 'cab-9', board: 1, door: 1, ...extra },
      });
    const refused = await assign();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'deliveryMismatch' } });
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('自助打印');
    expect((await assign({ deliveryChange: { reason: '申请人来电要求改为柜取' } })).statusCode).toBe(201);
    const view = async () =>
      (await app.inject({ method: 'GET', url: `${API}/filings/${filingId}`, headers: clerk })).json<{
        delivery: { method: string };
        history: { kind: string; from: string; to: string; actor: string; reason?: string }[];
      }>();
    const after = await view();
    expect(after.delivery).toEqual({ method: 'locker' });
    expect(after.history.at(-1)).toEqual(
      expect.objectContaining({
        kind: 'lockerAssigned',
        from: 'resultReady',
        to: 'resultReady',
        actor: 'staff:clerk',
        reason: '柜门 cab-9-1-1（终端 kiosk-01）；取件方式由自助打印改为智能柜领取：申请人来电要求改为柜取',
      }),
    );
    // The kiosk no longer offers the result for printing: it waits in the door.
    const progress = await app.inject({
      method: 'GET',
      url: `${API}/progress?idNumber=${ADULT_ID}&name=${encodeURIComponent('李华')}`,
      headers: kiosk,
    });
    const mine = progress.json<{ items: { filingId?: string; resultUrl?: string }[] }>().items;
    expect(mine.find((i) => i.filingId === filingId)).not.toHaveProperty('resultUrl');
    const doors = await app.inject({ method: 'GET', url: `${API}/lockers/doors`, headers: clerk });
    const pickup = doors
      .json<{ doors: { id: string; filingId: string }[] }>()
      .doors.find((d) => d.filingId === filingId)!;
    await app.inject({
      method: 'POST',
      url: `${API}/staff/lockers/pickups/${pickup.id}/withdrawn`,
      headers: clerk,
      payload: { reason: '申请人改为窗口领取' },
    });
    expect((await view()).history.at(-1)).toMatchObject({
      kind: 'lockerWithdrawn',
      reason: '柜门 cab-9-1-1（终端 kiosk-01）：申请人改为窗口领取',
    });
  });

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
    // The kiosk retries the report from its locker journal (an answer lost, a restart): ok, no change.
    const again = await app.inject({
      method: 'POST',
      url: `${API}/lockers/pickup/${v.pickupId}/collected`,
      headers: kiosk,
      payload: {
        doorOpenedAt: new Date(clock.now()).toISOString(),
        doorClosedAt: new Date(clock.now() + 9000).toISOString(),
      },
    });
    expect(again.json()).toEqual({ ok: true });
    const history = await app.inject({ method: 'GET', url: `${API}/filings/${filingId}`, headers: kiosk });
    expect(history.json()).toEqual(filing.json());
  });

  it('records a deposit retried with its Idempotency-Key once, and refuses the key for another door', async () => {
    const filingId = await readyFiling();
    const place = { kioskId: 'kiosk-01', cabinetId: 'cab-idem', board: 1, door: 5 };
    const deposit = (key: string, where: object = {}) =>
      app.inject({
        method: 'POST',
        url: `${API}/lockers/deposits`,
        headers: { ...kiosk, 'idempotency-key': key },
        payload: { filingId, ...place, ...where },
      });
    const first = await deposit('deposit-key-0001');
    expect(first.statusCode).toBe(201);
    const { depositId } = first.json<{ depositId: string }>();
    const retry = await deposit('deposit-key-0001');
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ depositId });
    expect((await deposit('deposit-key-0001', { door: 6 })).json()).toMatchObject({
      error: { code: 'idempotencyConflict' },
    });
    // Without the key's memory the same door is occupied: a retry without a key is not a second deposit either.
    expect((await deposit('deposit-key-0002')).json()).toMatchObject({ error: { code: 'doorOccupied' } });
    expect((await deposit('bad key')).statusCode).toBe(400);
    const doors = await app.inject({
      method: 'GET',
      url: `${API}/lockers/doors?kioskId=kiosk-01`,
      headers: kiosk,
    });
    const mine = doors
      .json<{ doors: { id: string; filingId: string; content: string }[] }>()
      .doors.filter((d) => d.filingId === filingId && d.content === 'deposit');
    expect(mine.map((d) => d.id)).toEqual([depositId]);
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

  it('checks at most maxFailures guesses when they arrive in parallel, and locks out even the right code', async () => {
    const k5 = await registerKiosk(app, 'kiosk-05');
    const filingId = await readyFiling();
    const { pickupCode } = (
      await app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${filingId}/locker-assignment`,
        headers: clerk,
        payload: { kioskId: 'kiosk-05', cabinetId: 'cab-5', board: 1, door: 1 },
      })
    ).json<{ pickupCode: string }>();
    const wrong = (i: number) => String((Number(pickupCode) + 1 + i) % 1e8).padStart(8, '0');
    const attempt = (code: string) =>
      app.inject({
        method: 'POST',
        url: `${API}/lockers/pickup/verify`,
        headers: k5,
        payload: { kioskId: 'kiosk-05', code },
      });
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(wrong(i))));
    const statuses = burst.map((r) => r.statusCode).sort();
    // maxFailures is 3: two guesses come back "no such code", the third locks, the rest are never checked.
    expect(statuses).toEqual([404, 404, ...Array<number>(8).fill(423)]);
    expect((await attempt(pickupCode)).statusCode).toBe(423);
    clock.advance(300_001);
    const ok = await attempt(pickupCode);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ filingId, cabinetId: 'cab-5', board: 1, door: 1 });
  });

  it('knows which door holds what and never puts two things in one door', async () => {
    const k4 = await registerKiosk(app, 'kiosk-04');
    const first = await readyFiling();
    const second = await readyFiling();
    const place = { kioskId: 'kiosk-01', cabinetId: 'cab-L', board: 5, door: 1 };
    const assign = (filingId: string, where: object) =>
      app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${filingId}/locker-assignment`,
        headers: clerk,
        payload: where,
      });
    const doors = async (headers: Record<string, string>, q = '?kioskId=kiosk-01') => {
      const r = await app.inject({ method: 'GET', url: `${API}/lockers/doors${q}`, headers });
      expect(r.statusCode).toBe(200);
      return r.json<{
        doors: {
          id: string;
          content: string;
          filingId: string;
          door: number;
          state: string;
          expired: boolean;
        }[];
      }>().doors;
    };
    const a = await assign(first, place);
    expect(a.statusCode).toBe(201);
    const { pickupId } = a.json<{ pickupId: string }>();
    expect(await doors(kiosk)).toContainEqual(
      expect.objectContaining({
        content: 'result',
        filingId: first,
        door: 1,
        state: 'waiting',
        expired: false,
      }),
    );
    expect((await assign(second, place)).json()).toMatchObject({ error: { code: 'doorOccupied' } });
    expect((await assign(first, { ...place, door: 9 })).json()).toMatchObject({
      error: { code: 'alreadyAssigned' },
    });
    expect((await assign(second, { ...place, kioskId: 'no-such-kiosk' })).json()).toMatchObject({
      error: { code: 'unknownKiosk' },
    });
    const deposit = (where: object) =>
      app.inject({
        method: 'POST',
        url: `${API}/lockers/deposits`,
        headers: kiosk,
        payload: { filingId: second, ...place, ...where },
      });
    expect((await deposit({})).json()).toMatchObject({ error: { code: 'doorOccupied' } });
    const dep = await deposit({ door: 2 });
    expect(dep.statusCode).toBe(201);
    const { depositId } = dep.json<{ depositId: string }>();
    expect(await doors(kiosk)).toContainEqual(
      expect.objectContaining({ content: 'deposit', id: depositId, filingId: second, door: 2 }),
    );
    // A kiosk sees only its own doors; staff see the filing's doors on the filing.
    expect(
      (await app.inject({ method: 'GET', url: `${API}/lockers/doors?kioskId=kiosk-01`, headers: k4 }))
        .statusCode,
    ).toBe(403);
    expect((await doors(technician, '')).length).toBeGreaterThanOrEqual(2);
    const view = await app.inject({ method: 'GET', url: `${API}/filings/${first}`, headers: clerk });
    expect(view.json<{ lockers: unknown[] }>().lockers).toEqual([
      expect.objectContaining({ content: 'result', id: pickupId, door: 1 }),
    ]);

    // Uncollected past its expiry: staff take it back out, the code is dead and the door free.
    clock.advance(8 * 24 * 3600_000);
    clerk = await loginStaff(app, 'clerk');
    expect((await doors(clerk)).find((d) => d.id === pickupId)?.expired).toBe(true);
    const withdraw = () =>
      app.inject({
        method: 'POST',
        url: `${API}/staff/lockers/pickups/${pickupId}/withdrawn`,
        headers: clerk,
        payload: { reason: '超期未取，取回窗口' },
      });
    expect((await withdraw()).statusCode).toBe(200);
    expect((await withdraw()).statusCode).toBe(409);
    expect((await doors(clerk)).some((d) => d.id === pickupId)).toBe(false);
    expect((await assign(second, place)).statusCode).toBe(201);
    expect((await assign(first, { ...place, door: 3 })).statusCode).toBe(201);

    const retrieve = () =>
      app.inject({
        method: 'POST',
        url: `${API}/staff/lockers/deposits/${depositId}/retrieved`,
        headers: clerk,
        payload: {},
      });
    expect((await retrieve()).statusCode).toBe(200);
    expect((await retrieve()).statusCode).toBe(409);
    expect((await doors(clerk)).some((d) => d.id === depositId)).toBe(false);
    expect((await deposit({ door: 2 })).statusCode).toBe(201);
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
