// `yizhan sim control` as a person driving a demonstration would use it: the real command against a
// running host process (the one `yizhan start` forks) with the simulated site, each change seen where
// the page and the back office see it (devices:list).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { defaultDevices } from '../../../main/config/default-devices';
import { simControlSocket } from '../../../main/device-host/sim-control/protocol';
import { HostClient } from '../../../main/host/client';
import type { DeviceStatusDto } from '../../../main/ipc/contract';
import { startHostProcess, type HostRun } from '../../helpers/host-process';
import { runYizhan } from '../../helpers/locker-cli';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-simctl-'));
const dataDir = path.join(dir, 'data');
let run: HostRun;
const client = new HostClient(new MemoryLogger(), 10_000);

beforeAll(async () => {
  run = startHostProcess(
    path.join(ROOT, 'main/host/worker.ts'),
    {
      kioskId: 'kiosk-simctl',
      dataDir,
      site: { requiredRoles: [] },
      // The simulated site, with the card reader in process whatever this machine runs.
      devices: defaultDevices().map((d) =>
        d.family === 'pcsc-reader' ? { ...d, options: { simulator: { via: 'in-process' } } } : d,
      ),
    },
    path.join(dir, 'kiosk.json'),
    client,
    { YIZHAN_LOG_LEVEL: 'info' },
  );
  await run.ready;
}, 60_000);
afterAll(() => {
  run?.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  ok: boolean;
  result?: Record<string, unknown> & { devices?: Record<string, unknown>[] };
  error?: { code: string; message: string };
}
const control = async (...words: string[]) => {
  const r = await runYizhan(['sim', 'control', ...words, '--data-dir', dataDir], 30_000);
  return {
    code: r.code,
    answer: JSON.parse(r.stdout) as Answer,
    stderr: r.stderr,
  };
};
const device = async (id: string): Promise<DeviceStatusDto> => {
  const r = await client.request('devices:list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as DeviceStatusDto[]).find((d) => d.deviceId === id)!;
};

describe('yizhan sim control against a running host', { timeout: 90_000 }, () => {
  it('listens only for this user, and lists every simulated device', async () => {
    const socket = simControlSocket(dataDir);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    const { code, answer } = await control('status');
    expect(code).toBe(0);
    const ids = answer.result!.devices!.map((d) => d.deviceId);
    expect(ids).toEqual([
      'id-reader-1',
      'card-reader-1',
      'receipt-printer-1',
      'a4-printer-1',
      'scanner-1',
      'camera-1',
      'locker-1',
    ]);
    expect(answer.result!.devices![1]).toMatchObject({ via: 'in-process', inserted: false });
  });

  it('places and lifts an ID card (the 生僻字 sample), the host reads it and logs nothing personal', async () => {
    await expect
      .poll(() => device('id-reader-1').then((d) => d.condition), { timeout: 10_000 })
      .toBe('ready');
    expect(await control('idcard', 'place', 'rareName')).toMatchObject({ code: 0, answer: { ok: true } });
    await expect
      .poll(() => device('id-reader-1').then((d) => d.detail.card), { timeout: 10_000 })
      .toBe('read');
    expect(await control('idcard', 'remove')).toMatchObject({ code: 0 });
    await expect
      .poll(() => device('id-reader-1').then((d) => d.detail.card), { timeout: 10_000 })
      .toBe('absent');
    expect(run.logs.join('\n')).toContain('320102********1239');
    expect(run.logs.join('\n')).not.toMatch(/䶮|320102199003071239/);
  });

  it('inserts and removes a bank card', async () => {
    expect(await control('card', 'insert', 'unionpay-debit')).toMatchObject({
      code: 0,
      answer: { ok: true },
    });
    await expect.poll(() => device('card-reader-1').then((d) => d.detail.card)).toBe('present');
    await control('card', 'remove');
    await expect.poll(() => device('card-reader-1').then((d) => d.detail.card)).toBe('absent');
  });

  it('scans a code', async () => {
    await expect.poll(() => device('scanner-1').then((d) => d.condition), { timeout: 10_000 }).toBe('ready');
    expect(await control('scan', 'SF1234567890')).toMatchObject({
      code: 0,
      answer: { result: { scanned: 12 } },
    });
    await expect.poll(() => device('scanner-1').then((d) => d.detail.scans)).toBe(1);
  });

  it('puts paper out and back, opens and closes the cover: the status names 缺纸 and 开盖', async () => {
    // The host runs on real time: on a loaded machine a status poll can time out first
    // (printerOffline) before the printer's answer names the paper; wait for the answer.
    // The host printed its start-up slip: take it, so the presenter is empty before the faults.
    await control('receipt', 'take');
    await expect
      .poll(() => device('receipt-printer-1').then((d) => d.condition), { timeout: 30_000 })
      .toBe('ready');
    await control('paper', 'out');
    await expect
      .poll(() => device('receipt-printer-1').then((d) => d.condition), { timeout: 30_000 })
      .toBe('paperOut');
    await control('paper', 'ok');
    await control('cover', 'open');
    await expect
      .poll(() => device('receipt-printer-1').then((d) => d.condition), { timeout: 30_000 })
      .toBe('coverOpen');
    await control('cover', 'closed');
    await expect
      .poll(() => device('receipt-printer-1').then((d) => d.condition), { timeout: 30_000 })
      .toBe('ready');
    expect(await control('receipt', 'take')).toMatchObject({ code: 0, answer: { result: { taken: false } } });
  });

  it('pries a locker door open and closes it; jams and frees one; puts something in and takes it out', async () => {
    const cabinet = () => control('status').then((s) => s.answer.result!.devices![6]!);
    expect(await control('locker', 'force', '1', '4')).toMatchObject({ answer: { result: { open: true } } });
    await expect.poll(() => cabinet().then((c) => c.openDoors)).toEqual(['1:4']);
    expect(await control('locker', 'close', '1', '4')).toMatchObject({ answer: { result: { open: false } } });
    expect(await control('locker', 'jam', '1', '5')).toMatchObject({ code: 0 });
    expect(await control('locker', 'item', '1', '6')).toMatchObject({ code: 0 });
    expect(await cabinet()).toMatchObject({ openDoors: [], jammedDoors: ['1:5'], doorsWithItems: ['1:6'] });
    expect(await control('locker', 'free', '1', '5')).toMatchObject({ code: 0 });
    expect(await control('locker', 'empty', '1', '6')).toMatchObject({ code: 0 });
    expect(await cabinet()).toMatchObject({ jammedDoors: [], doorsWithItems: [] });
  });

  it('unplugs a device and plugs it back', async () => {
    expect(await control('unplug', 'idCard')).toMatchObject({
      code: 0,
      answer: { result: { deviceId: 'id-reader-1', plugged: false } },
    });
    await expect
      .poll(() => device('id-reader-1').then((d) => d.condition), { timeout: 15_000 })
      .toBe('notConnected');
    await control('replug', 'id-reader-1');
    await expect
      .poll(() => device('id-reader-1').then((d) => d.condition), { timeout: 20_000 })
      .toBe('ready');
  }, 60_000);

  it('answers a refusal with exit 1, a bad invocation with exit 2, and no kiosk with notConnected', async () => {
    const unknown = await control('idcard', 'place', 'nobody');
    expect(unknown).toMatchObject({ code: 1, answer: { ok: false, error: { code: 'invalidArgument' } } });
    expect(unknown.answer.error!.message).toMatch(/rareName/);
    const a4 = await control('paper', 'low', '--printer', 'a4');
    expect(a4).toMatchObject({ code: 1, answer: { ok: false, error: { code: 'unsupported' } } });
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'bin/yizhan.mjs'), 'sim', 'control', 'eject'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown verb "eject"/);
    const none = await runYizhan(['sim', 'control', 'status', '--data-dir', path.join(dir, 'nothing')]);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject({ ok: false, error: { code: 'notConnected' } });
  }, 60_000);
});
