// The filing channels over the Chromium mode's loopback bridge, as the page's adapter
// (renderer/src/api/kiosk.ts) calls them: JSON with base64 scans in, Results and SSE events out.
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { startBridgeServer } from '../../../main/chromium-shell/bridge-server';
import { HostConfig } from '../../../main/config/host-config';
import { createHost, type Host } from '../../../main/host/host';
import type { HostEvent } from '../../../main/host/messages';
import { SUBMIT_BODY_LIMIT, type FilingStatusDto } from '../../../main/ipc/contract';
import { materialInput } from '../../../renderer/src/api/filings';
import { planFiling, sampleBytes, sha256Hex, submitInput } from '../../helpers/outbox-plan';
import {
  registerKiosk,
  serverFilings,
  staffLogin,
  startService,
  type TestService,
} from '../../helpers/outbox-service';

const KIOSK_ID = 'kiosk-bridge-01';
const TOKEN = 'bridge-test-token-0123456789';
let dir = '';
let service: TestService;
let host: Host;
let bridge: Awaited<ReturnType<typeof startBridgeServer>>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-bridge-'));
  service = await startService({ dir: path.join(dir, 'bo') });
  const credential = await registerKiosk(service.url, KIOSK_ID);
  const log = new MemoryLogger();
  host = await createHost(
    HostConfig.parse({
      kioskId: KIOSK_ID,
      dataDir: path.join(dir, 'kiosk'),
      backoffice: { url: service.url, credential },
    }),
    log,
  );
  mkdirSync(path.join(dir, 'renderer'));
  bridge = await startBridgeServer({
    rendererDir: path.join(dir, 'renderer'),
    handlers: host.handlers,
    onEvent: (l) => host.onEvent((channel, payload) => l({ kind: 'event', channel, payload } as HostEvent)),
    snapshot: () => [],
    token: TOKEN,
    log,
  });
});
afterAll(async () => {
  await bridge?.close();
  await host?.stop();
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const call = (channel: string, body: string, token = TOKEN) =>
  fetch(`${bridge.url}ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-token': token },
    body,
  });

/** Subscribes to the bridge's Server-Sent Events (resolves once subscribed), as the page's EventSource does. */
async function openEvents() {
  const res = await fetch(`${bridge.url}ipc/events?token=${TOKEN}`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  return { states: (until: (s: FilingStatusDto) => boolean) => readStates(reader, until) };
}

/** `filings:state` payloads until `until` accepts one. */
async function readStates(
  reader: ReadableStreamDefaultReader<string>,
  until: (s: FilingStatusDto) => boolean,
): Promise<FilingStatusDto[]> {
  const seen: FilingStatusDto[] = [];
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buf += value;
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event !== 'filings:state' || !data) continue;
        const s = JSON.parse(data) as FilingStatusDto;
        seen.push(s);
        if (until(s)) return seen;
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe('filing channels over the JSON bridge', () => {
  it('takes a filing with a 1.5 MB scan, answers it durable, and streams its states to delivered', async () => {
    const plan = planFiling(20261203, 0);
    // Built the way the page builds it: bytes → the renderer's own base64 encoder.
    const scan = sampleBytes('bridge/big', 1_500_000, 'jpeg');
    const input = {
      ...submitInput(plan),
      materials: [
        materialInput({
          name: '营业执照.jpg',
          kind: 'businessLicence',
          contentType: 'image/jpeg',
          bytes: scan,
        }),
      ],
    };
    const events = await openEvents();
    const res = await call('filings:submit', JSON.stringify(input));
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toMatchObject({ ok: true, value: { localId: input.localId } });
    const states = await events.states((s) => s.localId === input.localId && s.state === 'delivered');
    expect(states.map((s) => s.state)).toContain('sending');
    const tracking = states.at(-1)!.trackingNumber;
    expect(tracking).toMatch(/\S/);

    const onServer = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
      (f) => f.form.testTag === input.localId,
    );
    expect(onServer.map((f) => f.trackingNumber)).toEqual([tracking]);
    expect(onServer[0]!.materials.map((m) => m.sha256)).toEqual([sha256Hex(scan)]);

    const status = await call('filings:status', JSON.stringify({ localId: input.localId }));
    await expect(status.json()).resolves.toMatchObject({
      ok: true,
      value: { state: 'delivered', trackingNumber: tracking },
    });
  });

  it('answers an oversized submission with a tooLarge Result, and a call without the token with 403', async () => {
    const res = await call('filings:submit', 'x'.repeat(SUBMIT_BODY_LIMIT + 1));
    expect(res.status).toBe(413);
    await expect(res.json()).resolves.toEqual({
      ok: false,
      error: {
        code: 'tooLarge',
        message: 'request body too large for filings:submit',
        detail: 'materials',
      },
    });
    // Every other call keeps the 1 MiB limit.
    expect((await call('filings:status', 'x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await call('filings:status', '{"localId":"x"}', 'wrong-token-0123456789ab')).status).toBe(403);
  });

  it('refuses the right token from another origin, a cross-site fetch, or another host name', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${bridge.url}ipc/filings:status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-token': TOKEN, ...headers },
        body: '{"localId":"x"}',
      });
    const own = bridge.url.replace(/\/$/, '');
    expect((await post({ origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ origin: 'http://localhost:1' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    // DNS rebinding: a page of rebind.example resolved to 127.0.0.1 sends its own Host header.
    const rebound = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${bridge.url}ipc/events?token=${TOKEN}`);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname + u.search,
          headers: { host: `rebind.example:${u.port}` },
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.destroy();
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(403);
  });
});
