// 好差评 per GB/T 39734 on both databases: rating a past filing by receipt QR or tracking number +
// ID card, 差评 call-backs (回访), and the forwarder that delivers every rating with retries — to a
// scripted endpoint (waited on, never slept on) and over HTTP to a small local receiver.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../backoffice/index';
import { MIGRATIONS, RENAMED_RATING_OPTIONS, migrate } from '../../../backoffice/db/migrations';
import {
  HttpRatingEndpoint,
  RatingRefused,
  type ForwardedRating,
  type RatingEndpoint,
} from '../../../backoffice/providers/rating-endpoint';
import {
  ADULT_ID,
  BACKENDS,
  BackendHarness,
  TestClock,
  genericBody,
  loginStaff,
  registerKiosk,
} from '../../helpers/backoffice-server';
import { startJsonReceiver, type JsonReceiver } from '../../helpers/json-receiver';

const API = '/api/v1';

/** An endpoint whose answers the test scripts; every call is an event the test can wait for. */
class ScriptedEndpoint implements RatingEndpoint {
  readonly calls: ForwardedRating[] = [];
  next: 'accept' | 'fail' | 'refuse' = 'accept';
  #waiters: { count: number; resolve: () => void }[] = [];

  send(r: ForwardedRating): Promise<{ reference: string }> {
    this.calls.push(r);
    this.#waiters = this.#waiters.filter((w) => (w.count <= this.calls.length ? (w.resolve(), false) : true));
    if (this.next === 'fail') return Promise.reject(new Error('endpoint unreachable'));
    if (this.next === 'refuse') return Promise.reject(new RatingRefused('endpoint answered 422'));
    return Promise.resolve({ reference: `REF-${this.calls.length}` });
  }

  /** Resolves once `count` calls have arrived in all. */
  waitForCalls(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }
}

describe.each(BACKENDS)('好差评 on %s', (backend) => {
  const harness = new BackendHarness(backend);
  const clock = new TestClock();
  const endpoint = new ScriptedEndpoint();
  let app: FastifyInstance;
  let db: Database;
  let kiosk: Record<string, string>;
  let clerk: Record<string, string>;
  let seq = 0;

  beforeAll(async () => {
    ({ app, db } = await harness.start({
      clock,
      config: { ratingForwarding: { endpoint, intervalMs: 20, baseBackoffMs: 10_000 } },
    }));
    kiosk = await registerKiosk(app);
    clerk = await loginStaff(app, 'clerk');
    await app.ready();
  });
  afterAll(() => harness.stop());

  const file = async (idNumber = ADULT_ID) =>
    (
      await app.inject({
        method: 'POST',
        url: `${API}/filings`,
        headers: { ...kiosk, 'idempotency-key': `rating-${backend}-${++seq}` },
        payload: genericBody(idNumber),
      })
    ).json<{ filingId: string; trackingNumber: string; qrPayload: string }>();
  const rateByTracking = (filing: object, rating: object) =>
    app.inject({
      method: 'POST',
      url: `${API}/ratings`,
      headers: kiosk,
      payload: { kioskId: 'kiosk-01', filing, rating },
    });
  const ratingOf = async (filingId: string) =>
    (await app.inject({ method: 'GET', url: `${API}/staff/ratings`, headers: clerk }))
      .json<{ items: Record<string, unknown>[] }>()
      .items.find((i) => i.filingId === filingId);

  it('rates a past filing by its receipt QR, or by tracking number with the applicant’s ID card only', async () => {
    endpoint.next = 'accept';
    const a = await file();
    const b = await file();
    const praise = { level: 4, options: ['guideClear'] };
    const byQr = await rateByTracking({ qr: a.qrPayload }, praise);
    expect(byQr.statusCode).toBe(201);
    expect(byQr.json()).toEqual({
      trackingNumber: a.trackingNumber,
      level: 4,
      levelName: '满意',
      badRating: false,
    });
    expect((await rateByTracking({ qr: a.qrPayload }, praise)).json()).toMatchObject({
      error: { code: 'alreadyRated' },
    });
    const someoneElse = await rateByTracking(
      { trackingNumber: b.trackingNumber, idNumber: '110101199003070011' },
      praise,
    );
    expect(someoneElse.statusCode).toBe(404);
    const typo = b.trackingNumber.slice(0, -1) + (b.trackingNumber.endsWith('0') ? '1' : '0');
    expect((await rateByTracking({ trackingNumber: typo, idNumber: ADULT_ID }, praise)).json()).toMatchObject(
      {
        error: { code: 'badTrackingNumber' },
      },
    );
    const forged = a.qrPayload.replace(/v=.*/, 'v=AAAAAAAAAAAAAAAA');
    expect((await rateByTracking({ qr: forged }, praise)).json()).toMatchObject({
      error: { code: 'badQrCode' },
    });
    const typed = await rateByTracking(
      { trackingNumber: b.trackingNumber.toLowerCase(), idNumber: ADULT_ID },
      { level: 1, options: ['longWait', 'other'], text: '等了一个小时' },
    );
    expect(typed.json()).toMatchObject({
      trackingNumber: b.trackingNumber,
      levelName: '非常不满意',
      badRating: true,
    });
    const progress = await app.inject({
      method: 'GET',
      url: `${API}/progress?trackingNumber=${b.trackingNumber}`,
      headers: kiosk,
    });
    expect(progress.json()).toMatchObject({ items: [{ rated: true }] });
    // 差评 needs a reason; "other" needs the text.
    const c = await file();
    expect((await rateByTracking({ qr: c.qrPayload }, { level: 2, options: [] })).statusCode).toBe(400);
    expect((await rateByTracking({ qr: c.qrPayload }, { level: 2, options: ['other'] })).statusCode).toBe(
      400,
    );
  });

  it('forwards each rating with the GB/T 39734 record, and shows it sent', async () => {
    endpoint.next = 'accept';
    const f = await file();
    const before = endpoint.calls.length;
    await rateByTracking({ qr: f.qrPayload }, { level: 2, options: ['terminalFault'], text: '屏幕不灵' });
    await endpoint.waitForCalls(before + 1);
    // A rating of an earlier test may be the call that arrived first: wait for this one.
    await expect.poll(() => endpoint.calls.some((c) => c.ratingId === f.filingId)).toBe(true);
    const sent = endpoint.calls.find((c) => c.ratingId === f.filingId)!;
    expect(sent).toMatchObject({
      caseNumber: f.trackingNumber,
      serviceId: 'generic-application',
      serviceName: '综合申请',
      terminalId: 'kiosk-01',
      site: '东城区政务服务中心',
      channel: 'selfServiceTerminal',
      channelName: '自助终端',
      level: 2,
      levelName: '不满意',
      options: [
        {
          code: 'terminalFault',
          label: '终端故障或操作困难',
          indicator: 'competence',
          indicatorName: '服务水平',
        },
      ],
      comment: '屏幕不灵',
      badRating: true,
      rater: { name: '李华', idNumber: ADULT_ID },
    });
    await expect
      .poll(async () => (await ratingOf(f.filingId))?.forwarding)
      .toMatchObject({
        state: 'sent',
        attempts: 1,
        reference: expect.stringMatching(/^REF-/) as unknown,
      });
    const audit = await db.query<{ action: string }>('SELECT action FROM audit_log WHERE subject = ?', [
      f.filingId,
    ]);
    expect(audit.map((x) => x.action)).toContain('rating.forwarded');
  });

  it('retries an unreachable endpoint with backoff, and keeps a refused rating for staff', async () => {
    endpoint.next = 'fail';
    const f = await file();
    const before = endpoint.calls.length;
    await rateByTracking({ qr: f.qrPayload }, { level: 5, options: [] });
    await endpoint.waitForCalls(before + 1);
    await expect
      .poll(async () => (await ratingOf(f.filingId))?.forwarding)
      .toMatchObject({
        state: 'pending',
        attempts: 1,
        error: 'endpoint unreachable',
      });
    // Due again only after its backoff: 5–10 s for the first retry (half fixed, half jitter).
    const [due] = await db.query<{ forward_next_at: number }>(
      'SELECT forward_next_at FROM ratings WHERE filing_id = ?',
      [f.filingId],
    );
    expect(Number(due?.forward_next_at) - clock.now()).toBeGreaterThanOrEqual(5_000);
    expect(Number(due?.forward_next_at) - clock.now()).toBeLessThanOrEqual(10_000);
    expect(endpoint.calls.length).toBe(before + 1);
    endpoint.next = 'accept';
    clock.advance(10_000);
    await endpoint.waitForCalls(before + 2);
    await expect
      .poll(async () => (await ratingOf(f.filingId))?.forwarding)
      .toMatchObject({
        state: 'sent',
        attempts: 2,
      });

    endpoint.next = 'refuse';
    const g = await file();
    const now = endpoint.calls.length;
    await rateByTracking({ qr: g.qrPayload }, { level: 3, options: ['noWaiting'] });
    await endpoint.waitForCalls(now + 1);
    await expect
      .poll(async () => (await ratingOf(g.filingId))?.forwarding)
      .toMatchObject({
        state: 'rejected',
        error: 'endpoint answered 422',
      });
    clock.advance(3600_000);
    endpoint.next = 'accept';
    const later = await file();
    await rateByTracking({ qr: later.qrPayload }, { level: 5, options: [] });
    await endpoint.waitForCalls(now + 2);
    expect(endpoint.calls.slice(now + 1).map((c) => c.ratingId)).not.toContain(g.filingId);
  });

  it('flags every 差评 for a call-back (回访) until the applicant is reached', async () => {
    endpoint.next = 'accept';
    const f = await file();
    await rateByTracking({ qr: f.qrPayload }, { level: 1, options: ['poorAttitude'] });
    expect(await ratingOf(f.filingId)).toMatchObject({ badRating: true, callback: { state: 'pending' } });
    const callback = (body: object, filingId = f.filingId, headers = clerk) =>
      app.inject({
        method: 'POST',
        url: `${API}/staff/ratings/${filingId}/callback`,
        headers,
        payload: body,
      });
    const missed = await callback({ reached: false, note: '电话无人接听' });
    expect(missed.json()).toMatchObject({
      items: [{ callback: { state: 'pending', reached: false, note: '电话无人接听', by: 'staff:clerk' } }],
    });
    const done = await callback({ reached: true, note: '已致歉，窗口人员已批评教育' });
    expect(done.json()).toMatchObject({ items: [{ callback: { state: 'done', reached: true } }] });
    const history = (await app.inject({ method: 'GET', url: `${API}/filings/${f.filingId}`, headers: clerk }))
      .json<{ history: { kind: string; reason?: string }[] }>()
      .history.filter((h) => h.kind !== 'status');
    expect(history).toEqual([
      expect.objectContaining({ kind: 'rated', reason: '非常不满意：服务态度差' }),
      expect.objectContaining({ kind: 'ratingCallback', reason: '回访未联系上：电话无人接听' }),
      expect.objectContaining({ kind: 'ratingCallback', reason: '回访已联系上：已致歉，窗口人员已批评教育' }),
    ]);
    const good = await file();
    await rateByTracking({ qr: good.qrPayload }, { level: 5, options: [] });
    expect((await callback({ reached: true, note: 'x' }, good.filingId)).json()).toMatchObject({
      error: { code: 'notABadRating' },
    });
    const technician = await loginStaff(app, 'technician');
    expect((await callback({ reached: true, note: 'x' }, f.filingId, technician)).statusCode).toBe(403);
  });
  it('migrates ratings stored with the back office’s interim option ids to those of domain/rating', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-rating-migration-'));
    try {
      const spec = backend === 'sqlite' ? `sqlite:${path.join(dir, 'bo.db')}` : await harness.databaseSpec();
      const old = await openDatabase(spec);
      // A database as version 6 left it, holding ratings with every renamed id (and a kept one).
      await migrate(
        old,
        clock.now(),
        MIGRATIONS.filter((m) => m.version <= 6),
      );
      const stored = [...RENAMED_RATING_OPTIONS.map(([from]) => from), 'longWait'];
      await old.run(
        `INSERT INTO filings (filing_id, tracking_number, service_id, kiosk_id, applicant_id_number, applicant_id_hash,
          applicant_name, form, delivery, status, submitted_at, updated_at)
         VALUES ('f-old', 'YZ20261101-000001K', 'generic-application', 'kiosk-01', ?, 'h', '李华', '{}', '{"method":"print"}', 'submitted', 1, 1)`,
        [ADULT_ID],
      );
      await old.run(
        `INSERT INTO ratings (filing_id, level, options, kiosk_id, rated_at) VALUES ('f-old', 1, ?, 'kiosk-01', 1)`,
        [JSON.stringify(stored)],
      );
      await old.close();
      const { app: upgraded } = await harness.start({ spec, clock });
      const staff = await loginStaff(upgraded, 'clerk');
      const items = (
        await upgraded.inject({ method: 'GET', url: `${API}/staff/ratings`, headers: staff })
      ).json<{
        items: { filingId: string; options: { code: string; label: string }[] }[];
      }>().items;
      expect(items.find((i) => i.filingId === 'f-old')?.options).toEqual(
        [...RENAMED_RATING_OPTIONS.map(([, to]) => to), 'longWait'].map((code) => ({
          code,
          label: expect.not.stringMatching(/^[a-zA-Z]+$/) as unknown,
        })),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HttpRatingEndpoint', () => {
  let receiver: JsonReceiver;
  let url = '';
  let status = 201;

  beforeAll(async () => {
    receiver = await startJsonReceiver(() => ({ status, body: { reference: 'HCP-1' } }));
    url = `${receiver.origin}/hcp/ratings`;
  });
  afterAll(() => receiver.close());

  const record = {
    ratingId: 'f-1',
    caseNumber: 'YZ20261123-000001K',
    level: 2,
    rater: { name: '李华', idNumber: ADULT_ID },
  } as unknown as ForwardedRating;

  it('POSTs the record with its idempotency key and tells delivered, refused and retry apart', async () => {
    const e = new HttpRatingEndpoint({ url, token: 'hcp-token' });
    status = 201;
    expect(await e.send(record)).toEqual({ reference: 'HCP-1' });
    expect(receiver.received[0]).toMatchObject({ method: 'POST', url: '/hcp/ratings', body: record });
    expect(receiver.received[0]?.headers).toMatchObject({
      'idempotency-key': 'f-1',
      authorization: 'Bearer hcp-token',
    });
    status = 409; // already received: delivered
    expect(await e.send(record)).toEqual({ reference: 'f-1' });
    status = 422;
    await expect(e.send(record)).rejects.toBeInstanceOf(RatingRefused);
    for (const retry of [429, 503]) {
      status = retry;
      const err = await e.send(record).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(RatingRefused);
    }
  });
});
