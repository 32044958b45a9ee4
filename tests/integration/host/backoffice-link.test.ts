import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackoffice, openDatabase, type Database } from '../../../backoffice/index';
import { MemoryLogger } from '../../../devices/core';
import { HostConfig } from '../../../main/config/host-config';
import { createHost, type Host } from '../../../main/host/host';

const SECRET = 'link-test-secret-0123456789';
const ENROLL = 'link-test-enroll';
let dir = '';
let db: Database;
let app: FastifyInstance;
let origin = '';
let api = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-link-'));
  db = await openDatabase(`sqlite:${path.join(dir, 'bo.db')}`);
  app = await createBackoffice({ db, config: { secret: SECRET, enrollmentToken: ENROLL } });
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  api = `${origin}/api/v1`;
});
afterAll(async () => {
  await app.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post<T>(url: string, body: object, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

describe('kiosk host ↔ back office', () => {
  let host: Host | undefined;
  afterAll(() => host?.stop());

  it('reports every device’s health in heartbeats, so staff see a faulty device on the fleet page', async () => {
    const { credential } = await post<{ credential: string }>(
      `${api}/kiosks/register`,
      { kioskId: 'kiosk-link-01', name: '测试终端', site: 'lab' },
      { 'x-enrollment-token': ENROLL },
    );
    const config = HostConfig.parse({
      kioskId: 'kiosk-link-01',
      dataDir: path.join(dir, 'kiosk'),
      heartbeatIntervalMs: 1000,
      backoffice: { url: origin, credential },
      devices: [
        { id: 'id-reader-1', family: 'id-card-reader', transport: { kind: 'simulated' } },
        // A port that does not exist: the kiosk runs, and the back office learns the printer is missing.
        {
          id: 'receipt-printer-1',
          family: 'escpos-printer',
          transport: { kind: 'serial', path: '/dev/yizhan-no-such-port' },
          options: { profile: 'kp628' },
        },
      ],
    });
    host = await createHost(config, new MemoryLogger());
    const { token } = await post<{ token: string }>(`${api}/staff/login`, {
      username: 'technician',
      password: 'technician-dev-2026',
    });
    const fleet = async () => {
      const res = await fetch(`${api}/staff/kiosks`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      const items = (Array.isArray(body) ? body : (body as { items: unknown[] }).items) as {
        kioskId: string;
        presence: string;
        devices: { deviceId: string; health: string; detail?: { condition?: string } }[];
      }[];
      const k = items.find((i) => i.kioskId === 'kiosk-link-01');
      return (
        k && {
          presence: k.presence,
          devices: Object.fromEntries(k.devices.map((d) => [d.deviceId, d.health])),
          // What staff read on the fleet page: the condition, in words (未连接, 缺纸 …).
          conditions: Object.fromEntries(k.devices.map((d) => [d.deviceId, d.detail?.condition])),
        }
      );
    };
    await expect.poll(fleet, { timeout: 20_000, interval: 250 }).toEqual({
      presence: 'online',
      devices: { 'id-reader-1': 'online', 'receipt-printer-1': 'noDevice' },
      conditions: { 'id-reader-1': 'ready', 'receipt-printer-1': 'notConnected' },
    });
  });
});
