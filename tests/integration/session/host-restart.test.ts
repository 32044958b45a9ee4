// A host restart ends the session: the real device host (main/host/worker.ts) in a child process,
// connected as the shells connect it (HostClient); killed with a citizen at the kiosk, the shell
// tells the page `session:ended {reason: hostRestart}`, and the restarted host waits on the attract
// screen with nothing of the previous citizen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { HostClient } from '../../../main/host/client';
import type { HostEvent } from '../../../main/host/messages';
import type { FlowView } from '../../../main/ipc/contract/flow';
import { startHostProcess, type HostRun } from '../../helpers/host-process';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-host-restart-'));
const runs: HostRun[] = [];
afterAll(() => {
  for (const r of runs) r.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const config = {
  kioskId: 'kiosk-restart',
  dataDir: path.join(dir, 'data'),
  site: { requiredRoles: [] },
  devices: [{ id: 'id-reader-1', family: 'id-card-reader', transport: { kind: 'simulated' } }],
};

it('ends a live session with hostRestart when the host dies; the restarted host starts in attract', async () => {
  const client = new HostClient(new MemoryLogger(), 20_000);
  const events: HostEvent[] = [];
  client.onEvent((e) => events.push(e));
  const start = () => {
    const run = startHostProcess(
      path.resolve('main/host/worker.ts'),
      config,
      path.join(dir, 'config.json'),
      client,
      { YIZHAN_LOG_LEVEL: 'warn' },
    );
    runs.push(run);
    return run;
  };

  const first = start();
  await first.ready;
  const started = await client.request('session:start', {});
  expect(started).toMatchObject({ ok: true, value: { phase: 'browsing' } });
  await expect.poll(() => events.some((e) => e.channel === 'flow:view'), { timeout: 10_000 }).toBe(true);
  expect(events.filter((e) => e.channel === 'session:ended')).toEqual([]);

  first.proc.kill('SIGKILL');
  await first.exited;
  expect(events.filter((e) => e.channel === 'session:ended').map((e) => e.payload)).toEqual([
    { reason: 'hostRestart', outcome: 'abandoned' },
  ]);

  const second = start();
  await second.ready;
  const after = await client.request('flow:send', { input: { kind: 'tap' } });
  expect(after.ok).toBe(true);
  expect((after as { value: FlowView }).value).toMatchObject({ phase: 'attract', reminders: [] });
  expect((after as { value: FlowView }).value.identity).toBeUndefined();
  // An idle host that exits is not a session ending: no second notice.
  second.proc.kill('SIGKILL');
  await second.exited;
  expect(events.filter((e) => e.channel === 'session:ended')).toHaveLength(1);
}, 60_000);
