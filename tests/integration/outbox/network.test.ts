// The kiosk outbox against the real back office when the network or the request is bad:
// server down → entries wait with growing backoff → server back → each delivered exactly once;
// a 4xx is final and keeps the entry for staff.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackofficeClient, Outbox, type OutboxStatus } from '../../../main/backend';
import { planFiling, sha256Hex } from '../../helpers/outbox-plan';
import {
  registerKiosk,
  serverFilings,
  staffLogin,
  startService,
  type TestService,
} from '../../helpers/outbox-service';

const SEED = 7;
let dir: string;
let service: TestService;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-outbox-net-'));
  service = await startService({ dir: path.join(dir, 'server') });
});

afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function kioskOutbox(kioskId: string) {
  const credential = await registerKiosk(service.url, kioskId);
  const client = new BackofficeClient({ baseUrl: service.url, kioskId, credential, timeoutMs: 2_000 });
  return new Outbox({
    dataDir: path.join(dir, kioskId),
    openDatabase: (file) => new Database(file),
    client,
    backoff: { baseMs: 100, maxMs: 800, factor: 2 },
    idlePollMs: 100,
  });
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('outbox with the back office down', () => {
  it('keeps entries pending with growing backoff, then delivers each once', async () => {
    const outbox = await kioskOutbox('net-kiosk-01');
    const stop = new AbortController();
    const retries: { at: number; status: OutboxStatus }[] = [];
    outbox.events.on('state', (s) => {
      if (s.state === 'pending' && s.lastError) retries.push({ at: Date.now(), status: s });
    });
    try {
      await service.stop();
      const draining = outbox.drain(stop.signal);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await outbox.enqueueFiling(planFiling(SEED, i))).localId);
      for (const f of ['outbox.sqlite', 'outbox.sqlite-wal'])
        expect(statSync(path.join(dir, 'net-kiosk-01', f)).mode & 0o777, f).toBe(0o600);
      expect(ids.map((id) => outbox.status(id)?.label.zh)).toEqual(Array(3).fill('已提交，正在同步'));

      await until(
        () => ids.every((id) => (outbox.status(id)?.attempts ?? 0) >= 4),
        15_000,
        'four attempts each',
      );
      for (const id of ids) {
        const s = outbox.status(id)!;
        expect(s.state === 'pending' || s.state === 'sending').toBe(true);
        expect(s.lastError).toBe('network');
      }
      // Equal-jitter backoff: each wait is at least the previous one and never above the cap.
      const waits = retries
        .filter((r) => r.status.localId === ids[0])
        .map((r) => r.status.nextAttemptAt! - r.at);
      expect(waits.length).toBeGreaterThanOrEqual(3);
      waits.forEach((w, k) => {
        expect(w).toBeLessThanOrEqual(800);
        if (k > 0) expect(w).toBeGreaterThanOrEqual(waits[k - 1]! - 20);
      });

      await service.start();
      await until(() => ids.every((id) => outbox.status(id)?.state === 'delivered'), 15_000, 'delivery');
      expect(outbox.status(ids[0]!)?.label.zh).toBe('已送达');
      stop.abort();
      await draining;

      const onServer = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
        (f) => f.kioskId === 'net-kiosk-01',
      );
      expect(onServer).toHaveLength(3);
      for (let i = 0; i < 3; i++) {
        const plan = planFiling(SEED, i);
        const f = onServer.find((x) => x.form.testTag === plan.localId);
        expect(f?.materials.map((m) => m.sha256).sort()).toEqual(
          plan.materials.map((m) => sha256Hex(m.bytes)).sort(),
        );
        expect(outbox.status(plan.localId!)?.trackingNumber).toBe(f?.trackingNumber);
      }
    } finally {
      stop.abort();
      if (!service.running) await service.start();
      outbox.close();
    }
  });
});

describe('outbox when the back office refuses a filing', () => {
  it('marks it rejected with the server code, stops retrying, and purges on discard', async () => {
    const outbox = await kioskOutbox('net-kiosk-02');
    try {
      const bad = { ...planFiling(SEED, 10), serviceId: 'no-such-service' };
      const { localId } = await outbox.enqueueFiling(bad);
      await outbox.drainOnce();
      const s = outbox.status(localId)!;
      expect(s.state).toBe('rejected');
      expect(s.rejection).toMatchObject({ code: 'unknownService', status: 400 });
      expect(s.attempts).toBe(1);

      outbox.retryNow();
      await outbox.drainOnce();
      expect(outbox.status(localId)?.attempts).toBe(1);

      const db = new Database(path.join(dir, 'net-kiosk-02', 'outbox.sqlite'), { readonly: true });
      const body = () =>
        (
          db.prepare('SELECT body FROM outbox_entry WHERE local_id = ?').get(localId) as {
            body: string | null;
          }
        ).body;
      try {
        expect(body()).not.toBeNull();
        expect(outbox.discardRejected(localId)).toBe(true);
        expect(body()).toBeNull();
        expect(
          db.prepare('SELECT COUNT(*) AS n FROM outbox_material WHERE local_id = ?').get(localId),
        ).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } finally {
      outbox.close();
    }
  });

  it('enqueueing the same session twice files once', async () => {
    const outbox = await kioskOutbox('net-kiosk-03');
    try {
      const plan = planFiling(SEED, 20);
      const a = await outbox.enqueueFiling(plan);
      const b = await outbox.enqueueFiling(plan);
      expect(b.localId).toBe(a.localId);
      await outbox.drainOnce();
      expect(outbox.list()).toHaveLength(1);
      const onServer = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
        (f) => f.kioskId === 'net-kiosk-03',
      );
      expect(onServer).toHaveLength(1);
      expect(outbox.status(a.localId)?.state).toBe('delivered');
    } finally {
      outbox.close();
    }
  });
});

describe('outbox against a back office slower than the kiosk is patient', () => {
  it('keeps one copy of each material when an upload commits after the kiosk gave up on it', async () => {
    // The first upload of every material stalls 1.5 s before the server stores it; the kiosk gives
    // up after 0.6 s, finds nothing on the server yet, and sends it again. Only the material's
    // Idempotency-Key lets the server tell the late first copy from the retry.
    const stalled = new Set<string>();
    const slow = await startService({
      dir: path.join(dir, 'slow-server'),
      decorate: (app) => {
        app.addHook('preHandler', async (req) => {
          if (req.method !== 'POST' || !req.url.includes('/materials')) return;
          const key = String(req.headers['idempotency-key']);
          if (stalled.has(key)) return;
          stalled.add(key);
          await new Promise((r) => setTimeout(r, 1500));
        });
      },
    });
    try {
      const kioskId = 'slow-kiosk-01';
      const credential = await registerKiosk(slow.url, kioskId);
      const client = new BackofficeClient({ baseUrl: slow.url, kioskId, credential, timeoutMs: 600 });
      const outbox = new Outbox({
        dataDir: path.join(dir, kioskId),
        openDatabase: (file) => new Database(file),
        client,
        backoff: { baseMs: 50, maxMs: 200, factor: 2 },
        idlePollMs: 50,
      });
      const stop = new AbortController();
      try {
        const plan = planFiling(SEED, 30);
        const draining = outbox.drain(stop.signal);
        const { localId } = await outbox.enqueueFiling(plan);
        await until(() => outbox.status(localId)?.state === 'delivered', 30_000, 'delivery');
        // Let every stalled first copy finish on the server before counting.
        await new Promise((r) => setTimeout(r, 1800));
        stop.abort();
        await draining;
        expect(outbox.status(localId)?.attempts).toBeGreaterThan(1);
        expect(stalled.size).toBe(plan.materials.length);
        const onServer = (await serverFilings(slow.url, await staffLogin(slow.url, 'clerk'))).filter(
          (f) => f.kioskId === kioskId,
        );
        expect(onServer).toHaveLength(1);
        expect(onServer[0]!.materials.map((m) => m.sha256).sort()).toEqual(
          plan.materials.map((m) => sha256Hex(m.bytes)).sort(),
        );
      } finally {
        stop.abort();
        outbox.close();
      }
    } finally {
      await slow.stop();
    }
  });
});
