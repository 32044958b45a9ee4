// The answer to filings:submit is a promise that the filing survives: kill -9 the real host process
// the instant it answers, and the restarted host still has the filing and delivers it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { HostClient } from '../../../main/host/client';
import type { FilingStatusDto } from '../../../main/ipc/contract';
import { dispatch } from '../../../main/ipc/dispatch';
import { bundleHost, startHostProcess, type HostRun } from '../../helpers/host-process';
import { planFiling, sha256Hex, submitInput } from '../../helpers/outbox-plan';
import {
  registerKiosk,
  serverFilings,
  staffLogin,
  startService,
  type TestService,
} from '../../helpers/outbox-service';

const KIOSK_ID = 'kiosk-durable-01';
let dir = '';
let service: TestService;
let script = '';
const runs: HostRun[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-durable-'));
  service = await startService({ dir: path.join(dir, 'bo') });
  script = await bundleHost();
});
afterAll(async () => {
  for (const r of runs) r.proc.kill('SIGKILL');
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (script) rmSync(script, { force: true });
});

it('answers filings:submit only once the filing is durable: killed at the answer, the restarted host delivers it', async () => {
  const credential = await registerKiosk(service.url, KIOSK_ID);
  const config = {
    kioskId: KIOSK_ID,
    dataDir: path.join(dir, 'kiosk'),
    heartbeatIntervalMs: 1000,
    backoffice: { url: service.url, credential },
    // A back-office rig: no devices, said so (a kiosk site must name the roles it runs without).
    site: { requiredRoles: [] },
  };
  const log = new MemoryLogger();
  const client = new HostClient(log, 10_000);
  const handlers = client.forwardingHandlers();
  const start = async () => {
    const run = startHostProcess(script, config, path.join(dir, 'kiosk.json'), client);
    runs.push(run);
    await run.ready;
    return run;
  };

  // The back office is down, so nothing can leave the kiosk before the kill: only the disk has it.
  await service.stop();
  const input = submitInput(planFiling(20261202, 0));
  const first = await start();
  const answer = await dispatch('filings:submit', input, handlers, log);
  first.proc.kill('SIGKILL');
  expect(answer).toMatchObject({ ok: true, value: { localId: input.localId, state: 'pending' } });
  expect(await first.exited).toBeNull();

  await service.start();
  const second = await start();
  const seen: FilingStatusDto[] = [];
  client.onEvent((e) => e.channel === 'filings:state' && seen.push(e.payload));
  const after = await dispatch('filings:status', { localId: input.localId }, handlers, log);
  expect(after).toMatchObject({ ok: true, value: { localId: input.localId, serviceId: input.serviceId } });
  await expect
    .poll(() => seen.find((s) => s.state === 'delivered'), { timeout: 20_000 })
    .toMatchObject({ localId: input.localId, trackingNumber: expect.stringMatching(/\S/) as string });

  const onServer = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
    (f) => f.kioskId === KIOSK_ID,
  );
  expect(onServer).toHaveLength(1);
  expect(onServer[0]!.form.testTag).toBe(input.localId);
  expect(onServer[0]!.trackingNumber).toBe(seen.find((s) => s.state === 'delivered')!.trackingNumber);
  expect(onServer[0]!.materials.map((m) => `${m.name}:${m.sha256}`).sort()).toEqual(
    input.materials.map((m) => `${m.name}:${sha256Hex(Buffer.from(m.data, 'base64'))}`).sort(),
  );

  second.proc.kill('SIGTERM');
  expect(await second.exited).toBe(0);
});
